/* The web app's insides (src/serve/): the request and response every page
 * handler gets, the route table, the page layout, the job pool.
 *
 * Adding a page: write `static void page_x(serve_req *rq, serve_resp *rs)`
 * in a file of src/serve/, declare it below and add one line to SERVE_ROUTES
 * (routes.c). The server has already checked the token, the Host and, for a
 * POST, the CSRF token; the handler reads its arguments with serve_arg,
 * writes HTML between serve_page_begin and serve_page_end, escaping every
 * text with serve_esc, and sets rs->status for anything but 200. */
#ifndef JUE_SERVE_INTERNAL_H
#define JUE_SERVE_INTERNAL_H

#include <juesuan/audit.h>
#include <juesuan/auditor.h>
#include <juesuan/serve.h>
#include <juesuan/store.h>

#include <stdint.h>
#include <sys/types.h>

/* ---- requests (server.c) ---- */

typedef struct serve_app serve_app;
typedef struct serve_req serve_req;
typedef struct serve_resp serve_resp;
typedef struct serve_job serve_job;

/* ---- routes (routes.c) ---- */

typedef void (*serve_handler)(struct serve_req *rq, struct serve_resp *rs);
enum { SERVE_EXACT = 0, SERVE_PREFIX = 1, SERVE_FILES = 2 };   /* flags: prefix match; a POST that takes files */
typedef struct {
    const char *method;         /* "GET" or "POST" */
    const char *path;           /* "/audit", or a prefix "/audit/job/" */
    unsigned flags;
    serve_handler fn;
} serve_route;
extern const serve_route SERVE_ROUTES[];
extern const size_t SERVE_NROUTES;
/* Pages of one uploaded document, /audit/job/ID/REST: the job is found (and
 * finished) before fn runs; rest is REST after the entry's prefix. */
typedef void (*serve_job_handler)(struct serve_req *rq, struct serve_resp *rs, struct serve_job *j, const char *rest);
typedef struct {
    const char *prefix;         /* "findings.xlsx" exactly, or "finding/" + the rest */
    bool is_prefix;
    serve_job_handler fn;
} serve_job_route;
extern const serve_job_route SERVE_JOB_ROUTES[];
extern const size_t SERVE_NJOB_ROUTES;
/* The route for method and url (sets *tail), or NULL. */
const serve_route *serve_route_find(const char *method, const char *url, const char **tail);


typedef struct {
    char *name;        /* the form field's name */
    char *value;       /* a plain field's value, NULL for a file */
    char *filename;    /* a file's name as the client sent it (shown, never used as a path) */
    char *path;        /* where the server put the file (private folder); a handler may rename it away
                        * and set path to NULL; what is left is removed after the request */
    size_t size;
} serve_field;

struct serve_req {
    serve_app *app;
    const serve_route *route;
    void *conn;                 /* struct MHD_Connection */
    const char *method, *url;
    const char *tail;           /* for a prefix route: the rest of the path after the prefix */
    serve_field *fields;        /* a POST's fields in the order sent */
    size_t nfields, cap;
    char csrf[33];              /* this client's CSRF token (hex) */
    /* internal */
    void *pp;                   /* struct MHD_PostProcessor */
    size_t received, nfiles;
    int fd;                     /* the file being received, -1 */
    char *dir;                  /* the request's private folder, made on the first file */
    int fail;                   /* an HTTP status to answer instead of the handler (limits) */
    const char *fail_msg;
    char msg[160];              /* room for a fail_msg made up */
    bool csrf_ok, new_session;
    char session[33];
    bool responded;
};

struct serve_resp {
    int status;                 /* 200 unless said */
    const char *type;           /* content type, "text/html; charset=utf-8" unless said */
    jue_buf body;
    char *file;                 /* or: send this file (a server-made path) */
    char *download;             /* Content-Disposition: attachment; filename (UTF-8) */
    char *location;             /* a redirect (303 unless status says) */
    char *cookie;               /* a Set-Cookie value */
};

/* A query argument (GET) or a plain form field (POST), or NULL. */
const char *serve_arg(const serve_req *rq, const char *name);
/* The files of a POST field, one after another: *i starts at 0. */
serve_field *serve_next_file(serve_req *rq, const char *name, size_t *i);
/* The client's request header, or NULL. */
const char *serve_header(const serve_req *rq, const char *name);

/* ---- pages (page.c) ---- */

/* s as HTML text or attribute value: & < > " ' as entities; bytes that are
 * not UTF-8 as U+FFFD. */
void serve_esc(jue_buf *b, const char *s);
/* s as a JSON string (quoted). */
void serve_json_str(jue_buf *b, const char *s);
/* The page's head, the navigation (nav: "audit", "build", "history") and
 * the title as <h1>. */
void serve_page_begin(serve_req *rq, serve_resp *rs, const char *nav, const char *title);
void serve_page_end(serve_req *rq, serve_resp *rs);
/* <input type=hidden name=csrf value=...> for a form that POSTs. */
void serve_csrf_field(const serve_req *rq, jue_buf *b);
/* A page that says what went wrong, in Chinese, with an HTTP status. */
void serve_error(serve_req *rq, serve_resp *rs, int status, const char *msg);

/* ---- the app ---- */

struct serve_app {
    jue_serve_opts o;
    jue_auditor *aud;
    jue_store *store;           /* NULL without --store */
    char *root;                 /* the private temporary folder */
    unsigned char secret[32];   /* CSRF tokens are made from it */
    serve_job **jobs;           /* newest last */
    size_t njobs, cap;
    unsigned counter, started;
    int port;                   /* the port it listens on */
};

/* Equal secrets, compared in time that does not depend on where they differ. */
bool serve_same_secret(const char *a, const char *b);
/* The value of the cookie that says a browser gave the token (the token
 * itself never leaves in a cookie): 32 hex digits. */
void serve_token_cookie(const serve_app *app, char out[33]);

/* Removes a folder and all in it (not following links). NULL is fine. */
void serve_rm_tree(const char *dir);

/* n random bytes as 2n hex digits into hex (2n+1 bytes). */
void serve_random_hex(char *hex, size_t n);
/* An id made by the server: 1..32 of [0-9a-f]. */
bool serve_id_ok(const char *s);

/* ---- jobs (jobs.c): each document audited in a process of its own ---- */

typedef enum { SERVE_QUEUED = 0, SERVE_RUNNING, SERVE_DONE, SERVE_FAILED } serve_state;

struct serve_job {
    char id[17];
    char batch[17];             /* the upload it came in */
    char *name;                 /* the file's name as uploaded (shown only) */
    char *dir;                  /* its private folder: doc.EXT, results */
    char *path;                 /* the document: dir/doc.EXT */
    serve_state state;
    pid_t pid;
    jue_findings findings;      /* when done (or the one finding saying why it failed) */
    char *department;           /* as read, or NULL */
    int year;
    unsigned seq;
    unsigned started;           /* 1 for the first job the server started, 2 for the next…; 0 = not yet */
};

/* A new job for the file at path (moved into the job's folder) named name
 * as uploaded; queued. NULL when the queue is full or out of memory (the
 * file is then left where it was). */
serve_job *serve_job_add(serve_app *app, const char *batch, const char *path, const char *name);
serve_job *serve_job_get(serve_app *app, const char *id);
/* Starts queued jobs while fewer than jobs run (the upload with the fewest
 * running first); collects the ones that ended. Never blocks. */
void serve_jobs_poll(serve_app *app);
/* Kills the running jobs, removes every job's folder. */
void serve_jobs_free(serve_app *app);
/* The state in Chinese: 排队中, 审核中, 已完成, 无法审核. */
const char *serve_state_zh(serve_state s);

/* The findings of a job as the worker writes them and the server reads
 * them back: a small length-prefixed binary form. decode is given bytes
 * from a file the worker wrote; it checks every length (false when short
 * or malformed). */
void serve_findings_encode(const jue_findings *f, jue_buf *out);
bool serve_findings_decode(const char *p, size_t n, jue_findings *f);

/* ---- helpers the parsers share (util.c, fuzzed by tests/fuzz/fuzz_serve.c) ---- */

/* The value of a cookie in a Cookie header, copied into out (size n);
 * false when absent or longer than n - 1. */
bool serve_cookie(const char *header, const char *name, char *out, size_t n);
/* The extension of an uploaded file's name that the audit reads (pdf docx
 * html htm xlsx txt, lower case), or NULL. */
const char *serve_upload_ext(const char *filename);
/* "127.0.0.1:8080", "[::1]:0", "localhost:8080", ":8080" into host (size
 * n) and port; false when malformed. */
bool serve_split_listen(const char *s, char *host, size_t n, int *port);
/* "100M", "2G", "512K", "1000" into bytes; false when malformed. */
bool serve_parse_size(const char *s, size_t *out);
/* A Host header that names this server on a loopback address (DNS
 * rebinding: a page of another site resolving its name to 127.0.0.1). */
bool serve_host_ok(const char *host, int port);

/* ---- pages (page_*.c) ---- */

/* Findings as HTML grouped by table (else by kind: 说明, 绩效, …) in
 * document order, with the filters; each links to href + its index when
 * href is not NULL. */
void serve_findings_html(const jue_findings *f, const char *href, jue_buf *b);

void serve_page_home(serve_req *rq, serve_resp *rs);
void serve_page_audit(serve_req *rq, serve_resp *rs);
void serve_page_upload(serve_req *rq, serve_resp *rs);
void serve_page_jobs_json(serve_req *rq, serve_resp *rs);
void serve_page_job(serve_req *rq, serve_resp *rs);
void serve_job_jsonl(serve_req *rq, serve_resp *rs, serve_job *j, const char *rest);
void serve_job_xlsx(serve_req *rq, serve_resp *rs, serve_job *j, const char *rest);
/* In a child just forked (a worker, a page rendered, a build): closes the
 * server's descriptors, dies with the server, takes limits on CPU time
 * (SIGXCPU, then SIGKILL), memory (the server's --memory), the size of a
 * file written and the wall clock (SIGALRM). bounded.c. */
void serve_child_limits(const serve_app *app, int cpu_seconds, int wall_seconds, int file_mb);
void serve_page_history(serve_req *rq, serve_resp *rs);
void serve_page_history_doc(serve_req *rq, serve_resp *rs);
void serve_page_static(serve_req *rq, serve_resp *rs);
void serve_page_login(serve_req *rq, serve_resp *rs);

/* The server itself (server.c), reached as the serve module's entry
 * (module.c; the library's jue_serve_run loads the module and calls it). */
jue_status jue_servem_run(const jue_serve_opts *o, volatile sig_atomic_t *stop, jue_diags *d);

#endif
