/*
 * IR interpreter: see tcg/interp.h.
 *
 * Temporaries live in a per-run array of 64-bit slots; an I32 value is kept
 * zero-extended in its slot.  Globals are not cached: every read and write
 * goes to env + env_offset with the global's width.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/interp.h"

__thread uint64_t ir_interp_insn_pc;

struct IRInterpBlock {
    IROp *ops;
    uint32_t nb_ops;
    IRTempInfo *temps;
    uint32_t nb_temps;
    uint32_t *label_pos;    /* label number -> op index of its set_label */
    uint32_t nb_labels;
};

/* A generous bound so a runaway block cannot overflow the stack. */
#define INTERP_MAX_TEMPS (1u << 16)

IRInterpBlock *ir_interp_prepare(const IRContext *s)
{
    IRInterpBlock *b = calloc(1, sizeof(*b));

    assert(b);
    assert(s->nb_temps <= INTERP_MAX_TEMPS);
    b->nb_ops = s->nb_ops;
    b->nb_temps = s->nb_temps;
    b->nb_labels = s->nb_labels;
    b->ops = malloc((s->nb_ops ? s->nb_ops : 1) * sizeof(IROp));
    b->temps = malloc(s->nb_temps * sizeof(IRTempInfo));
    b->label_pos = malloc((s->nb_labels ? s->nb_labels : 1) * sizeof(uint32_t));
    assert(b->ops && b->temps && b->label_pos);
    memcpy(b->ops, s->ops, s->nb_ops * sizeof(IROp));
    memcpy(b->temps, s->temps, s->nb_temps * sizeof(IRTempInfo));
    for (uint32_t l = 0; l < s->nb_labels; l++) {
        b->label_pos[l] = UINT32_MAX;
    }
    for (uint32_t i = 0; i < s->nb_ops; i++) {
        const IROp *op = &s->ops[i];
        if (op->opc == IR_set_label) {
            uint64_t l = op->args[0];
            assert(l < s->nb_labels);
            assert(b->label_pos[l] == UINT32_MAX);   /* each label set once */
            b->label_pos[l] = i;
        }
    }
    /* Every branch target must exist. */
    for (uint32_t i = 0; i < s->nb_ops; i++) {
        const IROp *op = &s->ops[i];
        if (op->opc == IR_br) {
            assert(b->label_pos[op->args[0]] != UINT32_MAX);
        } else if (op->opc == IR_brcond) {
            assert(b->label_pos[op->args[3]] != UINT32_MAX);
        }
    }
    return b;
}

void ir_interp_free(IRInterpBlock *b)
{
    if (!b) {
        return;
    }
    free(b->ops);
    free(b->temps);
    free(b->label_pos);
    free(b);
}

/* ------------------------------------------------------------------ */
/* Pure arithmetic                                                     */

bool ir_op_is_pure_alu(IROpcode opc)
{
    return opc >= IR_mov && opc <= IR_movcond;
}

static uint64_t mask_len(unsigned len)
{
    return len >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1;
}

static uint64_t eval64(IROpcode opc, uint64_t a, uint64_t b, const uint64_t *in,
                       const uint64_t *cst)
{
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    unsigned c = b & 63;

    switch (opc) {
    case IR_mov:   return a;
    case IR_add:   return a + b;
    case IR_sub:   return a - b;
    case IR_mul:   return a * b;
    case IR_muluh: return (uint64_t)(((unsigned __int128)a * b) >> 64);
    case IR_mulsh: return (uint64_t)(((__int128)sa * sb) >> 64);
    case IR_div:
        if (b == 0) return 0;
        if (sa == INT64_MIN && sb == -1) return a;
        return (uint64_t)(sa / sb);
    case IR_divu:  return b ? a / b : 0;
    case IR_rem:
        if (b == 0) return a;
        if (sa == INT64_MIN && sb == -1) return 0;
        return (uint64_t)(sa % sb);
    case IR_remu:  return b ? a % b : a;
    case IR_and:   return a & b;
    case IR_or:    return a | b;
    case IR_xor:   return a ^ b;
    case IR_andc:  return a & ~b;
    case IR_orc:   return a | ~b;
    case IR_eqv:   return a ^ ~b;
    case IR_shl:   return a << c;
    case IR_shr:   return a >> c;
    case IR_sar:   return (uint64_t)(sa >> c);
    case IR_rotr:  return c ? (a >> c) | (a << (64 - c)) : a;
    case IR_rotl:  return c ? (a << c) | (a >> (64 - c)) : a;
    case IR_neg:   return -a;
    case IR_not:   return ~a;
    case IR_clz:   return a ? (uint64_t)__builtin_clzll(a) : 64;
    case IR_ctz:   return a ? (uint64_t)__builtin_ctzll(a) : 64;
    case IR_bswap: return __builtin_bswap64(a);
    case IR_ext8s: return (uint64_t)(int64_t)(int8_t)a;
    case IR_ext8u: return (uint8_t)a;
    case IR_ext16s: return (uint64_t)(int64_t)(int16_t)a;
    case IR_ext16u: return (uint16_t)a;
    case IR_ext32s: return (uint64_t)(int64_t)(int32_t)a;
    case IR_ext32u: return (uint32_t)a;
    case IR_extract:
        return (a >> cst[0]) & mask_len(cst[1]);
    case IR_sextract: {
        unsigned pos = cst[0], len = cst[1];
        return (uint64_t)((int64_t)(a << (64 - pos - len)) >> (64 - len));
    }
    case IR_deposit: {
        uint64_t m = mask_len(cst[1]) << cst[0];
        return (a & ~m) | ((b << cst[0]) & m);
    }
    case IR_setcond:
        return ir_cond_eval((IRCond)cst[0], IR_I64, a, b);
    case IR_movcond:
        return ir_cond_eval((IRCond)cst[0], IR_I64, a, b) ? in[2] : in[3];
    default:
        assert(!"not a 64-bit pure op");
        abort();
    }
}

static uint32_t eval32(IROpcode opc, uint32_t a, uint32_t b, const uint64_t *in,
                       const uint64_t *cst)
{
    int32_t sa = (int32_t)a, sb = (int32_t)b;
    unsigned c = b & 31;

    switch (opc) {
    case IR_mov:   return a;
    case IR_add:   return a + b;
    case IR_sub:   return a - b;
    case IR_mul:   return a * b;
    case IR_muluh: return (uint32_t)(((uint64_t)a * b) >> 32);
    case IR_mulsh: return (uint32_t)(((int64_t)sa * sb) >> 32);
    case IR_div:
        if (b == 0) return 0;
        if (sa == INT32_MIN && sb == -1) return a;
        return (uint32_t)(sa / sb);
    case IR_divu:  return b ? a / b : 0;
    case IR_rem:
        if (b == 0) return a;
        if (sa == INT32_MIN && sb == -1) return 0;
        return (uint32_t)(sa % sb);
    case IR_remu:  return b ? a % b : a;
    case IR_and:   return a & b;
    case IR_or:    return a | b;
    case IR_xor:   return a ^ b;
    case IR_andc:  return a & ~b;
    case IR_orc:   return a | ~b;
    case IR_eqv:   return a ^ ~b;
    case IR_shl:   return a << c;
    case IR_shr:   return a >> c;
    case IR_sar:   return (uint32_t)(sa >> c);
    case IR_rotr:  return c ? (a >> c) | (a << (32 - c)) : a;
    case IR_rotl:  return c ? (a << c) | (a >> (32 - c)) : a;
    case IR_neg:   return -a;
    case IR_not:   return ~a;
    case IR_clz:   return a ? (uint32_t)__builtin_clz(a) : 32;
    case IR_ctz:   return a ? (uint32_t)__builtin_ctz(a) : 32;
    case IR_bswap: return __builtin_bswap32(a);
    case IR_ext8s: return (uint32_t)(int32_t)(int8_t)a;
    case IR_ext8u: return (uint8_t)a;
    case IR_ext16s: return (uint32_t)(int32_t)(int16_t)a;
    case IR_ext16u: return (uint16_t)a;
    case IR_trunc32: return a;     /* the input was already cut to 32 bits */
    case IR_extract:
        return (a >> cst[0]) & (uint32_t)mask_len(cst[1]);
    case IR_sextract: {
        unsigned pos = cst[0], len = cst[1];
        return (uint32_t)((int32_t)(a << (32 - pos - len)) >> (32 - len));
    }
    case IR_deposit: {
        uint32_t m = (uint32_t)mask_len(cst[1]) << cst[0];
        return (a & ~m) | ((b << cst[0]) & m);
    }
    case IR_setcond:
        return ir_cond_eval((IRCond)cst[0], IR_I32, a, b);
    case IR_movcond:
        return (uint32_t)(ir_cond_eval((IRCond)cst[0], IR_I32, a, b) ? in[2] : in[3]);
    default:
        assert(!"not a 32-bit pure op");
        abort();
    }
}

uint64_t ir_eval_op(IROpcode opc, IRType type, const uint64_t *in, const uint64_t *cst)
{
    unsigned nin = ir_op_defs[opc].nin;
    uint64_t a = nin > 0 ? in[0] : 0;
    uint64_t b = nin > 1 ? in[1] : 0;

    assert(ir_op_is_pure_alu(opc));
    if (type == IR_I32) {
        return eval32(opc, (uint32_t)a, (uint32_t)b, in, cst);
    }
    return eval64(opc, a, b, in, cst);
}

/* ------------------------------------------------------------------ */
/* Running                                                             */

static inline uint64_t rd(const IRInterpBlock *b, const uint64_t *slot, void *env, uint64_t t)
{
    const IRTempInfo *ti = &b->temps[t];

    if (ti->kind == IR_TEMP_GLOBAL) {
        char *p = (char *)env + ti->env_offset;
        if (ti->type == IR_I32) {
            uint32_t v;
            memcpy(&v, p, 4);
            return v;
        }
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
    }
    return slot[t];
}

static inline void wr(const IRInterpBlock *b, uint64_t *slot, void *env, uint64_t t, uint64_t v)
{
    const IRTempInfo *ti = &b->temps[t];

    assert(ti->kind == IR_TEMP_BLOCK || ti->kind == IR_TEMP_GLOBAL);
    if (ti->type == IR_I32) {
        v = (uint32_t)v;
    }
    if (ti->kind == IR_TEMP_GLOBAL) {
        char *p = (char *)env + ti->env_offset;
        if (ti->type == IR_I32) {
            uint32_t v32 = (uint32_t)v;
            memcpy(p, &v32, 4);
        } else {
            memcpy(p, &v, 8);
        }
        return;
    }
    slot[t] = v;
}

/* Extend a loaded value of memop size to the op width. */
static uint64_t extend_load(uint64_t v, IRMemOp mo, IRType type)
{
    unsigned bits = 8 * ir_memop_size(mo);

    if (bits < 64) {
        v &= mask_len(bits);
        if ((mo & IR_MO_SIGN) && (v >> (bits - 1)) & 1) {
            v |= ~mask_len(bits);
        }
    }
    return type == IR_I32 ? (uint32_t)v : v;
}

static uint64_t host_load(const void *p, unsigned size)
{
    switch (size) {
    case 1: { uint8_t v; memcpy(&v, p, 1); return v; }
    case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
    case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
    default: { uint64_t v; memcpy(&v, p, 8); return v; }
    }
}

static void host_store(void *p, unsigned size, uint64_t v)
{
    switch (size) {
    case 1: { uint8_t x = v; memcpy(p, &x, 1); break; }
    case 2: { uint16_t x = v; memcpy(p, &x, 2); break; }
    case 4: { uint32_t x = v; memcpy(p, &x, 4); break; }
    default: memcpy(p, &v, 8); break;
    }
}

/*
 * Translate a guest address to a host pointer, or report the fault.
 * is_write: 0 load, 1 store (atomics count as stores); an alignment fault
 * passes is_write + 2 (see IRBackendConfig.guest_fault).
 */
static void *guest_addr(const IRBackendConfig *cfg, void *env, uint64_t addr, IRMemOp mo,
                        int is_write)
{
    unsigned size = ir_memop_size(mo);
    unsigned align = (mo & IR_MO_ALIGN_MASK) >> IR_MO_ALIGN_SHIFT;

    if (align && (addr & (((uint64_t)1 << align) - 1))) {
        cfg->guest_fault(env, addr, is_write + 2);
        abort();
    }
    if (cfg->guest_limit < size || addr > cfg->guest_limit - size) {
        cfg->guest_fault(env, addr, is_write);
        abort();
    }
    return (void *)(cfg->guest_base + (uintptr_t)addr);
}

/*
 * System mode: the same TLB lookup as the JIT's inline fast path (see
 * tcg/backend.h), then the host access on a hit or the slow path.
 */
static const SoftmmuTLBEntry *softmmu_entry(const IRBackendConfig *cfg, void *env,
                                            uint64_t addr, IRMemOp mo)
{
    const SoftmmuTLBTable *t = (const SoftmmuTLBTable *)((const char *)env + cfg->tlb_offset);
    return &t->e[softmmu_memop_mmu_idx(mo)][(addr >> SOFTMMU_PAGE_BITS) & (SOFTMMU_TLB_SIZE - 1)];
}

static uint64_t softmmu_load(const IRBackendConfig *cfg, void *env, uint64_t addr, IRMemOp mo)
{
    const SoftmmuTLBEntry *e = softmmu_entry(cfg, env, addr, mo);
    uint64_t cmp = (addr + softmmu_cmp_addend(mo)) & softmmu_cmp_mask(mo);

    if (cmp == __atomic_load_n(&e->addr_read, __ATOMIC_RELAXED)) {
        return host_load((const void *)(uintptr_t)(addr + e->addend), ir_memop_size(mo));
    }
    return cfg->ld_slow(env, addr, mo, 0);
}

static void softmmu_store(const IRBackendConfig *cfg, void *env, uint64_t addr, uint64_t v,
                          IRMemOp mo)
{
    const SoftmmuTLBEntry *e = softmmu_entry(cfg, env, addr, mo);
    uint64_t cmp = (addr + softmmu_cmp_addend(mo)) & softmmu_cmp_mask(mo);

    if (cmp == __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED)) {
        host_store((void *)(uintptr_t)(addr + e->addend), ir_memop_size(mo), v);
        return;
    }
    cfg->st_slow(env, addr, v, mo, 0);
}

static int64_t sext_size(uint64_t v, unsigned size)
{
    switch (size) {
    case 1: return (int8_t)v;
    case 2: return (int16_t)v;
    case 4: return (int32_t)v;
    default: return (int64_t)v;
    }
}

uint64_t ir_atomic_apply(IRAtomicOp aop, uint64_t old, uint64_t x, unsigned size)
{
    uint64_t m = mask_len(8 * size);

    old &= m;
    x &= m;
    switch (aop) {
    case IR_ATOMIC_XCHG: return x;
    case IR_ATOMIC_ADD:  return (old + x) & m;
    case IR_ATOMIC_AND:  return old & x;
    case IR_ATOMIC_ANDC: return old & ~x & m;
    case IR_ATOMIC_OR:   return old | x;
    case IR_ATOMIC_XOR:  return old ^ x;
    case IR_ATOMIC_SMAX: return sext_size(old, size) >= sext_size(x, size) ? old : x;
    case IR_ATOMIC_SMIN: return sext_size(old, size) <= sext_size(x, size) ? old : x;
    case IR_ATOMIC_UMAX: return old >= x ? old : x;
    case IR_ATOMIC_UMIN: return old <= x ? old : x;
    }
    assert(!"bad IRAtomicOp");
    abort();
}

/* Compare-and-swap of @size bytes; returns the old memory value. */
uint64_t ir_host_cas(void *p, unsigned size, uint64_t expected, uint64_t newv)
{
#define CAS(T) do {                                                            \
        T e = (T)expected;                                                     \
        __atomic_compare_exchange_n((T *)p, &e, (T)newv, false,                \
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);       \
        return e;                                                              \
    } while (0)
    switch (size) {
    case 1: CAS(uint8_t);
    case 2: CAS(uint16_t);
    case 4: CAS(uint32_t);
    default: CAS(uint64_t);
    }
#undef CAS
}

static uint64_t host_atomic_load(void *p, unsigned size)
{
    switch (size) {
    case 1: return __atomic_load_n((uint8_t *)p, __ATOMIC_SEQ_CST);
    case 2: return __atomic_load_n((uint16_t *)p, __ATOMIC_SEQ_CST);
    case 4: return __atomic_load_n((uint32_t *)p, __ATOMIC_SEQ_CST);
    default: return __atomic_load_n((uint64_t *)p, __ATOMIC_SEQ_CST);
    }
}

/* A read-modify-write as a compare-and-swap loop (covers min/max too). */
uint64_t ir_host_rmw(void *p, unsigned size, IRAtomicOp aop, uint64_t x)
{
    uint64_t old = host_atomic_load(p, size);

    for (;;) {
        uint64_t seen = ir_host_cas(p, size, old, ir_atomic_apply(aop, old, x, size));
        if (seen == old) {
            return old;
        }
        old = seen;
    }
}

uintptr_t ir_interp_run(const IRInterpBlock *b, void *env, const IRBackendConfig *cfg,
                        uintptr_t token)
{
    uint64_t slot[b->nb_temps];
    uint32_t pc = 0;

    for (uint32_t t = 0; t < b->nb_temps; t++) {
        slot[t] = b->temps[t].kind == IR_TEMP_CONST ? b->temps[t].value : 0;
    }
    slot[IR_TEMP_ENV_INDEX] = (uintptr_t)env;

    for (;;) {
        const IROp *op;
        uint64_t in[IR_MAX_OP_ARGS];
        const uint64_t *cst;
        IRType type;

        /* Falling off the end means the frontend forgot an exit. */
        assert(pc < b->nb_ops);
        op = &b->ops[pc++];
        type = (IRType)op->type;
        for (unsigned i = 0; i < op->nin; i++) {
            in[i] = rd(b, slot, env, op->args[op->nout + i]);
        }
        cst = &op->args[op->nout + op->nin];

        if (ir_op_is_pure_alu((IROpcode)op->opc)) {
            wr(b, slot, env, op->args[0], ir_eval_op((IROpcode)op->opc, type, in, cst));
            continue;
        }

        switch ((IROpcode)op->opc) {
        case IR_nop:
        case IR_set_label:
            break;
        case IR_br:
            pc = b->label_pos[cst[0]];
            break;
        case IR_brcond:
            if (ir_cond_eval((IRCond)cst[0], type, in[0], in[1])) {
                pc = b->label_pos[cst[1]];
            }
            break;
        case IR_ld: {
            IRMemOp mo = (IRMemOp)cst[1];
            const char *p = (const char *)(uintptr_t)in[0] + (int64_t)cst[0];
            wr(b, slot, env, op->args[0],
               extend_load(host_load(p, ir_memop_size(mo)), mo, type));
            break;
        }
        case IR_st: {
            IRMemOp mo = (IRMemOp)cst[1];
            char *p = (char *)(uintptr_t)in[1] + (int64_t)cst[0];
            host_store(p, ir_memop_size(mo), in[0]);
            break;
        }
        case IR_guest_ld: {
            IRMemOp mo = (IRMemOp)cst[0];
            uint64_t v;
            if (cfg->softmmu) {
                v = softmmu_load(cfg, env, in[0], mo);
            } else {
                v = host_load(guest_addr(cfg, env, in[0], mo, 0), ir_memop_size(mo));
            }
            wr(b, slot, env, op->args[0], extend_load(v, mo, type));
            break;
        }
        case IR_guest_st: {
            IRMemOp mo = (IRMemOp)cst[0];
            if (cfg->softmmu) {
                softmmu_store(cfg, env, in[1], in[0], mo);
            } else {
                host_store(guest_addr(cfg, env, in[1], mo, 1), ir_memop_size(mo), in[0]);
            }
            break;
        }
        case IR_atomic_cmpxchg: {
            IRMemOp mo = (IRMemOp)cst[0];
            unsigned size = ir_memop_size(mo);
            uint64_t old;
            if (cfg->softmmu) {
                old = cfg->atomic_slow(env, in[0], in[1], in[2],
                                       SOFTMMU_ATOMIC_DESC(mo, SOFTMMU_ATOMIC_CMPXCHG, 0), 0);
            } else {
                old = ir_host_cas(guest_addr(cfg, env, in[0], mo, 1), size, in[1], in[2]);
            }
            wr(b, slot, env, op->args[0], extend_load(old, mo, type));
            break;
        }
        case IR_atomic_rmw: {
            IRMemOp mo = (IRMemOp)cst[1];
            unsigned size = ir_memop_size(mo);
            uint64_t old;
            if (cfg->softmmu) {
                old = cfg->atomic_slow(env, in[0], in[1], 0,
                                       SOFTMMU_ATOMIC_DESC(mo, SOFTMMU_ATOMIC_RMW, cst[0]), 0);
            } else {
                old = ir_host_rmw(guest_addr(cfg, env, in[0], mo, 1), size, (IRAtomicOp)cst[0], in[1]);
            }
            wr(b, slot, env, op->args[0], extend_load(old, mo, type));
            break;
        }
        case IR_mb:
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            break;
        case IR_call: {
            const IRHelperInfo *h = (const IRHelperInfo *)(uintptr_t)cst[0];
            uint64_t args[IR_MAX_HELPER_ARGS] = { 0 };
            uint64_t r;
            assert(h->thunk);
            for (unsigned i = 0; i < op->nin; i++) {
                args[i] = in[i];
            }
            r = h->thunk(args);
            if (op->nout) {
                wr(b, slot, env, op->args[0], r);
            }
            break;
        }
        case IR_insn_start:
            ir_interp_insn_pc = cst[0];
            break;
        case IR_exit_link:
            if (cst[0] & IR_EXIT_LINK_SETS_PC) {
                memcpy((char *)env + cfg->env_pc_offset, &cst[1], 8);
            }
            return token | (uintptr_t)(cst[0] & 1);
        case IR_exit_lookup:
            /* The cpu loop looks the next block up itself. */
            return IR_EXIT_NORMAL;
        case IR_exit_tb:
            return (uintptr_t)cst[0];
        default:
            assert(!"interp: unhandled op");
            abort();
        }
    }
}
