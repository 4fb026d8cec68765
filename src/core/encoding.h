/* Text encodings of input files: UTF-8 checked, GB18030 (GBK) converted.
 * Internal header. */
#ifndef JUE_ENCODING_H
#define JUE_ENCODING_H

#include <juesuan/common.h>

/* Length of the UTF-8 sequence at s (1–4), 0 when the bytes there are not
 * UTF-8 (overlong forms, surrogates, beyond U+10FFFF, cut short). */
size_t jue_utf8_seq(const unsigned char *s, size_t n);

/* Bytes of the character at s by its lead byte — 1 for ASCII and for a byte
 * that leads nothing — never past a NUL: for stepping through text already
 * checked (jue_text_utf8), where a bad byte must not stop the walk. Inline:
 * the readers call it once a character. */
static inline size_t jue_utf8_step(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t i = 1; i < k; i++)
        if (!s[i]) return i;
    return k;
}

/* Code points in the n bytes at s: every byte that does not continue a
 * sequence counts one (columns in diagnostics are counted so). */
size_t jue_utf8_count(const char *s, size_t n);

/* Whether the n bytes at s are all UTF-8 sequences (jue_utf8_seq; NUL is
 * allowed here). */
bool jue_utf8_valid(const char *s, size_t n);

/* Offset of the first byte of text that is not UTF-8 (or is NUL), len when
 * there is none. */
size_t jue_utf8_first_bad(const char *text, size_t len);

/* Makes a file's text UTF-8, in place: UTF-8 is left as it is; UTF-16 with
 * its byte-order mark is converted, with one warning; text that is
 * not UTF-8 but reads as GB18030 (GBK and GB2312 included: what Excel saves
 * as "CSV" on a Chinese Windows) is converted, with one warning naming the
 * file; anything else — NUL bytes, bytes that are neither — is one error at
 * the file:line:col of the first bad byte. *text (NUL-terminated, malloc'd)
 * may be replaced. Returns JUE_OK, JUE_ERR_INVALID (error added) or
 * JUE_ERR_NOMEM. */
jue_status jue_text_utf8(const char *file, char **text, size_t *len, jue_diags *diags);

#endif
