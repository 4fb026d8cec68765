/* The PDF writer's CFF faces, subset by harfbuzz before cairo embeds them.
 *
 * cairo 1.16 subsets a CFF face itself, walking each glyph's charstring to
 * mark the subroutines it calls; for a CID-keyed face (Noto Serif/Sans CJK)
 * the walk fails for some orders of first use, and then cairo keeps every
 * subroutine of the face: 495 KB of Noto Serif CJK SC's in the example's PDF,
 * deflated at every render (docs/performance.md). Here the measuring pass
 * notes the characters and glyphs each face will draw; between the passes
 * harfbuzz cuts each CFF face down to them, without subroutines (each
 * glyph's charstring made whole), and without the tables a PDF does not
 * need; the final pass draws pango's glyph runs with that face, the glyph
 * numbers mapped, the text and its clusters given as pango gives them (so
 * the PDF's text reads back the same). cairo then subsets a small face
 * with nothing to walk, and its reverse cmap lookup per glyph reads a small
 * cmap. A run whose font has no subset, or with a glyph the subset lacks, is
 * drawn by pango as before: the subsets only save work, never change what
 * is drawn. */
#include "pdf/faces.h"

#include <juesuan/common.h>

#include <cairo-ft.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <pango/pangocairo.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    hb_face_t *src;            /* pango's face (a reference) */
    hb_set_t *uni, *gid;       /* what the measuring pass saw drawn */
    hb_subset_plan_t *plan;    /* its glyph map; NULL: no subset */
    cairo_font_face_t *cf;     /* the subset as a cairo face */
    bool cff;                  /* only CFF faces are subset */
} face;

typedef struct {
    PangoFont *font;           /* a reference */
    size_t face;
    cairo_scaled_font_t *sf;   /* the subset at the font's size, made at first use */
    bool tried;
} font;

struct jue_pdf_faces {
    face *face;
    size_t nface, capface;
    font *font;
    size_t nfont, capfont;
    size_t last;               /* the font found last */
    bool made;
    size_t drawn, fallback;
    /* the glyph runs of one font waiting to be drawn as one cairo call:
     * its glyphs, clusters and text (draw_run, flush) */
    cairo_scaled_font_t *batch;
    cairo_glyph_t *g;
    cairo_text_cluster_t *c;
    size_t ng, nc, cap;
    jue_buf text;
};

/* ---- FreeType: one library for the process, never freed, since cairo
 * keeps faces it has used after their last user let them go ------------- */

static FT_Library ft_lib;
static GMutex ft_lock;

typedef struct {
    FT_Face ft;
    hb_blob_t *blob;   /* the subset's bytes, which ft reads */
} ft_hold;

static void ft_release(void *v)
{
    ft_hold *h = v;
    g_mutex_lock(&ft_lock);
    FT_Done_Face(h->ft);
    g_mutex_unlock(&ft_lock);
    hb_blob_destroy(h->blob);
    free(h);
}

static const cairo_user_data_key_t HOLD_KEY;

/* The cairo face of font file blob, or NULL. Takes blob's reference. */
static cairo_font_face_t *cairo_face_of(hb_blob_t *blob)
{
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    ft_hold *h = calloc(1, sizeof *h);
    bool ok = h && len > 0;
    g_mutex_lock(&ft_lock);
    if (ok && !ft_lib && FT_Init_FreeType(&ft_lib)) ok = false;
    if (ok && FT_New_Memory_Face(ft_lib, (const FT_Byte *)data, (FT_Long)len, 0, &h->ft)) ok = false;
    g_mutex_unlock(&ft_lock);
    if (!ok) {
        free(h);
        hb_blob_destroy(blob);
        return NULL;
    }
    h->blob = blob;
    cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(h->ft, 0);
    if (cairo_font_face_status(cf) || cairo_font_face_set_user_data(cf, &HOLD_KEY, h, ft_release)) {
        cairo_font_face_destroy(cf);
        ft_release(h);
        return NULL;
    }
    return cf;
}

/* ---- the table of faces and fonts ------------------------------------- */

jue_pdf_faces *jue_pdf_faces_new(void)
{
    jue_pdf_faces *z = calloc(1, sizeof *z);
    if (z) jue_buf_init(&z->text);
    return z;
}

void jue_pdf_faces_free(jue_pdf_faces *z)
{
    if (!z) return;
    for (size_t i = 0; i < z->nfont; i++) {
        if (z->font[i].sf) cairo_scaled_font_destroy(z->font[i].sf);
        g_object_unref(z->font[i].font);
    }
    for (size_t i = 0; i < z->nface; i++) {
        face *f = &z->face[i];
        hb_face_destroy(f->src);
        hb_set_destroy(f->uni);
        hb_set_destroy(f->gid);
        if (f->plan) hb_subset_plan_destroy(f->plan);
        if (f->cf) cairo_font_face_destroy(f->cf);
    }
    free(z->face);
    free(z->font);
    free(z->g);
    free(z->c);
    jue_buf_free(&z->text);
    free(z);
}

static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) return true;
    size_t c = *cap ? 2 * *cap : 8;
    void *m = realloc(*v, c * size);
    if (!m) return false;
    *v = m;
    *cap = c;
    return true;
}

static bool face_is_cff(hb_face_t *f)
{
    hb_blob_t *b = hb_face_reference_table(f, HB_TAG('C', 'F', 'F', ' '));
    bool cff = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return cff && !hb_ot_var_has_data(f);
}

/* The index of pango's face src in the table, added if new; SIZE_MAX when
 * it cannot be added (then nothing is subset for it). */
static size_t face_of(jue_pdf_faces *z, hb_face_t *src)
{
    for (size_t i = 0; i < z->nface; i++)
        if (z->face[i].src == src) return i;
    if (z->made || !grow((void **)&z->face, &z->capface, z->nface, sizeof *z->face)) return SIZE_MAX;
    face *f = &z->face[z->nface];
    memset(f, 0, sizeof *f);
    f->uni = hb_set_create();
    f->gid = hb_set_create();
    f->src = hb_face_reference(src);
    f->cff = face_is_cff(src);
    return z->nface++;
}

/* The entry of pango's font pf, added if new; NULL when it cannot be. */
static font *font_of(jue_pdf_faces *z, PangoFont *pf)
{
    if (z->last < z->nfont && z->font[z->last].font == pf) return &z->font[z->last];
    for (size_t i = 0; i < z->nfont; i++)
        if (z->font[i].font == pf) return &z->font[z->last = i];
    hb_font_t *hb = pf ? pango_font_get_hb_font(pf) : NULL;
    size_t fi = hb ? face_of(z, hb_font_get_face(hb)) : SIZE_MAX;
    if (fi == SIZE_MAX || !grow((void **)&z->font, &z->capfont, z->nfont, sizeof *z->font)) return NULL;
    font *f = &z->font[z->nfont];
    memset(f, 0, sizeof *f);
    f->font = g_object_ref(pf);
    f->face = fi;
    return &z->font[z->last = z->nfont++];
}

/* ---- the measuring pass ------------------------------------------------ */

void jue_pdf_faces_note_line(jue_pdf_faces *z, PangoLayoutLine *line)
{
    if (!z || z->made || !line) return;
    const char *text = pango_layout_get_text(line->layout);
    for (GSList *l = line->runs; l; l = l->next) {
        PangoGlyphItem *run = l->data;
        font *f = font_of(z, run->item->analysis.font);
        if (!f || !z->face[f->face].cff) continue;
        face *fc = &z->face[f->face];
        const char *s = text + run->item->offset, *end = s + run->item->length;
        for (; s < end; s = g_utf8_next_char(s)) hb_set_add(fc->uni, g_utf8_get_char(s));
        for (int i = 0; i < run->glyphs->num_glyphs; i++) {
            PangoGlyph g = run->glyphs->glyphs[i].glyph;
            if (g != PANGO_GLYPH_EMPTY && !(g & PANGO_GLYPH_UNKNOWN_FLAG)) hb_set_add(fc->gid, g);
        }
    }
}

void jue_pdf_faces_note_layout(jue_pdf_faces *z, PangoLayout *l)
{
    if (!z || z->made || !l) return;
    for (GSList *s = pango_layout_get_lines_readonly(l); s; s = s->next) jue_pdf_faces_note_line(z, s->data);
}

/* ---- between the passes ------------------------------------------------ */

/* The tables a PDF's CID font does not read: layout (the text is shaped
 * already), vertical metrics, the baseline and signature tables. */
static const char DROP[][5] = { "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG", "MATH" };

/* A plan for f's subset holding every glyph noted. harfbuzz finds a subset
 * by characters quickly; a glyph no character maps to (a substituted form)
 * needs the glyphs named too, which walks the whole cmap. */
static hb_subset_plan_t *plan_for(face *f)
{
    hb_subset_plan_t *plan = NULL;
    for (int by_glyph = 0; by_glyph < 2 && !plan; by_glyph++) {
        hb_subset_input_t *in = hb_subset_input_create_or_fail();
        if (!in) return NULL;
        hb_set_union(hb_subset_input_unicode_set(in), f->uni);
        if (by_glyph) hb_set_union(hb_subset_input_glyph_set(in), f->gid);
        hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
        for (size_t i = 0; i < sizeof DROP / sizeof *DROP; i++) hb_set_add(drop, hb_tag_from_string(DROP[i], 4));
        hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE);
        plan = hb_subset_plan_create_or_fail(f->src, in);
        hb_subset_input_destroy(in);
        if (!plan) return NULL;
        const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
        hb_codepoint_t g = HB_SET_VALUE_INVALID;
        while (hb_set_next(f->gid, &g))
            if (!hb_map_has(map, g)) break;
        if (g != HB_SET_VALUE_INVALID) {   /* a glyph missing */
            hb_subset_plan_destroy(plan);
            plan = NULL;
            if (by_glyph) return NULL;
        }
    }
    return plan;
}

/* The subsets made last, for the process: a document drawn again (the same
 * characters and glyphs of the same face) gets the same subset back, and
 * cairo the same face, whose glyphs it has loaded already. A subset is a
 * function of its face and sets, so the file is the same either way. */
#define KEPT 4
static struct {
    hb_face_t *src;
    hb_set_t *uni, *gid;
    hb_subset_plan_t *plan;
    cairo_font_face_t *cf;
} kept[KEPT];
static size_t kept_next;
static GMutex kept_lock;

static bool kept_get(face *f)
{
    g_mutex_lock(&kept_lock);
    for (size_t i = 0; i < KEPT; i++)
        if (kept[i].src == f->src && hb_set_is_equal(kept[i].uni, f->uni) && hb_set_is_equal(kept[i].gid, f->gid)) {
            f->plan = hb_subset_plan_reference(kept[i].plan);
            f->cf = cairo_font_face_reference(kept[i].cf);
            break;
        }
    g_mutex_unlock(&kept_lock);
    return f->cf != NULL;
}

static void kept_put(const face *f)
{
    hb_set_t *uni = hb_set_copy(f->uni), *gid = hb_set_copy(f->gid);
    if (!hb_set_allocation_successful(uni) || !hb_set_allocation_successful(gid)) {
        hb_set_destroy(uni);
        hb_set_destroy(gid);
        return;
    }
    g_mutex_lock(&kept_lock);
    size_t i = 0;
    while (i < KEPT && kept[i].src != f->src) i++;   /* the face's last subset is replaced */
    if (i == KEPT) i = kept_next++ % KEPT;
    if (kept[i].src) {
        hb_face_destroy(kept[i].src);
        hb_set_destroy(kept[i].uni);
        hb_set_destroy(kept[i].gid);
        hb_subset_plan_destroy(kept[i].plan);
        cairo_font_face_destroy(kept[i].cf);
    }
    kept[i].src = hb_face_reference(f->src);
    kept[i].uni = uni;
    kept[i].gid = gid;
    kept[i].plan = hb_subset_plan_reference(f->plan);
    kept[i].cf = cairo_font_face_reference(f->cf);
    g_mutex_unlock(&kept_lock);
}

void jue_pdf_faces_make(jue_pdf_faces *z)
{
    if (!z || z->made) return;
    z->made = true;
    for (size_t i = 0; i < z->nface; i++) {
        face *f = &z->face[i];
        if (!f->cff || hb_set_is_empty(f->gid)) continue;
        for (hb_codepoint_t c = '0'; c <= '9'; c++) hb_set_add(f->uni, c);   /* page numbers */
        if (kept_get(f)) continue;
        f->plan = plan_for(f);
        hb_face_t *sub = f->plan ? hb_subset_plan_execute_or_fail(f->plan) : NULL;
        if (sub) {
            f->cf = cairo_face_of(hb_face_reference_blob(sub));
            hb_face_destroy(sub);
        }
        if (f->cf) {
            kept_put(f);
        } else if (f->plan) {
            hb_subset_plan_destroy(f->plan);
            f->plan = NULL;
        }
    }
}

/* ---- the final pass ---------------------------------------------------- */

/* The subset of pango's font pf at its size, or NULL. */
static cairo_scaled_font_t *scaled_of(jue_pdf_faces *z, font *f)
{
    if (f->tried) return f->sf;
    f->tried = true;
    face *fc = &z->face[f->face];
    if (!fc->cf) return NULL;
    cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(f->font));
    if (!sf) return NULL;
    cairo_font_face_t *of = cairo_scaled_font_get_font_face(sf);
    /* a face pango emboldens or slants itself is left to pango */
    if (cairo_font_face_get_type(of) != CAIRO_FONT_TYPE_FT || cairo_ft_font_face_get_synthesize(of)) return NULL;
    cairo_matrix_t fm, ctm;
    cairo_scaled_font_get_font_matrix(sf, &fm);
    cairo_scaled_font_get_ctm(sf, &ctm);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_scaled_font_get_font_options(sf, fo);
    cairo_scaled_font_t *s = cairo_scaled_font_create(fc->cf, &fm, &ctm, fo);
    cairo_font_options_destroy(fo);
    if (cairo_scaled_font_status(s)) {
        cairo_scaled_font_destroy(s);
        return NULL;
    }
    return f->sf = s;
}

/* Draws the runs waiting, one cairo call for them all: cairo's cost per
 * call (recording it, the page's analysis, the replay) is paid once for a
 * layout's lines rather than once a run. */
static void flush(jue_pdf_faces *z, cairo_t *cr)
{
    if (!z || !z->batch) return;
    cairo_save(cr);
    cairo_set_scaled_font(cr, z->batch);
    cairo_show_text_glyphs(cr, jue_buf_str(&z->text), (int)z->text.len, z->g, (int)z->ng, z->c, (int)z->nc,
                           (cairo_text_cluster_flags_t)0);
    cairo_restore(cr);
    z->batch = NULL;
    z->ng = z->nc = 0;
    jue_buf_reset(&z->text);
}

/* Room for n more glyphs and clusters in the batch. */
static bool batch_room(jue_pdf_faces *z, size_t n)
{
    if (z->ng + n <= z->cap) return true;
    size_t cap = 2 * (z->ng + n);
    cairo_glyph_t *g = realloc(z->g, cap * sizeof *g);
    if (g) z->g = g;
    cairo_text_cluster_t *c = realloc(z->c, cap * sizeof *c);
    if (c) z->c = c;
    if (!g || !c) return false;
    z->cap = cap;
    return true;
}

/* Adds run's clusters to the batch as pango's cairo renderer gives them
 * (pangocairo-render.c): bytes and glyphs per cluster, empty glyphs left
 * out. */
static void add_clusters(jue_pdf_faces *z, const char *text, PangoGlyphItem *run)
{
    PangoGlyphString *gs = run->glyphs;
    PangoGlyphItemIter it;
    if (pango_glyph_item_iter_init_start(&it, run, text)) do {
            int ng = it.end_glyph - it.start_glyph;
            for (int i = it.start_glyph; i < it.end_glyph; i++)
                if (gs->glyphs[i].glyph == PANGO_GLYPH_EMPTY) ng--;
            z->c[z->nc].num_bytes = it.end_index - it.start_index;
            z->c[z->nc].num_glyphs = ng;
            z->nc++;
        } while (pango_glyph_item_iter_next_cluster(&it));
}

/* Puts run, drawn as pango's cairo renderer draws it (the same positions,
 * the same clusters) with the subset's glyphs, in the batch of its font;
 * false when it cannot and pango must draw it. */
static bool draw_run(jue_pdf_faces *z, cairo_t *cr, const char *text, PangoGlyphItem *run, double bx, double by)
{
    font *f = font_of(z, run->item->analysis.font);
    cairo_scaled_font_t *sf = f ? scaled_of(z, f) : NULL;
    PangoGlyphString *gs = run->glyphs;
    size_t n = gs->num_glyphs > 0 ? (size_t)gs->num_glyphs : 0;
    if (!sf || !n || (run->item->analysis.level & 1)) return false;   /* right to left: pango's */
    const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(z->face[f->face].plan);
    for (size_t i = 0; i < n; i++) {
        PangoGlyph g = gs->glyphs[i].glyph;
        if (g != PANGO_GLYPH_EMPTY && ((g & PANGO_GLYPH_UNKNOWN_FLAG) || !hb_map_has(map, g))) return false;
    }
    if (z->batch != sf) flush(z, cr);
    if (!batch_room(z, n)) return false;
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        const PangoGlyphInfo *gi = &gs->glyphs[i];
        if (gi->glyph != PANGO_GLYPH_EMPTY) {
            cairo_glyph_t *g = &z->g[z->ng++];
            g->index = hb_map_get(map, gi->glyph);
            g->x = bx + (double)(x + gi->geometry.x_offset) / PANGO_SCALE;
            g->y = gi->geometry.y_offset == 0 ? by : by + (double)gi->geometry.y_offset / PANGO_SCALE;
        }
        x += gi->geometry.width;
    }
    add_clusters(z, text, run);
    jue_buf_putn(&z->text, text + run->item->offset, (size_t)run->item->length);
    z->batch = sf;
    return true;
}

/* A line pango draws without attributes, rises or offsets of runs: what
 * draw_run reproduces. */
static bool plain_line(const PangoLayoutLine *line)
{
    for (GSList *l = line->runs; l; l = l->next) {
        const PangoGlyphItem *run = l->data;
        if (run->item->analysis.extra_attrs || run->y_offset || run->start_x_offset || run->end_x_offset ||
            (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE))
            return false;
    }
    return true;
}

/* Line drawn with its start at (x, y) moved by (dx, dy) pango units, as
 * pango's renderer positions it: from cairo's current point, which cairo
 * keeps in fixed point (x, y, as cairo_get_current_point gives them back). */
static void show_line_at(jue_pdf_faces *z, cairo_t *cr, PangoLayoutLine *line, double x, double y, int dx, int dy)
{
    if (!z || !z->made || !plain_line(line)) {
        flush(z, cr);
        cairo_move_to(cr, x + (double)dx / PANGO_SCALE, y + (double)dy / PANGO_SCALE);
        pango_cairo_show_layout_line(cr, line);
        if (z) z->fallback++;
        return;
    }
    const char *text = pango_layout_get_text(line->layout);
    int off = 0;
    for (GSList *l = line->runs; l; l = l->next) {
        PangoGlyphItem *run = l->data;
        double bx = x + (double)(dx + off) / PANGO_SCALE, by = y + (double)dy / PANGO_SCALE;
        if (draw_run(z, cr, text, run, bx, by)) {
            z->drawn++;
        } else {
            flush(z, cr);
            cairo_move_to(cr, bx, by);
            pango_cairo_show_glyph_item(cr, text, run);
            z->fallback++;
        }
        off += pango_glyph_string_get_width(run->glyphs);
    }
}

void jue_pdf_faces_show_line(jue_pdf_faces *z, cairo_t *cr, PangoLayoutLine *line, double x, double y)
{
    cairo_move_to(cr, x, y);
    cairo_get_current_point(cr, &x, &y);
    show_line_at(z, cr, line, x, y, 0, 0);
}

void jue_pdf_faces_show_layout(jue_pdf_faces *z, cairo_t *cr, PangoLayout *l, double x, double y, int lead)
{
    cairo_move_to(cr, x, y);
    cairo_get_current_point(cr, &x, &y);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        show_line_at(z, cr, pango_layout_iter_get_line_readonly(it), x, y, r.x + lead,
                     pango_layout_iter_get_baseline(it));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

void jue_pdf_faces_flush(jue_pdf_faces *z, cairo_t *cr) { flush(z, cr); }

void jue_pdf_faces_counts(const jue_pdf_faces *z, size_t *subset, size_t *pango)
{
    *subset = z ? z->drawn : 0;
    *pango = z ? z->fallback : 0;
}
