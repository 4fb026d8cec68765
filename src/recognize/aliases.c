/* The importer's aliases (data/import/aliases.tsv): how titles, columns,
 * lines, 09 items and groups are printed, by kind and table. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a of a match key. */
static uint32_t key_hash(const char *k)
{
    uint32_t h = 2166136261u;
    for (; *k; k++) h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

jue_status jue_rec_aliases_load(rc *c)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/import/aliases.tsv", jue_data_dir());
    char *data;
    size_t len;
    jue_status st = jue_read_file(path, &data, &len);
    if (st) {
        jue_diag_add(c->diags, JUE_SEV_ERROR, path, 0, 0, "cannot read the importer's aliases: %s",
                     jue_status_str(st));
        return st;
    }
    size_t cap = 256;
    c->al = calloc(cap, sizeof *c->al);
    if (!c->al) { free(data); return JUE_ERR_NOMEM; }
    int line = 0;
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
            int tid = -1;
            if (nf >= 4 && f[1][0] == 'T' && f[1][1] >= '0' && f[1][2] >= '1' && f[1][2] <= '9' && !f[1][3])
                tid = (f[1][1] - '0') * 10 + (f[1][2] - '0') - 1;
            char kind = 0;
            if (nf >= 4) {
                if (!strcmp(f[0], "title")) kind = 't';
                else if (!strcmp(f[0], "col")) kind = 'c';
                else if (!strcmp(f[0], "row")) kind = 'r';
                else if (!strcmp(f[0], "item")) kind = 'i';
                else if (!strcmp(f[0], "group")) kind = 'g';
            }
            if (!kind || tid < 0 || tid >= JUE_NTABLES) {
                jue_diag_add(c->diags, JUE_SEV_WARNING, path, line, 1,
                             "not an alias line (kind, table, side, printed, canonical)");
            } else {
                if (c->nal == cap) {
                    alias *na = realloc(c->al, cap * 2 * sizeof *na);
                    if (!na) { st = JUE_ERR_NOMEM; break; }
                    c->al = na;
                    cap *= 2;
                }
                char key[MAXK];
                jue_rec_key(f[3], key);
                alias *a = &c->al[c->nal];
                a->kind = kind;
                a->table = tid;
                a->side = !strcmp(f[2], "inc") ? 1 : !strcmp(f[2], "exp") ? 2 : 0;
                a->key = jue_strdup(key);
                a->canon = jue_strdup(nf >= 5 ? f[4] : "");
                a->hash = key_hash(key);
                if (!a->key || !a->canon) { free(a->key); free(a->canon); st = JUE_ERR_NOMEM; break; }
                c->nal++;
            }
        }
        p = nl ? nl + 1 : p + strlen(p);
    }
    free(data);
    return st;
}

void jue_rec_aliases_free(rc *c)
{
    for (size_t i = 0; i < c->nal; i++) {
        free(c->al[i].key);
        free(c->al[i].canon);
    }
    free(c->al);
}

const alias *jue_rec_alias(const rc *c, char kind, int table, int side, const char *key)
{
    uint32_t h = key_hash(key);
    for (size_t i = 0; i < c->nal; i++) {
        const alias *a = &c->al[i];
        if (a->hash == h && a->kind == kind && a->table == table && (side == 0 || a->side == 0 || a->side == side) &&
            !strcmp(a->key, key))
            return a;
    }
    return NULL;
}
