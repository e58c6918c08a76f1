/*
 * Memory calls: the program break, mmap and friends in guest terms
 * (accel/user-mem.c keeps the guest's page flags and the reservation).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include "accel/user-mem.h"
#include "linux-user/procview.h"
#include "linux-user/syscall-defs.h"
#include "linux-user/syscall.h"
#include "util/log.h"

/* arm64-only protection bits (arch/arm64/include/uapi/asm/mman.h). */
#define TARGET_PROT_BTI 0x10
#define TARGET_PROT_MTE 0x20

static uint64_t page_up(uint64_t a)
{
    return (a + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
}

/*
 * Guest PROT_* for guest_mmap/guest_mprotect: PROT_BTI goes on as
 * GUEST_PROT_BTI, which marks the pages guarded (PAGE_GUARDED: the
 * translator checks landing pads there when the CPU has FEAT_BTI); MTE
 * tags do not exist, so PROT_MTE is refused as on a CPU without MTE.
 */
static int prot_g2h(uint64_t prot, bool *ok)
{
    *ok = !(prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC | TARGET_PROT_BTI |
                                PROT_GROWSDOWN | PROT_GROWSUP));
    return (int)(prot & (PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)) |
           ((prot & TARGET_PROT_BTI) ? GUEST_PROT_BTI : 0);
}

static int64_t sys_brk(const uint64_t *a)
{
    SyscallState *s = &syscall_state;
    uint64_t new_brk = a[0];
    uint64_t old_end = page_up(s->brk_cur);
    uint64_t new_end = page_up(new_brk);

    /* Linux returns the current break when the request cannot be met. */
    if (new_brk < s->brk_start || !guest_range_ok(new_brk, 0)) {
        return (int64_t)s->brk_cur;
    }
    if (new_end > old_end) {
        if (!guest_range_ok(old_end, new_end - old_end)) {
            return (int64_t)s->brk_cur;
        }
        for (uint64_t p = old_end; p < new_end; p += GUEST_PAGE_SIZE) {
            if (page_get_flags(p) & PAGE_VALID) {
                return (int64_t)s->brk_cur;   /* would run into another mapping */
            }
        }
        if (guest_mmap(old_end, new_end - old_end, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) < 0) {
            return (int64_t)s->brk_cur;
        }
    } else if (new_end < old_end) {
        guest_munmap(new_end, old_end - new_end);
    }
    s->brk_cur = new_brk;
    return (int64_t)new_brk;
}

static int64_t sys_mmap(const uint64_t *a)
{
    bool ok;
    int prot = prot_g2h(a[2], &ok);
    /* The MAP_* values are the generic ones on both; 0x40 is x86-64's MAP_32BIT only. */
    int flags = (int)a[3] & ~0x40;
    int64_t r;

    if (!ok) {
        return -EINVAL;
    }
    r = guest_mmap(a[0], a[1], prot, flags, (int)a[4], (off_t)a[5]);
    if (r >= 0) {
        /* Names for /proc/self/maps. */
        if (flags & MAP_ANONYMOUS) {
            procview_forget((uint64_t)r, a[1]);
        } else {
            procview_note_file((uint64_t)r, a[1], (int)a[4], a[5], (flags & MAP_TYPE) == MAP_SHARED);
        }
    }
    return r;
}

static int64_t sys_munmap(const uint64_t *a)
{
    int r = guest_munmap(a[0], a[1]);

    if (r == 0) {
        procview_forget(a[0], a[1]);
    }
    return r;
}

static int64_t sys_mprotect(const uint64_t *a)
{
    bool ok;
    int prot = prot_g2h(a[2], &ok);

    if (!ok) {
        return -EINVAL;
    }
    return guest_mprotect(a[0], a[1], prot);
}

static int flags_to_prot(unsigned f)
{
    return ((f & PAGE_READ) ? PROT_READ : 0) | ((f & PAGE_WRITE) ? PROT_WRITE : 0) |
           ((f & PAGE_EXEC) ? PROT_EXEC : 0) | ((f & PAGE_GUARDED) ? GUEST_PROT_BTI : 0);
}

/*
 * Pages holding translated code are write-protected on the host; before
 * their contents move or vanish, re-protect them in guest terms, which
 * drops the translations and restores the host protection.
 */
static void drop_code_pages(uint64_t start, uint64_t len)
{
    for (uint64_t p = start; p < start + len; p += GUEST_PAGE_SIZE) {
        unsigned f = page_get_flags(p);
        if (f & PAGE_CODE) {
            guest_mprotect(p, GUEST_PAGE_SIZE, flags_to_prot(f));
        }
    }
}

/* Move [old, old+old_len) to dest (new_len bytes) with the host's mremap. */
static int64_t mremap_move(uint64_t old, uint64_t old_len, uint64_t new_len, uint64_t dest,
                           unsigned flags)
{
    void *p;

    if (!guest_range_ok(dest, new_len) || (dest < old + old_len && old < dest + new_len)) {
        return -EINVAL;
    }
    /* Whatever the guest had at dest goes, as with MREMAP_FIXED on Linux. */
    if (page_check_range(dest, new_len, 0)) {
        guest_munmap(dest, new_len);
    }
    p = mremap(g2h(old), old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(dest));
    if (p == MAP_FAILED) {
        return -errno;
    }
    /* The host left a hole where the old range was: put the reservation back. */
    guest_munmap(old, old_len);
    page_set_flags(dest, new_len, flags);
    return (int64_t)dest;
}

static int64_t sys_mremap(const uint64_t *a)
{
    uint64_t old = a[0], old_len = page_up(a[1]), new_len = page_up(a[2]), mflags = a[3];
    unsigned flags;
    void *p;

    if ((old & ~GUEST_PAGE_MASK) || new_len == 0 || new_len < a[2] ||
        (mflags & ~(uint64_t)(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
        ((mflags & MREMAP_FIXED) && !(mflags & MREMAP_MAYMOVE))) {
        /* MREMAP_DONTUNMAP and old_len 0 (duplicating shared mappings) are not handled. */
        return -EINVAL;
    }
    if (old_len == 0 || !page_check_range(old, old_len, PAGE_VALID)) {
        return -EFAULT;
    }
    flags = page_get_flags(old) & (PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    drop_code_pages(old, old_len);

    if (mflags & MREMAP_FIXED) {
        if (a[4] & ~GUEST_PAGE_MASK) {
            return -EINVAL;
        }
        return mremap_move(old, old_len, new_len, a[4], flags);
    }
    if (new_len <= old_len) {
        if (new_len < old_len) {
            guest_munmap(old + new_len, old_len - new_len);
        }
        return (int64_t)old;
    }
    /* Grow in place when the guest has nothing after the mapping. */
    if (guest_range_ok(old + old_len, new_len - old_len)) {
        bool free_after = true;
        for (uint64_t q = old + old_len; q < old + new_len; q += GUEST_PAGE_SIZE) {
            if (page_get_flags(q) & PAGE_VALID) {
                free_after = false;
                break;
            }
        }
        if (free_after) {
            /* Give the host the room (our reservation fills it), then take it back on failure. */
            munmap(g2h(old + old_len), new_len - old_len);
            p = mremap(g2h(old), old_len, new_len, 0);
            if (p != MAP_FAILED) {
                page_set_flags(old + old_len, new_len - old_len, flags);
                return (int64_t)old;
            }
            mmap(g2h(old + old_len), new_len - old_len, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
        }
    }
    if (!(mflags & MREMAP_MAYMOVE)) {
        return -ENOMEM;
    }
    {
        uint64_t dest = guest_find_free(new_len, 0);
        if (!dest) {
            return -ENOMEM;
        }
        return mremap_move(old, old_len, new_len, dest, flags);
    }
}

static int64_t sys_madvise(const uint64_t *a)
{
    uint64_t len = page_up(a[1]);
    int advice = (int)a[2];

    if (a[0] & ~GUEST_PAGE_MASK) {
        return -EINVAL;
    }
    if (len == 0) {
        return 0;
    }
    if (!page_check_range(a[0], len, PAGE_VALID)) {
        return -ENOMEM;
    }
    /* MADV_* are the generic values on both; these change or drop contents. */
    if (advice == MADV_DONTNEED || advice == MADV_FREE || advice == MADV_REMOVE) {
        drop_code_pages(a[0], len);
    }
    return host_ret(madvise(g2h(a[0]), len, advice));
}

static int64_t sys_msync(const uint64_t *a)
{
    if (a[0] & ~GUEST_PAGE_MASK) {
        return -EINVAL;
    }
    if (!page_check_range(a[0], page_up(a[1]), PAGE_VALID)) {
        return -ENOMEM;
    }
    return host_ret(msync(g2h(a[0]), a[1], (int)a[2]));
}

static int64_t sys_mincore(const uint64_t *a)
{
    uint64_t len = page_up(a[1]);
    void *vec;

    if (a[0] & ~GUEST_PAGE_MASK) {
        return -EINVAL;
    }
    if (!page_check_range(a[0], len, PAGE_VALID)) {
        return -ENOMEM;
    }
    vec = guest_ptr(a[2], len / GUEST_PAGE_SIZE, PAGE_WRITE);
    return vec ? host_ret(mincore(g2h(a[0]), len, vec)) : -EFAULT;
}

/* Locking guest pages in memory is a hint we need not honour. */
static int64_t sys_mlock_noop(const uint64_t *a)
{
    return 0;
}

static int64_t sys_enosys(const uint64_t *a)
{
    return -ENOSYS;
}

const SyscallDef syscall_defs_mem[] = {
    { TARGET_NR_brk, SC_RET_HEX, "brk", sys_brk, "%p" },
    { TARGET_NR_mmap, SC_RET_HEX, "mmap", sys_mmap, "%p, %#x, %d, %#x, %d, %#x" },
    { TARGET_NR_munmap, 0, "munmap", sys_munmap, "%p, %#x" },
    { TARGET_NR_mprotect, 0, "mprotect", sys_mprotect, "%p, %#x, %d" },
    { TARGET_NR_mremap, SC_RET_HEX, "mremap", sys_mremap, "%p, %#x, %#x, %#x, %p" },
    { TARGET_NR_madvise, 0, "madvise", sys_madvise, "%p, %#x, %d" },
    { TARGET_NR_msync, 0, "msync", sys_msync, "%p, %#x, %#x" },
    { TARGET_NR_mincore, 0, "mincore", sys_mincore, "%p, %#x, %p" },
    { TARGET_NR_mlock, 0, "mlock", sys_mlock_noop, "%p, %#x" },
    { TARGET_NR_munlock, 0, "munlock", sys_mlock_noop, "%p, %#x" },
    { TARGET_NR_mlockall, 0, "mlockall", sys_mlock_noop, "%#x" },
    { TARGET_NR_munlockall, 0, "munlockall", sys_mlock_noop, "" },
    { TARGET_NR_mlock2, 0, "mlock2", sys_mlock_noop, "%p, %#x, %#x" },
    { TARGET_NR_get_mempolicy, 0, "get_mempolicy", sys_enosys, "%p, %p, %lu, %p, %#x" },
};
const size_t syscall_defs_mem_count = sizeof(syscall_defs_mem) / sizeof(syscall_defs_mem[0]);
