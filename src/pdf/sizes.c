/* The text layouts the PDF writer has measured, kept across its two passes
 * and its tries at font sizes: a layout is itemized and shaped once per
 * (font, text, width, alignment, kind), not each time a table's columns or
 * rows are fitted again, nor again when the final pass draws it. Each entry
 * keeps the layout's size and, for the layouts that are drawn, the layout
 * itself. A failed allocation only loses the saving. */
#include "pdf/sizes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t hash;
    PangoFontDescription *font;   /* NULL: a free slot */
    char *text;
    int width, align, kind;
    int w, h;
    PangoLayout *lay;             /* NULL: only the size is known */
} entry;

struct jue_pdf_sizes {
    entry *slot;
    size_t cap, n;   /* cap a power of two, n <= 0.7 cap */
};

jue_pdf_sizes *jue_pdf_sizes_new(void) { return calloc(1, sizeof(jue_pdf_sizes)); }

void jue_pdf_sizes_free(jue_pdf_sizes *z)
{
    if (!z) return;
    for (size_t i = 0; i < z->cap; i++)
        if (z->slot[i].font) {
            pango_font_description_free(z->slot[i].font);
            free(z->slot[i].text);
            if (z->slot[i].lay) g_object_unref(z->slot[i].lay);
        }
    free(z->slot);
    free(z);
}

/* A hash of the font from fields pango_font_description_equal compares:
 * pango's own hash folds the family's case at every lookup. */
static uint32_t font_hash(const PangoFontDescription *f)
{
    return (uint32_t)pango_font_description_get_size(f) * 0x9e3779b1u ^
           (uint32_t)pango_font_description_get_weight(f) * 0x165667b1u ^
           (uint32_t)pango_font_description_get_style(f) * 0xd3a2646cu;
}

static uint32_t key_hash(const PangoFontDescription *f, const char *s, int width, int align, int kind)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) h = (h ^ *u) * 16777619u;
    h ^= font_hash(f);
    h ^= (uint32_t)width * 0x85ebca6bu ^ (uint32_t)align * 0xc2b2ae35u ^ (uint32_t)kind * 0x27d4eb2fu;
    return h;
}

static entry *find(const jue_pdf_sizes *z, uint32_t h, const PangoFontDescription *f, const char *s, int width,
                   int align, int kind)
{
    for (size_t i = h & (z->cap - 1);; i = (i + 1) & (z->cap - 1)) {
        entry *e = &z->slot[i];
        if (!e->font) return e;
        if (e->hash == h && e->width == width && e->align == align && e->kind == kind && !strcmp(e->text, s) &&
            pango_font_description_equal(e->font, f))
            return e;
    }
}

static const entry *lookup(const jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width,
                           int align, int kind)
{
    if (!z || !z->cap) return NULL;
    const entry *e = find(z, key_hash(f, s, width, align, kind), f, s, width, align, kind);
    return e->font ? e : NULL;
}

bool jue_pdf_sizes_get(const jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width, int align,
                       int *w, int *h)
{
    const entry *e = lookup(z, f, s, width, align, 0);
    if (!e) return false;
    *w = e->w;
    *h = e->h;
    return true;
}

PangoLayout *jue_pdf_sizes_layout(const jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width,
                                  int align, int kind)
{
    const entry *e = lookup(z, f, s, width, align, kind);
    return e ? e->lay : NULL;
}

static bool grow(jue_pdf_sizes *z)
{
    size_t cap = z->cap ? 2 * z->cap : 256;
    entry *old = z->slot, *slot = calloc(cap, sizeof *slot);
    if (!slot) return false;
    size_t ocap = z->cap;
    z->slot = slot;
    z->cap = cap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].font)
            *find(z, old[i].hash, old[i].font, old[i].text, old[i].width, old[i].align, old[i].kind) = old[i];
    free(old);
    return true;
}

/* The entry for the key, made if it is new; NULL when that fails. */
static entry *add(jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width, int align, int kind,
                  int w, int h)
{
    if (!z || ((z->n + 1) * 10 > z->cap * 7 && !grow(z))) return NULL;
    uint32_t hash = key_hash(f, s, width, align, kind);
    entry *e = find(z, hash, f, s, width, align, kind);
    if (e->font) return e;
    char *text = strdup(s);
    PangoFontDescription *font = text ? pango_font_description_copy(f) : NULL;
    if (!font) {
        free(text);
        return NULL;
    }
    *e = (entry){ hash, font, text, width, align, kind, w, h, NULL };
    z->n++;
    return e;
}

void jue_pdf_sizes_put(jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width, int align, int w,
                       int h)
{
    add(z, f, s, width, align, 0, w, h);
}

void jue_pdf_sizes_keep(jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width, int align, int kind,
                        PangoLayout *l, int w, int h)
{
    entry *e = add(z, f, s, width, align, kind, w, h);
    if (e && !e->lay && l) e->lay = g_object_ref(l);
}

/* get_x_offset in pango-layout.c (pango 1.50), without the indent. */
int jue_pdf_line_lead(int align, int wu, int lw)
{
    if (align == PANGO_ALIGN_RIGHT) return wu - lw;
    if (align != PANGO_ALIGN_CENTER) return 0;
    int lead = (wu - lw) / 2;
    return ((wu | lw) & (PANGO_SCALE - 1)) == 0 ? PANGO_UNITS_ROUND(lead) : lead;
}
