/* The therapist's report: one self-contained HTML file with the profile,
 * the prescription, the progression check and the change over the last
 * two weeks, the progress charts as inline SVG (accuracy and median
 * response time per day with the target bands, response time by rotation
 * and by view over the last week, pain before and after each session), a
 * table of practised days and the session table; and touch practice: where
 * its progression rule stands, minutes per day, the step of the ladder and
 * the discomfort of each session (left and right apart), and its sessions.
 *
 * The file has no scripts and loads nothing: it is polyglot HTML5 that is
 * also well-formed XHTML (every tag closed, only the five XML entities),
 * prints on A4 without cutting a chart across pages, and stays readable in
 * black and white because left and right also differ in line and marker
 * (chart.h). Every string the caller passes is escaped; bytes that are not
 * valid UTF-8, and control characters XML does not allow, are written as
 * U+FFFD. */
#ifndef GMI_REPORT_H
#define GMI_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "progress.h"

/* One line of the prescription, e.g. {"Left/right judgement", "3 times a
 * day, 20 pictures"}. Strings are borrowed. */
typedef struct ReportField {
    const char *label;
    const char *value;
} ReportField;

/* What the report shows. Everything is borrowed for the call; strings are
 * UTF-8, and a NULL optional string is shown as "not recorded" (or, for
 * notes, "No notes."). */
typedef struct ReportInput {
    const char *profile_name; /* required */
    const char *affected;     /* affected limb(s) and side, e.g. "left hand"; optional */
    const char *stage;        /* current stage, e.g. "1: left/right judgement"; optional */
    const char *notes;        /* the therapist's notes, line breaks kept; optional */
    const ReportField *prescription;
    size_t nprescription;
    const char *generated_at;        /* when the report was made, an ISO 8601 stamp shown in
                                        words (as given when it is not one); required */
    const Progress *progress;        /* computed over the sessions below; gives the period */
    const ProgressSession *sessions; /* the array given to progress_create */
    size_t nsessions;
    const char *touch_check; /* where touch practice's progression stands in words
                                (touch_progress_words) when it is prescribed; NULL when not.
                                With it or a touch session in the period, the report has a
                                section on touch practice */
    int touch_steps;         /* the ladder's steps, the top of the step chart; 0: the
                                highest step practised */
} ReportInput;

/* Writes the report to out (which the caller opened and closes; it is
 * flushed). Returns 0, or -1 with a message in err when writing fails (a
 * write, the flush or the stream's error flag): out then holds part of the
 * report, so write to a temporary file and rename it on success. */
int report_write(FILE *out, const ReportInput *in, char *err, size_t errlen);

#endif
