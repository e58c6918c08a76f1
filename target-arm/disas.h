/*
 * A64 disassembler for `-d in_asm`: GNU objdump-style text
 * ("add x1, x2, #0x10, lsl #12", "b.ne 0x400100", "ldp x29, x30, [sp], #16"),
 * with the aliases objdump prefers (mov, cmp, lsl, ubfx, cset, mvn ...).
 *
 * It decodes with the same .decode tables as the translator (the generated
 * --record decoder gives the pattern's trans name and fields) and formats
 * with one function per trans name; see the comment at the top of disas.c.
 */
#ifndef TARGET_ARM_DISAS_H
#define TARGET_ARM_DISAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Writes the text of the instruction word insn, found at address pc (for
 * branch and literal targets), into buf (always NUL-terminated, truncated to
 * len).  Returns false for a word that does not execute: ".inst 0x%08x"
 * for one that is unallocated or that the tables do not know, "udf #imm"
 * for the permanently undefined space.
 */
bool a64_disas(uint32_t insn, uint64_t pc, char *buf, size_t len);

#endif
