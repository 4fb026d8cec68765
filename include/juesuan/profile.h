/* juesuan/profile.h — a profile: what varies by province or template, as
 * data (data/profiles/<name>.yaml; docs/formats.md "Profiles"): the printed
 * number, order and label of each table, the 类 lines tables 01 and 04 list,
 * the notes for empty tables and the 注 under each table, whether the
 * tables print the 编制单位 line, the sentence template of the explanatory notes,
 * the glossary, the sections of 第一部分 概况 and whether the document has
 * 第五部分 附件. The national profile is the default; Shanghai 2024
 * (shanghai-2024) is the second.
 *
 * Every key of a profile file is checked: an unknown key, a value of the
 * wrong kind or a table listed twice is an error at file:line:col. */
#ifndef JUESUAN_PROFILE_H
#define JUESUAN_PROFILE_H

#include "catalog.h"
#include "model.h"

typedef struct jue_profile jue_profile;

/* Loads data/profiles/<name>.yaml (name NULL = "national"). Problems go to
 * diags with file:line:col; returns JUE_ERR_NOTFOUND for an unknown profile,
 * JUE_ERR_INVALID for a bad file. */
jue_status jue_profile_load(const char *name, jue_profile **out, jue_diags *diags);
/* The same from text; file names it in diagnostics, and the profile's name
 * is its `name:` (else the file name without directory and .yaml). */
jue_status jue_profile_parse(const char *file, const char *text, size_t len, jue_profile **out,
                             jue_diags *diags);
void jue_profile_free(jue_profile *p);

const char *jue_profile_name(const jue_profile *p);
/* Its `rules:` value as written (NULL when absent), with the file it was read
 * from and where the value stands (jue_rules_load_for checks it). */
const char *jue_profile_rules(const jue_profile *p, const char **file, int *line, int *col);
/* The functional 类 codes listed as expenditure lines of tables 01 and 04, in
 * order; the caller keeps only those the year's catalog has. */
size_t jue_profile_t01_classes(const jue_profile *p, const char *const **codes);
/* The note printed under an empty table, with {department} and {year}
 * already substituted. Caller frees. NULL if the profile has none. */
char *jue_profile_empty_note(const jue_profile *p, jue_table_id t, const char *department, int year);
/* The 注 printed under a table whatever its data (a profile's table_notes,
 * e.g. Shanghai "注：本表反映…"), {department} and {year} substituted. Caller
 * frees. NULL if the profile has none. */
char *jue_profile_table_note(const jue_profile *p, jue_table_id t, const char *department, int year);
/* Whether a table is headed "编制单位：X … 金额单位：万元" (national; the
 * default) or "单位：万元" alone (Shanghai, `preparer_line: false`). */
bool jue_profile_preparer_line(const jue_profile *p);
/* Printed table number of a national table (its place in 第二部分); 0 = not
 * printed. */
int jue_profile_table_number(const jue_profile *p, jue_table_id t);
/* The label printed with a table, from the profile's `table_label` format
 * ({nn} = the printed number in two digits, {n} = without the leading zero;
 * national "公开{nn}表" gives "公开01表"), written into buf. "" when the
 * profile prints no label (Shanghai) or the table is not printed. */
const char *jue_profile_table_label(const jue_profile *p, jue_table_id t, char *buf, size_t size);
/* Names of the data files the profile uses: the notes template
 * (data/templates/notes-<name>.yaml) and the glossary
 * (data/glossary/<name>.yaml); both "national" unless the profile says. */
const char *jue_profile_notes(const jue_profile *p);
const char *jue_profile_glossary(const jue_profile *p);
/* Whether the complete document has 第五部分 附件 (绩效自评, other matters). */
bool jue_profile_appendix(const jue_profile *p);
/* Whether the tables print 行次 columns and a 栏次 row (national: yes;
 * Shanghai: no, `line_numbers: false`). */
bool jue_profile_line_numbers(const jue_profile *p);

/* The sections of 第一部分 概况, in order. */
typedef enum {
    JUE_OV_DUTIES,        /* department.yaml duties: one paragraph per line */
    JUE_OV_ORGANISATION,  /* organisation, then the staffing sentence */
    JUE_OV_UNITS,         /* one sentence listing the units with their type */
    JUE_OV_UNITS_TABLE    /* the text, then a table 序号 | 单位名称 | 备注 */
} jue_overview_kind;

typedef struct {
    jue_overview_kind kind;
    const char *title;       /* "部门职责" (numbered 一、二、… by the document) */
    const char *text;        /* units, units_table: the sentence(s) before the
                              * list, {department} {year} {count} {units}
                              * substituted; NULL = the national wording */
    bool has_alt;            /* when the department has one unit only … */
    jue_overview_kind alt_kind;   /* … this section is printed instead */
    const char *alt_title;
} jue_overview_section;

/* The sections (owned by the profile). The national default is 部门职责
 * (duties), 机构设置 (organisation), 决算单位构成 (units). */
size_t jue_profile_overview(const jue_profile *p, const jue_overview_section **out);

#endif
