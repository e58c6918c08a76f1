/*
 * aarch64-user: runs an AArch64 Linux program on an x86-64 host.
 *
 * main() parses the command line (linux-user/options.c), sets up logging,
 * checks the program (linux-user/elfload.c) and runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include "linux-user/elfload.h"
#include "linux-user/options.h"
#include "util/error.h"
#include "util/log.h"
#include "version.h"

int main(int argc, char **argv)
{
    UserConfig cfg;
    ElfImage image;
    EmuError err;

    emu_set_progname("aarch64-user");
    if (!user_parse_args(&cfg, argc, argv, &err)) {
        emu_fatal("%s", err.msg);
    }
    if (cfg.want_help) {
        user_print_help();
        return 0;
    }
    if (cfg.want_version) {
        EMU_PRINT_VERSION("aarch64-user");
        return 0;
    }
    if (cfg.want_cpu_help) {
        printf("Available CPUs:\n  cortex-a57\n  cortex-a72\n  max\n");
        return 0;
    }
    if (cfg.want_log_help) {
        log_print_help(stdout);
        return 0;
    }
    if (!log_set_file(cfg.log_path, &err)) {
        emu_fatal("%s", err.msg);
    }
    log_mask = cfg.log_items;

    if (!elf_read_file(cfg.program, &image, &err)) {
        emu_fatal("%s", err.msg);
    }
    /* The translator and the program loader come with issue #3. */
    emu_report("%s: the translator is not implemented yet; the program was checked but not run",
               cfg.program);
    user_config_free(&cfg);
    return 1;
}
