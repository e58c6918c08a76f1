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

/* ---- gzip (RFC 1952) and deflate (RFC 1951) -------------------------------------------- */

typedef struct Huffman {
    uint16_t count[16];    /* codes of each length */
    uint16_t symbol[288];  /* symbols ordered by code */
} Huffman;

typedef struct Inflate {
    const uint8_t *in;
    size_t in_len, in_pos;
    uint32_t bits;
    unsigned nbits;
    uint8_t *out;
    size_t out_len, out_cap, out_max;
    const char *error;     /* what went wrong, for the message */
} Inflate;

static bool need_bits(Inflate *s, unsigned n, uint32_t *v)
{
    while (s->nbits < n) {
        if (s->in_pos >= s->in_len) {
            s->error = "truncated";
            return false;
        }
        s->bits |= (uint32_t)s->in[s->in_pos++] << s->nbits;
        s->nbits += 8;
    }
    *v = s->bits & ((1u << n) - 1);
    s->bits >>= n;
    s->nbits -= n;
    return true;
}

static bool out_byte(Inflate *s, uint8_t b)
{
    if (s->out_len == s->out_cap) {
        size_t cap;
        if (s->out_cap >= s->out_max) {
            s->error = "too large";
            return false;
        }
        cap = s->out_cap ? MIN(s->out_cap * 2, s->out_max) : MIN((size_t)1 << 20, s->out_max);
        s->out = g_realloc(s->out, cap);
        s->out_cap = cap;
    }
    s->out[s->out_len++] = b;
    return true;
}

/* Canonical Huffman code from code lengths (RFC 1951, 3.2.2); incomplete codes are allowed. */
static bool huff_build(Huffman *h, const uint8_t *lens, unsigned n)
{
    uint16_t offs[16];
    int left = 1;

    memset(h->count, 0, sizeof(h->count));
    for (unsigned i = 0; i < n; i++) {
        h->count[lens[i]]++;
    }
    h->count[0] = 0;
    for (unsigned len = 1; len < 16; len++) {
        left = left * 2 - h->count[len];
        if (left < 0) {
            return false;   /* over-subscribed */
        }
    }
    offs[1] = 0;
    for (unsigned len = 1; len < 15; len++) {
        offs[len + 1] = offs[len] + h->count[len];
    }
    for (unsigned i = 0; i < n; i++) {
        if (lens[i]) {
            h->symbol[offs[lens[i]]++] = i;
        }
    }
    return true;
}

/* Codes arrive most significant bit first, one bit at a time. */
static int huff_decode(Inflate *s, const Huffman *h)
{
    int code = 0, first = 0, index = 0;

    for (unsigned len = 1; len < 16; len++) {
        uint32_t bit;
        int count = h->count[len];
        if (!need_bits(s, 1, &bit)) {
            return -1;
        }
        code |= bit;
        if (code - first < count) {
            return h->symbol[index + code - first];
        }
        index += count;
        first = (first + count) << 1;
        code <<= 1;
    }
    s->error = "invalid Huffman code";
    return -1;
}

static const uint16_t len_base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35,
                                       43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                       4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                        8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
                                        9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/* The compressed data of one block (RFC 1951, 3.2.5). */
static bool inflate_codes(Inflate *s, const Huffman *lit, const Huffman *dist)
{
    for (;;) {
        int sym = huff_decode(s, lit);
        uint32_t extra;
        unsigned len, d;

        if (sym < 0) {
            return false;
        }
        if (sym < 256) {
            if (!out_byte(s, sym)) {
                return false;
            }
            continue;
        }
        if (sym == 256) {
            return true;
        }
        sym -= 257;
        if (sym >= 29) {
            s->error = "invalid length code";
            return false;
        }
        if (!need_bits(s, len_extra[sym], &extra)) {
            return false;
        }
        len = len_base[sym] + extra;
        sym = huff_decode(s, dist);
        if (sym < 0) {
            return false;
        }
        if (sym >= 30) {
            s->error = "invalid distance code";
            return false;
        }
        if (!need_bits(s, dist_extra[sym], &extra)) {
            return false;
        }
        d = dist_base[sym] + extra;
        if (d > s->out_len) {
            s->error = "distance before the start of the data";
            return false;
        }
        while (len--) {
            if (!out_byte(s, s->out[s->out_len - d])) {
                return false;
            }
        }
    }
}

static bool inflate_stored(Inflate *s)
{
    unsigned len;

    s->bits = 0;   /* skip to the byte boundary */
    s->nbits = 0;
    if (s->in_len - s->in_pos < 4) {
        s->error = "truncated";
        return false;
    }
    len = le16(s->in + s->in_pos);
    if ((le16(s->in + s->in_pos + 2) ^ 0xffff) != len) {
        s->error = "corrupt stored block length";
        return false;
    }
    s->in_pos += 4;
    if (s->in_len - s->in_pos < len) {
        s->error = "truncated";
        return false;
    }
    for (unsigned i = 0; i < len; i++) {
        if (!out_byte(s, s->in[s->in_pos + i])) {
            return false;
        }
    }
    s->in_pos += len;
    return true;
}

static bool inflate_fixed(Inflate *s)
{
    Huffman lit, dist;
    uint8_t lens[288];
    unsigned i;

    for (i = 0; i < 144; i++) {
        lens[i] = 8;
    }
    for (; i < 256; i++) {
        lens[i] = 9;
    }
    for (; i < 280; i++) {
        lens[i] = 7;
    }
    for (; i < 288; i++) {
        lens[i] = 8;
    }
    huff_build(&lit, lens, 288);
    memset(lens, 5, 30);
    huff_build(&dist, lens, 30);
    return inflate_codes(s, &lit, &dist);
}

static bool inflate_dynamic(Inflate *s)
{
    static const uint8_t order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
    uint8_t lens[320];
    Huffman lencode, lit, dist;
    uint32_t hlit, hdist, hclen, v;
    unsigned i;

    if (!need_bits(s, 5, &hlit) || !need_bits(s, 5, &hdist) || !need_bits(s, 4, &hclen)) {
        return false;
    }
    hlit += 257;
    hdist += 1;
    hclen += 4;
    if (hlit > 286 || hdist > 30) {
        s->error = "bad code counts";
        return false;
    }
    memset(lens, 0, sizeof(lens));
    for (i = 0; i < hclen; i++) {
        if (!need_bits(s, 3, &v)) {
            return false;
        }
        lens[order[i]] = v;
    }
    if (!huff_build(&lencode, lens, 19)) {
        s->error = "bad code-length code";
        return false;
    }
    for (i = 0; i < hlit + hdist;) {
        int sym = huff_decode(s, &lencode);
        unsigned rep;
        uint8_t val = 0;
        if (sym < 0) {
            return false;
        }
        if (sym < 16) {
            lens[i++] = sym;
            continue;
        }
        if (sym == 16) {
            if (i == 0) {
                s->error = "repeat with no previous length";
                return false;
            }
            val = lens[i - 1];
            if (!need_bits(s, 2, &v)) {
                return false;
            }
            rep = 3 + v;
        } else if (sym == 17) {
            if (!need_bits(s, 3, &v)) {
                return false;
            }
            rep = 3 + v;
        } else {
            if (!need_bits(s, 7, &v)) {
                return false;
            }
            rep = 11 + v;
        }
        if (i + rep > hlit + hdist) {
            s->error = "too many code lengths";
            return false;
        }
        while (rep--) {
            lens[i++] = val;
        }
    }
    if (lens[256] == 0) {
        s->error = "no end-of-block code";
        return false;
    }
    if (!huff_build(&lit, lens, hlit) || !huff_build(&dist, lens + hlit, hdist)) {
        s->error = "bad literal/length or distance code";
        return false;
    }
    return inflate_codes(s, &lit, &dist);
}

static uint32_t crc32_ieee(const uint8_t *p, size_t len)
{
    static uint32_t table[256];
    static bool ready;
    uint32_t c = 0xffffffff;

    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t v = i;
            for (int k = 0; k < 8; k++) {
                v = (v & 1) ? 0xedb88320 ^ (v >> 1) : v >> 1;
            }
            table[i] = v;
        }
        ready = true;
    }
    for (size_t i = 0; i < len; i++) {
        c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    }
    return c ^ 0xffffffff;
}

bool boot_gunzip(const uint8_t *in, size_t len, size_t max_out, const char *what, uint8_t **out,
                 size_t *out_len, EmuError *err)
{
    Inflate s = { .in = in, .in_len = len, .out_max = max_out };
    size_t pos = 10;
    uint8_t flg;
    uint32_t last, type;

    if (len < 18 || in[0] != 0x1f || in[1] != 0x8b) {
        return emu_error_set(err, "%s: truncated gzip data", what);
    }
    if (in[2] != 8) {
        return emu_error_set(err, "%s: gzip data with unknown compression method %u", what, in[2]);
    }
    flg = in[3];
    if (flg & 0xe0) {
        return emu_error_set(err, "%s: corrupt gzip header (reserved flags set)", what);
    }
    if (flg & 4) {   /* FEXTRA */
        if (len - pos < 2 || len - pos - 2 < le16(in + pos)) {
            return emu_error_set(err, "%s: truncated gzip data", what);
        }
        pos += 2 + le16(in + pos);
    }
    for (int f = 8; f <= 16; f <<= 1) {   /* FNAME, FCOMMENT: zero-terminated */
        if (flg & f) {
            const uint8_t *z = memchr(in + pos, 0, len - pos);
            if (!z) {
                return emu_error_set(err, "%s: truncated gzip data", what);
            }
            pos = z - in + 1;
        }
    }
    if (flg & 2) {   /* FHCRC */
        pos += 2;
    }
    if (pos > len) {
        return emu_error_set(err, "%s: truncated gzip data", what);
    }
    s.in_pos = pos;
    do {
        bool ok;
        if (!need_bits(&s, 1, &last) || !need_bits(&s, 2, &type)) {
            break;
        }
        if (type == 0) {
            ok = inflate_stored(&s);
        } else if (type == 1) {
            ok = inflate_fixed(&s);
        } else if (type == 2) {
            ok = inflate_dynamic(&s);
        } else {
            s.error = "invalid block type";
            ok = false;
        }
        if (!ok) {
            break;
        }
    } while (!last);
    if (!s.error && s.in_len - s.in_pos < 8) {
        s.error = "truncated";
    }
    if (!s.error && le32(in + s.in_pos) != crc32_ieee(s.out, s.out_len)) {
        s.error = "CRC mismatch";
    }
    if (!s.error && le32(in + s.in_pos + 4) != (uint32_t)s.out_len) {
        s.error = "length mismatch";
    }
    if (s.error) {
        g_free(s.out);
        if (!strcmp(s.error, "truncated")) {
            return emu_error_set(err, "%s: truncated gzip data", what);
        }
        if (!strcmp(s.error, "too large")) {
            return emu_error_set(err, "%s: decompresses to more than %zu bytes", what, max_out);
        }
        return emu_error_set(err, "%s: corrupt gzip data (%s)", what, s.error);
    }
    *out = s.out ? s.out : g_malloc(1);
    *out_len = s.out_len;
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
