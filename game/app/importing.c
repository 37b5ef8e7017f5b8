#include "importing.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import.h"
#include "outfile.h"
#include "timing.h"

int importing_roots(const char *home, char dirs[IMPORT_ROOTS][1024], ImportRoot *roots)
{
    /* A stick is mounted at /media/STICK or /media/USER/STICK: its files a
     * folder or two further down. */
    snprintf(dirs[0], sizeof dirs[0], "/media");
    snprintf(dirs[1], sizeof dirs[1], "/run/media");
    snprintf(dirs[2], sizeof dirs[2], "%s/Downloads", home);
    snprintf(dirs[3], sizeof dirs[3], "%s", home);
    static const int depths[IMPORT_ROOTS] = {4, 4, 2, 1};
    for (int i = 0; i < IMPORT_ROOTS; i++)
        roots[i] = (ImportRoot){dirs[i], depths[i]};
    return IMPORT_ROOTS;
}

/* Adds the *.db files under dir (depth levels) to out. */
static void find_in(const char *dir, int depth, const char *database, ImportFile *out, int *n,
                    int max)
{
    DIR *d = depth > 0 ? opendir(dir) : NULL;
    struct dirent *e;
    while (d && (e = readdir(d)) && *n < max) {
        char path[1024];
        struct stat st;
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' ||
            (size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path ||
            stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            find_in(path, depth - 1, database, out, n, max);
        else if (S_ISREG(st.st_mode) && len > 3 && !strcmp(e->d_name + len - 3, ".db") &&
                 !outfile_names_database(path, database)) {
            ImportFile *f = &out[(*n)++];
            snprintf(f->path, sizeof f->path, "%s", path);
            f->size = (long long)st.st_size;
            f->modified = st.st_mtime;
        }
    }
    if (d)
        closedir(d);
}

/* Biggest first, then newest first, then by name. */
static int compare_files(const void *a, const void *b)
{
    const ImportFile *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    if (x->modified != y->modified)
        return x->modified > y->modified ? -1 : 1;
    return strcmp(x->path, y->path);
}

int importing_find(const ImportRoot *roots, int nroots, const char *database, ImportFile *out,
                   int max)
{
    int n = 0;
    for (int i = 0; i < nroots; i++)
        find_in(roots[i].dir, roots[i].depth, database, out, &n, max);
    qsort(out, (size_t)n, sizeof *out, compare_files);
    return n;
}

/* "1 trial", "2 trials". */
static const char *plural(int n)
{
    return n == 1 ? "" : "s";
}

/* Appends printf-style text to buf (cap bytes). */
__attribute__((format(printf, 3, 4))) static void append(char *buf, size_t cap, const char *fmt,
                                                         ...)
{
    size_t n = strlen(buf);
    if (n + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, cap - n, fmt, ap);
    va_end(ap);
}

/* One patient's lines of the result. */
static void describe_result(const StoreImported *r, char *text, size_t cap)
{
    append(text, cap, "%s", r->name);
    if (r->added && strcmp(r->name, r->device_name))
        append(text, cap, " (new here; kept apart from the patient here also called %s)",
               r->device_name);
    else if (r->added)
        append(text, cap, " (new here)");
    if (!r->sessions && !r->completed) {
        append(text, cap, ": nothing new\n");
    } else {
        append(text, cap, ": %d new session%s, %d trial%s", r->sessions, plural(r->sessions),
               r->trials, plural(r->trials));
        if (r->steps)
            append(text, cap, ", %d step%s of imagery and mirror therapy", r->steps,
                   plural(r->steps));
        if (r->completed)
            append(text, cap, ", %d earlier session%s brought up to date", r->completed,
                   plural(r->completed));
        if (strcmp(r->first, r->last))
            append(text, cap, ", from %s to %s\n", r->first, r->last);
        else
            append(text, cap, ", on %s\n", r->first);
    }
    if (r->prescription[0])
        append(text, cap,
               "%s: the prescription on the patient's device differs; the one here is kept. On "
               "the device: %s\n",
               r->name, r->prescription);
}

int importing_run(Store *s, const char *path, char *text, size_t cap)
{
    char now[32];
    timing_iso8601(now, sizeof now);
    StoreImported *results = NULL;
    size_t n = 0;
    text[0] = '\0';
    if (store_import(s, path, now, &results, &n)) {
        snprintf(text, cap, "%s", store_errmsg(s));
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        describe_result(&results[i], text, cap);
    if (n == 0)
        append(text, cap, "The file holds no patients; nothing was imported.\n");
    free(results);
    return 0;
}

void importing_device_line(Store *s, int64_t profile_id, char *buf, size_t cap)
{
    char when[40], words[STORE_IMPORT_WORDS_MAX];
    buf[0] = '\0';
    if (store_imported_prescription(s, profile_id, when, sizeof when, words, sizeof words) == 0 &&
        words[0])
        snprintf(buf, cap, "On the patient's device (imported %.10s): %s", when, words);
}
