/* Unit tests of util/parse.c and util/options.c: sizes, numbers, key=value lists, scanning. */
#include <string.h>
#include "runner.h"
#include "util/options.h"
#include "util/parse.h"

static void test_size_suffixes(void)
{
    uint64_t v;
    EmuError err;
    CU_ASSERT_TRUE(parse_size("512", 1ull << 20, &v, &err));
    CU_ASSERT_EQUAL(v, 512ull << 20);
    CU_ASSERT_TRUE(parse_size("1G", 1ull << 20, &v, &err));
    CU_ASSERT_EQUAL(v, 1ull << 30);
    CU_ASSERT_TRUE(parse_size("4k", 1, &v, &err));
    CU_ASSERT_EQUAL(v, 4096);
    CU_ASSERT_TRUE(parse_size("2T", 1, &v, &err));
    CU_ASSERT_EQUAL(v, 2ull << 40);
    CU_ASSERT_TRUE(parse_size("64MiB", 1, &v, &err));
    CU_ASSERT_EQUAL(v, 64ull << 20);
    CU_ASSERT_TRUE(parse_size("3MB", 1, &v, &err));
    CU_ASSERT_EQUAL(v, 3ull << 20);
    CU_ASSERT_TRUE(parse_size("100B", 1ull << 20, &v, &err));
    CU_ASSERT_EQUAL(v, 100);
    CU_ASSERT_TRUE(parse_size("0", 1, &v, &err));
    CU_ASSERT_EQUAL(v, 0);
}

static void test_size_errors(void)
{
    uint64_t v = 7;
    EmuError err;
    CU_ASSERT_FALSE(parse_size("", 1, &v, &err));
    CU_ASSERT_FALSE(parse_size("-1G", 1, &v, &err));
    CU_ASSERT_FALSE(parse_size("12X", 1, &v, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unknown suffix"));
    CU_ASSERT_FALSE(parse_size("1Gx", 1, &v, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "junk"));
    CU_ASSERT_FALSE(parse_size("99999999999999999999", 1, &v, &err));
    CU_ASSERT_FALSE(parse_size("17179869184G", 1, &v, &err)); /* 2^34 GiB overflows */
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "too large"));
    CU_ASSERT_FALSE(parse_size(" 1G", 1, &v, &err));
    CU_ASSERT_EQUAL(v, 7);   /* untouched on error */
}

static void test_uint_and_bool(void)
{
    uint64_t v;
    bool b;
    EmuError err;
    CU_ASSERT_TRUE(parse_uint("8", 1, 8, "-smp", &v, &err));
    CU_ASSERT_EQUAL(v, 8);
    CU_ASSERT_TRUE(parse_uint("0x10", 0, 100, "x", &v, &err));
    CU_ASSERT_EQUAL(v, 16);
    CU_ASSERT_FALSE(parse_uint("9", 1, 8, "-smp", &v, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "out of range"));
    CU_ASSERT_FALSE(parse_uint("4x", 1, 8, "-smp", &v, &err));
    CU_ASSERT_FALSE(parse_uint("", 1, 8, "-smp", &v, &err));
    CU_ASSERT_FALSE(parse_uint(NULL, 1, 8, "-smp", &v, &err));
    CU_ASSERT_TRUE(parse_bool("on", &b));
    CU_ASSERT_TRUE(b);
    CU_ASSERT_TRUE(parse_bool("off", &b));
    CU_ASSERT_FALSE(b);
    CU_ASSERT_FALSE(parse_bool("maybe", &b));
}

static void test_keyval(void)
{
    KeyVal kv;
    EmuError err;
    CU_ASSERT_TRUE(keyval_parse(&kv, "virt,secure=on,dumpdtb=a,,b.dtb", "type", &err));
    CU_ASSERT_EQUAL(kv.n, 3);
    CU_ASSERT_STRING_EQUAL(keyval_get(&kv, "type"), "virt");
    CU_ASSERT_STRING_EQUAL(keyval_get(&kv, "secure"), "on");
    CU_ASSERT_STRING_EQUAL(keyval_get(&kv, "dumpdtb"), "a,b.dtb");
    CU_ASSERT_PTR_NULL(keyval_get(&kv, "missing"));
    keyval_free(&kv);

    CU_ASSERT_TRUE(keyval_parse(&kv, "file=x=y", NULL, &err));
    CU_ASSERT_STRING_EQUAL(keyval_get(&kv, "file"), "x=y");
    keyval_free(&kv);

    CU_ASSERT_FALSE(keyval_parse(&kv, "file=a,file=b", NULL, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "twice"));
    CU_ASSERT_FALSE(keyval_parse(&kv, "bare", NULL, &err));
    CU_ASSERT_FALSE(keyval_parse(&kv, "a=1,", NULL, &err));
    CU_ASSERT_FALSE(keyval_parse(&kv, "=1", NULL, &err));
    CU_ASSERT_FALSE(keyval_parse(&kv, "virt,other", "type", &err));
}

static void test_keyval_allowed(void)
{
    static const char *const allowed[] = { "a", "b", NULL };
    KeyVal kv;
    EmuError err;
    CU_ASSERT_TRUE(keyval_parse(&kv, "a=1,c=2", NULL, &err));
    CU_ASSERT_FALSE(keyval_check_keys(&kv, allowed, "-x", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "'c'"));
    keyval_free(&kv);
}

enum { T_FLAG, T_VALUE };
static const OptionDef defs[] = {
    { "flag", T_FLAG, false, NULL, "a flag" },
    { "value", T_VALUE, true, "V", "a value" },
    { NULL, 0, false, NULL, NULL },
};

static void test_scanner(void)
{
    char *argv[] = { "prog", "-flag", "--value", "1", "-value=2", "prog2", "-flag", NULL };
    OptionScanner sc;
    const char *arg;
    EmuError err;

    option_scanner_init(&sc, 7, argv, true);
    CU_ASSERT_EQUAL(option_next(&sc, defs, &arg, &err), T_FLAG);
    CU_ASSERT_EQUAL(option_next(&sc, defs, &arg, &err), T_VALUE);
    CU_ASSERT_STRING_EQUAL(arg, "1");
    CU_ASSERT_EQUAL(option_next(&sc, defs, &arg, &err), T_VALUE);
    CU_ASSERT_STRING_EQUAL(arg, "2");
    CU_ASSERT_EQUAL(option_next(&sc, defs, &arg, &err), OPTION_END);
    CU_ASSERT_EQUAL(sc.index, 5);   /* the guest program and its own -flag are left alone */
}

static void test_scanner_errors(void)
{
    char *argv1[] = { "prog", "-nope", NULL };
    char *argv2[] = { "prog", "-value", NULL };
    char *argv3[] = { "prog", "-flag=1", NULL };
    char *argv4[] = { "prog", "stray", NULL };
    OptionScanner sc;
    const char *arg;
    EmuError err;

    option_scanner_init(&sc, 2, argv1, false);
    CU_ASSERT_EQUAL(option_next(&sc, defs, &arg, &err), OPTION_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unknown option '-nope'"));
    option_scanner_init(&sc, 2, argv2, false);
    CU_ASSERT_EQUAL(option_next(&sc, defs, &arg, &err), OPTION_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "needs an argument"));
    option_scanner_init(&sc, 2, argv3, false);
    CU_ASSERT_EQUAL(option_next(&sc, defs, &arg, &err), OPTION_ERROR);
    option_scanner_init(&sc, 2, argv4, false);
    CU_ASSERT_EQUAL(option_next(&sc, defs, &arg, &err), OPTION_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "stray"));
}

static CU_TestInfo tests[] = {
    { "size suffixes", test_size_suffixes },
    { "size errors", test_size_errors },
    { "integers and booleans", test_uint_and_bool },
    { "key=value lists", test_keyval },
    { "key=value allowed keys", test_keyval_allowed },
    { "option scanner", test_scanner },
    { "option scanner errors", test_scanner_errors },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("parse", tests);
}
