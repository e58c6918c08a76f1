/*
 * Interrupt lines: a device raises or lowers a line; whoever receives it
 * (the GIC's input, a CPU's IRQ/FIQ pin) gets a callback with the line's
 * number and level.  Lines are level-sensitive; edge-triggered behaviour
 * is the receiver's business (the GIC latches edges as pending).
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

typedef void (*IRQHandler)(void *opaque, int n, int level);

typedef struct IRQLine {
    IRQHandler handler;   /* NULL: an unconnected line, changes are dropped */
    void *opaque;
    int n;
} IRQLine;

static inline void irq_set(const IRQLine *line, int level)
{
    if (line->handler) {
        line->handler(line->opaque, line->n, level);
    }
}

static inline void irq_raise(const IRQLine *line)
{
    irq_set(line, 1);
}

static inline void irq_lower(const IRQLine *line)
{
    irq_set(line, 0);
}

static inline IRQLine irq_line(IRQHandler handler, void *opaque, int n)
{
    IRQLine l = { handler, opaque, n };
    return l;
}

#endif
