/* aarch64-system command line: see options.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "target-arm/exec-target.h"
#include "system/options.h"
#include "util/accel-opt.h"
#include "util/file.h"
#include "util/log.h"
#include "util/options.h"
#include "util/parse.h"

enum {
    OPT_MACHINE, OPT_CPU, OPT_MEMORY, OPT_SMP, OPT_KERNEL, OPT_INITRD, OPT_APPEND, OPT_DTB,
    OPT_BIOS, OPT_NOGRAPHIC, OPT_SERIAL, OPT_DRIVE, OPT_DEVICE, OPT_NETDEV, OPT_SNAPSHOT, OPT_LOG,
    OPT_LOGFILE, OPT_GDB_DEFAULT, OPT_GDB, OPT_START_STOPPED, OPT_NO_REBOOT, OPT_HELP,
    OPT_HELP_SHORT, OPT_VERSION, OPT_SEMIHOSTING, OPT_SEMIHOSTING_CONFIG, OPT_MONITOR,
    OPT_ACCEL, OPT_DFILTER,
};

static const OptionDef system_options[] = {
    { "M", OPT_MACHINE, true, "virt[,KEY=VAL]", "machine: virt (keys virtualization, secure, gic-version=2, dumpdtb=FILE)" },
    { "machine", OPT_MACHINE, true, "virt[,KEY=VAL]", "same as -M" },
    { "cpu", OPT_CPU, true, "MODEL", "CPU model: cortex-a57 (default), cortex-a72, max; 'help' lists them" },
    { "m", OPT_MEMORY, true, "SIZE", "RAM size, MiB unless suffixed K/M/G/T (default 128M)" },
    { "smp", OPT_SMP, true, "N", "number of CPUs, 1 to 8 (or cpus=N)" },
    { "kernel", OPT_KERNEL, true, "FILE", "kernel: arm64 Image (optionally gzipped), ELF or raw binary" },
    { "initrd", OPT_INITRD, true, "FILE", "initial ramdisk" },
    { "append", OPT_APPEND, true, "CMDLINE", "kernel command line" },
    { "dtb", OPT_DTB, true, "FILE", "use this device tree instead of the generated one" },
    { "bios", OPT_BIOS, true, "FILE", "firmware image mapped at flash 0 (e.g. U-Boot)" },
    { "nographic", OPT_NOGRAPHIC, false, NULL, "no display; serial port on stdio (Ctrl-A x quits)" },
    { "serial", OPT_SERIAL, true, "DEV", "serial port: stdio, file:PATH, tcp:[HOST]:PORT,server[,nowait], none" },
    { "drive", OPT_DRIVE, true, "file=PATH,...", "disk: file=,if=none|virtio|pflash,id=,format=raw,readonly=on,cache=,snapshot=on" },
    { "device", OPT_DEVICE, true, "DRIVER,...", "virtio-blk-device,drive=ID | virtio-net-device,netdev=ID[,mac=] | virtio-rng-device; 'help' lists" },
    { "snapshot", OPT_SNAPSHOT, false, NULL, "every -drive writes to a temporary overlay, never to its image" },
    { "netdev", OPT_NETDEV, true, "user,id=ID,...", "user-mode network (libslirp): hostfwd=tcp::HP-:GP, net=ADDR/MASK" },
    { "d", OPT_LOG, true, "ITEM,...", "enable debug logs; '-d help' lists the items" },
    { "D", OPT_LOGFILE, true, "FILE", "write debug logs to FILE instead of stderr" },
    { "dfilter", OPT_DFILTER, true, "RANGE,...", "per-block logs only for blocks in START+SIZE, START-SIZE or START..END" },
    { "s", OPT_GDB_DEFAULT, false, NULL, "wait for gdb on tcp::1234 (same as -gdb tcp::1234)" },
    { "gdb", OPT_GDB, true, "tcp::PORT", "wait for gdb on PORT" },
    { "S", OPT_START_STOPPED, false, NULL, "do not start the CPUs until gdb or the monitor says so" },
    { "no-reboot", OPT_NO_REBOOT, false, NULL, "exit instead of resetting when the guest reboots" },
    { "semihosting", OPT_SEMIHOSTING, false, NULL, "enable Arm semihosting (HLT #0xF000) on the host's files and console" },
    { "semihosting-config", OPT_SEMIHOSTING_CONFIG, true, "enable=on,target=native[,chardev=ID]", "semihosting, QEMU's spelling" },
    { "accel", OPT_ACCEL, true, "tcg[,backend=jit|interp]", "translator backend: x86-64 JIT (default) or the IR interpreter" },
    { "monitor", OPT_MONITOR, true, "DEV", "monitor: stdio, tcp:[HOST]:PORT,server[,nowait], none (-nographic: Ctrl-A c)" },
    { "help", OPT_HELP, false, NULL, "print this help and exit" },
    { "h", OPT_HELP_SHORT, false, NULL, "print this help and exit" },
    { "version", OPT_VERSION, false, NULL, "print the version and exit" },
    { NULL, 0, false, NULL, NULL },
};

static const char *const cpu_names[] = {
    [CPU_CORTEX_A57] = "cortex-a57",
    [CPU_CORTEX_A72] = "cortex-a72",
    [CPU_MAX] = "max",
};

const char *cpu_model_name(CpuModel m)
{
    return cpu_names[m];
}

static bool parse_machine(SystemConfig *cfg, const char *arg, EmuError *err)
{
    static const char *const keys[] = { "type", "virtualization", "secure", "gic-version",
                                        "dumpdtb", NULL };
    KeyVal kv;
    const char *v;
    bool ok = false;

    if (!strcmp(arg, "help")) {
        cfg->want_machine_help = true;
        return true;
    }
    if (!keyval_parse(&kv, arg, "type", err)) {
        return false;
    }
    if (!keyval_check_keys(&kv, keys, "-M", err)) {
        goto out;
    }
    v = keyval_get(&kv, "type");
    if (!v || strcmp(v, "virt")) {
        emu_error_set(err, "-M: unsupported machine '%s' (only 'virt' is emulated)", v ? v : "");
        goto out;
    }
    if ((v = keyval_get(&kv, "virtualization")) && !parse_bool(v, &cfg->virtualization)) {
        emu_error_set(err, "-M: virtualization=%s is not on/off", v);
        goto out;
    }
    if ((v = keyval_get(&kv, "secure")) && !parse_bool(v, &cfg->secure)) {
        emu_error_set(err, "-M: secure=%s is not on/off", v);
        goto out;
    }
    if ((v = keyval_get(&kv, "gic-version")) && strcmp(v, "2")) {
        emu_error_set(err, "-M: gic-version=%s is not supported (only GICv2)", v);
        goto out;
    }
    if ((v = keyval_get(&kv, "dumpdtb"))) {
        free(cfg->dumpdtb);
        cfg->dumpdtb = strdup(v);
    }
    ok = true;
out:
    keyval_free(&kv);
    return ok;
}

static bool parse_cpu(SystemConfig *cfg, const char *arg, EmuError *err)
{
    if (!strcmp(arg, "help")) {
        cfg->want_cpu_help = true;
        return true;
    }
    /* MODEL[,PROP=VALUE...]: the properties are the target's (-cpu max,pauth-impdef=on). */
    const char *comma = strchr(arg, ',');
    size_t len = comma ? (size_t)(comma - arg) : strlen(arg);
    for (size_t i = 0; i < sizeof(cpu_names) / sizeof(cpu_names[0]); i++) {
        if (strlen(cpu_names[i]) == len && !strncmp(arg, cpu_names[i], len)) {
            cfg->cpu = (CpuModel)i;
            cfg->cpu_props = comma ? comma + 1 : NULL;
            return arm_cpu_parse_props(strcmp(cpu_names[i], "max") ? ARM_CPU_CORTEX_A57 : ARM_CPU_MAX,
                                       cfg->cpu_props, err);
        }
    }
    return emu_error_set(err, "-cpu: unknown CPU model '%s' (cortex-a57, cortex-a72 or max)", arg);
}

static bool parse_memory(SystemConfig *cfg, const char *arg, EmuError *err)
{
    uint64_t size;
    const char *s = arg;

    /* QEMU also accepts "size=1G". */
    if (!strncmp(s, "size=", 5)) {
        s += 5;
    }
    if (!parse_size(s, 1ull << 20, &size, err)) {
        EmuError detail = *err;
        return emu_error_set(err, "-m: %s", detail.msg);
    }
    if (size < SYS_MIN_RAM || size > SYS_MAX_RAM) {
        return emu_error_set(err, "-m: RAM size '%s' must be between 16M and 255G", arg);
    }
    if (size & 0xffff) {
        return emu_error_set(err, "-m: RAM size '%s' must be a multiple of 64 KiB", arg);
    }
    cfg->ram_size = size;
    return true;
}

static bool parse_smp(SystemConfig *cfg, const char *arg, EmuError *err)
{
    static const char *const keys[] = { "cpus", "maxcpus", NULL };
    KeyVal kv;
    uint64_t n;
    bool ok;

    if (!keyval_parse(&kv, arg, "cpus", err)) {
        return false;
    }
    ok = keyval_check_keys(&kv, keys, "-smp", err) &&
         parse_uint(keyval_get(&kv, "cpus"), 1, SYS_MAX_CPUS, "-smp", &n, err);
    if (ok && keyval_get(&kv, "maxcpus")) {
        uint64_t max;
        ok = parse_uint(keyval_get(&kv, "maxcpus"), n, SYS_MAX_CPUS, "-smp maxcpus", &max, err);
    }
    keyval_free(&kv);
    if (ok) {
        cfg->smp = (unsigned)n;
    }
    return ok;
}

static bool parse_serial(SystemConfig *cfg, const char *arg, EmuError *err)
{
    SerialConfig *sc = &cfg->serial;

    if (sc->kind != SERIAL_DEFAULT) {
        return emu_error_set(err, "-serial: the virt board has one UART; -serial given twice");
    }
    if (!strcmp(arg, "stdio") || !strcmp(arg, "mon:stdio")) {
        sc->kind = SERIAL_STDIO;
    } else if (!strcmp(arg, "none") || !strcmp(arg, "null")) {
        sc->kind = SERIAL_NONE;
    } else if (!strncmp(arg, "file:", 5)) {
        if (!arg[5]) {
            return emu_error_set(err, "-serial: file: needs a path");
        }
        sc->kind = SERIAL_FILE;
        sc->path = strdup(arg + 5);
    } else if (!strncmp(arg, "tcp:", 4)) {
        const char *hostport = arg + 4, *colon = strchr(hostport, ':');
        char portbuf[16];
        size_t portlen;
        uint64_t port;
        KeyVal kv;
        static const char *const keys[] = { "addr", "server", "nowait", "wait", NULL };

        if (!colon) {
            return emu_error_set(err, "-serial: '%s' is not tcp:[HOST]:PORT[,server][,wait=off]", arg);
        }
        portlen = strcspn(colon + 1, ",");
        if (portlen == 0 || portlen >= sizeof(portbuf)) {
            return emu_error_set(err, "-serial: '%s' has no valid port", arg);
        }
        memcpy(portbuf, colon + 1, portlen);
        portbuf[portlen] = '\0';
        if (!parse_uint(portbuf, 1, 65535, "-serial tcp port", &port, err)) {
            return false;
        }
        sc->kind = SERIAL_TCP;
        sc->port = (unsigned)port;
        sc->host = colon > hostport ? strndup(hostport, colon - hostport) : NULL;
        sc->wait = true;
        if (colon[1 + portlen] == ',') {
            /* Flags "server" and "nowait" are bare words in QEMU; give them values. */
            char opts[256];
            const char *p = colon + 2 + portlen;
            opts[0] = '\0';
            while (*p) {
                size_t l = strcspn(p, ",");
                if (strlen(opts) + l + 8 >= sizeof(opts)) {
                    return emu_error_set(err, "-serial: options of '%s' are too long", arg);
                }
                strncat(opts, p, l);
                if (!memchr(p, '=', l)) {
                    strcat(opts, "=on");
                }
                p += l;
                if (*p == ',') {
                    strcat(opts, ",");
                    p++;
                }
            }
            if (!keyval_parse(&kv, opts, NULL, err)) {
                return false;
            }
            if (!keyval_check_keys(&kv, keys, "-serial tcp", err)) {
                keyval_free(&kv);
                return false;
            }
            if (keyval_get(&kv, "server")) {
                parse_bool(keyval_get(&kv, "server"), &sc->server);
            }
            if (keyval_get(&kv, "nowait")) {
                sc->wait = false;
            }
            if (keyval_get(&kv, "wait")) {
                parse_bool(keyval_get(&kv, "wait"), &sc->wait);
            }
            keyval_free(&kv);
        }
        if (!sc->server) {
            return emu_error_set(err, "-serial: '%s': only server mode is supported (add ,server)", arg);
        }
    } else {
        return emu_error_set(err, "-serial: unsupported backend '%s' (stdio, file:PATH, tcp::PORT,server, none)", arg);
    }
    return true;
}

static const DriveConfig *find_drive(const SystemConfig *cfg, const char *id)
{
    for (int i = 0; i < cfg->nb_drives; i++) {
        if (cfg->drives[i].id && !strcmp(cfg->drives[i].id, id)) {
            return &cfg->drives[i];
        }
    }
    return NULL;
}

static bool parse_drive(SystemConfig *cfg, const char *arg, EmuError *err)
{
    static const char *const keys[] = { "file", "if", "id", "format", "readonly", "cache",
                                        "snapshot", "media", NULL };
    DriveConfig *d;
    KeyVal kv;
    const char *v;
    bool ok = false;

    if (cfg->nb_drives == SYS_MAX_DRIVES) {
        return emu_error_set(err, "-drive: too many drives (at most %d)", SYS_MAX_DRIVES);
    }
    if (!keyval_parse(&kv, arg, NULL, err)) {
        return false;
    }
    d = &cfg->drives[cfg->nb_drives];
    memset(d, 0, sizeof(*d));
    d->interface = DRIVE_IF_VIRTIO;   /* QEMU's default interface on virt */
    if (!keyval_check_keys(&kv, keys, "-drive", err)) {
        goto out;
    }
    if (!(v = keyval_get(&kv, "file"))) {
        emu_error_set(err, "-drive: 'file=PATH' is required");
        goto out;
    }
    if (!file_check_readable(v, "-drive file", err)) {
        goto out;
    }
    d->file = strdup(v);
    if ((v = keyval_get(&kv, "if"))) {
        if (!strcmp(v, "none")) {
            d->interface = DRIVE_IF_NONE;
        } else if (!strcmp(v, "virtio")) {
            d->interface = DRIVE_IF_VIRTIO;
        } else if (!strcmp(v, "pflash")) {
            d->interface = DRIVE_IF_PFLASH;
        } else {
            emu_error_set(err, "-drive: unsupported interface if=%s (none, virtio, pflash)", v);
            goto out;
        }
    }
    if ((v = keyval_get(&kv, "format")) && strcmp(v, "raw")) {
        emu_error_set(err, "-drive: unsupported format=%s (only raw images)", v);
        goto out;
    }
    if ((v = keyval_get(&kv, "media")) && strcmp(v, "disk")) {
        emu_error_set(err, "-drive: unsupported media=%s (only disk)", v);
        goto out;
    }
    if ((v = keyval_get(&kv, "readonly")) && !parse_bool(v, &d->readonly)) {
        emu_error_set(err, "-drive: readonly=%s is not on/off", v);
        goto out;
    }
    if ((v = keyval_get(&kv, "snapshot")) && !parse_bool(v, &d->snapshot)) {
        emu_error_set(err, "-drive: snapshot=%s is not on/off", v);
        goto out;
    }
    if ((v = keyval_get(&kv, "cache"))) {
        static const char *const modes[] = { "none", "writeback", "writethrough", "unsafe",
                                             "directsync", NULL };
        const char *const *m;
        for (m = modes; *m && strcmp(*m, v); m++) {
        }
        if (!*m) {
            emu_error_set(err, "-drive: unknown cache=%s (none, writeback, writethrough, unsafe, directsync)", v);
            goto out;
        }
        d->cache = strdup(v);
    }
    if ((v = keyval_get(&kv, "id"))) {
        if (find_drive(cfg, v)) {
            emu_error_set(err, "-drive: duplicate id '%s'", v);
            goto out;
        }
        d->id = strdup(v);
    } else if (d->interface == DRIVE_IF_NONE) {
        emu_error_set(err, "-drive: if=none needs id=ID for -device to refer to it");
        goto out;
    }
    cfg->nb_drives++;
    ok = true;
out:
    if (!ok) {
        free(d->file);
        free(d->cache);
        memset(d, 0, sizeof(*d));
    }
    keyval_free(&kv);
    return ok;
}

static bool parse_mac(const char *s, uint8_t mac[6])
{
    unsigned b[6];
    char tail;
    if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
               &tail) != 6) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        mac[i] = (uint8_t)b[i];
    }
    return (mac[0] & 1) == 0;   /* a multicast address cannot be a NIC's */
}

static bool parse_device(SystemConfig *cfg, const char *arg, EmuError *err)
{
    static const char *const blk_keys[] = { "driver", "drive", "id", NULL };
    static const char *const net_keys[] = { "driver", "netdev", "mac", "id", NULL };
    static const char *const rng_keys[] = { "driver", "id", NULL };
    DeviceConfig *dev;
    KeyVal kv;
    const char *driver, *v;
    bool ok = false;

    if (!strcmp(arg, "help")) {
        cfg->want_device_help = true;
        return true;
    }
    if (cfg->nb_devices == SYS_MAX_DEVICES) {
        return emu_error_set(err, "-device: too many devices (the board has %d virtio-mmio slots)",
                             SYS_MAX_DEVICES);
    }
    if (!keyval_parse(&kv, arg, "driver", err)) {
        return false;
    }
    dev = &cfg->devices[cfg->nb_devices];
    memset(dev, 0, sizeof(*dev));
    driver = keyval_get(&kv, "driver");
    if (!driver) {
        emu_error_set(err, "-device: no driver name in '%s'", arg);
        goto out;
    }
    if (!strcmp(driver, "virtio-blk-device")) {
        dev->kind = DEV_VIRTIO_BLK;
        if (!keyval_check_keys(&kv, blk_keys, "-device virtio-blk-device", err)) {
            goto out;
        }
        if (!(v = keyval_get(&kv, "drive"))) {
            emu_error_set(err, "-device virtio-blk-device: 'drive=ID' is required");
            goto out;
        }
        dev->drive = strdup(v);
    } else if (!strcmp(driver, "virtio-net-device")) {
        dev->kind = DEV_VIRTIO_NET;
        if (!keyval_check_keys(&kv, net_keys, "-device virtio-net-device", err)) {
            goto out;
        }
        if (!(v = keyval_get(&kv, "netdev"))) {
            emu_error_set(err, "-device virtio-net-device: 'netdev=ID' is required");
            goto out;
        }
        dev->netdev = strdup(v);
        if ((v = keyval_get(&kv, "mac"))) {
            if (!parse_mac(v, dev->mac)) {
                emu_error_set(err, "-device virtio-net-device: invalid mac=%s (unicast xx:xx:xx:xx:xx:xx)", v);
                goto out;
            }
            dev->has_mac = true;
        }
    } else if (!strcmp(driver, "virtio-rng-device")) {
        dev->kind = DEV_VIRTIO_RNG;
        if (!keyval_check_keys(&kv, rng_keys, "-device virtio-rng-device", err)) {
            goto out;
        }
    } else {
        emu_error_set(err, "-device: unsupported device '%s' (try -device help)", driver);
        goto out;
    }
    cfg->nb_devices++;
    ok = true;
out:
    if (!ok) {
        free(dev->drive);
        free(dev->netdev);
        memset(dev, 0, sizeof(*dev));
    }
    keyval_free(&kv);
    return ok;
}

static bool parse_netdev(SystemConfig *cfg, const char *arg, EmuError *err)
{
    static const char *const keys[] = { "type", "id", "hostfwd", "net", NULL };
    NetdevConfig *nd;
    KeyVal kv;
    const char *v;
    bool ok = false;

    if (cfg->nb_netdevs == SYS_MAX_NETDEVS) {
        return emu_error_set(err, "-netdev: too many network back-ends (at most %d)", SYS_MAX_NETDEVS);
    }
    if (!keyval_parse(&kv, arg, "type", err)) {
        return false;
    }
    nd = &cfg->netdevs[cfg->nb_netdevs];
    memset(nd, 0, sizeof(*nd));
    v = keyval_get(&kv, "type");
    if (!v || strcmp(v, "user")) {
        emu_error_set(err, "-netdev: unsupported type '%s' (only 'user' networking)", v ? v : "");
        goto out;
    }
    if (!CONFIG_SLIRP) {
        emu_error_set(err, "-netdev: this aarch64-system was built --static, without libslirp: "
                      "user-mode networking is not available");
        goto out;
    }
    if (!keyval_check_keys(&kv, keys, "-netdev user", err)) {
        goto out;
    }
    if (!(v = keyval_get(&kv, "id"))) {
        emu_error_set(err, "-netdev user: 'id=ID' is required");
        goto out;
    }
    for (int i = 0; i < cfg->nb_netdevs; i++) {
        if (!strcmp(cfg->netdevs[i].id, v)) {
            emu_error_set(err, "-netdev: duplicate id '%s'", v);
            goto out;
        }
    }
    nd->id = strdup(v);
    if ((v = keyval_get(&kv, "hostfwd"))) {
        unsigned hp, gp;
        char proto[4];
        /* tcp::HOSTPORT-:GUESTPORT, the only form QEMU scripts commonly use. */
        if (sscanf(v, "%3[a-z]::%u-:%u", proto, &hp, &gp) != 3 ||
            (strcmp(proto, "tcp") && strcmp(proto, "udp")) || !hp || hp > 65535 || !gp ||
            gp > 65535) {
            emu_error_set(err, "-netdev user: invalid hostfwd=%s (tcp::HOSTPORT-:GUESTPORT)", v);
            goto out;
        }
        nd->hostfwd[nd->nb_hostfwd++] = strdup(v);
    }
    if ((v = keyval_get(&kv, "net"))) {
        nd->net = strdup(v);
    }
    cfg->nb_netdevs++;
    ok = true;
out:
    if (!ok) {
        free(nd->id);
        memset(nd, 0, sizeof(*nd));
    }
    keyval_free(&kv);
    return ok;
}

/* Cross-references and combinations that can only be checked at the end. */
static bool check_config(SystemConfig *cfg, EmuError *err)
{
    bool drive_used[SYS_MAX_DRIVES] = { false };

    for (int i = 0; i < cfg->nb_devices; i++) {
        DeviceConfig *dev = &cfg->devices[i];
        if (dev->kind == DEV_VIRTIO_BLK) {
            const DriveConfig *d = find_drive(cfg, dev->drive);
            if (!d) {
                return emu_error_set(err, "-device virtio-blk-device: no -drive with id '%s'", dev->drive);
            }
            if (d->interface != DRIVE_IF_NONE) {
                return emu_error_set(err, "-device virtio-blk-device: drive '%s' needs if=none", dev->drive);
            }
            if (drive_used[d - cfg->drives]) {
                return emu_error_set(err, "-device: drive '%s' is used twice", dev->drive);
            }
            drive_used[d - cfg->drives] = true;
        } else if (dev->kind == DEV_VIRTIO_NET) {
            bool found = false;
            for (int j = 0; j < cfg->nb_netdevs; j++) {
                found |= !strcmp(cfg->netdevs[j].id, dev->netdev);
            }
            if (!found) {
                return emu_error_set(err, "-device virtio-net-device: no -netdev with id '%s'", dev->netdev);
            }
        }
    }
    if (cfg->append && !cfg->kernel) {
        return emu_error_set(err, "-append needs -kernel");
    }
    if (cfg->initrd && !cfg->kernel) {
        return emu_error_set(err, "-initrd needs -kernel");
    }
    if (!cfg->kernel && !cfg->bios && !cfg->want_help && !cfg->want_version &&
        !cfg->want_cpu_help && !cfg->want_machine_help && !cfg->want_log_help &&
        !cfg->want_device_help && !cfg->dumpdtb) {
        return emu_error_set(err, "nothing to run: give -kernel FILE or -bios FILE (see --help)");
    }
    return true;
}

static bool set_file_option(char **slot, const char *arg, const char *what, EmuError *err)
{
    if (!file_check_readable(arg, what, err)) {
        return false;
    }
    free(*slot);
    *slot = strdup(arg);
    return true;
}

/* -snapshot: as snapshot=on on every -drive, wherever it stands on the command line. */
static void apply_snapshot(SystemConfig *cfg, bool snapshot_all)
{
    for (int i = 0; i < cfg->nb_drives && snapshot_all; i++) {
        cfg->drives[i].snapshot = true;
    }
}

/*
 * -semihosting-config as QEMU spells it: enable=on|off, target=native|auto
 * (there is no gdb syscall target here), chardev=ID (console output of the
 * semihosting calls; accepted, the console is the serial port's backend).
 */
static bool parse_semihosting_config(SystemConfig *cfg, const char *arg, EmuError *err)
{
    static const char *const keys[] = { "enable", "target", "chardev", "userspace", NULL };
    KeyVal kv;
    const char *v;
    bool ok = false, on = true;

    if (!keyval_parse(&kv, arg, "enable", err)) {
        return false;
    }
    if (!keyval_check_keys(&kv, keys, "-semihosting-config", err)) {
        goto out;
    }
    if ((v = keyval_get(&kv, "enable")) && !parse_bool(v, &on)) {
        emu_error_set(err, "-semihosting-config: enable=%s is not on or off", v);
        goto out;
    }
    if ((v = keyval_get(&kv, "target")) && strcmp(v, "native") && strcmp(v, "auto")) {
        emu_error_set(err, "-semihosting-config: target=%s is not supported (native, auto)", v);
        goto out;
    }
    if ((v = keyval_get(&kv, "chardev"))) {
        free(cfg->semihosting_chardev);
        cfg->semihosting_chardev = strdup(v);
    }
    cfg->semihosting = on;
    ok = true;
out:
    keyval_free(&kv);
    return ok;
}

/* -monitor: the same backends as -serial (one monitor). */
static bool parse_monitor(SystemConfig *cfg, const char *arg, EmuError *err)
{
    SerialConfig saved = cfg->serial;
    bool ok;

    if (cfg->monitor.kind != SERIAL_DEFAULT) {
        return emu_error_set(err, "-monitor given twice");
    }
    if (!strncmp(arg, "file:", 5)) {
        return emu_error_set(err, "-monitor: unsupported backend '%s' (stdio, tcp::PORT,server, none)", arg);
    }
    /* Reuse the -serial parser on a blank slot. */
    memset(&cfg->serial, 0, sizeof(cfg->serial));
    ok = parse_serial(cfg, arg, err);
    cfg->monitor = cfg->serial;
    cfg->serial = saved;
    if (!ok && err) {
        char msg[sizeof(err->msg)];
        snprintf(msg, sizeof(msg), "%s", err->msg);
        if (!strncmp(msg, "-serial", 7)) {
            emu_error_set(err, "-monitor%s", msg + 7);
        }
    }
    return ok;
}

bool system_parse_args(SystemConfig *cfg, int argc, char **argv, EmuError *err)
{
    OptionScanner sc;
    const char *arg;
    int id;
    bool snapshot_all = false;

    memset(cfg, 0, sizeof(*cfg));
    cfg->cpu = CPU_CORTEX_A57;
    cfg->ram_size = 128ull << 20;   /* QEMU's default */
    cfg->smp = 1;

    option_scanner_init(&sc, argc, argv, false);
    while ((id = option_next(&sc, system_options, &arg, err)) != OPTION_END) {
        bool ok = true;
        switch (id) {
        case OPTION_ERROR: return false;
        case OPT_MACHINE: ok = parse_machine(cfg, arg, err); break;
        case OPT_CPU: ok = parse_cpu(cfg, arg, err); break;
        case OPT_MEMORY: ok = parse_memory(cfg, arg, err); break;
        case OPT_SMP: ok = parse_smp(cfg, arg, err); break;
        case OPT_KERNEL: ok = set_file_option(&cfg->kernel, arg, "-kernel", err); break;
        case OPT_INITRD: ok = set_file_option(&cfg->initrd, arg, "-initrd", err); break;
        case OPT_DTB: ok = set_file_option(&cfg->dtb, arg, "-dtb", err); break;
        case OPT_BIOS: ok = set_file_option(&cfg->bios, arg, "-bios", err); break;
        case OPT_APPEND:
            free(cfg->append);
            cfg->append = strdup(arg);
            break;
        case OPT_NOGRAPHIC: cfg->nographic = true; break;
        case OPT_SERIAL: ok = parse_serial(cfg, arg, err); break;
        case OPT_DRIVE: ok = parse_drive(cfg, arg, err); break;
        case OPT_DEVICE: ok = parse_device(cfg, arg, err); break;
        case OPT_NETDEV: ok = parse_netdev(cfg, arg, err); break;
        case OPT_LOG:
            if (!strcmp(arg, "help")) {
                cfg->want_log_help = true;
            } else {
                unsigned items;
                ok = log_parse_items(arg, &items, err);
                cfg->log_items |= ok ? items : 0;
            }
            break;
        case OPT_LOGFILE:
            free(cfg->log_path);
            cfg->log_path = strdup(arg);
            break;
        case OPT_DFILTER:
            if ((ok = log_check_dfilter(arg, err))) {
                free(cfg->dfilter);
                cfg->dfilter = strdup(arg);
            }
            break;
        case OPT_GDB_DEFAULT:
            free(cfg->gdb);
            cfg->gdb = strdup("tcp::1234");
            break;
        case OPT_GDB:
            if (strncmp(arg, "tcp:", 4) || !strchr(arg + 4, ':') ||
                !atoi(strrchr(arg, ':') + 1)) {
                return emu_error_set(err, "-gdb: '%s' is not tcp:[HOST]:PORT", arg);
            }
            free(cfg->gdb);
            cfg->gdb = strdup(arg);
            break;
        case OPT_START_STOPPED: cfg->start_stopped = true; break;
        case OPT_SEMIHOSTING: cfg->semihosting = true; break;
        case OPT_SEMIHOSTING_CONFIG: ok = parse_semihosting_config(cfg, arg, err); break;
        case OPT_MONITOR: ok = parse_monitor(cfg, arg, err); break;
        case OPT_ACCEL: ok = parse_accel(arg, &cfg->use_interpreter, err); break;
        case OPT_NO_REBOOT: cfg->no_reboot = true; break;
        case OPT_SNAPSHOT: snapshot_all = true; break;
        case OPT_HELP:
        case OPT_HELP_SHORT: cfg->want_help = true; break;
        case OPT_VERSION: cfg->want_version = true; break;
        }
        if (!ok) {
            return false;
        }
    }
    apply_snapshot(cfg, snapshot_all);
    return check_config(cfg, err);
}

void system_config_free(SystemConfig *cfg)
{
    free(cfg->dumpdtb);
    free(cfg->kernel);
    free(cfg->initrd);
    free(cfg->append);
    free(cfg->dtb);
    free(cfg->bios);
    free(cfg->serial.path);
    free(cfg->serial.host);
    for (int i = 0; i < cfg->nb_drives; i++) {
        free(cfg->drives[i].file);
        free(cfg->drives[i].id);
        free(cfg->drives[i].cache);
    }
    for (int i = 0; i < cfg->nb_devices; i++) {
        free(cfg->devices[i].drive);
        free(cfg->devices[i].netdev);
    }
    for (int i = 0; i < cfg->nb_netdevs; i++) {
        free(cfg->netdevs[i].id);
        free(cfg->netdevs[i].net);
        for (int j = 0; j < cfg->netdevs[i].nb_hostfwd; j++) {
            free(cfg->netdevs[i].hostfwd[j]);
        }
    }
    free(cfg->log_path);
    free(cfg->dfilter);
    free(cfg->gdb);
    free(cfg->semihosting_chardev);
    free(cfg->monitor.path);
    free(cfg->monitor.host);
    memset(cfg, 0, sizeof(*cfg));
}

void system_print_help(void)
{
    printf("Usage: aarch64-system -M virt [options]\n"
           "Emulates the Arm 'virt' board with AArch64 CPUs.\n\n"
           "Options:\n");
    option_print_help(stdout, system_options);
    printf("\nExample:\n  aarch64-system -M virt -cpu cortex-a57 -m 1G -kernel Image "
           "-initrd initrd.gz -append console=ttyAMA0 -nographic\n");
}
