/* End to end: the real trainer (app_run) under SDL's dummy video driver and
 * software renderer, driven through the real event path by a thread that
 * pushes key presses, touches and clicks, then checked through the stored
 * rows and the CSV export.
 *
 * Usage: test_e2e keys|eager|touch|timeout|quit|home|damaged|broken|refused|soak|full|therapist|
 *                 therapist_rows|therapist_new|therapist_wait|import|damaged_page|
 *                 damaged_later|pause|onset|guard WORKDIR */
#include <SDL.h>
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <SDL_ttf.h>

#include "app.h"
#include "catalogue.h"
#include "check.h"
#include "deck.h"
#include "drive.h"
#include "keyboard.h"
#include "layout.h"
#include "scenes.h"
#include "store.h"
#include "ui.h"

typedef enum Mode {
    MODE_KEYS,
    MODE_EAGER, /* keys far faster than any judgement */
    MODE_TAPS,
    MODE_TIMEOUT,
    MODE_QUIT,
    MODE_HOME,
    MODE_IDLE,
    MODE_SOAK,
    MODE_FULL,  /* answers for 10 s: a full disk means the session never ends */
    MODE_DAMAGE /* damages the trials table once the drill has begun, then answers */
} Mode;

/* The soak test: drills of SOAK_COUNT pictures, one after another. */
#define SOAK_DRILLS 25
#define SOAK_COUNT 200

typedef struct Script {
    Mode mode;
    const char *db_path;
    int timed_out;
    long rss_kb[SOAK_DRILLS]; /* MODE_SOAK: resident memory after each drill */
    int filled;               /* MODE_FULL: the folder has been filled */
    char *damaged;            /* MODE_DAMAGE: the file's bytes just after the damage */
    size_t damaged_len;
} Script;

/* Fills the file system holding path with a file beside it. */
static int fill_folder(const char *path)
{
    char filler[600];
    snprintf(filler, sizeof filler, "%s.filler", path);
    FILE *f = fopen(filler, "wb");
    char block[4096] = {0};
    while (f && fwrite(block, 1, sizeof block, f) == sizeof block && fflush(f) == 0)
        ;
    if (f)
        fclose(f);
    return 1;
}

/* This process's resident memory in kB. */
static long resident_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

static char db_path[512], csv_path[512];

/* The script answers a picture this long after the last trial was stored
 * (the inter-trial screen is at most 0.7 s), so the picture has been up for
 * at least 0.3 s and the answer can be a judgement; an answer that falls
 * before the picture does not count and is pressed again this long after. */
#define ANSWER_AFTER_MS 1000

static void wait_video(void)
{
    while (!SDL_WasInit(SDL_INIT_VIDEO))
        SDL_Delay(20);
}

/* Waits for the trainer's window to show Home (at most DRIVE_SLOW_MS), then
 * for its touch guard; says whether it came. */
static bool wait_home(void)
{
    wait_video();
    bool home = drive_wait_title("Home", DRIVE_SLOW_MS);
    SDL_Delay(DRIVE_SETTLE_MS);
    return home;
}

static int script_thread(void *data)
{
    Script *s = data;
    wait_video();
    SDL_Delay(400);
    if (s->mode == MODE_HOME) {
        /* Start, then pain 4 before the drill. */
        if (!wait_home())
            s->timed_out = 1;
        drive_key(SDLK_RETURN, SDL_SCANCODE_RETURN);
        SDL_Delay(DRIVE_SETTLE_MS);
        drive_key(SDLK_4, SDL_SCANCODE_4);
        SDL_Delay(130);
        drive_key(SDLK_RETURN, SDL_SCANCODE_RETURN);
    }
    int step = 0, drills_seen = 0, presses = 0, due = ANSWER_AFTER_MS;
    long long stored = 0;
    int limit_ms = s->mode == MODE_SOAK ? 3 * 3600 * 1000 : 90000;
    for (int waited = 0;; waited += 130, step++) {
        if (waited > limit_ms) {
            s->timed_out = 1;
            break;
        }
        long long ended =
            drive_query(s->db_path, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL");
        if (s->mode == MODE_SOAK && ended > drills_seen) {
            /* Enter past the pain rating, the results, home and the rating
             * before the next drill. */
            s->rss_kb[drills_seen] = resident_kb();
            drills_seen = (int)ended;
            if (drills_seen == SOAK_DRILLS)
                break;
            for (int i = 0; i < 4; i++) {
                SDL_Delay(DRIVE_SETTLE_MS);
                drive_key(SDLK_RETURN, SDL_SCANCODE_RETURN);
            }
        }
        /* MODE_DAMAGE: until the one session of the fresh file has ended. */
        if (s->mode == MODE_DAMAGE && s->damaged && ended == 1 &&
            drive_query(s->db_path, "SELECT count(*) FROM sessions") == 1)
            break;
        if (s->mode != MODE_SOAK && s->mode != MODE_DAMAGE &&
            (ended >= 1 || (s->mode == MODE_IDLE && waited > 3000) ||
             (s->mode == MODE_FULL && waited > 10000)))
            break;
        if (s->mode == MODE_DAMAGE && !s->damaged &&
            drive_query(s->db_path, "SELECT count(*) FROM sessions WHERE ended_at IS NULL") == 1) {
            CHECK(drive_damage_table(s->db_path, "trials") == 0);
            s->damaged = SDL_LoadFile(s->db_path, &s->damaged_len);
        }
        long long trials = drive_query(s->db_path, "SELECT count(*) FROM trials");
        if (s->mode == MODE_FULL && trials >= 2 && !s->filled)
            s->filled = fill_folder(s->db_path);
        if (trials != stored) {
            stored = trials;
            due = waited + ANSWER_AFTER_MS;
        }
        bool answer = waited >= due;
        if (answer) {
            presses++;
            due = waited + ANSWER_AFTER_MS;
        }
        switch (s->mode) {
        case MODE_KEYS:
        case MODE_DAMAGE:
        case MODE_HOME:
        case MODE_SOAK:
        case MODE_FULL:
            if (answer && presses % 2)
                drive_key(SDLK_LEFT, SDL_SCANCODE_LEFT);
            else if (answer)
                drive_key(SDLK_RIGHT, SDL_SCANCODE_RIGHT);
            break;
        case MODE_EAGER:
            /* A key every 130 ms: the first after each picture comes too soon. */
            drive_key(step % 2 ? SDLK_LEFT : SDLK_RIGHT,
                      step % 2 ? SDL_SCANCODE_LEFT : SDL_SCANCODE_RIGHT);
            break;
        case MODE_TAPS:
            drive_click(640, 300); /* on the picture: not an answer */
            if (answer && presses % 2)
                drive_touch(0.1f, 0.95f, 1280, 800);
            else if (answer)
                drive_touch(0.9f, 0.95f, 1280, 800);
            break;
        case MODE_TIMEOUT:
            break;
        case MODE_IDLE:
            break;
        case MODE_QUIT:
            if (trials >= 3) {
                SDL_Event q = {.type = SDL_QUIT};
                SDL_PushEvent(&q);
            } else if (answer) {
                drive_key(presses % 2 ? SDLK_LEFT : SDLK_RIGHT,
                          presses % 2 ? SDL_SCANCODE_LEFT : SDL_SCANCODE_RIGHT);
            }
            break;
        }
        SDL_Delay(130);
    }
    SDL_Delay(300); /* let the results screen draw */
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    return 0;
}

/* Runs the trainer on db_path with args, while play (if not NULL) drives
 * it from a thread of its own. */
static int run_driven(SDL_ThreadFunction play, void *data, const char *const *args, int nargs)
{
    char *argv[32] = {"gmi-trainer", "--db", db_path, "--windowed"};
    int argc = 4;
    for (int i = 0; i < nargs; i++)
        argv[argc++] = (char *)args[i];
    SDL_Thread *t = play ? SDL_CreateThread(play, "script", data) : NULL;
    int rc = app_run(argc, argv);
    if (t)
        SDL_WaitThread(t, NULL);
    return rc;
}

static int run_app(Script *script, const char *const *args, int nargs)
{
    return run_driven(script ? script_thread : NULL, script, args, nargs);
}

static Catalogue *real_catalogue(void)
{
    size_t len;
    char *text = SDL_LoadFile(GMI_RESOURCE_DIR "/data/catalogue.csv", &len);
    char err[512] = "";
    Catalogue *cat = text ? catalogue_parse(text, len, "catalogue", err, sizeof err) : NULL;
    CHECK_MSG(cat != NULL, "%s", err);
    SDL_free(text);
    return cat;
}

typedef struct Row {
    char image[64], side[8], response[8], input[8];
    int trial, rotation, correct, has_rt, too_fast;
    long long onset, response_ns, rt;
} Row;

static int read_trials(Row *rows, int max)
{
    sqlite3 *db;
    int n = 0;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db,
                       "SELECT trial, image, side, rotation_deg, response, correct, onset_ns, "
                       "response_ns, rt_ns, input, too_fast FROM trials ORDER BY trial",
                       -1, &st, NULL);
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        Row *r = &rows[n++];
        memset(r, 0, sizeof *r);
        r->trial = sqlite3_column_int(st, 0);
        snprintf(r->image, sizeof r->image, "%s", sqlite3_column_text(st, 1));
        snprintf(r->side, sizeof r->side, "%s", sqlite3_column_text(st, 2));
        r->rotation = sqlite3_column_int(st, 3);
        snprintf(r->response, sizeof r->response, "%s", sqlite3_column_text(st, 4));
        r->correct = sqlite3_column_int(st, 5);
        r->onset = sqlite3_column_int64(st, 6);
        r->has_rt = sqlite3_column_type(st, 8) != SQLITE_NULL;
        r->response_ns = sqlite3_column_int64(st, 7);
        r->rt = sqlite3_column_int64(st, 8);
        const unsigned char *in = sqlite3_column_text(st, 9);
        snprintf(r->input, sizeof r->input, "%s", in ? (const char *)in : "");
        r->too_fast = sqlite3_column_int(st, 10);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* Rows answered by the script: a response, a consistent time, the device,
 * and too fast exactly when the answer came sooner than 300 ms after the
 * picture (data/norms.csv). Returns how many were too fast. */
static int check_answered(const Row *rows, int n, const char *device)
{
    int too_fast = 0;
    for (int i = 0; i < n; i++) {
        const Row *r = &rows[i];
        CHECK_MSG(r->trial == i + 1, "trial numbers run 1..n");
        CHECK_MSG(strcmp(r->response, "left") == 0 || strcmp(r->response, "right") == 0,
                  "trial %d: response %s", r->trial, r->response);
        CHECK(r->correct == (strcmp(r->response, r->side) == 0));
        CHECK(r->has_rt && r->rt == r->response_ns - r->onset);
        /* The script answers within a second and a half of the picture; the
         * bound is wider because a loaded machine (or valgrind) may deliver
         * the key seconds late, and only a stamp from another trial is far
         * off. How exact the times are is the benchmarks' business. */
        CHECK_MSG(r->rt >= 0 && r->rt < 10000000000LL, "trial %d: rt %lld ns", r->trial, r->rt);
        CHECK_MSG(r->too_fast == (r->rt < 300000000LL), "trial %d: rt %lld ns, too fast %d",
                  r->trial, r->rt, r->too_fast);
        CHECK_MSG(strcmp(r->input, device) == 0, "trial %d: input %s, want %s", r->trial, r->input,
                  device);
        too_fast += r->too_fast;
    }
    return too_fast;
}

static int count_lines(const char *path, char *first, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        if (n == 0)
            snprintf(first, cap, "%s", line);
        n++;
    }
    fclose(f);
    return n;
}

static void check_export(int want_rows, const char *must_contain)
{
    const char *args[] = {"export", "--format", "csv", "--out", csv_path};
    CHECK(run_app(NULL, args, 5) == 0);
    char header[1024] = "";
    CHECK(count_lines(csv_path, header, sizeof header) == want_rows + 1);
    CHECK_MSG(strcmp(header,
                     "profile,session_id,started_at,trial,image,limb,side,view,posture,"
                     "rotation_deg,response,correct,too_fast,rt_ms,input,late_onset\n") == 0,
              "header %s", header);
    struct stat st;
    CHECK(stat(csv_path, &st) == 0 && (st.st_mode & 0777) == 0600);
    CHECK(stat(db_path, &st) == 0 && (st.st_mode & 0777) == 0600);
    if (must_contain) {
        FILE *f = fopen(csv_path, "r");
        char buf[65536];
        size_t len = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
        buf[len] = '\0';
        if (f)
            fclose(f);
        CHECK_MSG(strstr(buf, must_contain) != NULL, "export lacks '%s'", must_contain);
    }
}

/* ---- Scripts that run in a line ---- */

/* What a script of the scenarios below found wrong, or NULL. */
static const char *script_failed;

/* Polls until sql_text gives at least `least`, for at most limit_ms. */
static bool wait_count(const char *sql_text, long long least, int limit_ms)
{
    for (int waited = 0; waited <= limit_ms; waited += 20) {
        if (drive_query(db_path, sql_text) >= least)
            return true;
        SDL_Delay(20);
    }
    return false;
}

/* Once the drill has ended: the results drawn, then the window closed. */
static void end_script(void)
{
    if (!wait_count("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", 1, 30000) &&
        !script_failed)
        script_failed = "the drill did not end";
    SDL_Delay(300);
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
}

#define TRIALS_STORED "SELECT count(*) FROM trials"

/* Two breaks in a drill left to time out: one taken and left with Escape,
 * one with the Pause key. During each no picture comes and goes. */
static int pause_thread(void *data)
{
    (void)data;
    wait_video();
    static const SDL_Keycode keys[2] = {SDLK_ESCAPE, SDLK_PAUSE};
    static const SDL_Scancode codes[2] = {SDL_SCANCODE_ESCAPE, SDL_SCANCODE_PAUSE};
    long long stored = 0;
    for (int i = 0; i < 2 && !script_failed; i++) {
        if (!wait_count(TRIALS_STORED, stored + 1, 5000)) {
            script_failed = i ? "the drill did not go on after the break" : "no picture timed out";
            break;
        }
        drive_key(keys[i], codes[i]);
        SDL_Delay(300);
        stored = drive_query(db_path, TRIALS_STORED);
        /* Longer than a picture's time limit and the screen before it. */
        SDL_Delay(2500);
        if (drive_query(db_path, TRIALS_STORED) != stored) {
            script_failed = "the drill went on during the break";
            break;
        }
        drive_key(keys[i], codes[i]);
    }
    if (!script_failed && !wait_count(TRIALS_STORED, stored + 1, 5000))
        script_failed = "the drill did not go on after the second break";
    end_script();
    return 0;
}

/* The same key that takes a break ends it (README: Pause or Escape, and
 * the break screen's Continue): the drill goes on and is finished whole. */
static void scenario_pause(void)
{
    const char *args[] = {"drill", "--count", "6", "--time-limit", "1", "--feedback", "off"};
    CHECK(run_driven(pause_thread, NULL, args, 7) == 0);
    CHECK_MSG(!script_failed, "%s", script_failed);
    CHECK(drive_query(db_path, "SELECT count(*) FROM sessions WHERE stopped_early = 0 AND "
                               "ended_at IS NOT NULL") == 1);
    CHECK(drive_query(db_path, "SELECT count(*) FROM trials WHERE response = 'none'") == 6);
}

/* Closes the trainer once the drill has ended: once *(int *)data sessions
 * of the database have ended. */
static int parts_thread(void *data)
{
    wait_video();
    if (!wait_count("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", *(int *)data,
                    60000) &&
        !script_failed)
        script_failed = "the drill did not end";
    SDL_Delay(300);
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    return 0;
}

/* A drill of each body part the picture library has, and one of all of
 * them (the pictures left to time out): the session is stored under its
 * parts, and its pictures are of those parts, as many of each. */
static void scenario_parts(void)
{
    Catalogue *cat = real_catalogue();
    if (!cat)
        return;
    LimbSet pictured = catalogue_limbs(cat);
    catalogue_destroy(cat);
    int ended = 0;
    for (int l = 0; l <= LIMB_COUNT && !script_failed; l++) {
        LimbSet set = l < LIMB_COUNT ? limb_bit((Limb)l) : pictured;
        if (!(set & pictured) || (l == LIMB_COUNT && limb_set_count(pictured) == 1))
            continue;
        char list[64] = "", name[LIMB_SET_NAME_MAX], sql[256];
        for (int k = 0; k < LIMB_COUNT; k++)
            if (set & limb_bit((Limb)k))
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                         list[0] ? "," : "", limb_name((Limb)k));
        /* Two pictures of each part. */
        int count = 2 * limb_set_count(set);
        char count_text[8];
        snprintf(count_text, sizeof count_text, "%d", count);
        const char *args[] = {"drill",        "--parts", list,         "--count", count_text,
                              "--time-limit", "1",       "--feedback", "off"};
        ended++;
        CHECK(run_driven(parts_thread, &ended, args, 9) == 0);
        CHECK_MSG(!script_failed, "--parts %s: %s", list, script_failed);
        limb_set_name(set, name);
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM trials t JOIN sessions s ON s.id = t.session_id "
                 "WHERE s.limbs = '%s' AND s.ended_at IS NOT NULL",
                 name);
        CHECK_MSG(drive_query(db_path, sql) == count, "--parts %s: stored as '%s'", list, name);
        for (int k = 0; k < LIMB_COUNT; k++) {
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM trials t JOIN sessions s ON s.id = t.session_id "
                     "WHERE s.limbs = '%s' AND t.limb = '%s'",
                     name, limb_name((Limb)k));
            long long shown = drive_query(db_path, sql);
            CHECK_MSG(shown == ((set & limb_bit((Limb)k)) ? 2 : 0), "--parts %s: %lld %s pictures",
                      list, shown, limb_name((Limb)k));
        }
    }
}

/* A key that comes before a picture is shown is not its answer, even when
 * it is still queued as the picture goes up: the trainer is held up (its
 * write of the last answer waits for a lock this script holds) until the
 * screen before the third picture is over, and a key is pressed meanwhile. */
static int onset_thread(void *data)
{
    (void)data;
    wait_video();
    if (!wait_count("SELECT count(*) FROM sessions", 1, 10000)) {
        script_failed = "the drill did not start";
        end_script();
        return 0;
    }
    SDL_Delay(ANSWER_AFTER_MS); /* the first picture is up */
    drive_key(SDLK_LEFT, SDL_SCANCODE_LEFT);
    sqlite3 *db = NULL;
    if (!wait_count(TRIALS_STORED, 1, 5000) || sqlite3_open(db_path, &db) != SQLITE_OK ||
        sqlite3_busy_timeout(db, 2000) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        script_failed = "could not hold the database";
    } else {
        SDL_Delay(ANSWER_AFTER_MS); /* the second picture is up */
        drive_key(SDLK_RIGHT, SDL_SCANCODE_RIGHT);
        /* The trainer now waits to store that answer, with the screen before
         * the third picture (at most 0.7 s) running out; well within its
         * 2 s wait for the lock, this key is queued and the lock let go. */
        SDL_Delay(900);
        drive_key(SDLK_LEFT, SDL_SCANCODE_LEFT);
        SDL_Delay(300);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        SDL_Delay(ANSWER_AFTER_MS); /* the third picture is up */
        drive_key(SDLK_RIGHT, SDL_SCANCODE_RIGHT);
    }
    sqlite3_close(db);
    end_script();
    return 0;
}

static void scenario_onset(void)
{
    const char *args[] = {"drill", "--count", "3", "--time-limit", "10", "--feedback", "off"};
    CHECK(run_driven(onset_thread, NULL, args, 7) == 0);
    CHECK_MSG(!script_failed, "%s", script_failed);
    Row rows[8];
    int n = read_trials(rows, 8);
    CHECK_MSG(n == 3, "%d trials stored", n);
    check_answered(rows, n, "key");
    /* The third picture's answer is the key pressed a second after it
     * appeared, not the one queued before it. */
    if (n == 3)
        CHECK_MSG(strcmp(rows[2].response, "right") == 0 && rows[2].rt > 500000000LL &&
                      !rows[2].too_fast,
                  "third answer %s after %lld ns", rows[2].response, rows[2].rt);
}

static void scenario_keys(void)
{
    Script s = {.mode = MODE_KEYS, .db_path = db_path};
    const char *args[] = {"drill",        "--count", "8",          "--seed", "5",
                          "--time-limit", "3",       "--feedback", "off"};
    CHECK(run_app(&s, args, 9) == 0);
    CHECK(!s.timed_out);
    Row rows[16];
    int n = read_trials(rows, 16);
    CHECK_MSG(n == 8, "%d trials stored", n);
    /* Paced like a patient, the answers are judgements (unless the machine
     * is so slow that the picture came late, as under valgrind). */
    int quick = check_answered(rows, n, "key");
    printf("%d of %d answers were too fast\n", quick, n);
    CHECK(quick < n);
    CHECK(drive_query(db_path,
                      "SELECT count(*) FROM sessions WHERE stopped_early = 0 AND "
                      "planned_count = 8 AND seed = 5 AND limbs = 'both' AND level = 1 AND "
                      "time_limit_ms = 3000 AND feedback = 0 AND frame_ns > 0") == 1);
    /* Every onset has the interval from the present before it. */
    CHECK(drive_query(db_path, "SELECT count(*) FROM trials WHERE onset_interval_ns > 0") == 8);
    /* The pictures are exactly the deck the seed gives. */
    Catalogue *cat = real_catalogue();
    if (cat) {
        Rng rng;
        rng_seed(&rng, 5);
        Stimulus deck[8];
        char err[256];
        DeckRequest req = {LIMBS_BOTH, 1, 8, NULL};
        CHECK(deck_build(cat, &req, &rng, deck, err, sizeof err) == 0);
        for (int i = 0; i < n; i++) {
            CHECK(strcmp(rows[i].image, catalogue_get(cat, deck[i].picture)->id) == 0);
            CHECK(strcmp(rows[i].side, side_name(deck[i].side)) == 0);
            CHECK(rows[i].rotation == 0);
        }
        catalogue_destroy(cat);
    }
    check_export(8, ",key,");
}

/* Keys pressed far faster than a judgement: every answer that came too soon
 * after its picture is stored, flagged and counted as neither right nor
 * wrong; the session export counts them. */
static void scenario_eager(void)
{
    Script s = {.mode = MODE_EAGER, .db_path = db_path};
    const char *args[] = {"drill", "--count", "4", "--seed", "3", "--feedback", "off"};
    CHECK(run_app(&s, args, 7) == 0);
    CHECK(!s.timed_out);
    Row rows[8];
    int n = read_trials(rows, 8);
    CHECK_MSG(n == 4, "%d trials stored", n);
    int quick = check_answered(rows, n, "key");
    CHECK_MSG(quick >= 1, "%d of 4 answers too fast", quick);
    check_export(4, ",,1,"); /* no correct value, too fast */
    const char *args2[] = {"export", "--what", "sessions", "--out", csv_path};
    CHECK(run_app(NULL, args2, 5) == 0);
    FILE *f = fopen(csv_path, "r");
    char buf[4096] = "", want[64];
    size_t len = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[len] = '\0';
    if (f)
        fclose(f);
    int right = 0;
    for (int i = 0; i < n; i++)
        right += !rows[i].too_fast && rows[i].correct;
    /* pictures, correct, too_fast */
    snprintf(want, sizeof want, ",4,%d,%d,", right, quick);
    CHECK_MSG(strstr(buf, want) != NULL, "session export lacks '%s':\n%s", want, buf);
}

static void scenario_touch(void)
{
    Script s = {.mode = MODE_TAPS, .db_path = db_path};
    const char *args[] = {"drill", "--count", "6", "--limb", "hands", "--seed", "9"};
    CHECK(run_app(&s, args, 7) == 0);
    CHECK(!s.timed_out);
    Row rows[16];
    int n = read_trials(rows, 16);
    CHECK_MSG(n == 6, "%d trials stored", n);
    /* Each touch counted once, as a touch, never as its synthetic mouse press. */
    check_answered(rows, n, "touch");
    check_export(6, ",touch,");
}

static void scenario_timeout(void)
{
    Script s = {.mode = MODE_TIMEOUT, .db_path = db_path};
    const char *args[] = {"drill", "--count", "3", "--time-limit", "0.2", "--feedback", "off"};
    CHECK(run_app(&s, args, 7) == 0);
    Row rows[8];
    int n = read_trials(rows, 8);
    CHECK_MSG(n == 3, "%d trials stored", n);
    for (int i = 0; i < n; i++) {
        CHECK(strcmp(rows[i].response, "none") == 0 && rows[i].correct == 0);
        CHECK(!rows[i].has_rt && rows[i].input[0] == '\0');
    }
    check_export(3, ",none,0,0,,,0\n");
}

static void scenario_quit(void)
{
    Script s = {.mode = MODE_QUIT, .db_path = db_path};
    const char *args[] = {"drill", "--count", "20", "--feedback", "off"};
    CHECK(run_app(&s, args, 5) == 0);
    Row rows[32];
    int n = read_trials(rows, 32);
    CHECK_MSG(n >= 3 && n < 20, "%d trials kept", n);
    check_answered(rows, n, "key");
    CHECK(drive_query(db_path, "SELECT count(*) FROM sessions WHERE stopped_early = 1 AND "
                               "ended_at IS NOT NULL") == 1);
}

/* Makes the profile (NULL: the default one) with this drill prescription. */
static void remember_settings(const char *profile, const DrillSettings *settings)
{
    char err[512];
    Store *st = store_open(db_path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(st != NULL, "%s", err);
    if (!st)
        return;
    StoreProfile p;
    CHECK(store_profile_open(st, profile, "2026-01-01T00:00:00+00:00", &p) == 0);
    Prescription rx = prescription_default();
    rx.drill = *settings;
    CHECK(store_prescription_save(st, p.id, &rx) == 0);
    store_close(st);
}

static void scenario_home(void)
{
    /* A profile prescribed 4 hand pictures, untimed, and a body part the
     * picture library has no pictures of (while there is one), which the
     * drill leaves out. */
    DrillSettings mine = {
        .limbs = LIMBS_HANDS, .count = 4, .time_limit_ms = 0, .level = 2, .feedback = false};
    Catalogue *cat = real_catalogue();
    unsigned unpictured = cat ? LIMBS_ALL & ~catalogue_limbs(cat) : 0;
    catalogue_destroy(cat);
    mine.limbs |= (LimbSet)(unpictured & -unpictured);
    remember_settings("Sam", &mine);
    Script s = {.mode = MODE_HOME, .db_path = db_path};
    const char *args[] = {"--profile", "Sam"};
    CHECK(run_app(&s, args, 2) == 0);
    CHECK(!s.timed_out);
    CHECK(drive_query(db_path, "SELECT count(*) FROM sessions WHERE planned_count = 4 AND "
                               "limbs = 'hands' AND level = 2 AND time_limit_ms = 0 AND "
                               "mode = 'drill' AND pain_before = 4 AND pain_after IS NULL") == 1);
    Row rows[8];
    int n = read_trials(rows, 8);
    CHECK_MSG(n == 4, "%d trials stored", n);
    check_answered(rows, n, "key");
    check_export(4, "Sam,");
}

/* A damaged data file: set aside unchanged, and the drill goes on in a new one. */
static void scenario_damaged(void)
{
    const char garbage[] = "this is not a database, but somebody's data might be in it";
    FILE *f = fopen(db_path, "wb");
    fputs(garbage, f);
    fclose(f);
    Script s = {.mode = MODE_KEYS, .db_path = db_path};
    const char *args[] = {"drill", "--count", "4", "--feedback", "off"};
    CHECK(run_app(&s, args, 5) == 0);
    Row rows[8];
    CHECK(read_trials(rows, 8) == 4);
    /* The old file, byte for byte, under a new name beside the new one. */
    char dir[512], *slash;
    snprintf(dir, sizeof dir, "%s", db_path);
    slash = strrchr(dir, '/');
    *slash = '\0';
    DIR *d = opendir(dir);
    int found = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!strstr(e->d_name, "damaged.db.damaged-") || strstr(e->d_name, "-wal") ||
            strstr(e->d_name, "-shm"))
            continue;
        char path[1024], buf[256] = "";
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *g = fopen(path, "rb");
        size_t n = g ? fread(buf, 1, sizeof buf - 1, g) : 0;
        if (g)
            fclose(g);
        found += n == strlen(garbage) && memcmp(buf, garbage, n) == 0;
    }
    if (d)
        closedir(d);
    CHECK_MSG(found == 1, "%d intact copies of the damaged file set aside", found);
}

/* A history for the profile Sam: five drills of 40 trials, ended or left
 * open (as if the trainer had been killed). */
static void make_history(bool ended)
{
    char err[512];
    Store *st = store_open(db_path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(st != NULL, "%s", err);
    if (!st)
        return;
    StoreProfile p;
    CHECK(store_profile_open(st, "Sam", "2026-11-01T09:00:00+01:00", &p) == 0);
    for (int i = 0; i < 5; i++) {
        SessionStart start = {.profile_id = p.id,
                              .settings = drill_settings_default(),
                              .started_at = "2026-11-02T09:00:00+01:00",
                              .pain_before = -1};
        int64_t id;
        CHECK(store_session_begin(st, &start, &id) == 0);
        for (int t = 1; t <= 40; t++) {
            TrialRecord r = {.trial = t,
                             .image = "hand-back-flat",
                             .side = SIDE_LEFT,
                             .view = "back",
                             .posture = "flat",
                             .response = RESPONSE_LEFT,
                             .correct = true,
                             .input = INPUT_KEY,
                             .onset_ns = t,
                             .response_ns = t + 700000000LL};
            CHECK(store_trial_add(st, id, &r) == 0);
        }
        if (ended)
            CHECK(store_session_end(st, id, "2026-11-02T09:05:00+01:00", false, false) == 0);
    }
    store_close(st);
}

/* The copies of the database set aside as damaged, whole (their -wal
 * apart); *same counts those holding exactly bytes[0..len). */
static int set_aside_copies(const char *bytes, size_t len, int *same)
{
    char folder[512];
    snprintf(folder, sizeof folder, "%s", db_path);
    *strrchr(folder, '/') = '\0';
    const char *base = strrchr(db_path, '/') + 1;
    DIR *d = opendir(folder);
    int found = 0;
    *same = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (strncmp(e->d_name, base, strlen(base)) != 0 || !strstr(e->d_name, ".damaged-") ||
            strstr(e->d_name, "-wal") || strstr(e->d_name, "-shm"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
        size_t n = 0;
        char *got = SDL_LoadFile(path, &n);
        found++;
        *same += got && n == len && memcmp(got, bytes, len) == 0;
        SDL_free(got);
    }
    if (d)
        closedir(d);
    return found;
}

/* A damaged page in the trials table, found by the check started at
 * start-up: the file is set aside byte for byte, and the drill runs in a
 * fresh one (from its start, or from the moment the check ended). */
static void scenario_damaged_page(void)
{
    make_history(false);
    CHECK(drive_damage_table(db_path, "trials") == 0);
    size_t len = 0;
    char *before = SDL_LoadFile(db_path, &len);
    Script s = {.mode = MODE_KEYS, .db_path = db_path};
    const char *args[] = {"drill", "--count", "4", "--feedback", "off"};
    CHECK(run_app(&s, args, 5) == 0);
    CHECK(!s.timed_out);
    Row rows[8];
    int n = read_trials(rows, 8);
    CHECK_MSG(n >= 1 && n <= 4, "%d trials in the fresh file", n);
    check_answered(rows, n, "key");
    CHECK(drive_query(db_path, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL") == 1);
    CHECK(drive_query(db_path, "SELECT count(*) FROM profiles") == 1);
    /* The new file says where the old one went, for the therapist area. */
    CHECK(drive_query(db_path, "SELECT count(*) FROM device WHERE key = 'set_aside' AND "
                               "value LIKE '%damaged_page.db.damaged-%'") == 1);
    int same = 0;
    CHECK(set_aside_copies(before, len, &same) == 1 && same == 1);
    SDL_free(before);
}

/* The trials table damaged while a drill runs (after the start-up check):
 * the first answer cannot be written, so the drill stops, the file is set
 * aside as it was, and the answers given go into a fresh file as a session
 * stopped early, for the same patient. */
static void scenario_damaged_later(void)
{
    make_history(true);
    Script s = {.mode = MODE_DAMAGE, .db_path = db_path};
    const char *args[] = {"--profile", "Sam", "drill", "--count", "10", "--feedback", "off"};
    CHECK(run_app(&s, args, 7) == 0);
    CHECK(!s.timed_out && s.damaged);
    Row rows[16];
    int n = read_trials(rows, 16);
    CHECK_MSG(n >= 1 && n < 10, "%d trials in the fresh file", n);
    check_answered(rows, n, "key");
    CHECK(drive_query(db_path, "SELECT count(*) FROM sessions s JOIN profiles p ON "
                               "p.id = s.profile_id WHERE p.name = 'Sam' AND s.stopped_early = 1 "
                               "AND s.ended_at IS NOT NULL") == 1);
    int same = 0;
    CHECK(set_aside_copies(s.damaged, s.damaged_len, &same) == 1 && same == 1);
    SDL_free(s.damaged);
}

/* A resource folder of the real fonts and pictures with a catalogue of the
 * first `good` upright hand pictures plus two that are broken: one missing,
 * one not a PNG. Points GMI_RESOURCE_DIR at it. */
static void make_resources(int good)
{
    char dir[600], path[700];
    snprintf(dir, sizeof dir, "%s.resources", db_path);
    const char *sub[] = {"", "/assets", "/assets/bad", "/data"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s%s", dir, sub[i]);
        mkdir(path, 0700);
    }
    const char *links[][2] = {{"/assets/fonts", "assets/fonts"},
                              {"/assets/pictures", "assets/pictures"},
                              {"/data/norms.csv", "data/norms.csv"},
                              {"/data/exercises.csv", "data/exercises.csv"},
                              {"/data/touch-ladder.csv", "data/touch-ladder.csv"},
                              {"/assets/loops", "assets/loops"}};
    for (int i = 0; i < 6; i++) {
        char target[700];
        snprintf(path, sizeof path, "%s%s", dir, links[i][0]);
        snprintf(target, sizeof target, "%s/%s", GMI_RESOURCE_DIR, links[i][1]);
        unlink(path);
        CHECK(symlink(target, path) == 0);
    }
    snprintf(path, sizeof path, "%s/assets/bad/corrupt.png", dir);
    FILE *f = fopen(path, "w");
    fputs("not a picture", f);
    fclose(f);
    Catalogue *cat = real_catalogue();
    snprintf(path, sizeof path, "%s/data/catalogue.csv", dir);
    f = fopen(path, "w");
    fputs("id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light\n", f);
    for (size_t i = 0; cat && i < catalogue_count(cat) && good > 0; i++) {
        const Picture *p = catalogue_get(cat, i);
        if (p->limb == LIMB_HAND && p->level == 1) {
            fprintf(f, "%s,%s,hand,%s,%s,,%s,%s,1,0,other,left\n", p->id, p->file, p->view,
                    p->posture, p->skin, p->shape);
            good--;
        }
    }
    fputs("broken-missing,bad/missing.png,hand,back,flat,,light,female,1,0,other,left\n"
          "broken-corrupt,bad/corrupt.png,hand,palm,flat,,light,female,1,0,other,left\n",
          f);
    fclose(f);
    catalogue_destroy(cat);
    setenv("GMI_RESOURCE_DIR", dir, 1);
}

/* 5,000 answered trials in one process: everything stored, memory flat. */
static void scenario_soak(void)
{
    DrillSettings soak = {.limbs = LIMBS_BOTH,
                          .count = SOAK_COUNT,
                          .time_limit_ms = 5000,
                          .level = 4,
                          .feedback = false};
    remember_settings(NULL, &soak);
    static Script s = {.mode = MODE_SOAK};
    s.db_path = db_path;
    const char *args[] = {"drill", "--count", "200", "--level", "4", "--feedback", "off"};
    CHECK(run_app(&s, args, 7) == 0);
    CHECK(!s.timed_out);
    CHECK(drive_query(db_path, "SELECT count(*) FROM trials") == SOAK_DRILLS * SOAK_COUNT);
    CHECK(drive_query(db_path, "SELECT count(*) FROM trials WHERE response = 'none'") == 0);
    /* After the first two drills (caches warm), memory does not grow. */
    long base = s.rss_kb[2], last = s.rss_kb[SOAK_DRILLS - 1];
    printf("resident memory after drills 1, 3 and %d: %ld, %ld and %ld kB\n", SOAK_DRILLS,
           s.rss_kb[0], base, last);
    CHECK_MSG(last - base < 4096, "memory grew by %ld kB over %d drills", last - base,
              SOAK_DRILLS - 3);
}

/* The data folder fills up during the drill: no crash, the database stays
 * whole, and the trials stored are complete rows, 1..n. Run on a small
 * file system of its own (tests/full_disk.sh). */
static void scenario_full(void)
{
    Script s = {.mode = MODE_FULL, .db_path = db_path};
    const char *args[] = {"drill", "--count", "12", "--feedback", "off"};
    CHECK(run_app(&s, args, 5) == 0);
    CHECK(s.filled);
    char filler[600];
    snprintf(filler, sizeof filler, "%s.filler", db_path);
    unlink(filler);
    sqlite3 *h;
    CHECK(sqlite3_open(db_path, &h) == SQLITE_OK);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW &&
          strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    Row rows[8];
    int n = read_trials(rows, 8);
    printf("%d of 12 trials were stored before the folder was full\n", n);
    CHECK(n >= 2 && n <= 12);
    check_answered(rows, n, "key");
}

/* Broken pictures among enough good ones: left out, the drill goes on. */
static void scenario_broken(void)
{
    make_resources(12);
    Script s = {.mode = MODE_KEYS, .db_path = db_path};
    /* 28 stimuli in all, 24 without the broken two: every picture is needed. */
    const char *args[] = {"drill", "--limb", "hands", "--count", "24", "--feedback", "off"};
    CHECK(run_app(&s, args, 7) == 0);
    CHECK(!s.timed_out);
    Row rows[32];
    int n = read_trials(rows, 32);
    CHECK_MSG(n == 24, "%d trials stored", n);
    for (int i = 0; i < n; i++)
        CHECK(strncmp(rows[i].image, "broken-", 7) != 0);
}

/* Too few good pictures left: the drill does not start, nothing is stored. */
static void scenario_refused(void)
{
    make_resources(2);
    Script s = {.mode = MODE_IDLE, .db_path = db_path};
    const char *args[] = {"drill", "--limb", "hands", "--count", "8"};
    CHECK(run_app(&s, args, 5) == 0);
    CHECK(drive_query(db_path, "SELECT count(*) FROM sessions") == 0);
    CHECK(drive_query(db_path, "SELECT count(*) FROM trials") == 0);
}

/* The therapist area driven by touch: where its buttons are comes from the
 * same layout code and window the trainer uses (a Ui made here first). */
typedef struct TherapistScript {
    const char *pin;    /* typed (twice when setting, after a second PIN that differs) */
    bool setting;       /* the PIN is new */
    int tries;          /* how many times the PIN is entered (after setting) */
    SDL_Rect therapist; /* home: Therapist */
    SDL_Rect tab[6];    /* Patient, Left/right, Imagine, Mirror, Touch, Settings */
    SDL_Rect done;      /* the area's Done */
    SDL_Rect pace_own;  /* Imagine tab, row 5: "Own pace" */
    SDL_Rect stage_3;   /* Patient tab, row 4: "Mirror" */
    SDL_Rect backup;    /* Settings tab, row 3: "Back up" */
    SDL_Rect place;     /* the backup screen's first place: Documents */
    bool importing;     /* import the first file offered instead of the changes */
    SDL_Rect import;    /* Patient tab, row 0: "Import" */
    SDL_Rect file;      /* the import screen's first file */
    int w, h;
    char title[128];               /* the window's title when the script ended */
    long long pins_after_mismatch; /* PINs stored after two that differ */
} TherapistScript;

/* The therapist area's tabs, and the part of the prescription each holds
 * (-1 for none), as the trainer has them. */
#define AREA_TABS LAYOUT_AREA_TABS
static const int area_tab_part[AREA_TABS] = {-1,
                                             PRESCRIPTION_DRILL,
                                             PRESCRIPTION_IMAGERY,
                                             PRESCRIPTION_MIRROR,
                                             PRESCRIPTION_TOUCH,
                                             PRESCRIPTION_GENERAL};

/* The choices of the rows of the Patient tab: Patients (Switch, New,
 * Import, Archive), Details, Affected, Side, Stage. */
static const int patient_rows[5] = {4, 2, 3, 3, 3};

/* A touch that may bring up another screen. */
static void touch_rect(const TherapistScript *t, SDL_Rect r)
{
    drive_touch((r.x + r.w / 2.0f) / (float)t->w, (r.y + r.h / 2.0f) / (float)t->h, t->w, t->h);
    SDL_Delay(DRIVE_SETTLE_MS);
}

static void type_pin(const char *pin)
{
    for (const char *c = pin; *c; c++) {
        drive_key(SDLK_0 + (*c - '0'), SDL_SCANCODE_0);
        SDL_Delay(60);
    }
    drive_key(SDLK_RETURN, SDL_SCANCODE_RETURN);
    SDL_Delay(1200); /* the hash takes a moment */
}

static int therapist_thread(void *data)
{
    TherapistScript *t = data;
    CHECK(wait_home());
    touch_rect(t, t->therapist);
    if (t->setting) {
        /* First asked who sets it up; then the PIN twice, which must agree. */
        CHECK(drive_wait_title("Set up by a therapist", 3000));
        SDL_Delay(DRIVE_SETTLE_MS);
        drive_key(SDLK_RETURN, SDL_SCANCODE_RETURN);
        SDL_Delay(DRIVE_SETTLE_MS);
        type_pin(t->pin);
        type_pin("1357");
        t->pins_after_mismatch =
            drive_query(db_path, "SELECT count(*) FROM device WHERE key = 'pin_hash'");
        type_pin(t->pin);
    }
    for (int i = 0; i < t->tries; i++)
        type_pin(t->pin);
    if (t->setting) {
        CHECK(drive_wait_title("Therapist, Patient", DRIVE_SLOW_MS));
        SDL_Delay(DRIVE_SETTLE_MS);
    }
    if (t->importing) {
        touch_rect(t, t->import);
        touch_rect(t, t->file);
        SDL_Delay(500);
        touch_rect(t, t->done);
    } else if (t->setting) {
        touch_rect(t, t->tab[5]);
        touch_rect(t, t->backup);
        touch_rect(t, t->place);
        touch_rect(t, t->tab[2]);
        touch_rect(t, t->pace_own);
        touch_rect(t, t->tab[0]);
        touch_rect(t, t->stage_3);
        touch_rect(t, t->done);
    }
    SDL_Delay(300);
    drive_window_title(t->title, sizeof t->title);
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    return 0;
}

/* A window as the trainer opens it with --windowed, for laying screens
 * out as it will (SDL and SDL_ttf started for it); NULL when it cannot be
 * opened. Closed, and SDL stopped, by layout_ui_close. */
static Ui *layout_ui_open(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        return NULL;
    UiConfig config = {.title = "GMI Trainer",
                       .fullscreen = false,
                       .width = 1280,
                       .height = 800,
                       .font_regular = GMI_RESOURCE_DIR "/assets/fonts/DejaVuSans.ttf",
                       .font_bold = GMI_RESOURCE_DIR "/assets/fonts/DejaVuSans-Bold.ttf"};
    char err[256];
    Ui *ui = ui_create(&config, err, sizeof err);
    CHECK_MSG(ui != NULL, "%s", err);
    return ui;
}

static void layout_ui_close(Ui *ui)
{
    ui_destroy(ui);
    TTF_Quit();
    SDL_Quit();
}

/* Lays out the home screen and the therapist area as the trainer will. */
static int therapist_layout(TherapistScript *t)
{
    Ui *ui = layout_ui_open();
    if (ui) {
        t->w = ui_width(ui);
        t->h = ui_height(ui);
        t->therapist = layout_home(ui, 3).therapist;
        FormLayout f = layout_area(ui, 5, patient_rows);
        memcpy(t->tab, f.tab, sizeof t->tab);
        t->done = f.bar_button[2];
        t->stage_3 = f.choice[4][2];
        const int settings_rows[4] = {5, 2, 3, 1};
        t->backup = layout_area(ui, 4, settings_rows).choice[3][0];
        t->import = f.choice[0][2];
        const int places[1] = {1};
        FormSpec backup = {
            .rows = 1, .choices = places, .bar_buttons = 1, .title = true, .stacked = true};
        t->place = layout_form(ui, &backup).choice[0][0];
        backup.bar_buttons = 2;
        t->file = layout_form(ui, &backup).choice[0][0];
        const int imagery_rows[6] = {3, 3, 4, 4, 4, 2};
        t->pace_own = layout_area(ui, 6, imagery_rows).choice[5][1];
    }
    layout_ui_close(ui);
    return ui ? 0 : -1;
}

/* Counts the backups in folder: files gmi-trainer-backup-*.db of mode 0600
 * holding the profile called `name`. */
static int count_backups(const char *folder, const char *name)
{
    DIR *d = opendir(folder);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d))) {
        if (strncmp(e->d_name, "gmi-trainer-backup-", 19) != 0 || !strstr(e->d_name, ".db"))
            continue;
        char path[1024], q[200];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
        snprintf(q, sizeof q, "SELECT count(*) FROM profiles WHERE name = '%s'", name);
        n += stat(path, &st) == 0 && (st.st_mode & 0777) == 0600 && drive_query(path, q) == 1;
    }
    if (d)
        closedir(d);
    return n;
}

/* The PIN set on first use, after the question who sets it up, only when
 * entered twice alike (only its hash stored), a backup to the documents
 * folder with its date recorded, a prescription and the stage changed by
 * touch and saved; then wrong PINs counted across a start, the fourth
 * leaving the pad waiting. */
static void scenario_therapist(void)
{
    TherapistScript t = {.pin = "2468", .setting = true, .tries = 1};
    CHECK(therapist_layout(&t) == 0);
    char home[600], documents[700];
    snprintf(home, sizeof home, "%s", db_path);
    *strrchr(home, '/') = '\0';
    snprintf(documents, sizeof documents, "%s/Documents", home);
    drive_remove_files(documents);
    mkdir(documents, 0700);
    setenv("HOME", home, 1);
    SDL_Thread *th = SDL_CreateThread(therapist_thread, "therapist", &t);
    char *argv[] = {"gmi-trainer", "--db", db_path, "--windowed"};
    CHECK(app_run(4, argv) == 0);
    SDL_WaitThread(th, NULL);
    CHECK(t.pins_after_mismatch == 0);
    CHECK(drive_query(db_path, "SELECT count(*) FROM device WHERE key = 'pin_hash' AND value LIKE "
                               "'$argon2id$%' AND value NOT LIKE '%2468%'") == 1);
    CHECK(drive_query(db_path, "SELECT value FROM settings WHERE key = 'imagery_pace'") ==
          IMAGERY_SELF_PACED);
    CHECK(drive_query(db_path, "SELECT stage FROM profiles") == 3);
    CHECK(count_backups(documents, "Default") == 1);
    CHECK(drive_query(db_path, "SELECT count(*) FROM device WHERE key = 'last_backup' AND "
                               "value LIKE '20__-__-__T__:__:__%'") == 1);

    /* Three wrong PINs (free), then a fourth: counted, the area stays shut. */
    TherapistScript wrong = t;
    wrong.pin = "1111";
    wrong.setting = false;
    wrong.tries = 4;
    th = SDL_CreateThread(therapist_thread, "therapist", &wrong);
    CHECK(app_run(4, argv) == 0);
    SDL_WaitThread(th, NULL);
    CHECK(drive_query(db_path, "SELECT value FROM device WHERE key = 'pin_failures'") == 4);
    CHECK(drive_query(db_path, "SELECT stage FROM profiles") == 3);
    CHECK_MSG(strcmp(wrong.title, "GMI Trainer: Therapist PIN, waiting") == 0, "%s", wrong.title);
}

/* Every field of the prescription on its tab of the therapist area: each
 * tab laid out with the rows the table gives it (the Settings tab's before
 * its Data row), a button other than the default tapped in each
 * field's row, and every field stored with the tapped value. A field shown
 * on another tab, or missing, shifts the rows and stores other values. */
typedef struct RowsScript {
    SDL_Rect therapist, done, tab[AREA_TABS];
    SDL_Rect tap[PRESCRIPTION_FIELDS]; /* in table order */
    int value[PRESCRIPTION_FIELDS];    /* what each tap chooses */
    int w, h;
} RowsScript;

static int rows_thread(void *data)
{
    const RowsScript *t = data;
    const TherapistScript touch = {.w = t->w, .h = t->h};
    CHECK(wait_home());
    touch_rect(&touch, t->therapist);
    type_pin("2468");
    CHECK(drive_wait_title("Therapist, Patient", DRIVE_SLOW_MS));
    SDL_Delay(DRIVE_SETTLE_MS);
    for (int tab = 0; tab < AREA_TABS; tab++) {
        touch_rect(&touch, t->tab[tab]);
        for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++)
            if ((int)prescription_fields[i].part == area_tab_part[tab])
                touch_rect(&touch, t->tap[i]);
    }
    touch_rect(&touch, t->done);
    SDL_Delay(300);
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    return 0;
}

/* A screen that has just come up takes no taps for a moment: the late
 * second tap of an answer to the last picture lands on the ratings (which
 * keep their buttons away from where Left was), and a tap too soon after
 * the results appear lands on Again. Where they are comes from the
 * trainer's layout code. */
typedef struct GuardScript {
    SDL_Rect left;  /* the drill's Left */
    SDL_Rect again; /* the results' Again */
    SDL_Rect end;   /* the drill's break screen: End session */
    int w, h;
} GuardScript;

static void guard_touch(const GuardScript *g, SDL_Rect r)
{
    drive_touch((r.x + r.w / 2.0f) / (float)g->w, (r.y + r.h / 2.0f) / (float)g->h, g->w, g->h);
}

static int guard_thread(void *data)
{
    const GuardScript *g = data;
    wait_video();
    const char *failed = NULL;
    if (!wait_count("SELECT count(*) FROM sessions", 1, 10000)) {
        failed = "the drill did not start";
    } else {
        SDL_Delay(ANSWER_AFTER_MS);
        guard_touch(g, g->left);
        if (!wait_count(TRIALS_STORED, 1, 5000))
            failed = "the first answer was not stored";
    }
    if (!failed) {
        SDL_Delay(ANSWER_AFTER_MS);
        guard_touch(g, g->left); /* the last answer, tapped twice */
        SDL_Delay(60);
        guard_touch(g, g->left);
        if (!wait_count("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", 1, 5000))
            failed = "the drill did not end";
    }
    if (!failed) {
        /* The ratings, still up: pain 3, Done; the results come up. */
        SDL_Delay(DRIVE_SETTLE_MS);
        drive_key(SDLK_3, SDL_SCANCODE_3);
        SDL_Delay(130);
        drive_key(SDLK_RETURN, SDL_SCANCODE_RETURN);
        SDL_Delay(100);
        guard_touch(g, g->again);
        SDL_Delay(500);
        if (drive_query(db_path, "SELECT count(*) FROM sessions") != 1)
            failed = "a tap 100 ms after the results appeared started a drill";
    }
    if (!failed) {
        SDL_Delay(100);
        guard_touch(g, g->again);
        if (!wait_count("SELECT count(*) FROM sessions", 2, 10000))
            failed = "a tap 700 ms after the results appeared did not start a drill";
    }
    if (!failed) {
        /* Ended from the break screen; the ratings come up and the window
         * is closed at once, which is never too soon. */
        SDL_Delay(300);
        drive_key(SDLK_ESCAPE, SDL_SCANCODE_ESCAPE);
        SDL_Delay(300);
        guard_touch(g, g->end);
        if (!wait_count("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL", 2, 5000))
            failed = "the second drill did not end";
    }
    script_failed = failed;
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    return 0;
}

/* The buttons of a field's row: a set's only for the body parts the
 * catalogue has pictures of. */
static int row_buttons(const PrescriptionField *f, LimbSet pictured, int values[])
{
    int n = 0;
    for (int c = 0; c < prescription_field_choice_count(f); c++)
        if (f->kind != PRESCRIPTION_SET || (f->choices[c].value & (int)pictured))
            values[n++] = f->choices[c].value;
    return n;
}

static int rows_layout(RowsScript *t)
{
    Catalogue *cat = real_catalogue();
    LimbSet pictured = cat ? catalogue_limbs(cat) : LIMBS_BOTH;
    catalogue_destroy(cat);
    Ui *ui = layout_ui_open();
    const Prescription d = prescription_default();
    for (int tab = 1; ui && tab < AREA_TABS; tab++) {
        int choices[LAYOUT_MAX_ROWS] = {0}, n = 0, values[PRESCRIPTION_CHOICES_MAX];
        for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++)
            if ((int)prescription_fields[i].part == area_tab_part[tab] && n < LAYOUT_MAX_ROWS)
                choices[n++] = row_buttons(&prescription_fields[i], pictured, values);
        FormLayout f = layout_area(ui, n, choices);
        memcpy(t->tab, f.tab, sizeof t->tab);
        t->done = f.bar_button[2];
        int r = 0;
        for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
            const PrescriptionField *field = &prescription_fields[i];
            if ((int)field->part != area_tab_part[tab])
                continue;
            int c = 0, was = prescription_field_get(&d, field);
            row_buttons(field, pictured, values);
            /* A set's button turns its part off (or on); another row's
             * chooses its value. */
            if (field->kind == PRESCRIPTION_SET) {
                t->tap[i] = f.choice[r++][c];
                t->value[i] = was ^ values[c];
                continue;
            }
            while (values[c] == was)
                c++;
            t->tap[i] = f.choice[r++][c];
            t->value[i] = values[c];
        }
    }
    if (ui) {
        t->w = ui_width(ui);
        t->h = ui_height(ui);
        t->therapist = layout_home(ui, 3).therapist;
    }
    layout_ui_close(ui);
    return ui ? 0 : -1;
}

static void scenario_therapist_rows(void)
{
    RowsScript t = {0};
    CHECK(rows_layout(&t) == 0);
    char err[256];
    Store *st = store_open(db_path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(st != NULL, "%s", err);
    StoreProfile p;
    CHECK(st && store_profile_open(st, NULL, "2026-01-01T09:00:00+00:00", &p) == 0 &&
          store_pin_set(st, "2468") == 0);
    store_close(st);
    SDL_Thread *th = SDL_CreateThread(rows_thread, "therapist", &t);
    char *argv[] = {"gmi-trainer", "--db", db_path, "--windowed"};
    CHECK(app_run(4, argv) == 0);
    SDL_WaitThread(th, NULL);
    for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT value FROM settings WHERE key = '%s'",
                 prescription_fields[i].key);
        long long got = drive_query(db_path, sql);
        CHECK_MSG(got == t.value[i], "%s: tapped %d, stored %lld", prescription_fields[i].key,
                  t.value[i], got);
    }
}

/* Import in the therapist area: a patient's backup in ~/Downloads, the one
 * file offered, imported by touch with its sessions and trials. */
static void scenario_import(void)
{
    char home[600], downloads[700], tablet[700], device[800], backup[800], err[512];
    snprintf(home, sizeof home, "%s", db_path);
    *strrchr(home, '/') = '\0';
    snprintf(downloads, sizeof downloads, "%s/Downloads", home);
    /* In a folder of the home folder, which is not searched: the backup is
     * the one file offered. */
    snprintf(tablet, sizeof tablet, "%s/tablet", home);
    snprintf(device, sizeof device, "%s/device.db", tablet);
    snprintf(backup, sizeof backup, "%s/robin-backup.db", downloads);
    drive_remove_files(downloads);
    drive_remove_files(tablet);
    mkdir(downloads, 0700);
    mkdir(tablet, 0700);
    setenv("HOME", home, 1);
    /* The patient's tablet: two drills of five trials. */
    Store *s = store_open(device, STORE_READ_WRITE, NULL, err, sizeof err);
    StoreProfile p;
    CHECK_MSG(s && store_profile_open(s, "Robin Vale", "2026-11-01T09:00:00+00:00", &p) == 0, "%s",
              s ? store_errmsg(s) : err);
    for (int k = 0; s && k < 2; k++) {
        SessionStart start = {.profile_id = p.id,
                              .settings = drill_settings_default(),
                              .started_at =
                                  k ? "2026-11-20T09:00:00+00:00" : "2026-11-02T09:00:00+00:00",
                              .pain_before = -1};
        int64_t id;
        CHECK(store_session_begin(s, &start, &id) == 0);
        for (int i = 1; i <= 5; i++) {
            TrialRecord r = {.trial = i,
                             .image = "hand-flat-back",
                             .view = "back",
                             .posture = "flat",
                             .response = RESPONSE_LEFT,
                             .correct = true,
                             .input = INPUT_TOUCH,
                             .response_ns = 900000000};
            CHECK(store_trial_add(s, id, &r) == 0);
        }
        CHECK(store_session_end(s, id, start.started_at, false, false) == 0);
    }
    CHECK(s && store_backup(s, backup) == 0);
    store_close(s);

    TherapistScript t = {.pin = "2468", .setting = true, .tries = 1, .importing = true};
    CHECK(therapist_layout(&t) == 0);
    SDL_Thread *th = SDL_CreateThread(therapist_thread, "therapist", &t);
    char *argv[] = {"gmi-trainer", "--db", db_path, "--windowed"};
    CHECK(app_run(4, argv) == 0);
    SDL_WaitThread(th, NULL);
    CHECK(drive_query(db_path, "SELECT count(*) FROM profiles") == 2);
    CHECK(drive_query(db_path, "SELECT count(*) FROM sessions s JOIN profiles p ON p.id = "
                               "s.profile_id WHERE p.name = 'Robin Vale'") == 2);
    CHECK(drive_query(db_path, "SELECT count(*) FROM trials") == 10);
}

static int guard_layout(GuardScript *g)
{
    Ui *ui = layout_ui_open();
    if (ui) {
        g->w = ui_width(ui);
        g->h = ui_height(ui);
        DrillLayout drill = layout_drill(ui);
        g->left = drill.left;
        g->again = layout_results(ui).again;
        g->end = drill.end;
    }
    layout_ui_close(ui);
    return ui ? 0 : -1;
}

/* The late second tap of the last answer does not skip the ratings; a tap
 * 100 ms after the results appear does nothing, one 700 ms after starts
 * the drill again; closing the window just as a screen comes up closes
 * it. */
static void scenario_guard(void)
{
    GuardScript g;
    CHECK(guard_layout(&g) == 0);
    const char *args[] = {"drill", "--count", "2", "--time-limit", "10", "--feedback", "off"};
    CHECK(run_driven(guard_thread, &g, args, 7) == 0);
    CHECK_MSG(!script_failed, "%s", script_failed);
    CHECK(drive_query(db_path, "SELECT count(*) FROM sessions WHERE pain_after = 3") == 1);
    CHECK(drive_query(db_path, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL") == 2);
    CHECK(drive_query(db_path, "SELECT count(*) FROM trials WHERE session_id = 1") == 2);
}

/* A database with one profile, "Default", and the PIN 2468. */
static void make_profile_with_pin(void)
{
    char err[256];
    Store *st = store_open(db_path, STORE_READ_WRITE, NULL, err, sizeof err);
    CHECK_MSG(st != NULL, "%s", err);
    StoreProfile p;
    CHECK(st && store_profile_open(st, NULL, "2026-01-01T09:00:00+00:00", &p) == 0 &&
          store_pin_set(st, "2468") == 0);
    store_close(st);
}

/* Adding a patient asks for the name, typed on the on-screen keyboard
 * (capitals, an accented letter, space, backspace, a digit); Cancel adds
 * no one. The new patient is archived and shown again with the Archive
 * button, and through the switcher's list of archived patients; leaving
 * the area with an archived patient open opens the one left; the next
 * start skips the choice of who practises, one patient being left. */
typedef struct NewScript {
    SDL_Rect therapist, done, patients[4]; /* Switch, New, Import, Archive */
    SDL_Rect cancel, save;                 /* the name screen's */
    Keyboard keyboard;  /* the name screen's, laid out (its keys stay put on every page) */
    SDL_Rect picked[2]; /* the switcher's first two buttons */
    int w, h;
    long long after_cancel, added, archived[4];
    bool titles[5];
} NewScript;

#define ZOE "Zo\u00eb Ng-2"
#define ZOE_ARCHIVED "SELECT archived FROM profiles WHERE name = '" ZOE "'"

/* Taps the keys of keys[0..n) (each named as keyboard_where names it) on
 * a keyboard laid out as the trainer's, following its page and shift. */
static void tap_keys(const NewScript *t, const char *const *keys, int n)
{
    Keyboard k = t->keyboard;
    char typed[64] = "";
    const TherapistScript touch = {.w = t->w, .h = t->h};
    for (int i = 0; i < n; i++) {
        SDL_Rect r;
        CHECK_MSG(keyboard_where(&k, keys[i], &r), "no key %s", keys[i]);
        touch_rect(&touch, r);
        keyboard_press(&k, r.x + r.w / 2, r.y + r.h / 2, typed, sizeof typed);
    }
}

static int new_thread(void *data)
{
    NewScript *t = data;
    const TherapistScript touch = {.w = t->w, .h = t->h};
    CHECK(wait_home());
    touch_rect(&touch, t->therapist);
    type_pin("2468");
    t->titles[0] = drive_wait_title("Therapist, Patient", DRIVE_SLOW_MS);
    touch_rect(&touch, t->patients[1]);
    touch_rect(&touch, t->cancel);
    t->after_cancel = drive_query(db_path, "SELECT count(*) FROM profiles");
    touch_rect(&touch, t->patients[1]);
    t->titles[1] = drive_wait_title("New patient's name", 3000);
    static const char *const keys[] = {
        "Z", "o", "\u00e0\u00e9", "\u00eb", "abc", " ", "\u21e7", "N",
        "g", "x", "\u232b",       "-",      "2"};
    tap_keys(t, keys, (int)(sizeof keys / sizeof keys[0]));
    touch_rect(&touch, t->save);
    t->added = drive_query(db_path, "SELECT count(*) FROM profiles WHERE name = '" ZOE "'");
    for (int i = 0; i < 3; i++) { /* Archive, Unarchive, Archive */
        touch_rect(&touch, t->patients[3]);
        t->archived[i] = drive_query(db_path, ZOE_ARCHIVED);
    }
    /* Switch: the current patients and "Archived (1)"; then the archived
     * ones, Zoë first. */
    touch_rect(&touch, t->patients[0]);
    t->titles[2] = drive_wait_title("Who is practising", 3000);
    touch_rect(&touch, t->picked[1]);
    touch_rect(&touch, t->picked[0]);
    t->titles[3] = drive_wait_title("Therapist, Patient", 3000);
    touch_rect(&touch, t->patients[3]);
    t->archived[3] = drive_query(db_path, ZOE_ARCHIVED);
    touch_rect(&touch, t->patients[3]); /* archived again, then leave */
    touch_rect(&touch, t->done);
    t->titles[4] = drive_wait_title("Home", 3000);
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    return 0;
}

static int new_layout(NewScript *t)
{
    Ui *ui = layout_ui_open();
    if (ui) {
        t->w = ui_width(ui);
        t->h = ui_height(ui);
        t->therapist = layout_home(ui, 3).therapist;
        FormLayout f = layout_area(ui, 5, patient_rows);
        memcpy(t->patients, f.choice[0], sizeof t->patients);
        t->done = f.bar_button[2];
        /* The name screen: Cancel and Save in the bar, the keyboard at the
         * bottom of a column at most 150 mm wide. */
        SDL_Rect bar = scene_top_bar(ui), buttons[2];
        layout_bar_buttons(ui, bar, buttons, 2, t->w / 3);
        t->cancel = buttons[0];
        t->save = buttons[1];
        int margin = ui_mm(ui, 4.0f), width = SDL_min(t->w - 2 * margin, ui_mm(ui, 150.0f));
        int keys_h = keyboard_height(ui);
        t->keyboard.shift = true; /* an empty name starts with a capital */
        keyboard_layout(&t->keyboard, ui,
                        (SDL_Rect){(t->w - width) / 2, t->h - margin - keys_h, width, keys_h});
        /* The switcher: two buttons in a column under the title. */
        int gap = ui_mm(ui, 4.0f),
            top = ui_mm(ui, 6.0f) + ui_line_height(ui, UI_FONT_TITLE) + ui_mm(ui, 6.0f);
        int picker_w = SDL_min(t->w - 2 * ui_mm(ui, 6.0f), ui_mm(ui, 100.0f));
        int bh = SDL_min(ui_mm(ui, 20.0f), (t->h - top - ui_mm(ui, 6.0f) - gap) / 2);
        for (int i = 0; i < 2; i++)
            t->picked[i] = (SDL_Rect){(t->w - picker_w) / 2, top + i * (bh + gap), picker_w, bh};
    }
    layout_ui_close(ui);
    return ui ? 0 : -1;
}

/* Whether the trainer comes up on Home (it then closes it). */
static int home_thread(void *data)
{
    bool *home = data;
    wait_video();
    *home = drive_wait_title("Home", DRIVE_SLOW_MS);
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    return 0;
}

static void scenario_therapist_new(void)
{
    NewScript t = {0};
    CHECK(new_layout(&t) == 0);
    make_profile_with_pin();
    char *argv[] = {"gmi-trainer", "--db", db_path, "--windowed"};
    SDL_Thread *th = SDL_CreateThread(new_thread, "therapist", &t);
    CHECK(app_run(4, argv) == 0);
    SDL_WaitThread(th, NULL);
    for (int i = 0; i < 5; i++)
        CHECK_MSG(t.titles[i], "screen %d", i);
    CHECK(t.after_cancel == 1);
    CHECK(t.added == 1);
    CHECK(t.archived[0] == 1 && t.archived[1] == 0 && t.archived[2] == 1 && t.archived[3] == 0);
    CHECK(drive_query(db_path, ZOE_ARCHIVED) == 1);
    bool home = false;
    th = SDL_CreateThread(home_thread, "home", &home);
    CHECK(app_run(4, argv) == 0);
    SDL_WaitThread(th, NULL);
    CHECK(home);
}

/* The PIN pad while tries must wait (a wrong try 24 s ago, the fourth in
 * a row): it says so, a right PIN typed then is not taken, and the pad
 * opens again by itself when the wait is over; then the right PIN is. */
typedef struct WaitScript {
    SDL_Rect therapist;
    int w, h;
    bool waiting, still_waiting, opened, area;
    long long failures_meanwhile;
} WaitScript;

static int wait_thread(void *data)
{
    WaitScript *t = data;
    const TherapistScript touch = {.w = t->w, .h = t->h};
    CHECK(wait_home());
    char sql[300];
    snprintf(sql, sizeof sql,
             "INSERT OR REPLACE INTO device (key, value) VALUES ('pin_failures', '4'), "
             "('pin_failed_at', '%lld'), ('pin_failed_boot_s', '0'), ('pin_failed_boot_id', '')",
             (long long)time(NULL) - 24);
    CHECK(drive_sql(db_path, sql) == 0);
    touch_rect(&touch, t->therapist);
    t->waiting = drive_wait_title("Therapist PIN, waiting", 3000);
    type_pin("2468");
    t->still_waiting = drive_wait_title("Therapist PIN, waiting", 0);
    t->failures_meanwhile =
        drive_query(db_path, "SELECT value FROM device WHERE key = 'pin_failures'");
    t->opened = drive_wait_title("Therapist PIN", 15000);
    type_pin("2468");
    t->area = drive_wait_title("Therapist, Patient", DRIVE_SLOW_MS);
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q);
    return 0;
}

static void scenario_therapist_wait(void)
{
    WaitScript t = {0};
    Ui *ui = layout_ui_open();
    CHECK(ui != NULL);
    if (ui) {
        t.w = ui_width(ui);
        t.h = ui_height(ui);
        t.therapist = layout_home(ui, 3).therapist;
    }
    layout_ui_close(ui);
    make_profile_with_pin();
    char *argv[] = {"gmi-trainer", "--db", db_path, "--windowed"};
    SDL_Thread *th = SDL_CreateThread(wait_thread, "therapist", &t);
    CHECK(app_run(4, argv) == 0);
    SDL_WaitThread(th, NULL);
    CHECK(t.waiting && t.still_waiting && t.opened && t.area);
    CHECK(t.failures_meanwhile == 4);
    CHECK(drive_query(db_path, "SELECT value FROM device WHERE key = 'pin_failures'") == 0);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_e2e "
                        "keys|eager|touch|timeout|quit|home|damaged|broken|refused|soak|full|"
                        "therapist|therapist_rows|therapist_new|therapist_wait|import|"
                        "damaged_page|damaged_later|pause|onset|guard WORKDIR\n");
        return 2;
    }
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    /* Each scenario in a folder of its own, emptied first. */
    char dir[256];
    snprintf(dir, sizeof dir, "%s/%s", argv[2], argv[1]);
    mkdir(argv[2], 0700);
    drive_remove_files(dir);
    mkdir(dir, 0700);
    snprintf(db_path, sizeof db_path, "%s/%s.db", dir, argv[1]);
    snprintf(csv_path, sizeof csv_path, "%s/%s.csv", dir, argv[1]);
    static const struct {
        const char *name;
        void (*run)(void);
    } scenarios[] = {{"keys", scenario_keys},
                     {"parts", scenario_parts},
                     {"eager", scenario_eager},
                     {"touch", scenario_touch},
                     {"timeout", scenario_timeout},
                     {"quit", scenario_quit},
                     {"home", scenario_home},
                     {"damaged", scenario_damaged},
                     {"broken", scenario_broken},
                     {"refused", scenario_refused},
                     {"soak", scenario_soak},
                     {"full", scenario_full},
                     {"therapist", scenario_therapist},
                     {"therapist_rows", scenario_therapist_rows},
                     {"import", scenario_import},
                     {"therapist_new", scenario_therapist_new},
                     {"therapist_wait", scenario_therapist_wait},
                     {"damaged_page", scenario_damaged_page},
                     {"damaged_later", scenario_damaged_later},
                     {"pause", scenario_pause},
                     {"onset", scenario_onset},
                     {"guard", scenario_guard}};
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
        if (strcmp(argv[1], scenarios[i].name) == 0) {
            scenarios[i].run();
            return check_exit();
        }
    fprintf(stderr, "unknown scenario %s\n", argv[1]);
    return 2;
}
