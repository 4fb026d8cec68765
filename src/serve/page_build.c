/* 编制: a source folder uploaded as a zip, or the nine tables (XLSX, or a
 * published PDF, Word or HTML file) with department.yaml, built as
 * `juesuan build` builds it (jue_build, build.h) in a process of its own
 * with the server's limits; then the self-audit, the mistakes of the source
 * as file:line:col, a preview (the PDF's pages as pictures), the downloads.
 * The upload is kept under a server-made id (/build/ID) so the user can
 * replace a file and build again.
 *
 * Folder of a build (private, under the app's folder): upload files,
 * in/ (the source as unpacked: in/NAME/ or in/NAME.EXT + in/department.yaml),
 * out/ (what was written), result (what the build said), preview-N.png. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <juesuan/build.h>
#include <juesuan/output.h>
#include <juesuan/view.h>

#include "core/encoding.h"
#include "serve_view.h"

#define MAX_BUILDS 64
#define BUILD_SECONDS 300

typedef enum { B_RUNNING = 0, B_DONE, B_FAILED } bstate;

typedef struct {
    char id[17];
    char *dir;        /* the build's folder */
    char *input;      /* the source folder or the tables file, under dir/in */
    char *root;       /* paths are shown relative to it: the zip's inside, or dir/in */
    char *name;       /* the upload's name as sent (shown only) */
    pid_t pid;
    bstate state;
    int tries;
} build_t;

static build_t *BUILDS[MAX_BUILDS];
static size_t NBUILDS;

static void build_free(build_t *b)
{
    if (!b) return;
    if (b->pid > 0) kill(b->pid, SIGKILL), waitpid(b->pid, NULL, 0);
    serve_rm_tree(b->dir);
    free(b->dir), free(b->input), free(b->root), free(b->name), free(b);
}

void serve_builds_free(void)
{
    for (size_t i = 0; i < NBUILDS; i++) build_free(BUILDS[i]);
    NBUILDS = 0;
}

static build_t *build_get(const char *id, size_t n)
{
    for (size_t i = 0; i < NBUILDS; i++)
        if (strlen(BUILDS[i]->id) == n && !strncmp(BUILDS[i]->id, id, n)) return BUILDS[i];
    return NULL;
}

static char *join(const char *a, const char *b)
{
    jue_buf p;
    jue_buf_init(&p);
    jue_buf_printf(&p, "%s/%s", a, b);
    return jue_buf_take(&p);
}

/* ---- the build, in its own process ---- */

/* A path as the user knows it: inside the zip, or the file's own name
 * (the build's folder cut off); text that merely holds a path has it cut
 * out the same way. Into out. */
static void user_text(const build_t *b, const char *s, jue_buf *out)
{
    const char *cut[2] = { b->root, b->dir };
    while (s && *s) {
        const char *hit = NULL;
        size_t n = 0;
        for (int k = 0; k < 2 && !hit; k++)
            if (cut[k] && (hit = strstr(s, cut[k])) != NULL) n = strlen(cut[k]);
        if (!hit) { jue_buf_puts(out, s); return; }
        jue_buf_putn(out, s, (size_t)(hit - s));
        s = hit + n;
        if (*s == '/') s++;
    }
}

/* One field of a line of the result: s as the user knows it (user_text),
 * tabs and newlines as spaces. */
static void put_field(const build_t *bd, jue_buf *b, const char *s)
{
    jue_buf t;
    jue_buf_init(&t);
    user_text(bd, s, &t);
    for (const char *p = jue_buf_str(&t); *p; p++) jue_buf_putc(b, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
    jue_buf_free(&t);
}

static bool build_child(const serve_app *app, void *arg)
{
    const build_t *b = arg;
    char *out = join(b->dir, "out");
    serve_rm_tree(out);
    jue_build_opts o = { .input = b->input, .out_dir = out, .profile = app->o.profile };
    jue_build_result r;
    jue_diags d;
    jue_diags_init(&d);
    jue_build(&o, &r, &d);
    jue_diags_sort(&d);
    jue_buf t;
    jue_buf_init(&t);
    jue_buf_printf(&t, "%d\n", r.code);
    put_field(b, &t, r.base);
    jue_buf_putc(&t, '\n');
    put_field(b, &t, r.stop);
    jue_buf_printf(&t, "\n%zu\n", d.len);
    for (size_t i = 0; i < d.len; i++) {
        const jue_diag *g = &d.items[i];
        jue_buf_printf(&t, "%d\t%d\t%d\t%d\t", (int)g->severity, g->line, g->col, g->page);
        put_field(b, &t, g->file);
        jue_buf_putc(&t, '\t');
        put_field(b, &t, g->message);
        jue_buf_putc(&t, '\n');
    }
    for (size_t i = 0; i < r.findings.len; i++) {   /* the findings name the upload, not the private path */
        free(r.findings.items[i].file);
        r.findings.items[i].file = NULL;
    }
    serve_findings_encode(&r.findings, &t);
    char *res = join(b->dir, "result");
    int err = 0;
    bool ok = !jue_buf_err(&t) && jue_out_file(res, t.data, t.len, &err) == JUE_OK;
    free(res), free(out);
    jue_buf_free(&t);
    jue_diags_free(&d);
    jue_build_result_free(&r);
    return ok;
}

static void start(const serve_app *app, build_t *b)
{
    char *res = join(b->dir, "result");
    if (res) unlink(res);
    free(res);
    b->tries++;
    b->state = B_RUNNING;
    pid_t pid = fork();
    if (pid == 0) {
        serve_child_enter(app, BUILD_SECONDS);
        _exit(build_child(app, b) ? 0 : 1);
    }
    b->pid = pid;
    if (pid < 0) b->state = B_FAILED;
}

static void poll_build(build_t *b)
{
    int status;
    if (b->state != B_RUNNING || b->pid <= 0 || waitpid(b->pid, &status, WNOHANG) != b->pid) return;
    b->pid = 0;
    b->state = WIFEXITED(status) && WEXITSTATUS(status) == 0 ? B_DONE : B_FAILED;
}

/* ---- what the build said ---- */

typedef struct {
    int code;
    char *base, *stop;
    jue_diags diags;
    jue_findings findings;
} bresult;

/* The next line of [*p, end) NUL-terminated in place, or NULL. */
static char *next_line(char **p, char *end)
{
    char *s = *p, *nl = s < end ? memchr(s, '\n', (size_t)(end - s)) : NULL;
    if (!nl) return NULL;
    *nl = 0;
    *p = nl + 1;
    return s;
}

static bool read_diag(char *line, jue_diags *d)
{
    int sev, ln, col, page;
    char *f[6];
    f[0] = line;
    for (int k = 1; k < 6; k++) {
        char *tab = strchr(f[k - 1], '\t');
        if (!tab) return false;
        *tab = 0;
        f[k] = tab + 1;
    }
    sev = atoi(f[0]), ln = atoi(f[1]), col = atoi(f[2]), page = atoi(f[3]);
    if (sev < 0 || sev > 2) return false;
    if (jue_diag_add(d, (jue_severity)sev, f[4], ln, col, "%s", f[5]) != JUE_OK) return false;
    d->items[d->len - 1].page = page;
    return true;
}

static bool read_result(const build_t *b, bresult *r, char **data)
{
    memset(r, 0, sizeof *r);
    jue_diags_init(&r->diags);
    jue_findings_init(&r->findings);
    char *path = join(b->dir, "result");
    size_t n = 0;
    bool ok = path && jue_read_file(path, data, &n) == JUE_OK;
    free(path);
    if (!ok) return false;
    char *p = *data, *end = *data + n, *code = next_line(&p, end), *base = next_line(&p, end),
         *stop = next_line(&p, end), *count = next_line(&p, end);
    if (!count) return false;
    r->code = atoi(code), r->base = base, r->stop = *stop ? stop : NULL;
    long nd = atol(count);
    for (long i = 0; i < nd; i++) {
        char *line = next_line(&p, end);
        if (!line || !read_diag(line, &r->diags)) return false;
    }
    return serve_findings_decode(p, (size_t)(end - p), &r->findings);
}

static void bresult_free(bresult *r)
{
    jue_diags_free(&r->diags);
    jue_findings_free(&r->findings);
}

/* ---- the pages ---- */

static void upload_form(serve_req *rq, jue_buf *b, const char *action, bool retry)
{
    jue_buf_printf(b, "<form class=\"buildform\" method=\"post\" action=\"%s\" enctype=\"multipart/form-data\">", action);
    serve_csrf_field(rq, b);
    if (retry) {
        jue_buf_puts(b, "<fieldset><legend>改正后重新编制</legend><p>上传改正后的文件（同名替换，如 income.csv、"
                        "department.yaml），或整个源数据 zip：<input type=\"file\" name=\"file\" multiple></p>"
                        "<button>替换并重新编制</button></fieldset></form>\n");
        return;
    }
    jue_buf_printf(b, "<fieldset><legend>方式一：源数据文件夹</legend><p>把含 department.yaml 和 income.csv、"
                      "expenditure.csv 等账目的文件夹压缩为 zip 上传：<input type=\"file\" name=\"zip\" accept=\".zip\"></p>"
                      "</fieldset><fieldset><legend>方式二：九张表 + department.yaml</legend><p>九张表（XLSX，或已公开的 "
                      "PDF、Word、网页）：<input type=\"file\" name=\"tables\" accept=\".xlsx,.pdf,.docx,.html,.htm\"></p>"
                      "<p>department.yaml：<input type=\"file\" name=\"department\" accept=\".yaml,.yml\"></p></fieldset>"
                      "<p class=\"hint\">zip 最多 %zu 个文件、解压后共 %zu MB。文件只在本机处理。</p><button>上传并编制</button></form>\n",
                   SERVE_UNZIP.entries, SERVE_UNZIP.total_bytes >> 20);
}

static void page_form(serve_req *rq, serve_resp *rs)
{
    serve_page_begin(rq, rs, "build", "编制");
    jue_buf_puts(&rs->body, "<link rel=\"stylesheet\" href=\"/static/view.css\">"
                            "<p>由源数据生成决算公开文件（PDF、Word、Excel、网页），先经自审。</p>");
    upload_form(rq, &rs->body, "/build/upload", false);
    serve_page_end(rq, rs);
}

static void put_mistakes(const jue_diags *d, jue_buf *b)
{
    size_t shown = 0;
    for (size_t i = 0; i < d->len; i++) {
        const jue_diag *g = &d->items[i];
        if (g->severity == JUE_SEV_INFO) continue;
        if (!shown++) jue_buf_puts(b, "<h2>源数据中的问题</h2><ol class=\"mistakes\">");
        jue_buf_printf(b, "<li class=\"sev-%s\">", g->severity == JUE_SEV_ERROR ? "error" : "warning");
        serve_esc(b, g->file);
        if (g->page > 0) jue_buf_printf(b, ":第%d页", g->page);
        else if (g->line > 0) jue_buf_printf(b, ":%d", g->line);
        if (!g->page && g->line > 0 && g->col > 0) jue_buf_printf(b, ":%d", g->col);
        jue_buf_printf(b, "：%s：", g->severity == JUE_SEV_ERROR ? "错误" : "警告");
        serve_esc(b, g->message);
        jue_buf_puts(b, "</li>");
    }
    if (shown) jue_buf_puts(b, "</ol>\n");
}

static const struct { const char *key, *suffix, *label; } DOWNLOADS[] = {
    { "pdf", "-document.pdf", "PDF" }, { "docx", "-document.docx", "Word" },
    { "xlsx", ".xlsx", "Excel（九张表）" }, { "html", "-document.html", "网页" },
};

/* The file of a download key in out/, when written; NULL otherwise. */
static char *out_file(const build_t *b, const char *base, const char *key, const char **suffix)
{
    for (size_t i = 0; base && *base && i < sizeof DOWNLOADS / sizeof DOWNLOADS[0]; i++) {
        if (strcmp(DOWNLOADS[i].key, key)) continue;
        jue_buf p;
        jue_buf_init(&p);
        jue_buf_printf(&p, "%s/out/%s%s", b->dir, base, DOWNLOADS[i].suffix);
        struct stat st;
        if (stat(jue_buf_str(&p), &st) == 0 && S_ISREG(st.st_mode)) {
            if (suffix) *suffix = DOWNLOADS[i].suffix;
            return jue_buf_take(&p);
        }
        jue_buf_free(&p);
    }
    return NULL;
}

static void put_result(const build_t *b, const bresult *r, int page, jue_buf *out)
{
    static const char *const SAID[] = { "已生成，自审未发现错误。", "自审发现错误。", "无法编制。", "源数据有错误，未生成。" };
    jue_buf_printf(out, "<p class=\"summary %s\">%s", r->code ? "error" : "ok", SAID[r->code >= 0 && r->code <= 3 ? r->code : 2]);
    if (r->stop) { jue_buf_puts(out, " "); serve_esc(out, r->stop); }
    jue_buf_puts(out, "</p>\n");
    put_mistakes(&r->diags, out);
    char *pdf = out_file(b, r->base, "pdf", NULL);
    if (r->base && *r->base && pdf) {
        jue_buf_puts(out, "<p class=\"downloads\">下载：");
        for (size_t i = 0; i < sizeof DOWNLOADS / sizeof DOWNLOADS[0]; i++) {
            char *f = out_file(b, r->base, DOWNLOADS[i].key, NULL);
            if (f) jue_buf_printf(out, "<a href=\"/build/%s/download/%s\" download>%s</a>", b->id, DOWNLOADS[i].key, DOWNLOADS[i].label);
            free(f);
        }
        jue_buf_puts(out, "</p>\n");
    }
    if (r->findings.len || r->code <= 1) {
        jue_buf_puts(out, "<h2>自审</h2>\n");
        serve_findings_html(&r->findings, NULL, out);
    }
    if (pdf) {
        jue_buf_printf(out, "<h2>预览</h2><div id=\"preview\"><p>第 %d 页 · ", page);
        if (page > 1) jue_buf_printf(out, "<a href=\"/build/%s?p=%d\">上一页</a> ", b->id, page - 1);
        jue_buf_printf(out, "<a href=\"/build/%s?p=%d\">下一页</a></p><img class=\"page\" src=\"/build/%s/page/%d.png\" "
                            "alt=\"预览第%d页\"></div>\n", b->id, page + 1, b->id, page, page);
    }
    free(pdf);
}

static void page_item(serve_req *rq, serve_resp *rs, build_t *b)
{
    poll_build(b);
    jue_buf *out = &rs->body;
    jue_buf title;
    jue_buf_init(&title);
    jue_buf_puts(&title, "编制：");
    jue_buf_puts(&title, b->name);
    serve_page_begin(rq, rs, "build", jue_buf_str(&title));
    jue_buf_free(&title);
    jue_buf_puts(out, "<link rel=\"stylesheet\" href=\"/static/view.css\">");
    if (b->state == B_RUNNING) {
        jue_buf_printf(out, "<meta http-equiv=\"refresh\" content=\"1\"><p class=\"state\" id=\"state\">编制中（第 %d 次）…</p>", b->tries);
        serve_page_end(rq, rs);
        return;
    }
    bresult r = { 0 };
    char *data = NULL;
    const char *p = serve_arg(rq, "p");
    int page = p ? atoi(p) : 1;
    if (page < 1 || page > 9999) page = 1;
    if (b->state == B_DONE && read_result(b, &r, &data)) put_result(b, &r, page, out);
    else jue_buf_puts(out, "<p class=\"error\">编制中止：用时或内存超过上限，或程序异常终止。</p>");
    if (b->state == B_DONE) bresult_free(&r);
    free(data);
    jue_buf_printf(out, "<p class=\"state\" id=\"state\">第 %d 次编制已结束。</p>", b->tries);
    jue_buf p2;
    jue_buf_init(&p2);
    jue_buf_printf(&p2, "/build/%s/retry", b->id);
    upload_form(rq, out, jue_buf_str(&p2), true);
    jue_buf_free(&p2);
    serve_page_end(rq, rs);
}

typedef struct {
    const build_t *b;
    const char *pdf;
    int page;
} preview_arg;

static bool preview_child(const serve_app *app, void *arg)
{
    (void)app;
    const preview_arg *a = arg;
    char *data = NULL;
    size_t len = 0;
    if (jue_read_file(a->pdf, &data, &len) != JUE_OK) return false;
    jue_buf png, p;
    jue_buf_init(&png), jue_buf_init(&p);
    jue_diags d;
    jue_diags_init(&d);
    int err = 0;
    jue_buf_printf(&p, "%s/preview-%d.png", a->b->dir, a->page);
    bool ok = jue_page_png(data, len, a->page, 1.25, NULL, 0, &png, NULL, &d) == JUE_OK &&
              jue_out_file(jue_buf_str(&p), png.data, png.len, &err) == JUE_OK;
    jue_buf_free(&png), jue_buf_free(&p);
    jue_diags_free(&d);
    free(data);
    return ok;
}

static void page_preview(serve_req *rq, serve_resp *rs, build_t *b, const char *base, const char *rest)
{
    char *end;
    long page = strtol(rest, &end, 10);
    char *pdf = out_file(b, base, "pdf", NULL);
    if (end == rest || strcmp(end, ".png") || page < 1 || page > 9999 || !pdf) {
        free(pdf);
        serve_error(rq, rs, 404, "没有这一页");
        return;
    }
    jue_buf p;
    jue_buf_init(&p);
    jue_buf_printf(&p, "%s/preview-%ld.png", b->dir, page);
    struct stat st;
    preview_arg a = { b, pdf, (int)page };
    if (stat(jue_buf_str(&p), &st) != 0 && !serve_run_bounded(rq->app, 20, preview_child, &a)) {
        jue_buf_free(&p);
        free(pdf);
        serve_error(rq, rs, 404, "没有这一页");
        return;
    }
    free(pdf);
    rs->type = "image/png";
    rs->file = jue_buf_take(&p);
}

static void page_download(serve_req *rq, serve_resp *rs, build_t *b, const char *base, const char *key)
{
    static const char *const TYPE[] = { "application/pdf",
                                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                        "text/html; charset=utf-8" };
    const char *suffix = NULL;
    char *f = out_file(b, base, key, &suffix);
    if (!f) { serve_error(rq, rs, 404, "没有这个文件"); return; }
    for (size_t i = 0; i < sizeof DOWNLOADS / sizeof DOWNLOADS[0]; i++)
        if (!strcmp(DOWNLOADS[i].key, key)) rs->type = TYPE[i];
    jue_buf name;
    jue_buf_init(&name);
    jue_buf_printf(&name, "%s%s", base, suffix);
    rs->download = jue_buf_take(&name);
    rs->file = f;
}

void serve_page_build(serve_req *rq, serve_resp *rs)
{
    if (!strcmp(rq->url, "/build")) { page_form(rq, rs); return; }
    const char *t = rq->tail, *slash = strchr(t, '/');
    size_t n = slash ? (size_t)(slash - t) : strlen(t);
    build_t *b = n && n < 17 ? build_get(t, n) : NULL;
    if (!b) { serve_error(rq, rs, 404, "没有这次编制（服务器重启后，之前上传的文件已删除）"); return; }
    if (!slash) { page_item(rq, rs, b); return; }
    poll_build(b);
    bresult r = { 0 };
    char *data = NULL;
    if (b->state != B_DONE || !read_result(b, &r, &data)) {
        if (b->state == B_DONE) bresult_free(&r);
        free(data);
        serve_error(rq, rs, 404, "尚未编制完成");
        return;
    }
    const char *rest = slash + 1;
    if (!strncmp(rest, "page/", 5)) page_preview(rq, rs, b, r.base, rest + 5);
    else if (!strncmp(rest, "download/", 9)) page_download(rq, rs, b, r.base, rest + 9);
    else serve_error(rq, rs, 404, NULL);
    bresult_free(&r);
    free(data);
}

/* ---- uploads ---- */

/* A name safe as one part of a path: letters, digits, other Unicode
 * characters, '-', '_', '.' (not first); anything else '_'; at most 80
 * bytes; without its extension when cut_ext. "source" when nothing is left. */
static void safe_name(const char *s, bool cut_ext, char *out, size_t n)
{
    const char *base = s ? strrchr(s, '/') : NULL;
    s = base ? base + 1 : s ? s : "";
    size_t len = strlen(s), k = 0;
    const char *dot = cut_ext ? strrchr(s, '.') : NULL;
    if (dot && dot > s) len = (size_t)(dot - s);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        size_t q = jue_utf8_seq((const unsigned char *)s + i, len - i);
        bool ok = q > 1 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '-' ||
                  c == '_' || (c == '.' && k > 0);
        size_t w = ok ? q : 1;
        if (k + w + 1 > n || k + w > 80) break;
        if (ok) memcpy(out + k, s + i, w);
        else out[k] = '_';
        k += w;
        i += q ? q : 1;
    }
    out[k] = 0;
    if (!k) snprintf(out, n, "source");
}

/* The source folder inside dir: dir itself when it holds department.yaml,
 * else its one folder that does; NULL when none. */
static char *find_source(const char *dir)
{
    char *y = join(dir, "department.yaml");
    struct stat st;
    bool here = y && stat(y, &st) == 0;
    free(y);
    if (here) return jue_strdup(dir);
    DIR *d = opendir(dir);
    char *found = NULL;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.') continue;
        char *sub = join(dir, e->d_name), *sy = sub ? join(sub, "department.yaml") : NULL;
        if (sy && lstat(sub, &st) == 0 && S_ISDIR(st.st_mode) && stat(sy, &st) == 0 && !found) found = jue_strdup(sub);
        free(sub), free(sy);
    }
    if (d) closedir(d);
    return found;
}

/* The zip unpacked into dir/in/NAME; the source folder found in it. */
static const char *take_zip(build_t *b, serve_field *f)
{
    char name[128];
    safe_name(f->filename, true, name, sizeof name);
    char *in = join(b->dir, "in"), *top = in ? join(in, name) : NULL;
    serve_rm_tree(in);
    const char *why = NULL;
    if (!top || mkdir(in, 0700) != 0 || mkdir(top, 0700) != 0) why = "无法建立文件夹";
    if (!why) why = serve_unzip(f->path, top);
    if (!why) {
        free(b->input), free(b->root);
        b->input = find_source(top);
        b->root = jue_strdup(top);
        if (!b->input) why = "压缩包中没有 department.yaml（源数据文件夹须含 department.yaml 和各账目 CSV）";
    }
    free(in), free(top);
    return why;
}

/* The tables file and department.yaml into dir/in. */
static const char *take_tables(build_t *b, serve_field *tables, serve_field *dept)
{
    const char *ext = serve_upload_ext(tables->filename);
    if (!ext || !strcmp(ext, "txt")) return "九张表须为 XLSX、PDF、Word（.docx）或网页文件";
    char name[128];
    safe_name(tables->filename, true, name, sizeof name);
    char *in = join(b->dir, "in");
    serve_rm_tree(in);
    jue_buf p;
    jue_buf_init(&p);
    jue_buf_printf(&p, "%s/%s.%s", in ? in : "", name, ext);
    char *y = in ? join(in, "department.yaml") : NULL;
    const char *why = NULL;
    if (!in || !y || mkdir(in, 0700) != 0 || rename(tables->path, jue_buf_str(&p)) != 0 || rename(dept->path, y) != 0)
        why = "无法保存上传的文件";
    free(tables->path), tables->path = NULL;
    free(dept->path), dept->path = NULL;
    free(b->input), free(b->root);
    b->input = jue_buf_take(&p);
    b->root = in;
    in = NULL;
    free(y);
    return why;
}

/* Replacement files into the folder that holds department.yaml, by name
 * (only the base name is used, made safe). */
static const char *take_replacements(build_t *b, serve_req *rq)
{
    struct stat st;
    bool folder = stat(b->input, &st) == 0 && S_ISDIR(st.st_mode);
    char *dir = folder ? jue_strdup(b->input) : join(b->dir, "in");
    size_t i = 0, n = 0;
    const char *why = NULL;
    for (serve_field *f; !why && (f = serve_next_file(rq, "file", &i));) {
        char name[128];
        safe_name(f->filename, false, name, sizeof name);
        size_t len = strlen(name);
        if (len > 4 && !strcmp(name + len - 4, ".zip")) { why = take_zip(b, f); n++; break; }
        char *dst = join(dir, name);
        if (!dst || rename(f->path, dst) != 0) why = "无法保存上传的文件";
        else free(f->path), f->path = NULL, n++;
        free(dst);
    }
    free(dir);
    return why ? why : n ? NULL : "没有选择文件";
}

static build_t *new_build(serve_app *app, const char *name)
{
    if (NBUILDS == MAX_BUILDS) {   /* the oldest finished one goes */
        size_t k = 0;
        while (k < NBUILDS && BUILDS[k]->state == B_RUNNING) k++;
        if (k == NBUILDS) return NULL;
        build_free(BUILDS[k]);
        memmove(BUILDS + k, BUILDS + k + 1, (NBUILDS - k - 1) * sizeof *BUILDS);
        NBUILDS--;
    }
    build_t *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    serve_random_hex(b->id, 8);
    jue_buf p;
    jue_buf_init(&p);
    jue_buf_printf(&p, "%s/build-%s", app->root, b->id);
    b->dir = jue_buf_take(&p);
    b->name = jue_strdup(name && *name ? name : "（无名）");
    if (!b->dir || !b->name || mkdir(b->dir, 0700) != 0) {
        free(b->dir), free(b->name), free(b);
        return NULL;
    }
    BUILDS[NBUILDS++] = b;
    return b;
}

static void forget(build_t *b)
{
    for (size_t i = 0; i < NBUILDS; i++)
        if (BUILDS[i] == b) {
            memmove(BUILDS + i, BUILDS + i + 1, (NBUILDS - i - 1) * sizeof *BUILDS);
            NBUILDS--;
            break;
        }
    build_free(b);
}

void serve_page_build_post(serve_req *rq, serve_resp *rs)
{
    const char *t = rq->tail;
    const char *why = NULL;
    build_t *b = NULL;
    if (!strcmp(t, "upload")) {
        size_t i = 0, k = 0, m = 0;
        serve_field *zip = serve_next_file(rq, "zip", &i), *tables = serve_next_file(rq, "tables", &k),
                    *dept = serve_next_file(rq, "department", &m);
        if (zip && zip->size == 0) zip = NULL;
        if (tables && tables->size == 0) tables = NULL;
        if (!zip && !(tables && dept)) { serve_error(rq, rs, 400, "请上传源数据 zip，或九张表和 department.yaml"); return; }
        b = new_build(rq->app, zip ? zip->filename : tables->filename);
        if (!b) { serve_error(rq, rs, 503, "服务器上的编制任务太多，请稍后再试"); return; }
        why = zip ? take_zip(b, zip) : take_tables(b, tables, dept);
        if (why) { forget(b); serve_error(rq, rs, 400, why); return; }
    } else {
        const char *slash = strchr(t, '/');
        b = slash && !strcmp(slash, "/retry") ? build_get(t, (size_t)(slash - t)) : NULL;
        if (!b) { serve_error(rq, rs, 404, "没有这次编制"); return; }
        poll_build(b);
        if (b->state == B_RUNNING) { serve_error(rq, rs, 409, "正在编制，请等编制结束再替换文件"); return; }
        if ((why = take_replacements(b, rq)) != NULL) { serve_error(rq, rs, 400, why); return; }
    }
    start(rq->app, b);
    jue_buf loc;
    jue_buf_init(&loc);
    jue_buf_printf(&loc, "/build/%s", b->id);
    rs->location = jue_buf_take(&loc);
}
