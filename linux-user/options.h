/*
 * Command line of aarch64-user, parsed into a UserConfig:
 *   aarch64-user [options] PROGRAM [ARGS...]
 * Options stop at the first word that is not an option; the rest is the
 * guest's argv (PROGRAM becomes argv[0] unless -0 says otherwise).
 */
#ifndef LINUX_USER_OPTIONS_H
#define LINUX_USER_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include "util/error.h"

#define USER_MAX_ENV_EDITS 64

typedef enum UserCpuModel { USER_CPU_CORTEX_A57, USER_CPU_CORTEX_A72, USER_CPU_MAX } UserCpuModel;

typedef struct UserConfig {
    char *root;                 /* -L: prefix for the interpreter and absolute paths */
    UserCpuModel cpu;
    const char *cpu_props;      /* after "-cpu MODEL," (points into argv), or NULL */
    char *env_set[USER_MAX_ENV_EDITS];    /* -E VAR=VALUE */
    int nb_env_set;
    char *env_unset[USER_MAX_ENV_EDITS];  /* -U VAR */
    int nb_env_unset;
    char *argv0;                /* -0 */
    uint64_t stack_size;        /* -s */
    unsigned log_items;
    char *log_spec;             /* the -d items as given (joined by ','), for a guest execve */
    char *log_path;
    bool log_append;            /* -Dappend: add to the log file instead of truncating it */
    char *dfilter;              /* -dfilter RANGE,... as given (checked) */
    unsigned gdb_port;          /* -g, 0 when off */
    bool strace;
    bool use_interpreter;       /* -accel tcg,backend=interp */
    bool emul_off;              /* -emul off: no native /emul replacements (linux-user/emul.h) */
    bool want_help, want_version, want_cpu_help, want_log_help;
    char *binfmt_action;        /* --binfmt register|unregister|status */
    char *binfmt_path;          /* --binfmt-path */
    bool binfmt_credentials;    /* --binfmt-credentials: the C flag */
    /* The guest program and its arguments (pointers into argv). */
    const char *program;
    int guest_argc;
    char **guest_argv;
} UserConfig;

/* The -cpu spelling of a model (what a re-executed emulator is given). */
const char *user_cpu_model_name(UserCpuModel m);

bool user_parse_args(UserConfig *cfg, int argc, char **argv, EmuError *err);
void user_config_free(UserConfig *cfg);
void user_print_help(void);

#endif
