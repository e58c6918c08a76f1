/*
 * The system's physical address space: RAM and device regions.
 *
 * A device is a state struct with a const MemoryRegionOps table; each MMIO
 * access carries the index of the CPU that made it (the GIC banks
 * registers per CPU).  An access to no region, or with a size a device
 * does not accept, is a guest error: logged with -d guest_errors, reads
 * as zero, writes are ignored (the CPU model may also raise an external
 * abort; that is the caller's choice).
 */
#ifndef HW_MEMORY_H
#define HW_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

typedef struct MemoryRegionOps {
    /* offset is relative to the region's base; size is 1, 2, 4 or 8. */
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size, unsigned cpu);
    void (*write)(void *opaque, uint64_t offset, uint64_t value, unsigned size, unsigned cpu);
    uint8_t min_access, max_access;   /* accepted sizes in bytes; 0 means 1..8 */
} MemoryRegionOps;

typedef struct MemoryRegion {
    const char *name;
    uint64_t base, size;
    const MemoryRegionOps *ops;   /* NULL for RAM/ROM */
    void *opaque;
    uint8_t *host;                /* RAM/ROM: host memory backing the region */
    bool readonly;                /* ROM: guest writes are ignored (logged) */
    /*
     * A ROM device has both host and ops (flash): reads come from host
     * unless rom_io is set, then from ops->read; writes always go to
     * ops->write.  Whoever sets rom_io flushes the CPUs' TLBs.
     */
    bool rom_io;
} MemoryRegion;

#define ADDRESS_SPACE_MAX_REGIONS 64

typedef struct AddressSpace {
    MemoryRegion *regions[ADDRESS_SPACE_MAX_REGIONS];   /* sorted by base, no overlaps */
    unsigned nb_regions;
} AddressSpace;

void address_space_init(AddressSpace *as);
/* Add a region; returns false if it overlaps another or the table is full. */
bool address_space_add(AddressSpace *as, MemoryRegion *mr);
/* The region containing addr, or NULL. */
MemoryRegion *address_space_find(const AddressSpace *as, uint64_t addr);

/* Accesses by physical address (MMIO dispatch or RAM); size 1, 2, 4 or 8. */
uint64_t address_space_read(const AddressSpace *as, uint64_t addr, unsigned size, unsigned cpu);
void address_space_write(const AddressSpace *as, uint64_t addr, uint64_t value, unsigned size,
                         unsigned cpu);
/* Copy to/from RAM or ROM only (loaders, DMA); false if the range is not all memory. */
bool address_space_rw_memory(const AddressSpace *as, uint64_t addr, void *buf, uint64_t len,
                             bool is_write);

/*
 * A device (or loader) wrote guest memory [addr, addr + len) without the
 * CPUs' stores: translated code from those pages must be thrown away, as
 * after a CPU store.  address_space_rw_memory calls it for its writes;
 * devices writing through host pointers (preadv into guest RAM) call it
 * themselves.  The hook is set by the translator (accel/softmmu.c).
 */
void memory_dma_written(uint64_t addr, uint64_t len);
extern void (*memory_dma_write_hook)(uint64_t addr, uint64_t len);

/* For `info mtree`. */
#include <stdio.h>
void address_space_dump(const AddressSpace *as, FILE *f);

#endif
