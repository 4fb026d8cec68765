/* The disclosure model: tables of facts with national columns. The column
 * layout of each national table lives here, in one place; profiles may
 * rename or reorder tables when rendering, not change what a column means. */
#include <juesuan/model.h>

#include "core/blocks.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *key;
    const char *group;
} col_def;

typedef struct {
    const char *label;
    const char *title;
    col_def cols[8];
} table_def;

static const table_def TABLES[JUE_NTABLES] = {
    [JUE_T01] = { "公开01表", "收入支出决算总表", { { JUE_C_ACTUAL, NULL } } },
    [JUE_T02] = { "公开02表", "收入决算表",
                  { { JUE_C_INC_TOTAL, NULL }, { JUE_C_INC_FISCAL, NULL }, { JUE_C_INC_SUPERIOR, NULL },
                    { JUE_C_INC_BUSINESS, NULL }, { JUE_C_INC_OPERATING, NULL }, { JUE_C_INC_AFFILIATED, NULL },
                    { JUE_C_INC_OTHER, NULL } } },
    [JUE_T03] = { "公开03表", "支出决算表",
                  { { JUE_C_EXP_TOTAL, NULL }, { JUE_C_BASIC, NULL }, { JUE_C_PROJECT, NULL },
                    { JUE_C_EXP_SUPERIOR, NULL }, { JUE_C_EXP_OPERATING, NULL }, { JUE_C_EXP_AFFILIATED, NULL } } },
    [JUE_T04] = { "公开04表", "财政拨款收入支出决算总表",
                  { { JUE_C_TOTAL, NULL }, { JUE_C_GENERAL, NULL }, { JUE_C_GOVFUND, NULL }, { JUE_C_SOE, NULL } } },
    [JUE_T05] = { "公开05表", "一般公共预算财政拨款支出决算表",
                  { { JUE_C_TOTAL, NULL }, { JUE_C_BASIC, NULL }, { JUE_C_PROJECT, NULL } } },
    [JUE_T06] = { "公开06表", "一般公共预算财政拨款基本支出决算表", { { JUE_C_ACTUAL, NULL } } },
    [JUE_T07] = { "公开07表", "政府性基金预算财政拨款收入支出决算表",
                  { { JUE_C_BEGIN, NULL }, { JUE_C_INCOME, NULL }, { JUE_C_SUBTOTAL, "本年支出" },
                    { JUE_C_BASIC, "本年支出" }, { JUE_C_PROJECT, "本年支出" }, { JUE_C_END, NULL } } },
    [JUE_T08] = { "公开08表", "国有资本经营预算财政拨款收入支出决算表",
                  { { JUE_C_BEGIN, NULL }, { JUE_C_INCOME, NULL }, { JUE_C_SUBTOTAL, "本年支出" },
                    { JUE_C_BASIC, "本年支出" }, { JUE_C_PROJECT, "本年支出" }, { JUE_C_END, NULL } } },
    [JUE_T09] = { "公开09表", "财政拨款“三公”经费支出决算表",
                  { { JUE_C_BUDGET, NULL }, { JUE_C_ACTUAL, NULL } } },
};

#define COL_KEY(name) JUE_C_##name,
static const char *const COL_KEYS[JUE_NCOLS] = { JUE_COLUMN_LIST(COL_KEY) };
#undef COL_KEY

const char *jue_col_key(jue_col_id c)
{
    return (unsigned)c < JUE_NCOLS ? COL_KEYS[c] : "";
}

bool jue_col_parse(const char *key, size_t n, jue_col_id *out)
{
    for (int c = 0; c < JUE_NCOLS; c++)
        if (strlen(COL_KEYS[c]) == n && !memcmp(COL_KEYS[c], key, n)) { *out = (jue_col_id)c; return true; }
    return false;
}

const char *jue_table_title(jue_table_id id)
{
    return (unsigned)id < JUE_NTABLES ? TABLES[id].title : "";
}

const char *jue_table_label(jue_table_id id)
{
    return (unsigned)id < JUE_NTABLES ? TABLES[id].label : "";
}

const char *jue_table_printed_label(const jue_table *t)
{
    return t->label ? t->label : jue_table_label(t->id);
}

static int printed_number(const jue_table *t)
{
    return t->number > 0 ? t->number : (int)t->id + 1;
}

size_t jue_disclosure_order(const jue_disclosure *d, jue_table_id ids[JUE_NTABLES])
{
    size_t n = 0;
    for (int t = 0; t < JUE_NTABLES; t++)
        if (d->tables[t]) ids[n++] = (jue_table_id)t;
    /* insertion sort by printed number, ties in national order */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && printed_number(d->tables[ids[j - 1]]) > printed_number(d->tables[ids[j]]); j--) {
            jue_table_id x = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = x;
        }
    return n;
}

const char *jue_unit_type_name(jue_unit_type t)
{
    switch (t) {
    case JUE_UNIT_ADMIN: return "行政单位";
    case JUE_UNIT_CIVIL_LIKE: return "参照公务员法管理事业单位";
    case JUE_UNIT_PUBLIC_INST: return "事业单位";
    }
    return "行政单位";
}

jue_disclosure *jue_disclosure_new(void) { return calloc(1, sizeof(jue_disclosure)); }

void jue_disclosure_free(jue_disclosure *d)
{
    if (!d) return;
    free(d->department);
    free(d->profile);
    free(d->source);
    free(d->other_table);
    for (size_t i = 0; i < d->nunits; i++) {
        free(d->units[i].id);
        free(d->units[i].name);
    }
    free(d->units);
    for (int i = 0; i < JUE_NTABLES; i++) jue_table_free(d->tables[i]);
    jue_claims_free(&d->claims);
    free(d);
}

jue_table *jue_table_new(jue_table_id id)
{
    if ((unsigned)id >= JUE_NTABLES) return NULL;
    jue_table *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->id = id;
    t->title = jue_strdup(TABLES[id].title);
    size_t n = 0;
    while (n < 8 && TABLES[id].cols[n].key) n++;
    t->cols = calloc(n, sizeof *t->cols);
    if (!t->title || !t->cols) { jue_table_free(t); return NULL; }
    t->ncols = n;
    for (size_t i = 0; i < n; i++) {
        t->cols[i].key = jue_strdup(TABLES[id].cols[i].key);
        t->cols[i].group = jue_strdup(TABLES[id].cols[i].group);
        t->cols[i].col_no = (int)i + 1;
        if (!t->cols[i].key || (TABLES[id].cols[i].group && !t->cols[i].group)) {
            jue_table_free(t);
            return NULL;
        }
    }
    return t;
}

/* A table's rows' keys and names, each name after its key's NUL, in blocks
 * the table frees at once (core/blocks.h): two hundred rows a document were
 * a malloc and a free each. */
enum { STRINGS_FIRST = 2048, STRINGS_MAX = 65536 };

/* n bytes for a row's strings, in the table's blocks; NULL
 * when out of memory. */
static char *strings_take(jue_table *t, size_t n)
{
    return jue_block_take(&t->strings, n, STRINGS_FIRST, STRINGS_MAX);
}

/* Gives back the strings from key on, when they are the last block's last
 * (the rows after a truncation were added after it). */
static void strings_back_to(jue_table *t, const char *key)
{
    jue_block_back_to(t->strings, key);
}

/* Whether a row's name is the one jue_table_add_row put after its key, in
 * the key's allocation. */
static bool name_in_block(const jue_row *r)
{
    return r->key && r->name == r->key + strlen(r->key) + 1;
}

jue_status jue_table_set_row_name(jue_table *t, size_t r, const char *name)
{
    if (!t || r >= t->nrows) return JUE_ERR_INVALID;
    char *n = jue_strdup(name ? name : "");
    if (!n) return JUE_ERR_NOMEM;
    if (!name_in_block(&t->rows[r])) free(t->rows[r].name);
    t->rows[r].name = n;
    return JUE_OK;
}

void jue_table_truncate(jue_table *t, size_t n)
{
    for (size_t i = n; t && i < t->nrows; i++)
        if (!name_in_block(&t->rows[i])) free(t->rows[i].name);
    if (t && n < t->nrows) {
        strings_back_to(t, t->rows[n].key);
        t->nrows = n;
    }
}

void jue_table_free(jue_table *t)
{
    if (!t) return;
    free(t->title);
    free(t->note);
    free(t->footnote);
    free(t->label);
    jue_table_truncate(t, 0);
    free(t->rows);
    for (size_t i = 0; i < t->ncols; i++) {
        free(t->cols[i].key);
        free(t->cols[i].group);
    }
    free(t->cols);
    free(t->cells);
    jue_blocks_free(&t->strings);
    free(t);
}

bool jue_table_reserve(jue_table *t, size_t nrows)
{
    if (nrows <= t->rows_cap || !t->ncols) return true;
    jue_row *nr = realloc(t->rows, nrows * sizeof *nr);
    if (!nr) return false;
    t->rows = nr;
    jue_cell *ncells = realloc(t->cells, nrows * t->ncols * sizeof *ncells);
    if (!ncells) return false;
    t->cells = ncells;
    t->rows_cap = nrows;
    return true;
}

int jue_table_add_row(jue_table *t, const char *key, const char *name, jue_level level,
                      jue_side side, bool is_total)
{
    if (t->nrows == t->rows_cap) {
        size_t nc = t->rows_cap ? t->rows_cap * 2 : 16;
        jue_row *nr = realloc(t->rows, nc * sizeof *nr);
        if (!nr) return -1;
        t->rows = nr;
        jue_cell *ncells = realloc(t->cells, nc * t->ncols * sizeof *ncells);
        if (!ncells) return -1;
        t->cells = ncells;
        t->rows_cap = nc;
    }
    jue_row *r = &t->rows[t->nrows];
    memset(r, 0, sizeof *r);
    /* the key and the name in one allocation, the name after the key's NUL */
    size_t kl = key ? strlen(key) : 0, nl = name ? strlen(name) : 0;
    r->key = strings_take(t, kl + nl + 2);
    if (!r->key) return -1;
    if (kl) memcpy(r->key, key, kl);
    r->key[kl] = 0;
    r->name = r->key + kl + 1;
    if (nl) memcpy(r->name, name, nl);
    r->name[nl] = 0;
    r->level = level;
    r->side = side;
    r->is_total = is_total;
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(jue_cell));
    return (int)t->nrows++;
}

int jue_table_find_row(const jue_table *t, const char *key, jue_side side)
{
    /* the first two bytes compared before strcmp (a key's second byte is
     * there when its first is not NUL) */
    char k0 = key[0], k1 = k0 ? key[1] : 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const char *rk = t->rows[i].key;
        if (rk[0] != k0 || (k0 && rk[1] != k1)) continue;
        if ((side == JUE_SIDE_NONE || t->rows[i].side == side) && strcmp(rk, key) == 0) return (int)i;
    }
    return -1;
}

const char *jue_table_national_col(jue_table_id id, size_t j)
{
    return (unsigned)id < JUE_NTABLES && j < 8 ? TABLES[id].cols[j].key : NULL;
}

int jue_table_find_col(const jue_table *t, const char *key)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].key, key) == 0) return (int)i;
    return -1;
}

void jue_cell_set_exact(jue_cell *c, jue_fen v)
{
    c->exact = v;
    c->has_exact = true;
    c->present = true;
    c->printed = jue_round_wan2(v);
    c->decimals = 2;
    c->iv = jue_iv_printed(c->printed, 2, JUE_UNIT_WAN);
}

void jue_cell_set_printed(jue_cell *c, jue_fen printed, int decimals)
{
    c->printed = printed;
    c->decimals = decimals;
    c->present = true;
    c->iv = jue_iv_printed(printed, decimals, JUE_UNIT_WAN);
}

bool jue_table_is_empty(const jue_table *t)
{
    if (t->empty) return true;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        if (t->cells[i].present) return false;
    return true;
}

jue_status jue_table_set_note(jue_table *t, const char *note)
{
    char *n = jue_strdup(note);
    if (note && !n) return JUE_ERR_NOMEM;
    free(t->note);
    t->note = n;
    return JUE_OK;
}
