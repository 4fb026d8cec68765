/* Unit tests for juesuan/money.h: amount parsing and scanning, intervals,
 * ratios, percentages and formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <juesuan/common.h>
#include <juesuan/money.h>

#include "core/encoding.h"

/* ---- helpers ----------------------------------------------------------- */

static jue_amount parse_ok(const char *s, jue_unit def)
{
    jue_amount a;
    const char *why = NULL;
    jue_status st = jue_amount_parse(s, strlen(s), def, &a, &why);
    if (st != JUE_OK) print_error("parse of \"%s\" failed: %s\n", s, why ? why : "?");
    assert_int_equal(st, JUE_OK);
    assert_int_equal(a.consumed, strlen(s));
    assert_true(a.iv.lo <= a.value && a.value <= a.iv.hi);
    return a;
}

static void parse_fails(const char *s, jue_status want)
{
    jue_amount a;
    const char *why = NULL;
    jue_status st = jue_amount_parse(s, strlen(s), JUE_UNIT_WAN, &a, &why);
    if (st != want) print_error("parse of \"%s\" gave %d, wanted %d\n", s, (int)st, (int)want);
    assert_int_equal(st, want);
    assert_non_null(why);
}

static jue_amount scan_ok(const char *s, jue_unit def, size_t consumed)
{
    jue_amount a;
    const char *why = NULL;
    jue_status st = jue_amount_scan(s, strlen(s), def, &a, &why);
    if (st != JUE_OK) print_error("scan of \"%s\" failed: %s\n", s, why ? why : "?");
    assert_int_equal(st, JUE_OK);
    if (a.consumed != consumed)
        print_error("scan of \"%s\" consumed %zu, wanted %zu\n", s, a.consumed, consumed);
    assert_int_equal(a.consumed, consumed);
    return a;
}

static void assert_iv(jue_interval iv, int64_t lo, int64_t hi)
{
    assert_int_equal(iv.lo, lo);
    assert_int_equal(iv.hi, hi);
}

static jue_interval iv(int64_t lo, int64_t hi)
{
    jue_interval r = {lo, hi};
    return r;
}

/* ---- parsing: the documented forms ------------------------------------- */

static void test_parse_plain_grouped(void **state)
{
    (void)state;
    jue_amount a = parse_ok("51,318.21", JUE_UNIT_WAN);
    assert_int_equal(a.value, 51318210000LL);
    assert_iv(a.iv, 51318205000LL, 51318215000LL);
    assert_int_equal(a.decimals, 2);
    assert_int_equal(a.unit, JUE_UNIT_WAN);
    assert_false(a.unit_written);
    assert_false(a.blank);
    assert_false(a.negative);

    a = parse_ok("51318.21", JUE_UNIT_WAN);
    assert_int_equal(a.value, 51318210000LL);

    /* default unit 元 */
    a = parse_ok("51,318.21", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 5131821);
    assert_iv(a.iv, 5131820, 5131822);

    /* no unit at all counts as 元 */
    a = parse_ok("12.5", JUE_UNIT_NONE);
    assert_int_equal(a.value, 1250);
    assert_int_equal(a.unit, JUE_UNIT_NONE);
}

static void test_parse_units(void **state)
{
    (void)state;
    jue_amount a = parse_ok("51318.21万元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 51318210000LL);
    assert_int_equal(a.unit, JUE_UNIT_WAN);
    assert_true(a.unit_written);
    assert_iv(a.iv, 51318205000LL, 51318215000LL);

    a = parse_ok("48,210,336.52元", JUE_UNIT_WAN);
    assert_int_equal(a.value, 4821033652LL);
    assert_int_equal(a.unit, JUE_UNIT_YUAN);
    assert_iv(a.iv, 4821033651LL, 4821033653LL);   /* ±0.5 分, outward */

    a = parse_ok("4821.033652万元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 4821033652LL);
    assert_int_equal(a.decimals, 6);
    assert_iv(a.iv, 4821033651LL, 4821033653LL);

    a = parse_ok("1.2亿元", JUE_UNIT_WAN);
    assert_int_equal(a.value, 12000000000LL);
    assert_int_equal(a.unit, JUE_UNIT_YI);
    assert_iv(a.iv, 11500000000LL, 12500000000LL);

    a = parse_ok("51318.21万", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 51318210000LL);
    assert_int_equal(a.unit, JUE_UNIT_WAN);
    assert_true(a.unit_written);

    a = parse_ok("3亿", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 30000000000LL);
    assert_int_equal(a.unit, JUE_UNIT_YI);

    a = parse_ok("51,318.21 万元", JUE_UNIT_YUAN);   /* space before the unit */
    assert_int_equal(a.value, 51318210000LL);

    a = parse_ok("100", JUE_UNIT_WAN);              /* integer: ±0.5 万元 */
    assert_int_equal(a.value, 100000000LL);
    assert_int_equal(a.decimals, 0);
    assert_iv(a.iv, 99500000LL, 100500000LL);

    a = parse_ok("100元", JUE_UNIT_WAN);
    assert_iv(a.iv, 9950, 10050);
}

static void test_parse_fullwidth(void **state)
{
    (void)state;
    jue_amount a = parse_ok("５１，３１８．２１", JUE_UNIT_WAN);
    assert_int_equal(a.value, 51318210000LL);
    assert_iv(a.iv, 51318205000LL, 51318215000LL);
    assert_int_equal(a.decimals, 2);

    a = parse_ok("４８,２１０，３３６.５２元", JUE_UNIT_WAN);   /* mixed widths */
    assert_int_equal(a.value, 4821033652LL);

    a = parse_ok("－５．００", JUE_UNIT_WAN);
    assert_int_equal(a.value, -5000000);
    assert_true(a.negative);
    assert_iv(a.iv, -5005000, -4995000);

    a = parse_ok("（５．００）万元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, -5000000);
    assert_true(a.unit_written);
}

static void test_parse_negative_forms(void **state)
{
    (void)state;
    const char *forms[] = {"-5.00", "−5.00", "－5.00", "(5.00)", "（5.00）",
                           "(5.00)万元", "(5.00万元)", "-5.00万元", " （5.00） "};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        jue_amount a = parse_ok(forms[i], JUE_UNIT_WAN);
        assert_int_equal(a.value, -5000000);
        assert_true(a.negative);
        assert_iv(a.iv, -5005000, -4995000);
    }
    jue_amount z = parse_ok("-0.00", JUE_UNIT_WAN);
    assert_int_equal(z.value, 0);
    assert_true(z.negative);
    assert_iv(z.iv, -5000, 5000);
}

static void test_parse_spaces_and_blank(void **state)
{
    (void)state;
    jue_amount a = parse_ok("  51,318.21\t", JUE_UNIT_WAN);
    assert_int_equal(a.value, 51318210000LL);
    a = parse_ok("\xe3\x80\x80" "５．００" "\xe3\x80\x80", JUE_UNIT_WAN);  /* U+3000 */
    assert_int_equal(a.value, 5000000);
    a = parse_ok("\xc2\xa0" "7.5" "\xc2\xa0", JUE_UNIT_YUAN);            /* NBSP */
    assert_int_equal(a.value, 750);

    const char *blanks[] = {"", "   ", "\t", "\xe3\x80\x80", "-", "—", "－", "−",
                            "——", " - ", "\xe3\x80\x80—\xe3\x80\x80"};
    for (size_t i = 0; i < sizeof blanks / sizeof *blanks; i++) {
        jue_amount b = parse_ok(blanks[i], JUE_UNIT_WAN);
        assert_true(b.blank);
        assert_int_equal(b.value, 0);
        assert_iv(b.iv, 0, 0);
        assert_int_equal(b.decimals, 0);
        assert_false(b.negative);
        assert_int_equal(b.unit, JUE_UNIT_WAN);
    }
    /* NULL with length 0 is a blank too */
    jue_amount n;
    assert_int_equal(jue_amount_parse(NULL, 0, JUE_UNIT_WAN, &n, NULL), JUE_OK);
    assert_true(n.blank);
}

static void test_parse_leading_point(void **state)
{
    (void)state;
    jue_amount a = parse_ok(".5", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 50);
    assert_int_equal(a.decimals, 1);
    assert_iv(a.iv, 45, 55);
    a = parse_ok("-.5", JUE_UNIT_YUAN);
    assert_int_equal(a.value, -50);
    a = parse_ok("007", JUE_UNIT_YUAN);   /* leading zeros: plain digits */
    assert_int_equal(a.value, 700);
}

static void test_parse_garbage(void **state)
{
    (void)state;
    const char *bad[] = {
        "318.2007.45", "1,2,3", "12a", "1,23", ",123", "1..2", ".", "5.",
        "1234,567", "0,123", "1,234,56", "1,2345", "--5", "- 5", "(5.00", "5.00)",
        "((5))", "-(5)", "万元", "元", "5 5", "1.2万亿元", "12万人", "１２ａ",
        "5元元", "5万元万元", "%", "5%", "abc", "——5", "+5", "1,234.5.6",
        "5\xe3\x80\x82", /* 5。 */ "\xef\xbc\x8c" "123", /* ，123 */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) parse_fails(bad[i], JUE_ERR_SYNTAX);

    /* embedded NUL with an explicit length */
    jue_amount a;
    assert_int_equal(jue_amount_parse("5\0" "1", 3, JUE_UNIT_WAN, &a, NULL), JUE_ERR_SYNTAX);

    /* a malformed cell is a syntax error even where its digits would overflow */
    assert_int_equal(jue_amount_parse("900000000000，000元", strlen("900000000000，000元"),
                                      JUE_UNIT_YI, &a, NULL),
                     JUE_ERR_SYNTAX);
    assert_int_equal(jue_amount_parse("123456789012345678901234567890x", 31, JUE_UNIT_YUAN, &a,
                                      NULL),
                     JUE_ERR_SYNTAX);
    assert_int_equal(jue_percent_parse("123456789012345678901234567890x%", 32, NULL, NULL, NULL,
                                       NULL),
                     JUE_ERR_SYNTAX);

    /* the reason is specific enough to show a user */
    const char *why = NULL;
    assert_int_equal(jue_amount_parse("1,23", 4, JUE_UNIT_WAN, &a, &why), JUE_ERR_SYNTAX);
    assert_string_equal(why, "千分位逗号的位置不对");
    assert_int_equal(jue_amount_parse("318.2007.45", 11, JUE_UNIT_WAN, &a, &why), JUE_ERR_SYNTAX);
    assert_string_equal(why, "小数点的位置不对");
    assert_int_equal(jue_amount_parse("(5", 2, JUE_UNIT_WAN, &a, &why), JUE_ERR_SYNTAX);
    assert_string_equal(why, "缺少右括号");
    /* out is reset on failure */
    assert_int_equal(a.value, 0);
    assert_int_equal(a.consumed, 0);
}

static void test_parse_overflow(void **state)
{
    (void)state;
    parse_fails("123456789012345678901234567890", JUE_ERR_OVERFLOW);
    parse_fails("-123456789012345678901234567890", JUE_ERR_OVERFLOW);
    parse_fails("123,456,789,012,345,678,901,234,567,890.12", JUE_ERR_OVERFLOW);
    parse_fails("９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９", JUE_ERR_OVERFLOW);
    parse_fails("9000000000亿元", JUE_ERR_OVERFLOW);
    parse_fails("900000000000001元", JUE_ERR_OVERFLOW);
    parse_fails("90000000000.0001万元", JUE_ERR_OVERFLOW);
    /* rounding up past the limit */
    parse_fails("900000000000000.005元", JUE_ERR_OVERFLOW);
    jue_amount r = parse_ok("899999999999999.995元", JUE_UNIT_WAN);
    assert_int_equal(r.value, 90000000000000000LL);

    /* exactly at the limit: ±9×10^16 分 */
    jue_amount a = parse_ok("900000000000000元", JUE_UNIT_WAN);
    assert_int_equal(a.value, 90000000000000000LL);
    a = parse_ok("-90,000,000,000万元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, -90000000000000000LL);
    a = parse_ok("9000000亿元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 90000000000000000LL);

    /* many digits are fine when they are leading zeros or decimals */
    a = parse_ok("0000000000000000000000000000000000000012.5", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 1250);
    a = parse_ok("1.00000000000000000000000000000000000000000001", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 100);
    assert_int_equal(a.decimals, 44);
    assert_iv(a.iv, 100, 101);
}

static void test_parse_rounding(void **state)
{
    (void)state;
    /* beyond 1 分: value rounded half away from zero, interval exact then outward */
    jue_amount a = parse_ok("4821.0336525万元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 4821033653LL);
    assert_int_equal(a.decimals, 7);
    assert_iv(a.iv, 4821033652LL, 4821033653LL);   /* [..52.45, ..52.55] 分 */

    a = parse_ok("-4821.0336525万元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, -4821033653LL);
    assert_iv(a.iv, -4821033653LL, -4821033652LL);

    a = parse_ok("4821.0336524万元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 4821033652LL);
    a = parse_ok("-4821.0336524万元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, -4821033652LL);

    a = parse_ok("-0.0000005万元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, -1);
    assert_iv(a.iv, -1, 0);
    a = parse_ok("-0.0000004万元", JUE_UNIT_YUAN);
    assert_int_equal(a.value, 0);
    assert_true(a.negative);
    a = parse_ok("0.0000000万元", JUE_UNIT_YUAN);    /* ±0.05 分 → ±1 outward */
    assert_iv(a.iv, -1, 1);
    a = parse_ok("0.125元", JUE_UNIT_WAN);
    assert_int_equal(a.value, 13);
    a = parse_ok("-0.125元", JUE_UNIT_WAN);
    assert_int_equal(a.value, -13);
    a = parse_ok("2.5000元", JUE_UNIT_WAN);          /* zero tail: [249.995, 250.005] */
    assert_int_equal(a.value, 250);
    assert_iv(a.iv, 249, 251);
}

/* ---- scanning ---------------------------------------------------------- */

static void test_scan(void **state)
{
    (void)state;
    const char *s = "51,318.21万元，比上年增长2.72%";
    jue_amount a = scan_ok(s, JUE_UNIT_YUAN, strlen("51,318.21万元"));
    assert_int_equal(a.value, 51318210000LL);
    assert_true(a.unit_written);

    a = scan_ok("3,000，比上年", JUE_UNIT_WAN, 5);
    assert_int_equal(a.value, 3000000000LL);
    a = scan_ok("100万人次", JUE_UNIT_YUAN, 3);       /* 万人 is not money */
    assert_int_equal(a.value, 10000);
    assert_false(a.unit_written);
    a = scan_ok("100万，", JUE_UNIT_YUAN, strlen("100万"));
    assert_int_equal(a.value, 100000000LL);
    a = scan_ok("100万", JUE_UNIT_YUAN, strlen("100万"));
    assert_int_equal(a.unit, JUE_UNIT_WAN);
    a = scan_ok("1.2万亿元", JUE_UNIT_WAN, 3);
    assert_int_equal(a.value, 1200000);
    a = scan_ok("2020年", JUE_UNIT_YUAN, 4);
    a = scan_ok("12a", JUE_UNIT_YUAN, 2);
    a = scan_ok("1,2,3", JUE_UNIT_YUAN, 1);
    a = scan_ok("1,2345", JUE_UNIT_YUAN, 1);
    a = scan_ok("1,234,56", JUE_UNIT_YUAN, 5);
    a = scan_ok("318.2007.45", JUE_UNIT_YUAN, 8);
    assert_int_equal(a.value, 31820);
    a = scan_ok("5.", JUE_UNIT_YUAN, 1);
    a = scan_ok("0,123", JUE_UNIT_YUAN, 1);
    a = scan_ok("12，345个", JUE_UNIT_YUAN, strlen("12，345"));   /* a fitting comma groups */
    assert_int_equal(a.value, 1234500);
    a = scan_ok("-2020年", JUE_UNIT_YUAN, 5);
    assert_int_equal(a.value, -202000);
    a = scan_ok("  100 万元 多", JUE_UNIT_YUAN, strlen("  100 万元"));
    assert_int_equal(a.value, 100000000LL);
    a = scan_ok("100 多", JUE_UNIT_YUAN, 3);           /* trailing space not taken */
    a = scan_ok("（５．００）万元以上", JUE_UNIT_YUAN, strlen("（５．００）万元"));
    assert_int_equal(a.value, -5000000);
    a = scan_ok("48,210,336.52元。", JUE_UNIT_WAN, strlen("48,210,336.52元"));
    assert_int_equal(a.value, 4821033652LL);

    jue_amount b;
    const char *why = NULL;
    assert_int_equal(jue_amount_scan("——", strlen("——"), JUE_UNIT_WAN, &b, &why), JUE_ERR_SYNTAX);
    assert_int_equal(jue_amount_scan("", 0, JUE_UNIT_WAN, &b, &why), JUE_ERR_SYNTAX);
    assert_int_equal(jue_amount_scan("比上年", strlen("比上年"), JUE_UNIT_WAN, &b, &why),
                     JUE_ERR_SYNTAX);
    assert_int_equal(jue_amount_scan(",123", 4, JUE_UNIT_WAN, &b, &why), JUE_ERR_SYNTAX);
    assert_int_equal(jue_amount_scan(".", 1, JUE_UNIT_WAN, &b, &why), JUE_ERR_SYNTAX);
    assert_int_equal(jue_amount_scan("(5", 2, JUE_UNIT_WAN, &b, &why), JUE_ERR_SYNTAX);
    assert_int_equal(jue_amount_scan("123456789012345678901234567890元", 33, JUE_UNIT_WAN, &b, &why),
                     JUE_ERR_OVERFLOW);
    /* scanning never reads past len */
    a = scan_ok("12", JUE_UNIT_YUAN, 2);
    assert_int_equal(jue_amount_scan("1234", 2, JUE_UNIT_YUAN, &b, NULL), JUE_OK);
    assert_int_equal(b.value, 1200);
    assert_int_equal(b.consumed, 2);
    /* a unit cut by len is not a unit */
    assert_int_equal(jue_amount_scan("5万元", 3, JUE_UNIT_YUAN, &b, NULL), JUE_OK);
    assert_int_equal(b.consumed, 1);
    assert_int_equal(b.unit, JUE_UNIT_YUAN);
}

/* ---- checked arithmetic ------------------------------------------------ */

static void test_checked_arith(void **state)
{
    (void)state;
    jue_fen r = 42;
    assert_true(jue_fen_add(5, 7, &r));
    assert_int_equal(r, 12);
    assert_false(jue_fen_add(INT64_MAX, 1, &r));
    assert_int_equal(r, 12);
    assert_true(jue_fen_sub(5, 7, &r));
    assert_int_equal(r, -2);
    assert_false(jue_fen_sub(INT64_MIN, 1, &r));
    assert_int_equal(r, -2);
    assert_true(jue_fen_mul(-3, 1000000, &r));
    assert_int_equal(r, -3000000);
    assert_false(jue_fen_mul(INT64_MAX / 2 + 1, 2, &r));
    assert_false(jue_fen_mul(INT64_MIN, -1, &r));
    assert_int_equal(r, -3000000);
}

/* ---- formatting -------------------------------------------------------- */

static void test_fmt_wan(void **state)
{
    (void)state;
    char b[64];
    assert_int_equal(jue_fmt_wan(5131821000LL, true, b, sizeof b), 8);
    assert_string_equal(b, "5,131.82");
    jue_fmt_wan(5131821000LL, false, b, sizeof b);
    assert_string_equal(b, "5131.82");
    jue_fmt_wan(51318210000LL, true, b, sizeof b);
    assert_string_equal(b, "51,318.21");
    jue_fmt_wan(5131825000LL, true, b, sizeof b);     /* .825 → .83 */
    assert_string_equal(b, "5,131.83");
    jue_fmt_wan(-5131825000LL, true, b, sizeof b);    /* half away from zero */
    assert_string_equal(b, "-5,131.83");
    jue_fmt_wan(-5131824999LL, true, b, sizeof b);
    assert_string_equal(b, "-5,131.82");
    jue_fmt_wan(-5131815000LL, false, b, sizeof b);
    assert_string_equal(b, "-5131.82");
    jue_fmt_wan(0, true, b, sizeof b);
    assert_string_equal(b, "0.00");
    jue_fmt_wan(5000, true, b, sizeof b);
    assert_string_equal(b, "0.01");
    jue_fmt_wan(-5000, true, b, sizeof b);
    assert_string_equal(b, "-0.01");
    jue_fmt_wan(-4999, true, b, sizeof b);             /* rounds to zero: no sign */
    assert_string_equal(b, "0.00");
    jue_fmt_wan(999990000LL, true, b, sizeof b);
    assert_string_equal(b, "999.99");
    jue_fmt_wan(1000000000LL, true, b, sizeof b);
    assert_string_equal(b, "1,000.00");
    jue_fmt_wan(123456789012345678LL, true, b, sizeof b);
    assert_string_equal(b, "123,456,789,012.35");
    jue_fmt_wan(INT64_MIN, true, b, sizeof b);
    assert_string_equal(b, "-9,223,372,036,854.78");
    jue_fmt_wan(INT64_MAX, false, b, sizeof b);
    assert_string_equal(b, "9223372036854.78");

    /* truncation keeps the NUL */
    char small[4];
    assert_int_equal(jue_fmt_wan(5131821000LL, true, small, sizeof small), 3);
    assert_string_equal(small, "5,1");
    assert_int_equal(jue_fmt_wan(1, true, small, 0), 0);
}

static void test_fmt_yuan(void **state)
{
    (void)state;
    char b[64];
    assert_int_equal(jue_fmt_yuan(4821033652LL, true, b, sizeof b), 13);
    assert_string_equal(b, "48,210,336.52");
    jue_fmt_yuan(4821033652LL, false, b, sizeof b);
    assert_string_equal(b, "48210336.52");
    jue_fmt_yuan(-4821033652LL, true, b, sizeof b);
    assert_string_equal(b, "-48,210,336.52");
    jue_fmt_yuan(5, true, b, sizeof b);
    assert_string_equal(b, "0.05");
    jue_fmt_yuan(-5, true, b, sizeof b);
    assert_string_equal(b, "-0.05");
    jue_fmt_yuan(100000, true, b, sizeof b);
    assert_string_equal(b, "1,000.00");
    jue_fmt_yuan(INT64_MIN, true, b, sizeof b);
    assert_string_equal(b, "-92,233,720,368,547,758.08");
}

static void test_round_wan2(void **state)
{
    (void)state;
    assert_int_equal(jue_round_wan2(5131825000LL), 5131830000LL);
    assert_int_equal(jue_round_wan2(5131824999LL), 5131820000LL);
    assert_int_equal(jue_round_wan2(-5131825000LL), -5131830000LL);
    assert_int_equal(jue_round_wan2(-5131824999LL), -5131820000LL);
    assert_int_equal(jue_round_wan2(4999), 0);
    assert_int_equal(jue_round_wan2(-4999), 0);
    assert_int_equal(jue_round_wan2(5000), 10000);
    assert_int_equal(jue_round_wan2(-5000), -10000);
    assert_int_equal(jue_round_wan2(0), 0);
    /* no overflow at the ends of int64 */
    assert_true(jue_round_wan2(INT64_MAX) % 10000 == 0);
    assert_true(jue_round_wan2(INT64_MIN) % 10000 == 0);
    assert_true(jue_round_wan2(INT64_MIN) < 0);
}

static void test_fmt_roundtrip(void **state)
{
    (void)state;
    const int64_t vals[] = {0, 1, -1, 4999, 5000, -5000, 5131821000LL, -5131825000LL,
                            4821033652LL, 90000000000000000LL, -90000000000000000LL};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        char b[64];
        for (int g = 0; g < 2; g++) {
            jue_fmt_wan(vals[i], g, b, sizeof b);
            jue_amount a = parse_ok(b, JUE_UNIT_WAN);
            assert_int_equal(a.value, jue_round_wan2(vals[i]));
            jue_fmt_yuan(vals[i], g, b, sizeof b);
            a = parse_ok(b, JUE_UNIT_YUAN);
            assert_int_equal(a.value, vals[i]);
        }
    }
}

/* ---- intervals --------------------------------------------------------- */

static void test_iv_printed(void **state)
{
    (void)state;
    assert_iv(jue_iv_printed(51318210000LL, 2, JUE_UNIT_WAN), 51318205000LL, 51318215000LL);
    assert_iv(jue_iv_printed(100000000LL, 0, JUE_UNIT_WAN), 99500000LL, 100500000LL);
    assert_iv(jue_iv_printed(4821033652LL, 2, JUE_UNIT_YUAN), 4821033651LL, 4821033653LL);
    assert_iv(jue_iv_printed(4821033652LL, 6, JUE_UNIT_WAN), 4821033651LL, 4821033653LL);
    assert_iv(jue_iv_printed(4821033653LL, 7, JUE_UNIT_WAN), 4821033652LL, 4821033654LL);
    assert_iv(jue_iv_printed(12000000000LL, 1, JUE_UNIT_YI), 11500000000LL, 12500000000LL);
    assert_iv(jue_iv_printed(12000000000LL, 0, JUE_UNIT_YI), 7000000000LL, 17000000000LL);
    assert_iv(jue_iv_printed(10000, 0, JUE_UNIT_YUAN), 9950, 10050);
    assert_iv(jue_iv_printed(10000, 0, JUE_UNIT_NONE), 9950, 10050);
    assert_iv(jue_iv_printed(-5000000, 2, JUE_UNIT_WAN), -5005000, -4995000);
    assert_iv(jue_iv_printed(INT64_MAX, 0, JUE_UNIT_YI), INT64_MAX - 5000000000LL, INT64_MAX);
    assert_iv(jue_iv_exact(7), 7, 7);
}

static void test_iv_ops(void **state)
{
    (void)state;
    jue_interval r = iv(99, 99);
    assert_true(jue_iv_add(iv(1, 2), iv(10, 20), &r));
    assert_iv(r, 11, 22);
    assert_true(jue_iv_sub(iv(10, 20), iv(1, 2), &r));
    assert_iv(r, 8, 19);
    assert_false(jue_iv_add(iv(0, INT64_MAX), iv(0, 1), &r));
    assert_iv(r, 8, 19);   /* unchanged on failure */
    assert_false(jue_iv_add(iv(INT64_MIN, 0), iv(-1, 0), &r));
    assert_false(jue_iv_sub(iv(INT64_MIN, 0), iv(0, 1), &r));
    assert_false(jue_iv_sub(iv(0, INT64_MAX), iv(-1, 0), &r));
    assert_iv(jue_iv_neg(iv(-3, 5)), -5, 3);
    assert_iv(jue_iv_neg(iv(INT64_MIN, INT64_MIN)), INT64_MAX, INT64_MAX);

    assert_true(jue_iv_overlaps(iv(0, 10), iv(10, 20)));
    assert_true(jue_iv_overlaps(iv(5, 6), iv(0, 20)));
    assert_false(jue_iv_overlaps(iv(0, 9), iv(10, 20)));
    assert_false(jue_iv_overlaps(iv(21, 30), iv(10, 20)));

    assert_true(jue_iv_le_possible(iv(0, 100), iv(-5, 0)));
    assert_true(jue_iv_le_possible(iv(5, 100), iv(-5, 5)));
    assert_false(jue_iv_le_possible(iv(6, 100), iv(-5, 5)));

    assert_true(jue_iv_contains(iv(1, 3), 1));
    assert_true(jue_iv_contains(iv(1, 3), 3));
    assert_false(jue_iv_contains(iv(1, 3), 4));
    assert_false(jue_iv_contains(iv(1, 3), 0));

    assert_int_equal(jue_iv_gap(iv(0, 10), iv(5, 20)), 0);
    assert_int_equal(jue_iv_gap(iv(0, 10), iv(15, 20)), 5);
    assert_int_equal(jue_iv_gap(iv(15, 20), iv(0, 10)), 5);
    assert_int_equal(jue_iv_gap(iv(INT64_MIN, INT64_MIN), iv(INT64_MAX, INT64_MAX)), INT64_MAX);

    /* a sum of printed figures against a printed total */
    jue_amount a = parse_ok("51,318.21", JUE_UNIT_WAN);
    jue_amount b = parse_ok("48,210,336.52元", JUE_UNIT_WAN);
    jue_amount t = parse_ok("56,139.24", JUE_UNIT_WAN);
    assert_true(jue_iv_add(a.iv, b.iv, &r));
    assert_iv(r, 51318205000LL + 4821033651LL, 51318215000LL + 4821033653LL);
    assert_true(jue_iv_overlaps(r, t.iv));
    jue_amount t2 = parse_ok("56,139.30", JUE_UNIT_WAN);
    assert_false(jue_iv_overlaps(r, t2.iv));
    assert_int_equal(jue_iv_gap(r, t2.iv), 56139295000LL - (51318215000LL + 4821033653LL));
}

static void test_iv_ratio(void **state)
{
    (void)state;
    jue_interval r = iv(7, 7);
    assert_true(jue_iv_ratio(iv(1, 1), iv(3, 3), &r));
    assert_iv(r, 333333333, 333333334);
    assert_true(jue_iv_ratio(iv(-1, -1), iv(3, 3), &r));
    assert_iv(r, -333333334, -333333333);
    assert_true(jue_iv_ratio(iv(2, 2), iv(2, 2), &r));
    assert_iv(r, JUE_PPB_ONE, JUE_PPB_ONE);
    assert_true(jue_iv_ratio(iv(-10, 10), iv(2, 5), &r));
    assert_iv(r, -5000000000LL, 5000000000LL);
    /* negative denominator */
    assert_true(jue_iv_ratio(iv(1, 2), iv(-4, -2), &r));
    assert_iv(r, -1000000000LL, -250000000LL);
    assert_true(jue_iv_ratio(iv(-2, -1), iv(-4, -2), &r));
    assert_iv(r, 250000000LL, 1000000000LL);
    assert_true(jue_iv_ratio(iv(1, 1), iv(-3, -3), &r));
    assert_iv(r, -333333334, -333333333);
    /* denominator that may be zero */
    r = iv(7, 7);
    assert_false(jue_iv_ratio(iv(1, 1), iv(0, 5), &r));
    assert_false(jue_iv_ratio(iv(1, 1), iv(-5, 0), &r));
    assert_false(jue_iv_ratio(iv(1, 1), iv(-5, 5), &r));
    assert_false(jue_iv_ratio(iv(1, 1), iv(0, 0), &r));
    assert_iv(r, 7, 7);
    /* result beyond int64 */
    assert_false(jue_iv_ratio(iv(INT64_MAX, INT64_MAX), iv(1, 1), &r));
    assert_true(jue_iv_ratio(iv(INT64_MIN, INT64_MAX), iv(INT64_MAX, INT64_MAX), &r));
    assert_iv(r, -1000000001LL, 1000000000LL);

    /* the share of one printed figure in another: 2.72% as printed */
    jue_amount part = parse_ok("1,395.86", JUE_UNIT_WAN);
    jue_amount whole = parse_ok("51,318.21", JUE_UNIT_WAN);
    assert_true(jue_iv_ratio(part.iv, whole.iv, &r));
    jue_fen pct;
    jue_interval piv;
    assert_int_equal(jue_percent_parse("2.72%", 5, &pct, &piv, NULL, NULL), JUE_OK);
    assert_iv(r, 27199991, 27200192);   /* worked out with exact fractions */
    assert_true(jue_iv_overlaps(r, piv));
}

/* ---- percentages ------------------------------------------------------- */

static void pct_ok(const char *s, int64_t v, int64_t lo, int64_t hi, int dec)
{
    jue_fen pv = 0;
    jue_interval piv = {0, 0};
    int d = -1;
    const char *why = NULL;
    jue_status st = jue_percent_parse(s, strlen(s), &pv, &piv, &d, &why);
    if (st != JUE_OK) print_error("percent \"%s\": %s\n", s, why ? why : "?");
    assert_int_equal(st, JUE_OK);
    assert_int_equal(pv, v);
    assert_iv(piv, lo, hi);
    assert_int_equal(d, dec);
}

static void test_percent_parse(void **state)
{
    (void)state;
    pct_ok("2.72%", 27200000, 27150000, 27250000, 2);
    pct_ok("２．７２％", 27200000, 27150000, 27250000, 2);
    pct_ok("100%", 1000000000, 995000000, 1005000000, 0);
    pct_ok("-3.1%", -31000000, -31500000, -30500000, 1);
    pct_ok("−3.1％", -31000000, -31500000, -30500000, 1);
    pct_ok("（3.1）%", -31000000, -31500000, -30500000, 1);
    pct_ok("(3.1%)", -31000000, -31500000, -30500000, 1);
    pct_ok("0.5 %", 5000000, 4500000, 5500000, 1);
    pct_ok(" 2.72% ", 27200000, 27150000, 27250000, 2);
    pct_ok("1,234.5%", 12345000000LL, 12344500000LL, 12345500000LL, 1);
    pct_ok(".5%", 5000000, 4500000, 5500000, 1);
    pct_ok("0.0000001%", 1, 0, 2, 7);                 /* ±0.5 ppb outward */
    pct_ok("0.000000005%", 0, 0, 1, 9);               /* [0.045, 0.055] ppb */
    pct_ok("0.00000005%", 1, 0, 1, 8);                /* rounds half away */
    pct_ok("-0.00000005%", -1, -1, 0, 8);

    const char *bad[] = {"2.72", "%", "2.72%%", "abc%", "2..7%", "1,23%", "5.%",
                         "2.72%x", "%2.72", "", "  ", "-", "2.72万元"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *why = NULL;
        jue_fen v;
        assert_int_equal(jue_percent_parse(bad[i], strlen(bad[i]), &v, NULL, NULL, &why),
                         JUE_ERR_SYNTAX);
        assert_non_null(why);
    }
    assert_int_equal(jue_percent_parse("123456789012345678901234567890%", 31, NULL, NULL, NULL,
                                       NULL),
                     JUE_ERR_OVERFLOW);
    /* NULL outputs are allowed */
    assert_int_equal(jue_percent_parse("1%", 2, NULL, NULL, NULL, NULL), JUE_OK);
}

static void test_fmt_percent(void **state)
{
    (void)state;
    char b[64];
    assert_int_equal(jue_fmt_percent(27200000, 2, b, sizeof b), 5);
    assert_string_equal(b, "2.72%");
    jue_fmt_percent(-31000000, 1, b, sizeof b);
    assert_string_equal(b, "-3.1%");
    jue_fmt_percent(1000000000, 0, b, sizeof b);
    assert_string_equal(b, "100%");
    jue_fmt_percent(27250000, 2, b, sizeof b);
    assert_string_equal(b, "2.73%");
    jue_fmt_percent(-27250000, 2, b, sizeof b);
    assert_string_equal(b, "-2.73%");
    jue_fmt_percent(27249999, 2, b, sizeof b);
    assert_string_equal(b, "2.72%");
    jue_fmt_percent(0, 0, b, sizeof b);
    assert_string_equal(b, "0%");
    jue_fmt_percent(-1, 2, b, sizeof b);
    assert_string_equal(b, "0.00%");
    jue_fmt_percent(12345678, 9, b, sizeof b);
    assert_string_equal(b, "1.234567800%");
    jue_fmt_percent(12345678, 7, b, sizeof b);
    assert_string_equal(b, "1.2345678%");
    jue_fmt_percent(5000000, -3, b, sizeof b);   /* negative decimals: 0 */
    assert_string_equal(b, "1%");
    jue_fmt_percent(INT64_MIN, 2, b, sizeof b);
    assert_string_equal(b, "-922337203685.48%");

    /* round trip through the parser */
    const int64_t vals[] = {27200000, -31000000, 1, -1, 0, 999999999999LL};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        for (int d = 0; d <= 9; d++) {
            jue_fmt_percent(vals[i], d, b, sizeof b);
            jue_fen v;
            int dd;
            assert_int_equal(jue_percent_parse(b, strlen(b), &v, NULL, &dd, NULL), JUE_OK);
            assert_int_equal(dd, d);
            char c[64];
            jue_fmt_percent(v, d, c, sizeof c);
            assert_string_equal(b, c);
        }
    }
}

/* Shares of one whole: add to exactly 100.00% by largest remainder, for
 * the cases where rounding each alone would not (33.33 × 3 = 99.99). */
static void test_shares(void **state)
{
    (void)state;
    const int64_t u = 100000;   /* 0.01% */
    int64_t out[4];
    jue_fen thirds[3] = { 100, 100, 100 };
    jue_shares_ppb(thirds, 3, 300, out);
    assert_int_equal(out[0], 3334 * u);   /* the first on ties takes the missing hundredth */
    assert_int_equal(out[1], 3333 * u);
    assert_int_equal(out[2], 3333 * u);
    /* 1/6 = 16.666…, 5/6 = 83.333…: the larger remainder (16.67) is raised */
    jue_fen sixths[2] = { 1, 5 };
    jue_shares_ppb(sixths, 2, 6, out);
    assert_int_equal(out[0], 1667 * u);
    assert_int_equal(out[1], 8333 * u);
    /* exact shares are not touched */
    jue_fen halves[2] = { 5, 5 };
    jue_shares_ppb(halves, 2, 10, out);
    assert_int_equal(out[0], 5000 * u);
    assert_int_equal(out[1], 5000 * u);
    /* parts that do not add to the whole: each rounded half up alone */
    jue_fen part[1] = { 1 };
    jue_shares_ppb(part, 1, 3, out);
    assert_int_equal(out[0], 3333 * u);
    jue_fen twothirds[1] = { 2 };
    jue_shares_ppb(twothirds, 1, 3, out);
    assert_int_equal(out[0], 6667 * u);
    /* huge amounts do not overflow; zero whole gives zeros */
    jue_fen big[2] = { INT64_MAX / 2, INT64_MAX / 2 };
    jue_shares_ppb(big, 2, big[0] + big[1], out);
    assert_int_equal(out[0] + out[1], JUE_PPB_ONE);
    jue_shares_ppb(halves, 2, 0, out);
    assert_int_equal(out[0], 0);
    /* many small parts still add to 100.00% */
    jue_fen seven[4] = { 1, 1, 1, 4 };
    jue_shares_ppb(seven, 4, 7, out);
    assert_int_equal(out[0] + out[1] + out[2] + out[3], JUE_PPB_ONE);
}

/* Chinese numerals both ways: every number 1–99 formats and parses back;
 * what is not a numeral is −1. */
/* Code points are counted by lead bytes (columns of diagnostics); a text is
 * UTF-8 only when every sequence is (no overlong form, no surrogate, no
 * sequence cut short), NUL allowed. */
static void test_utf8_helpers(void **state)
{
    (void)state;
    const char *s = "a公开01表";
    assert_int_equal(jue_utf8_count(s, strlen(s)), 6);
    assert_int_equal(jue_utf8_count(s, 4), 2);   /* "a" and 公 */
    assert_true(jue_utf8_valid(s, strlen(s)));
    assert_true(jue_utf8_valid("a\0b", 3));
    assert_false(jue_utf8_valid("\xC0\x80", 2));        /* overlong NUL */
    assert_false(jue_utf8_valid("\xED\xA0\x80", 3));    /* a surrogate */
    assert_false(jue_utf8_valid(s, 3));                   /* 公 cut short */
}

/* Every three-byte lead and every pair after it, against the definition:
 * three bytes are one character when both followers are 10xxxxxx and the
 * code point is U+0800..U+FFFF outside the surrogates. */
static void test_utf8_three_bytes(void **state)
{
    (void)state;
    for (unsigned c = 0xE0; c <= 0xEF; c++)
        for (unsigned a = 0; a < 256; a++)
            for (unsigned b = 0; b < 256; b++) {
                unsigned char u[3] = { (unsigned char)c, (unsigned char)a, (unsigned char)b };
                unsigned cp = ((c & 0x0Fu) << 12) | ((a & 0x3Fu) << 6) | (b & 0x3Fu);
                bool ok = (a & 0xC0) == 0x80 && (b & 0xC0) == 0x80 && cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
                assert_int_equal(jue_utf8_seq(u, 3), ok ? 3 : 0);
                assert_int_equal(jue_utf8_seq(u, 2), 0);
            }
}

/* Checked a word at a time (jue_utf8_first_bad, NUL passed over): every
 * length and offset of a made-up text with every kind of byte, against
 * checking sequence by sequence (jue_utf8_seq). */
static void test_utf8_valid_words(void **state)
{
    (void)state;
    unsigned char t[200];
    for (size_t i = 0; i < sizeof t; i++) t[i] = (unsigned char)(i * 37 + i / 7);
    memcpy(t + 20, "公开01表\xE3\x80\x80" "a\0b一般公共预算财政拨款支出", 50);
    memcpy(t + 120, "\xF0\x9F\x98\x80\xC3\xA9\xED\xA0\x80\xE0\x80\x80", 12);
    for (size_t from = 0; from < 70; from++)
        for (size_t n = 0; from + n <= sizeof t; n++) {
            bool want = true;
            for (size_t i = 0, k; i < n && want; i += k) want = (k = jue_utf8_seq(t + from + i, n - i)) != 0;
            assert_int_equal(jue_utf8_valid((const char *)t + from, n), want);
        }
}

/* Counted eight bytes at a time: every length and offset of a made-up text
 * with every kind of byte, against counting the bytes that do not continue
 * a sequence one by one. */
static void test_utf8_count_words(void **state)
{
    (void)state;
    unsigned char t[300];
    for (size_t i = 0; i < sizeof t; i++) t[i] = (unsigned char)(i * 37 + i / 7);
    memcpy(t + 40, "公开01表\xE3\x80\x80", 14);
    for (size_t from = 0; from < 9; from++)
        for (size_t n = 0; from + n <= sizeof t; n++) {
            size_t k = 0;
            for (size_t i = from; i < from + n; i++) k += (t[i] & 0xC0) != 0x80;
            assert_int_equal(jue_utf8_count((const char *)t + from, n), k);
        }
}

/* Pieces put one after another give what snprintf gives with the same
 * pieces, cut at the same byte, at every size of the buffer. */
static void test_str_put(void **state)
{
    (void)state;
    const char *a = "一般公共服务支出", *b = "|", *c = "abc";
    for (size_t size = 1; size <= 40; size++) {
        char want[40], got[40];
        snprintf(want, size, "%s%s%.*s", a, b, 2, c);
        char *w = jue_str_put(got, got + size, a, SIZE_MAX);
        w = jue_str_put(w, got + size, b, SIZE_MAX);
        w = jue_str_put(w, got + size, c, 2);
        assert_string_equal(got, want);
        assert_int_equal((size_t)(w - got), strlen(want));
    }
}

/* Room reserved is what as many bytes appended would take: the same cap
 * refuses it (and the error sticks), the text and its length stay, and
 * appending into the room then needs nothing more. */
static void test_buf_reserve(void **state)
{
    (void)state;
    for (size_t extra = 0; extra <= 40; extra++) {
        jue_buf r, a;
        jue_buf_init(&r);
        jue_buf_init(&a);
        r.max = a.max = 30;
        jue_buf_puts(&r, "万元");
        jue_buf_puts(&a, "万元");
        bool ok = jue_buf_reserve(&r, extra);
        for (size_t i = 0; i < extra; i++) jue_buf_putc(&a, 'x');
        assert_int_equal(ok, a.err == JUE_OK);
        assert_int_equal(r.err, a.err);
        assert_int_equal(r.len, 6);
        assert_string_equal(jue_buf_str(&r), "万元");
        if (ok) assert_true(r.cap >= r.len + extra + 1);
        jue_buf_free(&r);
        jue_buf_free(&a);
    }
}

/* The severity names a rule pack or a checks file may give read back as
 * jue_severity_str prints them; anything else (off, capitals) is refused. */
static void test_severity_parse(void **state)
{
    (void)state;
    for (int k = JUE_SEV_ERROR; k <= JUE_SEV_INFO; k++) {
        jue_severity s = JUE_SEV_INFO;
        assert_true(jue_severity_parse(jue_severity_str((jue_severity)k), &s));
        assert_int_equal(s, k);
    }
    jue_severity s = JUE_SEV_WARNING;
    assert_false(jue_severity_parse("off", &s));
    assert_false(jue_severity_parse("Error", &s));
    assert_false(jue_severity_parse("", &s));
    assert_int_equal(s, JUE_SEV_WARNING);
}

static void test_cn_numerals(void **state)
{
    (void)state;
    char b[16];
    for (int n = 1; n <= 99; n++) {
        jue_fmt_cn_numeral(n, b, sizeof b);
        assert_int_equal(jue_parse_cn_numeral(b), n);
    }
    jue_fmt_cn_numeral(26, b, sizeof b);
    assert_string_equal(b, "二十六");
    jue_fmt_cn_numeral(0, b, sizeof b);
    assert_string_equal(b, "");
    assert_int_equal(jue_parse_cn_numeral("十"), 10);
    assert_int_equal(jue_parse_cn_numeral("一二"), -1);
    assert_int_equal(jue_parse_cn_numeral("三、"), -1);
    assert_int_equal(jue_parse_cn_numeral(""), -1);
    assert_int_equal(jue_parse_cn_numeral("〇"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_plain_grouped),
        cmocka_unit_test(test_parse_units),
        cmocka_unit_test(test_parse_fullwidth),
        cmocka_unit_test(test_parse_negative_forms),
        cmocka_unit_test(test_parse_spaces_and_blank),
        cmocka_unit_test(test_parse_leading_point),
        cmocka_unit_test(test_parse_garbage),
        cmocka_unit_test(test_parse_overflow),
        cmocka_unit_test(test_parse_rounding),
        cmocka_unit_test(test_scan),
        cmocka_unit_test(test_checked_arith),
        cmocka_unit_test(test_fmt_wan),
        cmocka_unit_test(test_fmt_yuan),
        cmocka_unit_test(test_round_wan2),
        cmocka_unit_test(test_fmt_roundtrip),
        cmocka_unit_test(test_iv_printed),
        cmocka_unit_test(test_iv_ops),
        cmocka_unit_test(test_iv_ratio),
        cmocka_unit_test(test_percent_parse),
        cmocka_unit_test(test_fmt_percent),
        cmocka_unit_test(test_shares),
        cmocka_unit_test(test_cn_numerals),
        cmocka_unit_test(test_severity_parse),
        cmocka_unit_test(test_utf8_helpers),
        cmocka_unit_test(test_utf8_three_bytes),
        cmocka_unit_test(test_utf8_count_words),
        cmocka_unit_test(test_utf8_valid_words),
        cmocka_unit_test(test_str_put),
        cmocka_unit_test(test_buf_reserve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
