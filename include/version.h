/* The project's version, printed by --version of every program. */
#ifndef VERSION_H
#define VERSION_H

#define EMU_VERSION "0.1.0"
#define EMU_PRINT_VERSION(prog) \
    printf("%s version " EMU_VERSION " (AArch64 emulator for x86-64 Linux hosts)\n", prog)

#endif
