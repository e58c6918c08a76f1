/* File I/O through the system-call layer; prints only host-independent facts. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(what, expr) printf("%s: %ld\n", what, (long)(expr))
#define ERR(what, expr) do { errno = 0; long r_ = (long)(expr); \
    printf("%s: %ld %s\n", what, r_, r_ < 0 ? strerrorname_np(errno) : "ok"); } while (0)

int main(void)
{
    char buf[128];
    struct stat st;
    struct statfs sf;
    struct iovec iov[2];
    int fd, fd2;
    ssize_t n;
    struct timespec times[2] = { { 1000000000, 0 }, { 1234567890, 500 } };

    fd = open("f1", O_RDWR | O_CREAT | O_TRUNC, 0640);
    CHECK("open", fd >= 0);
    CHECK("write", write(fd, "hello world\n", 12));
    CHECK("lseek", lseek(fd, 6, SEEK_SET));
    n = read(fd, buf, sizeof(buf));
    printf("read %zd: %.*s", n, (int)n, buf);
    CHECK("pwrite", pwrite(fd, "W", 1, 6));
    n = pread(fd, buf, 5, 6);
    printf("pread %zd: %.*s\n", n, (int)n, buf);
    iov[0].iov_base = "ab";
    iov[0].iov_len = 2;
    iov[1].iov_base = "cde";
    iov[1].iov_len = 3;
    CHECK("writev", writev(fd, iov, 2));
    CHECK("fstat", fstat(fd, &st));
    printf("size %ld mode %o nlink %lu\n", (long)st.st_size, st.st_mode & 07777, (unsigned long)st.st_nlink);
    printf("isreg %d\n", S_ISREG(st.st_mode));
    CHECK("getfl-accmode", fcntl(fd, F_GETFL) & O_ACCMODE);
    CHECK("setfl", fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK));
    CHECK("getfl-append", (fcntl(fd, F_GETFL) & (O_APPEND | O_NONBLOCK | O_DIRECTORY)) == (O_APPEND | O_NONBLOCK));
    fd2 = dup3(fd, 50, O_CLOEXEC);
    CHECK("dup3", fd2);
    CHECK("getfd", fcntl(fd2, F_GETFD));
    CHECK("ftruncate", ftruncate(fd2, 4));
    CHECK("fstat", fstat(fd, &st));
    printf("size %ld\n", (long)st.st_size);
    close(fd2);
    close(fd);

    ERR("open-missing", open("missing", O_RDONLY));
    ERR("open-dir-on-file", open("f1", O_RDONLY | O_DIRECTORY));
    ERR("stat-missing", stat("missing/x", &st));
    ERR("mkdir", mkdir("d1", 0750));
    ERR("mkdir-again", mkdir("d1", 0750));
    fd = open("d1", O_RDONLY | O_DIRECTORY);
    CHECK("open-dir", fd >= 0);
    ERR("fchdir", fchdir(fd));
    ERR("chdir-up", chdir(".."));
    close(fd);
    ERR("rename", rename("f1", "d1/f2"));
    ERR("access", access("d1/f2", R_OK | W_OK));
    ERR("access-missing", access("f1", F_OK));
    ERR("symlink", symlink("d1/f2", "lnk"));
    n = readlink("lnk", buf, sizeof(buf));
    printf("readlink %zd %.*s\n", n, (int)(n > 0 ? n : 0), buf);
    ERR("open-nofollow", open("lnk", O_RDONLY | O_NOFOLLOW));
    ERR("lstat", lstat("lnk", &st));
    printf("islnk %d\n", S_ISLNK(st.st_mode));
    ERR("chmod", chmod("d1/f2", 0600));
    ERR("utimensat", utimensat(AT_FDCWD, "d1/f2", times, 0));
    ERR("stat", stat("d1/f2", &st));
    printf("mode %o atime %ld mtime %ld.%09ld\n", st.st_mode & 07777, (long)st.st_atime,
           (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    ERR("link", link("d1/f2", "hard"));
    ERR("stat-hard", stat("hard", &st));
    printf("nlink %lu\n", (unsigned long)st.st_nlink);
    ERR("truncate", truncate("hard", 1));
    ERR("rmdir-notempty", rmdir("d1"));
    ERR("unlink", unlink("d1/f2"));
    ERR("rmdir", rmdir("d1"));
    ERR("statfs", statfs(".", &sf));
    printf("bsize-positive %d namelen %ld\n", sf.f_bsize > 0, (long)sf.f_namelen);
    n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = '\0';
    printf("exe basename %s\n", strrchr(buf, '/') ? strrchr(buf, '/') + 1 : buf);
    fd = open("/proc/self/exe", O_RDONLY);
    n = read(fd, buf, 4);
    printf("exe magic %d %.3s\n", (int)n, buf + 1);
    close(fd);
    return 0;
}
