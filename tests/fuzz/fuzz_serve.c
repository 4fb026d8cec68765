/* Fuzz target for what the web app parses from a client and from its
 * workers (src/serve/): the Cookie header, an uploaded file's name, the
 * Host header and --listen address, sizes, ids, the findings a worker
 * writes. Besides "no crash, no UB" it checks that escaped HTML holds no
 * markup character, that a cookie value found lies inside the header, that
 * an accepted Host names the port asked for, and that findings read back
 * are written again the same way.
 *
 * Checks call abort() rather than assert() (release builds define NDEBUG).
 * Builds with libFuzzer or with replay.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/serve_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "fuzz_serve: check failed at line %d: %s\n", __LINE__, \
                    #cond);                                                        \
            abort();                                                               \
        }                                                                          \
    } while (0)

static void text_parsers(const char *s)
{
    char v[64], host[64];
    int port;
    size_t n;
    if (serve_cookie(s, "juesuan_s", v, sizeof v)) CHECK(strstr(s, v) != NULL && strlen(v) < sizeof v);
    const char *ext = serve_upload_ext(s);
    if (ext) CHECK(strlen(ext) <= 4 && !strchr(ext, '/'));
    if (serve_split_listen(s, host, sizeof host, &port)) CHECK(port >= 0 && port <= 65535 && strlen(host) < sizeof host);
    if (serve_host_ok(s, 8080)) CHECK(serve_split_listen(s, host, sizeof host, &port) && port == 8080);
    serve_parse_size(s, &n);
    if (serve_id_ok(s)) CHECK(strlen(s) <= 32 && !strchr(s, '/') && !strchr(s, '.'));
    jue_buf b;
    jue_buf_init(&b);
    serve_esc(&b, s);
    CHECK(!strpbrk(jue_buf_str(&b), "<>\"'"));
    jue_buf_reset(&b);
    serve_json_str(&b, s);
    CHECK(!strpbrk(jue_buf_str(&b) + 1, "<>") && b.len >= 2);
    jue_buf_free(&b);
}

static void findings(const uint8_t *data, size_t size)
{
    jue_findings f, g;
    jue_findings_init(&f);
    jue_findings_init(&g);
    if (serve_findings_decode((const char *)data, size, &f)) {
        jue_buf b;
        jue_buf_init(&b);
        serve_findings_encode(&f, &b);
        CHECK(serve_findings_decode(jue_buf_str(&b), b.len, &g) && g.len == f.len);
        for (size_t i = 0; i < f.len; i++) CHECK(!strcmp(f.items[i].message, g.items[i].message));
        jue_buf_free(&b);
    }
    jue_findings_free(&f);
    jue_findings_free(&g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = 0;
    text_parsers(s);
    free(s);
    findings(data, size);
    return 0;
}
