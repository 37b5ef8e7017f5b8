#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"

static const char usage[] =
    "Usage: gmi-trainer [OPTIONS] [COMMAND [COMMAND OPTIONS]]\n"
    "\n"
    "Left/right judgement training for graded motor imagery.\n"
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
    "  export                  write every trial as CSV\n"
    "    --format csv            the format (default csv)\n"
    "    --out FILE              where to write (default: standard output)\n"
    "\n"
    "Options:\n"
    "  --db FILE               database file (default: gmi-trainer.db in the user's\n"
    "                          data folder)\n"
    "  --profile NAME          whose practice this is (default: the first profile)\n"
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
    return visible ? 0 : -1;
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

enum { OPT_GLOBAL, OPT_DRILL, OPT_EXPORT };

typedef struct Option {
    const char *name;
    int scope;
    int takes_value;
} Option;

static const Option options[] = {
    {"--db", OPT_GLOBAL, 1},        {"--profile", OPT_GLOBAL, 1}, {"--fullscreen", OPT_GLOBAL, 0},
    {"--windowed", OPT_GLOBAL, 0},  {"--help", OPT_GLOBAL, 0},    {"-h", OPT_GLOBAL, 0},
    {"--version", OPT_GLOBAL, 0},   {"--limb", OPT_DRILL, 1},     {"--count", OPT_DRILL, 1},
    {"--time-limit", OPT_DRILL, 1}, {"--level", OPT_DRILL, 1},    {"--feedback", OPT_DRILL, 1},
    {"--seed", OPT_DRILL, 1},       {"--format", OPT_EXPORT, 1},  {"--out", OPT_EXPORT, 1},
};

static const Option *find_option(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (strlen(options[i].name) == len && strncmp(options[i].name, name, len) == 0)
            return &options[i];
    return NULL;
}

static int apply(const Option *o, const char *v, CliOptions *out, char *err, size_t errlen)
{
    const char *name = o->name;
    if (!strcmp(name, "--db")) {
        if (!*v)
            return snprintf(err, errlen, "--db needs a file name"), -1;
        out->db_path = v;
    } else if (!strcmp(name, "--profile")) {
        if (cli_check_profile_name(v))
            return snprintf(err, errlen,
                            "--profile needs a name of 1 to %d characters without control "
                            "characters",
                            CLI_PROFILE_MAX),
                   -1;
        out->profile = v;
    } else if (!strcmp(name, "--fullscreen")) {
        out->fullscreen = true;
    } else if (!strcmp(name, "--windowed")) {
        out->fullscreen = false;
    } else if (!strcmp(name, "--limb")) {
        if (limb_set_parse(v, &out->drill.limbs))
            return snprintf(err, errlen, "--limb must be hands, feet or both, not '%.40s'", v), -1;
    } else if (!strcmp(name, "--count")) {
        if (parse_int(v, 1, DECK_MAX_COUNT, &out->drill.count))
            return snprintf(err, errlen, "--count must be a whole number from 1 to %d, not '%.40s'",
                            DECK_MAX_COUNT, v),
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
        if (strcmp(v, "on") && strcmp(v, "off"))
            return snprintf(err, errlen, "--feedback must be on or off, not '%.40s'", v), -1;
        out->drill.feedback = !strcmp(v, "on");
    } else if (!strcmp(name, "--seed")) {
        if (parse_u64(v, &out->seed))
            return snprintf(err, errlen,
                            "--seed must be a whole number from 0 to %llu, not '%.40s'",
                            (unsigned long long)UINT64_MAX, v),
                   -1;
        out->seed_given = true;
    } else if (!strcmp(name, "--format")) {
        if (strcmp(v, "csv"))
            return snprintf(err, errlen, "--format must be csv, not '%.40s'", v), -1;
    } else if (!strcmp(name, "--out")) {
        if (!*v)
            return snprintf(err, errlen, "--out needs a file name"), -1;
        out->out_path = v;
    }
    return 0;
}

int cli_parse(int argc, char **argv, CliOptions *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    out->command = CLI_HOME;
    out->fullscreen = true;
    out->drill = drill_settings_default();
    int command_seen = 0;
    int help = 0, version = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0') {
            if (command_seen)
                return snprintf(err, errlen, "unexpected argument '%.60s'", arg), -1;
            if (!strcmp(arg, "drill"))
                out->command = CLI_DRILL;
            else if (!strcmp(arg, "export"))
                out->command = CLI_EXPORT;
            else
                return snprintf(err, errlen, "unknown command '%.60s'", arg), -1;
            command_seen = 1;
            continue;
        }
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        const Option *o = find_option(arg, len);
        if (!o)
            return snprintf(err, errlen, "unknown option '%.*s'", (int)(len > 60 ? 60 : len), arg),
                   -1;
        if ((o->scope == OPT_DRILL && out->command != CLI_DRILL) ||
            (o->scope == OPT_EXPORT && out->command != CLI_EXPORT))
            return snprintf(err, errlen, "option %s belongs after the %s command", o->name,
                            o->scope == OPT_DRILL ? "drill" : "export"),
                   -1;
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
    return 0;
}
