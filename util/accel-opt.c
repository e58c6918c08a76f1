/* The -accel option: see include/util/accel-opt.h. */
#include <string.h>
#include "util/accel-opt.h"
#include "util/parse.h"

bool parse_accel(const char *arg, bool *interp, EmuError *err)
{
    static const char *const keys[] = { "type", "backend", NULL };
    KeyVal kv;
    const char *v;
    bool ok = false;

    if (!keyval_parse(&kv, arg, "type", err)) {
        return false;
    }
    if (!keyval_check_keys(&kv, keys, "-accel", err)) {
        goto out;
    }
    v = keyval_get(&kv, "type");
    if (!v || strcmp(v, "tcg")) {
        emu_error_set(err, "-accel: unsupported accelerator '%s' (only tcg)", v ? v : "");
        goto out;
    }
    v = keyval_get(&kv, "backend");
    if (!v || !strcmp(v, "jit")) {
        *interp = false;
    } else if (!strcmp(v, "interp")) {
        *interp = true;
    } else {
        emu_error_set(err, "-accel: unknown backend '%s' (jit or interp)", v);
        goto out;
    }
    ok = true;
out:
    keyval_free(&kv);
    return ok;
}
