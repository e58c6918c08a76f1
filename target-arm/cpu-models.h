/*
 * Identification registers of each CPU model (MIDR, MPIDR, ID_AA64*, CTR,
 * DCZID, CLIDR/CCSIDR) and the system-mode reset of a CPU.
 *
 * Public functions: arm_cpu_model_init, arm_cpu_reset_system.
 */
#ifndef TARGET_ARM_CPU_MODELS_H
#define TARGET_ARM_CPU_MODELS_H

#include <stdbool.h>
#include <stdint.h>
#include "target-arm/cpu.h"
#include "target-arm/exec-target.h"

/*
 * Fill env's ID registers for model.  features is the translator's
 * ARM_FEATURE_* mask: an ID field is advertised only when the translator
 * implements the feature, so a real model's crypto bits, say, stay 0 until
 * the instructions exist.  MPIDR gets Aff0 = index % 8, Aff1 = index / 8
 * (clusters of 8, as the GICv2 target lists want).
 */
void arm_cpu_model_init(CPUARMState *env, ArmCpuModel model, uint64_t features, unsigned cpu_index);

/*
 * Cold reset for system emulation: everything zero, table registers at
 * their reset values, IDs for the model and arm_cpu_features(), EL config
 * (the CPU starts in the highest EL: EL1 unless has_el2/has_el3), pc 0.
 * Keeps the board's pointers (timer, mmu_phys, psci_call, board_opaque)
 * and the interrupt lines.
 */
void arm_cpu_reset_system(CPUARMState *env, ArmCpuModel model, unsigned cpu_index, bool has_el2,
                          bool has_el3);

#endif
