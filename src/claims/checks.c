/* The claim checks' severities and required sections (data/rules/claims.yaml). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims_internal.h"
#include "core/yaml_tree.h"

const char *const jue_claim_check_names[C_N] = {
    "claims.fact", "claims.unit", "claims.malformed", "claims.share", "claims.change", "claims.balance-change",
    "claims.completion", "claims.zero-budget", "claims.parts", "claims.date", "claims.item-name",
    "claims.item-table", "claims.item-missing", "claims.operating", "claims.placeholder", "claims.numbering",
    "claims.section-missing", "claims.direction", "claims.count-zero", "claims.item-unlisted", "claims.three-public",
    "claims.cross-year", "claims.no-percent", "claims.no-unit", "claims.stale-year", "claims.restated",
    "claims.carry-over", "claims.partition", "claims.balance-level",
};

void jue_claim_checks_free(jue_claim_checks *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->nrequired; i++) free(c->required[i]);
    free(c);
}

jue_status jue_claim_checks_load(const char *path, jue_claim_checks **out, jue_diags *diags)
{
    *out = NULL;
    jue_ynode *root = NULL;
    char file[4096];
    jue_status st = jue_yaml_load(path, "rules/claims.yaml", file, sizeof file, &root, diags);
    if (st != JUE_OK) return st;
    jue_claim_checks *c = calloc(1, sizeof *c);
    if (!c) { jue_ynode_free(root); return JUE_ERR_NOMEM; }
    const jue_ynode *m = jue_ymap_get(root, "checks");
    size_t errs = diags->errors;
    if (m && m->type == JUE_Y_MAP) {
        for (size_t i = 0; i + 1 < m->n; i += 2) {
            const jue_ynode *k = m->items[i], *v = m->items[i + 1];
            int id = -1;
            for (int q = 0; q < C_N; q++)
                if (k->type == JUE_Y_SCALAR && !strcmp(k->value, jue_claim_check_names[q])) id = q;
            if (id < 0) {
                jue_diag_add(diags, JUE_SEV_ERROR, file, k->line, k->col, "没有名为“%s”的说明核对",
                             k->type == JUE_Y_SCALAR ? k->value : "?");
                continue;
            }
            const char *sv = v->type == JUE_Y_SCALAR ? v->value : "";
            jue_severity s;
            if (!strcmp(sv, "off")) c->severity[id] = -1;
            else if (jue_severity_parse(sv, &s)) c->severity[id] = (int)s;
            else jue_diag_add(diags, JUE_SEV_ERROR, file, v->line, v->col, "级别只能是 error、warning、info 或 off");
        }
    }
    const jue_ynode *rq = jue_ymap_get(root, "required_sections");
    if (rq && rq->type != JUE_Y_SEQ) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, rq->line, rq->col, "required_sections 应是一个短语列表");
    } else if (rq) {
        for (size_t i = 0; i < rq->n; i++) {
            const jue_ynode *v = rq->items[i];
            if (v->type != JUE_Y_SCALAR || !*v->value) {
                jue_diag_add(diags, JUE_SEV_ERROR, file, v->line, v->col, "必备部分须是非空短语（如“三公|三公经费”）");
            } else if (c->nrequired == MAX_REQUIRED) {
                jue_diag_add(diags, JUE_SEV_ERROR, file, v->line, v->col, "必备部分多于 %d 项", MAX_REQUIRED);
                break;
            } else if (!(c->required[c->nrequired++] = jue_strdup(v->value))) {
                c->nrequired--;
                st = JUE_ERR_NOMEM;
                break;
            }
        }
    }
    jue_ynode_free(root);
    if (st != JUE_OK || diags->errors != errs) {
        jue_claim_checks_free(c);
        return st != JUE_OK ? st : JUE_ERR_INVALID;
    }
    *out = c;
    return JUE_OK;
}

int jue_claim_check_severity(const jue_claim_checks *checks, const char *name)
{
    for (int q = 0; q < C_N; q++)
        if (!strcmp(name, jue_claim_check_names[q])) return checks ? checks->severity[q] : JUE_SEV_ERROR;
    return -1;
}
