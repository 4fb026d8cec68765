/* Fuzz target: the source loader. The first byte picks which file of a small
 * valid source the rest of the input replaces (department.yaml, income.csv,
 * expenditure.csv, carryover.csv, budget.csv); the loader must report
 * problems as diagnostics and never crash or leak. A loaded source is also
 * compiled, so odd but valid sources exercise the compiler. */
#include <juesuan/compile.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const NAMES[5] = { "department.yaml", "income.csv", "expenditure.csv", "carryover.csv", "budget.csv" };
static const char *const VALID[5] = {
    "department: 测试局\nyear: 2024\nunits:\n  - { id: bj, name: 本级, main: true }\n",
    "unit,source,code,amount\nbj,一般公共预算,2101501,1000.00\n",
    "unit,fund,code,kind,econ,project,amount\nbj,一般公共预算,2101501,基本,30101,,1000.00\n",
    "unit,fund,when,code,amount\n",
    "code,budget,reason\n",
};

static char dir[64];
static jue_catalog *cat;
static jue_profile *prof;

static void write_file(const char *name, const void *p, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (n) fwrite(p, 1, n, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!cat) {
        jue_diags d;
        jue_diags_init(&d);
        if (jue_catalog_load(NULL, &cat, &d) != JUE_OK || jue_profile_load(NULL, &prof, &d) != JUE_OK) abort();
        jue_diags_free(&d);
        snprintf(dir, sizeof dir, "/tmp/jue-fuzz-source-XXXXXX");
        if (!mkdtemp(dir)) abort();
    }
    if (size == 0) return 0;
    int which = data[0] % 5;
    for (int i = 0; i < 5; i++) {
        if (i == which) write_file(NAMES[i], data + 1, size - 1);
        else write_file(NAMES[i], VALID[i], strlen(VALID[i]));
    }
    jue_diags d;
    jue_diags_init(&d);
    jue_source *s = NULL;
    jue_status st = jue_source_load(dir, cat, &s, &d);
    if (st == JUE_OK) {
        if (d.errors) abort();              /* success means no error diagnostics */
        jue_disclosure *disc = NULL;
        jue_compile(s, cat, prof, &disc, NULL, &d);
        jue_disclosure_free(disc);
    } else if (s || (st == JUE_ERR_INVALID && d.errors == 0)) {
        abort();                            /* failure must say why */
    }
    for (size_t i = 0; i < d.len; i++)
        if (!d.items[i].message || !d.items[i].file) abort();
    jue_source_free(s);
    jue_diags_free(&d);
    return 0;
}
