/* Modules loaded on first use. The office module (juesuan-office.so)
 * holds what needs libxml2, libzip or libxlsxwriter (and the ICU and
 * OpenSSL libraries they bring): the DOCX, HTML and XLSX doors and the Word
 * and XLSX writers; a text audit never loads it. The store module
 * (juesuan-store.so) is src/store/ but names.c, with sqlite: only a run
 * that opens a store loads it. The serve module (juesuan-serve.so) holds
 * the web app's server and pages (libmicrohttpd and the TLS libraries it
 * brings): only `juesuan serve` loads it. The PDF module (juesuan-pdf.so, built beside
 * libjuesuan.so) holds what reads PDF with poppler: the PDF door and the
 * page pictures; the PDF writer module (juesuan-pdfwrite.so) holds the PDF
 * writer, with cairo and pango. A run that reads and writes no PDF loads
 * neither, nor the fifty libraries they bring; a PDF audit does not load the
 * writer's pango, harfbuzz and fontconfig (see docs/performance.md). The functions of the library keep their names
 * (jue_pdf_read, jue_render_document_pdf, jue_page_png, …): they call the
 * module through this table. */
#ifndef JUE_CORE_MODULE_H
#define JUE_CORE_MODULE_H

#include <juesuan/audit.h>
#include <juesuan/document.h>
#include <juesuan/form.h>
#include <juesuan/render.h>
#include <juesuan/serve.h>
#include <juesuan/sheet.h>
#include <juesuan/store.h>
#include <juesuan/view.h>

#include "import/import_internal.h"

#define JUE_PDF_MODULE_VERSION 2
#define JUE_PDF_MODULE_FILE "juesuan-pdf.so"
#define JUE_PDF_MODULE_SYMBOL "jue_pdf_module_v2"

typedef struct {
    int version;   /* JUE_PDF_MODULE_VERSION */
    jue_status (*read)(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);
    jue_status (*page_png)(const char *data, size_t len, int page, double scale, const jue_box *boxes,
                           size_t nboxes, jue_buf *png, jue_page_info *info, jue_diags *diags);
    size_t (*page_find)(const char *data, size_t len, int page, const char *needle, jue_box *out, size_t max);
    size_t (*finding_boxes)(const char *data, size_t len, const jue_finding *f, jue_box *out, size_t max);
} jue_pdf_module;

#define JUE_PDFW_MODULE_VERSION 1
#define JUE_PDFW_MODULE_FILE "juesuan-pdfwrite.so"
#define JUE_PDFW_MODULE_SYMBOL "jue_pdfw_module_v1"

typedef struct {
    int version;   /* JUE_PDFW_MODULE_VERSION */
    jue_status (*render)(const jue_document *doc, const char *path);
} jue_pdfw_module;

#define JUE_SERVE_MODULE_VERSION 1
#define JUE_SERVE_MODULE_FILE "juesuan-serve.so"
#define JUE_SERVE_MODULE_SYMBOL "jue_serve_module_v1"

typedef struct {
    int version;   /* JUE_SERVE_MODULE_VERSION */
    jue_status (*run)(const jue_serve_opts *o, volatile sig_atomic_t *stop, jue_diags *diags);
} jue_serve_module;

#define JUE_OFFICE_MODULE_VERSION 1
#define JUE_OFFICE_MODULE_FILE "juesuan-office.so"
#define JUE_OFFICE_MODULE_SYMBOL "jue_office_module_v1"

typedef jue_status (*jue_office_door)(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);

typedef struct {
    int version;   /* JUE_OFFICE_MODULE_VERSION */
    jue_office_door docx_read, html_read, xlsx_read;
    jue_status (*document_docx)(const jue_document *doc, const char *path);
    jue_status (*render_xlsx)(const jue_disclosure *d, const char *path);
    jue_status (*form_xlsx)(const jue_form *const *forms, const char *const *sheet_names, size_t n,
                            const char *path, const char *title, const char *company, int year);
    jue_status (*findings_xlsx)(const jue_findings *f, const char *path);
    jue_status (*sheet_xlsx)(const jue_sheet *s, const char *path);
} jue_office_module;

/* The office module, as jue_pdf_module_get. */
const jue_office_module *jue_office_module_get(const char **why);
/* When the office module cannot be loaded: adds the error "无法写入<what>：
 * <why>" about path to diags and returns true (module_calls.c). */
bool jue_office_missing(jue_diags *diags, const char *path, const char *what);

#define JUE_STORE_MODULE_VERSION 1
#define JUE_STORE_MODULE_FILE "juesuan-store.so"
#define JUE_STORE_MODULE_SYMBOL "jue_store_module_v1"

typedef struct {
    int version;   /* JUE_STORE_MODULE_VERSION */
    jue_status (*open)(const char *path, jue_store **out, jue_diags *diags);
    void (*close)(jue_store *s);
    int (*version_of)(const jue_store *s);
    jue_status (*create_at)(const char *path, int version, jue_store **out, jue_diags *diags);
    bool (*has)(jue_store *s, const char *sha256, const char *rules);
    jue_status (*findings)(jue_store *s, const char *sha256, const char *rules, const char *file, jue_findings *f,
                           int64_t *id);
    jue_status (*add)(jue_store *s, const jue_disclosure *d, const jue_findings *f, const jue_store_doc *meta,
                      int64_t *id, bool *existed, jue_diags *diags);
    jue_status (*list)(jue_store *s, const char *dept, int year, int (*fn)(const jue_store_row *r, void *ctx),
                       void *ctx);
    jue_status (*load)(jue_store *s, const char *dept, int year, jue_disclosure **out, jue_findings *f,
                       jue_diags *diags);
    jue_status (*last_year)(jue_store *s, const char *department, int year, jue_disclosure **out);
    jue_status (*export_)(jue_store *s, const char *what, const char *format, const char *dept, int year,
                          jue_buf *out, jue_diags *diags);
    jue_status (*overview)(jue_store *s, int (*fn)(const jue_overview_row *r, void *ctx), void *ctx);
    jue_status (*load_id)(jue_store *s, int64_t id, jue_disclosure **out, jue_findings *f, jue_diags *diags);
    jue_status (*merge)(jue_store *s, const char *from, const char *to, jue_diags *diags);
    jue_status (*check)(jue_store *s, jue_buf *report, size_t *problems);
} jue_store_module;

/* The store module (sqlite): as jue_pdf_module_get. Only the commands that
 * open a store load it. */
const jue_store_module *jue_store_module_get(const char **why);

/* The serve module, as jue_pdf_module_get. */
const jue_serve_module *jue_serve_module_get(const char **why);

/* The PDF module, loaded once (thread-safe); NULL when it cannot be, with
 * the reason in Chinese (the file tried and the loader's message) in *why.
 * It is looked for in $JUESUAN_MODULES, then beside libjuesuan.so. */
const jue_pdf_module *jue_pdf_module_get(const char **why);
/* The PDF writer module, as jue_pdf_module_get. */
const jue_pdfw_module *jue_pdfw_module_get(const char **why);

#endif
