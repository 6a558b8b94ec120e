/*
 * clockshift: an LD_PRELOAD shim that shifts the wall clock one process sees, for bin/lab clock.
 *
 * Stepping the host's clock would step every process on a shared host, and Linux time namespaces
 * (time_namespaces(7)) offset CLOCK_MONOTONIC and CLOCK_BOOTTIME only, never CLOCK_REALTIME. So the
 * director daemons run with this library preloaded: clock_gettime(CLOCK_REALTIME,
 * CLOCK_REALTIME_COARSE, CLOCK_TAI), gettimeofday and time return the true time plus an offset in
 * seconds read from the file named by $HAKEEPER_CLOCK_OFFSET_FILE ("+3600", "-3600", "0"; a
 * missing or unreadable file is 0). Every other clock (MONOTONIC, BOOTTIME, CPU clocks) passes
 * through untouched.
 *
 * The file is re-read at most every RECHECK_NS of CLOCK_MONOTONIC, so a step takes effect within
 * about that long. The shim takes no locks and never allocates: clock_gettime runs in signal
 * handlers and in the JVM's earliest start-up, and a lock or malloc there could hang it.
 *
 * Build: gcc -O2 -shared -fPIC -o libclockshift.so clockshift.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define RECHECK_NS (10 * 1000 * 1000LL)
#define NS_PER_S (1000 * 1000 * 1000LL)

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);

static clock_gettime_fn real_clock_gettime_fn;
static int64_t offset_s;        /* the offset in force (atomic access only) */
static int64_t next_check_ns;   /* CLOCK_MONOTONIC time of the next re-read; 0 = never read */

static int real_clock_gettime(clockid_t id, struct timespec *ts)
{
    clock_gettime_fn fn = __atomic_load_n(&real_clock_gettime_fn, __ATOMIC_ACQUIRE);
    if (fn == NULL) {
        fn = (clock_gettime_fn)dlsym(RTLD_NEXT, "clock_gettime");
        if (fn == NULL) {
            /* Not resolvable (yet): the system call itself is always right. */
            return (int)syscall(SYS_clock_gettime, id, ts);
        }
        __atomic_store_n(&real_clock_gettime_fn, fn, __ATOMIC_RELEASE);
    }
    return fn(id, ts);
}

/* Parses "[+-]digits" with optional surrounding whitespace; anything else leaves *out alone. */
static int parse_offset(const char *s, int64_t *out)
{
    int64_t v = 0;
    int neg = 0, digits = 0;
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '+' || *s == '-') neg = *s++ == '-';
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (v > (INT64_MAX / 10) - 10) return -1;
        v = v * 10 + (*s - '0');
    }
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    if (digits == 0 || *s != '\0') return -1;
    *out = neg ? -v : v;
    return 0;
}

static int64_t read_offset_file(void)
{
    const char *path = getenv("HAKEEPER_CLOCK_OFFSET_FILE");
    char buf[64];
    int64_t v = 0;
    if (path == NULL || *path == '\0') return 0;
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0; /* no file: true time */
    ssize_t n = syscall(SYS_read, fd, buf, sizeof buf - 1);
    syscall(SYS_close, fd);
    if (n <= 0) return 0;
    buf[n] = '\0';
    /* A half-written file cannot happen (bin/lab renames a complete one into place); a garbled
       one keeps the offset in force rather than jumping back to 0. */
    if (parse_offset(buf, &v) != 0) return __atomic_load_n(&offset_s, __ATOMIC_RELAXED);
    return v;
}

static int64_t current_offset(void)
{
    struct timespec now;
    if (real_clock_gettime(CLOCK_MONOTONIC, &now) != 0) return __atomic_load_n(&offset_s, __ATOMIC_RELAXED);
    int64_t now_ns = (int64_t)now.tv_sec * NS_PER_S + now.tv_nsec;
    int64_t due = __atomic_load_n(&next_check_ns, __ATOMIC_RELAXED);
    /* One thread wins the re-read; the others use the offset in force meanwhile. */
    if ((due == 0 || now_ns >= due)
            && __atomic_compare_exchange_n(&next_check_ns, &due, now_ns + RECHECK_NS, 0,
                                           __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
        __atomic_store_n(&offset_s, read_offset_file(), __ATOMIC_RELEASE);
    }
    return __atomic_load_n(&offset_s, __ATOMIC_ACQUIRE);
}

static int is_wall_clock(clockid_t id)
{
    return id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE || id == CLOCK_TAI;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
    int rc = real_clock_gettime(id, ts);
    if (rc == 0 && is_wall_clock(id)) ts->tv_sec += current_offset();
    return rc;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
    struct timespec ts;
    int rc = clock_gettime(CLOCK_REALTIME, &ts);
    if (rc != 0) return rc;
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = ts.tv_nsec / 1000;
    if (tz != NULL) {
        struct timezone *z = tz;
        z->tz_minuteswest = 0;
        z->tz_dsttime = 0;
    }
    return 0;
}

time_t time(time_t *tloc)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) return (time_t)-1;
    if (tloc != NULL) *tloc = ts.tv_sec;
    return ts.tv_sec;
}

/* C11's timespec_get (coreutils' date reads the clock through it). */
int timespec_get(struct timespec *ts, int base)
{
    if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, ts) != 0) return 0;
    return base;
}
