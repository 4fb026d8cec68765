/* Small predicates on printed cells and rows, and their comparison forms
 * (match keys, folded text). */
#include "recognize/recognize.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jue_rec_copy(char *out, size_t n, const char *s)
{
    size_t k = strlen(s);
    if (k >= n) {
        k = n - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    }
    memcpy(out, s, k);
    out[k] = 0;
}

/* One scratch buffer per thread for the keys below: they are made for
 * every cell the recognizer looks at, and an allocation each was a good
 * part of its time. Kept until the thread ends. */
static jue_buf *scratch(void)
{
    static _Thread_local jue_buf b;
    static _Thread_local bool ready;
    if (!ready) { jue_buf_init(&b); ready = true; }
    jue_buf_reset(&b);
    return &b;
}

void jue_rec_key(const char *s, char out[MAXK])
{
    size_t n = strlen(s);
    if (n < MAXK) {   /* the key is never longer: written in place, nothing cut */
        jue_imp_matchkey_to(out, s, n);
        return;
    }
    jue_buf *b = scratch();
    jue_imp_matchkey(b, s);
    jue_rec_copy(out, MAXK, jue_buf_str(b));
}

const char *jue_rec_key_of(const char *s, char out[MAXK])
{
    size_t n;
    if (jue_imp_is_matchkey(s, &n) && n < MAXK) return s;
    jue_rec_key(s, out);
    return out;
}

char *jue_rec_name(const char *s)
{
    size_t n = strlen(s);
    if (n < MAXK) {   /* most names: squeezed on the stack, one allocation (the name's) */
        char f[MAXK];
        jue_imp_squeeze_to(f, s, n, false);
        return jue_strdup(jue_imp_skip_ordinal(f));
    }
    jue_buf b;
    jue_buf_init(&b);
    jue_imp_squeeze(&b, s, false);
    const char *t = jue_imp_skip_ordinal(jue_buf_str(&b));
    char *r = jue_strdup(t);
    jue_buf_free(&b);
    return r;
}

const char *jue_rec_name_on(const char *s, char buf[MAXK], char **heap)
{
    size_t n = strlen(s);
    *heap = NULL;
    if (n < MAXK) {
        jue_imp_squeeze_to(buf, s, n, false);
        return jue_imp_skip_ordinal(buf);
    }
    return *heap = jue_rec_name(s);
}

bool jue_rec_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

const char *jue_rec_fold_of(const char *s, char out[MAXK])
{
    size_t n;   /* what a key leaves as it is a fold leaves too */
    if (jue_imp_is_matchkey(s, &n) && n < MAXK) return s;
    jue_rec_fold(s, out);
    return out;
}

int jue_rec_digits_value(const char *s)
{
    size_t n = strlen(s);
    if (n > 9) return atoi(s);   /* past int: atoi's own answer */
    int v = 0;
    for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

void jue_rec_fold(const char *s, char out[MAXK])
{
    size_t n = strlen(s);
    if (n < MAXK) {
        jue_imp_squeeze_to(out, s, n, true);
        return;
    }
    jue_buf *b = scratch();
    jue_imp_squeeze(b, s, true);
    jue_rec_copy(out, MAXK, jue_buf_str(b));
}

bool jue_rec_dashes(const char *s)
{
    if (jue_rec_starts_chinese(s)) return false;
    char fb[MAXK];
    const char *f = jue_rec_fold_of(s, fb);
    if (!f[0]) return true;
    for (const char *p = f; *p;) {
        if (*p == '-') { p++; continue; }
        if (!strncmp(p, "—", 3) || !strncmp(p, "–", 3) || !strncmp(p, "－", 3)) {
            p += 3;
            continue;
        }
        return false;
    }
    return true;
}

/* Whether s is an amount as far as it can tell without the parser: 1 yes,
 * 0 no, -1 ask the parser. */
static int amount_before_parse(const char *s)
{
    if (!s[0] || jue_rec_starts_chinese(s)) return 0;
    /* ASCII digits alone, at most ten (a code, a whole figure: most cells
     * asked that are not names) are an amount whatever they are; eleven in
     * 万元 may pass the parser's bound (test_text checks it against the parser) */
    size_t k = 0;
    while (s[k] >= '0' && s[k] <= '9') k++;
    return !s[k] && k <= 10 ? 1 : -1;
}

bool jue_rec_amount(const char *s)
{
    int k = amount_before_parse(s);
    if (k >= 0) return k;
    jue_amount a;
    return jue_amount_parse(s, strlen(s), JUE_UNIT_WAN, &a, NULL) == JUE_OK && !a.blank;
}

/* jue_gcell.rec: each answer and whether it is known yet; OWN: the text is
 * its own fold and key (jue_imp_is_matchkey, shorter than MAXK) */
enum { AMOUNT_KNOWN = 1, AMOUNT = 2, DASHES_KNOWN = 4, DASHES = 8, OWN = 16 };

/* The forms of a cell's text that take room, each made when first asked:
 * the fold and the key (NULL until then; the text itself when the form is
 * the same bytes), the text parsed as an amount in unit (when parsed). */
struct jue_cmemo {
    const char *fold, *key;
    jue_amount amount;
    jue_status status;
    jue_unit unit;
    bool parsed;
};

/* The cells are the document's, read by the recognizer through const
 * pointers: what it works out of a text is kept on the cell all the same
 * (no cell is const-defined; the doors' cells and the locals made from a
 * string are writable). */
static jue_gcell *writable(const jue_gcell *g) { return (jue_gcell *)(uintptr_t)g; }

/* g's memo, made in d's blocks when it has none; NULL when it cannot be. */
static struct jue_cmemo *memo_of(jue_idoc *d, const jue_gcell *g)
{
    if (g->memo || !d) return g->memo;
    struct jue_cmemo *m = jue_idoc_room(d, sizeof *m, _Alignof(struct jue_cmemo));
    if (!m) return NULL;
    memset(m, 0, sizeof *m);
    m->fold = m->key = NULL;
    return writable(g)->memo = m;
}

jue_status jue_rec_cell_parse(jue_idoc *d, const jue_gcell *g, jue_unit unit, jue_amount *a)
{
    struct jue_cmemo *m = g->memo;
    if (m && m->parsed && m->unit == unit) {
        *a = m->amount;
        return m->status;
    }
    jue_status st = jue_amount_parse(g->text, strlen(g->text), unit, a, NULL);
    if ((m = memo_of(d, g))) {
        m->amount = *a;
        m->status = st;
        m->unit = unit;
        m->parsed = true;
    }
    return st;
}

bool jue_rec_cell_amount_in(jue_idoc *d, const jue_gcell *g)
{
    if (!(g->rec & AMOUNT_KNOWN)) {
        int k = amount_before_parse(g->text);
        jue_amount a;
        if (k < 0) k = jue_rec_cell_parse(d, g, JUE_UNIT_WAN, &a) == JUE_OK && !a.blank;
        writable(g)->rec |= AMOUNT_KNOWN | (k ? AMOUNT : 0);
    }
    return g->rec & AMOUNT;
}

bool jue_rec_cell_amount(const jue_gcell *g) { return jue_rec_cell_amount_in(NULL, g); }

bool jue_rec_cell_dashes(const jue_gcell *g)
{
    /* an amount is never only dashes (the parser takes them for a blank or
     * for none; test_text checks it) */
    if (!(g->rec & DASHES_KNOWN))
        writable(g)->rec |= DASHES_KNOWN | (!(g->rec & AMOUNT) && jue_rec_dashes(g->text) ? DASHES : 0);
    return g->rec & DASHES;
}

/* The form made in out (n bytes, from a text of tn) kept on g: the text
 * itself when the same (the forms never lengthen a text, and drop or fold
 * what they change: the same length is the same bytes), else a copy in d's
 * blocks; out when it cannot be kept. */
static const char *keep(jue_idoc *d, const jue_gcell *g, const char *out, size_t n, size_t tn, bool key)
{
    struct jue_cmemo *m = memo_of(d, g);
    if (!m) return out;
    const char *f = g->text;
    if (n != tn) {
        char *t = d ? jue_idoc_room(d, n + 1, 1) : NULL;   /* a memo made before, asked without d */
        if (!t) return out;
        memcpy(t, out, n + 1);
        f = t;
    }
    if (key) m->key = f;
    else m->fold = f;
    return f;
}

/* Whether g's text is its own fold and key, kept on the cell when it is
 * (a cell's fold is asked again and again); else *tn: where
 * jue_imp_is_matchkey stopped. */
static bool own_form(const jue_gcell *g, size_t *tn)
{
    if (g->rec & OWN) return true;
    bool own = jue_imp_is_matchkey(g->text, tn) && *tn < MAXK;
    if (own) writable(g)->rec |= OWN;
    return own;
}

const char *jue_rec_cell_fold(jue_idoc *d, const jue_gcell *g, char out[MAXK])
{
    if (g->memo && g->memo->fold) return g->memo->fold;
    size_t tn;
    /* a text that is its own fold (most) is answered without a memo */
    if (own_form(g, &tn)) return g->text;
    tn += strlen(g->text + tn);
    if (tn >= MAXK) {   /* cut to the key's size: kept as a copy */
        jue_rec_fold(g->text, out);
        return keep(d, g, out, strlen(out), tn, false);
    }
    return keep(d, g, out, jue_imp_squeeze_to(out, g->text, tn, true), tn, false);
}

const char *jue_rec_cell_key(jue_idoc *d, const jue_gcell *g, char out[MAXK])
{
    if (g->memo && g->memo->key) return g->memo->key;
    size_t tn;
    if (own_form(g, &tn)) return g->text;   /* as the fold */
    tn += strlen(g->text + tn);
    if (tn >= MAXK) {
        jue_rec_key(g->text, out);
        return keep(d, g, out, strlen(out), tn, true);
    }
    return keep(d, g, out, jue_imp_matchkey_to(out, g->text, tn), tn, true);
}

static const char *single_text(const jue_grow *r)
{
    const char *t = NULL;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (t && strcmp(t, g->text) != 0) return NULL;
        t = g->text;
    }
    return t;
}

/* Asked of every row again and again (titles, furniture: a running head
 * is looked for over the whole grid, a body's end): kept on the row
 * (jue_grow.one, forgotten when a cell is set). */
const char *jue_rec_single_text_of(const jue_grow *r)
{
    if (!r->one_known) {
        jue_grow *w = (jue_grow *)(uintptr_t)r;
        w->one = single_text(r);
        w->one_known = true;
    }
    return r->one;
}
