#include "cli.h"

#include <errno.h>
#include <stdbool.h>
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

typedef struct Option {
    const char *name;
    int scope; /* IN_ANY for global options */
    int takes_value;
} Option;

static const Option options[] = {
    {"--db", IN_ANY, 1},
    {"--profile", IN_ANY, 1},
    {"--fullscreen", IN_ANY, 0},
    {"--windowed", IN_ANY, 0},
    {"--help", IN_ANY, 0},
    {"-h", IN_ANY, 0},
    {"--version", IN_ANY, 0},
    {"--limb", IN_DRILL | IN_IMAGERY | IN_MIRROR, 1},
    {"--side", IN_IMAGERY | IN_MIRROR, 1},
    {"--count", IN_DRILL | IN_IMAGERY, 1},
    {"--time-limit", IN_DRILL, 1},
    {"--level", IN_DRILL, 1},
    {"--feedback", IN_DRILL, 1},
    {"--seed", IN_DRILL | IN_IMAGERY, 1},
    {"--hold", IN_IMAGERY, 1},
    {"--rest", IN_IMAGERY, 1},
    {"--pace", IN_IMAGERY | IN_MIRROR, 1},
    {"--minutes", IN_MIRROR, 1},
    {"--tick", IN_MIRROR, 1},
    {"--camera", IN_MIRROR, 1},
    {"--what", IN_EXPORT, 1},
    {"--format", IN_EXPORT, 1},
    {"--from", IN_REPORT, 1},
    {"--to", IN_REPORT, 1},
    {"--out", IN_EXPORT | IN_REPORT | IN_BACKUP, 1},
};

static const char *const command_names[] = {
    [CLI_DRILL] = "drill",     [CLI_IMAGERY] = "imagery", [CLI_MIRROR] = "mirror",
    [CLI_EXPORT] = "export",   [CLI_REPORT] = "report",   [CLI_BACKUP] = "backup",
    [CLI_RESTORE] = "restore",
};

static const Option *find_option(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (strlen(options[i].name) == len && strncmp(options[i].name, name, len) == 0)
            return &options[i];
    return NULL;
}

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

static int on_off(const char *name, const char *v, bool *out, char *err, size_t errlen)
{
    if (strcmp(v, "on") && strcmp(v, "off"))
        return snprintf(err, errlen, "%s must be on or off, not '%.40s'", name, v), -1;
    *out = !strcmp(v, "on");
    return 0;
}

static int apply_limb(CliOptions *out, const char *v, char *err, size_t errlen)
{
    if (out->command == CLI_DRILL) {
        if (limb_set_parse(v, &out->drill.limbs))
            return snprintf(err, errlen, "--limb must be hands, feet or both, not '%.40s'", v), -1;
        return 0;
    }
    Limb limb;
    if (limb_parse(v, &limb))
        return snprintf(err, errlen, "--limb must be hand or foot, not '%.40s'", v), -1;
    out->imagery.limb = out->mirror.limb = limb;
    out->limb_given = true;
    return 0;
}

static int apply(const Option *o, const char *v, CliOptions *out, char *err, size_t errlen)
{
    const char *name = o->name;
    int ms;
    if (!strcmp(name, "--db")) {
        if (!*v)
            return snprintf(err, errlen, "--db needs a file name"), -1;
        out->db_path = v;
    } else if (!strcmp(name, "--profile")) {
        if (cli_check_profile_name(v))
            return snprintf(err, errlen,
                            "--profile needs a name of 1 to %d bytes of UTF-8 text without "
                            "control characters",
                            CLI_PROFILE_MAX),
                   -1;
        out->profile = v;
    } else if (!strcmp(name, "--fullscreen")) {
        out->fullscreen = true;
    } else if (!strcmp(name, "--windowed")) {
        out->fullscreen = false;
    } else if (!strcmp(name, "--limb")) {
        return apply_limb(out, v, err, errlen);
    } else if (!strcmp(name, "--side")) {
        Side side;
        if (side_parse(v, &side))
            return snprintf(err, errlen, "--side must be left or right, not '%.40s'", v), -1;
        out->imagery.side = out->mirror.side = side;
        out->side_given = true;
    } else if (!strcmp(name, "--count")) {
        bool drill = out->command == CLI_DRILL;
        int hi = drill ? DECK_MAX_COUNT : IMAGERY_COUNT_MAX;
        if (parse_int(v, 1, hi, drill ? &out->drill.count : &out->imagery.count))
            return snprintf(err, errlen, "--count must be a whole number from 1 to %d, not '%.40s'",
                            hi, v),
                   -1;
    } else if (!strcmp(name, "--time-limit")) {
        if (parse_seconds(v, DRILL_MAX_TIME_LIMIT_MS, &out->drill.time_limit_ms))
            return snprintf(err, errlen,
                            "--time-limit must be seconds from 0 (untimed) to %d, not '%.40s'",
                            DRILL_MAX_TIME_LIMIT_MS / 1000, v),
                   -1;
    } else if (!strcmp(name, "--level")) {
        if (parse_int(v, 1, DECK_MAX_LEVEL, &out->drill.level))
            return snprintf(err, errlen, "--level must be 1, 2, 3 or 4, not '%.40s'", v), -1;
    } else if (!strcmp(name, "--feedback")) {
        return on_off(name, v, &out->drill.feedback, err, errlen);
    } else if (!strcmp(name, "--seed")) {
        if (parse_u64(v, &out->seed))
            return snprintf(err, errlen,
                            "--seed must be a whole number from 0 to %llu, not '%.40s'",
                            (unsigned long long)UINT64_MAX, v),
                   -1;
        out->seed_given = true;
    } else if (!strcmp(name, "--hold")) {
        if (parse_seconds(v, IMAGERY_HOLD_MS_MAX, &ms) || ms < IMAGERY_HOLD_MS_MIN)
            return snprintf(err, errlen, "--hold must be seconds from %d to %d, not '%.40s'",
                            IMAGERY_HOLD_MS_MIN / 1000, IMAGERY_HOLD_MS_MAX / 1000, v),
                   -1;
        out->imagery.hold_ms = ms;
    } else if (!strcmp(name, "--rest")) {
        if (parse_seconds(v, IMAGERY_REST_MS_MAX, &out->imagery.rest_ms))
            return snprintf(err, errlen, "--rest must be seconds from 0 to %d, not '%.40s'",
                            IMAGERY_REST_MS_MAX / 1000, v),
                   -1;
    } else if (!strcmp(name, "--pace") && out->command == CLI_IMAGERY) {
        if (!strcmp(v, "self"))
            out->imagery.pace = IMAGERY_SELF_PACED;
        else if (!strcmp(v, "timed"))
            out->imagery.pace = IMAGERY_TIMED;
        else
            return snprintf(err, errlen, "--pace must be timed or self, not '%.40s'", v), -1;
    } else if (!strcmp(name, "--pace")) {
        if (mirror_pace_parse(v, &out->mirror.pace))
            return snprintf(err, errlen, "--pace must be slow, medium or normal, not '%.40s'", v),
                   -1;
    } else if (!strcmp(name, "--minutes")) {
        if (parse_int(v, MIRROR_MINUTES_MIN, MIRROR_MINUTES_MAX, &out->mirror.minutes))
            return snprintf(err, errlen,
                            "--minutes must be a whole number from %d to %d, not '%.40s'",
                            MIRROR_MINUTES_MIN, MIRROR_MINUTES_MAX, v),
                   -1;
    } else if (!strcmp(name, "--tick")) {
        return on_off(name, v, &out->mirror.tick, err, errlen);
    } else if (!strcmp(name, "--camera")) {
        return on_off(name, v, &out->camera, err, errlen);
    } else if (!strcmp(name, "--what")) {
        if (!strcmp(v, "trials"))
            out->what = CLI_WHAT_TRIALS;
        else if (!strcmp(v, "sessions"))
            out->what = CLI_WHAT_SESSIONS;
        else
            return snprintf(err, errlen, "--what must be trials or sessions, not '%.40s'", v), -1;
    } else if (!strcmp(name, "--format")) {
        if (!strcmp(v, "csv"))
            out->format = CLI_FORMAT_CSV;
        else if (!strcmp(v, "json"))
            out->format = CLI_FORMAT_JSON;
        else
            return snprintf(err, errlen, "--format must be csv or json, not '%.40s'", v), -1;
    } else if (!strcmp(name, "--from") || !strcmp(name, "--to")) {
        if (cli_check_date(v))
            return snprintf(err, errlen, "%s must be a date written YYYY-MM-DD, not '%.40s'", name,
                            v),
                   -1;
        snprintf(!strcmp(name, "--from") ? out->from : out->to, CLI_DATE_MAX, "%s", v);
    } else if (!strcmp(name, "--out")) {
        if (!*v)
            return snprintf(err, errlen, "--out needs a file name"), -1;
        out->out_path = v;
    }
    return 0;
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
    int help = 0, version = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0') {
            if (out->command == CLI_RESTORE && !out->restore_path) {
                out->restore_path = arg;
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
        const Option *o = find_option(arg, len);
        if (!o)
            return snprintf(err, errlen, "unknown option '%.*s'", (int)(len > 60 ? 60 : len), arg),
                   -1;
        if (o->scope != IN_ANY && !(o->scope & (1 << out->command))) {
            char commands[64];
            scope_text(o->scope, commands, sizeof commands);
            return snprintf(err, errlen, "option %s belongs after the %s command", o->name,
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
        if (!strcmp(o->name, "--help") || !strcmp(o->name, "-h"))
            help = 1;
        else if (!strcmp(o->name, "--version"))
            version = 1;
        else if (apply(o, value, out, err, errlen))
            return -1;
    }
    if (help)
        out->command = CLI_HELP;
    else if (version)
        out->command = CLI_VERSION;
    else if (out->command == CLI_REPORT && !out->out_path)
        return snprintf(err, errlen, "report needs --out FILE.html"), -1;
    else if (out->command == CLI_BACKUP && out->out_path && !strcmp(out->out_path, "-"))
        return snprintf(err, errlen, "a backup is a database file, not for standard output"), -1;
    else if (out->command == CLI_RESTORE && !out->restore_path)
        return snprintf(err, errlen, "restore needs the backup FILE"), -1;
    else if (out->command == CLI_REPORT && out->from[0] && out->to[0] &&
             strcmp(out->from, out->to) > 0)
        return snprintf(err, errlen, "--from %s is after --to %s", out->from, out->to), -1;
    return 0;
}
