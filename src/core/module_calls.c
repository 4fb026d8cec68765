/* The library's PDF functions, its DOCX, HTML and XLSX doors and writers, and
 * jue_serve_run, each a call into its module loaded on
 * first use (module.h). When the module cannot be loaded, a reader says so
 * as an error of the file; the others answer JUE_ERR_IO or nothing found. */
#include "core/module.h"
#include "import/doors/doors.h"
#include "import/doors/flow.h"

jue_status jue_pdf_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    const char *why = NULL;
    const jue_pdf_module *m = jue_pdf_module_get(&why);
    if (m) return m->read(data, len, doc, diags);
    jue_diag_add(diags, JUE_SEV_ERROR, doc && doc->file ? doc->file : "", 0, 0, "%s", why);
    return JUE_ERR_IO;
}

jue_status jue_render_document_pdf(const jue_document *doc, const char *path)
{
    const jue_pdfw_module *m = jue_pdfw_module_get(NULL);
    return m ? m->render(doc, path) : JUE_ERR_IO;
}

jue_status jue_page_png(const char *data, size_t len, int page, double scale, const jue_box *boxes, size_t nboxes,
                        jue_buf *png, jue_page_info *info, jue_diags *diags)
{
    const char *why = NULL;
    const jue_pdf_module *m = jue_pdf_module_get(&why);
    if (m) return m->page_png(data, len, page, scale, boxes, nboxes, png, info, diags);
    jue_diag_add(diags, JUE_SEV_ERROR, "", 0, 0, "%s", why);
    return JUE_ERR_IO;
}

size_t jue_page_find(const char *data, size_t len, int page, const char *needle, jue_box *out, size_t max)
{
    const jue_pdf_module *m = jue_pdf_module_get(NULL);
    return m ? m->page_find(data, len, page, needle, out, max) : 0;
}

size_t jue_finding_boxes(const char *data, size_t len, const jue_finding *f, jue_box *out, size_t max)
{
    const jue_pdf_module *m = jue_pdf_module_get(NULL);
    return m ? m->finding_boxes(data, len, f, out, max) : 0;
}

jue_status jue_serve_run(const jue_serve_opts *o, volatile sig_atomic_t *stop, jue_diags *diags)
{
    const char *why = NULL;
    const jue_serve_module *m = jue_serve_module_get(&why);
    if (m) return m->run(o, stop, diags);
    jue_diag_add(diags, JUE_SEV_ERROR, "", 0, 0, "%s", why);
    return JUE_ERR_IO;
}

/* ---- the office module ---- */

static jue_status office_read(int which, const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    const char *why = NULL;
    const jue_office_module *m = jue_office_module_get(&why);
    if (m) return (which == 0 ? m->docx_read : which == 1 ? m->html_read : m->xlsx_read)(data, len, doc, diags);
    jue_diag_add(diags, JUE_SEV_ERROR, doc && doc->file ? doc->file : "", 0, 0, "%s", why);
    return JUE_ERR_IO;
}

jue_status jue_docx_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    return office_read(0, data, len, doc, diags);
}

jue_status jue_html_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    return office_read(1, data, len, doc, diags);
}

jue_status jue_xlsx_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags)
{
    return office_read(2, data, len, doc, diags);
}

jue_status jue_render_document_docx(const jue_document *doc, const char *path)
{
    const jue_office_module *m = jue_office_module_get(NULL);
    return m ? m->document_docx(doc, path) : JUE_ERR_IO;
}

jue_status jue_render_xlsx(const jue_disclosure *d, const char *path)
{
    const jue_office_module *m = jue_office_module_get(NULL);
    return m ? m->render_xlsx(d, path) : JUE_ERR_IO;
}

jue_status jue_form_xlsx(const jue_form *const *forms, const char *const *sheet_names, size_t n, const char *path,
                         const char *title, const char *company, int year)
{
    const jue_office_module *m = jue_office_module_get(NULL);
    return m ? m->form_xlsx(forms, sheet_names, n, path, title, company, year) : JUE_ERR_IO;
}

jue_status jue_findings_xlsx(const jue_findings *f, const char *path)
{
    const jue_office_module *m = jue_office_module_get(NULL);
    return m ? m->findings_xlsx(f, path) : JUE_ERR_IO;
}

jue_status jue_sheet_xlsx(const jue_sheet *s, const char *path)
{
    const jue_office_module *m = jue_office_module_get(NULL);
    return m ? m->sheet_xlsx(s, path) : JUE_ERR_IO;
}

bool jue_office_missing(jue_diags *diags, const char *path, const char *what)
{
    const char *why = NULL;
    if (jue_office_module_get(&why)) return false;
    jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "无法写入%s：%s", what, why);
    return true;
}
