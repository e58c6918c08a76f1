/*
 * Shell scripts take the low descriptors ("exec 3>&1; exec 4>&1" in
 * debootstrap): dup3 onto 3..9 must work, so the emulator keeps its own
 * descriptors out of the way.  Prints "lowfds ok" through each of them.
 */
#include "sys.h"

enum { NR_dup3 = 24, NR_write = 64 };

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    for (int fd = 3; fd <= 9; fd++) {
        long r = SC(NR_dup3, 1, fd, 0);
        if (r != fd) {
            put_str("lowfds: dup3 onto ");
            put_dec(fd);
            put_str(" failed\n");
            return 1;
        }
    }
    for (int fd = 3; fd <= 9; fd++) {
        if (SC(NR_write, fd, "lowfds ok\n", 10) != 10) {
            return 2;
        }
        SC(NR_close, fd, 0, 0);
    }
    return 0;
}
