/* A profile's progress over a range of days: left/right judgement accuracy
 * and median response time per day and side, response time by rotation
 * angle and by view for the last week, pain before and after each session,
 * the check of the rule for moving on to imagined movements, and the change
 * between the last two weeks. The progress screen and the HTML report both
 * show what this module computes, so the numbers exist once.
 *
 * Days are local calendar days counted from 1970-01-01 (day 0); a day
 * before that is negative. A trial or session belongs to the day its
 * session started on, as the store's ISO 8601 stamp says.
 *
 * The rule (clinical.md; thresholds from data/norms.csv through Norms),
 * for each body part it checks (the prescribed ones): a day meets the
 * criteria when its drill trials of that part show, on each side (the side
 * of the picture), at least PROGRESS_MIN_PICTURES pictures, accuracy of at
 * least accuracy_min_pct and a median response time of right answers of at
 * most the part's rt_target_s + rt_band_s (being faster is never a
 * failure), with left and right within the smallest real change: medians
 * at most rt_real_change_s apart and accuracies at most
 * accuracy_real_change_pct points apart. A day meets the rule when every
 * part checked meets it. The patient is ready to move on when the criteria were met
 * on each of hold_days consecutive days ending on the range's last day
 * ("today") or the day before, so a patient who has not practised yet today
 * is not penalised. A day without practice breaks the run. */
#ifndef GMI_PROGRESS_H
#define GMI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "norms.h"
#include "stats.h"
#include "trial.h"

#define PROGRESS_VIEW_MAX 16     /* a view name's bytes, the terminating NUL included */
#define PROGRESS_NO_PAIN (-1)    /* a pain rating that was not given */
#define PROGRESS_MIN_PICTURES 10 /* pictures of each side a day needs to count */
#define PROGRESS_WEEK_DAYS 7     /* the week of the rotation and view charts and of the change */
#define PROGRESS_ANGLES 8        /* rotations 0, 45, ..., 315 degrees */
#define PROGRESS_MAX_DAYS 36525  /* the longest range accepted: 100 years */
#define PROGRESS_DATE_MAX 11     /* "YYYY-MM-DD" and its NUL */
#define PROGRESS_TEXT_MAX 512    /* the check's message and the change's phrases */
#define PROGRESS_WORDS_MAX 48    /* a date, a pain rating or an amount in words, and its NUL */

/* One drill trial (one picture shown), as the caller reads it from storage. */
typedef struct ProgressTrial {
    int day; /* day of its session's start */
    Limb limb;
    Side side;                    /* the side of the picture */
    char view[PROGRESS_VIEW_MAX]; /* e.g. "back", "palm", "sole"; NUL-terminated */
    int rotation_deg;             /* 0..315 in steps of 45 */
    bool answered;                /* an answer was given before any time limit */
    bool correct;                 /* the answer named the picture's side; a trial not
                                     answered counts as wrong whatever this says */
    double rt_ms;                 /* response time of the answer; ignored when not answered */
    bool too_fast;                /* answered too fast to be a judgement: not judged, left out
                                     of accuracy and times (counted in Summary.too_fast) */
} ProgressTrial;

/* One practice session of any mode. */
typedef struct ProgressSession {
    const char *started_at; /* ISO 8601 local start with offset, e.g.
                               "2026-11-21T09:14:03+01:00"; borrowed */
    PracticeMode mode;
    int pain_before; /* 0-10, or PROGRESS_NO_PAIN */
    int pain_after;  /* 0-10, or PROGRESS_NO_PAIN */
    bool stopped_early;
    bool stopped_for_pain; /* stopped because it hurt */
    int pictures;          /* pictures shown (drill trials, imagery pictures); 0 if none */
    double accuracy_pct;   /* drills: accuracy over the pictures judged; ignored otherwise */
    double median_rt_ms;   /* drills: median of right answers, negative when none; ignored
                              otherwise */
    int too_fast;          /* drills: answers too fast to be judgements (for the therapist) */
    int late_onsets;       /* drills: pictures whose onset frame was late (for the therapist) */
    bool open;             /* not ended: still running, or cut off and not yet marked
                              interrupted */
    int64_t practised_ms;  /* mirror therapy and touch: how long the movements ran or the
                              steps were touched (pauses left out); ignored otherwise */
    Side side;             /* touch: the side practised; ignored otherwise */
    int touch_step;        /* touch: the step of the ladder prescribed, 1 or more; ignored
                              otherwise */
    int discomfort;        /* touch: the highest discomfort rated after a step, 0-10, or
                              PROGRESS_NO_PAIN when none was rated; ignored otherwise */
} ProgressSession;

/* What progress_create reads. The arrays are borrowed for the call only. */
typedef struct ProgressInput {
    const ProgressTrial *trials; /* the profile's drill trials, in any order */
    size_t ntrials;
    const ProgressSession *sessions; /* the profile's sessions, in any order */
    size_t nsessions;
    int from_day;       /* first day shown */
    int to_day;         /* last day shown; the check and the change take it as today */
    const Norms *norms; /* the thresholds; required, copied */
    LimbSet parts;      /* the body parts the rule checks (the prescribed ones); 0 for
                           those practised in the days summarised */
} ProgressInput;

/* Criteria a day did not meet (bits of ProgressDay.missing). */
typedef enum ProgressMiss {
    PROGRESS_MISS_PICTURES_LEFT = 1 << 0, /* fewer than PROGRESS_MIN_PICTURES left pictures */
    PROGRESS_MISS_PICTURES_RIGHT = 1 << 1,
    PROGRESS_MISS_ACCURACY_LEFT = 1 << 2, /* accuracy below the target */
    PROGRESS_MISS_ACCURACY_RIGHT = 1 << 3,
    PROGRESS_MISS_SPEED_LEFT = 1 << 4, /* median slower than the band, or no right answer */
    PROGRESS_MISS_SPEED_RIGHT = 1 << 5,
    PROGRESS_MISS_RT_BALANCE = 1 << 6,      /* medians further apart than the real change, or
                                               one of them missing */
    PROGRESS_MISS_ACCURACY_BALANCE = 1 << 7 /* accuracies further apart than the real change */
} ProgressMiss;

/* One calendar day. side[] is indexed by Side and holds every body part's
 * trials together; a Summary's median is negative when that side had no
 * right answer. missing gathers the criteria any part checked missed. */
typedef struct ProgressDay {
    int day;
    Summary side[2];
    bool practised;   /* at least one drill trial that day */
    int64_t touch_ms; /* time spent touching in touch practice that day (pauses left out) */
    unsigned missing; /* ProgressMiss bits; every bit is set on a day without practice */
    bool meets;       /* practised and nothing missing */
} ProgressDay;

/* Response times and accuracy of one rotation angle in the last week. */
typedef struct ProgressAngle {
    int rotation_deg;
    Summary side[2];
} ProgressAngle;

/* Response times and accuracy of one view of one limb in the last week. */
typedef struct ProgressView {
    Limb limb;
    char view[PROGRESS_VIEW_MAX];
    Summary side[2];
} ProgressView;

/* A session in the range, for the session table. */
typedef struct ProgressRow {
    size_t session; /* index into the sessions given to progress_create */
    int day;
    int minute; /* minutes after local midnight */
} ProgressRow;

/* A session with at least one pain rating, for the pain chart. */
typedef struct ProgressPain {
    double x;   /* the start on the day axis: day - 0.5 + minute / 1440, inside the
                   day's slot of chart_axis_days */
    int before; /* 0-10, or PROGRESS_NO_PAIN */
    int after;
} ProgressPain;

/* A touch session in the range, for the charts of the step of the ladder
 * and of the discomfort over time. */
typedef struct ProgressTouch {
    double x; /* the start on the day axis, as ProgressPain.x */
    Side side;
    int step;       /* the step of the ladder prescribed */
    int discomfort; /* the highest rated, 0-10, or PROGRESS_NO_PAIN */
} ProgressTouch;

/* The rule for moving on to imagined movements, checked as of to_day. */
typedef struct ProgressCheck {
    bool ready;
    int run_days;                    /* days in a row meeting the criteria up to today, or up to
                                        yesterday when today does not (yet) meet them, counted
                                        back no further than examined_from */
    int hold_days;                   /* days in a row needed */
    LimbSet parts;                   /* the body parts checked */
    bool has_latest;                 /* a practised day among the days examined */
    int latest_day;                  /* the latest practised day, when has_latest */
    Summary latest[LIMB_COUNT][2];   /* that day's numbers, by body part and Side */
    unsigned missing[LIMB_COUNT];    /* ProgressMiss bits of that day by body part: 0 for a
                                        part not checked, all when !has_latest */
    int examined_from;               /* the first day examined: from_day, or to_day minus the
                                        larger of 13 and hold_days if that is earlier */
    char message[PROGRESS_TEXT_MAX]; /* "Ready to move on to imagined movements." or
                                        "Still to reach: " and what latest_day missed, with its
                                        numbers ("accuracy of 80 % on the left (72 % now)"),
                                        each part's after its name ("neck: ...") when more than
                                        one is checked, then the days in a row ("7 days in a
                                        row (3 so far)"), separated by "; " and ended by "." */
    char brief[PROGRESS_TEXT_MAX];   /* the same in a few words, without the numbers of
                                        now: "Still to reach: Feet: 10 pictures a side, 80 %
                                        right; Neck: 2.1 s or less, left and right alike; 7
                                        days in a row (none so far)." */
} ProgressCheck;

typedef enum ProgressTrend {
    PROGRESS_TREND_UNKNOWN, /* too few pictures (or right answers) in one of the weeks */
    PROGRESS_TREND_SAME,    /* within the smallest real change */
    PROGRESS_TREND_BETTER,  /* more than the smallest real change better */
    PROGRESS_TREND_WORSE    /* more than the smallest real change worse */
} ProgressTrend;

/* One side's last week (to_day - 6 .. to_day) against the week before. A
 * week needs PROGRESS_MIN_PICTURES pictures of the side to be compared
 * (and a median on both weeks for the response time). */
typedef struct ProgressChange {
    Summary earlier;
    Summary recent;
    double accuracy_delta_pct; /* recent - earlier, in points; meaningful unless accuracy is
                                  PROGRESS_TREND_UNKNOWN */
    double rt_delta_ms;        /* recent - earlier, negative is faster; meaningful unless rt is
                                  PROGRESS_TREND_UNKNOWN */
    ProgressTrend accuracy;
    ProgressTrend rt;
    char phrase[PROGRESS_TEXT_MAX]; /* e.g. "Left pictures: accuracy up 8 points; speed about
                                       the same." */
} ProgressChange;

typedef struct Progress Progress;

/* Computes everything above from in. Trials and sessions outside the range
 * are left out of the charts and the session table, but the check and the
 * change look back from to_day however short the range is. Runs in
 * O(n log n) time for n trials with memory linear in n and in the number
 * of days. Returns a handle the caller frees with progress_destroy, or NULL
 * with a message in err: the range is empty or longer than
 * PROGRESS_MAX_DAYS, parts names no body part, a trial has an unknown side or limb, a rotation that
 * is not 0..315 in steps of 45 or an unterminated view, a session's start
 * is not an ISO 8601 date and time, its mode is unknown or a pain rating is
 * outside 0-10, a touch session has an unknown side, a step below 1 or a
 * discomfort outside 0-10, or memory ran out. */
Progress *progress_create(const ProgressInput *in, char *err, size_t errlen);

/* Frees p; NULL is allowed. Every pointer obtained from p dies with it. */
void progress_destroy(Progress *p);

/* The range and the thresholds p was computed with (a copy of the norms). */
int progress_from_day(const Progress *p);
int progress_to_day(const Progress *p);
const Norms *progress_norms(const Progress *p);

/* One entry per day from from_day to to_day, in order; *n receives the count. */
const ProgressDay *progress_days(const Progress *p, size_t *n);

/* PROGRESS_ANGLES entries, 0 to 315 degrees, over the last week of the range
 * (from the later of from_day and to_day - 6 to to_day). */
const ProgressAngle *progress_angles(const Progress *p);

/* One body part's pictures over the last week of the range (as
 * progress_angles), by Side. */
const Summary *progress_part_week(const Progress *p, Limb limb);

/* Each limb and view shown in the last week of the range, hands first, then
 * by name; *n receives the count (NULL when it is 0). */
const ProgressView *progress_views(const Progress *p, size_t *n);

/* The sessions that started in the range, by start; *n receives the count. */
const ProgressRow *progress_sessions(const Progress *p, size_t *n);

/* The sessions of progress_sessions that have a pain rating, in the same order. */
const ProgressPain *progress_pain(const Progress *p, size_t *n);

/* The touch sessions of progress_sessions, in the same order. */
const ProgressTouch *progress_touch(const Progress *p, size_t *n);

/* The touch sessions of side as chart points into x and y (room for the
 * count progress_touch gives): at each one's x, its step, or with
 * discomfort its discomfort where one was rated. Returns how many. */
size_t progress_touch_points(const Progress *p, Side side, bool discomfort, double *x, double *y);

/* The highest step of the ladder practised in the range; 0 without touch
 * practice. */
int progress_touch_top(const Progress *p);

const ProgressCheck *progress_check(const Progress *p);

/* The change for the pictures of one side. */
const ProgressChange *progress_change(const Progress *p, Side side);

/* Reads the date at the start of text ("YYYY-MM-DD", alone or followed by
 * 'T' and a time) into *day. Returns 0, or -1 when it is not a valid date
 * from year 1 to 9999. */
int progress_day_parse(const char *text, int *day);

/* Splits day into its year, month (1-12) and day of the month. Returns 0,
 * or -1 (leaving the outputs alone) when it is outside years 1 to 9999. */
int progress_day_split(int day, int *year, int *month, int *mday);

/* Writes day as "YYYY-MM-DD" into out (years 1 to 9999; other days give
 * "0000-00-00"). */
void progress_day_format(int day, char out[PROGRESS_DATE_MAX]);

/* Writes day in words, "21 November 2026", and with minute (0-1439, after
 * midnight) its time too, "21 November 2026, 09:30"; a negative minute
 * leaves the time out. A day outside years 1 to 9999 gives "unknown date". */
void progress_when_words(int day, int minute, char out[PROGRESS_WORDS_MAX]);

/* Writes the date and time of an ISO 8601 stamp ("2026-11-21T09:30:12+01:00",
 * the local time as written) as progress_when_words does. Returns 0, or -1
 * when stamp has no readable date and time: out then holds stamp as given
 * (cut to fit), or "" for NULL. */
int progress_stamp_words(const char *stamp, char out[PROGRESS_WORDS_MAX]);

/* Writes a session's pain ratings (0-10 or PROGRESS_NO_PAIN) in words:
 * "3 before, 1 after", "4 before, not rated after", "not rated before, 2
 * after" or "not rated". A rating not given is never written as a number
 * or a word that could be read as no pain. */
void progress_pain_words(int before, int after, char out[PROGRESS_WORDS_MAX]);

/* Writes what a session did in its own measure: the pictures shown ("20
 * pictures", "1 picture") of a drill or an imagery set, the time practised
 * of mirror therapy or touch practice to the second ("5 min", "4 min 30 s",
 * "40 s"). */
void progress_amount_words(const ProgressSession *s, char out[PROGRESS_WORDS_MAX]);

/* Writes the line about today's practice on the patient's home screen into
 * out (cap bytes): "None yet today (3 planned)", "1 session today (3
 * planned)", "All 3 sessions done today" when done equals planned ("Today's
 * session is done" for one), and "4 sessions today (3 planned)" when more
 * were done. At most 30 characters up to 12 sessions, so that it fits one
 * heading line of a tablet held upright. */
void progress_today_words(int done, int planned, char *out, size_t cap);

/* Writes the home screen's line about today's touch practice against its
 * plan into out (cap bytes): "Touch: 1 of 2 today" while fewer were done,
 * "Touch: all 2 done today" ("Touch: done today" for one), and "Touch: 3
 * today (2 planned)" when more were done. */
void progress_touch_today_words(int done, int planned, char *out, size_t cap);

#endif
