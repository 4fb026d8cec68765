/* The juesuan command line: a table of subcommands, one file each. The CLI
 * owns all messages and exit codes (the library never prints). */
#ifndef JUESUAN_CLI_H
#define JUESUAN_CLI_H

#include <juesuan/auditor.h>
#include <juesuan/common.h>
#include <juesuan/store.h>

/* Exit codes (docs/user-guide.md). */
enum {
    EXIT_CLEAN = 0,      /* done, no error findings */
    EXIT_FINDINGS = 1,   /* error findings */
    EXIT_USAGE = 2,      /* bad usage, or a file could not be read or written (a
                            required file of a source, an empty or damaged
                            document, an image given to audit) */
    EXIT_BADINPUT = 3    /* a source, rule or profile file has mistakes */
};

typedef struct {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
    void (*usage)(void);
} cli_command;

int cmd_build(int argc, char **argv);
void usage_build(void);
int cmd_demo(int argc, char **argv);
void usage_demo(void);
int cmd_audit(int argc, char **argv);
void usage_audit(void);
int cmd_store(int argc, char **argv);
void usage_store(void);

int cmd_report(int argc, char **argv);
void usage_report(void);
int cmd_serve(int argc, char **argv);
void usage_serve(void);

/* ---- audit: one document, and many (cli/batch.c) ---- */

/* The auditor's load failure (jue_auditor_new, or its rules read on demand:
 * jue_auditor_failed) as an exit code; prints d and the message. */
int cli_auditor_failed(jue_status st, const char *rules_file, jue_diags *d);
/* Audits one FILE (a source directory is compiled, a file imported),
 * printing why a file was not audited; why gets that reason as a finding
 * says it. Returns an exit code. */
int cli_audit_one(const jue_auditor *a, const char *path, jue_disclosure **out, jue_doc_kind *kind,
                  jue_findings *f, jue_diags *d, jue_buf *why);

/* The audit report as HTML: a list of the documents, then each one's
 * findings linked to the highlighted cells of its rendered tables. */
typedef struct {
    const char *path;
    jue_disclosure *d;
    jue_findings f;         /* its own findings, in document order */
} cli_audited;
int cli_audit_html(const cli_audited *a, size_t n, jue_buf *out);
/* s with & < > " as entities. */
void cli_html_esc(jue_buf *b, const char *s);

/* The documents of audit's arguments: a folder is walked (recursively, in
 * name order, the .pdf .docx .html .htm .xlsx .txt files and the source
 * folders in it); a file or a source folder stays as given. */
typedef struct {
    char **v;
    size_t n, cap;
} cli_paths;
bool cli_walk(const char *const *args, size_t n, cli_paths *out);
void cli_paths_free(cli_paths *p);
bool cli_is_source(const char *dir);   /* holds department.yaml */

typedef struct {
    char *const *files;
    size_t n;
    const jue_auditor *aud;
    const char *store;      /* NULL = no store */
    const char *profile;
    bool jsonl, verbose;
    int jobs;               /* worker processes */
} cli_batch;
/* Audits every file with b->jobs worker processes; findings on stdout in
 * the files' order whatever the scheduling; progress on stderr when it is a
 * terminal. Returns the exit code. */
int cli_batch_run(const cli_batch *b);

/* Prints diagnostics as "file:line:col: 错误：message" (警告, 提示) to
 * stderr, in document order, each once; bytes that are not UTF-8 shown as
 * \xNN. Infos only when verbose. */
void cli_print_diags(jue_diags *d, bool verbose);
/* "juesuan：错误：..." to stderr (invalid bytes shown as \xNN). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Shared by build and demo: load catalog + profile + source, compile, render.
 * Returns an exit code; prints diagnostics. */
int cli_build_source(const char *src_dir, const char *out_dir, unsigned formats, const char *profile,
                     bool force, bool quiet);

#endif
