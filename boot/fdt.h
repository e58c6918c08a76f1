/*
 * Device-tree generation for the virt board (libfdt), after the Devicetree
 * Specification v0.4 and the bindings Linux documents for each device.
 *
 * Public API:
 *   fdt_builder_new, fdt_builder_free, fdt_builder_add_device,
 *   fdt_builder_finish, fdt_builder_intc_phandle, fdt_builder_clock_phandle,
 *   fdt_builder_alloc_phandle, fdtb_node, fdtb_prop_str, fdtb_prop_strings,
 *   fdtb_prop_u32, fdtb_prop_cells, fdtb_prop_u64, fdtb_prop_reg,
 *   fdtb_prop_empty, fdtb_prop_interrupt_spi, fdtb_prop_apb_clocks,
 *   fdt_cpu_compatible, fdt_write_file, fdt_load_user_dtb.
 *
 * The builder creates the fixed part of the tree at once (root, /chosen,
 * /memory, /cpus, /psci, the 24 MHz "apb-pclk" fixed clock); every device
 * registers a writer (the device-tree half of its model) with
 * fdt_builder_add_device(), and fdt_builder_finish() runs the writers in
 * order of registration, each adding its node(s) under the root.
 *
 * Errors in building are sticky: the fdtb_* helpers do nothing once one
 * failed, and fdt_builder_finish() reports the first.  Writers need not
 * check anything.
 */
#ifndef BOOT_FDT_H
#define BOOT_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "system/options.h"
#include "util/error.h"

#define FDT_MAX_SIZE (2u << 20)          /* booting.rst: the DTB must not exceed 2 MiB */
#define FDT_APB_PCLK_HZ 24000000u

/* GIC interrupt specifier cells (arm,gic binding). */
#define FDT_GIC_SPI 0
#define FDT_GIC_PPI 1
#define FDT_IRQ_EDGE_RISING 1
#define FDT_IRQ_LEVEL_HIGH 4

typedef struct FdtBuilder FdtBuilder;
typedef void (*FdtNodeWriter)(FdtBuilder *b, void *opaque);

typedef struct FdtBoardInfo {
    uint64_t ram_base, ram_size;
    unsigned nb_cpus;
    const char *cpu_compatible;   /* "arm,cortex-a57"...; see fdt_cpu_compatible() */
    const char *psci_method;      /* "hvc" or "smc"; NULL: no /psci node, no enable-method */
    const char *bootargs;         /* NULL or "" : no bootargs property */
    const char *stdout_path;      /* NULL: "/pl011@9000000" */
    uint64_t initrd_start, initrd_end;   /* both 0: no initrd */
} FdtBoardInfo;

const char *fdt_cpu_compatible(CpuModel m);

/* Create the tree's fixed nodes; NULL with err set on failure. */
FdtBuilder *fdt_builder_new(const FdtBoardInfo *info, EmuError *err);
void fdt_builder_free(FdtBuilder *b);
/* Register a device's node writer (called by fdt_builder_finish). */
void fdt_builder_add_device(FdtBuilder *b, FdtNodeWriter fn, void *opaque);
/*
 * Run the writers, pack the tree and hand it over: *blob (g_free it) of
 * *size bytes.  The builder stays valid (free it after).
 */
bool fdt_builder_finish(FdtBuilder *b, void **blob, size_t *size, EmuError *err);

/* Phandles: the interrupt controller's (root's interrupt-parent; the GIC writer sets
 * it on its node), the apb-pclk fixed clock's, and fresh ones for other nodes. */
uint32_t fdt_builder_intc_phandle(const FdtBuilder *b);
uint32_t fdt_builder_clock_phandle(const FdtBuilder *b);
uint32_t fdt_builder_alloc_phandle(FdtBuilder *b);

/* Helpers for writers.  parent 0 is the root; names are "name@unit". */
int fdtb_node(FdtBuilder *b, int parent, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void fdtb_prop_str(FdtBuilder *b, int node, const char *name, const char *s);
/* A string list: count strings, stored NUL-separated. */
void fdtb_prop_strings(FdtBuilder *b, int node, const char *name, const char *const *list,
                       unsigned count);
void fdtb_prop_u32(FdtBuilder *b, int node, const char *name, uint32_t v);
void fdtb_prop_u64(FdtBuilder *b, int node, const char *name, uint64_t v);
void fdtb_prop_cells(FdtBuilder *b, int node, const char *name, const uint32_t *cells, unsigned n);
/* reg = <base size> with #address-cells = #size-cells = 2 (the root's). */
void fdtb_prop_reg(FdtBuilder *b, int node, uint64_t base, uint64_t size);
void fdtb_prop_empty(FdtBuilder *b, int node, const char *name);
/* interrupts = <GIC_SPI spi LEVEL_HIGH> */
void fdtb_prop_interrupt_spi(FdtBuilder *b, int node, unsigned spi);
/* clocks/clock-names for a PrimeCell: names[i] each reference apb-pclk. */
void fdtb_prop_apb_clocks(FdtBuilder *b, int node, const char *const *names, unsigned count);
/* Raw access for what the helpers do not cover (libfdt's void *fdt). */
void *fdtb_blob(FdtBuilder *b);
/* Record a libfdt error (negative ret) as the builder's sticky error. */
void fdtb_check(FdtBuilder *b, int ret, const char *what);

/* dumpdtb=FILE */
bool fdt_write_file(const void *blob, const char *path, EmuError *err);

/*
 * -dtb FILE: read and check it (fdt_check_header, at most 2 MiB), then, as
 * QEMU does, replace its memory nodes by one /memory@BASE for info's RAM and
 * set /chosen bootargs and linux,initrd-start/end from info.
 */
bool fdt_load_user_dtb(const char *path, const FdtBoardInfo *info, void **blob, size_t *size,
                       EmuError *err);
/* The same on a blob in memory (tests); what names it in errors. */
bool fdt_patch_user_dtb(const void *in, size_t in_size, const char *what, const FdtBoardInfo *info,
                        void **blob, size_t *size, EmuError *err);

#endif
