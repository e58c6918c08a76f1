/* Kernel, firmware, initrd and DTB loading: see boot/image.h. */
#include <glib.h>
#include <inttypes.h>
#include <string.h>
#include "boot/fdt.h"
#include "boot/image.h"
#include "linux-user/elfload.h"

#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

static uint32_t le16(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
    return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static uint64_t ram_end(const BootTarget *t)
{
    return t->ram_base + t->ram_size;
}

/* [addr, addr+len) lies inside RAM or flash. */
static bool in_ram(const BootTarget *t, uint64_t addr, uint64_t len)
{
    return addr >= t->ram_base && len <= t->ram_size && addr - t->ram_base <= t->ram_size - len;
}

static bool in_flash(const BootTarget *t, uint64_t addr, uint64_t len)
{
    return t->flash_size && addr >= t->flash_base && len <= t->flash_size &&
           addr - t->flash_base <= t->flash_size - len;
}

/* Write into guest memory the board has registered; len bytes of data then zero_len zeros. */
static bool put(const BootTarget *t, uint64_t addr, const void *data, uint64_t len, uint64_t zero_len,
                const char *what, EmuError *err)
{
    if (len && !address_space_rw_memory(t->as, addr, (void *)data, len, true)) {
        return emu_error_set(err, "%s: 0x%" PRIx64 "..0x%" PRIx64 " is not guest memory", what, addr,
                             addr + len);
    }
    addr += len;
    while (zero_len) {
        MemoryRegion *mr = address_space_find(t->as, addr);
        uint64_t off, chunk;
        if (!mr || !mr->host) {
            return emu_error_set(err, "%s: 0x%" PRIx64 " is not guest memory", what, addr);
        }
        off = addr - mr->base;
        chunk = MIN(zero_len, mr->size - off);
        memset(mr->host + off, 0, chunk);
        addr += chunk;
        zero_len -= chunk;
    }
    return true;
}

/* ---- arm64 Image ------------------------------------------------------------------------ */

/*
 * EFI-stub kernels are PE/COFF files too (booting.rst: code0 = "MZ", the PE
 * header offset at 0x3c): their section table says how long the file must
 * be, which catches a truncated Image.
 */
static bool check_pe_length(const uint8_t *d, size_t len, const char *what, EmuError *err)
{
    uint32_t pe = le32(d + 0x3c);
    unsigned nsec, opt;
    uint64_t sec, need = 0;

    if (pe > len || len - pe < 24 || memcmp(d + pe, "PE\0\0", 4)) {
        return emu_error_set(err, "%s: truncated or corrupt arm64 Image (no PE header at 0x%x)", what, pe);
    }
    nsec = le16(d + pe + 6);
    opt = le16(d + pe + 20);
    sec = (uint64_t)pe + 24 + opt;
    if (sec + (uint64_t)nsec * 40 > len) {
        return emu_error_set(err, "%s: truncated arm64 Image (PE section table past the end)", what);
    }
    for (unsigned i = 0; i < nsec; i++) {
        const uint8_t *h = d + sec + i * 40;
        uint64_t end = (uint64_t)le32(h + 20) + le32(h + 16);   /* PointerToRawData + SizeOfRawData */
        if (le32(h + 16) && end > need) {
            need = end;
        }
    }
    if (need > len) {
        return emu_error_set(err, "%s: truncated arm64 Image (%zu bytes, its sections need %" PRIu64 ")",
                             what, len, need);
    }
    return true;
}

static bool load_arm64_image(const BootTarget *t, const uint8_t *d, size_t len, const char *what,
                             BootKind kind, BootKernel *k, EmuError *err)
{
    static const char *const page_names[4] = { "", "4K", "16K", "64K" };
    uint64_t text_offset, image_size, flags, base, load;
    unsigned page;

    if (kind == BOOT_KIND_IMAGE_GZ && (len < 64 || le32(d + 56) != BOOT_IMAGE_MAGIC)) {
        /* Image.gz is all -kernel decompresses (QEMU does the same for arm64). */
        return emu_error_set(err, "%s: gzip-compressed file is not an arm64 Image (no ARM\\x64 magic)", what);
    }
    if (len < 64) {
        return emu_error_set(err, "%s: truncated arm64 Image (%zu bytes; the header alone is 64)", what, len);
    }
    text_offset = le64(d + 8);
    image_size = le64(d + 16);
    flags = le64(d + 24);
    if (image_size == 0) {
        /* booting.rst: before v3.17 image_size is 0 and text_offset is 0x80000. */
        text_offset = 0x80000;
        image_size = len;
    } else if (flags & 1) {
        return emu_error_set(err, "%s: big-endian arm64 Image; only little-endian kernels are supported", what);
    }
    page = (flags >> 1) & 3;
    if (page && t->page_sizes && !(t->page_sizes & (1u << (page - 1)))) {
        return emu_error_set(err, "%s: kernel built for %s pages, which this CPU does not implement", what,
                             page_names[page]);
    }
    if (len > image_size) {
        return emu_error_set(err, "%s: corrupt arm64 Image (file of %zu bytes, header image_size %" PRIu64 ")",
                             what, len, image_size);
    }
    if (d[0] == 'M' && d[1] == 'Z' && !check_pe_length(d, len, what, err)) {
        return false;
    }
    base = align_up(t->ram_base, 2 * MiB);
    load = base + text_offset;
    if (text_offset >= t->ram_size || !in_ram(t, load, image_size)) {
        return emu_error_set(err, "%s: the kernel needs %" PRIu64 " bytes at 0x%" PRIx64 ", beyond the end of "
                             "RAM (%" PRIu64 " MiB at 0x%" PRIx64 ")", what, image_size, load,
                             t->ram_size / MiB, t->ram_base);
    }
    if (!put(t, load, d, len, image_size - len, what, err)) {
        return false;
    }
    k->kind = kind;
    k->load_addr = load;
    k->end = load + image_size;
    k->entry = load;
    return true;
}

/* ---- ELF -------------------------------------------------------------------------------- */

static bool load_elf(const BootTarget *t, const uint8_t *d, size_t len, const char *what, BootKernel *k,
                     EmuError *err)
{
    ElfImage *img = g_new(ElfImage, 1);
    uint64_t lo = UINT64_MAX, hi = 0, entry;
    bool ok = false;

    if (!elf_parse_headers(d, len, len, what, img, err)) {
        goto out;
    }
    entry = img->entry;
    /* Check every segment before writing any. */
    for (unsigned i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *ph = &img->phdrs[i];
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0) {
            continue;
        }
        if (!in_ram(t, ph->p_paddr, ph->p_memsz) && !in_flash(t, ph->p_paddr, ph->p_memsz)) {
            emu_error_set(err, "%s: segment %u (0x%" PRIx64 "..0x%" PRIx64 ") is not inside RAM or flash",
                          what, i, (uint64_t)ph->p_paddr, (uint64_t)(ph->p_paddr + ph->p_memsz));
            goto out;
        }
        lo = MIN(lo, ph->p_paddr);
        hi = MAX(hi, ph->p_paddr + ph->p_memsz);
        if (img->entry >= ph->p_vaddr && img->entry - ph->p_vaddr < ph->p_memsz) {
            entry = img->entry - ph->p_vaddr + ph->p_paddr;
        }
    }
    if (hi == 0) {
        emu_error_set(err, "%s: no loadable segment", what);
        goto out;
    }
    for (unsigned i = 0; i < img->phnum; i++) {
        const Elf64_Phdr *ph = &img->phdrs[i];
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0) {
            continue;
        }
        if (!put(t, ph->p_paddr, d + ph->p_offset, ph->p_filesz, ph->p_memsz - ph->p_filesz, what, err)) {
            goto out;
        }
    }
    k->kind = BOOT_KIND_ELF;
    k->load_addr = lo;
    k->end = hi;
    k->entry = entry;
    ok = true;
out:
    g_free(img);
    return ok;
}

/* ---- entry points ----------------------------------------------------------------------- */

bool boot_load_kernel_data(const BootTarget *t, const uint8_t *d, size_t len, const char *what,
                           BootKernel *k, EmuError *err)
{
    memset(k, 0, sizeof(*k));
    if (len == 0) {
        return emu_error_set(err, "%s: empty file", what);
    }
    if (len >= 4 && !memcmp(d, ELFMAG, SELFMAG)) {
        return load_elf(t, d, len, what, k, err);
    }
    if (len >= 2 && d[0] == 0x1f && d[1] == 0x8b) {
        uint8_t *img;
        size_t img_len;
        bool ok;
        if (!boot_gunzip(d, len, t->ram_size, what, &img, &img_len, err)) {
            return false;
        }
        ok = load_arm64_image(t, img, img_len, what, BOOT_KIND_IMAGE_GZ, k, err);
        g_free(img);
        return ok;
    }
    if (len >= 64 && le32(d + 56) == BOOT_IMAGE_MAGIC) {
        return load_arm64_image(t, d, len, what, BOOT_KIND_IMAGE, k, err);
    }
    if (len < 64 && len >= 2 && d[0] == 'M' && d[1] == 'Z') {
        return emu_error_set(err, "%s: truncated arm64 Image (%zu bytes; the header alone is 64)", what, len);
    }
    /* A raw binary, entered at the RAM base. */
    if (len > t->ram_size) {
        return emu_error_set(err, "%s: raw image of %zu bytes does not fit in %" PRIu64 " MiB of RAM", what,
                             len, t->ram_size / MiB);
    }
    if (!put(t, t->ram_base, d, len, 0, what, err)) {
        return false;
    }
    k->kind = BOOT_KIND_RAW;
    k->load_addr = k->entry = t->ram_base;
    k->end = t->ram_base + len;
    return true;
}

bool boot_load_bios_data(const BootTarget *t, const uint8_t *d, size_t len, const char *what,
                         BootKernel *k, EmuError *err)
{
    memset(k, 0, sizeof(*k));
    if (!t->flash_size) {
        return emu_error_set(err, "%s: this board has no flash to hold firmware", what);
    }
    if (len == 0) {
        return emu_error_set(err, "%s: empty file", what);
    }
    if (len > t->flash_size) {
        return emu_error_set(err, "%s: firmware of %zu bytes does not fit in %" PRIu64 " MiB of flash", what,
                             len, t->flash_size / MiB);
    }
    if (!put(t, t->flash_base, d, len, t->flash_size - len, what, err)) {
        return false;
    }
    k->kind = BOOT_KIND_BIOS;
    k->load_addr = k->entry = t->flash_base;
    k->end = t->flash_base + len;
    return true;
}

bool boot_load_initrd_data(const BootTarget *t, const uint8_t *d, size_t len, const char *what,
                           const BootKernel *k, uint64_t *start, uint64_t *end, EmuError *err)
{
    uint64_t s, window;

    if (k->kind == BOOT_KIND_BIOS || !in_ram(t, k->load_addr, 0) || k->end > ram_end(t)) {
        s = t->ram_base + FDT_MAX_SIZE;   /* after the DTB's slot at the RAM base */
    } else {
        s = align_up(k->end, 4096);
    }
    if (s > ram_end(t) || len > ram_end(t) - s) {
        return emu_error_set(err, "%s: initrd of %zu bytes does not fit in RAM after the kernel "
                             "(0x%" PRIx64 "..0x%" PRIx64 " free)", what, len, s, ram_end(t));
    }
    /* booting.rst: kernel and initrd within a 1 GiB aligned window of at most 32 GiB. */
    window = (in_ram(t, k->load_addr, 0) ? k->load_addr : t->ram_base) & ~(GiB - 1);
    if (s + len > window + 32 * GiB) {
        return emu_error_set(err, "%s: initrd would end beyond the 32 GiB window that must hold the kernel "
                             "and initrd", what);
    }
    if (!put(t, s, d, len, 0, what, err)) {
        return false;
    }
    *start = s;
    *end = s + len;
    return true;
}

bool boot_load_dtb(const BootTarget *t, const BootKernel *k, uint64_t initrd_end, const void *blob,
                   size_t size, uint64_t *addr, EmuError *err)
{
    uint64_t a;

    if (size > FDT_MAX_SIZE) {
        return emu_error_set(err, "device tree: %zu bytes, more than the 2 MiB Linux accepts", size);
    }
    if (k->kind == BOOT_KIND_BIOS) {
        a = t->ram_base;
    } else {
        uint64_t above = t->ram_base;
        if (in_ram(t, k->load_addr, 0) && k->end <= ram_end(t)) {
            above = MAX(above, k->end);
        }
        above = MAX(above, initrd_end);
        a = align_up(above, 2 * MiB);
    }
    if (!in_ram(t, a, size)) {
        return emu_error_set(err, "device tree: no room in RAM after the kernel and initrd (needs %zu bytes at "
                             "0x%" PRIx64 ")", size, a);
    }
    if (!put(t, a, blob, size, 0, "device tree", err)) {
        return false;
    }
    *addr = a;
    return true;
}

void boot_entry(const BootKernel *k, uint64_t dtb_addr, BootEntry *e)
{
    memset(e, 0, sizeof(*e));
    e->pc = k->entry;
    e->x[0] = dtb_addr;   /* booting.rst: x0 = physical address of the DTB, x1..x3 = 0 */
}

/* ---- files ------------------------------------------------------------------------------ */

static bool read_file(const char *path, const char *role, uint8_t **data, size_t *len, EmuError *err)
{
    gchar *buf;
    gsize n;
    GError *gerr = NULL;

    if (!g_file_get_contents(path, &buf, &n, &gerr)) {
        emu_error_set(err, "%s: cannot read '%s': %s", role, path, gerr->message);
        g_error_free(gerr);
        return false;
    }
    *data = (uint8_t *)buf;
    *len = n;
    return true;
}

bool boot_load_kernel(const BootTarget *t, const char *path, BootKernel *k, EmuError *err)
{
    uint8_t *d;
    size_t len;
    bool ok;

    if (!read_file(path, "kernel", &d, &len, err)) {
        return false;
    }
    ok = boot_load_kernel_data(t, d, len, path, k, err);
    g_free(d);
    return ok;
}

bool boot_load_bios(const BootTarget *t, const char *path, BootKernel *k, EmuError *err)
{
    uint8_t *d;
    size_t len;
    bool ok;

    if (!read_file(path, "bios", &d, &len, err)) {
        return false;
    }
    ok = boot_load_bios_data(t, d, len, path, k, err);
    g_free(d);
    return ok;
}

bool boot_load_initrd(const BootTarget *t, const char *path, const BootKernel *k, uint64_t *start,
                      uint64_t *end, EmuError *err)
{
    uint8_t *d;
    size_t len;
    bool ok;

    if (!read_file(path, "initrd", &d, &len, err)) {
        return false;
    }
    ok = boot_load_initrd_data(t, d, len, path, k, start, end, err);
    g_free(d);
    return ok;
}
