/*
 * x86-64 host program standing in for a native tool under ROOT/emul:
 * prints "native" with its argv and TEST_* variables, exits 5 (the arm64
 * child.c prints "child ..." and exits 7, so the output says who ran).
 */
#include <stdio.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
    printf("native argc=%d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("native argv[%d]=%s\n", i, argv[i]);
    }
    for (char **e = environ; *e; e++) {
        if (!strncmp(*e, "TEST_", 5)) {
            printf("native env %s\n", *e);
        }
    }
    return 5;
}
