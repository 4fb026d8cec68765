/* juesuan/money.h — money, printed numbers and intervals.
 *
 * Money is an int64 count of 分 (0.01 元); never a double. 1 万元 =
 * 1,000,000 分. A number read from a publication stands for an interval: a
 * value printed with d decimals covers ±half a unit of its last digit
 * ("51,318.21" 万元 → [51318.205, 51318.215] 万元). Intervals are closed
 * and held in 分; bounds that fall between two 分 are rounded outward, which
 * keeps every check sound (it can only widen, never invent an error).
 *
 * Ratios and percentages are intervals of parts per 10^9 (JUE_PPB_ONE = 1,
 * i.e. 100%), again with outward rounding.
 */
#ifndef JUESUAN_MONEY_H
#define JUESUAN_MONEY_H

#include "common.h"

typedef int64_t jue_fen;

#define JUE_FEN_PER_YUAN 100LL
#define JUE_FEN_PER_WAN 1000000LL      /* 1 万元 */
#define JUE_FEN_PER_YI 10000000000LL   /* 1 亿元 */
#define JUE_PPB_ONE 1000000000LL       /* ratio 1 = 100% */

typedef enum {
    JUE_UNIT_NONE = 0, /* no unit written: the caller's default applies */
    JUE_UNIT_YUAN,     /* 元 */
    JUE_UNIT_WAN,      /* 万元 */
    JUE_UNIT_YI        /* 亿元 */
} jue_unit;

/* Digits of 分 in one unit: 元 2, 万元 6, 亿元 10 (JUE_UNIT_NONE: 万元, the
 * form's unit). A figure printed with d decimals in unit u has
 * d + 6 − jue_unit_places(u) decimals counted in 万元. */
int jue_unit_places(jue_unit u);

/* Checked arithmetic: return false (and leave *out unchanged) on overflow. */
bool jue_fen_add(jue_fen a, jue_fen b, jue_fen *out);
bool jue_fen_sub(jue_fen a, jue_fen b, jue_fen *out);
bool jue_fen_mul(jue_fen a, int64_t k, jue_fen *out);

typedef struct { jue_fen lo, hi; } jue_interval;   /* lo <= hi, in 分 */

typedef struct {
    jue_fen value;        /* the printed value in 分, rounded half away from zero
                             when printed more precisely than 1 分 */
    jue_interval iv;      /* the interval the printed figure stands for */
    int decimals;         /* decimals as printed (0 when none) */
    jue_unit unit;        /* unit as written after the number, or the default */
    bool unit_written;    /* true when the unit was in the text */
    bool blank;           /* empty cell / only spaces / "-" placeholder: value 0, exact */
    bool negative;
    size_t consumed;      /* bytes of input used, including a unit */
} jue_amount;

/* Parses one amount as printed in a table cell or a sentence:
 *   51,318.21   51318.21万元   48,210,336.52元   4821.033652万元   1.2亿元
 *   full-width digits and punctuation (０-９ ，．－)   -5.00  −5.00  （5.00）  (5.00)
 *   ""  or only spaces → blank (value 0)
 * The whole of [s, s+len) must be one amount (surrounding spaces allowed);
 * anything else is JUE_ERR_SYNTAX ("318.2007.45", "1,2,3", "12a") with a
 * static reason in *why (may be NULL). Amounts beyond ±9×10^16 分 give
 * JUE_ERR_OVERFLOW. default_unit applies when none is written. */
jue_status jue_amount_parse(const char *s, size_t len, jue_unit default_unit,
                            jue_amount *out, const char **why);

/* Like jue_amount_parse but reads the longest amount at the start of s and
 * stops there (sets consumed); for scanning sentences. */
jue_status jue_amount_scan(const char *s, size_t len, jue_unit default_unit,
                           jue_amount *out, const char **why);

/* Formats v as 万元 with 2 decimals, rounded half away from zero:
 * 5131821000 → "5,131.82" (thousands separators when `grouped`).
 * Returns the length written (always NUL-terminates; needs n >= 32). */
size_t jue_fmt_wan(jue_fen v, bool grouped, char *buf, size_t n);
/* Formats v as 元 with 2 decimals: "48,210,336.52". */
size_t jue_fmt_yuan(jue_fen v, bool grouped, char *buf, size_t n);
/* Rounds v to the nearest 0.01 万元 (10,000 分), half away from zero. */
jue_fen jue_round_wan2(jue_fen v);

/* Writes the Chinese numeral of n, 1..99 ("一", "十二", "二十六"), into buf
 * (size >= 16); other n give "". Section and table ordinals use it. */
void jue_fmt_cn_numeral(int n, char *buf, size_t size);
/* The value of a Chinese numeral 一 … 九十九 (the whole string), −1 when it
 * is not one; the inverse of jue_fmt_cn_numeral. */
int jue_parse_cn_numeral(const char *s);

/* Shares of one whole, in ppb rounded to 0.01% (10^5 ppb), for notes and
 * charts. When every part is >= 0 and the parts add to `whole`, the shares
 * add to exactly 100.00%: floors, then the largest remainders (the first on
 * ties) get the missing hundredths — the controlled rounding of the tables
 * applied to percentages. Otherwise each share is rounded half up on its
 * own. whole <= 0 gives 0 everywhere. 128-bit intermediates: no overflow. */
void jue_shares_ppb(const jue_fen *parts, size_t n, jue_fen whole, int64_t *out_ppb);

/* Intervals */
jue_interval jue_iv_exact(jue_fen v);
/* The interval for a value printed with `decimals` decimals in `unit`. */
jue_interval jue_iv_printed(jue_fen value, int decimals, jue_unit unit);
bool jue_iv_add(jue_interval a, jue_interval b, jue_interval *out);  /* false on overflow */
bool jue_iv_sub(jue_interval a, jue_interval b, jue_interval *out);
jue_interval jue_iv_neg(jue_interval a);
bool jue_iv_overlaps(jue_interval a, jue_interval b);  /* can the two be equal? */
bool jue_iv_le_possible(jue_interval a, jue_interval b); /* can a <= b? */
bool jue_iv_contains(jue_interval a, jue_fen v);
/* The gap between two disjoint intervals (0 when they overlap), in 分. */
jue_fen jue_iv_gap(jue_interval a, jue_interval b);

/* Ratio num/den as an interval of ppb. Fails (returns false) when den may be 0
 * (den.lo <= 0 <= den.hi). Sign handled for positive and negative intervals. */
bool jue_iv_ratio(jue_interval num, jue_interval den, jue_interval *out_ppb);

/* Parses a percentage as printed ("2.72%", "２．７２％", "100%", "-3.1%"):
 * value and interval in ppb (2.72% → value 27,200,000; iv ±50,000). The
 * trailing % (or ％) is required. */
jue_status jue_percent_parse(const char *s, size_t len, jue_fen *value_ppb,
                             jue_interval *iv_ppb, int *decimals, const char **why);
/* Formats a ppb value as a percentage with `decimals` decimals, rounded half
 * away from zero: 27,200,000 → "2.72%". */
size_t jue_fmt_percent(int64_t ppb, int decimals, char *buf, size_t n);

#endif
