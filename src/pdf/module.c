/* The PDF module's entry: the one symbol the library looks up after loading
 * juesuan-pdf.so (core/module.c). The writer is the module juesuan-pdfwrite.so
 * (writer_module.c). */
#include "pdf/pdf.h"

__attribute__((visibility("default"))) const jue_pdf_module jue_pdf_module_v2 = {
    .version = JUE_PDF_MODULE_VERSION,
    .read = jue_pdfm_read,
    .page_png = jue_pdfm_page_png,
    .page_find = jue_pdfm_page_find,
    .finding_boxes = jue_pdfm_finding_boxes,
};
