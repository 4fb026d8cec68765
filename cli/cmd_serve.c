/* juesuan serve [--store FILE] [--listen HOST:PORT] [--token T | --token-file F] [limits]:
 * the options, then the library's server (src/serve/) until Ctrl+C. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <juesuan/serve.h>

#include "cli.h"
#include "serve/serve_internal.h"   /* serve_parse_size */

void usage_serve(void)
{
    puts("用法：juesuan serve [--store 存储文件] [--listen 地址:端口] [--token 令牌 | --token-file 文件]\n"
         "                    [--profile 方案] [--max-upload 大小] [--max-files 个数] [--jobs N]\n"
         "                    [--cpu-seconds 秒] [--memory 大小]\n\n"
         "在本机启动决算网页：审核（拖入文件，逐页看审核意见）、编制、历年（存储中的单位和年度）。\n"
         "  --listen       默认 127.0.0.1:8080；端口 0 为任一空闲端口。本机以外的地址须设访问令牌\n"
         "  --token        访问令牌，每个请求都须带上（网页中输入一次即可）；--token-file 从文件读出\n"
         "  --store        历年页所用的存储（juesuan audit --store 写入的 SQLite 文件）\n"
         "  --max-upload   一次上传的总大小上限，默认 100M（可写 K、M、G）\n"
         "  --max-files    一次上传的文件个数上限，默认 20\n"
         "  --jobs         同时审核的文件数（每份文件一个进程），默认 2\n"
         "  --cpu-seconds  审核一份文件的 CPU 时间上限，默认 120 秒；超过者记为一条审核意见\n"
         "  --memory       审核一份文件的内存上限，默认 2G\n"
         "上传的文件放在私有的临时文件夹中，服务停止时删除。");
}

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

static void ready(const char *url, void *ctx)
{
    (void)ctx;
    printf("juesuan serve：在 %s 提供服务（Ctrl+C 停止）\n", url);
    fflush(stdout);
}

/* The token in a file: its first line, without the line end. */
static char *read_token(const char *path)
{
    char *s = NULL;
    size_t n = 0;
    if (jue_read_file(path, &s, &n) != JUE_OK) { cli_error("%s：无法读取令牌文件", path); return NULL; }
    s[strcspn(s, "\r\n")] = 0;
    return s;
}

static bool number(const char *opt, const char *v, long lo, long hi, long *out)
{
    char *end;
    *out = strtol(v, &end, 10);
    if (*v && !*end && *out >= lo && *out <= hi) return true;
    cli_error("%s 的值“%s”不对：须为 %ld 到 %ld 之间的整数", opt, v, lo, hi);
    return false;
}

static bool size_opt(const char *opt, const char *v, size_t *out)
{
    if (serve_parse_size(v, out) && *out > 0) return true;
    cli_error("%s 的值“%s”不对：须为大小，例如 100M、2G", opt, v);
    return false;
}

static bool option(jue_serve_opts *o, const char *opt, const char *v, char **token_file)
{
    long n;
    if (!strcmp(opt, "--store")) o->store = v;
    else if (!strcmp(opt, "--listen")) o->listen = v;
    else if (!strcmp(opt, "--token")) o->token = v;
    else if (!strcmp(opt, "--token-file")) *token_file = (char *)v;
    else if (!strcmp(opt, "--profile")) o->profile = v;
    else if (!strcmp(opt, "--max-upload")) return size_opt(opt, v, &o->max_upload);
    else if (!strcmp(opt, "--memory")) return size_opt(opt, v, &o->mem_bytes);
    else if (!strcmp(opt, "--max-files")) return number(opt, v, 1, 10000, &n) && (o->max_files = (size_t)n, true);
    else if (!strcmp(opt, "--jobs")) return number(opt, v, 1, 64, &n) && (o->jobs = (int)n, true);
    else if (!strcmp(opt, "--cpu-seconds")) return number(opt, v, 1, 86400, &n) && (o->cpu_seconds = (int)n, true);
    else { cli_error("未知的参数“%s”（juesuan serve --help）", opt); return false; }
    return true;
}

int cmd_serve(int argc, char **argv)
{
    jue_serve_opts o;
    jue_serve_opts_init(&o);
    char *token_file = NULL, *token = NULL;
    for (int i = 1; i < argc; i += 2) {
        if (i + 1 >= argc && !strncmp(argv[i], "--", 2)) { cli_error("%s 后面须给出值", argv[i]); return EXIT_USAGE; }
        if (!option(&o, argv[i], argv[i + 1], &token_file)) return EXIT_USAGE;
    }
    if (token_file && o.token) { cli_error("--token 和 --token-file 只能给一个"); return EXIT_USAGE; }
    if (token_file && !(o.token = token = read_token(token_file))) return EXIT_USAGE;
    if (o.token && strlen(o.token) < 8) {
        cli_error("访问令牌太短：至少 8 个字符");
        free(token);
        return EXIT_USAGE;
    }
    struct stat st;
    if (o.store && stat(o.store, &st) != 0) {
        cli_error("%s：没有这个存储文件（先用 juesuan audit --store %s 文件夹 存入决算）", o.store, o.store);
        free(token);
        return EXIT_USAGE;
    }
    struct sigaction sa = { .sa_handler = on_signal };
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    o.ready = ready;
    jue_diags d;
    jue_diags_init(&d);
    jue_status s = jue_serve_run(&o, &stop, &d);
    cli_print_diags(&d, false);
    jue_diags_free(&d);
    free(token);
    if (s != JUE_OK) return s == JUE_ERR_SYNTAX ? EXIT_BADINPUT : EXIT_USAGE;
    return EXIT_CLEAN;
}
