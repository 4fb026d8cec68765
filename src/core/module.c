/* Loading the modules on first use (module.h). */
#define _GNU_SOURCE
#include "core/module.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *what, *file, *symbol;   /* "PDF", its file, its entry */
    int version;
    const int *loaded;                  /* the entry: its first member is the version */
    char why[2048];
} module;

static module pdf = { " PDF ", JUE_PDF_MODULE_FILE, JUE_PDF_MODULE_SYMBOL, JUE_PDF_MODULE_VERSION, NULL, "" };
static module pdfw = { " PDF ", JUE_PDFW_MODULE_FILE, JUE_PDFW_MODULE_SYMBOL, JUE_PDFW_MODULE_VERSION, NULL,
                       "" };
static module web = { "网页服务", JUE_SERVE_MODULE_FILE, JUE_SERVE_MODULE_SYMBOL, JUE_SERVE_MODULE_VERSION, NULL, "" };
static module office = { "办公文档", JUE_OFFICE_MODULE_FILE, JUE_OFFICE_MODULE_SYMBOL, JUE_OFFICE_MODULE_VERSION,
                         NULL, "" };
static module store = { "存储", JUE_STORE_MODULE_FILE, JUE_STORE_MODULE_SYMBOL, JUE_STORE_MODULE_VERSION, NULL, "" };
static pthread_once_t pdf_once = PTHREAD_ONCE_INIT, pdfw_once = PTHREAD_ONCE_INIT, web_once = PTHREAD_ONCE_INIT, office_once = PTHREAD_ONCE_INIT,
                      store_once = PTHREAD_ONCE_INIT;

static const char self_mark;   /* an address inside libjuesuan.so, for dladdr */

/* Where module file is: $JUESUAN_MODULES, else the folder of libjuesuan.so. */
static void module_path(char *out, size_t n, const char *file)
{
    const char *env = getenv("JUESUAN_MODULES");
    Dl_info self;
    if (env && *env) {
        snprintf(out, n, "%s/%s", env, file);
    } else if (dladdr(&self_mark, &self) && self.dli_fname && strrchr(self.dli_fname, '/')) {
        const char *f = self.dli_fname;
        snprintf(out, n, "%.*s/%s", (int)(strrchr(f, '/') - f), f, file);
    } else {
        snprintf(out, n, "%s", file);
    }
}

/* Lazily: the libraries a module brings (glib, gio, cairo, X11, nss…) bind
 * a function when it is first called, not all of theirs at load (about 4 M
 * instructions of each PDF audit). The modules themselves are linked with
 * -z now (CMakeLists.txt), so a module that does not fit the library beside
 * it still fails here, with the reason, and not at its first call. */
static void load(module *m)
{
    char path[1024];
    module_path(path, sizeof path, m->file);
    void *h = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
    const int *entry = h ? (const int *)dlsym(h, m->symbol) : NULL;
    if (entry && *entry == m->version) {
        m->loaded = entry;
        return;
    }
    const char *err = !h ? dlerror() : !entry ? "模块中没有入口" : "模块版本不符";
    snprintf(m->why, sizeof m->why, "无法加载%s模块 %s（%.300s）：它须与 libjuesuan.so 放在同一目录，"
                                    "或由环境变量 JUESUAN_MODULES 指明其目录",
             m->what, path, err ? err : "");
}

static void load_pdf(void) { load(&pdf); }
static void load_pdfw(void) { load(&pdfw); }
static void load_web(void) { load(&web); }
static void load_office(void) { load(&office); }
static void load_store(void) { load(&store); }

const jue_pdf_module *jue_pdf_module_get(const char **why)
{
    pthread_once(&pdf_once, load_pdf);
    if (!pdf.loaded && why) *why = pdf.why;
    return (const jue_pdf_module *)pdf.loaded;
}

const jue_pdfw_module *jue_pdfw_module_get(const char **why)
{
    pthread_once(&pdfw_once, load_pdfw);
    if (!pdfw.loaded && why) *why = pdfw.why;
    return (const jue_pdfw_module *)pdfw.loaded;
}

const jue_serve_module *jue_serve_module_get(const char **why)
{
    pthread_once(&web_once, load_web);
    if (!web.loaded && why) *why = web.why;
    return (const jue_serve_module *)web.loaded;
}

const jue_office_module *jue_office_module_get(const char **why)
{
    pthread_once(&office_once, load_office);
    if (!office.loaded && why) *why = office.why;
    return (const jue_office_module *)office.loaded;
}

const jue_store_module *jue_store_module_get(const char **why)
{
    pthread_once(&store_once, load_store);
    if (!store.loaded && why) *why = store.why;
    return (const jue_store_module *)store.loaded;
}
