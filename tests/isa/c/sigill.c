/* Executes a permanently undefined instruction (UDF): must die of SIGILL
 * (exit status 132 in the shell) after printing its first line. */
#include "rt.h"

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    put_str("about to execute udf\n");
    __asm__ volatile("udf #0x1234");
    put_str("still alive?\n");
    return 0;
}
