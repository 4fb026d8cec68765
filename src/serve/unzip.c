/* A source folder uploaded as a zip, unpacked into a private folder with
 * bounds (serve_unzip): entries, bytes of each file and of all, the ratio of
 * unpacked to packed (a zip bomb), names (no absolute path, no "..", no
 * backslash or control character, not too deep), no links; each byte
 * counted as it is inflated, whatever the archive says of its sizes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "serve_view.h"

const serve_unzip_limits SERVE_UNZIP = {
    .entries = 500, .file_bytes = 32u << 20, .total_bytes = 64u << 20, .ratio = 200, .depth = 4,
};

/* Whether a name inside the archive is one we write: relative, no "."
 * or ".." part, no backslash or control byte, at most depth folders; a
 * folder ends in '/'. Hidden parts (.DS_Store, __MACOSX) are skipped, not
 * refused: *skip. */
static bool name_ok(const char *name, int depth, bool *skip)
{
    *skip = false;
    size_t n = strlen(name);
    if (!n || n > 255 || name[0] == '/') return false;
    int parts = 0;
    for (const char *p = name; *p;) {
        const char *e = strchr(p, '/');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == 0 || (k == 1 && p[0] == '.') || (k == 2 && p[0] == '.' && p[1] == '.')) return false;
        if (p[0] == '.' || (k == 8 && !memcmp(p, "__MACOSX", 8))) *skip = true;
        for (size_t i = 0; i < k; i++)
            if ((unsigned char)p[i] < 0x20 || p[i] == '\\' || p[i] == 0x7f || p[i] == ':') return false;
        parts++;
        if (!e) break;
        p = e + 1;
    }
    return parts <= depth + 1;
}

/* Makes the folders of path (relative, under dir). */
static bool make_parents(const char *dir, const char *name)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path) return false;
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = 0;
        if (mkdir(path, 0700) != 0 && errno != EEXIST) return false;
        struct stat st;
        if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode)) return false;
        *p = '/';
    }
    return true;
}

static bool is_link(zip_t *z, zip_uint64_t i)
{
    zip_uint8_t os;
    zip_uint32_t attr;
    if (zip_file_get_external_attributes(z, i, 0, &os, &attr) != 0) return false;
    return os == ZIP_OPSYS_UNIX && ((attr >> 16) & S_IFMT) == S_IFLNK;
}

/* Inflates entry i into dir/name, counting bytes against the limits. */
static const char *unpack_one(zip_t *z, zip_uint64_t i, const char *dir, const char *name, size_t *total)
{
    if (!make_parents(dir, name)) return "无法建立文件夹";
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    zip_file_t *zf = zip_fopen_index(z, i, 0);
    if (!zf) return "压缩包已损坏";
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
    const char *why = fd < 0 ? "压缩包中有重名的文件" : NULL;
    char buf[65536];
    size_t mine = 0;
    while (!why) {
        zip_int64_t k = zip_fread(zf, buf, sizeof buf);
        if (k < 0) why = "压缩包已损坏";
        if (k <= 0) break;
        mine += (size_t)k, *total += (size_t)k;
        if (mine > SERVE_UNZIP.file_bytes) why = "压缩包中有文件解压后超过大小上限";
        else if (*total > SERVE_UNZIP.total_bytes) why = "压缩包解压后超过总大小上限";
        else if (write(fd, buf, (size_t)k) != k) why = "无法写出（磁盘已满？）";
    }
    if (fd >= 0) close(fd);
    zip_fclose(zf);
    return why;
}

const char *serve_unzip(const char *zip_path, const char *dir)
{
    int err = 0;
    zip_t *z = zip_open(zip_path, ZIP_RDONLY, &err);
    if (!z) return "不是 zip 压缩包，或压缩包已损坏";
    zip_int64_t n = zip_get_num_entries(z, 0);
    const char *why = n < 0 ? "压缩包已损坏" : (zip_uint64_t)n > SERVE_UNZIP.entries ? "压缩包中的文件太多" : NULL;
    size_t total = 0, packed = 0, declared = 0;
    for (zip_uint64_t i = 0; !why && i < (zip_uint64_t)n; i++) {
        zip_stat_t st;
        const char *name = zip_get_name(z, i, ZIP_FL_ENC_GUESS);
        bool skip;
        if (!name || zip_stat_index(z, i, 0, &st) != 0) { why = "压缩包已损坏"; break; }
        if (!name_ok(name, SERVE_UNZIP.depth, &skip)) { why = "压缩包中有不安全的文件名（绝对路径、“..”或层次太深）"; break; }
        if (is_link(z, i)) { why = "压缩包中有符号链接"; break; }
        if (skip || name[strlen(name) - 1] == '/') continue;
        packed += (st.valid & ZIP_STAT_COMP_SIZE) ? (size_t)st.comp_size : 0;
        declared += (st.valid & ZIP_STAT_SIZE) ? (size_t)st.size : 0;
        if (declared > SERVE_UNZIP.total_bytes) { why = "压缩包解压后超过总大小上限"; break; }
        why = unpack_one(z, i, dir, name, &total);
    }
    if (!why && total > (1u << 20) && total / (packed ? packed : 1) > SERVE_UNZIP.ratio) why = "压缩比异常（疑似压缩炸弹）";
    zip_discard(z);
    return why;
}
