/*
 * Parsing of option values: sizes ("512M", "1G"), integers and the
 * QEMU-style key=value lists ("virt,dumpdtb=f.dtb", "file=d.img,if=none").
 */
#ifndef UTIL_PARSE_H
#define UTIL_PARSE_H

#include <stdbool.h>
#include <stdint.h>
#include "util/error.h"

/*
 * Parse a size with an optional suffix K, M, G, T (powers of 1024, upper or
 * lower case, optional trailing "B" or "iB").  A bare number is multiplied by
 * default_unit (QEMU's -m takes MiB when no suffix is given).  Rejects empty
 * strings, signs, junk, and values that overflow 64 bits.
 */
bool parse_size(const char *s, uint64_t default_unit, uint64_t *out, EmuError *err);

/* Decimal (or 0x hex) unsigned integer within [min, max]; names the option in errors. */
bool parse_uint(const char *s, uint64_t min, uint64_t max, const char *what,
                uint64_t *out, EmuError *err);

/* Boolean: on/off, yes/no, true/false, 1/0. */
bool parse_bool(const char *s, bool *out);

#define KEYVAL_MAX 24

typedef struct KeyVal {
    int n;
    char *key[KEYVAL_MAX];
    char *val[KEYVAL_MAX];
    char *storage;
} KeyVal;

/*
 * Split "a=1,b=2" into pairs.  If implied_key is not NULL, a first element
 * without '=' is taken as implied_key=element ("virt,x=1" -> type=virt).
 * ",," inside a value stands for a literal comma, as in QEMU.  Duplicate
 * keys, empty keys and a missing '=' are errors.
 */
bool keyval_parse(KeyVal *kv, const char *s, const char *implied_key, EmuError *err);
void keyval_free(KeyVal *kv);
const char *keyval_get(const KeyVal *kv, const char *key);
/* Error naming the first key not in the NULL-terminated list allowed[]. */
bool keyval_check_keys(const KeyVal *kv, const char *const *allowed, const char *what,
                       EmuError *err);

#endif
