/* The store's names that need no database, in the library itself (the rest
 * of src/store/ is the store module, juesuan-store.so, with sqlite): the
 * kinds of findings and a department's key. */
#include <juesuan/store.h>

#include <string.h>

#include "core/encoding.h"

const char *const JUE_KIND_NAMES[JUE_KINDS] = { "表内", "表间", "完整性", "科目", "说明", "跨年", "绩效", "读取", "其他" };

int jue_finding_kind(const char *rule)
{
    static const char *const PREFIX[] = { "T0", "X.", "complete.", "catalog.", NULL, NULL, "perf.", "input." };
    if (!rule) return JUE_KINDS - 1;
    if (!strcmp(rule, "claims.cross-year")) return 5;
    if (!strncmp(rule, "claims.", 7)) return 4;
    for (int k = 0; k < (int)(sizeof PREFIX / sizeof PREFIX[0]); k++)
        if (PREFIX[k] && !strncmp(rule, PREFIX[k], strlen(PREFIX[k]))) return k;
    return JUE_KINDS - 1;
}

/* ---- the department's key: the region, "/", the name as printed ---- */

/* Length in bytes of an administrative unit at the start of s ("上海市",
 * "普陀区", "延边朝鲜族自治州"): 3 to 12 characters ending in a unit word;
 * 0 when there is none. */
static size_t admin_unit(const char *s)
{
    static const char *const UNITS[] = { "自治区", "自治州", "自治县", "地区", "省", "市", "州", "盟", "县", "区", "旗" };
    size_t pos = 0;
    for (int chars = 1; chars <= 12 && s[pos]; chars++) {
        pos += jue_utf8_step(s + pos);
        for (size_t u = 0; u < sizeof UNITS / sizeof UNITS[0]; u++) {
            size_t ul = strlen(UNITS[u]);
            if (chars >= 3 && pos >= ul && !memcmp(s + pos - ul, UNITS[u], ul) && s[pos]) return pos;
        }
    }
    return 0;
}

void jue_store_dept_key(const char *name, const char *region, jue_buf *key)
{
    jue_buf clean;
    jue_buf_init(&clean);
    for (const char *p = name; *p; p++)   /* spaces and the full-width space do not make a new department */
        if (*p == ' ' || *p == '\t') continue;
        else if (!strncmp(p, "\xe3\x80\x80", 3)) p += 2;
        else jue_buf_putc(&clean, *p);
    const char *n = jue_buf_str(&clean);
    if (region && *region) {
        jue_buf_puts(key, region);
    } else {
        /* "中共上海市普陀区委…": the party committee's region is the same */
        size_t start = strncmp(n, "中共", 6) ? 0 : 6, rlen = start;
        for (size_t u; (u = admin_unit(n + rlen)) > 0;) rlen += u;
        jue_buf_putn(key, n + start, rlen - start);
    }
    jue_buf_putc(key, '/');
    jue_buf_puts(key, n);
    jue_buf_free(&clean);
}
