#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"
#include "utf8.h"

static const char usage[] =
    "Usage: gmi-trainer [OPTIONS] [COMMAND [COMMAND OPTIONS]]\n"
    "\n"
    "Graded motor imagery: left/right judgement, imagined movements and mirror\n"
    "therapy, with the practice kept for the patient and their therapist.\n"
    "\n"
    "Commands:\n"
    "  (none)                  open the home screen\n"
    "  drill                   start a left/right drill now, then show the results\n"
    "    --limb hands|feet|both  which limbs to show (default both)\n"
    "    --count N               number of pictures, 1-200 (default 20)\n"
    "    --time-limit SECONDS    time per picture, 0 for untimed, up to 60 (default 5)\n"
    "    --level 1-4             1 upright, 2 rotated, 3 unusual views, 4 with objects\n"
    "                            (default 1)\n"
    "    --feedback on|off       show how each answer went (default on)\n"
    "    --seed N                repeat the same picture order (0 to 2^64-1)\n"
    "  imagery                 start a set of imagined movements now\n"
    "    --limb hand|foot        the limb (default: the prescription's, the\n"
    "                            affected limb unless the therapist chose one)\n"
    "    --side left|right       the side (default: the prescription's, the affected\n"
    "                            side unless the therapist chose one; needed while\n"
    "                            the affected side is not set)\n"
    "    --count N               number of pictures, 1-30 (default 10)\n"
    "    --hold SECONDS          time to hold each picture, 3-60 (default 10)\n"
    "    --rest SECONDS          rest between pictures, 0-60 (default 5)\n"
    "    --pace timed|self       move on by the timer or by tapping Next (default timed)\n"
    "    --seed N                repeat the same pictures\n"
    "  mirror                  start a mirror-therapy session now\n"
    "    --limb hand|foot        the limb (default: the prescription's, the\n"
    "                            affected limb unless the therapist chose one)\n"
    "    --side left|right       the side (default: the prescription's, the affected\n"
    "                            side unless the therapist chose one; needed while\n"
    "                            the affected side is not set)\n"
    "    --minutes N             session length, 1-30 (default 5)\n"
    "    --pace slow|medium|normal  movement speed (default medium)\n"
    "    --tick on|off           a soft tick with each movement (default off)\n"
    "    --camera on|off         show the camera as a mirror where there is one\n"
    "                            (default off: guided movements)\n"
    "  export                  write the practice as CSV or JSON\n"
    "    --what trials|sessions  one row per picture or per session (default trials)\n"
    "    --format csv|json       the format (default csv)\n"
    "    --out FILE              where to write (default: standard output)\n"
    "  report                  write a printable HTML report for the therapist\n"
    "    --from YYYY-MM-DD       first day (default: 8 weeks before the last)\n"
    "    --to YYYY-MM-DD         last day (default: today)\n"
    "    --out FILE              where to write (required; - for standard output)\n"
    "  backup                  write a checked copy of the database\n"
    "    --out FILE              where to write (default: gmi-trainer-backup-DATE.db\n"
    "                            in the Documents folder)\n"
    "  restore FILE            replace the database with a backup (the current one\n"
    "                          is kept beside it, renamed)\n"
    "  import FILE             add a patient's practice from their backup or\n"
    "                          database to this one (what is already here is kept)\n"
    "\n"
    "Options:\n"
    "  --db FILE               database file (default: gmi-trainer.db in the user's\n"
    "                          data folder)\n"
    "  --profile NAME          whose practice this is (default: the first profile;\n"
    "                          export and report: every profile / the first one)\n"
    "  --fullscreen            fill the screen (default)\n"
    "  --windowed              use a window\n"
    "  -h, --help              show this help and exit\n"
    "  --version               show the version and exit\n";

const char *cli_usage(void)
{
    return usage;
}

int cli_check_profile_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > CLI_PROFILE_MAX)
        return -1;
    int visible = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return -1;
        if (*p != ' ')
            visible = 1;
    }
    return visible && utf8_valid(name) ? 0 : -1;
}

static int parse_int(const char *s, long lo, long hi, int *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

/* Seconds with up to three decimals ("5", "2.5", "0.75") to milliseconds. */
static int parse_seconds(const char *s, int max_ms, int *out_ms)
{
    long ms = 0;
    int digits = 0;
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        ms = ms * 10 + (*s - '0');
        if (ms > max_ms)
            return -1;
    }
    ms *= 1000;
    if (*s == '.') {
        s++;
        long scale = 100;
        for (; *s >= '0' && *s <= '9'; s++, digits++) {
            if (scale == 0)
                return -1;
            ms += (*s - '0') * scale;
            scale /= 10;
        }
    }
    if (*s || digits == 0 || ms > max_ms)
        return -1;
    *out_ms = (int)ms;
    return 0;
}

/* The commands an option belongs to, as a bit set. */
enum {
    IN_ANY = 0,
    IN_DRILL = 1 << CLI_DRILL,
    IN_IMAGERY = 1 << CLI_IMAGERY,
    IN_MIRROR = 1 << CLI_MIRROR,
    IN_EXPORT = 1 << CLI_EXPORT,
    IN_REPORT = 1 << CLI_REPORT,
    IN_BACKUP = 1 << CLI_BACKUP
};

static const char *const command_names[] = {
    [CLI_DRILL] = "drill",     [CLI_IMAGERY] = "imagery", [CLI_MIRROR] = "mirror",
    [CLI_EXPORT] = "export",   [CLI_REPORT] = "report",   [CLI_BACKUP] = "backup",
    [CLI_RESTORE] = "restore", [CLI_IMPORT] = "import",
};

/* "the drill command" or "the imagery or mirror command". */
static void scope_text(int scope, char *buf, size_t cap)
{
    buf[0] = '\0';
    int n = 0, total = 0;
    for (int c = 0; c < (int)(sizeof command_names / sizeof command_names[0]); c++)
        total += (scope >> c) & 1;
    for (int c = 0; c < (int)(sizeof command_names / sizeof command_names[0]); c++) {
        if (!((scope >> c) & 1))
            continue;
        size_t used = strlen(buf);
        snprintf(buf + used, cap - used, "%s%s",
                 n == 0           ? ""
                 : n == total - 1 ? " or "
                                  : ", ",
                 command_names[c]);
        n++;
    }
}

/* What the options write while the command line is read. */
typedef struct Parse {
    CliOptions *out;
    bool help, version;
    char *err;
    size_t errlen;
} Parse;

typedef struct Option Option;

/* Sets what option o says from its value v (NULL for an option without
 * one). Returns 0, or -1 with the message in p->err. */
typedef int (*OptionSet)(const Option *o, const char *v, Parse *p);

/* One row per option and the commands that accept it; an option whose
 * meaning depends on the command has one row per meaning. The shared
 * setters write the field at offset field of CliOptions, in the range
 * lo..hi where there is one. */
struct Option {
    const char *name;
    int scope; /* IN_ANY for global options */
    bool takes_value;
    OptionSet set;
    size_t field;
    int lo, hi;
};

/* Writes the message into p->err; returns -1. */
__attribute__((format(printf, 2, 3))) static int refuse(Parse *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err, p->errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* Where a row's field is in CliOptions. */
#define AT(member) offsetof(CliOptions, member)

static void *field_of(const Option *o, Parse *p)
{
    return (char *)p->out + o->field;
}

static int set_file(const Option *o, const char *v, Parse *p)
{
    if (!*v)
        return refuse(p, "%s needs a file name", o->name);
    *(const char **)field_of(o, p) = v;
    return 0;
}

static int set_whole(const Option *o, const char *v, Parse *p)
{
    if (parse_int(v, o->lo, o->hi, field_of(o, p)))
        return refuse(p, "%s must be a whole number from %d to %d, not '%.40s'", o->name, o->lo,
                      o->hi, v);
    return 0;
}

/* Seconds into milliseconds; lo and hi are milliseconds. */
static int set_seconds(const Option *o, const char *v, Parse *p)
{
    int ms;
    if (parse_seconds(v, o->hi, &ms) || ms < o->lo)
        return refuse(p, "%s must be seconds from %d%s to %d, not '%.40s'", o->name, o->lo / 1000,
                      o->field == AT(drill.time_limit_ms) ? " (untimed)" : "", o->hi / 1000, v);
    *(int *)field_of(o, p) = ms;
    return 0;
}

static int set_on_off(const Option *o, const char *v, Parse *p)
{
    if (strcmp(v, "on") && strcmp(v, "off"))
        return refuse(p, "%s must be on or off, not '%.40s'", o->name, v);
    *(bool *)field_of(o, p) = !strcmp(v, "on");
    return 0;
}

static int set_date(const Option *o, const char *v, Parse *p)
{
    if (cli_check_date(v))
        return refuse(p, "%s must be a date written YYYY-MM-DD, not '%.40s'", o->name, v);
    snprintf(field_of(o, p), CLI_DATE_MAX, "%s", v);
    return 0;
}

static int set_help(const Option *o, const char *v, Parse *p)
{
    (void)o, (void)v;
    p->help = true;
    return 0;
}

static int set_version(const Option *o, const char *v, Parse *p)
{
    (void)o, (void)v;
    p->version = true;
    return 0;
}

static int set_fullscreen(const Option *o, const char *v, Parse *p)
{
    (void)v;
    p->out->fullscreen = !strcmp(o->name, "--fullscreen");
    return 0;
}

static int set_profile(const Option *o, const char *v, Parse *p)
{
    (void)o;
    if (cli_check_profile_name(v))
        return refuse(p,
                      "--profile needs a name of 1 to %d bytes of UTF-8 text without control "
                      "characters",
                      CLI_PROFILE_MAX);
    p->out->profile = v;
    return 0;
}

static int set_limbs(const Option *o, const char *v, Parse *p)
{
    (void)o;
    if (limb_set_parse(v, &p->out->drill.limbs))
        return refuse(p, "--limb must be hands, feet or both, not '%.40s'", v);
    return 0;
}

static int set_limb(const Option *o, const char *v, Parse *p)
{
    (void)o;
    Limb limb;
    if (limb_parse(v, &limb))
        return refuse(p, "--limb must be hand or foot, not '%.40s'", v);
    p->out->imagery.limb = p->out->mirror.limb = limb;
    p->out->limb_given = true;
    return 0;
}

static int set_side(const Option *o, const char *v, Parse *p)
{
    (void)o;
    Side side;
    if (side_parse(v, &side))
        return refuse(p, "--side must be left or right, not '%.40s'", v);
    p->out->imagery.side = p->out->mirror.side = side;
    p->out->side_given = true;
    return 0;
}

static int set_level(const Option *o, const char *v, Parse *p)
{
    (void)o;
    if (parse_int(v, 1, DECK_MAX_LEVEL, &p->out->drill.level))
        return refuse(p, "--level must be 1, 2, 3 or 4, not '%.40s'", v);
    return 0;
}

static int set_seed(const Option *o, const char *v, Parse *p)
{
    (void)o;
    if (parse_u64(v, &p->out->seed))
        return refuse(p, "--seed must be a whole number from 0 to %llu, not '%.40s'",
                      (unsigned long long)UINT64_MAX, v);
    p->out->seed_given = true;
    return 0;
}

static int set_imagery_pace(const Option *o, const char *v, Parse *p)
{
    (void)o;
    if (!strcmp(v, "self"))
        p->out->imagery.pace = IMAGERY_SELF_PACED;
    else if (!strcmp(v, "timed"))
        p->out->imagery.pace = IMAGERY_TIMED;
    else
        return refuse(p, "--pace must be timed or self, not '%.40s'", v);
    return 0;
}

static int set_mirror_pace(const Option *o, const char *v, Parse *p)
{
    (void)o;
    if (mirror_pace_parse(v, &p->out->mirror.pace))
        return refuse(p, "--pace must be slow, medium or normal, not '%.40s'", v);
    return 0;
}

static int set_what(const Option *o, const char *v, Parse *p)
{
    (void)o;
    if (!strcmp(v, "trials"))
        p->out->what = CLI_WHAT_TRIALS;
    else if (!strcmp(v, "sessions"))
        p->out->what = CLI_WHAT_SESSIONS;
    else
        return refuse(p, "--what must be trials or sessions, not '%.40s'", v);
    return 0;
}

static int set_format(const Option *o, const char *v, Parse *p)
{
    (void)o;
    if (!strcmp(v, "csv"))
        p->out->format = CLI_FORMAT_CSV;
    else if (!strcmp(v, "json"))
        p->out->format = CLI_FORMAT_JSON;
    else
        return refuse(p, "--format must be csv or json, not '%.40s'", v);
    return 0;
}

static const Option options[] = {
    {"--db", IN_ANY, true, set_file, AT(db_path), 0, 0},
    {"--profile", IN_ANY, true, set_profile, 0, 0, 0},
    {"--fullscreen", IN_ANY, false, set_fullscreen, 0, 0, 0},
    {"--windowed", IN_ANY, false, set_fullscreen, 0, 0, 0},
    {"--help", IN_ANY, false, set_help, 0, 0, 0},
    {"-h", IN_ANY, false, set_help, 0, 0, 0},
    {"--version", IN_ANY, false, set_version, 0, 0, 0},
    {"--limb", IN_DRILL, true, set_limbs, 0, 0, 0},
    {"--limb", IN_IMAGERY | IN_MIRROR, true, set_limb, 0, 0, 0},
    {"--side", IN_IMAGERY | IN_MIRROR, true, set_side, 0, 0, 0},
    {"--count", IN_DRILL, true, set_whole, AT(drill.count), 1, DECK_MAX_COUNT},
    {"--count", IN_IMAGERY, true, set_whole, AT(imagery.count), 1, IMAGERY_COUNT_MAX},
    {"--time-limit", IN_DRILL, true, set_seconds, AT(drill.time_limit_ms), 0,
     DRILL_MAX_TIME_LIMIT_MS},
    {"--level", IN_DRILL, true, set_level, 0, 0, 0},
    {"--feedback", IN_DRILL, true, set_on_off, AT(drill.feedback), 0, 0},
    {"--seed", IN_DRILL | IN_IMAGERY, true, set_seed, 0, 0, 0},
    {"--hold", IN_IMAGERY, true, set_seconds, AT(imagery.hold_ms), IMAGERY_HOLD_MS_MIN,
     IMAGERY_HOLD_MS_MAX},
    {"--rest", IN_IMAGERY, true, set_seconds, AT(imagery.rest_ms), 0, IMAGERY_REST_MS_MAX},
    {"--pace", IN_IMAGERY, true, set_imagery_pace, 0, 0, 0},
    {"--pace", IN_MIRROR, true, set_mirror_pace, 0, 0, 0},
    {"--minutes", IN_MIRROR, true, set_whole, AT(mirror.minutes), MIRROR_MINUTES_MIN,
     MIRROR_MINUTES_MAX},
    {"--tick", IN_MIRROR, true, set_on_off, AT(mirror.tick), 0, 0},
    {"--camera", IN_MIRROR, true, set_on_off, AT(camera), 0, 0},
    {"--what", IN_EXPORT, true, set_what, 0, 0, 0},
    {"--format", IN_EXPORT, true, set_format, 0, 0, 0},
    {"--from", IN_REPORT, true, set_date, AT(from), 0, 0},
    {"--to", IN_REPORT, true, set_date, AT(to), 0, 0},
    {"--out", IN_EXPORT | IN_REPORT | IN_BACKUP, true, set_file, AT(out_path), 0, 0},
};

/* The row of the option called name[0..len) for command, or NULL; *scope
 * gets the commands that accept the option at all (-1 when none does). */
static const Option *find_option(const char *name, size_t len, CliCommand command, int *scope)
{
    const Option *found = NULL;
    *scope = -1;
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        const Option *o = &options[i];
        if (strlen(o->name) != len || strncmp(o->name, name, len))
            continue;
        *scope = *scope < 0 ? o->scope : *scope | o->scope;
        if (o->scope == IN_ANY || o->scope & (1 << command))
            found = o;
    }
    return found;
}

int cli_check_date(const char *date)
{
    static const int days_in[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    char tail;
    if (strlen(date) != 10 || date[4] != '-' || date[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (date[i] < '0' || date[i] > '9'))
            return -1;
    if (sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return -1;
    if (y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in[m - 1])
        return -1;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && d == 29 && !leap ? -1 : 0;
}

int cli_parse(int argc, char **argv, CliOptions *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->command = CLI_HOME;
    out->fullscreen = true;
    out->drill = drill_settings_default();
    out->imagery = imagery_settings_default();
    out->mirror = mirror_settings_default();
    int command_seen = 0;
    Parse p = {.out = out, .err = err, .errlen = errlen};
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0') {
            if (out->command == CLI_RESTORE && !out->restore_path) {
                out->restore_path = arg;
                continue;
            }
            if (out->command == CLI_IMPORT && !out->import_path) {
                out->import_path = arg;
                continue;
            }
            if (command_seen)
                return snprintf(err, errlen, "unexpected argument '%.60s'", arg), -1;
            int c = 0;
            while (c < (int)(sizeof command_names / sizeof command_names[0]) &&
                   (!command_names[c] || strcmp(arg, command_names[c])))
                c++;
            if (c == (int)(sizeof command_names / sizeof command_names[0]))
                return snprintf(err, errlen, "unknown command '%.60s'", arg), -1;
            out->command = (CliCommand)c;
            command_seen = 1;
            continue;
        }
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        int scope;
        const Option *o = find_option(arg, len, out->command, &scope);
        if (scope < 0)
            return snprintf(err, errlen, "unknown option '%.*s'", (int)(len > 60 ? 60 : len), arg),
                   -1;
        if (!o) {
            char commands[64];
            scope_text(scope, commands, sizeof commands);
            return snprintf(err, errlen, "option %.*s belongs after the %s command", (int)len, arg,
                            commands),
                   -1;
        }
        const char *value = NULL;
        if (o->takes_value) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else
                return snprintf(err, errlen, "option %s needs a value", o->name), -1;
        } else if (eq) {
            return snprintf(err, errlen, "option %s takes no value", o->name), -1;
        }
        if (o->set(o, value, &p))
            return -1;
    }
    if (p.help)
        out->command = CLI_HELP;
    else if (p.version)
        out->command = CLI_VERSION;
    else if (out->command == CLI_REPORT && !out->out_path)
        return snprintf(err, errlen, "report needs --out FILE.html"), -1;
    else if (out->command == CLI_BACKUP && out->out_path && !strcmp(out->out_path, "-"))
        return snprintf(err, errlen, "a backup is a database file, not for standard output"), -1;
    else if (out->command == CLI_RESTORE && !out->restore_path)
        return snprintf(err, errlen, "restore needs the backup FILE"), -1;
    else if (out->command == CLI_IMPORT && !out->import_path)
        return snprintf(err, errlen, "import needs the backup or database FILE"), -1;
    else if (out->command == CLI_REPORT && out->from[0] && out->to[0] &&
             strcmp(out->from, out->to) > 0)
        return snprintf(err, errlen, "--from %s is after --to %s", out->from, out->to), -1;
    return 0;
}
