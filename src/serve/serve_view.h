/* The web app's finding view and 编制 page (page_view.c, page_build.c,
 * unzip.c, bounded.c): what routes.c and jobs.c call. */
#ifndef JUE_SERVE_VIEW_H
#define JUE_SERVE_VIEW_H

#include "serve_internal.h"

/* ---- work in a process of its own (bounded.c) ---- */

/* Runs fn(arg) in a forked process with the server's limits on CPU time and
 * memory and a wall-clock limit of `seconds`; fn's process exits 0 when fn
 * returns true. Waits for it (the server answers nothing meanwhile, so
 * seconds stays short). True when it ended well in time. */
/* In a child just forked: closes the server's descriptors, dies with the
 * server, takes the limits (CPU min(seconds, the server's), memory, file
 * size, an alarm after seconds). */
void serve_child_enter(const serve_app *app, int seconds);
bool serve_run_bounded(const serve_app *app, int seconds, bool (*fn)(const serve_app *app, void *arg), void *arg);

/* ---- a finding on its page (page_view.c) ---- */

/* /audit/job/ID/finding/N: the finding beside the page (PDF: the picture
 * with the figure boxed) or the table or note (other formats);
 * /audit/job/ID/finding/N.png: that picture. rest is "N" or "N.png". */
void serve_page_finding(serve_req *rq, serve_resp *rs, serve_job *j, const char *rest);
/* /static/view.css: the views' and the 编制 page's style sheet (inline styles are refused by the CSP). */
void serve_page_view_css(serve_req *rq, serve_resp *rs);

/* ---- 编制 (page_build.c) ---- */

void serve_page_build(serve_req *rq, serve_resp *rs);        /* GET /build, GET /build/ID[/…] */
void serve_page_build_post(serve_req *rq, serve_resp *rs);   /* POST /build/upload, /build/ID/retry */
/* Forgets every build (their folders are under the app's folder, removed with it). */
void serve_builds_free(void);

/* ---- zip uploads (unzip.c) ---- */

typedef struct {
    size_t entries;       /* files and folders in the archive */
    size_t file_bytes;    /* one file unpacked */
    size_t total_bytes;   /* all files unpacked */
    size_t ratio;         /* unpacked ÷ packed, above 1 MiB unpacked */
    int depth;            /* folders inside folders */
} serve_unzip_limits;
extern const serve_unzip_limits SERVE_UNZIP;

/* Unpacks the zip at zip_path into dir (which exists); NULL when done, else
 * why not, in Chinese (dir may then hold part of it: remove it). */
const char *serve_unzip(const char *zip_path, const char *dir);

#endif
