/* The explanatory notes from the compiled tables: values first (every figure
 * from the printed tables or computed from them), then the data templates
 * expanded with them. */
#include <juesuan/narrative.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/yaml_tree.h"

__extension__ typedef __int128 i128;   /* products of 分 and ppb exceed 64 bits */

/* ---------- values ---------- */

typedef struct vars vars;
typedef struct { char *name; vars *items; size_t n; } list;
struct vars {
    char **k, **v;
    size_t n, cap;
    list *lists;
    size_t nlists;
};

static void vars_free(vars *s)
{
    for (size_t i = 0; i < s->n; i++) { free(s->k[i]); free(s->v[i]); }
    free(s->k);
    free(s->v);
    for (size_t i = 0; i < s->nlists; i++) {
        for (size_t j = 0; j < s->lists[i].n; j++) vars_free(&s->lists[i].items[j]);
        free(s->lists[i].items);
        free(s->lists[i].name);
    }
    free(s->lists);
    memset(s, 0, sizeof *s);
}

static bool set(vars *s, const char *k, const char *v)
{
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 32;
        char **nk = realloc(s->k, nc * sizeof *nk);
        if (!nk) return false;
        s->k = nk;
        char **nv = realloc(s->v, nc * sizeof *nv);
        if (!nv) return false;
        s->v = nv;
        s->cap = nc;
    }
    s->k[s->n] = jue_strdup(k);
    s->v[s->n] = jue_strdup(v ? v : "");
    if (!s->k[s->n] || !s->v[s->n]) { free(s->k[s->n]); free(s->v[s->n]); return false; }
    s->n++;
    return true;
}

static const char *get(const vars *s, const char *k)
{
    for (size_t i = s->n; i-- > 0;)
        if (!strcmp(s->k[i], k)) return s->v[i];
    return NULL;
}

static const list *get_list(const vars *s, const char *k)
{
    for (size_t i = 0; i < s->nlists; i++)
        if (!strcmp(s->lists[i].name, k)) return &s->lists[i];
    return NULL;
}

static vars *add_item(vars *s, const char *listname)
{
    list *l = NULL;
    for (size_t i = 0; i < s->nlists; i++)
        if (!strcmp(s->lists[i].name, listname)) l = &s->lists[i];
    if (!l) {
        list *nl = realloc(s->lists, (s->nlists + 1) * sizeof *nl);
        if (!nl) return NULL;
        s->lists = nl;
        l = &s->lists[s->nlists++];
        memset(l, 0, sizeof *l);
        l->name = jue_strdup(listname);
    }
    vars *ni = realloc(l->items, (l->n + 1) * sizeof *ni);
    if (!ni) return NULL;
    l->items = ni;
    memset(&l->items[l->n], 0, sizeof(vars));
    return &l->items[l->n++];
}

/* 万元 with 2 decimals, no grouping: the notes' own style ("51448.55万元"). */
static void wan(vars *s, const char *k, jue_fen v)
{
    char b[40];
    jue_fmt_wan(v, false, b, sizeof b);
    set(s, k, b);
}

/* A percentage without its % (the template writes it); a ratio above zero
 * that would print as 0.00 says so: "不足0.01". */
static void pct(vars *s, const char *k, int64_t ppb)
{
    char b[40];
    jue_fmt_percent(ppb, 2, b, sizeof b);
    size_t n = strlen(b);
    if (n && b[n - 1] == '%') b[n - 1] = 0;
    set(s, k, ppb > 0 && !strcmp(b, "0.00") ? "不足0.01" : b);
}

/* A share from jue_shares_ppb, which gives a small part 0.00%: above zero
 * it is "不足0.01". */
static void share(vars *s, const char *k, int64_t ppb, jue_fen part) { pct(s, k, ppb == 0 && part > 0 ? 1 : ppb); }

static void num(vars *s, const char *k, long v)
{
    char b[32];
    snprintf(b, sizeof b, "%ld", v);
    set(s, k, b);
}

/* part / whole in ppb, rounded half up; 0 when whole is 0. */
static int64_t ratio_ppb(jue_fen part, jue_fen whole)
{
    if (whole == 0) return 0;
    i128 q = (i128)part * JUE_PPB_ONE * 2 / whole;
    return (int64_t)((q + (q >= 0 ? 1 : -1)) / 2);
}

static jue_fen cell(const jue_disclosure *d, jue_table_id t, const char *row, jue_side side, const char *col)
{
    const jue_table *tab = d->tables[t];
    if (!tab) return 0;
    int r = jue_table_find_row(tab, row, side), c = jue_table_find_col(tab, col);
    if (r < 0 || c < 0) return 0;
    const jue_cell *x = jue_table_cell_c(tab, (size_t)r, (size_t)c);
    return x->present ? x->printed : 0;
}

static const jue_ynode *meta(const jue_source *s, const char *a, const char *b)
{
    const jue_ynode *n = jue_ymap_get(s->meta, a);
    return b ? jue_ymap_get(n, b) : n;
}

static bool meta_amount(const jue_source *s, const char *a, const char *b, jue_fen *out)
{
    const jue_ynode *n = meta(s, a, b);
    jue_amount am;
    if (!n || n->type != JUE_Y_SCALAR || n->plain_null) return false;
    if (jue_amount_parse(n->value, strlen(n->value), JUE_UNIT_YUAN, &am, NULL) != JUE_OK) return false;
    *out = am.value;
    return true;
}

static long meta_int(const jue_source *s, const char *a, const char *b)
{
    const jue_ynode *n = meta(s, a, b);
    return n && n->type == JUE_Y_SCALAR ? strtol(n->value, NULL, 10) : 0;
}

/* "增加X万元，增长Y%" / "减少…，下降…" / "持平" from this year's printed figure
 * and last year's figure rounded to 0.01 万元. */
static void change(vars *s, const char *k, jue_fen now, jue_fen last_exact)
{
    jue_fen last = jue_round_wan2(last_exact), diff = now - last;
    char a[40], b[120];
    if (diff == 0) { set(s, k, "持平"); return; }
    jue_fmt_wan(diff < 0 ? -diff : diff, false, a, sizeof a);
    int64_t p = ratio_ppb(diff < 0 ? -diff : diff, last);
    char pc[40];
    jue_fmt_percent(p, 2, pc, sizeof pc);
    snprintf(b, sizeof b, "%s%s万元，%s%s", diff < 0 ? "减少" : "增加", a, diff < 0 ? "下降" : "增长", pc);
    set(s, k, b);
}

/* The Chinese numeral of a 0-based index ("一" for 0), in buf (16 bytes). */
static const char *cn(size_t index, char buf[16])
{
    jue_fmt_cn_numeral((int)(index < 98 ? index + 1 : 0), buf, 16);
    return buf;
}

/* ---------- values of the provincial templates (Shanghai 2024) ---------- */

/* A text of department.yaml, or NULL. */
static const char *meta_text(const jue_source *s, const char *a, const char *b)
{
    const jue_ynode *n = meta(s, a, b);
    return n && n->type == JUE_Y_SCALAR && !n->plain_null && n->value[0] ? n->value : NULL;
}

/* change() and, when the figure moved, flag = "1" (a template writes
 * "比上年增加…" or "与上年持平"). */
static void change_flag(vars *s, const char *k, const char *flag, const char *dir, jue_fen now, jue_fen last_exact)
{
    change(s, k, now, last_exact);
    jue_fen last = jue_round_wan2(last_exact);
    if (last != now) set(s, flag, "1");
    if (dir) set(s, dir, now > last ? "增加" : now < last ? "减少" : "");
}

/* The year-start budget of a 项 from budget.csv (summed over its lines),
 * rounded to 0.01 万元; *found when budget.csv has the 项, *reason its reason. */
static jue_fen budget_of(const jue_source *src, const char *code, bool *found, const char **reason)
{
    jue_fen b = 0;
    *found = false;
    *reason = NULL;
    for (size_t i = 0; i < src->nbudget; i++)
        if (!strcmp(src->budget[i].code, code)) {
            b += src->budget[i].budget;
            *found = true;
            if (src->budget[i].reason) *reason = src->budget[i].reason;
        }
    return jue_round_wan2(b);
}

/* The 项 of table 07 or 08 with spending, as a list like 具体: 序号, 类名,
 * 款名, 项名, 决算, and 预算, 差异, 原因 when budget.csv has the 项. */
static void fund_items(const jue_source *src, const jue_disclosure *d, const jue_catalog *cat, jue_table_id t,
                       const char *listname, vars *v)
{
    const jue_table *tab = d->tables[t];
    if (!tab || tab->empty) return;
    int col = jue_table_find_col(tab, JUE_C_SUBTOTAL);
    if (col < 0) return;
    int k = 0;
    for (size_t r = 0; r < tab->nrows; r++) {
        const jue_row *row = &tab->rows[r];
        if (row->level != JUE_LEVEL_XIANG) continue;
        jue_fen actual = jue_table_cell_c(tab, r, (size_t)col)->printed;
        if (!actual) continue;
        vars *it = add_item(v, listname);
        if (!it) return;
        num(it, "序号", ++k);
        char c1[8], c2[8];
        jue_code_parent(JUE_CAT_FUNCTIONAL, row->key, c2, sizeof c2);
        jue_code_parent(JUE_CAT_FUNCTIONAL, c2, c1, sizeof c1);
        set(it, "类名", jue_catalog_name(cat, JUE_CAT_FUNCTIONAL, c1, d->year));
        set(it, "款名", jue_catalog_name(cat, JUE_CAT_FUNCTIONAL, c2, d->year));
        set(it, "项名", row->name);
        wan(it, "决算", actual);
        bool found;
        const char *reason;
        jue_fen bud = budget_of(src, row->key, &found, &reason);
        if (found) {
            set(it, "有预算", "1");
            wan(it, "预算", bud);
            set(it, "差异", actual > bud ? "大于" : actual < bud ? "小于" : "");
            if (reason && actual != bud) set(it, "原因", reason);
        }
    }
}

static void more_vars(const jue_source *src, const jue_disclosure *d, const jue_catalog *cat, vars *v)
{
    const jue_side I = JUE_SIDE_INCOME;
    num(v, "上年", d->year - 1);
    /* the reasons department.yaml gives for the notes' “主要原因” */
    static const struct { const char *key, *var; } R[] = {
        { "total_change", "总计变动原因" },         { "fiscal_change", "财政拨款变动原因" },
        { "general_change", "一般公共预算变动原因" }, { "general_budget", "预算差异原因" },
        { "three_public_budget", "三公预算原因" },   { "three_public_change", "三公变动原因" },
        { "abroad_change", "出国变动原因" },         { "car_change", "公务用车变动原因" },
        { "reception_change", "接待变动原因" },      { "operating_change", "机关运行经费变动原因" },
    };
    for (size_t i = 0; i < sizeof R / sizeof R[0]; i++) set(v, R[i].var, meta_text(src, "reasons", R[i].key));
    set(v, "其他说明", meta_text(src, "notes", NULL));

    /* 四 财政拨款收入支出总计 against last year */
    jue_fen last;
    if (jue_source_last_year(src, "fiscal_total", &last)) {
        set(v, "有上年财政拨款", "1");
        change_flag(v, "财政拨款总计变动", "财政拨款总计有变动", NULL, cell(d, JUE_T04, JUE_L_INC_GRAND, I, JUE_C_TOTAL), last);
    }
    jue_fen inc_grand = cell(d, JUE_T01, JUE_L_INC_GRAND, I, JUE_C_ACTUAL);
    if (jue_source_last_year(src, "income_total", &last) && jue_round_wan2(last) != inc_grand)
        set(v, "收入总计有变动", "1");

    /* 五（三） the year-start budget of 一般公共预算 as a whole: the sum of
     * the 项 budgets as printed, so the 项 add up to it */
    jue_fen budget_total = 0;
    for (size_t i = 0; i < src->nbudget; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) seen = !strcmp(src->budget[j].code, src->budget[i].code);
        if (seen) continue;
        bool found;
        const char *reason;
        budget_total += budget_of(src, src->budget[i].code, &found, &reason);
    }
    jue_fen gen = cell(d, JUE_T05, "合计", 0, JUE_C_TOTAL);
    if (src->nbudget) {
        set(v, "有年初预算", "1");
        wan(v, "年初预算合计", budget_total);
        if (budget_total > 0) pct(v, "年初预算完成率", ratio_ppb(gen, budget_total));
        set(v, "年初预算差异", gen > budget_total ? "大于" : gen < budget_total ? "小于" : "");
    }

    /* 七 三公: each item's budget, completion, share and change */
    static const struct { const char *line, *name; } T3[3] = {
        { JUE_L9_ABROAD, "出国" }, { JUE_L9_CAR, "公务用车" }, { JUE_L9_RECEPTION, "接待" } };
    static const char *const LAST3[3] = { "three_public_abroad", "three_public_car", "three_public_reception" };
    jue_fen tb = cell(d, JUE_T09, JUE_L9_TOTAL, 0, JUE_C_BUDGET), ta = cell(d, JUE_T09, JUE_L9_TOTAL, 0, JUE_C_ACTUAL);
    set(v, "三公差异", ta > tb ? "大于" : ta < tb ? "小于" : "");
    jue_fen act3[3];
    int64_t sh3[3];
    char k[64];
    for (int i = 0; i < 3; i++) {
        jue_fen b = cell(d, JUE_T09, T3[i].line, 0, JUE_C_BUDGET);
        act3[i] = cell(d, JUE_T09, T3[i].line, 0, JUE_C_ACTUAL);
        snprintf(k, sizeof k, "%s预算", T3[i].name);
        wan(v, k, b);
        if (b > 0) {
            snprintf(k, sizeof k, "%s完成率", T3[i].name);
            pct(v, k, ratio_ppb(act3[i], b));
        }
    }
    jue_shares_ppb(act3, 3, ta, sh3);
    for (int i = 0; i < 3; i++) {
        snprintf(k, sizeof k, "%s占比", T3[i].name);
        share(v, k, sh3[i], act3[i]);
    }
    if (jue_source_last_year(src, "three_public", &last)) {
        set(v, "有上年三公", "1");
        change_flag(v, "三公变动", "三公有变动", "三公增减", ta, last);
        jue_fen l3[3];
        bool all = true;
        for (int i = 0; i < 3; i++) all = all && jue_source_last_year(src, LAST3[i], &l3[i]);
        if (all) {
            set(v, "有上年三公明细", "1");
            for (int i = 0; i < 3; i++) {
                char f[64], dir[64];
                snprintf(k, sizeof k, "%s变动", T3[i].name);
                snprintf(f, sizeof f, "%s有变动", T3[i].name);
                snprintf(dir, sizeof dir, "%s增减", T3[i].name);
                change_flag(v, k, f, dir, act3[i], l3[i]);
            }
        }
    }
    num(v, "购置车辆", meta_int(src, "three_public", "vehicles_bought"));
    num(v, "外宾批次", meta_int(src, "three_public", "reception_foreign_batches"));
    num(v, "外宾人次", meta_int(src, "three_public", "reception_foreign_persons"));

    /* 八/九 the funds' 项 */
    fund_items(src, d, cat, JUE_T07, "政府性基金具体", v);
    fund_items(src, d, cat, JUE_T08, "国有资本经营具体", v);
    wan(v, "国有资本经营收入", cell(d, JUE_T08, "合计", 0, JUE_C_INCOME));

    /* 十一（一） 机关运行经费 moved or not */
    jue_fen ope;
    if (meta_amount(src, "operating_expenses", NULL, &ope) && ope && jue_source_last_year(src, "operating_expenses", &last) &&
        jue_round_wan2(last) != jue_round_wan2(ope))
        set(v, "机关运行经费有变动", "1");

    /* 十一（二） 政府采购: the amounts reserved for 中小企业 / 小微企业 and
     * awarded in them; what 中小企业 won elsewhere is the rest of 中小企业 */
    jue_fen rs, rm, rsa, rma, sme = 0;
    if (meta_amount(src, "procurement", "reserved_sme", &rs) && meta_amount(src, "procurement", "reserved_small_micro", &rm) &&
        meta_amount(src, "procurement", "reserved_sme_awarded", &rsa) &&
        meta_amount(src, "procurement", "reserved_small_micro_awarded", &rma)) {
        meta_amount(src, "procurement", "sme", &sme);
        set(v, "有预留采购", "1");
        wan(v, "预留中小企业", jue_round_wan2(rs));
        wan(v, "预留小微企业", jue_round_wan2(rm));
        wan(v, "预留中小企业中标", jue_round_wan2(rsa));
        wan(v, "预留小微企业中标", jue_round_wan2(rma));
        wan(v, "其他中小企业中标", jue_round_wan2(sme) - jue_round_wan2(rsa));
    }

    /* 十 预算绩效管理: the figures of the 绩效自评 one by one */
    const jue_perf_set *ps = src->perf;
    if (ps && ps->scored) {
        if (ps->targets.present) {
            set(v, "有绩效目标", "1");
            num(v, "绩效目标项目", ps->targets.projects);
            wan(v, "绩效目标金额", jue_round_wan2(ps->targets.amount));
        }
        if (ps->monitoring.present) {
            set(v, "有绩效监控", "1");
            num(v, "绩效监控项目", ps->monitoring.projects);
            wan(v, "绩效监控金额", jue_round_wan2(ps->monitoring.amount));
        }
        size_t np = 0, count[8] = { 0 };
        jue_fen annual = 0;
        int64_t sum = 0;
        for (size_t i = 0; i < ps->n; i++) {
            const jue_perf_eval *e = &ps->evals[i];
            if (e->kind != JUE_PERF_PROJECT) continue;
            np++;
            annual += jue_round_wan2(jue_perf_total_funds(e).annual.value);
            sum += e->total;
            for (int g = 0; g < ps->prof.ngrades && g < 8; g++)
                if (!strcmp(e->grade, ps->prof.grade[g])) count[g]++;
        }
        if (np) {
            set(v, "有绩效自评", "1");
            num(v, "绩效自评项目", (long)np);
            wan(v, "绩效自评金额", annual);
            int avg = (int)((sum + (int64_t)np / 2) / (int64_t)np);
            char b[32];
            snprintf(b, sizeof b, "%d.%02d", avg / 100, avg % 100);
            set(v, "平均得分", b);
            for (int g = 0; g < ps->prof.ngrades && g < 8; g++) {
                vars *it = add_item(v, "绩效等级");
                if (!it) break;
                set(it, "等级", ps->prof.grade[g]);
                num(it, "个数", (long)count[g]);
                set(it, "分隔", g + 1 < ps->prof.ngrades && g + 1 < 8 ? "；" : "");
            }
        }
    }
}

static void build_vars(const jue_source *src, const jue_disclosure *d, const jue_catalog *cat, vars *v,
                       jue_diags *diags)
{
    const jue_side I = JUE_SIDE_INCOME, E = JUE_SIDE_EXPEND;
    num(v, "年度", d->year);
    set(v, "部门", d->department);
    set(v, "换行", "\n");
    jue_fen inc_grand = cell(d, JUE_T01, JUE_L_INC_GRAND, I, JUE_C_ACTUAL);
    jue_fen exp_grand = cell(d, JUE_T01, JUE_L_EXP_GRAND, E, JUE_C_ACTUAL);
    wan(v, "收入总计", inc_grand);
    wan(v, "支出总计", exp_grand);
    jue_fen last;
    if (jue_source_last_year(src, "income_total", &last)) {
        set(v, "有上年", "1");
        change(v, "收入总计变动", inc_grand, last);
        jue_fen le = last;
        jue_source_last_year(src, "expenditure_total", &le);
        change(v, "支出总计变动", exp_grand, le);
    }
    /* 二 收入: the eight sources with shares of 本年收入合计 */
    jue_fen inc_total = cell(d, JUE_T01, JUE_L_INC_TOTAL, I, JUE_C_ACTUAL);
    wan(v, "本年收入合计", inc_total);
    jue_fen parts[16];
    int64_t sh[16];
    const char *names[16];
    size_t np = 0;
    parts[np] = cell(d, JUE_T02, "合计", 0, JUE_C_INC_FISCAL); names[np++] = "财政拨款收入";
    static const char *const OTHER[] = { JUE_C_INC_SUPERIOR, JUE_C_INC_BUSINESS, JUE_C_INC_OPERATING, JUE_C_INC_AFFILIATED, JUE_C_INC_OTHER };
    for (size_t i = 0; i < 5; i++) { parts[np] = cell(d, JUE_T02, "合计", 0, OTHER[i]); names[np++] = OTHER[i]; }
    jue_shares_ppb(parts, np, inc_total, sh);
    size_t shown = 0;
    for (size_t i = 0; i < np; i++) shown += parts[i] != 0;
    for (size_t i = 0, k = 0; i < np; i++) {
        if (!parts[i]) continue;   /* 不涉及的不列 */
        vars *it = add_item(v, "收入来源");
        set(it, "名称", names[i]);
        wan(it, "金额", parts[i]);
        share(it, "占比", sh[i], parts[i]);
        set(it, "分隔", ++k < shown ? "；" : "");
    }
    /* 三 支出: kinds with shares of 本年支出合计 */
    jue_fen exp_total = cell(d, JUE_T01, JUE_L_EXP_TOTAL, E, JUE_C_ACTUAL);
    wan(v, "本年支出合计", exp_total);
    static const char *const KINDS[] = { JUE_C_BASIC, JUE_C_PROJECT, JUE_C_EXP_SUPERIOR, JUE_C_EXP_OPERATING, JUE_C_EXP_AFFILIATED };
    for (size_t i = 0; i < 5; i++) parts[i] = cell(d, JUE_T03, "合计", 0, KINDS[i]);
    jue_shares_ppb(parts, 5, exp_total, sh);
    shown = 0;
    for (size_t i = 0; i < 5; i++) shown += parts[i] != 0;
    for (size_t i = 0, k = 0; i < 5; i++) {
        if (!parts[i]) continue;
        vars *it = add_item(v, "支出类型");
        set(it, "名称", KINDS[i]);
        wan(it, "金额", parts[i]);
        share(it, "占比", sh[i], parts[i]);
        set(it, "分隔", ++k < shown ? "；" : "");
    }
    /* 四 财政拨款 */
    wan(v, "财政拨款收入总计", cell(d, JUE_T04, JUE_L_INC_GRAND, I, JUE_C_TOTAL));
    wan(v, "财政拨款支出总计", cell(d, JUE_T04, JUE_L_EXP_GRAND, E, JUE_C_TOTAL));
    /* 五 一般公共预算 */
    jue_fen gen = cell(d, JUE_T05, "合计", 0, JUE_C_TOTAL);
    wan(v, "一般公共预算支出", gen);
    pct(v, "一般公共预算支出占比", ratio_ppb(gen, exp_total));
    if (jue_source_last_year(src, "general_expenditure", &last)) {
        set(v, "有上年一般公共预算", "1");
        change(v, "一般公共预算支出变动", gen, last);
    }
    const jue_table *t5 = d->tables[JUE_T05];
    if (t5) {
        int col = jue_table_find_col(t5, JUE_C_TOTAL);
        size_t nc = 0;
        for (size_t r = 0; r < t5->nrows && nc < 16; r++)
            if (t5->rows[r].level == JUE_LEVEL_LEI) {
                parts[nc] = jue_table_cell_c(t5, r, (size_t)col)->printed;
                names[nc++] = t5->rows[r].name;
            }
        jue_shares_ppb(parts, nc, gen, sh);
        for (size_t i = 0; i < nc; i++) {
            vars *it = add_item(v, "支出结构");
            /* "社会保障和就业（类）支出": the 类 name without its trailing 支出 */
            char nm[160];
            snprintf(nm, sizeof nm, "%s", names[i]);
            size_t l = strlen(nm);
            if (l > 6 && !strcmp(nm + l - 6, "支出")) nm[l - 6] = 0;
            set(it, "类名", nm);
            set(it, "类全名", names[i]);   /* "社会保障和就业支出（类）" (Shanghai) */
            wan(it, "金额", parts[i]);
            share(it, "占比", sh[i], parts[i]);
            set(it, "分隔", i + 1 < nc ? "；" : "");
        }
        int k = 0;
        for (size_t r = 0; r < t5->nrows; r++) {
            const jue_row *row = &t5->rows[r];
            if (row->level != JUE_LEVEL_XIANG) continue;
            jue_fen actual = jue_table_cell_c(t5, r, (size_t)col)->printed;
            if (!actual) continue;
            vars *it = add_item(v, "具体");
            num(it, "序号", ++k);
            char c1[8], c2[8];
            jue_code_parent(JUE_CAT_FUNCTIONAL, row->key, c2, sizeof c2);
            jue_code_parent(JUE_CAT_FUNCTIONAL, c2, c1, sizeof c1);
            set(it, "类名", jue_catalog_name(cat, JUE_CAT_FUNCTIONAL, c1, d->year));
            set(it, "款名", jue_catalog_name(cat, JUE_CAT_FUNCTIONAL, c2, d->year));
            set(it, "项名", row->name);
            wan(it, "决算", actual);
            if (!src->has_budget) continue;   /* not known: no sentence about it (warned at loading) */
            set(it, "有预算", "1");
            jue_fen budget = 0;
            const char *reason = NULL;
            int bline = 0;
            for (size_t b = 0; b < src->nbudget; b++)
                if (!strcmp(src->budget[b].code, row->key)) {
                    budget += src->budget[b].budget;
                    if (src->budget[b].reason) reason = src->budget[b].reason;
                    bline = src->budget[b].line;
                }
            jue_fen bud = jue_round_wan2(budget);
            wan(it, "预算", bud);
            if (bud > 0) pct(it, "完成率", ratio_ppb(actual, bud));
            const char *cmp = actual > bud ? "决算数大于年初预算数" : actual < bud ? "决算数小于年初预算数" : "决算数等于年初预算数";
            char cb[120];
            snprintf(cb, sizeof cb, "%s%s", cmp, reason && actual != bud ? "，" : "。");
            set(it, "比较", cb);
            set(it, "差异", actual > bud ? "大于" : actual < bud ? "小于" : "");
            if (actual != bud) {
                if (reason) set(it, "原因", reason);
                else {
                    char p[4096];
                    jue_source_path(src, "budget.csv", p, sizeof p);
                    jue_diag_add(diags, JUE_SEV_WARNING, p, bline, bline ? 1 : 0,
                                 "%s %s（项）的决算数与年初预算数不同，但没有说明原因（reason 列）%s", row->key,
                                 row->name, bline ? "" : "：budget.csv 中没有该项，年初预算按0计");
                }
            }
        }
    }
    /* 六 基本支出 */
    jue_fen basic = cell(d, JUE_T05, "合计", 0, JUE_C_BASIC);
    jue_fen pers = cell(d, JUE_T06, JUE_L6_PERSONNEL, 0, JUE_C_ACTUAL), pub = cell(d, JUE_T06, JUE_L6_PUBLIC, 0, JUE_C_ACTUAL);
    wan(v, JUE_C_BASIC, basic);
    wan(v, "人员经费", pers);
    wan(v, "公用经费", pub);
    jue_fen pp[2] = { pers, pub };
    int64_t ps[2];
    jue_shares_ppb(pp, 2, basic, ps);
    share(v, "人员经费占比", ps[0], pers);
    share(v, "公用经费占比", ps[1], pub);
    const jue_table *t6 = d->tables[JUE_T06];
    for (int side = 0; side < 2 && t6; side++) {
        jue_buf b;
        jue_buf_init(&b);
        for (size_t r = 0; r < t6->nrows; r++) {
            const jue_row *row = &t6->rows[r];
            if (row->level != JUE_LEVEL_KUAN || row->side != (side ? JUE_SIDE_PUBLIC : JUE_SIDE_PERSONNEL)) continue;
            if (!jue_table_cell_c(t6, r, 0)->printed) continue;
            if (b.len) jue_buf_puts(&b, "、");
            jue_buf_puts(&b, row->name);
        }
        set(v, side ? "公用经费项目" : "人员经费项目", jue_buf_str(&b));
        jue_buf_free(&b);
    }
    /* 七 三公 */
    jue_fen tb = cell(d, JUE_T09, JUE_L9_TOTAL, 0, JUE_C_BUDGET), ta = cell(d, JUE_T09, JUE_L9_TOTAL, 0, JUE_C_ACTUAL);
    if (tb || ta) set(v, "有三公", "1");
    wan(v, "三公预算", tb);
    wan(v, "三公决算", ta);
    if (tb > 0) pct(v, "三公完成率", ratio_ppb(ta, tb));
    wan(v, "出国决算", cell(d, JUE_T09, JUE_L9_ABROAD, 0, JUE_C_ACTUAL));
    wan(v, "公务用车决算", cell(d, JUE_T09, JUE_L9_CAR, 0, JUE_C_ACTUAL));
    wan(v, "购置决算", cell(d, JUE_T09, JUE_L9_CAR_BUY, 0, JUE_C_ACTUAL));
    wan(v, "运行决算", cell(d, JUE_T09, JUE_L9_CAR_RUN, 0, JUE_C_ACTUAL));
    wan(v, "接待决算", cell(d, JUE_T09, JUE_L9_RECEPTION, 0, JUE_C_ACTUAL));
    num(v, "出国团组", meta_int(src, "three_public", "abroad_groups"));
    num(v, "出国人次", meta_int(src, "three_public", "abroad_people"));
    num(v, "车辆保有", meta_int(src, "three_public", "vehicles_held"));
    num(v, "接待批次", meta_int(src, "three_public", "reception_batches"));
    num(v, "接待人次", meta_int(src, "three_public", "reception_persons"));
    /* 八/九 funds */
    const jue_table *t7 = d->tables[JUE_T07], *t8 = d->tables[JUE_T08];
    if (t7 && !t7->empty) set(v, "有政府性基金", "1");
    wan(v, "政府性基金收入", cell(d, JUE_T07, "合计", 0, JUE_C_INCOME));
    wan(v, "政府性基金年初", cell(d, JUE_T07, "合计", 0, JUE_C_BEGIN));
    wan(v, "政府性基金支出", cell(d, JUE_T07, "合计", 0, JUE_C_SUBTOTAL));
    wan(v, "政府性基金年末", cell(d, JUE_T07, "合计", 0, JUE_C_END));
    if (t8 && !t8->empty) set(v, "有国有资本经营", "1");
    wan(v, "国有资本经营支出", cell(d, JUE_T08, "合计", 0, JUE_C_SUBTOTAL));
    /* 十 机关运行经费, 十一 会议费/培训费, 十二 政府采购, 十三 资产 */
    jue_fen ope;
    if (meta_amount(src, "operating_expenses", NULL, &ope) && ope) {
        wan(v, "机关运行经费", jue_round_wan2(ope));
        if (jue_source_last_year(src, "operating_expenses", &last)) {
            set(v, "有上年机关运行经费", "1");
            change(v, "机关运行经费变动", jue_round_wan2(ope), last);
        }
    }
    jue_fen x = 0;
    meta_amount(src, "meetings", "actual", &x);
    wan(v, "会议费", jue_round_wan2(x));
    num(v, "会议次数", meta_int(src, "meetings", "count"));
    num(v, "会议人次", meta_int(src, "meetings", "persons"));
    x = 0;
    meta_amount(src, "training", "actual", &x);
    wan(v, "培训费", jue_round_wan2(x));
    num(v, "培训次数", meta_int(src, "training", "count"));
    num(v, "培训人次", meta_int(src, "training", "persons"));
    jue_fen g = 0, w = 0, sv = 0, sme = 0, sm = 0;
    meta_amount(src, "procurement", "goods", &g);
    meta_amount(src, "procurement", "works", &w);
    meta_amount(src, "procurement", "services", &sv);
    meta_amount(src, "procurement", "sme", &sme);
    meta_amount(src, "procurement", "small_micro", &sm);
    /* the total is the sum of the printed parts, so the sentence adds up */
    jue_fen pg = jue_round_wan2(g), pw = jue_round_wan2(w), ps2 = jue_round_wan2(sv);
    jue_fen ptot = pg + pw + ps2;
    if (ptot) {
        wan(v, "政府采购", ptot);
        wan(v, "采购货物", pg);
        wan(v, "采购工程", pw);
        wan(v, "采购服务", ps2);
        wan(v, "中小企业", jue_round_wan2(sme));
        wan(v, "小微企业", jue_round_wan2(sm));
        pct(v, "中小企业占比", ratio_ppb(jue_round_wan2(sme), ptot));
        pct(v, "小微企业占比", ratio_ppb(jue_round_wan2(sm), ptot));
    }
    long cars = 0;
    jue_buf cb;
    jue_buf_init(&cb);
    const jue_ynode *vs = meta(src, "assets", "vehicles");
    for (size_t i = 0; vs && vs->type == JUE_Y_SEQ && i < vs->n; i++) {
        const jue_ynode *cat_n = jue_ymap_get(vs->items[i], "category"), *cnt = jue_ymap_get(vs->items[i], "count");
        long c = cnt && cnt->type == JUE_Y_SCALAR ? strtol(cnt->value, NULL, 10) : 0;
        cars += c;
        if (cat_n && cat_n->type == JUE_Y_SCALAR)
            jue_buf_printf(&cb, "%s%s%ld辆", cb.len ? "、" : "", cat_n->value, c);
    }
    num(v, "车辆总数", cars);
    set(v, "车辆明细", jue_buf_str(&cb));
    jue_buf_free(&cb);
    num(v, "通用设备", meta_int(src, "assets", "equipment_over_50"));
    num(v, "专用设备", meta_int(src, "assets", "equipment_over_100"));
    /* 预算绩效: computed from perf.yaml when the source has it (counts,
     * amounts, average score, grades), else the department's own text */
    jue_buf pb;
    jue_buf_init(&pb);
    if (src->perf && src->perf->scored && jue_perf_summary(src->perf, &pb) == JUE_OK) {
        set(v, "绩效", jue_buf_str(&pb));
    } else {
        const jue_ynode *perf = meta(src, "performance", NULL);
        set(v, "绩效", perf && perf->type == JUE_Y_SCALAR ? perf->value : "");
    }
    jue_buf_free(&pb);
    more_vars(src, d, cat, v);
}

/* ---------- templates ---------- */

typedef struct {
    const char *file;
    int line;
    jue_diags *diags;
    bool bad;
} tctx;

static bool truthy(const char *s)
{
    if (!s || !*s) return false;
    for (const char *p = s; *p; p++)
        if (*p != '0' && *p != '.') return true;
    return false;
}

/* Expands t[0, n) into out; items (may be NULL) are looked up before globals. */
static void expand(tctx *c, const char *t, size_t n, const vars *g, const vars *item, jue_buf *out)
{
    size_t i = 0;
    while (i < n) {
        if (t[i] != '{') { jue_buf_putc(out, t[i++]); continue; }
        const char *close = memchr(t + i, '}', n - i);
        if (!close) {
            jue_diag_add(c->diags, JUE_SEV_ERROR, c->file, c->line, 0, "模板：“{”没有对应的“}”");
            c->bad = true;
            return;
        }
        char name[128];
        size_t nl = (size_t)(close - (t + i + 1));
        snprintf(name, sizeof name, "%.*s", (int)nl, t + i + 1);
        i = (size_t)(close - t) + 1;
        char kind = name[0];
        if (kind == '?' || kind == '!' || kind == '#') {
            /* the block runs to the matching {/name} */
            char endtag[140];
            snprintf(endtag, sizeof endtag, "{/%s}", name + 1);
            size_t el = strlen(endtag), depth = 0, j = i;
            /* the three tags that open a block of the same name, made once
             * (not at every byte searched: that was 3 snprintf a byte) */
            char opentag[3][140];
            size_t ol[3];
            for (int k = 0; k < 3; k++) {
                snprintf(opentag[k], sizeof opentag[k], "{%c%s}", "?!#"[k], name + 1);
                ol[k] = strlen(opentag[k]);
            }
            const char *found = NULL;
            for (; j + el <= n; j++) {
                if (t[j] != '{') continue;
                for (int k = 0; k < 3; k++)
                    if (j + ol[k] <= n && !memcmp(t + j, opentag[k], ol[k])) { depth++; break; }
                if (!memcmp(t + j, endtag, el)) {
                    if (depth == 0) { found = t + j; break; }
                    depth--;
                }
            }
            if (!found) {
                jue_diag_add(c->diags, JUE_SEV_ERROR, c->file, c->line, 0, "模板：{%s}没有以%s结束", name, endtag);
                c->bad = true;
                return;
            }
            size_t bn = (size_t)(found - (t + i));
            if (kind == '#') {
                const list *l = get_list(g, name + 1);
                for (size_t q = 0; l && q < l->n; q++) expand(c, t + i, bn, g, &l->items[q], out);
            } else {
                const char *val = item ? get(item, name + 1) : NULL;
                if (!val) val = get(g, name + 1);
                bool on = truthy(val) || (get_list(g, name + 1) && get_list(g, name + 1)->n);
                if ((kind == '?') == on) expand(c, t + i, bn, g, item, out);
            }
            i = (size_t)(found - t) + el;
            continue;
        }
        const char *val = item ? get(item, name) : NULL;
        if (!val) val = get(g, name);
        if (!val) {
            jue_diag_add(c->diags, JUE_SEV_ERROR, c->file, c->line, 0, "模板：未知的值{%s}", name);
            c->bad = true;
            continue;
        }
        jue_buf_puts(out, val);
    }
}

/* A section with `when: name` is left out (and not numbered) unless the
 * value is non-empty and not zero. */
static bool section_on(const jue_ynode *sec, const vars *v)
{
    const jue_ynode *when = jue_ymap_get(sec, "when");
    if (!when || when->type != JUE_Y_SCALAR) return true;
    const list *l = get_list(v, when->value);
    return truthy(get(v, when->value)) || (l && l->n);
}

static void emit_section(tctx *c, const jue_ynode *sec, int level, int index, const vars *v, jue_buf *out)
{
    const jue_ynode *title = jue_ymap_get(sec, "title"), *text = jue_ymap_get(sec, "text");
    char nb[16];
    const char *num = index >= 0 ? cn((size_t)index, nb) : "";
    if (level == 1) jue_buf_printf(out, "## %s、%s\n\n", num, title && title->type == JUE_Y_SCALAR ? title->value : "");
    else jue_buf_printf(out, "### （%s）%s\n\n", num, title && title->type == JUE_Y_SCALAR ? title->value : "");
    if (text && text->type == JUE_Y_SCALAR) {
        c->line = text->line;
        jue_buf para;
        jue_buf_init(&para);
        expand(c, text->value, strlen(text->value), v, NULL, &para);
        /* one statement per paragraph */
        const char *p = jue_buf_str(&para);
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            while (l && p[0] == ' ') { p++; l--; }
            if (l) { jue_buf_putn(out, p, l); jue_buf_puts(out, "\n\n"); }
            p += l;
            if (*p == '\n') p++;
        }
        jue_buf_free(&para);
    }
    const jue_ynode *subs = jue_ymap_get(sec, "subsections");
    for (size_t i = 0, k = 0; subs && subs->type == JUE_Y_SEQ && i < subs->n; i++)
        if (section_on(subs->items[i], v)) emit_section(c, subs->items[i], 2, (int)k++, v, out);
}

jue_status jue_notes_markdown(const jue_source *src, const jue_disclosure *d, const jue_catalog *cat,
                              const char *template_path, jue_buf *out, jue_diags *diags)
{
    jue_ynode *root = NULL;
    char file[4096];
    jue_status st = jue_yaml_load(template_path, "templates/notes-national.yaml", file, sizeof file, &root, diags);
    if (st == JUE_ERR_IO) return st;
    if (st != JUE_OK) return st == JUE_ERR_NOMEM ? st : JUE_ERR_INVALID;
    vars v;
    memset(&v, 0, sizeof v);
    build_vars(src, d, cat, &v, diags);
    tctx c = { file, 0, diags, false };
    jue_buf_printf(out, "# 第三部分 %s%d年度部门决算情况说明\n\n", d->department ? d->department : "", d->year);
    const jue_ynode *secs = jue_ymap_get(root, "sections");
    for (size_t i = 0, k = 0; secs && secs->type == JUE_Y_SEQ && i < secs->n; i++)
        if (section_on(secs->items[i], &v)) emit_section(&c, secs->items[i], 1, (int)k++, &v, out);
    vars_free(&v);
    jue_ynode_free(root);
    if (out->err) return out->err;
    return c.bad ? JUE_ERR_INVALID : JUE_OK;
}

jue_status jue_notes_markdown_profile(const jue_source *src, const jue_disclosure *d, const jue_catalog *cat,
                                      const jue_profile *prof, jue_buf *out, jue_diags *diags)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/templates/notes-%s.yaml", jue_data_dir(), prof ? jue_profile_notes(prof) : "national");
    return jue_notes_markdown(src, d, cat, path, out, diags);
}
