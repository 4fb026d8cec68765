/* The complete document as one self-contained HTML page: the same table
 * markup as the tables page (render_html.c), prose, a linked table of
 * contents, and charts as inline SVG. Geometry of the charts uses double;
 * the amounts printed on them come from the 分 values. */
#include <juesuan/document.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

#define PI 3.14159265358979323846   /* PI is not C17 */

static const char DOC_CSS[] =
    ".cover{min-height:85vh;display:flex;flex-direction:column;justify-content:center;align-items:center;"
    "text-align:center}\n"
    ".cover h1{font-family:\"Noto Serif CJK SC\",\"SimSun\",serif;font-size:34px;letter-spacing:.08em;margin:0 0 40px}\n"
    ".cover p{font-size:18px;margin:4px}\n"
    "nav.toc{max-width:820px;margin:0 auto 56px}\n"
    "nav.toc h2{text-align:center}\n"
    "nav.toc a{color:#000;text-decoration:none}\n"
    "nav.toc li{list-style:none;margin:4px 0}\n"
    "nav.toc li.l2{padding-left:2em;font-size:13px}\n"
    "article{max-width:820px;margin:0 auto}\n"
    "article h1.part{font-size:22px;margin:48px 0 20px}\n"
    "article h2.sec{font-size:17px;text-align:left;margin:22px 0 10px}\n"
    "article h3.sub{font-family:\"Noto Sans CJK SC\",sans-serif;font-size:15px;margin:16px 0 8px}\n"
    "article p.txt{text-indent:2em;text-align:justify;line-height:1.8;font-size:15px;margin:6px 0;"
    "font-family:\"Noto Serif CJK SC\",\"SimSun\",serif}\n"
    "figure.chart{margin:16px auto;text-align:center}\n"
    "figure.chart figcaption{font-size:13px;margin-top:4px}\n"
    ".pb{break-before:page}\n"   /* merges with a table's own break after it: no blank page */
    "@media print{.cover{min-height:250mm}nav.toc,article{max-width:none}article p.txt{font-size:11pt}}\n";

static const char *const COLORS[] = { "#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#718096" };

static void fmt(jue_fen v, char *b, size_t n) { jue_fmt_wan(v, true, b, n); }

static void bars(jue_buf *b, const jue_chart *c)
{
    const double W = 640, H = 320, left = 70, bottom = 60, top = 24;
    jue_fen max = 1;
    for (size_t i = 0; i < c->ngroups * c->nseries; i++)
        if (c->values[i] > max) max = c->values[i];
    jue_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">\n",
                   W, H, W, H);
    double plot_h = H - bottom - top, gw = (W - left - 20) / (double)(c->ngroups ? c->ngroups : 1);
    double bw = gw * 0.7 / (double)(c->nseries ? c->nseries : 1);
    jue_buf_printf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#000\"/>\n", left, H - bottom,
                   W - 10, H - bottom);
    for (size_t g = 0; g < c->ngroups; g++) {
        double x0 = left + gw * (double)g + gw * 0.15;
        for (size_t s = 0; s < c->nseries; s++) {
            jue_fen v = c->values[g * c->nseries + s];
            double h = plot_h * ((double)v / (double)max), x = x0 + bw * (double)s;
            char t[40];
            fmt(v, t, sizeof t);
            jue_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", x,
                           H - bottom - h, bw - 4, h, COLORS[s % 6]);
            jue_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n",
                           x + (bw - 4) / 2, H - bottom - h - 4, t);
        }
        jue_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\">", x0 + bw * (double)c->nseries / 2,
                       H - bottom + 18);
        jue_rd_html_esc(b, c->group_labels[g]);
        jue_buf_puts(b, "</text>\n");
    }
    for (size_t s = 0; s < c->nseries; s++) {
        /* the legend under the group labels, clear of the bars' value labels */
        double lx = W / 2 - 40.0 * (double)c->nseries + 80.0 * (double)s;
        jue_buf_printf(b, "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"%s\"/>", lx, H - 20,
                       COLORS[s % 6]);
        jue_buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">", lx + 16, H - 9);
        jue_rd_html_esc(b, c->series_labels[s]);
        jue_buf_puts(b, "</text>\n");
    }
    jue_buf_puts(b, "</svg>\n");
}

static void donut(jue_buf *b, const jue_chart *c)
{
    const double cx = 150, cy = 150, r = 110, ri = 60;
    jue_fen total = 0;
    for (size_t g = 0; g < c->ngroups; g++) total += c->values[g];
    /* the legend's shares add to 100.00%, as in the notes (money.h) */
    int64_t *sh = calloc(c->ngroups ? c->ngroups : 1, sizeof *sh);
    if (!sh) return;
    jue_shares_ppb(c->values, c->ngroups, total, sh);
    jue_buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"300\" viewBox=\"0 0 560 300\" role=\"img\">\n");
    double a = -PI / 2;
    for (size_t g = 0; g < c->ngroups && total > 0; g++) {
        double frac = (double)c->values[g] / (double)total, a2 = a + frac * 2 * PI;
        if (frac >= 0.9999) {
            jue_buf_printf(b, "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"/>\n",
                           cx, cy, (r + ri) / 2, COLORS[g % 6], r - ri);
        } else {
            int large = a2 - a > PI;
            jue_buf_printf(b, "<path d=\"M%.2f %.2f A%.0f %.0f 0 %d 1 %.2f %.2f L%.2f %.2f A%.0f %.0f 0 %d 0 %.2f %.2f Z\" fill=\"%s\"/>\n",
                           cx + r * cos(a), cy + r * sin(a), r, r, large, cx + r * cos(a2), cy + r * sin(a2),
                           cx + ri * cos(a2), cy + ri * sin(a2), ri, ri, large, cx + ri * cos(a), cy + ri * sin(a), COLORS[g % 6]);
        }
        /* legend: name, amount and share as the figures give them */
        char t[40], pc[32];
        fmt(c->values[g], t, sizeof t);
        jue_fmt_percent(sh[g], 2, pc, sizeof pc);
        jue_buf_printf(b, "<rect x=\"300\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"%s\"/>", 60 + 24.0 * (double)g, COLORS[g % 6]);
        jue_buf_printf(b, "<text x=\"318\" y=\"%.0f\" font-size=\"13\">", 71 + 24.0 * (double)g);
        jue_rd_html_esc(b, c->group_labels[g]);
        jue_buf_printf(b, " %s万元（%s）</text>\n", t, pc);
        a = a2;
    }
    free(sh);
    jue_buf_puts(b, "</svg>\n");
}

jue_status jue_render_document_html(const jue_document *doc, jue_buf *out)
{
    jue_buf *b = out;
    jue_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"juesuan\">\n<title>");
    jue_rd_html_esc(b, doc->title);
    jue_buf_printf(b, "</title>\n<style>\n%s%s%s</style>\n</head>\n<body>\n", jue_rd_html_css(), DOC_CSS,
                   jue_form_html_css());
    jue_status st = JUE_OK;
    bool in_article = false;
    for (size_t i = 0; i < doc->n && !st; i++) {
        const jue_block *k = &doc->blocks[i];
        switch (k->kind) {
        case JUE_BLK_COVER:
            jue_buf_puts(b, "<div class=\"cover\"><h1>");
            jue_rd_html_esc(b, k->text);
            jue_buf_puts(b, "</h1>");
            for (const char *p = k->text2; p && *p;) {
                const char *e = strchr(p, '\n');
                size_t n = e ? (size_t)(e - p) : strlen(p);
                jue_buf_puts(b, "<p>");
                char line[512];
                snprintf(line, sizeof line, "%.*s", (int)n, p);
                jue_rd_html_esc(b, line);
                jue_buf_puts(b, "</p>");
                p += n;
                if (*p) p++;
            }
            jue_buf_puts(b, "</div>\n");
            break;
        case JUE_BLK_TOC:
            jue_buf_puts(b, "<nav class=\"toc\"><h2>目　录</h2><ul>\n");
            {
                jue_buf entry;
                jue_buf_init(&entry);
                int table_no = 0, level;
                for (size_t j = 0; j < doc->n; j++) {
                    if (!jue_document_toc_entry(doc, j, &table_no, &level, &entry)) continue;
                    const jue_block *h = &doc->blocks[j];
                    jue_buf_printf(b, "<li class=\"l%d\"><a href=\"#%s\">", level, h->anchor ? h->anchor : "");
                    jue_rd_html_esc(b, jue_buf_str(&entry));
                    jue_buf_puts(b, "</a></li>\n");
                }
                jue_buf_free(&entry);
            }
            jue_buf_puts(b, "</ul></nav>\n");
            break;
        case JUE_BLK_PAGEBREAK:
            if (in_article) { jue_buf_puts(b, "</article>\n"); in_article = false; }
            jue_buf_puts(b, "<div class=\"pb\"></div>\n");
            break;
        case JUE_BLK_HEADING:
            if (!in_article) { jue_buf_puts(b, "<article>\n"); in_article = true; }
            jue_buf_printf(b, "<h%d class=\"%s\" id=\"%s\">", k->level, k->level == 1 ? "part" : k->level == 2 ? "sec" : "sub",
                           k->anchor ? k->anchor : "");
            jue_rd_html_esc(b, k->text);
            jue_buf_printf(b, "</h%d>\n", k->level);
            break;
        case JUE_BLK_PARA:
            if (!in_article) { jue_buf_puts(b, "<article>\n"); in_article = true; }
            jue_buf_puts(b, "<p class=\"txt\">");
            jue_rd_html_esc(b, k->text);
            jue_buf_puts(b, "</p>\n");
            break;
        case JUE_BLK_TABLE:
            if (in_article) { jue_buf_puts(b, "</article>\n"); in_article = false; }
            if (doc->d->tables[k->table]) st = jue_rd_html_table(b, doc->d, doc->d->tables[k->table]);
            break;
        case JUE_BLK_FORM:
            /* a form (a 绩效自评表) as wide as the tables, outside the prose column */
            if (in_article) { jue_buf_puts(b, "</article>\n"); in_article = false; }
            if (k->form) st = jue_form_html(k->form, b);
            break;
        case JUE_BLK_CHART:
            if (!in_article) { jue_buf_puts(b, "<article>\n"); in_article = true; }
            jue_buf_puts(b, "<figure class=\"chart\">\n");
            if (k->chart->kind == JUE_CHART_BARS) bars(b, k->chart);
            else donut(b, k->chart);
            jue_buf_puts(b, "<figcaption>");
            jue_rd_html_esc(b, k->chart->title);
            jue_buf_puts(b, "</figcaption>\n</figure>\n");
            break;
        }
    }
    if (in_article) jue_buf_puts(b, "</article>\n");
    jue_buf_puts(b, "</body>\n</html>\n");
    if (st) return st;
    return jue_buf_err(out);
}
