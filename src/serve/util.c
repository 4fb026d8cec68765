/* Small parsers of what a client or the command line sends the server:
 * cookies, file names, addresses, sizes, the Host header; ids and random
 * tokens; the escaping of what the pages show (HTML, JSON strings). tests/fuzz/fuzz_serve.c runs them on arbitrary bytes. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <unistd.h>

#include "core/encoding.h"
#include "serve_internal.h"

void jue_serve_opts_init(jue_serve_opts *o)
{
    *o = (jue_serve_opts){ .listen = "127.0.0.1:8080", .max_upload = (size_t)100 << 20, .max_files = 20, .jobs = 2,
                           .cpu_seconds = 120, .mem_bytes = (size_t)2 << 30 };
}

void serve_random_hex(char *hex, size_t n)
{
    unsigned char b[64];
    if (n > sizeof b) n = sizeof b;
    size_t got = 0;
    while (got < n) {
        ssize_t k = getrandom(b + got, n - got, 0);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) abort();   /* no randomness: no token can be trusted */
        got += (size_t)k;
    }
    for (size_t i = 0; i < n; i++) sprintf(hex + 2 * i, "%02x", b[i]);
}

bool serve_id_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!isdigit((unsigned char)s[n]) && !(s[n] >= 'a' && s[n] <= 'f')) return false;
    return n > 0 && n <= 32;
}

bool serve_cookie(const char *h, const char *name, char *out, size_t n)
{
    size_t nl = strlen(name);
    for (const char *p = h; p && *p;) {
        while (*p == ' ' || *p == ';') p++;
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > nl && !strncmp(p, name, nl) && p[nl] == '=') {
            size_t v = len - nl - 1;
            if (v >= n) return false;
            memcpy(out, p + nl + 1, v);
            out[v] = 0;
            return true;
        }
        p = end;
    }
    return false;
}

const char *serve_upload_ext(const char *filename)
{
    static const char *const EXTS[] = { "pdf", "docx", "html", "htm", "xlsx", "txt" };
    const char *dot = filename ? strrchr(filename, '.') : NULL;
    if (!dot) return NULL;
    for (size_t i = 0; i < sizeof EXTS / sizeof EXTS[0]; i++)
        if (!strcasecmp(dot + 1, EXTS[i])) return EXTS[i];
    return NULL;
}

static bool parse_port(const char *s, int *port)
{
    if (!*s || strlen(s) > 5) return false;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p)) return false;
    *port = atoi(s);
    return *port <= 65535;
}

bool serve_split_listen(const char *s, char *host, size_t n, int *port)
{
    const char *colon;
    size_t hl;
    if (*s == '[') {
        const char *close = strchr(s, ']');
        if (!close || close[1] != ':') return false;
        hl = (size_t)(close - s - 1), s++, colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (!colon || memchr(s, ':', (size_t)(colon - s))) return false;
        hl = (size_t)(colon - s);
    }
    if (hl >= n) return false;
    memcpy(host, s, hl);
    host[hl] = 0;
    return parse_port(colon + 1, port);
}

bool serve_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)*s)) return false;
    unsigned long long v = strtoull(s, &end, 10);
    int shift = !strcasecmp(end, "k") ? 10 : !strcasecmp(end, "m") ? 20 : !strcasecmp(end, "g") ? 30 : *end ? -1 : 0;
    if (errno || shift < 0 || v > (~0ULL >> 31)) return false;
    *out = (size_t)(v << shift);
    return true;
}

bool jue_serve_is_loopback(const char *host)
{
    return !strcmp(host, "localhost") || !strcmp(host, "::1") || !strncmp(host, "127.", 4);
}

bool serve_host_ok(const char *host, int port)
{
    if (!host) return false;
    char name[128];
    int p;
    if (!serve_split_listen(host, name, sizeof name, &p)) return false;
    return p == port && (!strcmp(name, "localhost") || !strcmp(name, "127.0.0.1") || !strcmp(name, "::1"));
}

void serve_esc(jue_buf *b, const char *s)
{
    if (!s) return;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t k = jue_utf8_seq(u + i, n - i);
        if (k == 0) { jue_buf_puts(b, "\xEF\xBF\xBD"); i++; continue; }
        switch (u[i]) {
        case '&': jue_buf_puts(b, "&amp;"); break;
        case '<': jue_buf_puts(b, "&lt;"); break;
        case '>': jue_buf_puts(b, "&gt;"); break;
        case '"': jue_buf_puts(b, "&quot;"); break;
        case '\'': jue_buf_puts(b, "&#39;"); break;
        default: jue_buf_putn(b, s + i, k);
        }
        i += k;
    }
}

void serve_json_str(jue_buf *b, const char *s)
{
    jue_buf_putc(b, '"');
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)u);
    for (size_t i = 0; i < n;) {
        size_t k = jue_utf8_seq(u + i, n - i);
        if (k == 0) { jue_buf_puts(b, "\\ufffd"); i++; continue; }
        if (u[i] == '"' || u[i] == '\\') jue_buf_printf(b, "\\%c", u[i]);
        else if (u[i] < 0x20 || u[i] == '<' || u[i] == '>' || u[i] == '&') jue_buf_printf(b, "\\u%04x", u[i]);
        else jue_buf_putn(b, (const char *)u + i, k);
        i += k;
    }
    jue_buf_putc(b, '"');
}
