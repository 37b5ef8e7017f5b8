/* The export tables: CSV quoting and header, JSON escaping, nulls and
 * numbers, and a failing stream reported. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "table.h"

static char *write_table(TableFormat format)
{
    static const TableField header[] = {{"name", NULL, false}, {"rt_ms", NULL, true}};
    const TableField rows[2][2] = {
        {{"name", "Lee, \"Ann\"", false}, {"rt_ms", "512.250", true}},
        {{"name", "tab\there\\", false}, {"rt_ms", NULL, true}},
    };
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    TableWriter w;
    table_begin(&w, f, format, header, 2);
    table_row(&w, rows[0], 2);
    table_row(&w, rows[1], 2);
    CHECK(table_end(&w) == 0 && w.rows == 2);
    fclose(f);
    return buf;
}

int main(void)
{
    char *csv = write_table(TABLE_CSV);
    CHECK_MSG(!strcmp(csv, "name,rt_ms\n\"Lee, \"\"Ann\"\"\",512.250\ntab\there\\,\n"), "%s", csv);
    free(csv);
    char *json = write_table(TABLE_JSON);
    CHECK_MSG(!strcmp(json, "[\n{\"name\":\"Lee, \\\"Ann\\\"\",\"rt_ms\":512.250},\n"
                            "{\"name\":\"tab\\u0009here\\\\\",\"rt_ms\":null}\n]\n"),
              "%s", json);
    free(json);

    /* Hostile text: formulas neutralised in CSV only, numbers left alone,
     * a "number" that is none written as text, bytes that are not UTF-8
     * replaced in both formats. */
    static const TableField hostile_header[] = {{"name", NULL, false}, {"n", NULL, true}};
    static const char *const hostile[][3] = {
        {"=1+2", "-12.5", "'=1+2,-12.5\n"},
        {"+cmd", "0", "'+cmd,0\n"},
        {"-x", "1e3", "'-x,1e3\n"},
        {"@SUM(A1)", "=2", "'@SUM(A1),'=2\n"},
        {"\tTab", "12abc", "'\tTab,12abc\n"},
        {"\rCR", "-", "\"'\rCR\",'-\n"},
        {"=a,\"b\"", "01", "\"'=a,\"\"b\"\"\",01\n"},
        {"Bad \xff\xc0\xaf", "1.", "Bad \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD,1.\n"},
        {"caf\xC3\xA9 ok", ".5", "caf\xC3\xA9 ok,.5\n"},
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        const TableField row[2] = {{"name", hostile[i][0], false}, {"n", hostile[i][1], true}};
        char *out = NULL;
        size_t outlen = 0;
        FILE *mem = open_memstream(&out, &outlen);
        TableWriter hw;
        table_begin(&hw, mem, TABLE_CSV, hostile_header, 2);
        table_row(&hw, row, 2);
        CHECK(table_end(&hw) == 0);
        fclose(mem);
        CHECK_MSG(!strcmp(out + strlen("name,n\n"), hostile[i][2]), "row %zu: %s", i, out);
        free(out);
    }
    static const TableField json_row[3] = {
        {"a", "=1 \xff", false}, {"b", "12abc", true}, {"c", "-0.5e-3", true}};
    char *out = NULL;
    size_t outlen = 0;
    FILE *mem = open_memstream(&out, &outlen);
    TableWriter jw;
    table_begin(&jw, mem, TABLE_JSON, json_row, 3);
    table_row(&jw, json_row, 3);
    CHECK(table_end(&jw) == 0);
    fclose(mem);
    CHECK_MSG(!strcmp(out, "[\n{\"a\":\"=1 \\ufffd\",\"b\":\"12abc\",\"c\":-0.5e-3}\n]\n"), "%s",
              out);
    free(out);

    /* An empty JSON table is an empty array. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    TableWriter w;
    table_begin(&w, f, TABLE_JSON, NULL, 0);
    CHECK(table_end(&w) == 0);
    fclose(f);
    CHECK_MSG(!strcmp(buf, "[\n]\n"), "%s", buf);
    free(buf);

    /* A stream that cannot be written: the failure is reported. */
    FILE *full = fopen("/dev/full", "w");
    CHECK(full != NULL);
    if (full) {
        static const TableField field[] = {{"a", "1", true}};
        table_begin(&w, full, TABLE_CSV, field, 1);
        table_row(&w, field, 1);
        CHECK(table_end(&w) == -1);
        fclose(full);
    }
    return check_exit();
}
