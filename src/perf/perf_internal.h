/* Helpers shared by the perf modules. Internal header. */
#ifndef JUE_PERF_INTERNAL_H
#define JUE_PERF_INTERNAL_H

#include <juesuan/perf.h>

#include <string.h>

/* "12.5" → 1250 hundredths (0..100 分, at most 2 decimals); false otherwise. */
bool jue_perf_parse_points(const char *s, int *out);
/* Appends hundredths as "9.94" (always two decimals). */
void jue_perf_put_points(jue_buf *b, int h);
/* Appends a fixed-point indicator value, trailing zeros dropped: "98.6". */
void jue_perf_put_value(jue_buf *b, int64_t v);
/* Appends ppb as a percentage with 2 decimals: "99.39%". */
void jue_perf_put_rate(jue_buf *b, int64_t ppb);

/* The 绩效自评 checks (as jue_perf_audit_file) over a document already
 * imported: its grids doc (src/import/import_internal.h) and its tables disc
 * (may be NULL), so one import serves the table audit and these. */
typedef struct jue_idoc jue_idoc;
jue_status jue_perf_audit_doc(const jue_idoc *doc, const char *file, const jue_disclosure *disc,
                              const jue_profile *prof, const jue_perf_checks *checks, jue_findings *out);

extern const char *const JUE_PERF_L1_NAMES[JUE_L1_N];   /* 产出指标 … */
extern const char *const JUE_PERF_BAND_NAMES[4];        /* "", 达成, 部分达成, 未达成 */

/* s begins with p. */
static inline bool jue_perf_starts(const char *s, const char *p) { return !strncmp(s, p, strlen(p)); }

#endif
