/*
 * FEAT_PAuth (Arm ARM D8.8 "Pointer authentication", the shared pseudocode
 * AddPAC, Auth, Strip, ComputePAC) and FEAT_RNG: the arithmetic, and the
 * helpers translated code calls (helper-pauth.c).
 *
 * The PAC algorithm is QARMA5 (the architected ComputePAC, QARMA-64 with
 * the sigma2 S-box and 5 rounds each way) unless -cpu max,pauth-impdef=on
 * selects the cheap IMPLEMENTATION DEFINED one (ID_AA64ISAR1.API/GPI
 * instead of APA/GPA).
 *
 * Public functions: arm_qarma5, arm_pauth_impdef_pac, arm_pauth_set_impdef,
 * arm_pauth_uses_impdef, arm_pauth_compute, arm_pauth_layout,
 * arm_pauth_add, arm_pauth_auth, arm_pauth_strip, and the helpers below.
 */
#ifndef TARGET_ARM_PAUTH_H
#define TARGET_ARM_PAUTH_H

#include <stdbool.h>
#include <stdint.h>
#include "target-arm/cpu.h"
#include "target-arm/helpers.h"

/* Index of CPUARMState.apkey. */
enum { ARM_PAUTH_KEY_IA, ARM_PAUTH_KEY_IB, ARM_PAUTH_KEY_DA, ARM_PAUTH_KEY_DB, ARM_PAUTH_KEY_GA };

/* J1.3 ComputePAC with the architected QARMA5: key0 = Key<127:64> (Hi), key1 = Key<63:0> (Lo). */
uint64_t arm_qarma5(uint64_t data, uint64_t modifier, uint64_t key0, uint64_t key1);
/* The IMPLEMENTATION DEFINED algorithm of -cpu max,pauth-impdef=on (cheap, not QARMA). */
uint64_t arm_pauth_impdef_pac(uint64_t data, uint64_t modifier, uint64_t key0, uint64_t key1);
/* Select the algorithm (process-wide, before any guest code runs). */
void arm_pauth_set_impdef(bool impdef);
bool arm_pauth_uses_impdef(void);
/* The selected algorithm, with the key as the 128-bit register pair (Hi, Lo). */
uint64_t arm_pauth_compute(uint64_t data, uint64_t modifier, uint64_t key_hi, uint64_t key_lo);

/*
 * Where the PAC goes in ptr at the current EL: tbi (EffectiveTBI: the top
 * byte is ignored, so the PAC is bits 54:bottom only) and bottom
 * (CalculateBottomPACBit: 64 - TxSZ of the half that bit 55 selects).
 */
typedef struct ArmPauthLayout {
    bool tbi;
    unsigned bottom;
} ArmPauthLayout;
ArmPauthLayout arm_pauth_layout(const CPUARMState *env, uint64_t ptr, bool is_instr);

/* AddPAC / Auth (ARMv8.3 error codes, no FPAC) / Strip with key (ARM_PAUTH_KEY_*). */
uint64_t arm_pauth_add(const CPUARMState *env, uint64_t ptr, uint64_t modifier, unsigned key);
uint64_t arm_pauth_auth(const CPUARMState *env, uint64_t ptr, uint64_t modifier, unsigned key);
uint64_t arm_pauth_strip(const CPUARMState *env, uint64_t ptr, bool data);

/*
 * Helpers.  Enables (SCTLR_ELx.En*) and traps (HCR_EL2.API, SCR_EL3.API)
 * are decided at translation time from the TB flags, so none of these
 * raises; they only read env (keys, TCR, PSTATE.EL), never the IR globals.
 */
#define ARM_PAUTH_HELPERS(X)                                                            \
    /* (env, ptr, modifier, key) -> AddPAC (PACIA..PACDB and the hint forms) */         \
    X(pauth_add,    uint64_t, 4, 0)                                                     \
    /* (env, ptr, modifier, key) -> Auth (AUTIA..AUTDB, RETAA, BRAA, LDRAA...) */       \
    X(pauth_auth,   uint64_t, 4, 0)                                                     \
    /* (env, ptr, data) -> Strip (XPACI, XPACD, XPACLRI) */                            \
    X(pauth_strip,  uint64_t, 3, 0)                                                     \
    /* (env, Xn, Xm|SP) -> PACGA result (PAC<63:32> : zeros) */                         \
    X(pacga,        uint64_t, 3, 0)                                                     \
    /* () -> 64 random bits from the host (RNDR, RNDRRS) */                             \
    X(rndr,         uint64_t, 0, 0)

#define ARM_PAUTH_HELPER_PROTO(name, ret, nargs, flags) \
    ret helper_##name(ARM_HELPER_PARAMS_##nargs);       \
    extern const IRHelperInfo helper_info_##name;
ARM_PAUTH_HELPERS(ARM_PAUTH_HELPER_PROTO)
#undef ARM_PAUTH_HELPER_PROTO

#define ARM_PAUTH_HELPER_GEN(name, ret, nargs, flags)                                   \
    static inline __attribute__((unused)) void gen_helper_##name(                       \
        IRContext *ir ARM_HELPER_RES_##ret ARM_HELPER_GPARAMS_##nargs)                  \
    {                                                                                   \
        const IRTemp args[] = { ARM_HELPER_GARGS_##nargs };                             \
        ir_call(ir, &helper_info_##name, ARM_HELPER_RESTEMP_##ret, args);               \
    }
ARM_PAUTH_HELPERS(ARM_PAUTH_HELPER_GEN)
#undef ARM_PAUTH_HELPER_GEN

#endif
