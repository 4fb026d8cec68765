/* Status strings, diagnostics list, string builder, file reading. */
#include <juesuan/common.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *jue_status_str(jue_status s)
{
    switch (s) {
    case JUE_OK: return "成功";
    case JUE_ERR_SYNTAX: return "格式有误";
    case JUE_ERR_OVERFLOW: return "数字过大";
    case JUE_ERR_NOMEM: return "内存不足";
    case JUE_ERR_IO: return "读取或写入失败";
    case JUE_ERR_NOTFOUND: return "找不到";
    case JUE_ERR_INVALID: return "内容有误";
    case JUE_ERR_LIMIT: return "超出大小上限";
    }
    return "未知状态";
}

const char *jue_severity_str(jue_severity s)
{
    switch (s) {
    case JUE_SEV_ERROR: return "error";
    case JUE_SEV_WARNING: return "warning";
    case JUE_SEV_INFO: return "info";
    }
    return "error";
}

bool jue_severity_parse(const char *s, jue_severity *out)
{
    for (int k = JUE_SEV_ERROR; k <= JUE_SEV_INFO; k++)
        if (!strcmp(s, jue_severity_str((jue_severity)k))) { *out = (jue_severity)k; return true; }
    return false;
}

char *jue_str_put(char *at, char *end, const char *s, size_t max)
{
    size_t k = strnlen(s, max), room = (size_t)(end - at) - 1;
    if (k > room) k = room;
    memcpy(at, s, k);
    at[k] = '\0';
    return at + k;
}

char *jue_strdup(const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

void jue_diags_init(jue_diags *d) { memset(d, 0, sizeof *d); }

void jue_diags_free(jue_diags *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->len; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

jue_status jue_diag_vadd(jue_diags *d, jue_severity sev, const char *file, int line, int col,
                         const char *fmt, va_list ap)
{
    if (d->len == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 16;
        jue_diag *ni = realloc(d->items, nc * sizeof *ni);
        if (!ni) return JUE_ERR_NOMEM;
        d->items = ni;
        d->cap = nc;
    }
    jue_buf b;
    jue_buf_init(&b);
    va_list cp;
    va_copy(cp, ap);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, cp);
    va_end(cp);
    if (n < 0) return JUE_ERR_INVALID;
    if ((size_t)n < sizeof tmp) {
        jue_buf_puts(&b, tmp);
    } else {
        char *big = malloc((size_t)n + 1);
        if (!big) return JUE_ERR_NOMEM;
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        jue_buf_puts(&b, big);
        free(big);
    }
    char *msg = jue_buf_take(&b);
    char *fl = jue_strdup(file ? file : "");
    if (!msg || !fl) { free(msg); free(fl); return JUE_ERR_NOMEM; }
    d->items[d->len++] = (jue_diag){ fl, line, col, sev, msg, 0 };
    if (sev == JUE_SEV_ERROR) d->errors++;
    return JUE_OK;
}

jue_status jue_diag_add(jue_diags *d, jue_severity sev, const char *file, int line, int col,
                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jue_status s = jue_diag_vadd(d, sev, file, line, col, fmt, ap);
    va_end(ap);
    return s;
}

static int diag_cmp(const jue_diag *a, const jue_diag *b)
{
    int c = strcmp(a->file, b->file);
    if (c) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    return 0;
}

void jue_diags_sort(jue_diags *d)
{
    /* insertion sort: stable, and lists are short */
    for (size_t i = 1; i < d->len; i++) {
        jue_diag x = d->items[i];
        size_t j = i;
        while (j > 0 && diag_cmp(&d->items[j - 1], &x) > 0) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}

#define JUE_BUF_DEFAULT_MAX ((size_t)256 << 20)

void jue_buf_init(jue_buf *b) { memset(b, 0, sizeof *b); }

void jue_buf_free(jue_buf *b)
{
    if (!b) return;
    free(b->data);
    memset(b, 0, sizeof *b);
}

void jue_buf_reset(jue_buf *b)
{
    b->len = 0;
    b->err = JUE_OK;
    if (b->data) b->data[0] = 0;
}

static bool buf_grow(jue_buf *b, size_t extra)
{
    size_t max = b->max ? b->max : JUE_BUF_DEFAULT_MAX;
    if (b->err) return false;
    if (extra > max || b->len > max - extra) { b->err = JUE_ERR_LIMIT; return false; }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return true;
    size_t nc = b->cap ? b->cap : 64;
    while (nc < need) nc *= 2;
    char *nd = realloc(b->data, nc);
    if (!nd) { b->err = JUE_ERR_NOMEM; return false; }
    b->data = nd;
    b->cap = nc;
    return true;
}

bool jue_buf_reserve(jue_buf *b, size_t extra)
{
    return buf_grow(b, extra);
}

void jue_buf_putn(jue_buf *b, const char *s, size_t n)
{
    if (!buf_grow(b, n)) return;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void jue_buf_puts(jue_buf *b, const char *s) { jue_buf_putn(b, s, strlen(s)); }
/* A character at a time is how the readers build most strings: room
 * already there is filled without the general path. */
void jue_buf_putc(jue_buf *b, char c)
{
    size_t max = b->max ? b->max : JUE_BUF_DEFAULT_MAX;
    if (!b->err && b->len + 1 < b->cap && b->len < max) {
        b->data[b->len++] = c;
        b->data[b->len] = 0;
        return;
    }
    jue_buf_putn(b, &c, 1);
}

void jue_buf_printf(jue_buf *b, const char *fmt, ...)
{
    if (b->err) return;
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, cp);
    va_end(cp);
    if (n < 0) { b->err = JUE_ERR_INVALID; va_end(ap); return; }
    if ((size_t)n < sizeof tmp) {
        jue_buf_putn(b, tmp, (size_t)n);
    } else if (buf_grow(b, (size_t)n)) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

const char *jue_buf_str(const jue_buf *b) { return b->data ? b->data : ""; }

char *jue_buf_take(jue_buf *b)
{
    if (b->err) { jue_buf_free(b); return NULL; }
    char *p = b->data ? b->data : jue_strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

unsigned long long jue_work_steps;

jue_status jue_read_file(const char *path, char **out, size_t *len)
{
    *out = NULL;
    if (len) *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return JUE_ERR_IO;
    jue_buf b;
    jue_buf_init(&b);
    char tmp[65536];
    size_t r;
    while ((r = fread(tmp, 1, sizeof tmp, f)) > 0) jue_buf_putn(&b, tmp, r);
    bool bad = ferror(f);
    fclose(f);
    if (bad) { jue_buf_free(&b); return JUE_ERR_IO; }
    if (b.err) { jue_status s = b.err; jue_buf_free(&b); return s; }
    size_t n = b.len;
    *out = jue_buf_take(&b);
    if (!*out) return JUE_ERR_NOMEM;
    if (len) *len = n;
    return JUE_OK;
}

#ifndef JUE_DATADIR
#define JUE_DATADIR "data"
#endif

const char *jue_data_dir(void)
{
    const char *e = getenv("JUESUAN_DATA");
    return (e && *e) ? e : JUE_DATADIR;
}

static int name_cmp(const void *a, const void *b) { return strcmp(a, b); }

/* The names of the .yaml files in dir, sorted, as "a、b" into buf. */
static void list_yaml_names(const char *dir, char *buf, size_t n)
{
    buf[0] = 0;
    DIR *d = opendir(dir);
    if (!d) return;
    char names[32][128];
    size_t k = 0;
    for (struct dirent *e; k < 32 && (e = readdir(d)) != NULL;) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 6 || l - 5 >= sizeof names[0] || strcmp(e->d_name + l - 5, ".yaml")) continue;
        memcpy(names[k], e->d_name, l - 5);
        names[k++][l - 5] = 0;
    }
    closedir(d);
    qsort(names, k, sizeof names[0], name_cmp);
    size_t len = 0;
    for (size_t i = 0; i < k; i++) {
        int w = snprintf(buf + len, n - len, "%s%s", i ? "、" : "", names[i]);
        if (w < 0 || (size_t)w >= n - len) break;
        len += (size_t)w;
    }
}

jue_status jue_data_yaml(const char *sub, const char *name, const char *what, char *path, size_t n, char **text,
                         size_t *len, jue_diags *diags)
{
    *text = NULL;
    if (n) path[0] = 0;
    char dir[4096], names[1024];
    snprintf(dir, sizeof dir, "%s/%s", jue_data_dir(), sub);
    list_yaml_names(dir, names, sizeof names);
    for (const char *q = name; *q; q++)
        if (*q == '/' || *q == '\\') {
            jue_diag_add(diags, JUE_SEV_ERROR, dir, 0, 0, "%s名称“%s”不能含有路径（现有的%s：%s）", what, name, what,
                         names);
            return JUE_ERR_NOTFOUND;
        }
    snprintf(path, n, "%s/%s.yaml", dir, name);
    jue_status st = jue_read_file(path, text, len);
    if (st == JUE_ERR_NOMEM) return st;
    if (st != JUE_OK) {
        jue_diag_add(diags, JUE_SEV_ERROR, dir, 0, 0, "没有名为“%s”的%s（现有的%s：%s）", name, what, what, names);
        return JUE_ERR_NOTFOUND;
    }
    return JUE_OK;
}
