/*
 * The execution engine shared by both targets: translation-block cache,
 * chaining, the cpu loop and the choice of backend (JIT or interpreter).
 *
 * accel/ knows a CPU only through ExecTarget, which target-arm fills in:
 * how to read the pc and translation flags from the CPU state, how to
 * register the IR globals, and how to translate a block.
 */
#ifndef ACCEL_EXEC_H
#define ACCEL_EXEC_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "tcg/backend.h"
#include "tcg/ir.h"
#include "util/error.h"

typedef struct ExecTarget {
    uint32_t env_pc_offset;
    uint32_t env_exit_request_offset;   /* a uint32_t the blocks poll */
    /* A pointer-sized field where exec keeps the CPU's jump cache address (0: none). */
    uint32_t env_jmp_cache_offset;
    void (*init_ir)(IRContext *ir);
    uint64_t (*get_pc)(void *env);
    uint64_t (*get_flags)(void *env);
    /*
     * Translate the block at pc into ir (already reset); fetch reads guest
     * code.  Returns the number of guest bytes translated.
     */
    uint32_t (*translate)(IRContext *ir, void *env, uint64_t pc, uint64_t flags,
                          bool (*fetch)(void *opaque, uint64_t pc, uint32_t *insn), void *opaque);
    /* -d in_asm: the text of the instruction word at pc (may be NULL). */
    void (*describe_insn)(uint32_t insn, uint64_t pc, char *buf, size_t len);
    /* -d cpu: the CPU state before a block runs (may be NULL). */
    void (*log_cpu_state)(void *env, FILE *f);
    /*
     * System mode (softmmu): translate vaddr for an access of kind
     * EXEC_ACCESS_* in MMU index mmu_idx.  On success fill *pa (the
     * physical address of vaddr), *prot (PAGE_READ/PAGE_WRITE/PAGE_EXEC
     * from accel/user-mem.h's flags, as allowed for this mmu_idx) and
     * *page_bits (log2 of the mapping's size, >= 12) and return true.  On
     * failure record the exception in env (unless probe) and return false;
     * the caller then leaves guest code at the faulting instruction.
     */
    bool (*tlb_fill)(void *env, uint64_t vaddr, int access, int mmu_idx, bool probe,
                     uint64_t *pa, unsigned *prot, unsigned *page_bits);
    uint32_t env_tlb_offset;   /* where the softmmu TLB lives in env (system mode) */
    /* Record a memory fault in env before the cpu loop returns IR_EXIT_EXCEPTION. */
    void (*set_fault)(void *env, uint64_t guest_pc, uint64_t addr, int kind);
    /*
     * System mode: the MMU index instruction fetches of a block with these
     * translation flags use (NULL: index 0).
     */
    unsigned (*code_mmu_idx)(void *env, uint64_t flags);
} ExecTarget;

/* Access kinds for ExecTarget.tlb_fill. */
enum { EXEC_ACCESS_READ = 0, EXEC_ACCESS_WRITE = 1, EXEC_ACCESS_FETCH = 2 };

/* Kinds passed to ExecTarget.set_fault (match IRBackendConfig.guest_fault's is_write). */
enum { FAULT_READ = 0, FAULT_WRITE = 1, FAULT_ALIGN_READ = 2, FAULT_ALIGN_WRITE = 3,
       /* System mode: an instruction fetch from a page that is not RAM/ROM (external abort). */
       FAULT_FETCH_EXTERNAL = 4 };

/* A backend behind the cache: the JIT (tcg/x86_64) or the IR interpreter. */
typedef struct ExecBackendOps {
    const char *name;
    bool (*init)(void **state, const IRBackendConfig *cfg, EmuError *err);
    /* NULL when the code buffer is full: the cache is flushed and it is retried. */
    void *(*compile)(void *state, IRContext *ir, uintptr_t token);
    void (*free_block)(void *state, void *block);
    uintptr_t (*run)(void *state, void *env, void *block);
    /* Chaining (NULL when the backend cannot chain). */
    void (*link)(void *state, void *from, unsigned slot, void *to);
    void (*unlink)(void *state, void *from, unsigned slot);
    const void *(*entry)(void *block);   /* host code address, for exit_lookup */
    size_t (*code_size)(void *block);    /* bytes of host code at entry */
    /* Guest pc of the instruction whose host code contains host_pc, if inside block. */
    bool (*find_insn)(void *state, void *block, uintptr_t host_pc, uint64_t *guest_pc);
    void (*flush)(void *state);
    /* -d out_asm: the block's host code (NULL when the backend has none). */
    void (*log_code)(void *block, FILE *f);
} ExecBackendOps;

extern const ExecBackendOps exec_backend_interp;
extern const ExecBackendOps exec_backend_jit;

typedef struct TranslationBlock TranslationBlock;

#define EXEC_JMP_CACHE_BITS 14

/* Counters of one CPU, printed at exit with -d stats (exec_print_stats). */
typedef struct ExecStats {
    uint64_t blocks_translated;
    uint64_t loop_entries;     /* blocks entered from the cpu loop (not by a chained jump) */
    uint64_t lookups;          /* exit_lookup calls from translated code (indirect branches) */
    uint64_t lookup_hits;      /* ... that jumped on to a block without leaving */
    uint64_t links;            /* chain links made */
    uint64_t exits_unchained;  /* left at a direct-jump exit that was not (yet) chained */
    uint64_t exits_exception;  /* left for an exception, halt or other target exit */
} ExecStats;

/* One emulated CPU (one host thread runs it). */
typedef struct ExecCPU {
    void *env;
    sigjmp_buf fault_jmp;     /* faults in guest code land here */
    volatile bool in_guest;   /* running translated code (or the interpreter) */
    TranslationBlock *jmp_cache[1u << EXEC_JMP_CACHE_BITS];
    ExecStats stats;
    unsigned index;           /* order of exec_cpu_init (the gdb thread id is index + 1) */
    /* Debugger (include/gdbstub/gdbstub.h): one-instruction blocks, EXEC_EXIT_STEP after each. */
    volatile bool singlestep;
    bool step_done;           /* a stepped instruction left through an exception */
    /*
     * Debugger watchpoints: blocks are translated with EXEC_TBF_WATCH, so
     * that every guest access first asks the watch hook (exec_set_watch_hook).
     */
    volatile bool watch_mem;
} ExecCPU;

/*
 * cpu_exec's debugger exits: a block starting on a breakpoint leaves with
 * EXEC_EXIT_DEBUG before executing it (pc = the breakpoint); with
 * ExecCPU.singlestep, EXEC_EXIT_STEP after each instruction.
 */
#define EXEC_EXIT_DEBUG (IR_EXIT_TARGET_BASE + 8)
#define EXEC_EXIT_STEP  (IR_EXIT_TARGET_BASE + 9)
/* Or-ed into the translation flags of single-step blocks (targets never use this bit). */
#define EXEC_TBF_SINGLESTEP (1ull << 63)
/*
 * Or-ed into the flags of blocks translated for ExecCPU.watch_mem (targets
 * never use this bit, and never see it: the engine strips it and sets
 * IRContext.mem_hook instead).  Being part of the key, watched and plain
 * translations of a block live side by side: no flush when it changes.
 */
#define EXEC_TBF_WATCH (1ull << 62)

/* Access kinds passed to the watch hook (an atomic is both). */
enum { EXEC_WATCH_READ = 1, EXEC_WATCH_WRITE = 2 };
/*
 * The debugger's watch hook: called in the CPU's thread before each guest
 * access of size bytes at virtual address addr; returning true stops the
 * CPU before the access: env's pc is set to the accessing instruction and
 * cpu_exec returns EXEC_EXIT_DEBUG, with nothing of the instruction done
 * except the accesses it made before this one.
 */
typedef bool (*ExecWatchHook)(ExecCPU *cpu, uint64_t addr, unsigned size, unsigned kind);
void exec_set_watch_hook(ExecWatchHook hook);

/* The CPUs exec_cpu_init has seen, by index. */
unsigned exec_cpu_count(void);
ExecCPU *exec_cpu_at(unsigned index);
/*
 * System mode: the CPU's TLB was flushed (entirely, or for the page of
 * vaddr); its jump cache must forget blocks found through those mappings.
 * Called on the CPU's own thread, as its TLB flushes are.
 */
void exec_jmp_cache_flush(ExecCPU *cpu);
void exec_jmp_cache_flush_page(ExecCPU *cpu, uint64_t vaddr);
/* -d stats: the counters of every CPU, summed, to the log. */
void exec_print_stats(void);
/* Throw away all translations, with every CPU out of translated code (the debugger's breakpoints). */
void exec_flush_translations(void);

typedef struct ExecOptions {
    const ExecBackendOps *backend;
    bool nochain;             /* -d nochain */
    int max_insns;            /* per block */
} ExecOptions;

/* Set up the engine once per process. */
bool exec_init(const ExecTarget *target, const ExecOptions *opts, const IRBackendConfig *cfg,
               EmuError *err);
void exec_cpu_init(ExecCPU *cpu, void *env);

/*
 * Run until the guest needs the target's attention (an exception, a halt,
 * or an exit request: then IR_EXIT_NORMAL); returns the IRExitReason.  The
 * CPU state in env is precise on return.
 */
unsigned cpu_exec(ExecCPU *cpu);

/*
 * A host fork from user mode: exec_fork_prepare before it (no other CPU in
 * translated code, no translation or chaining until the end), then
 * exec_fork_parent in the parent once the child has its own code buffer,
 * exec_fork_child in the child.
 */
void exec_fork_prepare(void);
void exec_fork_parent(void);
void exec_fork_child(void);

/* Make cpu leave guest code soon (async-signal-safe, any thread). */
void cpu_exit_request(ExecCPU *cpu);

/* Throw away every translation whose code lies in the guest page at page_addr. */
void tb_invalidate_page(uint64_t page_addr);
/* Throw away all translations and empty every CPU's jump cache (no CPU may be running). */
void tb_flush_all(void);

/*
 * System mode (accel/softmmu.c installs these before running a CPU; user
 * mode has none).  A translation block is then valid only for the
 * physical page its code was read from: the cpu loop finds that page for
 * every lookup through the code TLB.
 */
typedef struct ExecSystemHooks {
    /*
     * Physical page address and host pointer of the code page holding pc
     * for a block with these flags.  With probe, only the TLB is consulted
     * (false on a miss); otherwise the page is filled, and false means the
     * fetch faulted and the target has recorded the exception in env.
     */
    bool (*code_page)(ExecCPU *cpu, uint64_t pc, uint64_t flags, bool probe,
                      uint64_t *phys_page, const uint8_t **host_page);
    /* Code is about to be translated from this physical page: writes must now invalidate. */
    void (*protect_code)(uint64_t phys_page);
    /* At block boundaries in the cpu loop: deferred work (TLB flushes other CPUs asked for). */
    void (*cpu_loop_top)(ExecCPU *cpu);
} ExecSystemHooks;

void exec_set_system_hooks(const ExecSystemHooks *hooks);

/* Guest pc of the instruction whose host code contains host_pc (see exec_raise_fault). */
uint64_t exec_guest_pc_at(ExecCPU *cpu, uintptr_t host_pc);
/* Leave guest code for cpu_exec, which returns IR_EXIT_EXCEPTION (env already precise). */
void exec_exit_exception(ExecCPU *cpu) __attribute__((noreturn));

/* For the fault paths: the CPU this thread runs (NULL outside cpu_exec). */
ExecCPU *exec_current_cpu(void);
/*
 * Leave guest code after a fault at guest address addr (kind FAULT_*);
 * host_pc is the faulting host instruction (0 when raised from C code
 * that knows the guest pc is already in the interpreter record).
 */
void exec_raise_fault(ExecCPU *cpu, uintptr_t host_pc, uint64_t addr, int kind)
    __attribute__((noreturn));

#endif
