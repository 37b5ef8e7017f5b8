/* Command-line parsing, table-driven: accepted forms and their values, and
 * every refused form with its message. */
#include <string.h>

#include "check.h"
#include "cli.h"

#define MAXARGS 12

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
    CHECK(o.drill.limbs == LIMBS_HANDS && o.drill.count == 35 && o.drill.time_limit_ms == 2500);
    CHECK(o.drill.level == 3 && o.drill.feedback);
    CHECK(o.seed_given && o.seed == UINT64_MAX);

    const char *defaults[] = {"drill", "--db", "x.db", "--profile", "Ann Lee", NULL};
    CHECK(parse(defaults, &o, err, sizeof err) == 0);
    CHECK(o.drill.limbs == LIMBS_BOTH && o.drill.count == 20 && o.drill.time_limit_ms == 5000);
    CHECK(o.drill.level == 1 && !o.seed_given);
    CHECK(strcmp(o.db_path, "x.db") == 0 && strcmp(o.profile, "Ann Lee") == 0);

    const char *untimed[] = {"drill", "--time-limit", "0", "--feedback", "off", NULL};
    CHECK(parse(untimed, &o, err, sizeof err) == 0);
    CHECK(o.drill.time_limit_ms == 0 && !o.drill.feedback);

    const char *export[] = {"export", "--format", "csv", "--profile", "A", "--out", "t.csv", NULL};
    CHECK(parse(export, &o, err, sizeof err) == 0);
    CHECK(o.command == CLI_EXPORT && strcmp(o.out_path, "t.csv") == 0);

    const char *help[] = {"drill", "--count", "5", "--help", NULL};
    CHECK(parse(help, &o, err, sizeof err) == 0 && o.command == CLI_HELP);
    const char *version[] = {"--version", NULL};
    CHECK(parse(version, &o, err, sizeof err) == 0 && o.command == CLI_VERSION);
}

static void test_refused(void)
{
    static const struct {
        const char *args[6];
        const char *expect;
    } cases[] = {
        {{"--bogus"}, "unknown option '--bogus'"},
        {{"play"}, "unknown command 'play'"},
        {{"drill", "export"}, "unexpected argument 'export'"},
        {{"--count", "5"}, "option --count belongs after the drill command"},
        {{"drill", "--out", "x"}, "option --out belongs after the export command"},
        {{"drill", "--count"}, "option --count needs a value"},
        {{"drill", "--count", "0"}, "--count must be a whole number from 1 to 200"},
        {{"drill", "--count", "201"}, "--count must be"},
        {{"drill", "--count", "-3"}, "--count must be"},
        {{"drill", "--count", "12abc"}, "--count must be"},
        {{"drill", "--limb", "arms"}, "--limb must be hands, feet or both"},
        {{"drill", "--time-limit", "61"}, "--time-limit must be seconds"},
        {{"drill", "--time-limit", "1.2345"}, "--time-limit must be seconds"},
        {{"drill", "--time-limit", "."}, "--time-limit must be seconds"},
        {{"drill", "--time-limit", "-1"}, "--time-limit must be seconds"},
        {{"drill", "--level", "5"}, "--level must be 1, 2, 3 or 4"},
        {{"drill", "--feedback", "yes"}, "--feedback must be on or off"},
        {{"drill", "--seed", "18446744073709551616"}, "--seed must be a whole number"},
        {{"drill", "--seed", "-1"}, "--seed must be"},
        {{"export", "--format", "xml"}, "--format must be csv"},
        {{"--profile", ""}, "--profile needs a name"},
        {{"--profile", "   "}, "--profile needs a name"},
        {{"--profile", "a\tb"}, "--profile needs a name"},
        {{"--profile", "12345678901234567890123456789012345678901"}, "--profile needs a name"},
        {{"--db", ""}, "--db needs a file name"},
        {{"--windowed=yes"}, "option --windowed takes no value"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *args[7] = {NULL};
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
