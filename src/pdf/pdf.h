/* The PDF modules' own functions (src/pdf/, built as juesuan-pdf.so, the
 * reader, and juesuan-pdfwrite.so, the writer): the library reaches them
 * through the tables in module.c and writer_module.c (core/module.h). */
#ifndef JUE_PDF_PDF_H
#define JUE_PDF_PDF_H

#include "core/module.h"

jue_status jue_pdfm_read(const char *data, size_t len, jue_idoc *doc, jue_diags *diags);        /* door.c */
jue_status jue_pdfm_render(const jue_document *doc, const char *path);                           /* writer.c, juesuan-pdfwrite.so */
jue_status jue_pdfm_page_png(const char *data, size_t len, int page, double scale, const jue_box *boxes,
                             size_t nboxes, jue_buf *png, jue_page_info *info, jue_diags *diags); /* page_image.c */
size_t jue_pdfm_page_find(const char *data, size_t len, int page, const char *needle, jue_box *out, size_t max);
size_t jue_pdfm_finding_boxes(const char *data, size_t len, const jue_finding *f, jue_box *out, size_t max);

#endif
