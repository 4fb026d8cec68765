/* Batch review: `juesuan audit` over many documents with worker processes.
 *
 * Why processes, not threads: each worker is a fork of the command after the
 * auditor is loaded (shared copy-on-write), so nothing of the library, of
 * poppler, libxml2 or libzip is ever used by two threads at once, and a
 * document that crashes a door or runs away (alarm) takes down one worker,
 * not the batch: it becomes a finding of its own and a new worker goes on.
 *
 * The parent hands out documents in order and prints each document's
 * findings in that order, so the output does not depend on the scheduling.
 * With a store, each worker opens its own connection; a worker that has
 * audited document i stores it only when every document before i is done
 * (the parent says "go"), so what is stored, the checks across years
 * against what is already stored, and the output are the same as one
 * process storing the documents one by one. A document already stored
 * under the same rules (its SHA-256) is not audited again: its stored
 * findings are printed, so a run killed and run again prints what one
 * uninterrupted run prints.
 *
 * One document without a store is audited in this process (run_alone).
 *
 * Test hooks: JUE_BATCH_CRASH=SUFFIX makes a worker crash (SIGSEGV) on a
 * file whose name ends with SUFFIX; JUE_BATCH_STOP_AFTER=N kills the whole
 * command (SIGKILL) once N documents are done. */
#include <juesuan/hash.h>
#include <juesuan/rules.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define DOC_SECONDS 600   /* a document that takes longer is abandoned (SIGALRM) */
#define AHEAD 64          /* documents handed out beyond the first one not yet printed, per worker */

enum { MSG_READY = 1, MSG_DONE = 2, MSG_GO = 3 };

typedef struct {
    uint32_t kind, index;
    int32_t rc;
    uint32_t skipped;
    uint64_t errors, warnings, outlen, errlen;
} msg;

static bool write_full(int fd, const void *p, size_t n)
{
    for (const char *c = p; n;) {
        ssize_t k = write(fd, c, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return false;
        c += k, n -= (size_t)k;
    }
    return true;
}

static bool read_full(int fd, void *p, size_t n)
{
    for (char *c = p; n;) {
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return false;
        c += k, n -= (size_t)k;
    }
    return true;
}

/* ---- a worker ---- */

typedef struct {
    const cli_batch *b;
    jue_store *store;
    int task, res, cap;   /* cap: the file that stderr goes to */
} worker;

typedef struct {
    int rc;
    bool skipped;
    size_t errors, warnings;
    jue_buf out;
} result;

static void put_findings(const cli_batch *b, const jue_findings *f, result *r)
{
    for (size_t i = 0; i < f->len; i++) {
        if (b->jsonl) jue_finding_format_json(&f->items[i], &r->out);
        else jue_finding_format_text(&f->items[i], &r->out);
        jue_buf_putc(&r->out, '\n');
    }
    r->errors += jue_findings_count(f, JUE_SEV_ERROR);
    r->warnings += jue_findings_count(f, JUE_SEV_WARNING);
}

/* A document that could not be audited is a finding of its own. */
static void put_failure(const cli_batch *b, const char *path, const char *rule, const char *why, result *r)
{
    jue_finding x = { .rule = (char *)rule, .severity = JUE_SEV_ERROR, .message = (char *)why,
                      .file = (char *)path, .table = -1 };
    if (b->jsonl) jue_finding_format_json(&x, &r->out);
    else jue_finding_format_text(&x, &r->out);
    jue_buf_putc(&r->out, '\n');
}

/* The findings stored for this file: what a skipped document prints, and
 * what a stored one prints (the same either way). */
static bool from_store(worker *w, const char *path, const char *hash, result *r)
{
    jue_findings f;
    jue_findings_init(&f);
    bool ok = jue_store_findings(w->store, hash, jue_auditor_version(w->b->aud), path, &f, NULL) == JUE_OK;
    if (ok) put_findings(w->b, &f, r);
    jue_findings_free(&f);
    return ok;
}

/* Waits until the parent says every document before this one is done. */
static void wait_turn(worker *w, uint32_t index)
{
    msg m = { .kind = MSG_READY, .index = index };
    uint32_t go = 0;
    alarm(0);
    if (!write_full(w->res, &m, sizeof m) || !read_full(w->task, &go, sizeof go) || go != MSG_GO) _exit(0);
    alarm(DOC_SECONDS);
}

/* Checks across years against the stored last year, then stores. */
static void store_doc(worker *w, const char *path, const char *hash, jue_disclosure *d, jue_doc_kind kind,
                      jue_findings *f, result *r)
{
    jue_disclosure *prev = NULL;
    if (w->store && jue_store_last_year(w->store, d->department, d->year, &prev) != JUE_OK) prev = NULL;
    if (prev && jue_audit_cross_year(w->b->aud, d, prev, f) == JUE_OK) jue_findings_name_file(f, path);
    jue_disclosure_free(prev);
    jue_findings_sort(f);
    jue_diags dg;
    jue_diags_init(&dg);
    jue_store_doc m = { path, hash, jue_auditor_version(w->b->aud), w->b->profile, kind, NULL, NULL, 0 };
    jue_status st = jue_store_add(w->store, d, f, &m, NULL, NULL, &dg);
    cli_print_diags(&dg, false);
    jue_diags_free(&dg);
    if (st == JUE_OK && from_store(w, path, hash, r)) return;
    cli_error("%s：未存入存储（审核发现照常列出）", path);
    put_findings(w->b, f, r);
}

static void run_doc(worker *w, uint32_t index, result *r)
{
    const char *path = w->b->files[index], *crash = getenv("JUE_BATCH_CRASH");
    size_t pl = strlen(path);
    if (crash && *crash && pl >= strlen(crash) && !strcmp(path + pl - strlen(crash), crash)) raise(SIGSEGV);
    char hash[65];
    if (w->store && jue_sha256_path(path, hash) == JUE_OK && jue_store_has(w->store, hash, jue_auditor_version(w->b->aud))) {
        r->skipped = from_store(w, path, hash, r);
        if (r->skipped) return;
    }
    jue_disclosure *d = NULL;
    jue_doc_kind kind = JUE_DOC_PUBLISHED;
    jue_findings f;
    jue_diags dg;
    jue_findings_init(&f);
    jue_diags_init(&dg);
    jue_buf why;
    jue_buf_init(&why);
    r->rc = cli_audit_one(w->b->aud, path, &d, &kind, &f, &dg, &why);
    cli_print_diags(&dg, w->b->verbose);
    jue_diags_free(&dg);
    if (jue_auditor_failed(w->b->aud) != JUE_OK) {
        /* the rules read on demand (one document) have mistakes: said as before any document */
    } else if (r->rc != EXIT_CLEAN) {
        put_failure(w->b, path, r->rc == EXIT_BADINPUT ? "input.invalid" : "input.unreadable", jue_buf_str(&why), r);
    } else if (!w->store) {
        put_findings(w->b, &f, r);
    } else {
        wait_turn(w, index);
        if (jue_sha256_path(path, hash) != JUE_OK) put_findings(w->b, &f, r);   /* gone meanwhile */
        else if (!(jue_store_has(w->store, hash, jue_auditor_version(w->b->aud)) && from_store(w, path, hash, r)))
            store_doc(w, path, hash, d, kind, &f, r);
    }
    jue_buf_free(&why);
    jue_findings_free(&f);
    jue_disclosure_free(d);
}

/* What the document wrote to stderr, read back from the capture file. */
static char *captured(worker *w, size_t *len)
{
    fflush(stderr);
    off_t n = lseek(w->cap, 0, SEEK_END);
    *len = 0;
    if (n == 0) return NULL;   /* nothing written (most documents): nothing to read back or cut */
    char *s = malloc(n > 0 ? (size_t)n : 1);
    *len = s && n > 0 && pread(w->cap, s, (size_t)n, 0) == n ? (size_t)n : 0;
    if (ftruncate(w->cap, 0) != 0 || lseek(w->cap, 0, SEEK_SET) != 0) *len = 0;
    return s;
}

static void worker_main(worker *w)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);   /* the command killed: its workers go too */
    signal(SIGPIPE, SIG_DFL);
    FILE *cap = tmpfile();
    if (!cap || dup2(fileno(cap), STDERR_FILENO) < 0) _exit(EXIT_USAGE);
    w->cap = fileno(cap);
    if (w->b->store) {
        jue_diags dg;
        jue_diags_init(&dg);
        if (jue_store_open(w->b->store, &w->store, &dg) != JUE_OK) w->store = NULL;
        jue_diags_free(&dg);
    }
    uint32_t index;
    while (read_full(w->task, &index, sizeof index)) {
        result r = { 0 };
        jue_buf_init(&r.out);
        alarm(DOC_SECONDS);
        if (w->b->store && !w->store) {
            cli_error("%s：无法打开存储文件", w->b->store);
            r.rc = EXIT_USAGE;
        } else {
            run_doc(w, index, &r);
        }
        alarm(0);
        size_t errlen;
        char *err = captured(w, &errlen);
        msg m = { MSG_DONE, index, r.rc, r.skipped, r.errors, r.warnings, r.out.len, errlen };
        bool ok = write_full(w->res, &m, sizeof m) && write_full(w->res, jue_buf_str(&r.out), r.out.len) &&
                  write_full(w->res, err ? err : "", errlen);
        free(err);
        jue_buf_free(&r.out);
        if (!ok) break;
    }
    jue_store_close(w->store);
    _exit(EXIT_CLEAN);
}

/* ---- the parent ---- */

typedef struct {
    pid_t pid;
    int task, res;
    long doc;    /* the document it works on, -1 when idle */
    bool ready;  /* audited, waiting to store */
} proc;

typedef struct {
    bool done, skipped, failed;
    int rc;
    size_t errors, warnings;
    char *out, *err;
    size_t outlen, errlen;
} slot;

typedef struct {
    const cli_batch *b;
    proc *w;
    slot *s;
    size_t next, printed, handed;   /* next to hand out, next to print, how many done */
    size_t errors, warnings, skipped, failed;
    int rc;
    bool tty;
    double t0, drawn;
} run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool spawn(run *r, size_t k)
{
    int t[2], s[2];
    if (pipe(t) != 0) return false;
    if (pipe(s) != 0) { close(t[0]), close(t[1]); return false; }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < r->b->jobs; i++)
            if (r->w[i].pid > 0) close(r->w[i].task), close(r->w[i].res);
        close(t[1]), close(s[0]);
        worker w = { r->b, NULL, t[0], s[1], -1 };
        worker_main(&w);
    }
    close(t[0]), close(s[1]);
    if (pid < 0) { close(t[1]), close(s[0]); return false; }
    r->w[k] = (proc){ pid, t[1], s[0], -1, false };
    return true;
}

static void progress(run *r, bool force)
{
    double t = now();
    if (!r->tty || (!force && t - r->drawn < 0.2)) return;
    r->drawn = t;
    size_t audited = r->handed - r->skipped;
    fprintf(stderr, "\r\033[K审核 %zu/%zu 份 · %.1f 份/秒 · 错误 %zu 条", r->handed, r->b->n,
            t > r->t0 ? (double)audited / (t - r->t0) : 0.0, r->errors);
    if (r->failed) fprintf(stderr, " · %zu 份无法审核", r->failed);
    if (r->skipped) fprintf(stderr, " · 跳过已存储 %zu 份", r->skipped);
}

/* Prints the findings of every document done, in order. */
static void print_done(run *r)
{
    while (r->printed < r->b->n && r->s[r->printed].done) {
        slot *x = &r->s[r->printed++];
        if (r->tty && (x->errlen || x->outlen)) fputs("\r\033[K", stderr);   /* the progress line goes */
        fwrite(x->err ? x->err : "", 1, x->errlen, stderr);
        fwrite(x->out ? x->out : "", 1, x->outlen, stdout);
        if (r->tty) fflush(stdout);
        if (x->rc > r->rc) r->rc = x->rc;
        free(x->out), free(x->err);
        x->out = x->err = NULL;
        const char *stop = getenv("JUE_BATCH_STOP_AFTER");
        if (stop && (size_t)atol(stop) == r->printed) fflush(stdout), raise(SIGKILL);
    }
}

static void finish(run *r, size_t i, const msg *m, char *out, char *err)
{
    slot *x = &r->s[i];
    *x = (slot){ true, m->skipped, m->rc != EXIT_CLEAN, m->rc, m->errors, m->warnings, out, err, m->outlen, m->errlen };
    r->handed++;
    r->errors += m->errors, r->warnings += m->warnings;
    r->skipped += x->skipped, r->failed += x->failed;
}

/* What a document that a signal or an exit ended gives: one finding on
 * stdout, one line on stderr. */
static void aborted(const cli_batch *b, const char *path, int sig, int code, jue_buf *out, jue_buf *err)
{
    char why[160];
    if (sig == SIGALRM) snprintf(why, sizeof why, "审核超过%d秒，已中止，未审核", DOC_SECONDS);
    else snprintf(why, sizeof why, "审核此文件时程序异常终止（%s%d），未审核", sig ? "信号" : "退出码", sig ? sig : code);
    result res = { 0 };
    jue_buf_init(&res.out);
    put_failure(b, path, "input.aborted", why, &res);
    *out = res.out;
    jue_buf_init(err);
    jue_buf_printf(err, "juesuan：错误：%s：%s\n", path, why);
}

/* A worker died (crashed, or its document ran out of time): the document is
 * a finding of its own; a new worker takes its place. */
static void died(run *r, size_t k)
{
    proc *p = &r->w[k];
    int status = 0;
    close(p->task), close(p->res);
    waitpid(p->pid, &status, 0);
    p->pid = -1;
    long doc = p->doc;
    p->doc = -1;
    if (doc >= 0) {
        jue_buf out, e;
        aborted(r->b, r->b->files[doc], WIFSIGNALED(status) ? WTERMSIG(status) : 0, WEXITSTATUS(status), &out, &e);
        msg m = { MSG_DONE, (uint32_t)doc, EXIT_USAGE, 0, 0, 0, out.len, e.len };
        finish(r, (size_t)doc, &m, jue_strdup(jue_buf_str(&out)), jue_strdup(jue_buf_str(&e)));
        jue_buf_free(&out);
        jue_buf_free(&e);
    }
    if (r->next < r->b->n && !spawn(r, k)) p->pid = -1;
}

/* Reads one message from worker k. */
static void receive(run *r, size_t k)
{
    proc *p = &r->w[k];
    msg m;
    if (!read_full(p->res, &m, sizeof m) || (long)m.index != p->doc) { died(r, k); return; }
    if (m.kind == MSG_READY) { p->ready = true; return; }
    char *out = malloc(m.outlen + 1), *err = malloc(m.errlen + 1);
    if (!out || !err || !read_full(p->res, out, m.outlen) || !read_full(p->res, err, m.errlen)) {
        free(out), free(err);
        died(r, k);
        return;
    }
    out[m.outlen] = err[m.errlen] = 0;
    finish(r, (size_t)m.index, &m, out, err);
    p->doc = -1, p->ready = false;
}

/* Hands out documents to idle workers; lets the one holding the first
 * document not yet printed store it. */
static void dispatch(run *r)
{
    for (int k = 0; k < r->b->jobs; k++) {
        proc *p = &r->w[k];
        if (p->pid <= 0) continue;
        if (p->doc < 0 && r->next < r->b->n && r->next < r->printed + AHEAD * (size_t)r->b->jobs) {
            uint32_t i = (uint32_t)r->next;
            if (write_full(p->task, &i, sizeof i)) p->doc = (long)r->next++;
        }
        if (p->ready && (size_t)p->doc == r->printed) {
            uint32_t go = MSG_GO;
            if (write_full(p->task, &go, sizeof go)) p->ready = false;
        }
    }
}

static void wait_any(run *r)
{
    struct pollfd fds[64];
    size_t who[64], n = 0;
    for (int k = 0; k < r->b->jobs && n < 64; k++)
        if (r->w[k].pid > 0 && r->w[k].doc >= 0) fds[n] = (struct pollfd){ r->w[k].res, POLLIN, 0 }, who[n++] = (size_t)k;
    if (poll(fds, n, 200) <= 0) return;
    for (size_t i = 0; i < n; i++)
        if (fds[i].revents) receive(r, who[i]);
}

/* On a terminal, what was done; with -v, the counts (also in a pipe). */
static void summary(const run *r)
{
    double t = now() - r->t0;
    size_t audited = r->b->n - r->skipped;
    if (r->tty) {
        fprintf(stderr, "\r\033[K已审核 %zu 份，用时 %.1f 秒（每秒 %.1f 份）：错误 %zu 条，警告 %zu 条", audited, t,
                t > 0 ? (double)audited / t : 0.0, r->errors, r->warnings);
        if (r->skipped) fprintf(stderr, "；跳过已存储的 %zu 份", r->skipped);
        if (r->failed) fprintf(stderr, "；%zu 份无法审核", r->failed);
        fputc('\n', stderr);
    }
    if (r->b->verbose)
        fprintf(stderr, "juesuan：%zu份文件（其中%zu份已在存储中，跳过），错误%zu个，警告%zu个\n", r->b->n,
                r->skipped, r->errors, r->warnings);
}

/* Workers alive and busy; when none is, a new one (false: none can start). */
static bool any_alive(run *r)
{
    for (int k = 0; k < r->b->jobs; k++)
        if (r->w[k].pid > 0) return true;
    return spawn(r, 0);
}

/* ---- one document, no store: in this process ----
 *
 * A worker is there so that one document's crash or runaway does not take
 * the batch down; with one document there is no batch, and forking a
 * worker was a third of a short audit's time. A crash or the alarm still
 * ends in the finding and the exit code a worker's death gives: the texts
 * are made before the audit, and the handler only writes them. */

enum { CAUGHT = 5 };
static const int caught[CAUGHT] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGALRM };
static jue_buf alone_out[CAUGHT], alone_err[CAUGHT];

static void alone_died(int sig)
{
    for (int i = 0; i < CAUGHT; i++)
        if (caught[i] == sig) {
            if (write(STDERR_FILENO, alone_err[i].data, alone_err[i].len) < 0) {}
            if (write(STDOUT_FILENO, alone_out[i].data, alone_out[i].len) < 0) {}
        }
    _exit(EXIT_USAGE);
}

static int run_alone(const cli_batch *b)
{
    for (int i = 0; i < CAUGHT; i++) {
        aborted(b, b->files[0], caught[i], 0, &alone_out[i], &alone_err[i]);
        signal(caught[i], alone_died);
    }
    double t0 = now();
    worker w = { b, NULL, -1, -1, -1 };
    result r = { 0 };
    jue_buf_init(&r.out);
    alarm(DOC_SECONDS);
    run_doc(&w, 0, &r);
    alarm(0);
    for (int i = 0; i < CAUGHT; i++) {
        signal(caught[i], SIG_DFL);
        jue_buf_free(&alone_out[i]);
        jue_buf_free(&alone_err[i]);
    }
    fwrite(jue_buf_str(&r.out), 1, r.out.len, stdout);
    fflush(stdout);
    jue_buf_free(&r.out);
    if (jue_auditor_failed(b->aud) != JUE_OK) return r.rc;   /* no document audited: no summary */
    run done = { .b = b, .tty = isatty(STDERR_FILENO), .printed = 1, .handed = 1, .errors = r.errors,
                 .warnings = r.warnings, .failed = r.rc != EXIT_CLEAN, .t0 = t0 };
    summary(&done);
    return r.rc == EXIT_CLEAN && r.errors ? EXIT_FINDINGS : r.rc;
}

int cli_batch_run(const cli_batch *b)
{
    if (b->n == 1 && !b->store) return run_alone(b);
    run r = { .b = b, .tty = isatty(STDERR_FILENO), .t0 = now() };
    r.w = calloc((size_t)b->jobs, sizeof *r.w);
    r.s = calloc(b->n ? b->n : 1, sizeof *r.s);
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    bool ok = r.w && r.s;
    if (b->store) jue_auditor_version(b->aud);   /* fingerprinted once, before the workers fork */
    for (int k = 0; ok && k < b->jobs; k++) ok = spawn(&r, (size_t)k);
    if (!ok) cli_error("无法启动审核进程：%s", strerror(errno));
    while (ok && r.printed < b->n) {
        if (!(ok = any_alive(&r))) cli_error("无法启动审核进程：%s", strerror(errno));
        dispatch(&r);
        wait_any(&r);
        print_done(&r);
        progress(&r, false);
    }
    fflush(stdout);
    for (int k = 0; r.w && k < b->jobs; k++)
        if (r.w[k].pid > 0) close(r.w[k].task), close(r.w[k].res), waitpid(r.w[k].pid, NULL, 0);
    signal(SIGPIPE, old);
    if (ok) summary(&r);
    free(r.w);
    free(r.s);
    if (!ok) return EXIT_USAGE;
    return r.rc == EXIT_CLEAN && r.errors ? EXIT_FINDINGS : r.rc;
}
