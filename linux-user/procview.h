/*
 * The /proc files a guest reads about itself, answered with the guest's
 * view instead of the emulator's: /proc/self/maps (guest addresses and
 * permissions from the page flags, file names recorded when files are
 * mapped), /proc/self/auxv (the vector the loader built), /proc/cpuinfo
 * (an arm64 one for the -cpu model).  Also /proc/<our pid>/... and
 * /proc/thread-self/....  An open of one of these gets a memfd holding the
 * text, so reads, seeks and fstat all behave like a regular file.
 */
#ifndef LINUX_USER_PROCVIEW_H
#define LINUX_USER_PROCVIEW_H

#include <stdbool.h>
#include <stdint.h>
#include "target-arm/exec-target.h"

/* Names for /proc/self/maps: file mappings (from the open fd), or a fixed name ("[stack]"). */
void procview_note_file(uint64_t start, uint64_t len, int fd, uint64_t offset, bool shared);
void procview_note_name(uint64_t start, uint64_t len, const char *name);
/* The range no longer maps a named thing (munmap, anonymous MAP_FIXED over it). */
void procview_forget(uint64_t start, uint64_t len);

/* What main knows: the loader's auxv and the CPU model. */
void procview_set_auxv(const uint64_t *auxv, unsigned words);
void procview_set_cpu(ArmCpuModel model);

/*
 * If guest_path (absolute, as the guest wrote it) is one of our views,
 * open it (host open flags; O_CLOEXEC honoured) and return true with *ret
 * the fd or a negative errno.  False: not ours, open the real file.
 */
bool procview_open(const char *guest_path, int host_flags, int64_t *ret);

/* The texts (malloc'ed, NUL-terminated); exposed for the unit tests. */
char *procview_cpuinfo_text(ArmCpuModel model, int ncpus, uint64_t hwcap, uint64_t hwcap2);
char *procview_maps_text(void);

#endif
