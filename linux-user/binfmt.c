/* binfmt_misc registration: see binfmt.h. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "linux-user/binfmt.h"

#define AT_FLAGS_PRESERVE_ARGV0 1   /* Linux include/uapi/linux/binfmts.h */

void binfmt_magic_mask(uint8_t magic[BINFMT_MAGIC_LEN], uint8_t mask[BINFMT_MAGIC_LEN])
{
    memset(magic, 0, BINFMT_MAGIC_LEN);
    memset(mask, 0, BINFMT_MAGIC_LEN);
    /* e_ident: the magic number, class, data encoding and version must match... */
    memcpy(magic, ELFMAG, SELFMAG);
    magic[EI_CLASS] = ELFCLASS64;
    magic[EI_DATA] = ELFDATA2LSB;
    magic[EI_VERSION] = EV_CURRENT;
    memset(mask, 0xff, EI_VERSION + 1);
    /* ...OS ABI, ABI version and padding (bytes 7..15) may be anything (SYSV or GNU/Linux). */
    /* e_type (16..17, little-endian): ET_EXEC (2) or ET_DYN (3): ignore the low bit. */
    magic[16] = ET_EXEC;
    mask[16] = 0xfe;
    mask[17] = 0xff;
    /* e_machine (18..19): EM_AARCH64. */
    magic[18] = EM_AARCH64 & 0xff;
    magic[19] = EM_AARCH64 >> 8;
    mask[18] = mask[19] = 0xff;
}

bool binfmt_matches(const uint8_t *hdr, size_t len)
{
    uint8_t magic[BINFMT_MAGIC_LEN], mask[BINFMT_MAGIC_LEN];

    if (len < BINFMT_MAGIC_LEN) {
        return false;
    }
    binfmt_magic_mask(magic, mask);
    for (int i = 0; i < BINFMT_MAGIC_LEN; i++) {
        if ((hdr[i] & mask[i]) != (magic[i] & mask[i])) {
            return false;
        }
    }
    return true;
}

bool binfmt_register_line(char *buf, size_t size, const char *interp, bool credentials,
                          EmuError *err)
{
    uint8_t magic[BINFMT_MAGIC_LEN], mask[BINFMT_MAGIC_LEN];
    size_t len;
    int n;

    /* ':' separates the fields; the kernel limits the whole line (BINPRM_BUF_SIZE-ish). */
    if (strchr(interp, ':') || strchr(interp, '\n')) {
        return emu_error_set(err, "--binfmt-path: '%s' contains ':' or a newline, which binfmt_misc cannot take", interp);
    }
    binfmt_magic_mask(magic, mask);
    n = snprintf(buf, size, ":%s:M::", BINFMT_NAME);
    for (int i = 0; i < BINFMT_MAGIC_LEN && n > 0 && (size_t)n < size; i++) {
        n += snprintf(buf + n, size - n, "\\x%02x", magic[i]);
    }
    if (n > 0 && (size_t)n < size) {
        n += snprintf(buf + n, size - n, ":");
    }
    for (int i = 0; i < BINFMT_MAGIC_LEN && n > 0 && (size_t)n < size; i++) {
        n += snprintf(buf + n, size - n, "\\x%02x", mask[i]);
    }
    if (n > 0 && (size_t)n < size) {
        n += snprintf(buf + n, size - n, ":%s:FP%s", interp, credentials ? "C" : "");
    }
    len = n > 0 ? (size_t)n : 0;
    if (n < 0 || len >= size) {
        return emu_error_set(err, "--binfmt-path: '%s' is too long for a binfmt_misc entry", interp);
    }
    return true;
}

bool binfmt_check_interpreter(const char *path, EmuError *err)
{
    Elf64_Ehdr eh;
    struct stat st;
    bool ok = false;
    int fd;

    if (path[0] != '/') {
        return emu_error_set(err, "--binfmt-path: '%s' is not an absolute path", path);
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return emu_error_set(err, "--binfmt-path: %s: %s", path, strerror(errno));
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 0111)) {
        emu_error_set(err, "--binfmt-path: %s is not an executable file", path);
        goto out;
    }
    if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
        eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(Elf64_Phdr)) {
        emu_error_set(err, "--binfmt-path: %s is not a 64-bit ELF program", path);
        goto out;
    }
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + i * sizeof(ph))) != (ssize_t)sizeof(ph)) {
            emu_error_set(err, "--binfmt-path: %s: truncated program headers", path);
            goto out;
        }
        if (ph.p_type == PT_INTERP) {
            emu_error_set(err, "--binfmt-path: %s is dynamically linked; the F flag needs a static "
                          "binary (./configure links aarch64-user statically by default)", path);
            goto out;
        }
    }
    ok = true;
out:
    close(fd);
    return ok;
}

static bool write_file(const char *path, const char *text, EmuError *err)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    ssize_t n;

    if (fd < 0) {
        return emu_error_set(err, "--binfmt: cannot open %s: %s%s", path, strerror(errno),
                             errno == EACCES || errno == EPERM ? " (run as root)" : "");
    }
    n = write(fd, text, strlen(text));
    if (n != (ssize_t)strlen(text)) {
        int e = n < 0 ? errno : EIO;
        close(fd);
        return emu_error_set(err, "--binfmt: writing %s failed: %s", path, strerror(e));
    }
    close(fd);
    return true;
}

int binfmt_command(const char *action, const char *interp, bool credentials, const char *dir)
{
    char entry[PATH_MAX], reg[PATH_MAX], line[1024], self[PATH_MAX];
    struct stat st;
    EmuError err;
    bool registered;

    snprintf(entry, sizeof(entry), "%s/%s", dir, BINFMT_NAME);
    snprintf(reg, sizeof(reg), "%s/register", dir);
    if (stat(reg, &st) < 0) {
        fprintf(stderr, "aarch64-user: binfmt_misc is not mounted at %s (as root: mount -t binfmt_misc "
                "binfmt_misc %s); aarch64-user does not mount it\n", dir, dir);
        return 1;
    }
    registered = access(entry, F_OK) == 0;
    if (!strcmp(action, "status")) {
        FILE *f;
        if (!registered) {
            printf("%s: not registered in %s\n", BINFMT_NAME, dir);
            return 0;
        }
        f = fopen(entry, "re");
        printf("%s: registered (%s):\n", BINFMT_NAME, entry);
        while (f && fgets(line, sizeof(line), f)) {
            printf("  %s", line);
        }
        if (f) {
            fclose(f);
        }
        return 0;
    }
    if (!strcmp(action, "unregister")) {
        if (!registered) {
            printf("%s: was not registered\n", BINFMT_NAME);
            return 0;
        }
        if (!write_file(entry, "-1", &err)) {
            fprintf(stderr, "aarch64-user: %s\n", err.msg);
            return 1;
        }
        printf("%s: unregistered\n", BINFMT_NAME);
        return 0;
    }
    if (strcmp(action, "register") != 0) {
        fprintf(stderr, "aarch64-user: --binfmt: unknown action '%s' (register, unregister or status)\n",
                action);
        return 1;
    }
    if (!interp) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
        if (n <= 0) {
            fprintf(stderr, "aarch64-user: --binfmt: cannot find this program's path; give --binfmt-path\n");
            return 1;
        }
        self[n] = '\0';
        interp = self;
    }
    if (!binfmt_check_interpreter(interp, &err) ||
        !binfmt_register_line(line, sizeof(line), interp, credentials, &err)) {
        fprintf(stderr, "aarch64-user: %s\n", err.msg);
        return 1;
    }
    /* An older entry (another interpreter, other flags) is replaced. */
    if (registered && !write_file(entry, "-1", &err)) {
        fprintf(stderr, "aarch64-user: %s\n", err.msg);
        return 1;
    }
    if (!write_file(reg, line, &err)) {
        fprintf(stderr, "aarch64-user: %s\n", err.msg);
        return 1;
    }
    printf("%s: registered %s (flags FP%s)\n", BINFMT_NAME, interp, credentials ? "C" : "");
    return 0;
}

bool binfmt_started_by_kernel(const char *argv0, unsigned long at_flags)
{
    const char *base;

    if (at_flags & AT_FLAGS_PRESERVE_ARGV0) {
        return true;
    }
    base = argv0 ? strrchr(argv0, '/') : NULL;
    base = base ? base + 1 : argv0;
    return base && strcmp(base, BINFMT_LINK_NAME) == 0;
}
