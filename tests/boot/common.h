/*
 * Shared by the bare-metal boot tests (assembled by aarch64-linux-gnu-gcc):
 * the virt board's addresses and PSCI function IDs.
 */
#define UART_BASE      0x09000000
#define GICD_BASE      0x08000000
#define GICC_BASE      0x08010000
#define PSCI_VERSION   0x84000000
#define PSCI_CPU_ON64  0xc4000003
#define PSCI_AFF_INFO64 0xc4000004
#define PSCI_SYSTEM_OFF 0x84000008

/* puts: print the NUL-terminated string at x0 (clobbers x0, x1, x2). */
#define DEFINE_PUTS \
puts: ldr x1, =UART_BASE; \
1:  ldrb w2, [x0], #1; \
    cbz w2, 2f; \
    strb w2, [x1]; \
    b 1b; \
2:  ret

/* Power off through PSCI SYSTEM_OFF over HVC. */
#define POWER_OFF \
    ldr x0, =PSCI_SYSTEM_OFF; \
    hvc #0; \
    b .
