/* util/log.c: the -d item list and the -dfilter range parser and filter. */
#include <string.h>
#include "runner.h"
#include "util/log.h"

/* Parse one list that must be accepted; returns the count. */
static int parse_ok(const char *s, LogRange *r)
{
    EmuError err = { "" };
    int n = log_parse_ranges(s, r, &err);
    CU_ASSERT_TRUE(n > 0);
    CU_ASSERT_STRING_EQUAL(err.msg, "");
    return n;
}

static void test_range_forms(void)
{
    LogRange r[LOG_MAX_RANGES];

    CU_ASSERT_EQUAL_FATAL(parse_ok("0x1000+0x100", r), 1);
    CU_ASSERT_EQUAL(r[0].first, 0x1000);
    CU_ASSERT_EQUAL(r[0].last, 0x10ff);
    /* START-SIZE: the SIZE bytes that end at START (as QEMU reads it). */
    CU_ASSERT_EQUAL_FATAL(parse_ok("0x1000-0x100", r), 1);
    CU_ASSERT_EQUAL(r[0].first, 0xf01);
    CU_ASSERT_EQUAL(r[0].last, 0x1000);
    CU_ASSERT_EQUAL_FATAL(parse_ok("0x1000..0x2000", r), 1);
    CU_ASSERT_EQUAL(r[0].first, 0x1000);
    CU_ASSERT_EQUAL(r[0].last, 0x2000);
    /* Decimal, one-byte ranges, several at once, the ends of the address space. */
    CU_ASSERT_EQUAL_FATAL(parse_ok("4096+1,5..5,0xffffffffffffffff-1,0+0x10,0xfffffffffffffff0+0x10", r), 5);
    CU_ASSERT_EQUAL(r[0].first, 4096);
    CU_ASSERT_EQUAL(r[0].last, 4096);
    CU_ASSERT_EQUAL(r[1].first, 5);
    CU_ASSERT_EQUAL(r[1].last, 5);
    CU_ASSERT_EQUAL(r[2].first, UINT64_MAX);
    CU_ASSERT_EQUAL(r[2].last, UINT64_MAX);
    CU_ASSERT_EQUAL(r[3].first, 0);
    CU_ASSERT_EQUAL(r[3].last, 15);
    CU_ASSERT_EQUAL(r[4].last, UINT64_MAX);
}

static void expect_bad(const char *s, const char *want)
{
    LogRange r[LOG_MAX_RANGES];
    EmuError err = { "" };

    CU_ASSERT_EQUAL(log_parse_ranges(s, r, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "-dfilter"));
    CU_ASSERT_PTR_NULL(strchr(err.msg, '\n'));
    CU_ASSERT_FALSE(log_check_dfilter(s, &err));
}

static void test_range_errors(void)
{
    expect_bad("", "bad range ''");
    expect_bad("0x1000", "bad range '0x1000'");
    expect_bad("0x1000+", "bad range '0x1000+'");
    expect_bad("0x1000+0", "bad range '0x1000+0'");          /* empty */
    expect_bad("0x2000..0x1000", "bad range '0x2000..0x1000'");
    expect_bad("0x10-0x20", "bad range '0x10-0x20'");        /* below 0 */
    expect_bad("0xffffffffffffffff+2", "bad range");          /* beyond the top */
    expect_bad("0x1000+0x10,", "bad range ''");
    expect_bad("0x1000+0x10,junk", "bad range 'junk'");
    expect_bad("0x1000+0x10x", "bad range '0x1000+0x10x'");
    expect_bad("-5+1", "bad range '-5+1'");
    expect_bad(" 5+1", "bad range");
    expect_bad("99999999999999999999+1", "bad range");       /* overflow */
    expect_bad("1+1,2+1,3+1,4+1,5+1,6+1,7+1,8+1,9+1,10+1,11+1,12+1,13+1,14+1,15+1,16+1,"
               "17+1,18+1,19+1,20+1,21+1,22+1,23+1,24+1,25+1,26+1,27+1,28+1,29+1,30+1,31+1,"
               "32+1,33+1", "more than 32 ranges");
}

static void test_filter(void)
{
    EmuError err = { "" };

    CU_ASSERT_TRUE(log_set_dfilter(NULL, &err));
    CU_ASSERT_TRUE(log_pc_in_dfilter(0));
    CU_ASSERT_TRUE(log_pc_in_dfilter(0x12345678));
    CU_ASSERT_TRUE_FATAL(log_set_dfilter("0x40000000+0x1000,0x80000000..0x80000010", &err));
    CU_ASSERT_TRUE(log_pc_in_dfilter(0x40000000));
    CU_ASSERT_TRUE(log_pc_in_dfilter(0x40000ffc));
    CU_ASSERT_FALSE(log_pc_in_dfilter(0x40001000));
    CU_ASSERT_FALSE(log_pc_in_dfilter(0x3ffffffc));
    CU_ASSERT_TRUE(log_pc_in_dfilter(0x80000010));
    CU_ASSERT_FALSE(log_pc_in_dfilter(0x80000014));
    /* A bad list is refused and leaves no filter behind. */
    CU_ASSERT_FALSE(log_set_dfilter("0x40000000", &err));
    CU_ASSERT_TRUE(log_pc_in_dfilter(0x80000014));
    CU_ASSERT_TRUE(log_set_dfilter(NULL, &err));
}

static void test_items(void)
{
    EmuError err = { "" };
    unsigned m = 0;

    CU_ASSERT_TRUE(log_parse_items("int,cpu,mmu,page,exec,guest_errors,unimp,nochain", &m, &err));
    CU_ASSERT_EQUAL(m, LOG_INT | LOG_CPU | LOG_MMU | LOG_PAGE | LOG_EXEC | LOG_GUEST_ERRORS |
                           LOG_UNIMP | LOG_NOCHAIN);
    CU_ASSERT_FALSE(log_parse_items("int,bogus", &m, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "'bogus'"));
}

static CU_TestInfo tests[] = {
    { "range_forms", test_range_forms },
    { "range_errors", test_range_errors },
    { "filter", test_filter },
    { "items", test_items },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("log", tests);
}
