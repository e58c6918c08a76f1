/* Program loading and the initial stack: see loader.h. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/loader.h"
#include "linux-user/path.h"
#include "linux-user/procview.h"

/*
 * Where position-independent executables go: Linux's arm64 ELF_ET_DYN_BASE
 * is 2/3 of the user address space (arch/arm64/include/asm/elf.h), far
 * from both the low addresses of non-PIE programs and the mmap area that
 * grows down from below the stack.
 */
uint64_t loader_pie_base(uint64_t space_size, uint64_t align)
{
    uint64_t base = space_size / 3 * 2;

    if (align < GUEST_PAGE_SIZE) {
        align = GUEST_PAGE_SIZE;
    }
    return base & ~(align - 1);
}

/* The largest p_align of the PT_LOAD segments (a power of two, at least a page). */
static uint64_t max_align(const ElfImage *img)
{
    uint64_t a = GUEST_PAGE_SIZE;

    for (unsigned i = 0; i < img->phnum; i++) {
        uint64_t pa = img->phdrs[i].p_align;
        if (img->phdrs[i].p_type == PT_LOAD && pa > a && !(pa & (pa - 1)) && pa <= (1ull << 30)) {
            a = pa;
        }
    }
    return a;
}

static uint64_t page_down(uint64_t a)
{
    return a & GUEST_PAGE_MASK;
}

static uint64_t page_up(uint64_t a)
{
    return (a + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
}

static int elf_prot(uint32_t pflags)
{
    return ((pflags & PF_R) ? PROT_READ : 0) | ((pflags & PF_W) ? PROT_WRITE : 0) |
           ((pflags & PF_X) ? PROT_EXEC : 0);
}

/* The CPU has FEAT_BTI (HWCAP2_BTI): BTI-marked objects get PROT_BTI on their code. */
static bool loader_bti;

/*
 * Does the object carry the GNU property GNU_PROPERTY_AARCH64_FEATURE_1_AND
 * (0xc0000000) with the BTI bit (PT_GNU_PROPERTY, one NT_GNU_PROPERTY_TYPE_0
 * note "GNU" of 8-byte aligned properties)?
 */
static bool elf_marked_bti(int fd, const ElfImage *img)
{
    for (unsigned i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *ph = &img->phdrs[i];
        uint8_t buf[512];
        uint32_t namesz, descsz, type;
        ssize_t n;

        if (ph->p_type != 0x6474e553u /* PT_GNU_PROPERTY */) {
            continue;
        }
        n = pread(fd, buf, ph->p_filesz < sizeof(buf) ? ph->p_filesz : sizeof(buf), (off_t)ph->p_offset);
        if (n < 16) {
            return false;
        }
        memcpy(&namesz, buf, 4);
        memcpy(&descsz, buf + 4, 4);
        memcpy(&type, buf + 8, 4);
        if (type != 5 || namesz != 4 || memcmp(buf + 12, "GNU", 4) || descsz > (size_t)n - 16) {
            return false;
        }
        for (size_t off = 16; off + 8 <= 16 + (size_t)descsz;) {
            uint32_t pr_type, pr_size, val = 0;
            memcpy(&pr_type, buf + off, 4);
            memcpy(&pr_size, buf + off + 4, 4);
            if (pr_type == 0xc0000000u && pr_size >= 4 && off + 12 <= (size_t)n) {
                memcpy(&val, buf + off + 8, 4);
                return (val & 1) != 0;
            }
            off += 8 + ((pr_size + 7u) & ~7u);
        }
    }
    return false;
}

/*
 * Map every PT_LOAD segment of img (opened as fd) at bias; zero the bss.
 * bti_ok: this object is the one the kernel guards (the interpreter, or a
 * program without one): executable segments get PROT_BTI if it is marked.
 */
static bool map_segments(int fd, const ElfImage *img, uint64_t bias, const char *what, bool bti_ok,
                         EmuError *err)
{
    int guard = bti_ok && loader_bti && elf_marked_bti(fd, img) ? GUEST_PROT_BTI : 0;

    for (unsigned i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *ph = &img->phdrs[i];
        uint64_t vaddr = ph->p_vaddr + bias;
        uint64_t map_start = page_down(vaddr);
        uint64_t file_end = vaddr + ph->p_filesz;
        uint64_t mem_end = vaddr + ph->p_memsz;
        int prot = elf_prot(ph->p_flags);
        int64_t r;

        if (prot & PROT_EXEC) {
            prot |= guard;
        }
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0) {
            continue;
        }
        if (!guest_range_ok(map_start, page_up(mem_end) - map_start)) {
            return emu_error_set(err, "%s: segment %u does not fit in the guest address space", what, i);
        }
        if (ph->p_filesz) {
            /* Writable so the bss tail of the last file page can be cleared. */
            r = guest_mmap(map_start, file_end - map_start, prot | PROT_WRITE,
                           MAP_PRIVATE | MAP_FIXED, fd, (off_t)page_down(ph->p_offset));
            if (r < 0) {
                return emu_error_set(err, "%s: cannot map segment %u: %s", what, i, strerror((int)-r));
            }
            procview_note_file(map_start, page_up(file_end) - map_start, fd, page_down(ph->p_offset),
                               false);
            if (mem_end > file_end && (file_end & ~GUEST_PAGE_MASK)) {
                memset(g2h(file_end), 0, page_up(file_end) - file_end);
            }
            if (!(prot & PROT_WRITE)) {
                guest_mprotect(map_start, file_end - map_start, prot);
            }
        }
        if (page_up(mem_end) > page_up(file_end)) {
            uint64_t bss = ph->p_filesz ? page_up(file_end) : map_start;
            if (!ph->p_filesz && (page_get_flags(map_start) & PAGE_VALID)) {
                /* The first page is shared with the previous segment: zero our part of it. */
                if (page_get_flags(map_start) & PAGE_WRITE) {
                    memset(g2h(vaddr), 0, page_up(vaddr) - vaddr);
                }
                bss = page_up(vaddr);
            }
            r = guest_mmap(bss, page_up(mem_end) - bss, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                           -1, 0);
            if (r < 0) {
                return emu_error_set(err, "%s: cannot map the bss of segment %u: %s", what, i,
                                     strerror((int)-r));
            }
        }
    }
    return true;
}

/* Guest address of the program headers once loaded (for AT_PHDR). */
static uint64_t phdr_address(const ElfImage *img, uint64_t bias)
{
    for (unsigned i = 0; i < img->phnum; i++) {
        if (img->phdrs[i].p_type == PT_PHDR) {
            return img->phdrs[i].p_vaddr + bias;
        }
    }
    for (unsigned i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *ph = &img->phdrs[i];
        if (ph->p_type == PT_LOAD && img->phoff >= ph->p_offset &&
            img->phoff < ph->p_offset + ph->p_filesz) {
            return ph->p_vaddr + bias + (img->phoff - ph->p_offset);
        }
    }
    return 0;
}

/* Stack building: strings and pointers are written downwards from sp. */
typedef struct StackWriter {
    uint64_t sp, bottom;
    bool overflow;
} StackWriter;

static uint64_t push_bytes(StackWriter *w, const void *data, size_t len)
{
    if (w->sp - w->bottom < len + 64) {
        w->overflow = true;
        return 0;
    }
    w->sp -= len;
    memcpy(g2h(w->sp), data, len);
    return w->sp;
}

static uint64_t push_string(StackWriter *w, const char *s)
{
    return push_bytes(w, s, strlen(s) + 1);
}

/* Map img (the file at host path) at bias; what names it in errors. */
static bool map_file(const char *path, const ElfImage *img, uint64_t bias, const char *what,
                     bool bti_ok, EmuError *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    bool ok;

    if (fd < 0) {
        return emu_error_set(err, "%s: %s", what, strerror(errno));
    }
    ok = map_segments(fd, img, bias, what, bti_ok, err);
    close(fd);
    return ok;
}

/*
 * The ELF interpreter named by PT_INTERP, looked up inside the guest root
 * (-L), checked and mapped in the mmap area below the stack (where Linux
 * puts it); its load address becomes AT_BASE and its entry the guest's.
 */
static bool load_interpreter(const LoadRequest *req, const ElfImage *img, GuestProcess *proc,
                             EmuError *err)
{
    char buf[4096 + ELF_MAX_INTERP], what[4096 + 2 * ELF_MAX_INTERP];
    const char *host = path_translate(img->interp, buf, sizeof(buf));
    ElfImage *interp = malloc(sizeof(*interp));
    EmuError ierr;
    uint64_t span, align, base, bias;
    bool ok = false;

    if (!interp) {
        return emu_error_set(err, "out of memory");
    }
    if (host != img->interp) {
        snprintf(what, sizeof(what), "%s: interpreter %s (as %s)", req->path, img->interp, host);
    } else {
        snprintf(what, sizeof(what), "%s: interpreter %s", req->path, img->interp);
    }
    if (!elf_read_file(host, interp, &ierr)) {
        /* elf_read_file names the host path first: keep only its reason. */
        const char *reason = strncmp(ierr.msg, host, strlen(host)) == 0 ? ierr.msg + strlen(host) : ierr.msg;
        if (reason[0] == ':' && reason[1] == ' ') {
            reason += 2;
        }
        emu_error_set(err, "%s: %s%s", what, reason,
                      !path_root() && access(host, F_OK) != 0 ? " (use -L ROOT to name the guest root)" : "");
        goto out;
    }
    if (interp->interp[0]) {
        emu_error_set(err, "%s: the interpreter itself asks for an interpreter", what);
        goto out;
    }
    span = interp->hi_vaddr - interp->lo_vaddr;
    align = max_align(interp);
    if (interp->is_pie) {
        base = guest_find_free(span + align, 0);
        if (!base) {
            emu_error_set(err, "%s: no room in the guest address space", what);
            goto out;
        }
        base = (base + align - 1) & ~(align - 1);
        bias = base - interp->lo_vaddr;
    } else {
        bias = 0;
    }
    if (!map_file(host, interp, bias, what, true, err)) {
        goto out;
    }
    proc->interp_base = interp->lo_vaddr + bias;
    proc->entry = interp->entry + bias;
    ok = true;
out:
    free(interp);
    return ok;
}

bool load_guest_program(const LoadRequest *req, const ElfImage *img, GuestProcess *proc,
                        EmuError *err)
{
    static const char platform[] = "aarch64";
    uint64_t bias = 0, stack_base, *strings_argv, *strings_envp, random_addr, platform_addr,
             execfn_addr, nwords, *vec, phdr;
    uint8_t random_bytes[16];
    StackWriter w;
    int envc = 0, i, n;
    int64_t r;

    memset(proc, 0, sizeof(*proc));
    loader_bti = (req->hwcap2 & (1u << 17)) != 0;   /* HWCAP2_BTI */
    if (img->is_pie) {
        bias = loader_pie_base(guest_limit, max_align(img)) - img->lo_vaddr;
    }
    /* Linux guards the program itself only when there is no interpreter (which then does it). */
    if (!map_file(req->path, img, bias, req->path, img->interp[0] == 0, err)) {
        return false;
    }
    proc->load_bias = bias;
    proc->entry = img->entry + bias;
    proc->brk_start = page_up(img->hi_vaddr + bias);
    proc->hwcap = req->hwcap;
    proc->hwcap2 = req->hwcap2;

    /* The stack sits at the top of the guest space; mmap placement starts below it. */
    proc->stack_top = guest_limit - GUEST_PAGE_SIZE * 16;
    stack_base = proc->stack_top - req->stack_size;
    r = guest_mmap(stack_base, req->stack_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    if (r < 0) {
        return emu_error_set(err, "cannot map a %llu-byte guest stack: %s",
                             (unsigned long long)req->stack_size, strerror((int)-r));
    }
    procview_note_name(stack_base, req->stack_size, "[stack]");
    guest_set_mmap_top(stack_base - GUEST_PAGE_SIZE * 256);
    if (img->interp[0] && !load_interpreter(req, img, proc, err)) {
        return false;
    }

    while (req->envp[envc]) {
        envc++;
    }
    strings_argv = calloc(req->argc + 1, sizeof(uint64_t));
    strings_envp = calloc(envc + 1, sizeof(uint64_t));
    if (!strings_argv || !strings_envp) {
        free(strings_argv);
        free(strings_envp);
        return emu_error_set(err, "out of memory");
    }
    w.sp = proc->stack_top - 16;
    w.bottom = stack_base;
    w.overflow = false;
    execfn_addr = push_string(&w, req->execfn);
    for (i = envc - 1; i >= 0; i--) {
        strings_envp[i] = push_string(&w, req->envp[i]);
    }
    for (i = req->argc - 1; i >= 0; i--) {
        strings_argv[i] = push_string(&w, req->argv[i]);
    }
    platform_addr = push_string(&w, platform);
    if (getrandom(random_bytes, sizeof(random_bytes), 0) != sizeof(random_bytes)) {
        memset(random_bytes, 0x5a, sizeof(random_bytes));
    }
    random_addr = push_bytes(&w, random_bytes, sizeof(random_bytes));

    phdr = phdr_address(img, bias);
    {
        uint64_t auxv[] = {
            AT_PHDR, phdr, AT_PHENT, sizeof(Elf64_Phdr), AT_PHNUM, img->phnum,
            AT_PAGESZ, GUEST_PAGE_SIZE, AT_BASE, proc->interp_base, AT_FLAGS, 0,
            AT_ENTRY, img->entry + bias, AT_UID, getuid(), AT_EUID, geteuid(),
            AT_GID, getgid(), AT_EGID, getegid(), AT_HWCAP, req->hwcap, AT_HWCAP2, req->hwcap2,
            AT_CLKTCK, 100, AT_RANDOM, random_addr, AT_SECURE, 0, AT_EXECFN, execfn_addr,
            AT_PLATFORM, platform_addr, AT_NULL, 0,
        };
        nwords = 1 + (req->argc + 1) + (envc + 1) + sizeof(auxv) / sizeof(auxv[0]);
        /* The final sp must be 16-byte aligned (AAPCS64). */
        w.sp = (w.sp - nwords * 8) & ~15ull;
        if (w.sp < w.bottom + 64 || w.overflow) {
            free(strings_argv);
            free(strings_envp);
            return emu_error_set(err, "arguments and environment do not fit in the guest stack");
        }
        vec = g2h(w.sp);
        n = 0;
        vec[n++] = req->argc;
        for (i = 0; i < req->argc; i++) {
            vec[n++] = strings_argv[i];
        }
        vec[n++] = 0;
        for (i = 0; i < envc; i++) {
            vec[n++] = strings_envp[i];
        }
        vec[n++] = 0;
        memcpy(&vec[n], auxv, sizeof(auxv));
        /* Kept for /proc/self/auxv: the guest may overwrite its stack copy. */
        memcpy(proc->auxv, auxv, sizeof(auxv));
        proc->auxv_words = sizeof(auxv) / sizeof(auxv[0]);
    }
    free(strings_argv);
    free(strings_envp);
    proc->sp = w.sp;
    return true;
}
