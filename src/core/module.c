/* Loading the PDF module on first use (module.h). */
#define _GNU_SOURCE
#include "core/module.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const jue_pdf_module *loaded;
static char why_not[2048];

static const char self_mark;   /* an address inside libjuesuan.so, for dladdr */

/* Where the module is: $JUESUAN_MODULES, else the folder of libjuesuan.so. */
static void module_path(char *out, size_t n)
{
    const char *env = getenv("JUESUAN_MODULES");
    Dl_info self;
    if (env && *env) {
        snprintf(out, n, "%s/%s", env, JUE_PDF_MODULE_FILE);
    } else if (dladdr(&self_mark, &self) && self.dli_fname && strrchr(self.dli_fname, '/')) {
        const char *f = self.dli_fname;
        snprintf(out, n, "%.*s/%s", (int)(strrchr(f, '/') - f), f, JUE_PDF_MODULE_FILE);
    } else {
        snprintf(out, n, "%s", JUE_PDF_MODULE_FILE);
    }
}

static void load(void)
{
    char path[1024];
    module_path(path, sizeof path);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    const jue_pdf_module *m = h ? (const jue_pdf_module *)dlsym(h, JUE_PDF_MODULE_SYMBOL) : NULL;
    if (m && m->version == JUE_PDF_MODULE_VERSION) {
        loaded = m;
        return;
    }
    const char *err = !h ? dlerror() : !m ? "模块中没有入口" : "模块版本不符";
    snprintf(why_not, sizeof why_not, "无法加载 PDF 模块 %s（%.300s）：读写 PDF 需要它与 libjuesuan.so 放在同一目录，"
                                      "或由环境变量 JUESUAN_MODULES 指明其目录",
             path, err ? err : "");
}

const jue_pdf_module *jue_pdf_module_get(const char **why)
{
    pthread_once(&once, load);
    if (!loaded && why) *why = why_not;
    return loaded;
}
