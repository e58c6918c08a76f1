/*
 * Reading an AArch64 ELF executable: header checks and the description of
 * what must be mapped.  Every way a file can be wrong (truncated, not ELF,
 * wrong class/endianness/machine, segments outside the file, absurd counts)
 * is refused here with one clear message, before any guest memory exists.
 */
#ifndef LINUX_USER_ELFLOAD_H
#define LINUX_USER_ELFLOAD_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/error.h"

#define ELF_MAX_PHDRS 64       /* far more than any real executable has */
#define ELF_MAX_INTERP 4096

typedef struct ElfImage {
    bool is_pie;               /* ET_DYN: loaded at a base we choose */
    uint64_t entry;            /* as in the file (add the load bias for PIE) */
    Elf64_Phdr phdrs[ELF_MAX_PHDRS];
    unsigned phnum;
    uint64_t phoff;            /* file offset of the program headers (for AT_PHDR) */
    uint64_t lo_vaddr, hi_vaddr; /* span of the PT_LOAD segments, page-rounded */
    char interp[ELF_MAX_INTERP]; /* PT_INTERP path, "" if none */
    uint64_t file_size;
} ElfImage;

/*
 * Check the headers in buf (the first len bytes of a file of file_size
 * bytes; len must cover the ELF header and program headers, the caller
 * reads them) and fill img.  what names the file in errors.
 */
bool elf_parse_headers(const uint8_t *buf, size_t len, uint64_t file_size, const char *what,
                       ElfImage *img, EmuError *err);

/* Open path, read and check its headers (including PT_INTERP). */
bool elf_read_file(const char *path, ElfImage *img, EmuError *err);

#endif
