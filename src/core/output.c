/* Output files written whole or not at all (temporary file, fsync, rename),
 * and the output folder's lock. */
#define _GNU_SOURCE
#include <juesuan/output.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* Temporary names: ".<final name>.jtmp-<random>" (hidden, and recognisable
 * so the next build can sweep what a killed one left). */
#define TMP_MARK ".jtmp-"

static bool space_error(int e) { return e == ENOSPC || e == EFBIG || e == EDQUOT; }

/* The folder part of path ("." when there is none). */
static char *dir_of(const char *path)
{
    const char *s = strrchr(path, '/');
    if (!s) return jue_strdup(".");
    size_t n = s == path ? 1 : (size_t)(s - path);
    char *d = malloc(n + 1);
    if (d) memcpy(d, path, n), d[n] = '\0';
    return d;
}

static uint64_t next_random(void)
{
    static uint64_t x;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    x += (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32) ^ (uint64_t)ts.tv_sec;
    x ^= x >> 33, x *= 0xff51afd7ed558ccdULL, x ^= x >> 33;  /* splitmix-style scramble */
    return x;
}

jue_status jue_out_begin(jue_outfile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->fd = -1;
    const char *slash = strrchr(path, '/');
    size_t dn = slash ? (size_t)(slash - path) + 1 : 0;
    o->path = jue_strdup(path);
    o->tmp = malloc(strlen(path) + sizeof TMP_MARK + 20);
    if (!o->path || !o->tmp) {
        free(o->path), free(o->tmp);
        o->path = o->tmp = NULL;
        return JUE_ERR_NOMEM;
    }
    for (int tries = 0; tries < 100 && o->fd < 0; tries++) {
        sprintf(o->tmp, "%.*s.%s" TMP_MARK "%012llx", (int)dn, path, path + dn,
                (unsigned long long)(next_random() & 0xffffffffffffULL));
        o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (o->fd < 0 && errno != EEXIST) break;
    }
    if (o->fd >= 0) return JUE_OK;
    o->err = errno;
    free(o->path), free(o->tmp);
    o->path = o->tmp = NULL;
    return JUE_ERR_IO;
}

jue_status jue_out_write(jue_outfile *o, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0 && o->fd >= 0 && !o->err) {
        ssize_t k = write(o->fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            o->err = k < 0 ? errno : ENOSPC;
            break;
        }
        p += k;
        n -= (size_t)k;
    }
    return o->err ? JUE_ERR_IO : JUE_OK;
}

/* A renderer that wrote by path failed without saying why: a full disk or
 * a file size limit is recognised from the file system and the limits. */
static int guess_space_error(const char *tmp, int saved)
{
    if (space_error(saved)) return saved;
    char *dir = dir_of(tmp);
    struct statvfs vs;
    bool full = dir && statvfs(dir, &vs) == 0 && vs.f_bavail == 0;
    free(dir);
    if (full) return ENOSPC;
    struct rlimit rl;
    struct stat sb;
    if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && stat(tmp, &sb) == 0 &&
        (rlim_t)sb.st_size >= rl.rlim_cur)
        return EFBIG;
    return 0;
}

/* Flushes the temporary file and its folder's entry to disk. */
static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return errno;
    int e = fsync(fd) == 0 ? 0 : errno;
    close(fd);
    return e;
}

jue_status jue_out_end(jue_outfile *o, jue_status st)
{
    int saved = errno;
    if (o->fd >= 0 && close(o->fd) != 0 && !o->err) o->err = errno;
    o->fd = -1;
    if (!o->tmp) return st ? st : JUE_ERR_IO;
    if (st == JUE_OK && o->err) st = JUE_ERR_IO;
    if (st == JUE_OK && (o->err = sync_file(o->tmp)) != 0) st = JUE_ERR_IO;
    /* rename replaces a symlink at the final name; it never writes through it */
    if (st == JUE_OK && rename(o->tmp, o->path) != 0) o->err = errno, st = JUE_ERR_IO;
    if (st != JUE_OK) {
        if (!o->err && st == JUE_ERR_IO) o->err = guess_space_error(o->tmp, saved);
        unlink(o->tmp);
    } else {
        char *dir = dir_of(o->path);
        if (dir) sync_file(dir);  /* the rename itself on disk; best effort */
        free(dir);
    }
    free(o->path), free(o->tmp);
    o->path = o->tmp = NULL;
    return st;
}

jue_status jue_out_file(const char *path, const void *data, size_t n, int *err)
{
    jue_outfile o;
    jue_status st = jue_out_begin(&o, path);
    if (st == JUE_OK) st = jue_out_end(&o, jue_out_write(&o, data, n));
    if (err) *err = o.err;
    return st;
}

const char *jue_out_reason(jue_status st, int err)
{
    if (space_error(err)) return "磁盘空间不足";
    switch (err) {
    case 0: break;
    case EACCES: case EPERM: return "没有写入权限";
    case EROFS: return "文件系统只读";
    case EISDIR: return "同名的是一个文件夹";
    case ENOENT: case ENOTDIR: return "所在文件夹不存在";
    case ELOOP: return "路径中有循环的符号链接";
    default: return "读写出错";
    }
    return st == JUE_ERR_NOMEM ? "内存不足" : st == JUE_ERR_LIMIT ? "超出大小上限" : "读写出错";
}

void jue_out_diag(jue_diags *diags, const char *path, const char *what, jue_status st, int err)
{
    if (diags) jue_diag_add(diags, JUE_SEV_ERROR, path, 0, 0, "无法写入%s：%s", what, jue_out_reason(st, err));
}

/* ---- the folder and its lock -------------------------------------------- */

/* mkdir -p: creates each missing component; an existing directory is fine. */
int jue_out_mkdirs(const char *dir)
{
    char *p = jue_strdup(dir);
    if (!p) return ENOMEM;
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/') p[--n] = '\0';
    int err = 0;
    for (char *s = p + 1; !err; s++) {
        bool end = *s == '\0';
        if (*s != '/' && !end) continue;
        char keep = *s;
        *s = '\0';
        struct stat sb;
        if (mkdir(p, 0777) != 0 && errno != EEXIST) err = errno;
        else if (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode)) err = ENOTDIR;
        *s = keep;
        if (end) break;
    }
    free(p);
    return err;
}

/* Removes the temporary files a killed build left (we hold the lock, so no
 * build of ours is writing them). */
static void sweep_temporaries(int dirfd)
{
    int fd = dup(dirfd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0) close(fd);
        return;
    }
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (e->d_name[0] == '.' && strstr(e->d_name, TMP_MARK)) unlinkat(dirfd, e->d_name, 0);
    closedir(d);
}

struct jue_outlock {
    int fd;
};

jue_status jue_outdir_lock(const char *dir, jue_outlock **out, jue_diags *diags)
{
    *out = NULL;
    int err = jue_out_mkdirs(dir);
    if (err) {
        if (diags) jue_diag_add(diags, JUE_SEV_ERROR, dir, 0, 0, "无法创建输出文件夹：%s", jue_out_reason(JUE_ERR_IO, err));
        return err == ENOMEM ? JUE_ERR_NOMEM : JUE_ERR_IO;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int fd = dfd < 0 ? -1 : openat(dfd, ".juesuan.lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0) err = errno;
    else if (flock(fd, LOCK_EX | LOCK_NB) != 0) err = errno;
    jue_outlock *l = err ? NULL : malloc(sizeof *l);
    if (!err && !l) err = ENOMEM;
    if (err) {
        if (diags && err == EWOULDBLOCK)
            jue_diag_add(diags, JUE_SEV_ERROR, dir, 0, 0, "输出文件夹正被另一次生成使用，请等它结束后再试");
        else if (diags)
            jue_diag_add(diags, JUE_SEV_ERROR, dir, 0, 0, "无法锁定输出文件夹：%s", jue_out_reason(JUE_ERR_IO, err));
        if (fd >= 0) close(fd);
        if (dfd >= 0) close(dfd);
        return err == ENOMEM ? JUE_ERR_NOMEM : JUE_ERR_IO;
    }
    sweep_temporaries(dfd);
    close(dfd);
    l->fd = fd;
    *out = l;
    return JUE_OK;
}

void jue_outdir_unlock(jue_outlock *l)
{
    if (!l) return;
    close(l->fd);  /* releases the flock */
    free(l);
}
