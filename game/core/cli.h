/* The command line of gmi-trainer, parsed and validated without side
 * effects so a usage error can be reported before anything is opened. */
#ifndef GMI_CLI_H
#define GMI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drill.h"

#define CLI_PROFILE_MAX 40

typedef enum CliCommand { CLI_HOME, CLI_DRILL, CLI_EXPORT, CLI_HELP, CLI_VERSION } CliCommand;

typedef struct CliOptions {
    CliCommand command;
    const char *db_path; /* NULL: the per-user data folder */
    const char *profile; /* NULL: the first profile (made on first run) */
    bool fullscreen;     /* default true */
    DrillSettings drill; /* drill command: the defaults with the options given */
    bool seed_given;
    uint64_t seed;
    const char *out_path; /* export: NULL for standard output */
} CliOptions;

/* Parses argv[1..argc). Strings in *out point into argv. Returns 0, or -1
 * with one line saying what is wrong in err. */
int cli_parse(int argc, char **argv, CliOptions *out, char *err, size_t errlen);

/* The usage text printed by --help and after a usage error. */
const char *cli_usage(void);

/* Checks a profile name: 1..CLI_PROFILE_MAX bytes, no control characters,
 * not only spaces. Returns 0 if valid. */
int cli_check_profile_name(const char *name);

#endif
