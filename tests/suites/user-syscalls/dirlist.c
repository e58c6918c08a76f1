/* Directory listing (getdents64 through readdir), sorted. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    char *names[64], path[64];
    int n = 0;
    DIR *d;
    struct dirent *e;

    mkdir("dl", 0700);
    for (int i = 0; i < 20; i++) {
        snprintf(path, sizeof(path), "dl/file-%02d-with-a-longer-name", i);
        close(open(path, O_CREAT | O_WRONLY, 0600));
    }
    mkdir("dl/sub", 0700);
    d = opendir("dl");
    if (!d) {
        printf("opendir failed %d\n", errno);
        return 1;
    }
    while ((e = readdir(d)) && n < 64) {
        char t = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : '?';
        char *s = malloc(strlen(e->d_name) + 3);
        sprintf(s, "%c %s", t, e->d_name);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof(names[0]), cmp);
    for (int i = 0; i < n; i++) {
        printf("%s\n", names[i]);
    }
    printf("%d entries\n", n);
    return 0;
}
