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
