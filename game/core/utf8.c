#include "utf8.h"

#include <stdint.h>
#include <string.h>

size_t utf8_char_length(const char *s)
{
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80)
        return 1;
    size_t n;
    uint32_t c;
    if ((p[0] & 0xE0) == 0xC0) {
        n = 2;
        c = p[0] & 0x1Fu;
    } else if ((p[0] & 0xF0) == 0xE0) {
        n = 3;
        c = p[0] & 0x0Fu;
    } else if ((p[0] & 0xF8) == 0xF0) {
        n = 4;
        c = p[0] & 0x07u;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (p[i] & 0x3Fu);
    }
    if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    return n;
}

bool utf8_valid(const char *s)
{
    while (*s) {
        size_t n = utf8_char_length(s);
        if (n == 0)
            return false;
        s += n;
    }
    return true;
}

void utf8_copy(char *dst, size_t cap, const char *src)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    size_t out = 0;
    while (*src) {
        size_t n = utf8_char_length(src);
        const char *c = n ? src : replacement;
        size_t len = n ? n : sizeof replacement - 1;
        if (out + len >= cap)
            break;
        memcpy(dst + out, c, len);
        out += len;
        src += n ? n : 1;
    }
    dst[out] = '\0';
}
