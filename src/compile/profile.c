/* Profiles: per-province data about the tables, loaded from YAML. */
#include <juesuan/profile.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/yaml_tree.h"

struct jue_profile {
    char *name;
    char **classes;
    size_t nclasses;
    int number[JUE_NTABLES];
    char *empty_note[JUE_NTABLES];
};

static int table_of(const char *id)
{
    if (strlen(id) == 3 && id[0] == 'T' && id[1] == '0' && id[2] >= '1' && id[2] <= '9') return id[2] - '1';
    return -1;
}

void jue_profile_free(jue_profile *p)
{
    if (!p) return;
    free(p->name);
    for (size_t i = 0; i < p->nclasses; i++) free(p->classes[i]);
    free(p->classes);
    for (int i = 0; i < JUE_NTABLES; i++) free(p->empty_note[i]);
    free(p);
}

jue_status jue_profile_load(const char *name, jue_profile **out, jue_diags *diags)
{
    *out = NULL;
    if (!name) name = "national";
    for (const char *q = name; *q; q++)
        if (*q == '/' || *q == '\\') {
            jue_diag_add(diags, JUE_SEV_ERROR, name, 0, 0, "a profile name cannot contain a path");
            return JUE_ERR_NOTFOUND;
        }
    char path[4096];
    snprintf(path, sizeof path, "%s/profiles/%s.yaml", jue_data_dir(), name);
    char *text;
    size_t len;
    if (jue_read_file(path, &text, &len) != JUE_OK) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "unknown profile '%s' (no such file)", name);
        return JUE_ERR_NOTFOUND;
    }
    jue_ynode *root = NULL;
    jue_status st = jue_yaml_parse(path, text, len, &root, diags);
    free(text);
    if (st != JUE_OK) return st == JUE_ERR_NOMEM ? st : JUE_ERR_INVALID;
    jue_profile *p = calloc(1, sizeof *p);
    if (!p) { jue_ynode_free(root); return JUE_ERR_NOMEM; }
    size_t errs = diags->errors;
    p->name = jue_strdup(name);
    for (int i = 0; i < JUE_NTABLES; i++) p->number[i] = i + 1;

    const jue_ynode *tables = jue_ymap_get(root, "tables");
    if (tables && tables->type == JUE_Y_SEQ) {
        for (int i = 0; i < JUE_NTABLES; i++) p->number[i] = 0;
        for (size_t i = 0; i < tables->n; i++) {
            const jue_ynode *id = jue_ymap_get(tables->items[i], "id");
            const jue_ynode *num = jue_ymap_get(tables->items[i], "number");
            int t = id && id->type == JUE_Y_SCALAR ? table_of(id->value) : -1;
            int n = num && num->type == JUE_Y_SCALAR ? atoi(num->value) : 0;
            if (t < 0 || n <= 0 || n > 99)
                jue_diag_add(diags, JUE_SEV_ERROR, path, tables->items[i]->line, tables->items[i]->col,
                             "each table needs an id T01–T09 and a number 1–99");
            else
                p->number[t] = n;
        }
    }
    const jue_ynode *cl = jue_ymap_get(root, "t01_expenditure_classes");
    if (!cl || cl->type != JUE_Y_SEQ) {
        jue_diag_add(diags, JUE_SEV_ERROR, path, 1, 1, "missing list 't01_expenditure_classes'");
    } else {
        p->classes = calloc(cl->n ? cl->n : 1, sizeof *p->classes);
        if (!p->classes) { jue_ynode_free(root); jue_profile_free(p); return JUE_ERR_NOMEM; }
        for (size_t i = 0; i < cl->n; i++) {
            const jue_ynode *c = cl->items[i];
            if (c->type != JUE_Y_SCALAR || jue_code_level(JUE_CAT_FUNCTIONAL, c->value) != JUE_LEVEL_LEI) {
                jue_diag_add(diags, JUE_SEV_ERROR, path, c->line, c->col, "not a functional 类 code");
                continue;
            }
            p->classes[p->nclasses++] = jue_strdup(c->value);
        }
    }
    const jue_ynode *notes = jue_ymap_get(root, "empty_notes");
    if (notes && notes->type == JUE_Y_MAP) {
        for (size_t i = 0; i + 1 < notes->n; i += 2) {
            const jue_ynode *k = notes->items[i], *v = notes->items[i + 1];
            int t = k->type == JUE_Y_SCALAR ? table_of(k->value) : -1;
            if (t < 0 || v->type != JUE_Y_SCALAR) {
                jue_diag_add(diags, JUE_SEV_ERROR, path, k->line, k->col, "empty_notes: key must be T01–T09 with a text");
                continue;
            }
            free(p->empty_note[t]);
            p->empty_note[t] = jue_strdup(v->value);
        }
    }
    jue_ynode_free(root);
    if (diags->errors != errs) { jue_profile_free(p); return JUE_ERR_INVALID; }
    *out = p;
    return JUE_OK;
}

const char *jue_profile_name(const jue_profile *p) { return p->name; }

size_t jue_profile_t01_classes(const jue_profile *p, const char *const **codes)
{
    *codes = (const char *const *)p->classes;
    return p->nclasses;
}

int jue_profile_table_number(const jue_profile *p, jue_table_id t)
{
    return (unsigned)t < JUE_NTABLES ? p->number[t] : 0;
}

char *jue_profile_empty_note(const jue_profile *p, jue_table_id t, const char *department, int year)
{
    if ((unsigned)t >= JUE_NTABLES || !p->empty_note[t]) return NULL;
    jue_buf b;
    jue_buf_init(&b);
    for (const char *s = p->empty_note[t]; *s;) {
        if (!strncmp(s, "{department}", 12)) { jue_buf_puts(&b, department ? department : ""); s += 12; }
        else if (!strncmp(s, "{year}", 6)) { jue_buf_printf(&b, "%d", year); s += 6; }
        else jue_buf_putc(&b, *s++);
    }
    return jue_buf_take(&b);
}
