/* The field checks the data files' row parsers share: numbers at and past
 * their bounds, words and texts at and past their room; a refused field
 * leaves the output as it was. */
#include <string.h>

#include "check.h"
#include "rowtable.h"

static void test_int(void)
{
    int v = -7;
    CHECK(row_field_int("1", 1, 30, &v) == 0 && v == 1);
    CHECK(row_field_int("30", 1, 30, &v) == 0 && v == 30);
    CHECK(row_field_int("007", 1, 30, &v) == 0 && v == 7);
    v = -7;
    const char *bad[] = {"", "0", "31", "-1", "+3", " 3", "3 ", "3.0", "1e1", "x",
                         "9999999999", "0000000001"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_MSG(row_field_int(bad[i], 1, 30, &v) == -1 && v == -7, "\"%s\" taken", bad[i]);
    CHECK(row_field_int("999999999", 0, 1000000000, &v) == 0 && v == 999999999);
}

static void test_word(void)
{
    char w[8] = "keep";
    CHECK(row_field_word(w, sizeof w, "a-1-b2") == 0 && strcmp(w, "a-1-b2") == 0);
    CHECK(row_field_word(w, sizeof w, "abcdefg") == 0 && strcmp(w, "abcdefg") == 0);
    strcpy(w, "keep");
    const char *bad[] = {"", "abcdefgh", "A", "a b", "a_b", "a.b", "\xc3\xa9", "a\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_MSG(row_field_word(w, sizeof w, bad[i]) == -1 && strcmp(w, "keep") == 0,
                  "\"%s\" taken", bad[i]);
}

static void test_text(void)
{
    char t[8] = "keep";
    CHECK(row_field_text(t, sizeof t, "A b, c!") == 0 && strcmp(t, "A b, c!") == 0);
    CHECK(row_field_text(t, sizeof t, "caf\xc3\xa9") == 0 && strcmp(t, "caf\xc3\xa9") == 0);
    strcpy(t, "keep");
    const char *bad[] = {"", "12345678", "a\tb", "a\rb", "a\x1b", "a\x7f"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_MSG(row_field_text(t, sizeof t, bad[i]) == -1 && strcmp(t, "keep") == 0,
                  "\"%s\" taken", bad[i]);
}

int main(void)
{
    test_int();
    test_word();
    test_text();
    return check_exit();
}
