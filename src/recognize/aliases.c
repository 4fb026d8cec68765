/* The importer's aliases (data/import/aliases.tsv): how titles, columns,
 * lines, 09 items and groups are printed, by kind and table. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The hash of a match key, eight bytes a step (FNV-1a's byte a step was
 * most of a look-up): the words xored in and multiplied, the last bytes
 * read with one load that overlaps the words before (two of four in a key
 * of four to seven bytes). Only compared with hashes made by it in the same
 * process: any function would do, equal keys having equal hashes. */
uint32_t jue_rec_key_hash(const char *k)
{
    const uint64_t M = 0xFF51AFD7ED558CCDu;
    size_t n = strlen(k), i = 0;
    uint64_t h = 0x9E3779B97F4A7C15u ^ n, w;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, k + i, 8);
        h = (h ^ w) * M;
    }
    if (i < n) {
        if (n >= 8) memcpy(&w, k + n - 8, 8);
        else if (n >= 4) {
            uint32_t a, b;
            memcpy(&a, k, 4);
            memcpy(&b, k + n - 4, 4);
            w = (uint64_t)a << 32 | b;
        } else
            for (w = 0; i < n; i++) w = w << 8 | (unsigned char)k[i];
        h = (h ^ w) * M;
    }
    return (uint32_t)(h ^ h >> 32);
}

/* The alias kind named by the first field, 0 when none. */
static char alias_kind(const char *s)
{
    return !strcmp(s, "title") ? 't' : !strcmp(s, "col") ? 'c' : !strcmp(s, "row") ? 'r'
         : !strcmp(s, "item") ? 'i' : !strcmp(s, "group") ? 'g' : 0;
}

/* Appends the alias of one line (its fields f[0..nf)); a line that is not
 * one is an error at its line (JUE_ERR_INVALID; the load reads on, to
 * name every bad line, and then fails). */
static jue_status add_line(jue_aliases *al, size_t *cap, char *f[5], int nf, const char *path, int line,
                           jue_diags *diags)
{
    int tid = -1;
    if (nf >= 4 && f[1][0] == 'T' && f[1][1] >= '0' && f[1][2] >= '1' && f[1][2] <= '9' && !f[1][3])
        tid = (f[1][1] - '0') * 10 + (f[1][2] - '0') - 1;
    char kind = nf >= 4 ? alias_kind(f[0]) : 0;
    if (kind == 't' && !strcmp(f[1], "-")) tid = JUE_REC_OTHER;   /* checked below */
    if (!kind || tid < 0 || (tid >= JUE_NTABLES && !(kind == 't' && tid == JUE_REC_OTHER))) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, line, 1,
                     "不是别名行（应为以制表符分隔的 kind、table、side、printed、canonical 五列，kind 为 title、col、row、"
                     "item 或 group，table 为 T01–T09，或 title 行的 -：本表式以外的表）");
        return JUE_ERR_INVALID;
    }
    if (al->n == *cap) {
        alias *na = realloc(al->a, *cap * 2 * sizeof *na);
        if (!na) return JUE_ERR_NOMEM;
        al->a = na;
        *cap *= 2;
    }
    char key[MAXK];
    jue_rec_key(f[3], key);
    alias *a = &al->a[al->n];
    a->kind = kind;
    a->table = tid;
    a->side = !strcmp(f[2], "inc") ? 1 : !strcmp(f[2], "exp") ? 2 : 0;
    a->key = jue_strdup(key);
    a->klen = strlen(key);
    a->canon = jue_strdup(nf >= 5 ? f[4] : "");
    a->hash = jue_rec_key_hash(key);
    if (!a->key || !a->canon) { free(a->key); free(a->canon); return JUE_ERR_NOMEM; }
    al->n++;
    return JUE_OK;
}

/* The chains by hash (jue_aliases.head): built from the last alias back, so
 * each runs in file order. */
static jue_status chain(jue_aliases *al)
{
    size_t nb = 16;
    while (nb < 2 * al->n) nb *= 2;
    al->mask = (uint32_t)(nb - 1);
    al->head = calloc(nb, sizeof *al->head);
    al->next = calloc(al->n + 1, sizeof *al->next);
    al->titles = calloc(al->n + 1, sizeof *al->titles);
    if (!al->head || !al->next || !al->titles) return JUE_ERR_NOMEM;
    for (size_t i = 0; i < al->n; i++)
        if (al->a[i].kind == 't') al->titles[al->ntitles++] = (uint32_t)i;
    for (size_t i = al->n; i-- > 0;) {
        al->next[i] = al->head[al->a[i].hash & al->mask];
        al->head[al->a[i].hash & al->mask] = (uint32_t)(i + 1);
    }
    return JUE_OK;
}

jue_status jue_aliases_load(jue_aliases **out, jue_diags *diags)
{
    *out = NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/import/aliases.tsv", jue_data_dir());
    char *data;
    size_t len;
    jue_status st = jue_read_file(path, &data, &len);
    if (st) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "无法读取表格识别用的别名表：%s", jue_status_str(st));
        return st;
    }
    size_t cap = 256;
    jue_aliases *al = calloc(1, sizeof *al);
    if (al) al->a = calloc(cap, sizeof *al->a);
    if (!al || !al->a) { free(al); free(data); return JUE_ERR_NOMEM; }
    int line = 0;
    bool bad = false;
    for (char *p = data; *p && !st;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        line++;
        if (*p && *p != '#') {
            char *f[5] = { 0 };
            int nf = 0;
            for (char *q = p; nf < 5;) {
                f[nf++] = q;
                char *tab = strchr(q, '\t');
                if (!tab) break;
                *tab = '\0';
                q = tab + 1;
            }
            st = add_line(al, &cap, f, nf, path, line, diags);
            if (st == JUE_ERR_INVALID) bad = true, st = JUE_OK;
        }
        p = nl ? nl + 1 : p + strlen(p);
    }
    free(data);
    if (!st && bad) st = JUE_ERR_INVALID;
    if (!st) st = chain(al);
    if (st) { jue_aliases_free(al); return st; }
    *out = al;
    return JUE_OK;
}

void jue_aliases_free(jue_aliases *al)
{
    if (!al) return;
    for (size_t i = 0; i < al->n; i++) {
        free(al->a[i].key);
        free(al->a[i].canon);
    }
    free(al->a);
    free(al->head);
    free(al->next);
    free(al->titles);
    free(al);
}

const alias *jue_rec_alias(const rc *c, char kind, int table, int side, const char *key)
{
    uint32_t h = jue_rec_key_hash(key);
    for (const alias *a = jue_alias_next(c->al, h, NULL); a; a = jue_alias_next(c->al, h, a))
        if (a->kind == kind && a->table == table && (side == 0 || a->side == 0 || a->side == side) &&
            !strcmp(a->key, key))
            return a;
    return NULL;
}
