/* Text encodings of input files: UTF-8 is checked; GB18030 (GBK), which
 * officers' Excel exports often are, is converted with the C library's
 * iconv; anything else is refused at its first bad byte. */
#include "encoding.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "csv.h"

/* jue_utf8_seq, static so that the loops below inline it: called through
 * the library's symbol once a character, it was the hottest function of
 * reading the data files (docs/performance.md). */
static inline size_t seq(const unsigned char *s, size_t n)
{
    if (n == 0) return 0;
    unsigned c = s[0];
    if (c < 0x80) return 1;
    if ((c & 0xF0) == 0xE0) {   /* what Chinese text is made of: checked without decoding */
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0)) return 0;   /* overlong, surrogate */
        return 3;
    }
    size_t len;
    unsigned min, cp;
    if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; cp = c & 0x07; }
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

size_t jue_utf8_seq(const unsigned char *s, size_t n) { return seq(s, n); }

/* The continuation bytes (10xxxxxx) of w, one in the low bit of each byte lane. */
static inline uint64_t cont_lanes(uint64_t w)
{
    return (w & ~(w << 1) & 0x8080808080808080u) >> 7;
}

/* The sum of w's byte lanes (each under 32). */
static inline size_t lanes_sum(uint64_t w) { return (size_t)((w * 0x0101010101010101u) >> 56); }

/* Every byte but those that continue a sequence counts one. A text of
 * fewer than four bytes (a blank cell's tab) a byte at a time; of four to
 * seven with two loads of four, those in both shifted out; a longer one
 * sixteen bytes at a time (with SSE2 in one register; else the lanes of
 * two words added before they are summed), then eight, and its last bytes with one load of its last eight,
 * those counted shifted out. */
size_t jue_utf8_count(const char *s, size_t n)
{
    if (n < 4) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
        return k;
    }
    if (n < 8) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        a = __builtin_bswap32(a);
        b = __builtin_bswap32(b);
#endif
        b = (uint32_t)((uint64_t)b >> (8 * (8 - n)));
        return n - lanes_sum(cont_lanes(a | (uint64_t)b << 32));
    }
    size_t cont = 0, i = 0;
#if defined(__SSE2__)
    /* sixteen bytes a step: a continuation byte is, as a signed byte, below
     * -64 (0xC0); each lane counts its own, up to 255 steps, then the lanes
     * are summed */
    const __m128i C0 = _mm_set1_epi8((char)0xC0), ZERO = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i lanes = ZERO;
        for (size_t k = 0; k < 255 && i + 16 <= n; k++, i += 16)
            lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), C0));
        __m128i sums = _mm_sad_epu8(lanes, ZERO);
        cont += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
    }
#else
    for (; i + 16 <= n; i += 16) {
        uint64_t a, b;
        memcpy(&a, s + i, 8);
        memcpy(&b, s + i + 8, 8);
        cont += lanes_sum(cont_lanes(a) + cont_lanes(b));
    }
#endif
    if (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        cont += lanes_sum(cont_lanes(w));
        i += 8;
    }
    if (i < n) {
        uint64_t w;
        memcpy(&w, s + n - 8, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w = __builtin_bswap64(w);
#endif
        cont += lanes_sum(cont_lanes(w >> 8 * (8 - (n - i))));
    }
    return n - cont;
}


/* Whether the 8 bytes at u start with two characters of three bytes led by
 * E1..EF but ED (no overlong form or surrogate among them): the leads'
 * high nibbles and the four continuation bytes tested at once. */
static inline bool two_wide(const unsigned char *u)
{
    uint64_t w;
    memcpy(&w, u, 8);
    const uint64_t MASK = 0xC0C0F0C0C0F0u, WANT = 0x8080E08080E0u;   /* bytes 0..5, little-endian */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return (w & MASK) == WANT && u[0] != 0xE0 && u[0] != 0xED && u[3] != 0xE0 && u[3] != 0xED;
}

/* Whether the 8 bytes at u are ASCII and none is NUL: a byte of 0x80 or
 * more shows in its top bit, a NUL (the first one) in the top bit of w - 1s. */
static inline bool ascii8(const unsigned char *u)
{
    uint64_t w;
    memcpy(&w, u, 8);
    return !((w | (w - 0x0101010101010101u)) & 0x8080808080808080u);
}

/* Whether the 16 bytes at u start with four characters of three bytes led
 * by E1..EF but ED: the leads' high nibbles and the continuation bytes
 * tested at once, then the leads' low nibbles (bytes 0, 3, 6, 9), gathered
 * in one word, for 0 (E0) and D (ED). */
static inline bool four_wide(const unsigned char *u)
{
    uint64_t a, b;
    memcpy(&a, u, 8);
    memcpy(&b, u + 8, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    a = __builtin_bswap64(a);
    b = __builtin_bswap64(b);
#endif
    if (((a & 0xC0F0C0C0F0C0C0F0u) ^ 0x80E08080E08080E0u) | ((b & 0xC0C0F0C0u) ^ 0x8080E080u)) return false;
    const uint64_t LOW = 0x000F00000F000F0Fu, BIT = 0x0010000010001010u, D = 0x000D00000D000D0Du;
    uint64_t n = (a & 0x000F00000F00000Fu) | (b & 0x0F00u);   /* byte 9's nibble in byte 1 */
    return ((n + LOW) & BIT) == BIT && (((n ^ D) + LOW) & BIT) == BIT;
}

#if defined(__SSE2__)
/* How many of the 16 bytes at u, the start of a character, are whole
 * characters of ASCII but NUL or of three bytes led by E1..EF but ED (the
 * test of the loops below, sixteen bytes at once): each byte is one of the
 * three kinds, and the continuation bytes are exactly the two after each
 * lead; a lead among the last two bytes is not counted. 0 when a byte is
 * of another kind or out of place. */
static inline size_t wide_or_ascii16(const unsigned char *u)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)u);
    __m128i x = _mm_xor_si128(v, _mm_set1_epi8((char)0x80));   /* E1..EF: 0x61..0x6F, signed */
    __m128i lead = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)),
                                    _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x60)),
                                                  _mm_cmplt_epi8(x, _mm_set1_epi8(0x70))));
    unsigned l = (unsigned)_mm_movemask_epi8(lead);
    unsigned c = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));   /* 80..BF */
    unsigned a = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(v, _mm_setzero_si128()));           /* 01..7F */
    if ((l | c | a) != 0xFFFFu || c != (((l << 1) | (l << 2)) & 0xFFFFu)) return 0;
    return l & 0x8000u ? 15 : l & 0x4000u ? 14 : 16;
}
#endif

size_t jue_utf8_first_bad(const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
#if defined(__SSE2__)
        for (size_t k; len - i >= 16 && (k = wide_or_ascii16(u + i)) != 0;) i += k;
#endif
        /* a run of Chinese characters, four at a time, two, then one */
        while (len - i >= 16 && four_wide(u + i)) i += 12;
        while (len - i >= 8 && two_wide(u + i)) i += 6;
        while (len - i >= 3 && u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED && (u[i + 1] & 0xC0) == 0x80 &&
               (u[i + 2] & 0xC0) == 0x80)
            i += 3;
        /* a run of ASCII but NUL, eight at a time, then one */
        while (len - i >= 8 && ascii8(u + i)) i += 8;
        while (i < len && (unsigned char)(u[i] - 1) < 0x7F) i++;
        if (i == len) break;
        size_t k = u[i] ? seq(u + i, len - i) : 0;
        if (!k) return i;
        i += k;
    }
    return len;
}

/* Runs of Chinese and of ASCII a word at a time (jue_utf8_first_bad), a NUL
 * passed over: the catalog checks each of its fields, one sequence at a
 * time this was a twentieth of a one-line audit. */
bool jue_utf8_valid(const char *s, size_t n)
{
    for (size_t i = 0; (i += jue_utf8_first_bad(s + i, n - i)) < n; i++)
        if (s[i]) return false;
    return true;
}

/* Counts, over the whole text, the sequences that are UTF-8 of 3 bytes or
 * more (what Chinese characters are in UTF-8) and the bytes that are not
 * UTF-8: a UTF-8 file with a damaged byte has many of the first, a GBK file
 * few (its two-byte characters seldom happen to form them). */
static bool mostly_utf8(const unsigned char *u, size_t len)
{
    size_t wide = 0, bad = 0;
    for (size_t i = 0; i < len;) {
        size_t k = seq(u + i, len - i);
        if (!k) { bad++; i++; continue; }
        wide += k >= 3;
        i += k;
    }
    return wide > bad;
}

/* The text in charset (GB18030, UTF-16LE…) as UTF-8 in a new string, NULL
 * when the bytes are not that charset's (or memory is short: *nomem). */
static char *from_charset(const char *text, size_t len, const char *charset, size_t *outlen, bool *nomem)
{
    *nomem = false;
    if (len > ((size_t)-1 - 8) / 2) { *nomem = true; return NULL; }
    size_t cap = len * 2 + 8;   /* 2 GB18030 or UTF-16 bytes give at most 3 UTF-8, 4 give 4 */
    char *out = malloc(cap);
    if (!out) { *nomem = true; return NULL; }
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1) { free(out); return NULL; }
    char *in = (char *)text, *o = out;
    size_t inleft = len, oleft = cap - 1;
    size_t r = iconv(cd, &in, &inleft, &o, &oleft);
    bool ok = r != (size_t)-1 && iconv(cd, NULL, NULL, &o, &oleft) != (size_t)-1;
    iconv_close(cd);
    if (!ok || inleft) { free(out); return NULL; }
    *o = 0;
    *outlen = (size_t)(o - out);
    return out;
}

static void refuse(const char *file, const char *text, size_t at, jue_diags *diags)
{
    int line = 1;
    const char *ls = text;
    for (size_t i = 0; i < at; i++)
        if (text[i] == '\n') { line++; ls = text + i + 1; }
    unsigned char b = (unsigned char)text[at];
    if (!b)
        jue_diag_add(diags, JUE_SEV_ERROR, file, line, jue_utf8_col(ls, text + at),
                     "含有NUL字节（0x00），不是文本文件");
    else
        jue_diag_add(diags, JUE_SEV_ERROR, file, line, jue_utf8_col(ls, text + at),
                     "不是UTF-8编码，也不能按GB18030（GBK）读取：此处的字节0x%02X无法识别；请将文件另存为UTF-8编码",
                     b);
}

/* Text saved as UTF-16 with its byte-order mark (Notepad's and Word's
 * "Unicode", Excel's "Unicode 文本"), as UTF-8 in *text; false when it has no
 * such mark. A text that is not UTF-16 after its mark, or that holds U+0000,
 * is refused (*st). */
static bool utf16_text(const char *file, char **text, size_t *len, jue_diags *diags, jue_status *st)
{
    const unsigned char *u = (const unsigned char *)*text;
    const char *cs = *len >= 2 && u[0] == 0xFF && u[1] == 0xFE ? "UTF-16LE"
                   : *len >= 2 && u[0] == 0xFE && u[1] == 0xFF ? "UTF-16BE" : NULL;
    if (!cs) return false;
    size_t n = 0;
    bool nomem;
    char *conv = from_charset(*text + 2, *len - 2, cs, &n, &nomem);
    *st = nomem ? JUE_ERR_NOMEM : JUE_OK;
    if (conv && memchr(conv, 0, n)) {
        free(conv);
        conv = NULL;
    }
    if (!conv && !nomem) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, 0, 0,
                     "文件开头标明是UTF-16编码，但内容不是完整的UTF-16文本；请将文件另存为UTF-8编码");
        *st = JUE_ERR_INVALID;
    }
    if (!conv) return true;
    free(*text);
    *text = conv;
    *len = n;
    jue_diag_add(diags, JUE_SEV_WARNING, file, 0, 0, "文件是UTF-16编码（记事本等另存为“Unicode”），已转为UTF-8读取");
    return true;
}

jue_status jue_text_utf8(const char *file, char **text, size_t *len, jue_diags *diags)
{
    size_t bad = jue_utf8_first_bad(*text, *len);
    if (bad == *len) return JUE_OK;
    jue_status st;
    if (utf16_text(file, text, len, diags, &st)) return st;
    if (memchr(*text, 0, *len) || mostly_utf8((const unsigned char *)*text, *len)) {
        refuse(file, *text, bad, diags);
        return JUE_ERR_INVALID;
    }
    size_t n = 0;
    bool nomem;
    char *conv = from_charset(*text, *len, "GB18030", &n, &nomem);
    if (nomem) return JUE_ERR_NOMEM;
    if (!conv) {
        refuse(file, *text, bad, diags);
        return JUE_ERR_INVALID;
    }
    free(*text);
    *text = conv;
    *len = n;
    jue_diag_add(diags, JUE_SEV_WARNING, file, 0, 0, "不是UTF-8编码，已按GB18030（GBK）读取");
    return JUE_OK;
}
