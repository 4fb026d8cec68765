/* Shared by the ledger compiler and the build from the nine tables. */
#ifndef JUE_COMPILE_INTERNAL_H
#define JUE_COMPILE_INTERNAL_H

#include <juesuan/compile.h>

/* d takes src's department, year, type and units and the profile's name
 * (what replaces them is freed). JUE_ERR_NOMEM or JUE_OK. */
jue_status jue_compile_adopt(const jue_source *src, const jue_profile *prof, jue_disclosure *d);

#endif
