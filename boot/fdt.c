/* Device-tree generation and -dtb patching: see boot/fdt.h. */
#include <glib.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "boot/fdt.h"

typedef struct FdtDevice {
    FdtNodeWriter fn;
    void *opaque;
} FdtDevice;

struct FdtBuilder {
    void *fdt;              /* FDT_MAX_SIZE bytes of working space */
    int error;              /* first libfdt error, 0 if none */
    char error_what[128];
    uint32_t next_phandle;
    uint32_t intc_phandle, clock_phandle;
    GArray *devices;        /* of FdtDevice */
};

const char *fdt_cpu_compatible(CpuModel m)
{
    switch (m) {
    case CPU_CORTEX_A57:
        return "arm,cortex-a57";
    case CPU_CORTEX_A72:
        return "arm,cortex-a72";
    default:
        return "arm,arm-v8";
    }
}

void fdtb_check(FdtBuilder *b, int ret, const char *what)
{
    if (ret < 0 && !b->error) {
        b->error = ret;
        snprintf(b->error_what, sizeof(b->error_what), "%s", what);
    }
}

void *fdtb_blob(FdtBuilder *b)
{
    return b->fdt;
}

int fdtb_node(FdtBuilder *b, int parent, const char *fmt, ...)
{
    char name[128];
    va_list ap;
    int r;

    if (b->error) {
        return -1;
    }
    va_start(ap, fmt);
    vsnprintf(name, sizeof(name), fmt, ap);
    va_end(ap);
    r = fdt_add_subnode(b->fdt, parent, name);
    fdtb_check(b, r, name);
    return r;
}

static void setprop(FdtBuilder *b, int node, const char *name, const void *val, int len)
{
    if (b->error) {
        return;
    }
    if (node < 0) {
        fdtb_check(b, -FDT_ERR_BADOFFSET, name);
        return;
    }
    fdtb_check(b, fdt_setprop(b->fdt, node, name, val, len), name);
}

void fdtb_prop_str(FdtBuilder *b, int node, const char *name, const char *s)
{
    setprop(b, node, name, s, strlen(s) + 1);
}

void fdtb_prop_strings(FdtBuilder *b, int node, const char *name, const char *const *list,
                       unsigned count)
{
    GString *buf = g_string_new(NULL);

    for (unsigned i = 0; i < count; i++) {
        g_string_append_len(buf, list[i], strlen(list[i]) + 1);
    }
    setprop(b, node, name, buf->str, buf->len);
    g_string_free(buf, TRUE);
}

void fdtb_prop_u32(FdtBuilder *b, int node, const char *name, uint32_t v)
{
    fdt32_t c = cpu_to_fdt32(v);
    setprop(b, node, name, &c, sizeof(c));
}

void fdtb_prop_u64(FdtBuilder *b, int node, const char *name, uint64_t v)
{
    fdt64_t c = cpu_to_fdt64(v);
    setprop(b, node, name, &c, sizeof(c));
}

void fdtb_prop_cells(FdtBuilder *b, int node, const char *name, const uint32_t *cells, unsigned n)
{
    fdt32_t buf[16];

    g_assert(n <= G_N_ELEMENTS(buf));
    for (unsigned i = 0; i < n; i++) {
        buf[i] = cpu_to_fdt32(cells[i]);
    }
    setprop(b, node, name, buf, n * sizeof(fdt32_t));
}

void fdtb_prop_reg(FdtBuilder *b, int node, uint64_t base, uint64_t size)
{
    uint32_t c[4] = { base >> 32, (uint32_t)base, size >> 32, (uint32_t)size };
    fdtb_prop_cells(b, node, "reg", c, 4);
}

void fdtb_prop_empty(FdtBuilder *b, int node, const char *name)
{
    setprop(b, node, name, NULL, 0);
}

void fdtb_prop_interrupt_spi(FdtBuilder *b, int node, unsigned spi)
{
    uint32_t c[3] = { FDT_GIC_SPI, spi, FDT_IRQ_LEVEL_HIGH };
    fdtb_prop_cells(b, node, "interrupts", c, 3);
}

void fdtb_prop_apb_clocks(FdtBuilder *b, int node, const char *const *names, unsigned count)
{
    uint32_t c[8];

    g_assert(count <= G_N_ELEMENTS(c));
    for (unsigned i = 0; i < count; i++) {
        c[i] = b->clock_phandle;
    }
    fdtb_prop_cells(b, node, "clocks", c, count);
    fdtb_prop_strings(b, node, "clock-names", names, count);
}

uint32_t fdt_builder_intc_phandle(const FdtBuilder *b)
{
    return b->intc_phandle;
}

uint32_t fdt_builder_clock_phandle(const FdtBuilder *b)
{
    return b->clock_phandle;
}

uint32_t fdt_builder_alloc_phandle(FdtBuilder *b)
{
    return b->next_phandle++;
}

static void add_cpus(FdtBuilder *b, const FdtBoardInfo *info)
{
    int cpus = fdtb_node(b, 0, "cpus");

    /* MPIDR affinity as the virt board assigns it: 8 CPUs per cluster (Aff1), Aff0 within. */
    fdtb_prop_u32(b, cpus, "#address-cells", 1);
    fdtb_prop_u32(b, cpus, "#size-cells", 0);
    /* libfdt puts each new subnode first: add them backwards so cpu@0 comes first (Linux
     * numbers secondary CPUs in tree order). */
    for (unsigned i = info->nb_cpus; i-- > 0;) {
        uint32_t mpidr = ((i / 8) << 8) | (i % 8);
        int cpu = fdtb_node(b, cpus, "cpu@%" PRIx32, mpidr);
        fdtb_prop_str(b, cpu, "device_type", "cpu");
        fdtb_prop_str(b, cpu, "compatible", info->cpu_compatible ? info->cpu_compatible : "arm,arm-v8");
        fdtb_prop_u32(b, cpu, "reg", mpidr);
        if (info->psci_method) {
            fdtb_prop_str(b, cpu, "enable-method", "psci");
        }
    }
}

static void add_psci(FdtBuilder *b, const FdtBoardInfo *info)
{
    static const char *const compat[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci" };
    int psci;

    if (!info->psci_method) {
        return;
    }
    psci = fdtb_node(b, 0, "psci");
    fdtb_prop_strings(b, psci, "compatible", compat, 3);
    fdtb_prop_str(b, psci, "method", info->psci_method);
    /* Function IDs for the PSCI 0.1 binding ("arm,psci"): the SMC64 ones of PSCI 0.2. */
    fdtb_prop_u32(b, psci, "cpu_suspend", 0xc4000001);
    fdtb_prop_u32(b, psci, "cpu_off", 0x84000002);
    fdtb_prop_u32(b, psci, "cpu_on", 0xc4000003);
    fdtb_prop_u32(b, psci, "migrate", 0xc4000005);
}

FdtBuilder *fdt_builder_new(const FdtBoardInfo *info, EmuError *err)
{
    FdtBuilder *b = g_new0(FdtBuilder, 1);
    static const char *const clk_names[] = { "clk24mhz" };
    int r, node;

    b->fdt = g_malloc0(FDT_MAX_SIZE);
    b->devices = g_array_new(FALSE, FALSE, sizeof(FdtDevice));
    r = fdt_create_empty_tree(b->fdt, FDT_MAX_SIZE);
    if (r < 0) {
        emu_error_set(err, "device tree: cannot create: %s", fdt_strerror(r));
        fdt_builder_free(b);
        return NULL;
    }
    b->next_phandle = 0x8000;   /* well clear of phandles a user dtb might bring */
    b->intc_phandle = fdt_builder_alloc_phandle(b);
    b->clock_phandle = fdt_builder_alloc_phandle(b);

    fdtb_prop_str(b, 0, "compatible", "linux,dummy-virt");
    fdtb_prop_str(b, 0, "model", "linux,dummy-virt");
    fdtb_prop_u32(b, 0, "#address-cells", 2);
    fdtb_prop_u32(b, 0, "#size-cells", 2);
    fdtb_prop_u32(b, 0, "interrupt-parent", b->intc_phandle);

    node = fdtb_node(b, 0, "chosen");
    if (info->bootargs && info->bootargs[0]) {
        fdtb_prop_str(b, node, "bootargs", info->bootargs);
    }
    fdtb_prop_str(b, node, "stdout-path", info->stdout_path ? info->stdout_path : "/pl011@9000000");
    if (info->initrd_end > info->initrd_start) {
        fdtb_prop_u64(b, node, "linux,initrd-start", info->initrd_start);
        fdtb_prop_u64(b, node, "linux,initrd-end", info->initrd_end);
    }

    node = fdtb_node(b, 0, "memory@%" PRIx64, info->ram_base);
    fdtb_prop_str(b, node, "device_type", "memory");
    fdtb_prop_reg(b, node, info->ram_base, info->ram_size);

    add_cpus(b, info);
    add_psci(b, info);

    /* The PrimeCells' bus clock (and the UART's reference clock), as on QEMU's virt. */
    node = fdtb_node(b, 0, "apb-pclk");
    fdtb_prop_str(b, node, "compatible", "fixed-clock");
    fdtb_prop_u32(b, node, "#clock-cells", 0);
    fdtb_prop_u32(b, node, "clock-frequency", FDT_APB_PCLK_HZ);
    fdtb_prop_strings(b, node, "clock-output-names", clk_names, 1);
    fdtb_prop_u32(b, node, "phandle", b->clock_phandle);

    if (b->error) {
        emu_error_set(err, "device tree: cannot add %s: %s", b->error_what, fdt_strerror(b->error));
        fdt_builder_free(b);
        return NULL;
    }
    return b;
}

void fdt_builder_free(FdtBuilder *b)
{
    if (!b) {
        return;
    }
    g_free(b->fdt);
    g_array_free(b->devices, TRUE);
    g_free(b);
}

void fdt_builder_add_device(FdtBuilder *b, FdtNodeWriter fn, void *opaque)
{
    FdtDevice d = { fn, opaque };
    g_array_append_val(b->devices, d);
}

bool fdt_builder_finish(FdtBuilder *b, void **blob, size_t *size, EmuError *err)
{
    int r;

    for (guint i = 0; i < b->devices->len && !b->error; i++) {
        FdtDevice *d = &g_array_index(b->devices, FdtDevice, i);
        d->fn(b, d->opaque);
    }
    if (b->error == -FDT_ERR_NOSPACE) {
        return emu_error_set(err, "device tree: larger than %u bytes (adding %s)", FDT_MAX_SIZE,
                             b->error_what);
    }
    if (b->error) {
        return emu_error_set(err, "device tree: cannot add %s: %s", b->error_what, fdt_strerror(b->error));
    }
    r = fdt_pack(b->fdt);
    if (r < 0) {
        return emu_error_set(err, "device tree: cannot pack: %s", fdt_strerror(r));
    }
    *size = fdt_totalsize(b->fdt);
    *blob = g_memdup2(b->fdt, *size);
    /* Keep the builder usable: reopen its working copy at full size. */
    fdt_open_into(*blob, b->fdt, FDT_MAX_SIZE);
    return true;
}

bool fdt_write_file(const void *blob, const char *path, EmuError *err)
{
    GError *gerr = NULL;

    if (!g_file_set_contents(path, blob, fdt_totalsize(blob), &gerr)) {
        emu_error_set(err, "dumpdtb: cannot write '%s': %s", path, gerr->message);
        g_error_free(gerr);
        return false;
    }
    return true;
}

/* A cell count from the root, defaulting as the Devicetree Specification says (2.3.5). */
static int root_cells(const void *fdt, const char *name, int dflt)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, 0, name, &len);
    return p && len == 4 ? (int)fdt32_to_cpu(*p) : dflt;
}

bool fdt_patch_user_dtb(const void *in, size_t in_size, const char *what, const FdtBoardInfo *info,
                        void **blob, size_t *size, EmuError *err)
{
    void *fdt;
    int r, node, acells, scells;
    fdt32_t reg[4];
    unsigned n = 0;
    char name[64];

    if (in_size < sizeof(struct fdt_header) || fdt_check_header(in) != 0) {
        return emu_error_set(err, "%s: not a valid device tree blob", what);
    }
    if (fdt_totalsize(in) > in_size) {
        return emu_error_set(err, "%s: truncated device tree blob (%zu of %u bytes)", what, in_size,
                             fdt_totalsize(in));
    }
    if (fdt_totalsize(in) > FDT_MAX_SIZE) {
        return emu_error_set(err, "%s: device tree is larger than 2 MiB", what);
    }
    fdt = g_malloc0(FDT_MAX_SIZE);
    r = fdt_open_into(in, fdt, FDT_MAX_SIZE);
    if (r < 0) {
        g_free(fdt);
        return emu_error_set(err, "%s: corrupt device tree: %s", what, fdt_strerror(r));
    }
    acells = root_cells(fdt, "#address-cells", 2);
    scells = root_cells(fdt, "#size-cells", 1);
    if (acells < 1 || acells > 2 || scells < 1 || scells > 2) {
        g_free(fdt);
        return emu_error_set(err, "%s: unsupported root #address-cells %d / #size-cells %d", what,
                             acells, scells);
    }
    if (scells == 1 && info->ram_size >> 32) {
        g_free(fdt);
        return emu_error_set(err, "%s: #size-cells = 1 cannot describe %" PRIu64 " bytes of RAM", what,
                             info->ram_size);
    }

    /* Replace whatever memory nodes it has by one describing our RAM. */
    while ((node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7)) >= 0) {
        r = fdt_del_node(fdt, node);
        if (r < 0) {
            break;
        }
    }
    snprintf(name, sizeof(name), "memory@%" PRIx64, info->ram_base);
    node = fdt_add_subnode(fdt, 0, name);
    if (acells == 2) {
        reg[n++] = cpu_to_fdt32(info->ram_base >> 32);
    }
    reg[n++] = cpu_to_fdt32((uint32_t)info->ram_base);
    if (scells == 2) {
        reg[n++] = cpu_to_fdt32(info->ram_size >> 32);
    }
    reg[n++] = cpu_to_fdt32((uint32_t)info->ram_size);
    r = node < 0 ? node : fdt_setprop_string(fdt, node, "device_type", "memory");
    if (r >= 0) {
        r = fdt_setprop(fdt, node, "reg", reg, n * sizeof(fdt32_t));
    }

    node = r < 0 ? r : fdt_path_offset(fdt, "/chosen");
    if (node == -FDT_ERR_NOTFOUND) {
        node = fdt_add_subnode(fdt, 0, "chosen");
    }
    r = node < 0 ? node : 0;
    if (r >= 0 && info->bootargs && info->bootargs[0]) {
        r = fdt_setprop_string(fdt, node, "bootargs", info->bootargs);
    }
    if (r >= 0 && info->initrd_end > info->initrd_start) {
        r = fdt_setprop_u64(fdt, node, "linux,initrd-start", info->initrd_start);
        if (r >= 0) {
            r = fdt_setprop_u64(fdt, node, "linux,initrd-end", info->initrd_end);
        }
    }
    if (r >= 0) {
        r = fdt_pack(fdt);
    }
    if (r < 0) {
        g_free(fdt);
        return emu_error_set(err, "%s: cannot patch the device tree: %s", what, fdt_strerror(r));
    }
    *size = fdt_totalsize(fdt);
    *blob = g_realloc(fdt, *size);
    return true;
}

bool fdt_load_user_dtb(const char *path, const FdtBoardInfo *info, void **blob, size_t *size,
                       EmuError *err)
{
    gchar *data;
    gsize len;
    GError *gerr = NULL;
    bool ok;

    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        emu_error_set(err, "dtb: cannot read '%s': %s", path, gerr->message);
        g_error_free(gerr);
        return false;
    }
    ok = fdt_patch_user_dtb(data, len, path, info, blob, size, err);
    g_free(data);
    return ok;
}
