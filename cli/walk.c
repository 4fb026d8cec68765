/* The documents of `audit DIR...`: folders walked in name order. A folder
 * holding department.yaml is a source (one document), as when it is named
 * on the command line. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

#define MAX_DEPTH 64

/* pdf, docx, html/htm, xlsx, txt, in any case */
static bool recognised(const char *name)
{
    static const char *const EXT[] = { ".pdf", ".docx", ".html", ".htm", ".xlsx", ".txt" };
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof EXT / sizeof EXT[0]; i++) {
        size_t k = strlen(EXT[i]);
        if (n > k && !strcasecmp(name + n - k, EXT[i])) return true;
    }
    return false;
}

static bool add(cli_paths *p, const char *dir, const char *name)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 64;
        char **v = realloc(p->v, cap * sizeof *v);
        if (!v) return false;
        p->v = v, p->cap = cap;
    }
    size_t dl = dir ? strlen(dir) : 0;
    bool slash = dl && dir[dl - 1] != '/';
    char *s = malloc(dl + slash + strlen(name) + 1);
    if (!s) return false;
    if (dir) memcpy(s, dir, dl);
    if (slash) s[dl] = '/';
    strcpy(s + dl + slash, name);
    p->v[p->n++] = s;
    return true;
}

bool cli_is_source(const char *dir)
{
    size_t n = strlen(dir);
    char *yaml = malloc(n + 20);
    if (!yaml) return false;
    memcpy(yaml, dir, n);
    strcpy(yaml + n, "/department.yaml");
    struct stat st;
    bool yes = stat(yaml, &st) == 0 && S_ISREG(st.st_mode);
    free(yaml);
    return yes;
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* dir's entries (hidden ones left out), sorted by name. */
static bool entries(const char *dir, cli_paths *names)
{
    DIR *d = opendir(dir);
    if (!d) return false;
    bool ok = true;
    for (struct dirent *e; ok && (e = readdir(d));)
        if (e->d_name[0] != '.') ok = add(names, NULL, e->d_name);
    closedir(d);
    qsort(names->v, names->n, sizeof names->v[0], cmp_name);
    return ok;
}

/* Every document under dir, depth first in name order; symlinked folders
 * are not followed (no loops). A folder that cannot be read is given as it
 * is, so its audit says why. */
static bool walk(const char *dir, int depth, cli_paths *out)
{
    cli_paths names = { 0 };
    if (depth > MAX_DEPTH || !entries(dir, &names)) {
        cli_paths_free(&names);
        return add(out, NULL, dir);
    }
    bool ok = true;
    for (size_t i = 0; ok && i < names.n; i++) {
        cli_paths one = { 0 };
        struct stat st;
        if (!(ok = add(&one, dir, names.v[i]))) break;
        const char *path = one.v[0];
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) ok = cli_is_source(path) ? add(out, NULL, path) : walk(path, depth + 1, out);
        else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && recognised(names.v[i])) ok = add(out, NULL, path);
        cli_paths_free(&one);
    }
    cli_paths_free(&names);
    return ok;
}

bool cli_walk(const char *const *args, size_t n, cli_paths *out)
{
    *out = (cli_paths){ 0 };
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        bool folder = stat(args[i], &st) == 0 && S_ISDIR(st.st_mode) && !cli_is_source(args[i]);
        if (!(folder ? walk(args[i], 0, out) : add(out, NULL, args[i]))) return false;
    }
    return true;
}

void cli_paths_free(cli_paths *p)
{
    for (size_t i = 0; i < p->n; i++) free(p->v[i]);
    free(p->v);
    *p = (cli_paths){ 0 };
}
