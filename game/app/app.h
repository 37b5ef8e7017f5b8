/* The trainer as a whole: parses the command line, opens the data, runs the
 * screens or the export, and reports any failure once, here. */
#ifndef GMI_APP_H
#define GMI_APP_H

/* Runs gmi-trainer with the given arguments and returns its exit status:
 * 0 on success, 1 on a failure (reported on stderr and, with a window open,
 * on screen), 2 on a usage error (nothing opened or written). */
int app_run(int argc, char **argv);

#endif
