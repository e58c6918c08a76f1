/* The physical address space: see include/hw/memory.h. */
#include <inttypes.h>
#include <string.h>
#include "hw/memory.h"
#include "util/log.h"

void address_space_init(AddressSpace *as)
{
    memset(as, 0, sizeof(*as));
}

bool address_space_add(AddressSpace *as, MemoryRegion *mr)
{
    unsigned i;

    if (as->nb_regions == ADDRESS_SPACE_MAX_REGIONS || mr->size == 0 ||
        mr->base + mr->size - 1 < mr->base) {
        return false;
    }
    for (i = 0; i < as->nb_regions; i++) {
        const MemoryRegion *o = as->regions[i];
        if (mr->base <= o->base + o->size - 1 && o->base <= mr->base + mr->size - 1) {
            return false;
        }
    }
    /* Keep the table sorted by base for the binary search. */
    for (i = as->nb_regions; i > 0 && as->regions[i - 1]->base > mr->base; i--) {
        as->regions[i] = as->regions[i - 1];
    }
    as->regions[i] = mr;
    as->nb_regions++;
    return true;
}

MemoryRegion *address_space_find(const AddressSpace *as, uint64_t addr)
{
    unsigned lo = 0, hi = as->nb_regions;

    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        MemoryRegion *mr = as->regions[mid];
        if (addr < mr->base) {
            hi = mid;
        } else if (addr - mr->base >= mr->size) {
            lo = mid + 1;
        } else {
            return mr;
        }
    }
    return NULL;
}

static bool size_ok(const MemoryRegion *mr, uint64_t offset, unsigned size)
{
    unsigned min = mr->ops->min_access ? mr->ops->min_access : 1;
    unsigned max = mr->ops->max_access ? mr->ops->max_access : 8;
    return size >= min && size <= max && offset + size <= mr->size;
}

uint64_t address_space_read(const AddressSpace *as, uint64_t addr, unsigned size, unsigned cpu)
{
    MemoryRegion *mr = address_space_find(as, addr);
    uint64_t off, v = 0;

    if (!mr) {
        emu_log_mask(LOG_GUEST_ERRORS, "cpu %u: read of %u bytes at unassigned address 0x%" PRIx64 "\n",
                     cpu, size, addr);
        return 0;
    }
    off = addr - mr->base;
    if (mr->host && !(mr->ops && __atomic_load_n(&mr->rom_io, __ATOMIC_ACQUIRE))) {
        if (off + size <= mr->size) {
            memcpy(&v, mr->host + off, size);   /* little-endian host and guest */
        }
        return v;
    }
    if (!size_ok(mr, off, size)) {
        emu_log_mask(LOG_GUEST_ERRORS, "cpu %u: %s: %u-byte read at offset 0x%" PRIx64 " not supported\n",
                     cpu, mr->name, size, off);
        return 0;
    }
    return mr->ops->read(mr->opaque, off, size, cpu);
}

void address_space_write(const AddressSpace *as, uint64_t addr, uint64_t value, unsigned size,
                         unsigned cpu)
{
    MemoryRegion *mr = address_space_find(as, addr);
    uint64_t off;

    if (!mr) {
        emu_log_mask(LOG_GUEST_ERRORS, "cpu %u: write of %u bytes at unassigned address 0x%" PRIx64 "\n",
                     cpu, size, addr);
        return;
    }
    off = addr - mr->base;
    if (mr->host && !mr->ops) {
        if (mr->readonly) {
            emu_log_mask(LOG_GUEST_ERRORS, "cpu %u: write to read-only %s at 0x%" PRIx64 "\n",
                         cpu, mr->name, addr);
        } else if (off + size <= mr->size) {
            memcpy(mr->host + off, &value, size);
        }
        return;
    }
    if (!size_ok(mr, off, size)) {
        emu_log_mask(LOG_GUEST_ERRORS, "cpu %u: %s: %u-byte write at offset 0x%" PRIx64 " not supported\n",
                     cpu, mr->name, size, off);
        return;
    }
    mr->ops->write(mr->opaque, off, value, size, cpu);
}

void (*memory_dma_write_hook)(uint64_t addr, uint64_t len);

void memory_dma_written(uint64_t addr, uint64_t len)
{
    if (memory_dma_write_hook && len) {
        memory_dma_write_hook(addr, len);
    }
}

bool address_space_rw_memory(const AddressSpace *as, uint64_t addr, void *buf, uint64_t len,
                             bool is_write)
{
    uint8_t *p = buf;

    if (is_write) {
        memory_dma_written(addr, len);
    }
    while (len) {
        MemoryRegion *mr = address_space_find(as, addr);
        uint64_t off, chunk;
        if (!mr || !mr->host) {
            return false;
        }
        off = addr - mr->base;
        chunk = mr->size - off < len ? mr->size - off : len;
        if (is_write) {
            memcpy(mr->host + off, p, chunk);
        } else {
            memcpy(p, mr->host + off, chunk);
        }
        p += chunk;
        addr += chunk;
        len -= chunk;
    }
    return true;
}

void address_space_dump(const AddressSpace *as, FILE *f)
{
    fprintf(f, "address-space: memory\n");
    for (unsigned i = 0; i < as->nb_regions; i++) {
        const MemoryRegion *mr = as->regions[i];
        fprintf(f, "  %016" PRIx64 "-%016" PRIx64 " (prio 0, %s): %s\n", mr->base,
                mr->base + mr->size - 1, mr->host ? (mr->readonly ? "rom" : "ram") : "i/o", mr->name);
    }
}
