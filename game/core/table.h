/* Tables of named fields written as CSV (RFC 4180, with a header line) or
 * as JSON (an array of objects), for the exports. */
#ifndef GMI_TABLE_H
#define GMI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum TableFormat { TABLE_CSV, TABLE_JSON } TableFormat;

/* One field of a row. value NULL means "no value": an empty CSV field, a
 * JSON null. A number that is a JSON number is written bare in JSON;
 * anything else is text: a JSON string, and in CSV a field with a single
 * quote in front when it begins with =, +, -, @, a tab or a CR, so a
 * spreadsheet never takes it for a formula. Bytes that are not valid UTF-8
 * are written as U+FFFD, so both formats are always valid UTF-8. */
typedef struct TableField {
    const char *name;
    const char *value;
    bool number;
} TableField;

typedef struct TableWriter {
    FILE *out;
    TableFormat format;
    size_t rows;
    bool failed; /* a write failed; later writes are skipped */
} TableWriter;

/* Starts a table on out (borrowed): the CSV header from the fields' names,
 * or the JSON array's opening. */
void table_begin(TableWriter *w, FILE *out, TableFormat format, const TableField *fields, size_t n);

/* Writes one row; its fields must have the names and order given to
 * table_begin. */
void table_row(TableWriter *w, const TableField *fields, size_t n);

/* Ends the table and flushes out. Returns 0, or -1 if any write failed. */
int table_end(TableWriter *w);

#endif
