/* UTF-8 text: checking it, and copying it valid and cut short without
 * splitting a character. */
#ifndef GMI_UTF8_H
#define GMI_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* The length (1-4) of the valid UTF-8 character s starts with, or 0 when it
 * starts with none: a stray continuation byte, an overlong form, a
 * surrogate, a value over U+10FFFF, or a character cut short (the NUL that
 * ends the string is no continuation byte). s must not be empty. */
size_t utf8_char_length(const char *s);

/* Whether s is entirely valid UTF-8. */
bool utf8_valid(const char *s);

/* Copies src into dst (cap bytes, cap > 0) and ends it with a NUL, so that
 * dst is always valid UTF-8: each byte of src that is not part of a valid
 * character (text stored by an older version, or in a file imported) is
 * written as U+FFFD, and when src is too long it is cut at the last whole
 * character that fits. */
void utf8_copy(char *dst, size_t cap, const char *src);

#endif
