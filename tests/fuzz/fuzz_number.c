/* Fuzz target for the number readers of juesuan/money.h: amounts (whole cell
 * and sentence scan) and percentages. Besides "no crash, no UB", it checks
 * the invariants the rest of the toolkit relies on: the value lies in its
 * interval, a scanned prefix parses alone to the same amount, and what the
 * formatters print reads back to the same value.
 *
 * Checks call abort() rather than assert(): release builds define NDEBUG and
 * the replay test must still fail. Builds with libFuzzer or with replay.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <juesuan/money.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "fuzz_number: check failed at line %d: %s\n", __LINE__, \
                    #cond);                                                         \
            abort();                                                                \
        }                                                                           \
    } while (0)

#define LIMIT 90000000000000000LL

static bool iv_within(jue_interval inner, jue_interval outer)
{
    return outer.lo <= inner.lo && inner.hi <= outer.hi;
}

static void check_amount_common(const jue_amount *a)
{
    CHECK(a->iv.lo <= a->value && a->value <= a->iv.hi);
    CHECK(a->value >= -LIMIT && a->value <= LIMIT);
    CHECK(a->decimals >= 0);
    if (a->blank) {
        CHECK(a->value == 0 && a->iv.lo == 0 && a->iv.hi == 0 && !a->negative);
        return;
    }
    /* The exact interval is never wider than the generic one for the value. */
    CHECK(iv_within(a->iv, jue_iv_printed(a->value, a->decimals, a->unit)));
    CHECK(a->negative ? a->iv.lo <= 0 : a->iv.hi >= 0);
}

/* Formatting then reading back gives the value to 0.01 万元 / exactly in 元. */
static void check_roundtrip(jue_fen v)
{
    char buf[64];
    for (int g = 0; g < 2; g++) {
        jue_amount b;
        size_t n = jue_fmt_wan(v, g, buf, sizeof buf);
        CHECK(n == strlen(buf));
        CHECK(jue_amount_parse(buf, n, JUE_UNIT_WAN, &b, NULL) == JUE_OK);
        CHECK(b.value == jue_round_wan2(v));
        CHECK(b.decimals == 2);
        n = jue_fmt_yuan(v, g, buf, sizeof buf);
        CHECK(jue_amount_parse(buf, n, JUE_UNIT_YUAN, &b, NULL) == JUE_OK);
        CHECK(b.value == v);
    }
}

static void check_interval_ops(jue_interval iv)
{
    jue_interval d;
    CHECK(jue_iv_sub(iv, iv, &d));
    CHECK(jue_iv_contains(d, 0));
    CHECK(jue_iv_overlaps(iv, iv) && jue_iv_gap(iv, iv) == 0);
    CHECK(jue_iv_le_possible(iv, iv));
    jue_interval r;
    if (iv.lo > 0 || iv.hi < 0) {
        CHECK(jue_iv_ratio(iv, iv, &r));
        CHECK(r.lo <= r.hi && jue_iv_contains(r, JUE_PPB_ONE));
    } else {
        CHECK(!jue_iv_ratio(iv, iv, &r));
    }
}

static void fuzz_amount(const char *s, size_t size)
{
    static const jue_unit units[] = {JUE_UNIT_NONE, JUE_UNIT_YUAN, JUE_UNIT_WAN, JUE_UNIT_YI};
    jue_amount p[4];
    jue_status pst[4];
    for (int u = 0; u < 4; u++) {
        const char *why = NULL;
        pst[u] = jue_amount_parse(s, size, units[u], &p[u], &why);
        if (pst[u] != JUE_OK) {
            CHECK(why != NULL);
            CHECK(pst[u] == JUE_ERR_SYNTAX || pst[u] == JUE_ERR_OVERFLOW);
            continue;
        }
        check_amount_common(&p[u]);
        CHECK(p[u].consumed == size);
        if (!p[u].unit_written) CHECK(p[u].unit == units[u]);
    }
    /* Syntax does not depend on the default unit; a written unit fixes the value. */
    for (int u = 1; u < 4; u++) {
        if (pst[0] == JUE_ERR_SYNTAX || pst[u] == JUE_ERR_SYNTAX) CHECK(pst[0] == pst[u]);
        if (pst[0] == JUE_OK && pst[u] == JUE_OK && p[0].unit_written) {
            CHECK(p[u].value == p[0].value && p[u].iv.lo == p[0].iv.lo &&
                  p[u].iv.hi == p[0].iv.hi);
        }
    }

    jue_amount sc;
    const char *why = NULL;
    jue_status sst = jue_amount_scan(s, size, JUE_UNIT_WAN, &sc, &why);
    if (sst == JUE_OK) {
        check_amount_common(&sc);
        CHECK(!sc.blank);
        CHECK(sc.consumed > 0 && sc.consumed <= size);
        /* The scanned prefix is a whole amount by itself, with the same reading. */
        jue_amount again;
        CHECK(jue_amount_parse(s, sc.consumed, JUE_UNIT_WAN, &again, NULL) == JUE_OK);
        CHECK(!again.blank && again.value == sc.value && again.iv.lo == sc.iv.lo &&
              again.iv.hi == sc.iv.hi && again.decimals == sc.decimals &&
              again.unit == sc.unit && again.negative == sc.negative);
        check_roundtrip(sc.value);
        check_interval_ops(sc.iv);
    } else {
        CHECK(why != NULL && sc.consumed == 0);
    }
    /* A whole amount (not blank) is also found by the scan. */
    if (pst[2] == JUE_OK && !p[2].blank) {
        CHECK(sst == JUE_OK && sc.value == p[2].value);
    }
}

static void fuzz_percent(const char *s, size_t size)
{
    jue_fen v = 0;
    jue_interval iv = {0, 0};
    int d = -1;
    const char *why = NULL;
    jue_status st = jue_percent_parse(s, size, &v, &iv, &d, &why);
    if (st != JUE_OK) {
        CHECK(why != NULL);
        return;
    }
    CHECK(iv.lo <= v && v <= iv.hi);
    CHECK(d >= 0);
    if (d <= 30) {
        /* printing with the same decimals reads back to the same value */
        char buf[128];
        size_t n = jue_fmt_percent(v, d, buf, sizeof buf);
        CHECK(n == strlen(buf));
        jue_fen v2;
        int d2;
        CHECK(jue_percent_parse(buf, n, &v2, NULL, &d2, NULL) == JUE_OK);
        CHECK(v2 == v && d2 == d);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) return 0;
    if (size) memcpy(s, data, size);
    s[size] = '\0';
    fuzz_amount(s, size);
    fuzz_percent(s, size);
    /* also as a C string, which stops at an embedded NUL */
    size_t n = strlen(s);
    if (n != size) {
        fuzz_amount(s, n);
        fuzz_percent(s, n);
    }
    free(s);
    return 0;
}
