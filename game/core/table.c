#include "table.h"

#include <ctype.h>
#include <string.h>

#include "csv.h"
#include "utf8.h"

static void put(TableWriter *w, const char *s)
{
    if (!w->failed && fputs(s, w->out) < 0)
        w->failed = true;
}

/* Writes s as a JSON string; a byte that is not part of valid UTF-8 is
 * written as U+FFFD, so the output always parses. */
static void put_json_string(TableWriter *w, const char *s)
{
    put(w, "\"");
    while (*s && !w->failed) {
        char esc[8];
        size_t n = utf8_char_length(s);
        unsigned char c = (unsigned char)*s;
        if (n == 0) {
            snprintf(esc, sizeof esc, "\\ufffd");
            n = 1;
        } else if (c == '"' || c == '\\') {
            snprintf(esc, sizeof esc, "\\%c", c);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
        } else {
            memcpy(esc, s, n);
            esc[n] = '\0';
        }
        put(w, esc);
        s += n;
    }
    put(w, "\"");
}

/* Whether s is a JSON number (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?). */
static bool is_number(const char *s)
{
    if (*s == '-')
        s++;
    if (!isdigit((unsigned char)*s) || (*s == '0' && isdigit((unsigned char)s[1])))
        return false;
    while (isdigit((unsigned char)*s))
        s++;
    if (*s == '.') {
        if (!isdigit((unsigned char)*++s))
            return false;
        while (isdigit((unsigned char)*s))
            s++;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!isdigit((unsigned char)*s))
            return false;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return *s == '\0';
}

void table_begin(TableWriter *w, FILE *out, TableFormat format, const TableField *fields, size_t n)
{
    *w = (TableWriter){.out = out, .format = format};
    if (format == TABLE_JSON) {
        put(w, "[");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            put(w, ",");
        if (!w->failed && csv_write_field(out, fields[i].name, false))
            w->failed = true;
    }
    put(w, "\n");
}

void table_row(TableWriter *w, const TableField *fields, size_t n)
{
    if (w->format == TABLE_CSV) {
        for (size_t i = 0; i < n; i++) {
            if (i > 0)
                put(w, ",");
            const char *v = fields[i].value;
            if (!w->failed && v && csv_write_field(w->out, v, !(fields[i].number && is_number(v))))
                w->failed = true;
        }
        put(w, "\n");
    } else {
        put(w, w->rows ? ",\n{" : "\n{");
        for (size_t i = 0; i < n; i++) {
            if (i > 0)
                put(w, ",");
            put_json_string(w, fields[i].name);
            put(w, ":");
            if (!fields[i].value)
                put(w, "null");
            else if (fields[i].number && is_number(fields[i].value))
                put(w, fields[i].value);
            else
                put_json_string(w, fields[i].value);
        }
        put(w, "}");
    }
    w->rows++;
}

int table_end(TableWriter *w)
{
    if (w->format == TABLE_JSON)
        put(w, "\n]\n");
    if (fflush(w->out) == EOF || ferror(w->out))
        w->failed = true;
    return w->failed ? -1 : 0;
}
