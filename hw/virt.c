/* The Arm virt board: see include/hw/virt.h. */
#include "hw/virt.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "accel/softmmu.h"
#include "boot/fdt.h"
#include "boot/image.h"
#include "boot/psci.h"
#include "hw/arm-timer.h"
#include "hw/gic.h"
#include "hw/memory.h"
#include "hw/pflash.h"
#include "hw/pl011.h"
#include "hw/pl031.h"
#include "hw/virtio-blk.h"
#include "hw/virtio-mmio.h"
#include "hw/virtio-net.h"
#include "hw/virtio-rng.h"
#include "system/chardev.h"
#include "system/cpus.h"
#include "system/main-loop.h"
#include "system/monitor.h"
#include "system/net-slirp.h"
#include "target-arm/cpu-models.h"
#include "target-arm/exception.h"
#include "target-arm/exec-target.h"
#include "target-arm/helpers.h"
#include "target-arm/mmu.h"
#include "target-arm/semihosting.h"
#include "target-arm/sysregs.h"
#include "target-arm/tlb-fill.h"
#include "util/log.h"

/*
 * One CPU of the board.  env comes first: the softmmu finds the TLB at a
 * fixed offset from env (ExecTarget.env_tlb_offset), and the board's hooks
 * get from env back to the rest.
 */
typedef struct VirtCPU {
    CPUARMState env;
    SoftmmuCPUTLB tlb __attribute__((aligned(64)));
    ExecCPU exec;
    ArmTimerCpu timer;
    VCpu *vcpu;
    struct VirtBoard *board;
} VirtCPU;

struct VirtBoard {
    const SystemConfig *cfg;
    AddressSpace as;
    MemoryRegion ram;
    PFlashState pflash[2];   /* the two flash banks (virt_flash_*) */
    GICState gic;
    PL011State uart;
    PL031State rtc;
    VirtioMMIO *virtio[SYS_MAX_DEVICES];   /* transport n at VIRT_MMIO_BASE + n * stride */
    unsigned nb_virtio;
    NetSlirp *net[SYS_MAX_NETDEVS];       /* -netdev user back-ends, in device order */
    unsigned nb_net;
    Chardev *serial;
    unsigned ncpu;
    VirtCPU *cpus[SYS_MAX_CPUS];
    VCpu vcpus[SYS_MAX_CPUS];
    ArmMMUPhys phys;
    PsciOps psci;
    VCpuConfig vcfg;
    unsigned boot_el;
    BootEntry entry;
    void *dtb;
    size_t dtb_size;
    uint64_t images_end;   /* first byte above the loaded images (semihosting heap) */
};

static ExecTarget virt_target;

static VirtCPU *env_cpu(CPUARMState *env)
{
    return (VirtCPU *)env;   /* env is VirtCPU's first member */
}

/* --- physical memory for the table walker --- */

static uint8_t *phys_host(VirtBoard *b, uint64_t pa, unsigned len, bool write)
{
    MemoryRegion *mr = address_space_find(&b->as, pa);

    if (!mr || !mr->host || pa + len > mr->base + mr->size || (write && mr->readonly)) {
        return NULL;
    }
    return mr->host + (pa - mr->base);
}

static bool phys_read64(void *opaque, uint64_t pa, uint64_t *val)
{
    uint64_t *p = (uint64_t *)phys_host(opaque, pa, 8, false);

    if (!p) {
        return false;   /* descriptors in device memory or nowhere: external abort on the walk */
    }
    *val = __atomic_load_n(p, __ATOMIC_ACQUIRE);
    return true;
}

static bool phys_cmpxchg64(void *opaque, uint64_t pa, uint64_t old, uint64_t new_val,
                           uint64_t *actual)
{
    uint64_t *p = (uint64_t *)phys_host(opaque, pa, 8, true);

    if (!p) {
        return false;
    }
    __atomic_compare_exchange_n(p, &old, new_val, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    *actual = old;
    return true;
}

/*
 * arm_guest_host_addr for system mode (helpers.h): the 16-byte
 * compare-and-swap of LDXP/STXP and CASP reaches RAM directly.  The
 * translation is done afresh (a page walk, no TLB entry), which is rare
 * enough.  A fault is taken at the pc the engine knows for the helper
 * (exec_guest_pc_at without a host pc).
 */
static void *sys_guest_host_addr(CPUARMState *env, uint64_t addr, unsigned size,
                                 unsigned align_log2, int is_write)
{
    ExecCPU *cpu = exec_current_cpu();
    VirtBoard *b = env_cpu(env)->board;
    uint64_t pa;
    unsigned prot, page_bits;
    uint8_t *host;

    if (addr & ((1ull << align_log2) - 1)) {
        exec_raise_fault(cpu, 0, addr, is_write ? FAULT_ALIGN_WRITE : FAULT_ALIGN_READ);
    }
    if (!arm_tlb_fill(env, addr, is_write ? EXEC_ACCESS_WRITE : EXEC_ACCESS_READ,
                      arm_current_mmu_idx(env), false, &pa, &prot, &page_bits)) {
        env->pc = exec_guest_pc_at(cpu, 0);   /* the abort is recorded in env */
        exec_exit_exception(cpu);
    }
    host = phys_host(b, pa, size, is_write);
    if (!host) {
        /* Device memory or nothing: an external abort. */
        exec_raise_fault(cpu, 0, addr, is_write ? FAULT_WRITE : FAULT_READ);
    }
    if (is_write && softmmu_page_has_code(pa)) {
        tb_invalidate_page(pa & ~0xfffull);
    }
    return host;
}

/* --- TLB maintenance from the guest (TLBI) --- */

static void flush_mask(CPUARMState *env, unsigned mask, bool broadcast)
{
    ExecCPU *cpu = &env_cpu(env)->exec;

    if (broadcast) {
        tlb_flush_mmuidx_all_cpus(cpu, mask);
    } else {
        tlb_flush_mmuidx(cpu, mask);
    }
}

static void flush_va(CPUARMState *env, uint64_t va, unsigned mask, bool broadcast)
{
    ExecCPU *cpu = &env_cpu(env)->exec;

    if (broadcast) {
        tlb_flush_page_mmuidx_all_cpus(cpu, va, mask);
    } else {
        tlb_flush_page_mmuidx(cpu, va, mask);
    }
}

static void hook_all(CPUARMState *env, unsigned mask, bool broadcast)
{
    flush_mask(env, mask, broadcast);
}

static void hook_va_asid(CPUARMState *env, uint64_t va, uint16_t asid, unsigned mask,
                         bool last_level, bool broadcast)
{
    flush_va(env, va, mask, broadcast);   /* the TLB is not keyed on ASID: every ASID goes */
}

static void hook_asid(CPUARMState *env, uint16_t asid, unsigned mask, bool broadcast)
{
    flush_mask(env, mask, broadcast);
}

static void hook_va_all_asids(CPUARMState *env, uint64_t va, unsigned mask, bool last_level,
                              bool broadcast)
{
    flush_va(env, va, mask, broadcast);
}

/*
 * IC IALLU / IVAU need nothing: the softmmu write-protects pages holding
 * translated code and invalidates translations on every write to them, so
 * stale code cannot run whatever the guest's cache maintenance.
 */
static void hook_ic_all(CPUARMState *env, bool broadcast)
{
}

static void hook_ic_va(CPUARMState *env, uint64_t va)
{
}

/* System mode: instruction fetches use the MMU index of the block's EL (its flags). */
static unsigned code_mmu_idx(void *env, uint64_t flags)
{
    return arm_tbf_mmu_idx(flags);
}

/* --- interrupts --- */

/* The GIC's outputs (n = 0 IRQ, 1 FIQ), called with the I/O lock held. */
static void cpu_irq_handler(void *opaque, int n, int level)
{
    VirtCPU *vc = opaque;

    if (n == 0) {
        arm_cpu_set_irq(&vc->env, level != 0);
    } else {
        arm_cpu_set_fiq(&vc->env, level != 0);
    }
    if (level) {
        cpus_wake(vc->vcpu);
    }
}

/* --- PSCI --- */

static int psci_cpu_by_mpidr(void *opaque, uint64_t mpidr)
{
    VirtBoard *b = opaque;
    const uint64_t aff = 0xff00ffffffull;   /* Aff3..Aff0 */

    for (unsigned i = 0; i < b->ncpu; i++) {
        if ((b->cpus[i]->env.mpidr & aff) == (mpidr & aff)) {
            return (int)i;
        }
    }
    return -1;
}

static int psci_cpu_state(void *opaque, unsigned cpu)
{
    VirtBoard *b = opaque;
    return cpus_power_state(&b->vcpus[cpu]);
}

static void psci_cpu_on(void *opaque, unsigned cpu, uint64_t entry, uint64_t context_id,
                        unsigned el)
{
    VirtBoard *b = opaque;
    uint64_t x[4] = { context_id, 0, 0, 0 };

    cpus_power_on(&b->vcpus[cpu], entry, x, el);
}

static void psci_cpu_off(void *opaque, unsigned cpu)
{
    VirtBoard *b = opaque;
    cpus_power_off(&b->vcpus[cpu]);
}

static void psci_system_off(void *opaque)
{
    main_loop_request_exit(0);
}

static void psci_system_reset(void *opaque)
{
    VirtBoard *b = opaque;

    if (b->cfg->no_reboot) {
        main_loop_request_exit(0);
    } else {
        main_loop_request_reset();
    }
}

static int virt_psci_call(CPUARMState *env, bool is_smc, uint32_t imm16)
{
    return psci_handle_call(&env_cpu(env)->board->psci, env, is_smc);
}

/* --- serial input --- */

static size_t uart_can_receive(void *opaque)
{
    return pl011_can_receive(opaque);
}

static void uart_receive(void *opaque, const uint8_t *buf, size_t len)
{
    pl011_receive(opaque, buf, len);
}

/* --- device tree --- */

static void gic_writer(FdtBuilder *fb, void *opaque)
{
    fdtb_check(fb, gic_fdt_node(opaque, fdtb_blob(fb), 0, fdt_builder_intc_phandle(fb)), "gic");
}

static void timer_writer(FdtBuilder *fb, void *opaque)
{
    VirtBoard *b = opaque;
    /* D17.2.65 ID_AA64MMFR1_EL1.VH<11:8>: the CPU has the EL2 virtual timer, PPI 28. */
    bool vhe = b->vcfg.has_el2 && b->cpus[0] && ((b->cpus[0]->env.id_aa64mmfr1 >> 8) & 0xf) != 0;

    fdtb_check(fb, arm_timer_fdt_node(fdtb_blob(fb), 0, b->ncpu, vhe), "timer");
}

static void flash_writer(FdtBuilder *fb, void *opaque)
{
    VirtBoard *b = opaque;
    pflash_fdt_node(fb, &b->pflash[0], &b->pflash[1]);
}

static bool build_dtb(VirtBoard *b, uint64_t initrd_start, uint64_t initrd_end, EmuError *err)
{
    const SystemConfig *cfg = b->cfg;
    FdtBoardInfo info = {
        .ram_base = VIRT_RAM_BASE,
        .ram_size = cfg->ram_size,
        .nb_cpus = b->ncpu,
        .cpu_compatible = fdt_cpu_compatible(cfg->cpu),
        /* HVC reaches our PSCI unless EL2 exists (the guest's own hypervisor takes HVC). */
        .psci_method = (cfg->virtualization || cfg->secure) ? "smc" : "hvc",
        .bootargs = cfg->append,
        .initrd_start = initrd_start,
        .initrd_end = initrd_end,
    };
    FdtBuilder *fb;
    bool ok;

    if (cfg->dtb) {
        return fdt_load_user_dtb(cfg->dtb, &info, &b->dtb, &b->dtb_size, err);
    }
    fb = fdt_builder_new(&info, err);
    if (!fb) {
        return false;
    }
    fdt_builder_add_device(fb, gic_writer, &b->gic);
    fdt_builder_add_device(fb, timer_writer, b);
    fdt_builder_add_device(fb, flash_writer, b);
    fdt_builder_add_device(fb, pl011_fdt_node, &b->uart);
    fdt_builder_add_device(fb, pl031_fdt_node, &b->rtc);
    /*
     * Nodes land in the tree in reverse order of addition, and Linux
     * numbers virtio devices (vda, vdb...) in tree order: add the last
     * transport first so that command-line order is the guest's order.
     */
    for (unsigned i = b->nb_virtio; i-- > 0;) {
        fdt_builder_add_device(fb, virtio_mmio_fdt_node, b->virtio[i]);
    }
    ok = fdt_builder_finish(fb, &b->dtb, &b->dtb_size, err);
    fdt_builder_free(fb);
    return ok;
}

/* --- memory --- */

static bool add_memory(VirtBoard *b, MemoryRegion *mr, const char *name, uint64_t base,
                       uint64_t size, bool readonly, EmuError *err)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);

    if (p == MAP_FAILED) {
        return emu_error_set(err, "cannot allocate %llu MiB of guest %s",
                             (unsigned long long)(size >> 20), name);
    }
    memset(mr, 0, sizeof(*mr));
    mr->name = name;
    mr->base = base;
    mr->size = size;
    mr->host = p;
    mr->readonly = readonly;
    if (!address_space_add(&b->as, mr)) {
        return emu_error_set(err, "internal: cannot map %s", name);
    }
    return true;
}

/* --- flash: two CFI banks (hw/pflash.h) --- */

/* A bank left read-array mode or came back: no CPU may keep reading it from a stale TLB entry. */
static void flash_mode_changed(void *opaque)
{
    ExecCPU *cpu = exec_current_cpu();

    /* Off a vCPU thread (board reset) the CPUs are stopped and flush as they start. */
    if (cpu) {
        tlb_flush_mmuidx_all_cpus(cpu, (1u << SOFTMMU_NB_MMU_MODES) - 1);
    }
}

/* Programmed or erased: translated code from those pages is stale. */
static void flash_data_changed(void *opaque, uint64_t offset, uint64_t len)
{
    PFlashState *f = opaque;
    uint64_t pa = (f->mr.base + offset) & ~0xfffull;

    for (; pa < f->mr.base + offset + len; pa += 0x1000) {
        if (softmmu_page_has_code(pa)) {
            tb_invalidate_page(pa);
        }
    }
}

static unsigned count_drives(const SystemConfig *cfg, DriveInterface iface)
{
    unsigned n = 0;

    for (int i = 0; i < cfg->nb_drives; i++) {
        n += cfg->drives[i].interface == iface;
    }
    return n;
}

/*
 * Create both banks, erased.  -bios fills bank 0 read-only; the -drive
 * if=pflash files go, in order, to bank 0 then bank 1, or, with -bios, the
 * one allowed to bank 1 (U-Boot keeps its environment there).  Writes go
 * through to a drive's file unless readonly=on or snapshot=on.
 */
static bool virt_flash_setup(VirtBoard *b, EmuError *err)
{
    const SystemConfig *cfg = b->cfg;
    unsigned bank = cfg->bios ? 1 : 0;

    for (unsigned i = 0; i < 2; i++) {
        PFlashHooks h = { flash_mode_changed, flash_data_changed, &b->pflash[i] };
        if (!pflash_init(&b->pflash[i], i ? "flash1" : "flash0",
                         VIRT_FLASH_BASE + i * VIRT_FLASH_BANK_SIZE, VIRT_FLASH_BANK_SIZE, &h, err)) {
            return false;
        }
    }
    if (count_drives(cfg, DRIVE_IF_PFLASH) > 2 - bank) {
        return emu_error_set(err, cfg->bios ? "-drive if=pflash: with -bios in flash bank 0, only one "
                                              "pflash drive (bank 1) fits"
                                            : "-drive if=pflash: the board has only two flash banks");
    }
    if (cfg->bios && !pflash_load_file(&b->pflash[0], cfg->bios, "bios", true, false, err)) {
        return false;
    }
    for (int i = 0; i < cfg->nb_drives; i++) {
        const DriveConfig *d = &cfg->drives[i];
        if (d->interface != DRIVE_IF_PFLASH) {
            continue;
        }
        if (!pflash_load_file(&b->pflash[bank], d->file, "-drive if=pflash", d->readonly,
                              !d->snapshot, err)) {
            return false;
        }
        bank++;
    }
    for (unsigned i = 0; i < 2; i++) {
        if (!address_space_add(&b->as, &b->pflash[i].mr)) {
            return emu_error_set(err, "internal: cannot map the flash");
        }
    }
    return true;
}

/* Granules the CPU implements (ID_AA64MMFR0_EL1.TGran4/16/64), for the Image header check. */
static unsigned page_sizes(const CPUARMState *env)
{
    unsigned s = 0;
    uint64_t m = env->id_aa64mmfr0;

    if (((m >> 28) & 0xf) != 0xf) {
        s |= BOOT_PAGES_4K;
    }
    if (((m >> 20) & 0xf) != 0) {
        s |= BOOT_PAGES_16K;
    }
    if (((m >> 24) & 0xf) != 0xf) {
        s |= BOOT_PAGES_64K;
    }
    return s;
}

/* Load -kernel or -bios, -initrd and the DTB; set the boot CPU's entry. */
static bool load_images(VirtBoard *b, EmuError *err)
{
    const SystemConfig *cfg = b->cfg;
    BootTarget t = {
        .as = &b->as,
        .ram_base = VIRT_RAM_BASE,
        .ram_size = cfg->ram_size,
        .flash_base = VIRT_FLASH_BASE,
        .flash_size = VIRT_FLASH_BANK_SIZE,   /* bank 0 */
        .page_sizes = page_sizes(&b->cpus[0]->env),
    };
    BootKernel k;
    uint64_t initrd_start = 0, initrd_end = 0, dtb_addr;

    if (cfg->bios) {
        /* virt_flash_setup put it in bank 0: enter it there. */
        k = (BootKernel){ .kind = BOOT_KIND_BIOS, .load_addr = VIRT_FLASH_BASE,
                          .end = VIRT_FLASH_BASE + VIRT_FLASH_BANK_SIZE, .entry = VIRT_FLASH_BASE };
    } else if (cfg->kernel) {
        if (!boot_load_kernel(&t, cfg->kernel, &k, err)) {
            return false;
        }
    } else {
        return emu_error_set(err, "nothing to run: give -kernel or -bios");
    }
    if (cfg->initrd &&
        !boot_load_initrd(&t, cfg->initrd, &k, &initrd_start, &initrd_end, err)) {
        return false;
    }
    free(b->dtb);
    b->dtb = NULL;
    if (!build_dtb(b, initrd_start, initrd_end, err) ||
        !boot_load_dtb(&t, &k, initrd_end, b->dtb, b->dtb_size, &dtb_addr, err)) {
        return false;
    }
    boot_entry(&k, dtb_addr, &b->entry);
    b->images_end = dtb_addr + b->dtb_size;
    return true;
}

static void reset_devices(VirtBoard *b)
{
    softmmu_io_lock();
    gic_reset(&b->gic);
    for (unsigned i = 0; i < b->ncpu; i++) {
        arm_timer_reset(&b->cpus[i]->timer);
    }
    pl011_reset(&b->uart);
    pl031_reset(&b->rtc);
    for (unsigned i = 0; i < b->nb_virtio; i++) {
        virtio_mmio_reset(b->virtio[i]);
    }
    pflash_reset(&b->pflash[0]);
    pflash_reset(&b->pflash[1]);
    softmmu_io_unlock();
}

/* --- virtio-mmio devices (issue #9) --- */

static VirtioBlkCache blk_cache_mode(const char *cache)
{
    if (cache && (!strcmp(cache, "writethrough") || !strcmp(cache, "directsync"))) {
        return BLK_CACHE_WRITETHROUGH;
    }
    if (cache && !strcmp(cache, "unsafe")) {
        return BLK_CACHE_UNSAFE;
    }
    return BLK_CACHE_WRITEBACK;   /* writeback, none */
}

/* The next transport slot: its base, and its line to the GIC. */
static bool virtio_slot(VirtBoard *b, uint64_t *base, IRQLine *irq, unsigned *spi, EmuError *err)
{
    unsigned n = b->nb_virtio;

    if (n == SYS_MAX_DEVICES) {
        return emu_error_set(err, "too many virtio devices (the board has %d virtio-mmio slots)",
                             SYS_MAX_DEVICES);
    }
    *base = VIRT_MMIO_BASE + n * VIRT_MMIO_STRIDE;
    *spi = VIRT_MMIO_SPI_BASE + n;
    *irq = gic_spi_line(&b->gic, GIC_INTERNAL_IRQS + *spi);
    return true;
}

static bool add_virtio_blk(VirtBoard *b, const DriveConfig *d, EmuError *err)
{
    VirtioBlkConf conf = {
        .file = d->file, .serial = d->id, .readonly = d->readonly, .snapshot = d->snapshot,
        .cache = blk_cache_mode(d->cache), .threaded = true,
    };
    VirtioBlk *s;
    uint64_t base = 0;
    IRQLine irq;
    unsigned spi = 0;

    if (!virtio_slot(b, &base, &irq, &spi, err)) {
        return false;
    }
    s = calloc(1, sizeof(*s));
    if (!s) {
        return emu_error_set(err, "out of memory");
    }
    if (!virtio_blk_init(s, base, irq, spi, &b->as, &conf, err)) {
        virtio_blk_free(s);
        free(s);
        return false;
    }
    b->virtio[b->nb_virtio++] = &s->t;
    return true;
}

static bool add_virtio_rng(VirtBoard *b, EmuError *err)
{
    VirtioRng *s;
    uint64_t base = 0;
    IRQLine irq;
    unsigned spi = 0;

    if (!virtio_slot(b, &base, &irq, &spi, err)) {
        return false;
    }
    s = calloc(1, sizeof(*s));
    if (!s) {
        return emu_error_set(err, "out of memory");
    }
    virtio_rng_init(s, base, irq, spi, &b->as);
    b->virtio[b->nb_virtio++] = &s->t;
    return true;
}

static bool net_receive(void *opaque, const uint8_t *frame, size_t len)
{
    return virtio_net_receive(opaque, frame, len);
}

static bool add_virtio_net(VirtBoard *b, const DeviceConfig *dev, unsigned index, EmuError *err)
{
    const NetdevConfig *nd = NULL;
    uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, (uint8_t)(0x56 + index) };
    VirtioNet *s;
    NetSlirp *ns;
    uint64_t base = 0;
    IRQLine irq;
    unsigned spi = 0;

    for (int j = 0; j < b->cfg->nb_netdevs && !nd; j++) {
        if (!strcmp(b->cfg->netdevs[j].id, dev->netdev)) {
            nd = &b->cfg->netdevs[j];
        }
    }
    if (!nd) {
        return emu_error_set(err, "-device virtio-net-device: no -netdev with id '%s'", dev->netdev);
    }
    for (int i = 0; i < b->cfg->nb_devices && &b->cfg->devices[i] != dev; i++) {
        if (b->cfg->devices[i].kind == DEV_VIRTIO_NET && !strcmp(b->cfg->devices[i].netdev, nd->id)) {
            return emu_error_set(err, "-netdev %s is used by two virtio-net devices", nd->id);
        }
    }
    if (dev->has_mac) {
        memcpy(mac, dev->mac, 6);
    }
    if (!virtio_slot(b, &base, &irq, &spi, err)) {
        return false;
    }
    s = calloc(1, sizeof(*s));
    if (!s) {
        return emu_error_set(err, "out of memory");
    }
    ns = net_slirp_new(nd, net_receive, s, err);
    if (!ns) {
        free(s);
        return false;
    }
    virtio_net_init(s, base, irq, spi, &b->as, mac, net_slirp_input, ns);
    b->net[b->nb_net++] = ns;
    b->virtio[b->nb_virtio++] = &s->t;
    return true;
}

/* One transport per -device in command-line order, then one per -drive if=virtio. */
static bool create_virtio_devices(VirtBoard *b, EmuError *err)
{
    const SystemConfig *cfg = b->cfg;
    unsigned nb_net = 0;

    for (int i = 0; i < cfg->nb_devices; i++) {
        const DeviceConfig *dev = &cfg->devices[i];
        const DriveConfig *d = NULL;

        switch (dev->kind) {
        case DEV_VIRTIO_BLK:
            for (int j = 0; j < cfg->nb_drives && !d; j++) {
                if (cfg->drives[j].id && !strcmp(cfg->drives[j].id, dev->drive)) {
                    d = &cfg->drives[j];
                }
            }
            if (!d) {
                return emu_error_set(err, "-device virtio-blk-device: no -drive with id '%s'",
                                     dev->drive);
            }
            if (!add_virtio_blk(b, d, err)) {
                return false;
            }
            break;
        case DEV_VIRTIO_RNG:
            if (!add_virtio_rng(b, err)) {
                return false;
            }
            break;
        case DEV_VIRTIO_NET:
            if (!add_virtio_net(b, dev, nb_net++, err)) {
                return false;
            }
            break;
        }
    }
    for (int i = 0; i < cfg->nb_drives; i++) {
        /* if=pflash drives belong to the flash banks (create_flash). */
        if (cfg->drives[i].interface == DRIVE_IF_VIRTIO && !add_virtio_blk(b, &cfg->drives[i], err)) {
            return false;
        }
    }
    for (unsigned i = 0; i < b->nb_virtio; i++) {
        if (!address_space_add(&b->as, &b->virtio[i]->mmio)) {
            return emu_error_set(err, "internal: cannot map virtio-mmio transport %u", i);
        }
    }
    return true;
}

static void free_virtio_devices(VirtBoard *b)
{
    /* Back-ends first: they hold pointers to their devices. */
    for (unsigned i = 0; i < b->nb_net; i++) {
        net_slirp_free(b->net[i]);
    }
    b->nb_net = 0;
    for (unsigned i = 0; i < b->nb_virtio; i++) {
        VirtioMMIO *t = b->virtio[i];

        if (t->ops->device_id == VIRTIO_ID_BLOCK) {
            virtio_blk_free(t->dev);
        }
        free(t->dev);   /* the transport is the first member of each device */
    }
    b->nb_virtio = 0;
}

/*
 * EL3 exists for firmware we run (-bios) and, as QEMU does with
 * secure=on, for a bare-metal ELF given to -kernel, which starts in EL3
 * (Secure) like firmware; a Linux Image gets PSCI from us instead.
 */
static bool kernel_is_elf(const char *path)
{
    unsigned char magic[4];
    FILE *f = path ? fopen(path, "rb") : NULL;
    bool elf = f && fread(magic, 1, 4, f) == 4 && !memcmp(magic, "\177ELF", 4);

    if (f) {
        fclose(f);
    }
    return elf;
}

VirtBoard *virt_create(const SystemConfig *cfg, EmuError *err)
{
    static const ArmCpuModel models[] = {
        [CPU_CORTEX_A57] = ARM_CPU_CORTEX_A57, [CPU_CORTEX_A72] = ARM_CPU_CORTEX_A72,
        [CPU_MAX] = ARM_CPU_MAX,
    };
    ExecOptions opts = { .backend = cfg->use_interpreter ? &exec_backend_interp : &exec_backend_jit,
                         .nochain = log_enabled(LOG_NOCHAIN) };
    VirtBoard *b;

    b = calloc(1, sizeof(*b));
    if (!b) {
        emu_error_set(err, "out of memory");
        return NULL;
    }
    b->cfg = cfg;
    b->ncpu = cfg->smp ? cfg->smp : 1;
    b->vcfg.model = models[cfg->cpu];
    b->vcfg.has_el2 = cfg->virtualization;
    b->vcfg.has_el3 = cfg->secure && (cfg->bios || kernel_is_elf(cfg->kernel));
    b->boot_el = b->vcfg.has_el3 || cfg->bios ? 3 : (cfg->virtualization ? 2 : 1);
    arm_set_cpu_model(b->vcfg.model);

    address_space_init(&b->as);
    if (!virt_flash_setup(b, err) ||
        !add_memory(b, &b->ram, "ram", VIRT_RAM_BASE, cfg->ram_size, false, err)) {
        goto fail;
    }

    if (!gic_init(&b->gic, b->ncpu, VIRT_GIC_NUM_IRQ, VIRT_GIC_DIST_BASE, VIRT_GIC_CPU_BASE) ||
        !address_space_add(&b->as, &b->gic.dist_mr) || !address_space_add(&b->as, &b->gic.cpu_mr)) {
        emu_error_set(err, "internal: cannot set up the GIC");
        goto fail;
    }
    pl011_init(&b->uart, VIRT_UART_BASE, gic_spi_line(&b->gic, GIC_INTERNAL_IRQS + VIRT_UART_SPI),
               VIRT_UART_SPI);
    pl031_init(&b->rtc, VIRT_RTC_BASE, gic_spi_line(&b->gic, GIC_INTERNAL_IRQS + VIRT_RTC_SPI),
               VIRT_RTC_SPI, -1);
    if (!address_space_add(&b->as, &b->uart.mmio) || !address_space_add(&b->as, &b->rtc.mmio)) {
        emu_error_set(err, "internal: cannot map the UART/RTC");
        goto fail;
    }
    if (!create_virtio_devices(b, err)) {
        goto fail;
    }

    b->phys.opaque = b;
    b->phys.read64 = phys_read64;
    b->phys.cmpxchg64 = phys_cmpxchg64;
    b->psci = (PsciOps){ b, psci_cpu_by_mpidr, psci_cpu_state, psci_cpu_on, psci_cpu_off,
                         psci_system_off, psci_system_reset };

    virt_target = arm_exec_target;
    virt_target.env_tlb_offset = offsetof(VirtCPU, tlb);
    virt_target.code_mmu_idx = code_mmu_idx;
    arm_guest_host_addr = sys_guest_host_addr;
    arm_tlb_flush_hooks = (ArmTlbFlushHooks){ hook_all, hook_va_asid, hook_asid,
                                              hook_va_all_asids, hook_ic_all, hook_ic_va };
    if (!softmmu_init(&virt_target, &opts, &b->as, err)) {
        goto fail;
    }

    for (unsigned i = 0; i < b->ncpu; i++) {
        VirtCPU *vc = aligned_alloc(64, (sizeof(VirtCPU) + 63) & ~(size_t)63);
        static const struct { ArmTimerKind k; unsigned ppi; } ppis[] = {
            { ARM_TIMER_PHYS, VIRT_PPI_TIMER_PHYS }, { ARM_TIMER_VIRT, VIRT_PPI_TIMER_VIRT },
            { ARM_TIMER_HYP, VIRT_PPI_TIMER_HYP }, { ARM_TIMER_SEC, VIRT_PPI_TIMER_SEC },
            { ARM_TIMER_HYPV, VIRT_PPI_TIMER_HYPV },
        };
        if (!vc) {
            emu_error_set(err, "out of memory");
            goto fail;
        }
        memset(vc, 0, sizeof(*vc));
        b->cpus[i] = vc;
        vc->board = b;
        vc->vcpu = &b->vcpus[i];
        b->vcpus[i].env = &vc->env;
        b->vcpus[i].exec = &vc->exec;
        b->vcpus[i].index = i;
        arm_timer_init(&vc->timer, 0);
        for (unsigned j = 0; j < sizeof(ppis) / sizeof(ppis[0]); j++) {
            vc->timer.t[ppis[j].k].out = gic_ppi_line(&b->gic, i, ppis[j].ppi);
        }
        b->gic.cpu[i].irq_out = irq_line(cpu_irq_handler, vc, 0);
        b->gic.cpu[i].fiq_out = irq_line(cpu_irq_handler, vc, 1);
        vc->env.timer = &vc->timer;
        vc->env.mmu_phys = &b->phys;
        vc->env.psci_call = virt_psci_call;
        vc->env.board_opaque = vc;
        arm_cpu_reset_system(&vc->env, b->vcfg.model, i, b->vcfg.has_el2, b->vcfg.has_el3);
        softmmu_cpu_init(&vc->exec, &vc->env, i);
    }
    cpus_setup(b->vcpus, b->ncpu, &b->vcfg);
    reset_devices(b);
    if (!load_images(b, err)) {
        goto fail;
    }
    return b;

fail:
    virt_free(b);
    return NULL;
}

void virt_dtb(const VirtBoard *b, const void **blob, size_t *size)
{
    *blob = b->dtb;
    *size = b->dtb_size;
}

static void boot_cpu0(VirtBoard *b)
{
    cpus_power_on(&b->vcpus[0], b->entry.pc, b->entry.x, b->boot_el);
}

/* PSCI SYSTEM_RESET: stop every vCPU, reload the images, reset devices, boot again. */
static bool virt_reset(void *opaque)
{
    VirtBoard *b = opaque;
    EmuError err;

    cpus_stop();
    tb_flush_all();   /* the loaders write RAM behind the code-page protection */
    cpus_setup(b->vcpus, b->ncpu, &b->vcfg);
    reset_devices(b);
    if (!load_images(b, &err)) {
        emu_report("reset: %s", err.msg);
        return false;
    }
    boot_cpu0(b);
    cpus_start();
    return true;
}

/* --- semihosting (target-arm/semihosting.h) --- */

static void *sh_phys_host(void *opaque, uint64_t pa, size_t len, bool write)
{
    return phys_host(opaque, pa, (unsigned)len, write);
}

static void sh_console_write(void *opaque, const uint8_t *buf, size_t len)
{
    VirtBoard *b = opaque;

    if (b->serial) {
        chardev_write(b->serial, buf, len);
    }
}

static void sh_exit(void *opaque, int status)
{
    main_loop_request_exit(status);
}

/* Heap above the images, stack at the top of RAM (1 MiB), as semihosting C libraries expect. */
static void semihosting_setup(VirtBoard *b)
{
    uint64_t ram_end = VIRT_RAM_BASE + b->cfg->ram_size;
    SemihostConfig sc = {
        .opaque = b,
        .phys_host = sh_phys_host,
        .console_write = sh_console_write,
        .exit = sh_exit,
        .cmdline = b->cfg->append,
        .heap_base = (b->images_end + 0xffff) & ~(uint64_t)0xffff,
        .heap_limit = ram_end - (1u << 20),
        .stack_base = ram_end,
        .stack_limit = ram_end - (1u << 20),
    };

    semihosting_configure(b->cfg->semihosting ? &sc : NULL);
}

/* --- monitor (system/monitor.h) --- */

static CPUARMState *mon_cpu_env(void *opaque, unsigned i)
{
    return &((VirtBoard *)opaque)->cpus[i]->env;
}

static void mon_qtree(void *opaque, FILE *out)
{
    VirtBoard *b = opaque;

    fprintf(out, "bus: main-system-bus (machine virt, %u vCPU%s, %llu MiB RAM)\n", b->ncpu,
            b->ncpu > 1 ? "s" : "", (unsigned long long)(b->cfg->ram_size >> 20));
    for (unsigned i = 0; i < b->as.nb_regions; i++) {
        const MemoryRegion *mr = b->as.regions[i];
        fprintf(out, "  dev: %s, mmio %016llx/%016llx%s\n", mr->name ? mr->name : "?",
                (unsigned long long)mr->base, (unsigned long long)mr->size,
                mr->host ? " (memory)" : "");
    }
    fprintf(out, "  irqs: pl011 SPI %u, pl031 SPI %u; timers PPI %u (phys) %u (virt) %u (hyp) %u (sec)\n",
            VIRT_UART_SPI, VIRT_RTC_SPI, VIRT_PPI_TIMER_PHYS, VIRT_PPI_TIMER_VIRT,
            VIRT_PPI_TIMER_HYP, VIRT_PPI_TIMER_SEC);
}

static bool monitor_setup(VirtBoard *b, EmuError *err)
{
    MonitorBoard mb = { .opaque = b, .ncpus = b->ncpu, .cpu = mon_cpu_env, .as = &b->as,
                        .qtree = mon_qtree };

    monitor_init(&mb);
    return monitor_start(&b->cfg->monitor, err);
}

int virt_run(VirtBoard *b)
{
    EmuError err;
    int status;

    main_loop_init();
    b->serial = chardev_open(&b->cfg->serial, &err);
    if (!b->serial) {
        emu_report("%s", err.msg);
        return 1;
    }
    chardev_set_handlers(b->serial, uart_can_receive, uart_receive, &b->uart);
    pl011_set_backend(&b->uart, chardev_write, b->serial);
    semihosting_setup(b);
    if (!monitor_setup(b, &err)) {
        emu_report("%s", err.msg);
        chardev_close(b->serial);
        b->serial = NULL;
        return 1;
    }
    if (b->cfg->start_stopped && !b->cfg->gdb) {
        cpus_pause(true);   /* -S: `cont` in the monitor starts the guest (gdb holds them itself) */
    }
    boot_cpu0(b);
    cpus_start();
    status = main_loop_run(b->serial, virt_reset, b);
    cpus_stop();
    pl011_set_backend(&b->uart, NULL, NULL);
    semihosting_configure(NULL);
    chardev_close(b->serial);
    b->serial = NULL;
    return status;
}

void virt_free(VirtBoard *b)
{
    if (!b) {
        return;
    }
    free_virtio_devices(b);
    for (unsigned i = 0; i < b->ncpu; i++) {
        free(b->cpus[i]);
    }
    if (b->ram.host) {
        munmap(b->ram.host, b->ram.size);
    }
    pflash_destroy(&b->pflash[0]);
    pflash_destroy(&b->pflash[1]);
    free(b->dtb);
    free(b);
}
