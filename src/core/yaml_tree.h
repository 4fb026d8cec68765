/* A YAML document as a tree with source positions, built with libyaml. Used
 * for department.yaml and the profiles, so every value can be reported as
 * file:line:col. Internal header. */
#ifndef JUE_YAML_TREE_H
#define JUE_YAML_TREE_H

#include <juesuan/common.h>

typedef enum { JUE_Y_SCALAR, JUE_Y_MAP, JUE_Y_SEQ } jue_ytype;

typedef struct jue_ynode jue_ynode;
struct jue_ynode {
    jue_ytype type;
    char *value;          /* scalar text (owned), NULL for map/seq */
    bool plain_null;      /* plain scalar "", "~" or "null" */
    int line, col;        /* 1-based */
    jue_ynode **items;    /* seq: items; map: key0, value0, key1, value1, ... */
    size_t n;             /* number of entries in items */
    void *arena;          /* the root of a parsed tree: the block all its nodes live in */
};

/* Parses text (len bytes). On a YAML syntax error adds a diagnostic naming
 * file:line:col and returns JUE_ERR_SYNTAX. Aliases and multi-document
 * streams are refused (a source is one plain document). *out owns the tree. */
jue_status jue_yaml_parse(const char *file, const char *text, size_t len, jue_ynode **out,
                          jue_diags *diags);
/* Reads and parses a YAML data file: path, or when path is NULL
 * <data dir>/<default_rel> ("rules/claims.yaml"); the path read goes to
 * file (size n), for the caller's own messages about the file's content.
 * A file that cannot be read is an error in diags naming it and
 * JUE_ERR_IO; otherwise as jue_yaml_parse. *out owns the tree. */
jue_status jue_yaml_load(const char *path, const char *default_rel, char *file, size_t n, jue_ynode **out,
                         jue_diags *diags);
/* Frees a tree jue_yaml_parse made (its root; never one of its subtrees). */
void jue_ynode_free(jue_ynode *n);
/* Map lookup by key; NULL if absent or not a map. */
const jue_ynode *jue_ymap_get(const jue_ynode *map, const char *key);

#endif
