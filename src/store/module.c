/* The store module's entry: the one symbol the library looks up after
 * loading juesuan-store.so (core/module.c). */
#include "store_internal.h"

__attribute__((visibility("default"))) const jue_store_module jue_store_module_v1 = {
    .version = JUE_STORE_MODULE_VERSION,
    .open = jue_storem_open,
    .close = jue_storem_close,
    .version_of = jue_storem_version,
    .create_at = jue_storem_create_at,
    .has = jue_storem_has,
    .findings = jue_storem_findings,
    .add = jue_storem_add,
    .list = jue_storem_list,
    .load = jue_storem_load,
    .last_year = jue_storem_last_year,
    .export_ = jue_storem_export,
    .overview = jue_storem_overview,
    .load_id = jue_storem_load_id,
    .merge = jue_storem_merge,
    .check = jue_storem_check,
};
