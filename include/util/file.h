/* Checks on files named on the command line, for one-line errors up front. */
#ifndef UTIL_FILE_H
#define UTIL_FILE_H

#include <stdbool.h>
#include "util/error.h"

/* A regular file we can open for reading; what names it in the error ("kernel"). */
bool file_check_readable(const char *path, const char *what, EmuError *err);
/* A directory we can search. */
bool file_check_directory(const char *path, const char *what, EmuError *err);

#endif
