/* juesuan/hash.h — SHA-256 (FIPS 180-4), for the fingerprints of stored
 * documents and of the rules in force. */
#ifndef JUESUAN_HASH_H
#define JUESUAN_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

typedef struct {
    uint32_t h[8];
    uint64_t bytes;     /* message length so far */
    uint8_t block[64];
    size_t used;        /* bytes in block */
} jue_sha256;

void jue_sha256_init(jue_sha256 *s);
void jue_sha256_update(jue_sha256 *s, const void *data, size_t len);
/* Writes the digest as 64 lowercase hex digits and a NUL to hex. */
void jue_sha256_hex(jue_sha256 *s, char hex[65]);
/* The digest of a whole file, read in blocks. JUE_ERR_IO when it cannot be read. */
jue_status jue_sha256_file(const char *path, char hex[65]);
/* A file's digest, or for a directory (a source) the digest of its regular
 * files' names and digests in name order (subdirectories are not read). */
jue_status jue_sha256_path(const char *path, char hex[65]);

#endif
