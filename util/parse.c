/* Option value parsing: see include/util/parse.h. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "util/parse.h"

bool parse_size(const char *s, uint64_t default_unit, uint64_t *out, EmuError *err)
{
    const char *p = s;
    uint64_t value = 0, unit = default_unit;

    if (!isdigit((unsigned char)*p)) {
        return emu_error_set(err, "invalid size '%s': expected a number with an optional K/M/G/T suffix", s);
    }
    while (isdigit((unsigned char)*p)) {
        unsigned digit = *p - '0';
        if (value > (UINT64_MAX - digit) / 10) {
            return emu_error_set(err, "size '%s' is too large", s);
        }
        value = value * 10 + digit;
        p++;
    }
    if (*p) {
        switch (toupper((unsigned char)*p)) {
        case 'B': unit = 1; break;
        case 'K': unit = 1ull << 10; break;
        case 'M': unit = 1ull << 20; break;
        case 'G': unit = 1ull << 30; break;
        case 'T': unit = 1ull << 40; break;
        default:
            return emu_error_set(err, "invalid size '%s': unknown suffix '%s'", s, p);
        }
        p++;
        /* Accept "KB", "KiB", "MB"... after a multiplier suffix. */
        if (unit != 1) {
            if (*p == 'i' && toupper((unsigned char)p[1]) == 'B') {
                p += 2;
            } else if (toupper((unsigned char)*p) == 'B') {
                p++;
            }
        }
        if (*p) {
            return emu_error_set(err, "invalid size '%s': junk '%s' after the number", s, p);
        }
    }
    if (value && unit > UINT64_MAX / value) {
        return emu_error_set(err, "size '%s' is too large", s);
    }
    *out = value * unit;
    return true;
}

bool parse_uint(const char *s, uint64_t min, uint64_t max, const char *what,
                uint64_t *out, EmuError *err)
{
    char *end;
    unsigned long long v;

    if (!s || !isdigit((unsigned char)*s)) {
        return emu_error_set(err, "%s: '%s' is not a number", what, s ? s : "");
    }
    errno = 0;
    v = strtoull(s, &end, 0);
    if (errno || *end) {
        return emu_error_set(err, "%s: '%s' is not a valid number", what, s);
    }
    if (v < min || v > max) {
        return emu_error_set(err, "%s: %llu is out of range (%llu to %llu)", what, v,
                             (unsigned long long)min, (unsigned long long)max);
    }
    *out = v;
    return true;
}

bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = { "on", "yes", "true", "1" };
    static const char *const no[] = { "off", "no", "false", "0" };
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (!strcmp(s, yes[i])) {
            *out = true;
            return true;
        }
        if (!strcmp(s, no[i])) {
            *out = false;
            return true;
        }
    }
    return false;
}

void keyval_free(KeyVal *kv)
{
    free(kv->storage);
    memset(kv, 0, sizeof(*kv));
}

bool keyval_parse(KeyVal *kv, const char *s, const char *implied_key, EmuError *err)
{
    size_t len = strlen(s);
    char *buf, *w;
    const char *r = s;

    memset(kv, 0, sizeof(*kv));
    /* Room for the text and for an implied key in front of it. */
    buf = malloc(len + 1 + (implied_key ? strlen(implied_key) + 1 : 0) + 1);
    if (!buf) {
        return emu_error_set(err, "out of memory");
    }
    kv->storage = buf;
    w = buf;

    while (*r) {
        char *item = w, *eq = NULL;
        /* Copy one element up to an unescaped comma; ",," is a literal comma. */
        while (*r) {
            if (*r == ',') {
                if (r[1] == ',') {
                    *w++ = ',';
                    r += 2;
                    continue;
                }
                break;
            }
            if (*r == '=' && !eq) {
                eq = w;
            }
            *w++ = *r++;
        }
        *w++ = '\0';
        if (*r == ',') {
            r++;
            if (!*r) {
                keyval_free(kv);
                return emu_error_set(err, "'%s': trailing comma", s);
            }
        }
        if (kv->n == KEYVAL_MAX) {
            keyval_free(kv);
            return emu_error_set(err, "'%s': too many parameters", s);
        }
        if (!eq) {
            if (kv->n == 0 && implied_key) {
                kv->key[0] = (char *)implied_key;
                kv->val[0] = item;
                kv->n = 1;
                continue;
            }
            keyval_free(kv);
            return emu_error_set(err, "'%s': parameter '%s' has no '=value'", s, item);
        }
        *eq = '\0';
        if (!*item) {
            keyval_free(kv);
            return emu_error_set(err, "'%s': empty parameter name", s);
        }
        if (keyval_get(kv, item)) {
            keyval_free(kv);
            return emu_error_set(err, "'%s': parameter '%s' given twice", s, item);
        }
        kv->key[kv->n] = item;
        kv->val[kv->n] = eq + 1;
        kv->n++;
    }
    return true;
}

const char *keyval_get(const KeyVal *kv, const char *key)
{
    for (int i = 0; i < kv->n; i++) {
        if (!strcmp(kv->key[i], key)) {
            return kv->val[i];
        }
    }
    return NULL;
}

bool keyval_check_keys(const KeyVal *kv, const char *const *allowed, const char *what,
                       EmuError *err)
{
    for (int i = 0; i < kv->n; i++) {
        bool ok = false;
        for (const char *const *a = allowed; *a; a++) {
            if (!strcmp(*a, kv->key[i])) {
                ok = true;
                break;
            }
        }
        if (!ok) {
            return emu_error_set(err, "%s: unsupported parameter '%s'", what, kv->key[i]);
        }
    }
    return true;
}
