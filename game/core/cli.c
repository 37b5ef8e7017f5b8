#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    "    --parts LIST            the body parts to show, joined by commas: hand, foot,\n"
    "                            knee, shoulder, neck, back (default hand,foot)\n"
    "    --limb hands|feet|both  the same for hands and feet\n"
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
    "    --limb hand|foot        the limb (default: as for imagery)\n"
    "    --side left|right       the side (default: as for imagery)\n"
    "    --minutes N             session length, 1-30 (default 5)\n"
    "    --pace slow|medium|normal  movement speed (default medium)\n"
    "    --tick on|off           a soft tick with each movement (default off)\n"
    "    --camera on|off         show the camera as a mirror where there is one\n"
    "                            (default off: guided movements)\n"
    "  touch                   start the prescribed touch practice now\n"
    "    --limb hand|foot        the limb (default: as for imagery)\n"
    "    --side left|right       the side (default: as for imagery)\n"
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

/* The commands an option belongs to, as a bit set. */
enum {
    IN_ANY = 0,
    IN_DRILL = 1 << CLI_DRILL,
    IN_IMAGERY = 1 << CLI_IMAGERY,
    IN_MIRROR = 1 << CLI_MIRROR,
    IN_TOUCH = 1 << CLI_TOUCH,
    IN_EXPORT = 1 << CLI_EXPORT,
    IN_REPORT = 1 << CLI_REPORT,
    IN_BACKUP = 1 << CLI_BACKUP
};

static const char *const command_names[] = {
    [CLI_DRILL] = "drill",   [CLI_IMAGERY] = "imagery", [CLI_MIRROR] = "mirror",
    [CLI_TOUCH] = "touch",   [CLI_EXPORT] = "export",   [CLI_REPORT] = "report",
    [CLI_BACKUP] = "backup", [CLI_RESTORE] = "restore", [CLI_IMPORT] = "import",
};

/* The n words joined as "a", "a or b" or "a, b or c", into buf. */
static void join_or(const char *const *words, int n, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, cap - used, "%s%s",
                 i == 0       ? ""
                 : i == n - 1 ? " or "
                              : ", ",
                 words[i]);
    }
}

/* "drill" or "imagery or mirror": the commands in scope. */
static void scope_text(int scope, char *buf, size_t cap)
{
    const char *names[sizeof command_names / sizeof command_names[0]];
    int n = 0;
    for (int c = 0; c < (int)(sizeof command_names / sizeof command_names[0]); c++)
        if ((scope >> c) & 1)
            names[n++] = command_names[c];
    join_or(names, n, buf, cap);
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
 * setters write the field at offset field of CliOptions; an option that
 * sets a field of the prescription is made from its row in
 * prescription_fields (find_option). */
struct Option {
    const char *name;
    int scope; /* IN_ANY for global options */
    bool takes_value;
    OptionSet set;
    size_t field;
    const PrescriptionField *prescribed;
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

/* Sets the field of the prescription the option stands for; a value it
 * cannot take is refused saying what it takes. */
static int set_prescribed(const Option *o, const char *v, Parse *p)
{
    const PrescriptionField *f = o->prescribed;
    int value;
    if (prescription_field_parse(f, v, &value) == 0)
        return prescription_field_set(&p->out->prescription, f, value, p->err, p->errlen);
    const char *words[PRESCRIPTION_CHOICES_MAX];
    int n = 0;
    char list[96], takes[160];
    switch (f->kind) {
    case PRESCRIPTION_NUMBER:
        snprintf(takes, sizeof takes, "a whole number from %d to %d", f->lo, f->hi);
        break;
    case PRESCRIPTION_SECONDS:
        snprintf(takes, sizeof takes, "seconds from %d%s%s%s to %d", f->lo / 1000,
                 f->zero ? " (" : "", f->zero ? f->zero : "", f->zero ? ")" : "", f->hi / 1000);
        break;
    case PRESCRIPTION_CHOICE:
    case PRESCRIPTION_SET:
        for (int c = 0; c < prescription_field_choice_count(f); c++)
            if (f->choices[c].word)
                words[n++] = f->choices[c].word;
        join_or(words, n, list, sizeof list);
        snprintf(takes, sizeof takes,
                 f->kind == PRESCRIPTION_SET ? "one or more of %s, joined by commas" : "%s", list);
        break;
    case PRESCRIPTION_SWITCH:
        snprintf(takes, sizeof takes, "on or off");
        break;
    }
    return refuse(p, "%s must be %s, not '%.40s'", o->name, takes, v);
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

static int set_seed(const Option *o, const char *v, Parse *p)
{
    (void)o;
    if (parse_u64(v, &p->out->seed))
        return refuse(p, "--seed must be a whole number from 0 to %llu, not '%.40s'",
                      (unsigned long long)UINT64_MAX, v);
    p->out->seed_given = true;
    return 0;
}

/* The drill's first option for its body parts, kept beside --parts. */
static int set_limbs(const Option *o, const char *v, Parse *p)
{
    (void)o;
    if (strcmp(v, "hands") && strcmp(v, "feet") && strcmp(v, "both"))
        return refuse(p, "--limb must be hands, feet or both, not '%.40s'", v);
    return limb_set_parse(v, &p->out->prescription.drill.limbs);
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

/* The options other than the prescription's. */
static const Option options[] = {
    {"--db", IN_ANY, true, set_file, AT(db_path), NULL},
    {"--profile", IN_ANY, true, set_profile, 0, NULL},
    {"--fullscreen", IN_ANY, false, set_fullscreen, 0, NULL},
    {"--windowed", IN_ANY, false, set_fullscreen, 0, NULL},
    {"--help", IN_ANY, false, set_help, 0, NULL},
    {"-h", IN_ANY, false, set_help, 0, NULL},
    {"--version", IN_ANY, false, set_version, 0, NULL},
    {"--seed", IN_DRILL | IN_IMAGERY, true, set_seed, 0, NULL},
    {"--limb", IN_DRILL, true, set_limbs, 0, NULL},
    {"--what", IN_EXPORT, true, set_what, 0, NULL},
    {"--format", IN_EXPORT, true, set_format, 0, NULL},
    {"--from", IN_REPORT, true, set_date, AT(from), NULL},
    {"--to", IN_REPORT, true, set_date, AT(to), NULL},
    {"--out", IN_EXPORT | IN_REPORT | IN_BACKUP, true, set_file, AT(out_path), NULL},
};

/* The commands whose session a part of the prescription sets up. */
static const int part_scope[] = {
    [PRESCRIPTION_GENERAL] = IN_DRILL | IN_IMAGERY | IN_MIRROR,
    [PRESCRIPTION_DRILL] = IN_DRILL,
    [PRESCRIPTION_IMAGERY] = IN_IMAGERY,
    [PRESCRIPTION_MIRROR] = IN_MIRROR,
    [PRESCRIPTION_TOUCH] = IN_TOUCH,
};

/* Whether name[0..len) is the option called option, for the commands in
 * scope: if so adds scope to *seen (-1 while none matched) and says
 * whether command accepts it. */
static bool option_is(const char *option, int scope, const char *name, size_t len,
                      CliCommand command, int *seen)
{
    if (!option || strlen(option) != len || strncmp(option, name, len))
        return false;
    *seen = *seen < 0 ? scope : *seen | scope;
    return scope == IN_ANY || scope & (1 << command);
}

/* The row of the option called name[0..len) for command, or NULL; *scope
 * gets the commands that accept the option at all (-1 when none does). An
 * option of a prescription field is made into *made, which is returned. */
static const Option *find_option(const char *name, size_t len, CliCommand command, int *scope,
                                 Option *made)
{
    const Option *found = NULL;
    *scope = -1;
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (option_is(options[i].name, options[i].scope, name, len, command, scope))
            found = &options[i];
    for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
        const PrescriptionField *f = &prescription_fields[i];
        if (option_is(f->option, part_scope[f->part], name, len, command, scope)) {
            *made = (Option){f->option, part_scope[f->part], true, set_prescribed, 0, f};
            found = made;
        }
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
    out->prescription = prescription_default();
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
        Option made;
        const Option *o = find_option(arg, len, out->command, &scope, &made);
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
