/* Crash safety: the real trainer, killed with SIGKILL at random moments of
 * start-up and of a drill, leaves a database that passes integrity_check,
 * whose trials run 1..n in every session with nothing half-written; the
 * next start marks those sessions interrupted and keeps their trials.
 *
 * Usage: test_crash GMI_TRAINER WORKDIR */
#define _GNU_SOURCE
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define KILLS 12

static const char *bin;
static char db[512];

static pid_t start(char *const extra[])
{
    char *argv[16] = {(char *)bin, "--db", db, "--windowed"};
    int n = 4;
    for (int i = 0; extra[i]; i++)
        argv[n++] = extra[i];
    argv[n] = NULL;
    pid_t pid = fork();
    if (pid == 0) {
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("SDL_RENDER_DRIVER", "software", 1);
        execv(bin, argv);
        _exit(127);
    }
    return pid;
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&t, NULL);
}

static long long scalar(sqlite3 *h, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Checks the database after a kill; returns the number of trials. */
static long long check_database(int round)
{
    sqlite3 *h;
    if (access(db, F_OK) != 0)
        return 0; /* killed before the file was made */
    CHECK(sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    const char *result = (const char *)sqlite3_column_text(st, 0);
    CHECK_MSG(result && strcmp(result, "ok") == 0, "round %d: integrity_check says %s", round,
              result ? result : "nothing");
    sqlite3_finalize(st);
    /* In every session the trials are 1..n: none lost in the middle. */
    CHECK_MSG(scalar(h, "SELECT count(*) FROM (SELECT session_id FROM trials GROUP BY session_id "
                        "HAVING max(trial) <> count(*) OR min(trial) <> 1)") <= 0,
              "round %d: a session has a gap in its trials", round);
    CHECK(scalar(h, "SELECT count(*) FROM trials WHERE response <> 'none' AND rt_ns IS NULL") <= 0);
    long long trials = scalar(h, "SELECT count(*) FROM trials");
    sqlite3_close(h);
    return trials < 0 ? 0 : trials;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_crash GMI_TRAINER WORKDIR\n");
        return 2;
    }
    bin = argv[1];
    mkdir(argv[2], 0700);
    snprintf(db, sizeof db, "%s/crash.db", argv[2]);
    unlink(db);
    srand48(20261121);
    long long before = 0;
    /* Pictures time out after 0.1 s with no feedback: a trial every 0.4-0.8 s. */
    char *drill[] = {"drill", "--count", "40", "--time-limit", "0.1", "--feedback", "off", NULL};
    for (int round = 0; round < KILLS; round++) {
        pid_t pid = start(drill);
        long wait = 100 + (long)(drand48() * 3900.0); /* start-up, loading and mid-drill */
        sleep_ms(wait);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                  "round %d: the trainer ended before the kill (status %d)", round, status);
        long long trials = check_database(round);
        CHECK_MSG(trials >= before, "round %d: trials went from %lld to %lld", round, before,
                  trials);
        before = trials;
    }
    CHECK_MSG(before >= 10, "only %lld trials stored over all rounds", before);

    /* The next start marks the sessions that never ended as interrupted. */
    char *home[] = {NULL};
    pid_t pid = start(home);
    sleep_ms(2000);
    kill(pid, SIGTERM); /* a polite end, as when the tablet shuts down */
    int status;
    waitpid(pid, &status, 0);
    CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d after SIGTERM", status);
    sqlite3 *h;
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    CHECK(scalar(h, "SELECT count(*) FROM sessions WHERE ended_at IS NULL AND interrupted = 0") ==
          0);
    CHECK(scalar(h, "SELECT count(*) FROM sessions WHERE interrupted = 1 AND stopped_early = 1") >=
          1);
    CHECK(scalar(h, "SELECT count(*) FROM trials") == before);
    sqlite3_close(h);
    return check_exit();
}
