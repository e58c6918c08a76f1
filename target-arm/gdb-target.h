/*
 * The A64 CPU for the gdb stub (include/gdbstub/gdbstub.h): register
 * numbering of gdb's aarch64 target description (x0-x30 = 0-30, sp 31,
 * pc 32, cpsr 33, v0-v31 = 34-65, fpsr 66, fpcr 67), the XML, and memory
 * by virtual address.  System mode adds the feature
 * "org.qemu.gdb.aarch64.sysregs" (QEMU's name): every register of the
 * system-register table (sysregs.h) this CPU has and that can be read,
 * numbered 68 + its table index, read and written through the table as an
 * MRS/MSR from the highest EL would (writes of read-only ones are refused).
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
