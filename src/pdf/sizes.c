/* The sizes of text layouts the PDF writer has measured, kept across its two
 * passes and its tries at font sizes: a layout is itemized and shaped once
 * per (font, text, width, alignment), not each time a table's columns or
 * rows are fitted again. A failed allocation only loses the saving. */
#include "pdf/sizes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t hash;
    PangoFontDescription *font;   /* NULL: a free slot */
    char *text;
    int width, align;
    int w, h;
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
        }
    free(z->slot);
    free(z);
}

static uint32_t key_hash(const PangoFontDescription *f, const char *s, int width, int align)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) h = (h ^ *u) * 16777619u;
    h ^= (uint32_t)pango_font_description_hash(f) * 0x9e3779b1u;
    h ^= (uint32_t)width * 0x85ebca6bu ^ (uint32_t)align * 0xc2b2ae35u;
    return h;
}

static entry *find(const jue_pdf_sizes *z, uint32_t h, const PangoFontDescription *f, const char *s, int width,
                   int align)
{
    for (size_t i = h & (z->cap - 1);; i = (i + 1) & (z->cap - 1)) {
        entry *e = &z->slot[i];
        if (!e->font) return e;
        if (e->hash == h && e->width == width && e->align == align && !strcmp(e->text, s) &&
            pango_font_description_equal(e->font, f))
            return e;
    }
}

bool jue_pdf_sizes_get(const jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width, int align,
                       int *w, int *h)
{
    if (!z || !z->cap) return false;
    const entry *e = find(z, key_hash(f, s, width, align), f, s, width, align);
    if (!e->font) return false;
    *w = e->w;
    *h = e->h;
    return true;
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
        if (old[i].font) *find(z, old[i].hash, old[i].font, old[i].text, old[i].width, old[i].align) = old[i];
    free(old);
    return true;
}

void jue_pdf_sizes_put(jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width, int align, int w,
                       int h)
{
    if (!z || ((z->n + 1) * 10 > z->cap * 7 && !grow(z))) return;
    uint32_t hash = key_hash(f, s, width, align);
    entry *e = find(z, hash, f, s, width, align);
    if (e->font) return;
    char *text = strdup(s);
    PangoFontDescription *font = text ? pango_font_description_copy(f) : NULL;
    if (!font) {
        free(text);
        return;
    }
    *e = (entry){ hash, font, text, width, align, w, h };
    z->n++;
}
