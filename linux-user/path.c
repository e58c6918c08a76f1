/* -L ROOT path prefixing: see path.h. */
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "linux-user/path.h"

/*
 * A small direct-mapped cache of "does ROOT/p exist": programs stat and
 * open the same few paths (ld.so.cache, locale files) over and over.
 */
#define CACHE_SLOTS 64
#define CACHE_PATH_MAX 256

typedef struct PathCacheEntry {
    bool valid, exists;
    char path[CACHE_PATH_MAX];
} PathCacheEntry;

static char *root;
static size_t root_len;
static PathCacheEntry cache[CACHE_SLOTS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

void path_set_root(const char *r)
{
    free(root);
    root = NULL;
    root_len = 0;
    if (r && r[0] && strcmp(r, "/") != 0) {
        root = strdup(r);
        root_len = strlen(root);
        /* "ROOT/" + "/etc" would give a double slash: harmless, but keep it tidy. */
        while (root_len > 1 && root[root_len - 1] == '/') {
            root[--root_len] = '\0';
        }
    }
    path_cache_flush();
}

const char *path_root(void)
{
    return root;
}

void path_cache_flush(void)
{
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        cache[i].valid = false;
    }
    pthread_mutex_unlock(&cache_lock);
}

static unsigned hash_path(const char *p)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (; *p; p++) {
        h = (h ^ (uint8_t)*p) * 16777619u;
    }
    return h % CACHE_SLOTS;
}

const char *path_translate(const char *p, char *buf, size_t size)
{
    size_t len;
    bool exists;
    int n;

    if (!root || p[0] != '/') {
        return p;
    }
    len = strlen(p);
    n = snprintf(buf, size, "%s%s", root, p);
    if (n < 0 || (size_t)n >= size) {
        return p;   /* too long to prefix: the kernel will judge the plain path */
    }
    if (len < CACHE_PATH_MAX) {
        unsigned slot = hash_path(p);
        pthread_mutex_lock(&cache_lock);
        if (cache[slot].valid && strcmp(cache[slot].path, p) == 0) {
            exists = cache[slot].exists;
            pthread_mutex_unlock(&cache_lock);
            return exists ? buf : p;
        }
        pthread_mutex_unlock(&cache_lock);
        /* lstat semantics: a dangling symlink inside ROOT still belongs to ROOT. */
        exists = faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
        pthread_mutex_lock(&cache_lock);
        cache[slot].valid = true;
        cache[slot].exists = exists;
        memcpy(cache[slot].path, p, len + 1);
        pthread_mutex_unlock(&cache_lock);
        return exists ? buf : p;
    }
    return faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0 ? buf : p;
}
