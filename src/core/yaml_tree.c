#include "yaml_tree.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* A parsed tree lives in one arena: its nodes, their item lists and their
 * texts, one after another in a few blocks, freed together. Made node by
 * node (a calloc each, a realloc for each item, a malloc for each text, then
 * a free for all of them) the tree cost a quarter as much as libyaml's own
 * parsing of the data files. */
typedef struct block {
    struct block *next;
    size_t used, cap;
    max_align_t data[];
} block;

static void *arena_alloc(block **a, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    block *b = *a;
    if (!b || b->cap - b->used < n) {
        size_t cap = b && b->cap < 262144 ? 2 * b->cap : b ? b->cap : 8192;
        if (cap < n) cap = n;
        block *nb = malloc(sizeof *nb + cap);
        if (!nb) return NULL;
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        *a = b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

static void arena_free(block *b)
{
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
}

void jue_ynode_free(jue_ynode *n)
{
    if (!n) return;
    if (n->arena) { arena_free(n->arena); return; }
    /* a root made without an arena (the empty document's) */
    for (size_t i = 0; i < n->n; i++) jue_ynode_free(n->items[i]);
    free(n->items);
    free(n->value);
    free(n);
}

#define MAX_DEPTH 64

/* The parse: the arena, and the items of the open maps and lists, each
 * list's from open[d] on in pend, moved into the arena when it closes. */
typedef struct {
    block *arena;
    jue_ynode **pend;
    size_t npend, cap;
    size_t open[MAX_DEPTH];
} build;

static jue_ynode *new_node(build *B, const yaml_event_t *ev, int line, int col)
{
    jue_ynode *node = arena_alloc(&B->arena, sizeof *node);
    if (!node) return NULL;
    memset(node, 0, sizeof *node);
    node->line = line;
    node->col = col;
    if (ev->type != YAML_SCALAR_EVENT) {
        node->type = ev->type == YAML_MAPPING_START_EVENT ? JUE_Y_MAP : JUE_Y_SEQ;
        return node;
    }
    node->type = JUE_Y_SCALAR;
    node->value = arena_alloc(&B->arena, ev->data.scalar.length + 1);
    if (!node->value) return NULL;
    memcpy(node->value, ev->data.scalar.value, ev->data.scalar.length);
    node->value[ev->data.scalar.length] = 0;
    node->plain_null = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                       (!strcmp(node->value, "") || !strcmp(node->value, "~") || !strcmp(node->value, "null"));
    return node;
}

static bool push(build *B, jue_ynode *child)
{
    if (B->npend == B->cap) {
        size_t nc = B->cap ? 2 * B->cap : 256;
        jue_ynode **np = realloc(B->pend, nc * sizeof *np);
        if (!np) return false;
        B->pend = np;
        B->cap = nc;
    }
    B->pend[B->npend++] = child;
    return true;
}

/* The map or list that closes takes its items from pend. */
static bool close_node(build *B, jue_ynode *node, int depth)
{
    size_t from = B->open[depth];
    node->n = B->npend - from;
    if (node->n) {
        node->items = arena_alloc(&B->arena, node->n * sizeof *node->items);
        if (!node->items) return false;
        memcpy(node->items, B->pend + from, node->n * sizeof *node->items);
    }
    B->npend = from;
    return true;
}

/* libyaml's most common problems, said in Chinese with their usual cause;
 * NULL for the others (shown as libyaml words them). */
static const char *problem_cn(const char *problem)
{
    static const struct { const char *en, *cn; } T[] = {
        { "mapping values are not allowed in this context",
          "此处不能出现“键: 值”（值中有未加引号的冒号，或缩进不对？）" },
        { "did not find expected key", "没有找到应有的键（缩进是否对齐？）" },
        { "did not find expected node content", "此处缺少值" },
        { "found character that cannot start any token",
          "此字符不能作为开头（缩进须用空格而不是制表符；以特殊字符开头的值请加引号）" },
        { "could not find expected ':'", "没有找到应有的冒号“:”" },
        { "found unexpected end of stream", "文件意外结束（引号或括号没有闭合？）" },
        { "did not find expected ',' or ']'", "没有找到应有的“,”或“]”" },
        { "did not find expected ',' or '}'", "没有找到应有的“,”或“}”" },
        { "block sequence entries are not allowed in this context", "此处不能出现列表项“- ”（缩进不对？）" },
        { "found unknown escape character", "未知的转义字符（字符串中的反斜杠请写作\\\\）" },
        { "control characters are not allowed", "不允许控制字符" },
        { "found a tab character that violates indentation", "缩进中有制表符（请用空格）" },
        { "found a tab character where an indentation space is expected", "缩进中有制表符（请用空格）" },
        { "did not find expected <document start>", "此处应为文档的开头" },
        { "found undefined tag handle", "未定义的标签（!）" },
    };
    for (size_t i = 0; problem && i < sizeof T / sizeof T[0]; i++)
        if (!strcmp(problem, T[i].en)) return T[i].cn;
    return NULL;
}

jue_status jue_yaml_parse(const char *file, const char *text, size_t len, jue_ynode **out,
                          jue_diags *diags)
{
    *out = NULL;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) return JUE_ERR_NOMEM;
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    jue_ynode *stack[MAX_DEPTH];
    int depth = 0;
    jue_ynode *root = NULL;
    jue_status st = JUE_OK;
    int docs = 0;
    build B = { 0 };
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            const char *cn = problem_cn(p.problem);
            jue_diag_add(diags, JUE_SEV_ERROR, file, (int)p.problem_mark.line + 1,
                         (int)p.problem_mark.column + 1, "YAML格式有误：%s%s%s", cn ? cn : p.problem ? p.problem : "",
                         !cn && p.context ? " " : "", !cn && p.context ? p.context : "");
            st = JUE_ERR_SYNTAX;
            break;
        }
        int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
        jue_ynode *node = NULL;
        bool done = false;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT: done = true; break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                jue_diag_add(diags, JUE_SEV_ERROR, file, line, col,
                             "只允许一个YAML文档");
                st = JUE_ERR_SYNTAX;
                done = true;
            }
            break;
        case YAML_ALIAS_EVENT:
            jue_diag_add(diags, JUE_SEV_ERROR, file, line, col,
                         "不支持YAML别名（*name），请直接写出值");
            st = JUE_ERR_SYNTAX;
            done = true;
            break;
        case YAML_SCALAR_EVENT:
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            node = new_node(&B, &ev, line, col);
            if (!node) { st = JUE_ERR_NOMEM; done = true; break; }
            if (depth > 0) {
                if (!push(&B, node)) { st = JUE_ERR_NOMEM; done = true; break; }
            } else if (!root) {
                root = node;
            }
            if (node->type != JUE_Y_SCALAR) {
                if (depth == MAX_DEPTH) {
                    jue_diag_add(diags, JUE_SEV_ERROR, file, line, col, "嵌套超过%d层", MAX_DEPTH);
                    st = JUE_ERR_SYNTAX;
                    done = true;
                    break;
                }
                B.open[depth] = B.npend;
                stack[depth++] = node;
            }
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            if (depth > 0) {
                depth--;
                if (!close_node(&B, stack[depth], depth)) { st = JUE_ERR_NOMEM; done = true; }
            }
            break;
        default: break;
        }
        yaml_event_delete(&ev);
        if (done) break;
    }
    yaml_parser_delete(&p);
    free(B.pend);
    if (st != JUE_OK) { arena_free(B.arena); return st; }
    if (root) root->arena = B.arena;
    if (!root) {
        root = calloc(1, sizeof *root);
        if (!root) return JUE_ERR_NOMEM;
        root->type = JUE_Y_MAP;
        root->line = root->col = 1;
    }
    *out = root;
    return JUE_OK;
}

const jue_ynode *jue_ymap_get(const jue_ynode *map, const char *key)
{
    if (!map || map->type != JUE_Y_MAP) return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->items[i]->type == JUE_Y_SCALAR && !strcmp(map->items[i]->value, key))
            return map->items[i + 1];
    return NULL;
}

jue_status jue_yaml_load(const char *path, const char *default_rel, char *file, size_t n, jue_ynode **out,
                         jue_diags *diags)
{
    *out = NULL;
    if (path) snprintf(file, n, "%s", path);
    else snprintf(file, n, "%s/%s", jue_data_dir(), default_rel);
    char *text;
    size_t len;
    if (jue_read_file(file, &text, &len) != JUE_OK) {
        jue_diag_add(diags, JUE_SEV_ERROR, file, 0, 0, "无法读取该文件");
        return JUE_ERR_IO;
    }
    jue_status st = jue_yaml_parse(file, text, len, out, diags);
    free(text);
    return st;
}
