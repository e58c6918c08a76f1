/* String functions written here (no libc): length, compare, search, copy,
 * reverse, number conversion, overlapping moves, byte-wise hashing. */
#include "rt.h"

static size_t my_strlen(const char *s)
{
    const char *p = s;
    while (*p) p++;
    return (size_t)(p - s);
}

static int my_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char)*a - (unsigned char)*b;
}

static const char *my_strstr(const char *h, const char *n)
{
    size_t ln = my_strlen(n);
    for (; *h; h++) {
        if (memcmp(h, n, ln) == 0) return h;
    }
    return ln ? 0 : h;
}

static char *my_strcpy(char *d, const char *s)
{
    char *r = d;
    while ((*d++ = *s++)) {}
    return r;
}

static void reverse(char *s)
{
    size_t n = my_strlen(s);
    for (size_t i = 0; i < n / 2; i++) {
        char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t;
    }
}

static int64_t my_atoi(const char *s)
{
    int neg = 0;
    int64_t v = 0;
    while (*s == ' ') s++;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
    return neg ? -v : v;
}

static void my_itoa(int64_t v, char *out, unsigned base)
{
    char t[70];
    int n = 0;
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
    do { t[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[u % base]; u /= base; } while (u);
    if (v < 0) *out++ = '-';
    while (n) *out++ = t[--n];
    *out = 0;
}

static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

static void to_upper(char *s)
{
    for (; *s; s++) if (*s >= 'a' && *s <= 'z') *s -= 32;
}

static const char *words[] = {"emulator", "aarch64", "translation", "block", "", "a",
                              "zebra", "Zebra", "aarch6", "x86-64 host"};

int main(int argc, char **argv)
{
    char buf[256], num[80];
    (void)argc; (void)argv;
    for (unsigned i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        for (unsigned j = 0; j < sizeof(words) / sizeof(words[0]); j++) {
            int c = my_strcmp(words[i], words[j]);
            put_char(c < 0 ? '<' : c > 0 ? '>' : '=');
        }
        my_strcpy(buf, words[i]);
        reverse(buf);
        to_upper(buf);
        put_char(' ');
        put_str(buf);
        put_char(' ');
        put_udec(my_strlen(words[i]));
        put_char(' ');
        put_hex(fnv1a(words[i], my_strlen(words[i])));
        put_char('\n');
    }
    const char *text = "the quick brown fox jumps over the lazy dog; the end";
    const char *needles[] = {"the", "fox", "lazy dog", "cat", "end", ""};
    for (unsigned i = 0; i < 6; i++) {
        const char *p = my_strstr(text, needles[i]);
        put_str(needles[i]);
        put_str(" at ");
        put_dec(p ? p - text : -1);
        put_char('\n');
    }
    static const int64_t nums[] = {0, 1, -1, 42, -987654321, INT64_MAX, INT64_MIN, 1000000007};
    for (unsigned i = 0; i < 8; i++) {
        for (unsigned base = 2; base <= 36; base += 7) {
            my_itoa(nums[i], num, base);
            put_str(num);
            put_char(' ');
        }
        my_itoa(nums[i], num, 10);
        put_dec(my_atoi(num));
        put_char('\n');
    }
    /* overlapping moves in both directions, unaligned */
    for (int i = 0; i < 256; i++) buf[i] = (char)i;
    memmove(buf + 3, buf + 1, 100);
    memmove(buf + 50, buf + 77, 120);
    memset(buf + 200, 0x5a, 17);
    put_kv("memmove", fnv1a(buf, 256));
    return 0;
}
