/* Unit tests of the generic vector operations (tcg/vec.c). */
#include <string.h>
#include "runner.h"
#include "tcg/vec.h"

typedef struct FakeState {
    uint8_t v[4][16];
} FakeState;

#define OFS(n) ((uint32_t)offsetof(FakeState, v[n]))

static FakeState st;

static void fill(int n, uint8_t start, uint8_t step)
{
    for (int i = 0; i < 16; i++) {
        st.v[n][i] = (uint8_t)(start + i * step);
    }
}

static uint64_t lane64(int n, int i)
{
    uint64_t x;
    memcpy(&x, &st.v[n][i * 8], 8);
    return x;
}

static void test_add_sizes(void)
{
    fill(1, 0xf0, 1);
    fill(2, 0x20, 0);
    ir_vec_eval(ir_vec_desc(IR_VEC_ADD, 0, 16, 0), &st, OFS(0), OFS(1), OFS(2), 0);
    CU_ASSERT_EQUAL(st.v[0][0], 0x10);           /* 0xf0 + 0x20 wraps in a byte */
    CU_ASSERT_EQUAL(st.v[0][15], 0x1f);
    ir_vec_eval(ir_vec_desc(IR_VEC_ADD, 3, 16, 0), &st, OFS(0), OFS(1), OFS(2), 0);
    CU_ASSERT_EQUAL(lane64(0, 0), 0xf7f6f5f4f3f2f1f0ull + 0x2020202020202020ull);
}

static void test_upper_half_cleared(void)
{
    fill(0, 0xff, 0);
    fill(1, 1, 1);
    ir_vec_eval(ir_vec_desc(IR_VEC_MOV, 0, 8, 0), &st, OFS(0), OFS(1), 0, 0);
    CU_ASSERT_EQUAL(lane64(0, 0), lane64(1, 0));
    CU_ASSERT_EQUAL(lane64(0, 1), 0);
}

static void test_compare_and_minmax(void)
{
    int16_t a[8] = { -1, 5, 7, -32768, 0, 3, 100, -5 };
    int16_t b[8] = { 1, 5, 6, 32767, 0, -3, 100, -6 };
    uint16_t d[8];
    memcpy(st.v[1], a, 16);
    memcpy(st.v[2], b, 16);
    ir_vec_eval(ir_vec_desc(IR_VEC_CMGT, 1, 16, 0), &st, OFS(0), OFS(1), OFS(2), 0);
    memcpy(d, st.v[0], 16);
    CU_ASSERT_EQUAL(d[0], 0);
    CU_ASSERT_EQUAL(d[2], 0xffff);
    CU_ASSERT_EQUAL(d[3], 0);
    CU_ASSERT_EQUAL(d[5], 0xffff);
    ir_vec_eval(ir_vec_desc(IR_VEC_CMHI, 1, 16, 0), &st, OFS(0), OFS(1), OFS(2), 0);
    memcpy(d, st.v[0], 16);
    CU_ASSERT_EQUAL(d[0], 0xffff);   /* 0xffff > 1 unsigned */
    CU_ASSERT_EQUAL(d[3], 0xffff);   /* 0x8000 > 0x7fff */
    ir_vec_eval(ir_vec_desc(IR_VEC_SMIN, 1, 16, 0), &st, OFS(0), OFS(1), OFS(2), 0);
    memcpy(d, st.v[0], 16);
    CU_ASSERT_EQUAL((int16_t)d[3], -32768);
    CU_ASSERT_EQUAL((int16_t)d[7], -6);
    ir_vec_eval(ir_vec_desc(IR_VEC_UMAX, 1, 16, 0), &st, OFS(0), OFS(1), OFS(2), 0);
    memcpy(d, st.v[0], 16);
    CU_ASSERT_EQUAL(d[0], 0xffff);
    CU_ASSERT_EQUAL(d[5], 0xfffd);
}

static void test_shifts_and_unary(void)
{
    int32_t a[4] = { -8, 8, INT32_MIN, 1 };
    int32_t d[4];
    memcpy(st.v[1], a, 16);
    ir_vec_eval(ir_vec_desc(IR_VEC_SARI, 2, 16, 2), &st, OFS(0), OFS(1), 0, 0);
    memcpy(d, st.v[0], 16);
    CU_ASSERT_EQUAL(d[0], -2);
    CU_ASSERT_EQUAL(d[1], 2);
    ir_vec_eval(ir_vec_desc(IR_VEC_SARI, 2, 16, 32), &st, OFS(0), OFS(1), 0, 0);
    memcpy(d, st.v[0], 16);
    CU_ASSERT_EQUAL(d[0], -1);       /* shift by the element size fills with the sign */
    CU_ASSERT_EQUAL(d[1], 0);
    ir_vec_eval(ir_vec_desc(IR_VEC_SHRI, 2, 16, 32), &st, OFS(0), OFS(1), 0, 0);
    memcpy(d, st.v[0], 16);
    CU_ASSERT_EQUAL(d[0], 0);
    ir_vec_eval(ir_vec_desc(IR_VEC_SHLI, 2, 16, 4), &st, OFS(0), OFS(1), 0, 0);
    memcpy(d, st.v[0], 16);
    CU_ASSERT_EQUAL(d[3], 16);
    ir_vec_eval(ir_vec_desc(IR_VEC_ABS, 2, 16, 0), &st, OFS(0), OFS(1), 0, 0);
    memcpy(d, st.v[0], 16);
    CU_ASSERT_EQUAL(d[0], 8);
    CU_ASSERT_EQUAL(d[2], INT32_MIN);   /* abs(INT_MIN) wraps */
    ir_vec_eval(ir_vec_desc(IR_VEC_NEG, 2, 16, 0), &st, OFS(1), OFS(1), 0, 0);   /* in place */
    memcpy(d, st.v[1], 16);
    CU_ASSERT_EQUAL(d[0], 8);
    CU_ASSERT_EQUAL(d[3], -1);
}

static void test_bitsel_and_dup(void)
{
    memset(st.v[1], 0x0f, 16);
    memset(st.v[2], 0xaa, 16);
    memset(st.v[3], 0x55, 16);
    ir_vec_eval(ir_vec_desc(IR_VEC_BITSEL, 0, 16, 0), &st, OFS(0), OFS(1), OFS(2), OFS(3));
    CU_ASSERT_EQUAL(st.v[0][7], 0x5a);
    ir_vec_dup_eval(ir_vec_desc(IR_VEC_DUP, 1, 8, 0), &st, OFS(0), 0x12345678);
    CU_ASSERT_EQUAL(lane64(0, 0), 0x5678567856785678ull);
    CU_ASSERT_EQUAL(lane64(0, 1), 0);
}

static CU_TestInfo tests[] = {
    { "add at element sizes", test_add_sizes },
    { "64-bit ops clear the upper half", test_upper_half_cleared },
    { "compares and min/max", test_compare_and_minmax },
    { "shifts and unary ops", test_shifts_and_unary },
    { "bit select and dup", test_bitsel_and_dup },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("vector ops", tests);
}
