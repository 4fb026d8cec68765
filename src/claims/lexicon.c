/* The claims lexicon (data/claims/lexicon.yaml): the phrases that name a
 * subject, the subject and table fact each names, and the section a phrase
 * needs to mean it; phrases (and the sentence reader's keywords) are indexed
 * by their first character at load, so a position of a sentence costs one
 * probe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"
#include "core/yaml_tree.h"
#include "read_internal.h"

void jue_lexicon_free(jue_lexicon *lx)
{
    if (!lx) return;
    free(lx->slot);
    free(lx->lex_order);
    free(lx->kw_order);
    for (size_t i = 0; i < lx->n; i++) {
        free(lx->e[i].phrase);
        free(lx->e[i].scope);
        for (size_t k = 0; k < lx->e[i].neach; k++) free(lx->e[i].each[k]);
    }
    free(lx->e);
    free(lx->parts);
    free(lx);
}

static const char *ystr(const jue_ynode *m, const char *k)
{
    const jue_ynode *v = jue_ymap_get(m, k);
    return v && v->type == JUE_Y_SCALAR && !v->plain_null ? v->value : NULL;
}

/* The index of scope in lx->scopes, added if new; −1 for none or when
 * there are too many (cx_match_subject then searches the context itself). */
static int scope_id(jue_lexicon *lx, const char *scope)
{
    if (!scope) return -1;
    for (size_t i = 0; i < lx->nscopes; i++)
        if (!strcmp(lx->scopes[i], scope)) return (int)i;
    if (lx->nscopes == CX_SCOPES_MAX) return -1;
    lx->scopes[lx->nscopes] = scope;
    return (int)lx->nscopes++;
}

/* The slot of character key ch, taken if empty. */
static word_slot *slot_of(jue_lexicon *lx, uint32_t ch)
{
    size_t mask = ((size_t)1 << lx->slot_bits) - 1, h = (ch * 0x9E3779B1u) >> (32 - lx->slot_bits);
    while (lx->slot[h].ch && lx->slot[h].ch != ch) h = (h + 1) & mask;
    lx->slot[h].ch = ch;
    uint32_t b = cx_first_bit(ch);
    lx->first[b >> 6] |= (uint64_t)1 << (b & 63);
    return &lx->slot[h];
}

static uint32_t first_char(const char *w)
{
    size_t n;
    return cx_char_key(w, w + strlen(w), &n);
}

/* The filter bit of word w's second character (word_slot.second), or all
 * bits if w has no whole second character. */
static uint64_t second_of(const char *w)
{
    size_t n, n2, len = strlen(w);
    cx_char_key(w, w + len, &n);
    if (n >= len) return ~(uint64_t)0;
    unsigned char b = (unsigned char)w[n];
    size_t want = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    cx_char_key(w + n, w + len, &n2);
    return n2 < want ? ~(uint64_t)0 : cx_second_bit(w + n, w + len);
}

/* Whether entry a goes before b among the phrases of one character. */
static bool lex_before(const lex_entry *e, uint16_t a, uint16_t b)
{
    if (e[a].plen != e[b].plen) return e[a].plen > e[b].plen;
    if (!e[a].scope != !e[b].scope) return e[a].scope != NULL;
    return a < b;
}

/* The words by first character (jue_lexicon.slot): counted, placed, and
 * each character's phrases put in the order cx_match_subject takes them. */
static bool index_words(jue_lexicon *lx)
{
    size_t nkw = 0;
    while (cx_keyword_word(nkw)) nkw++;
    lx->slot_bits = 4;
    while (((size_t)1 << lx->slot_bits) < 2 * (lx->n + nkw)) lx->slot_bits++;
    lx->slot = calloc((size_t)1 << lx->slot_bits, sizeof *lx->slot);
    lx->lex_order = malloc((lx->n + 1) * sizeof *lx->lex_order);
    lx->kw_order = malloc((nkw + 1) * sizeof *lx->kw_order);
    if (!lx->slot || !lx->lex_order || !lx->kw_order) return false;
    for (size_t i = 0; i < lx->n; i++) {
        word_slot *w = slot_of(lx, first_char(lx->e[i].phrase));
        w->nlex++;
        w->second |= second_of(lx->e[i].phrase);
    }
    for (size_t k = 0; k < nkw; k++) {
        word_slot *w = slot_of(lx, first_char(cx_keyword_word(k)));
        w->nkw++;
        w->second |= second_of(cx_keyword_word(k));
    }
    uint16_t nl = 0, nk = 0;
    for (size_t h = 0; h < (size_t)1 << lx->slot_bits; h++) {
        word_slot *w = &lx->slot[h];
        w->lex = nl, nl += w->nlex, w->nlex = 0;
        w->kw = nk, nk += w->nkw, w->nkw = 0;
    }
    for (size_t i = 0; i < lx->n; i++) {
        word_slot *w = slot_of(lx, first_char(lx->e[i].phrase));
        uint16_t *o = lx->lex_order + w->lex;
        size_t j = w->nlex++;   /* insertion: the slot's phrases stay in order */
        for (; j > 0 && lex_before(lx->e, (uint16_t)i, o[j - 1]); j--) o[j] = o[j - 1];
        o[j] = (uint16_t)i;
    }
    for (size_t k = 0; k < nkw; k++) {
        word_slot *w = slot_of(lx, first_char(cx_keyword_word(k)));
        lx->kw_order[w->kw + w->nkw++] = (uint16_t)k;
    }
    return true;
}

/* Whether some phrase of the lexicon names the subject. */
static bool declared(const jue_lexicon *lx, const char *subject)
{
    for (size_t i = 0; i < lx->n; i++)
        if (jue_subject_is(&lx->e[i].subject, subject)) return true;
    return false;
}

/* One name of a partition (its whole or a part) into dst: a subject the
 * lexicon declares, else an error at the name. */
static bool partition_name(jue_lexicon *lx, const jue_ynode *v, char *dst, const char *file, jue_diags *diags)
{
    if (!v || v->type != JUE_Y_SCALAR || !declared(lx, v->value)) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, v ? v->line : 0, v ? v->col : 0,
                     "partitions 中的“%s”不是 subjects 里的一个 subject（whole 与 parts 都须是已声明的名称）",
                     v && v->type == JUE_Y_SCALAR ? v->value : "?");
        return false;
    }
    snprintf(dst, JUE_SUBJECT_KEY_MAX, "%s", v->value);
    return true;
}

/* One entry of `partitions`: { whole, parts: [2–4 names], check } into *p. */
static bool load_partition(jue_lexicon *lx, const jue_ynode *m, jue_partition *p, const char *file, jue_diags *diags)
{
    const jue_ynode *parts = jue_ymap_get(m, "parts");
    if (m->type != JUE_Y_MAP || !parts || parts->type != JUE_Y_SEQ || parts->n < 2 || parts->n > JUE_PARTITION_PARTS) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, m->line, m->col,
                     "一个 partition 要有 whole 和 parts（2 至 %d 个名称的列表）", JUE_PARTITION_PARTS);
        return false;
    }
    bool ok = partition_name(lx, jue_ymap_get(m, "whole"), p->whole, file, diags);
    for (size_t q = 0; q < parts->n; q++) ok &= partition_name(lx, parts->items[q], p->parts[q], file, diags);
    p->nparts = parts->n;
    const char *check = ystr(m, "check");
    snprintf(p->check, sizeof p->check, "%s", check ? check : "claims.partition");
    if (jue_claim_check_severity(NULL, p->check) < 0) {
        const jue_ynode *v = jue_ymap_get(m, "check");
        jue_diag_add(diags, JUE_SEV_ERROR, file, v->line, v->col, "“%s”不是一项说明核对（见 data/rules/claims.yaml）",
                     p->check);
        ok = false;
    }
    return ok;
}

/* The lexicon's `partitions` (none when absent). */
static jue_status load_partitions(jue_lexicon *lx, const jue_ynode *root, const char *file, jue_diags *diags)
{
    const jue_ynode *ps = jue_ymap_get(root, "partitions");
    if (!ps) return JUE_OK;
    if (ps->type != JUE_Y_SEQ) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, ps->line, ps->col, "partitions 应是一个列表");
        return JUE_ERR_INVALID;
    }
    lx->parts = calloc(ps->n + 1, sizeof *lx->parts);
    if (!lx->parts) return JUE_ERR_NOMEM;
    jue_status st = JUE_OK;
    for (size_t i = 0; i < ps->n; i++)
        if (load_partition(lx, ps->items[i], &lx->parts[lx->nparts], file, diags)) lx->nparts++;
        else st = JUE_ERR_INVALID;
    return st;
}

/* An entry's `each` (the subjects a phrase names at once, "收、支总计":
 * [收入总计, 支出总计]): 2 to CX_EACH_MAX phrases, read here; that each is
 * a phrase of the lexicon is checked once all are read (each_declared). */
static bool load_each(lex_entry *e, const jue_ynode *m, const char *file, jue_diags *diags)
{
    const jue_ynode *v = jue_ymap_get(m, "each");
    if (!v) return true;
    if (v->type != JUE_Y_SEQ || v->n < 2 || v->n > CX_EACH_MAX) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, v->line, v->col,
                     "“%s”的 each 应是 2 至 %d 个短语的列表（该短语同时所指的各项）", e->phrase, CX_EACH_MAX);
        return false;
    }
    for (size_t k = 0; k < v->n; k++) {
        const jue_ynode *it = v->items[k];
        if (it->type != JUE_Y_SCALAR || !*it->value) {
            jue_diag_add(diags, JUE_SEV_ERROR, file, it->line, it->col, "“%s”的 each 中须是非空短语", e->phrase);
            return false;
        }
        e->each[e->neach++] = jue_strdup(it->value);
    }
    return true;
}

/* Every name of an `each` is a phrase of the lexicon, else an error at it. */
static bool each_declared(const jue_lexicon *lx, const jue_ynode *subs, const char *file, jue_diags *diags)
{
    bool ok = true;
    for (size_t i = 0; i < lx->n; i++)
        for (size_t k = 0; k < lx->e[i].neach; k++) {
            bool found = false;
            for (size_t j = 0; j < lx->n && !found; j++) found = !strcmp(lx->e[j].phrase, lx->e[i].each[k]);
            if (found) continue;
            const jue_ynode *v = NULL;
            for (size_t q = 0; q < subs->n && !v; q++) {
                const char *ph = ystr(subs->items[q], "phrase");
                if (ph && !strcmp(ph, lx->e[i].phrase)) v = jue_ymap_get(subs->items[q], "each");
            }
            jue_diag_add(diags, JUE_SEV_ERROR, file, v ? v->line : 0, v ? v->col : 0,
                         "“%s”的 each 中的“%s”不是 subjects 里的一个 phrase", lx->e[i].phrase, lx->e[i].each[k]);
            ok = false;
        }
    return ok;
}

jue_status jue_lexicon_load(const char *path, jue_lexicon **out, jue_diags *diags)
{
    *out = NULL;
    jue_ynode *root = NULL;
    char file[4096];
    jue_status st = jue_yaml_load(path, "claims/lexicon.yaml", file, sizeof file, &root, diags);
    if (st != JUE_OK) return st;
    jue_lexicon *lx = calloc(1, sizeof *lx);
    const jue_ynode *subs = jue_ymap_get(root, "subjects");
    if (!lx || !subs || subs->type != JUE_Y_SEQ) {
        if (lx) jue_diag_add(diags, JUE_SEV_ERROR, file, 1, 1, "缺少 subjects 列表（说明中的名称与其所指的数）");
        jue_ynode_free(root);
        free(lx);
        return lx ? JUE_ERR_INVALID : JUE_ERR_NOMEM;
    }
    lx->e = calloc(subs->n + 1, sizeof *lx->e);
    if (!lx->e) { jue_ynode_free(root); free(lx); return JUE_ERR_NOMEM; }
    bool bad = false;
    for (size_t i = 0; i < subs->n; i++) {
        const jue_ynode *m = subs->items[i];
        const char *ph = ystr(m, "phrase"), *su = ystr(m, "subject"), *fact = ystr(m, "fact");
        if (!ph || !su || !*ph) {
            jue_diag_add(diags, JUE_SEV_ERROR, file, m->line, m->col, "subjects 的每一项都要有 phrase（非空）和 subject");
            bad = true;
            continue;
        }
        if (strlen(su) >= JUE_SUBJECT_KEY_MAX || !strcmp(su, "项?") || !strncmp(su, "项:", 4) || !strncmp(su, "类:", 4)) {
            const jue_ynode *v = jue_ymap_get(m, "subject");
            jue_diag_add(diags, JUE_SEV_ERROR, file, v->line, v->col,
                         "“%s”的 subject “%s”不能用：名称至多 %d 字节，且不以“项:”“类:”“项?”开头（那是科目）", ph, su,
                         JUE_SUBJECT_KEY_MAX - 1);
            bad = true;
            continue;
        }
        jue_fact f = { 0 };
        if (fact && !jue_fact_parse(fact, strlen(fact), &f)) {
            const jue_ynode *v = jue_ymap_get(m, "fact");
            jue_diag_add(diags, JUE_SEV_ERROR, file, v->line, v->col,
                         "“%s”的 fact “%s”不是表中的一个数：应写作“表/行/列”，如 T03/合计/基本支出"
                         "（表为 T01–T09，列为该表的列名）", ph, fact);
            bad = true;
            continue;
        }
        lex_entry *e = &lx->e[lx->n++];
        e->phrase = jue_strdup(ph);
        e->subject = jue_subject_make(JUE_SUBJ_NAMED, su);
        e->fact = f;
        e->scope = jue_strdup(ystr(m, "scope"));
        e->plen = strlen(ph);
        e->scope_id = scope_id(lx, e->scope);
        if (!load_each(e, m, file, diags)) bad = true;
    }
    if (!bad && !each_declared(lx, subs, file, diags)) bad = true;
    jue_status pst = bad ? JUE_ERR_INVALID : load_partitions(lx, root, file, diags);
    jue_ynode_free(root);
    if (pst != JUE_OK) { jue_lexicon_free(lx); return pst; }
    if (lx->n > 65535) lx->n = 65535;
    if (!index_words(lx)) { jue_lexicon_free(lx); return JUE_ERR_NOMEM; }
    *out = lx;
    return JUE_OK;
}

/* Whether the section titles in force (x->context) hold e's scope: the
 * lexicon's scopes are searched in them once a context, when first asked. */
static bool in_scope(ex *x, const lex_entry *e)
{
    if (e->scope_id < 0) return strstr(x->context, e->scope) != NULL;
    if (!x->scope_known) {
        x->scope_in = 0;
        for (size_t i = 0; i < x->lx->nscopes; i++)
            if (strstr(x->context, x->lx->scopes[i])) x->scope_in |= (uint64_t)1 << i;
        x->scope_known = true;
    }
    return x->scope_in >> e->scope_id & 1;
}

const lex_entry *cx_match_subject(ex *x, const word_slot *w, const char *p, const char *end)
{
    for (size_t k = 0; w && k < w->nlex; k++) {
        const lex_entry *e = &x->lx->e[x->lx->lex_order[w->lex + k]];
        /* the last byte first: the phrases of a slot share their first character */
        if ((size_t)(end - p) < e->plen || (e->plen && p[e->plen - 1] != e->phrase[e->plen - 1]) ||
            memcmp(p, e->phrase, e->plen))
            continue;
        if (e->scope && !in_scope(x, e)) continue;
        return e;
    }
    return NULL;
}
