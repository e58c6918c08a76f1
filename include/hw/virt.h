/*
 * The Arm `virt` board: memory map, devices, wiring, device tree and boot.
 *
 * Memory map (as QEMU's virt):
 *   0x00000000  CFI flash, two 64 MiB banks (hw/pflash.h): bank 0 holds -bios,
 *               bank 1 a -drive if=pflash (U-Boot's environment)
 *   0x08000000  GICv2 distributor      0x08010000  GICv2 CPU interface
 *   0x09000000  PL011 UART (SPI 1)     0x09010000  PL031 RTC (SPI 2)
 *   0x0a000000  virtio-mmio transports, 0x200 each (SPI 16 + n; issue #9)
 *   0x40000000  RAM (-m)
 * Each CPU's generic timers drive GIC PPIs 30 (phys), 27 (virt), 26 (hyp)
 * and 29 (secure); the GIC's outputs drive the CPUs' IRQ/FIQ pins.
 *
 * Public functions: virt_create, virt_dtb, virt_run, virt_free.
 */
#ifndef HW_VIRT_H
#define HW_VIRT_H

#include <stdbool.h>
#include <stddef.h>
#include "system/options.h"
#include "util/error.h"

#define VIRT_FLASH_BASE     0x00000000ull
#define VIRT_FLASH_SIZE     0x08000000ull   /* both banks */
#define VIRT_FLASH_BANK_SIZE 0x04000000ull
#define VIRT_GIC_DIST_BASE  0x08000000ull
#define VIRT_GIC_CPU_BASE   0x08010000ull
#define VIRT_UART_BASE      0x09000000ull
#define VIRT_UART_SPI       1
#define VIRT_RTC_BASE       0x09010000ull
#define VIRT_RTC_SPI        2
#define VIRT_MMIO_BASE      0x0a000000ull
#define VIRT_MMIO_STRIDE    0x200ull
#define VIRT_MMIO_SPI_BASE  16
#define VIRT_RAM_BASE       0x40000000ull
#define VIRT_GIC_NUM_IRQ    256
#define VIRT_PPI_TIMER_PHYS 30
#define VIRT_PPI_TIMER_VIRT 27
#define VIRT_PPI_TIMER_HYP  26
#define VIRT_PPI_TIMER_SEC  29
#define VIRT_PPI_TIMER_HYPV 28   /* EL2 virtual timer (FEAT_VHE) */

typedef struct VirtBoard VirtBoard;

/*
 * Build the board for cfg: memory, devices, CPUs, the serial back-end,
 * and load -kernel/-bios, -initrd and the device tree.  NULL with err set
 * on a user error (bad file, unsupported option).
 */
VirtBoard *virt_create(const SystemConfig *cfg, EmuError *err);
/* The device tree the guest gets. */
void virt_dtb(const VirtBoard *b, const void **blob, size_t *size);
/* Run the guest until it powers off (or Ctrl-A x); returns the exit status. */
int virt_run(VirtBoard *b);
void virt_free(VirtBoard *b);

#endif
