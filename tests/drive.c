#include "drive.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void drive_key(SDL_Keycode key, SDL_Scancode code)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = code;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

void drive_touch(float x, float y, int w, int h)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.which = SDL_TOUCH_MOUSEID;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.clicks = 1;
    e.button.x = (int)(x * (float)w);
    e.button.y = (int)(y * (float)h);
    SDL_PushEvent(&e);
    memset(&e, 0, sizeof e);
    e.type = SDL_FINGERDOWN;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    e.tfinger.x = x;
    e.tfinger.y = y;
    e.tfinger.pressure = 1.0f;
    SDL_PushEvent(&e);
}

void drive_click(int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
}

void drive_window_title(char *buf, size_t cap)
{
    buf[0] = '\0';
    for (Uint32 id = 1; id < 16 && !buf[0]; id++) {
        SDL_Window *w = SDL_GetWindowFromID(id);
        const char *title = w ? SDL_GetWindowTitle(w) : "";
        if (strncmp(title, "GMI Trainer", 11) == 0)
            snprintf(buf, cap, "%s", title);
    }
}

bool drive_wait_title(const char *screen, int limit_ms)
{
    char want[128], title[128];
    snprintf(want, sizeof want, "GMI Trainer: %s", screen);
    for (int waited = 0; waited <= limit_ms; waited += 50) {
        drive_window_title(title, sizeof title);
        if (strcmp(title, want) == 0)
            return true;
        SDL_Delay(50);
    }
    fprintf(stderr, "the window shows '%s', not '%s'\n", title, want);
    return false;
}

long long drive_query(const char *path, const char *sql_text)
{
    sqlite3 *db;
    long long v = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 1000);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, sql_text, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                v = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    return v;
}

int drive_sql(const char *path, const char *sql_text)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    int rc = sqlite3_open(path, &db) == SQLITE_OK &&
                     sqlite3_exec(db, sql_text, NULL, NULL, &msg) == SQLITE_OK
                 ? 0
                 : -1;
    if (rc)
        fprintf(stderr, "%s: %s\n", path, msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc;
}

char *drive_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
        *len = fread(buf, 1, (size_t)n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

int drive_damage_table(const char *path, const char *table)
{
    char q[256];
    snprintf(q, sizeof q, "SELECT rootpage FROM sqlite_master WHERE name = '%s'", table);
    long long page_size = drive_query(path, "PRAGMA page_size");
    long long root = drive_query(path, q);
    FILE *f = page_size > 0 && root > 1 ? fopen(path, "r+b") : NULL;
    if (!f)
        return -1;
    int rc = fseek(f, (long)((root - 1) * page_size), SEEK_SET);
    for (long long i = 0; rc == 0 && i < page_size; i++)
        if (fputc((int)((i * 37 + 11) & 0xff), f) == EOF)
            rc = -1;
    return fclose(f) == 0 ? rc : -1;
}

void drive_remove_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (e->d_name[0] != '.')
            unlink(path);
    }
    if (d)
        closedir(d);
}
