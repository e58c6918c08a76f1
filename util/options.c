/* QEMU-style option scanning: see include/util/options.h. */
#include <string.h>
#include "util/options.h"

void option_scanner_init(OptionScanner *sc, int argc, char **argv, bool stop_at_nonoption)
{
    sc->argc = argc;
    sc->argv = argv;
    sc->index = 1;
    sc->stop_at_nonoption = stop_at_nonoption;
}

int option_next(OptionScanner *sc, const OptionDef *defs, const char **arg, EmuError *err)
{
    const char *word, *name, *eq;
    size_t name_len;

    *arg = NULL;
    if (sc->index >= sc->argc) {
        return OPTION_END;
    }
    word = sc->argv[sc->index];
    if (word[0] != '-' || word[1] == '\0') {
        if (sc->stop_at_nonoption) {
            return OPTION_END;
        }
        emu_error_set(err, "unexpected argument '%s' (options start with '-'; see --help)", word);
        return OPTION_ERROR;
    }
    if (!strcmp(word, "--")) {
        sc->index++;
        return OPTION_END;
    }
    name = word + 1;
    if (*name == '-') {
        name++;
    }
    eq = strchr(name, '=');
    name_len = eq ? (size_t)(eq - name) : strlen(name);

    for (const OptionDef *d = defs; d->name; d++) {
        if (strlen(d->name) != name_len || strncmp(d->name, name, name_len)) {
            continue;
        }
        sc->index++;
        if (!d->has_arg) {
            if (eq) {
                emu_error_set(err, "option '-%s' takes no argument", d->name);
                return OPTION_ERROR;
            }
            return d->id;
        }
        if (eq) {
            *arg = eq + 1;
        } else if (sc->index < sc->argc) {
            *arg = sc->argv[sc->index++];
        } else {
            emu_error_set(err, "option '-%s' needs an argument (%s)", d->name,
                          d->arg_name ? d->arg_name : "value");
            return OPTION_ERROR;
        }
        return d->id;
    }
    emu_error_set(err, "unknown option '%s' (see --help)", word);
    return OPTION_ERROR;
}

void option_print_help(FILE *f, const OptionDef *defs)
{
    for (const OptionDef *d = defs; d->name; d++) {
        char left[64];
        snprintf(left, sizeof(left), "-%s%s%s", d->name, d->has_arg ? " " : "",
                 d->has_arg ? (d->arg_name ? d->arg_name : "VALUE") : "");
        fprintf(f, "  %-26s %s\n", left, d->help);
    }
}
