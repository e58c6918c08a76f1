/*
 * ir_dump(): one op per line, for -d op / -d op_opt.
 *
 *   add_i64 t5, x3, $0x10        block temps tN, globals by name, constants $0x..
 *   L2:                          set_label
 *   brcond_i32 t3, $0x0, eq, L2
 *   guest_ld_i64 t4, t3, [u32 align4]
 *   call helper_name t7, env, t3
 */
#include <inttypes.h>
#include <stdio.h>

#include "tcg/ir.h"

static const char *const cond_names[] = {
    [IR_COND_NEVER] = "never", [IR_COND_ALWAYS] = "always",
    [IR_COND_EQ] = "eq", [IR_COND_NE] = "ne",
    [IR_COND_LT] = "lt", [IR_COND_GE] = "ge", [IR_COND_LE] = "le", [IR_COND_GT] = "gt",
    [IR_COND_LTU] = "ltu", [IR_COND_GEU] = "geu", [IR_COND_LEU] = "leu", [IR_COND_GTU] = "gtu",
    [IR_COND_TSTEQ] = "tsteq", [IR_COND_TSTNE] = "tstne",
};

static const char *const atomic_names[] = {
    [IR_ATOMIC_XCHG] = "xchg", [IR_ATOMIC_ADD] = "add", [IR_ATOMIC_AND] = "and",
    [IR_ATOMIC_ANDC] = "andc", [IR_ATOMIC_OR] = "or", [IR_ATOMIC_XOR] = "xor",
    [IR_ATOMIC_SMAX] = "smax", [IR_ATOMIC_SMIN] = "smin", [IR_ATOMIC_UMAX] = "umax",
    [IR_ATOMIC_UMIN] = "umin",
};

static void put_temp(const IRContext *s, FILE *f, uint64_t t)
{
    const IRTempInfo *ti;

    if (t >= s->nb_temps) {
        fprintf(f, "<bad t%" PRIu64 ">", t);
        return;
    }
    ti = &s->temps[t];
    switch (ti->kind) {
    case IR_TEMP_ENV:
        fputs("env", f);
        break;
    case IR_TEMP_GLOBAL:
        if (ti->name) {
            fputs(ti->name, f);
        } else {
            fprintf(f, "g%" PRIu64, t);
        }
        break;
    case IR_TEMP_CONST:
        fprintf(f, "$0x%" PRIx64, ti->value);
        break;
    default:
        fprintf(f, "t%" PRIu64, t);
        break;
    }
}

static void put_cond(FILE *f, uint64_t c)
{
    if (c < sizeof(cond_names) / sizeof(cond_names[0])) {
        fputs(cond_names[c], f);
    } else {
        fprintf(f, "cond%" PRIu64, c);
    }
}

static void put_memop(FILE *f, uint64_t mo)
{
    unsigned align = (mo & IR_MO_ALIGN_MASK) >> IR_MO_ALIGN_SHIFT;
    unsigned mmu = (mo & IR_MO_MMUIDX_MASK) >> IR_MO_MMUIDX_SHIFT;

    fprintf(f, "[%c%u", (mo & IR_MO_SIGN) ? 's' : 'u', 8 * ir_memop_size((IRMemOp)mo));
    if (align) {
        fprintf(f, " align%u", 1u << align);
    }
    if (mmu) {
        fprintf(f, " mmu%u", mmu);
    }
    fputc(']', f);
}

static void dump_op(const IRContext *s, const IROp *op, FILE *f)
{
    const IROpDef *def = &ir_op_defs[op->opc];
    const uint64_t *cst = &op->args[op->nout + op->nin];
    unsigned nt = op->nout + op->nin;
    bool first = true;

    if (op->opc == IR_set_label) {
        fprintf(f, "L%" PRIu64 ":\n", cst[0]);
        return;
    }
    if (op->opc == IR_call) {
        const IRHelperInfo *h = (const IRHelperInfo *)(uintptr_t)cst[0];
        fprintf(f, "  call %s", h && h->name ? h->name : "?");
    } else if (nt > 0) {
        fprintf(f, "  %s_i%d", def->name, op->type == IR_I32 ? 32 : 64);
    } else {
        fprintf(f, "  %s", def->name);
    }
    for (unsigned i = 0; i < nt; i++) {
        fputs(first ? " " : ", ", f);
        first = false;
        put_temp(s, f, op->args[i]);
    }
#define SEP() do { fputs(first ? " " : ", ", f); first = false; } while (0)
    switch ((IROpcode)op->opc) {
    case IR_extract: case IR_sextract: case IR_deposit:
        SEP();
        fprintf(f, "%" PRIu64 ", %" PRIu64, cst[0], cst[1]);
        break;
    case IR_setcond: case IR_movcond:
        SEP();
        put_cond(f, cst[0]);
        break;
    case IR_brcond:
        SEP();
        put_cond(f, cst[0]);
        fprintf(f, ", L%" PRIu64, cst[1]);
        break;
    case IR_br:
        SEP();
        fprintf(f, "L%" PRIu64, cst[0]);
        break;
    case IR_ld: case IR_st:
        SEP();
        if ((int64_t)cst[0] < 0) {
            fprintf(f, "-0x%" PRIx64 " ", -cst[0]);
        } else {
            fprintf(f, "+0x%" PRIx64 " ", cst[0]);
        }
        put_memop(f, cst[1]);
        break;
    case IR_guest_ld: case IR_guest_st: case IR_atomic_cmpxchg:
        SEP();
        put_memop(f, cst[0]);
        break;
    case IR_atomic_rmw:
        SEP();
        if (cst[0] < sizeof(atomic_names) / sizeof(atomic_names[0])) {
            fprintf(f, "%s ", atomic_names[cst[0]]);
        }
        put_memop(f, cst[1]);
        break;
    case IR_mb:
        SEP();
        fputs(cst[0] == IR_MB_ALL ? "all" : cst[0] == IR_MB_LD ? "ld" : "st", f);
        break;
    case IR_insn_start:
        SEP();
        fprintf(f, "0x%" PRIx64, cst[0]);
        break;
    case IR_exit_link:
        SEP();
        fprintf(f, "%" PRIu64, cst[0] & 1);
        if (cst[0] & IR_EXIT_LINK_SETS_PC) {
            fprintf(f, ", pc=0x%" PRIx64, cst[1]);
        }
        break;
    case IR_exit_tb:
        SEP();
        fprintf(f, "%" PRIu64, cst[0]);
        break;
    default:
        break;
    }
#undef SEP
    fputc('\n', f);
}

void ir_dump(const IRContext *s, FILE *f)
{
    for (uint32_t i = 0; i < s->nb_ops; i++) {
        const IROp *op = &s->ops[i];
        if (op->opc == IR_insn_start && i > 0) {
            fputc('\n', f);    /* a blank line between guest instructions */
        }
        dump_op(s, op, f);
    }
}
