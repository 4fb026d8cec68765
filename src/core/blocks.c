/* Strings in blocks freed together (blocks.h). */
#include "core/blocks.h"

#include <stdint.h>
#include <stdlib.h>

struct jue_block {
    struct jue_block *next;   /* the block filled before */
    size_t used, cap;
    char data[];
};

char *jue_block_take(struct jue_block **head, size_t n, size_t first, size_t most)
{
    struct jue_block *b = *head;
    if (!b || b->cap - b->used < n) {
        size_t cap = !b ? first : b->cap < most ? 2 * b->cap : most;
        if (cap < n) cap = n;
        struct jue_block *nb = malloc(sizeof *nb + cap);
        if (!nb) return NULL;
        *nb = (struct jue_block){ b, 0, cap };
        *head = b = nb;
    }
    char *p = b->data + b->used;
    b->used += n;
    return p;
}

bool jue_block_holds(const struct jue_block *head, const void *p)
{
    for (const struct jue_block *b = head; b; b = b->next)
        if ((uintptr_t)p - (uintptr_t)b->data < b->cap) return true;
    return false;
}

void jue_block_back_to(struct jue_block *head, const char *p)
{
    if (head && p >= head->data && p < head->data + head->used) head->used = (size_t)(p - head->data);
}

void jue_blocks_free(struct jue_block **head)
{
    for (struct jue_block *b = *head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    *head = NULL;
}
