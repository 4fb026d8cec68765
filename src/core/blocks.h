/* Strings kept in blocks that are freed together: a table's row keys and
 * names (model.c), the claims' printed figures and names (claims/extract.c).
 * Each block is twice the size of the one before, up to a most; a request
 * larger than a block gets a block of its own size. */
#ifndef JUE_CORE_BLOCKS_H
#define JUE_CORE_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>

struct jue_block;

/* n bytes in the newest block of *head (a new one when it has no room:
 * first bytes for the first, doubling to most); NULL when out of memory. */
char *jue_block_take(struct jue_block **head, size_t n, size_t first, size_t most);
/* Whether p lies in one of the blocks. */
bool jue_block_holds(const struct jue_block *head, const void *p);
/* Gives back the bytes from p on when p is in the newest block (what was
 * taken after it). */
void jue_block_back_to(struct jue_block *head, const char *p);
/* Frees every block; *head becomes NULL. */
void jue_blocks_free(struct jue_block **head);

#endif
