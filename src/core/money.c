/* Money, printed numbers and intervals (see juesuan/money.h).
 *
 * Everything is integer arithmetic: a printed figure is read digit by digit
 * into whole 分 (or ppb for percentages); digits finer than one 分 are only
 * looked at for rounding and for the outward rounding of the interval, so a
 * figure with any number of decimals is read exactly and without overflow.
 *
 * Decisions not fixed by the header:
 *  - Units are 元, 万元, 亿元, and a bare 万 or 亿 (meaning 万元 / 亿元).
 *    A bare 万/亿 is taken as a unit only when the next character is not a
 *    CJK ideograph: "100万，" and "100万" are 100 万元, but in "100万人" the
 *    scan stops before 万 (it is a count of people, not money), and
 *    "1.2万亿元" is not read as 万元 either.
 *  - Spaces may stand between the number and its unit or %; a scan consumes
 *    them only when a unit follows.
 *  - ".5" is accepted (0.5); "5." is not (a dangling point is more likely a
 *    typo or a sentence end than a figure).
 *  - A thousands separator (ASCII or full-width comma) must be followed by
 *    exactly three digits, the first group has 1–3 digits and does not start
 *    with 0. In a scan a comma that does not fit is taken as punctuation and
 *    the amount ends before it ("3,000，比上年" → "3,000"); one that fits is
 *    a separator even in prose ("12，345" → 12345).
 *  - Negative forms: leading -, −, －, or parentheses (ASCII or full-width);
 *    a unit may stand inside or after the parentheses. A scan accepts the
 *    same forms, so callers should only scan where an amount is expected
 *    (an enumeration "（2）" would read as -2).
 *  - Blank (parse only): empty, only spaces, or a lone placeholder -, －, −,
 *    — or ——. A scan never returns blank: in prose "——" is a dash.
 *  - JUE_UNIT_NONE with no unit written counts as 元 (the base unit), so the
 *    value is still well defined; out->unit stays JUE_UNIT_NONE.
 *  - A value that rounds to zero is formatted without a sign ("0.00").
 */
#include <juesuan/money.h>

#include <stdio.h>
#include <string.h>

/* The largest magnitude read: 9×10^16 分 for amounts, and the same bound in
 * ppb for percentages; it leaves room for interval bounds in int64. */
#define FEN_LIMIT 90000000000000000LL
#define PCT_SCALE 7   /* 1% = 10^7 ppb: a percentage's digits scale like 分 */

__extension__ typedef __int128 i128;

/* ---- checked arithmetic ------------------------------------------------ */

bool jue_fen_add(jue_fen a, jue_fen b, jue_fen *out)
{
    jue_fen r;
    if (__builtin_add_overflow(a, b, &r)) return false;
    *out = r;
    return true;
}

bool jue_fen_sub(jue_fen a, jue_fen b, jue_fen *out)
{
    jue_fen r;
    if (__builtin_sub_overflow(a, b, &r)) return false;
    *out = r;
    return true;
}

bool jue_fen_mul(jue_fen a, int64_t k, jue_fen *out)
{
    jue_fen r;
    if (__builtin_mul_overflow(a, k, &r)) return false;
    *out = r;
    return true;
}

/* ---- lexing ------------------------------------------------------------ */

typedef enum {
    T_END, T_OTHER, T_DIGIT, T_COMMA, T_POINT, T_MINUS, T_DASH, T_LPAREN,
    T_RPAREN, T_PERCENT, T_SPACE, T_YUAN, T_WAN, T_YI, T_IDEO
} tok_kind;

typedef struct {
    tok_kind kind;
    size_t n;   /* bytes */
    int digit;  /* for T_DIGIT */
} tok;

static tok tok_wide(const unsigned char *s, size_t len, size_t i, unsigned c);

/* The scanners of an amount (skip_spaces to convert) are inlined into the
 * two parsers that call them, amount_at and the percent parser: as calls,
 * their prologues and the tokens passed back cost about a fifth of a parse,
 * and the notes' reader and the recognizer parse some 700 figures a
 * document. */
#define SCAN_INLINE static inline __attribute__((always_inline))

/* Classifies the character at s[i]. Only the few code points the grammar
 * knows are decoded; any other byte is T_OTHER (one byte), which is enough
 * because nothing after an unknown character is ever read. An ASCII byte
 * (the digits, separators and points of every amount) is told here, inline
 * in the scanners; the rest by tok_wide. */
static inline tok tok_at(const char *str, size_t len, size_t i)
{
    const unsigned char *s = (const unsigned char *)str;
    tok t = {T_END, 0, 0};
    if (i >= len) return t;
    unsigned c = s[i];
    t.n = 1;
    t.kind = T_OTHER;
    if (c >= '0' && c <= '9') { t.kind = T_DIGIT; t.digit = (int)(c - '0'); return t; }
    switch (c) {
    case ',': t.kind = T_COMMA; return t;
    case '.': t.kind = T_POINT; return t;
    case '-': t.kind = T_MINUS; return t;
    case '(': t.kind = T_LPAREN; return t;
    case ')': t.kind = T_RPAREN; return t;
    case '%': t.kind = T_PERCENT; return t;
    case ' ': case '\t': t.kind = T_SPACE; return t;
    default: break;
    }
    return c < 0x80 ? t : tok_wide(s, len, i, c);
}

static tok tok_wide(const unsigned char *s, size_t len, size_t i, unsigned c)
{
    tok t = {T_OTHER, 1, 0};
    if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) { t.kind = T_SPACE; t.n = 2; return t; }
    if (c < 0xE0 || c > 0xEF || i + 2 >= len) return t;
    unsigned c1 = s[i + 1], c2 = s[i + 2];
    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return t;
    unsigned cp = ((c & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
    t.n = 3;
    if (cp >= 0xFF10 && cp <= 0xFF19) { t.kind = T_DIGIT; t.digit = (int)(cp - 0xFF10); return t; }
    switch (cp) {
    case 0xFF0C: t.kind = T_COMMA; return t;   /* ， */
    case 0xFF0E: t.kind = T_POINT; return t;   /* ． */
    case 0xFF0D: case 0x2212: t.kind = T_MINUS; return t;  /* － − */
    case 0x2014: t.kind = T_DASH; return t;    /* — */
    case 0xFF08: t.kind = T_LPAREN; return t;  /* （ */
    case 0xFF09: t.kind = T_RPAREN; return t;  /* ） */
    case 0xFF05: t.kind = T_PERCENT; return t; /* ％ */
    case 0x3000: t.kind = T_SPACE; return t;   /* ideographic space */
    case 0x5143: t.kind = T_YUAN; return t;    /* 元 */
    case 0x4E07: t.kind = T_WAN; return t;     /* 万 */
    case 0x4EBF: t.kind = T_YI; return t;      /* 亿 */
    default: break;
    }
    if (cp >= 0x3400 && cp <= 0x9FFF) { t.kind = T_IDEO; return t; }
    t.n = 1;
    return t;
}

SCAN_INLINE size_t skip_spaces(const char *s, size_t len, size_t i)
{
    for (;;) {
        tok t = tok_at(s, len, i);
        if (t.kind != T_SPACE) return i;
        i += t.n;
    }
}

/* Length of the run of digits starting at i, in digits; *end gets its byte end. */
SCAN_INLINE size_t digit_run(const char *s, size_t len, size_t i, size_t *end)
{
    size_t n = 0;
    for (;;) {
        tok t = tok_at(s, len, i);
        if (t.kind != T_DIGIT) break;
        i += t.n;
        n++;
        jue_work_steps++;
    }
    *end = i;
    return n;
}

/* ---- the number grammar ------------------------------------------------ */

typedef enum { SUF_UNIT, SUF_PERCENT } suffix_kind;

typedef struct {
    size_t num_start, num_end;  /* bytes of the digits, separators and point */
    size_t int_digits, frac_digits;
    bool negative;
    jue_unit unit;              /* JUE_UNIT_NONE when none written */
    size_t end;                 /* bytes used, from the start of the input */
    bool ascii;                 /* [num_start, num_end) is ASCII digits, commas and a point */
} num_syntax;

/* Reads a unit (or %) after optional spaces at i. Returns the byte end, or 0
 * when there is none (a unit never starts at offset 0 here). */
/* Whether the three bytes at s[i] are the character c3 (i + 3 <= len). */
static inline bool char3_at(const char *s, size_t len, size_t i, const char *c3)
{
    return len - i >= 3 && s[i] == c3[0] && s[i + 1] == c3[1] && s[i + 2] == c3[2];
}

SCAN_INLINE size_t read_suffix(const char *s, size_t len, size_t i, suffix_kind kind, jue_unit *unit)
{
    /* 元, 万元, 亿元 right after the number, as most amounts print them: told
     * by their bytes (the lexer's answer: no space before, 元 after 万/亿) */
    if (kind == SUF_UNIT && char3_at(s, len, i, "元")) { *unit = JUE_UNIT_YUAN; return i + 3; }
    if (kind == SUF_UNIT && (char3_at(s, len, i, "万") || char3_at(s, len, i, "亿")) && char3_at(s, len, i + 3, "元")) {
        *unit = s[i + 1] == "万"[1] ? JUE_UNIT_WAN : JUE_UNIT_YI;
        return i + 6;
    }
    size_t p = skip_spaces(s, len, i);
    tok t = tok_at(s, len, p);
    if (kind == SUF_PERCENT) return t.kind == T_PERCENT ? p + t.n : 0;
    if (t.kind == T_YUAN) { *unit = JUE_UNIT_YUAN; return p + t.n; }
    if (t.kind != T_WAN && t.kind != T_YI) return 0;
    tok u = tok_at(s, len, p + t.n);
    *unit = t.kind == T_WAN ? JUE_UNIT_WAN : JUE_UNIT_YI;
    if (u.kind == T_YUAN) return p + t.n + u.n;
    /* bare 万/亿: only when no ideograph follows (see the file comment) */
    if (u.kind == T_IDEO || u.kind == T_WAN || u.kind == T_YI) return 0;
    return p + t.n;
}

/* Reads the longest number at s[i..]: sign, digits, unit or %. */
SCAN_INLINE jue_status scan_syntax(const char *s, size_t len, size_t i, suffix_kind kind, num_syntax *syn,
                                   const char **why)
{
    memset(syn, 0, sizeof *syn);
    bool paren = false;
    tok t = tok_at(s, len, i);
    if (t.kind == T_MINUS) { syn->negative = true; i += t.n; }
    else if (t.kind == T_LPAREN) { syn->negative = paren = true; i += t.n; }

    syn->num_start = i;
    size_t p;
    size_t first = digit_run(s, len, i, &p);
    syn->int_digits = first;
    /* Grouping only after a first group of 1–3 digits not starting with 0. */
    if (first >= 1 && first <= 3 && tok_at(s, len, i).digit != 0) {
        for (;;) {
            tok c = tok_at(s, len, p);
            if (c.kind != T_COMMA) break;
            size_t q;
            if (digit_run(s, len, p + c.n, &q) != 3) break;
            p = q;
            syn->int_digits += 3;
        }
    }
    tok pt = tok_at(s, len, p);
    if (pt.kind == T_POINT) {
        size_t q;
        size_t nf = digit_run(s, len, p + pt.n, &q);
        if (nf > 0) { syn->frac_digits = nf; p = q; }
    }
    if (syn->int_digits == 0 && syn->frac_digits == 0) {
        if (why) *why = "没有数字";
        return JUE_ERR_SYNTAX;
    }
    syn->num_end = p;

    jue_unit unit = JUE_UNIT_NONE;
    size_t e = read_suffix(s, len, p, kind, &unit);
    bool have_suffix = e != 0;
    if (have_suffix) { p = e; syn->unit = unit; }
    if (paren) {
        tok r = tok_at(s, len, p);
        if (r.kind != T_RPAREN) {
            if (why) *why = "缺少右括号";
            return JUE_ERR_SYNTAX;
        }
        p += r.n;
        if (!have_suffix) {
            e = read_suffix(s, len, p, kind, &unit);
            if (e) { p = e; have_suffix = true; syn->unit = unit; }
        }
    }
    if (kind == SUF_PERCENT && !have_suffix) {
        if (why) *why = "缺少%";
        return JUE_ERR_SYNTAX;
    }
    syn->end = p;
    return JUE_OK;
}

typedef struct {
    int64_t value;
    jue_interval iv;
} exact_num;

/* Converts the digits of syn to an integer count of 10^-scale units (scale =
 * 2 for 元 in 分, 6 for 万元, 10 for 亿元, 7 for % in ppb): digits above
 * that precision are accumulated with an overflow check before each step,
 * the rest only decide rounding and the outward interval. */
SCAN_INLINE jue_status convert(const char *s, const num_syntax *syn, int scale, exact_num *out, const char **why)
{
    size_t len = syn->num_end;
    int64_t w = 0;
    size_t fi = 0;              /* fraction digits seen */
    bool in_frac = false;
    int rfirst = 0;             /* first digit below the precision */
    bool rnonzero = false;
    for (size_t i = syn->num_start; i < len;) {
        int digit;
        if (syn->ascii) {   /* its bytes are digits, commas and a point: no lexer */
            char c = s[i++];
            if (c == '.') { in_frac = true; continue; }
            if (c == ',') continue;
            digit = c - '0';
        } else {
            tok t = tok_at(s, len, i);
            i += t.n;
            if (t.kind == T_POINT) { in_frac = true; continue; }
            if (t.kind != T_DIGIT) continue;
            digit = t.digit;
        }
        if (in_frac) {
            size_t k = fi++;
            if (k > (size_t)scale) { rnonzero |= digit != 0; continue; }
            if (k == (size_t)scale) { rfirst = digit; rnonzero |= digit != 0; continue; }
        }
        /* (the exact bound only near it: below the first, every digit fits) */
        if (w > (FEN_LIMIT - 9) / 10 && w > (FEN_LIMIT - digit) / 10) goto overflow;
        w = w * 10 + digit;
    }
    size_t d = syn->frac_digits;
    int64_t lo, hi, v;
    if (d < (size_t)scale) {
        /* w scaled by 10^k at once: it passes the bound FEN_LIMIT / 10 before
         * each of k steps exactly when it is above FEN_LIMIT / 10^k */
        static const int64_t P10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                       1000000000, 10000000000 };
        int k = scale - (int)d;   /* 1..10: scale is at most 10 */
        if (w > FEN_LIMIT / P10[k]) goto overflow;
        w *= P10[k];
        int64_t h = 5 * P10[k - 1];   /* half a unit of the last printed digit */
        v = w; lo = w - h; hi = w + h;
    } else if (d == (size_t)scale) {
        v = w; lo = w - 1; hi = w + 1;     /* ±0.5 rounded outward */
    } else {
        /* printed p = w + r with 0 <= r < 1; [p-ε, p+ε] with ε < 1/2 */
        v = w + (rfirst >= 5 ? 1 : 0);
        lo = rnonzero ? w : w - 1;
        hi = w + 1;
    }
    if (v > FEN_LIMIT) goto overflow;
    if (syn->negative) {
        out->value = -v;
        out->iv.lo = -hi;
        out->iv.hi = -lo;
    } else {
        out->value = v;
        out->iv.lo = lo;
        out->iv.hi = hi;
    }
    return JUE_OK;
overflow:
    if (why) *why = "数字太大";
    return JUE_ERR_OVERFLOW;
}

static int unit_scale(jue_unit u)
{
    switch (u) {
    case JUE_UNIT_WAN: return 6;
    case JUE_UNIT_YI: return 10;
    case JUE_UNIT_YUAN:
    case JUE_UNIT_NONE: break;
    }
    return 2;
}

static jue_unit clean_unit(jue_unit u)
{
    return (u == JUE_UNIT_YUAN || u == JUE_UNIT_WAN || u == JUE_UNIT_YI) ? u : JUE_UNIT_NONE;
}

/* After a number that must fill the input: only spaces may follow. */
static jue_status check_rest(const char *s, size_t len, size_t e, const char *what,
                             const char **why)
{
    e = skip_spaces(s, len, e);
    if (e == len) return JUE_OK;
    if (why) {
        tok t = tok_at(s, len, e);
        if (t.kind == T_COMMA) *why = "千分位逗号的位置不对";
        else if (t.kind == T_POINT) *why = "小数点的位置不对";
        else *why = what;
    }
    return JUE_ERR_SYNTAX;
}

/* The amount of a number read (syn), in its unit or default_unit. */
static jue_status amount_of(const char *s, const num_syntax *syn, jue_unit default_unit, jue_amount *out,
                            const char **why)
{
    jue_unit u = syn->unit != JUE_UNIT_NONE ? syn->unit : clean_unit(default_unit);
    exact_num x;
    jue_status st = convert(s, syn, unit_scale(u), &x, why);
    if (st != JUE_OK) return st;
    out->value = x.value;
    out->iv = x.iv;
    out->decimals = syn->frac_digits > 1000000000 ? 1000000000 : (int)syn->frac_digits;
    out->unit = u;
    out->unit_written = syn->unit != JUE_UNIT_NONE;
    out->blank = false;
    out->negative = syn->negative;
    out->consumed = syn->end;
    return JUE_OK;
}

/* Shared by parse (whole) and scan: reads an amount starting at i (after
 * spaces). Syntax is settled before the value, so a malformed cell is a
 * syntax error whatever the default unit. */
static jue_status amount_at(const char *s, size_t len, size_t i, jue_unit default_unit,
                            bool whole, jue_amount *out, const char **why)
{
    num_syntax syn;
    jue_status st = scan_syntax(s, len, i, SUF_UNIT, &syn, why);
    if (st != JUE_OK) return st;
    if (whole) {
        st = check_rest(s, len, syn.end, "数字后面有多余的文字", why);
        if (st != JUE_OK) return st;
        syn.end = len;
    }
    return amount_of(s, &syn, default_unit, out, why);
}

static bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

/* The figure most cells hold, told without the lexer: ASCII digits, maybe
 * after a '-', grouped by commas in threes after a first group of 1-3 not
 * starting with 0 or not grouped, maybe a point and digits, and nothing
 * else. Fills syn as scan_syntax does for it; false for anything else,
 * which the general path reads (or refuses) as before. */
static bool plain_figure(const char *s, size_t len, num_syntax *syn)
{
    memset(syn, 0, sizeof *syn);
    size_t i = 0;
    if (len && s[0] == '-') { syn->negative = true; i++; }
    syn->num_start = i;
    while (i < len && ascii_digit(s[i])) i++;
    syn->int_digits = i - syn->num_start;
    if (!syn->int_digits) return false;
    if (i < len && s[i] == ',') {
        if (syn->int_digits > 3 || s[syn->num_start] == '0') return false;
        for (; i < len && s[i] == ','; i += 4, syn->int_digits += 3)
            if (len - i < 4 || !ascii_digit(s[i + 1]) || !ascii_digit(s[i + 2]) || !ascii_digit(s[i + 3]) ||
                (len - i > 4 && ascii_digit(s[i + 4])))
                return false;
    }
    if (i < len && s[i] == '.') {
        size_t f = ++i;
        while (i < len && ascii_digit(s[i])) i++;
        syn->frac_digits = i - f;
        if (!syn->frac_digits) return false;
    }
    syn->num_end = syn->end = i;
    syn->ascii = true;
    return i == len;
}

static void amount_reset(jue_amount *out, jue_unit default_unit)
{
    memset(out, 0, sizeof *out);
    out->unit = clean_unit(default_unit);
}

/* Is s[i..len) a blank placeholder: -, －, −, — or ——, then only spaces? */
static bool is_placeholder(const char *s, size_t len, size_t i)
{
    tok t = tok_at(s, len, i);
    if (t.kind == T_MINUS) {
        i += t.n;
    } else if (t.kind == T_DASH) {
        i += t.n;
        tok u = tok_at(s, len, i);
        if (u.kind == T_DASH) i += u.n;
    } else {
        return false;
    }
    return skip_spaces(s, len, i) == len;
}

jue_status jue_amount_parse(const char *s, size_t len, jue_unit default_unit,
                            jue_amount *out, const char **why)
{
    jue_amount tmp;
    if (!out) out = &tmp;
    amount_reset(out, default_unit);
    if (!s) len = 0;
    num_syntax syn;
    if (plain_figure(s, len, &syn)) {
        jue_work_steps += syn.int_digits + syn.frac_digits;   /* as digit_run counts them */
        jue_status st = amount_of(s, &syn, default_unit, out, why);
        if (st != JUE_OK) amount_reset(out, default_unit);
        return st;
    }
    size_t i = skip_spaces(s, len, 0);
    if (i == len || is_placeholder(s, len, i)) {
        out->blank = true;
        out->consumed = len;
        return JUE_OK;
    }
    jue_status st = amount_at(s, len, i, default_unit, true, out, why);
    if (st != JUE_OK) amount_reset(out, default_unit);
    return st;
}

/* The ASCII digits from i on: their byte end (their count is end - i). */
static size_t ascii_run(const char *s, size_t len, size_t i)
{
    while (i < len && ascii_digit(s[i])) i++;
    return i;
}

/* The figure of prose most scans meet, told without the lexer: an ASCII
 * digit first, ASCII digits, commas and a point after it. Fills syn as
 * scan_syntax does up to the number's end (its unit is read after, as
 * there), with the steps digit_run would count. False where the general
 * grammar may read on otherwise: a byte EF after a run of digits (a
 * full-width digit, comma or point), which the general path reads. */
static bool plain_scan(const char *s, size_t len, num_syntax *syn, unsigned long long *steps)
{
    memset(syn, 0, sizeof *syn);
    size_t p = ascii_run(s, len, 0);
    if (p == 0 || (p < len && (unsigned char)s[p] == 0xEF)) return false;
    syn->int_digits = p;
    *steps = p;
    if (p <= 3 && s[0] != '0') {
        while (p < len && s[p] == ',') {
            size_t q = ascii_run(s, len, p + 1);
            if (q < len && (unsigned char)s[q] == 0xEF) return false;
            *steps += q - p - 1;   /* digit_run counts a group that fails too */
            if (q - p - 1 != 3) break;
            p = q;
            syn->int_digits += 3;
        }
    }
    if (p < len && s[p] == '.') {
        size_t q = ascii_run(s, len, p + 1);
        if (q < len && (unsigned char)s[q] == 0xEF) return false;
        *steps += q - p - 1;
        if (q > p + 1) { syn->frac_digits = q - p - 1; p = q; }
    }
    syn->num_end = p;
    syn->ascii = true;
    return true;
}

jue_status jue_amount_scan(const char *s, size_t len, jue_unit default_unit,
                           jue_amount *out, const char **why)
{
    jue_amount tmp;
    if (!out) out = &tmp;
    amount_reset(out, default_unit);
    if (!s) len = 0;
    num_syntax syn;
    unsigned long long steps;
    if (plain_scan(s, len, &syn, &steps)) {   /* its unit read as scan_syntax reads it */
        jue_work_steps += steps;
        jue_unit unit = JUE_UNIT_NONE;
        size_t e = read_suffix(s, len, syn.num_end, SUF_UNIT, &unit);
        syn.end = e ? e : syn.num_end;
        if (e) syn.unit = unit;
        jue_status st = amount_of(s, &syn, default_unit, out, why);
        if (st != JUE_OK) amount_reset(out, default_unit);
        return st;
    }
    size_t i = skip_spaces(s, len, 0);
    jue_status st = amount_at(s, len, i, default_unit, false, out, why);
    if (st != JUE_OK) amount_reset(out, default_unit);
    return st;
}

/* ---- formatting -------------------------------------------------------- */

/* Copies tmp into buf with truncation; always NUL-terminates when n > 0. */
static size_t emit(char *buf, size_t n, const char *tmp, size_t tlen)
{
    if (!buf || n == 0) return 0;
    size_t w = tlen < n - 1 ? tlen : n - 1;
    memcpy(buf, tmp, w);
    buf[w] = '\0';
    return w;
}

/* Writes "[-]int.frac" into tmp (>= 96 bytes): frac has fd digits, zero
 * padded, then `zeros` more zeros. Returns the length. */
static size_t fixed(char *tmp, bool neg, uint64_t ip, uint64_t frac, int fd, int zeros,
                    bool grouped, const char *suffix)
{
    char rev[32];
    size_t r = 0, k = 0;
    do {
        if (grouped && r > 0 && r % 3 == 0) rev[k++] = ',';
        rev[k++] = (char)('0' + ip % 10);
        ip /= 10;
        r++;
    } while (ip);
    size_t n = 0;
    if (neg) tmp[n++] = '-';
    while (k) tmp[n++] = rev[--k];
    if (fd > 0 || zeros > 0) tmp[n++] = '.';
    for (int j = fd - 1; j >= 0; j--) {
        uint64_t p = 1;
        for (int m = 0; m < j; m++) p *= 10;
        tmp[n++] = (char)('0' + (frac / p) % 10);
    }
    for (int j = 0; j < zeros; j++) tmp[n++] = '0';
    for (const char *p = suffix; *p; p++) tmp[n++] = *p;
    tmp[n] = '\0';
    return n;
}

static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

int jue_unit_places(jue_unit u)
{
    return u == JUE_UNIT_YUAN ? 2 : u == JUE_UNIT_YI ? 10 : 6;
}

size_t jue_fmt_wan(jue_fen v, bool grouped, char *buf, size_t n)
{
    uint64_t q = (magnitude(v) + 5000) / 10000;   /* 0.01 万元, half away from zero */
    char tmp[96];
    size_t len = fixed(tmp, v < 0 && q != 0, q / 100, q % 100, 2, 0, grouped, "");
    return emit(buf, n, tmp, len);
}

size_t jue_fmt_yuan(jue_fen v, bool grouped, char *buf, size_t n)
{
    uint64_t m = magnitude(v);
    char tmp[96];
    size_t len = fixed(tmp, v < 0, m / 100, m % 100, 2, 0, grouped, "");
    return emit(buf, n, tmp, len);
}

jue_fen jue_round_wan2(jue_fen v)
{
    uint64_t q = (magnitude(v) + 5000) / 10000 * 10000;
    /* Only |v| near INT64_MAX can round past it; truncate those instead. */
    if (q > (uint64_t)INT64_MAX) q -= 10000;
    return v < 0 ? -(int64_t)q : (int64_t)q;
}

int jue_parse_cn_numeral(const char *s)
{
    static const char D[][4] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    int v = 0, cur = -1;
    /* each a three-byte character compared byte by byte (a NUL in s differs
     * before the bytes after it are read), not by a call of strncmp each */
    while (*s) {
        if (s[0] == "十"[0] && s[1] == "十"[1] && s[2] == "十"[2]) {
            v += (cur < 0 ? 1 : cur) * 10;
            cur = -1;
            s += 3;
            continue;
        }
        int d = -1;
        for (int i = 0; i < 10 && d < 0; i++)
            if (s[0] == D[i][0] && s[1] == D[i][1] && s[2] == D[i][2]) d = i;
        if (d < 0 || cur >= 0) return -1;
        cur = d;
        s += 3;
    }
    if (cur >= 0) v += cur;
    return v > 0 && v < 100 ? v : -1;
}

void jue_fmt_cn_numeral(int n, char *buf, size_t size)
{
    static const char *const D[10] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    if (size == 0) return;
    buf[0] = '\0';
    if (n < 1 || n > 99) return;
    int tens = n / 10, ones = n % 10;
    snprintf(buf, size, "%s%s%s", tens > 1 ? D[tens] : "", tens > 0 ? "十" : "", D[ones]);
}

void jue_shares_ppb(const jue_fen *parts, size_t n, jue_fen whole, int64_t *out_ppb)
{
    const i128 unit = 100000;   /* 0.01% in ppb */
    if (whole <= 0) {
        for (size_t i = 0; i < n; i++) out_ppb[i] = 0;
        return;
    }
    i128 sum = 0;
    bool nonneg = true;
    for (size_t i = 0; i < n; i++) {
        if (parts[i] < 0) nonneg = false;
        sum += parts[i];
    }
    if (!nonneg || sum != whole) {
        for (size_t i = 0; i < n; i++) {
            i128 q = (i128)parts[i] * JUE_PPB_ONE * 2 / ((i128)whole * unit);
            out_ppb[i] = (int64_t)((q + (q >= 0 ? 1 : -1)) / 2 * unit);
        }
        return;
    }
    /* floors in hundredths of a percent; the remainder of part i is
     * parts[i]·10^9 − out[i]·whole, compared exactly in 128 bits */
    i128 given = 0;
    for (size_t i = 0; i < n; i++) {
        out_ppb[i] = (int64_t)((i128)parts[i] * JUE_PPB_ONE / ((i128)whole * unit) * unit);
        given += out_ppb[i];
    }
    for (; given < JUE_PPB_ONE; given += unit) {
        size_t best = n;
        i128 best_rem = 0;
        for (size_t i = 0; i < n; i++) {
            i128 rem = (i128)parts[i] * JUE_PPB_ONE - (i128)out_ppb[i] * whole;
            if (rem <= 0) continue;   /* exact, or already raised */
            if (best == n || rem > best_rem) best = i, best_rem = rem;
        }
        if (best == n) break;
        out_ppb[best] += (int64_t)unit;
    }
}

size_t jue_fmt_percent(int64_t ppb, int decimals, char *buf, size_t n)
{
    if (decimals < 0) decimals = 0;
    if (decimals > 30) decimals = 30;   /* beyond 7 the digits are zeros anyway */
    uint64_t m = magnitude(ppb);
    int fd = decimals < PCT_SCALE ? decimals : PCT_SCALE;
    uint64_t u = 1;   /* ppb per unit of the last digit kept */
    for (int j = fd; j < PCT_SCALE; j++) u *= 10;
    uint64_t q = (m + u / 2) / u;
    uint64_t p = 1;
    for (int j = 0; j < fd; j++) p *= 10;
    char tmp[96];
    size_t len = fixed(tmp, ppb < 0 && q != 0, q / p, q % p, fd, decimals - fd, false, "%");
    return emit(buf, n, tmp, len);
}

/* ---- intervals --------------------------------------------------------- */

jue_interval jue_iv_exact(jue_fen v)
{
    jue_interval r = {v, v};
    return r;
}

static int64_t sat_add(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) return b > 0 ? INT64_MAX : INT64_MIN;
    return r;
}

jue_interval jue_iv_printed(jue_fen value, int decimals, jue_unit unit)
{
    int scale = unit_scale(clean_unit(unit));
    if (decimals < 0) decimals = 0;
    int64_t h = 1;   /* half a unit of the last digit, rounded up to whole 分 */
    if (decimals < scale) {
        h = 5;
        for (int j = decimals + 1; j < scale; j++) h *= 10;
    }
    /* For decimals > scale the value was rounded from digits within ±0.5 分
     * of it, plus at most half a finer unit: ±1 分 covers both. */
    jue_interval r = {sat_add(value, -h), sat_add(value, h)};
    return r;
}

bool jue_iv_add(jue_interval a, jue_interval b, jue_interval *out)
{
    jue_interval r;
    if (__builtin_add_overflow(a.lo, b.lo, &r.lo)) return false;
    if (__builtin_add_overflow(a.hi, b.hi, &r.hi)) return false;
    *out = r;
    return true;
}

bool jue_iv_sub(jue_interval a, jue_interval b, jue_interval *out)
{
    jue_interval r;
    if (__builtin_sub_overflow(a.lo, b.hi, &r.lo)) return false;
    if (__builtin_sub_overflow(a.hi, b.lo, &r.hi)) return false;
    *out = r;
    return true;
}

jue_interval jue_iv_neg(jue_interval a)
{
    /* -INT64_MIN does not exist; saturate (far outside any real amount). */
    jue_interval r = {a.hi == INT64_MIN ? INT64_MAX : -a.hi,
                      a.lo == INT64_MIN ? INT64_MAX : -a.lo};
    return r;
}

bool jue_iv_overlaps(jue_interval a, jue_interval b)
{
    return a.lo <= b.hi && b.lo <= a.hi;
}

bool jue_iv_le_possible(jue_interval a, jue_interval b)
{
    return a.lo <= b.hi;
}

bool jue_iv_contains(jue_interval a, jue_fen v)
{
    return a.lo <= v && v <= a.hi;
}

jue_fen jue_iv_gap(jue_interval a, jue_interval b)
{
    if (jue_iv_overlaps(a, b)) return 0;
    int64_t g;
    bool ovf = a.hi < b.lo ? __builtin_sub_overflow(b.lo, a.hi, &g)
                           : __builtin_sub_overflow(a.lo, b.hi, &g);
    return ovf ? INT64_MAX : g;
}

static i128 div_floor(i128 a, i128 b)
{
    i128 q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) q--;
    return q;
}

static i128 div_ceil(i128 a, i128 b)
{
    i128 q = a / b;
    if (a % b != 0 && ((a < 0) == (b < 0))) q++;
    return q;
}

bool jue_iv_ratio(jue_interval num, jue_interval den, jue_interval *out_ppb)
{
    if (den.lo <= 0 && den.hi >= 0) return false;
    /* num/den is monotone in each argument when den keeps one sign, so the
     * bounds are among the four corners. |num|·10^9 < 2^93 fits in 128 bits. */
    const int64_t ns[2] = {num.lo, num.hi}, ds[2] = {den.lo, den.hi};
    i128 lo = 0, hi = 0;
    for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
            i128 x = (i128)ns[a] * JUE_PPB_ONE;
            i128 f = div_floor(x, ds[b]), c = div_ceil(x, ds[b]);
            if ((a == 0 && b == 0) || f < lo) lo = f;
            if ((a == 0 && b == 0) || c > hi) hi = c;
        }
    }
    if (lo < INT64_MIN || hi > INT64_MAX) return false;
    out_ppb->lo = (int64_t)lo;
    out_ppb->hi = (int64_t)hi;
    return true;
}

/* ---- percentages ------------------------------------------------------- */

jue_status jue_percent_parse(const char *s, size_t len, jue_fen *value_ppb,
                             jue_interval *iv_ppb, int *decimals, const char **why)
{
    if (!s) len = 0;
    size_t i = skip_spaces(s, len, 0);
    num_syntax syn;
    jue_status st = scan_syntax(s, len, i, SUF_PERCENT, &syn, why);
    if (st != JUE_OK) return st;
    st = check_rest(s, len, syn.end, "百分数后面有多余的文字", why);
    if (st != JUE_OK) return st;
    exact_num x;
    st = convert(s, &syn, PCT_SCALE, &x, why);
    if (st != JUE_OK) return st;
    if (value_ppb) *value_ppb = x.value;
    if (iv_ppb) *iv_ppb = x.iv;
    if (decimals) *decimals = syn.frac_digits > 1000000000 ? 1000000000 : (int)syn.frac_digits;
    return JUE_OK;
}
