/* make eval: the error-injection generator.
 *
 * Builds a correct disclosure (a ledger source compiled with a profile), then
 * for every kind of slip that real documents show, and several seeded
 * instances of each, makes a copy of the document with exactly one slip and
 * writes it in every door's format (HTML, PDF, Word, and the tables as XLSX).
 * eval/run.py turns the PDFs into the text layouts, audits everything and
 * prints the recall per kind × layout.
 *
 * Slips in the notes are placed only on figures that the audit ties to a
 * table figure or an arithmetic relation in the correct document (its
 * --trace says 一致): a slip in a figure nothing can be compared with is not
 * detectable by any reader, and counting it would measure the document, not
 * the audit. Slips in tables are placed on cells that take part in a total.
 *
 * usage: eval_inject SOURCE_DIR OUT_DIR [--profile NAME] [--seed N] [--per-kind N] [--html-only]
 * Writes OUT_DIR/base.{html,pdf,docx,xlsx}, OUT_DIR/<kind>-<i>.{…} and
 * OUT_DIR/manifest.tsv (id, kind, where the slip is, what it changed). */
#include <juesuan/claims_audit.h>
#include <juesuan/compile.h>
#include <juesuan/document.h>
#include <juesuan/import.h>
#include <juesuan/money.h>
#include <juesuan/render.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- a seeded generator (splitmix64), so anyone can rerun a case ---- */

static uint64_t rng_state;
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static size_t rng_below(size_t n) { return n ? (size_t)(rng_next() % n) : 0; }

/* ---- the figures of the correct notes that the audit checks ---- */

typedef struct {
    char printed[64];   /* as printed: "23865.52万元", "6.84%", "2024年度" */
    char role[32];      /* 金额, 占比, 增减额, 增减率, 日期 */
    char check[256];    /* what the audit compares it with: "一致 与增减率6.84%互相核对" */
} target;

typedef struct {
    target *v;
    size_t n, cap;
} targets;

static void targets_add(targets *t, const char *printed, size_t plen, const char *role, size_t rlen,
                        const char *check, size_t clen)
{
    if (plen >= sizeof t->v[0].printed || rlen >= sizeof t->v[0].role) return;
    if (clen >= sizeof t->v[0].check) clen = sizeof t->v[0].check - 1;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->v = realloc(t->v, t->cap * sizeof *t->v);
        if (!t->v) exit(2);
    }
    memcpy(t->v[t->n].printed, printed, plen);
    t->v[t->n].printed[plen] = 0;
    memcpy(t->v[t->n].role, role, rlen);
    t->v[t->n].role[rlen] = 0;
    memcpy(t->v[t->n].check, check, clen);
    t->v[t->n].check[clen] = 0;
    t->n++;
}

/* Reads the trace lines "place\tprinted\trole\tsubject\tcheck" and keeps the
 * figures whose check begins with 一致. */
static void targets_from_trace(targets *t, const char *trace)
{
    for (const char *line = trace; *line;) {
        const char *end = strchr(line, '\n');
        if (!end) end = line + strlen(line);
        const char *f[5];
        size_t len[5];
        const char *p = line;
        int k = 0;
        for (; k < 5 && p <= end; k++) {
            const char *tab = memchr(p, '\t', (size_t)(end - p));
            const char *stop = (tab && k < 4) ? tab : end;
            f[k] = p;
            len[k] = (size_t)(stop - p);
            p = stop + 1;
        }
        if (k == 5 && len[4] >= 6 && !memcmp(f[4], "一致", 6)) targets_add(t, f[1], len[1], f[2], len[2], f[4], len[4]);
        line = *end ? end + 1 : end;
    }
}

/* ---- slips in the notes: one paragraph's text changed ---- */

typedef struct {
    jue_document *doc;
    jue_disclosure *disc;
    const targets *tg;
    const jue_catalog *cat;
    char what[512];     /* the manifest's description */
} slip_ctx;

/* Replaces text[at, at+len) of block b by rep. */
static void block_splice(jue_block *b, size_t at, size_t len, const char *rep)
{
    size_t old = strlen(b->text), rl = strlen(rep);
    char *s = malloc(old - len + rl + 1);
    if (!s) exit(2);
    memcpy(s, b->text, at);
    memcpy(s + at, rep, rl);
    memcpy(s + at + rl, b->text + at + len, old - at - len + 1);
    free(b->text);
    b->text = s;
}

/* A paragraph of the notes holding `printed`, and where. Returns false if none. */
static bool find_in_paras(jue_document *doc, const char *printed, jue_block **blk, size_t *at)
{
    bool notes = false;
    for (size_t i = 0; i < doc->n; i++) {
        jue_block *b = &doc->blocks[i];
        if (b->kind == JUE_BLK_HEADING && b->level == 1) notes = b->text && strstr(b->text, "说明");
        if (!notes || b->kind != JUE_BLK_PARA || !b->text) continue;
        const char *hit = strstr(b->text, printed);
        if (!hit) continue;
        *blk = b;
        *at = (size_t)(hit - b->text);
        return true;
    }
    return false;
}

/* Picks a checked figure with one of the roles (|-separated) that a paragraph
 * of the notes prints; false if there is none. */
static bool pick_target(slip_ctx *c, const char *roles, const target **t, jue_block **b, size_t *at)
{
    size_t tries = c->tg->n * 4;
    for (size_t k = 0; k < tries; k++) {
        const target *x = &c->tg->v[rng_below(c->tg->n)];
        char want[64];
        snprintf(want, sizeof want, "|%s|", x->role);
        char list[128];
        snprintf(list, sizeof list, "|%s|", roles);
        if (!strstr(list, want)) continue;
        if (find_in_paras(c->doc, x->printed, b, at)) {
            *t = x;
            return true;
        }
    }
    return false;
}

static size_t digits_end(const char *s)
{
    size_t i = 0;
    while ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ',') i++;
    return i;
}

/* A figure of 0 reads the same in any unit: no slip can be put in its unit. */
static bool is_zero(const char *printed)
{
    for (; *printed && (*printed == '0' || *printed == '.' || *printed == ','); printed++) {}
    return !(*printed >= '1' && *printed <= '9');
}

/* 元 written for 万元: "804.49万元" → "804.49元". */
static bool slip_unit(slip_ctx *c)
{
    const target *t;
    jue_block *b;
    size_t at;
    if (!pick_target(c, "金额", &t, &b, &at) || is_zero(t->printed)) return false;
    size_t n = digits_end(b->text + at);
    if (strncmp(b->text + at + n, "万元", 6)) return false;
    block_splice(b, at + n, 6, "元");
    snprintf(c->what, sizeof c->what, "说明中“%s”写成了元", t->printed);
    return true;
}

/* The digits of s[0, n) as one integer, the decimal point and commas left out. */
static uint64_t digits_value(const char *s, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n && v < UINT64_MAX / 100; i++)
        if (s[i] >= '0' && s[i] <= '9') v = v * 10 + (uint64_t)(s[i] - '0');
    return v;
}

/* True when swapping digits i and i+1 of the amount s[0, n) stays within what
 * its only tie can tell: an 增减额 checked against nothing but its printed
 * rate p ("一致 与增减率6.84%互相核对"). The rate moves by at least the amount's
 * relative change, and each side's rounding hides half a unit of p's last
 * place, so a change of the amount by less than one unit of p's last place
 * relative to p ("1537.92" → "1537.29" on 6.84%: 0.04% < 1/684) contradicts
 * nothing in the document; such a slip would measure the document, not the
 * reader. Any other tie (a table figure, a sum, a share computed) is exact. */
static bool rounding_absorbs(const target *t, const char *s, size_t n, size_t i)
{
    const char *r = strstr(t->check, "与增减率");
    if (!r || strchr(t->check, ';') || strstr(t->check, "；")) return false;
    r += strlen("与增减率");
    uint64_t p = digits_value(r, digits_end(r));
    char swapped[64];
    if (n >= sizeof swapped || p == 0) return false;
    memcpy(swapped, s, n);
    swapped[i] = s[i + 1];
    swapped[i + 1] = s[i];
    uint64_t a = digits_value(s, n), b = digits_value(swapped, n);
    uint64_t delta = a > b ? a - b : b - a;
    return delta <= a / p;
}

/* Two adjacent different digits swapped in a checked amount or percentage. */
static bool slip_transpose_text(slip_ctx *c)
{
    const target *t;
    jue_block *b;
    size_t at;
    if (!pick_target(c, "金额|占比|增减额|增减率", &t, &b, &at)) return false;
    char *s = b->text + at;
    size_t n = digits_end(s), cand[32], nc = 0;
    for (size_t i = 0; i + 1 < n && nc < 32; i++)
        if (s[i] >= '0' && s[i] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9' && s[i] != s[i + 1] &&
            !rounding_absorbs(t, s, n, i))
            cand[nc++] = i;
    if (!nc) return false;
    size_t i = cand[rng_below(nc)];
    char x = s[i];
    s[i] = s[i + 1];
    s[i + 1] = x;
    snprintf(c->what, sizeof c->what, "说明中“%s”的第%zu、%zu位数字互换", t->printed, i + 1, i + 2);
    return true;
}

/* A wrong percentage: the integer part of a checked 占比 or 增减率 changed. */
static bool slip_percent(slip_ctx *c)
{
    const target *t;
    jue_block *b;
    size_t at;
    if (!pick_target(c, "占比|增减率", &t, &b, &at)) return false;
    /* "不足0.01%" (a share that rounds to 0.00%) is replaced whole: "4%" */
    size_t skip = strncmp(b->text + at, "不足", 6) ? 0 : 6;
    size_t n = skip + digits_end(b->text + at + skip);
    char num[64];
    if (n >= sizeof num) return false;
    memcpy(num, b->text + at + skip, n - skip);
    num[n - skip] = 0;
    char *dot = skip ? NULL : strchr(num, '.');
    long whole = strtol(num, NULL, 10);
    long to = whole >= 50 ? whole - 7 - (long)rng_below(20) : whole + 3 + (long)rng_below(20);
    char rep[80];
    snprintf(rep, sizeof rep, "%ld%s", to, dot ? dot : "");
    block_splice(b, at, n, rep);
    snprintf(c->what, sizeof c->what, "说明中“%s”改为“%s%%”", t->printed, rep);
    return true;
}

/* 增加 written for 减少 (or the reverse) before a checked change. */
static bool slip_direction(slip_ctx *c)
{
    static const char *const PAIRS[][2] = { { "增加", "减少" }, { "减少", "增加" }, { "增长", "下降" },
                                            { "下降", "增长" } };
    const target *t;
    jue_block *b;
    size_t at;
    if (!pick_target(c, "增减额|增减率", &t, &b, &at)) return false;
    size_t from = at > 24 ? at - 24 : 0;
    for (size_t i = at; i-- > from;)
        for (size_t k = 0; k < 4; k++)
            if (!strncmp(b->text + i, PAIRS[k][0], 6)) {
                block_splice(b, i, 6, PAIRS[k][1]);
                snprintf(c->what, sizeof c->what, "说明中“%s”前的“%s”改为“%s”", t->printed, PAIRS[k][0],
                         PAIRS[k][1]);
                return true;
            }
    return false;
}

/* A percentage printed without %. */
static bool slip_no_percent(slip_ctx *c)
{
    const target *t;
    jue_block *b;
    size_t at;
    if (!pick_target(c, "占比|增减率", &t, &b, &at)) return false;
    size_t n = digits_end(b->text + at);
    if (b->text[at + n] != '%') return false;
    block_splice(b, at + n, 1, "");
    snprintf(c->what, sizeof c->what, "说明中“%s”去掉了%%", t->printed);
    return true;
}

/* An amount printed without its unit. */
static bool slip_no_unit(slip_ctx *c)
{
    const target *t;
    jue_block *b;
    size_t at;
    if (!pick_target(c, "金额|增减额", &t, &b, &at) || is_zero(t->printed)) return false;
    size_t n = digits_end(b->text + at);
    if (strncmp(b->text + at + n, "万元", 6)) return false;
    block_splice(b, at + n, 6, "");
    snprintf(c->what, sizeof c->what, "说明中“%s”去掉了单位", t->printed);
    return true;
}

/* A stale year: a checked date of the notes names the year before. */
static bool slip_stale_year(slip_ctx *c)
{
    const target *t;
    jue_block *b;
    size_t at;
    if (!pick_target(c, "日期", &t, &b, &at)) return false;
    char year[16];
    snprintf(year, sizeof year, "%d", c->disc->year);
    const char *y = strstr(b->text + at, year);
    if (!y || (size_t)(y - b->text) > at + strlen(t->printed)) return false;
    char prev[16];
    snprintf(prev, sizeof prev, "%d", c->disc->year - 1);
    block_splice(b, (size_t)(y - b->text), 4, prev);
    snprintf(c->what, sizeof c->what, "说明中“%s”写成了%s年", t->printed, prev);
    return true;
}

/* ---- slips in the tables: one cell (or a few) of the model changed ---- */

typedef struct {
    jue_table *t;
    size_t r, col;
} cell_ref;

static bool money_col(const jue_table *t, size_t c)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const jue_cell *x = jue_table_cell_c(t, r, c);
        if (x->present && x->printed != 0) return true;
    }
    return false;
}

/* A non-zero printed cell of a 项 row (or any code row) of tables 03/05,
 * which take part in the hierarchy and the row sums. */
static bool pick_code_cell(slip_ctx *c, jue_level level, cell_ref *out)
{
    static const jue_table_id IDS[] = { JUE_T03, JUE_T05, JUE_T02 };
    for (int tries = 0; tries < 400; tries++) {
        jue_table *t = c->disc->tables[IDS[rng_below(3)]];
        if (!t || !t->nrows) continue;
        size_t r = rng_below(t->nrows), col = rng_below(t->ncols);
        if (t->rows[r].level != level || t->rows[r].is_total) continue;
        jue_cell *x = jue_table_cell(t, r, col);
        if (!x->present || x->printed == 0) continue;
        *out = (cell_ref){ t, r, col };
        return true;
    }
    return false;
}

static void cell_describe(const cell_ref *x, jue_fen from, jue_fen to, const char *how, char *out, size_t size)
{
    char a[64], b[64];
    jue_fmt_wan(from, true, a, sizeof a);
    jue_fmt_wan(to, true, b, sizeof b);
    snprintf(out, size, "%s %s %s/%s：%s → %s（%s）", jue_table_label(x->t->id), x->t->rows[x->r].key,
             x->t->rows[x->r].name ? x->t->rows[x->r].name : "", x->t->cols[x->col].key, a, b, how);
}

/* Printed figures are whole hundredths of 万元 (10,000 分). */
#define HUNDREDTH 10000
static void cell_set(jue_cell *x, jue_fen v)
{
    v -= v % HUNDREDTH;
    jue_cell_set_printed(x, v, 2);
    x->exact = v;
}

/* A part above its whole: one 项 figure raised by 5–60 %. */
static bool slip_part_above_whole(slip_ctx *c)
{
    cell_ref x;
    if (!pick_code_cell(c, JUE_LEVEL_XIANG, &x)) return false;
    jue_cell *cell = jue_table_cell(x.t, x.r, x.col);
    jue_fen from = cell->printed, to = from + from * (jue_fen)(5 + rng_below(56)) / 100;
    if (to - to % HUNDREDTH == from) to = from + HUNDREDTH;
    cell_set(cell, to);
    cell_describe(&x, from, to, "项大于所属款的余额", c->what, sizeof c->what);
    return true;
}

/* Two adjacent different digits of a table figure swapped. */
static bool slip_transpose_cell(slip_ctx *c)
{
    cell_ref x;
    for (int tries = 0; tries < 50; tries++) {
        if (!pick_code_cell(c, (jue_level)(1 + rng_below(3)), &x)) continue;
        jue_cell *cell = jue_table_cell(x.t, x.r, x.col);
        char s[32];
        snprintf(s, sizeof s, "%" PRId64, cell->printed / HUNDREDTH);
        size_t n = strlen(s), cand[32], nc = 0;
        for (size_t i = 0; i + 1 < n; i++)
            if (s[i] != s[i + 1] && s[i] != '-') cand[nc++] = i;
        if (!nc) continue;
        size_t i = cand[rng_below(nc)];
        char t = s[i];
        s[i] = s[i + 1];
        s[i + 1] = t;
        jue_fen from = cell->printed, to = strtoll(s, NULL, 10) * HUNDREDTH;
        cell_set(cell, to);
        cell_describe(&x, from, to, "数字互换", c->what, sizeof c->what);
        return true;
    }
    return false;
}

/* A figure copied from the neighbouring row (above) or column (left). */
static bool slip_neighbour(slip_ctx *c)
{
    for (int tries = 0; tries < 200; tries++) {
        cell_ref x;
        if (!pick_code_cell(c, (jue_level)(1 + rng_below(3)), &x)) continue;
        bool row = rng_below(2);
        if (row ? x.r == 0 : x.col == 0) continue;
        size_t nr = row ? x.r - 1 : x.r, nc = row ? x.col : x.col - 1;
        const jue_cell *from_cell = jue_table_cell_c(x.t, nr, nc);
        jue_cell *cell = jue_table_cell(x.t, x.r, x.col);
        if (!from_cell->present || from_cell->printed == cell->printed) continue;
        if (!row && !money_col(x.t, nc)) continue;
        jue_fen from = cell->printed;
        cell_set(cell, from_cell->printed);
        cell_describe(&x, from, from_cell->printed, row ? "抄了上一行" : "抄了左一列", c->what, sizeof c->what);
        return true;
    }
    return false;
}

/* A column's figures one row off over a run of three code rows. */
static bool slip_shift_column(slip_ctx *c)
{
    for (int tries = 0; tries < 200; tries++) {
        cell_ref x;
        if (!pick_code_cell(c, (jue_level)(1 + rng_below(3)), &x)) continue;
        if (x.r + 3 > x.t->nrows) continue;
        bool differ = false;
        for (size_t k = 0; k < 3; k++)
            if (x.t->rows[x.r + k].is_total || !x.t->rows[x.r + k].level) differ = false, k = 3;
            else if (k && jue_table_cell(x.t, x.r + k, x.col)->printed != jue_table_cell(x.t, x.r, x.col)->printed)
                differ = true;
        if (!differ) continue;
        jue_fen v[3];
        for (size_t k = 0; k < 3; k++) v[k] = jue_table_cell(x.t, x.r + k, x.col)->printed;
        cell_set(jue_table_cell(x.t, x.r, x.col), 0);
        jue_table_cell(x.t, x.r, x.col)->present = false;
        cell_set(jue_table_cell(x.t, x.r + 1, x.col), v[0]);
        cell_set(jue_table_cell(x.t, x.r + 2, x.col), v[1]);
        snprintf(c->what, sizeof c->what, "%s %s 起“%s”列三行下移一行", jue_table_label(x.t->id), x.t->rows[x.r].key,
                 x.t->cols[x.col].key);
        return true;
    }
    return false;
}

/* A 项 printed with another 项's name (copied from a row nearby). */
static bool slip_misnamed(slip_ctx *c)
{
    for (int tries = 0; tries < 200; tries++) {
        cell_ref x;
        if (!pick_code_cell(c, JUE_LEVEL_XIANG, &x)) continue;
        jue_row *r = &x.t->rows[x.r];
        for (size_t k = 0; k < x.t->nrows; k++) {
            jue_row *o = &x.t->rows[(x.r + 1 + k) % x.t->nrows];
            if (o->level != JUE_LEVEL_XIANG || !o->name || !r->name || !strcmp(o->name, r->name)) continue;
            snprintf(c->what, sizeof c->what, "%s %s 的名称“%s”写成“%s”", jue_table_label(x.t->id), r->key, r->name,
                     o->name);
            if (jue_table_set_row_name(x.t, x.r, o->name) != JUE_OK) return false;
            return true;
        }
    }
    return false;
}

/* A table listed (its title and header printed) but empty. */
static bool slip_empty_table(slip_ctx *c)
{
    static const jue_table_id IDS[] = { JUE_T02, JUE_T03, JUE_T05, JUE_T06 };
    jue_table_id id = IDS[rng_below(4)];
    jue_table *t = c->disc->tables[id];
    if (!t || !t->nrows) return false;
    /* the title and the header stay (the document's block names the table); no row is left */
    jue_table_truncate(t, 0);
    snprintf(c->what, sizeof c->what, "%s 列出了标题和表头，但没有内容", jue_table_label(id));
    return true;
}

typedef struct {
    const char *name;
    bool in_notes;      /* a slip of the notes: the XLSX of the tables cannot show it */
    bool (*apply)(slip_ctx *);
} slip_kind;

static const slip_kind KINDS[] = {
    { "unit", true, slip_unit },
    { "transpose-text", true, slip_transpose_text },
    { "percent", true, slip_percent },
    { "direction", true, slip_direction },
    { "no-percent", true, slip_no_percent },
    { "no-unit", true, slip_no_unit },
    { "stale-year", true, slip_stale_year },
    { "part-above-whole", false, slip_part_above_whole },
    { "transpose-cell", false, slip_transpose_cell },
    { "neighbour", false, slip_neighbour },
    { "shift-column", false, slip_shift_column },
    { "misnamed-item", false, slip_misnamed },
    { "empty-table", false, slip_empty_table },
};
enum { NKINDS = sizeof KINDS / sizeof KINDS[0] };

/* ---- writing one case in every format ---- */

typedef struct {
    const char *srcdir, *outdir, *profile;
    bool html_only;     /* --html-only: the HTML document alone (quick checks of the generator) */
    jue_catalog *cat;
    jue_profile *prof;
} env;

static bool load(const env *e, jue_source **src, jue_disclosure **disc, jue_document **doc, jue_diags *d)
{
    jue_compile_stats st;
    return jue_source_load(e->srcdir, e->cat, src, d) == JUE_OK &&
           jue_compile(*src, e->cat, e->prof, disc, &st, d) == JUE_OK &&
           jue_document_build(*src, *disc, e->cat, e->prof, doc, d) == JUE_OK;
}

static bool write_case(const env *e, const char *id, const jue_document *doc, const jue_disclosure *disc,
                       bool in_notes, jue_diags *d)
{
    char path[4200];
    jue_buf html;
    jue_buf_init(&html);
    bool ok = jue_render_document_html(doc, &html) == JUE_OK;
    snprintf(path, sizeof path, "%s/%s.html", e->outdir, id);
    FILE *f = ok ? fopen(path, "w") : NULL;
    ok = f && fwrite(jue_buf_str(&html), 1, html.len, f) == html.len;
    if (f && fclose(f)) ok = false;
    jue_buf_free(&html);
    if (e->html_only) return ok;
    snprintf(path, sizeof path, "%s/%s.pdf", e->outdir, id);
    ok = ok && jue_render_document_pdf(doc, path) == JUE_OK;
    snprintf(path, sizeof path, "%s/%s.docx", e->outdir, id);
    ok = ok && jue_render_document_docx(doc, path) == JUE_OK;
    if (ok && !in_notes) ok = jue_render_all(disc, e->outdir, id, JUE_FMT_XLSX, d) == JUE_OK;
    return ok;
}

/* The figures of the correct document's notes that the audit ties to
 * something, from the trace of its HTML as read back. */
static bool load_targets(const env *e, targets *tg, jue_diags *d)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/base.html", e->outdir);
    jue_disclosure *back = NULL;
    jue_claim_checks *checks = NULL;
    if (jue_import_file(path, JUE_IN_HTML, e->cat, e->prof, &back, d) != JUE_OK ||
        jue_claim_checks_load(NULL, &checks, d) != JUE_OK) {
        jue_disclosure_free(back);
        return false;
    }
    jue_buf trace;
    jue_buf_init(&trace);
    jue_claims_trace(back, e->cat, checks, &trace, NULL);
    targets_from_trace(tg, jue_buf_str(&trace));
    jue_buf_free(&trace);
    jue_claim_checks_free(checks);
    jue_disclosure_free(back);
    return tg->n > 0;
}

/* One case: the document with slip k placed, written in every format and
 * listed in the manifest; false only when the source cannot be loaded. */
static bool one_case(const env *e, const targets *tg, size_t k, int i, FILE *man, jue_diags *d)
{
    jue_source *src = NULL;
    jue_disclosure *disc = NULL;
    jue_document *doc = NULL;
    bool ok = load(e, &src, &disc, &doc, d);
    if (ok) {
        slip_ctx c = { doc, disc, tg, e->cat, "" };
        char id[64];
        snprintf(id, sizeof id, "%s-%d", KINDS[k].name, i);
        bool placed = false;
        for (int tries = 0; tries < 20 && !placed; tries++) placed = KINDS[k].apply(&c);
        if (placed && write_case(e, id, doc, disc, KINDS[k].in_notes, d))
            fprintf(man, "%s\t%s\t%d\t%s\n", id, KINDS[k].name, KINDS[k].in_notes, c.what);
        else
            fprintf(stderr, "eval_inject: %s: no place for this slip\n", id);
    }
    jue_document_free(doc);
    jue_disclosure_free(disc);
    jue_source_free(src);
    return ok;
}

static int run(const env *e, uint64_t seed, int per_kind)
{
    jue_diags d;
    jue_diags_init(&d);
    jue_source *src = NULL;
    jue_disclosure *disc = NULL;
    jue_document *doc = NULL;
    targets tg = { 0 };
    FILE *man = NULL;
    int rc = 2;
    bool base = load(e, &src, &disc, &doc, &d) && write_case(e, "base", doc, disc, false, &d);
    jue_document_free(doc);
    jue_disclosure_free(disc);
    jue_source_free(src);
    char path[4200];
    snprintf(path, sizeof path, "%s/manifest.tsv", e->outdir);
    if (!base) fprintf(stderr, "eval_inject: %s: cannot build the correct document\n", e->srcdir);
    else if (!load_targets(e, &tg, &d)) fprintf(stderr, "eval_inject: no checked figure in the notes of the correct document\n");
    else if (!(man = fopen(path, "w"))) fprintf(stderr, "eval_inject: %s: cannot write\n", path);
    else rc = 0;
    if (man) fprintf(man, "id\tkind\tnotes\tslip\n");
    for (size_t k = 0; rc == 0 && k < NKINDS; k++)
        for (int i = 0; rc == 0 && i < per_kind; i++) {
            rng_state = seed * 1000003u + k * 101u + (uint64_t)i;
            if (!one_case(e, &tg, k, i, man, &d)) rc = 2;
        }
    if (man && fclose(man) != 0) rc = 2;
    free(tg.v);
    jue_diags_free(&d);
    return rc;
}

int main(int argc, char **argv)
{
    env e = { 0 };
    uint64_t seed = 1;
    int per_kind = 3;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--profile") && i + 1 < argc) e.profile = argv[++i];
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--per-kind") && i + 1 < argc) per_kind = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--html-only")) e.html_only = true;
        else if (!e.srcdir) e.srcdir = argv[i];
        else if (!e.outdir) e.outdir = argv[i];
        else {
            fprintf(stderr, "usage: eval_inject SOURCE_DIR OUT_DIR [--profile NAME] [--seed N] [--per-kind N] [--html-only]\n");
            return 2;
        }
    }
    if (!e.srcdir || !e.outdir || per_kind < 1) {
        fprintf(stderr, "usage: eval_inject SOURCE_DIR OUT_DIR [--profile NAME] [--seed N] [--per-kind N] [--html-only]\n");
        return 2;
    }
    if (mkdir(e.outdir, 0777) && errno != EEXIST) {
        fprintf(stderr, "eval_inject: %s: cannot create the folder: %s\n", e.outdir, strerror(errno));
        return 2;
    }
    jue_diags d;
    jue_diags_init(&d);
    if (jue_catalog_load(NULL, &e.cat, &d) || jue_profile_load(e.profile, &e.prof, &d)) {
        fprintf(stderr, "eval_inject: cannot load the catalog or the profile (set JUESUAN_DATA)\n");
        jue_catalog_free(e.cat);
        jue_diags_free(&d);
        return 2;
    }
    int rc = run(&e, seed, per_kind);
    jue_profile_free(e.prof);
    jue_catalog_free(e.cat);
    jue_diags_free(&d);
    return rc;
}
