/*
 * -L ROOT: absolute guest paths are looked up under ROOT first, the way
 * QEMU's -L does: if ROOT/path exists it is used, otherwise the path
 * itself (so /proc, /dev and /tmp keep working without copies in ROOT).
 * Lookups are cached; calls that create or remove names flush the cache.
 */
#ifndef LINUX_USER_PATH_H
#define LINUX_USER_PATH_H

#include <stddef.h>

/* Set the root (NULL, "" or "/" turns prefixing off).  main calls this for -L. */
void path_set_root(const char *root);
const char *path_root(void);

/*
 * The host path for guest path p: either p itself or ROOT/p written into
 * buf (size bytes).  Relative paths are never prefixed.
 */
const char *path_translate(const char *p, char *buf, size_t size);

/* Forget cached lookups (after mkdir, unlink, rename, O_CREAT...). */
void path_cache_flush(void);

#endif
