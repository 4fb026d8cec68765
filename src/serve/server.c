/* The HTTP side of `juesuan serve`: libmicrohttpd driven from one thread
 * (so the job pool can fork safely), the gate every request passes (Host,
 * token, size limits, CSRF), a POST's fields and files, the response.
 *
 * The gate, in order: the Host header names this server when there is no
 * token (a page of another site resolving its own name to 127.0.0.1 cannot
 * read ours); the token, when there is one, in the Authorization header,
 * X-Juesuan-Token or the cookie the login form sets; a POST no larger than
 * max_upload (413 before its body is read when Content-Length says so, or as
 * soon as the body passes it), its CSRF token in X-CSRF-Token or as the first
 * field (a file before it is refused), at most max_files files. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <juesuan/hash.h>
#include <microhttpd.h>

#include "serve_internal.h"
#include "serve_view.h"

#define FIELD_MAX (64 * 1024)   /* a plain form field */

/* ---- the request's fields ---- */

const char *serve_header(const serve_req *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *serve_arg(const serve_req *rq, const char *name)
{
    for (size_t i = 0; i < rq->nfields; i++)
        if (rq->fields[i].value && !strcmp(rq->fields[i].name, name)) return rq->fields[i].value;
    return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

serve_field *serve_next_file(serve_req *rq, const char *name, size_t *i)
{
    for (; *i < rq->nfields; ++*i) {
        serve_field *f = &rq->fields[*i];
        if (f->path && !strcmp(f->name, name)) return ++*i, f;
    }
    return NULL;
}

static void fail(serve_req *rq, int status, const char *msg)
{
    if (!rq->fail) rq->fail = status, rq->fail_msg = msg;
}

static serve_field *new_field(serve_req *rq, const char *key, const char *filename)
{
    if (rq->nfields == rq->cap) {
        size_t cap = rq->cap ? rq->cap * 2 : 8;
        serve_field *v = realloc(rq->fields, cap * sizeof *v);
        if (!v) return NULL;
        rq->fields = v, rq->cap = cap;
    }
    serve_field *f = &rq->fields[rq->nfields];
    *f = (serve_field){ jue_strdup(key), NULL, filename ? jue_strdup(filename) : NULL, NULL, 0 };
    if (!f->name || (filename && !f->filename)) { free(f->name), free(f->filename); return NULL; }
    rq->nfields++;
    return f;
}

/* The file part's private file: the request's folder, made on the first. */
static bool open_file(serve_req *rq, serve_field *f)
{
    if (!rq->dir) {
        char id[17];
        serve_random_hex(id, 8);
        jue_buf p;
        jue_buf_init(&p);
        jue_buf_printf(&p, "%s/req-%s", rq->app->root, id);
        rq->dir = jue_buf_take(&p);
        if (!rq->dir || mkdir(rq->dir, 0700) != 0) { free(rq->dir), rq->dir = NULL; return false; }
    }
    jue_buf p;
    jue_buf_init(&p);
    jue_buf_printf(&p, "%s/%zu", rq->dir, rq->nfiles);
    f->path = jue_buf_take(&p);
    rq->fd = f->path ? open(f->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
    return rq->fd >= 0;
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return false;
        p += k, n -= (size_t)k;
    }
    return true;
}

/* The CSRF token of the field before this one, checked when it ends. */
static void check_csrf_field(serve_req *rq)
{
    if (rq->csrf_ok || !rq->nfields) return;
    const serve_field *f = &rq->fields[rq->nfields - 1];
    if (!strcmp(f->name, "csrf") && f->value && !strcmp(f->value, rq->csrf)) rq->csrf_ok = true;
}

static bool start_part(serve_req *rq, const char *key, const char *filename)
{
    check_csrf_field(rq);
    if (rq->fd >= 0) close(rq->fd), rq->fd = -1;
    bool file = filename != NULL;
    if (file && !rq->csrf_ok) { fail(rq, 403, "表单已过期或来自别的网站（CSRF 令牌不对），请刷新页面后重试"); return false; }
    if (file && !(rq->route->flags & SERVE_FILES)) { fail(rq, 400, "此处不接受上传文件"); return false; }
    if (file && *filename && ++rq->nfiles > rq->app->o.max_files) {
        snprintf(rq->msg, sizeof rq->msg, "上传的文件太多：一次最多 %zu 个，请分几次上传", rq->app->o.max_files);
        fail(rq, 413, rq->msg);
        return false;
    }
    serve_field *f = new_field(rq, key, filename);
    if (!f) { fail(rq, 500, "内存不足"); return false; }
    if (!file) f->value = calloc(1, 1);
    else if (*filename && !open_file(rq, f)) { fail(rq, 500, "无法在临时文件夹中保存上传的文件"); return false; }
    return !file || f->value || true;
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                const char *ctype, const char *enc, const char *data, uint64_t off, size_t size)
{
    (void)kind, (void)ctype, (void)enc;
    serve_req *rq = cls;
    if (rq->fail) return MHD_YES;
    serve_field *last = rq->nfields ? &rq->fields[rq->nfields - 1] : NULL;
    bool same = last && off > 0 && !strcmp(last->name, key);
    if (!same && !start_part(rq, key, filename)) return MHD_YES;
    serve_field *f = &rq->fields[rq->nfields - 1];
    if (f->value) {
        if (f->size + size > FIELD_MAX) { fail(rq, 413, "表单中的某一项太长"); return MHD_YES; }
        char *v = realloc(f->value, f->size + size + 1);
        if (!v) { fail(rq, 500, "内存不足"); return MHD_YES; }
        memcpy(v + f->size, data, size);
        f->value = v, f->size += size, v[f->size] = 0;
    } else if (f->path && size) {
        if (!write_all(rq->fd, data, size)) fail(rq, 507, "临时文件夹写不下上传的文件（磁盘空间不足？）");
        f->size += size;
    }
    return MHD_YES;
}

/* ---- the session and its CSRF token ---- */

/* 32 hex digits of SHA-256(secret, what, s): tokens only this server makes. */
static void derive(const serve_app *app, const char *what, const char *s, char out[33])
{
    jue_sha256 h;
    char hex[65];
    jue_sha256_init(&h);
    jue_sha256_update(&h, app->secret, sizeof app->secret);
    jue_sha256_update(&h, what, strlen(what) + 1);
    jue_sha256_update(&h, s, strlen(s));
    jue_sha256_hex(&h, hex);
    memcpy(out, hex, 32);
    out[32] = 0;
}

static void csrf_of(const serve_app *app, const char *session, char out[33]) { derive(app, "csrf", session, out); }

void serve_token_cookie(const serve_app *app, char out[33]) { derive(app, "token", app->o.token, out); }

static void session_of(serve_req *rq)
{
    const char *cookie = serve_header(rq, MHD_HTTP_HEADER_COOKIE);
    if (!cookie || !serve_cookie(cookie, "juesuan_s", rq->session, sizeof rq->session) || strlen(rq->session) != 32 ||
        !serve_id_ok(rq->session)) {
        serve_random_hex(rq->session, 16);
        rq->new_session = true;
    }
    csrf_of(rq->app, rq->session, rq->csrf);
}

bool serve_same_secret(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    unsigned char d = na != nb;
    for (size_t i = 0; i < na; i++) d |= (unsigned char)(a[i] ^ b[i % (nb ? nb : 1)]);
    return d == 0;
}

static bool token_ok(serve_req *rq)
{
    const char *t = rq->app->o.token;
    if (!t) return true;
    const char *h = serve_header(rq, MHD_HTTP_HEADER_AUTHORIZATION);
    if (h && !strncmp(h, "Bearer ", 7) && serve_same_secret(h + 7, t)) return true;
    h = serve_header(rq, "X-Juesuan-Token");
    if (h && serve_same_secret(h, t)) return true;
    char c[64], want[33];
    serve_token_cookie(rq->app, want);
    h = serve_header(rq, MHD_HTTP_HEADER_COOKIE);
    return h && serve_cookie(h, "juesuan_token", c, sizeof c) && serve_same_secret(c, want);
}

/* ---- responses ---- */

static void resp_free(serve_resp *rs)
{
    jue_buf_free(&rs->body);
    free(rs->file), free(rs->download), free(rs->location), free(rs->cookie);
}

/* filename*=UTF-8''… (RFC 5987) with an ASCII fallback. */
static void disposition(const char *name, jue_buf *b)
{
    jue_buf_puts(b, "attachment; filename=\"");
    for (const char *p = name; *p; p++)
        jue_buf_putc(b, (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') ? *p : '_');
    jue_buf_puts(b, "\"; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || strchr("-._", *p))
            jue_buf_putc(b, (char)*p);
        else jue_buf_printf(b, "%%%02X", *p);
    }
}

static struct MHD_Response *make_response(serve_resp *rs)
{
    if (rs->file) {
        int fd = open(rs->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
            return MHD_create_response_from_fd((uint64_t)st.st_size, fd);
        if (fd >= 0) close(fd);
        rs->status = 404;
        jue_buf_reset(&rs->body);
        jue_buf_puts(&rs->body, "文件已不存在\n");
        rs->type = "text/plain; charset=utf-8";
    }
    size_t n = rs->body.len;
    char *body = n ? jue_buf_take(&rs->body) : NULL;
    return MHD_create_response_from_buffer(n, body, body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
}

static enum MHD_Result send_resp(serve_req *rq, serve_resp *rs)
{
    if (jue_buf_err(&rs->body) != JUE_OK) {
        jue_buf_free(&rs->body), jue_buf_init(&rs->body);
        rs->status = 500, rs->type = "text/plain; charset=utf-8";
        jue_buf_puts(&rs->body, "内存不足\n");
    }
    struct MHD_Response *r = make_response(rs);
    if (!r) { resp_free(rs); return MHD_NO; }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, rs->type ? rs->type : "text/html; charset=utf-8");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    jue_buf h;
    jue_buf_init(&h);
    if (rq->new_session) {
        jue_buf_printf(&h, "juesuan_s=%s; Path=/; HttpOnly; SameSite=Strict", rq->session);
        MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, jue_buf_str(&h));
    }
    if (rs->cookie) MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, rs->cookie);
    if (rs->location) MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, rs->location);
    if (rs->download) {
        jue_buf_reset(&h);
        disposition(rs->download, &h);
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, jue_buf_str(&h));
    }
    jue_buf_free(&h);
    int status = rs->status ? rs->status : rs->location ? 303 : 200;
    enum MHD_Result ok = MHD_queue_response(rq->conn, (unsigned)status, r);
    MHD_destroy_response(r);
    resp_free(rs);
    return ok;
}

static enum MHD_Result send_error(serve_req *rq, int status, const char *msg)
{
    serve_resp rs = { 0 };
    jue_buf_init(&rs.body);
    char limit[160];
    size_t max = rq->app->o.max_upload;
    if (status == 413 && !msg) {   /* too large (413 before the body) */
        snprintf(limit, sizeof limit, "上传的文件太大：一次最多共 %zu %s，请分几次上传", max >= 1 << 20 ? max >> 20 : max >> 10,
                 max >= 1 << 20 ? "MB" : "KB");
        msg = limit;
    }
    rs.status = status;
    if (status == 401) serve_page_login(rq, &rs);
    else serve_error(rq, &rs, status, msg);
    rq->responded = true;
    return send_resp(rq, &rs);
}

/* ---- the gate and the dispatch ---- */

static bool is_post_form(const serve_req *rq)
{
    const char *t = serve_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE);
    return t && (!strncasecmp(t, "multipart/form-data", 19) ||
                 !strncasecmp(t, "application/x-www-form-urlencoded", 33));
}

/* What the first call of a request decides: 0 to go on, or a status. */
static int gate(serve_req *rq)
{
    serve_app *app = rq->app;
    if (!app->o.token && !serve_host_ok(serve_header(rq, MHD_HTTP_HEADER_HOST), app->port)) {
        rq->fail_msg = "请求的主机名不是本服务器（只接受 127.0.0.1、localhost 或 [::1]）";
        return 421;
    }
    bool open_route = rq->route && (rq->route->fn == serve_page_login || rq->route->fn == serve_page_static);
    if (!open_route && !token_ok(rq)) return 401;
    if (!rq->route) return 404;
    if (strcmp(rq->method, "POST")) return 0;
    const char *len = serve_header(rq, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (len && strtoull(len, NULL, 10) > app->o.max_upload) return 413;
    if (!is_post_form(rq)) { rq->fail_msg = "只接受表单提交（multipart/form-data）"; return 415; }
    const char *h = serve_header(rq, "X-CSRF-Token");
    rq->csrf_ok = h && !strcmp(h, rq->csrf);
    rq->pp = MHD_create_post_processor(rq->conn, 64 * 1024, on_field, rq);
    if (!rq->pp) { rq->fail_msg = "无法读取表单"; return 400; }
    return 0;
}

static serve_req *req_new(serve_app *app, struct MHD_Connection *c, const char *url, const char *method)
{
    serve_req *rq = calloc(1, sizeof *rq);
    if (!rq) return NULL;
    rq->app = app, rq->conn = c, rq->url = url, rq->method = method, rq->fd = -1;
    rq->route = serve_route_find(method, url, &rq->tail);
    session_of(rq);
    return rq;
}

static enum MHD_Result dispatch(serve_req *rq)
{
    check_csrf_field(rq);
    if (rq->fd >= 0) close(rq->fd), rq->fd = -1;
    if (rq->fail) return send_error(rq, rq->fail, rq->fail_msg);
    if (!strcmp(rq->method, "POST") && !rq->csrf_ok)
        return send_error(rq, 403, "表单已过期或来自别的网站（CSRF 令牌不对），请刷新页面后重试");
    serve_resp rs = { 0 };
    jue_buf_init(&rs.body);
    rq->route->fn(rq, &rs);
    rq->responded = true;
    return send_resp(rq, &rs);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *data, size_t *size, void **con_cls)
{
    (void)version;
    serve_req *rq = *con_cls;
    if (!rq) {
        if (!(rq = req_new(cls, c, url, method))) return MHD_NO;
        *con_cls = rq;
        int status = gate(rq);
        return status ? send_error(rq, status, rq->fail_msg) : MHD_YES;
    }
    if (*size) {
        rq->received += *size;
        /* past the limit without a Content-Length (chunked): the connection is closed, nothing more read;
         * any other refusal is answered once the body, no larger than the limit, is read and dropped */
        if (rq->received > rq->app->o.max_upload) return MHD_NO;
        if (!rq->fail && rq->pp && MHD_post_process(rq->pp, data, *size) != MHD_YES) fail(rq, 400, "表单格式有误");
        *size = 0;
        return MHD_YES;
    }
    return dispatch(rq);
}

/* The request is over (answered, or the client went away mid-upload):
 * whatever it left in the private folder goes. */
static void on_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c, (void)toe;
    serve_req *rq = *con_cls;
    if (!rq) return;
    if (rq->pp) MHD_destroy_post_processor(rq->pp);
    if (rq->fd >= 0) close(rq->fd);
    for (size_t i = 0; i < rq->nfields; i++) {
        serve_field *f = &rq->fields[i];
        if (f->path) unlink(f->path);
        free(f->name), free(f->value), free(f->filename), free(f->path);
    }
    if (rq->dir) rmdir(rq->dir);
    free(rq->dir), free(rq->fields), free(rq);
    *con_cls = NULL;
}

/* ---- starting and stopping ---- */

static void quiet_log(void *cls, const char *fmt, va_list ap) { (void)cls, (void)fmt, (void)ap; }

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(p) != 0 && errno != ENOENT;
}

void serve_rm_tree(const char *dir)
{
    if (dir) nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static jue_status bind_addr(const char *listen, struct sockaddr_storage *sa, jue_diags *d)
{
    char host[128];
    int port;
    memset(sa, 0, sizeof *sa);
    if (!serve_split_listen(listen, host, sizeof host, &port)) {
        jue_diag_add(d, JUE_SEV_ERROR, "--listen", 0, 0, "地址“%s”格式不对，应为 主机:端口，例如 127.0.0.1:8080", listen);
        return JUE_ERR_INVALID;
    }
    struct sockaddr_in *v4 = (struct sockaddr_in *)sa;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)sa;
    if (!*host || !strcmp(host, "localhost")) strcpy(host, !*host ? "0.0.0.0" : "127.0.0.1");
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) v4->sin_family = AF_INET, v4->sin_port = htons((uint16_t)port);
    else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) v6->sin6_family = AF_INET6, v6->sin6_port = htons((uint16_t)port);
    else {
        jue_diag_add(d, JUE_SEV_ERROR, "--listen", 0, 0, "“%s”不是 IP 地址（可用 127.0.0.1、::1 或 localhost）", host);
        return JUE_ERR_INVALID;
    }
    return JUE_OK;
}

static int bound_port(struct MHD_Daemon *md)
{
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(md, MHD_DAEMON_INFO_LISTEN_FD);
    struct sockaddr_storage sa;
    socklen_t n = sizeof sa;
    if (!i || getsockname(i->listen_fd, (struct sockaddr *)&sa, &n) != 0) return 0;
    return ntohs(sa.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&sa)->sin6_port : ((struct sockaddr_in *)&sa)->sin_port);
}

static struct MHD_Daemon *start(serve_app *app, const struct sockaddr_storage *sa)
{
    unsigned flags = MHD_USE_EPOLL | (sa->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, app, MHD_OPTION_SOCK_ADDR, sa,
                            MHD_OPTION_NOTIFY_COMPLETED, on_done, app, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
                            MHD_OPTION_CONNECTION_LIMIT, 128u, MHD_OPTION_EXTERNAL_LOGGER, quiet_log, NULL,
                            MHD_OPTION_END);
}

static void loop(serve_app *app, struct MHD_Daemon *md, volatile sig_atomic_t *stop)
{
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(md, MHD_DAEMON_INFO_EPOLL_FD);
    while (!*stop) {
        MHD_UNSIGNED_LONG_LONG to = 100;
        if (MHD_get_timeout(md, &to) != MHD_YES || to > 100) to = 100;
        struct pollfd p = { i->epoll_fd, POLLIN, 0 };
        poll(&p, 1, (int)to);
        MHD_run(md);
        serve_jobs_poll(app);
    }
}

static jue_status app_open(serve_app *app, jue_diags *d)
{
    jue_status st = jue_auditor_new(app->o.profile, NULL, &app->aud, d);
    if (st != JUE_OK) return st;
    if (app->o.store && (st = jue_store_open(app->o.store, &app->store, d)) != JUE_OK) return st;
    const char *tmp = getenv("TMPDIR");
    jue_buf p;
    jue_buf_init(&p);
    jue_buf_printf(&p, "%s/juesuan-serve-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    app->root = jue_buf_take(&p);
    if (!app->root || !mkdtemp(app->root)) {
        jue_diag_add(d, JUE_SEV_ERROR, tmp && *tmp ? tmp : "/tmp", 0, 0, "无法建立临时文件夹：%s", strerror(errno));
        free(app->root), app->root = NULL;
        return JUE_ERR_IO;
    }
    char hex[65];
    serve_random_hex(hex, 32);
    memcpy(app->secret, hex, sizeof app->secret);
    return JUE_OK;
}

static void app_close(serve_app *app)
{
    serve_jobs_free(app);
    serve_builds_free();
    serve_rm_tree(app->root);
    free(app->root);
    jue_store_close(app->store);
    jue_auditor_free(app->aud);
}

jue_status jue_servem_run(const jue_serve_opts *o, volatile sig_atomic_t *stop, jue_diags *d)
{
    serve_app app = { .o = *o };
    struct sockaddr_storage sa;
    jue_status st = bind_addr(o->listen, &sa, d);
    char host[128];
    int port;
    if (st == JUE_OK && serve_split_listen(o->listen, host, sizeof host, &port) && !jue_serve_is_loopback(host) && !o->token) {
        jue_diag_add(d, JUE_SEV_ERROR, "--listen", 0, 0,
                     "在本机以外的地址（%s）提供服务须用 --token 或 --token-file 设定访问令牌", o->listen);
        st = JUE_ERR_INVALID;
    }
    if (st == JUE_OK) st = app_open(&app, d);
    struct MHD_Daemon *md = st == JUE_OK ? start(&app, &sa) : NULL;
    if (st == JUE_OK && !md) {
        jue_diag_add(d, JUE_SEV_ERROR, "--listen", 0, 0, "无法在 %s 上提供服务（端口已被占用，或没有权限）", o->listen);
        st = JUE_ERR_IO;
    }
    if (md) {
        app.port = bound_port(md);
        char url[200];
        const char *h = sa.ss_family == AF_INET6 ? "[%s]" : "%s";
        char hb[160];
        snprintf(hb, sizeof hb, h, !strcmp(host, "0.0.0.0") || !*host ? "127.0.0.1" : host);
        snprintf(url, sizeof url, "http://%s:%d/", hb, app.port);
        if (o->ready) o->ready(url, o->ctx);
        loop(&app, md, stop);
        MHD_stop_daemon(md);
    }
    app_close(&app);
    return st;
}
