/*
 * Loading what -kernel, -initrd, -bios and the device tree put in guest
 * memory, and the register values the boot CPU starts with.
 *
 * Public API:
 *   boot_load_kernel, boot_load_kernel_data, boot_load_bios,
 *   boot_load_bios_data, boot_load_initrd, boot_load_initrd_data,
 *   boot_load_dtb, boot_entry, boot_gunzip.
 *
 * Every function checks its input completely before writing guest memory
 * and refuses bad input with one line in err naming the file.
 *
 * -kernel accepts, told apart by content:
 *   - an arm64 Image (Linux Documentation/arch/arm64/booting.rst): loaded
 *     at the 2 MiB aligned RAM base + text_offset, image_size must fit;
 *   - the same compressed with gzip (Image.gz);
 *   - an ELF64 AArch64 executable: PT_LOAD segments at p_paddr, in RAM or
 *     flash; entry from the header (translated to physical when it lies in
 *     a segment whose p_vaddr differs);
 *   - anything else: a raw binary loaded and entered at the RAM base.
 * -bios: a raw binary at the start of flash, entered there.
 */
#ifndef BOOT_IMAGE_H
#define BOOT_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hw/memory.h"
#include "util/error.h"

/* Translation granules the CPU implements (ID_AA64MMFR0_EL1.TGran*), for the Image flags. */
#define BOOT_PAGES_4K  (1u << 0)
#define BOOT_PAGES_16K (1u << 1)
#define BOOT_PAGES_64K (1u << 2)

#define BOOT_IMAGE_MAGIC 0x644d5241u   /* "ARM\x64" at offset 56 */

typedef struct BootTarget {
    const AddressSpace *as;        /* RAM and flash must be registered on it */
    uint64_t ram_base, ram_size;
    uint64_t flash_base, flash_size;   /* flash_size 0: no flash */
    unsigned page_sizes;           /* BOOT_PAGES_*; 0 accepts any */
} BootTarget;

typedef enum BootKind {
    BOOT_KIND_IMAGE, BOOT_KIND_IMAGE_GZ, BOOT_KIND_ELF, BOOT_KIND_RAW, BOOT_KIND_BIOS,
} BootKind;

typedef struct BootKernel {
    BootKind kind;
    uint64_t load_addr;   /* lowest address written */
    uint64_t end;         /* first address past what the kernel uses (Image: + image_size) */
    uint64_t entry;
} BootKernel;

/* The boot CPU's start: PC and x0..x3 (booting.rst: x0 = DTB, x1..x3 = 0). */
typedef struct BootEntry {
    uint64_t pc;
    uint64_t x[4];
} BootEntry;

bool boot_load_kernel(const BootTarget *t, const char *path, BootKernel *k, EmuError *err);
/* The same on a file already in memory; what names it in errors. */
bool boot_load_kernel_data(const BootTarget *t, const uint8_t *data, size_t len, const char *what,
                           BootKernel *k, EmuError *err);

bool boot_load_bios(const BootTarget *t, const char *path, BootKernel *k, EmuError *err);
bool boot_load_bios_data(const BootTarget *t, const uint8_t *data, size_t len, const char *what,
                         BootKernel *k, EmuError *err);

/*
 * The initrd goes after the kernel (page aligned, above image_size; after
 * the DTB's 2 MiB slot at the RAM base for firmware boots), inside RAM and
 * inside the 32 GiB window booting.rst requires; [*start, *end) is where.
 */
bool boot_load_initrd(const BootTarget *t, const char *path, const BootKernel *k, uint64_t *start,
                      uint64_t *end, EmuError *err);
bool boot_load_initrd_data(const BootTarget *t, const uint8_t *data, size_t len, const char *what,
                           const BootKernel *k, uint64_t *start, uint64_t *end, EmuError *err);

/*
 * The DTB: at the RAM base for firmware boots (where UEFI looks), otherwise
 * at the first 2 MiB boundary after the kernel and initrd_end (0: none).
 */
bool boot_load_dtb(const BootTarget *t, const BootKernel *k, uint64_t initrd_end, const void *blob,
                   size_t size, uint64_t *addr, EmuError *err);

void boot_entry(const BootKernel *k, uint64_t dtb_addr, BootEntry *e);

/*
 * Decompress a gzip file (RFC 1952 around RFC 1951 deflate) into *out
 * (g_free it), refusing output larger than max_out, corrupt or truncated
 * data, and a CRC or length mismatch.
 */
bool boot_gunzip(const uint8_t *in, size_t len, size_t max_out, const char *what, uint8_t **out,
                 size_t *out_len, EmuError *err);

#endif
