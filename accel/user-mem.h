/*
 * Guest memory in user mode: one reserved host range holds the whole guest
 * address space, so guest address + guest_base = host address.  Addresses
 * at or above guest_limit are outside the guest (the translated code checks
 * the bound), so a guest can never reach the emulator's own memory.
 *
 * Page flags record the guest's view (what it mapped, with which
 * permissions) and which pages hold translated code: those are kept
 * write-protected on the host so a guest write invalidates the translations
 * (self-modifying code, JITs).
 */
#ifndef ACCEL_USER_MEM_H
#define ACCEL_USER_MEM_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include "util/error.h"

#define GUEST_PAGE_BITS 12
#define GUEST_PAGE_SIZE (1ull << GUEST_PAGE_BITS)
#define GUEST_PAGE_MASK (~(GUEST_PAGE_SIZE - 1))

enum {
    PAGE_VALID = 1 << 0,    /* mapped by the guest */
    PAGE_READ = 1 << 1,
    PAGE_WRITE = 1 << 2,    /* the guest may write (host protection may differ) */
    PAGE_EXEC = 1 << 3,
    PAGE_CODE = 1 << 4,     /* translated code exists: host page write-protected */
    PAGE_GUARDED = 1 << 5,  /* arm64 PROT_BTI: a FEAT_BTI guarded page */
};

/* The prot bit of guest_mmap/guest_mprotect that sets PAGE_GUARDED (arm64's PROT_BTI value). */
#define GUEST_PROT_BTI 0x10

extern uintptr_t guest_base;
extern uint64_t guest_limit;

/* Reserve the guest address space (at most max_size bytes, less if the host refuses). */
bool guest_space_init(uint64_t max_size, EmuError *err);

static inline void *g2h(uint64_t addr)
{
    return (void *)(guest_base + (uintptr_t)addr);
}

static inline uint64_t h2g(const void *p)
{
    return (uint64_t)((uintptr_t)p - guest_base);
}

static inline bool guest_range_ok(uint64_t addr, uint64_t len)
{
    return addr <= guest_limit && len <= guest_limit - addr;
}

/* Page flags of the page holding addr (0 when unmapped or out of range). */
unsigned page_get_flags(uint64_t addr);
/* Set flags on [start, start+len) (page-aligned); PAGE_CODE is kept if set. */
void page_set_flags(uint64_t start, uint64_t len, unsigned flags);
/* First page address at or after addr that the guest has mapped (guest_limit if none). */
uint64_t page_next_valid(uint64_t addr);
/* True when every page of the range has all of the flags. */
bool page_check_range(uint64_t start, uint64_t len, unsigned flags);

/*
 * Guest mmap/munmap/mprotect: Linux semantics on the guest's view.
 * Return the guest address or a negative errno.  guest_mmap with
 * MAP_FIXED maps exactly at addr; otherwise it picks a free range below
 * the current mmap base (top-down, like Linux).
 */
int64_t guest_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, off_t offset);
int guest_munmap(uint64_t addr, uint64_t len);
int guest_mprotect(uint64_t addr, uint64_t len, int prot);
/* Find a free, page-aligned range of len bytes below hint_top (0 if none). */
uint64_t guest_find_free(uint64_t len, uint64_t hint_top);
/* Highest address used for automatic mmap placement. */
void guest_set_mmap_top(uint64_t top);

/*
 * Mark a page as holding translated code (write-protects it on the host).
 * Called with the translation lock held.
 */
void page_protect_code(uint64_t addr);
/*
 * Called from the SIGSEGV handler for a host write fault at guest address
 * addr: if the page is a write-protected code page, invalidate its
 * translations (through the hook), restore write access and return true
 * (the write is retried).
 */
bool page_unprotect_code(uint64_t addr);
extern void (*page_invalidate_hook)(uint64_t page_addr);

#endif
