/*
 * Unit tests for the x86-64 encoder (tcg/x86_64/asm.c).
 *
 * Every expected byte string below was produced by GNU as 2.40 (binutils,
 * Intel syntax, `.intel_syntax noprefix`) and objdump -d while the tests were
 * written; the assembly text that was assembled is the second argument of
 * each CHECK and is printed on a mismatch.  The tests never run `as`.
 */
#include <stdio.h>
#include <string.h>

#include "runner.h"
#include "tcg/x86_64/asm.h"

/* Compare what the encoder wrote with the reference bytes; print both on a mismatch. */
static int same_bytes(const X86Asm *a, const uint8_t *exp, size_t n, const char *text)
{
    size_t got = (size_t)(a->ptr - a->start);
    if (got == n && memcmp(a->start, exp, n) == 0 && !a->overflow) {
        return 1;
    }
    fprintf(stderr, "\n  %s: expected", text);
    for (size_t i = 0; i < n; i++) {
        fprintf(stderr, " %02x", exp[i]);
    }
    fprintf(stderr, ", got");
    for (size_t i = 0; i < got; i++) {
        fprintf(stderr, " %02x", a->start[i]);
    }
    fprintf(stderr, "\n");
    return 0;
}

#define CHECK(stmt, text, ...) do {                                     \
        static const uint8_t exp_[] = { __VA_ARGS__ };                  \
        uint8_t buf_[32];                                               \
        X86Asm a;                                                       \
        x86_init(&a, buf_, sizeof buf_);                                \
        stmt;                                                           \
        CU_ASSERT(same_bytes(&a, exp_, sizeof exp_, text));             \
    } while (0)

static void test_mov_rr(void)
{
    CHECK(x86_mov_rr(&a, 8, X86_RAX, X86_RCX),
          "mov rax, rcx", 0x48, 0x89, 0xc8);
    CHECK(x86_mov_rr(&a, 8, X86_R8, X86_R15),
          "mov r8, r15", 0x4d, 0x89, 0xf8);
    CHECK(x86_mov_rr(&a, 4, X86_RDI, X86_R9),
          "mov edi, r9d", 0x44, 0x89, 0xcf);
    CHECK(x86_mov_rr(&a, 2, X86_RDX, X86_RBX),
          "mov dx, bx", 0x66, 0x89, 0xda);
    CHECK(x86_mov_rr(&a, 1, X86_RAX, X86_RCX),
          "mov al, cl", 0x88, 0xc8);
    CHECK(x86_mov_rr(&a, 1, X86_RSI, X86_RDI),
          "mov sil, dil", 0x40, 0x88, 0xfe);
    CHECK(x86_mov_rr(&a, 1, X86_RSP, X86_RAX),
          "mov spl, al", 0x40, 0x88, 0xc4);
    CHECK(x86_mov_rr(&a, 1, X86_RAX, X86_RBP),
          "mov al, bpl", 0x40, 0x88, 0xe8);
    CHECK(x86_mov_rr(&a, 1, X86_R10, X86_RBX),
          "mov r10b, bl", 0x41, 0x88, 0xda);
}

static void test_mov_ri(void)
{
    CHECK(x86_mov_ri(&a, 8, X86_RAX, 0x12345678),
          "mov eax, 0x12345678", 0xb8, 0x78, 0x56, 0x34, 0x12);
    CHECK(x86_mov_ri(&a, 8, X86_R11, 0xffffffff),
          "mov r11d, 0xffffffff", 0x41, 0xbb, 0xff, 0xff, 0xff, 0xff);
    CHECK(x86_mov_ri(&a, 8, X86_RCX, (uint64_t)-2),
          "mov rcx, -2", 0x48, 0xc7, 0xc1, 0xfe, 0xff, 0xff, 0xff);
    CHECK(x86_mov_ri(&a, 8, X86_R12, 0x123456789abcdef0ull),
          "movabs r12, 0x123456789abcdef0", 0x49, 0xbc, 0xf0, 0xde, 0xbc, 0x9a, 0x78, 0x56, 0x34, 0x12);
    CHECK(x86_mov_ri(&a, 4, X86_RDI, 0),
          "mov edi, 0", 0xbf, 0x00, 0x00, 0x00, 0x00);
    CHECK(x86_mov_ri(&a, 2, X86_R8, 0x1234),
          "mov r8w, 0x1234", 0x66, 0x41, 0xb8, 0x34, 0x12);
    CHECK(x86_mov_ri(&a, 1, X86_RSI, 0x7f),
          "mov sil, 0x7f", 0x40, 0xb6, 0x7f);
    CHECK(x86_mov_ri(&a, 1, X86_RBX, 0x80),
          "mov bl, 0x80", 0xb3, 0x80);
    CHECK(x86_zero_reg(&a, X86_RAX),
          "xor eax, eax", 0x31, 0xc0);
    CHECK(x86_zero_reg(&a, X86_R13),
          "xor r13d, r13d", 0x45, 0x31, 0xed);
}

static void test_mov_mem(void)
{
    CHECK(x86_mov_rm(&a, 8, X86_RAX, x86_mem(X86_RDI, 0)),
          "mov rax, [rdi]", 0x48, 0x8b, 0x07);
    CHECK(x86_mov_rm(&a, 8, X86_RAX, x86_mem(X86_RSP, 0)),
          "mov rax, [rsp]", 0x48, 0x8b, 0x04, 0x24);
    CHECK(x86_mov_rm(&a, 8, X86_RAX, x86_mem(X86_R12, 0)),
          "mov rax, [r12]", 0x49, 0x8b, 0x04, 0x24);
    CHECK(x86_mov_rm(&a, 8, X86_RAX, x86_mem(X86_RBP, 0)),
          "mov rax, [rbp]", 0x48, 0x8b, 0x45, 0x00);
    CHECK(x86_mov_rm(&a, 8, X86_RAX, x86_mem(X86_R13, 0)),
          "mov rax, [r13]", 0x49, 0x8b, 0x45, 0x00);
    CHECK(x86_mov_rm(&a, 4, X86_R9, x86_mem(X86_RBX, 0x7f)),
          "mov r9d, [rbx+0x7f]", 0x44, 0x8b, 0x4b, 0x7f);
    CHECK(x86_mov_rm(&a, 4, X86_R9, x86_mem(X86_RBX, -0x80)),
          "mov r9d, [rbx-0x80]", 0x44, 0x8b, 0x4b, 0x80);
    CHECK(x86_mov_rm(&a, 4, X86_R9, x86_mem(X86_RBX, 0x80)),
          "mov r9d, [rbx+0x80]", 0x44, 0x8b, 0x8b, 0x80, 0x00, 0x00, 0x00);
    CHECK(x86_mov_rm(&a, 8, X86_RDX, x86_mem(X86_R12, 0x1000)),
          "mov rdx, [r12+0x1000]", 0x49, 0x8b, 0x94, 0x24, 0x00, 0x10, 0x00, 0x00);
    CHECK(x86_mov_rm(&a, 8, X86_RDX, x86_mem_idx(X86_RSI, X86_RCX, 8, 0)),
          "mov rdx, [rsi+rcx*8]", 0x48, 0x8b, 0x14, 0xce);
    CHECK(x86_mov_rm(&a, 8, X86_R14, x86_mem_idx(X86_R13, X86_R12, 1, 0)),
          "mov r14, [r13+r12*1+0]", 0x4f, 0x8b, 0x74, 0x25, 0x00);
    CHECK(x86_mov_rm(&a, 8, X86_RAX, x86_mem_idx(X86_RBP, X86_R8, 2, -8)),
          "mov rax, [rbp+r8*2-8]", 0x4a, 0x8b, 0x44, 0x45, 0xf8);
    CHECK(x86_mov_rm(&a, 8, X86_RAX, x86_mem_idx(X86_RSP, X86_RDI, 4, 0x12345)),
          "mov rax, [rsp+rdi*4+0x12345]", 0x48, 0x8b, 0x84, 0xbc, 0x45, 0x23, 0x01, 0x00);
    CHECK(x86_mov_rm(&a, 8, X86_RAX, x86_mem_idx(X86_NOREG, X86_RDI, 8, 0x1000)),
          "mov rax, [rdi*8+0x1000]", 0x48, 0x8b, 0x04, 0xfd, 0x00, 0x10, 0x00, 0x00);
    CHECK(x86_mov_rm(&a, 8, X86_RCX, x86_mem_rip(0x100)),
          "mov rcx, [rip+0x100]", 0x48, 0x8b, 0x0d, 0x00, 0x01, 0x00, 0x00);
    CHECK(x86_mov_rm(&a, 2, X86_RCX, x86_mem(X86_RAX, 2)),
          "mov cx, [rax+2]", 0x66, 0x8b, 0x48, 0x02);
    CHECK(x86_mov_rm(&a, 1, X86_RDI, x86_mem(X86_RAX, 0)),
          "mov dil, [rax]", 0x40, 0x8a, 0x38);
    CHECK(x86_mov_rm(&a, 1, X86_RCX, x86_mem(X86_R8, 0)),
          "mov cl, [r8]", 0x41, 0x8a, 0x08);
    CHECK(x86_mov_mr(&a, 8, x86_mem(X86_RDI, 8), X86_RSI),
          "mov [rdi+8], rsi", 0x48, 0x89, 0x77, 0x08);
    CHECK(x86_mov_mr(&a, 4, x86_mem(X86_R15, 0), X86_R8),
          "mov [r15], r8d", 0x45, 0x89, 0x07);
    CHECK(x86_mov_mr(&a, 2, x86_mem(X86_RSP, 4), X86_RAX),
          "mov [rsp+4], ax", 0x66, 0x89, 0x44, 0x24, 0x04);
    CHECK(x86_mov_mr(&a, 1, x86_mem(X86_RDX, 0), X86_RSI),
          "mov [rdx], sil", 0x40, 0x88, 0x32);
    CHECK(x86_mov_mr(&a, 1, x86_mem(X86_RDX, 0), X86_R11),
          "mov [rdx], r11b", 0x44, 0x88, 0x1a);
    CHECK(x86_mov_mi(&a, 8, x86_mem(X86_RDI, 16), -1),
          "mov qword ptr [rdi+16], -1", 0x48, 0xc7, 0x47, 0x10, 0xff, 0xff, 0xff, 0xff);
    CHECK(x86_mov_mi(&a, 4, x86_mem(X86_R13, 0), 0x12345678),
          "mov dword ptr [r13], 0x12345678", 0x41, 0xc7, 0x45, 0x00, 0x78, 0x56, 0x34, 0x12);
    CHECK(x86_mov_mi(&a, 2, x86_mem(X86_RAX, 0), 0x1234),
          "mov word ptr [rax], 0x1234", 0x66, 0xc7, 0x00, 0x34, 0x12);
    CHECK(x86_mov_mi(&a, 1, x86_mem(X86_RAX, 0), 0x12),
          "mov byte ptr [rax], 0x12", 0xc6, 0x00, 0x12);
    CHECK(x86_mov_mi(&a, 4, x86_mem_rip(0x40), 7),
          "mov dword ptr [rip+0x40], 7", 0xc7, 0x05, 0x40, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00);
}

static void test_ext_lea(void)
{
    CHECK(x86_movzx_rr(&a, 4, 1, X86_RAX, X86_RSI),
          "movzx eax, sil", 0x40, 0x0f, 0xb6, 0xc6);
    CHECK(x86_movzx_rr(&a, 4, 1, X86_RAX, X86_RCX),
          "movzx eax, cl", 0x0f, 0xb6, 0xc1);
    CHECK(x86_movzx_rr(&a, 8, 1, X86_R9, X86_R10),
          "movzx r9, r10b", 0x4d, 0x0f, 0xb6, 0xca);
    CHECK(x86_movzx_rr(&a, 4, 2, X86_RDX, X86_RDI),
          "movzx edx, di", 0x0f, 0xb7, 0xd7);
    CHECK(x86_movzx_rm(&a, 4, 2, X86_RDX, x86_mem(X86_RDI, 2)),
          "movzx edx, word ptr [rdi+2]", 0x0f, 0xb7, 0x57, 0x02);
    CHECK(x86_movzx_rm(&a, 4, 1, X86_RSI, x86_mem(X86_RDI, 0)),
          "movzx esi, byte ptr [rdi]", 0x0f, 0xb6, 0x37);
    CHECK(x86_movsx_rr(&a, 8, 1, X86_RAX, X86_RDI),
          "movsx rax, dil", 0x48, 0x0f, 0xbe, 0xc7);
    CHECK(x86_movsx_rr(&a, 4, 2, X86_RAX, X86_RBX),
          "movsx eax, bx", 0x0f, 0xbf, 0xc3);
    CHECK(x86_movsx_rr(&a, 8, 2, X86_R8, X86_RBX),
          "movsx r8, bx", 0x4c, 0x0f, 0xbf, 0xc3);
    CHECK(x86_movsx_rr(&a, 8, 4, X86_RAX, X86_RCX),
          "movsxd rax, ecx", 0x48, 0x63, 0xc1);
    CHECK(x86_movsx_rr(&a, 8, 4, X86_R15, X86_R14),
          "movsxd r15, r14d", 0x4d, 0x63, 0xfe);
    CHECK(x86_movsx_rm(&a, 8, 4, X86_RAX, x86_mem(X86_RSP, 8)),
          "movsxd rax, dword ptr [rsp+8]", 0x48, 0x63, 0x44, 0x24, 0x08);
    CHECK(x86_movsx_rm(&a, 8, 1, X86_RAX, x86_mem(X86_RSI, 0)),
          "movsx rax, byte ptr [rsi]", 0x48, 0x0f, 0xbe, 0x06);
    CHECK(x86_lea(&a, 8, X86_RAX, x86_mem_idx(X86_RDI, X86_RSI, 4, 7)),
          "lea rax, [rdi+rsi*4+7]", 0x48, 0x8d, 0x44, 0xb7, 0x07);
    CHECK(x86_lea(&a, 4, X86_RAX, x86_mem_idx(X86_RDI, X86_RSI, 1, 0)),
          "lea eax, [rdi+rsi]", 0x8d, 0x04, 0x37);
    CHECK(x86_lea(&a, 8, X86_R12, x86_mem(X86_R13, 0)),
          "lea r12, [r13+0]", 0x4d, 0x8d, 0x65, 0x00);
    CHECK(x86_lea(&a, 8, X86_RAX, x86_mem_rip(-7)),
          "lea rax, [rip-7]", 0x48, 0x8d, 0x05, 0xf9, 0xff, 0xff, 0xff);
}

static void test_alu(void)
{
    CHECK(x86_alu_rr(&a, X86_ADD, 8, X86_RDI, X86_RSI),
          "add rdi, rsi", 0x48, 0x01, 0xf7);
    CHECK(x86_alu_rr(&a, X86_SUB, 4, X86_R8, X86_RAX),
          "sub r8d, eax", 0x41, 0x29, 0xc0);
    CHECK(x86_alu_rr(&a, X86_XOR, 8, X86_R15, X86_R15),
          "xor r15, r15", 0x4d, 0x31, 0xff);
    CHECK(x86_alu_rr(&a, X86_CMP, 2, X86_RCX, X86_RDX),
          "cmp cx, dx", 0x66, 0x39, 0xd1);
    CHECK(x86_alu_rr(&a, X86_AND, 1, X86_RSI, X86_RDI),
          "and sil, dil", 0x40, 0x20, 0xfe);
    CHECK(x86_alu_rr(&a, X86_OR, 1, X86_RAX, X86_RCX),
          "or al, cl", 0x08, 0xc8);
    CHECK(x86_alu_rr(&a, X86_ADC, 8, X86_RAX, X86_RBX),
          "adc rax, rbx", 0x48, 0x11, 0xd8);
    CHECK(x86_alu_rr(&a, X86_SBB, 4, X86_RAX, X86_RBX),
          "sbb eax, ebx", 0x19, 0xd8);
    CHECK(x86_alu_ri(&a, X86_ADD, 8, X86_RDI, 1),
          "add rdi, 1", 0x48, 0x83, 0xc7, 0x01);
    CHECK(x86_alu_ri(&a, X86_ADD, 8, X86_RDI, -128),
          "add rdi, -128", 0x48, 0x83, 0xc7, 0x80);
    CHECK(x86_alu_ri(&a, X86_ADD, 8, X86_RDI, 128),
          "add rdi, 128", 0x48, 0x81, 0xc7, 0x80, 0x00, 0x00, 0x00);
    CHECK(x86_alu_ri(&a, X86_SUB, 8, X86_RSP, 0x1000),
          "sub rsp, 0x1000", 0x48, 0x81, 0xec, 0x00, 0x10, 0x00, 0x00);
    CHECK(x86_alu_ri(&a, X86_AND, 4, X86_RAX, 0xfff0),
          "and eax, 0xfff0", 0x25, 0xf0, 0xff, 0x00, 0x00);
    CHECK(x86_alu_ri(&a, X86_AND, 4, X86_RAX, 0xf),
          "and eax, 0xf", 0x83, 0xe0, 0x0f);
    CHECK(x86_alu_ri(&a, X86_CMP, 8, X86_RAX, -1000),
          "cmp rax, -1000", 0x48, 0x3d, 0x18, 0xfc, 0xff, 0xff);
    CHECK(x86_alu_ri(&a, X86_CMP, 8, X86_R12, 5),
          "cmp r12, 5", 0x49, 0x83, 0xfc, 0x05);
    CHECK(x86_alu_ri(&a, X86_XOR, 2, X86_RBX, 0x1234),
          "xor bx, 0x1234", 0x66, 0x81, 0xf3, 0x34, 0x12);
    CHECK(x86_alu_ri(&a, X86_XOR, 2, X86_RBX, 3),
          "xor bx, 3", 0x66, 0x83, 0xf3, 0x03);
    CHECK(x86_alu_ri(&a, X86_OR, 1, X86_RSI, 0x40),
          "or sil, 0x40", 0x40, 0x80, 0xce, 0x40);
    CHECK(x86_alu_ri(&a, X86_OR, 1, X86_RAX, 0x40),
          "or al, 0x40", 0x0c, 0x40);
    CHECK(x86_alu_ri(&a, X86_SUB, 1, X86_R9, 1),
          "sub r9b, 1", 0x41, 0x80, 0xe9, 0x01);
    CHECK(x86_alu_rm(&a, X86_ADD, 8, X86_RAX, x86_mem(X86_RBP, 0)),
          "add rax, [rbp]", 0x48, 0x03, 0x45, 0x00);
    CHECK(x86_alu_rm(&a, X86_CMP, 4, X86_R10, x86_mem(X86_R12, 0x100)),
          "cmp r10d, [r12+0x100]", 0x45, 0x3b, 0x94, 0x24, 0x00, 0x01, 0x00, 0x00);
    CHECK(x86_alu_rm(&a, X86_SUB, 1, X86_RSI, x86_mem(X86_RAX, 0)),
          "sub sil, [rax]", 0x40, 0x2a, 0x30);
    CHECK(x86_alu_mr(&a, X86_ADD, 8, x86_mem(X86_RDI, 8), X86_RAX),
          "add [rdi+8], rax", 0x48, 0x01, 0x47, 0x08);
    CHECK(x86_alu_mr(&a, X86_OR, 4, x86_mem_idx(X86_RDI, X86_R9, 4, 0), X86_RDX),
          "or [rdi+r9*4], edx", 0x42, 0x09, 0x14, 0x8f);
    CHECK(x86_alu_mi(&a, X86_ADD, 8, x86_mem(X86_RDI, 8), 1),
          "add qword ptr [rdi+8], 1", 0x48, 0x83, 0x47, 0x08, 0x01);
    CHECK(x86_alu_mi(&a, X86_CMP, 4, x86_mem(X86_RSP, 0), 0x1000),
          "cmp dword ptr [rsp], 0x1000", 0x81, 0x3c, 0x24, 0x00, 0x10, 0x00, 0x00);
    CHECK(x86_alu_mi(&a, X86_AND, 1, x86_mem(X86_RAX, 3), 0x7f),
          "and byte ptr [rax+3], 0x7f", 0x80, 0x60, 0x03, 0x7f);
    CHECK(x86_alu_mi(&a, X86_SUB, 2, x86_mem(X86_RAX, 0), 0x200),
          "sub word ptr [rax], 0x200", 0x66, 0x81, 0x28, 0x00, 0x02);
    CHECK(x86_alu_mi(&a, X86_ADD, 4, x86_mem_rip(0x10), 0x100),
          "add dword ptr [rip+0x10], 0x100", 0x81, 0x05, 0x10, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00);
    CHECK(x86_test_rr(&a, 8, X86_RDI, X86_RSI),
          "test rdi, rsi", 0x48, 0x85, 0xf7);
    CHECK(x86_test_rr(&a, 1, X86_RSI, X86_RSI),
          "test sil, sil", 0x40, 0x84, 0xf6);
    CHECK(x86_test_ri(&a, 4, X86_RAX, 1),
          "test eax, 1", 0xa9, 0x01, 0x00, 0x00, 0x00);
    CHECK(x86_test_ri(&a, 4, X86_RCX, 1),
          "test ecx, 1", 0xf7, 0xc1, 0x01, 0x00, 0x00, 0x00);
    CHECK(x86_test_ri(&a, 8, X86_R11, 0x100),
          "test r11, 0x100", 0x49, 0xf7, 0xc3, 0x00, 0x01, 0x00, 0x00);
    CHECK(x86_test_ri(&a, 1, X86_RDI, 0x80),
          "test dil, 0x80", 0x40, 0xf6, 0xc7, 0x80);
    CHECK(x86_test_ri(&a, 1, X86_RAX, 1),
          "test al, 1", 0xa8, 0x01);
}

static void test_unary(void)
{
    CHECK(x86_inc(&a, 8, X86_RAX),
          "inc rax", 0x48, 0xff, 0xc0);
    CHECK(x86_dec(&a, 4, X86_R8),
          "dec r8d", 0x41, 0xff, 0xc8);
    CHECK(x86_inc(&a, 1, X86_RSI),
          "inc sil", 0x40, 0xfe, 0xc6);
    CHECK(x86_neg(&a, 8, X86_RDX),
          "neg rdx", 0x48, 0xf7, 0xda);
    CHECK(x86_neg(&a, 4, X86_R10),
          "neg r10d", 0x41, 0xf7, 0xda);
    CHECK(x86_not(&a, 8, X86_R15),
          "not r15", 0x49, 0xf7, 0xd7);
    CHECK(x86_not(&a, 2, X86_RAX),
          "not ax", 0x66, 0xf7, 0xd0);
    CHECK(x86_mul(&a, 8, X86_RCX),
          "mul rcx", 0x48, 0xf7, 0xe1);
    CHECK(x86_imul1(&a, 8, X86_R9),
          "imul r9", 0x49, 0xf7, 0xe9);
    CHECK(x86_div(&a, 4, X86_RBX),
          "div ebx", 0xf7, 0xf3);
    CHECK(x86_idiv(&a, 8, X86_RSI),
          "idiv rsi", 0x48, 0xf7, 0xfe);
    CHECK(x86_cdq(&a),
          "cdq", 0x99);
    CHECK(x86_cqo(&a),
          "cqo", 0x48, 0x99);
}

static void test_shifts(void)
{
    CHECK(x86_shift_ri(&a, X86_SHL, 8, X86_RAX, 3),
          "shl rax, 3", 0x48, 0xc1, 0xe0, 0x03);
    CHECK(x86_shift_ri(&a, X86_SHR, 4, X86_R9, 31),
          "shr r9d, 31", 0x41, 0xc1, 0xe9, 0x1f);
    CHECK(x86_shift_ri(&a, X86_SAR, 8, X86_RDX, 63),
          "sar rdx, 63", 0x48, 0xc1, 0xfa, 0x3f);
    CHECK(x86_shift_ri(&a, X86_ROL, 2, X86_RAX, 8),
          "rol ax, 8", 0x66, 0xc1, 0xc0, 0x08);
    CHECK(x86_shift_ri(&a, X86_ROR, 8, X86_R12, 13),
          "ror r12, 13", 0x49, 0xc1, 0xcc, 0x0d);
    CHECK(x86_shift_ri(&a, X86_SHL, 4, X86_RAX, 1),
          "shl eax, 1", 0xd1, 0xe0);
    CHECK(x86_shift_ri(&a, X86_SHR, 1, X86_RDI, 2),
          "shr dil, 2", 0x40, 0xc0, 0xef, 0x02);
    CHECK(x86_shift_rcl(&a, X86_SHL, 8, X86_RDI),
          "shl rdi, cl", 0x48, 0xd3, 0xe7);
    CHECK(x86_shift_rcl(&a, X86_SAR, 4, X86_R8),
          "sar r8d, cl", 0x41, 0xd3, 0xf8);
    CHECK(x86_shift_rcl(&a, X86_ROR, 1, X86_RSI),
          "ror sil, cl", 0x40, 0xd2, 0xce);
    CHECK(x86_shld_ri(&a, 8, X86_RAX, X86_RDX, 4),
          "shld rax, rdx, 4", 0x48, 0x0f, 0xa4, 0xd0, 0x04);
    CHECK(x86_shrd_ri(&a, 4, X86_R8, X86_R9, 7),
          "shrd r8d, r9d, 7", 0x45, 0x0f, 0xac, 0xc8, 0x07);
}

static void test_muldiv_bits(void)
{
    CHECK(x86_imul_rr(&a, 8, X86_RAX, X86_RCX),
          "imul rax, rcx", 0x48, 0x0f, 0xaf, 0xc1);
    CHECK(x86_imul_rr(&a, 4, X86_R8, X86_R15),
          "imul r8d, r15d", 0x45, 0x0f, 0xaf, 0xc7);
    CHECK(x86_imul_rri(&a, 8, X86_RAX, X86_RCX, 10),
          "imul rax, rcx, 10", 0x48, 0x6b, 0xc1, 0x0a);
    CHECK(x86_imul_rri(&a, 4, X86_RDX, X86_R12, 1000),
          "imul edx, r12d, 1000", 0x41, 0x69, 0xd4, 0xe8, 0x03, 0x00, 0x00);
    CHECK(x86_imul_rri(&a, 2, X86_RDX, X86_RAX, 300),
          "imul dx, ax, 300", 0x66, 0x69, 0xd0, 0x2c, 0x01);
    CHECK(x86_bswap(&a, 4, X86_RAX),
          "bswap eax", 0x0f, 0xc8);
    CHECK(x86_bswap(&a, 8, X86_RDI),
          "bswap rdi", 0x48, 0x0f, 0xcf);
    CHECK(x86_bswap(&a, 8, X86_R14),
          "bswap r14", 0x49, 0x0f, 0xce);
    CHECK(x86_bsf(&a, 8, X86_RAX, X86_RDI),
          "bsf rax, rdi", 0x48, 0x0f, 0xbc, 0xc7);
    CHECK(x86_bsr(&a, 4, X86_R8, X86_RAX),
          "bsr r8d, eax", 0x44, 0x0f, 0xbd, 0xc0);
    CHECK(x86_tzcnt(&a, 8, X86_RAX, X86_R9),
          "tzcnt rax, r9", 0xf3, 0x49, 0x0f, 0xbc, 0xc1);
    CHECK(x86_lzcnt(&a, 4, X86_RCX, X86_RDX),
          "lzcnt ecx, edx", 0xf3, 0x0f, 0xbd, 0xca);
    CHECK(x86_lzcnt(&a, 8, X86_R10, X86_R11),
          "lzcnt r10, r11", 0xf3, 0x4d, 0x0f, 0xbd, 0xd3);
    CHECK(x86_popcnt(&a, 8, X86_RAX, X86_RDI),
          "popcnt rax, rdi", 0xf3, 0x48, 0x0f, 0xb8, 0xc7);
    CHECK(x86_popcnt(&a, 2, X86_RAX, X86_RDI),
          "popcnt ax, di", 0x66, 0xf3, 0x0f, 0xb8, 0xc7);
    CHECK(x86_bt_rr(&a, 8, X86_RDI, X86_RSI),
          "bt rdi, rsi", 0x48, 0x0f, 0xa3, 0xf7);
    CHECK(x86_bt_ri(&a, 4, X86_R9, 5),
          "bt r9d, 5", 0x41, 0x0f, 0xba, 0xe1, 0x05);
    CHECK(x86_bt_ri(&a, 8, X86_RAX, 63),
          "bt rax, 63", 0x48, 0x0f, 0xba, 0xe0, 0x3f);
}

static void test_cond(void)
{
    CHECK(x86_setcc(&a, X86_CC_E, X86_RAX),
          "sete al", 0x0f, 0x94, 0xc0);
    CHECK(x86_setcc(&a, X86_CC_NE, X86_RSI),
          "setne sil", 0x40, 0x0f, 0x95, 0xc6);
    CHECK(x86_setcc(&a, X86_CC_B, X86_R9),
          "setb r9b", 0x41, 0x0f, 0x92, 0xc1);
    CHECK(x86_setcc(&a, X86_CC_G, X86_RSP),
          "setg spl", 0x40, 0x0f, 0x9f, 0xc4);
    CHECK(x86_setcc(&a, x86_cond_invert(X86_CC_LE), X86_RCX),
          "setg cl", 0x0f, 0x9f, 0xc1);
    CHECK(x86_cmovcc(&a, X86_CC_L, 8, X86_RAX, X86_RCX),
          "cmovl rax, rcx", 0x48, 0x0f, 0x4c, 0xc1);
    CHECK(x86_cmovcc(&a, X86_CC_A, 4, X86_R8, X86_RDI),
          "cmova r8d, edi", 0x44, 0x0f, 0x47, 0xc7);
    CHECK(x86_cmovcc(&a, X86_CC_O, 8, X86_RAX, X86_R13),
          "cmovo rax, r13", 0x49, 0x0f, 0x40, 0xc5);
    CHECK(x86_cmovcc_rm(&a, X86_CC_NS, 8, X86_RAX, x86_mem(X86_RDI, 0)),
          "cmovns rax, [rdi]", 0x48, 0x0f, 0x49, 0x07);
}

static void test_stack_misc(void)
{
    CHECK(x86_push(&a, X86_RBP),
          "push rbp", 0x55);
    CHECK(x86_push(&a, X86_R12),
          "push r12", 0x41, 0x54);
    CHECK(x86_pop(&a, X86_RBX),
          "pop rbx", 0x5b);
    CHECK(x86_pop(&a, X86_R15),
          "pop r15", 0x41, 0x5f);
    CHECK(x86_xchg_rr(&a, 8, X86_RDI, X86_RSI),
          "xchg rdi, rsi", 0x48, 0x87, 0xf7);
    CHECK(x86_xchg_rr(&a, 4, X86_R8, X86_RCX),
          "xchg r8d, ecx", 0x41, 0x87, 0xc8);
    CHECK(x86_xchg_mr(&a, 8, x86_mem(X86_RDI, 0), X86_RAX),
          "xchg [rdi], rax", 0x48, 0x87, 0x07);
    CHECK(x86_lock_cmpxchg(&a, 8, x86_mem(X86_RDI, 0), X86_RSI),
          "lock cmpxchg [rdi], rsi", 0xf0, 0x48, 0x0f, 0xb1, 0x37);
    CHECK(x86_lock_cmpxchg(&a, 4, x86_mem(X86_R12, 4), X86_R9),
          "lock cmpxchg [r12+4], r9d", 0xf0, 0x45, 0x0f, 0xb1, 0x4c, 0x24, 0x04);
    CHECK(x86_lock_cmpxchg(&a, 1, x86_mem(X86_RDI, 0), X86_RSI),
          "lock cmpxchg [rdi], sil", 0xf0, 0x40, 0x0f, 0xb0, 0x37);
    CHECK(x86_lock_cmpxchg(&a, 2, x86_mem(X86_RDI, 0), X86_RSI),
          "lock cmpxchg [rdi], si", 0x66, 0xf0, 0x0f, 0xb1, 0x37);
    CHECK(x86_lock_xadd(&a, 8, x86_mem(X86_RDI, 0), X86_RAX),
          "lock xadd [rdi], rax", 0xf0, 0x48, 0x0f, 0xc1, 0x07);
    CHECK(x86_lock_xadd(&a, 4, x86_mem(X86_R13, 0), X86_R8),
          "lock xadd [r13], r8d", 0xf0, 0x45, 0x0f, 0xc1, 0x45, 0x00);
    CHECK(x86_mfence(&a),
          "mfence", 0x0f, 0xae, 0xf0);
    CHECK(x86_pause(&a),
          "pause", 0xf3, 0x90);
    CHECK(x86_ud2(&a),
          "ud2", 0x0f, 0x0b);
    CHECK(x86_int3(&a),
          "int3", 0xcc);
    CHECK(x86_ret(&a),
          "ret", 0xc3);
    CHECK(x86_call_r(&a, X86_RAX),
          "call rax", 0xff, 0xd0);
    CHECK(x86_call_r(&a, X86_R11),
          "call r11", 0x41, 0xff, 0xd3);
    CHECK(x86_jmp_r(&a, X86_RCX),
          "jmp rcx", 0xff, 0xe1);
    CHECK(x86_jmp_r(&a, X86_R8),
          "jmp r8", 0x41, 0xff, 0xe0);
    CHECK(x86_jmp_m(&a, x86_mem_idx(X86_RDI, X86_RAX, 8, 0)),
          "jmp qword ptr [rdi+rax*8]", 0xff, 0x24, 0xc7);
    CHECK(x86_call_m(&a, x86_mem(X86_R14, 0x10)),
          "call qword ptr [r14+0x10]", 0x41, 0xff, 0x56, 0x10);
}

static void test_sse(void)
{
    CHECK(x86_movq_xr(&a, X86_XMM0, X86_RAX),
          "movq xmm0, rax", 0x66, 0x48, 0x0f, 0x6e, 0xc0);
    CHECK(x86_movq_xr(&a, X86_XMM9, X86_R10),
          "movq xmm9, r10", 0x66, 0x4d, 0x0f, 0x6e, 0xca);
    CHECK(x86_movq_rx(&a, X86_RDI, X86_XMM1),
          "movq rdi, xmm1", 0x66, 0x48, 0x0f, 0x7e, 0xcf);
    CHECK(x86_movq_rx(&a, X86_R8, X86_XMM15),
          "movq r8, xmm15", 0x66, 0x4d, 0x0f, 0x7e, 0xf8);
    CHECK(x86_movd_xr(&a, X86_XMM2, X86_RCX),
          "movd xmm2, ecx", 0x66, 0x0f, 0x6e, 0xd1);
    CHECK(x86_movd_rx(&a, X86_RAX, X86_XMM3),
          "movd eax, xmm3", 0x66, 0x0f, 0x7e, 0xd8);
    CHECK(x86_movq_xx(&a, X86_XMM1, X86_XMM2),
          "movq xmm1, xmm2", 0xf3, 0x0f, 0x7e, 0xca);
    CHECK(x86_movq_xm(&a, X86_XMM1, x86_mem(X86_RDI, 8)),
          "movq xmm1, qword ptr [rdi+8]", 0xf3, 0x0f, 0x7e, 0x4f, 0x08);
    CHECK(x86_movq_mx(&a, x86_mem(X86_RDI, 8), X86_XMM10),
          "movq qword ptr [rdi+8], xmm10", 0x66, 0x44, 0x0f, 0xd6, 0x57, 0x08);
    CHECK(x86_movd_xm(&a, X86_XMM4, x86_mem(X86_RSP, 0)),
          "movd xmm4, dword ptr [rsp]", 0x66, 0x0f, 0x6e, 0x24, 0x24);
    CHECK(x86_movd_mx(&a, x86_mem(X86_RSP, 0), X86_XMM4),
          "movd dword ptr [rsp], xmm4", 0x66, 0x0f, 0x7e, 0x24, 0x24);
    CHECK(x86_movdqu_xm(&a, X86_XMM0, x86_mem(X86_RSI, 0)),
          "movdqu xmm0, [rsi]", 0xf3, 0x0f, 0x6f, 0x06);
    CHECK(x86_movdqu_mx(&a, x86_mem(X86_R13, 0), X86_XMM8),
          "movdqu [r13], xmm8", 0xf3, 0x45, 0x0f, 0x7f, 0x45, 0x00);
    CHECK(x86_movdqa_xm(&a, X86_XMM12, x86_mem_idx(X86_RDI, X86_RCX, 1, 0x20)),
          "movdqa xmm12, [rdi+rcx+0x20]", 0x66, 0x44, 0x0f, 0x6f, 0x64, 0x0f, 0x20);
    CHECK(x86_movdqa_mx(&a, x86_mem(X86_RBP, -16), X86_XMM1),
          "movdqa [rbp-16], xmm1", 0x66, 0x0f, 0x7f, 0x4d, 0xf0);
    CHECK(x86_movaps_xx(&a, X86_XMM1, X86_XMM14),
          "movaps xmm1, xmm14", 0x41, 0x0f, 0x28, 0xce);
    CHECK(x86_movaps_xm(&a, X86_XMM1, x86_mem_rip(0x80)),
          "movaps xmm1, [rip+0x80]", 0x0f, 0x28, 0x0d, 0x80, 0x00, 0x00, 0x00);
    CHECK(x86_movaps_mx(&a, x86_mem(X86_RAX, 0), X86_XMM7),
          "movaps [rax], xmm7", 0x0f, 0x29, 0x38);
    CHECK(x86_sse_rr(&a, X86_PXOR, X86_XMM0, X86_XMM0),
          "pxor xmm0, xmm0", 0x66, 0x0f, 0xef, 0xc0);
    CHECK(x86_sse_rr(&a, X86_PAND, X86_XMM8, X86_XMM1),
          "pand xmm8, xmm1", 0x66, 0x44, 0x0f, 0xdb, 0xc1);
    CHECK(x86_sse_rr(&a, X86_POR, X86_XMM1, X86_XMM9),
          "por xmm1, xmm9", 0x66, 0x41, 0x0f, 0xeb, 0xc9);
    CHECK(x86_sse_rr(&a, X86_PANDN, X86_XMM2, X86_XMM3),
          "pandn xmm2, xmm3", 0x66, 0x0f, 0xdf, 0xd3);
    CHECK(x86_sse_rr(&a, X86_PADDB, X86_XMM0, X86_XMM1),
          "paddb xmm0, xmm1", 0x66, 0x0f, 0xfc, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PADDW, X86_XMM0, X86_XMM1),
          "paddw xmm0, xmm1", 0x66, 0x0f, 0xfd, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PADDD, X86_XMM0, X86_XMM1),
          "paddd xmm0, xmm1", 0x66, 0x0f, 0xfe, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PADDQ, X86_XMM10, X86_XMM11),
          "paddq xmm10, xmm11", 0x66, 0x45, 0x0f, 0xd4, 0xd3);
    CHECK(x86_sse_rr(&a, X86_PSUBB, X86_XMM0, X86_XMM1),
          "psubb xmm0, xmm1", 0x66, 0x0f, 0xf8, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PSUBW, X86_XMM0, X86_XMM1),
          "psubw xmm0, xmm1", 0x66, 0x0f, 0xf9, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PSUBD, X86_XMM0, X86_XMM1),
          "psubd xmm0, xmm1", 0x66, 0x0f, 0xfa, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PSUBQ, X86_XMM0, X86_XMM1),
          "psubq xmm0, xmm1", 0x66, 0x0f, 0xfb, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PCMPEQB, X86_XMM3, X86_XMM4),
          "pcmpeqb xmm3, xmm4", 0x66, 0x0f, 0x74, 0xdc);
    CHECK(x86_sse_rr(&a, X86_PCMPEQW, X86_XMM3, X86_XMM4),
          "pcmpeqw xmm3, xmm4", 0x66, 0x0f, 0x75, 0xdc);
    CHECK(x86_sse_rr(&a, X86_PCMPEQD, X86_XMM3, X86_XMM12),
          "pcmpeqd xmm3, xmm12", 0x66, 0x41, 0x0f, 0x76, 0xdc);
    CHECK(x86_sse_rr(&a, X86_PUNPCKLBW, X86_XMM0, X86_XMM1),
          "punpcklbw xmm0, xmm1", 0x66, 0x0f, 0x60, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PUNPCKLWD, X86_XMM0, X86_XMM1),
          "punpcklwd xmm0, xmm1", 0x66, 0x0f, 0x61, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PUNPCKLDQ, X86_XMM0, X86_XMM1),
          "punpckldq xmm0, xmm1", 0x66, 0x0f, 0x62, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PUNPCKLQDQ, X86_XMM0, X86_XMM1),
          "punpcklqdq xmm0, xmm1", 0x66, 0x0f, 0x6c, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PUNPCKHBW, X86_XMM0, X86_XMM1),
          "punpckhbw xmm0, xmm1", 0x66, 0x0f, 0x68, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PUNPCKHWD, X86_XMM0, X86_XMM1),
          "punpckhwd xmm0, xmm1", 0x66, 0x0f, 0x69, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PUNPCKHDQ, X86_XMM0, X86_XMM1),
          "punpckhdq xmm0, xmm1", 0x66, 0x0f, 0x6a, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PUNPCKHQDQ, X86_XMM0, X86_XMM1),
          "punpckhqdq xmm0, xmm1", 0x66, 0x0f, 0x6d, 0xc1);
    CHECK(x86_pshufb(&a, X86_XMM0, X86_XMM1),
          "pshufb xmm0, xmm1", 0x66, 0x0f, 0x38, 0x00, 0xc1);
    CHECK(x86_sse_rr(&a, X86_PSHUFB, X86_XMM9, X86_XMM13),
          "pshufb xmm9, xmm13", 0x66, 0x45, 0x0f, 0x38, 0x00, 0xcd);
    CHECK(x86_ptest(&a, X86_XMM2, X86_XMM3),
          "ptest xmm2, xmm3", 0x66, 0x0f, 0x38, 0x17, 0xd3);
    CHECK(x86_sse_rm(&a, X86_PXOR, X86_XMM1, x86_mem(X86_RDI, 16)),
          "pxor xmm1, [rdi+16]", 0x66, 0x0f, 0xef, 0x4f, 0x10);
    CHECK(x86_pshufd(&a, X86_XMM0, X86_XMM1, 0x1b),
          "pshufd xmm0, xmm1, 0x1b", 0x66, 0x0f, 0x70, 0xc1, 0x1b);
    CHECK(x86_pshufd(&a, X86_XMM8, X86_XMM9, 0xe4),
          "pshufd xmm8, xmm9, 0xe4", 0x66, 0x45, 0x0f, 0x70, 0xc1, 0xe4);
    CHECK(x86_psllq_i(&a, X86_XMM0, 1),
          "psllq xmm0, 1", 0x66, 0x0f, 0x73, 0xf0, 0x01);
    CHECK(x86_psrlq_i(&a, X86_XMM11, 63),
          "psrlq xmm11, 63", 0x66, 0x41, 0x0f, 0x73, 0xd3, 0x3f);
    CHECK(x86_pslldq_i(&a, X86_XMM1, 8),
          "pslldq xmm1, 8", 0x66, 0x0f, 0x73, 0xf9, 0x08);
    CHECK(x86_psrldq_i(&a, X86_XMM1, 4),
          "psrldq xmm1, 4", 0x66, 0x0f, 0x73, 0xd9, 0x04);
}

static void test_scalar_fp(void)
{
    CHECK(x86_sse_rr(&a, X86_ADDSD, X86_XMM0, X86_XMM1),
          "addsd xmm0, xmm1", 0xf2, 0x0f, 0x58, 0xc1);
    CHECK(x86_sse_rr(&a, X86_SUBSD, X86_XMM0, X86_XMM1),
          "subsd xmm0, xmm1", 0xf2, 0x0f, 0x5c, 0xc1);
    CHECK(x86_sse_rr(&a, X86_MULSD, X86_XMM8, X86_XMM1),
          "mulsd xmm8, xmm1", 0xf2, 0x44, 0x0f, 0x59, 0xc1);
    CHECK(x86_sse_rr(&a, X86_DIVSD, X86_XMM0, X86_XMM15),
          "divsd xmm0, xmm15", 0xf2, 0x41, 0x0f, 0x5e, 0xc7);
    CHECK(x86_sse_rr(&a, X86_SQRTSD, X86_XMM2, X86_XMM2),
          "sqrtsd xmm2, xmm2", 0xf2, 0x0f, 0x51, 0xd2);
    CHECK(x86_sse_rr(&a, X86_ADDSS, X86_XMM0, X86_XMM1),
          "addss xmm0, xmm1", 0xf3, 0x0f, 0x58, 0xc1);
    CHECK(x86_sse_rr(&a, X86_SUBSS, X86_XMM0, X86_XMM1),
          "subss xmm0, xmm1", 0xf3, 0x0f, 0x5c, 0xc1);
    CHECK(x86_sse_rr(&a, X86_MULSS, X86_XMM0, X86_XMM1),
          "mulss xmm0, xmm1", 0xf3, 0x0f, 0x59, 0xc1);
    CHECK(x86_sse_rr(&a, X86_DIVSS, X86_XMM0, X86_XMM1),
          "divss xmm0, xmm1", 0xf3, 0x0f, 0x5e, 0xc1);
    CHECK(x86_sse_rr(&a, X86_SQRTSS, X86_XMM9, X86_XMM1),
          "sqrtss xmm9, xmm1", 0xf3, 0x44, 0x0f, 0x51, 0xc9);
    CHECK(x86_sse_rm(&a, X86_ADDSD, X86_XMM0, x86_mem(X86_RSP, 8)),
          "addsd xmm0, qword ptr [rsp+8]", 0xf2, 0x0f, 0x58, 0x44, 0x24, 0x08);
    CHECK(x86_sse_rr(&a, X86_CVTSS2SD, X86_XMM0, X86_XMM1),
          "cvtss2sd xmm0, xmm1", 0xf3, 0x0f, 0x5a, 0xc1);
    CHECK(x86_sse_rr(&a, X86_CVTSD2SS, X86_XMM0, X86_XMM1),
          "cvtsd2ss xmm0, xmm1", 0xf2, 0x0f, 0x5a, 0xc1);
    CHECK(x86_ucomisd(&a, X86_XMM0, X86_XMM1),
          "ucomisd xmm0, xmm1", 0x66, 0x0f, 0x2e, 0xc1);
    CHECK(x86_ucomiss(&a, X86_XMM10, X86_XMM1),
          "ucomiss xmm10, xmm1", 0x44, 0x0f, 0x2e, 0xd1);
    CHECK(x86_cvtsi2sd(&a, 8, X86_XMM0, X86_RAX),
          "cvtsi2sd xmm0, rax", 0xf2, 0x48, 0x0f, 0x2a, 0xc0);
    CHECK(x86_cvtsi2sd(&a, 4, X86_XMM1, X86_RDI),
          "cvtsi2sd xmm1, edi", 0xf2, 0x0f, 0x2a, 0xcf);
    CHECK(x86_cvtsi2sd(&a, 8, X86_XMM9, X86_R12),
          "cvtsi2sd xmm9, r12", 0xf2, 0x4d, 0x0f, 0x2a, 0xcc);
    CHECK(x86_cvtsi2ss(&a, 4, X86_XMM1, X86_RDI),
          "cvtsi2ss xmm1, edi", 0xf3, 0x0f, 0x2a, 0xcf);
    CHECK(x86_cvttsd2si(&a, 8, X86_RAX, X86_XMM0),
          "cvttsd2si rax, xmm0", 0xf2, 0x48, 0x0f, 0x2c, 0xc0);
    CHECK(x86_cvttsd2si(&a, 4, X86_R9, X86_XMM10),
          "cvttsd2si r9d, xmm10", 0xf2, 0x45, 0x0f, 0x2c, 0xca);
    CHECK(x86_cvttss2si(&a, 8, X86_RAX, X86_XMM1),
          "cvttss2si rax, xmm1", 0xf3, 0x48, 0x0f, 0x2c, 0xc1);
}

static void test_nops(void)
{
    CHECK(x86_nop(&a, 1),
          "nop", 0x90);
    CHECK(x86_nop(&a, 2),
          "xchg ax, ax", 0x66, 0x90);
    CHECK(x86_nop(&a, 3),
          "nop dword ptr [rax]", 0x0f, 0x1f, 0x00);
    CHECK(x86_nop(&a, 4),
          "{disp8} nop dword ptr [rax]", 0x0f, 0x1f, 0x40, 0x00);
    CHECK(x86_nop(&a, 5),
          "{disp8} nop dword ptr [rax+rax*1]", 0x0f, 0x1f, 0x44, 0x00, 0x00);
    CHECK(x86_nop(&a, 6),
          "{disp8} nop word ptr [rax+rax*1]", 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00);
    CHECK(x86_nop(&a, 7),
          "{disp32} nop dword ptr [rax]", 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00);
    CHECK(x86_nop(&a, 8),
          "{disp32} nop dword ptr [rax+rax*1]", 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00);
    CHECK(x86_nop(&a, 9),
          "{disp32} nop word ptr [rax+rax*1]", 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00);
}

static void test_more_mem(void)
{
    CHECK(x86_mov_rm(&a, 8, X86_RAX, x86_mem_idx(X86_R12, X86_R12, 2, 0)),
          "mov rax, [r12+r12*2]", 0x4b, 0x8b, 0x04, 0x64);
    CHECK(x86_mov_rm(&a, 8, X86_RAX, x86_mem_idx(X86_RBP, X86_RAX, 1, 0)),
          "mov rax, [rbp+rax*1]", 0x48, 0x8b, 0x44, 0x05, 0x00);
    CHECK(x86_mov_mr(&a, 8, x86_mem(X86_R13, 0x7fffffff), X86_R13),
          "mov [r13+0x7fffffff], r13", 0x4d, 0x89, 0xad, 0xff, 0xff, 0xff, 0x7f);
    CHECK(x86_lea(&a, 8, X86_RSP, x86_mem(X86_RSP, -8)),
          "lea rsp, [rsp-8]", 0x48, 0x8d, 0x64, 0x24, 0xf8);
}

/* ---- hand-built cases: branches, patching, absolute targets, overflow ---- */

static void test_branches(void)
{
    uint8_t buf[512];
    X86Asm a;

    /* 1: .fill 10,1,0x90; jmp 1b; jne 1b  ->  eb f4 / 75 f2 */
    x86_init(&a, buf, sizeof buf);
    x86_nops(&a, 0);
    CU_ASSERT_EQUAL(x86_offset(&a), 0);
    memset(buf, 0x90, 10);
    a.ptr += 10;
    x86_jmp(&a, buf);
    x86_jcc(&a, X86_CC_NE, buf);
    CU_ASSERT_EQUAL(x86_offset(&a), 14);
    CU_ASSERT(memcmp(buf + 10, "\xeb\xf4\x75\xf2", 4) == 0);

    /* 2: .fill 200; jmp 2b; jl 2b  ->  e9 33 ff ff ff / 0f 8c 2d ff ff ff */
    x86_init(&a, buf, sizeof buf);
    a.ptr += 14;
    memset(a.ptr, 0x90, 200);
    a.ptr += 200;
    x86_jmp(&a, buf + 14);
    x86_jcc(&a, X86_CC_L, buf + 14);
    CU_ASSERT(memcmp(buf + 214, "\xe9\x33\xff\xff\xff\x0f\x8c\x2d\xff\xff\xff", 11) == 0);

    /* je 3f; nop; nop; nop; 3:  ->  74 03 (rel8 forward) */
    x86_init(&a, buf, sizeof buf);
    X86Patch p8 = x86_jcc8_forward(&a, X86_CC_E);
    x86_nops(&a, 3);
    CU_ASSERT_EQUAL(x86_offset(&a), 5);
    x86_bind8(&a, p8);
    CU_ASSERT(memcmp(buf, "\x74\x03", 2) == 0);

    /* jmp 4f; int3; 4:  ->  eb 01 */
    x86_init(&a, buf, sizeof buf);
    p8 = x86_jmp8_forward(&a);
    x86_int3(&a);
    x86_bind8(&a, p8);
    CU_ASSERT(memcmp(buf, "\xeb\x01\xcc", 3) == 0);

    /* rel32 forward forms: je/jmp over three nops -> 0f 84 03 00 00 00 / e9 03 00 00 00 */
    x86_init(&a, buf, sizeof buf);
    X86Patch p = x86_jcc_forward(&a, X86_CC_E);
    CU_ASSERT_PTR_EQUAL(p, buf + 2);
    x86_nops(&a, 3);
    x86_bind(&a, p);
    CU_ASSERT(memcmp(buf, "\x0f\x84\x03\x00\x00\x00", 6) == 0);
    x86_init(&a, buf, sizeof buf);
    p = x86_jmp_forward(&a);
    x86_nops(&a, 3);
    x86_bind(&a, p);
    CU_ASSERT(memcmp(buf, "\xe9\x03\x00\x00\x00", 5) == 0);

    /* x86_patch_rel32 also retargets backwards. */
    x86_patch_rel32(p, buf);
    CU_ASSERT(memcmp(buf, "\xe9\xfb\xff\xff\xff", 5) == 0);
}

static void test_cond_invert(void)
{
    CU_ASSERT_EQUAL(x86_cond_invert(X86_CC_E), X86_CC_NE);
    CU_ASSERT_EQUAL(x86_cond_invert(X86_CC_NE), X86_CC_E);
    CU_ASSERT_EQUAL(x86_cond_invert(X86_CC_B), X86_CC_AE);
    CU_ASSERT_EQUAL(x86_cond_invert(X86_CC_A), X86_CC_BE);
    CU_ASSERT_EQUAL(x86_cond_invert(X86_CC_L), X86_CC_GE);
    CU_ASSERT_EQUAL(x86_cond_invert(X86_CC_G), X86_CC_LE);
    CU_ASSERT_EQUAL(x86_cond_invert(X86_CC_O), X86_CC_NO);
    CU_ASSERT_EQUAL(x86_cond_invert(X86_CC_P), X86_CC_NP);
    CU_ASSERT_EQUAL(x86_cond_invert(X86_CC_S), X86_CC_NS);
}

/* An address near buf that may lie outside it: only its value is used. */
static const void *addr_at(const uint8_t *buf, intptr_t off)
{
    return (const void *)((uintptr_t)buf + off);
}

static void test_absolute_targets(void)
{
    uint8_t buf[64];
    X86Asm a;

    /* call 5f; 5:  ->  e8 00 00 00 00 */
    x86_init(&a, buf, sizeof buf);
    CU_ASSERT(x86_call_abs(&a, buf + 5));
    CU_ASSERT(memcmp(buf, "\xe8\x00\x00\x00\x00", 5) == 0);

    /* With rx_delta the displacement counts from the executing address. */
    x86_init(&a, buf, sizeof buf);
    x86_set_rx_delta(&a, 0x1000);
    CU_ASSERT(x86_jmp_abs(&a, addr_at(buf, 0x1000 + 0x15)));
    CU_ASSERT(memcmp(buf, "\xe9\x10\x00\x00\x00", 5) == 0);

    /* Out of rel32 range: nothing is emitted, and call_far falls back to movabs + call. */
    x86_init(&a, buf, sizeof buf);
    x86_set_rx_delta(&a, (intptr_t)0x4000000000000000ll);
    CU_ASSERT_FALSE(x86_call_abs(&a, buf));
    CU_ASSERT_EQUAL(x86_offset(&a), 0);
    x86_set_rx_delta(&a, 0);
    x86_call_far(&a, (void *)0x123456789abcull, X86_R11);
    /* movabs r11, 0x123456789abc; call r11 */
    CU_ASSERT_EQUAL(x86_offset(&a), 13);
    CU_ASSERT(memcmp(buf, "\x49\xbb\xbc\x9a\x78\x56\x34\x12\x00\x00\x41\xff\xd3", 13) == 0);

    /*
     * RIP-relative to an absolute address: the displacement counts from the
     * end of the instruction, including a trailing immediate.
     * mov rcx, [rip+0x10] = 48 8b 0d 10 00 00 00 (7 bytes, target = buf+0x17)
     */
    x86_init(&a, buf, sizeof buf);
    x86_mov_rm(&a, 8, X86_RCX, x86_mem_rip_abs(buf + 0x17));
    CU_ASSERT(memcmp(buf, "\x48\x8b\x0d\x10\x00\x00\x00", 7) == 0);
    /* mov dword ptr [rip+0x40], 7 = c7 05 40 00 00 00 07 00 00 00 (10 bytes) */
    x86_init(&a, buf, sizeof buf);
    x86_mov_mi(&a, 4, x86_mem_rip_abs(addr_at(buf, 10 + 0x40)), 7);
    CU_ASSERT(memcmp(buf, "\xc7\x05\x40\x00\x00\x00\x07\x00\x00\x00", 10) == 0);
    /* cmp qword ptr [rip-0x20], 1 = 48 83 3d e0 ff ff ff 01 (imm8 trailing) */
    x86_init(&a, buf, sizeof buf);
    x86_alu_mi(&a, X86_CMP, 8, x86_mem_rip_abs(addr_at(buf, 8 - 0x20)), 1);
    CU_ASSERT(memcmp(buf, "\x48\x83\x3d\xe0\xff\xff\xff\x01", 8) == 0);
}

static void test_align_and_patchable(void)
{
    uint8_t buf[64] __attribute__((aligned(16)));
    X86Asm a;

    x86_init(&a, buf, sizeof buf);
    x86_int3(&a);
    x86_align(&a, 16);
    CU_ASSERT_EQUAL(x86_offset(&a), 16);
    CU_ASSERT(memcmp(buf + 1, "\x66\x0f\x1f\x84\x00\x00\x00\x00\x00", 9) == 0);
    x86_align(&a, 16);
    CU_ASSERT_EQUAL(x86_offset(&a), 16);

    /* x86_nops: longest NOPs first, 12 = 9 + 3. */
    x86_init(&a, buf, sizeof buf);
    x86_nops(&a, 12);
    CU_ASSERT_EQUAL(x86_offset(&a), 12);
    CU_ASSERT(memcmp(buf + 9, "\x0f\x1f\x00", 3) == 0);

    /* The rel32 field of a patchable jump is 4-byte aligned whatever the start. */
    for (int start = 0; start < 4; start++) {
        x86_init(&a, buf, sizeof buf);
        x86_nops(&a, start);
        X86Patch p = x86_jmp_patchable(&a);
        CU_ASSERT_EQUAL((uintptr_t)p & 3, 0);
        CU_ASSERT_EQUAL(p[-1], 0xe9);
    }
}

static void test_overflow(void)
{
    uint8_t buf[8] = { 0 };
    X86Asm a;

    x86_init(&a, buf, 6);
    x86_mov_ri(&a, 8, X86_RAX, 1);               /* 5 bytes: fits */
    CU_ASSERT_FALSE(a.overflow);
    x86_mov_ri(&a, 8, X86_RAX, 0x123456789abcull); /* 10 bytes: does not */
    CU_ASSERT(a.overflow);
    CU_ASSERT(a.ptr <= a.end);
    CU_ASSERT_EQUAL(buf[6], 0);                  /* nothing beyond end */
    CU_ASSERT_EQUAL(buf[7], 0);
    CU_ASSERT_PTR_NULL(x86_jmp_forward(&a));     /* patch sites are NULL once overflowed */
    x86_patch_rel32(NULL, buf);                  /* and patching NULL is harmless */
    CU_ASSERT_EQUAL(buf[6], 0);
}

static CU_TestInfo tests[] = {
    { "mov_rr", test_mov_rr },
    { "mov_ri", test_mov_ri },
    { "mov_mem", test_mov_mem },
    { "ext_lea", test_ext_lea },
    { "alu", test_alu },
    { "unary", test_unary },
    { "shifts", test_shifts },
    { "muldiv_bits", test_muldiv_bits },
    { "cond", test_cond },
    { "stack_misc", test_stack_misc },
    { "sse", test_sse },
    { "scalar_fp", test_scalar_fp },
    { "nops", test_nops },
    { "more_mem", test_more_mem },
    { "branches", test_branches },
    { "cond_invert", test_cond_invert },
    { "absolute_targets", test_absolute_targets },
    { "align_and_patchable", test_align_and_patchable },
    { "overflow", test_overflow },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("x86asm", tests);
}
