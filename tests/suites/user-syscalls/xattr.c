/* Extended attributes (the *xattr calls, path, l- and f- forms) and chroot into the cwd. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

int main(void)
{
    char buf[256];
    ssize_t n;
    int fd = open("f", O_CREAT | O_RDWR, 0600);

    if (setxattr("f", "user.one", "first", 5, 0) < 0) {
        /* A file system without user xattrs: the same errno on both sides. */
        printf("setxattr: errno %d\n", errno);
        return 0;
    }
    printf("fsetxattr %d\n", (int)fsetxattr(fd, "user.two", "second", 6, XATTR_CREATE));
    printf("create again %d errno %d\n", (int)setxattr("f", "user.two", "x", 1, XATTR_CREATE), errno);
    n = getxattr("f", "user.one", buf, sizeof(buf));
    printf("getxattr %d %.*s\n", (int)n, n > 0 ? (int)n : 0, buf);
    printf("size only %d\n", (int)lgetxattr("f", "user.two", NULL, 0));
    n = fgetxattr(fd, "user.two", buf, 2);
    printf("too small %d errno %d\n", (int)n, errno);
    n = listxattr("f", buf, sizeof(buf));
    printf("listxattr %d:", (int)n);
    for (ssize_t i = 0; i < n; i += (ssize_t)strlen(buf + i) + 1) {
        printf(" %s", buf + i);
    }
    printf("\nllistxattr size %d flistxattr size %d\n", (int)llistxattr("f", NULL, 0),
           (int)flistxattr(fd, NULL, 0));
    printf("removexattr %d lremovexattr %d fremovexattr %d errno %d\n",
           (int)removexattr("f", "user.one"), (int)lremovexattr("f", "user.two"),
           (int)fremovexattr(fd, "user.two"), errno);
    printf("missing %d errno %d\n", (int)getxattr("f", "user.one", buf, sizeof(buf)), errno);
    printf("bad pointer %d errno %d\n", (int)getxattr("f", (char *)8, buf, sizeof(buf)), errno);
    close(fd);
    if (chroot(".") == 0) {
        struct stat st;
        printf("chroot: /f %s\n", stat("/f", &st) == 0 ? "found" : "missing");
    } else {
        printf("chroot: errno %d\n", errno);
    }
    return 0;
}
