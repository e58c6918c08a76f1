/* AArch64 ELF header checks: see elfload.h. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "linux-user/elfload.h"

#define GUEST_PAGE_SIZE 4096u

bool elf_parse_headers(const uint8_t *buf, size_t len, uint64_t file_size, const char *what,
                       ElfImage *img, EmuError *err)
{
    Elf64_Ehdr eh;
    bool have_load = false;

    memset(img, 0, sizeof(*img));
    img->file_size = file_size;
    if (len < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG)) {
        return emu_error_set(err, "%s: not an ELF file", what);
    }
    if (buf[EI_CLASS] != ELFCLASS64) {
        return emu_error_set(err, "%s: not a 64-bit ELF file (AArch64 needs ELFCLASS64)", what);
    }
    if (buf[EI_DATA] != ELFDATA2LSB) {
        return emu_error_set(err, "%s: big-endian ELF files are not supported", what);
    }
    if (len < sizeof(eh)) {
        return emu_error_set(err, "%s: truncated ELF header", what);
    }
    memcpy(&eh, buf, sizeof(eh));
    if (eh.e_machine != EM_AARCH64) {
        return emu_error_set(err, "%s: not an AArch64 program (ELF machine %u)", what, eh.e_machine);
    }
    if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
        return emu_error_set(err, "%s: not an executable (ELF type %u)", what, eh.e_type);
    }
    if (eh.e_version != EV_CURRENT || buf[EI_VERSION] != EV_CURRENT) {
        return emu_error_set(err, "%s: unknown ELF version", what);
    }
    if (eh.e_phentsize != sizeof(Elf64_Phdr)) {
        return emu_error_set(err, "%s: corrupt ELF header (program header size %u)", what, eh.e_phentsize);
    }
    if (eh.e_phnum == 0 || eh.e_phnum > ELF_MAX_PHDRS) {
        return emu_error_set(err, "%s: corrupt ELF header (%u program headers)", what, eh.e_phnum);
    }
    if (eh.e_phoff > file_size || eh.e_phnum * sizeof(Elf64_Phdr) > file_size - eh.e_phoff) {
        return emu_error_set(err, "%s: truncated (program headers lie past the end of the file)", what);
    }
    if (eh.e_phoff + eh.e_phnum * sizeof(Elf64_Phdr) > len) {
        return emu_error_set(err, "%s: program headers were not read (internal limit)", what);
    }
    img->is_pie = eh.e_type == ET_DYN;
    img->entry = eh.e_entry;
    img->phnum = eh.e_phnum;
    img->phoff = eh.e_phoff;
    memcpy(img->phdrs, buf + eh.e_phoff, eh.e_phnum * sizeof(Elf64_Phdr));
    img->lo_vaddr = UINT64_MAX;

    for (unsigned i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *ph = &img->phdrs[i];
        if (ph->p_type != PT_LOAD && ph->p_type != PT_INTERP) {
            continue;
        }
        /* A segment with no file bytes (a bss) may name any offset. */
        if (ph->p_filesz && (ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset)) {
            return emu_error_set(err, "%s: truncated (segment %u lies past the end of the file)", what, i);
        }
        if (ph->p_type == PT_INTERP) {
            if (ph->p_filesz < 2 || ph->p_filesz > ELF_MAX_INTERP) {
                return emu_error_set(err, "%s: corrupt interpreter path (length %llu)", what,
                                     (unsigned long long)ph->p_filesz);
            }
            continue;
        }
        if (ph->p_filesz > ph->p_memsz) {
            return emu_error_set(err, "%s: corrupt segment %u (file size larger than memory size)", what, i);
        }
        if (ph->p_vaddr + ph->p_memsz < ph->p_vaddr ||
            ph->p_vaddr + ph->p_memsz > (1ull << 48)) {
            return emu_error_set(err, "%s: segment %u lies outside the 48-bit address space", what, i);
        }
        if (ph->p_align > 1 && (ph->p_vaddr - ph->p_offset) % GUEST_PAGE_SIZE) {
            return emu_error_set(err, "%s: segment %u is not page-aligned with its file offset", what, i);
        }
        if (ph->p_vaddr < img->lo_vaddr) {
            img->lo_vaddr = ph->p_vaddr & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
        }
        if (ph->p_vaddr + ph->p_memsz > img->hi_vaddr) {
            img->hi_vaddr = (ph->p_vaddr + ph->p_memsz + GUEST_PAGE_SIZE - 1) &
                            ~(uint64_t)(GUEST_PAGE_SIZE - 1);
        }
        have_load = true;
    }
    if (!have_load) {
        return emu_error_set(err, "%s: no loadable segment", what);
    }
    if (img->entry < img->lo_vaddr || img->entry >= img->hi_vaddr) {
        return emu_error_set(err, "%s: entry point 0x%llx is outside the loaded segments", what,
                             (unsigned long long)img->entry);
    }
    return true;
}

/* pread exactly len bytes or fail. */
static bool read_at(int fd, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;
    while (done < len) {
        ssize_t r = pread(fd, (uint8_t *)buf + done, len - done, off + done);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return false;
        }
        done += r;
    }
    return true;
}

bool elf_read_file(const char *path, ElfImage *img, EmuError *err)
{
    uint8_t buf[sizeof(Elf64_Ehdr) + ELF_MAX_PHDRS * sizeof(Elf64_Phdr)];
    struct stat st;
    Elf64_Ehdr eh;
    size_t want;
    uint64_t real_phoff = 0;
    bool moved = false;
    bool ok = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        return emu_error_set(err, "%s: %s", path, strerror(errno));
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        emu_error_set(err, "%s: not a regular file", path);
        goto out;
    }
    want = st.st_size < (off_t)sizeof(eh) ? (size_t)st.st_size : sizeof(eh);
    if (!read_at(fd, buf, want, 0)) {
        emu_error_set(err, "%s: cannot read: %s", path, strerror(errno ? errno : EIO));
        goto out;
    }
    if (want == sizeof(eh)) {
        /* Read the program headers too, when they are where they claim to be. */
        memcpy(&eh, buf, sizeof(eh));
        if (eh.e_phentsize == sizeof(Elf64_Phdr) && eh.e_phnum <= ELF_MAX_PHDRS &&
            eh.e_phoff <= (uint64_t)st.st_size &&
            eh.e_phnum * sizeof(Elf64_Phdr) <= (uint64_t)st.st_size - eh.e_phoff) {
            size_t phlen = eh.e_phnum * sizeof(Elf64_Phdr);
            if (eh.e_phoff + phlen <= sizeof(buf)) {
                want = eh.e_phoff + phlen > want ? eh.e_phoff + phlen : want;
                if (!read_at(fd, buf, want, 0)) {
                    emu_error_set(err, "%s: cannot read program headers", path);
                    goto out;
                }
            } else {
                /* Headers far into the file: move them next to the ELF header. */
                if (!read_at(fd, buf + sizeof(eh), phlen, eh.e_phoff)) {
                    emu_error_set(err, "%s: cannot read program headers", path);
                    goto out;
                }
                real_phoff = eh.e_phoff;
                moved = true;
                eh.e_phoff = sizeof(eh);
                memcpy(buf, &eh, sizeof(eh));
                want = sizeof(eh) + phlen;
            }
        }
    }
    if (!elf_parse_headers(buf, want, st.st_size, path, img, err)) {
        goto out;
    }
    if (moved) {
        img->phoff = real_phoff;
    }
    for (unsigned i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *ph = &img->phdrs[i];
        if (ph->p_type != PT_INTERP) {
            continue;
        }
        if (!read_at(fd, img->interp, ph->p_filesz, ph->p_offset) ||
            img->interp[ph->p_filesz - 1] != '\0' || strlen(img->interp) != ph->p_filesz - 1) {
            emu_error_set(err, "%s: corrupt interpreter path", path);
            goto out;
        }
    }
    ok = true;
out:
    close(fd);
    return ok;
}
