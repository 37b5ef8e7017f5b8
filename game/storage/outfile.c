/* realpath() is an X/Open function, mkostemp() a GNU one. */
#define _GNU_SOURCE

#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct OutFile {
    char *path;     /* the target, as given */
    char *database; /* the protected database, or NULL */
    char *folder;   /* the target's folder, as given */
    char *temp;     /* the temporary file beside the target */
    FILE *stream;
};

/* The database's files that no output may replace (its lock file too:
 * replacing it would let a second trainer in). */
static const char *const database_suffixes[] = {"", "-wal", "-shm", "-journal", ".lock"};
#define NSUFFIXES (sizeof database_suffixes / sizeof database_suffixes[0])

/* a followed by b in new memory, or NULL. */
static char *join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 1);
    if (s) {
        memcpy(s, a, na);
        memcpy(s + na, b, nb + 1);
    }
    return s;
}

/* Splits path into its folder (new memory: "." when it has none) and its
 * last part (*name, inside path; "" when path ends with a slash). */
static char *split(const char *path, const char **name)
{
    const char *slash = strrchr(path, '/');
    *name = slash ? slash + 1 : path;
    if (!slash)
        return join(".", "");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *folder = malloc(n + 1);
    if (folder) {
        memcpy(folder, path, n);
        folder[n] = '\0';
    }
    return folder;
}

/* The name path stands for with its folder resolved (symbolic links, ./
 * and ..), in new memory; NULL with errno set when the folder cannot be
 * resolved. The last part itself is not followed. */
static char *resolve(const char *path)
{
    const char *name;
    char *folder = split(path, &name);
    if (!folder)
        return NULL;
    char *real = realpath(folder, NULL);
    free(folder);
    if (!real)
        return NULL;
    char *resolved = join(real, strcmp(real, "/") ? "/" : "");
    free(real);
    char *full = resolved ? join(resolved, name) : NULL;
    free(resolved);
    return full;
}

/* Whether the file at path (followed if a link) is the file st describes. */
static bool same_file(const char *path, const struct stat *st)
{
    struct stat other;
    return stat(path, &other) == 0 && other.st_dev == st->st_dev && other.st_ino == st->st_ino;
}

/* Whether resolved (a name from resolve()) or the file st describes (NULL
 * when there is none) is one of the database's files: the database's name
 * resolved as resolve() does, and followed to the end when it is a link
 * (SQLite names its -wal beside the real file), each with every suffix. */
static bool is_database(const char *resolved, const struct stat *st, const char *database)
{
    if (!database)
        return false;
    char *names[2] = {resolve(database), realpath(database, NULL)};
    bool found = false;
    for (int i = 0; i < 2 && !found; i++) {
        for (size_t k = 0; names[i] && k < NSUFFIXES && !found; k++) {
            char *name = join(names[i], database_suffixes[k]);
            found = name && ((resolved && !strcmp(name, resolved)) || (st && same_file(name, st)));
            free(name);
        }
    }
    free(names[0]);
    free(names[1]);
    return found;
}

bool outfile_names_database(const char *path, const char *database)
{
    struct stat st;
    char *resolved = resolve(path);
    bool found = is_database(resolved, stat(path, &st) == 0 ? &st : NULL, database);
    free(resolved);
    return found;
}

/* Checks that path may be replaced: not the database, and a new name or a
 * regular file. */
static int check_target(const char *path, const char *database, char *err, size_t errlen)
{
    const char *name;
    char *folder = split(path, &name);
    free(folder);
    if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) {
        snprintf(err, errlen, "cannot write %s: it is a folder, not a file", path);
        return -1;
    }
    char *resolved = resolve(path);
    if (!resolved) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat link, st;
    bool exists = lstat(path, &link) == 0;
    bool target = exists && stat(path, &st) == 0;
    int rc = -1;
    if (!exists && errno != ENOENT)
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
    else if (is_database(resolved, target ? &st : NULL, database))
        snprintf(err, errlen,
                 "%s is the trainer's database (or one of its files) and was left unchanged; "
                 "choose another name",
                 path);
    else if (exists && S_ISLNK(link.st_mode))
        snprintf(err, errlen,
                 "%s is a symbolic link and was left unchanged; give the file's own name", path);
    else if (exists && S_ISDIR(link.st_mode))
        snprintf(err, errlen, "cannot write %s: it is a folder, not a file", path);
    else if (exists && !S_ISREG(link.st_mode))
        snprintf(err, errlen,
                 "%s is not a regular file (a device or a pipe) and was left unchanged; choose "
                 "another name",
                 path);
    else
        rc = 0;
    free(resolved);
    return rc;
}

static void outfile_free(OutFile *f)
{
    if (f->stream)
        fclose(f->stream);
    free(f->path);
    free(f->database);
    free(f->folder);
    free(f->temp);
    free(f);
}

OutFile *outfile_begin(const char *path, const char *database, char *err, size_t errlen)
{
    if (check_target(path, database, err, errlen))
        return NULL;
    const char *name;
    OutFile *f = calloc(1, sizeof *f);
    if (!f || !(f->path = join(path, "")) || (database && !(f->database = join(database, ""))) ||
        !(f->folder = split(path, &name)) || !(f->temp = join(path, ".part-XXXXXX"))) {
        snprintf(err, errlen, "out of memory writing %s", path);
        if (f)
            outfile_free(f);
        return NULL;
    }
    /* mkostemp opens with O_CREAT|O_EXCL and mode 0600: a name that exists,
     * even as a dangling symbolic link, is never opened (O_NOFOLLOW says so
     * once more). */
    int fd = mkostemp(f->temp, O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || !(f->stream = fdopen(fd, "w"))) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(f->temp);
        }
        outfile_free(f);
        return NULL;
    }
    return f;
}

FILE *outfile_stream(OutFile *f)
{
    return f->stream;
}

const char *outfile_temp_path(const OutFile *f)
{
    return f->temp;
}

/* Flushes the folder so the rename survives a power cut. File systems that
 * cannot flush a folder (EINVAL) keep their own order. */
static int sync_folder(const char *folder)
{
    int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd) == 0 || errno == EINVAL ? 0 : -1;
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

int outfile_commit(OutFile *f, char *err, size_t errlen)
{
    int rc = 0;
    if (fflush(f->stream) == EOF || fsync(fileno(f->stream)) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", f->path, strerror(errno));
        rc = -1;
    }
    FILE *stream = f->stream;
    f->stream = NULL;
    if (fclose(stream) != 0 && rc == 0) {
        snprintf(err, errlen, "cannot write %s: %s", f->path, strerror(errno));
        rc = -1;
    }
    /* The target may have changed while the file was written. */
    if (rc == 0)
        rc = check_target(f->path, f->database, err, errlen);
    if (rc == 0 && rename(f->temp, f->path) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", f->path, strerror(errno));
        rc = -1;
    }
    if (rc) {
        outfile_abort(f);
        return -1;
    }
    if (sync_folder(f->folder) != 0) {
        snprintf(err, errlen, "%s was written but its folder could not be flushed to disk: %s",
                 f->path, strerror(errno));
        rc = -1;
    }
    outfile_free(f);
    return rc;
}

void outfile_abort(OutFile *f)
{
    if (!f)
        return;
    unlink(f->temp);
    outfile_free(f);
}

bool outfile_sqlite_header(const char *path, unsigned char header[OUTFILE_SQLITE_HEADER])
{
    static const char magic[16] = "SQLite format 3";
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    ssize_t n =
        fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read(fd, header, OUTFILE_SQLITE_HEADER) : -1;
    close(fd);
    if (n < (ssize_t)sizeof magic || memcmp(header, magic, sizeof magic) != 0)
        return false;
    /* A file cut short in its header is still a database, however damaged. */
    memset(header + n, 0, (size_t)(OUTFILE_SQLITE_HEADER - n));
    return true;
}

int outfile_write(const char *path, const char *database, OutFileWriteFn write, void *ctx,
                  char *err, size_t errlen)
{
    if (!path || !strcmp(path, "-")) {
        struct stat st;
        if (fstat(STDOUT_FILENO, &st) == 0 && is_database(NULL, &st, database)) {
            snprintf(err, errlen, "standard output is the trainer's database; nothing was written");
            return -1;
        }
        return write(stdout, ctx, err, errlen);
    }
    OutFile *f = outfile_begin(path, database, err, errlen);
    if (!f)
        return -1;
    unsigned char header[OUTFILE_SQLITE_HEADER];
    if (outfile_sqlite_header(path, header)) {
        snprintf(err, errlen,
                 "%s is a database (a backup, or data the trainer kept) and was left unchanged; "
                 "choose another name",
                 path);
        outfile_abort(f);
        return -1;
    }
    if (write(outfile_stream(f), ctx, err, errlen)) {
        outfile_abort(f);
        return -1;
    }
    return outfile_commit(f, err, errlen);
}
