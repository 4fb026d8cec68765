/* The job pool of the web app: each uploaded document is audited in a
 * process forked for it (the server runs in one thread, so the fork is
 * safe), at most opts.jobs at a time. The worker closes every inherited
 * descriptor, takes limits on its CPU time (RLIMIT_CPU, then SIGKILL),
 * address space (RLIMIT_AS), file size and wall time (alarm), audits with
 * the server's auditor (loaded once, shared copy-on-write), checks the
 * stated changes on last year against the store (a connection of its own)
 * and writes its findings into the job's folder. A worker that runs out of time or memory
 * or crashes becomes one finding saying so; the server goes on.
 *
 * Fairness: the next job to start is the oldest of the upload with the
 * fewest jobs running, then with the fewest started, so an upload of twenty
 * files does not hold back one of a single file sent after it.
 *
 * Test hooks (tests/cli/serve.sh): JUE_SERVE_SPIN=SUFFIX makes the worker
 * of a file whose uploaded name ends with SUFFIX spin forever;
 * JUE_SERVE_HOG=SUFFIX makes it allocate memory until refused. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "serve_internal.h"

#define MAX_JOBS 256   /* kept at once; the oldest finished ones go first */


const char *serve_state_zh(serve_state s)
{
    static const char *const ZH[] = { "排队中", "审核中", "已完成", "无法审核" };
    return ZH[s];
}

static void job_free(serve_job *j)
{
    if (!j) return;
    if (j->pid > 0) kill(j->pid, SIGKILL), waitpid(j->pid, NULL, 0);
    serve_rm_tree(j->dir);
    jue_findings_free(&j->findings);
    free(j->name), free(j->dir), free(j->path), free(j->department), free(j);
}

/* Room for one more: the oldest finished job goes when the list is full. */
static bool make_room(serve_app *app)
{
    if (app->njobs < MAX_JOBS) return true;
    for (size_t i = 0; i < app->njobs; i++)
        if (app->jobs[i]->state >= SERVE_DONE) {
            job_free(app->jobs[i]);
            memmove(app->jobs + i, app->jobs + i + 1, (app->njobs - i - 1) * sizeof *app->jobs);
            app->njobs--;
            return true;
        }
    return false;
}

/* A job that ends with one finding (why it was not audited). */
static void fail_job(serve_job *j, const char *rule, const char *why)
{
    jue_findings_free(&j->findings);
    jue_findings_init(&j->findings);
    jue_finding x = { .rule = (char *)rule, .severity = JUE_SEV_ERROR, .message = (char *)why, .file = j->name,
                      .table = -1 };
    jue_findings_add(&j->findings, &x);
    j->state = SERVE_FAILED;
}

serve_job *serve_job_add(serve_app *app, const char *batch, const char *path, const char *name)
{
    if (!make_room(app)) return NULL;
    if (app->njobs == app->cap) {
        size_t cap = app->cap ? app->cap * 2 : 16;
        serve_job **v = realloc(app->jobs, cap * sizeof *v);
        if (!v) return NULL;
        app->jobs = v, app->cap = cap;
    }
    serve_job *j = calloc(1, sizeof *j);
    if (!j) return NULL;
    serve_random_hex(j->id, 8);
    snprintf(j->batch, sizeof j->batch, "%s", batch);
    const char *ext = serve_upload_ext(name);
    jue_buf p;
    jue_buf_init(&p);
    jue_buf_printf(&p, "%s/job-%s", app->root, j->id);
    j->dir = jue_buf_take(&p);
    jue_buf_printf(&p, "%s/doc.%s", j->dir ? j->dir : "", ext ? ext : "bin");
    j->path = jue_buf_take(&p);
    j->name = jue_strdup(name && *name ? name : "（无名文件）");
    jue_findings_init(&j->findings);
    if (!j->dir || !j->path || !j->name || mkdir(j->dir, 0700) != 0 || rename(path, j->path) != 0) {
        free(j->name), free(j->dir), free(j->path), free(j);
        return NULL;
    }
    j->seq = app->counter++;
    if (!ext) fail_job(j, "input.unsupported", "不支持的文件类型：只审核 .pdf .docx .html .htm .xlsx .txt 文件");
    app->jobs[app->njobs++] = j;
    return j;
}

serve_job *serve_job_get(serve_app *app, const char *id)
{
    for (size_t i = 0; id && i < app->njobs; i++)
        if (!strcmp(app->jobs[i]->id, id)) return app->jobs[i];
    return NULL;
}

/* ---- the worker ---- */

static bool hook(const char *var, const char *name)
{
    const char *s = getenv(var);
    size_t n = s ? strlen(s) : 0, m = strlen(name);
    return n && m >= n && !strcmp(name + m - n, s);
}

static void test_hooks(const serve_job *j)
{
    if (hook("JUE_SERVE_SPIN", j->name))
        for (volatile unsigned long i = 0;; i++) {}
    if (hook("JUE_SERVE_HOG", j->name))
        for (;;) {
            char *p = malloc(16 << 20);
            if (!p) abort();   /* as glib does when an allocation fails */
            memset(p, 1, 16 << 20);
        }
}

/* Why a document was not audited: the reason and the first error read. */
static void why_not(jue_status s, jue_doc_kind kind, const jue_diags *dg, jue_buf *why)
{
    jue_buf_puts(why, s == JUE_ERR_NOMEM ? "审核所需内存超过上限，未审核"
                      : kind == JUE_DOC_SOURCE ? "源数据有错误，未审核"
                      : s == JUE_ERR_IO ? "无法读取，未审核" : "不是可审核的公开文件");
    for (size_t i = 0; i < dg->len; i++)
        if (dg->items[i].severity == JUE_SEV_ERROR) {
            jue_buf_printf(why, "：%s", dg->items[i].message);
            break;
        }
}

static void write_result(const serve_job *j, const char *department, int year, const jue_findings *f)
{
    jue_buf b, p;
    jue_buf_init(&b);
    jue_buf_init(&p);
    jue_buf_printf(&b, "%d\n%s\n", year, department ? department : "");
    serve_findings_encode(f, &b);
    jue_buf_printf(&p, "%s/result.tmp", j->dir);
    int fd = open(jue_buf_str(&p), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
    bool ok = fd >= 0 && jue_buf_err(&b) == JUE_OK && write(fd, jue_buf_str(&b), b.len) == (ssize_t)b.len;
    if (fd >= 0) close(fd);
    jue_buf q;
    jue_buf_init(&q);
    jue_buf_printf(&q, "%s/result", j->dir);
    if (ok) ok = rename(jue_buf_str(&p), jue_buf_str(&q)) == 0;
    jue_buf_free(&b), jue_buf_free(&p), jue_buf_free(&q);
    _exit(ok ? 0 : 3);
}

/* Every finding names the file as uploaded, not the private path. */
static void rename_files(jue_findings *f, const char *name)
{
    for (size_t i = 0; i < f->len; i++) {
        free(f->items[i].file);
        f->items[i].file = jue_strdup(name);
    }
}

/* With a store: the stated changes on last year checked against the
 * department's stored year before (a connection of the worker's own). */
static void cross_year(const serve_app *app, const jue_disclosure *d, jue_findings *f)
{
    jue_store *s = NULL;
    jue_disclosure *prev = NULL;
    jue_diags dg;
    jue_diags_init(&dg);
    if (app->o.store && d->department && d->year > 0 && jue_store_open(app->o.store, &s, &dg) == JUE_OK &&
        jue_store_last_year(s, d->department, d->year, &prev) == JUE_OK)
        jue_audit_cross_year(app->aud, d, prev, f);
    jue_disclosure_free(prev);
    jue_store_close(s);
    jue_diags_free(&dg);
}

static void worker(const serve_app *app, const serve_job *j)
{
    serve_child_limits(app, app->o.cpu_seconds, app->o.cpu_seconds * 3 + 10, 256);
    test_hooks(j);
    jue_disclosure *d = NULL;
    jue_doc_kind kind = JUE_DOC_PUBLISHED;
    jue_findings f;
    jue_diags dg;
    jue_findings_init(&f);
    jue_diags_init(&dg);
    jue_status s = jue_audit_document(app->aud, j->path, &d, &kind, &f, &dg);
    if (s != JUE_OK) {
        jue_buf why;
        jue_buf_init(&why);
        why_not(s, kind, &dg, &why);
        jue_finding x = { .rule = s == JUE_ERR_INVALID ? "input.invalid" : "input.unreadable",
                          .severity = JUE_SEV_ERROR, .message = (char *)jue_buf_str(&why), .table = -1 };
        jue_findings_add(&f, &x);
    } else {
        cross_year(app, d, &f);
    }
    rename_files(&f, j->name);
    jue_findings_sort(&f);
    write_result(j, d ? d->department : NULL, d ? d->year : 0, &f);
}

/* ---- the server's side ---- */

static bool start_job(serve_app *app, serve_job *j)
{
    pid_t pid = fork();
    if (pid == 0) worker(app, j);
    if (pid < 0) return false;
    j->pid = pid;
    j->state = SERVE_RUNNING;
    j->started = ++app->started;
    return true;
}

static bool read_result(serve_job *j)
{
    jue_buf p;
    jue_buf_init(&p);
    jue_buf_printf(&p, "%s/result", j->dir);
    char *s = NULL;
    size_t n = 0;
    bool ok = jue_read_file(jue_buf_str(&p), &s, &n) == JUE_OK;
    jue_buf_free(&p);
    char *nl1 = ok ? memchr(s, '\n', n) : NULL, *nl2 = nl1 ? memchr(nl1 + 1, '\n', n - (size_t)(nl1 + 1 - s)) : NULL;
    ok = nl2 != NULL;
    if (ok) {
        *nl2 = 0;
        j->year = atoi(s);
        j->department = nl2 > nl1 + 1 ? jue_strdup(nl1 + 1) : NULL;
        ok = serve_findings_decode(nl2 + 1, n - (size_t)(nl2 + 1 - s), &j->findings);
    }
    free(s);
    return ok;
}

static void ended(const serve_app *app, serve_job *j, int status)
{
    j->pid = 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && read_result(j)) {
        j->state = SERVE_DONE;
        return;
    }
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    char why[200];
    if (sig == SIGXCPU || sig == SIGKILL)
        snprintf(why, sizeof why, "审核用时超过上限（%d 秒 CPU 时间），已中止，未审核", app->o.cpu_seconds);
    else if (sig == SIGALRM) snprintf(why, sizeof why, "审核超过 %d 秒仍未结束，已中止，未审核", app->o.cpu_seconds * 3 + 10);
    else if (!sig) snprintf(why, sizeof why, "审核所需内存超过上限（%zu MB）或无法写出结果，未审核", app->o.mem_bytes >> 20);
    else snprintf(why, sizeof why, "审核此文件时程序异常终止（信号 %d；内存上限为 %zu MB），未审核", sig,
                  app->o.mem_bytes >> 20);
    fail_job(j, "input.aborted", why);
}

/* How much of the pool an upload has: its jobs running (first), then its
 * jobs started at all. */
static size_t share(const serve_app *app, const char *batch)
{
    size_t running = 0, started = 0;
    for (size_t i = 0; i < app->njobs; i++) {
        const serve_job *j = app->jobs[i];
        if (strcmp(j->batch, batch)) continue;
        running += j->state == SERVE_RUNNING;
        started += j->started > 0;
    }
    return running << 16 | (started < 0xFFFF ? started : 0xFFFF);
}

/* The oldest queued job of the upload with the smallest share. */
static serve_job *next_job(const serve_app *app)
{
    serve_job *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < app->njobs; i++) {
        serve_job *j = app->jobs[i];
        if (j->state != SERVE_QUEUED) continue;
        size_t n = share(app, j->batch);
        if (!best || n < best_n) best = j, best_n = n;
    }
    return best;
}

void serve_jobs_poll(serve_app *app)
{
    size_t running = 0;
    for (size_t i = 0; i < app->njobs; i++) {
        serve_job *j = app->jobs[i];
        int status;
        if (j->state == SERVE_RUNNING && waitpid(j->pid, &status, WNOHANG) == j->pid) ended(app, j, status);
        running += j->state == SERVE_RUNNING;
    }
    for (serve_job *j; running < (size_t)app->o.jobs && (j = next_job(app)); running++)
        if (!start_job(app, j)) { fail_job(j, "input.aborted", "无法启动审核进程，未审核"); break; }
}

void serve_jobs_free(serve_app *app)
{
    for (size_t i = 0; i < app->njobs; i++) job_free(app->jobs[i]);
    free(app->jobs);
    app->jobs = NULL, app->njobs = app->cap = 0;
}
