/* The PDF writer module's entry: the one symbol the library looks up after
 * loading juesuan-pdfwrite.so (core/module.c). The writer is a module apart
 * from the reader so that a PDF audit does not load pango, harfbuzz and
 * fontconfig. */
#include "pdf/pdf.h"

__attribute__((visibility("default"))) const jue_pdfw_module jue_pdfw_module_v1 = {
    .version = JUE_PDFW_MODULE_VERSION,
    .render = jue_pdfm_render,
};
