/* UTF-8 checking and copying: every kind of invalid sequence is found, a
 * copy cut at any length ends between whole characters, and bytes that are
 * not UTF-8 are copied as U+FFFD. */
#include <string.h>

#include "check.h"
#include "utf8.h"

int main(void)
{
    static const struct {
        const char *s;
        size_t length;
    } chars[] = {
        {"a", 1},
        {"\x7f", 1},
        {"\xC3\xA9", 2},         /* é */
        {"\xE2\x82\xAC", 3},     /* € */
        {"\xF0\x9F\x98\x80", 4}, /* an emoji */
        {"\xF4\x8F\xBF\xBF", 4}, /* U+10FFFF */
        {"\x80", 0},             /* a stray continuation byte */
        {"\xBF", 0},
        {"\xC0\xAF", 0},         /* overlong "/" */
        {"\xE0\x80\xAF", 0},     /* overlong */
        {"\xF0\x80\x80\xAF", 0}, /* overlong */
        {"\xED\xA0\x80", 0},     /* a surrogate */
        {"\xF4\x90\x80\x80", 0}, /* over U+10FFFF */
        {"\xF8\x88\x80\x80\x80", 0},
        {"\xFF", 0},
        {"\xE2\x82", 0}, /* cut short */
        {"\xC3", 0},
        {"\xE2\x82x", 0},
    };
    for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++)
        CHECK_MSG(utf8_char_length(chars[i].s) == chars[i].length, "case %zu: %zu", i,
                  utf8_char_length(chars[i].s));
    CHECK(utf8_valid(""));
    CHECK(utf8_valid("Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80"));
    CHECK(!utf8_valid("Zo\xC3"));
    CHECK(!utf8_valid("a\xFF"
                      "b"));

    /* Cut at every length: always valid, always a prefix, never more than
     * one character shorter than the room. */
    const char *text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";
    size_t full = strlen(text);
    for (size_t cap = 1; cap <= full + 2; cap++) {
        char buf[32];
        memset(buf, 'X', sizeof buf);
        utf8_copy(buf, cap, text);
        size_t n = strlen(buf);
        CHECK_MSG(n < cap && utf8_valid(buf) && !strncmp(buf, text, n), "cap %zu: %s", cap, buf);
        CHECK_MSG(n + 4 > cap - 1 || n == full, "cap %zu: cut too short (%zu)", cap, n);
    }

    /* Bytes that are not UTF-8 become U+FFFD, one for each byte, and the
     * copy is valid at every length. */
    static const struct {
        const char *s, *copy;
    } repairs[] = {
        {"Bad \xFF\xFE end", "Bad \xEF\xBF\xBD\xEF\xBF\xBD end"},
        {"Cut \xE2\x82", "Cut \xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xC0\xAF/", "\xEF\xBF\xBD\xEF\xBF\xBD/"},
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"Zo\xC3\xAB", "Zo\xC3\xAB"},
    };
    for (size_t i = 0; i < sizeof repairs / sizeof repairs[0]; i++) {
        char buf[64];
        utf8_copy(buf, sizeof buf, repairs[i].s);
        CHECK_MSG(!strcmp(buf, repairs[i].copy), "repair %zu: %s", i, buf);
        size_t full_copy = strlen(repairs[i].copy);
        for (size_t cap = 1; cap <= full_copy + 1; cap++) {
            memset(buf, 'X', sizeof buf);
            utf8_copy(buf, cap, repairs[i].s);
            size_t n = strlen(buf);
            CHECK_MSG(n < cap && utf8_valid(buf) && !strncmp(buf, repairs[i].copy, n),
                      "repair %zu, cap %zu: %s", i, cap, buf);
        }
    }
    return check_exit();
}
