/* juesuan/catalog.h — government revenue and expenditure classification
 * (政府收支分类科目) by year, loaded from data/catalog/.
 *
 * Two classifications: functional (支出功能分类; 类 3 digits, 款 5, 项 7) and
 * departmental economic (部门支出经济分类; 类 3 digits, 款 5). Each code has
 * one or more rows with a year range [from, to] and a name, so renames by
 * year are data. Strings returned point into the catalog and live as long as
 * it does.
 */
#ifndef JUESUAN_CATALOG_H
#define JUESUAN_CATALOG_H

#include "common.h"

typedef struct jue_catalog jue_catalog;

typedef enum { JUE_CAT_FUNCTIONAL = 0, JUE_CAT_ECONOMIC = 1 } jue_cat_kind;

typedef enum { JUE_LEVEL_NONE = 0, JUE_LEVEL_LEI = 1, JUE_LEVEL_KUAN = 2, JUE_LEVEL_XIANG = 3 } jue_level;

/* Loads functional.csv and economic.csv from dir (NULL = jue_data_dir()/catalog).
 * Problems in the files are added to diags with file:line; returns
 * JUE_ERR_INVALID if any was an error, JUE_ERR_IO if a file is missing.
 * On success *out owns the catalog (free with jue_catalog_free). */
jue_status jue_catalog_load(const char *dir, jue_catalog **out, jue_diags *diags);
void jue_catalog_free(jue_catalog *cat);

/* The level a code's length implies (functional 3/5/7, economic 3/5), or
 * JUE_LEVEL_NONE if the code is not all digits of such a length. */
jue_level jue_code_level(jue_cat_kind kind, const char *code);
/* Writes the parent code ("2101501" → "21015", "21015" → "210") into buf
 * (size >= 8); returns false for a 类 or a malformed code. */
bool jue_code_parent(jue_cat_kind kind, const char *code, char *buf, size_t n);

/* The official name of code in year, or NULL if the code does not exist
 * that year. */
const char *jue_catalog_name(const jue_catalog *cat, jue_cat_kind kind, const char *code, int year);
/* Where the name comes from (document and article), or NULL. */
const char *jue_catalog_source(const jue_catalog *cat, jue_cat_kind kind, const char *code, int year);
/* Children of code valid in year, in code order; code NULL or "" gives the 类.
 * Writes up to max pointers (into the catalog) to out and returns the total
 * count. */
size_t jue_catalog_children(const jue_catalog *cat, jue_cat_kind kind, const char *code,
                            int year, const char **out, size_t max);
/* The code whose name in year is exactly `name` at the given level under
 * parent (parent NULL = any), or NULL. For matching printed names. */
const char *jue_catalog_find_name(const jue_catalog *cat, jue_cat_kind kind, const char *name,
                                  jue_level level, const char *parent, int year);
/* Whether the catalog lists every code at code's place: its parent (or an
 * ancestor) is declared complete in the file ("# complete: 21015 …"), or it
 * is a 类 and every 类 is declared ("# complete: *"). When false, a code the
 * catalog lacks may be real but not entered: checks should not call it wrong. */
bool jue_catalog_complete_for(const jue_catalog *cat, jue_cat_kind kind, const char *code);
/* The same for the children of parent (NULL or "" = the 类). */
bool jue_catalog_lists_children(const jue_catalog *cat, jue_cat_kind kind, const char *parent);
/* Years the catalog covers for a kind (min and max over all rows). */
void jue_catalog_years(const jue_catalog *cat, jue_cat_kind kind, int *from, int *to);
/* Whether the catalog covers a year for a kind: a code or name it lacks that
 * year is then not that year's (outside it, nothing can be said). */
bool jue_catalog_covers(const jue_catalog *cat, jue_cat_kind kind, int year);
/* The year nearest to `year` that the catalog covers for a kind (to look a
 * name up in a document of a year it does not cover); year when none. */
int jue_catalog_near_year(const jue_catalog *cat, jue_cat_kind kind, int year);

#endif
