/* The text of the notes: claims.numbering, claims.section-missing,
 * claims.placeholder, claims.stale-year (and claims.date of an opening year). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"

static void section_finding(ck *k, check_id id, const jue_section *sec, const char *expected, const char *actual,
                            const char *msg)
{
    int s = ck_sev(k, id);
    if (s < 0) return;
    jue_finding f = { 0 };
    f.rule = (char *)jue_claim_check_names[id];
    f.severity = (jue_severity)s;
    f.message = (char *)msg;
    f.file = k->d->source;
    f.line = sec ? sec->line : 0;
    f.page = sec ? sec->page : 0;
    f.table = -1;
    f.expected = (char *)expected;
    f.actual = (char *)actual;
    if (jue_findings_add(k->out, &f) != JUE_OK) k->st = JUE_ERR_NOMEM;
}

/* Whether s has 指 right after a colon (：指 or :指): strstr of either, with
 * one search for 指. */
static bool colon_zhi(const char *s)
{
    for (const char *p = strstr(s, "指"); p; p = strstr(p + 3, "指"))
        if ((p - s >= 3 && !memcmp(p - 3, "：", 3)) || (p > s && p[-1] == ':')) return true;
    return false;
}

/* Section numbers run 一、二、三… and （一）（二）… under each 一、; a number
 * that comes back to 一 starts a new part (概况, 情况说明, 名词解释 each count
 * from 一). A repeated number, a gap or a step back is reported. A run
 * whose first heading was not read (starts above 一) is taken as it comes. */
void ck_check_numbering(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    int prev[2] = { 0, 0 };
    for (size_t i = 0; i < cl->nsections; i++) {
        const jue_section *sec = &cl->sections[i];
        int n = jue_parse_cn_numeral(sec->number), L = sec->level == 2 ? 1 : 0;
        if (n < 0 || sec->level < 1 || sec->level > 2) continue;
        /* the terms of 名词解释 ("三、经营收入：指…") are a list of definitions,
         * often broken across pages and lines; their numbers are left alone */
        if (colon_zhi(sec->title)) continue;
        if (L == 0) prev[1] = 0;
        int p = prev[L];
        prev[L] = n;
        if (n == 1 || p == 0 || n == p + 1) continue;
        /* a repeated or backward number is taken as the one meant (p + 1),
         * so one misnumbered heading gives one finding, not two */
        if (n <= p) prev[L] = p + 1;
        /* a jump followed by the number after the expected one (十二、十五、
         * 十四、) is one misnumbered heading, not a gap */
        bool misnumbered = false;
        if (n > p + 1) {
            for (size_t j = i + 1; j < cl->nsections; j++) {
                const jue_section *nx = &cl->sections[j];
                if (L == 1 && nx->level == 1) break;
                if (nx->level != sec->level) continue;
                misnumbered = jue_parse_cn_numeral(nx->number) == p + 2;
                break;
            }
            if (misnumbered) prev[L] = p + 1;
        }
        const char *open = L ? "（" : "", *close = L ? "）" : "、";
        char exp[16], act[64], msg[512], pn[16];
        /* the title as far as a heading goes (long ones are a sentence run on),
         * cut at a character boundary */
        int tl = 0;
        while (sec->title[tl] && tl < 90) tl++;
        while (tl > 0 && ((unsigned char)sec->title[tl] & 0xC0) == 0x80) tl--;
        jue_fmt_cn_numeral(p + 1, exp, sizeof exp);
        jue_fmt_cn_numeral(p, pn, sizeof pn);
        snprintf(act, sizeof act, "%s%s%s", open, sec->number, close);
        if (n == p)
            snprintf(msg, sizeof msg, "标题序号重复：“%s%.*s”前一个标题也是“%s%s%s”", act, tl, sec->title, open, pn, close);
        else if (misnumbered)
            snprintf(msg, sizeof msg, "标题序号错误：“%s%s%s”之后应为“%s%s%s”，写作“%s%.*s”", open, pn, close, open, exp, close,
                     act, tl, sec->title);
        else if (n > p)
            snprintf(msg, sizeof msg, "标题序号跳号：“%s%s%s”之后是“%s%.*s”，缺少“%s%s%s”", open, pn, close, act, tl,
                     sec->title, open, exp, close);
        else
            snprintf(msg, sizeof msg, "标题序号倒退：“%s%s%s”之后是“%s%.*s”", open, pn, close, act, tl, sec->title);
        char e2[48];
        snprintf(e2, sizeof e2, "%s%s%s", open, exp, close);
        section_finding(k, C_NUMBERING, sec, e2, act, msg);
    }
}

/* Whether a section's title has one of the alternatives alts ("A|B"),
 * each cut to its first 255 bytes; each cut once, not once a section. */
static bool section_titled(const jue_claims *cl, const char *alts)
{
    for (const char *a = alts; *a;) {
        size_t n = strcspn(a, "|"), m = n < 255 ? n : 255;
        char phrase[256];
        memcpy(phrase, a, m);
        phrase[m] = '\0';
        for (size_t i = 0; i < cl->nsections && m; i++)
            if (strstr(cl->sections[i].title, phrase)) return true;
        a += n + (a[n] == '|');
    }
    return false;
}

/* Topics every set of notes must cover (DOMAIN.md §4; the list is data in
 * claims.yaml), looked for in the titles of sections at any level — Shanghai
 * puts 机关运行经费 and 政府采购 under 其他重要事项说明. Only for a document
 * that has both tables and notes: a workbook of tables has no notes to miss. */
void ck_check_sections_present(ck *k)
{
    const jue_claims *cl = &k->d->claims;
    if (!k->checks || !k->checks->nrequired) return;
    int tables = 0;
    for (int t = 0; t < JUE_NTABLES; t++) tables += k->d->tables[t] != NULL;
    bool notes = false;
    for (size_t i = 0; i < cl->nsections && !notes; i++) notes = strstr(cl->sections[i].title, "情况说明") != NULL;
    if (tables < 5 || !notes || cl->len < 5) return;
    for (size_t r = 0; r < k->checks->nrequired; r++) {
        const char *alts = k->checks->required[r];
        if (section_titled(cl, alts)) continue;
        char name[256], msg[512];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(alts, "|"), alts);
        snprintf(msg, sizeof msg, "情况说明中没有关于“%s”的部分（按规定应当说明；不涉及的也应写明“不涉及”或“无”）", name);
        section_finding(k, C_SECTION_MISSING, NULL, name, "缺少", msg);
    }
}
/* What a placeholder stands for, by the character after "XX": 0 a name
 * ("XX局"), 1 an amount ("XX万"), 2 a number ("XX个"), 3 something else. */
static int placeholder_kind(const char *printed)
{
    static const char *const AMOUNT[] = { "万", "元", "亿" };
    static const char *const NUMBER[] = { "个", "人", "名", "分", "次", "项", "辆", "台", "家", "户", "件", "%", "％", "天", "年", "月", "日" };
    static const char *const NAME[] = { "局", "单", "委", "办", "处", "厅", "部", "中", "所", "站", "院", "区", "县", "市",
                                        "省", "镇", "街", "科", "室", "队", "馆", "会", "司", "公", "学", "校" };
    const char *p = printed ? printed : "";
    p += !strncmp(p, "XX", 2) ? 2 : strlen(p) >= 6 ? 6 : strlen(p);
    for (size_t i = 0; i < sizeof AMOUNT / sizeof *AMOUNT; i++) if (!strncmp(p, AMOUNT[i], strlen(AMOUNT[i]))) return 1;
    for (size_t i = 0; i < sizeof NUMBER / sizeof *NUMBER; i++) if (!strncmp(p, NUMBER[i], strlen(NUMBER[i]))) return 2;
    for (size_t i = 0; i < sizeof NAME / sizeof *NAME; i++) if (!strncmp(p, NAME[i], strlen(NAME[i]))) return 0;
    return 3;
}

/* Template text left in: one finding per sentence however often it repeats
 * there, at its first placeholder, saying what each stands for and how many
 * there are ("共N处"). By sentence, not by line or paragraph: where a door
 * breaks the lines, or whether it marks a paragraph, does not change it. */
void ck_check_placeholders(ck *k, size_t first)
{
    static const char *const WHAT[] = { "名称", "金额", "数字", "内容" };
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c0 = &cl->items[first];
    for (size_t i = 0; i < first; i++)
        if (cl->items[i].role == JUE_ROLE_PLACEHOLDER && cl->items[i].sentence == c0->sentence) return;   /* said already */
    size_t n = 0;
    bool kinds[4] = { false };
    char tok[48] = "";
    jue_buf shown, what;
    jue_buf_init(&shown);
    jue_buf_init(&what);
    for (size_t i = first; i < cl->len; i++) {
        const jue_claim *c = &cl->items[i];
        if (c->role != JUE_ROLE_PLACEHOLDER || c->sentence != c0->sentence) continue;
        n++;
        int kind = placeholder_kind(c->printed);
        kinds[kind] = true;
        char t[48], q[64];   /* "XX（", "XX的": the placeholder is the XX alone */
        const char *pr = c->printed ? c->printed : "";
        snprintf(t, sizeof t, "%.*s", kind == 3 ? (!strncmp(pr, "XX", 2) ? 2 : 6) : (int)strlen(pr), pr);
        snprintf(q, sizeof q, "“%s”", t);
        if (n == 1) memcpy(tok, t, sizeof tok);
        if (!strstr(jue_buf_str(&shown), q)) jue_buf_puts(&shown, q);
    }
    if (kinds[0] || kinds[1] || kinds[2]) kinds[3] = false;   /* "内容" only when nothing says more */
    size_t nk = 0;
    for (int q = 0; q < 4; q++) nk += kinds[q];
    for (int q = 0, j = 0; q < 4; q++) {
        if (!kinds[q]) continue;
        if (j++) jue_buf_puts(&what, j == (int)nk ? "和" : "、");
        jue_buf_puts(&what, WHAT[q]);
    }
    const char *w = jue_buf_str(&what);
    if (n == 1)
        ck_report(k, C_PLACEHOLDER, c0, w, tok, "%s是模板中的占位文字，应替换为实际%s", jue_buf_str(&shown), w);
    else
        ck_report(k, C_PLACEHOLDER, c0, w, jue_buf_str(&shown), "同一句中留有模板中的占位文字共%zu处，应替换为实际的%s", n, w);
    jue_buf_free(&shown);
    jue_buf_free(&what);
}


/* A year that opens a statement ("2023年度收入总计24024.22万元，…") in the
 * notes of another year's accounts. When the figure it dates is this year's
 * table figure, the year and the table contradict each other as printed
 * (claims.date, an error); otherwise it may be a statement about that year
 * (claims.stale-year, a warning). A comparison ("与2023年度相比") or a
 * year-end date is not this. */
void ck_check_stale_year(ck *k, size_t i)
{
    const jue_claims *cl = &k->d->claims;
    const jue_claim *c = &cl->items[i];
    char exp[32];
    snprintf(exp, sizeof exp, "%d年度", k->d->year);
    for (size_t j = i + 1; j < cl->len && cl->items[j].sentence == c->sentence; j++) {
        const jue_claim *p = &cl->items[j];
        if (p->role == JUE_ROLE_DATE) break;
        if (p->is_percent || !jue_fact_on(&p->fact) || (p->role != JUE_ROLE_VALUE && p->role != JUE_ROLE_ACTUAL)) continue;
        bool tok, rok;
        int t = -1;
        const jue_cell *cell = ck_fact_cell(k, &p->fact, &tok, &rok, &t);
        if (!cell || !jue_iv_overlaps(p->iv, ck_cell_iv(cell)) || ck_cell_iv(cell).hi == 0) break;
        ck_note(k, c, false, "其后的%s%s是本年（%d年度）%s中的数", ck_subject_name(k, &p->subject, 0), p->printed,
             k->d->year, jue_table_label((jue_table_id)t));
        ck_report(k, C_DATE, c, exp, c->printed, "说明写作“%s%s%s”，但该数是%s本年（%d年度）的数：年度应为%d年度",
               c->printed, ck_subject_name(k, &p->subject, 0), p->printed, jue_table_label((jue_table_id)t), k->d->year,
               k->d->year);
        return;
    }
    /* "2024年度本年支出合计…，2023年度为…": the sentence has stated this year
     * first; the other year is compared with it, no old draft's */
    for (size_t j = i; j-- > 0 && cl->items[j].sentence == c->sentence;)
        if (cl->items[j].role == JUE_ROLE_DATE && cl->items[j].opens && cl->items[j].value == k->d->year) {
            ck_note(k, c, true, "同句先写了本年（%d年度）的数，此处是与之比较的年度", k->d->year);
            return;
        }
    ck_note(k, c, false, "年度与决算年度%d不同", k->d->year);
    ck_report(k, C_STALE_YEAR, c, exp, c->printed, "%d年度决算的说明中以“%s”起句，年度可能沿用了旧稿（若说的是该年度的情况则无误）",
           k->d->year, c->printed);
}

/* A date of the notes against the accounts' year: a year-end date or a 决算
 * title of another year (claims.date), a year opening a statement
 * (ck_check_stale_year); "与2023年度相比" is the comparison year. */
void ck_check_date(ck *k, size_t i)
{
    const jue_disclosure *d = k->d;
    const jue_claim *c = &d->claims.items[i];
    /* "与2023年度相比": the year before, named for a comparison (a
     * year-end date or a 决算 title of that year is reported below) */
    bool last = c->value == d->year - 1 && c->printed && !strstr(c->printed, "12月31日") &&
                !strstr(c->printed, "决算") && !c->opens;
    if (last) ck_note(k, c, true, "上年度%d（与决算年度%d比较）", d->year - 1, d->year);
    else ck_note(k, c, c->value == d->year, "决算年度%d", d->year);
    if (c->printed && strstr(c->printed, "12月31日") && c->value != d->year) {
        char exp[32];
        snprintf(exp, sizeof exp, "%d年12月31日", d->year);
        ck_report(k, C_DATE, c, exp, c->printed, "%d年度决算中写的是“%s”，年末应为%s", d->year, c->printed, exp);
    }
    /* "上海市普陀区财政局2023年度部门决算情况说明" in the 2024 accounts */
    if (c->printed && strstr(c->printed, "决算") && c->value != d->year) {
        char exp[48];
        snprintf(exp, sizeof exp, "%d年度", d->year);
        ck_report(k, C_DATE, c, exp, c->printed, "%d年度决算的标题或说明写作“%s”，年度应为%d", d->year, c->printed,
                  d->year);
    }
    if (c->opens && c->value != d->year && c->printed && !strstr(c->printed, "12月31日") &&
        !strstr(c->printed, "决算"))
        ck_check_stale_year(k, i);
}
