/*
 * Shared CUnit runner for the unit-test programs under tests/unit.
 *
 * Every tests/unit/test_*.c is its own program: it declares a CU_TestInfo
 * table and returns cunit_run_suite() from main().  Keeping one program per
 * file means a crash in one suite cannot hide the results of another.
 */
#ifndef TESTS_UNIT_RUNNER_H
#define TESTS_UNIT_RUNNER_H

#include <CUnit/CUnit.h>

/*
 * Register the tests under @suite_name, run them with CUnit's basic
 * interface (which prints CUnit's own summary) and return 0 when every
 * assertion passed, 1 otherwise.
 */
int cunit_run_suite(const char *suite_name, CU_TestInfo *tests);

#endif
