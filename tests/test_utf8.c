/* UTF-8 checking and cutting: every kind of invalid sequence is found, and a
 * copy cut at any length ends between whole characters. */
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
    return check_exit();
}
