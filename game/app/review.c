#include "review.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "report.h"
#include "timing.h"

int review_today(void)
{
    char now[32];
    int day = 0;
    timing_iso8601(now, sizeof now);
    progress_day_parse(now, &day);
    return day;
}

int review_load(Review *r, Store *s, int64_t profile_id, int from_day, int to_day,
                const Norms *norms, LimbSet parts, char *err, size_t errlen)
{
    *r = (Review){0};
    /* The change compares two weeks before to_day, whatever the range. */
    int first = from_day < to_day - 2 * PROGRESS_WEEK_DAYS + 1
                    ? from_day
                    : to_day - 2 * PROGRESS_WEEK_DAYS + 1;
    char first_date[PROGRESS_DATE_MAX], last_date[PROGRESS_DATE_MAX];
    progress_day_format(first, first_date);
    progress_day_format(to_day, last_date);
    if (store_history_load(s, profile_id, first_date, last_date, &r->history)) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        return -1;
    }
    ProgressInput in = {.trials = r->history.trials,
                        .ntrials = r->history.ntrials,
                        .sessions = r->history.sessions,
                        .nsessions = r->history.nsessions,
                        .from_day = from_day,
                        .to_day = to_day,
                        .norms = norms,
                        .parts = parts};
    r->progress = progress_create(&in, err, errlen);
    return r->progress ? 0 : -1;
}

void review_free(Review *r)
{
    progress_destroy(r->progress);
    store_history_free(&r->history);
    *r = (Review){0};
}

/* Appends note to the notes in buf, separated by "; ". */
static void add_note(char *buf, size_t cap, const char *note)
{
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%s%s", n ? "; " : "", note);
}

/* The limb and side of imagery, mirror therapy or touch in words (see
 * review_describe). */
static const char *target_words(const StoreProfile *profile, LimbChoice lc, SideChoice sc,
                                bool therapist, char *buf, size_t cap)
{
    Limb limb = LIMB_HAND;
    Side side = SIDE_LEFT;
    int open = store_prescription_target(profile, lc, sc, &limb, &side);
    if ((open & STORE_TARGET_NO_SIDE) && (open & STORE_TARGET_NO_LIMB))
        snprintf(buf, cap, "Side not set, limb not chosen");
    else if (open & STORE_TARGET_NO_SIDE)
        snprintf(buf, cap, "%s, side not set", limb == LIMB_HAND ? "Hand" : "Foot");
    else if (open & STORE_TARGET_NO_LIMB)
        snprintf(buf, cap, "%s side, limb not chosen", side == SIDE_LEFT ? "Left" : "Right");
    else
        snprintf(buf, cap, "%s %s", side == SIDE_LEFT ? "Left" : "Right", limb_name(limb));
    /* An explicit choice, and whether it differs from what the profile says. */
    char notes[96] = "";
    bool other_side = profile->affected_side != AFFECTED_BOTH &&
                      (profile->affected_side == AFFECTED_LEFT) != (side == SIDE_LEFT);
    bool other_limb = profile->affected_limbs != LIMBS_BOTH &&
                      (profile->affected_limbs == LIMBS_HANDS) != (limb == LIMB_HAND);
    if (therapist && sc != SIDE_CHOICE_AFFECTED)
        add_note(notes, sizeof notes,
                 other_side ? "not the affected side" : "side chosen explicitly");
    if (therapist && lc != LIMB_CHOICE_AFFECTED)
        add_note(notes, sizeof notes,
                 other_limb ? "not the affected limb" : "limb chosen explicitly");
    if (notes[0]) {
        size_t n = strlen(buf);
        snprintf(buf + n, cap - n, " (%s)", notes);
    }
    return buf;
}

/* The plural ending of a count's noun: "1 minute", "2 minutes". */
static const char *plural(int n)
{
    return n == 1 ? "" : "s";
}

void review_describe(const StoreProfile *profile, const Prescription *p, PracticeMode mode,
                     bool therapist, char *buf, size_t cap)
{
    char which[160];
    switch (mode) {
    case MODE_DRILL: {
        const DrillSettings *d = &p->drill;
        char time[24];
        if (d->time_limit_ms > 0)
            snprintf(time, sizeof time, "%g s each", d->time_limit_ms / 1000.0);
        else
            snprintf(time, sizeof time, "no time limit");
        limb_set_words(d->limbs, which, sizeof which);
        snprintf(buf, cap, "%s, %d picture%s, %s, level %d", which, d->count, plural(d->count),
                 time, d->level);
        return;
    }
    case MODE_IMAGERY: {
        const ImagerySettings *im = &p->imagery;
        snprintf(
            buf, cap, "%s, %d picture%s, hold %d s, rest %d s, %s",
            target_words(profile, p->imagery_limb, p->imagery_side, therapist, which, sizeof which),
            im->count, plural(im->count), im->hold_ms / 1000, im->rest_ms / 1000,
            im->pace == IMAGERY_SELF_PACED ? "at your own pace" : "timed");
        return;
    }
    case MODE_MIRROR: {
        const MirrorSettings *m = &p->mirror;
        snprintf(
            buf, cap, "%s, %d minute%s, %s pace%s",
            target_words(profile, p->mirror_limb, p->mirror_side, therapist, which, sizeof which),
            m->minutes, plural(m->minutes), mirror_pace_name(m->pace), m->tick ? ", tick on" : "");
        return;
    }
    case MODE_TOUCH: {
        char minutes[32] = "the ladder's minutes";
        if (p->touch_minutes > 0)
            snprintf(minutes, sizeof minutes, "%d minute%s", p->touch_minutes,
                     plural(p->touch_minutes));
        snprintf(
            buf, cap, "%s, step %d of the ladder, %s, %d a day",
            target_words(profile, p->touch_limb, p->touch_side, therapist, which, sizeof which),
            p->touch_step, minutes, p->touch_per_day);
        return;
    }
    }
}

const char *review_stage_name(int stage)
{
    static const char *const names[] = {"Stage 1: left/right judgement",
                                        "Stage 2: imagined movements", "Stage 3: mirror therapy"};
    return names[stage >= 1 && stage <= 3 ? stage - 1 : 0];
}

int review_documents_dir(char *dir, size_t cap)
{
    const char *home = getenv("HOME");
    home = home && *home ? home : ".";
    int n = snprintf(dir, cap, "%s/Documents", home);
    if (n < 0 || (size_t)n >= cap || access(dir, W_OK) != 0)
        n = snprintf(dir, cap, "%s", home);
    return n < 0 || (size_t)n >= cap ? -1 : n;
}

/* Adds path when it is a writable folder mounted on its own. */
static void add_mount(const char *path, const char *name, ReviewPlace *out, int *n, int max)
{
    struct stat st, parent;
    char up[1100];
    snprintf(up, sizeof up, "%s/..", path);
    if (*n == max || stat(path, &st) != 0 || !S_ISDIR(st.st_mode) || stat(up, &parent) != 0 ||
        st.st_dev == parent.st_dev || access(path, W_OK) != 0)
        return;
    snprintf(out[*n].folder, sizeof out[*n].folder, "%s", path);
    snprintf(out[*n].name, sizeof out[*n].name, "%s", name);
    (*n)++;
}

int review_backup_places(const char *const *bases, int nbases, ReviewPlace *out, int max)
{
    if (max < 1)
        return 0;
    if (review_documents_dir(out[0].folder, sizeof out[0].folder) < 0)
        return 0;
    snprintf(out[0].name, sizeof out[0].name, "%s",
             strstr(out[0].folder, "/Documents") ? "Documents" : "the home folder");
    int n = 1;
    for (int i = 0; i < nbases; i++) {
        DIR *top = opendir(bases[i]);
        struct dirent *e;
        while (top && (e = readdir(top))) {
            if (e->d_name[0] == '.')
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", bases[i], e->d_name);
            add_mount(path, e->d_name, out, &n, max);
            DIR *user = opendir(path);
            struct dirent *f;
            while (user && (f = readdir(user))) {
                if (f->d_name[0] == '.')
                    continue;
                char inner[1024];
                snprintf(inner, sizeof inner, "%.500s/%.500s", path, f->d_name);
                add_mount(inner, f->d_name, out, &n, max);
            }
            if (user)
                closedir(user);
        }
        if (top)
            closedir(top);
    }
    return n;
}

int review_touch_words(Store *s, const StoreProfile *profile, const Prescription *rx,
                       const TouchLadder *ladder, const TouchRule *rule, char *buf, size_t cap,
                       char *err, size_t errlen)
{
    int steps = touch_ladder_steps(ladder);
    int step = rx->touch_step < steps ? rx->touch_step : steps;
    Limb limb;
    Side side;
    if (store_prescription_target(profile, rx->touch_limb, rx->touch_side, &limb, &side)) {
        snprintf(buf, cap,
                 "Step %d of %d. The area to practise is not set yet, so no session "
                 "counts.",
                 step, steps);
        return 0;
    }
    TouchOutcome recent[TOUCH_HISTORY];
    size_t n;
    if (store_touch_outcomes(s, profile->id, limb, side, recent, TOUCH_HISTORY, &n)) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        return -1;
    }
    touch_progress_words(recent, n, step, steps, rule, buf, cap);
    return 0;
}

typedef struct ReportJob {
    const StoreProfile *profile;
    const Review *review;
    const Prescription *prescription;
    const char *touch_check; /* NULL when touch practice is not prescribed */
    int touch_steps;
} ReportJob;

static int write_report(FILE *out, void *ctx, char *err, size_t errlen)
{
    const ReportJob *job = ctx;
    const StoreProfile *p = job->profile;
    static const char *const limbs[] = {"", "hand", "foot", "hand and foot"};
    char affected[64], generated[32], per_day[16];
    if (p->affected_side == AFFECTED_BOTH)
        snprintf(affected, sizeof affected, "%s, side not set", limbs[p->affected_limbs]);
    else
        snprintf(affected, sizeof affected, "%s %s", affected_side_name(p->affected_side),
                 limbs[p->affected_limbs]);
    char drill[160], imagery[256], mirror[256], touch[256] = "Not prescribed";
    review_describe(p, job->prescription, MODE_DRILL, true, drill, sizeof drill);
    review_describe(p, job->prescription, MODE_IMAGERY, true, imagery, sizeof imagery);
    review_describe(p, job->prescription, MODE_MIRROR, true, mirror, sizeof mirror);
    if (job->prescription->touch_on)
        review_describe(p, job->prescription, MODE_TOUCH, true, touch, sizeof touch);
    snprintf(per_day, sizeof per_day, "%d", job->prescription->sessions_per_day);
    const ReportField fields[] = {{"Sessions a day", per_day},
                                  {"Left/right judgement", drill},
                                  {"Imagined movements", imagery},
                                  {"Mirror therapy", mirror},
                                  {"Touch practice", touch}};
    timing_iso8601(generated, sizeof generated);
    ReportInput in = {.profile_name = p->name,
                      .affected = affected,
                      .stage = review_stage_name(p->stage),
                      .notes = p->notes,
                      .prescription = fields,
                      .nprescription = sizeof fields / sizeof fields[0],
                      .generated_at = generated,
                      .progress = job->review->progress,
                      .sessions = job->review->history.sessions,
                      .nsessions = job->review->history.nsessions,
                      .touch_check = job->touch_check,
                      .touch_steps = job->touch_steps};
    return report_write(out, &in, err, errlen);
}

int review_write_report(Store *s, const StoreProfile *profile, int from_day, int to_day,
                        const Norms *norms, const TouchLadder *ladder, const char *path,
                        const char *database, char *err, size_t errlen)
{
    Prescription prescription = prescription_default();
    if (store_prescription_load(s, profile->id, &prescription)) {
        snprintf(err, errlen, "%s", store_errmsg(s));
        return -1;
    }
    char touch[TOUCH_WORDS_MAX];
    if (prescription.touch_on &&
        review_touch_words(s, profile, &prescription, ladder, &norms->touch, touch, sizeof touch,
                           err, errlen))
        return -1;
    Review review;
    int rc = review_load(&review, s, profile->id, from_day, to_day, norms, prescription.drill.limbs,
                         err, errlen);
    if (rc == 0) {
        ReportJob job = {profile, &review, &prescription, prescription.touch_on ? touch : NULL,
                         touch_ladder_steps(ladder)};
        rc = outfile_write(path, database, write_report, &job, err, errlen);
    }
    review_free(&review);
    return rc;
}
