/* Minimal CSV support for the trainer's own data files and exports.
 *
 * Reading handles the simple dialect of the files in data/: one record per
 * line, fields separated by commas, no quoting, LF or CRLF line ends, blank
 * lines skipped. Writing quotes fields as RFC 4180 requires. */
#ifndef GMI_CSV_H
#define GMI_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CSV_MAX_LINE 1024

typedef struct CsvReader {
    const char *pos;
    const char *end;
    int line; /* 1-based number of the line last returned */
} CsvReader;

typedef enum CsvStatus {
    CSV_ROW,      /* a row was read */
    CSV_END,      /* no more rows */
    CSV_TOO_LONG, /* the line is longer than CSV_MAX_LINE - 1 bytes */
    CSV_TOO_MANY, /* the line has more than max_fields fields */
    CSV_QUOTE,    /* the line contains a double quote (not supported) */
    CSV_NUL       /* the line contains a NUL byte */
} CsvStatus;

/* Starts reading text[0..len); text is borrowed and must outlive the reader. */
void csv_reader_init(CsvReader *r, const char *text, size_t len);

/* Reads the next non-blank line into buf (CSV_MAX_LINE bytes) and points
 * fields[0..*count) at its NUL-terminated fields. On any status other than
 * CSV_ROW the reader has still advanced past the offending line, and
 * r->line names it. */
CsvStatus csv_read_row(CsvReader *r, char buf[CSV_MAX_LINE], char **fields, int max_fields,
                       int *count);

/* Returns a short English description of a non-row status. */
const char *csv_status_text(CsvStatus status);

/* The most columns csv_read_table reads. */
#define CSV_MAX_COLUMNS 16

/* Handles one row of a table: fields[0..ncolumns). Returns 0, or -1 with
 * what is wrong in why (without the file and line, which the reader adds). */
typedef int (*CsvRowFn)(void *ctx, char **fields, char *why, size_t whylen);

/* Reads text[0..len) as a table of the trainer's data files: the first line
 * must be exactly header[0..ncolumns) (ncolumns <= CSV_MAX_COLUMNS), then
 * each non-blank line must have ncolumns fields and is handed to row.
 * name is used in messages only. Returns the number of the last line read
 * (for the caller's own later checks), or -1 with "name:line: what" in err
 * at the first problem (rows before it have been handed to row). */
int csv_read_table(const char *text, size_t len, const char *name, const char *const *header,
                   int ncolumns, CsvRowFn row, void *ctx, char *err, size_t errlen);

/* Writes s as one CSV field, quoted when it contains a comma, quote, CR or
 * LF; a byte that is not part of valid UTF-8 is written as U+FFFD, so the
 * field is always valid UTF-8. With text, a field that begins with =, +, -,
 * @, a tab or a CR (which a spreadsheet would take for a formula) gets a
 * single quote in front. Returns 0, or -1 when the stream reports an error. */
int csv_write_field(FILE *out, const char *s, bool text);

#endif
