/* The claims lexicon (data/claims/lexicon.yaml): the phrases that name a
 * subject, the subject and table fact each names, and the section a phrase
 * needs to mean it; phrases are matched by the bucket of their first
 * character. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/yaml_tree.h"
#include "read_internal.h"

/* The bucket of the character at p: its UTF-8 bytes (at most 4, never past
 * end) hashed. A phrase and the text it matches start with the same
 * character, so they fall in the same bucket. */
unsigned cx_lex_bucket(const char *p, const char *end)
{
    unsigned char b0 = (unsigned char)*p;
    size_t n = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    if ((size_t)(end - p) < n) n = (size_t)(end - p);
    unsigned h = 0;
    for (size_t i = 0; i < n; i++) h = h * 131u + (unsigned char)p[i];
    return h % LEX_BUCKETS;
}

void jue_lexicon_free(jue_lexicon *lx)
{
    if (!lx) return;
    for (int b = 0; b < LEX_BUCKETS; b++) free(lx->by_byte[b]);
    for (size_t i = 0; i < lx->n; i++) {
        free(lx->e[i].phrase);
        free(lx->e[i].scope);
    }
    free(lx->e);
    free(lx);
}

static const char *ystr(const jue_ynode *m, const char *k)
{
    const jue_ynode *v = jue_ymap_get(m, k);
    return v && v->type == JUE_Y_SCALAR && !v->plain_null ? v->value : NULL;
}

jue_status jue_lexicon_load(const char *path, jue_lexicon **out, jue_diags *diags)
{
    *out = NULL;
    jue_ynode *root = NULL;
    jue_status st = jue_yaml_load(path, "claims/lexicon.yaml", "the claims lexicon", &root, diags);
    if (st != JUE_OK) return st;
    jue_lexicon *lx = calloc(1, sizeof *lx);
    const jue_ynode *subs = jue_ymap_get(root, "subjects");
    if (!lx || !subs || subs->type != JUE_Y_SEQ) {
        if (lx) jue_diag_add(diags, JUE_SEV_ERROR, path, 1, 1, "missing list 'subjects'");
        jue_ynode_free(root);
        free(lx);
        return lx ? JUE_ERR_INVALID : JUE_ERR_NOMEM;
    }
    lx->e = calloc(subs->n + 1, sizeof *lx->e);
    if (!lx->e) { jue_ynode_free(root); free(lx); return JUE_ERR_NOMEM; }
    const char *file = path ? path : "data/claims/lexicon.yaml";
    bool bad = false;
    for (size_t i = 0; i < subs->n; i++) {
        const jue_ynode *m = subs->items[i];
        const char *ph = ystr(m, "phrase"), *su = ystr(m, "subject"), *fact = ystr(m, "fact");
        if (!ph || !su || !*ph) {
            jue_diag_add(diags, JUE_SEV_ERROR, path, m->line, m->col, "a subject needs 'phrase' and 'subject'");
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
    }
    jue_ynode_free(root);
    if (bad) { jue_lexicon_free(lx); return JUE_ERR_INVALID; }
    if (lx->n > 65535) lx->n = 65535;
    for (size_t i = 0; i < lx->n; i++) lx->by_count[cx_lex_bucket(lx->e[i].phrase, lx->e[i].phrase + lx->e[i].plen)]++;
    for (int b = 0; b < LEX_BUCKETS; b++) {
        if (!lx->by_count[b]) continue;
        lx->by_byte[b] = malloc(lx->by_count[b] * sizeof(uint16_t));
        if (!lx->by_byte[b]) { jue_lexicon_free(lx); return JUE_ERR_NOMEM; }
        lx->by_count[b] = 0;
    }
    for (size_t i = 0; i < lx->n; i++) {
        unsigned b = cx_lex_bucket(lx->e[i].phrase, lx->e[i].phrase + lx->e[i].plen);
        lx->by_byte[b][lx->by_count[b]++] = (uint16_t)i;
    }
    *out = lx;
    return JUE_OK;
}

const lex_entry *cx_match_subject(const ex *x, const char *p, const char *end)
{
    const lex_entry *best = NULL;
    unsigned b0 = cx_lex_bucket(p, end);
    for (size_t k = 0; k < x->lx->by_count[b0]; k++) {
        const lex_entry *e = &x->lx->e[x->lx->by_byte[b0][k]];
        if ((size_t)(end - p) < e->plen || memcmp(p, e->phrase, e->plen)) continue;
        if (e->scope && !strstr(x->context, e->scope)) continue;
        if (!best || e->plen > best->plen || (e->plen == best->plen && e->scope && !best->scope)) best = e;
    }
    return best;
}
