/* The guest's own /proc views: see procview.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/procview.h"
#include "linux-user/syscall.h"

/* --- Names of mapped ranges --- */

typedef struct NamedRange {
    uint64_t start, end;     /* page-aligned, end exclusive */
    uint64_t offset;         /* file offset at start */
    uint64_t dev, ino;
    bool shared;
    char *name;
} NamedRange;

static NamedRange *ranges;
static size_t nranges, ranges_cap;
static pthread_mutex_t ranges_lock = PTHREAD_MUTEX_INITIALIZER;

static void remove_range_locked(uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < nranges;) {
        NamedRange *r = &ranges[i];
        if (r->end <= start || r->start >= end) {
            i++;
            continue;
        }
        if (r->start < start && r->end > end) {
            /* A hole in the middle: split in two. */
            NamedRange tail = *r;
            if (nranges == ranges_cap) {
                size_t cap = ranges_cap ? ranges_cap * 2 : 64;
                NamedRange *n = realloc(ranges, cap * sizeof(*n));
                if (!n) {
                    abort();
                }
                ranges = n;
                ranges_cap = cap;
                r = &ranges[i];
            }
            tail.name = strdup(r->name);
            tail.offset += end - r->start;
            tail.start = end;
            r->end = start;
            ranges[nranges++] = tail;
            i++;
        } else if (r->start < start) {
            r->end = start;
            i++;
        } else if (r->end > end) {
            r->offset += end - r->start;
            r->start = end;
            i++;
        } else {
            free(r->name);
            ranges[i] = ranges[--nranges];
        }
    }
}

static void add_range(uint64_t start, uint64_t len, const char *name, uint64_t offset, uint64_t dev,
                      uint64_t ino, bool shared)
{
    uint64_t end = (start + len + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;

    start &= GUEST_PAGE_MASK;
    pthread_mutex_lock(&ranges_lock);
    remove_range_locked(start, end);
    if (nranges == ranges_cap) {
        size_t cap = ranges_cap ? ranges_cap * 2 : 64;
        NamedRange *n = realloc(ranges, cap * sizeof(*n));
        if (!n) {
            abort();
        }
        ranges = n;
        ranges_cap = cap;
    }
    ranges[nranges++] = (NamedRange){ start, end, offset, dev, ino, shared, strdup(name) };
    pthread_mutex_unlock(&ranges_lock);
}

void procview_note_file(uint64_t start, uint64_t len, int fd, uint64_t offset, bool shared)
{
    char link[64], name[PATH_MAX];
    struct stat st;
    ssize_t n;

    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    n = readlink(link, name, sizeof(name) - 1);
    if (n <= 0 || fstat(fd, &st) < 0) {
        procview_forget(start, len);
        return;
    }
    name[n] = '\0';
    add_range(start, len, name, offset, st.st_dev, st.st_ino, shared);
}

void procview_note_name(uint64_t start, uint64_t len, const char *name)
{
    add_range(start, len, name, 0, 0, 0, false);
}

void procview_forget(uint64_t start, uint64_t len)
{
    uint64_t end = (start + len + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;

    pthread_mutex_lock(&ranges_lock);
    remove_range_locked(start & GUEST_PAGE_MASK, end);
    pthread_mutex_unlock(&ranges_lock);
}

static const NamedRange *find_range_locked(uint64_t addr)
{
    for (size_t i = 0; i < nranges; i++) {
        if (addr >= ranges[i].start && addr < ranges[i].end) {
            return &ranges[i];
        }
    }
    return NULL;
}

/* --- /proc/self/maps --- */

/*
 * One line per run of pages with the same permissions and the same name,
 * in Linux's layout (fs/proc/task_mmu.c): the name starts in column 74.
 */
char *procview_maps_text(void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    uint64_t heap_lo = syscall_state.brk_start;
    uint64_t heap_hi = (syscall_state.brk_cur + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    uint64_t a;

    if (!f) {
        return NULL;
    }
    pthread_mutex_lock(&ranges_lock);
    for (a = page_next_valid(0); a < guest_limit; a = page_next_valid(a)) {
        unsigned fl = page_get_flags(a) & (PAGE_READ | PAGE_WRITE | PAGE_EXEC);
        const NamedRange *r = find_range_locked(a);
        bool heap = !r && a >= heap_lo && a < heap_hi;
        uint64_t end = a + GUEST_PAGE_SIZE;
        int len;

        while (end < guest_limit && (page_get_flags(end) & PAGE_VALID) &&
               (page_get_flags(end) & (PAGE_READ | PAGE_WRITE | PAGE_EXEC)) == fl &&
               find_range_locked(end) == r && (!heap || end < heap_hi) &&
               (heap || r || end != heap_lo)) {
            end += GUEST_PAGE_SIZE;
        }
        len = fprintf(f, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu",
                      (unsigned long long)a, (unsigned long long)end, (fl & PAGE_READ) ? 'r' : '-',
                      (fl & PAGE_WRITE) ? 'w' : '-', (fl & PAGE_EXEC) ? 'x' : '-',
                      r && r->shared ? 's' : 'p',
                      (unsigned long long)(r ? r->offset + (a - r->start) : 0),
                      r ? major(r->dev) : 0, r ? minor(r->dev) : 0,
                      (unsigned long long)(r ? r->ino : 0));
        if (r || heap) {
            fprintf(f, "%*s%s", len < 73 ? 73 - len : 1, "", r ? r->name : "[heap]");
        }
        fputc('\n', f);
        a = end;
    }
    pthread_mutex_unlock(&ranges_lock);
    fclose(f);
    return text;
}

/* --- /proc/self/auxv --- */

static uint64_t saved_auxv[64];
static unsigned saved_auxv_words;

void procview_set_auxv(const uint64_t *auxv, unsigned words)
{
    if (words > 64) {
        words = 64;
    }
    memcpy(saved_auxv, auxv, words * sizeof(uint64_t));
    saved_auxv_words = words;
}

/* --- /proc/cpuinfo --- */

static ArmCpuModel cpu_model = ARM_CPU_MAX;

void procview_set_cpu(ArmCpuModel model)
{
    cpu_model = model;
}

/* Feature names in HWCAP bit order (Linux arch/arm64/kernel/cpuinfo.c, uapi asm/hwcap.h). */
static const char *const hwcap_names[32] = {
    "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp",
    "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4",
    "asimddp", "sha512", "sve", "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb",
    "paca", "pacg",
};
static const char *const hwcap2_names[] = {
    "dcpodp", "sve2", "sveaes", "svepmull", "svebitperm", "svesha3", "svesm4", "flagm2", "frint",
    "svei8mm", "svef32mm", "svef64mm", "svebf16", "i8mm", "bf16", "dgh", "rng", "bti",
};

/*
 * MIDR_EL1 fields of each model (Cortex-A57 r1p0, Cortex-A72 r0p3, from the
 * cores' TRMs).  "max" is no real core: it reports the A72's identification
 * so software with per-part tables sees a core it knows.
 */
static const struct {
    unsigned implementer, variant, part, revision;
} cpu_ids[] = {
    [ARM_CPU_CORTEX_A57] = { 0x41, 0x1, 0xd07, 0 },
    [ARM_CPU_CORTEX_A72] = { 0x41, 0x0, 0xd08, 3 },
    [ARM_CPU_MAX] = { 0x41, 0x0, 0xd08, 3 },
};

char *procview_cpuinfo_text(ArmCpuModel model, int ncpus, uint64_t hwcap, uint64_t hwcap2)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);

    if (!f) {
        return NULL;
    }
    if ((unsigned)model >= sizeof(cpu_ids) / sizeof(cpu_ids[0])) {
        model = ARM_CPU_MAX;
    }
    for (int cpu = 0; cpu < ncpus; cpu++) {
        bool first = true;
        fprintf(f, "processor\t: %d\n", cpu);
        /* Linux derives BogoMIPS from the generic-timer rate: 2 * 62.5 MHz here. */
        fprintf(f, "BogoMIPS\t: 125.00\n");
        fprintf(f, "Features\t:");
        for (unsigned b = 0; b < 32; b++) {
            if (hwcap & (1ull << b)) {
                fprintf(f, " %s", hwcap_names[b]);
                first = false;
            }
        }
        for (unsigned b = 0; b < sizeof(hwcap2_names) / sizeof(hwcap2_names[0]); b++) {
            if (hwcap2 & (1ull << b)) {
                fprintf(f, " %s", hwcap2_names[b]);
                first = false;
            }
        }
        (void)first;
        fprintf(f, "\nCPU implementer\t: 0x%02x\n", cpu_ids[model].implementer);
        fprintf(f, "CPU architecture: 8\n");
        fprintf(f, "CPU variant\t: 0x%x\n", cpu_ids[model].variant);
        fprintf(f, "CPU part\t: 0x%03x\n", cpu_ids[model].part);
        fprintf(f, "CPU revision\t: %u\n\n", cpu_ids[model].revision);
    }
    fclose(f);
    return text;
}

/* --- Opening the views --- */

/* "/proc/self/NAME", "/proc/thread-self/NAME" or "/proc/<our pid>/NAME": NAME, else NULL. */
static const char *self_entry(const char *p)
{
    char mine[32];
    size_t n;

    if (strncmp(p, "/proc/", 6) != 0) {
        return NULL;
    }
    p += 6;
    snprintf(mine, sizeof(mine), "%d/", (int)getpid());
    if (!strncmp(p, "self/", 5)) {
        return p + 5;
    }
    if (!strncmp(p, "thread-self/", 12)) {
        return p + 12;
    }
    n = strlen(mine);
    return strncmp(p, mine, n) == 0 ? p + n : NULL;
}

static int64_t memfd_with(const void *data, size_t len, int host_flags)
{
    int fd = memfd_create("aarch64-user-proc", (host_flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    size_t done = 0;

    if (fd < 0) {
        return -errno;
    }
    while (done < len) {
        ssize_t w = write(fd, (const char *)data + done, len - done);
        if (w <= 0) {
            int e = w < 0 ? errno : EIO;
            close(fd);
            return -e;
        }
        done += (size_t)w;
    }
    lseek(fd, 0, SEEK_SET);
    return fd;
}

bool procview_open(const char *guest_path, int host_flags, int64_t *ret)
{
    const char *entry = self_entry(guest_path);
    char *text = NULL;

    if (entry && !strcmp(entry, "auxv")) {
        if ((host_flags & O_ACCMODE) != O_RDONLY) {
            *ret = -EACCES;
            return true;
        }
        *ret = memfd_with(saved_auxv, saved_auxv_words * sizeof(uint64_t), host_flags);
        return true;
    }
    if (entry && !strcmp(entry, "maps")) {
        text = procview_maps_text();
    } else if (!strcmp(guest_path, "/proc/cpuinfo")) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        text = procview_cpuinfo_text(cpu_model, n > 0 ? (int)n : 1, arm_cpu_hwcap(), arm_cpu_hwcap2());
    } else {
        return false;
    }
    if ((host_flags & O_ACCMODE) != O_RDONLY) {
        free(text);
        *ret = -EACCES;
        return true;
    }
    *ret = text ? memfd_with(text, strlen(text), host_flags) : -ENOMEM;
    free(text);
    return true;
}
