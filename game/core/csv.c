#include "csv.h"

#include <string.h>

#include "utf8.h"

void csv_reader_init(CsvReader *r, const char *text, size_t len)
{
    r->pos = text;
    r->end = text + len;
    r->line = 0;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

CsvStatus csv_read_row(CsvReader *r, char buf[CSV_MAX_LINE], char **fields, int max_fields,
                       int *count)
{
    for (;;) {
        if (r->pos >= r->end)
            return CSV_END;
        const char *start = r->pos;
        const char *nl = memchr(start, '\n', (size_t)(r->end - start));
        const char *stop = nl ? nl : r->end;
        r->pos = nl ? nl + 1 : r->end;
        r->line++;
        size_t n = (size_t)(stop - start);
        if (n > 0 && start[n - 1] == '\r')
            n--;
        if (is_blank(start, n))
            continue;
        if (n >= CSV_MAX_LINE)
            return CSV_TOO_LONG;
        if (memchr(start, '\0', n))
            return CSV_NUL;
        if (memchr(start, '"', n))
            return CSV_QUOTE;
        memcpy(buf, start, n);
        buf[n] = '\0';
        int k = 0;
        char *field = buf;
        for (;;) {
            if (k == max_fields)
                return CSV_TOO_MANY;
            fields[k++] = field;
            char *comma = strchr(field, ',');
            if (!comma)
                break;
            *comma = '\0';
            field = comma + 1;
        }
        *count = k;
        return CSV_ROW;
    }
}

const char *csv_status_text(CsvStatus status)
{
    switch (status) {
    case CSV_ROW:
        return "row";
    case CSV_END:
        return "end of file";
    case CSV_TOO_LONG:
        return "line too long";
    case CSV_TOO_MANY:
        return "too many fields";
    case CSV_QUOTE:
        return "quotes are not allowed";
    case CSV_NUL:
        return "contains a NUL byte";
    }
    return "unknown status";
}

int csv_read_table(const char *text, size_t len, const char *name, const char *const *header,
                   int ncolumns, CsvRowFn row, void *ctx, char *err, size_t errlen)
{
    CsvReader r;
    char buf[CSV_MAX_LINE], why[256];
    char *f[CSV_MAX_COLUMNS];
    int n = 0;
    csv_reader_init(&r, text, len);
    CsvStatus st = csv_read_row(&r, buf, f, ncolumns, &n);
    if (st == CSV_END) {
        snprintf(err, errlen, "%s:1: the file is empty", name);
        return -1;
    }
    int header_ok = st == CSV_ROW && n == ncolumns;
    for (int i = 0; header_ok && i < ncolumns; i++)
        header_ok = strcmp(f[i], header[i]) == 0;
    if (!header_ok) {
        char names[CSV_MAX_LINE] = "";
        for (int i = 0; i < ncolumns; i++) {
            size_t used = strlen(names);
            snprintf(names + used, sizeof names - used, "%s%s", i ? "," : "", header[i]);
        }
        snprintf(err, errlen, "%s:%d: the first line must be %s", name, r.line, names);
        return -1;
    }
    while ((st = csv_read_row(&r, buf, f, ncolumns, &n)) != CSV_END) {
        if (st != CSV_ROW)
            snprintf(why, sizeof why, "%s", csv_status_text(st));
        else if (n != ncolumns)
            snprintf(why, sizeof why, "expected %d fields, found %d", ncolumns, n);
        if (st != CSV_ROW || n != ncolumns || row(ctx, f, why, sizeof why)) {
            snprintf(err, errlen, "%s:%d: %s", name, r.line, why);
            return -1;
        }
    }
    return r.line;
}

int csv_write_field(FILE *out, const char *s, bool text)
{
    bool quoted = strpbrk(s, ",\"\r\n") != NULL;
    if (quoted && fputc('"', out) == EOF)
        return -1;
    if (text && *s && strchr("=+-@\t\r", *s) && fputc('\'', out) == EOF)
        return -1;
    while (*s) {
        size_t n = utf8_char_length(s);
        const char *c = n ? s : "\xEF\xBF\xBD"; /* U+FFFD */
        size_t len = n ? n : 3;
        if (*s == '"' && fputc('"', out) == EOF)
            return -1;
        if (fwrite(c, 1, len, out) != len)
            return -1;
        s += n ? n : 1;
    }
    return quoted && fputc('"', out) == EOF ? -1 : 0;
}
