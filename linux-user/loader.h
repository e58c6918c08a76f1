/*
 * Loading an AArch64 program into the guest address space and building
 * the initial stack the way Linux's binfmt_elf does (argc, argv, envp,
 * auxv, strings, AT_RANDOM bytes), so the guest's C library starts as it
 * would on arm64 hardware.
 */
#ifndef LINUX_USER_LOADER_H
#define LINUX_USER_LOADER_H

#include <stdint.h>
#include "linux-user/elfload.h"
#include "util/error.h"

typedef struct GuestProcess {
    uint64_t entry;          /* where the guest starts (the interpreter's entry if any) */
    uint64_t sp;             /* initial stack pointer */
    uint64_t load_bias;      /* of the main program (PIE) */
    uint64_t interp_base;    /* 0 without an interpreter */
    uint64_t brk_start;      /* program break: first page after the program */
    uint64_t stack_top;
    uint64_t hwcap, hwcap2;
    uint64_t auxv[64];       /* the auxiliary vector as given (pairs, ending with AT_NULL) */
    unsigned auxv_words;
} GuestProcess;

typedef struct LoadRequest {
    const char *path;        /* host path of the program */
    const char *execfn;      /* AT_EXECFN: the name the guest ran */
    int argc;
    char **argv;
    char **envp;
    uint64_t stack_size;
    uint64_t hwcap, hwcap2;
} LoadRequest;

/*
 * Map the program and, for a dynamic one, its PT_INTERP interpreter (looked
 * up inside the -L root, path.h; mapped below the stack, AT_BASE its load
 * address, the guest starting at its entry), then build the stack.  PIE
 * programs go at loader_pie_base.  Every problem (missing or corrupt
 * interpreter included) is one line in err.
 */
bool load_guest_program(const LoadRequest *req, const ElfImage *img, GuestProcess *proc,
                        EmuError *err);

/* Load address of a PIE in a guest space of space_size bytes (2/3 up, aligned to align). */
uint64_t loader_pie_base(uint64_t space_size, uint64_t align);

#endif
