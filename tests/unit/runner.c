/* Shared CUnit runner: see runner.h. */
#include <stdio.h>
#include <CUnit/Basic.h>
#include "runner.h"

int cunit_run_suite(const char *suite_name, CU_TestInfo *tests)
{
    CU_SuiteInfo suites[] = {
        { suite_name, NULL, NULL, NULL, NULL, tests },
        CU_SUITE_INFO_NULL,
    };
    unsigned failures;

    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "%s: cannot initialise CUnit: %s\n", suite_name, CU_get_error_msg());
        return 2;
    }
    if (CU_register_suites(suites) != CUE_SUCCESS) {
        fprintf(stderr, "%s: cannot register tests: %s\n", suite_name, CU_get_error_msg());
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failures ? 1 : 0;
}
