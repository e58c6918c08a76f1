/* Arm PrimeCell RTC (PL031): see include/hw/pl031.h and DDI 0224. */
#include <inttypes.h>
#include <string.h>
#include <time.h>
#include "boot/fdt.h"
#include "hw/pl031.h"
#include "util/log.h"

#define NS_PER_SEC 1000000000ll

/* Peripheral and PrimeCell identification (DDI 0224, 3.3.9-3.3.10). */
static const uint8_t pl031_id[8] = { 0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static void update_irq(PL031State *s)
{
    int level = (s->ris & s->imsc & 1) != 0;
    if (level != s->irq_level) {
        s->irq_level = level;
        irq_set(&s->irq, level);
    }
}

/* Whole seconds counted since the counter was last loaded. */
static int64_t elapsed_ticks(const PL031State *s)
{
    int64_t d = clock_now_ns() - s->base_ns;
    return d < 0 ? 0 : d / NS_PER_SEC;
}

static uint32_t counter(const PL031State *s)
{
    return s->tick_offset + (uint32_t)elapsed_ticks(s);
}

/*
 * The interrupt is raised when the counter becomes equal to MR (DDI 0224,
 * 2.2.3): at the next increment that lands on MR, so an MR equal to the
 * current count matches only after the counter wraps (2^32 s).
 */
static void arm_alarm(PL031State *s)
{
    int64_t ticks = elapsed_ticks(s);
    uint64_t delta = (uint32_t)(s->mr - (s->tick_offset + (uint32_t)ticks));

    if (delta == 0) {
        delta = 1ull << 32;
    }
    timer_mod(&s->alarm, s->base_ns + (ticks + (int64_t)delta) * NS_PER_SEC);
}

static void alarm_fire(void *opaque)
{
    PL031State *s = opaque;

    s->ris |= 1;
    update_irq(s);
    arm_alarm(s);   /* the next match is one wrap later */
}

static void load_counter(PL031State *s, uint32_t value)
{
    s->tick_offset = value;
    s->base_ns = clock_now_ns();
    arm_alarm(s);
}

void pl031_reset(PL031State *s)
{
    int64_t epoch = s->epoch_at_reset >= 0 ? s->epoch_at_reset : (int64_t)time(NULL);

    s->mr = 0;
    s->lr = 0;
    s->cr = 1;
    s->imsc = 0;
    s->ris = 0;
    load_counter(s, (uint32_t)epoch);
    update_irq(s);
}

static uint64_t pl031_read(void *opaque, uint64_t offset, unsigned size, unsigned cpu)
{
    PL031State *s = opaque;

    if (offset >= 0xfe0 && offset <= 0xffc) {
        return pl031_id[(offset - 0xfe0) >> 2];
    }
    switch (offset) {
    case PL031_DR:
        return counter(s);
    case PL031_MR:
        return s->mr;
    case PL031_LR:
        return s->lr;
    case PL031_CR:
        return s->cr;
    case PL031_IMSC:
        return s->imsc;
    case PL031_RIS:
        return s->ris;
    case PL031_MIS:
        return s->ris & s->imsc;
    case PL031_ICR:
        emu_log_mask(LOG_GUEST_ERRORS, "pl031: read of write-only RTCICR\n");
        return 0;
    default:
        emu_log_mask(LOG_GUEST_ERRORS, "pl031: read of unknown register 0x%" PRIx64 "\n", offset);
        return 0;
    }
}

static void pl031_write(void *opaque, uint64_t offset, uint64_t value, unsigned size, unsigned cpu)
{
    PL031State *s = opaque;
    uint32_t v = (uint32_t)value;

    switch (offset) {
    case PL031_MR:
        s->mr = v;
        arm_alarm(s);
        break;
    case PL031_LR:
        s->lr = v;
        load_counter(s, v);
        break;
    case PL031_CR:
        /* RTC start: once set, writes have no effect until reset (DDI 0224, 3.3.4). */
        if (!s->cr && (v & 1)) {
            s->cr = 1;
        }
        break;
    case PL031_IMSC:
        s->imsc = v & 1;
        update_irq(s);
        break;
    case PL031_ICR:
        s->ris &= ~(v & 1);
        update_irq(s);
        break;
    case PL031_DR:
    case PL031_RIS:
    case PL031_MIS:
        emu_log_mask(LOG_GUEST_ERRORS, "pl031: write to read-only register 0x%" PRIx64 "\n", offset);
        break;
    default:
        emu_log_mask(LOG_GUEST_ERRORS, "pl031: write to unknown register 0x%" PRIx64 "\n", offset);
        break;
    }
}

static const MemoryRegionOps pl031_ops = {
    .read = pl031_read,
    .write = pl031_write,
    .min_access = 4,
    .max_access = 4,
};

void pl031_init(PL031State *s, uint64_t base, IRQLine irq, unsigned spi, int64_t epoch_at_reset)
{
    memset(s, 0, sizeof(*s));
    s->mmio.name = "pl031";
    s->mmio.base = base;
    s->mmio.size = PL031_MMIO_SIZE;
    s->mmio.ops = &pl031_ops;
    s->mmio.opaque = s;
    s->irq = irq;
    s->spi = spi;
    s->epoch_at_reset = epoch_at_reset;
    timer_init(&s->alarm, alarm_fire, s);
    pl031_reset(s);
}

void pl031_fdt_node(FdtBuilder *b, void *opaque)
{
    PL031State *s = opaque;
    static const char *const compat[] = { "arm,pl031", "arm,primecell" };
    static const char *const clocks[] = { "apb_pclk" };
    int node = fdtb_node(b, 0, "pl031@%" PRIx64, s->mmio.base);

    fdtb_prop_strings(b, node, "compatible", compat, 2);
    fdtb_prop_reg(b, node, s->mmio.base, s->mmio.size);
    fdtb_prop_interrupt_spi(b, node, s->spi);
    fdtb_prop_apb_clocks(b, node, clocks, 1);
}
