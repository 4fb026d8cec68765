/* The serve module's entry: the one symbol the library looks up after
 * loading juesuan-serve.so (core/module.c). */
#include "core/module.h"
#include "serve_internal.h"

__attribute__((visibility("default"))) const jue_serve_module jue_serve_module_v1 = {
    .version = JUE_SERVE_MODULE_VERSION,
    .run = jue_servem_run,
};
