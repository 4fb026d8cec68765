/* Every page of the web app: method, path (exact, or a prefix whose rest
 * the handler reads as rq->tail), flags, handler. First match wins. */
#include <string.h>

#include "serve_internal.h"
#include "serve_view.h"

const serve_route SERVE_ROUTES[] = {
    { "GET", "/", SERVE_EXACT, serve_page_home },
    { "GET", "/static/view.css", SERVE_EXACT, serve_page_view_css },
    { "GET", "/static/", SERVE_PREFIX, serve_page_static },
    { "GET", "/login", SERVE_EXACT, serve_page_login },
    { "POST", "/login", SERVE_EXACT, serve_page_login },
    { "GET", "/audit", SERVE_EXACT, serve_page_audit },
    { "POST", "/audit/upload", SERVE_FILES, serve_page_upload },
    { "GET", "/audit/jobs", SERVE_EXACT, serve_page_jobs_json },
    { "GET", "/audit/job/", SERVE_PREFIX, serve_page_job },
    { "GET", "/build", SERVE_EXACT, serve_page_build },
    { "GET", "/build/", SERVE_PREFIX, serve_page_build },
    { "POST", "/build/", SERVE_PREFIX | SERVE_FILES, serve_page_build_post },
    { "GET", "/history", SERVE_EXACT, serve_page_history },
    { "GET", "/history/doc/", SERVE_PREFIX, serve_page_history_doc },
};
const size_t SERVE_NROUTES = sizeof SERVE_ROUTES / sizeof SERVE_ROUTES[0];

/* /audit/job/ID/… (serve_page_job finds the job first). */
const serve_job_route SERVE_JOB_ROUTES[] = {
    { "findings.jsonl", false, serve_job_jsonl },
    { "findings.xlsx", false, serve_job_xlsx },
    { "finding/", true, serve_page_finding },
};
const size_t SERVE_NJOB_ROUTES = sizeof SERVE_JOB_ROUTES / sizeof SERVE_JOB_ROUTES[0];

const serve_route *serve_route_find(const char *method, const char *url, const char **tail)
{
    for (size_t i = 0; i < SERVE_NROUTES; i++) {
        const serve_route *r = &SERVE_ROUTES[i];
        size_t n = strlen(r->path);
        if (strcmp(method, r->method)) continue;
        if ((r->flags & SERVE_PREFIX) ? !strncmp(url, r->path, n) : !strcmp(url, r->path)) {
            *tail = url + ((r->flags & SERVE_PREFIX) ? n : strlen(url));
            return r;
        }
    }
    return NULL;
}
