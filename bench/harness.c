/* Measures the trainer from outside, on an X display (run it under Xvfb):
 *
 *   harness response-times APP N   drives an N-picture drill: watches the
 *       screen for each picture's onset, presses a key through XTest at a
 *       known delay (300-900 ms plus sub-millisecond jitter) from its own X
 *       connection, then compares the exported rt_ms with the truth.
 *   harness startup APP RUNS       time from starting APP to the home
 *       screen's start button on the screen, and the median time of each
 *       start-up stage (the stamps APP prints with GMI_STARTUP_STAMPS set).
 *   harness memory APP             peak resident memory of a 100-picture
 *       level-4 drill run to its end.
 *   harness memory-mirror APP      peak resident memory of a 2-minute
 *       mirror-therapy session of the hand.
 *
 * Times are CLOCK_MONOTONIC_RAW, the clock the trainer stamps with. Each
 * mode prints one line of results. */
#define _GNU_SOURCE
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XTest.h>
#include <X11/extensions/Xdamage.h>
#include <X11/keysym.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "measure.h"

static Display *dpy;
static Window root;
static int damage_event; /* the X event number of a damage report */
static int screen_w, screen_h;
static char work[256], db[300];

static void sleep_ns(int64_t ns)
{
    struct timespec t = {(time_t)(ns / 1000000000), (long)(ns % 1000000000)};
    nanosleep(&t, NULL);
}

static void die(const char *what)
{
    fprintf(stderr, "harness: %s\n", what);
    exit(1);
}

static pid_t spawn(char *const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        execv(argv[0], argv);
        _exit(127);
    }
    if (pid < 0)
        die("cannot start the trainer");
    return pid;
}

static void stop(pid_t pid)
{
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
}

/* Counts pixels of a kind along a few rows across the middle of the
 * screen, read in one request, whose serial number goes to *serial. A
 * picture is skin: clearly redder than blue; rows through the middle. The
 * home screen's Start button is the accent colour; rows through the upper
 * quarter, where it sits. */
typedef enum Kind { KIND_SKIN, KIND_ACCENT } Kind;

static int count_pixels(Kind kind, unsigned long *serial)
{
    int count = 0, half = screen_w / 6;
    int centre = kind == KIND_SKIN ? screen_h / 2 : screen_h / 4;
    int spread = kind == KIND_SKIN ? 90 : 30;
    *serial = NextRequest(dpy);
    XImage *img = XGetImage(dpy, root, screen_w / 2 - half, centre - spread, (unsigned)(2 * half),
                            (unsigned)(2 * spread + 1), AllPlanes, ZPixmap);
    if (!img)
        return 0;
    for (int y = 0; y <= 2 * spread; y += spread)
        for (int x = 0; x < 2 * half; x++) {
            unsigned long p = XGetPixel(img, x, y);
            int r = (int)(p >> 16) & 255, g = (int)(p >> 8) & 255, b = (int)p & 255;
            if (kind == KIND_SKIN)
                count += r > b + 18 && r > g;
            else
                count += abs(r - 38) < 8 && abs(g - 110) < 8 && abs(b - 128) < 8;
        }
    XDestroyImage(img);
    return count;
}

/* Reads the drawing reports that have come in (the DAMAGE extension
 * reports every rectangle drawn on the screen): REPORTED if there was one,
 * plus EARLY if one of them was drawn before the server took request
 * `serial` of this connection. */
enum { REPORTED = 1, EARLY = 2 };

static int read_reports(unsigned long serial)
{
    int got = 0;
    while (XPending(dpy)) {
        XEvent e;
        XNextEvent(dpy, &e);
        if (e.type == damage_event + XDamageNotify)
            got |= REPORTED | (e.xany.serial < serial ? EARLY : 0);
    }
    return got;
}

/* Sleeps until the X server reports drawing; returns the time it woke to
 * the report, or -1 once `until` has passed. */
static int64_t next_report(int64_t until)
{
    for (;;) {
        int64_t left = until - measure_now_ns();
        if (left <= 0)
            return -1;
        if (!XPending(dpy)) {
            struct pollfd fd = {ConnectionNumber(dpy), POLLIN, 0};
            struct timespec wait = {(time_t)(left / 1000000000), (long)(left % 1000000000)};
            ppoll(&fd, 1, &wait, NULL);
        }
        int64_t t = measure_now_ns();
        if (read_reports(0))
            return t;
    }
}

/* Waits until the picture is (or is no longer) on screen; returns the time
 * the first frame that shows it was reported, or -1 after timeout_ns. The
 * harness does not poll: it sleeps until the X server reports drawing,
 * stamps the report, then looks. While it looks it cannot stamp, so the
 * server's order decides what a look saw. A report of drawing done before
 * the server took the look came in with the look's answer: the look saw
 * that newer frame, stamped as the answer came. A report of drawing after
 * the look was read at once: the look saw the frame before it. (Stamping
 * every look with the report that woke it, as an earlier harness did, gave
 * the blank screen's stamp to a picture drawn while the server was still
 * to take the look: up to 3 ms early in software.) */
static int64_t wait_for(Kind kind, int present, int64_t timeout_ns)
{
    int64_t deadline = measure_now_ns() + timeout_ns;
    int64_t drawn = measure_now_ns();
    for (;;) {
        unsigned long serial;
        int seen = (count_pixels(kind, &serial) >= 20) == present;
        int64_t answered = measure_now_ns();
        int got = read_reports(serial);
        if (got & EARLY)
            drawn = answered;
        if (seen)
            return drawn;
        if (got)
            drawn = measure_now_ns();
        else if ((drawn = next_report(deadline)) < 0)
            return -1;
    }
}

static void press(KeyCode key)
{
    XTestFakeKeyEvent(dpy, key, True, CurrentTime);
    XFlush(dpy);
}

static void release(KeyCode key)
{
    XTestFakeKeyEvent(dpy, key, False, CurrentTime);
    XFlush(dpy);
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct Spread {
    double mean, sd, min, p95, max;
} Spread;

/* Sorts v[0..n) and describes it. */
static Spread spread_of(double *v, int n)
{
    Spread s = {0};
    for (int i = 0; i < n; i++)
        s.mean += v[i] / n;
    for (int i = 0; i < n; i++)
        s.sd += (v[i] - s.mean) * (v[i] - s.mean) / (n - 1);
    s.sd = sqrt(s.sd);
    qsort(v, (size_t)n, sizeof *v, compare);
    s.min = v[0];
    s.p95 = v[(int)ceil(0.95 * n) - 1];
    s.max = v[n - 1];
    return s;
}

/* The trainer's raw onset and response stamps, in trial order. */
static int read_stamps(int64_t *onset, int64_t *response, int max)
{
    sqlite3 *handle;
    sqlite3_stmt *st;
    int n = 0;
    if (sqlite3_open_v2(db, &handle, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(handle, "SELECT onset_ns, response_ns FROM trials ORDER BY trial", -1,
                           &st, NULL) != SQLITE_OK)
        die("cannot read the trainer's database");
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        onset[n] = sqlite3_column_int64(st, 0);
        response[n] = sqlite3_column_int64(st, 1);
        n++;
    }
    sqlite3_finalize(st);
    sqlite3_close(handle);
    return n;
}

/* Reads the rt_ms column (the 14th) of the export, in trial order. */
static int read_export(const char *app, double *rt, int max)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' --db '%s' export 2>/dev/null", app, db);
    FILE *f = popen(cmd, "r");
    if (!f)
        die("cannot run the export");
    char line[1024];
    int n = -1;
    while (fgets(line, sizeof line, f)) {
        if (n++ < 0)
            continue; /* header */
        char *field = line;
        for (int c = 0; c < 13 && field; c++) {
            field = strchr(field, ',');
            field = field ? field + 1 : NULL;
        }
        if (field && n <= max)
            rt[n - 1] = *field == ',' ? NAN : atof(field);
    }
    pclose(f);
    return n < 0 ? 0 : n;
}

static int response_times(const char *app, int trials)
{
    char count[16];
    snprintf(count, sizeof count, "%d", trials);
    char *argv[] = {(char *)app,    "--db", db,           "--windowed", "drill",  "--count",  count,
                    "--time-limit", "0",    "--feedback", "off",        "--seed", "20261121", NULL};
    KeyCode keys[2] = {XKeysymToKeycode(dpy, XK_Left), XKeysymToKeycode(dpy, XK_Right)};
    /* Keyboard focus follows the pointer without a window manager. */
    XTestFakeMotionEvent(dpy, -1, screen_w / 2, screen_h / 2, CurrentTime);
    XFlush(dpy);
    pid_t pid = spawn(argv);
    double *truth = calloc((size_t)trials, sizeof *truth);
    double *rt = calloc((size_t)trials, sizeof *rt);
    int64_t *seen = calloc((size_t)trials, sizeof *seen);
    int64_t *sent = calloc((size_t)trials, sizeof *sent);
    srand48(20261121);
    for (int i = 0; i < trials; i++) {
        int64_t onset = wait_for(KIND_SKIN, 1, 20000000000LL);
        if (onset < 0)
            die("no picture appeared");
        int64_t delay =
            300000000 + (int64_t)(drand48() * 600000000.0) + (int64_t)(drand48() * 1000000.0);
        /* The press is stamped after it is sent, so sleeping (not spinning, which
         * would take a core from the X server and the trainer) is precise enough. */
        sleep_ns(onset + delay - measure_now_ns());
        press(keys[i % 2]);
        int64_t pressed = measure_now_ns();
        release(keys[i % 2]);
        truth[i] = (double)(pressed - onset) / 1e6;
        seen[i] = onset;
        sent[i] = pressed;
        if (wait_for(KIND_SKIN, 0, 5000000000LL) < 0)
            die("the picture stayed after the answer");
    }
    sleep_ns(500000000);
    stop(pid);
    int n = read_export(app, rt, trials);
    if (n != trials) {
        fprintf(stderr, "harness: the export has %d trials, expected %d\n", n, trials);
        return 1;
    }
    /* The trainer stamps with the harness's clock (CLOCK_MONOTONIC_RAW), so
     * the error splits into its onset and response parts. */
    int64_t *onset_stamp = calloc((size_t)n, sizeof *onset_stamp);
    int64_t *response_stamp = calloc((size_t)n, sizeof *response_stamp);
    if (read_stamps(onset_stamp, response_stamp, n) != n)
        die("the database and the export disagree");
    double *err = calloc((size_t)n, sizeof *err);
    double *onset_err = calloc((size_t)n, sizeof *onset_err);
    double *response_err = calloc((size_t)n, sizeof *response_err);
    for (int i = 0; i < n; i++) {
        err[i] = rt[i] - truth[i];
        onset_err[i] = (double)(onset_stamp[i] - seen[i]) / 1e6;
        response_err[i] = (double)(response_stamp[i] - sent[i]) / 1e6;
    }
    const char *names[3] = {"response time", "onset stamp", "response stamp"};
    double *values[3] = {err, onset_err, response_err};
    printf("%d trials; error in ms, the trainer's figure minus the truth:\n", n);
    for (int k = 0; k < 3; k++) {
        Spread s = spread_of(values[k], n);
        printf("  %-15s mean %+6.2f  sd %5.2f  min %+6.2f  p95 %+6.2f  max %+6.2f\n", names[k],
               s.mean, s.sd, s.min, s.p95, s.max);
    }
    free(onset_stamp);
    free(response_stamp);
    free(onset_err);
    free(response_err);
    free(err);
    free(truth);
    free(rt);
    return 0;
}

/* Start-up stages: the trainer's stamps, each the end of a stage, then
 * the home screen seen on the screen. */
#define STAGES_MAX 16
#define RUNS_MAX 64

typedef struct Stages {
    char name[STAGES_MAX][16];
    double ms[STAGES_MAX][RUNS_MAX]; /* each stage's own length */
    int count;
} Stages;

/* Reads the stamps from the trainer's stderr (the read end of a pipe)
 * into run `run` of stages, each as the time since the stamp before (the
 * first since start), and the home screen as the time from the last
 * stamp to seen. */
static void read_stages(int fd, int64_t start, int64_t seen, Stages *st, int run)
{
    FILE *f = fdopen(fd, "r");
    if (!f)
        die("cannot read the trainer's stamps");
    char line[256], name[16];
    long long ns;
    int64_t prev = start;
    int k = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "gmi-trainer: startup %15s %lld", name, &ns) == 2 && k < STAGES_MAX - 1) {
            snprintf(st->name[k], sizeof st->name[k], "%s", name);
            st->ms[k++][run] = (double)(ns - prev) / 1e6;
            prev = ns;
        }
    fclose(f);
    snprintf(st->name[k], sizeof st->name[k], "on-screen");
    st->ms[k++][run] = (double)(seen - prev) / 1e6;
    if (run > 0 && k != st->count)
        die("the trainer's start-up stamps differ between runs");
    st->count = k;
}

static int startup(const char *app, int runs)
{
    if (runs < 1 || runs > RUNS_MAX)
        die("start-up: between 1 and 64 runs");
    double *ms = calloc((size_t)runs, sizeof *ms);
    static Stages st;
    char *argv[] = {(char *)app, "--db", db, NULL};
    setenv("GMI_STARTUP_STAMPS", "1", 1);
    for (int i = 0; i < runs; i++) {
        if (wait_for(KIND_ACCENT, 0, 5000000000LL) < 0)
            die("the screen did not clear");
        int fds[2];
        if (pipe(fds) != 0)
            die("cannot make a pipe");
        int64_t start = measure_now_ns();
        pid_t pid = fork();
        if (pid == 0) {
            dup2(fds[1], 2);
            close(fds[0]);
            close(fds[1]);
            execv(argv[0], argv);
            _exit(127);
        }
        if (pid < 0)
            die("cannot start the trainer");
        close(fds[1]);
        int64_t seen = wait_for(KIND_ACCENT, 1, 10000000000LL);
        stop(pid);
        if (seen < 0)
            die("the home screen did not appear");
        ms[i] = (double)(seen - start) / 1e6;
        read_stages(fds[0], start, seen, &st, i);
    }
    unsetenv("GMI_STARTUP_STAMPS");
    qsort(ms, (size_t)runs, sizeof *ms, compare);
    printf("runs %d  start-up to the home screen ms: median %.0f  min %.0f  max %.0f\n", runs,
           ms[runs / 2], ms[0], ms[runs - 1]);
    printf("  stage medians ms:");
    for (int k = 0; k < st.count; k++) {
        qsort(st.ms[k], (size_t)runs, sizeof st.ms[k][0], compare);
        printf(" %s %.1f", st.name[k], st.ms[k][runs / 2]);
    }
    printf("\n");
    free(ms);
    return 0;
}

static int memory(const char *app)
{
    char *argv[] = {
        (char *)app, "--db",         db,     "--windowed", "drill", "--count", "100", "--level",
        "4",         "--time-limit", "0.05", "--feedback", "off",   "--seed",  "7",   NULL};
    pid_t pid = spawn(argv);
    /* 100 pictures of at most 0.7 s + 0.05 s each; then the results screen. */
    double rt[100];
    int64_t start = measure_now_ns();
    while (read_export(app, rt, 100) < 100) {
        if (measure_now_ns() - start > 150000000000LL)
            die("the drill did not finish");
        sleep_ns(2000000000);
    }
    stop(pid);
    struct rusage usage;
    getrusage(RUSAGE_CHILDREN, &usage);
    printf("100-picture level-4 drill: peak resident memory %.1f MB\n", usage.ru_maxrss / 1024.0);
    return 0;
}

/* A whole 2-minute mirror-therapy session of the (left) hand: every
 * movement loop read and shown at normal pace. */
static int memory_mirror(const char *app)
{
    char *argv[] = {(char *)app, "--db",      db,  "--windowed", "mirror", "--side",
                    "left",      "--minutes", "2", "--pace",     "normal", NULL};
    pid_t pid = spawn(argv);
    sleep_ns(125000000000LL);
    stop(pid);
    struct rusage usage;
    getrusage(RUSAGE_CHILDREN, &usage);
    printf("2-minute mirror-therapy session: peak resident memory %.1f MB\n",
           usage.ru_maxrss / 1024.0);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: harness response-times APP N | startup APP RUNS | memory APP | "
                        "memory-mirror APP\n");
        return 2;
    }
    dpy = XOpenDisplay(NULL);
    if (!dpy)
        die("cannot open the X display (run under Xvfb)");
    int event, error, major, minor;
    if (!XTestQueryExtension(dpy, &event, &error, &major, &minor))
        die("the X server has no XTest extension");
    root = DefaultRootWindow(dpy);
    if (!XDamageQueryExtension(dpy, &damage_event, &error))
        die("the X server has no DAMAGE extension");
    XDamageCreate(dpy, root, XDamageReportRawRectangles);
    screen_w = DisplayWidth(dpy, DefaultScreen(dpy));
    screen_h = DisplayHeight(dpy, DefaultScreen(dpy));
    snprintf(work, sizeof work, "/tmp/gmi-bench-XXXXXX");
    if (!mkdtemp(work))
        die("cannot make a temporary folder");
    snprintf(db, sizeof db, "%s/bench.db", work);
    int rc = 2;
    if (!strcmp(argv[1], "response-times") && argc == 4)
        rc = response_times(argv[2], atoi(argv[3]));
    else if (!strcmp(argv[1], "startup") && argc == 4)
        rc = startup(argv[2], atoi(argv[3]));
    else if (!strcmp(argv[1], "memory"))
        rc = memory(argv[2]);
    else if (!strcmp(argv[1], "memory-mirror"))
        rc = memory_mirror(argv[2]);
    else
        fprintf(stderr, "harness: unknown mode %s\n", argv[1]);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
    if (system(cmd) != 0)
        fprintf(stderr, "harness: could not remove %s\n", work);
    XCloseDisplay(dpy);
    return rc;
}
