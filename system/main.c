/*
 * aarch64-system: emulates the Arm virt board.
 *
 * main() parses the command line (system/options.c), sets up logging, and
 * hands the configuration to the board (hw/virt.c), which runs the guest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "accel/softmmu.h"
#include "boot/fdt.h"
#include "gdbstub/gdbstub.h"
#include "hw/virt.h"
#include "system/options.h"
#include "target-arm/exec-target.h"
#include "target-arm/gdb-target.h"
#include "util/error.h"
#include "util/log.h"
#include "version.h"

int main(int argc, char **argv)
{
    SystemConfig cfg;
    EmuError err;

    emu_set_progname("aarch64-system");
    if (!system_parse_args(&cfg, argc, argv, &err)) {
        emu_fatal("%s", err.msg);
    }
    if (cfg.want_help) {
        system_print_help();
        return 0;
    }
    if (cfg.want_version) {
        EMU_PRINT_VERSION("aarch64-system");
        return 0;
    }
    if (cfg.want_cpu_help) {
        arm_print_cpu_models(stdout);
        return 0;
    }
    if (cfg.want_machine_help) {
        printf("Supported machines:\n  virt   Arm virtual board (GICv2, PL011, PL031, virtio-mmio)\n");
        return 0;
    }
    if (cfg.want_device_help) {
        printf("Devices:\n  virtio-blk-device  drive=ID\n  virtio-net-device  netdev=ID[,mac=MAC]\n"
               "  virtio-rng-device\n");
        return 0;
    }
    if (cfg.want_log_help) {
        log_print_help(stdout);
        return 0;
    }
    if (!log_set_file(cfg.log_path, &err) || !log_set_dfilter(cfg.dfilter, &err)) {
        emu_fatal("%s", err.msg);
    }
    log_mask = cfg.log_items;

    VirtBoard *board = virt_create(&cfg, &err);
    if (!board) {
        emu_fatal("%s", err.msg);
    }
    if (cfg.dumpdtb) {
        /* -M virt,dumpdtb=FILE: the tree the guest would get, then stop. */
        const void *blob;
        size_t size;
        virt_dtb(board, &blob, &size);
        if (!fdt_write_file(blob, cfg.dumpdtb, &err)) {
            emu_fatal("%s", err.msg);
        }
        virt_free(board);
        system_config_free(&cfg);
        return 0;
    }
    if (cfg.gdb || cfg.start_stopped) {
        /*
         * -s / -gdb tcp:[HOST]:PORT (the options checked the form); -S: the
         * CPUs wait for gdb's continue, or without gdb for the monitor's cont.
         */
        const char *colon = cfg.gdb ? strrchr(cfg.gdb, ':') : NULL;
        GdbOptions gopts = { .port = colon ? atoi(colon + 1) : 1234,
                             .start_stopped = cfg.start_stopped };
        if (cfg.gdb && !gdbstub_start(&arm_gdb_target_system, &gopts, &err)) {
            emu_fatal("%s", err.msg);
        }
    }
    int status = virt_run(board);
    if (log_enabled(LOG_STATS)) {
        exec_print_stats();     /* while the CPUs still exist */
        softmmu_print_stats();
    }
    virt_free(board);
    system_config_free(&cfg);
    return status;
}
