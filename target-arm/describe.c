/* Field-level instruction descriptions for -d in_asm: see describe.h. */
#include <stdio.h>
#include "target-arm/describe.h"

/* The generated --record decoder stores the matched pattern here. */
typedef struct DisasContext {
    const char *name;
    int64_t fields[16];
    const char *field_names[16];
    int nfields;
} DisasContext;

#include "decode-a64-record.inc"

bool a64_describe(uint32_t insn, char *buf, size_t len)
{
    DisasContext ctx = { 0 };
    size_t used;

    if (!decode_a64(&ctx, insn)) {
        snprintf(buf, len, "unallocated");
        return false;
    }
    used = (size_t)snprintf(buf, len, "%s", ctx.name);
    for (int i = 0; i < ctx.nfields && used < len; i++) {
        int64_t v = ctx.fields[i];
        used += (size_t)snprintf(buf + used, len - used, (v > 9 || v < -9) ? " %s=%#llx" : " %s=%lld",
                                 ctx.field_names[i], (long long)v);
    }
    return true;
}
