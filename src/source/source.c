/* Loading and validating a department-year source directory.
 * The format is documented in docs/formats.md; the key schema below is its
 * single definition in code. Every problem is collected, none stops loading. */
#include <juesuan/source.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/yaml_tree.h"

static const char *const SOURCE_NAMES[JUE_NSOURCES] = {
    "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
    "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
};
static const char *const FUND_NAMES[JUE_NFUNDS] = {
    "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "非财政拨款",
};
static const char *const KIND_NAMES[JUE_NKINDS] = {
    "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出",
};

const char *jue_income_source_name(jue_income_source s)
{
    return (unsigned)s < JUE_NSOURCES ? SOURCE_NAMES[s] : "";
}
const char *jue_fund_name(jue_fund f) { return (unsigned)f < JUE_NFUNDS ? FUND_NAMES[f] : ""; }
const char *jue_exp_kind_name(jue_exp_kind k) { return (unsigned)k < JUE_NKINDS ? KIND_NAMES[k] : ""; }

jue_fund jue_source_fund(jue_income_source s)
{
    switch (s) {
    case JUE_SRC_GENERAL: return JUE_FUND_GENERAL;
    case JUE_SRC_GOVFUND: return JUE_FUND_GOVFUND;
    case JUE_SRC_SOE: return JUE_FUND_SOE;
    default: return JUE_FUND_NONFISCAL;
    }
}

/* Words accepted for enumerations: the official name, its short forms, and
 * an ASCII alias for people who type in English. */
typedef struct { const char *word; int value; } alias;

static const alias SOURCE_ALIASES[] = {
    { "一般公共预算财政拨款收入", JUE_SRC_GENERAL }, { "一般公共预算财政拨款", JUE_SRC_GENERAL },
    { "一般公共预算", JUE_SRC_GENERAL }, { "general", JUE_SRC_GENERAL },
    { "政府性基金预算财政拨款收入", JUE_SRC_GOVFUND }, { "政府性基金预算财政拨款", JUE_SRC_GOVFUND },
    { "政府性基金", JUE_SRC_GOVFUND }, { "govfund", JUE_SRC_GOVFUND },
    { "国有资本经营预算财政拨款收入", JUE_SRC_SOE }, { "国有资本经营预算财政拨款", JUE_SRC_SOE },
    { "国有资本经营", JUE_SRC_SOE }, { "soe", JUE_SRC_SOE },
    { "上级补助收入", JUE_SRC_SUPERIOR }, { "上级补助", JUE_SRC_SUPERIOR }, { "superior", JUE_SRC_SUPERIOR },
    { "事业收入", JUE_SRC_BUSINESS }, { "事业", JUE_SRC_BUSINESS }, { "business", JUE_SRC_BUSINESS },
    { "经营收入", JUE_SRC_OPERATING }, { "经营", JUE_SRC_OPERATING }, { "operating", JUE_SRC_OPERATING },
    { "附属单位上缴收入", JUE_SRC_AFFILIATED }, { "附属单位上缴", JUE_SRC_AFFILIATED },
    { "affiliated", JUE_SRC_AFFILIATED },
    { "其他收入", JUE_SRC_OTHER }, { "其他", JUE_SRC_OTHER }, { "other", JUE_SRC_OTHER },
    { NULL, 0 },
};
static const alias FUND_ALIASES[] = {
    { "一般公共预算财政拨款", JUE_FUND_GENERAL }, { "一般公共预算", JUE_FUND_GENERAL },
    { "general", JUE_FUND_GENERAL },
    { "政府性基金预算财政拨款", JUE_FUND_GOVFUND }, { "政府性基金", JUE_FUND_GOVFUND },
    { "govfund", JUE_FUND_GOVFUND },
    { "国有资本经营预算财政拨款", JUE_FUND_SOE }, { "国有资本经营", JUE_FUND_SOE }, { "soe", JUE_FUND_SOE },
    { "非财政拨款", JUE_FUND_NONFISCAL }, { "nonfiscal", JUE_FUND_NONFISCAL },
    { NULL, 0 },
};
static const alias KIND_ALIASES[] = {
    { "基本支出", JUE_KIND_BASIC }, { "基本", JUE_KIND_BASIC }, { "basic", JUE_KIND_BASIC },
    { "项目支出", JUE_KIND_PROJECT }, { "项目", JUE_KIND_PROJECT }, { "project", JUE_KIND_PROJECT },
    { "上缴上级支出", JUE_KIND_TO_SUPERIOR }, { "上缴上级", JUE_KIND_TO_SUPERIOR },
    { "to_superior", JUE_KIND_TO_SUPERIOR },
    { "经营支出", JUE_KIND_OPERATING }, { "经营", JUE_KIND_OPERATING }, { "operating", JUE_KIND_OPERATING },
    { "对附属单位补助支出", JUE_KIND_TO_AFFILIATED }, { "对附属单位补助", JUE_KIND_TO_AFFILIATED },
    { "to_affiliated", JUE_KIND_TO_AFFILIATED },
    { NULL, 0 },
};
static const alias UNIT_TYPE_ALIASES[] = {
    { "行政单位", JUE_UNIT_ADMIN }, { "行政", JUE_UNIT_ADMIN }, { "admin", JUE_UNIT_ADMIN },
    { "参照公务员法管理事业单位", JUE_UNIT_CIVIL_LIKE }, { "参公事业单位", JUE_UNIT_CIVIL_LIKE },
    { "参公事业", JUE_UNIT_CIVIL_LIKE }, { "参公", JUE_UNIT_CIVIL_LIKE }, { "civil_like", JUE_UNIT_CIVIL_LIKE },
    { "事业单位", JUE_UNIT_PUBLIC_INST }, { "事业", JUE_UNIT_PUBLIC_INST }, { "institution", JUE_UNIT_PUBLIC_INST },
    { NULL, 0 },
};
static const alias WHEN_ALIASES[] = {
    { "年初", 0 }, { "年初结转和结余", 0 }, { "begin", 0 },
    { "年末", 1 }, { "年末结转和结余", 1 }, { "end", 1 },
    { NULL, 0 },
};

static int lookup_alias(const alias *a, const char *w)
{
    for (; a->word; a++)
        if (!strcmp(a->word, w)) return a->value;
    return -1;
}

static void list_words(const alias *a, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    int last = -1;
    for (; a->word && len + 1 < n; a++) {
        if (a->value == last) continue; /* first (official) word of each value */
        last = a->value;
        int w = snprintf(buf + len, n - len, "%s%s", len ? ", " : "", a->word);
        if (w < 0 || (size_t)w >= n - len) break;
        len += (size_t)w;
    }
}

/* ---------- department.yaml ---------- */

typedef enum { K_TEXT, K_INT, K_AMOUNT, K_BOOL, K_MAP, K_SEQ_MAP, K_SEQ_TEXT } key_type;

/* The schema of department.yaml: every key path and its type. "x[]" is a
 * list of maps whose keys are "x[].k". */
static const struct { const char *path; key_type type; } SCHEMA[] = {
    { "department", K_TEXT }, { "year", K_INT }, { "type", K_TEXT },
    { "units", K_SEQ_MAP }, { "units[].id", K_TEXT }, { "units[].name", K_TEXT },
    { "units[].type", K_TEXT }, { "units[].main", K_BOOL }, { "units[].note", K_TEXT },
    { "duties", K_TEXT }, { "organisation", K_TEXT }, { "internal_departments", K_SEQ_TEXT },
    { "staffing", K_MAP }, { "staffing.authorized", K_INT }, { "staffing.actual", K_INT },
    { "staffing.admin", K_INT }, { "staffing.institution", K_INT }, { "staffing.worker", K_INT },
    { "staffing.retired", K_INT }, { "staffing.authorized_admin", K_INT },
    { "staffing.authorized_institution", K_INT },
    { "balances", K_MAP }, { "balances.use_nonfiscal_surplus", K_AMOUNT },
    { "balances.surplus_distribution", K_AMOUNT },
    { "three_public", K_MAP }, { "three_public.budget", K_MAP },
    { "three_public.budget.abroad", K_AMOUNT }, { "three_public.budget.car_purchase", K_AMOUNT },
    { "three_public.budget.car_running", K_AMOUNT }, { "three_public.budget.reception", K_AMOUNT },
    { "three_public.actual", K_MAP },
    { "three_public.actual.abroad", K_AMOUNT }, { "three_public.actual.car_purchase", K_AMOUNT },
    { "three_public.actual.car_running", K_AMOUNT }, { "three_public.actual.reception", K_AMOUNT },
    { "three_public.abroad_groups", K_INT }, { "three_public.abroad_people", K_INT },
    { "three_public.vehicles_held", K_INT }, { "three_public.vehicles_bought", K_INT },
    { "three_public.reception_batches", K_INT }, { "three_public.reception_persons", K_INT },
    { "three_public.reception_foreign_batches", K_INT },
    { "three_public.reception_foreign_persons", K_INT },
    { "meetings", K_MAP }, { "meetings.budget", K_AMOUNT }, { "meetings.actual", K_AMOUNT },
    { "meetings.count", K_INT }, { "meetings.persons", K_INT },
    { "training", K_MAP }, { "training.budget", K_AMOUNT }, { "training.actual", K_AMOUNT },
    { "training.count", K_INT }, { "training.persons", K_INT },
    { "operating_expenses", K_AMOUNT },
    { "procurement", K_MAP }, { "procurement.goods", K_AMOUNT }, { "procurement.works", K_AMOUNT },
    { "procurement.services", K_AMOUNT }, { "procurement.sme", K_AMOUNT },
    { "procurement.small_micro", K_AMOUNT }, { "procurement.reserved_sme", K_AMOUNT },
    { "procurement.reserved_small_micro", K_AMOUNT }, { "procurement.reserved_sme_awarded", K_AMOUNT },
    { "procurement.reserved_small_micro_awarded", K_AMOUNT },
    { "assets", K_MAP }, { "assets.vehicles", K_SEQ_MAP }, { "assets.vehicles[].category", K_TEXT },
    { "assets.vehicles[].count", K_INT }, { "assets.equipment_over_50", K_INT },
    { "assets.equipment_over_100", K_INT }, { "assets.land_area", K_TEXT },
    { "assets.building_area", K_TEXT },
    { "last_year", K_MAP }, { "last_year.income_total", K_AMOUNT },
    { "last_year.expenditure_total", K_AMOUNT }, { "last_year.general_expenditure", K_AMOUNT },
    { "last_year.basic", K_AMOUNT }, { "last_year.project", K_AMOUNT },
    { "last_year.personnel", K_AMOUNT }, { "last_year.public", K_AMOUNT },
    { "last_year.three_public", K_AMOUNT }, { "last_year.operating_expenses", K_AMOUNT },
    { "last_year.meetings", K_AMOUNT }, { "last_year.training", K_AMOUNT },
    { "last_year.fiscal_total", K_AMOUNT }, { "last_year.three_public_abroad", K_AMOUNT },
    { "last_year.three_public_car", K_AMOUNT }, { "last_year.three_public_reception", K_AMOUNT },
    { "reasons", K_MAP }, { "reasons.total_change", K_TEXT }, { "reasons.fiscal_change", K_TEXT },
    { "reasons.general_change", K_TEXT }, { "reasons.general_budget", K_TEXT },
    { "reasons.three_public_budget", K_TEXT }, { "reasons.three_public_change", K_TEXT },
    { "reasons.abroad_change", K_TEXT }, { "reasons.car_change", K_TEXT },
    { "reasons.reception_change", K_TEXT }, { "reasons.operating_change", K_TEXT },
    { "performance", K_TEXT },
    { "glossary", K_SEQ_MAP }, { "glossary[].term", K_TEXT }, { "glossary[].text", K_TEXT },
    { "notes", K_TEXT },
};

typedef struct {
    const char *file;
    jue_diags *d;
} ctx;

static int schema_find(const char *path)
{
    for (size_t i = 0; i < sizeof SCHEMA / sizeof SCHEMA[0]; i++)
        if (!strcmp(SCHEMA[i].path, path)) return (int)i;
    return -1;
}

static bool parse_int(const char *s, long *out)
{
    char *end;
    if (!*s) return false;
    long v = strtol(s, &end, 10);
    if (*end || v < 0 || v > 100000000) return false;
    *out = v;
    return true;
}

static bool parse_yaml_amount(const ctx *c, const jue_ynode *n, jue_fen *out)
{
    jue_amount a;
    const char *why = NULL;
    if (n->type != JUE_Y_SCALAR) return false;
    jue_status st = jue_amount_parse(n->value, strlen(n->value), JUE_UNIT_YUAN, &a, &why);
    if (st != JUE_OK) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, n->line, n->col, "malformed amount '%s': %s",
                     n->value, why ? why : jue_status_str(st));
        return false;
    }
    *out = a.value;
    return true;
}

static void validate(const ctx *c, const jue_ynode *map, const char *prefix)
{
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const jue_ynode *k = map->items[i], *v = map->items[i + 1];
        if (k->type != JUE_Y_SCALAR) {
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, k->line, k->col, "a key must be plain text");
            continue;
        }
        for (size_t j = 0; j < i; j += 2)
            if (map->items[j]->type == JUE_Y_SCALAR && !strcmp(map->items[j]->value, k->value))
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, k->line, k->col,
                             "duplicate key '%s'", k->value);
        char path[256];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", k->value);
        int si = schema_find(path);
        if (si < 0) {
            jue_diag_add(c->d, JUE_SEV_WARNING, c->file, k->line, k->col,
                         "unknown key '%s' (ignored; see docs/formats.md)", path);
            continue;
        }
        key_type t = SCHEMA[si].type;
        if (v->type == JUE_Y_SCALAR && v->plain_null) continue; /* left empty: not given */
        switch (t) {
        case K_TEXT:
            if (v->type != JUE_Y_SCALAR)
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col, "'%s' must be text", path);
            break;
        case K_INT: {
            long x;
            if (v->type != JUE_Y_SCALAR || !parse_int(v->value, &x))
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col,
                             "'%s' must be a whole number ≥ 0", path);
            break;
        }
        case K_AMOUNT: {
            jue_fen x;
            if (v->type != JUE_Y_SCALAR)
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col, "'%s' must be an amount", path);
            else
                parse_yaml_amount(c, v, &x);
            break;
        }
        case K_BOOL:
            if (v->type != JUE_Y_SCALAR ||
                (strcmp(v->value, "true") && strcmp(v->value, "false") && strcmp(v->value, "yes") &&
                 strcmp(v->value, "no")))
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col,
                             "'%s' must be true or false", path);
            break;
        case K_MAP:
            if (v->type != JUE_Y_MAP)
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col, "'%s' must be a mapping", path);
            else
                validate(c, v, path);
            break;
        case K_SEQ_MAP: {
            if (v->type != JUE_Y_SEQ) {
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col, "'%s' must be a list", path);
                break;
            }
            char ipath[260];
            snprintf(ipath, sizeof ipath, "%s[]", path);
            for (size_t j = 0; j < v->n; j++) {
                if (v->items[j]->type != JUE_Y_MAP)
                    jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->items[j]->line, v->items[j]->col,
                                 "each item of '%s' must be a mapping", path);
                else
                    validate(c, v->items[j], ipath);
            }
            break;
        }
        case K_SEQ_TEXT:
            if (v->type != JUE_Y_SEQ) {
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col, "'%s' must be a list", path);
                break;
            }
            for (size_t j = 0; j < v->n; j++)
                if (v->items[j]->type != JUE_Y_SCALAR)
                    jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->items[j]->line, v->items[j]->col,
                                 "each item of '%s' must be text", path);
            break;
        }
    }
}

static const char *scalar(const jue_ynode *n)
{
    return (n && n->type == JUE_Y_SCALAR && !n->plain_null) ? n->value : NULL;
}

static const jue_ynode *path_get(const jue_ynode *root, const char *a, const char *b, const char *cc)
{
    const jue_ynode *n = jue_ymap_get(root, a);
    if (n && b) n = jue_ymap_get(n, b);
    if (n && cc) n = jue_ymap_get(n, cc);
    return n;
}

static void amount_at(const ctx *c, const jue_ynode *n, jue_fen *out)
{
    if (scalar(n)) {
        jue_fen v;
        /* errors were reported by validate(); parse again silently */
        jue_amount a;
        if (jue_amount_parse(n->value, strlen(n->value), JUE_UNIT_YUAN, &a, NULL) == JUE_OK) v = a.value;
        else v = 0;
        *out = v;
    }
    (void)c;
}

static void load_meta(const ctx *c, const jue_ynode *root, const jue_catalog *cat, jue_source *s)
{
    if (root->type != JUE_Y_MAP) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, root->line, root->col,
                     "department.yaml must be a mapping of keys to values");
        return;
    }
    validate(c, root, "");
    const char *dep = scalar(jue_ymap_get(root, "department"));
    if (!dep)
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, 1, 1, "missing 'department' (the department's name)");
    else
        s->department = jue_strdup(dep);

    const jue_ynode *y = jue_ymap_get(root, "year");
    long year = 0;
    if (!scalar(y)) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, 1, 1, "missing 'year'");
    } else if (parse_int(y->value, &year)) {
        int from, to;
        jue_catalog_years(cat, JUE_CAT_FUNCTIONAL, &from, &to);
        if (year < from || year > to)
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, y->line, y->col,
                         "year %ld is not covered by the classification catalog (%d–%d)", year, from, to);
        else
            s->year = (int)year;
    }

    const jue_ynode *t = jue_ymap_get(root, "type");
    s->type = JUE_UNIT_ADMIN;
    if (scalar(t)) {
        int v = lookup_alias(UNIT_TYPE_ALIASES, t->value);
        char words[256];
        list_words(UNIT_TYPE_ALIASES, words, sizeof words);
        if (v < 0)
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, t->line, t->col,
                         "unknown unit type '%s' (one of: %s)", t->value, words);
        else
            s->type = (jue_unit_type)v;
    }

    const jue_ynode *units = jue_ymap_get(root, "units");
    if (!units || units->type != JUE_Y_SEQ || units->n == 0) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, units ? units->line : 1, units ? units->col : 1,
                     "'units' must list the units consolidated (本级 and subordinate units)");
    } else {
        s->units = calloc(units->n, sizeof *s->units);
        if (!s->units) return;
        int mains = 0;
        for (size_t i = 0; i < units->n; i++) {
            const jue_ynode *u = units->items[i];
            if (u->type != JUE_Y_MAP) continue;
            jue_unit_info *ui = &s->units[s->nunits];
            const char *id = scalar(jue_ymap_get(u, "id"));
            const char *name = scalar(jue_ymap_get(u, "name"));
            if (!id || !name) {
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, u->line, u->col, "a unit needs 'id' and 'name'");
                continue;
            }
            for (size_t j = 0; j < s->nunits; j++)
                if (!strcmp(s->units[j].id, id))
                    jue_diag_add(c->d, JUE_SEV_ERROR, c->file, u->line, u->col, "duplicate unit id '%s'", id);
            ui->id = jue_strdup(id);
            ui->name = jue_strdup(name);
            ui->type = s->type;
            const jue_ynode *ut = jue_ymap_get(u, "type");
            if (scalar(ut)) {
                int v = lookup_alias(UNIT_TYPE_ALIASES, ut->value);
                if (v < 0)
                    jue_diag_add(c->d, JUE_SEV_ERROR, c->file, ut->line, ut->col, "unknown unit type '%s'",
                                 ut->value);
                else
                    ui->type = (jue_unit_type)v;
            }
            const char *m = scalar(jue_ymap_get(u, "main"));
            ui->is_main = m && (!strcmp(m, "true") || !strcmp(m, "yes"));
            mains += ui->is_main;
            s->nunits++;
        }
        if (s->nunits == 1 && mains == 0) s->units[0].is_main = true, mains = 1;
        if (mains != 1)
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, units->line, units->col,
                         "exactly one unit must be the main unit (main: true, 本级); found %d", mains);
    }

    /* 收入总计 and 支出总计 are equal every year, last year's too */
    const jue_ynode *li = path_get(root, "last_year", "income_total", NULL),
                    *le = path_get(root, "last_year", "expenditure_total", NULL);
    if (scalar(li) && scalar(le)) {
        jue_fen a = 0, b = 0;
        amount_at(c, li, &a);
        amount_at(c, le, &b);
        if (a != b)
            jue_diag_add(c->d, JUE_SEV_WARNING, c->file, le->line, le->col,
                         "last_year: income_total and expenditure_total (上年收入总计/支出总计) should be equal");
    }
    amount_at(c, path_get(root, "balances", "use_nonfiscal_surplus", NULL), &s->use_nonfiscal);
    amount_at(c, path_get(root, "balances", "surplus_distribution", NULL), &s->distribution);
    static const char *const K3[JUE_N3P] = { "abroad", "car_purchase", "car_running", "reception" };
    for (int i = 0; i < JUE_N3P; i++) {
        amount_at(c, path_get(root, "three_public", "budget", K3[i]), &s->three_budget[i]);
        const jue_ynode *a = path_get(root, "three_public", "actual", K3[i]);
        if (scalar(a)) {
            s->has_three_actual = true;
            amount_at(c, a, &s->three_actual[i]);
        }
    }
}

/* ---------- CSV ledgers ---------- */

enum { F_UNIT, F_SOURCE, F_FUND, F_KIND, F_CODE, F_ECON, F_PROJECT, F_AMOUNT, F_WHEN, F_BUDGET,
       F_REASON, F_NFIELDS };

static const struct { const char *word; int field; } HEADERS[] = {
    { "unit", F_UNIT }, { "单位", F_UNIT },
    { "source", F_SOURCE }, { "收入来源", F_SOURCE }, { "来源", F_SOURCE },
    { "fund", F_FUND }, { "资金性质", F_FUND }, { "资金来源", F_FUND },
    { "kind", F_KIND }, { "支出类型", F_KIND }, { "支出性质", F_KIND },
    { "code", F_CODE }, { "功能分类科目编码", F_CODE }, { "科目编码", F_CODE }, { "功能科目", F_CODE },
    { "econ", F_ECON }, { "经济分类科目编码", F_ECON }, { "经济分类", F_ECON }, { "经济科目", F_ECON },
    { "project", F_PROJECT }, { "项目名称", F_PROJECT }, { "项目", F_PROJECT },
    { "amount", F_AMOUNT }, { "金额", F_AMOUNT }, { "金额（元）", F_AMOUNT }, { "金额(元)", F_AMOUNT },
    { "when", F_WHEN }, { "时点", F_WHEN },
    { "budget", F_BUDGET }, { "年初预算", F_BUDGET }, { "年初预算数", F_BUDGET },
    { "reason", F_REASON }, { "原因", F_REASON }, { "差异原因", F_REASON },
};
static const char *const FIELD_NAMES[F_NFIELDS] = {
    "unit", "source", "fund", "kind", "code", "econ", "project", "amount", "when", "budget", "reason",
};

typedef struct {
    const char *file;
    int col_of[F_NFIELDS];   /* record column of each field, -1 absent */
} header_map;

static bool read_header(const ctx *c, jue_csv_record *h, header_map *hm, const int *required,
                        size_t nreq, const int *optional, size_t nopt)
{
    for (int i = 0; i < F_NFIELDS; i++) hm->col_of[i] = -1;
    for (size_t i = 0; i < h->n; i++) {
        int f = -1;
        for (size_t j = 0; j < sizeof HEADERS / sizeof HEADERS[0]; j++)
            if (!strcmp(HEADERS[j].word, h->f[i].text)) f = HEADERS[j].field;
        bool allowed = false;
        for (size_t j = 0; j < nreq; j++) allowed |= required[j] == f;
        for (size_t j = 0; j < nopt; j++) allowed |= optional[j] == f;
        if (f < 0 || !allowed) {
            jue_diag_add(c->d, JUE_SEV_WARNING, c->file, h->f[i].line, h->f[i].col,
                         "unknown column '%s' (ignored)", h->f[i].text);
            continue;
        }
        if (hm->col_of[f] >= 0)
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, h->f[i].line, h->f[i].col,
                         "column '%s' appears twice", h->f[i].text);
        hm->col_of[f] = (int)i;
    }
    bool ok = true;
    for (size_t j = 0; j < nreq; j++)
        if (hm->col_of[required[j]] < 0) {
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, h->line, 1, "missing column '%s'",
                         FIELD_NAMES[required[j]]);
            ok = false;
        }
    return ok;
}

/* The field's text, or "" when the record is short. */
static const jue_csv_field *fld(const jue_csv_record *r, const header_map *hm, int f, jue_csv_field *empty)
{
    int i = hm->col_of[f];
    if (i >= 0 && (size_t)i < r->n) return &r->f[i];
    empty->text = (char *)"";
    empty->line = r->line;
    empty->col = 1;
    return empty;
}

static int get_unit(const ctx *c, const jue_source *s, const jue_csv_field *f)
{
    if (!*f->text && s->nunits == 1) return 0;
    for (size_t i = 0; i < s->nunits; i++)
        if (!strcmp(s->units[i].id, f->text) || !strcmp(s->units[i].name, f->text)) return (int)i;
    if (s->nunits)
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col,
                     "unknown unit '%s' (declare it under 'units' in department.yaml)", f->text);
    return -1;
}

static int get_enum(const ctx *c, const alias *a, const jue_csv_field *f, const char *what)
{
    int v = lookup_alias(a, f->text);
    if (v < 0) {
        char words[512];
        list_words(a, words, sizeof words);
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col, "unknown %s '%s' (one of: %s)", what,
                     f->text, words);
    }
    return v;
}

/* A functional code that must be a 项 existing in the year. */
static bool get_xiang(const ctx *c, const jue_catalog *cat, int year, const jue_csv_field *f, char out[8],
                      bool optional)
{
    out[0] = 0;
    if (!*f->text) {
        if (optional) return true;
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col,
                     "missing functional classification code (a 7-digit 项)");
        return false;
    }
    jue_level lv = jue_code_level(JUE_CAT_FUNCTIONAL, f->text);
    if (lv == JUE_LEVEL_NONE) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col,
                     "'%s' is not a functional classification code (3, 5 or 7 digits)", f->text);
        return false;
    }
    if (lv != JUE_LEVEL_XIANG) {
        const char *nm = year ? jue_catalog_name(cat, JUE_CAT_FUNCTIONAL, f->text, year) : NULL;
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col,
                     "%s code '%s'%s%s%s where a 项 (7 digits) is required", lv == JUE_LEVEL_LEI ? "类" : "款",
                     f->text, nm ? " (" : "", nm ? nm : "", nm ? ")" : "");
        return false;
    }
    if (year && !jue_catalog_name(cat, JUE_CAT_FUNCTIONAL, f->text, year)) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col,
                     "functional code '%s' does not exist in the %d classification", f->text, year);
        return false;
    }
    memcpy(out, f->text, 8);
    return true;
}

static bool get_amount(const ctx *c, const jue_csv_field *f, jue_fen *out, bool allow_blank)
{
    jue_amount a;
    const char *why = NULL;
    if (!*f->text && !allow_blank) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col, "missing amount");
        return false;
    }
    jue_status st = jue_amount_parse(f->text, strlen(f->text), JUE_UNIT_YUAN, &a, &why);
    if (st != JUE_OK) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col, "malformed amount '%s': %s", f->text,
                     why ? why : jue_status_str(st));
        return false;
    }
    if (a.decimals > 2 && a.unit == JUE_UNIT_YUAN) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col,
                     "amount '%s' has more than 2 decimals of 元 (amounts are in 元 and 分)", f->text);
        return false;
    }
    *out = a.value;
    return true;
}

#define GROW(arr, n, cap_var)                                                                 \
    do {                                                                                     \
        if ((n) == (cap_var)) {                                                              \
            size_t nc_ = (cap_var) ? (cap_var) * 2 : 64;                                     \
            void *np_ = realloc((arr), nc_ * sizeof *(arr));                                 \
            if (!np_) return JUE_ERR_NOMEM;                                                  \
            (arr) = np_;                                                                     \
            (cap_var) = nc_;                                                                 \
        }                                                                                    \
    } while (0)

typedef enum { CSV_INCOME, CSV_EXPEND, CSV_CARRY, CSV_BUDGET } csv_kind;

static jue_status load_csv(const ctx *c, csv_kind kind, const char *text, size_t len,
                           const jue_catalog *cat, jue_source *s)
{
    static const int req_inc[] = { F_UNIT, F_SOURCE, F_CODE, F_AMOUNT };
    static const int req_exp[] = { F_UNIT, F_FUND, F_KIND, F_CODE, F_AMOUNT };
    static const int opt_exp[] = { F_ECON, F_PROJECT };
    static const int req_car[] = { F_UNIT, F_FUND, F_WHEN, F_AMOUNT };
    static const int opt_car[] = { F_CODE };
    static const int req_bud[] = { F_CODE, F_BUDGET };
    static const int opt_bud[] = { F_REASON };
    jue_csv_reader rd;
    jue_csv_init(&rd, c->file, text, len);
    jue_csv_record r = { 0 };
    header_map hm;
    int got = jue_csv_next(&rd, &r, c->d);
    if (got <= 0) {
        if (got == 0) jue_diag_add(c->d, JUE_SEV_ERROR, c->file, 1, 1, "empty file: a header row is required");
        jue_csv_record_free(&r);
        return JUE_OK;
    }
    bool ok;
    switch (kind) {
    case CSV_INCOME: ok = read_header(c, &r, &hm, req_inc, 4, NULL, 0); break;
    case CSV_EXPEND: ok = read_header(c, &r, &hm, req_exp, 5, opt_exp, 2); break;
    case CSV_CARRY: ok = read_header(c, &r, &hm, req_car, 4, opt_car, 1); break;
    default: ok = read_header(c, &r, &hm, req_bud, 2, opt_bud, 1); break;
    }
    if (!ok) { jue_csv_record_free(&r); return JUE_OK; }
    size_t cap_inc = s->nincome, cap_exp = s->nexp, cap_car = s->ncarry, cap_bud = s->nbudget;
    jue_csv_field empty;
    while ((got = jue_csv_next(&rd, &r, c->d)) != 0) {
        if (got < 0) continue;
        bool good = true;
        int unit = -1;
        if (kind != CSV_BUDGET) {
            unit = get_unit(c, s, fld(&r, &hm, F_UNIT, &empty));
            good &= unit >= 0;
        }
        if (kind == CSV_INCOME) {
            jue_income_line l = { 0 };
            int src = get_enum(c, SOURCE_ALIASES, fld(&r, &hm, F_SOURCE, &empty), "income source");
            good &= src >= 0;
            good &= get_xiang(c, cat, s->year, fld(&r, &hm, F_CODE, &empty), l.code, false);
            good &= get_amount(c, fld(&r, &hm, F_AMOUNT, &empty), &l.amount, false);
            if (!good) continue;
            l.unit = unit;
            l.source = (jue_income_source)src;
            l.line = r.line;
            GROW(s->income, s->nincome, cap_inc);
            s->income[s->nincome++] = l;
        } else if (kind == CSV_EXPEND) {
            jue_exp_line l = { 0 };
            const jue_csv_field *ff = fld(&r, &hm, F_FUND, &empty), *kf = fld(&r, &hm, F_KIND, &empty);
            int fund = get_enum(c, FUND_ALIASES, ff, "fund");
            int k = get_enum(c, KIND_ALIASES, kf, "expenditure kind");
            good &= fund >= 0 && k >= 0;
            if (fund >= 0 && fund != JUE_FUND_NONFISCAL && k > JUE_KIND_PROJECT) {
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, kf->line, kf->col,
                             "%s cannot be paid from %s: fiscal appropriations are spent as 基本支出 or "
                             "项目支出 only", jue_exp_kind_name((jue_exp_kind)k), jue_fund_name((jue_fund)fund));
                good = false;
            }
            good &= get_xiang(c, cat, s->year, fld(&r, &hm, F_CODE, &empty), l.code, false);
            const jue_csv_field *ef = fld(&r, &hm, F_ECON, &empty);
            if (*ef->text) {
                if (jue_code_level(JUE_CAT_ECONOMIC, ef->text) != JUE_LEVEL_KUAN) {
                    jue_diag_add(c->d, JUE_SEV_ERROR, c->file, ef->line, ef->col,
                                 "'%s' is not an economic classification 款 (5 digits)", ef->text);
                    good = false;
                } else if (s->year && !jue_catalog_name(cat, JUE_CAT_ECONOMIC, ef->text, s->year)) {
                    jue_diag_add(c->d, JUE_SEV_ERROR, c->file, ef->line, ef->col,
                                 "economic code '%s' does not exist in the %d classification", ef->text,
                                 s->year);
                    good = false;
                } else {
                    memcpy(l.econ, ef->text, 6);
                }
            } else if (fund == JUE_FUND_GENERAL && k == JUE_KIND_BASIC) {
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, ef->line, ef->col,
                             "基本支出 from 一般公共预算 needs an economic classification 款 (table 06)");
                good = false;
            }
            good &= get_amount(c, fld(&r, &hm, F_AMOUNT, &empty), &l.amount, false);
            if (!good) continue;
            const jue_csv_field *pf = fld(&r, &hm, F_PROJECT, &empty);
            l.project = *pf->text ? jue_strdup(pf->text) : NULL;
            l.unit = unit;
            l.fund = (jue_fund)fund;
            l.kind = (jue_exp_kind)k;
            l.line = r.line;
            if (s->nexp == cap_exp) {
                size_t nc = cap_exp ? cap_exp * 2 : 64;
                jue_exp_line *np = realloc(s->exp, nc * sizeof *np);
                if (!np) { free(l.project); jue_csv_record_free(&r); return JUE_ERR_NOMEM; }
                s->exp = np;
                cap_exp = nc;
            }
            s->exp[s->nexp++] = l;
        } else if (kind == CSV_CARRY) {
            jue_carry_line l = { 0 };
            const jue_csv_field *ff = fld(&r, &hm, F_FUND, &empty);
            int fund = get_enum(c, FUND_ALIASES, ff, "fund");
            int w = get_enum(c, WHEN_ALIASES, fld(&r, &hm, F_WHEN, &empty), "time (年初/年末)");
            good &= fund >= 0 && w >= 0;
            const jue_csv_field *cf = fld(&r, &hm, F_CODE, &empty);
            bool need_code = fund == JUE_FUND_GOVFUND || fund == JUE_FUND_SOE;
            good &= get_xiang(c, cat, s->year, cf, l.code, !need_code);
            good &= get_amount(c, fld(&r, &hm, F_AMOUNT, &empty), &l.amount, false);
            if (!good) continue;
            l.unit = unit;
            l.fund = (jue_fund)fund;
            l.end = w == 1;
            l.line = r.line;
            GROW(s->carry, s->ncarry, cap_car);
            s->carry[s->ncarry++] = l;
        } else {
            jue_budget_line l = { 0 };
            good &= get_xiang(c, cat, s->year, fld(&r, &hm, F_CODE, &empty), l.code, false);
            good &= get_amount(c, fld(&r, &hm, F_BUDGET, &empty), &l.budget, true);
            if (!good) continue;
            const jue_csv_field *rf = fld(&r, &hm, F_REASON, &empty);
            l.reason = *rf->text ? jue_strdup(rf->text) : NULL;
            l.line = r.line;
            if (s->nbudget == cap_bud) {
                size_t nc = cap_bud ? cap_bud * 2 : 64;
                jue_budget_line *np = realloc(s->budget, nc * sizeof *np);
                if (!np) { free(l.reason); jue_csv_record_free(&r); return JUE_ERR_NOMEM; }
                s->budget = np;
                cap_bud = nc;
            }
            s->budget[s->nbudget++] = l;
        }
    }
    jue_csv_record_free(&r);
    return JUE_OK;
}

/* ---------- balances ---------- */

static void fmt_yuan(jue_fen v, char *b, size_t n) { jue_fmt_yuan(v, true, b, n); }

static void check_balances(jue_source *s, jue_diags *d)
{
    char carry_file[4096], inc_file[4096];
    jue_source_path(s, "carryover.csv", carry_file, sizeof carry_file);
    jue_source_path(s, "income.csv", inc_file, sizeof inc_file);
    jue_fen inc[JUE_NFUNDS] = { 0 }, exp[JUE_NFUNDS] = { 0 }, beg[JUE_NFUNDS] = { 0 }, end[JUE_NFUNDS] = { 0 };
    bool ovf = false;
    for (size_t i = 0; i < s->nincome; i++)
        ovf |= !jue_fen_add(inc[jue_source_fund(s->income[i].source)], s->income[i].amount,
                            &inc[jue_source_fund(s->income[i].source)]);
    for (size_t i = 0; i < s->nexp; i++) ovf |= !jue_fen_add(exp[s->exp[i].fund], s->exp[i].amount, &exp[s->exp[i].fund]);
    for (size_t i = 0; i < s->ncarry; i++) {
        jue_fen *t = s->carry[i].end ? &end[s->carry[i].fund] : &beg[s->carry[i].fund];
        ovf |= !jue_fen_add(*t, s->carry[i].amount, t);
    }
    if (ovf) {
        jue_diag_add(d, JUE_SEV_ERROR, inc_file, 0, 0, "amounts add up beyond what can be represented");
        return;
    }
    /* Fiscal funds balance on their own: 年初 + 收入 = 支出 + 年末 (table 04). */
    for (int f = JUE_FUND_GENERAL; f <= JUE_FUND_SOE; f++) {
        jue_fen lhs = beg[f] + inc[f], rhs = exp[f] + end[f];
        if (lhs != rhs) {
            char a[4][40], diff[40];
            fmt_yuan(beg[f], a[0], 40); fmt_yuan(inc[f], a[1], 40);
            fmt_yuan(exp[f], a[2], 40); fmt_yuan(end[f], a[3], 40);
            fmt_yuan(lhs - rhs, diff, 40);
            jue_diag_add(d, JUE_SEV_ERROR, carry_file, 1, 1,
                         "unbalanced carry-overs for %s: 年初 %s + 收入 %s ≠ 支出 %s + 年末 %s "
                         "(difference %s 元)", jue_fund_name((jue_fund)f), a[0], a[1], a[2], a[3], diff);
        }
    }
    /* The whole department (table 01): 收入总计 = 支出总计. */
    jue_fen lhs = s->use_nonfiscal, rhs = s->distribution;
    for (int f = 0; f < JUE_NFUNDS; f++) { lhs += beg[f] + inc[f]; rhs += exp[f] + end[f]; }
    if (lhs != rhs) {
        char a[40], b[40], diff[40];
        fmt_yuan(lhs, a, 40); fmt_yuan(rhs, b, 40); fmt_yuan(lhs - rhs, diff, 40);
        jue_diag_add(d, JUE_SEV_ERROR, carry_file, 1, 1,
                     "unbalanced totals: 本年收入 + 使用非财政拨款结余 + 年初结转和结余 = %s 元 but "
                     "本年支出 + 结余分配 + 年末结转和结余 = %s 元 (difference %s 元)", a, b, diff);
    }
    /* 政府性基金 and 国有资本经营 balance per 项 (tables 07 and 08). */
    for (int f = JUE_FUND_GOVFUND; f <= JUE_FUND_SOE; f++) {
        /* collect the codes that appear for this fund */
        for (size_t pass = 0; pass < s->nincome + s->nexp + s->ncarry; pass++) {
            const char *code;
            int line;
            if (pass < s->nincome) {
                if (jue_source_fund(s->income[pass].source) != (jue_fund)f) continue;
                code = s->income[pass].code; line = s->income[pass].line;
            } else if (pass < s->nincome + s->nexp) {
                const jue_exp_line *e = &s->exp[pass - s->nincome];
                if (e->fund != (jue_fund)f) continue;
                code = e->code; line = e->line;
            } else {
                const jue_carry_line *cl = &s->carry[pass - s->nincome - s->nexp];
                if (cl->fund != (jue_fund)f) continue;
                code = cl->code; line = cl->line;
            }
            (void)line;
            /* first occurrence only */
            bool seen = false;
            for (size_t q = 0; q < pass && !seen; q++) {
                const char *c2 = NULL;
                if (q < s->nincome) { if (jue_source_fund(s->income[q].source) == (jue_fund)f) c2 = s->income[q].code; }
                else if (q < s->nincome + s->nexp) { if (s->exp[q - s->nincome].fund == (jue_fund)f) c2 = s->exp[q - s->nincome].code; }
                else if (s->carry[q - s->nincome - s->nexp].fund == (jue_fund)f) c2 = s->carry[q - s->nincome - s->nexp].code;
                seen = c2 && !strcmp(c2, code);
            }
            if (seen) continue;
            jue_fen b = 0, i = 0, x = 0, e = 0;
            for (size_t q = 0; q < s->nincome; q++)
                if (jue_source_fund(s->income[q].source) == (jue_fund)f && !strcmp(s->income[q].code, code)) i += s->income[q].amount;
            for (size_t q = 0; q < s->nexp; q++)
                if (s->exp[q].fund == (jue_fund)f && !strcmp(s->exp[q].code, code)) x += s->exp[q].amount;
            for (size_t q = 0; q < s->ncarry; q++)
                if (s->carry[q].fund == (jue_fund)f && !strcmp(s->carry[q].code, code))
                    *(s->carry[q].end ? &e : &b) += s->carry[q].amount;
            if (b + i != x + e) {
                char t[4][40];
                fmt_yuan(b, t[0], 40); fmt_yuan(i, t[1], 40); fmt_yuan(x, t[2], 40); fmt_yuan(e, t[3], 40);
                jue_diag_add(d, JUE_SEV_ERROR, carry_file, 1, 1,
                             "unbalanced %s for %s: 年初 %s + 收入 %s ≠ 支出 %s + 年末 %s",
                             jue_fund_name((jue_fund)f), code, t[0], t[1], t[2], t[3]);
            }
        }
    }
}

/* ---------- entry points ---------- */

const char *jue_source_path(const jue_source *s, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", s->dir ? s->dir : ".", name);
    return buf;
}

void jue_source_free(jue_source *s)
{
    if (!s) return;
    free(s->dir);
    free(s->department);
    for (size_t i = 0; i < s->nunits; i++) {
        free(s->units[i].id);
        free(s->units[i].name);
    }
    free(s->units);
    free(s->income);
    for (size_t i = 0; i < s->nexp; i++) free(s->exp[i].project);
    free(s->exp);
    free(s->carry);
    for (size_t i = 0; i < s->nbudget; i++) free(s->budget[i].reason);
    free(s->budget);
    jue_ynode_free(s->meta);
    jue_perf_set_free(s->perf);
    free(s);
}

/* perf.yaml against the ledger: a project's 全年执行数 is what
 * expenditure.csv spent on it, and the 部门整体 全年执行数 is the year's
 * expenditure (本年支出合计); otherwise the disclosure would contradict
 * itself between its tables and its 自评表. */
static void check_perf(jue_source *s, jue_diags *d)
{
    const jue_perf_set *p = s->perf;
    char yuan[2][40];
    if (p->year && s->year && p->year != s->year)
        jue_diag_add(d, JUE_SEV_ERROR, p->file, p->year_line, p->year_col,
                     "the self-evaluations are of %d, the accounts of %d", p->year, s->year);
    for (size_t k = 0; k < p->n; k++) {
        const jue_perf_eval *e = &p->evals[k];
        jue_perf_funds t = jue_perf_total_funds(e);
        jue_fen sum = 0;
        bool found = false, ovf = false;
        for (size_t i = 0; i < s->nexp; i++) {
            const jue_exp_line *x = &s->exp[i];
            if (e->kind == JUE_PERF_PROJECT && (!x->project || !e->name || strcmp(x->project, e->name))) continue;
            found = true;
            ovf |= !jue_fen_add(sum, x->amount, &sum);
        }
        if (ovf || !t.executed.present) continue;
        if (!found) {
            if (e->kind == JUE_PERF_PROJECT)
                jue_diag_add(d, JUE_SEV_WARNING, p->file, e->line, 1,
                             "no project '%s' in expenditure.csv: its amounts cannot be checked against the ledger",
                             e->name ? e->name : "");
            continue;
        }
        if (sum == t.executed.value) continue;
        fmt_yuan(t.executed.value, yuan[0], sizeof yuan[0]);
        fmt_yuan(sum, yuan[1], sizeof yuan[1]);
        if (e->kind == JUE_PERF_PROJECT)
            jue_diag_add(d, JUE_SEV_ERROR, p->file, e->funds_line, e->funds_col,
                         "project '%s': 全年执行数 %s 元, but expenditure.csv spends %s 元 on it", e->name, yuan[0],
                         yuan[1]);
        else
            jue_diag_add(d, JUE_SEV_ERROR, p->file, e->funds_line, e->funds_col,
                         "部门整体 全年执行数 %s 元 is not the year's expenditure (本年支出合计) %s 元", yuan[0], yuan[1]);
    }
    if (p->n && jue_ymap_get(s->meta, "performance")) {
        const jue_ynode *n = jue_ymap_get(s->meta, "performance");
        char f[4096];
        jue_source_path(s, "department.yaml", f, sizeof f);
        jue_diag_add(d, JUE_SEV_WARNING, f, n->line, n->col,
                     "'performance' is not used: the 预算绩效 summary is computed from perf.yaml");
    }
}

jue_status jue_source_load(const char *dir, const jue_catalog *cat, jue_source **out, jue_diags *diags)
{
    *out = NULL;
    jue_source *s = calloc(1, sizeof *s);
    if (!s) return JUE_ERR_NOMEM;
    s->dir = jue_strdup(dir);
    size_t errors_before = diags->errors;
    char path[4096];
    char *text = NULL;
    size_t len = 0;

    jue_source_path(s, "department.yaml", path, sizeof path);
    if (jue_read_file(path, &text, &len) != JUE_OK) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "cannot read the file (a source directory needs "
                     "department.yaml, income.csv and expenditure.csv)");
        jue_source_free(s);
        return JUE_ERR_IO;
    }
    ctx c = { path, diags };
    jue_status st = jue_yaml_parse(path, text, len, &s->meta, diags);
    free(text);
    if (st == JUE_ERR_NOMEM) { jue_source_free(s); return st; }
    if (s->meta) load_meta(&c, s->meta, cat, s);

    static const struct { const char *name; csv_kind kind; bool required; } FILES[] = {
        { "income.csv", CSV_INCOME, true },
        { "expenditure.csv", CSV_EXPEND, true },
        { "carryover.csv", CSV_CARRY, false },
        { "budget.csv", CSV_BUDGET, false },
    };
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        char p[4096];
        jue_source_path(s, FILES[i].name, p, sizeof p);
        if (jue_read_file(p, &text, &len) != JUE_OK) {
            if (FILES[i].required)
                jue_diag_add(diags, JUE_SEV_ERROR, p, 0, 0, "cannot read the file");
            continue;
        }
        ctx cc = { p, diags };
        st = load_csv(&cc, FILES[i].kind, text, len, cat, s);
        free(text);
        if (st != JUE_OK) { jue_source_free(s); return st; }
    }
    /* the 绩效自评 of the year, when there is perf.yaml: its mistakes are
     * reported with the others */
    st = jue_perf_load(dir, &s->perf, diags);
    if (st == JUE_ERR_NOMEM) { jue_source_free(s); return st; }
    if (s->perf && jue_perf_score_profile(s->perf, NULL, diags) != JUE_OK) {
        jue_perf_set_free(s->perf);
        s->perf = NULL;
    }
    if (diags->errors == errors_before) check_balances(s, diags);
    if (diags->errors == errors_before && s->perf) check_perf(s, diags);
    if (diags->errors != errors_before) {
        jue_source_free(s);
        return JUE_ERR_INVALID;
    }
    *out = s;
    return JUE_OK;
}
