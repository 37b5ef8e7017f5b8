/* What the end-to-end tests share to drive the real trainer through SDL's
 * event queue and to read back what it stored. */
#ifndef GMI_TEST_DRIVE_H
#define GMI_TEST_DRIVE_H

#include <SDL.h>
#include <stdbool.h>

/* How long a script waits after a screen comes up before its first tap
 * or key: a screen takes none for SCENE_GUARD_MS (scenes.h, which the
 * script includes), and it may come up a little after the input that
 * brought it. */
#define DRIVE_SETTLE_MS (SCENE_GUARD_MS + 300)

/* The longest a script waits for a screen that comes after work of
 * unbounded length (the trainer's start, the PIN's hash) on a machine busy
 * with other tests. */
#define DRIVE_SLOW_MS 15000

/* A key going down and up. */
void drive_key(SDL_Keycode key, SDL_Scancode code);

/* A touch at (x, y) in fractions of the window (w by h pixels) as SDL
 * delivers it: the synthetic mouse press first, then the finger. */
void drive_touch(float x, float y, int w, int h);

/* A real mouse click (not a touch) at window coordinates. */
void drive_click(int x, int y);

/* The title of the trainer's window (it names the screen shown) into buf,
 * "" when there is no such window. Read from another thread than the
 * trainer's, so only while the screen stays put. */
void drive_window_title(char *buf, size_t cap);

/* Waits up to limit_ms for the window's title to be "GMI Trainer: " and
 * screen; says whether it was, and on standard error what it showed if
 * not. A script waits so for a screen that comes after work of unbounded
 * length (the PIN's hash, a file's reading) instead of sleeping a guess. */
bool drive_wait_title(const char *screen, int limit_ms);

/* A single-value query on a read-only connection to the database at path;
 * -1 on failure. */
long long drive_query(const char *path, const char *sql_text);

/* Runs sql_text (one or more statements) on the database at path. Returns
 * 0, or -1 with SQLite's message on standard error. */
int drive_sql(const char *path, const char *sql_text);

/* The whole file at path in new memory (the caller frees it), with a NUL
 * after its *len bytes; NULL when it cannot be read. */
char *drive_slurp(const char *path, size_t *len);

/* Writes garbage over the page of the database at path that holds the root
 * of `table` (found from PRAGMA page_size and sqlite_master). Returns 0, or
 * -1 when the page could not be found or written. */
int drive_damage_table(const char *path, const char *table);

/* Removes the files (not folders) in dir. */
void drive_remove_files(const char *dir);

#endif
