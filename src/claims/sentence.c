/* A sentence of the notes read left to right: a subject phrase from the
 * lexicon sets what the following figures speak of, a keyword (增加/减少, 占,
 * 完成, 预算, 决算, 其中) sets their role, and each figure becomes a claim
 * with the interval its printed precision allows and its line and column.
 * Each shape of text the reader meets has its handler below. */
#include <juesuan/model.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/encoding.h"
#include "read_internal.h"

/* K_GAP: a gap whose direction is not said ("差值为0.9万元"); K_PASS: a
 * name holding a role word that is none ("一般公共预算" is no 预算);
 * K_REASON: the figures after it are the reason's (on_reason) */
typedef enum { K_NONE, K_UP, K_DOWN, K_SAME, K_SHARE, K_COMPLETE, K_BUDGET, K_ACTUAL, K_GAP_UP, K_GAP_DOWN, K_GAP,
               K_PASS, K_REASON } keyword;

/* with their lengths: they are compared at every position a word may start */
static const struct { const char *w; size_t n; keyword k; } KEYWORDS[] = {
#define KW(lit, kind) { lit, sizeof lit - 1, kind }
    KW("增加", K_UP), KW("增长", K_UP), KW("上升", K_UP), KW("提高", K_UP), KW("增", K_UP),
    KW("减少", K_DOWN), KW("下降", K_DOWN), KW("降低", K_DOWN), KW("减", K_DOWN), KW("节约", K_DOWN), KW("降幅", K_DOWN),
    KW("持平", K_SAME), KW("无增减", K_SAME),
    KW("完成年初预算的", K_COMPLETE), KW("完成年度预算的", K_COMPLETE), KW("完成全年预算的", K_COMPLETE), KW("完成年初预算", K_COMPLETE), KW("完成预算的", K_COMPLETE),
    KW("完成预算", K_COMPLETE), KW("占", K_SHARE), KW("完成", K_COMPLETE), KW("执行率", K_COMPLETE),
    KW("年初预算", K_BUDGET), KW("预算数", K_BUDGET), KW("预算为", K_BUDGET), KW("预算", K_BUDGET),
    KW("决算数", K_ACTUAL), KW("决算为", K_ACTUAL), KW("支出决算", K_ACTUAL), KW("决算支出", K_ACTUAL),
    KW("差值", K_GAP), KW("差额", K_GAP), KW("相差", K_GAP), KW("差异", K_GAP), KW("结余", K_GAP),
    KW("原因", K_REASON),
    KW("一般公共预算", K_PASS), KW("政府性基金预算", K_PASS), KW("国有资本经营预算", K_PASS),
#undef KW
};

#define NKW (sizeof KEYWORDS / sizeof KEYWORDS[0])

const char *cx_keyword_word(size_t k)
{
    return k < NKW ? KEYWORDS[k].w : NULL;
}

int cx_keyword_at(const jue_lexicon *lx, const word_slot *w, const char *p, const char *end)
{
    for (size_t i = 0; w && i < w->nkw; i++) {
        int k = lx->kw_order[w->kw + i];
        size_t n = KEYWORDS[k].n;
        if ((size_t)(end - p) >= n && p[n - 1] == KEYWORDS[k].w[n - 1] && !memcmp(p, KEYWORDS[k].w, n)) return k;
    }
    return -1;
}

/* A claim for the text [p, q) of the sentence being read, placed where it
 * is printed; the caller sets what it says. */
static jue_claim claim_at(const ex *x, const para *P, const char *base, const char *p, const char *q,
                          jue_claim_role role)
{
    jue_claim c = { 0 };
    c.role = role;
    c.printed = cx_strn(x->out, p, (size_t)(q - p));
    cx_para_place(P, (size_t)(p - base), &c.line, &c.col, &c.page);
    c.sentence = x->sentence;
    c.parent = -1;
    c.section = x->section;
    return c;
}

/* Brackets of a sentence, and the 其中 lists opened inside them: "项目支出
 * 100万元，其中A项目60万元（其中设备40万元、劳务20万元），B项目40万元" — the
 * parts in brackets are the bracketed figure's, and after the bracket the
 * outer list goes on, so each figure is counted in one whole only. */
#define NEST_MAX 4
typedef struct {
    int depth;                 /* brackets open */
    int n;                     /* nested lists open */
    int at[NEST_MAX];          /* the depth each was opened at; −1: after a part, no bracket */
    int parent[NEST_MAX], count_parent[NEST_MAX];   /* what they replaced */
    const jue_subject *subj[NEST_MAX];              /* the subject in force when each opened */
    const jue_fact *sfact[NEST_MAX];
    bool item[NEST_MAX];                            /* and whether a 项 statement's */
    int clause;                /* "；" passed */
    bool semi_close;           /* the open list began after a "；": it ends at the next
                                  ("…；公务用车…b万元，其中购置费c万元，运行维护费d万元；公务接待费e万元") */
} nesting;

/* At "；": a list that began in a later clause of the sentence ends here (a
 * list begun in its first clause — "收入合计X，其中：A…，占…；B…" — goes on). */
static void nest_semicolon(nesting *N, int *parent, int *parent_candidate)
{
    N->clause++;
    while (N->n > 0 && N->at[N->n - 1] < 0) {   /* unbracketed nested lists end here */
        N->n--;
        *parent = N->parent[N->n];
    }
    if (N->semi_close && N->n == 0) *parent = *parent_candidate = -1;
    N->semi_close = false;
}

/* At "其中" right after an opening bracket: the figure just before the
 * bracket becomes the whole of what follows. */
static bool nest_open(const ex *x, nesting *N, const char *p, const char *start, int *parent, int *count_parent)
{
    bool bracket = (p - start >= 3 && !memcmp(p - 3, "（", 3)) || (p > start && p[-1] == '(');
    const jue_claims *o = x->out;
    if (!bracket || N->depth == 0 || N->n == NEST_MAX || !o->len) return false;
    int last = (int)o->len - 1;
    const jue_claim *w = &o->items[last];
    if (w->sentence != x->sentence || w->is_percent) return false;
    bool count = w->role == JUE_ROLE_COUNT;
    if (!count && w->role != JUE_ROLE_VALUE && w->role != JUE_ROLE_ACTUAL) return false;
    N->at[N->n] = N->depth - 1;
    N->parent[N->n] = *parent;
    N->count_parent[N->n] = *count_parent;
    N->n++;
    if (count) *count_parent = last;
    else *parent = last;
    return true;
}

/* Counts a bracket the sentence reader passes over; the one that closes a
 * nested list gives the outer list back. */
static void nest_bracket(nesting *N, const char *p, const char *end, int *parent, int *count_parent)
{
    if (starts(p, end, "（") || *p == '(') {
        N->depth++;
    } else if ((starts(p, end, "）") || *p == ')') && N->depth > 0) {
        N->depth--;
        if (N->n > 0 && N->at[N->n - 1] == N->depth) {
            N->n--;
            *parent = N->parent[N->n];
            *count_parent = N->count_parent[N->n];
        }
    }
}

/* A number of n bytes at p with nothing after it but the end of its clause
 * (sp: after it and its spaces), read as a percentage that lost its %:
 * "占比20.17，". Sets c's value, interval and printed form (without a %). */
static bool bare_percent(jue_claims *o, const char *p, size_t n, const char *sp, const char *end, jue_claim *c)
{
    static const char *const STOP[] = { "，", "；", "。", "、", "）", ",", ";", ")" };
    bool stop = sp == end;
    for (size_t i = 0; i < sizeof STOP / sizeof STOP[0] && !stop; i++) stop = starts(sp, end, STOP[i]);
    char tmp[40];
    if (!stop || n == 0 || n + 2 > sizeof tmp) return false;
    memcpy(tmp, p, n);
    tmp[n] = '%';
    const char *why;
    int dec;
    if (jue_percent_parse(tmp, n + 1, &c->value, &c->iv, &dec, &why) != JUE_OK) return false;
    if (c->value > 10 * JUE_PPB_ONE) return false;   /* above 1000%: not a rate */
    c->decimals = dec;
    c->is_percent = true;
    c->printed = cx_strn(o, p, n);
    return true;
}

/* Whether the figure before, in this sentence, is a change amount with its
 * unit ("增加1455.50万元，增长6.53。": the bare number after it is its rate). */
static bool change_just_before(const ex *x)
{
    const jue_claims *o = x->out;
    if (!o->len) return false;
    const jue_claim *b = &o->items[o->len - 1];
    return b->sentence == x->sentence && b->role == JUE_ROLE_CHANGE && !b->is_percent && !b->no_unit &&
           b->unit != JUE_UNIT_NONE;
}

/* Whether sp (after a figure and its spaces) ends the figure's clause:
 * a punctuation mark, not the end of the text (a table row's last cell). */
static bool clause_ends(const char *sp, const char *end)
{
    static const char *const STOP[] = { "，", "；", "。", "、", "）", ",", ";", ")" };
    for (size_t i = 0; i < sizeof STOP / sizeof STOP[0]; i++)
        if (starts(sp, end, STOP[i])) return true;
    return false;
}

/* Whether a year at p opens its clause, so it dates the figures after it:
 * nothing but words before it since the sentence's start or ，；：
 * ("2024年度收入总计…", "青溪县医疗保障局2024年度收入支出总计…"), and no
 * word of comparison or time right before it ("与2023年度相比", "上年
 * （2023年度）", "截至2024年", "较2023年度"). */
static bool clause_start(const char *from, const char *p)
{
    static const char *const BEFORE[] = { "与", "比", "较", "同", "至", "止", "自", "从", "于", "对", "年", "在", "当" };
    static const char *const MARK[] = { "，", "；", "：", "。" };
    const char *q = p;
    while (q > from && (q[-1] == ' ' || (q - from >= 3 && !memcmp(q - 3, "（", 3)))) q -= q[-1] == ' ' ? 1 : 3;
    for (size_t i = 0; i < sizeof BEFORE / sizeof BEFORE[0]; i++)
        if (q - from >= 3 && !memcmp(q - 3, BEFORE[i], 3)) return false;
    for (; q > from; q--) {
        if (q[-1] >= '0' && q[-1] <= '9') return false;
        if (q[-1] == ',' || q[-1] == ';' || q[-1] == ':') return true;
        for (size_t i = 0; i < 4; i++)
            if (q - from >= 3 && !memcmp(q - 3, MARK[i], 3)) return true;
    }
    return true;
}

/* Some characters of the notes as cx_key3 gives them (their UTF-8 bytes,
 * the first in the lowest byte): the words the figures' tests look for
 * start with them. */
enum {
    CH_COMMA = 0x8CBCEF,     /* ， */
    CH_SEMI = 0x9BBCEF,      /* ； */
    CH_COLON = 0x9ABCEF,     /* ： */
    CH_PAUSE = 0x8180E3,     /* 、 */
    CH_STOP = 0x8280E3,      /* 。 */
    CH_LPAREN = 0x88BCEF,    /* （ */
    CH_BI = 0x94AFE6,        /* 比 */
    CH_JIAO = 0x83BEE8,      /* 较 */
    CH_QI = 0xB685E5,        /* 其 */
    CH_LEI = 0xAFB4E7,       /* 累 */
    CH_PING = 0xB3B9E5,      /* 平 */
    CH_REN = 0xBABAE4,       /* 人 */
    CH_MEI = 0x8FAFE6,       /* 每 */
    CH_YUE = 0xA6BAE7,       /* 约 */
    CH_JIN = 0x91BFE8,       /* 近 */
    CH_SHANG = 0x8AB8E4,     /* 上 */
    CH_QU = 0xBB8EE5,        /* 去 */
    CH_TONG = 0x8C90E5,      /* 同 */
    CH_QIAN = 0x8D89E5,      /* 前 */
    CH_YI = 0xA5BBE4,        /* 以 */
    CH_ZENG = 0x9EA2E5,      /* 增 */
    CH_JIAN = 0x8F87E5,      /* 减 */
    CH_JIE = 0x93BBE7,       /* 结 */
    CH_JUE = 0xB386E5,       /* 决 */
    CH_FEN = 0x8688E5,       /* 分 */
    CH_GE = 0x8490E5,        /* 各 */
    CH_JUN = 0x879DE5,       /* 均 */
    CH_DOU = 0xBD83E9,       /* 都 */
};

/* Whether one of subject_named's words that rule the figure out starts at q
 * (a character's first byte, before p): anywhere in the clause 上年, 去年,
 * 同期, 上一年, 前年, 以来; after the subject (after) also ，；：、。（ 比 较
 * 其中 累计 平均 人均 每 约 近. */
static bool not_named_at(const char *q, const char *p, bool after)
{
    if (p - q < 3) return false;
    const char *r = q + 3;
    switch (cx_key3(q)) {
    case CH_COMMA: case CH_SEMI: case CH_COLON: case CH_PAUSE: case CH_STOP: case CH_LPAREN:
    case CH_BI: case CH_JIAO: case CH_MEI: case CH_YUE: case CH_JIN:
        return after;
    case CH_QI: return after && starts(r, p, "中");
    case CH_LEI: return after && starts(r, p, "计");
    case CH_PING: return after && starts(r, p, "均");
    case CH_REN: return after && starts(r, p, "均");
    case CH_SHANG: return starts(r, p, "年") || starts(r, p, "一年");
    case CH_QU: case CH_QIAN: return starts(r, p, "年");
    case CH_TONG: return starts(r, p, "期");
    case CH_YI: return starts(r, p, "来");
    default: return false;
    }
}

/* Whether the figure at p states its subject's own amount, named just before
 * it (subject at [sf, se)): nothing between them but a few words ("支出",
 * "决算为"), no punctuation, figure, approximation or comparison, and no other
 * year than the accounts' in the clause ("2023年会议费…", "上年会议费…"). */
static bool subject_named(const ex *x, const char *from, const char *sf, const char *se, const char *p)
{
    static const char *const JOINED[] = { "和", "及", "与", "、", "或" };   /* "会议费和培训费支出…": both */
    if (!sf || se > p || p - se > 18) return false;
    for (size_t i = 0; i < sizeof JOINED / sizeof JOINED[0]; i++)
        if (sf - from >= 3 && !memcmp(sf - 3, JOINED[i], 3)) return false;
    const char *cs = sf;   /* the clause before the subject: back to ，；：。 (led by EF or E3) */
    while (cs > from && !(cs - from >= 3 && ((unsigned char)cs[-3] == 0xEF || (unsigned char)cs[-3] == 0xE3) &&
                          (!memcmp(cs - 3, "，", 3) || !memcmp(cs - 3, "；", 3) || !memcmp(cs - 3, "：", 3) ||
                           !memcmp(cs - 3, "。", 3))))
        cs--;
    for (const char *q = cs; q < p; q++) {
        if (q >= se && (*q == ',' || *q == ';' || *q == ':' || *q == '(' || (*q >= '0' && *q <= '9'))) return false;
        if (*q >= '0' && *q <= '9' && (q == cs || q[-1] < '0' || q[-1] > '9')) {
            int y = atoi(q);
            if (y >= 1900 && y <= 2100 && y != x->year) return false;
        }
        /* every word starts with a three-byte character (E3..EF) */
        if ((unsigned char)*q >= 0xE3 && not_named_at(q, p, q >= se)) return false;
    }
    return true;
}

/* A search of the sentence's rest for a mark (cx_find_mark), kept: the reader
 * asks again at each position, and the answer stands until it passes it. */
typedef struct {
    const char *from;    /* where it was searched from (NULL: not yet) */
    const char *at;      /* what it found, or NULL: none after from */
    size_t len;
} search;

static const char *find_kept(search *k, const char *p, const char *end, const char *ch, size_t *len)
{
    if (!k->from || p < k->from || (k->at && k->at < p)) {
        k->from = p;
        k->at = cx_find_mark(p, end, ch, &k->len);
    }
    *len = k->len;
    return k->at;
}

/* What the reader of one sentence holds as it goes. */
typedef struct {
    ex *x;
    const para *P;
    const char *base;                    /* the paragraph's text */
    const char *start, *end;             /* the sentence */
    const char *p;                       /* where it reads */
    const jue_subject *subj;             /* the subject in force (NULL: none) */
    const lex_entry *subj_entry;         /* the lexicon's entry it is, or NULL (a 类) */
    const jue_fact *subj_fact;           /* its table fact (NULL: none) */
    const char *subj_from, *subj_end;    /* where the lexicon subject in force is printed */
    jue_subject dyn;                     /* a 类 named in the sentence: "卫生健康（类）支出…" */
    jue_fact dyn_fact;
    keyword kw;                          /* the role word waiting for its figure */
    int parent_candidate, parent;        /* the whole of a "其中" list of amounts */
    int count_candidate, count_parent;   /* the same for counts: "实有人员8人，其中行政0人、事业0人" */
    char whole[128];                     /* SHARE: the whole named, "占基本支出的…" */
    const char *share_at;                /* SHARE: right after its 占, to tell a whole named but unknown */
    const char *kw_at;                   /* right after the role word waiting */
    bool orphan;                         /* opened with 其中 and no whole found */
    bool item_here;                      /* the figures are the 项 statement's in force */
    bool item_sentence;                  /* a 项 statement is in force for the sentence */
    bool subj_own;                       /* the subject is a column of the 项's own row ("其中：基本支出
                                            0万元" in a 项 statement): no table fact of the 合计 row */
    nesting N;
    search lei_mark, item_mark;          /* the next （类） and the （项） after it */
    cx_list L;                           /* subjects listed, and 分别/各/均 sharing figures over them */
} sent;

/* The subject of the figure read now: the 项 statement's, or the one in force. */
static const jue_subject *cur_subject(const sent *s)
{
    return s->item_here && jue_subject_on(&s->x->item_subject) ? &s->x->item_subject : s->subj;
}

/* A copy of the subject for a claim (none for NULL). */
static jue_subject subject_of(const jue_subject *subject)
{
    return subject ? *subject : (jue_subject){ JUE_SUBJ_NONE, "" };
}

static jue_fact cur_fact(const sent *s)
{
    const jue_fact *f = s->item_here && jue_subject_on(&s->x->item_subject) ? &s->x->item_fact : s->subj_fact;
    return f ? *f : (jue_fact){ 0 };
}

/* No subject in force, the 项 statement's neither, for the figures after. */
static void forget_subject(sent *s)
{
    s->subj = NULL;
    s->subj_entry = NULL;
    s->subj_fact = NULL;
    s->subj_own = false;
    s->item_here = false;
}

/* "；" ends a pending keyword and the lists begun in its clause; "，" and "、"
 * end a keyword that is not one of a share, budget or actual. */
static bool on_clause_mark(sent *s)
{
    uint32_t key = s->end - s->p >= 3 ? cx_key3(s->p) : 0;   /* each mark is three bytes */
    if (key == CH_SEMI) {
        s->kw = K_NONE;
        s->L.nsaid = 0;   /* "A x、B y；C、D分别为…": not A and B's */
        s->count_parent = s->count_candidate = -1;
        nest_semicolon(&s->N, &s->parent, &s->parent_candidate);
        s->p += 3;
        return true;
    }
    if (key == CH_COMMA || key == CH_PAUSE) {
        if (s->kw != K_SHARE && s->kw != K_BUDGET && s->kw != K_ACTUAL) s->kw = K_NONE;
        s->p += 3;
        return true;
    }
    return false;
}

/* A "其中" right after a part of the list open (its share between: "总额X
 * 万元，其中授予中小企业合同金额A万元，占…%，其中授予小微企业合同金额B万元"):
 * the parts that follow are that part's, to the next "；" or the sentence's
 * end — not more parts of the first whole, which they would be counted in
 * twice. */
static bool nest_part(sent *s)
{
    const jue_claims *o = s->x->out;
    if (s->parent < 0 || s->N.n == NEST_MAX) return false;
    int last = (int)o->len - 1;
    while (last >= 0 && o->items[last].is_percent && o->items[last].sentence == s->x->sentence) last--;
    if (last < 0 || last == s->parent) return false;
    const jue_claim *w = &o->items[last];
    if (w->sentence != s->x->sentence || w->parent != s->parent ||
        (w->role != JUE_ROLE_VALUE && w->role != JUE_ROLE_ACTUAL))
        return false;
    s->N.at[s->N.n] = -1;   /* no bracket: ends at "；" */
    s->N.subj[s->N.n] = NULL;
    s->N.item[s->N.n] = false;
    s->N.parent[s->N.n] = s->parent;
    s->N.count_parent[s->N.n] = s->count_parent;
    s->N.n++;
    s->parent = last;
    return true;
}

/* A sentence that opens with "其中" lists the parts of the amount that
 * ended the sentence before ("本单位支出为1942.57万元。其中：基本支出…，占
 * 57.71%；项目支出…，占42.29%"): that amount's index, or −1. */
static bool opens_sentence(const sent *s)
{
    const char *p = s->start;
    while (p < s->p && *p == ' ') p++;
    return p == s->p;
}

static int whole_before(const sent *s)
{
    const jue_claims *o = s->x->out;
    if (!opens_sentence(s) || !o->len) return -1;
    const jue_claim *w = &o->items[o->len - 1];
    if (w->sentence != s->x->sentence - 1 || w->is_percent || w->parent >= 0 ||
        (w->role != JUE_ROLE_VALUE && w->role != JUE_ROLE_ACTUAL))
        return -1;
    return (int)o->len - 1;
}

/* An amount right before the opening bracket at s->p ("公务用车购置及运行费28
 * 万元（公务用车购置费0万元，…）"): the index of its claim, else −1. */
static int amount_before_bracket(const sent *s)
{
    const jue_claims *o = s->x->out;
    if (!starts(s->p, s->end, "（") || !o->len || s->N.n == NEST_MAX) return -1;
    const char *in = s->p + 3;
    while (in < s->end && *in == ' ') in++;
    if (starts(in, s->end, "其中")) return -1;   /* nest_open's, at its 其中 */
    const char *b = s->p;
    while (b > s->start && b[-1] == ' ') b--;
    if (b - s->start < 3 || memcmp(b - 3, "元", 3)) return -1;
    int last = (int)o->len - 1;
    const jue_claim *w = &o->items[last];
    if (w->sentence != s->x->sentence || w->is_percent || (w->role != JUE_ROLE_VALUE && w->role != JUE_ROLE_ACTUAL))
        return -1;
    return last;
}

/* A bracket: one right after an amount lists that amount's parts, as
 * "（其中" does; the one that closes a list gives back the outer list and
 * the subject in force before it ("…28万元（购置费0万元，运行维护费28万元），
 * 比上年减少12万元": the change is the bracketed amount's). */
static void on_bracket(sent *s)
{
    int whole = amount_before_bracket(s);
    int open = s->N.n;
    nest_bracket(&s->N, s->p, s->end, &s->parent, &s->count_parent);
    if (whole >= 0) {
        nesting *N = &s->N;
        N->at[N->n] = N->depth - 1;
        N->parent[N->n] = s->parent;
        N->count_parent[N->n] = s->count_parent;
        N->subj[N->n] = s->subj;
        N->sfact[N->n] = s->subj_fact;
        N->item[N->n] = s->item_here;
        N->n++;
        s->parent = whole;
    } else if (s->N.n < open) {
        if (s->N.subj[s->N.n]) {
            s->subj = s->N.subj[s->N.n];
            s->subj_fact = s->N.sfact[s->N.n];
        }
        s->item_here = s->N.item[s->N.n];
    }
}

/* After a part of a list opened after a part ("基本支出600万元，其中人员经费500
 * 万元，公用经费100万元，项目支出400万元"): once its parts add up to its whole
 * (within their rounding), it is done — the figures after it are the outer
 * list's again, not more parts of the part. */
static void part_list_done(sent *s)
{
    nesting *N = &s->N;
    if (N->n == 0 || N->at[N->n - 1] >= 0 || s->parent < 0) return;
    const jue_claims *o = s->x->out;
    const jue_claim *w = &o->items[s->parent];
    jue_interval sum = { 0, 0 };
    int parts = 0;
    for (size_t i = (size_t)s->parent + 1; i < o->len; i++) {
        const jue_claim *c = &o->items[i];
        if (c->parent != s->parent || c->is_percent || c->unsure ||
            (c->role != JUE_ROLE_VALUE && c->role != JUE_ROLE_ACTUAL))
            continue;
        sum.lo += c->iv.lo;
        sum.hi += c->iv.hi;
        parts++;
    }
    if (parts < 2 || !jue_iv_overlaps(sum, w->iv)) return;
    N->n--;
    s->parent = N->parent[N->n];
}

/* "其中": the figures after it are parts of the last whole (or, right after
 * an opening bracket, of the figure before the bracket; or, right after a
 * part, of that part). */
static bool on_list_open(sent *s)
{
    if (!starts(s->p, s->end, "其中")) return false;
    if (nest_open(s->x, &s->N, s->p, s->start, &s->parent, &s->count_parent)) {
        s->N.subj[s->N.n - 1] = s->subj;
        s->N.sfact[s->N.n - 1] = s->subj_fact;
        s->N.item[s->N.n - 1] = s->item_here;
    } else if (!nest_part(s)) {
        s->parent = s->parent_candidate;
        s->count_parent = s->count_candidate;
        if (s->parent < 0) s->parent = whole_before(s);
        /* a sentence that opens with 其中 and has no whole to take: its
         * shares are of a whole not stated here, not of its first part */
        if (s->parent < 0 && opens_sentence(s)) s->orphan = true;
        s->N.semi_close = s->N.clause > 0 && s->parent >= 0;
    }
    /* a part is what its own words name: "运行维护费5.11万元，其中燃料费2.10万元"
     * is no 运行维护费 of 2.10 (the whole's subject comes back after a
     * bracket, nest_bracket) */
    forget_subject(s);
    s->p += 6;
    return true;
}

/* "决算数小于预算数的主要原因…": the direction stated for the budget and
 * actual before it (a template's "大于（小于）" left in says nothing).
 * 决算数 大于|小于|等于 [年初]预算数, or 决算数与[年初]预算数 一致|相等|持平|基本持平|基本一致 */
static bool on_direction(sent *s)
{
    const char *p = s->p, *end = s->end;
    if (!starts(p, end, "决算数")) return false;
    const char *q = p + strlen("决算数");
    int sign = 2, rough = 0;
    bool with = starts(q, end, "与");
    if (with) q += 3;
    else if (starts(q, end, "大于")) sign = 1, q += 6;
    else if (starts(q, end, "小于")) sign = -1, q += 6;
    else if (starts(q, end, "等于")) sign = 0, q += 6;
    if (starts(q, end, "年初")) q += 6;
    bool ok = starts(q, end, "预算数");
    if (ok) q += 9;
    if (ok && with) {
        static const char *const EQ[] = { "基本持平", "基本一致", "一致", "相等", "持平" };
        sign = 2;
        for (size_t e = 0; e < 5 && sign == 2; e++)
            if (starts(q, end, EQ[e])) sign = 0, rough = e < 2, q += strlen(EQ[e]);
    }
    if (!ok || sign == 2 || starts(q, end, "（") || starts(q, end, "(")) return false;
    jue_claim c = claim_at(s->x, s->P, s->base, p, q, JUE_ROLE_DIRECTION);
    c.sign = sign;
    c.value = rough;
    c.subject = subject_of(cur_subject(s));
    cx_add_claim(s->x, &c);
    s->p = q;
    /* an amount right after "大于/小于预算数" is by how much: 决算 − 预算 */
    s->kw = sign > 0 ? K_GAP_UP : sign < 0 ? K_GAP_DOWN : K_NONE;
    s->kw_at = q;
    return true;
}

/* Inside "X（类）Y（款）Z（项）" the names are not subjects. */
static bool skip_item_names_at(sent *s)
{
    size_t l1, l2;
    const char *xa = find_kept(&s->lei_mark, s->p, s->end, "类", &l1);
    const char *xe = xa ? find_kept(&s->item_mark, xa, s->end, "项", &l2) : NULL;
    if (!xe) return false;
    s->p = xe + l2;
    return true;
}

/* Asked at most positions: most sentences have no 项 statement in force. */
static inline bool skip_item_names(sent *s)
{
    return s->item_here && jue_subject_on(&s->x->item_subject) && skip_item_names_at(s);
}

/* The 类 with this code becomes the subject: its row of table 05 (07 in the
 * 政府性基金 section, else 03). */
static void lei_subject(sent *s, const char *code)
{
    const char *context = s->x->context;
    cx_list_reset(s->x, &s->L);
    s->L.nsaid = 0;
    s->subj_entry = NULL;
    s->dyn = jue_subject_make(JUE_SUBJ_LEI, code);
    if (strstr(context, "一般公共预算")) s->dyn_fact = jue_fact_make(JUE_T05, code, JUE_COL_TOTAL);
    else if (strstr(context, "政府性基金")) s->dyn_fact = jue_fact_make(JUE_T07, code, JUE_COL_SUBTOTAL);
    else s->dyn_fact = jue_fact_make(JUE_T03, code, JUE_COL_EXP_TOTAL);
    s->subj = &s->dyn;
    s->subj_from = s->subj_end = NULL;
    s->subj_fact = &s->dyn_fact;
    s->subj_own = false;
    if (s->kw != K_UP && s->kw != K_DOWN) s->kw = K_NONE;
}

/* "社会保障和就业（类）支出32.56万元": a 类 named by itself. */
static bool on_lei_mark(sent *s)
{
    ex *x = s->x;
    const char *p = s->p, *end = s->end;
    if (s->item_here || !x->cat || !(starts(p, end, "（类）") || starts(p, end, "(类)"))) return false;
    size_t ml = starts(p, end, "（类）") ? strlen("（类）") : strlen("(类)");
    const char *q = p;
    while (q > s->start) {
        const char *pr = q - 1;
        while (pr > s->start && ((unsigned char)*pr & 0xC0) == 0x80) pr--;
        if (starts(pr, q, "，") || starts(pr, q, "；") || starts(pr, q, "：") || starts(pr, q, "、") ||
            starts(pr, q, "。") || *pr == ':' || *pr == ',' || *pr == ';')
            break;
        q = pr;
    }
    char name[128], alt[140];
    jue_str_put(name, name + sizeof name, q, (size_t)(p - q));
    jue_str_put(jue_str_put(alt, alt + sizeof alt, name, SIZE_MAX), alt + sizeof alt, "支出", SIZE_MAX);
    const char *code = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, name, JUE_LEVEL_LEI, NULL, x->cat_year);
    if (!code) code = jue_catalog_find_name(x->cat, JUE_CAT_FUNCTIONAL, alt, JUE_LEVEL_LEI, NULL, x->cat_year);
    if (code) lei_subject(s, code);
    s->p += ml;
    if (starts(s->p, end, "支出")) s->p += 6;   /* "（类）支出" is the 类's spending, not the subject 支出 */
    return true;
}

/* A template's alternative left in print: "下降（增长）27.78%" says 下降 (the
 * direction before the brackets); the opposite in brackets is skipped. */
static bool skip_alternative(sent *s)
{
    const char *p = s->p, *end = s->end;
    if ((s->kw != K_UP && s->kw != K_DOWN) || !(starts(p, end, "（") || starts(p, end, "("))) return false;
    size_t ob = starts(p, end, "（") ? 3 : 1;
    const jue_lexicon *lx = s->x->lx;
    int k2 = p + ob < end ? cx_keyword_at(lx, cx_words_at(lx, p + ob, end), p + ob, end) : -1;
    if (k2 < 0 || (KEYWORDS[k2].k != K_UP && KEYWORDS[k2].k != K_DOWN)) return false;
    const char *q = p + ob + KEYWORDS[k2].n;
    size_t cb = starts(q, end, "）") ? 3 : starts(q, end, ")") ? 1 : 0;
    if (!cb) return false;
    s->p = q + cb;
    return true;
}

/* Whether p is the sentence's start or right after ，；：、。 (where a 类's
 * name may begin a clause). */
static inline bool after_mark(const sent *s, const char *p)
{
    if (p == s->start) return true;
    if (p - s->base < 3 || ((unsigned char)p[-3] != 0xEF && (unsigned char)p[-3] != 0xE3)) return false;
    return starts(p - 3, s->end, "，") || starts(p - 3, s->end, "；") || starts(p - 3, s->end, "：") ||
           starts(p - 3, s->end, "、") || starts(p - 3, s->end, "。");
}

/* "社会保障和就业支出92.04万元，占0.55%": a 类 by its full name, at the start
 * of a clause and followed by its figure. */
static bool lei_name_at(sent *s)
{
    ex *x = s->x;
    const char *p = s->p, *end = s->end;
    size_t kn;
    uint32_t key = cx_char_key(p, end, &kn), b = cx_first_bit(key);
    if (!(x->lei_first_bits[b >> 6] >> (b & 63) & 1)) return false;   /* no name starts with it */
    for (int k = 0; k < x->nlei; k++) {
        if ((x->lei_first[k] && x->lei_first[k] != key) || !starts(p, end, x->lei[k])) continue;
        size_t nl = strlen(x->lei[k]);
        if (is_digit_at(p + nl, end) || starts(p + nl, end, "为")) {
            lei_subject(s, x->lei_code[k]);
            s->p += nl;
            return true;
        }
    }
    return false;
}

static inline bool on_lei_name(sent *s)
{
    return !s->item_here && s->x->nlei && after_mark(s, s->p) && lei_name_at(s);
}

/* on_lei_name at a three-byte character whose key is known: most start no
 * 类 name (the filter of their first characters, asked first). */
static inline bool on_lei_name_key(sent *s, uint32_t key)
{
    uint32_t b = cx_first_bit(key);
    return !s->item_here && s->x->nlei && (s->x->lei_first_bits[b >> 6] >> (b & 63) & 1) && after_mark(s, s->p) &&
           lei_name_at(s);
}

/* 分别, 各为, 均为 … after a list of subjects: the figures after it are shared
 * out over the list (respectively.c). */
static bool on_distribute(sent *s)
{
    size_t n = cx_list_word(s->x, &s->L, s->start, s->p, s->end);
    s->p += n;
    return n > 0;
}

/* "…减少157.86万元，主要原因是…下拨了抚恤金74.31万元": an amount in the
 * reason given is not the subject's (nor a part of a whole before it) until
 * the reason names a subject of its own. */
static void on_reason(sent *s)
{
    forget_subject(s);
    s->kw = K_NONE;
    s->parent = s->parent_candidate = -1;
    s->count_parent = s->count_candidate = -1;
}

/* Whether a lexicon fact is a column of a table's 合计 row ("基本支出" is
 * T03's or T05's) while a 项 statement is in force: in the statement, the
 * 项's own column, not the table's total. */
static bool own_column(const ex *x, const jue_fact *f)
{
    return jue_fact_on(f) && jue_fact_on(&x->item_fact) && !strcmp(f->row, JUE_L_TOTAL);
}

/* A lexicon subject ("基本支出"), or else a keyword (增加, 占, 预算…); the
 * longer wins: "支出决算为" is a keyword, not the subject "支出". w: the
 * words that may start at s->p. */
static bool on_words_in(sent *s, const word_slot *w)
{
    const lex_entry *m = cx_match_subject(s->x, w, s->p, s->end);
    int kidx = cx_keyword_at(s->x->lx, w, s->p, s->end);
    size_t klen = kidx >= 0 ? KEYWORDS[kidx].n : 0;
    if (m && klen > m->plen) m = NULL;
    if (m) {
        if (s->kw == K_SHARE) {
            jue_str_put(s->whole, s->whole + sizeof s->whole, m->subject.key, SIZE_MAX);   /* "占基本支出的…" */
            s->kw_at = s->p + m->plen;   /* the figure follows the whole */
        } else {
            const lex_entry *e = cx_list_subject(s->x, &s->L, m, s->start, s->p);   /* "基本支出、项目支出" */
            s->subj_entry = e;
            s->subj = &e->subject;
            s->subj_fact = &e->fact;
            s->subj_own = s->item_sentence && own_column(s->x, &e->fact);
            if (s->subj_own) s->subj_fact = NULL;
            s->subj_from = s->p;
            s->subj_end = s->p + m->plen;
            s->item_here = false;
            if (s->kw != K_UP && s->kw != K_DOWN) s->kw = K_NONE;  /* a role word belongs to the figure after it */
        }
        s->p += m->plen;
        return true;
    }
    if (kidx < 0) return false;
    /* "支出决算数小于预算数2.21万元": the direction's (on_direction, at 决算数) */
    if (KEYWORDS[kidx].k == K_ACTUAL && klen == 12 && !memcmp(s->p, "支出", 6) &&
        (starts(s->p + 12, s->end, "数大于") || starts(s->p + 12, s->end, "数小于") ||
         starts(s->p + 12, s->end, "数等于") || starts(s->p + 12, s->end, "数与"))) {
        s->p += 6;
        return true;
    }
    /* "年末结转结余158.70万元", "上年结转和结余": a balance's name, no gap */
    bool balance = KEYWORDS[kidx].k == K_GAP && !memcmp(s->p, "结余", 6) &&
                   ((s->p - s->start >= 6 && !memcmp(s->p - 6, "结转", 6)) ||
                    (s->p - s->start >= 9 && !memcmp(s->p - 9, "结转和", 9)));
    if (KEYWORDS[kidx].k == K_PASS || balance) {   /* the role in force stays */
        s->p += klen;
        return true;
    }
    if (KEYWORDS[kidx].k == K_REASON) {
        on_reason(s);
        s->p += klen;
        return true;
    }
    s->kw = KEYWORDS[kidx].k;
    if (s->kw == K_SHARE) s->share_at = s->p + klen;
    s->kw_at = s->p + klen;
    if (s->kw == K_SAME) {
        jue_claim c = claim_at(s->x, s->P, s->base, s->p, s->p + klen, JUE_ROLE_CHANGE);   /* "持平" */
        c.sign = 0;
        c.subject = subject_of(cur_subject(s));
        const jue_fact *f = s->item_here && jue_fact_on(&s->x->item_fact) ? &s->x->item_fact : s->subj_fact;
        if (f) c.fact = *f;
        cx_add_claim(s->x, &c);
        s->kw = K_NONE;
    }
    s->p += klen;
    return true;
}

/* Most positions start no word: the probe is made here, inline. */
static inline bool on_words(sent *s)
{
    const word_slot *w = cx_words_at(s->x->lx, s->p, s->end);
    return w && on_words_in(s, w);
}

/* on_words at a three-byte character whose key is known. */
static inline bool on_words_key(sent *s, uint32_t key)
{
    const word_slot *w = cx_words_of(s->x->lx, key, s->p + 3, s->end);
    return w && on_words_in(s, w);
}

/* Template text left in a published document: "XX局", "××单位", "ＸＸ局",
 * with the character after the marks (局, 单 …); a copy may print a blank
 * between the Latin XX and it ("上海市 XX 局"), left out of the claim. */
static bool on_placeholder(sent *s)
{
    const char *p = s->p, *end = s->end;
    size_t pl = starts(p, end, "XX") ? 2 : starts(p, end, "××") || starts(p, end, "ＸＸ") ? 6 : 0;
    if (pl == 2 && end - p > 3 && p[2] == ' ') pl = 3;
    if (!pl || end - p < (ptrdiff_t)pl + 3 || (unsigned char)p[pl] < 0xE4) return false;
    const char *q = p + pl + jue_utf8_step(p + pl);
    jue_claim c = claim_at(s->x, s->P, s->base, p, q, JUE_ROLE_PLACEHOLDER);
    if (c.printed && pl == 3) memmove(c.printed + 2, c.printed + 3, (size_t)(q - p) - 2);   /* "XX 局": XX局 */
    cx_add_claim(s->x, &c);
    s->p = q;
    return true;
}

/* ---------- figures ---------- */

/* A number met in the sentence, and its claim, placed where it is printed;
 * the handler that knows its shape says what it is. */
typedef struct {
    jue_amount a;          /* as scanned */
    const char *after;     /* just after it */
    const char *sp;        /* after it and its spaces */
    jue_claim c;
} figure;

/* A figure as printed, without the spaces a copy puts inside it or before
 * its unit ("5377.64 万元": a single-space copy of "5377.64万元"). */
static char *copy_printed(jue_claims *out, const char *p, size_t n)
{
    char *s = cx_str_room(out, n + 1), *o = s;
    for (size_t i = 0; s && i < n; i++)
        if (p[i] != ' ') *o++ = p[i];
    if (s) *o = 0;
    return s;
}

/* Whether a line break inside the run [p, q) parts it into two whole
 * figures, each with its decimal point ("23,964.11" / "100.00"): a copy
 * wrapped at a width may have run two figures together there. */
static bool parted_by_wrap(const sent *s, const char *p, const char *q)
{
    if (q - p < 2) return false;
    size_t at = cx_para_break(s->P, (size_t)(p + 1 - s->base), (size_t)(q - s->base));
    if (at == (size_t)(q - s->base)) return false;
    const char *m = s->base + at;
    const char *d1 = memchr(p, '.', (size_t)(m - p)), *d2 = memchr(m, '.', (size_t)(q - m));
    return d1 && d2 && d1 + 1 < m && is_digit_at(m, q) && m[-1] >= '0' && m[-1] <= '9' &&
           !memchr(d1 + 1, '.', (size_t)(m - d1 - 1)) && !memchr(d2 + 1, '.', (size_t)(q - d2 - 1));
}

/* "318.2007.45万元": a second decimal point right after. */
static bool fig_malformed(sent *s, figure *f)
{
    const char *q = f->after, *end = s->end;
    if (!(q < end && *q == '.' && is_digit_at(q + 1, end))) return false;
    while (q < end && (is_digit_at(q, end) || *q == '.' || *q == ',')) q += is_digit_at(q, end) ? jue_utf8_step(q) : 1;
    f->c.wrap_joined = parted_by_wrap(s, s->p, q);
    if (starts(q, end, "万元")) q += 6;
    else if (starts(q, end, "元")) q += 3;
    f->c.role = JUE_ROLE_MALFORMED;
    f->c.printed = copy_printed(s->x->out, s->p, (size_t)(q - s->p));
    f->c.subject = subject_of(cur_subject(s));
    cx_add_claim(s->x, &f->c);
    s->p = q;
    return true;
}

/* The words between a share's 占 and its figure at p when they name a whole
 * the lexicon does not know ("占货物支出金额的100%"), written into out;
 * false when they name none ("占", "占比", "占比重为"), or a whole of the
 * sentence itself ("占总支出的", "占全部收入的", "占合计的"). */
static bool unknown_whole(const sent *s, const char *p, char *out, size_t cap)
{
    static const char *const FILL[] = { "的", "比重", "比例", "比", "为", "达到", "达", "约", "了", " " };
    const char *a = s->share_at, *b = p;
    if (!a || a > b || b - a > 90) return false;
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; i < sizeof FILL / sizeof FILL[0]; i++) {
            size_t n = strlen(FILL[i]);
            if ((size_t)(b - a) >= n && !memcmp(b - n, FILL[i], n)) { b -= n; again = true; }
            if ((size_t)(b - a) >= n && !memcmp(a, FILL[i], n)) { a += n; again = true; }
        }
    }
    if (a >= b) return false;
    jue_str_put(out, out + cap, a, (size_t)(b - a));
    return !strstr(out, "总") && !strstr(out, "全部") && !strstr(out, "合计") && !strstr(out, "，");
}

/* A share, rate or completion (SHARE, CHANGE_PCT, COMPLETION, by the
 * keyword before) whose value is set: what it is of, and its whole — a
 * whole named that the lexicon does not know is kept as printed, so the
 * share is compared with nothing rather than with the sentence's first
 * amount. */
/* Whether the clause of the figure at p compares with a year before last
 * ("比2019年（疫情前）决算数减少24.87万元，降低28.6%"): a change that is not
 * year-on-year, so no check of this year's change takes it; the rate after
 * such a change goes with it. */
static bool earlier_year(const char *w, int y);

/* Whether the n bytes w end at p, not before from: the last byte first (most
 * positions differ there), then the rest. */
static inline bool ends_with(const char *from, const char *p, const char *w, size_t n)
{
    return (size_t)(p - from) >= n && p[-1] == w[n - 1] && !memcmp(p - n, w, n);
}

/* The start of the character before a, not before from: a three-byte one
 * at once, else back over continuation bytes to the byte that is none. */
static inline const char *char_before(const char *from, const char *a)
{
    const unsigned char *u = (const unsigned char *)a;
    if (a - from >= 3 && (u[-3] & 0xF0) == 0xE0 && (u[-2] & 0xC0) == 0x80 && (u[-1] & 0xC0) == 0x80) return a - 3;
    do a--; while (a > from && ((unsigned char)*a & 0xC0) == 0x80);
    return a;
}

/* Where the clause of p begins: after its ，；。 (at most 30 characters back). */
static const char *clause_from(const sent *s, const char *p)
{
    const char *a = p;
    for (int n = 0; a > s->start && n < 30; n++) {
        if ((a - s->start >= 3 && (!memcmp(a - 3, "，", 3) || !memcmp(a - 3, "；", 3) || !memcmp(a - 3, "。", 3))))
            break;
        a = char_before(s->start, a);
    }
    return a;
}

/* The clause before p, back to its ，；。 (at most 30 characters), into w. */
static void clause_before(const sent *s, const char *p, char *w, size_t cap)
{
    const char *a = clause_from(s, p);
    jue_str_put(w, w + cap, a, (size_t)(p - a));
}

/* Whether the amount at p is named in its clause by words the lexicon does
 * not know, the subject in force printed in a clause before ("基本支出803.63
 * 万元，按经济分类，工资福利支出600万元" when 工资福利支出 is no phrase): a
 * qualifier and a noun of money (支出, 费, 补助, 收入, 资金, 金额) right before
 * it, role words none. Not the subject's figure. */
static bool named_otherwise(const sent *s, const char *p)
{
    static const char *const TAIL[] = { "为", "是", "达到", "达", "约", "共计", "合计", "累计", "计", " " };
    static const char *const HEAD[] = { "支出", "费", "补助", "收入", "资金", "金额" };
    static const char *const LEAD[] = { "本年度", "全年度", "当年度", "本年", "全年", "当年", "年度", "实际",
                                        "其中", "共计", "合计", "累计", "共", "另", " " };
    if (s->kw != K_NONE || !s->subj_entry || !s->subj_from) return false;
    const char *a = clause_from(s, p);
    if (s->subj_from >= a) return false;   /* the subject is named in this clause */
    const char *b = p;
    char w[128];
    jue_str_put(w, w + sizeof w, a, (size_t)(b - a));
    if (strstr(w, "比") || strstr(w, "较") || strstr(w, "上年")) return false;   /* the subject's other year */
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; i < sizeof TAIL / sizeof TAIL[0]; i++)
            if (ends_with(a, b, TAIL[i], strlen(TAIL[i]))) { b -= strlen(TAIL[i]); again = true; }
        for (size_t i = 0; i < sizeof LEAD / sizeof LEAD[0]; i++)
            if ((size_t)(b - a) >= strlen(LEAD[i]) && !memcmp(a, LEAD[i], strlen(LEAD[i]))) { a += strlen(LEAD[i]); again = true; }
    }
    for (size_t i = 0; i < sizeof HEAD / sizeof HEAD[0]; i++) {
        size_t n = strlen(HEAD[i]);
        if (ends_with(a, b, HEAD[i], n)) return (size_t)(b - a) >= n + 6;   /* a qualifier of two characters or more */
    }
    return false;
}

static bool other_year_change(const sent *s, const char *p, bool rate)
{
    const jue_claims *o = s->x->out;
    if (rate && o->len) {
        const jue_claim *w = &o->items[o->len - 1];
        if (w->sentence == s->x->sentence && w->role == JUE_ROLE_CHANGE && !w->is_percent) return w->unsure;
        /* the rate of a change on the budget ("比年初预算减少2.21万元，下降24.56%") */
        if (w->sentence == s->x->sentence && w->role == JUE_ROLE_GAP && !w->is_percent) return true;
    }
    char w[128];
    clause_before(s, p, w, sizeof w);
    int y = s->x->year;
    return y > 0 && (strstr(w, "比") || strstr(w, "较") || strstr(w, "与")) && earlier_year(w, y - 1);
}

/* The start of a year printed right before e ("与2020年度预算相比": 2020年度
 * before 预算), or e when there is none. */
static const char *year_printed_before(const char *w, const char *e)
{
    const char *y = e;
    if (y - w >= 6 && !memcmp(y - 6, "年度", 6)) y -= 6;
    else if (y - w >= 3 && !memcmp(y - 3, "年", 3)) y -= 3;
    else return e;
    while (y > w && y[-1] == ' ') y--;
    int d = 0;
    while (y > w && y[-1] >= '0' && y[-1] <= '9' && d < 4) y--, d++;
    if (d != 4) return e;
    while (y > w && y[-1] == ' ') y--;
    return y;
}

/* Whether the clause of the change at p compares with the budget, not last
 * year ("比年初预算减少2.21万元", "较预算数增加", "与调整后预算相比减少"): a
 * gap, 决算 − 预算 (a fund's name, 一般公共预算…, compares nothing). */
static bool compares_budget(const char *w)
{
    static const char *const OF[] = { "年初", "全年", "调整后", "调整", "年度", "" };
    for (const char *q = w; (q = strstr(q, "预算")) != NULL; q += 6)
        for (size_t i = 0; i < sizeof OF / sizeof OF[0]; i++) {
            size_t n = strlen(OF[i]);
            if (q - w < (ptrdiff_t)n || memcmp(q - n, OF[i], n)) continue;
            const char *c = year_printed_before(w, q - n) - 3;
            if (c >= w && (!memcmp(c, "比", 3) || !memcmp(c, "较", 3) || !memcmp(c, "与", 3))) return true;
        }
    return false;
}

static bool budget_compared(const sent *s, const char *p)
{
    char w[128];
    clause_before(s, p, w, sizeof w);
    if (compares_budget(w)) return true;
    /* "与2020年度预算相比，增加1.5万元": the comparison is the clause before */
    const char *a = clause_from(s, p);
    if (a - s->start < 3 || memcmp(a - 3, "，", 3)) return false;
    clause_before(s, a - 3, w, sizeof w);
    size_t n = strlen(w);
    return n >= 6 && (!strcmp(w + n - 6, "相比") || !strcmp(w + n - 6, "比较")) && compares_budget(w);
}

/* Whether the clause before p names the budget adjusted in the year
 * ("完成调整预算的98.33%", "决算数大于全年预算数"), not the opening one. */
static bool adjusted_budget(const sent *s, const char *p)
{
    char w[128];
    clause_before(s, p, w, sizeof w);
    return strstr(w, "调整") || strstr(w, "全年预算") || strstr(w, "变动后");
}

static void add_percent(sent *s, jue_claim *c, const char *at)
{
    /* "为年初预算的101.23%", "占年初预算的75.44%": a completion rate */
    bool of_budget = s->kw == K_BUDGET && s->kw_at && ends_with(s->kw_at, at, "的", 3) && at - s->kw_at <= 6;
    c->role = s->kw == K_UP || s->kw == K_DOWN ? JUE_ROLE_CHANGE_PCT : s->kw == K_SHARE ? JUE_ROLE_SHARE
            : s->kw == K_COMPLETE || of_budget ? JUE_ROLE_COMPLETION : JUE_ROLE_VALUE;
    c->sign = s->kw == K_UP ? 1 : s->kw == K_DOWN ? -1 : 0;
    if (c->role == JUE_ROLE_COMPLETION) c->adjusted = adjusted_budget(s, at);
    c->subject = subject_of(cur_subject(s));
    c->fact = cur_fact(s);
    if (c->role == JUE_ROLE_CHANGE_PCT && other_year_change(s, at, true)) c->unsure = true;
    char named[128];
    if (c->role == JUE_ROLE_SHARE && !s->whole[0] && unknown_whole(s, at, named, sizeof named))
        jue_str_put(s->whole, s->whole + sizeof s->whole, named, SIZE_MAX);
    if (c->role == JUE_ROLE_SHARE && !s->whole[0] && s->orphan && s->parent < 0)
        jue_str_put(s->whole, s->whole + sizeof s->whole, "其中所列各项之总数", SIZE_MAX);
    if (c->role == JUE_ROLE_SHARE && s->whole[0]) c->whole = cx_strdup(s->x->out, s->whole);
    if (c->role == JUE_ROLE_SHARE && s->parent >= 0) c->parent = s->parent;
    cx_add_claim(s->x, c);
    s->whole[0] = 0;
    s->share_at = NULL;
    s->kw = K_NONE;
}

/* "占99.40%", "增长6.53%", "占不足0.01%". */
static bool fig_percent(sent *s, figure *f)
{
    const char *p = s->p, *sp = f->sp;
    if (!starts(sp, s->end, "%") && !starts(sp, s->end, "％")) return false;
    size_t plen = (size_t)(sp - p) + (starts(sp, s->end, "%") ? 1 : 3);
    int64_t v;
    jue_interval iv;
    int dec;
    const char *why;
    if (jue_percent_parse(p, plen, &v, &iv, &dec, &why) == JUE_OK) {
        f->c.is_percent = true;
        f->c.value = v;
        f->c.iv = iv;
        /* "占不足0.01%": below the figure (printed with its 不足) */
        size_t below = p - s->base >= 6 && !memcmp(p - 6, "不足", 6) ? 6 : 0;
        if (below) f->c.iv = (jue_interval){ 0, v };
        f->c.decimals = dec;
        f->c.printed = copy_printed(s->x->out, p - below, below + plen);
        add_percent(s, &f->c, p - below);
    }
    s->p += plen;
    return true;
}

/* Whether a comparison sign stands right before p ("≤130万元", a 自评表
 * indicator's target as a line of notes). */
static bool compared(const sent *s, const char *p)
{
    static const struct { const char *w; size_t n; } SIGNS[] = {
#define W(lit) { lit, sizeof lit - 1 }
        W("≤"), W("≥"), W("＜"), W("＞"), W("<"), W(">"), W("≦"), W("≧"),
#undef W
    };
    while (p > s->base && p[-1] == ' ') p--;
    /* each ends with '<' or '>', or is three bytes led by E2 or EF */
    if (p == s->base || (p[-1] != '<' && p[-1] != '>' &&
                         (p - s->base < 3 || ((unsigned char)p[-3] != 0xE2 && (unsigned char)p[-3] != 0xEF))))
        return false;
    for (size_t i = 0; i < sizeof SIGNS / sizeof SIGNS[0]; i++)
        if (ends_with(s->base, p, SIGNS[i].w, SIGNS[i].n)) return true;
    return false;
}

/* "人均18.79万元", "平均每人…", "月均…": an amount per person, month or
 * unit, not the subject's total — passed over, as a threshold is. */
/* Whether a word of "per" (人均, 平均, 每辆 …) stands at most six characters
 * before p in its clause, naming what the amount is per ("人均接待费用150元"). */
/* Whether the six bytes at q are such a word: 人均 平均 户均 次均 车均 辆均
 * 月均 日均 年均, or 每人 每辆 每车 每次 每户 每月 — told by its 均 or 每
 * before the other character is looked for. */
static bool per_word_at(const char *q)
{
    static const char *const BEFORE_JUN[] = { "人", "平", "户", "次", "车", "辆", "月", "日", "年" };
    static const char *const AFTER_MEI[] = { "人", "辆", "车", "次", "户", "月" };
    if (!memcmp(q + 3, "均", 3)) {
        for (size_t i = 0; i < sizeof BEFORE_JUN / sizeof BEFORE_JUN[0]; i++)
            if (!memcmp(q, BEFORE_JUN[i], 3)) return true;
    } else if (!memcmp(q, "每", 3)) {
        for (size_t i = 0; i < sizeof AFTER_MEI / sizeof AFTER_MEI[0]; i++)
            if (!memcmp(q + 3, AFTER_MEI[i], 3)) return true;
    }
    return false;
}

static bool per_word_near(const sent *s, const char *p)
{
    /* back from p over at most eight three-byte characters, to a clause mark */
    for (const char *q = p - 3; q >= s->start && p - q <= 24; q -= 3) {
        unsigned char b = (unsigned char)*q;
        if (b < 0xE4 || b > 0xE9) return false;   /* a mark, a figure, a bracket: the clause ends here */
        if (q + 6 > p || (b != 0xE4 && b != 0xE5 && b != 0xE6 && b != 0xE8)) continue;   /* 人平户次车辆月日年每 */
        if (per_word_at(q)) return true;
    }
    return false;
}

static bool fig_per_unit(sent *s, figure *f)
{
    /* with their lengths: this is asked at every figure */
    static const struct { const char *w; size_t n; } PER[] = {
#define W(lit) { lit, sizeof lit - 1 }
        W("人均"), W("平均"), W("每人"), W("月均"), W("年均"), W("户均"), W("次均"), W("日均"), W("每月"), W("每年"),
        W("每户"), W("每次"), W("单价"), W("标准为"), W("标准"), W("车均"), W("辆均"), W("每辆"),
#undef W
    };
    const char *p = s->p;
    while (p > s->start && p[-1] == ' ') p--;
    static const char *const FILL[] = { "为", "是", "约", "达" };
    for (size_t i = 0; i < sizeof FILL / sizeof FILL[0]; i++)
        if (ends_with(s->start, p, FILL[i], 3)) { p -= 3; break; }
    if (f->a.unit_written && per_word_near(s, p)) {   /* "人均接待费用150元", "平均每辆车2.56万元" */
        s->p = f->after;
        return true;
    }
    if (p - s->start < 6) return false;   /* each word is two characters or more */
    switch (cx_key3(p - 3)) {             /* and ends with one of these */
    case 0x879DE5: case 0xBABAE4: case 0x889CE6: case 0xB4B9E5: case 0xB788E6:   /* 均 人 月 年 户 */
    case 0xA1ACE6: case 0xB7BBE4: case 0xBAB8E4: case 0x8687E5: case 0x86BEE8:   /* 次 价 为 准 辆 */
        break;
    default:
        return false;
    }
    for (size_t i = 0; i < sizeof PER / sizeof PER[0]; i++) {
        if (ends_with(s->start, p, PER[i].w, PER[i].n)) {
            s->p = f->after;
            return true;
        }
    }
    return false;
}

/* "单位价值50万元以上", "≤130万元": a threshold, not a figure of the accounts. */
static bool fig_threshold(sent *s, figure *f)
{
    const char *q = f->after, *end = s->end;
    if (!f->a.unit_written || !(starts(q, end, "以上") || starts(q, end, "以下") || starts(q, end, "及以上") ||
                                starts(q, end, "（含）以上") || compared(s, s->p)))
        return false;
    s->p = q;
    return true;
}

/* "占比20.17，" where a share is expected, "增加1455.50万元，增长6.53。" after a
 * change amount: a percentage without its %. */
static bool fig_bare_percent(sent *s, figure *f)
{
    bool rate = (s->kw == K_UP || s->kw == K_DOWN) && change_just_before(s->x);
    /* a share or completion without its % only right after its word ("占比
     * 20.17", "完成预算的99"): a figure further on, its clause not closed
     * (a 自评表 flattened into one line: "实际完成值 分值 得分 … 50 8 8"), is
     * none */
    if (!rate && (!s->kw_at || s->p - s->kw_at > 16)) return false;
    if (f->a.unit_written || !(s->kw == K_SHARE || s->kw == K_COMPLETE || rate) ||
        !bare_percent(s->x->out, s->p, f->a.consumed, f->sp, s->end, &f->c))
        return false;
    add_percent(s, &f->c, s->p);
    s->p = f->after;
    return true;
}

/* Whether the amount at p is named last year's: "较2023年的", "比上年度的",
 * "与上年同期的" right before it (the comparison's 的 says the figure is
 * the other year's, not this year's: "较上年减少" has none). */
static bool previous_year_amount(const sent *s, const char *p)
{
    static const char *const OF[] = { "年的", "年度的", "同期的", "决算数的", "决算的" };
    const char *q = NULL;
    if (!ends_with(s->start, p, "的", 3)) return false;   /* each of them ends so */
    for (size_t i = 0; i < sizeof OF / sizeof OF[0] && !q; i++) {
        size_t n = strlen(OF[i]);
        if (ends_with(s->start, p, OF[i], n)) q = p - n;
    }
    if (!q) return false;
    /* back over the year (2023, 上, 上一) to 较, 比 or 与 */
    while (q > s->start && ((q[-1] >= '0' && q[-1] <= '9') || q[-1] == ' ')) q--;
    if (q - s->start >= 3 && (!memcmp(q - 3, "上", 3) || !memcmp(q - 3, "去", 3))) q -= 3;
    static const char *const CMP[] = { "较", "比", "与", "同" };
    for (size_t i = 0; i < sizeof CMP / sizeof CMP[0]; i++)
        if (q - s->start >= 3 && !memcmp(q - 3, CMP[i], 3)) return true;
    return false;
}

/* Whether the clause before p names last year as the figure's own year:
 * "上年为22484.65万元", "2023年决算数为…", "（上年…）", "去年…" (not
 * "2023年度…": a date, which the date checks judge) — a year
 * reference with no comparison (较/比/相比: a change) and not 上年结转/结余
 * (this year's opening balance). p's clause starts after the last
 * ，；。：（ before it, and the reference is within 12 characters of p. */
/* Whether a change word follows at p ("增加6.20万元", "下降34万元"). */
static bool change_after(const char *p, const char *end)
{
    while (p < end && *p == ' ') p++;
    static const char *const W[] = { "增加", "减少", "下降", "增长", "上升", "降低", "节约", "持平" };
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++)
        if (starts(p, end, W[i])) return true;
    return false;
}

/* Whether w names a year before y, not as a date ("2019年", "2023年度"). */
static bool earlier_year(const char *w, int y)
{
    const char *we = w + strlen(w);
    for (const char *q = w; y > 0 && *q; q++) {
        if (q[0] < '1' || q[0] > '2' || we - q < 7 || memcmp(q + 4, "年", 3) || (q > w && q[-1] >= '0' && q[-1] <= '9'))
            continue;
        bool digits = q[1] >= '0' && q[1] <= '9' && q[2] >= '0' && q[2] <= '9' && q[3] >= '0' && q[3] <= '9';
        int v = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
        if (digits && v < y && v > y - 5) return true;
    }
    return false;
}

/* The words previous_year_named looks for in a clause, as bits. */
enum { YW_BI = 1, YW_JIAO = 2, YW_ZENG = 4, YW_JIAN = 8, YW_JIEZHUAN = 16, YW_JIEYU = 32, YW_SHANGNIAN = 64,
       YW_QUNIAN = 128, YW_SHANGYINIAN = 256 };

/* Which of those words w holds (strstr's answers, in one pass: each word
 * starts with a three-byte character led by E4..E8). */
static unsigned year_words(const char *w)
{
    unsigned found = 0;
    const char *end = w + strlen(w);
    for (const char *q = w; end - q >= 3; q++) {
        unsigned char b = (unsigned char)*q;
        if (b < 0xE4 || b > 0xE8) continue;
        const char *r = q + 3;
        switch (cx_key3(q)) {
        case CH_BI: found |= YW_BI; break;
        case CH_JIAO: found |= YW_JIAO; break;
        case CH_ZENG: found |= YW_ZENG; break;
        case CH_JIAN: found |= YW_JIAN; break;
        case CH_JIE:
            found |= starts(r, end, "转") ? YW_JIEZHUAN : starts(r, end, "余") ? YW_JIEYU : 0;
            break;
        case CH_SHANG:
            found |= starts(r, end, "年") ? YW_SHANGNIAN : starts(r, end, "一年") ? YW_SHANGYINIAN : 0;
            break;
        case CH_QU: found |= starts(r, end, "年") ? YW_QUNIAN : 0; break;
        default: break;
        }
        if ((q[1] & 0xC0) == 0x80 && (q[2] & 0xC0) == 0x80) q += 2;   /* no word starts inside a character */
    }
    return found;
}

/* Whether [a, p) holds 年 right after a digit or after 上, 去 or 一: each
 * way previous_year_named answers yes needs one (上年, 去年, 上一年, or a
 * year "2023年" for earlier_year and its own scan). */
static bool year_before(const char *a, const char *p)
{
    for (const char *q = a; p - q >= 3 && (q = memchr(q, 0xE5, (size_t)(p - q) - 2)) != NULL; q++) {
        if ((unsigned char)q[1] != 0xB9 || (unsigned char)q[2] != 0xB4) continue;   /* 年: E5 B9 B4 */
        if ((q > a && q[-1] >= '0' && q[-1] <= '9') ||
            (q - a >= 3 && (!memcmp(q - 3, "上", 3) || !memcmp(q - 3, "去", 3) || !memcmp(q - 3, "一", 3))))
            return true;
    }
    return false;
}

static bool previous_year_named(const sent *s, const char *p, const char *after)
{
    const char *a = p;
    static const char *const STOP[] = { "，", "；", "。", "：", "（", "、" };
    for (int n = 0; a > s->start && n < 12; n++) {
        /* every stop is led by EF or E3 */
        bool stop = false, wide = a - s->start >= 3 && ((unsigned char)a[-3] == 0xEF || (unsigned char)a[-3] == 0xE3);
        for (size_t i = 0; i < sizeof STOP / sizeof STOP[0] && wide && !stop; i++) stop = !memcmp(a - 3, STOP[i], 3);
        if (stop || a[-1] == '(' || a[-1] == ',') break;
        a = char_before(s->start, a);
    }
    if (!year_before(a, p)) return false;
    char w[160];
    jue_str_put(w, w + sizeof w, a, (size_t)(p - a));
    /* "比上年48.10万元增加6.20万元", "比上年累计支出285万元下降34万元": the
     * year compared with, its figure, then the change */
    unsigned yw = year_words(w);
    if ((yw & (YW_BI | YW_JIAO)) && !(yw & (YW_ZENG | YW_JIAN)) && change_after(after, s->end) &&
        ((yw & (YW_SHANGNIAN | YW_QUNIAN)) || earlier_year(w, s->x->year)))
        return true;
    /* 相比 holds 比 */
    if (yw & (YW_BI | YW_JIAO | YW_JIEZHUAN | YW_JIEYU | YW_ZENG | YW_JIAN)) return false;
    if (yw & (YW_SHANGNIAN | YW_QUNIAN | YW_SHANGYINIAN)) return true;
    int y = s->x->year;
    const char *we = w + strlen(w);
    for (const char *q = w; y > 0 && *q; q++)
        if (q[0] >= '1' && q[0] <= '2' && we - q >= 7 && !memcmp(q + 4, "年", 3)) {
            int v = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
            bool digits = q[1] >= '0' && q[1] <= '9' && q[2] >= '0' && q[2] <= '9' && q[3] >= '0' && q[3] <= '9';
            /* "2023年为", "2023年决算数为"; "2023年度…" is a date the date checks
             * read (a stale year, or last year's figure: ck_dated_other_year) */
            const char *nx = q + 7;
            bool dated = !strncmp(nx, "度", 3) || !strncmp(nx, "末", 3) || !strncmp(nx, "底", 3) ||
                         !strncmp(nx, "初", 3) || (*nx >= '0' && *nx <= '9');
            if (digits && !dated && v < y && v > y - 5 && (q == w || q[-1] < '0' || q[-1] > '9')) return true;
        }
    return false;
}

/* An amount with its unit ("收入总计51448.55万元"), or with decimals where
 * an amount is expected and its unit left out ("卫生健康（类）支出23604.30，
 * 占99.40%": read in 万元 and flagged): a value, change, budget or actual. */
/* Whether the number at p is a term of a ratio ("之比为1:28.67", "1：28.67"). */
static bool in_ratio(const sent *s, const char *p)
{
    const char *q = p;
    if (q - s->start >= 3 && !memcmp(q - 3, "：", 3)) q -= 3;
    else if (q > s->start && q[-1] == ':') q--;
    else return false;
    return q > s->start && q[-1] >= '0' && q[-1] <= '9';
}

/* "比预算9.00万元少2.21万元", "较上年多0.5万元": 少 or 多 right before the
 * amount at p, a comparison (比/较) earlier in its clause — a change, −1 or
 * +1; else 0. */
static int less_or_more(const sent *s, const char *p)
{
    while (p > s->start && p[-1] == ' ') p--;
    if (ends_with(s->start, p, "了", 3)) p -= 3;
    int sign = ends_with(s->start, p, "少", 3) ? -1 : ends_with(s->start, p, "多", 3) ? 1 : 0;
    if (!sign) return 0;
    char w[128];
    clause_before(s, p, w, sizeof w);
    return strstr(w, "比") || strstr(w, "较") ? sign : 0;
}

static bool fig_amount(sent *s, figure *f)
{
    ex *x = s->x;
    /* "人员经费和公用经费支出803.63万元": one amount after a joined list, no
     * 分别/各/均, is their total — none of theirs */
    if (s->L.joined && s->L.mode == CX_DIST_NONE && s->kw == K_NONE && f->a.unit_written) forget_subject(s);
    if (f->a.unit_written && named_otherwise(s, s->p)) forget_subject(s);
    if (f->a.unit_written) s->L.joined = false;
    const jue_subject *subject = cur_subject(s);
    jue_fact fact = cur_fact(s);
    const char *why;
    bool unitless = !f->a.unit_written && f->a.decimals > 0 && subject && s->kw != K_SHARE && s->kw != K_COMPLETE &&
                    clause_ends(f->sp, s->end) && !in_ratio(s, s->p) &&
                    jue_amount_scan(s->p, f->a.consumed, JUE_UNIT_WAN, &f->a, &why) == JUE_OK;
    if (!f->a.unit_written && !unitless) return false;
    if (s->kw == K_NONE) {
        int lm = less_or_more(s, s->p);
        if (lm) s->kw = lm > 0 ? K_UP : K_DOWN;
    }
    jue_claim *c = &f->c;
    c->no_unit = unitless;
    c->value = f->a.value;
    c->iv = f->a.iv;
    c->decimals = f->a.decimals;
    c->unit = f->a.unit;
    /* "完成预算29.6万元的92.8%": the amount after 完成…预算 is the budget */
    bool budget_of_rate = s->kw == K_COMPLETE && f->a.unit_written;
    c->role = s->kw == K_UP || s->kw == K_DOWN ? JUE_ROLE_CHANGE
            : s->kw == K_BUDGET || budget_of_rate ? JUE_ROLE_BUDGET
            : s->kw == K_ACTUAL ? JUE_ROLE_ACTUAL : JUE_ROLE_VALUE;
    if ((c->role == JUE_ROLE_VALUE && previous_year_amount(s, s->p)) ||
        ((c->role == JUE_ROLE_VALUE || c->role == JUE_ROLE_ACTUAL || c->role == JUE_ROLE_BUDGET) &&
         previous_year_named(s, s->p, f->after)))
        c->role = JUE_ROLE_PREVIOUS;
    /* the gap only right after its words ("大于预算数3.15万元", "…为3.15万元");
     * an amount further on ("…的主要原因是追加经费150万元") is none */
    bool gap_kw = s->kw == K_GAP_UP || s->kw == K_GAP_DOWN || s->kw == K_GAP;
    bool gap = gap_kw && s->kw_at && s->p - s->kw_at <= 7;
    if (gap) c->role = JUE_ROLE_GAP;
    else if (gap_kw) s->kw = K_NONE, c->role = JUE_ROLE_VALUE;
    if (c->role == JUE_ROLE_CHANGE && budget_compared(s, s->p)) c->role = JUE_ROLE_GAP;
    if (c->role == JUE_ROLE_GAP) c->adjusted = adjusted_budget(s, s->p);
    if (c->role == JUE_ROLE_CHANGE && other_year_change(s, s->p, false)) c->unsure = true;
    c->sign = s->kw == K_UP || s->kw == K_GAP_UP ? 1 : s->kw == K_DOWN || s->kw == K_GAP_DOWN ? -1 : 0;
    c->printed = copy_printed(s->x->out, s->p, f->a.consumed);
    c->subject = subject_of(subject);
    /* a budget figure is not the table's 决算 — except 三公, whose table
     * prints the 预算数 beside the 决算数 */
    if (c->role != JUE_ROLE_BUDGET) {
        c->fact = fact;
    } else if (jue_fact_table(&fact) == JUE_T09 && fact.col == JUE_COL_ACTUAL) {
        c->fact = fact;
        c->fact.col = JUE_COL_BUDGET;
    }
    if (c->role == JUE_ROLE_PREVIOUS || c->role == JUE_ROLE_GAP) c->fact = (jue_fact){ 0 };   /* no cell's */
    c->parent = s->parent;
    c->named = !unitless && !(s->item_here && jue_subject_on(&x->item_subject)) && subject == s->subj && !s->subj_own &&
               subject_named(x, s->start, s->subj_from, s->subj_end, s->p);
    jue_claim_role role = c->role;
    int idx = cx_add_claim(x, c);
    if ((role == JUE_ROLE_VALUE || role == JUE_ROLE_ACTUAL) && s->parent < 0) s->parent_candidate = idx;
    if (idx >= 0) part_list_done(s);
    s->kw = budget_of_rate ? K_COMPLETE : K_NONE;   /* its rate follows: "…的92.8%" */
    if (budget_of_rate) s->kw_at = f->after;
    s->p = f->after;
    return true;
}

/* Whether [p, end) starts with lit, spaces in the text passed over ("12 月
 * 31 日" as a copy spaces it); *n: the bytes taken. */
static bool starts_spaced(const char *p, const char *end, const char *lit, size_t *n)
{
    const char *q = p;
    for (const char *l = lit; *l; l++, q++) {
        while (q < end && *q == ' ') q++;
        if (q >= end || *q != *l) return false;
    }
    *n = (size_t)(q - p);
    return true;
}

/* A plain number followed by 年: 2021年12月31日 or 2022年度 ("2022 年度",
 * "2023年 12 月 31 日" as pdftotext spaces them) is a date; another year is
 * passed over. */
static bool fig_date(sent *s, figure *f)
{
    const char *sp = f->sp, *end = s->end;
    if (!starts(sp, end, "年") || f->a.decimals != 0 || f->a.value < 190000 || f->a.value > 210000) return false;
    size_t yl = 0;
    bool ye = starts_spaced(sp + 3, end, "12月31日", &yl);
    if (ye || starts(sp + 3, end, "度")) {
        jue_claim *c = &f->c;
        c->role = JUE_ROLE_DATE;
        c->opens = clause_start(s->start, s->p);
        c->value = f->a.value / 100;
        c->iv = (jue_interval){ c->value, c->value };
        /* printed with its suffix, so rules can tell 年末 dates from 年度,
         * and a document's own title ("2023年度部门决算") from a comparison */
        static const char *const TITLE[] = { "部门决算", "单位决算", "决算" };
        const char *title = "";
        /* "较2020年度决算数减少…", "与2020年度决算相比": the year compared
         * with, not a title */
        const char *b = s->p;
        while (b > s->start && b[-1] == ' ') b--;
        static const char *const CMP[] = { "较", "比", "与", "同", "对比" };
        bool compared = false;
        for (size_t q = 0; q < sizeof CMP / sizeof CMP[0] && !compared; q++) {
            size_t n = strlen(CMP[q]);
            compared = (size_t)(b - s->start) >= n && !memcmp(b - n, CMP[q], n);
        }
        for (size_t q = 0; !ye && !compared && q < 3 && !title[0]; q++)
            if (starts(sp + 6, end, TITLE[q])) title = TITLE[q];
        /* "，2023年度决算数为22290.51万元": that year's figure, no title */
        const char *tn = sp + 6 + strlen(title);
        if (title[0] && (starts(tn, end, "数") || starts(tn, end, "为") || starts(tn, end, "是"))) title = "";
        /* printed without the spaces */
        char suffix[64], *se = suffix + sizeof suffix;
        jue_str_put(jue_str_put(jue_str_put(suffix, se, "年", SIZE_MAX), se, ye ? "12月31日" : "度", SIZE_MAX), se, title,
                    SIZE_MAX);
        c->printed = cx_str_room(s->x->out, f->a.consumed + strlen(suffix) + 1);
        if (c->printed) {
            memcpy(c->printed, s->p, f->a.consumed);
            strcpy(c->printed + f->a.consumed, suffix);
        }
        cx_add_claim(s->x, c);
    }
    s->p = f->after;
    return true;
}

/* A whole number with a counter ("团组12个", "8 人" as a copy from PDF
 * spaces it): a count, a part of the count list open; else nothing. */
static void fig_count(sent *s, figure *f)
{
    static const char *const COUNTERS[] = { "人次", "个", "人", "辆", "次", "批", "台", "套", "名", "项", "户" };
    const char *cu = f->after;
    while (cu < s->end && *cu == ' ') cu++;
    /* every counter starts with a character led by E4..E9 */
    bool may = cu < s->end && (unsigned char)*cu >= 0xE4 && (unsigned char)*cu <= 0xE9;
    for (size_t k = 0; may && k < sizeof COUNTERS / sizeof COUNTERS[0] && f->a.decimals == 0; k++) {
        if (!starts(cu, s->end, COUNTERS[k])) continue;
        jue_claim *c = &f->c;
        c->role = JUE_ROLE_COUNT;
        c->value = f->a.value / 100;   /* no unit: read as 元 → 分; a count is whole */
        c->iv = (jue_interval){ c->value, c->value };
        /* printed as the figure and its counter, without the space */
        size_t n = f->a.consumed + strlen(COUNTERS[k]);
        c->printed = cx_str_room(s->x->out, n + 1);
        if (c->printed) {
            memcpy(c->printed, s->p, f->a.consumed);
            memcpy(c->printed + f->a.consumed, COUNTERS[k], strlen(COUNTERS[k]));
            c->printed[n] = 0;
        }
        c->subject = subject_of(cur_subject(s));
        c->parent = s->count_parent;
        int idx = cx_add_claim(s->x, c);
        if (s->count_parent < 0) s->count_candidate = idx;
        break;
    }
    s->p = f->after;
}

/* A figure after 分别/各/均 (respectively.c): without a unit of its own it
 * takes the run's last one ("4125.49,4143.91万元"); continuing a run and
 * repeating no role word, it takes the run's ("分别增长6.68%、6.23%"). The
 * role word it is read with. */
static keyword fig_in_list(sent *s, figure *f)
{
    cx_list *L = &s->L;
    if (L->mode == CX_DIST_NONE) return s->kw;
    jue_unit u;
    const char *why;
    if (!f->a.unit_written && !starts(f->sp, s->end, "%") && !starts(f->sp, s->end, "％") &&
        !starts(f->sp, s->end, "年") && cx_list_unit(L, f->sp, s->end, &u) &&
        jue_amount_scan(s->p, f->a.consumed, u, &f->a, &why) == JUE_OK)
        f->a.unit_written = true;   /* printed once, after the last */
    cx_kind k = starts(f->sp, s->end, "%") || starts(f->sp, s->end, "％") ? CX_KIND_PERCENT
              : f->a.unit_written && !starts(f->after, s->end, "以上") ? CX_KIND_AMOUNT : CX_KIND_OTHER;
    if (cx_list_before(s->x, L, k) && s->kw == K_NONE && L->kw) {
        s->kw = (keyword)L->kw;
        if (s->kw == K_SHARE && !s->whole[0]) jue_str_put(s->whole, s->whole + sizeof s->whole, L->whole, SIZE_MAX);
    }
    return s->kw;
}

/* An amount stated for the lexicon subject in force, outside a run: the
 * subjects a later 分别 may share out over ("基本支出804.49万元、项目支出
 * 23061.03万元，分别占…"). */
static void fig_said(sent *s, size_t from)
{
    const jue_claims *o = s->x->out;
    if (s->L.mode != CX_DIST_NONE || !s->subj_entry || from >= o->len) return;
    const jue_claim *c = &o->items[from];
    if (!c->is_percent && !c->unsure && (c->role == JUE_ROLE_VALUE || c->role == JUE_ROLE_ACTUAL) &&
        jue_subject_same(&c->subject, &s->subj_entry->subject))
        cx_list_said(&s->L, s->subj_entry);
}

/* A number at s->p, read by the first handler its shape fits. */
static void on_figure(sent *s)
{
    const para *P = s->P;
    const char *why;
    figure f = { 0 };
    if (jue_amount_scan(s->p, (size_t)(s->end - s->p), JUE_UNIT_NONE, &f.a, &why) != JUE_OK || f.a.consumed == 0) {
        /* not a figure: neither is any tail of it, so the whole run of
         * digits, separators and points is passed at once (starting
         * again inside it would rescan the run: quadratic in its length) */
        while (s->p < s->end && (is_digit_at(s->p, s->end) || *s->p == ',' || *s->p == '.')) {
            s->p += is_digit_at(s->p, s->end) ? jue_utf8_step(s->p) : 1;
            jue_work_steps++;
        }
        return;
    }
    size_t off = (size_t)(s->p - s->base);
    f.after = s->p + f.a.consumed;
    for (f.sp = f.after; f.sp < s->end && *f.sp == ' ';) f.sp++;
    f.c.parent = -1;
    f.c.section = s->x->section;
    f.c.sentence = s->x->sentence;
    cx_para_place(P, off, &f.c.line, &f.c.col, &f.c.page);
    keyword kw = fig_in_list(s, &f);   /* may end a run, adding its copies */
    size_t from = s->x->out->len;
    char whole[sizeof s->whole];
    bool in_run = s->L.mode != CX_DIST_NONE;   /* cx_list_after reads the whole only then (no handler sets it) */
    if (in_run) memcpy(whole, s->whole, sizeof whole);
    if (!(fig_malformed(s, &f) || fig_percent(s, &f) || fig_threshold(s, &f) || fig_per_unit(s, &f) ||
          fig_bare_percent(s, &f) || fig_amount(s, &f) || fig_date(s, &f)))
        fig_count(s, &f);
    cx_list_after(s->x, &s->L, from, (int)kw, in_run ? whole : NULL);
    fig_said(s, from);
}

/* A table row no table took (a list of units, a template's rows): a
 * sentence of its own, read for template marks only — its figures are a
 * table's, not statements. */
void cx_read_row_marks(ex *x, const para *P)
{
    const char *base = jue_buf_str(&P->text);
    sent s = { .x = x, .P = P, .base = base, .start = base, .end = base + P->text.len, .p = base };
    x->sentence++;
    x->in_sentence = 0;
    while (s.p < s.end && !x->over)
        if (!on_placeholder(&s)) s.p += jue_utf8_step(s.p);
}

/* Whether the character at p is a Chinese one (U+4000..U+9FFF) none of the
 * sentence's handlers may start at but the lexicon's words (on_words) and
 * those the sentence's state decides (skip_item_names, on_lei_name): not
 * 其 (其中), 决 (决算数), 分 各 均 都 (on_distribute). Every other handler
 * starts at a mark, a bracket, a digit or an X; most characters of the
 * notes are such ones. */
static inline bool words_only_key(uint32_t key)
{
    switch (key) {
    case CH_QI: case CH_JUE: case CH_FEN: case CH_GE: case CH_JUN: case CH_DOU:   /* as cx_reader_init's */
        return false;
    default:
        return true;
    }
}

/* The length of the character at p, led by a byte of a three-byte one with
 * two more bytes before the end: 3, unless a NUL cuts it (jue_utf8_step). */
static inline size_t char3_step(const char *p)
{
    return p[1] && p[2] ? 3 : (size_t)jue_utf8_step(p);
}

/* Whether the character at p is such a one; *key: its cx_key3 when it is. */
static inline bool words_only_at(const char *p, const char *end, uint32_t *key)
{
    unsigned char b = (unsigned char)*p;
    if (b < 0xE4 || b > 0xE9 || end - p < 3) return false;
    *key = cx_key3(p);
    return words_only_key(*key);
}

/* The handlers for a position that is no words-only character, in their
 * order; each is asked only where its text may start (its first byte): one
 * asked elsewhere declines and changes nothing. 类 names and lexicon words
 * may start anywhere. */
static bool on_other(sent *s)
{
    unsigned char b = (unsigned char)*s->p;
    bool wide = b == 0xEF || b == 0xE3;                  /* ，；、（ and ＸＸ */
    bool paren = b == 0xEF || b == '(';                  /* （类） (类) （ ( */
    return (wide && on_clause_mark(s)) || (b == 0xE5 && (on_list_open(s) || on_direction(s))) ||   /* 其中 决算数 */
           skip_item_names(s) || (paren && (on_lei_mark(s) || skip_alternative(s))) || on_lei_name(s) ||
           ((b == 0xE5 || b == 0xE9) && on_distribute(s)) ||                                      /* 分别 各 均 都 */
           on_words(s) || ((b == 'X' || b == 0xC3 || b == 0xEF) && on_placeholder(s));          /* XX ×× ＸＸ */
}

/* After a character the sentence's handlers declined, those after it of the
 * same kind (words_only_at) that no lexicon word starts with: passed at
 * once. Without item names in force (item_here) none of skip_item_names,
 * on_lei_name and on_words takes them (a 类's name starts only after a
 * mark, which none of them is). A character some word starts with stops
 * it: the general path decides there. */
static void pass_plain(sent *s)
{
    if (s->item_here || s->x->over) return;   /* neither changes here */
    const uint64_t *stop = s->x->plain_stop;
    const char *p = s->p, *end = s->end;
    unsigned long long steps = 0;
    while (end - p >= 3) {
        const unsigned char *u = (const unsigned char *)p;
        if (u[0] < 0xE4 || u[0] > 0xE9) break;
        uint32_t b = cx_first_bit(cx_key3(p));
        if (stop[b >> 6] >> (b & 63) & 1) break;
        steps++;
        p += char3_step(p);
    }
    jue_work_steps += steps;
    s->p = p;
}

void cx_reader_init(ex *x)
{
    static const uint32_t NOT_WORDS_ONLY[] = { CH_QI, CH_JUE, CH_FEN, CH_GE, CH_JUN, CH_DOU };   /* words_only_key's */
    if (x->lx) memcpy(x->plain_stop, x->lx->first, sizeof x->plain_stop);
    for (size_t i = 0; i < sizeof NOT_WORDS_ONLY / sizeof NOT_WORDS_ONLY[0]; i++) {
        uint32_t b = cx_first_bit(NOT_WORDS_ONLY[i]);
        x->plain_stop[b >> 6] |= (uint64_t)1 << (b & 63);
    }
}

/* The top bit of each of the eight bytes of w that is below 0x40 (a digit
 * among them), an X, or a lead byte C3 (×) or EF (full-width forms: ０–９,
 * Ｘ), and maybe of some bytes after such a one (a borrow carried): none
 * when none is. */
static inline uint64_t claim_bytes8(uint64_t w)
{
    const uint64_t ONES = 0x0101010101010101u;
    uint64_t x = w ^ 'X' * ONES, c = w ^ 0xC3 * ONES, f = w ^ 0xEF * ONES;
    return (((w - 0x40 * ONES) & ~w) | ((x - ONES) & ~x) | ((c - ONES) & ~c) | ((f - ONES) & ~f)) & 0x80 * ONES;
}

/* The byte of eight loaded by memcpy whose top bit is the lowest set bit of m. */
static inline size_t byte_of_bit(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return 7 - (size_t)__builtin_ctzll(m) / 8;
#else
    return (size_t)__builtin_ctzll(m) / 8;
#endif
}

/* Whether the byte at p starts a figure (is_digit_at) or a placeholder's
 * marks (X, ×, Ｘ). */
static inline bool claim_start(const char *p, const char *end)
{
    unsigned char b = (unsigned char)*p;
    return (b >= '0' && b <= '9') || b == 'X' ||
           (b == 0xC3 && end - p >= 2 && (unsigned char)p[1] == 0x97) ||
           (b == 0xEF && end - p >= 3 && (unsigned char)p[1] == 0xBC &&
            (((unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x99) || (unsigned char)p[2] == 0xB8));
}

/* Whether the word lit (its first character three bytes) is in [s, e),
 * found from that character's last byte (rarer than its first). */
static bool has_word(const char *s, const char *e, const char *lit)
{
    size_t n = strlen(lit);
    for (const char *q = s + 2; q < e && (q = memchr(q, lit[2], (size_t)(e - q))) != NULL; q++)
        if ((size_t)(e - (q - 2)) >= n && !memcmp(q - 2, lit, n)) return true;
    return false;
}

/* Whether reading [p, end) may add a claim: each starts at a figure's digit,
 * a placeholder's marks, 决算数 (on_direction) or 持平, 无增减 (a K_SAME
 * word). A sentence without them is words only, and reading it changes
 * nothing the reader keeps past it (its handlers set the sentence's own
 * state): about half the sentences of the notes. */
#if defined(__SSE2__)
/* The bytes of the 16 at p that are a digit, an X, or a lead byte C3 or EF
 * (claim_bytes8's, without the bytes after them), a bit each. */
static inline unsigned claim_bytes16(const char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* '0'..'9': v - '0' below 10, unsigned (compared signed with the top bits flipped) */
    __m128i d = _mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8('0')), _mm_set1_epi8((char)0x80));
    __m128i m = _mm_or_si128(_mm_cmplt_epi8(d, _mm_set1_epi8((char)(0x80 + 10))), _mm_cmpeq_epi8(v, _mm_set1_epi8('X')));
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC3)),
                                     _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF))));
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

static bool may_claim(const char *p, const char *end)
{
#if defined(__SSE2__)
    for (; end - p >= 16; p += 16)
        for (unsigned m = claim_bytes16(p); m; m &= m - 1)
            if (claim_start(p + __builtin_ctz(m), end)) return true;
#endif
    for (; end - p >= 8; p += 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        for (uint64_t m = claim_bytes8(w); m; m &= m - 1)
            if (claim_start(p + byte_of_bit(m), end)) return true;
    }
    for (; p < end; p++)
        if (claim_start(p, end)) return true;
    return false;
}

bool jue_claims_need_lexicon(const jue_note_line *lines, size_t n)
{
    /* what cx_read_sentence lets through (may_claim, 决算数, 持平, 无增减) and
     * what else reads the lexicon (goes_on_compared after a figure, a row's
     * placeholders) each start at a claim_start byte or one of these three
     * characters, whatever the lines joined into a paragraph */
    for (size_t i = 0; i < n; i++) {
        const char *s = lines[i].text, *e = s + lines[i].len;
        if (may_claim(s, e) || has_word(s, e, "决") || has_word(s, e, "持") || has_word(s, e, "无")) return true;
    }
    return false;
}

void cx_read_sentence(ex *x, const para *P, size_t from, size_t to)
{
    const char *base = jue_buf_str(&P->text);
    const char *sb = base + from, *se = base + to;
    if (!may_claim(sb, se) && !has_word(sb, se, "决算数") && !has_word(sb, se, "持平") && !has_word(sb, se, "无增减")) {
        x->sentence++;
        x->in_sentence = 0;
        return;
    }
    sent s = { .x = x, .P = P, .base = base, .start = base + from, .end = base + to, .p = base + from,
               .parent_candidate = -1, .parent = -1, .count_candidate = -1, .count_parent = -1,
               .item_here = jue_subject_on(&x->item_subject), .item_sentence = jue_subject_on(&x->item_subject) };
    x->sentence++;
    x->in_sentence = 0;
    while (s.p < s.end && !x->over) {
        jue_work_steps++;
        uint32_t key;
        if (words_only_at(s.p, s.end, &key)) {   /* the handlers skipped would each decline it */
            if (skip_item_names(&s) || on_lei_name_key(&s, key) || on_words_key(&s, key)) continue;
            s.p += char3_step(s.p);
            pass_plain(&s);
            continue;
        }
        if (s.L.mode != CX_DIST_NONE) cx_list_mark(x, &s.L, s.p, s.end);
        if (on_other(&s)) continue;
        unsigned char b = (unsigned char)*s.p;
        if (is_digit_at(s.p, s.end)) {
            on_figure(&s);
        } else {
            if (b == 0xEF || b == '(' || b == ')') on_bracket(&s);   /* （ ( ） ) */
            s.p += jue_utf8_step(s.p);
        }
    }
    cx_list_reset(x, &s.L);
}
