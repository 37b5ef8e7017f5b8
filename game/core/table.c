#include "table.h"

#include "csv.h"

static void put(TableWriter *w, const char *s)
{
    if (!w->failed && fputs(s, w->out) < 0)
        w->failed = true;
}

static void put_json_string(TableWriter *w, const char *s)
{
    put(w, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p && !w->failed; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            esc[2] = '\0';
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
        } else {
            esc[0] = (char)*p;
            esc[1] = '\0';
        }
        put(w, esc);
    }
    put(w, "\"");
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
        if (!w->failed && csv_write_field(out, fields[i].name))
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
            if (!w->failed && fields[i].value && csv_write_field(w->out, fields[i].value))
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
            else if (fields[i].number)
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
