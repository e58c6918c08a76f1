/*
 * execve from a guest: argv[1] is the path of child, argv[2] a "#!" script
 * whose interpreter is child, argv[3] a non-executable file, argv[4] an
 * executable file of garbage, argv[5] a host program (/bin/true).  Each
 * exec runs in a forked child; the parent prints the wait status.
 */
#include "sys.h"

static void run(const char *label, const char *path, char **av, char **ev)
{
    long pid = SC5(NR_clone, SIGCHLD, 0, 0, 0, 0);
    int status = 0;

    if (pid == 0) {
        long r = SC(NR_execve, path, av, ev);
        rt_exit((int)(100 - r));   /* 100 + errno */
    }
    if (pid < 0) {
        put_str("clone failed\n");
        rt_exit(1);
    }
    SC5(NR_wait4, pid, &status, 0, 0, 0);
    put_str(label);
    put_str(": ");
    if ((status & 0x7f) == 0) {
        put_str("exit ");
        put_dec((status >> 8) & 0xff);
    } else {
        put_str("signal ");
        put_dec(status & 0x7f);
    }
    put_char('\n');
}

int main(int argc, char **argv)
{
    char *ev[] = { "TEST_ONE=1", "TEST_TWO=two words", "OTHER=x", 0 };
    char *av_child[] = { "child-name", "a", "b c", "", 0 };
    char *av_script[] = { "script-name", "s1", 0 };
    char *av_plain[] = { "x", 0 };
    long r;

    if (argc < 6) {
        put_str("usage: parent CHILD SCRIPT NOEXEC GARBAGE HOSTPROG\n");
        return 2;
    }
    run("elf", argv[1], av_child, ev);
    run("script", argv[2], av_script, ev);
    run("host", argv[5], av_plain, ev);
    /* Failures come back to the caller; nothing is replaced. */
    r = SC(NR_execve, "/nonexistent/prog", av_plain, ev);
    put_str("enoent: ");
    put_dec(r);
    put_char('\n');
    r = SC(NR_execve, argv[3], av_plain, ev);
    put_str("eacces: ");
    put_dec(r);
    put_char('\n');
    r = SC(NR_execve, argv[4], av_plain, ev);
    put_str("enoexec: ");
    put_dec(r);
    put_char('\n');
    r = SC(NR_execve, 0x10, av_plain, ev);
    put_str("efault: ");
    put_dec(r);
    put_char('\n');
    /* Finally replace ourselves: execveat(AT_FDCWD, child) with an empty environment. */
    {
        char *av_last[] = { "last", 0 };
        char *ev_none[] = { 0 };
        r = SC5(NR_execveat, AT_FDCWD, argv[1], av_last, ev_none, 0);
        put_str("execveat returned ");
        put_dec(r);
        put_char('\n');
    }
    return 1;
}
