/* Output files written through a temporary file: the temporary file is new,
 * private and beside the target; abort leaves nothing; commit replaces a
 * regular file; the database and anything not a regular file are refused,
 * and a text never replaces another database; a write that fails leaves
 * the target as it was. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "outfile.h"

static char dir[256];

static void path_in_dir(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", dir, name);
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static int same_text(const char *path, const char *text)
{
    char buf[256] = "";
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return !strcmp(buf, text);
}

static int write_hello(FILE *out, void *ctx, char *err, size_t errlen)
{
    (void)ctx;
    (void)err;
    (void)errlen;
    return fputs("hello\n", out) < 0 ? -1 : 0;
}

static int write_then_fail(FILE *out, void *ctx, char *err, size_t errlen)
{
    (void)ctx;
    fputs("half", out);
    snprintf(err, errlen, "the data could not be read");
    return -1;
}

/* The number of entries in dir. */
static int entries(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    FILE *p = popen(cmd, "r");
    int n = -1;
    if (p) {
        if (fscanf(p, "%d", &n) != 1)
            n = -1;
        pclose(p);
    }
    return n;
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/gmi-outfile-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char target[512], db[512], err[512] = "";
    path_in_dir(target, sizeof target, "out.csv");
    path_in_dir(db, sizeof db, "trainer.db");
    put_file(db, "database");

    /* The temporary file: beside the target, new, mode 0600; abort removes it. */
    OutFile *f = outfile_begin(target, db, err, sizeof err);
    CHECK_MSG(f != NULL, "%s", err);
    if (f) {
        const char *temp = outfile_temp_path(f);
        struct stat st;
        CHECK(!strncmp(temp, target, strlen(target)) && strlen(temp) > strlen(target));
        CHECK(lstat(temp, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600);
        char temp_copy[600];
        snprintf(temp_copy, sizeof temp_copy, "%s", temp);
        /* A second writer to the same name gets a temporary file of its own. */
        OutFile *g = outfile_begin(target, db, err, sizeof err);
        CHECK(g && strcmp(outfile_temp_path(g), temp_copy) != 0);
        outfile_abort(g);
        outfile_abort(f);
        CHECK(access(temp_copy, F_OK) != 0 && access(target, F_OK) != 0);
    }
    CHECK(entries() == 1);

    /* Commit replaces a regular file, at mode 0600. */
    put_file(target, "old");
    chmod(target, 0644);
    CHECK(outfile_write(target, db, write_hello, NULL, err, sizeof err) == 0);
    CHECK(same_text(target, "hello\n"));
    struct stat st;
    CHECK(stat(target, &st) == 0 && (st.st_mode & 0777) == 0600);
    CHECK(entries() == 2);

    /* A failing writer leaves the target as it was and no temporary file. */
    err[0] = '\0';
    CHECK(outfile_write(target, db, write_then_fail, NULL, err, sizeof err) == -1);
    CHECK(!strcmp(err, "the data could not be read"));
    CHECK(same_text(target, "hello\n") && entries() == 2);

    /* The database and its companions, and what is no regular file: refused. */
    char name[600];
    static const char *const refused[] = {"trainer.db",
                                          "trainer.db-wal",
                                          "trainer.db-shm",
                                          "trainer.db-journal",
                                          "trainer.db.lock",
                                          "./trainer.db",
                                          "",
                                          "."};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        snprintf(name, sizeof name, "%s/%s", dir, refused[i]);
        err[0] = '\0';
        CHECK_MSG(outfile_begin(name, db, err, sizeof err) == NULL, "%s accepted", refused[i]);
        CHECK_MSG(err[0] != '\0', "%s: no message", refused[i]);
    }
    CHECK(same_text(db, "database") && entries() == 2);
    /* The same judgement for a file about to be read. */
    snprintf(name, sizeof name, "%s/./trainer.db-wal", dir);
    CHECK(outfile_names_database(name, db));
    CHECK(outfile_names_database(db, db));
    CHECK(!outfile_names_database(target, db) && !outfile_names_database(db, NULL));
    /* A text never replaces another database (a backup, a kept copy); a
     * backup written through outfile_begin may. */
    char kept[512];
    path_in_dir(kept, sizeof kept, "trainer.db.replaced-20261129-203000");
    static const char sqlite_head[] = "SQLite format 3\0 and the pages";
    FILE *k = fopen(kept, "wb");
    CHECK(k && fwrite(sqlite_head, 1, sizeof sqlite_head, k) == sizeof sqlite_head);
    if (k)
        fclose(k);
    err[0] = '\0';
    CHECK(outfile_write(kept, db, write_hello, NULL, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "is a database") != NULL, "%s", err);
    char kept_now[64] = "";
    k = fopen(kept, "rb");
    size_t kept_len = k ? fread(kept_now, 1, sizeof kept_now, k) : 0;
    if (k)
        fclose(k);
    CHECK(kept_len == sizeof sqlite_head && !memcmp(kept_now, sqlite_head, kept_len));
    CHECK(entries() == 3);
    f = outfile_begin(kept, db, err, sizeof err);
    CHECK_MSG(f && outfile_commit(f, err, sizeof err) == 0, "%s", err);
    CHECK(same_text(kept, ""));
    path_in_dir(name, sizeof name, "pipe");
    CHECK(mkfifo(name, 0600) == 0);
    CHECK(outfile_begin(name, db, err, sizeof err) == NULL);
    CHECK(entries() == 4);
    return check_exit();
}
