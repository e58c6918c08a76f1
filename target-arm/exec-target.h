/*
 * The A64 CPU as the execution engine (accel/exec.h) sees it, and the CPU
 * models: which features each -cpu name has, and the HWCAPs that follow.
 */
#ifndef TARGET_ARM_EXEC_TARGET_H
#define TARGET_ARM_EXEC_TARGET_H

#include <stdio.h>
#include "accel/exec.h"
#include "target-arm/cpu.h"
#include "util/error.h"

extern const ExecTarget arm_exec_target;

typedef enum ArmCpuModel { ARM_CPU_CORTEX_A57, ARM_CPU_CORTEX_A72, ARM_CPU_MAX } ArmCpuModel;

/* For -cpu help: the models, one a line. */
void arm_print_cpu_models(FILE *f);

/*
 * -cpu MODEL,PROPS: the properties after the model name (QEMU's:
 * pauth=on|off, pauth-impdef=on|off, for max only).  Call before
 * arm_set_cpu_model, which applies them; NULL or "" resets the defaults.
 */
bool arm_cpu_parse_props(ArmCpuModel model, const char *props, EmuError *err);

/* Select the model whose features the translator honours (before any translation). */
void arm_set_cpu_model(ArmCpuModel model);
uint64_t arm_cpu_features(void);
/* Linux AT_HWCAP / AT_HWCAP2 for the model: only what is implemented. */
uint64_t arm_cpu_hwcap(void);
uint64_t arm_cpu_hwcap2(void);

/* User mode: fresh random PAuth keys (bit k of mask = ARM_PAUTH_KEY_* k), as Linux gives at exec. */
void arm_cpu_user_new_keys(CPUARMState *env, unsigned mask);
/*
 * User mode: prctl PR_PAC_RESET_KEYS, PR_PAC_SET_ENABLED_KEYS and
 * PR_PAC_GET_ENABLED_KEYS (a = the syscall arguments).  Returns false for
 * any other option; otherwise *ret is the result.
 */
bool arm_cpu_user_prctl(CPUARMState *env, const uint64_t *a, int64_t *ret);

/* Reset the user-mode register state: everything zero, monitor open. */
void arm_cpu_reset_user(CPUARMState *env, uint64_t pc, uint64_t sp);

#endif
