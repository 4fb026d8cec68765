/* Building the complete document of a compiled disclosure: its parts in the
 * profile's order and structure (national by default), texts from the
 * source, the notes from the narrative, the glossary from data, and charts
 * from the printed figures. */
#include <juesuan/document.h>
#include <juesuan/narrative.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/yaml_tree.h"

/* The Chinese numeral of a 0-based index ("一" for 0), in buf (16 bytes). */
static const char *cn(size_t index, char buf[16])
{
    jue_fmt_cn_numeral((int)(index < 98 ? index + 1 : 0), buf, 16);
    return buf;
}

static void chart_free(jue_chart *c)
{
    if (!c) return;
    free(c->title);
    for (size_t i = 0; i < c->ngroups; i++) free(c->group_labels[i]);
    for (size_t i = 0; i < c->nseries; i++) free(c->series_labels[i]);
    free(c->group_labels);
    free(c->series_labels);
    free(c->values);
    free(c);
}

void jue_document_free(jue_document *doc)
{
    if (!doc) return;
    for (size_t i = 0; i < doc->n; i++) {
        free(doc->blocks[i].text);
        free(doc->blocks[i].text2);
        free(doc->blocks[i].anchor);
        chart_free(doc->blocks[i].chart);
        jue_form_free(doc->blocks[i].form);
    }
    free(doc->blocks);
    free(doc->title);
    free(doc);
}

static jue_block *add(jue_document *doc, jue_block_kind k)
{
    if (doc->n == doc->cap) {
        size_t nc = doc->cap ? doc->cap * 2 : 64;
        jue_block *nb = realloc(doc->blocks, nc * sizeof *nb);
        if (!nb) return NULL;
        doc->blocks = nb;
        doc->cap = nc;
    }
    jue_block *b = &doc->blocks[doc->n++];
    memset(b, 0, sizeof *b);
    b->kind = k;
    return b;
}

static void heading(jue_document *doc, int level, const char *text, const char *anchor)
{
    jue_block *b = add(doc, JUE_BLK_HEADING);
    if (!b) return;
    b->level = level;
    b->text = jue_strdup(text);
    b->anchor = jue_strdup(anchor);
}

static void para(jue_document *doc, const char *text, size_t n)
{
    while (n && (*text == ' ' || *text == '\t')) { text++; n--; }
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\r')) n--;
    if (!n) return;
    jue_block *b = add(doc, JUE_BLK_PARA);
    if (!b) return;
    b->text = malloc(n + 1);
    if (b->text) { memcpy(b->text, text, n); b->text[n] = 0; }
}

/* A text of several lines: one paragraph per line. */
static void paras(jue_document *doc, const char *text)
{
    for (const char *p = text; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        para(doc, p, n);
        p += n;
        if (*p == '\n') p++;
    }
}

static const char *ytext(const jue_source *s, const char *a, const char *b)
{
    const jue_ynode *n = jue_ymap_get(s->meta, a);
    if (b) n = jue_ymap_get(n, b);
    return n && n->type == JUE_Y_SCALAR && !n->plain_null ? n->value : NULL;
}

static long yint(const jue_source *s, const char *a, const char *b)
{
    const char *t = ytext(s, a, b);
    return t ? strtol(t, NULL, 10) : -1;
}

static jue_fen printed(const jue_disclosure *d, jue_table_id t, const char *row, jue_side side, const char *col)
{
    const jue_table *tab = d->tables[t];
    if (!tab) return 0;
    int r = jue_table_find_row(tab, row, side), c = jue_table_find_col(tab, col);
    if (r < 0 || c < 0) return 0;
    const jue_cell *x = jue_table_cell_c(tab, (size_t)r, (size_t)c);
    return x->present ? x->printed : 0;
}

static jue_chart *chart_new(jue_chart_kind kind, const char *title, size_t ng, size_t ns)
{
    jue_chart *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->kind = kind;
    c->title = jue_strdup(title);
    c->ngroups = ng;
    c->nseries = ns;
    c->group_labels = calloc(ng ? ng : 1, sizeof *c->group_labels);
    c->series_labels = calloc(ns ? ns : 1, sizeof *c->series_labels);
    c->values = calloc(ng * ns + 1, sizeof *c->values);
    if (!c->title || !c->group_labels || !c->series_labels || !c->values) { chart_free(c); return NULL; }
    return c;
}

static void add_chart(jue_document *doc, jue_chart *c)
{
    if (!c) return;
    jue_block *b = add(doc, JUE_BLK_CHART);
    if (!b) { chart_free(c); return; }
    b->chart = c;
}

/* Charts as published documents carry them: totals against last year (bars),
 * and the structure of income and expenditure (donuts). */
static void charts_for_section(jue_document *doc, const jue_source *src, const jue_disclosure *d, int section)
{
    const jue_side I = JUE_SIDE_INCOME, E = JUE_SIDE_EXPEND;
    if (section == 0) {
        jue_fen li = 0, le = 0;
        bool last = jue_source_last_year(src, "income_total", &li) && jue_source_last_year(src, "expenditure_total", &le);
        jue_chart *c = chart_new(JUE_CHART_BARS, "收入支出决算总计变动情况（万元）", 2, last ? 2 : 1);
        if (!c) return;
        c->group_labels[0] = jue_strdup("收入总计");
        c->group_labels[1] = jue_strdup("支出总计");
        size_t s = 0;
        if (last) {
            char y[16];
            snprintf(y, sizeof y, "%d年", d->year - 1);
            c->series_labels[s] = jue_strdup(y);
            c->values[0 * 2 + s] = jue_round_wan2(li);
            c->values[1 * 2 + s] = jue_round_wan2(le);
            s++;
        }
        char y[16];
        snprintf(y, sizeof y, "%d年", d->year);
        c->series_labels[s] = jue_strdup(y);
        c->values[0 * c->nseries + s] = printed(d, JUE_T01, JUE_L_INC_GRAND, I, JUE_C_ACTUAL);
        c->values[1 * c->nseries + s] = printed(d, JUE_T01, JUE_L_EXP_GRAND, E, JUE_C_ACTUAL);
        add_chart(doc, c);
    } else if (section == 1 || section == 2) {
        static const char *const INC[] = { JUE_C_INC_FISCAL,    JUE_C_INC_SUPERIOR,   JUE_C_INC_BUSINESS,
                                           JUE_C_INC_OPERATING, JUE_C_INC_AFFILIATED, JUE_C_INC_OTHER };
        static const char *const EXP[] = { JUE_C_BASIC, JUE_C_PROJECT, JUE_C_EXP_SUPERIOR, JUE_C_EXP_OPERATING, JUE_C_EXP_AFFILIATED };
        const char *const *names = section == 1 ? INC : EXP;
        size_t n = section == 1 ? 6 : 5, k = 0;
        jue_fen v[6];
        for (size_t i = 0; i < n; i++) {
            v[i] = printed(d, section == 1 ? JUE_T02 : JUE_T03, "合计", 0, names[i]);
            k += v[i] != 0;
        }
        jue_chart *c = chart_new(JUE_CHART_DONUT, section == 1 ? "收入决算结构" : "支出决算结构", k, 1);
        if (!c) return;
        c->series_labels[0] = jue_strdup(JUE_C_ACTUAL);
        for (size_t i = 0, g = 0; i < n; i++)
            if (v[i]) {
                c->group_labels[g] = jue_strdup(names[i]);
                c->values[g++] = v[i];
            }
        add_chart(doc, c);
    }
}

/* 第五部分's 绩效自评: the summary of the 预算绩效 section, then the
 * 部门整体 evaluation and each project's, each as its 综述 and its 自评表 —
 * the order of published documents (DOMAIN.md §1, §5). */
static jue_status perf_part(jue_document *doc, const jue_perf_set *s)
{
    jue_buf b;
    jue_buf_init(&b);
    jue_status st = jue_perf_summary(s, &b);
    if (st == JUE_OK) para(doc, jue_buf_str(&b), b.len);
    size_t nproj = 0, k = 0;
    bool dept = false;
    for (size_t i = 0; i < s->n; i++) {
        if (s->evals[i].kind == JUE_PERF_PROJECT) nproj++;
        else dept = true;
    }
    for (int kind = JUE_PERF_DEPT; kind <= JUE_PERF_PROJECT && st == JUE_OK; kind++) {
        if (kind == JUE_PERF_DEPT ? !dept : !nproj) continue;
        char title[64], anchor[32], nb[16];
        snprintf(title, sizeof title, "（%s）%s", cn(k, nb), kind == JUE_PERF_DEPT ? "部门整体支出绩效自评" : "项目支出绩效自评");
        snprintf(anchor, sizeof anchor, "part-5-1-%zu", ++k);
        heading(doc, 3, title, anchor);
        size_t no = 0;
        for (size_t i = 0; i < s->n && st == JUE_OK; i++) {
            if ((int)s->evals[i].kind != kind) continue;
            jue_buf_reset(&b);
            if (kind == JUE_PERF_PROJECT && nproj > 1) jue_buf_printf(&b, "%zu. ", ++no);
            st = jue_perf_overview(s, i, &b);
            if (st == JUE_OK) para(doc, jue_buf_str(&b), b.len);
            jue_form *f = NULL;
            if (st == JUE_OK) st = jue_perf_form(s, i, &f);
            if (st != JUE_OK) break;
            jue_block *blk = add(doc, JUE_BLK_FORM);
            if (!blk) { jue_form_free(f); st = JUE_ERR_NOMEM; break; }
            blk->form = f;
            blk->anchor = jue_strdup(f->anchor);
        }
    }
    jue_buf_free(&b);
    return st;
}

/* {department} {year} {count} {units} in a text of the profile. */
static void fill(jue_buf *b, const char *t, const jue_disclosure *d)
{
    for (const char *s = t; *s;) {
        if (!strncmp(s, "{department}", 12)) { jue_buf_puts(b, d->department ? d->department : ""); s += 12; }
        else if (!strncmp(s, "{year}", 6)) { jue_buf_printf(b, "%d", d->year); s += 6; }
        else if (!strncmp(s, "{count}", 7)) { jue_buf_printf(b, "%zu", d->nunits); s += 7; }
        else if (!strncmp(s, "{units}", 7)) {
            for (size_t i = 0; i < d->nunits; i++)
                jue_buf_printf(b, "%s%s（%s）", i ? "、" : "", d->units[i].name, jue_unit_type_name(d->units[i].type));
            s += 7;
        } else jue_buf_putc(b, *s++);
    }
}

/* The units consolidated as a table: 序号 | 单位名称 | 备注 (the unit's
 * note in department.yaml, e.g. 预算不单列，并入本级). */
static jue_form *units_form(const jue_source *src, const jue_disclosure *d)
{
    jue_form *f = jue_form_new((int)d->nunits + 1, 3);
    if (!f) return NULL;
    static const char *const HEAD[3] = { "序号", "单位名称", "备注" };
    static const int W[3] = { 2, 9, 5 };
    jue_status st = JUE_OK;
    for (int c = 0; c < 3 && !st; c++) {
        f->widths[c] = W[c];
        st = jue_form_set(f, 0, c, 1, 1, JUE_FC_HEAD, HEAD[c]);
    }
    f->head_rows = 1;
    const jue_ynode *units = jue_ymap_get(src->meta, "units");
    for (size_t i = 0; i < d->nunits && !st; i++) {
        char no[24];
        snprintf(no, sizeof no, "%zu", i + 1);
        const jue_ynode *note = NULL;
        if (units && units->type == JUE_Y_SEQ && i < units->n) note = jue_ymap_get(units->items[i], "note");
        st = jue_form_set(f, (int)i + 1, 0, 1, 1, JUE_FC_CENTER, no);
        if (!st) st = jue_form_set(f, (int)i + 1, 1, 1, 1, 0, d->units[i].name);
        if (!st) st = jue_form_set(f, (int)i + 1, 2, 1, 1, 0,
                                   note && note->type == JUE_Y_SCALAR && !note->plain_null ? note->value : "");
    }
    if (!st) st = jue_form_text(&f->anchor, "units");
    if (st) { jue_form_free(f); return NULL; }
    return f;
}

/* One section of 第一部分 概况, numbered 一、二、… */
static void overview_section(jue_document *doc, const jue_source *src, const jue_disclosure *d, jue_overview_kind kind,
                             const char *title, const char *text, size_t index)
{
    char buf[512], anchor[32], nb[16];
    snprintf(buf, sizeof buf, "%s、%s", cn(index, nb), title);
    snprintf(anchor, sizeof anchor, "part-1-%zu", index + 1);
    heading(doc, 2, buf, anchor);
    jue_buf b;
    jue_buf_init(&b);
    switch (kind) {
    case JUE_OV_DUTIES: {
        const char *duties = ytext(src, "duties", NULL);
        paras(doc, duties ? duties : "（部门职责见 department.yaml 的 duties。）");
        break;
    }
    case JUE_OV_ORGANISATION: {
        const char *org = ytext(src, "organisation", NULL);
        if (org) paras(doc, org);
        long auth = yint(src, "staffing", "authorized"), act = yint(src, "staffing", "actual");
        if (auth >= 0 || act >= 0) {
            jue_buf_printf(&b, "本部门");
            if (auth >= 0) jue_buf_printf(&b, "编制人数%ld人，", auth);
            if (act >= 0) jue_buf_printf(&b, "实有人数%ld人", act);
            long ad = yint(src, "staffing", "admin"), in = yint(src, "staffing", "institution"),
                 re = yint(src, "staffing", "retired");
            if (ad >= 0 || in >= 0) jue_buf_printf(&b, "，其中行政编制%ld人、事业编制%ld人", ad < 0 ? 0 : ad, in < 0 ? 0 : in);
            if (re >= 0) jue_buf_printf(&b, "；离退休人员%ld人", re);
            jue_buf_puts(&b, "。");
            para(doc, jue_buf_str(&b), b.len);
        }
        break;
    }
    case JUE_OV_UNITS:
        fill(&b, text ? text : "纳入{department}{year}年度部门决算编制范围的单位共{count}个，包括：{units}。", d);
        paras(doc, jue_buf_str(&b));
        break;
    case JUE_OV_UNITS_TABLE: {
        fill(&b, text ? text : "纳入{department}{year}年度部门决算编制范围的单位包括：", d);
        paras(doc, jue_buf_str(&b));
        jue_form *f = units_form(src, d);
        jue_block *blk = f ? add(doc, JUE_BLK_FORM) : NULL;
        if (blk) {
            blk->form = f;
            blk->anchor = jue_strdup(f->anchor);
        } else {
            jue_form_free(f);
        }
        break;
    }
    }
    jue_buf_free(&b);
}

jue_status jue_document_build(const jue_source *src, const jue_disclosure *d, const jue_catalog *cat,
                              const jue_profile *prof, jue_document **out, jue_diags *diags)
{
    *out = NULL;
    jue_document *doc = calloc(1, sizeof *doc);
    if (!doc) return JUE_ERR_NOMEM;
    doc->d = d;
    char buf[1024];
    const char *dept = d->department ? d->department : "";
    snprintf(buf, sizeof buf, "%s%d年度部门决算", dept, d->year);
    doc->title = jue_strdup(buf);
    jue_block *cover = add(doc, JUE_BLK_COVER);
    if (cover) {
        cover->text = jue_strdup(buf);
        snprintf(buf, sizeof buf, "%s\n%d年", dept, d->year + 1);
        cover->text2 = jue_strdup(buf);
    }
    add(doc, JUE_BLK_PAGEBREAK);
    add(doc, JUE_BLK_TOC);
    add(doc, JUE_BLK_PAGEBREAK);

    /* 第一部分 概况: the profile's sections (national: 部门职责, 机构设置,
     * 决算单位构成; Shanghai: 主要职能, 部门决算单位构成 as a table) */
    snprintf(buf, sizeof buf, "第一部分 %s概况", dept);
    heading(doc, 1, buf, "part-1");
    const jue_overview_section *ov;
    size_t nov = jue_profile_overview(prof, &ov);
    for (size_t i = 0; i < nov; i++) {
        bool alt = ov[i].has_alt && d->nunits == 1;
        overview_section(doc, src, d, alt ? ov[i].alt_kind : ov[i].kind, alt ? ov[i].alt_title : ov[i].title,
                         ov[i].text, i);
    }
    add(doc, JUE_BLK_PAGEBREAK);

    /* 第二部分 the tables, in the profile's printed order */
    snprintf(buf, sizeof buf, "第二部分 %s%d年度部门决算表", dept, d->year);
    heading(doc, 1, buf, "part-2");
    for (int num = 1; num <= 99; num++)
        for (int t = 0; t < JUE_NTABLES; t++) {
            if (jue_profile_table_number(prof, (jue_table_id)t) != num || !d->tables[t]) continue;
            jue_block *b = add(doc, JUE_BLK_TABLE);
            if (!b) break;
            b->table = (jue_table_id)t;
            snprintf(buf, sizeof buf, "T%02d", t + 1);
            b->anchor = jue_strdup(buf);
        }
    add(doc, JUE_BLK_PAGEBREAK);

    /* 第三部分 the notes: the narrative's Markdown, sections become headings */
    jue_buf notes;
    jue_buf_init(&notes);
    jue_status st = jue_notes_markdown_profile(src, d, cat, prof, &notes, diags);
    if (st != JUE_OK) { jue_buf_free(&notes); jue_document_free(doc); return st; }
    int section = -1, sub = 0;
    for (const char *p = jue_buf_str(&notes); *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > 2 && !strncmp(p, "# ", 2)) {
            snprintf(buf, sizeof buf, "%.*s", (int)(n - 2), p + 2);
            heading(doc, 1, buf, "part-3");
        } else if (n > 3 && !strncmp(p, "## ", 3)) {
            if (section >= 0) charts_for_section(doc, src, d, section);
            section++;
            sub = 0;
            char anchor[32];
            snprintf(anchor, sizeof anchor, "notes-%d", section + 1);
            snprintf(buf, sizeof buf, "%.*s", (int)(n - 3), p + 3);
            heading(doc, 2, buf, anchor);
        } else if (n > 4 && !strncmp(p, "### ", 4)) {
            char anchor[32];
            snprintf(anchor, sizeof anchor, "notes-%d-%d", section + 1, ++sub);
            snprintf(buf, sizeof buf, "%.*s", (int)(n - 4), p + 4);
            heading(doc, 3, buf, anchor);
        } else {
            para(doc, p, n);
        }
        p += n;
        if (*p == '\n') p++;
    }
    if (section >= 0) charts_for_section(doc, src, d, section);
    jue_buf_free(&notes);
    add(doc, JUE_BLK_PAGEBREAK);

    /* 第四部分 名词解释: the standard terms, then the department's own */
    heading(doc, 1, "第四部分 名词解释", "part-4");
    char path[4096];
    snprintf(path, sizeof path, "%s/glossary/%s.yaml", jue_data_dir(), jue_profile_glossary(prof));
    char *gt;
    size_t gl;
    int k = 0;
    char nb[16];
    if (jue_read_file(path, &gt, &gl) == JUE_OK) {
        jue_ynode *root = NULL;
        if (jue_yaml_parse(path, gt, gl, &root, diags) == JUE_OK) {
            const jue_ynode *terms = jue_ymap_get(root, "terms");
            for (size_t i = 0; terms && terms->type == JUE_Y_SEQ && i < terms->n; i++) {
                const jue_ynode *t = jue_ymap_get(terms->items[i], "term"), *x = jue_ymap_get(terms->items[i], "text");
                if (!t || !x || t->type != JUE_Y_SCALAR || x->type != JUE_Y_SCALAR) continue;
                snprintf(buf, sizeof buf, "%s、%s：%s", cn((size_t)k, nb), t->value, x->value);
                k++;
                para(doc, buf, strlen(buf));
            }
        }
        jue_ynode_free(root);
        free(gt);
    } else {
        jue_diag_add(diags, JUE_SEV_WARNING, path, 0, 0, "无法读取名词解释");
    }
    const jue_ynode *own = jue_ymap_get(src->meta, "glossary");
    for (size_t i = 0; own && own->type == JUE_Y_SEQ && i < own->n; i++) {
        const jue_ynode *t = jue_ymap_get(own->items[i], "term"), *x = jue_ymap_get(own->items[i], "text");
        if (!t || !x || t->type != JUE_Y_SCALAR || x->type != JUE_Y_SCALAR) continue;
        snprintf(buf, sizeof buf, "%s、%s：%s", cn((size_t)k, nb), t->value, x->value);
        k++;
        para(doc, buf, strlen(buf));
    }
    if (!jue_profile_appendix(prof)) {
        /* a profile without 第五部分 (Shanghai: 预算绩效 and other matters
         * are sections of the notes) ends with the glossary */
        *out = doc;
        return JUE_OK;
    }
    add(doc, JUE_BLK_PAGEBREAK);

    /* 第五部分 附件 */
    heading(doc, 1, "第五部分 附件", "part-5");
    heading(doc, 2, "一、预算绩效情况", "part-5-1");
    if (src->perf && src->perf->scored) {
        st = perf_part(doc, src->perf);
        if (st != JUE_OK) { jue_document_free(doc); return st; }
    } else {
        const char *perf = ytext(src, "performance", NULL);
        paras(doc, perf ? perf : "本部门绩效自评结果另行公开。");
    }
    const char *notes_other = ytext(src, "notes", NULL);
    if (notes_other) {
        heading(doc, 2, "二、其他需要说明的情况", "part-5-2");
        paras(doc, notes_other);
    }
    *out = doc;
    return JUE_OK;
}

bool jue_document_toc_entry(const jue_document *doc, size_t i, int *table_no, int *level, jue_buf *text)
{
    const jue_block *b = &doc->blocks[i];
    jue_buf_reset(text);
    if (b->kind == JUE_BLK_HEADING && b->level <= 2 && b->text) {
        *level = b->level < 1 ? 1 : b->level;
        jue_buf_puts(text, b->text);
        return true;
    }
    if (b->kind == JUE_BLK_TABLE && doc->d && (unsigned)b->table < JUE_NTABLES && doc->d->tables[b->table]) {
        const jue_table *t = doc->d->tables[b->table];
        char num[16];
        jue_fmt_cn_numeral(++*table_no, num, sizeof num);
        *level = 2;
        jue_buf_printf(text, "%s、%s", num, t->title ? t->title : jue_table_title(t->id));
        return true;
    }
    return false;
}
