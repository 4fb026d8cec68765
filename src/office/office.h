/* The office module's own functions (juesuan-office.so: libxml2, libzip and
 * libxlsxwriter, with the ICU and OpenSSL libraries they bring): the DOCX,
 * HTML and XLSX doors, the Word and XLSX writers. Their sources stay beside
 * their kin (src/import/doors/, src/render/, src/audit/; CMakeLists.txt lists
 * them); the library reaches them through the table in core/module.h. */
#ifndef JUE_OFFICE_OFFICE_H
#define JUE_OFFICE_OFFICE_H

#include <juesuan/sheet.h>

#include "core/module.h"

jue_status jue_officem_docx_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);  /* docx.c */
jue_status jue_officem_html_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);  /* html.c */
jue_status jue_officem_xlsx_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);  /* xlsx.c */
jue_status jue_officem_document_docx(const jue_document *doc, const char *path);   /* document_docx.c */
jue_status jue_officem_render_xlsx(const jue_disclosure *d, const char *path);     /* render_xlsx.c */
jue_status jue_officem_form_xlsx(const jue_form *const *forms, const char *const *sheet_names, size_t n,
                                 const char *path, const char *title, const char *company, int year); /* form_xlsx.c */
jue_status jue_officem_findings_xlsx(const jue_findings *f, const char *path);    /* findings_xlsx.c */
jue_status jue_officem_sheet_xlsx(const jue_sheet *s, const char *path);          /* office/sheet.c */

#endif
