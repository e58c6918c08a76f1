/*
 * The A64 CPU for the gdb stub (include/gdbstub/gdbstub.h): register
 * numbering of gdb's aarch64 target description (x0-x30 = 0-30, sp 31,
 * pc 32, cpsr 33, v0-v31 = 34-65, fpsr 66, fpcr 67), the XML, and memory
 * by virtual address.
 *
 * Public: arm_gdb_target_user, arm_gdb_target_system.
 */
#ifndef TARGET_ARM_GDB_TARGET_H
#define TARGET_ARM_GDB_TARGET_H

#include "gdbstub/gdbstub.h"

/* Memory: guest_base with page checks; code pages are unprotected (and their blocks dropped) on writes. */
extern const GdbTarget arm_gdb_target_user;
/* Memory: the MMU walker in probe mode at the current EL, then RAM/ROM (env->mmu_phys). */
extern const GdbTarget arm_gdb_target_system;

#endif
