/*
 * arm64, freestanding: execve(argv[1], argv + 2, envp), i.e. "spawn PATH
 * ARGV0 ARGS..." runs PATH with the argv[0] given; a failed execve prints
 * the error and exits 100.  Exercises the /emul hook of the guest execve.
 */
#include "sys.h"

int main(int argc, char **argv)
{
    char **envp = argv + argc + 1;
    long r;

    if (argc < 3) {
        put_str("usage: spawn PATH ARGV0 [ARGS...]\n");
        return 100;
    }
    r = SC(NR_execve, argv[1], argv + 2, envp);
    put_str("spawn: execve failed: ");
    put_dec(r);
    put_char('\n');
    return 100;
}
