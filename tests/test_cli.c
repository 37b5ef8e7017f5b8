/* Command-line parsing, table-driven: accepted forms and their values, and
 * every refused form with its message. */
#include <string.h>

#include "check.h"
#include "cli.h"

#define MAXARGS 14

static int parse(const char *const *args, CliOptions *o, char *err, size_t errlen)
{
    char *argv[MAXARGS + 1] = {"gmi-trainer"};
    int argc = 1;
    for (; args[argc - 1]; argc++)
        argv[argc] = (char *)args[argc - 1];
    return cli_parse(argc, argv, o, err, errlen);
}

static void test_accepted(void)
{
    CliOptions o;
    char err[256];
    const char *none[] = {NULL};
    CHECK(parse(none, &o, err, sizeof err) == 0);
    CHECK(o.command == CLI_HOME && o.fullscreen && !o.db_path && !o.profile);

    const char *drill[] = {"--windowed",           "drill", "--limb",  "hands", "--count=35",
                           "--time-limit",         "2.5",   "--level", "3",     "--seed",
                           "18446744073709551615", NULL};
    CHECK_MSG(parse(drill, &o, err, sizeof err) == 0, "%s", err);
    CHECK(o.command == CLI_DRILL && !o.fullscreen);
    CHECK(o.prescription.drill.limbs == LIMBS_HANDS && o.prescription.drill.count == 35 &&
          o.prescription.drill.time_limit_ms == 2500);
    CHECK(o.prescription.drill.level == 3 && o.prescription.drill.feedback);
    CHECK(o.seed_given && o.seed == UINT64_MAX);

    const char *defaults[] = {"drill", "--db", "x.db", "--profile", "Ann Lee", NULL};
    CHECK(parse(defaults, &o, err, sizeof err) == 0);
    CHECK(o.prescription.drill.limbs == LIMBS_BOTH && o.prescription.drill.count == 20 &&
          o.prescription.drill.time_limit_ms == 5000);
    CHECK(o.prescription.drill.level == 1 && !o.seed_given);
    CHECK(strcmp(o.db_path, "x.db") == 0 && strcmp(o.profile, "Ann Lee") == 0);

    /* Body parts: any set with --parts, hands and feet also with --limb. */
    const char *parts[] = {"drill", "--parts", "neck,hand,back", NULL};
    CHECK_MSG(parse(parts, &o, err, sizeof err) == 0, "%s", err);
    CHECK(o.prescription.drill.limbs == (LimbSet)(LIMBS_HANDS | 1 << LIMB_NECK | 1 << LIMB_BACK));
    const char *one_part[] = {"drill", "--parts=knee", NULL};
    CHECK(parse(one_part, &o, err, sizeof err) == 0 &&
          o.prescription.drill.limbs == (LimbSet)(1 << LIMB_KNEE));
    const char *feet[] = {"drill", "--limb", "feet", NULL};
    CHECK(parse(feet, &o, err, sizeof err) == 0 && o.prescription.drill.limbs == LIMBS_FEET);
    const char *both[] = {"drill", "--parts", "knee", "--limb", "both", NULL};
    CHECK(parse(both, &o, err, sizeof err) == 0 && o.prescription.drill.limbs == LIMBS_BOTH);

    const char *untimed[] = {"drill", "--time-limit", "0", "--feedback", "off", NULL};
    CHECK(parse(untimed, &o, err, sizeof err) == 0);
    CHECK(o.prescription.drill.time_limit_ms == 0 && !o.prescription.drill.feedback);

    const char *export[] = {"export", "--format", "csv", "--profile", "A", "--out", "t.csv", NULL};
    CHECK(parse(export, &o, err, sizeof err) == 0);
    CHECK(o.command == CLI_EXPORT && strcmp(o.out_path, "t.csv") == 0);

    const char *imagery[] = {"imagery", "--side", "left", "--count", "12",   "--hold",
                             "7.5",     "--rest", "0",    "--pace",  "self", NULL};
    CHECK_MSG(parse(imagery, &o, err, sizeof err) == 0, "%s", err);
    CHECK(o.command == CLI_IMAGERY && o.prescription.imagery_side == SIDE_CHOICE_LEFT &&
          o.prescription.imagery_limb == LIMB_CHOICE_AFFECTED);
    CHECK(o.prescription.imagery.count == 12 && o.prescription.imagery.hold_ms == 7500);
    CHECK(o.prescription.imagery.rest_ms == 0 && o.prescription.imagery.pace == IMAGERY_SELF_PACED);
    const char *imagery_defaults[] = {"imagery", NULL};
    CHECK(parse(imagery_defaults, &o, err, sizeof err) == 0 &&
          o.prescription.imagery_side == SIDE_CHOICE_AFFECTED &&
          o.prescription.imagery_limb == LIMB_CHOICE_AFFECTED);
    CHECK(o.prescription.imagery.count == 10 && o.prescription.imagery.hold_ms == 10000 &&
          o.prescription.imagery.rest_ms == 5000);

    const char *mirror[] = {"mirror", "--limb", "foot", "--minutes", "12", "--pace",
                            "slow",   "--tick", "on",   "--camera",  "on", NULL};
    CHECK_MSG(parse(mirror, &o, err, sizeof err) == 0, "%s", err);
    CHECK(o.command == CLI_MIRROR && o.prescription.mirror_limb == LIMB_CHOICE_FOOT &&
          o.prescription.mirror_side == SIDE_CHOICE_AFFECTED);
    CHECK(o.prescription.mirror.minutes == 12 && o.prescription.mirror.pace == MIRROR_PACE_SLOW &&
          o.prescription.mirror.tick);
    CHECK(o.prescription.mirror_camera);
    const char *mirror_defaults[] = {"mirror", NULL};
    CHECK(parse(mirror_defaults, &o, err, sizeof err) == 0 && o.prescription.mirror.minutes == 5);
    CHECK(o.prescription.mirror.pace == MIRROR_PACE_MEDIUM && !o.prescription.mirror.tick &&
          !o.prescription.mirror_camera);

    const char *sessions[] = {"export", "--what", "sessions", "--format=json", NULL};
    CHECK(parse(sessions, &o, err, sizeof err) == 0);
    CHECK(o.what == CLI_WHAT_SESSIONS && o.format == CLI_FORMAT_JSON && !o.out_path);
    CHECK(parse(export, &o, err, sizeof err) == 0);
    CHECK(o.what == CLI_WHAT_TRIALS && o.format == CLI_FORMAT_CSV);

    const char *report[] = {"report",     "--from", "2024-02-29", "--to",
                            "2024-03-31", "--out",  "r.html",     NULL};
    CHECK_MSG(parse(report, &o, err, sizeof err) == 0, "%s", err);
    CHECK(o.command == CLI_REPORT && !strcmp(o.from, "2024-02-29") && !strcmp(o.to, "2024-03-31"));
    const char *report_defaults[] = {"report", "--out", "r.html", NULL};
    CHECK(parse(report_defaults, &o, err, sizeof err) == 0 && !o.from[0] && !o.to[0]);

    const char *backup[] = {"--db", "x.db", "backup", NULL};
    CHECK(parse(backup, &o, err, sizeof err) == 0 && o.command == CLI_BACKUP && !o.out_path &&
          !strcmp(o.db_path, "x.db"));
    const char *backup_to[] = {"backup", "--out", "/media/usb/b.db", NULL};
    CHECK(parse(backup_to, &o, err, sizeof err) == 0 && !strcmp(o.out_path, "/media/usb/b.db"));
    const char *restore[] = {"restore", "/media/usb/b.db", "--db", "x.db", NULL};
    CHECK(parse(restore, &o, err, sizeof err) == 0 && o.command == CLI_RESTORE &&
          !strcmp(o.restore_path, "/media/usb/b.db") && !strcmp(o.db_path, "x.db"));
    const char *import[] = {"--db", "x.db", "import", "/media/usb/b.db", NULL};
    CHECK(parse(import, &o, err, sizeof err) == 0 && o.command == CLI_IMPORT &&
          !strcmp(o.import_path, "/media/usb/b.db") && !strcmp(o.db_path, "x.db") &&
          !o.restore_path);

    const char *help[] = {"drill", "--count", "5", "--help", NULL};
    CHECK(parse(help, &o, err, sizeof err) == 0 && o.command == CLI_HELP);
    const char *version[] = {"--version", NULL};
    CHECK(parse(version, &o, err, sizeof err) == 0 && o.command == CLI_VERSION);
}

static void test_refused(void)
{
    static const struct {
        const char *args[8];
        const char *expect;
    } cases[] = {
        {{"--bogus"}, "unknown option '--bogus'"},
        {{"play"}, "unknown command 'play'"},
        {{"drill", "export"}, "unexpected argument 'export'"},
        {{"--count", "5"}, "option --count belongs after the drill or imagery command"},
        {{"drill", "--out", "x"},
         "option --out belongs after the export, report or backup command"},
        {{"backup", "--out", "-"}, "a backup is a database file, not for standard output"},
        {{"restore"}, "restore needs the backup FILE"},
        {{"restore", "a.db", "b.db"}, "unexpected argument 'b.db'"},
        {{"restore", "a.db", "--out", "b.db"}, "option --out belongs after"},
        {{"import"}, "import needs the backup or database FILE"},
        {{"import", "a.db", "b.db"}, "unexpected argument 'b.db'"},
        {{"import", "a.db", "--out", "b.db"}, "option --out belongs after"},
        {{"drill", "--side", "left"},
         "option --side belongs after the imagery, mirror or touch command"},
        {{"export", "--from", "2026-01-01"}, "option --from belongs after the report command"},
        {{"drill", "--count"}, "option --count needs a value"},
        {{"drill", "--count", "0"}, "--count must be a whole number from 1 to 200"},
        {{"drill", "--count", "201"}, "--count must be"},
        {{"drill", "--count", "-3"}, "--count must be"},
        {{"drill", "--count", "12abc"}, "--count must be"},
        {{"drill", "--limb", "arms"}, "--limb must be hands, feet or both"},
        {{"drill", "--limb", "knee"}, "--limb must be hands, feet or both, not 'knee'"},
        {{"drill", "--limb", "hand,foot"}, "--limb must be hands, feet or both"},
        {{"drill", "--parts", "arm"},
         "--parts must be one or more of hand, foot, knee, shoulder, neck or back, joined by "
         "commas, not 'arm'"},
        {{"drill", "--parts", "hand,hand"}, "--parts must be one or more of"},
        {{"drill", "--parts", "hands"}, "--parts must be one or more of"},
        {{"drill", "--parts", ""}, "--parts must be one or more of"},
        {{"imagery", "--parts", "hand"}, "option --parts belongs after the drill command"},
        {{"imagery", "--limb", "knee"}, "--limb must be hand or foot"},
        {{"drill", "--time-limit", "61"}, "--time-limit must be seconds"},
        {{"drill", "--time-limit", "1.2345"}, "--time-limit must be seconds"},
        {{"drill", "--time-limit", "."}, "--time-limit must be seconds"},
        {{"drill", "--time-limit", "-1"}, "--time-limit must be seconds"},
        {{"drill", "--level", "5"}, "--level must be 1, 2, 3 or 4"},
        {{"drill", "--feedback", "yes"}, "--feedback must be on or off"},
        {{"drill", "--seed", "18446744073709551616"}, "--seed must be a whole number"},
        {{"drill", "--seed", "-1"}, "--seed must be"},
        {{"export", "--format", "xml"}, "--format must be csv or json"},
        {{"export", "--what", "days"}, "--what must be trials or sessions"},
        {{"imagery", "--limb", "both"}, "--limb must be hand or foot"},
        {{"imagery", "--side", "up"}, "--side must be left or right"},
        {{"mirror", "--side", "affected"}, "--side must be left or right, not 'affected'"},
        {{"drill", "--time-limit", "61"},
         "--time-limit must be seconds from 0 (untimed) to 60, not '61'"},
        {{"imagery", "--count", "31"}, "--count must be a whole number from 1 to 30"},
        {{"imagery", "--hold", "2.9"}, "--hold must be seconds from 3 to 60"},
        {{"imagery", "--hold", "61"}, "--hold must be seconds"},
        {{"imagery", "--rest", "60.5"}, "--rest must be seconds from 0 to 60"},
        {{"imagery", "--pace", "slow"}, "--pace must be timed or self"},
        {{"mirror", "--pace", "fast"}, "--pace must be slow, medium or normal"},
        {{"mirror", "--minutes", "0"}, "--minutes must be a whole number from 1 to 30"},
        {{"mirror", "--minutes", "31"}, "--minutes must be"},
        {{"mirror", "--tick", "1"}, "--tick must be on or off"},
        {{"mirror", "--camera", "yes"}, "--camera must be on or off"},
        {{"report"}, "report needs --out FILE.html"},
        {{"report", "--out", "r.html", "--from", "2026-02-30"}, "--from must be a date"},
        {{"report", "--out", "r.html", "--to", "2025-02-29"}, "--to must be a date"},
        {{"report", "--out", "r.html", "--to", "2026-1-01"}, "--to must be a date"},
        {{"report", "--from", "2026-03-02", "--to", "2026-03-01", "--out", "r"},
         "--from 2026-03-02 is after"},
        {{"--profile", ""}, "--profile needs a name"},
        {{"--profile", "   "}, "--profile needs a name"},
        {{"--profile", "a\tb"}, "--profile needs a name"},
        {{"--profile", "12345678901234567890123456789012345678901"}, "--profile needs a name"},
        {{"--profile", "Bad \xff name"}, "--profile needs a name"},
        {{"--profile", "Cut \xe2\x82"}, "--profile needs a name"},
        {{"--profile", "Overlong \xc0\xaf"}, "--profile needs a name"},
        {{"--db", ""}, "--db needs a file name"},
        {{"--windowed=yes"}, "option --windowed takes no value"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *args[9] = {NULL};
        memcpy(args, cases[i].args, sizeof cases[i].args);
        CliOptions o;
        char err[256] = "";
        CHECK_MSG(parse(args, &o, err, sizeof err) == -1, "case %zu accepted", i);
        CHECK_MSG(strncmp(err, cases[i].expect, strlen(cases[i].expect)) == 0,
                  "case %zu: got '%s', want '%s'", i, err, cases[i].expect);
    }
}

int main(void)
{
    test_accepted();
    test_refused();
    return check_exit();
}
