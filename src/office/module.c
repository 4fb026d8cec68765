/* The office module's entry: the one symbol the library looks up after
 * loading juesuan-office.so (core/module.c). */
#include "office/office.h"

__attribute__((visibility("default"))) const jue_office_module jue_office_module_v1 = {
    .version = JUE_OFFICE_MODULE_VERSION,
    .docx_read = jue_officem_docx_read,
    .html_read = jue_officem_html_read,
    .xlsx_read = jue_officem_xlsx_read,
    .document_docx = jue_officem_document_docx,
    .render_xlsx = jue_officem_render_xlsx,
    .form_xlsx = jue_officem_form_xlsx,
    .findings_xlsx = jue_officem_findings_xlsx,
    .sheet_xlsx = jue_officem_sheet_xlsx,
};
