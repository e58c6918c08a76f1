/* Started by execve from parent.c: prints its argv and the TEST_* variables, exits 7. */
#include "sys.h"

int main(int argc, char **argv)
{
    char **envp = argv + argc + 1;

    put_str("child argc=");
    put_dec(argc);
    put_char('\n');
    for (int i = 0; i < argc; i++) {
        put_str("child argv[");
        put_dec(i);
        put_str("]=");
        put_str(argv[i]);
        put_char('\n');
    }
    for (char **e = envp; *e; e++) {
        if (starts(*e, "TEST_")) {
            put_str("child env ");
            put_str(*e);
            put_char('\n');
        }
    }
    return 7;
}
