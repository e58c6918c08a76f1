/* The A64 CPU for the gdb stub: see gdb-target.h. */
#include "target-arm/gdb-target.h"

#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "accel/softmmu.h"
#include "accel/user-mem.h"
#include "target-arm/exception.h"
#include "target-arm/exec-target.h"
#include "target-arm/mmu.h"
#include "target-arm/sysregs.h"
#include "target-arm/tlb-fill.h"
#include "target-arm/translate.h"

enum { REG_SP = 31, REG_PC = 32, REG_CPSR = 33, REG_V0 = 34, REG_FPSR = 66, REG_FPCR = 67,
       NB_REGS = 68, REG_SYSREG0 = NB_REGS,
       /* Room for the system-register table (a bound; absent numbers read as none). */
       NB_SYS_REGS = NB_REGS + 1024 };

/*
 * The table entry behind gdb register n, if this CPU has it and it can be
 * read: the registers of absent ELs or features are left out (so are
 * FPCR/FPSR, already in the fpu feature).
 */
/* The EL whose banked stack pointer (sp_el[]) r is, or -1. */
static int sp_bank(const ArmSysReg *r)
{
    for (int el = 0; el < 4; el++) {
        if ((r->kind == ARM_SRK_FIELD64 || r->kind == ARM_SRK_FUNC) &&
            r->offset == (int32_t)offsetof(CPUARMState, sp_el[el])) {
            return el;
        }
    }
    return -1;
}

static const ArmSysReg *gdb_sysreg(const CPUARMState *env, unsigned n)
{
    const ArmSysReg *r;

    if (!env->sys_mode || n < REG_SYSREG0 || n - REG_SYSREG0 >= arm_sysreg_count()) {
        return NULL;
    }
    r = arm_sysreg_by_index(n - REG_SYSREG0);
    if (!r) {
        return NULL;
    }
    /* SP_EL1 is only MSR-accessible from EL2, but the debugger wants EL1's stack without EL2 too. */
    if (sp_bank(r) == 1) {
        return r;
    }
    if (r->read_el == ARM_SR_NEVER || (r->flags & ARM_SRF_FP) ||
        ((r->flags & ARM_SRF_NEED_EL2) && !env->has_el2) ||
        ((r->flags & ARM_SRF_NEED_EL3) && !env->has_el3) ||
        ((r->flags & ARM_SRF_PAN_FEAT) && !(arm_cpu_features() & ARM_FEATURE_PAN)) ||
        ((r->flags & ARM_SRF_LOR_FEAT) && !(arm_cpu_features() & ARM_FEATURE_LOR)) ||
        /* FEAT_VHE's registers (TTBR1_EL2, CONTEXTIDR_EL2, CNTHV_*) exist where ID_AA64MMFR1.VH says so. */
        ((r->flags & ARM_SRF_VHE_FEAT) && !((env->id_aa64mmfr1 >> 8) & 0xf))) {
        return NULL;
    }
    return r;
}

/*
 * The stack pointer in use lives in env->sp, its bank (sp_el[]) being
 * refreshed only when PSTATE.EL or SPSel changes: the SP_ELx entry that is
 * the current stack pointer must see env->sp instead.
 */
static bool is_current_sp(const CPUARMState *env, const ArmSysReg *r)
{
    return sp_bank(r) == (int)(env->spsel ? env->pstate_el : 0);
}

static unsigned read_sysreg(CPUARMState *env, unsigned n, uint8_t *buf)
{
    const ArmSysReg *r = gdb_sysreg(env, n);
    uint64_t v;

    if (!r) {
        return 0;
    }
    v = is_current_sp(env, r) ? env->sp : arm_sysreg_read(env, r);
    memcpy(buf, &v, 8);
    return 8;
}

static unsigned write_sysreg(CPUARMState *env, unsigned n, const uint8_t *buf)
{
    const ArmSysReg *r = gdb_sysreg(env, n);
    uint64_t v;

    /* Constants, CurrentEL and the ID registers cannot be written by any EL: nor by gdb. */
    if (!r || r->write_el == ARM_SR_NEVER || r->kind == ARM_SRK_CONST ||
        r->kind == ARM_SRK_CURRENTEL) {
        return 0;
    }
    memcpy(&v, buf, 8);
    if (is_current_sp(env, r)) {
        env->sp = v;
        return 8;
    }
    arm_sysreg_write(env, r, v);
    if (r->flags & ARM_SRF_END_TB) {
        /* As after an MSR that ends the block: cached translations of the old state go. */
        arm_tlb_flush_local(env);
    }
    return 8;
}

static unsigned arm_read_reg(void *opaque, unsigned n, uint8_t *buf)
{
    CPUARMState *env = opaque;
    uint64_t v;
    uint32_t w;

    if (n < 31) {
        v = env->xregs[n];
    } else if (n == REG_SP) {
        v = env->sp;
    } else if (n == REG_PC) {
        v = env->pc;
    } else if (n == REG_CPSR) {
        /* System mode: all of PSTATE as SPSR would hold it (D1.6); user mode: NZCV. */
        w = env->sys_mode ? arm_pstate_read(env) : arm_get_nzcv(env);
        memcpy(buf, &w, 4);
        return 4;
    } else if (n >= REG_V0 && n < REG_V0 + 32) {
        memcpy(buf, env->vregs[n - REG_V0], 16);
        return 16;
    } else if (n == REG_FPSR || n == REG_FPCR) {
        w = n == REG_FPSR ? env->fpsr : env->fpcr;
        memcpy(buf, &w, 4);
        return 4;
    } else {
        return read_sysreg(env, n, buf);
    }
    memcpy(buf, &v, 8);
    return 8;
}

static unsigned arm_write_reg(void *opaque, unsigned n, const uint8_t *buf)
{
    CPUARMState *env = opaque;
    uint64_t v;
    uint32_t w;

    memcpy(&v, buf, 8);
    memcpy(&w, buf, 4);
    if (n < 31) {
        env->xregs[n] = v;
    } else if (n == REG_SP) {
        env->sp = v;
    } else if (n == REG_PC) {
        env->pc = v;
    } else if (n == REG_CPSR) {
        /* Only the flags: changing EL or masks behind the CPU's back is not offered. */
        arm_set_nzcv(env, w);
        return 4;
    } else if (n >= REG_V0 && n < REG_V0 + 32) {
        memcpy(env->vregs[n - REG_V0], buf, 16);
        return 16;
    } else if (n == REG_FPSR) {
        env->fpsr = w;
        return 4;
    } else if (n == REG_FPCR) {
        env->fpcr = w;
        return 4;
    } else {
        return write_sysreg(env, n, buf);
    }
    return 8;
}

static uint64_t arm_gdb_pc(void *env)
{
    return ((CPUARMState *)env)->pc;
}

/*
 * The description gdb's aarch64 port expects: features
 * org.gnu.gdb.aarch64.core and org.gnu.gdb.aarch64.fpu with these names;
 * system mode adds the system registers of env's CPU.  Built once per
 * program (every CPU of a board has the same registers).
 */
static char xml_buf[32768];

static const char *arm_xml(void *opaque)
{
    const CPUARMState *env = opaque;
    size_t n = 0;
    if (xml_buf[0]) {
        return xml_buf;
    }
#define ADD(...) (n += (size_t)snprintf(xml_buf + n, n < sizeof(xml_buf) ? sizeof(xml_buf) - n : 0, \
                                        __VA_ARGS__))
    ADD("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target version=\"1.0\">\n<architecture>aarch64</architecture>\n"
        "<feature name=\"org.gnu.gdb.aarch64.core\">\n");
    for (int i = 0; i < 31; i++) {
        ADD("<reg name=\"x%d\" bitsize=\"64\" regnum=\"%d\"/>\n", i, i);
    }
    ADD("<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
        "<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n"
        "<reg name=\"cpsr\" bitsize=\"32\"/>\n</feature>\n"
        "<feature name=\"org.gnu.gdb.aarch64.fpu\">\n"
        "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
        "<vector id=\"v2u\" type=\"uint64\" count=\"2\"/>\n"
        "<vector id=\"v2i\" type=\"int64\" count=\"2\"/>\n"
        "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
        "<vector id=\"v4u\" type=\"uint32\" count=\"4\"/>\n"
        "<vector id=\"v4i\" type=\"int32\" count=\"4\"/>\n"
        "<vector id=\"v8u\" type=\"uint16\" count=\"8\"/>\n"
        "<vector id=\"v8i\" type=\"int16\" count=\"8\"/>\n"
        "<vector id=\"v16u\" type=\"uint8\" count=\"16\"/>\n"
        "<vector id=\"v16i\" type=\"int8\" count=\"16\"/>\n"
        "<vector id=\"v1u\" type=\"uint128\" count=\"1\"/>\n"
        "<vector id=\"v1i\" type=\"int128\" count=\"1\"/>\n"
        "<union id=\"vnd\"><field name=\"f\" type=\"v2d\"/><field name=\"u\" type=\"v2u\"/>"
        "<field name=\"s\" type=\"v2i\"/></union>\n"
        "<union id=\"vns\"><field name=\"f\" type=\"v4f\"/><field name=\"u\" type=\"v4u\"/>"
        "<field name=\"s\" type=\"v4i\"/></union>\n"
        "<union id=\"vnh\"><field name=\"u\" type=\"v8u\"/><field name=\"s\" type=\"v8i\"/></union>\n"
        "<union id=\"vnb\"><field name=\"u\" type=\"v16u\"/><field name=\"s\" type=\"v16i\"/></union>\n"
        "<union id=\"vnq\"><field name=\"u\" type=\"v1u\"/><field name=\"s\" type=\"v1i\"/></union>\n"
        "<union id=\"aarch64v\"><field name=\"d\" type=\"vnd\"/><field name=\"s\" type=\"vns\"/>"
        "<field name=\"h\" type=\"vnh\"/><field name=\"b\" type=\"vnb\"/>"
        "<field name=\"q\" type=\"vnq\"/></union>\n");
    for (int i = 0; i < 32; i++) {
        ADD("<reg name=\"v%d\" bitsize=\"128\" type=\"aarch64v\" regnum=\"%d\"/>\n", i, REG_V0 + i);
    }
    ADD("<reg name=\"fpsr\" bitsize=\"32\"/>\n<reg name=\"fpcr\" bitsize=\"32\"/>\n"
        "</feature>\n");
    if (env && env->sys_mode) {
        ADD("<feature name=\"org.qemu.gdb.aarch64.sysregs\">\n");
        for (unsigned r = REG_SYSREG0; r < REG_SYSREG0 + arm_sysreg_count(); r++) {
            const ArmSysReg *sr = gdb_sysreg(env, r);
            if (sr) {
                ADD("<reg name=\"%s\" bitsize=\"64\" regnum=\"%u\" group=\"system\"/>\n",
                    sr->name, r);
            }
        }
        ADD("</feature>\n");
    }
    ADD("</target>\n");
#undef ADD
    /* The table outgrowing the buffer is an emulator bug. */
    assert(n < sizeof(xml_buf));
    return xml_buf;
}

/* --- memory --- */

static bool user_rw(void *env, uint64_t addr, uint8_t *buf, size_t len, bool write)
{
    (void)env;
    if (!len) {
        return true;
    }
    if (!guest_range_ok(addr, len) || !page_check_range(addr, len, write ? PAGE_VALID : PAGE_READ)) {
        return false;
    }
    if (!write) {
        memcpy(buf, g2h(addr), len);
        return true;
    }
    /* A debugger may write read-only (code) pages: lift our code protection first. */
    for (uint64_t p = addr & ~0xfffull; p < addr + len; p += 0x1000) {
        page_unprotect_code(p);
    }
    for (size_t i = 0; i < len; i++) {
        uint8_t *h = g2h(addr + i);
        if (!(page_get_flags(addr + i) & PAGE_WRITE)) {
            /* The host page may be read-only to the guest: go through a writable alias. */
            return false;
        }
        *h = buf[i];
    }
    return true;
}

static bool sys_rw_byte_page(CPUARMState *env, uint64_t va, uint8_t *buf, size_t len, bool write)
{
    uint64_t pa;
    unsigned prot, page_bits;
    const ArmMMUPhys *phys = env->mmu_phys;

    /* Probe: a failed walk leaves no exception in env. */
    if (!arm_tlb_fill(env, va, EXEC_ACCESS_READ, arm_current_mmu_idx(env), true, &pa, &prot,
                      &page_bits)) {
        return false;
    }
    if (!phys) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        uint64_t a = pa + i, word, old;
        unsigned sh = (unsigned)(a & 7) * 8;
        if (!phys->read64(phys->opaque, a & ~7ull, &word)) {
            return false;
        }
        if (!write) {
            buf[i] = (uint8_t)(word >> sh);
            continue;
        }
        /* RAM writes through compare-and-swap, the only write the walker's interface has. */
        do {
            uint64_t nw = (word & ~(0xffull << sh)) | (uint64_t)buf[i] << sh;
            old = word;
            if (!phys->cmpxchg64(phys->opaque, a & ~7ull, old, nw, &word)) {
                return false;
            }
        } while (word != old);
    }
    if (write && softmmu_page_has_code(pa & ~0xfffull)) {
        tb_invalidate_page(pa & ~0xfffull);
    }
    return true;
}

static bool sys_rw(void *opaque, uint64_t addr, uint8_t *buf, size_t len, bool write)
{
    CPUARMState *env = opaque;
    while (len) {
        size_t chunk = 0x1000 - (addr & 0xfff);
        if (chunk > len) {
            chunk = len;
        }
        if (!sys_rw_byte_page(env, addr, buf, chunk, write)) {
            return false;
        }
        addr += chunk;
        buf += chunk;
        len -= chunk;
    }
    return true;
}

const GdbTarget arm_gdb_target_user = {
    .nb_regs = NB_REGS, .read_reg = arm_read_reg, .write_reg = arm_write_reg, .xml = arm_xml,
    .rw_mem = user_rw, .get_pc = arm_gdb_pc,
};

const GdbTarget arm_gdb_target_system = {
    .nb_regs = NB_SYS_REGS, .read_reg = arm_read_reg, .write_reg = arm_write_reg, .xml = arm_xml,
    .rw_mem = sys_rw, .get_pc = arm_gdb_pc,
};
