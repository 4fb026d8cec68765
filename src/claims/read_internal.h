/* The reading of the notes, shared by its files: the lexicon (lexicon.c),
 * paragraphs rebuilt from lines (extract.c), 项 statements resolved through
 * the catalog (resolve.c) and sentences read figure by figure (sentence.c). */
#ifndef JUE_CLAIMS_READ_INTERNAL_H
#define JUE_CLAIMS_READ_INTERNAL_H

#include <juesuan/claims.h>
#include <juesuan/model.h>

#include <stdint.h>
#include <string.h>

/* ---------- the lexicon (lexicon.c) ---------- */

/* The character at p as a number: its UTF-8 bytes (at most 4, never past
 * end), the first in the lowest byte; *n: how many. */
static inline uint32_t cx_char_key(const char *p, const char *end, size_t *n)
{
    unsigned char b0 = (unsigned char)*p;
    size_t k = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    if ((size_t)(end - p) < k) k = (size_t)(end - p);
    *n = k;
    if (k == 3)   /* most of the notes: without the loop */
        return b0 | (uint32_t)(unsigned char)p[1] << 8 | (uint32_t)(unsigned char)p[2] << 16;
    uint32_t key = 0;
    for (size_t i = 0; i < k; i++) key |= (uint32_t)(unsigned char)p[i] << (8 * i);
    return key;
}

#define CX_EACH_MAX 4
#define CX_SCOPES_MAX 64
typedef struct {
    char *phrase, *scope;
    int scope_id;         /* its scope's index in jue_lexicon.scopes, or −1 (none, or too many) */
    jue_subject subject;  /* what the phrase names (JUE_SUBJ_NAMED) */
    jue_fact fact;        /* the table figure the subject is, or none */
    size_t plen;
    /* `each`: a phrase that names several subjects at once ("收、支总计" =
     * 收入总计 and 支出总计), the phrases of each; 分别/各/均 after it give
     * its figures to them */
    char *each[CX_EACH_MAX];
    size_t neach;
} lex_entry;

/* The three bytes at p as a number, the first in the lowest byte: a
 * three-byte character's cx_char_key (p must have three bytes). */
static inline uint32_t cx_key3(const char *p)
{
    return (unsigned char)p[0] | (uint32_t)(unsigned char)p[1] << 8 | (uint32_t)(unsigned char)p[2] << 16;
}

/* The words that begin with one character: the lexicon's entries
 * lex_order[lex, lex + nlex) — longest first, a scoped phrase before an
 * unscoped one as long, else in the file's order, so the first that fits
 * is the one to take — and the sentence reader's keywords kw_order[kw,
 * kw + nkw), in their table's order. */
typedef struct {
    uint32_t ch;          /* cx_char_key of the character; 0: an empty slot */
    uint16_t lex, nlex, kw, nkw;
    /* cx_second_bit of each word's second character; all bits if a word
     * has no whole second character (占): a position whose second character's
     * bit is not here starts none of the words */
    uint64_t second;
} word_slot;

struct jue_lexicon {
    lex_entry *e;
    size_t n;
    jue_partition *parts;   /* wholes and the parts that exhaust them */
    size_t nparts;
    /* the words by their first character, open-addressed: one probe at a
     * position of a sentence finds all that may start there */
    word_slot *slot;
    unsigned slot_bits;
    uint64_t first[64];     /* cx_first_bit of every word's first character */
    uint16_t *lex_order, *kw_order;
    /* the scopes the phrases have, each once (their entries' scope_id) */
    const char *scopes[CX_SCOPES_MAX];
    size_t nscopes;
};


/* The keywords of the sentence reader (sentence.c) in their table's order:
 * the k-th, or NULL past the last. */
const char *cx_keyword_word(size_t k);
/* The first keyword (in table order) that starts at p, or −1 (w:
 * cx_words_at p; NULL finds none). */
int cx_keyword_at(const jue_lexicon *lx, const word_slot *w, const char *p, const char *end);

/* A character key as one of 64 bits (a filter on a set of keys). */
static inline uint64_t cx_key_bit(uint32_t key)
{
    return (uint64_t)1 << ((key * 0x9E3779B1u) >> 26);
}

/* A character key as one of 4,096 bits (jue_lexicon.first). */
static inline uint32_t cx_first_bit(uint32_t key)
{
    return (key * 0x9E3779B1u) >> 20;
}

/* A character (at p, before end) as one of 64 bits: the filter on a word's
 * second character (word_slot.second). */
static inline uint64_t cx_second_bit(const char *p, const char *end)
{
    size_t n;
    return p < end ? cx_key_bit(cx_char_key(p, end, &n)) : 1;
}

/* The words that begin with the character whose key is key (the next
 * character at next), or NULL if none does (or none can: the next character
 * is no second character of theirs). */
static inline const word_slot *cx_words_of(const jue_lexicon *lx, uint32_t key, const char *next, const char *end)
{
    uint32_t b = cx_first_bit(key);
    if (!(lx->first[b >> 6] >> (b & 63) & 1)) return NULL;   /* most characters start no word */
    size_t mask = ((size_t)1 << lx->slot_bits) - 1;
    for (size_t h = (key * 0x9E3779B1u) >> (32 - lx->slot_bits); lx->slot[h].ch; h = (h + 1) & mask)
        if (lx->slot[h].ch == key) return lx->slot[h].second & cx_second_bit(next, end) ? &lx->slot[h] : NULL;
    return NULL;
}

/* The words that begin with the character at p (cx_words_of). */
static inline const word_slot *cx_words_at(const jue_lexicon *lx, const char *p, const char *end)
{
    size_t n;
    uint32_t key = cx_char_key(p, end, &n);
    return cx_words_of(lx, key, p + n, end);
}

/* ---------- text helpers ---------- */

static inline bool starts(const char *p, const char *end, const char *lit)
{
    /* the first byte first: most positions fail there; the rest of a
     * literal (a few bytes) compared here, without strlen and memcmp */
    if (p >= end || *p != *lit) return false;
    for (size_t i = 1; lit[i]; i++)
        if (p + i >= end || p[i] != lit[i]) return false;
    return true;
}

static inline bool is_digit_at(const char *p, const char *end)
{
    if (p < end && *p >= '0' && *p <= '9') return true;
    /* full-width ０–９: EF BC 90–99 */
    return end - p >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBC &&
           (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x99;
}

/* strstr within [s, e): the input is not NUL-terminated. */
const char *cx_bfind(const char *s, const char *e, const char *lit);
/* Finds the first of two spellings ("（类）" or "(类)"); sets *mlen. */
const char *cx_find2(const char *s, const char *e, const char *full, const char *half, size_t *mlen);
/* cx_find2 of "（X）" and "(X)", X the three-byte character ch ("类"). */
const char *cx_find_mark(const char *s, const char *e, const char *ch, size_t *mlen);
/* cx_find_mark of 项. */
const char *cx_find_item_mark(const char *s, const char *e, size_t *mlen);

/* ---------- paragraphs with a position map ---------- */

/* Where a stretch of a paragraph's text came from: the bytes from `at` to
 * the next stretch's, from one source line and page, the first at column
 * col and each character after it one column on — or, fixed, every byte at
 * col (a full-width mark put for an ASCII one). Stretches start at strictly
 * increasing offsets. */
typedef struct {
    size_t at;
    int line, col, page;   /* page 0 when the door has none */
    bool fixed;
} pseg;

typedef struct {
    jue_buf text;
    pseg *seg;
    size_t nseg, segcap;
} para;

/* The source line, column (characters) and page of byte off of P's text. */
void cx_para_place(const para *P, size_t off, int *line, int *col, int *page);
/* The first offset m in [from, to) (from > 0) whose byte is on another source
 * line than byte m - 1, or to when none is. */
size_t cx_para_break(const para *P, size_t from, size_t to);

/* ---------- a list of subjects, and 分别/各/均 (respectively.c) ---------- */

#define CX_LIST_MAX 6
typedef enum {
    CX_DIST_NONE,
    CX_DIST_RESP,     /* 分别: one figure each, in the list's order */
    CX_DIST_EACH,     /* 均, 都: one figure for every subject */
    CX_DIST_EITHER    /* 各: either, by the count of figures */
} cx_dist;

typedef enum { CX_KIND_AMOUNT, CX_KIND_PERCENT, CX_KIND_COUNT, CX_KIND_OTHER } cx_kind;

/* The subjects of a list ("基本支出、项目支出", "收入、支出总计", "收、支总计")
 * and the run of figures a distributing word shares out over them. */
typedef struct {
    const lex_entry *e[CX_LIST_MAX];   /* the subjects, in their order */
    int n;
    const char *end;                   /* where the list's last subject is printed to */
    bool figures;                      /* a figure read since the list (it is closed) */
    bool joined;                       /* two subjects or more joined ("人员经费和公用经费"), no figure
                                          read since: one amount after them is their total */
    cx_dist mode;
    int run[CX_LIST_MAX + 1];          /* the claims of the open run of figures */
    int nrun;
    bool run_over;                     /* more figures than fit: the run is not read */
    cx_kind kind;                      /* of the open run */
    int kw;                            /* its role word (sentence.c's keyword), for a figure that repeats none */
    char whole[128];                   /* a share's named whole ("分别占本年支出合计的…") */
    bool closed;                       /* a clause mark ended the run: the next figure starts another */
    /* the subjects stated each with its own amount so far in the sentence
     * ("基本支出804.49万元、项目支出23061.03万元，分别占…"): the list 分别 shares
     * out over when no subjects are joined before it; nsaid > CX_LIST_MAX: too many */
    const lex_entry *said[CX_LIST_MAX];
    int nsaid;
} cx_list;

/* ---------- extraction state ---------- */

typedef struct {
    const jue_lexicon *lx;
    const jue_catalog *cat;
    int year;
    int cat_year;         /* the year names are looked up in: year, or the catalog's nearest */
    bool cat_covered;     /* the catalog covers year: a name it lacks is not that year's */
    jue_claims *out;
    char context[512];    /* current section titles, for lexicon scopes */
    uint64_t scope_in;    /* the lexicon's scopes context holds, by scope_id, once scope_known */
    bool scope_known;     /* false when context changed since (cx_match_subject finds them) */
    int section;
    int page;             /* the page of the line being read */
    int sentence;
    int in_sentence;      /* figures in the sentence so far */
    bool over;            /* JUE_CLAIMS_MAX reached */
    jue_subject item_subject;   /* the 项 statement in force (XIANG or ITEM), or none */
    char *item_names;
    jue_fact item_fact;   /* its row of table 05 (07, 08), or none */
    bool item_resolved;
    bool item_partial;    /* the names differ where the catalog is not complete */
    bool nomem;
    const jue_note_line *item_until;   /* the last line an item statement took */
    const jue_note_line *title_until;  /* the last line a heading cut by a wrap took */
    jue_buf pending;      /* in a single-space copy, an item's first line whose names broke off */
    int pending_line;
    const char *lei[100];   /* the year's 类 names ("社会保障和就业支出"), for "X支出92.04万元" */
    char lei_code[100][4];
    uint32_t lei_first[100];   /* cx_char_key of each name's first character; 0: none (compare it all) */
    uint64_t lei_first_bits[64];   /* cx_first_bit of each lei_first; all bits if one is 0 */
    int nlei;
    /* the lexicon's first characters (jue_lexicon.first) and the characters
     * other than a word's that a handler may start at (其 决 分 各 均 都), as
     * cx_first_bit: a Chinese character whose bit is not here is passed at
     * once (sentence.c's pass_plain) */
    uint64_t plain_stop[64];
} ex;

/* sentence.c: sets what the sentence reader keeps for the read (plain_stop). */
void cx_reader_init(ex *x);

/* The longest lexicon phrase at p whose scope the current section has (w:
 * cx_words_at p; NULL finds none). */
const lex_entry *cx_match_subject(ex *x, const word_slot *w, const char *p, const char *end);

/* The claims' strings (jue_claims.strs): room for n bytes, or NULL (no
 * memory); a copy of the n bytes at s with a NUL after them, or NULL (s
 * NULL, or no memory). */
char *cx_str_room(jue_claims *o, size_t n);
char *cx_strn(jue_claims *o, const char *s, size_t n);
static inline char *cx_strdup(jue_claims *o, const char *s)
{
    return s ? cx_strn(o, s, strlen(s)) : NULL;
}

/* Appends c (taking its strings); a figure under a 项 statement carries the
 * statement's printed names. Returns its index, or -1 (c's strings freed). */
int cx_add_claim(ex *x, jue_claim *c);

/* resolve.c: "X（类）Y（款）Z（项）" at [s, e) becomes the 项 statement in force. */
void cx_item_statement(ex *x, const char *s, const char *e);

/* sentence.c: reads the sentence [from, to) of the paragraph into claims. */
void cx_read_sentence(ex *x, const para *P, size_t from, size_t to);
/* respectively.c: a lexicon subject m read at p (the sentence begins at
 * start) joins the list before it ("基本支出、项目支出") or begins one; the
 * entry returned is the subject in force: m, or the one the list makes of it
 * ("财政拨款收入总计、支出总计": 财政拨款支出总计). */
const lex_entry *cx_list_subject(ex *x, cx_list *L, const lex_entry *m, const char *start, const char *p);
/* A word at p that shares the figures after it over a list of two or more
 * (分别, 各为, 均为, 都是 …): its length, or 0. */
size_t cx_list_word(ex *x, cx_list *L, const char *start, const char *p, const char *end);
/* At a clause mark p: a mark not followed by the next figure of the run
 * ("，与上年相比…") ends it. */
void cx_list_mark(const ex *x, cx_list *L, const char *p, const char *end);
/* A figure's unit when it has none and the list's last figure has one
 * ("4125.49,4143.91万元", "804.49、23061.03万元"): the run's figures share
 * it. sp: after the figure and its spaces. */
bool cx_list_unit(const cx_list *L, const char *sp, const char *end, jue_unit *unit);
/* Before a figure of kind k: closes a run it does not continue. True when it
 * continues one: the caller gives it the run's role word (L->kw) if it
 * repeats none. */
bool cx_list_before(ex *x, cx_list *L, cx_kind k);
/* After a figure: the claims from index `from` on join the run (kw: the role
 * word they were read with). */
void cx_list_after(ex *x, cx_list *L, size_t from, int kw, const char *whole);
/* Ends the run: each figure gets its subject, or — the counts do not match
 * — none, and is marked unsure. */
void cx_list_close(ex *x, cx_list *L);
/* A new subject not in the list, or the sentence's end: the list is done. */
void cx_list_reset(ex *x, cx_list *L);
/* An amount was stated for subject e (the subject in force, named with it). */
void cx_list_said(cx_list *L, const lex_entry *e);

/* The template marks ("XX局") of a table row in P, a sentence of its own. */
void cx_read_row_marks(ex *x, const para *P);

#endif
