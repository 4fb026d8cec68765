/* juesuan/narrative.h — the explanatory notes (第三部分 情况说明) written from
 * the compiled tables and the source, by sentence templates that are data
 * (data/templates/notes-<profile>.yaml; docs/narrative.md).
 *
 * Every figure is taken from the printed tables (so the notes agree with
 * them to the last digit) or computed from them: shares of one whole are
 * rounded together so they add to exactly 100.00% (largest remainder),
 * changes on last year are printed this year minus last year's figure
 * rounded to 0.01 万元, percentages follow from the figures as printed. */
#ifndef JUESUAN_NARRATIVE_H
#define JUESUAN_NARRATIVE_H

#include "profile.h"
#include "source.h"

/* Appends the notes as Markdown to out ("## 一、…" sections, one paragraph
 * per statement). template NULL = data/templates/notes-national.yaml.
 * Problems with the template (unknown value, unbalanced block) and with the
 * source (a required reason missing) go to diags; returns JUE_ERR_INVALID
 * when the template is wrong, JUE_OK otherwise. */
jue_status jue_notes_markdown(const jue_source *src, const jue_disclosure *d, const jue_catalog *cat,
                              const char *template_path, jue_buf *out, jue_diags *diags);
/* The same with the template the profile names (its `notes:`,
 * data/templates/notes-<notes>.yaml; national when prof is NULL). */
jue_status jue_notes_markdown_profile(const jue_source *src, const jue_disclosure *d, const jue_catalog *cat,
                                      const jue_profile *prof, jue_buf *out, jue_diags *diags);

#endif
