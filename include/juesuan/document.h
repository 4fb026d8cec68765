/* juesuan/document.h — the complete publishable disclosure as a sequence of
 * blocks: cover, contents, 第一部分 概况, 第二部分 the nine tables, 第三部分 the
 * explanatory notes, 第四部分 名词解释, 第五部分 附件, with charts. One model of the
 * document; the HTML, PDF and Word renderers only lay it out.
 *
 * Ownership: the document owns its blocks and strings; tables are borrowed
 * from the disclosure, which must outlive the document. */
#ifndef JUESUAN_DOCUMENT_H
#define JUESUAN_DOCUMENT_H

#include "form.h"
#include "profile.h"
#include "source.h"

typedef enum {
    JUE_BLK_COVER,      /* text = title ("青溪县医疗保障局2024年度部门决算"), text2 = date line */
    JUE_BLK_TOC,        /* the table of contents: renderers list the headings of level 1–2 */
    JUE_BLK_HEADING,    /* level 1 = 第X部分, 2 = 一、, 3 = （一）; anchor for links */
    JUE_BLK_PARA,       /* one paragraph of text */
    JUE_BLK_TABLE,      /* table = a national table of the disclosure, printed as its label/title say */
    JUE_BLK_CHART,      /* chart (below) */
    JUE_BLK_FORM,       /* form = any other printed form (form.h), e.g. a 绩效自评表 */
    JUE_BLK_PAGEBREAK   /* a new page in paged formats */
} jue_block_kind;

typedef enum { JUE_CHART_BARS, JUE_CHART_DONUT } jue_chart_kind;

/* A chart: BARS compares series across groups (e.g. groups 收入总计/支出总计,
 * series 上年/本年); DONUT shows the parts of one whole (one series). Values
 * are 分 (amounts), labels are owned strings. */
typedef struct {
    jue_chart_kind kind;
    char *title;
    size_t ngroups, nseries;
    char **group_labels;    /* ngroups */
    char **series_labels;   /* nseries */
    jue_fen *values;        /* ngroups × nseries, row-major by group */
} jue_chart;

typedef struct {
    jue_block_kind kind;
    int level;              /* headings */
    char *text;             /* heading, paragraph, cover title */
    char *text2;            /* cover: second line */
    char *anchor;           /* headings and tables: an id for links ("part-3", "T05", "notes-5") */
    jue_table_id table;     /* JUE_BLK_TABLE */
    jue_chart *chart;       /* JUE_BLK_CHART (owned) */
    jue_form *form;         /* JUE_BLK_FORM (owned) */
} jue_block;

typedef struct {
    const jue_disclosure *d;   /* borrowed */
    char *title;               /* "青溪县医疗保障局2024年度部门决算" */
    jue_block *blocks;
    size_t n, cap;
} jue_document;

/* Builds the document of a compiled disclosure: src gives the texts (duties,
 * organisation, units, staffing, glossary, performance), prof the table
 * numbers, and the notes come from jue_notes_markdown. When the source has
 * perf.yaml (src->perf, scored), 第五部分 附件 holds the 绩效自评: the
 * summary, then for each evaluation its 综述 and its 自评表 as a form. Warnings (a missing
 * reason …) go to diags. Free with jue_document_free. */
jue_status jue_document_build(const jue_source *src, const jue_disclosure *d, const jue_catalog *cat,
                              const jue_profile *prof, jue_document **out, jue_diags *diags);
void jue_document_free(jue_document *doc);

/* The contents (目录) entry of block i, if it has one — a heading of level
 * 1–2, or a table, numbered in printed order ("五、一般公共预算财政拨款支出决算表")
 * as the Shanghai template and the national practice list them under 第二部分.
 * Writes the text to `text` (reset first) and the level (1–2) to *level;
 * *table_no counts the tables met so far (start it at 0). One list for
 * every renderer. */
bool jue_document_toc_entry(const jue_document *doc, size_t i, int *table_no, int *level, jue_buf *text);

/* Renderers. HTML: one self-contained page (inline CSS and SVG charts, print
 * stylesheet, anchors for every part, section and table). PDF: A4, cairo +
 * pango with Noto CJK embedded, page numbers, tables that break across pages
 * with repeated headers. DOCX: WordprocessingML with heading styles and real
 * tables. Each returns JUE_ERR_IO when the file cannot be written. */
jue_status jue_render_document_html(const jue_document *doc, jue_buf *out);
jue_status jue_render_document_pdf(const jue_document *doc, const char *path);
jue_status jue_render_document_docx(const jue_document *doc, const char *path);

#endif
