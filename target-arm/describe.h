/*
 * A field-level description of an A64 instruction word for `-d in_asm`:
 * the decode pattern it matches and its operand fields, e.g.
 * "ADDSUB_imm sf=1 op=0 s=0 sh=0 imm=0x1 rn=3 rd=3".  It comes from the
 * same decode table as the translator, so it shows exactly how the
 * translator saw the word.  (A mnemonic disassembler is issue #10's.)
 */
#ifndef TARGET_ARM_DESCRIBE_H
#define TARGET_ARM_DESCRIBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Fills buf; returns false (with "unallocated" in buf) when nothing matches. */
bool a64_describe(uint32_t insn, char *buf, size_t len);

#endif
