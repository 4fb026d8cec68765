/* A CSV reader that keeps positions: RFC 4180 quoting, UTF-8 BOM skipped,
 * CRLF or LF, '#' comment lines and blank lines skipped. Fields are split on
 * commas, or on tabs when the first record (the header) holds more tabs than
 * commas outside quotes: Excel's "Unicode 文本" and "文本文件(制表符分隔)"
 * exports. Internal header. */
#ifndef JUE_CSV_H
#define JUE_CSV_H

#include <juesuan/common.h>

typedef struct {
    char *text;      /* field text, unquoted (owned by the record) */
    int line, col;   /* where the field starts; col in characters, 1-based */
} jue_csv_field;

typedef struct {
    jue_csv_field *f;
    size_t n, cap;
    int line;        /* line of the record's first character */
} jue_csv_record;

typedef struct {
    const char *p, *end;
    int line;
    const char *line_start;
    const char *file;
    char sep;        /* ',' or '\t', chosen by jue_csv_init */
} jue_csv_reader;

void jue_csv_init(jue_csv_reader *r, const char *file, const char *text, size_t len);
/* Reads the next record into rec (reusing its memory). Returns 1 when a
 * record was read, 0 at the end, -1 on a malformed record (a diagnostic is
 * added; reading may continue with the next line). */
int jue_csv_next(jue_csv_reader *r, jue_csv_record *rec, jue_diags *diags);
void jue_csv_record_free(jue_csv_record *rec);
/* Character column of byte position p on its line (1-based). */
int jue_utf8_col(const char *line_start, const char *p);

#endif
