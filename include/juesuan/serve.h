/* juesuan/serve.h — the local web app (`juesuan serve`).
 *
 * One process serves the pages (审核, 编制, 历年) over HTTP with
 * libmicrohttpd, in one thread: every request is answered from that thread,
 * and every document is audited in a worker process forked for it, with
 * limits on its CPU time and memory, at most `jobs` at a time, so a hostile
 * upload (a zip bomb, a PDF that never ends) becomes a finding and one big
 * upload cannot starve the others. Uploads live in a private temporary
 * folder (mkdtemp, 0700) under server-made names and are removed when their
 * job is dropped and when the server stops. docs/serve.md describes the
 * pages and the security rules.
 *
 * The library never prints: what the server has to say (its address, a
 * failure to start) comes back through `ready` and diags. */
#ifndef JUESUAN_SERVE_H
#define JUESUAN_SERVE_H

#include <signal.h>

#include "common.h"

typedef struct {
    const char *listen;        /* "127.0.0.1:8080" (default), "[::1]:0", "0.0.0.0:80"; port 0 = any free one */
    const char *token;         /* required on every request when set; required for a non-loopback address */
    const char *store;         /* the SQLite store for 历年, or NULL */
    const char *profile;       /* the audit's profile, NULL = national */
    size_t max_upload;         /* bytes in one request (default 100 MiB) */
    size_t max_files;          /* files in one request (default 20) */
    int jobs;                  /* worker processes at a time (default 2) */
    int cpu_seconds;           /* CPU time of one document's audit (default 120) */
    size_t mem_bytes;          /* address space of one worker (default 2 GiB) */
    /* Called once the server listens, with its address ("http://127.0.0.1:8080/"). */
    void (*ready)(const char *url, void *ctx);
    void *ctx;
} jue_serve_opts;

/* The defaults above. */
void jue_serve_opts_init(jue_serve_opts *o);

/* True when host (an address as given to --listen, without the port) is a
 * loopback address: 127.0.0.0/8, ::1, localhost. */
bool jue_serve_is_loopback(const char *host);

/* Serves until *stop becomes non-zero (a signal handler sets it). Problems
 * starting (an address that cannot be bound, no token for a non-loopback
 * address, an unknown profile, a store that cannot be opened) go to diags
 * with JUE_ERR_INVALID or JUE_ERR_IO. */
jue_status jue_serve_run(const jue_serve_opts *o, volatile sig_atomic_t *stop, jue_diags *diags);

#endif
