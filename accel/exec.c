/*
 * The cpu loop: find or translate the block at the current pc, run it,
 * chain it to its successor, and return to the target when the guest needs
 * it (exceptions, halts).  See exec.h.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "accel/exec.h"
#include "accel/tb.h"
#include "accel/user-mem.h"
#include "util/log.h"

static const ExecTarget *target;

/*
 * Held shared by every CPU while it runs translated code, exclusively by a
 * code-buffer flush.  Writers are preferred so a flush is not starved.
 */
static pthread_rwlock_t exec_lock;
/* cpu_exec_loop's answer when the code buffer is full (not an IRExitReason). */
#define EXEC_FLUSH_NEEDED 0xfffffu
static ExecOptions options;
static void *backend_state;
static __thread ExecCPU *current_cpu;
static __thread IRContext *thread_ir;
static const ExecSystemHooks *sys;

void exec_set_system_hooks(const ExecSystemHooks *hooks)
{
    sys = hooks;
}

/* System mode: the code page of pc for fetch through the TLB (see ExecSystemHooks). */
typedef struct SystemFetch {
    uint64_t page;
    const uint8_t *host;
} SystemFetch;

static bool fetch_system_code(void *opaque, uint64_t pc, uint32_t *insn)
{
    const SystemFetch *f = opaque;

    /* Blocks stay inside one page, which the cpu loop has translated already. */
    if ((pc & GUEST_PAGE_MASK) != f->page || (pc & 3)) {
        return false;
    }
    memcpy(insn, f->host + (pc - f->page), 4);
    return true;
}

/* All CPUs, so a flush can clear their jump caches. */
#define MAX_CPUS 256
static ExecCPU *all_cpus[MAX_CPUS];
static unsigned nb_cpus;

ExecCPU *exec_current_cpu(void)
{
    return current_cpu;
}

static uint32_t *exit_request_of(ExecCPU *cpu)
{
    return (uint32_t *)((char *)cpu->env + target->env_exit_request_offset);
}

/* The translation flags of the block cpu runs next: the target's and the debugger's. */
static uint64_t cpu_tb_flags(ExecCPU *cpu)
{
    uint64_t flags = target->get_flags(cpu->env);

    if (cpu->singlestep) {
        flags |= EXEC_TBF_SINGLESTEP;
    }
    if (cpu->watch_mem) {
        flags |= EXEC_TBF_WATCH;
    }
    return flags;
}

/*
 * The jump cache: the last block run at each hashed pc, per CPU, probed
 * inline by the JIT's indirect branches (tcg/backend.h ir_jmp_cache_hash).
 * In system mode an entry also vouches for the virtual-to-physical mapping
 * it was found under, so every TLB flush of the CPU clears the entries of
 * the flushed pages (exec_jmp_cache_flush*): there the hash keeps each
 * virtual page's blocks in one run of entries.  While single-stepping it
 * stays empty, so that no inline probe runs a block on.
 */
#define JMP_CACHE_PAGE_SLOTS (1u << IR_JMP_CACHE_PAGE_SHIFT)
_Static_assert(EXEC_JMP_CACHE_BITS == IR_JMP_CACHE_BITS, "one jump cache size");

static inline unsigned jmp_cache_hash(uint64_t pc)
{
    return ir_jmp_cache_hash(pc, sys != NULL);
}

void exec_jmp_cache_flush(ExecCPU *cpu)
{
    memset(cpu->jmp_cache, 0, sizeof(cpu->jmp_cache));
}

void exec_jmp_cache_flush_page(ExecCPU *cpu, uint64_t vaddr)
{
    memset(&cpu->jmp_cache[ir_jmp_cache_hash(vaddr & ~(uint64_t)0xfff, true)], 0,
           JMP_CACHE_PAGE_SLOTS * sizeof(cpu->jmp_cache[0]));
}

/*
 * exit_lookup support: host code of the block for env's pc, or NULL.  The
 * caller's block was translated under tb_flags and nothing since changed
 * them (such changes end blocks with exit_tb), so they are not recomputed.
 * In system mode the jump cache entry stands for a code-TLB hit (see above).
 */
static const void *lookup_code(void *env, uint64_t tb_flags)
{
    ExecCPU *cpu = current_cpu;
    /* Every indirect branch comes here: no indirect calls on this path. */
    uint64_t pc = *(const uint64_t *)((const char *)env + target->env_pc_offset);
    TranslationBlock *tb = cpu->jmp_cache[jmp_cache_hash(pc)];

    if (cpu->singlestep) {
        return NULL;   /* one instruction per cpu_exec: no jumping on to the next block */
    }
    cpu->stats.lookups++;
    if (tb && tb->pc == pc && tb->flags == tb_flags && !tb->invalid) {
        cpu->stats.lookup_hits++;
        return (const void *)tb->host_start;   /* only the JIT calls lookup_code */
    }
    return NULL;
}

/*
 * Called from translated code's slow path (JIT) or from the interpreter:
 * the return address places the fault in its block.
 */
static void guest_fault_hook(void *env, uint64_t addr, int is_write)
{
    exec_raise_fault(current_cpu, (uintptr_t)__builtin_return_address(0) - 1, addr, is_write);
}

/* sigsetjmp's value in cpu_exec for a debugger stop (exec_raise_fault longjmps with 1). */
#define EXEC_JMP_DEBUG 2

static ExecWatchHook watch_hook;

void exec_set_watch_hook(ExecWatchHook hook)
{
    watch_hook = hook;
}

/*
 * IRContext.mem_hook of EXEC_TBF_WATCH blocks.  Its return address (JIT)
 * or the interpreter's record places the access in its guest instruction,
 * which is where the CPU stops on a hit.
 */
static __attribute__((noinline)) void helper_watch(uint64_t env, uint64_t addr, uint64_t info)
{
    ExecCPU *cpu = current_cpu;
    unsigned kind = ((info & IR_MEMHOOK_READ) ? EXEC_WATCH_READ : 0) |
                    ((info & IR_MEMHOOK_WRITE) ? EXEC_WATCH_WRITE : 0);
    uintptr_t host_pc = (uintptr_t)__builtin_return_address(0) - 1;

    if (watch_hook && watch_hook(cpu, addr, ir_memop_size((IRMemOp)info), kind)) {
        uint64_t pc = exec_guest_pc_at(cpu, host_pc);
        memcpy((char *)(uintptr_t)env + target->env_pc_offset, &pc, sizeof(pc));
        siglongjmp(cpu->fault_jmp, EXEC_JMP_DEBUG);
    }
}

static uint64_t thunk_watch(const uint64_t *args)
{
    helper_watch(args[0], args[1], args[2]);
    return 0;
}

static const IRHelperInfo watch_helper = {
    .name = "watch", .fn = (void *)helper_watch, .thunk = thunk_watch, .nargs = 3,
    .flags = IR_HELPER_MAY_RAISE,
};

static void exec_lock_init(void)
{
    pthread_rwlockattr_t attr;

    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&exec_lock, &attr);
    pthread_rwlockattr_destroy(&attr);
}

bool exec_init(const ExecTarget *t, const ExecOptions *opts, const IRBackendConfig *cfg,
               EmuError *err)
{
    IRBackendConfig c = *cfg;

    target = t;
    options = *opts;
    if (options.max_insns <= 0) {
        options.max_insns = 512;
    }
    c.lookup_code = lookup_code;
    c.guest_fault = guest_fault_hook;
    c.env_pc_offset = t->env_pc_offset;
    if (t->env_jmp_cache_offset) {
        c.jc_env_offset = t->env_jmp_cache_offset;
        c.jc_tb_pc = offsetof(TranslationBlock, pc);
        c.jc_tb_flags = offsetof(TranslationBlock, flags);
        c.jc_tb_invalid = offsetof(TranslationBlock, invalid);
        c.jc_tb_host = offsetof(TranslationBlock, host_start);
    }
    exec_lock_init();
    if (!options.backend->init(&backend_state, &c, err)) {
        return false;
    }
    tb_cache_init(options.backend, backend_state);
    page_invalidate_hook = tb_invalidate_page;
    return true;
}

void exec_cpu_init(ExecCPU *cpu, void *env)
{
    memset(cpu, 0, sizeof(*cpu));
    cpu->env = env;
    if (target->env_jmp_cache_offset) {
        TranslationBlock **table = cpu->jmp_cache;
        memcpy((char *)env + target->env_jmp_cache_offset, &table, sizeof(table));
    }
    pthread_mutex_lock(&tb_lock);
    cpu->index = nb_cpus;
    if (nb_cpus < MAX_CPUS) {
        all_cpus[nb_cpus++] = cpu;
    }
    pthread_mutex_unlock(&tb_lock);
}

unsigned exec_cpu_count(void)
{
    return __atomic_load_n(&nb_cpus, __ATOMIC_ACQUIRE);
}

ExecCPU *exec_cpu_at(unsigned index)
{
    return index < exec_cpu_count() ? all_cpus[index] : NULL;
}

static bool fetch_user_code(void *opaque, uint64_t pc, uint32_t *insn)
{
    if (!page_check_range(pc, 4, PAGE_EXEC)) {
        return false;
    }
    memcpy(insn, g2h(pc), 4);
    return true;
}

/* Every translation and every CPU's jump cache; no CPU may be in translated code. */
void tb_flush_all(void)
{
    tb_cache_flush();
    for (unsigned i = 0; i < nb_cpus; i++) {
        memset(all_cpus[i]->jmp_cache, 0, sizeof(all_cpus[i]->jmp_cache));
    }
}

/* -d in_asm: the guest instructions of a block just translated. */
static void log_guest_code(uint64_t pc, uint32_t size,
                           bool (*fetch)(void *, uint64_t, uint32_t *), void *opaque)
{
    emu_log("IN: block 0x%llx\n", (unsigned long long)pc);
    for (uint64_t a = pc; a < pc + size; a += 4) {
        uint32_t insn;
        char text[160] = "";
        if (!fetch(opaque, a, &insn)) {
            emu_log("0x%016llx:  <not executable>\n", (unsigned long long)a);
            break;
        }
        if (target->describe_insn) {
            target->describe_insn(insn, a, text, sizeof(text));
        }
        emu_log("0x%016llx:  %08x  %s\n", (unsigned long long)a, insn, text);
    }
    emu_log("\n");
}

/*
 * Translate and publish the block at (pc, flags) (system mode: whose code
 * is in physical page phys at host_page); called with tb_lock held.
 */
static TranslationBlock *tb_gen_code(ExecCPU *cpu, uint64_t pc, uint64_t flags, uint64_t phys,
                                     const uint8_t *host_page)
{
    IRContext *ir = thread_ir;
    TranslationBlock *tb = tb_find(pc, flags, phys);
    SystemFetch sf = { pc & GUEST_PAGE_MASK, host_page };
    bool logged;
    bool (*fetch)(void *, uint64_t, uint32_t *) = sys ? fetch_system_code : fetch_user_code;
    void *opaque = sys ? &sf : NULL;

    if (tb) {
        return tb;   /* another thread translated it meanwhile */
    }
    if (!ir) {
        ir = thread_ir = malloc(sizeof(*ir));
        if (!ir) {
            abort();
        }
        ir_init(ir);
        target->init_ir(ir);
    }
    tb = tb_alloc(pc, flags, phys);
    if (sys) {
        /* Before reading the code, so a racing guest write takes the invalidating path. */
        sys->protect_code(phys);
    }
    ir_reset(ir);
    ir->mem_hook = (flags & EXEC_TBF_WATCH) ? &watch_helper : NULL;
    tb->size = target->translate(ir, cpu->env, pc, flags & ~EXEC_TBF_WATCH, fetch, opaque);
    /* -dfilter narrows every per-block log to the blocks it names. */
    logged = log_pc_in_dfilter(pc);
    if (logged && log_enabled(LOG_IN_ASM)) {
        log_guest_code(pc, tb->size, fetch, opaque);
    }
    if (logged && log_enabled(LOG_OP)) {
        emu_log("OP block 0x%llx:\n", (unsigned long long)pc);
        ir_dump(ir, log_file());
    }
    ir_optimize(ir);
    if (logged && log_enabled(LOG_OP_OPT)) {
        emu_log("OP after optimisation, block 0x%llx:\n", (unsigned long long)pc);
        ir_dump(ir, log_file());
    }
    tb->block = options.backend->compile(backend_state, ir, (uintptr_t)tb);
    if (!tb->block) {
        /* The code buffer is full: the caller flushes with every CPU stopped. */
        tb_discard_unpublished(tb);
        return NULL;
    }
    if (logged && log_enabled(LOG_OUT_ASM) && options.backend->log_code) {
        options.backend->log_code(tb->block, log_file());
    }
    if (options.backend->entry) {
        /* Host range for mapping faults back; the backend knows the exact end. */
        tb->host_start = (uintptr_t)options.backend->entry(tb->block);
        tb->host_end = tb->host_start + options.backend->code_size(tb->block);
    }
    /* Translated code is write-protected, so guest writes to it invalidate it. */
    if (!sys) {
        page_protect_code(pc);
    }
    tb_insert(tb);
    cpu->stats.blocks_translated++;
    return tb;
}

/* The loop proper, kept out of cpu_exec so no local lives across its sigsetjmp. */
static __attribute__((noinline)) unsigned cpu_exec_loop(ExecCPU *cpu)
{
    void *env = cpu->env;
    TranslationBlock *last = NULL;
    unsigned last_slot = 0;

    for (;;) {
        uint64_t pc, flags;
        unsigned h;
        TranslationBlock *tb;
        uintptr_t ret;
        uint64_t phys = TB_PHYS_NONE;
        const uint8_t *host_page = NULL;

        if (sys) {
            sys->cpu_loop_top(cpu);
        }
        pc = target->get_pc(env);
        flags = cpu_tb_flags(cpu);
        if (cpu->singlestep) {
            exec_jmp_cache_flush(cpu);   /* nothing for an inline probe to run on to */
        }
        h = jmp_cache_hash(pc);
        tb = cpu->jmp_cache[h];
        /* A jump cache hit stands for a code TLB hit too (see jmp_cache_hash). */
        if (!tb || tb->pc != pc || tb->flags != flags || tb->invalid) {
            if (sys && !sys->code_page(cpu, pc, flags, false, &phys, &host_page)) {
                cpu->step_done = cpu->singlestep;
                return IR_EXIT_EXCEPTION;   /* the fetch faulted: the target recorded it */
            }
            pthread_mutex_lock(&tb_lock);
            tb = tb_find(pc, flags, phys);
            if (!tb) {
                tb = tb_gen_code(cpu, pc, flags, phys, host_page);
                if (!tb) {
                    pthread_mutex_unlock(&tb_lock);
                    return EXEC_FLUSH_NEEDED;
                }
            }
            pthread_mutex_unlock(&tb_lock);
            if (!cpu->singlestep) {
                cpu->jmp_cache[h] = tb;
            }
        }
        /*
         * System mode chains only inside a virtual page: a jump to another
         * page must find its block again, as the mapping may have changed.
         */
        if (last && !options.nochain && !log_enabled(LOG_NOCHAIN) &&
            (!sys || ((last->pc ^ tb->pc) & GUEST_PAGE_MASK) == 0)) {
            pthread_mutex_lock(&tb_lock);
            tb_add_link(last, last_slot, tb);
            pthread_mutex_unlock(&tb_lock);
            cpu->stats.links++;
        }
        if (log_enabled(LOG_EXEC | LOG_CPU) && log_pc_in_dfilter(pc)) {
            /* Blocks entered through a chain skip this: -d nochain shows them all. */
            if (log_enabled(LOG_CPU) && target->log_cpu_state) {
                target->log_cpu_state(env, log_file());
            }
            if (log_enabled(LOG_EXEC)) {
                emu_log("Trace: block 0x%llx\n", (unsigned long long)pc);
            }
        }
        cpu->stats.loop_entries++;
        if (cpu->singlestep) {
            /* The step itself is the reason to stop; a pending request must not void it. */
            __atomic_store_n(exit_request_of(cpu), 0, __ATOMIC_RELEASE);
        }
        cpu->in_guest = true;
        ret = options.backend->run(backend_state, env, tb->block);
        cpu->in_guest = false;
        if (cpu->singlestep) {
            if (ret >= IR_EXIT_LINK_MIN || ret == IR_EXIT_NORMAL) {
                return EXEC_EXIT_STEP;
            }
            /* An exception or a halt: the step ends after the target handled it. */
            cpu->step_done = ret != EXEC_EXIT_DEBUG;
            return (unsigned)ret;
        }
        if (ret >= IR_EXIT_LINK_MIN) {
            cpu->stats.exits_unchained++;
            last = (TranslationBlock *)(ret & ~(uintptr_t)3);
            last_slot = ret & 3;
            continue;
        }
        last = NULL;
        if (ret != IR_EXIT_NORMAL) {
            cpu->stats.exits_exception++;
            return (unsigned)ret;
        }
        if (__atomic_load_n(exit_request_of(cpu), __ATOMIC_ACQUIRE)) {
            __atomic_store_n(exit_request_of(cpu), 0, __ATOMIC_RELEASE);
            return IR_EXIT_NORMAL;
        }
    }
}

void exec_print_stats(void)
{
    ExecStats t = { 0 };

    for (unsigned i = 0; i < nb_cpus && i < MAX_CPUS; i++) {
        const ExecStats *c = &all_cpus[i]->stats;
        t.blocks_translated += c->blocks_translated;
        t.loop_entries += c->loop_entries;
        t.lookups += c->lookups;
        t.lookup_hits += c->lookup_hits;
        t.links += c->links;
        t.exits_unchained += c->exits_unchained;
        t.exits_exception += c->exits_exception;
    }
    emu_log("stats: %u cpus, %llu blocks translated, %llu chain links\n", nb_cpus,
            (unsigned long long)t.blocks_translated, (unsigned long long)t.links);
    emu_log("stats: %llu blocks entered from the cpu loop: %llu after an unchained direct jump, "
            "%llu exits for exceptions/halts\n", (unsigned long long)t.loop_entries,
            (unsigned long long)t.exits_unchained, (unsigned long long)t.exits_exception);
    emu_log("stats: %llu indirect-branch lookups past the JIT's inline jump-cache probe, "
            "%llu of them found (%.1f%%)\n",
            (unsigned long long)t.lookups, (unsigned long long)t.lookup_hits,
            t.lookups ? 100.0 * (double)t.lookup_hits / (double)t.lookups : 0.0);
}

void cpu_exit_request(ExecCPU *cpu)
{
    __atomic_store_n(exit_request_of(cpu), 1, __ATOMIC_RELEASE);
}

/*
 * Throw every translation away with no CPU inside translated code: the
 * others are asked to leave (they poll exit_request at each block) and
 * wait on the execution lock while the flush holds it exclusively.
 */
/*
 * The execution lock for writing, with every other CPU out of translated
 * code.  A CPU that saw the exit request may take the lock for reading
 * again before this thread queues as a writer, and then runs on with its
 * request consumed: so the request is repeated until the lock is ours.
 */
static void exec_lock_exclusive(void)
{
    for (;;) {
        struct timespec until;

        pthread_mutex_lock(&tb_lock);
        for (unsigned i = 0; i < nb_cpus; i++) {
            if (all_cpus[i] != current_cpu) {
                cpu_exit_request(all_cpus[i]);
            }
        }
        pthread_mutex_unlock(&tb_lock);
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 2000000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        if (pthread_rwlock_timedwrlock(&exec_lock, &until) == 0) {
            return;
        }
    }
}

static void flush_exclusive(void)
{
    exec_lock_exclusive();
    tb_flush_all();
    pthread_rwlock_unlock(&exec_lock);
}

void exec_flush_translations(void)
{
    flush_exclusive();
}

/*
 * Around a host fork: the code buffer is shared memory until the child has
 * copied it, so no other CPU may translate, chain or flush meanwhile.  The
 * others leave translated code (as for a flush) and wait on the execution
 * lock; translation and linking wait on tb_lock.
 */
void exec_fork_prepare(void)
{
    exec_lock_exclusive();
    pthread_mutex_lock(&tb_lock);
}

void exec_fork_parent(void)
{
    pthread_mutex_unlock(&tb_lock);
    pthread_rwlock_unlock(&exec_lock);
}

void exec_fork_child(void)
{
    /* The child has one thread, whose id changed: fresh locks rather than unlocking copies. */
    pthread_mutex_init(&tb_lock, NULL);
    exec_lock_init();
}

unsigned cpu_exec(ExecCPU *cpu)
{
    unsigned ret;

    current_cpu = cpu;
    if (cpu->singlestep && cpu->step_done) {
        /* The instruction stepped last time raised an exception, now taken. */
        cpu->step_done = false;
        return EXEC_EXIT_STEP;
    }
    cpu->step_done = false;
    for (;;) {
        int jmp;

        pthread_rwlock_rdlock(&exec_lock);
        jmp = sigsetjmp(cpu->fault_jmp, 0);
        if (jmp == EXEC_JMP_DEBUG) {
            /* A watchpoint: stopped before the access, nothing to take. */
            cpu->in_guest = false;
            pthread_rwlock_unlock(&exec_lock);
            return EXEC_EXIT_DEBUG;
        }
        if (jmp) {
            /* A fault in guest code: exec_raise_fault stored it in env. */
            cpu->in_guest = false;
            cpu->step_done = cpu->singlestep;
            pthread_rwlock_unlock(&exec_lock);
            return IR_EXIT_EXCEPTION;
        }
        ret = cpu_exec_loop(cpu);
        pthread_rwlock_unlock(&exec_lock);
        if (ret != EXEC_FLUSH_NEEDED) {
            return ret;
        }
        flush_exclusive();
    }
}

uint64_t exec_guest_pc_at(ExecCPU *cpu, uintptr_t host_pc)
{
    uint64_t guest_pc = target->get_pc(cpu->env);
    bool found = false;

    if (host_pc && options.backend->find_insn) {
        TranslationBlock *tb = tb_find_by_host_pc(host_pc);
        found = tb && options.backend->find_insn(backend_state, tb->block, host_pc, &guest_pc);
    }
    if (!found && options.backend->find_insn) {
        /* The interpreter knows the instruction it is executing. */
        options.backend->find_insn(backend_state, NULL, 0, &guest_pc);
    }
    return guest_pc;
}

void exec_exit_exception(ExecCPU *cpu)
{
    siglongjmp(cpu->fault_jmp, 1);
}

void exec_raise_fault(ExecCPU *cpu, uintptr_t host_pc, uint64_t addr, int kind)
{
    target->set_fault(cpu->env, exec_guest_pc_at(cpu, host_pc), addr, kind);
    siglongjmp(cpu->fault_jmp, 1);
}
