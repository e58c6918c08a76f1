/*
 * The A64 CPU as the execution engine (accel/exec.h) sees it, and the CPU
 * models: which features each -cpu name has, and the HWCAPs that follow.
 */
#ifndef TARGET_ARM_EXEC_TARGET_H
#define TARGET_ARM_EXEC_TARGET_H

#include <stdio.h>
#include "accel/exec.h"
#include "target-arm/cpu.h"

extern const ExecTarget arm_exec_target;

typedef enum ArmCpuModel { ARM_CPU_CORTEX_A57, ARM_CPU_CORTEX_A72, ARM_CPU_MAX } ArmCpuModel;

/* For -cpu help: the models, one a line. */
void arm_print_cpu_models(FILE *f);

/* Select the model whose features the translator honours (before any translation). */
void arm_set_cpu_model(ArmCpuModel model);
uint64_t arm_cpu_features(void);
/* Linux AT_HWCAP / AT_HWCAP2 for the model: only what is implemented. */
uint64_t arm_cpu_hwcap(void);
uint64_t arm_cpu_hwcap2(void);

/* Reset the user-mode register state: everything zero, monitor open. */
void arm_cpu_reset_user(CPUARMState *env, uint64_t pc, uint64_t sp);

#endif
