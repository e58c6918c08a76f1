/*
 * Parallel NOR flash with the Intel/Sharp command set (CFI primary
 * command set 0x0001), as the virt board's two flash banks.
 *
 * Geometry (as QEMU's virt): each bank is PFLASH_BANK_WIDTH (4) bytes wide,
 * made of two interleaved 16-bit chips (device width 2); commands are
 * taken from the low byte of each write (software replicates them per
 * chip), and every answer (status, IDs, CFI query) is given by each chip
 * in its own 16-bit lane.  An erase block ("sector") is 256 KiB of the bank,
 * 128 KiB of each chip; the CFI table describes one chip, so a driver that
 * finds the 2x16 interleave (U-Boot's and Linux's cfi drivers do) computes
 * the bank's size and sectors.
 *
 * Commands: 0xFF/0xF0/0x00 read array, 0x70 read status, 0x50 clear status,
 * 0x90 read identifier (Intel 0x89/0x18, block lock status 0), 0x98 CFI
 * query, 0x20+0xD0 block erase, 0x40/0x10 word program, 0xE8 buffered
 * write (count, data, 0xD0), 0x60+0x01/0xD0/0x2F lock bits (accepted and
 * ignored: blocks always read as unlocked), 0xB0 suspend (no-op: every
 * operation completes at once).  Programming ANDs into the array, as real
 * NOR does.  A read-only bank fails program (status 0x10) and erase (0x20).
 *
 * The array is host memory that the memory region exposes directly while
 * the chips are in read-array mode (a "ROM device", see hw/memory.h: the
 * guest executes and reads it at memory speed); any other mode turns
 * reads into device accesses, and hooks.mode_changed tells the board to
 * flush the CPUs' TLBs.  hooks.data_changed reports each programmed or
 * erased range (translated code on it must go).  With a backing file,
 * every program and erase is written through to it.
 *
 * Thread safety: the write/read callbacks run under the board's I/O lock.
 *
 * Public functions: pflash_init, pflash_load_file, pflash_reset,
 * pflash_destroy, pflash_fdt_node (for both banks), pflash_cfi_byte.
 */
#ifndef HW_PFLASH_H
#define HW_PFLASH_H

#include <stdbool.h>
#include <stdint.h>
#include "hw/memory.h"
#include "util/error.h"

#define PFLASH_BANK_WIDTH    4u
#define PFLASH_DEVICE_WIDTH  2u
#define PFLASH_SECTOR_SIZE   (256u * 1024)   /* of the bank: 128 KiB per chip */
#define PFLASH_MAX_BUFFER    4096u           /* buffered write: bytes of the bank (2 KiB per chip) */

typedef struct PFlashHooks {
    /* Reads of the array stop or start being served from memory. */
    void (*mode_changed)(void *opaque);
    /* Bytes [offset, offset+len) of the bank were programmed or erased. */
    void (*data_changed)(void *opaque, uint64_t offset, uint64_t len);
    void *opaque;
} PFlashHooks;

typedef struct PFlashState {
    MemoryRegion mr;        /* host = the array; ops = the command interface */
    uint8_t *array;
    uint64_t size;
    bool readonly;
    int fd;                 /* backing file written through, or -1 */
    const char *path;       /* for messages */
    PFlashHooks hooks;
    /* Command state */
    uint8_t mode;           /* what reads return: PFLASH_MODE_* (pflash.c) */
    uint8_t pending;        /* a command waiting for its next write */
    uint8_t status;         /* status register (per chip) */
    uint32_t buf_words;     /* buffered write: bank words still to come */
    uint64_t buf_start;     /* buffered write: first offset written, or UINT64_MAX */
    uint64_t buf_end;
    uint8_t buf[PFLASH_MAX_BUFFER];
    uint8_t buf_valid[PFLASH_MAX_BUFFER];
} PFlashState;

/*
 * A bank of size bytes (a multiple of the sector size) at base, erased
 * (all 0xFF), writable, without a backing file.  false with err set if
 * memory cannot be had.
 */
bool pflash_init(PFlashState *s, const char *name, uint64_t base, uint64_t size,
                 const PFlashHooks *hooks, EmuError *err);
/*
 * Put a file's contents at the start of the bank (the rest stays erased).
 * write_through: the guest's program/erase go to the file (opened
 * read-write unless readonly).  readonly: the guest cannot change the bank.
 * A file larger than the bank is refused with one line naming it.
 */
bool pflash_load_file(PFlashState *s, const char *path, const char *role, bool readonly,
                      bool write_through, EmuError *err);
/* Back to read-array mode with a clear status (contents kept, as on real flash). */
void pflash_reset(PFlashState *s);
void pflash_destroy(PFlashState *s);

/* The one "cfi-flash" node describing both banks (they must be adjacent). */
struct FdtBuilder;
void pflash_fdt_node(struct FdtBuilder *b, PFlashState *bank0, PFlashState *bank1);

/* One chip's CFI query byte at index (tests). */
uint8_t pflash_cfi_byte(unsigned index);

#endif
