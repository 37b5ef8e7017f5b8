/* The therapist's review of a profile's practice, shared by the progress
 * screen, the therapist area and the report command: the history read from
 * the store, the progress computed from it, the prescription in words, and
 * the HTML report written to a file. */
#ifndef GMI_REVIEW_H
#define GMI_REVIEW_H

#include <stddef.h>
#include <stdio.h>

#include "norms.h"
#include "progress.h"
#include "store.h"

/* Days the progress screen and the report cover by default: 8 weeks. */
#define REVIEW_DEFAULT_DAYS 56

typedef struct Review {
    StoreHistory history;
    Progress *progress;
} Review;

/* Reads the profile's practice and computes its progress over from_day ..
 * to_day (to_day is "today" for the progression check; the history read
 * reaches back far enough for the check and the change), the rule checked
 * for parts (the prescribed body parts; 0 for those practised). Returns 0,
 * or -1 with a message; free *r with review_free either way. */
int review_load(Review *r, Store *s, int64_t profile_id, int from_day, int to_day,
                const Norms *norms, LimbSet parts, char *err, size_t errlen);

void review_free(Review *r);

/* Today's local date as a day number (see progress.h). */
int review_today(void);

/* The prescription of one kind of practice for profile in words, e.g.
 * "Hands and feet, 20 pictures, 5 s each, level 1" or "Left hand, 5
 * minutes, medium pace", into buf. The limb and side of imagery and mirror
 * therapy are the ones a session would practise (see
 * store_prescription_target); one left to the profile that it does not name
 * reads "side not set" ("limb not chosen"). For the therapist, a limb or
 * side chosen in the prescription rather than taken from the profile says
 * so, e.g. "Right hand (not the affected side)". */
void review_describe(const StoreProfile *profile, const Prescription *p, PracticeMode mode,
                     bool therapist, char *buf, size_t cap);

/* The name of a stage, e.g. "Stage 1: left/right judgement". */
const char *review_stage_name(int stage);

/* The folder files for the user go to: ~/Documents when it can be written,
 * else the home folder (or "." without one), into dir (cap bytes). Returns
 * the name's length, or -1 when it does not fit (dir is then not to be
 * used). */
int review_documents_dir(char *dir, size_t cap);

/* A folder a backup can go to, and its name for a button. */
typedef struct ReviewPlace {
    char folder[1024];
    char name[64]; /* "Documents", "the home folder", or the folder's own name */
} ReviewPlace;

/* The places for a backup into out (at most max; returns how many, 0
 * when the documents folder's name is too long): the
 * documents folder (review_documents_dir), then the writable folders
 * mounted on their own (a USB stick, a memory card: their device differs
 * from their parent's) one or two levels under each of the nbases folders
 * bases (as in /media/STICK and /media/USER/STICK). */
int review_backup_places(const char *const *bases, int nbases, ReviewPlace *out, int max);

/* Where touch practice's progression rule (rule) stands for profile with
 * prescription rx on ladder, in words (touch_progress_words) into buf (cap
 * bytes; TOUCH_WORDS_MAX is enough), from the profile's latest touch
 * sessions of the area rx prescribes (its limb and side: see
 * store_prescription_target); sessions of another area are not counted.
 * When the area is left to the profile and not set there, says so instead.
 * Returns 0, or -1 with the store's message in err. */
int review_touch_words(Store *s, const StoreProfile *profile, const Prescription *rx,
                       const TouchLadder *ladder, const TouchRule *rule, char *buf, size_t cap,
                       char *err, size_t errlen);

/* Writes the profile's HTML report over from_day .. to_day to path (NULL or
 * "-": standard output) with outfile_write, which never replaces the
 * database (the file at database) and never leaves half a report under the
 * name; touch practice's steps are those of ladder. Returns 0, or -1 with a
 * message. */
int review_write_report(Store *s, const StoreProfile *profile, int from_day, int to_day,
                        const Norms *norms, const TouchLadder *ladder, const char *path,
                        const char *database, char *err, size_t errlen);

#endif
