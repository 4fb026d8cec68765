/* juesuan/common.h — status codes, diagnostics and the string builder shared
 * by every module.
 *
 * The library never prints and never exits: it returns a jue_status and, where
 * input can be wrong, appends diagnostics to a caller-owned jue_diags list.
 * The CLI decides how to show them.
 */
#ifndef JUESUAN_COMMON_H
#define JUESUAN_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The program's version (juesuan --version; part of the rules' fingerprint). */
#define JUE_VERSION "0.1.0"

typedef enum {
    JUE_OK = 0,
    JUE_ERR_SYNTAX,    /* input text is malformed */
    JUE_ERR_OVERFLOW,  /* a number does not fit */
    JUE_ERR_NOMEM,     /* allocation failed */
    JUE_ERR_IO,        /* file could not be read or written */
    JUE_ERR_NOTFOUND,  /* a key, code or file does not exist */
    JUE_ERR_INVALID,   /* input is well-formed but wrong (diagnostics say why) */
    JUE_ERR_LIMIT      /* a size cap was reached */
} jue_status;

/* A static description of a status, in Chinese (for messages to users). */
const char *jue_status_str(jue_status s);

typedef enum { JUE_SEV_ERROR = 0, JUE_SEV_WARNING, JUE_SEV_INFO } jue_severity;

const char *jue_severity_str(jue_severity s);
/* The severity named "error", "warning" or "info" (as jue_severity_str
 * prints it); false for anything else. */
bool jue_severity_parse(const char *s, jue_severity *out);

/* One diagnostic about an input file. line and col are 1-based; 0 means
 * "not known". col counts characters (UTF-8 code points), not bytes. page is
 * the PDF page (1-based) a reader can open, 0 when not a PDF or not known;
 * set after the import (line is then the reader's own counter, kept for order). */
typedef struct {
    char *file;        /* owned */
    int line, col;
    jue_severity severity;
    char *message;     /* owned */
    int page;
} jue_diag;

/* A growable list of diagnostics. Zero-initialise, or use jue_diags_init. */
typedef struct {
    jue_diag *items;
    size_t len, cap;
    size_t errors;     /* how many of severity error */
} jue_diags;

void jue_diags_init(jue_diags *d);
/* Frees every diagnostic; the list may be reused afterwards. NULL is fine. */
void jue_diags_free(jue_diags *d);
/* Appends a formatted diagnostic; copies file and message. Returns JUE_ERR_NOMEM
 * on allocation failure (the diagnostic is then lost, the list stays valid). */
jue_status jue_diag_add(jue_diags *d, jue_severity sev, const char *file, int line,
                        int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
jue_status jue_diag_vadd(jue_diags *d, jue_severity sev, const char *file, int line,
                         int col, const char *fmt, va_list ap);
/* Stable sort by file, line, column (document order). */
void jue_diags_sort(jue_diags *d);

/* String builder with a size cap and a sticky error: once an append fails
 * (no memory or cap reached), every later append is a no-op and jue_buf_err
 * reports the first failure. The text is always NUL-terminated. */
typedef struct {
    char *data;        /* owned; NULL until the first append */
    size_t len, cap;
    size_t max;        /* 0 = default cap (256 MiB) */
    jue_status err;
} jue_buf;

void jue_buf_init(jue_buf *b);
void jue_buf_free(jue_buf *b);
void jue_buf_reset(jue_buf *b);             /* len = 0, keeps memory and error cleared */
/* Room for extra more bytes (and the NUL) after len, as that many appended
 * would take: false, with the sticky error set, when the cap or the memory
 * refuses them. len and the text stay as they are. */
bool jue_buf_reserve(jue_buf *b, size_t extra);
void jue_buf_putn(jue_buf *b, const char *s, size_t n);
void jue_buf_puts(jue_buf *b, const char *s);
void jue_buf_putc(jue_buf *b, char c);
void jue_buf_printf(jue_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text so far ("" when empty); valid until the next append. */
const char *jue_buf_str(const jue_buf *b);
/* Hands the text to the caller (free() it) and resets the builder.
 * Returns NULL if an error occurred. */
char *jue_buf_take(jue_buf *b);
static inline jue_status jue_buf_err(const jue_buf *b) { return b->err; }

/* Reads a whole file into memory (NUL-terminated). On failure returns
 * JUE_ERR_IO/JUE_ERR_NOMEM and leaves *out NULL. Caller frees *out. */
jue_status jue_read_file(const char *path, char **out, size_t *len);

/* Steps of work done by the scanning loops of the import doors and the
 * claims extractor: a monotonic count, read by tests that check that the
 * work grows linearly with the size of the input (never by the clock). */
extern unsigned long long jue_work_steps;

/* strdup that returns NULL for NULL. */
char *jue_strdup(const char *s);

/* Puts at most max bytes of s at `at`, as many as fit before end's last
 * byte, and a NUL after them; returns where the next piece goes (at the
 * NUL). Pieces put one after another into [buf, buf + size) give what
 * snprintf(buf, size, "%s%s…", …) or "%.*s" gives — cut at a byte, as it
 * cuts — without reading a format (called per cell and per sentence).
 * at < end. */
char *jue_str_put(char *at, char *end, const char *s, size_t max);

/* The data directory: $JUESUAN_DATA if set, else the compiled-in default. */
const char *jue_data_dir(void);

/* Reads the named data file <data dir>/<sub>/<name>.yaml (a profile, a
 * scoring profile …): writes its path to path (size n) and its text to
 * *text (caller frees). A name with a path separator, or no such file, is
 * an error in diags naming what was asked for (`what`: "方案") and the
 * names there are, and returns JUE_ERR_NOTFOUND; JUE_ERR_NOMEM when out of
 * memory. */
jue_status jue_data_yaml(const char *sub, const char *name, const char *what, char *path, size_t n, char **text,
                         size_t *len, jue_diags *diags);

#endif
