/* Exits with a status of its own choosing after some output. */
#include "rt.h"

int main(int argc, char **argv)
{
    (void)argv;
    put_str("exiting with 42\n");
    return 41 + argc;
}
