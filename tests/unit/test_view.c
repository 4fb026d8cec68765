/* A finding shown where it is (view.h): a page of a Shanghai PDF rendered to
 * PNG with a box framed in the box colour; a figure found on its page (not
 * inside a longer number); the boxes of an audit's finding; unreadable
 * input and absurd scales bounded; a table with the finding's cell marked
 * and a note with its sentence and figure marked, every text escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <juesuan/auditor.h>
#include <juesuan/view.h>

#include <cairo.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *PLANTED;
static size_t PLANTED_LEN;

static const char *shared(const char *rel, char *buf, size_t n)
{
    const char *s = getenv("JUE_SHARED");
    snprintf(buf, n, "%s/%s", s ? s : "../shared", rel);
    return buf;
}

static int setup(void **state)
{
    (void)state;
    char p[512];
    return jue_read_file(shared("fixtures/real/shanghai-putuo-2024/finance-bureau-planted-errors.pdf", p, sizeof p),
                         &PLANTED, &PLANTED_LEN) == JUE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(PLANTED);
    return 0;
}

typedef struct {
    const jue_buf *b;
    size_t at;
} reader;

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int n)
{
    reader *r = closure;
    if (r->at + n > r->b->len) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->b->data + r->at, n);
    r->at += n;
    return CAIRO_STATUS_SUCCESS;
}

/* The pixel at (x, y) of the PNG as 0xRRGGBB. */
static unsigned pixel(cairo_surface_t *s, int x, int y)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    uint32_t v;
    memcpy(&v, d + (size_t)y * (size_t)cairo_image_surface_get_stride(s) + (size_t)x * 4, 4);
    return v & 0xffffff;
}

static void test_page_png(void **state)
{
    (void)state;
    jue_box box = { 100, 400, 200, 420 };   /* points, origin bottom left */
    jue_buf png;
    jue_buf_init(&png);
    jue_page_info info;
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(jue_page_png(PLANTED, PLANTED_LEN, 19, 2.0, &box, 1, &png, &info, &d), JUE_OK);
    assert_true(png.len > 1000);
    assert_memory_equal(png.data, "\x89PNG\r\n\x1a\n", 8);
    assert_true(info.pages >= 19);
    /* A4 at 2 pixels a point */
    assert_in_range(info.width, 1185, 1195);
    assert_in_range(info.height, 1680, 1690);
    reader r = { &png, 0 };
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &r);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), info.width);
    assert_int_equal(cairo_image_surface_get_height(s), info.height);
    /* the frame, just outside the box, is the box colour all round */
    int x0 = (int)(100 * info.scale), x1 = (int)(200 * info.scale);
    int yt = (int)((info.height / info.scale - 420) * info.scale), yb = (int)((info.height / info.scale - 400) * info.scale);
    int frame = (int)(1.5 * info.scale) + 1;   /* the padding, then the line */
    assert_int_equal(pixel(s, x0 - frame, (yt + yb) / 2), 0xd01010);
    assert_int_equal(pixel(s, x1 + frame, (yt + yb) / 2), 0xd01010);
    assert_int_equal(pixel(s, (x0 + x1) / 2, yt - frame), 0xd01010);
    assert_int_equal(pixel(s, (x0 + x1) / 2, yb + frame), 0xd01010);
    /* inside: the page under a pale wash of it (white paper turns pink) */
    unsigned in = pixel(s, x0 + 3, yt + 3);
    assert_true((in >> 16) > ((in >> 8) & 0xff));
    /* far from the box the paper is white */
    assert_int_equal(pixel(s, 3, 3), 0xffffff);
    cairo_surface_destroy(s);
    jue_buf_free(&png);
    jue_diags_free(&d);
}

static void test_page_png_bounded(void **state)
{
    (void)state;
    jue_buf png;
    jue_buf_init(&png);
    jue_page_info info;
    jue_diags d;
    jue_diags_init(&d);
    /* an absurd scale: the picture stays under the pixel limit */
    assert_int_equal(jue_page_png(PLANTED, PLANTED_LEN, 1, 1e9, NULL, 0, &png, &info, &d), JUE_OK);
    assert_true((size_t)info.width * (size_t)info.height <= JUE_PAGE_MAX_PIXELS);
    /* no such page; not a PDF; a PDF cut short */
    jue_buf_reset(&png);
    assert_int_equal(jue_page_png(PLANTED, PLANTED_LEN, 999, 1, NULL, 0, &png, &info, &d), JUE_ERR_INVALID);
    assert_int_equal(jue_page_png(PLANTED, PLANTED_LEN, 0, 1, NULL, 0, &png, &info, &d), JUE_ERR_INVALID);
    assert_int_equal(jue_page_png("hello world", 11, 1, 1, NULL, 0, &png, &info, &d), JUE_ERR_INVALID);
    assert_int_equal(jue_page_png(PLANTED, 200, 1, 1, NULL, 0, &png, &info, &d), JUE_ERR_INVALID);
    assert_int_equal(png.len, 0);
    assert_int_equal(d.errors, 4);
    assert_non_null(strstr(d.items[0].message, "没有第999页"));
    jue_buf_free(&png);
    jue_diags_free(&d);
}

static void test_page_find(void **state)
{
    (void)state;
    jue_box b[4];
    /* "占71.73%" on page 19 (claims.share) */
    size_t n = jue_page_find(PLANTED, PLANTED_LEN, 19, "71.73%", b, 4);
    assert_int_equal(n, 1);
    assert_true(b[0].x1 > b[0].x0 && b[0].y1 > b[0].y0);
    assert_true(b[0].y1 - b[0].y0 < 30);   /* one line */
    assert_true(b[0].x0 > 50 && b[0].x1 < 560 && b[0].y0 > 50 && b[0].y1 < 800);
    /* not inside a longer number */
    assert_int_equal(jue_page_find(PLANTED, PLANTED_LEN, 19, "1.73%", b, 4), 0);
    assert_int_equal(jue_page_find(PLANTED, PLANTED_LEN, 19, "71.7", b, 4), 0);
    /* not on another page; nothing to find */
    jue_box o[4];
    size_t m = jue_page_find(PLANTED, PLANTED_LEN, 18, "71.73%", o, 4);
    assert_int_equal(m, 0);
    assert_int_equal(jue_page_find(PLANTED, PLANTED_LEN, 19, "", b, 4), 0);
    assert_int_equal(jue_page_find("junk", 4, 1, "71.73%", b, 4), 0);
}

static jue_auditor *auditor(void)
{
    jue_auditor *a = NULL;
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(jue_auditor_new(NULL, NULL, &a, &d), JUE_OK);
    jue_diags_free(&d);
    return a;
}

/* The first finding of rule on path, audited (copied into *out). */
static bool audit_find(const jue_auditor *a, const char *path, const char *rule, jue_findings *f, size_t *at)
{
    jue_disclosure *dis = NULL;
    jue_diags d;
    jue_diags_init(&d);
    jue_findings_init(f);
    jue_status st = jue_audit_document(a, path, &dis, NULL, f, &d);
    jue_disclosure_free(dis);
    jue_diags_free(&d);
    if (st) return false;
    for (size_t i = 0; i < f->len; i++)
        if (!strcmp(f->items[i].rule, rule)) { *at = i; return true; }
    return false;
}

static void test_finding_boxes(void **state)
{
    (void)state;
    jue_auditor *a = auditor();
    char p[512];
    jue_findings f;
    size_t i;
    assert_true(audit_find(a, shared("fixtures/real/shanghai-putuo-2024/finance-bureau-planted-errors.pdf", p, sizeof p),
                           "claims.share", &f, &i));
    jue_box b[4];
    assert_int_equal(f.items[i].page, 19);
    assert_int_equal(jue_finding_boxes(PLANTED, PLANTED_LEN, &f.items[i], b, 4), 1);
    const char *dump = getenv("JUE_VIEW_DUMP");   /* to look at: the page with the figure boxed */
    if (dump) {
        jue_buf png;
        jue_buf_init(&png);
        jue_diags d;
        jue_diags_init(&d);
        assert_int_equal(jue_page_png(PLANTED, PLANTED_LEN, 19, 1.5, b, 1, &png, NULL, &d), JUE_OK);
        jue_diags_free(&d);
        FILE *w = fopen(dump, "wb");
        assert_non_null(w);
        fwrite(png.data, 1, png.len, w);
        fclose(w);
        jue_buf_free(&png);
    }
    /* a finding that has its own box keeps it */
    jue_finding x = f.items[i];
    x.box[0] = 10, x.box[1] = 20, x.box[2] = 30, x.box[3] = 40;
    assert_int_equal(jue_finding_boxes(PLANTED, PLANTED_LEN, &x, b, 4), 1);
    assert_true(b[0].x0 == 10 && b[0].y1 == 40);
    x.page = 0;   /* no page, no box */
    assert_int_equal(jue_finding_boxes(PLANTED, PLANTED_LEN, &x, b, 4), 0);
    jue_findings_free(&f);
    jue_auditor_free(a);
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p++) n++;
    return n;
}

static void test_table_view(void **state)
{
    (void)state;
    jue_auditor *a = auditor();
    char p[512];
    jue_findings f;
    size_t i;
    const char *path = shared("fixtures/real/zhenan-medical-security-2023.txt", p, sizeof p);
    assert_true(audit_find(a, path, "T06.hierarchy", &f, &i));
    assert_string_equal(f.items[i].row, "302");
    jue_buf out;
    jue_buf_init(&out);
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(jue_view_html(a, path, &f.items[i], &out, &d), JUE_OK);
    const char *h = jue_buf_str(&out);
    /* one cell marked: 302's figure, 6.27 as printed */
    assert_int_equal(count(h, "data-hit=\"1\""), 1);
    const char *hit = strstr(h, "data-hit=\"1\"");
    const char *td = hit;
    while (td > h && strncmp(td, "<td", 3)) td--;
    assert_non_null(strstr(td, "id=\"T06-302-"));
    assert_true(strstr(td, "id=\"T06-302-") < hit);
    const char *text = strchr(hit, '>') + 1;
    assert_memory_equal(text, "6.27</td>", 9);
    assert_non_null(strstr(h, "id=\"T06\">"));
    assert_null(strstr(h, "id=\"T05\""));   /* that table only */
    /* a finding about no place: nothing to show */
    jue_finding none = f.items[i];
    none.table = -1, none.line = 0;
    jue_buf_reset(&out);
    assert_int_equal(jue_view_html(a, path, &none, &out, &d), JUE_ERR_NOTFOUND);
    jue_buf_free(&out);
    jue_diags_free(&d);
    jue_findings_free(&f);
    jue_auditor_free(a);
}

/* A copy of the Liling text with markup typed into line 399 (the notes). */
static void hostile_copy(char *out, size_t n)
{
    char p[512], *data;
    size_t len;
    assert_int_equal(jue_read_file(shared("fixtures/real/liling-medical-security-2022.txt", p, sizeof p), &data, &len),
                     JUE_OK);
    snprintf(out, n, "/tmp/test_view_%d.txt", (int)getpid());
    FILE *w = fopen(out, "wb");
    assert_non_null(w);
    int line = 1;
    for (size_t k = 0; k < len; k++) {
        if (line == 399 && (k == 0 || data[k - 1] == '\n')) fputs("<script>alert(1)</script>&", w);
        fputc(data[k], w);
        if (data[k] == '\n') line++;
    }
    fclose(w);
    free(data);
}

static void test_note_view(void **state)
{
    (void)state;
    jue_auditor *a = auditor();
    char path[128];
    hostile_copy(path, sizeof path);
    jue_findings f;
    size_t i;
    assert_true(audit_find(a, path, "claims.fact", &f, &i));
    while (strcmp(f.items[i].actual, "51447.51万元")) i++;
    assert_int_equal(f.items[i].line, 399);
    jue_buf out;
    jue_buf_init(&out);
    jue_diags d;
    jue_diags_init(&d);
    assert_int_equal(jue_view_html(a, path, &f.items[i], &out, &d), JUE_OK);
    const char *h = jue_buf_str(&out);
    assert_non_null(strstr(h, "<mark class=\"figure\">51447.51万元</mark>"));
    /* the sentence: from after the last 。 before it to the next 。 */
    assert_non_null(strstr(h, "<mark class=\"sentence\">&lt;script&gt;alert(1)&lt;/script&gt;&amp;元，支出决算数为"));
    assert_null(strstr(h, "<script"));
    assert_int_equal(count(h, "<mark class=\"sentence\">"), 1);
    jue_buf_free(&out);
    jue_diags_free(&d);
    jue_findings_free(&f);
    jue_auditor_free(a);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_png),
        cmocka_unit_test(test_page_png_bounded),
        cmocka_unit_test(test_page_find),
        cmocka_unit_test(test_finding_boxes),
        cmocka_unit_test(test_table_view),
        cmocka_unit_test(test_note_view),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
