/* The command line of gmi-trainer, parsed and validated without side
 * effects so a usage error can be reported before anything is opened. */
#ifndef GMI_CLI_H
#define GMI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "prescription.h"

#define CLI_PROFILE_MAX 40

typedef enum CliCommand {
    CLI_HOME,
    CLI_DRILL,
    CLI_IMAGERY,
    CLI_MIRROR,
    CLI_TOUCH,
    CLI_EXPORT,
    CLI_REPORT,
    CLI_BACKUP,
    CLI_RESTORE,
    CLI_IMPORT,
    CLI_HELP,
    CLI_VERSION
} CliCommand;

/* What export writes. */
typedef enum CliWhat { CLI_WHAT_TRIALS, CLI_WHAT_SESSIONS } CliWhat;
typedef enum CliFormat { CLI_FORMAT_CSV, CLI_FORMAT_JSON } CliFormat;

#define CLI_DATE_MAX 11 /* "YYYY-MM-DD" and its NUL */

typedef struct CliOptions {
    CliCommand command;
    const char *db_path; /* NULL: the per-user data folder */
    const char *profile; /* NULL: the first profile (made on first run) */
    bool fullscreen;     /* default true */
    /* drill, imagery, mirror and touch commands: the settings of the session, the
     * defaults (prescription_default) with the options given (the fields of
     * prescription_fields that have an option). The limb and side of
     * imagery, mirror therapy and touch stay LIMB_CHOICE_AFFECTED and
     * SIDE_CHOICE_AFFECTED unless given: then the profile's prescription
     * decides them (its affected limb and side unless the therapist chose
     * others). */
    Prescription prescription;
    bool seed_given;
    uint64_t seed;
    CliWhat what;             /* export */
    CliFormat format;         /* export */
    const char *out_path;     /* export: NULL for standard output; report: required;
                                 backup: NULL for the default name */
    const char *restore_path; /* restore: the backup to install (required) */
    const char *import_path;  /* import: the backup or database to merge (required) */
    char from[CLI_DATE_MAX], to[CLI_DATE_MAX]; /* report: "" when not given */
} CliOptions;

/* Parses argv[1..argc). Strings in *out point into argv. Returns 0, or -1
 * with one line saying what is wrong in err. */
int cli_parse(int argc, char **argv, CliOptions *out, char *err, size_t errlen);

/* The usage text printed by --help and after a usage error. */
const char *cli_usage(void);

/* Checks a calendar date written YYYY-MM-DD (a real date, years 2000-2999).
 * Returns 0 if valid. */
int cli_check_date(const char *date);

/* Checks a profile name: 1..CLI_PROFILE_MAX bytes of valid UTF-8, no
 * control characters, not only spaces. Returns 0 if valid. */
int cli_check_profile_name(const char *name);

#endif
