/* Command-line file checks: see include/util/file.h. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/file.h"

bool file_check_readable(const char *path, const char *what, EmuError *err)
{
    struct stat st;

    if (!path || !*path) {
        return emu_error_set(err, "%s: empty file name", what);
    }
    if (stat(path, &st) < 0) {
        return emu_error_set(err, "%s '%s': %s", what, path, strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        return emu_error_set(err, "%s '%s': is a directory, not a file", what, path);
    }
    if (access(path, R_OK) < 0) {
        return emu_error_set(err, "%s '%s': %s", what, path, strerror(errno));
    }
    return true;
}

bool file_check_directory(const char *path, const char *what, EmuError *err)
{
    struct stat st;

    if (!path || !*path) {
        return emu_error_set(err, "%s: empty directory name", what);
    }
    if (stat(path, &st) < 0) {
        return emu_error_set(err, "%s '%s': %s", what, path, strerror(errno));
    }
    if (!S_ISDIR(st.st_mode)) {
        return emu_error_set(err, "%s '%s': not a directory", what, path);
    }
    if (access(path, X_OK) < 0) {
        return emu_error_set(err, "%s '%s': %s", what, path, strerror(errno));
    }
    return true;
}
