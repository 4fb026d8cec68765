/* Loading and validating a department-year source directory.
 * The format is documented in docs/formats.md; the key schema below is its
 * single definition in code. Every problem is collected, none stops loading. */
#include <juesuan/source.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/encoding.h"
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
        int w = snprintf(buf + len, n - len, "%s%s", len ? "、" : "", a->word);
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

/* What the balance checks cannot trust: a fund whose amounts are not all
 * known (a row of it could not be read), or only its 项 (a code could not). */
typedef struct {
    bool fund[JUE_NFUNDS], items[JUE_NFUNDS];
} taint;

typedef struct {
    const char *file;
    jue_diags *d;
    taint *t;          /* NULL outside the ledgers */
} ctx;

/* Marks fund f (every fund when f < 0: the row's fund is not known) as not
 * to be balanced, or only its 项 when just a code was wrong. */
static void taint_fund(const ctx *c, int f, bool amount_bad, bool code_bad)
{
    if (!c->t) return;
    for (int i = 0; i < JUE_NFUNDS; i++) {
        if (f >= 0 && i != f) continue;
        c->t->fund[i] |= f < 0 || amount_bad;
        c->t->items[i] |= f < 0 || amount_bad || code_bad;
    }
}

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
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, n->line, n->col, "金额“%s”格式有误：%s",
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
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, k->line, k->col, "键必须是普通文字");
            continue;
        }
        for (size_t j = 0; j < i; j += 2)
            if (map->items[j]->type == JUE_Y_SCALAR && !strcmp(map->items[j]->value, k->value))
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, k->line, k->col,
                             "键“%s”重复", k->value);
        char path[256];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", k->value);
        int si = schema_find(path);
        if (si < 0) {
            jue_diag_add(c->d, JUE_SEV_WARNING, c->file, k->line, k->col,
                         "未知的键“%s”（已忽略；见 docs/formats.md）", path);
            continue;
        }
        key_type t = SCHEMA[si].type;
        if (v->type == JUE_Y_SCALAR && v->plain_null) continue; /* left empty: not given */
        switch (t) {
        case K_TEXT:
            if (v->type != JUE_Y_SCALAR)
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col, "“%s”应为文字", path);
            break;
        case K_INT: {
            long x;
            if (v->type != JUE_Y_SCALAR || !parse_int(v->value, &x))
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col,
                             "“%s”应为不小于0的整数", path);
            break;
        }
        case K_AMOUNT: {
            jue_fen x;
            if (v->type != JUE_Y_SCALAR)
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col, "“%s”应为金额", path);
            else
                parse_yaml_amount(c, v, &x);
            break;
        }
        case K_BOOL:
            if (v->type != JUE_Y_SCALAR ||
                (strcmp(v->value, "true") && strcmp(v->value, "false") && strcmp(v->value, "yes") &&
                 strcmp(v->value, "no")))
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col,
                             "“%s”应为 true 或 false", path);
            break;
        case K_MAP:
            if (v->type != JUE_Y_MAP)
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col, "“%s”应为“键: 值”的映射", path);
            else
                validate(c, v, path);
            break;
        case K_SEQ_MAP: {
            if (v->type != JUE_Y_SEQ) {
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col, "“%s”应为列表", path);
                break;
            }
            char ipath[260];
            snprintf(ipath, sizeof ipath, "%s[]", path);
            for (size_t j = 0; j < v->n; j++) {
                if (v->items[j]->type != JUE_Y_MAP)
                    jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->items[j]->line, v->items[j]->col,
                                 "“%s”的每一项都应为“键: 值”的映射", path);
                else
                    validate(c, v->items[j], ipath);
            }
            break;
        }
        case K_SEQ_TEXT:
            if (v->type != JUE_Y_SEQ) {
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->line, v->col, "“%s”应为列表", path);
                break;
            }
            for (size_t j = 0; j < v->n; j++)
                if (v->items[j]->type != JUE_Y_SCALAR)
                    jue_diag_add(c->d, JUE_SEV_ERROR, c->file, v->items[j]->line, v->items[j]->col,
                                 "“%s”的每一项都应为文字", path);
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

/* The amount at n into *out when n is given; false when it is given but
 * malformed (validate() has reported it; *out is left as it was). */
static bool amount_at(const jue_ynode *n, jue_fen *out)
{
    if (!scalar(n)) return true;
    jue_amount a;
    if (jue_amount_parse(n->value, strlen(n->value), JUE_UNIT_YUAN, &a, NULL) != JUE_OK) return false;
    *out = a.value;
    return true;
}

static void load_meta(const ctx *c, const jue_ynode *root, const jue_catalog *cat, jue_source *s)
{
    if (root->type != JUE_Y_MAP) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, root->line, root->col,
                     "department.yaml 应为“键: 值”的映射");
        return;
    }
    validate(c, root, "");
    const char *dep = scalar(jue_ymap_get(root, "department"));
    if (!dep)
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, 1, 1, "缺少“department”（部门名称）");
    else
        s->department = jue_strdup(dep);

    const jue_ynode *y = jue_ymap_get(root, "year");
    long year = 0;
    if (!scalar(y)) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, 1, 1, "缺少“year”（决算年度）");
    } else if (parse_int(y->value, &year)) {
        int from, to;
        jue_catalog_years(cat, JUE_CAT_FUNCTIONAL, &from, &to);
        if (year < from || year > to)
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, y->line, y->col,
                         "%ld年不在政府收支分类科目目录所覆盖的年度内（%d–%d年）", year, from, to);
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
                         "未知的单位类型“%s”（应为以下之一：%s）", t->value, words);
        else
            s->type = (jue_unit_type)v;
    }

    const jue_ynode *units = jue_ymap_get(root, "units");
    if (!units || units->type != JUE_Y_SEQ || units->n == 0) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, units ? units->line : 1, units ? units->col : 1,
                     "“units”应列出纳入决算的各单位（本级及所属单位）");
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
                jue_diag_add(c->d, JUE_SEV_ERROR, c->file, u->line, u->col, "每个单位都需要“id”和“name”");
                continue;
            }
            for (size_t j = 0; j < s->nunits; j++)
                if (!strcmp(s->units[j].id, id))
                    jue_diag_add(c->d, JUE_SEV_ERROR, c->file, u->line, u->col, "单位编号“%s”重复", id);
            ui->id = jue_strdup(id);
            ui->name = jue_strdup(name);
            ui->type = s->type;
            const jue_ynode *ut = jue_ymap_get(u, "type");
            if (scalar(ut)) {
                int v = lookup_alias(UNIT_TYPE_ALIASES, ut->value);
                if (v < 0)
                    jue_diag_add(c->d, JUE_SEV_ERROR, c->file, ut->line, ut->col, "未知的单位类型“%s”",
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
                         "须有且只有一个单位为本级（main: true），现有%d个", mains);
    }

    /* 收入总计 and 支出总计 are equal every year, last year's too */
    const jue_ynode *li = path_get(root, "last_year", "income_total", NULL),
                    *le = path_get(root, "last_year", "expenditure_total", NULL);
    if (scalar(li) && scalar(le)) {
        jue_fen a = 0, b = 0;
        amount_at(li, &a);
        amount_at(le, &b);
        if (a != b)
            jue_diag_add(c->d, JUE_SEV_WARNING, c->file, le->line, le->col,
                         "last_year：上年收入总计（income_total）与上年支出总计（expenditure_total）应相等");
    }
    if (!amount_at(path_get(root, "balances", "use_nonfiscal_surplus", NULL), &s->use_nonfiscal) ||
        !amount_at(path_get(root, "balances", "surplus_distribution", NULL), &s->distribution))
        taint_fund(c, JUE_FUND_NONFISCAL, true, false);
    static const char *const K3[JUE_N3P] = { "abroad", "car_purchase", "car_running", "reception" };
    for (int i = 0; i < JUE_N3P; i++) {
        amount_at(path_get(root, "three_public", "budget", K3[i]), &s->three_budget[i]);
        const jue_ynode *a = path_get(root, "three_public", "actual", K3[i]);
        if (scalar(a)) {
            s->has_three_actual = true;
            amount_at(a, &s->three_actual[i]);
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
static const char *const FIELD_CN[F_NFIELDS] = {
    "单位", "收入来源", "资金性质", "支出类型", "功能分类科目编码", "经济分类科目编码", "项目名称", "金额", "时点",
    "年初预算", "原因",
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
                         "未知的列“%s”（已忽略）", h->f[i].text);
            continue;
        }
        if (hm->col_of[f] >= 0)
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, h->f[i].line, h->f[i].col,
                         "列“%s”出现了两次", h->f[i].text);
        hm->col_of[f] = (int)i;
    }
    bool ok = true;
    for (size_t j = 0; j < nreq; j++)
        if (hm->col_of[required[j]] < 0) {
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, h->line, 1, "缺少“%s”列（%s）",
                         FIELD_NAMES[required[j]], FIELD_CN[required[j]]);
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
                     "未知的单位“%s”（请在 department.yaml 的 units 中列出）", f->text);
    return -1;
}

static int get_enum(const ctx *c, const alias *a, const jue_csv_field *f, const char *what)
{
    int v = lookup_alias(a, f->text);
    if (v < 0) {
        char words[512];
        list_words(a, words, sizeof words);
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col, "未知的%s“%s”（应为以下之一：%s）", what,
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
                     "缺少功能分类科目编码（7位项级编码）");
        return false;
    }
    jue_level lv = jue_code_level(JUE_CAT_FUNCTIONAL, f->text);
    if (lv == JUE_LEVEL_NONE) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col,
                     "“%s”不是功能分类科目编码（应为3、5或7位数字）", f->text);
        return false;
    }
    if (lv != JUE_LEVEL_XIANG) {
        const char *nm = year ? jue_catalog_name(cat, JUE_CAT_FUNCTIONAL, f->text, year) : NULL;
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col,
                     "科目编码“%s”%s%s%s是%s级编码，此处须为项级（7位）编码", f->text, nm ? "（" : "",
                     nm ? nm : "", nm ? "）" : "", lv == JUE_LEVEL_LEI ? "类" : "款");
        return false;
    }
    if (year && !jue_catalog_name(cat, JUE_CAT_FUNCTIONAL, f->text, year)) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col,
                     "功能分类科目编码“%s”在%d年政府收支分类科目中不存在", f->text, year);
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
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col, "缺少金额");
        return false;
    }
    jue_status st = jue_amount_parse(f->text, strlen(f->text), JUE_UNIT_YUAN, &a, &why);
    if (st != JUE_OK) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col, "金额“%s”格式有误：%s", f->text,
                     why ? why : jue_status_str(st));
        return false;
    }
    if (a.decimals > 2 && a.unit == JUE_UNIT_YUAN) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, f->line, f->col,
                     "金额“%s”的小数超过2位（金额以元为单位，精确到分）", f->text);
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

/* One row of each ledger. A row with a mistake is still kept when its fund
 * and amount are known, for the balance checks (the source is not used
 * once it has a mistake); otherwise its fund is tainted. */
static jue_status row_income(const ctx *c, const jue_csv_record *r, const header_map *hm, const jue_catalog *cat,
                             jue_source *s, int unit, size_t *cap)
{
    jue_csv_field empty;
    jue_income_line l = { 0 };
    int src = get_enum(c, SOURCE_ALIASES, fld(r, hm, F_SOURCE, &empty), "收入来源");
    bool code_ok = get_xiang(c, cat, s->year, fld(r, hm, F_CODE, &empty), l.code, false);
    bool amount_ok = get_amount(c, fld(r, hm, F_AMOUNT, &empty), &l.amount, false);
    int f = src >= 0 ? (int)jue_source_fund((jue_income_source)src) : -1;
    if (f < 0 || !code_ok || !amount_ok) taint_fund(c, f, !amount_ok, !code_ok);
    if (f < 0 || !amount_ok) return JUE_OK;
    l.unit = unit;
    l.source = (jue_income_source)src;
    l.line = r->line;
    GROW(s->income, s->nincome, *cap);
    s->income[s->nincome++] = l;
    return JUE_OK;
}

/* The economic 款 of an expenditure row ("" when not given); false on a
 * mistake. */
static bool get_econ(const ctx *c, const jue_catalog *cat, int year, const jue_csv_field *ef, int fund, int k,
                     char econ[6])
{
    econ[0] = 0;
    if (*ef->text) {
        if (jue_code_level(JUE_CAT_ECONOMIC, ef->text) != JUE_LEVEL_KUAN) {
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, ef->line, ef->col, "“%s”不是经济分类款级编码（5位）",
                         ef->text);
            return false;
        }
        if (year && !jue_catalog_name(cat, JUE_CAT_ECONOMIC, ef->text, year)) {
            jue_diag_add(c->d, JUE_SEV_ERROR, c->file, ef->line, ef->col,
                         "经济分类科目编码“%s”在%d年政府收支分类科目中不存在", ef->text, year);
            return false;
        }
        memcpy(econ, ef->text, 6);
    } else if (fund == JUE_FUND_GENERAL && k == JUE_KIND_BASIC) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, ef->line, ef->col,
                     "一般公共预算财政拨款的基本支出须填经济分类款级编码（公开06表按经济分类列示）");
        return false;
    }
    return true;
}

static jue_status row_expend(const ctx *c, const jue_csv_record *r, const header_map *hm, const jue_catalog *cat,
                             jue_source *s, int unit, size_t *cap)
{
    jue_csv_field empty;
    jue_exp_line l = { 0 };
    const jue_csv_field *ff = fld(r, hm, F_FUND, &empty), *kf = fld(r, hm, F_KIND, &empty);
    int fund = get_enum(c, FUND_ALIASES, ff, "资金性质");
    int k = get_enum(c, KIND_ALIASES, kf, "支出类型");
    if (fund >= 0 && fund != JUE_FUND_NONFISCAL && k > JUE_KIND_PROJECT)
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, kf->line, kf->col,
                     "%s不能由%s安排：财政拨款只能用于基本支出或项目支出", jue_exp_kind_name((jue_exp_kind)k),
                     jue_fund_name((jue_fund)fund));
    bool code_ok = get_xiang(c, cat, s->year, fld(r, hm, F_CODE, &empty), l.code, false);
    get_econ(c, cat, s->year, fld(r, hm, F_ECON, &empty), fund, k, l.econ);
    bool amount_ok = get_amount(c, fld(r, hm, F_AMOUNT, &empty), &l.amount, false);
    if (fund < 0 || !code_ok || !amount_ok) taint_fund(c, fund, !amount_ok, !code_ok);
    if (fund < 0 || !amount_ok) return JUE_OK;
    const jue_csv_field *pf = fld(r, hm, F_PROJECT, &empty);
    l.project = *pf->text ? jue_strdup(pf->text) : NULL;
    l.unit = unit;
    l.fund = (jue_fund)fund;
    l.kind = k >= 0 ? (jue_exp_kind)k : JUE_KIND_BASIC;
    l.line = r->line;
    if (s->nexp == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        jue_exp_line *np = realloc(s->exp, nc * sizeof *np);
        if (!np) { free(l.project); return JUE_ERR_NOMEM; }
        s->exp = np;
        *cap = nc;
    }
    s->exp[s->nexp++] = l;
    return JUE_OK;
}

static jue_status row_carry(const ctx *c, const jue_csv_record *r, const header_map *hm, const jue_catalog *cat,
                            jue_source *s, int unit, size_t *cap)
{
    jue_csv_field empty;
    jue_carry_line l = { 0 };
    int fund = get_enum(c, FUND_ALIASES, fld(r, hm, F_FUND, &empty), "资金性质");
    int w = get_enum(c, WHEN_ALIASES, fld(r, hm, F_WHEN, &empty), "时点（年初/年末）");
    bool need_code = fund == JUE_FUND_GOVFUND || fund == JUE_FUND_SOE;
    bool code_ok = get_xiang(c, cat, s->year, fld(r, hm, F_CODE, &empty), l.code, !need_code);
    bool amount_ok = get_amount(c, fld(r, hm, F_AMOUNT, &empty), &l.amount, false) && w >= 0;
    if (fund < 0 || !code_ok || !amount_ok) taint_fund(c, fund, !amount_ok, !code_ok);
    if (fund < 0 || !amount_ok) return JUE_OK;
    l.unit = unit;
    l.fund = (jue_fund)fund;
    l.end = w == 1;
    l.line = r->line;
    GROW(s->carry, s->ncarry, *cap);
    s->carry[s->ncarry++] = l;
    return JUE_OK;
}

static jue_status row_budget(const ctx *c, const jue_csv_record *r, const header_map *hm, const jue_catalog *cat,
                             jue_source *s, size_t *cap)
{
    jue_csv_field empty;
    jue_budget_line l = { 0 };
    bool good = get_xiang(c, cat, s->year, fld(r, hm, F_CODE, &empty), l.code, false);
    good &= get_amount(c, fld(r, hm, F_BUDGET, &empty), &l.budget, true);
    if (!good) return JUE_OK;
    const jue_csv_field *rf = fld(r, hm, F_REASON, &empty);
    l.reason = *rf->text ? jue_strdup(rf->text) : NULL;
    l.line = r->line;
    if (s->nbudget == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        jue_budget_line *np = realloc(s->budget, nc * sizeof *np);
        if (!np) { free(l.reason); return JUE_ERR_NOMEM; }
        s->budget = np;
        *cap = nc;
    }
    s->budget[s->nbudget++] = l;
    return JUE_OK;
}

static bool read_csv_header(const ctx *c, csv_kind kind, jue_csv_record *r, header_map *hm)
{
    static const int req_inc[] = { F_UNIT, F_SOURCE, F_CODE, F_AMOUNT };
    static const int req_exp[] = { F_UNIT, F_FUND, F_KIND, F_CODE, F_AMOUNT };
    static const int opt_exp[] = { F_ECON, F_PROJECT };
    static const int req_car[] = { F_UNIT, F_FUND, F_WHEN, F_AMOUNT };
    static const int opt_car[] = { F_CODE };
    static const int req_bud[] = { F_CODE, F_BUDGET };
    static const int opt_bud[] = { F_REASON };
    switch (kind) {
    case CSV_INCOME: return read_header(c, r, hm, req_inc, 4, NULL, 0);
    case CSV_EXPEND: return read_header(c, r, hm, req_exp, 5, opt_exp, 2);
    case CSV_CARRY: return read_header(c, r, hm, req_car, 4, opt_car, 1);
    default: return read_header(c, r, hm, req_bud, 2, opt_bud, 1);
    }
}

static jue_status load_csv(const ctx *c, csv_kind kind, const char *text, size_t len,
                           const jue_catalog *cat, jue_source *s)
{
    jue_csv_reader rd;
    jue_csv_init(&rd, c->file, text, len);
    jue_csv_record r = { 0 };
    header_map hm;
    int got = jue_csv_next(&rd, &r, c->d);
    if (got == 0) jue_diag_add(c->d, JUE_SEV_ERROR, c->file, 1, 1, "文件是空的：至少需要一行表头");
    if (got <= 0 || !read_csv_header(c, kind, &r, &hm)) {
        if (kind != CSV_BUDGET) taint_fund(c, -1, true, true);
        jue_csv_record_free(&r);
        return JUE_OK;
    }
    int header_line = r.line;
    size_t cap_inc = s->nincome, cap_exp = s->nexp, cap_car = s->ncarry, cap_bud = s->nbudget, rows = 0;
    jue_csv_field empty;
    jue_status st = JUE_OK;
    while (st == JUE_OK && (got = jue_csv_next(&rd, &r, c->d)) != 0) {
        rows++;
        if (got < 0) { taint_fund(c, -1, true, true); continue; }
        int unit = kind == CSV_BUDGET ? 0 : get_unit(c, s, fld(&r, &hm, F_UNIT, &empty));
        switch (kind) {
        case CSV_INCOME: st = row_income(c, &r, &hm, cat, s, unit, &cap_inc); break;
        case CSV_EXPEND: st = row_expend(c, &r, &hm, cat, s, unit, &cap_exp); break;
        case CSV_CARRY: st = row_carry(c, &r, &hm, cat, s, unit, &cap_car); break;
        default: st = row_budget(c, &r, &hm, cat, s, &cap_bud); break;
        }
    }
    jue_csv_record_free(&r);
    if (st == JUE_OK && !rows && (kind == CSV_INCOME || kind == CSV_EXPEND)) {
        jue_diag_add(c->d, JUE_SEV_ERROR, c->file, header_line, 1, "只有表头，没有一行%s记录",
                     kind == CSV_INCOME ? "收入" : "支出");
        taint_fund(c, -1, true, true);
    }
    return st;
}

/* ---------- balances ---------- */

static void fmt_yuan(jue_fen v, char *b, size_t n) { jue_fmt_yuan(v, true, b, n); }

/* 年初 + 收入 = 支出 + 年末 of one fund, or of one of its 项 (code). */
typedef struct {
    jue_fen beg, inc, exp, end;
    jue_fen use, dist;   /* 使用非财政拨款结余, 结余分配: the non-fiscal rest only */
    bool ovf;
} flows;

/* The fund and 项 code of the i-th row of income, expenditure and
 * carry-overs taken together. */
static const char *row_code(const jue_source *s, size_t i, int *f)
{
    if (i < s->nincome) { *f = (int)jue_source_fund(s->income[i].source); return s->income[i].code; }
    i -= s->nincome;
    if (i < s->nexp) { *f = (int)s->exp[i].fund; return s->exp[i].code; }
    i -= s->nexp;
    *f = (int)s->carry[i].fund;
    return s->carry[i].code;
}

/* Whether row i is the first of its fund f with its code. */
static bool first_of_code(const jue_source *s, int f, const char *code, size_t i)
{
    for (size_t j = 0; j < i; j++) {
        int g;
        const char *c2 = row_code(s, j, &g);
        if (g == f && !strcmp(c2, code)) return false;
    }
    return true;
}

static bool same_code(const char *code, const char *c2) { return !code || !strcmp(code, c2); }

static flows flows_of(const jue_source *s, int f, const char *code)
{
    flows m = { 0 };
    for (size_t i = 0; i < s->nincome; i++)
        if ((int)jue_source_fund(s->income[i].source) == f && same_code(code, s->income[i].code))
            m.ovf |= !jue_fen_add(m.inc, s->income[i].amount, &m.inc);
    for (size_t i = 0; i < s->nexp; i++)
        if ((int)s->exp[i].fund == f && same_code(code, s->exp[i].code))
            m.ovf |= !jue_fen_add(m.exp, s->exp[i].amount, &m.exp);
    for (size_t i = 0; i < s->ncarry; i++)
        if ((int)s->carry[i].fund == f && same_code(code, s->carry[i].code)) {
            jue_fen *t = s->carry[i].end ? &m.end : &m.beg;
            m.ovf |= !jue_fen_add(*t, s->carry[i].amount, t);
        }
    return m;
}

/* Where an unbalanced fund (or 项) is reported: its 年末 carry-over row,
 * else its 年初 one, else its first expenditure row, else its first income
 * row — the figures most often wrong, in that order. */
static const char *balance_place(const jue_source *s, int f, const char *code, int *line)
{
    for (int end = 1; end >= 0; end--)
        for (size_t i = 0; i < s->ncarry; i++)
            if ((int)s->carry[i].fund == f && s->carry[i].end == end && same_code(code, s->carry[i].code)) {
                *line = s->carry[i].line;
                return "carryover.csv";
            }
    for (size_t i = 0; i < s->nexp; i++)
        if ((int)s->exp[i].fund == f && same_code(code, s->exp[i].code)) { *line = s->exp[i].line; return "expenditure.csv"; }
    for (size_t i = 0; i < s->nincome; i++)
        if ((int)jue_source_fund(s->income[i].source) == f && same_code(code, s->income[i].code)) {
            *line = s->income[i].line;
            return "income.csv";
        }
    *line = 0;
    return "department.yaml";
}

static void report_flows(const jue_source *s, const jue_catalog *cat, jue_diags *d, int f, const char *code,
                         const flows *m, bool has_carry)
{
    jue_fen lhs = m->beg + m->inc + m->use, rhs = m->exp + m->end + m->dist;
    if (lhs == rhs) return;
    char a[6][40], diff[40], file[4096], what[200], use[80] = "", dist[80] = "";
    fmt_yuan(m->beg, a[0], 40); fmt_yuan(m->inc, a[1], 40);
    fmt_yuan(m->exp, a[2], 40); fmt_yuan(m->end, a[3], 40);
    fmt_yuan(m->use, a[4], 40); fmt_yuan(m->dist, a[5], 40);
    fmt_yuan(lhs - rhs, diff, 40);
    if (m->use) snprintf(use, sizeof use, " + 使用非财政拨款结余%s", a[4]);
    if (m->dist) snprintf(dist, sizeof dist, " + 结余分配%s", a[5]);
    const char *nm = code && s->year ? jue_catalog_name(cat, JUE_CAT_FUNCTIONAL, code, s->year) : NULL;
    if (code) snprintf(what, sizeof what, "%s %s %s（项）", jue_fund_name((jue_fund)f), code, nm ? nm : "");
    else snprintf(what, sizeof what, "%s", jue_fund_name((jue_fund)f));
    int line;
    jue_source_path(s, balance_place(s, f, code, &line), file, sizeof file);
    jue_diag_add(d, JUE_SEV_ERROR, file, line, line ? 1 : 0,
                 "%s收支不平衡：年初结转和结余%s + 本年收入%s%s ≠ 本年支出%s%s + 年末结转和结余%s（相差%s元）%s", what,
                 a[0], a[1], use, a[2], dist, a[3], diff,
                 has_carry ? "" : "；没有 carryover.csv，年初、年末结转和结余均按0计");
}

/* Each fund must balance: 年初 + 收入 = 支出 + 年末 (table 04); 政府性基金
 * and 国有资本经营 per 项 (tables 07, 08), which makes their fund balance
 * too; the non-fiscal rest with the department's 使用非财政拨款结余 and
 * 结余分配, so that 收入总计 = 支出总计 (table 01). Each imbalance is
 * reported once, at the row most likely wrong; a fund with a row that could
 * not be read is not checked (its mistake is reported already). */
static void check_balances(const jue_source *s, const jue_catalog *cat, const taint *t, bool has_carry,
                           jue_diags *d)
{
    for (int f = 0; f < JUE_NFUNDS; f++) {
        if (t->fund[f]) continue;
        flows m = flows_of(s, f, NULL);
        if (f == JUE_FUND_NONFISCAL) m.use = s->use_nonfiscal, m.dist = s->distribution;
        bool per_item = (f == JUE_FUND_GOVFUND || f == JUE_FUND_SOE) && !t->items[f];
        if (m.ovf) {
            char file[4096];
            jue_diag_add(d, JUE_SEV_ERROR, jue_source_path(s, "income.csv", file, sizeof file), 0, 0,
                         "%s的金额合计超出可表示的范围", jue_fund_name((jue_fund)f));
            continue;
        }
        if (!per_item) { report_flows(s, cat, d, f, NULL, &m, has_carry); continue; }
        for (size_t i = 0; i < s->nincome + s->nexp + s->ncarry; i++) {
            int rf;
            const char *code = row_code(s, i, &rf);
            if (rf != f || !first_of_code(s, f, code, i)) continue;
            flows mi = flows_of(s, f, code);
            report_flows(s, cat, d, f, code, &mi, has_carry);
        }
    }
}

/* ---------- entry points ---------- */

const char *jue_source_path(const jue_source *s, const char *name, char *buf, size_t n)
{
    if (s->meta_file && !strcmp(name, "department.yaml")) snprintf(buf, n, "%s", s->meta_file);
    else snprintf(buf, n, "%s/%s", s->dir ? s->dir : ".", name);
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
    free(s->last.from);
    free(s->meta_file);
    free(s);
}

/* perf.yaml against the ledger: a project's 全年执行数 is what
 * expenditure.csv spent on it, and the 部门整体 全年执行数 is the year's
 * expenditure (本年支出合计); otherwise the disclosure would contradict
 * itself between its tables and its 自评表. */
/* A 自评 indicator that lost points says why (偏差原因分析及改进措施): a
 * warning for each that does not. */
static void check_perf_reasons(const jue_perf_set *p, jue_diags *d)
{
    for (size_t k = 0; k < p->n; k++)
        for (size_t i = 0; i < p->evals[k].nind; i++) {
            const jue_perf_indicator *x = &p->evals[k].ind[i];
            if (x->score >= x->weight || (x->reason && *x->reason)) continue;
            jue_diag_add(d, JUE_SEV_WARNING, p->file, x->line, 1,
                         "%s的指标“%s”扣了分（得%d.%02d分，满分%d.%02d分），但没有写偏差原因（reason：偏差原因分析及改进措施）",
                         p->evals[k].kind == JUE_PERF_PROJECT ? "项目自评表" : "部门整体自评表", x->name ? x->name : "",
                         x->score / 100, x->score % 100, x->weight / 100, x->weight % 100);
        }
}

static void check_perf(jue_source *s, jue_diags *d)
{
    const jue_perf_set *p = s->perf;
    char yuan[2][40];
    if (p->year && s->year && p->year != s->year)
        jue_diag_add(d, JUE_SEV_ERROR, p->file, p->year_line, p->year_col,
                     "绩效自评的年度为%d年，决算的年度为%d年", p->year, s->year);
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
                             "expenditure.csv 中没有项目“%s”：其资金无法与账目核对",
                             e->name ? e->name : "");
            continue;
        }
        if (sum == t.executed.value) continue;
        fmt_yuan(t.executed.value, yuan[0], sizeof yuan[0]);
        fmt_yuan(sum, yuan[1], sizeof yuan[1]);
        if (e->kind == JUE_PERF_PROJECT)
            jue_diag_add(d, JUE_SEV_ERROR, p->file, e->funds_line, e->funds_col,
                         "项目“%s”：全年执行数%s元，而 expenditure.csv 中该项目的支出为%s元", e->name, yuan[0],
                         yuan[1]);
        else
            jue_diag_add(d, JUE_SEV_ERROR, p->file, e->funds_line, e->funds_col,
                         "部门整体全年执行数%s元，与本年支出合计%s元不一致", yuan[0], yuan[1]);
    }
    if (p->n && jue_ymap_get(s->meta, "performance")) {
        const jue_ynode *n = jue_ymap_get(s->meta, "performance");
        char f[4096];
        jue_source_path(s, "department.yaml", f, sizeof f);
        jue_diag_add(d, JUE_SEV_WARNING, f, n->line, n->col,
                     "“performance”未使用：预算绩效情况由 perf.yaml 计算得出");
    }
}

/* Reads one file of the source as UTF-8 text (GB18030 converted, with a
 * warning). JUE_ERR_IO when it cannot be read, JUE_ERR_INVALID when its
 * bytes are not text (reported). */
static jue_status read_text(const char *path, char **text, size_t *len, jue_diags *diags)
{
    jue_status st = jue_read_file(path, text, len);
    if (st == JUE_OK) st = jue_text_utf8(path, text, len, diags);
    if (st != JUE_OK) { free(*text); *text = NULL; }
    return st;
}

static const struct { const char *name; csv_kind kind; bool required; } LEDGERS[] = {
    { "income.csv", CSV_INCOME, true },
    { "expenditure.csv", CSV_EXPEND, true },
    { "carryover.csv", CSV_CARRY, false },
    { "budget.csv", CSV_BUDGET, false },
};

/* The four ledgers into s; *missing when a required one cannot be read,
 * *has_carry when carryover.csv was read. */
static jue_status load_ledgers(jue_source *s, const jue_catalog *cat, taint *t, bool *missing, bool *has_carry,
                               jue_diags *diags)
{
    for (size_t i = 0; i < sizeof LEDGERS / sizeof LEDGERS[0]; i++) {
        char p[4096];
        char *text = NULL;
        size_t len = 0;
        jue_source_path(s, LEDGERS[i].name, p, sizeof p);
        jue_status st = read_text(p, &text, &len, diags);
        if (st == JUE_ERR_NOMEM) return st;
        if (st == JUE_ERR_IO && LEDGERS[i].required) {
            jue_diag_add(diags, JUE_SEV_ERROR, p, 0, 0, "无法读取该文件（源目录须有 department.yaml、income.csv 和 "
                         "expenditure.csv）");
            *missing = true;
        }
        if (st != JUE_OK) {
            /* not read: every fund's balance is unknown, unless the file is
             * optional and absent (then it has no rows) */
            if (st != JUE_ERR_IO || LEDGERS[i].required) taint_fund(&(ctx){ p, diags, t }, -1, true, true);
            continue;
        }
        if (LEDGERS[i].kind == CSV_CARRY) *has_carry = true;
        if (LEDGERS[i].kind == CSV_BUDGET) s->has_budget = true;
        ctx cc = { p, diags, t };
        st = load_csv(&cc, LEDGERS[i].kind, text, len, cat, s);
        free(text);
        if (st != JUE_OK) return st;
    }
    if (!s->has_budget)
        jue_diag_add(diags, JUE_SEV_WARNING, s->dir, 0, 0,
                     "没有 budget.csv（一般公共预算各项的年初预算）：情况说明中与年初预算的比较从略");
    return JUE_OK;
}

/* department.yaml at path into s (meta and what load_meta takes from it).
 * JUE_ERR_IO when it cannot be read (said so, with what a folder needs). */
static jue_status load_yaml(jue_source *s, const char *path, const jue_catalog *cat, taint *t, const char *needs,
                            jue_diags *diags)
{
    char *text = NULL;
    size_t len = 0;
    jue_status st = read_text(path, &text, &len, diags);
    if (st != JUE_OK) {
        if (st == JUE_ERR_IO) jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "无法读取该文件（%s）", needs);
        return st == JUE_ERR_INVALID || st == JUE_ERR_NOMEM ? st : JUE_ERR_IO;
    }
    ctx c = { path, diags, t };
    st = jue_yaml_parse(path, text, len, &s->meta, diags);
    free(text);
    if (st == JUE_ERR_NOMEM) return st;
    if (s->meta) load_meta(&c, s->meta, cat, s);
    else taint_fund(&c, -1, true, true);
    return JUE_OK;
}

/* perf.yaml of the year when the folder has one, scored by the national
 * method; its mistakes are reported with the others. */
static jue_status load_perf(jue_source *s, jue_diags *diags)
{
    jue_status st = jue_perf_load(s->dir, &s->perf, diags);
    if (st == JUE_ERR_NOMEM) return st;
    if (s->perf && jue_perf_score_profile(s->perf, NULL, diags) != JUE_OK) {
        jue_perf_set_free(s->perf);
        s->perf = NULL;
    }
    return JUE_OK;
}

jue_status jue_source_load(const char *dir, const jue_catalog *cat, jue_source **out, jue_diags *diags)
{
    *out = NULL;
    jue_source *s = calloc(1, sizeof *s);
    if (!s) return JUE_ERR_NOMEM;
    s->dir = jue_strdup(dir);
    size_t errors_before = diags->errors;
    char path[4096];
    taint t = { 0 };

    jue_source_path(s, "department.yaml", path, sizeof path);
    jue_status st = load_yaml(s, path, cat, &t, "源目录须有 department.yaml、income.csv 和 expenditure.csv", diags);
    if (st != JUE_OK) { jue_source_free(s); return st; }
    bool missing = false, has_carry = false;
    st = load_ledgers(s, cat, &t, &missing, &has_carry, diags);
    if (st == JUE_OK) st = load_perf(s, diags);
    if (st != JUE_OK) { jue_source_free(s); return st; }
    check_balances(s, cat, &t, has_carry, diags);
    if (diags->errors == errors_before && s->perf) check_perf(s, diags), check_perf_reasons(s->perf, diags);
    if (diags->errors != errors_before) {
        jue_source_free(s);
        return missing ? JUE_ERR_IO : JUE_ERR_INVALID;
    }
    *out = s;
    return JUE_OK;
}

jue_status jue_source_load_meta(const char *yaml_path, const jue_catalog *cat, jue_source **out, jue_diags *diags)
{
    *out = NULL;
    jue_source *s = calloc(1, sizeof *s);
    if (!s) return JUE_ERR_NOMEM;
    const char *slash = strrchr(yaml_path, '/');
    s->dir = slash ? strndup(yaml_path, slash == yaml_path ? 1 : (size_t)(slash - yaml_path)) : jue_strdup(".");
    s->meta_file = jue_strdup(yaml_path);
    if (!s->dir || !s->meta_file) { jue_source_free(s); return JUE_ERR_NOMEM; }
    size_t errors_before = diags->errors;
    taint t = { 0 };
    jue_status st = load_yaml(s, yaml_path, cat, &t, "按表格编制须有 department.yaml：部门名称、年度、单位等表格中没有的内容", diags);
    if (st != JUE_OK) { jue_source_free(s); return st; }
    /* the year-start budget by 项, when the folder has budget.csv */
    char p[4096];
    char *text = NULL;
    size_t len = 0;
    jue_source_path(s, "budget.csv", p, sizeof p);
    st = read_text(p, &text, &len, diags);
    if (st == JUE_OK) {
        s->has_budget = true;
        st = load_csv(&(ctx){ p, diags, NULL }, CSV_BUDGET, text, len, cat, s);
        free(text);
    } else if (st == JUE_ERR_IO) {
        st = JUE_OK;
        jue_diag_add(diags, JUE_SEV_WARNING, s->dir, 0, 0,
                     "没有 budget.csv（一般公共预算各项的年初预算）：情况说明中与年初预算的比较从略");
    }
    if (st == JUE_OK || st == JUE_ERR_INVALID) st = load_perf(s, diags);
    if (st == JUE_ERR_NOMEM) { jue_source_free(s); return st; }
    if (diags->errors != errors_before) {
        jue_source_free(s);
        return JUE_ERR_INVALID;
    }
    *out = s;
    return JUE_OK;
}
