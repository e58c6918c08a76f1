/* /proc/self/auxv, /proc/cpuinfo, /proc/self/maps and /proc/self/exe as a guest sees them. */
#include "sys.h"

extern char _start[];
static char buf[65536];

static long slurp(const char *path)
{
    long fd = SC5(NR_openat, AT_FDCWD, path, 0, 0, 0), n, total = 0;

    if (fd < 0) {
        return fd;
    }
    while ((n = SC(NR_read, fd, buf + total, sizeof(buf) - 1 - total)) > 0) {
        total += n;
    }
    SC(NR_close, fd, 0, 0);
    buf[total] = 0;
    return total;
}

static int failures;

static void check(const char *what, int ok)
{
    put_str(ok ? "ok   " : "FAIL ");
    put_str(what);
    put_char('\n');
    failures += !ok;
}

int main(int argc, char **argv)
{
    long n = slurp("/proc/self/auxv");
    unsigned long *av = (unsigned long *)buf, pagesz = 0, entry = 0, phdr = 0, hwcap = ~0ul;
    int nul = 0;

    check("auxv readable", n > 0 && n % 16 == 0);
    for (long i = 0; i + 1 < n / 8; i += 2) {
        if (av[i] == 6) pagesz = av[i + 1];
        if (av[i] == 9) entry = av[i + 1];
        if (av[i] == 3) phdr = av[i + 1];
        if (av[i] == 16) hwcap = av[i + 1];
        if (av[i] == 0) nul = 1;
    }
    check("auxv AT_PAGESZ 4096", pagesz == 4096);
    check("auxv AT_ENTRY is _start", entry == (unsigned long)_start);
    check("auxv AT_PHDR set", phdr != 0);
    check("auxv AT_HWCAP has crc32", hwcap != ~0ul && (hwcap & (1ul << 7)));
    check("auxv ends with AT_NULL", nul);

    n = slurp("/proc/cpuinfo");
    check("cpuinfo readable", n > 0);
    check("cpuinfo processor 0", contains(buf, n, "processor\t: 0\n"));
    check("cpuinfo Features crc32", contains(buf, n, "Features\t:") && contains(buf, n, " crc32"));
    check("cpuinfo implementer 0x41", contains(buf, n, "CPU implementer\t: 0x41\n"));
    check("cpuinfo architecture 8", contains(buf, n, "CPU architecture: 8\n"));
    check("cpuinfo part", contains(buf, n, argc > 1 ? argv[1] : "CPU part\t: 0xd08\n"));
    check("cpuinfo no x86 flags", !contains(buf, n, "vendor_id"));

    n = slurp("/proc/self/maps");
    check("maps readable", n > 0);
    check("maps has [stack]", contains(buf, n, "[stack]\n"));
    check("maps names the program", contains(buf, n, "/procself\n"));
    check("maps has an r-xp text", contains(buf, n, " r-xp "));
    check("maps is guest addresses (no emulator heap)", !contains(buf, n, "aarch64-user"));

    n = SC5(NR_readlinkat, AT_FDCWD, "/proc/self/exe", buf, sizeof(buf) - 1, 0);
    check("/proc/self/exe is the program", n > 9 && memcmp(buf + n - 9, "/procself", 9) == 0);
    put_str(failures ? "procself: FAILED\n" : "procself: all ok\n");
    return failures ? 1 : 0;
}
