/* Profiles: per-province data about the tables and the document, loaded from
 * YAML with every key checked. */
#include <juesuan/profile.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/yaml_tree.h"

#define MAX_OVERVIEW 16

struct jue_profile {
    char *name;
    char **classes;
    size_t nclasses;
    int number[JUE_NTABLES];
    char *empty_note[JUE_NTABLES];
    char *table_note[JUE_NTABLES];   /* table_notes: the 注 under each table */
    char *label_fmt;            /* "公开{nn}表"; "" = no label */
    char *notes, *glossary;     /* data file names */
    bool appendix, line_numbers, preparer_line;
    jue_overview_section overview[MAX_OVERVIEW];
    size_t noverview;
    char *strings[3 * MAX_OVERVIEW];   /* the overview's titles and texts */
    size_t nstrings;
    char *file;                 /* the file read, and its rules: value (NULL when */
    char *rules;                /* absent) where it stands, for jue_rules_load_for */
    int rules_line, rules_col;
};

static int table_of(const char *id)
{
    if (strlen(id) == 3 && id[0] == 'T' && id[1] == '0' && id[2] >= '1' && id[2] <= '9') return id[2] - '1';
    return -1;
}

void jue_profile_free(jue_profile *p)
{
    if (!p) return;
    free(p->name);
    free(p->file);
    free(p->rules);
    for (size_t i = 0; i < p->nclasses; i++) free(p->classes[i]);
    free(p->classes);
    for (int i = 0; i < JUE_NTABLES; i++) {
        free(p->empty_note[i]);
        free(p->table_note[i]);
    }
    free(p->label_fmt);
    free(p->notes);
    free(p->glossary);
    for (size_t i = 0; i < p->nstrings; i++) free(p->strings[i]);
    free(p);
}

typedef struct {
    const char *file;
    jue_diags *diags;
} pctx;

static void err(pctx *c, const jue_ynode *n, const char *fmt, const char *arg)
{
    jue_diag_add(c->diags, JUE_SEV_ERROR, c->file, n ? n->line : 1, n ? n->col : 1, fmt, arg ? arg : "");
}

/* Every key of map is one of keys (NULL-terminated); the others are errors. */
static void known_keys(pctx *c, const jue_ynode *map, const char *const *keys, const char *where)
{
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const jue_ynode *k = map->items[i];
        bool ok = false;
        for (const char *const *q = keys; *q && !ok; q++) ok = k->type == JUE_Y_SCALAR && !strcmp(k->value, *q);
        if (!ok) {
            char msg[256];
            snprintf(msg, sizeof msg, "%s%s未知的键“%%s”", where ? where : "", where ? "中" : "");
            err(c, k, msg, k->type == JUE_Y_SCALAR ? k->value : "?");
        }
    }
}

static const jue_ynode *scalar(pctx *c, const jue_ynode *map, const char *key)
{
    const jue_ynode *n = jue_ymap_get(map, key);
    if (n && n->type != JUE_Y_SCALAR) {
        err(c, n, "“%s”应为文字", key);
        return NULL;
    }
    return n;
}

/* A true/false key, def when absent. */
static bool boolean(pctx *c, const jue_ynode *map, const char *key, bool def)
{
    const jue_ynode *n = jue_ymap_get(map, key);
    if (!n) return def;
    if (n->type == JUE_Y_SCALAR && (!strcmp(n->value, "true") || !strcmp(n->value, "yes"))) return true;
    if (n->type == JUE_Y_SCALAR && (!strcmp(n->value, "false") || !strcmp(n->value, "no"))) return false;
    err(c, n, "“%s”应为 true 或 false", key);
    return def;
}

/* A data file name: letters, digits, '-', '_' and '.', not starting with '.'. */
static bool file_name_ok(const char *s)
{
    if (!s || !*s || *s == '.') return false;
    for (; *s; s++)
        if (*s == '/' || *s == '\\') return false;
    return true;
}

static char *keep(jue_profile *p, const char *s)
{
    if (!s || p->nstrings >= sizeof p->strings / sizeof p->strings[0]) return NULL;
    char *d = jue_strdup(s);
    if (d) p->strings[p->nstrings++] = d;
    return d;
}

static bool overview_kind(const char *s, jue_overview_kind *k)
{
    static const struct { const char *name; jue_overview_kind kind; } K[] = {
        { "duties", JUE_OV_DUTIES }, { "organisation", JUE_OV_ORGANISATION },
        { "units", JUE_OV_UNITS }, { "units_table", JUE_OV_UNITS_TABLE },
    };
    for (size_t i = 0; i < sizeof K / sizeof K[0]; i++)
        if (!strcmp(s, K[i].name)) { *k = K[i].kind; return true; }
    return false;
}

static const char *const CONTENT_HELP = "content 应为 duties、organisation、units 或 units_table，而不是“%s”";

static void load_overview(pctx *c, jue_profile *p, const jue_ynode *ov)
{
    if (ov->type != JUE_Y_SEQ) { err(c, ov, "“overview”应为各节的列表", NULL); return; }
    static const char *const KEYS[] = { "title", "content", "text", "one_unit", NULL };
    static const char *const ALT_KEYS[] = { "title", "content", NULL };
    for (size_t i = 0; i < ov->n; i++) {
        const jue_ynode *s = ov->items[i];
        if (s->type != JUE_Y_MAP) { err(c, s, "overview 的每一节都应为映射 { title, content }", NULL); continue; }
        if (p->noverview == MAX_OVERVIEW) { err(c, s, "overview 超过16节", NULL); break; }
        known_keys(c, s, KEYS, "overview 的一节");
        const jue_ynode *t = scalar(c, s, "title"), *k = scalar(c, s, "content"), *x = scalar(c, s, "text");
        jue_overview_section *o = &p->overview[p->noverview];
        memset(o, 0, sizeof *o);
        if (!t || !t->value[0]) { err(c, s, "overview 的每一节都需要 title", NULL); continue; }
        if (!k) { err(c, s, "overview 的每一节都需要 content：duties、organisation、units 或 units_table", NULL); continue; }
        if (!overview_kind(k->value, &o->kind)) { err(c, k, CONTENT_HELP, k->value); continue; }
        o->title = keep(p, t->value);
        o->text = x && !x->plain_null ? keep(p, x->value) : NULL;
        const jue_ynode *alt = jue_ymap_get(s, "one_unit");
        if (alt) {
            if (alt->type != JUE_Y_MAP) { err(c, alt, "“one_unit”应为映射 { title, content }", NULL); continue; }
            known_keys(c, alt, ALT_KEYS, "one_unit");
            const jue_ynode *at = scalar(c, alt, "title"), *ak = scalar(c, alt, "content");
            if (!at || !ak) { err(c, alt, "“one_unit”需要 title 和 content", NULL); continue; }
            if (!overview_kind(ak->value, &o->alt_kind)) { err(c, ak, CONTENT_HELP, ak->value); continue; }
            o->has_alt = true;
            o->alt_title = keep(p, at->value);
        }
        p->noverview++;
    }
}

/* The label format: text with {nn} and {n} only. */
static void load_label(pctx *c, jue_profile *p, const jue_ynode *n)
{
    if (n->type != JUE_Y_SCALAR) { err(c, n, "“table_label”应为“公开{nn}表”这样的文字，或 none", NULL); return; }
    const char *v = n->plain_null || !strcmp(n->value, "none") ? "" : n->value;
    for (const char *q = strchr(v, '{'); q; q = strchr(q + 1, '{'))
        if (strncmp(q, "{nn}", 4) && strncmp(q, "{n}", 3)) {
            err(c, n, "table_label：“%s”中只能替换 {nn} 和 {n}", v);
            return;
        }
    free(p->label_fmt);
    p->label_fmt = jue_strdup(v);
}

static void load_tables(pctx *c, jue_profile *p, const jue_ynode *tables)
{
    if (tables->type != JUE_Y_SEQ) { err(c, tables, "“tables”应为 { id, number } 的列表", NULL); return; }
    static const char *const KEYS[] = { "id", "number", NULL };
    for (int i = 0; i < JUE_NTABLES; i++) p->number[i] = 0;
    int line_of[100] = { 0 };
    for (size_t i = 0; i < tables->n; i++) {
        const jue_ynode *e = tables->items[i];
        if (e->type != JUE_Y_MAP) { err(c, e, "每张表都需要 id（T01–T09）和 number（1–99）", NULL); continue; }
        known_keys(c, e, KEYS, "tables 的一项");
        const jue_ynode *id = jue_ymap_get(e, "id"), *num = jue_ymap_get(e, "number");
        int t = id && id->type == JUE_Y_SCALAR ? table_of(id->value) : -1;
        char *end = NULL;
        long n = num && num->type == JUE_Y_SCALAR ? strtol(num->value, &end, 10) : 0;
        if (end && *end) n = 0;
        if (t < 0 || n <= 0 || n > 99) {
            err(c, e, "每张表都需要 id（T01–T09）和 number（1–99）", NULL);
        } else if (p->number[t]) {
            err(c, id, "表%s列了两次", id->value);
        } else if (line_of[n]) {
            char msg[160];
            snprintf(msg, sizeof msg, "编号%ld已是另一张表的编号（第%d行）", n, line_of[n]);
            err(c, num, "%s", msg);
        } else {
            p->number[t] = (int)n;
            line_of[n] = num->line;
        }
    }
}

/* A map T01–T09: text (empty_notes, table_notes) into texts[]. */
static void load_table_texts(pctx *c, const jue_ynode *root, const char *key, char *texts[JUE_NTABLES])
{
    const jue_ynode *notes = jue_ymap_get(root, key);
    if (!notes) return;
    if (notes->type != JUE_Y_MAP) { err(c, notes, "“%s”应为“T01–T09: 文字”的映射", key); return; }
    for (size_t i = 0; i + 1 < notes->n; i += 2) {
        const jue_ynode *k = notes->items[i], *v = notes->items[i + 1];
        int t = k->type == JUE_Y_SCALAR ? table_of(k->value) : -1;
        if (t < 0 || v->type != JUE_Y_SCALAR) {
            err(c, t < 0 ? k : v, "%s：键须为 T01–T09，值须为文字", key);
            continue;
        }
        free(texts[t]);
        texts[t] = jue_strdup(v->value);
    }
}

jue_status jue_profile_parse(const char *file, const char *text, size_t len, jue_profile **out, jue_diags *diags)
{
    *out = NULL;
    jue_ynode *root = NULL;
    jue_status st = jue_yaml_parse(file, text, len, &root, diags);
    if (st != JUE_OK) return st == JUE_ERR_NOMEM ? st : JUE_ERR_INVALID;
    pctx c = { file, diags };
    size_t errs = diags->errors;
    if (!root || root->type != JUE_Y_MAP) {
        err(&c, root, "方案文件应为键的映射（name、tables、t01_expenditure_classes 等）", NULL);
        jue_ynode_free(root);
        return JUE_ERR_INVALID;
    }
    jue_profile *p = calloc(1, sizeof *p);
    if (!p) { jue_ynode_free(root); return JUE_ERR_NOMEM; }
    static const char *const KEYS[] = { "name", "title", "rules", "notes", "glossary", "table_label", "tables",
                                        "t01_expenditure_classes", "empty_notes", "overview", "appendix", "line_numbers",
                                        "preparer_line", "table_notes", NULL };
    known_keys(&c, root, KEYS, NULL);

    /* the name: name:, else the file's name */
    const jue_ynode *nm = scalar(&c, root, "name");
    if (nm && file_name_ok(nm->value)) {
        p->name = jue_strdup(nm->value);
    } else {
        if (nm) err(&c, nm, "name：“%s”不能用作文件名（不能含“/”，也不能以“.”开头）", nm->value);
        const char *b = strrchr(file, '/');
        b = b ? b + 1 : file;
        size_t l = strlen(b);
        if (l > 5 && !strcmp(b + l - 5, ".yaml")) l -= 5;
        p->name = malloc(l + 1);
        if (p->name) { memcpy(p->name, b, l); p->name[l] = 0; }
    }
    scalar(&c, root, "title");
    /* the rule pack's name, checked by jue_rules_load_for */
    const jue_ynode *rn = scalar(&c, root, "rules");
    bool nomem = !(p->file = jue_strdup(file));
    if (rn) {
        nomem |= !(p->rules = jue_strdup(rn->value ? rn->value : ""));
        p->rules_line = rn->line;
        p->rules_col = rn->col;
    }
    const char *const data_keys[2] = { "notes", "glossary" };
    char **data_vals[2] = { &p->notes, &p->glossary };
    for (int k = 0; k < 2; k++) {
        const jue_ynode *n = scalar(&c, root, data_keys[k]);
        if (n && !file_name_ok(n->value)) err(&c, n, "“%s”是数据文件名：不能含“/”，也不能以“.”开头", n->value);
        *data_vals[k] = jue_strdup(n && file_name_ok(n->value) ? n->value : "national");
    }
    p->appendix = boolean(&c, root, "appendix", true);
    p->line_numbers = boolean(&c, root, "line_numbers", true);
    p->preparer_line = boolean(&c, root, "preparer_line", true);

    for (int i = 0; i < JUE_NTABLES; i++) p->number[i] = i + 1;
    const jue_ynode *tables = jue_ymap_get(root, "tables");
    if (tables) load_tables(&c, p, tables);
    p->label_fmt = jue_strdup("公开{nn}表");
    const jue_ynode *lab = jue_ymap_get(root, "table_label");
    if (lab) load_label(&c, p, lab);

    const jue_ynode *cl = jue_ymap_get(root, "t01_expenditure_classes");
    if (!cl || cl->type != JUE_Y_SEQ) {
        err(&c, cl, "缺少列表“t01_expenditure_classes”", NULL);
    } else {
        p->classes = calloc(cl->n ? cl->n : 1, sizeof *p->classes);
        if (!p->classes) { jue_ynode_free(root); jue_profile_free(p); return JUE_ERR_NOMEM; }
        for (size_t i = 0; i < cl->n; i++) {
            const jue_ynode *k = cl->items[i];
            if (k->type != JUE_Y_SCALAR || jue_code_level(JUE_CAT_FUNCTIONAL, k->value) != JUE_LEVEL_LEI) {
                err(&c, k, "不是功能分类类级编码", NULL);
                continue;
            }
            p->classes[p->nclasses++] = jue_strdup(k->value);
        }
    }
    load_table_texts(&c, root, "empty_notes", p->empty_note);
    load_table_texts(&c, root, "table_notes", p->table_note);
    const jue_ynode *ov = jue_ymap_get(root, "overview");
    if (ov) {
        load_overview(&c, p, ov);
    } else {
        static const struct { jue_overview_kind k; const char *t; } NAT[] = {
            { JUE_OV_DUTIES, "部门职责" }, { JUE_OV_ORGANISATION, "机构设置" }, { JUE_OV_UNITS, "决算单位构成" },
        };
        for (size_t i = 0; i < 3; i++) {
            p->overview[i].kind = NAT[i].k;
            p->overview[i].title = NAT[i].t;
        }
        p->noverview = 3;
    }
    jue_ynode_free(root);
    if (nomem || !p->name || !p->notes || !p->glossary || !p->label_fmt) {
        jue_profile_free(p);
        return JUE_ERR_NOMEM;
    }
    if (diags->errors != errs) { jue_profile_free(p); return JUE_ERR_INVALID; }
    *out = p;
    return JUE_OK;
}

jue_status jue_profile_load(const char *name, jue_profile **out, jue_diags *diags)
{
    *out = NULL;
    if (!name) name = "national";
    char path[4096];
    char *text;
    size_t len;
    jue_status rs = jue_data_yaml("profiles", name, "方案", path, sizeof path, &text, &len, diags);
    if (rs != JUE_OK) return rs;
    jue_status st = jue_profile_parse(path, text, len, out, diags);
    free(text);
    if (st == JUE_OK && strcmp((*out)->name, name)) {
        /* the file name is what --profile names; name: says the same */
        free((*out)->name);
        (*out)->name = jue_strdup(name);
        if (!(*out)->name) { jue_profile_free(*out); *out = NULL; return JUE_ERR_NOMEM; }
    }
    return st;
}

const char *jue_profile_name(const jue_profile *p) { return p->name; }

const char *jue_profile_rules(const jue_profile *p, const char **file, int *line, int *col)
{
    if (file) *file = p->file;
    if (line) *line = p->rules_line;
    if (col) *col = p->rules_col;
    return p->rules;
}

size_t jue_profile_t01_classes(const jue_profile *p, const char *const **codes)
{
    *codes = (const char *const *)p->classes;
    return p->nclasses;
}

int jue_profile_table_number(const jue_profile *p, jue_table_id t)
{
    return (unsigned)t < JUE_NTABLES ? p->number[t] : 0;
}

const char *jue_profile_table_label(const jue_profile *p, jue_table_id t, char *buf, size_t size)
{
    if (!size) return buf;
    buf[0] = 0;
    int n = jue_profile_table_number(p, t);
    if (n <= 0 || !p->label_fmt[0]) return buf;
    jue_buf b;
    jue_buf_init(&b);
    for (const char *s = p->label_fmt; *s;) {
        if (!strncmp(s, "{nn}", 4)) { jue_buf_printf(&b, "%02d", n); s += 4; }
        else if (!strncmp(s, "{n}", 3)) { jue_buf_printf(&b, "%d", n); s += 3; }
        else jue_buf_putc(&b, *s++);
    }
    snprintf(buf, size, "%s", jue_buf_str(&b));
    jue_buf_free(&b);
    return buf;
}

const char *jue_profile_notes(const jue_profile *p) { return p->notes; }
const char *jue_profile_glossary(const jue_profile *p) { return p->glossary; }
bool jue_profile_appendix(const jue_profile *p) { return p->appendix; }
bool jue_profile_line_numbers(const jue_profile *p) { return p->line_numbers; }

size_t jue_profile_overview(const jue_profile *p, const jue_overview_section **out)
{
    *out = p->overview;
    return p->noverview;
}

bool jue_profile_preparer_line(const jue_profile *p) { return p->preparer_line; }

/* text with {department} and {year} substituted; NULL for NULL */
static char *substitute(const char *text, const char *department, int year)
{
    if (!text) return NULL;
    jue_buf b;
    jue_buf_init(&b);
    for (const char *s = text; *s;) {
        if (!strncmp(s, "{department}", 12)) { jue_buf_puts(&b, department ? department : ""); s += 12; }
        else if (!strncmp(s, "{year}", 6)) { jue_buf_printf(&b, "%d", year); s += 6; }
        else jue_buf_putc(&b, *s++);
    }
    return jue_buf_take(&b);
}

char *jue_profile_empty_note(const jue_profile *p, jue_table_id t, const char *department, int year)
{
    return (unsigned)t < JUE_NTABLES ? substitute(p->empty_note[t], department, year) : NULL;
}

char *jue_profile_table_note(const jue_profile *p, jue_table_id t, const char *department, int year)
{
    return (unsigned)t < JUE_NTABLES ? substitute(p->table_note[t], department, year) : NULL;
}
