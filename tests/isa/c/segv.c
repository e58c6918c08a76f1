/* Dereferences a null pointer: must die of SIGSEGV (exit status 139 in the
 * shell) after printing its first line. */
#include "rt.h"

int main(int argc, char **argv)
{
    (void)argv;
    volatile int *p = (volatile int *)(uintptr_t)(argc - 1);
    put_str("about to fault\n");
    *p = 1;
    put_str("still alive?\n");
    return 0;
}
