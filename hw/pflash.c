/* CFI parallel NOR flash, Intel command set: see include/hw/pflash.h. */
#include "hw/pflash.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "boot/fdt.h"
#include "util/log.h"

/* What a read returns. */
enum { PFLASH_MODE_ARRAY, PFLASH_MODE_STATUS, PFLASH_MODE_ID, PFLASH_MODE_CFI };

/* Commands waiting for a further write. */
enum { PEND_NONE, PEND_PROGRAM, PEND_ERASE, PEND_LOCK, PEND_BUF_COUNT, PEND_BUF_DATA,
       PEND_BUF_CONFIRM };

/* Status register bits (the Intel "SR"). */
#define SR_READY        0x80
#define SR_ERASE_ERR    0x20
#define SR_PROGRAM_ERR  0x10

#define INTERLEAVE      (PFLASH_BANK_WIDTH / PFLASH_DEVICE_WIDTH)
#define CHIP_SECTOR     (PFLASH_SECTOR_SIZE / INTERLEAVE)

/*
 * One chip's CFI query structure (JESD68.01): x16 chip of 32 MiB in 256
 * blocks of 128 KiB, primary command set 0x0001 with its extended table
 * at 0x31.  Timeouts are nominal: operations finish at once.
 */
static const uint8_t cfi_table[] = {
    [0x10] = 'Q', 'R', 'Y',
    [0x13] = 0x01, 0x00,    /* primary command set: Intel/Sharp extended */
    [0x15] = 0x31, 0x00,    /* its extended query table */
    [0x17] = 0x00, 0x00,    /* no alternate command set */
    [0x19] = 0x00, 0x00,
    [0x1b] = 0x45, 0x55,    /* Vcc 4.5-5.5 V */
    [0x1d] = 0x00, 0x00,    /* no Vpp */
    [0x1f] = 0x07,          /* typical word program: 2^7 us */
    [0x20] = 0x07,          /* typical buffered write: 2^7 us */
    [0x21] = 0x0a,          /* typical block erase: 2^10 ms */
    [0x22] = 0x00,          /* no chip erase */
    [0x23] = 0x04, 0x04, 0x04, 0x00,   /* maximum = typical * 2^N */
    [0x27] = 25,            /* chip size 2^25 = 32 MiB */
    [0x28] = 0x01, 0x00,    /* x16 asynchronous interface */
    [0x2a] = 11, 0x00,      /* write buffer 2^11 bytes per chip */
    [0x2c] = 1,             /* one erase block region: */
    [0x2d] = 0xff, 0x00,    /*   256 blocks */
    [0x2f] = (CHIP_SECTOR / 256) & 0xff, (CHIP_SECTOR / 256) >> 8,   /* of 128 KiB */
    [0x31] = 'P', 'R', 'I', '1', '1',
    [0x36] = 0x00, 0x00, 0x00, 0x00,   /* no optional features */
    [0x3a] = 0x00,          /* no program after suspend */
    [0x3b] = 0x01, 0x00,    /* block status register: lock bit */
    [0x3d] = 0x50, 0x00,    /* optimum Vcc, Vpp */
};

_Static_assert(CHIP_SECTOR * 256 == (1u << 25), "CFI table geometry");
_Static_assert((1u << 11) * INTERLEAVE == PFLASH_MAX_BUFFER, "write buffer size");

uint8_t pflash_cfi_byte(unsigned index)
{
    return index < sizeof(cfi_table) ? cfi_table[index] : 0;
}

static bool reads_from_memory(const PFlashState *s)
{
    return s->mode == PFLASH_MODE_ARRAY && s->pending == PEND_NONE;
}

/* Enter a mode/pending state; tell the board when array reads move between memory and device. */
static void set_state(PFlashState *s, uint8_t mode, uint8_t pending)
{
    bool before = reads_from_memory(s);

    s->mode = mode;
    s->pending = pending;
    if (before != reads_from_memory(s)) {
        __atomic_store_n(&s->mr.rom_io, !reads_from_memory(s), __ATOMIC_RELEASE);
        if (s->hooks.mode_changed) {
            s->hooks.mode_changed(s->hooks.opaque);
        }
    }
}

/* One chip's 16-bit answer for bank word `word` in the current (non-array) mode. */
static uint16_t chip_value(const PFlashState *s, uint64_t offset)
{
    uint64_t word = offset / PFLASH_BANK_WIDTH;

    if (s->pending != PEND_NONE || s->mode == PFLASH_MODE_STATUS) {
        return s->status;
    }
    if (s->mode == PFLASH_MODE_ID) {
        /* Within each block: manufacturer, device, block lock status. */
        switch ((offset % PFLASH_SECTOR_SIZE) / PFLASH_BANK_WIDTH) {
        case 0:
            return 0x89;   /* Intel */
        case 1:
            return 0x18;
        default:
            return 0;      /* unlocked (and other ID words) */
        }
    }
    return pflash_cfi_byte((unsigned)(word < 0x100 ? word : 0x100));
}

static uint64_t pflash_read(void *opaque, uint64_t offset, unsigned size, unsigned cpu)
{
    PFlashState *s = opaque;
    uint64_t v = 0;

    if (s->mode == PFLASH_MODE_ARRAY && s->pending == PEND_NONE) {
        memcpy(&v, s->array + offset, size);
        return v;
    }
    /* Each byte: which chip's lane, low or high half of its 16-bit answer. */
    for (unsigned i = 0; i < size; i++) {
        uint64_t a = offset + i;
        unsigned lane = (unsigned)(a % PFLASH_BANK_WIDTH) % PFLASH_DEVICE_WIDTH;
        uint16_t cv = chip_value(s, a - (a % PFLASH_BANK_WIDTH));
        v |= (uint64_t)((cv >> (8 * lane)) & 0xff) << (8 * i);
    }
    return v;
}

/* Write [off, off+len) of the array to the backing file and tell the board. */
static void changed(PFlashState *s, uint64_t off, uint64_t len)
{
    if (s->fd >= 0) {
        uint64_t done = 0;
        while (done < len) {
            ssize_t n = pwrite(s->fd, s->array + off + done, len - done, (off_t)(off + done));
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                emu_report("pflash: writing '%s' failed: %s", s->path, strerror(errno));
                break;
            }
            done += (uint64_t)n;
        }
    }
    if (s->hooks.data_changed) {
        s->hooks.data_changed(s->hooks.opaque, off, len);
    }
}

static void program(PFlashState *s, uint64_t offset, const uint8_t *data, const uint8_t *valid,
                    uint64_t len)
{
    if (s->readonly) {
        s->status |= SR_PROGRAM_ERR;
        emu_log_mask(LOG_GUEST_ERRORS, "%s: program of read-only flash at 0x%" PRIx64 "\n",
                     s->mr.name, offset);
        return;
    }
    for (uint64_t i = 0; i < len; i++) {
        if (!valid || valid[i]) {
            s->array[offset + i] &= data[i];   /* NOR programming only clears bits */
        }
    }
    changed(s, offset, len);
}

static void erase(PFlashState *s, uint64_t offset)
{
    uint64_t start = offset & ~(uint64_t)(PFLASH_SECTOR_SIZE - 1);

    if (s->readonly) {
        s->status |= SR_ERASE_ERR;
        emu_log_mask(LOG_GUEST_ERRORS, "%s: erase of read-only flash at 0x%" PRIx64 "\n",
                     s->mr.name, start);
        return;
    }
    memset(s->array + start, 0xff, PFLASH_SECTOR_SIZE);
    changed(s, start, PFLASH_SECTOR_SIZE);
}

/* A data write of the buffered-write sequence: gather it in the buffer. */
static void buffer_data(PFlashState *s, uint64_t offset, uint64_t value, unsigned size)
{
    unsigned words = size >= PFLASH_BANK_WIDTH ? size / PFLASH_BANK_WIDTH : 1;

    if (s->buf_start == UINT64_MAX) {
        s->buf_start = offset & ~(uint64_t)(PFLASH_BANK_WIDTH - 1);
    }
    if (offset < s->buf_start || offset + size > s->buf_start + PFLASH_MAX_BUFFER) {
        emu_log_mask(LOG_GUEST_ERRORS, "%s: buffered write data at 0x%" PRIx64 " outside the buffer\n",
                     s->mr.name, offset);
        s->status |= SR_PROGRAM_ERR | SR_ERASE_ERR;   /* command sequence error */
        set_state(s, PFLASH_MODE_STATUS, PEND_NONE);
        return;
    }
    for (unsigned i = 0; i < size; i++) {
        uint64_t at = offset + i - s->buf_start;
        s->buf[at] = (uint8_t)(value >> (8 * i));
        s->buf_valid[at] = 1;
    }
    if (offset + size > s->buf_end) {
        s->buf_end = offset + size;
    }
    s->buf_words = s->buf_words > words ? s->buf_words - words : 0;
    if (s->buf_words == 0) {
        set_state(s, PFLASH_MODE_STATUS, PEND_BUF_CONFIRM);
    }
}

static void pflash_write(void *opaque, uint64_t offset, uint64_t value, unsigned size,
                         unsigned cpu)
{
    PFlashState *s = opaque;
    uint8_t cmd = (uint8_t)value;

    switch (s->pending) {
    case PEND_PROGRAM: {
        uint8_t data[8];
        memcpy(data, &value, sizeof(data));
        program(s, offset, data, NULL, size);
        set_state(s, PFLASH_MODE_STATUS, PEND_NONE);
        return;
    }
    case PEND_ERASE:
        if (cmd == 0xd0) {
            erase(s, offset);
        } else {
            s->status |= SR_PROGRAM_ERR | SR_ERASE_ERR;   /* command sequence error */
        }
        set_state(s, PFLASH_MODE_STATUS, PEND_NONE);
        return;
    case PEND_LOCK:
        /* 0x01 lock, 0xD0 unlock, 0x2F lock-down: accepted, blocks stay unlocked. */
        if (cmd != 0x01 && cmd != 0xd0 && cmd != 0x2f) {
            s->status |= SR_PROGRAM_ERR | SR_ERASE_ERR;
        }
        set_state(s, PFLASH_MODE_STATUS, PEND_NONE);
        return;
    case PEND_BUF_COUNT: {
        /* Each chip is told its 16-bit word count minus one: the bank's word count minus one. */
        uint32_t n = (uint32_t)(value & 0xffff) + 1;
        if (n > PFLASH_MAX_BUFFER / PFLASH_BANK_WIDTH) {
            emu_log_mask(LOG_GUEST_ERRORS, "%s: buffered write of %u words, more than the buffer\n",
                         s->mr.name, n);
            s->status |= SR_PROGRAM_ERR | SR_ERASE_ERR;
            set_state(s, PFLASH_MODE_STATUS, PEND_NONE);
            return;
        }
        s->buf_words = n;
        s->buf_start = UINT64_MAX;
        s->buf_end = 0;
        memset(s->buf_valid, 0, sizeof(s->buf_valid));
        set_state(s, PFLASH_MODE_STATUS, PEND_BUF_DATA);
        return;
    }
    case PEND_BUF_DATA:
        buffer_data(s, offset, value, size);
        return;
    case PEND_BUF_CONFIRM:
        if (cmd == 0xd0) {
            program(s, s->buf_start, s->buf, s->buf_valid, s->buf_end - s->buf_start);
        } else {
            s->status |= SR_PROGRAM_ERR | SR_ERASE_ERR;
        }
        set_state(s, PFLASH_MODE_STATUS, PEND_NONE);
        return;
    default:
        break;
    }

    switch (cmd) {
    case 0x00:
    case 0xf0:   /* AMD-style reset, which probing drivers send to any chip */
    case 0xff:
        set_state(s, PFLASH_MODE_ARRAY, PEND_NONE);
        break;
    case 0x10:
    case 0x40:
        set_state(s, PFLASH_MODE_STATUS, PEND_PROGRAM);
        break;
    case 0x20:
        set_state(s, PFLASH_MODE_STATUS, PEND_ERASE);
        break;
    case 0x50:
        s->status = SR_READY;
        break;
    case 0x60:
        set_state(s, PFLASH_MODE_STATUS, PEND_LOCK);
        break;
    case 0x70:
        set_state(s, PFLASH_MODE_STATUS, PEND_NONE);
        break;
    case 0x90:
        set_state(s, PFLASH_MODE_ID, PEND_NONE);
        break;
    case 0x98:
        set_state(s, PFLASH_MODE_CFI, PEND_NONE);
        break;
    case 0xe8:
        /* Reads now give the extended status: ready, a buffer is free. */
        set_state(s, PFLASH_MODE_STATUS, PEND_BUF_COUNT);
        break;
    case 0xb0:   /* suspend */
    case 0xd0:   /* resume */
        break;
    default:
        emu_log_mask(LOG_GUEST_ERRORS, "%s: unknown command 0x%02x at 0x%" PRIx64 "\n",
                     s->mr.name, cmd, offset);
        set_state(s, PFLASH_MODE_ARRAY, PEND_NONE);
        break;
    }
}

static const MemoryRegionOps pflash_ops = {
    .read = pflash_read,
    .write = pflash_write,
};

bool pflash_init(PFlashState *s, const char *name, uint64_t base, uint64_t size,
                 const PFlashHooks *hooks, EmuError *err)
{
    void *p;

    memset(s, 0, sizeof(*s));
    s->fd = -1;
    if (size == 0 || size % PFLASH_SECTOR_SIZE) {
        return emu_error_set(err, "internal: flash bank size %" PRIu64 " is not whole sectors", size);
    }
    p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        return emu_error_set(err, "cannot allocate %" PRIu64 " MiB for %s", size >> 20, name);
    }
    memset(p, 0xff, size);
    s->array = p;
    s->size = size;
    if (hooks) {
        s->hooks = *hooks;
    }
    s->mr.name = name;
    s->mr.base = base;
    s->mr.size = size;
    s->mr.ops = &pflash_ops;
    s->mr.opaque = s;
    s->mr.host = p;
    s->mr.readonly = true;   /* guest writes are commands: they reach pflash_write */
    s->mode = PFLASH_MODE_ARRAY;
    s->status = SR_READY;
    return true;
}

bool pflash_load_file(PFlashState *s, const char *path, const char *role, bool readonly,
                      bool write_through, EmuError *err)
{
    int fd = open(path, (write_through && !readonly ? O_RDWR : O_RDONLY) | O_CLOEXEC);
    struct stat st;
    uint64_t done = 0;

    if (fd < 0) {
        return emu_error_set(err, "%s: cannot open '%s': %s", role, path, strerror(errno));
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return emu_error_set(err, "%s: '%s' is not a regular file", role, path);
    }
    if ((uint64_t)st.st_size > s->size) {
        close(fd);
        return emu_error_set(err, "%s: '%s' is %" PRIu64 " bytes, larger than the %" PRIu64
                             " MiB flash bank", role, path, (uint64_t)st.st_size, s->size >> 20);
    }
    while (done < (uint64_t)st.st_size) {
        ssize_t n = pread(fd, s->array + done, (size_t)st.st_size - done, (off_t)done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            close(fd);
            return emu_error_set(err, "%s: cannot read '%s'", role, path);
        }
        done += (uint64_t)n;
    }
    s->readonly = readonly;
    s->path = path;
    if (write_through && !readonly) {
        s->fd = fd;
    } else {
        close(fd);
    }
    return true;
}

void pflash_reset(PFlashState *s)
{
    s->status = SR_READY;
    s->buf_words = 0;
    set_state(s, PFLASH_MODE_ARRAY, PEND_NONE);
}

void pflash_destroy(PFlashState *s)
{
    if (!s->array) {
        return;   /* never set up (or already destroyed) */
    }
    if (s->fd >= 0) {
        fsync(s->fd);
        close(s->fd);
        s->fd = -1;
    }
    if (s->array) {
        munmap(s->array, s->size);
        s->array = NULL;
    }
}

void pflash_fdt_node(FdtBuilder *b, PFlashState *bank0, PFlashState *bank1)
{
    uint32_t reg[8] = {
        (uint32_t)(bank0->mr.base >> 32), (uint32_t)bank0->mr.base,
        (uint32_t)(bank0->size >> 32), (uint32_t)bank0->size,
        (uint32_t)(bank1->mr.base >> 32), (uint32_t)bank1->mr.base,
        (uint32_t)(bank1->size >> 32), (uint32_t)bank1->size,
    };
    int node = fdtb_node(b, 0, "flash@%" PRIx64, bank0->mr.base);

    fdtb_prop_str(b, node, "compatible", "cfi-flash");
    fdtb_prop_cells(b, node, "reg", reg, 8);
    fdtb_prop_u32(b, node, "bank-width", PFLASH_BANK_WIDTH);
}
