/* The juesuan command line: a table of subcommands, one file each. The CLI
 * owns all messages and exit codes (the library never prints). */
#ifndef JUESUAN_CLI_H
#define JUESUAN_CLI_H

#include <juesuan/common.h>

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
