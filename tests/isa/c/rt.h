/*
 * Runtime of the freestanding C test programs in tests/isa/c: system-call
 * wrappers for write and exit, and the little printing they need.  No libc;
 * start.S calls main(argc, argv) and exits with its return value.
 */
#ifndef ISA_C_RT_H
#define ISA_C_RT_H

#include <stddef.h>
#include <stdint.h>

long rt_write(int fd, const void *buf, size_t n);
__attribute__((noreturn)) void rt_exit(int code);

void put_str(const char *s);
void put_char(char c);
void put_dec(int64_t v);
void put_udec(uint64_t v);
void put_hex(uint64_t v);
/* "name value\n" in hex and decimal */
void put_kv(const char *name, uint64_t v);

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);

int main(int argc, char **argv);

#endif
