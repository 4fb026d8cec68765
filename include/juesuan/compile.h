/* juesuan/compile.h — ledger → the nine public tables.
 *
 * jue_compile consolidates all units, rolls lines up 项→款→类→合计, builds
 * every table from the same consolidated cells, and applies controlled
 * rounding to 0.01 万元 (docs/rounding.md): every printed total equals the sum
 * of its printed parts, every identity between tables holds on the printed
 * figures, and every printed cell is within 0.01 万元 of its true value.
 */
#ifndef JUESUAN_COMPILE_H
#define JUESUAN_COMPILE_H

#include "profile.h"
#include "source.h"

typedef struct {
    size_t atoms;           /* consolidated cells rounded */
    size_t constraints;     /* printed cells that sum two or more of them */
    size_t iterations;      /* local-search moves */
    size_t unresolved;      /* printed cells left beyond 0.01 万元 (0 normally) */
    jue_fen max_deviation;  /* largest |printed − true| over all cells, 分 */
} jue_compile_stats;

/* Compiles src into a new disclosure (*out, free with jue_disclosure_free).
 * Findings about the data (e.g. 三公 actuals stated in department.yaml that
 * differ from the ledger) go to diags; JUE_ERR_INVALID if any is an error.
 * stats may be NULL. */
jue_status jue_compile(const jue_source *src, const jue_catalog *cat, const jue_profile *prof,
                       jue_disclosure **out, jue_compile_stats *stats, jue_diags *diags);

/* Gives d's tables the printed form the profile has: printed number and
 * label, 行次 or not, the line above and the 注 under each table, and the
 * note under a table marked empty. jue_compile does it; so does a build from
 * the nine tables as printed. */
void jue_compile_present(jue_disclosure *d, const jue_profile *prof);

/* A build from the nine tables as printed (d, read through a door and
 * audited): d takes the department, year, type and units of src
 * (department.yaml) and the profile's printed form; the figures stay as
 * printed, and the figures of d's own notes are dropped (the notes are
 * written anew). A year that differs from the tables' is an error at
 * department.yaml's year; each key of department.yaml the document needs
 * and the input lacks (jue_tables_required) is an error at its place.
 * JUE_ERR_INVALID when any error was added. */
jue_status jue_compile_tables(const jue_source *src, const jue_profile *prof, jue_disclosure *d, jue_diags *diags);

#endif
