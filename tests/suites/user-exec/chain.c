/*
 * Executes itself (argv[0], an absolute path) until it has 4 arguments,
 * then prints "chain N": every exec after the first is made by an emulator
 * that was itself started by an exec, which is what needs no /proc in a
 * chroot (exec.c adopts the descriptor its parent left open).
 */
#include "sys.h"

int main(int argc, char **argv)
{
    char *nargv[8];
    char *envp[1] = { 0 };

    if (argc >= 4) {
        put_str("chain ");
        put_dec(argc);
        put_char('\n');
        return 0;
    }
    for (int i = 0; i < argc; i++) {
        nargv[i] = argv[i];
    }
    nargv[argc] = (char *)"x";
    nargv[argc + 1] = 0;
    SC(NR_execve, argv[0], nargv, envp);
    put_str("chain: execve failed\n");
    return 1;
}
