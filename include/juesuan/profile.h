/* juesuan/profile.h — a profile: what varies by province or template, as
 * data (data/profiles/<name>.yaml): the printed number and order of each
 * table, the 类 lines tables 01 and 04 list, the notes for empty tables.
 * The national profile is the default. */
#ifndef JUESUAN_PROFILE_H
#define JUESUAN_PROFILE_H

#include "catalog.h"
#include "model.h"

typedef struct jue_profile jue_profile;

/* Loads data/profiles/<name>.yaml (name NULL = "national"). Problems go to
 * diags with file:line:col; returns JUE_ERR_NOTFOUND for an unknown profile,
 * JUE_ERR_INVALID for a bad file. */
jue_status jue_profile_load(const char *name, jue_profile **out, jue_diags *diags);
void jue_profile_free(jue_profile *p);

const char *jue_profile_name(const jue_profile *p);
/* The functional 类 codes listed as expenditure lines of tables 01 and 04, in
 * order; the caller keeps only those the year's catalog has. */
size_t jue_profile_t01_classes(const jue_profile *p, const char *const **codes);
/* The note printed under an empty table, with {department} and {year}
 * already substituted. Caller frees. NULL if the profile has none. */
char *jue_profile_empty_note(const jue_profile *p, jue_table_id t, const char *department, int year);
/* Printed table number (公开NN表) of a national table; 0 = not printed. */
int jue_profile_table_number(const jue_profile *p, jue_table_id t);

#endif
