/*
 * Command line of aarch64-system, parsed into a SystemConfig.
 *
 * Parsing checks everything that can be checked before the board exists
 * (names, sizes, files, references between -drive/-device/-netdev), so a
 * mistake is reported in one line before anything starts.
 */
#ifndef SYSTEM_OPTIONS_H
#define SYSTEM_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include "util/error.h"

#define SYS_MAX_CPUS 8          /* GICv2 serves at most 8 CPU interfaces */
#define SYS_MAX_DRIVES 16
#define SYS_MAX_DEVICES 32      /* the virt board has 32 virtio-mmio slots */
#define SYS_MAX_NETDEVS 8
#define SYS_MIN_RAM (16ull << 20)
#define SYS_MAX_RAM (255ull << 30) /* RAM must end below the 256 GiB high-memory window */

typedef enum SerialKind { SERIAL_DEFAULT, SERIAL_NONE, SERIAL_STDIO, SERIAL_FILE, SERIAL_TCP } SerialKind;

typedef struct SerialConfig {
    SerialKind kind;
    char *path;          /* SERIAL_FILE */
    char *host;          /* SERIAL_TCP: NULL for any */
    unsigned port;       /* SERIAL_TCP */
    bool server, wait;   /* SERIAL_TCP */
} SerialConfig;

typedef enum DriveInterface { DRIVE_IF_NONE, DRIVE_IF_VIRTIO, DRIVE_IF_PFLASH } DriveInterface;

typedef struct DriveConfig {
    char *file;
    char *id;
    DriveInterface interface;
    bool readonly;
    bool snapshot;
    char *cache;         /* NULL = writeback */
} DriveConfig;

typedef enum DeviceKind { DEV_VIRTIO_BLK, DEV_VIRTIO_NET, DEV_VIRTIO_RNG } DeviceKind;

typedef struct DeviceConfig {
    DeviceKind kind;
    char *drive;         /* virtio-blk */
    char *netdev;        /* virtio-net */
    uint8_t mac[6];      /* virtio-net */
    bool has_mac;
} DeviceConfig;

typedef struct NetdevConfig {
    char *id;
    char *hostfwd[8];
    int nb_hostfwd;
    char *net;           /* e.g. 10.0.2.0/24 */
} NetdevConfig;

typedef enum CpuModel { CPU_CORTEX_A57, CPU_CORTEX_A72, CPU_MAX } CpuModel;

typedef struct SystemConfig {
    CpuModel cpu;
    const char *cpu_props;      /* after "-cpu MODEL," (points into argv), or NULL */
    uint64_t ram_size;
    unsigned smp;
    bool virtualization, secure;
    char *dumpdtb;
    char *kernel, *initrd, *append, *dtb, *bios;
    bool nographic;
    bool no_reboot;
    SerialConfig serial;
    DriveConfig drives[SYS_MAX_DRIVES];
    int nb_drives;
    DeviceConfig devices[SYS_MAX_DEVICES];
    int nb_devices;
    NetdevConfig netdevs[SYS_MAX_NETDEVS];
    int nb_netdevs;
    unsigned log_items;
    char *log_path;
    char *dfilter;       /* -dfilter RANGE,... as given (checked) */
    char *gdb;           /* "tcp::1234" etc., NULL when off */
    bool start_stopped;  /* -S */
    bool use_interpreter; /* -accel tcg,backend=interp */
    /* -semihosting / -semihosting-config enable=on,target=native[,chardev=ID] */
    bool semihosting;
    char *semihosting_chardev;
    /* -monitor stdio|tcp:[HOST]:PORT,server[,nowait]|none; kind SERIAL_DEFAULT = none */
    SerialConfig monitor;
    /* What main() should do instead of running: print help/version. */
    bool want_help, want_version, want_cpu_help, want_machine_help, want_log_help,
         want_device_help;
} SystemConfig;

/* Parse argv; on error returns false with err naming the problem. */
bool system_parse_args(SystemConfig *cfg, int argc, char **argv, EmuError *err);
void system_config_free(SystemConfig *cfg);
void system_print_help(void);
const char *cpu_model_name(CpuModel m);

#endif
