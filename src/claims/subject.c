/* What a claim speaks of (jue_subject): a lexicon subject by name, a 类 or
 * 项 by code, an unresolved 项 statement; and the form the store keeps. */
#include <juesuan/claims.h>

#include <stdio.h>
#include <string.h>

jue_subject jue_subject_make(jue_subject_kind kind, const char *key)
{
    jue_subject s = { .kind = kind };
    jue_str_put(s.key, s.key + sizeof s.key, key ? key : "", SIZE_MAX);
    return s;
}

bool jue_subject_same(const jue_subject *a, const jue_subject *b)
{
    return a->kind == b->kind && !strcmp(a->key, b->key);
}

bool jue_subject_is(const jue_subject *s, const char *name)
{
    return s->kind == JUE_SUBJ_NAMED && !strcmp(s->key, name);
}

void jue_subject_format(const jue_subject *s, char *buf, size_t n)
{
    switch (s->kind) {
    case JUE_SUBJ_NAMED: snprintf(buf, n, "%s", s->key); break;
    case JUE_SUBJ_LEI: snprintf(buf, n, "类:%s", s->key); break;
    case JUE_SUBJ_XIANG: snprintf(buf, n, "项:%s", s->key); break;
    case JUE_SUBJ_ITEM: snprintf(buf, n, "项?"); break;
    default: snprintf(buf, n, "%s", ""); break;
    }
}

bool jue_subject_parse(const char *s, jue_subject *out)
{
    *out = (jue_subject){ JUE_SUBJ_NONE, "" };
    if (!s || !*s || strlen(s) >= sizeof out->key + 4) return false;
    if (!strcmp(s, "项?")) *out = jue_subject_make(JUE_SUBJ_ITEM, NULL);
    else if (!strncmp(s, "项:", 4)) *out = jue_subject_make(JUE_SUBJ_XIANG, s + 4);
    else if (!strncmp(s, "类:", 4)) *out = jue_subject_make(JUE_SUBJ_LEI, s + 4);
    else if (strlen(s) < sizeof out->key) *out = jue_subject_make(JUE_SUBJ_NAMED, s);
    return jue_subject_on(out);
}
