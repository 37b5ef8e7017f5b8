#include "keyboard.h"

#include <stdio.h>
#include <string.h>

/* The characters of each page's first four rows, small and capital,
 * separated by spaces. The fourth row sits between Shift and Backspace. */
static const char *const chars[3][2][4] = {
    [KEYBOARD_LETTERS] = {{"1 2 3 4 5 6 7 8 9 0", "q w e r t y u i o p", "a s d f g h j k l '",
                           "z x c v b n m"},
                          {"1 2 3 4 5 6 7 8 9 0", "Q W E R T Y U I O P", "A S D F G H J K L '",
                           "Z X C V B N M"}},
    [KEYBOARD_ACCENTS] = {{"à á â ä ã å æ ç è é", "ê ë ì í î ï ñ ò ó ô", "ö õ ø œ ù ú û ü ý ß",
                           "ÿ č ć š ž ł ń"},
                          {"À Á Â Ä Ã Å Æ Ç È É", "Ê Ë Ì Í Î Ï Ñ Ò Ó Ô", "Ö Õ Ø Œ Ù Ú Û Ü Ý ß",
                           "Ÿ Č Ć Š Ž Ł Ń"}},
    [KEYBOARD_SYMBOLS] = {
        {"1 2 3 4 5 6 7 8 9 0", "! ? \" ( ) / : ; @ &", "+ = % * # _ € £ ° ~", "< > [ ] $ ^ |"},
        {"1 2 3 4 5 6 7 8 9 0", "! ? \" ( ) / : ; @ &", "+ = % * # _ € £ ° ~", "< > [ ] $ ^ |"}}};

/* What the key that changes to each page says. */
static const char *const page_names[3] = {"abc", "àé", "?123"};

typedef enum KeyKind { KEY_CHAR, KEY_SHIFT, KEY_BACK, KEY_PAGE } KeyKind;

typedef struct Key {
    KeyKind kind;
    char text[8];      /* what it types (KEY_CHAR) or says */
    int row, halves;   /* its width in half key widths (a row has 20) */
    KeyboardPage page; /* KEY_PAGE: the page it shows */
} Key;

#define ROWS 5
#define ROW_HALVES 20

/* Appends the keys of one of the page's rows of characters to keys. */
static int add_chars(const char *row_chars, int row, Key *keys, int n)
{
    for (const char *p = row_chars; *p && n < KEYBOARD_KEYS;) {
        size_t len = strcspn(p, " ");
        keys[n] = (Key){.kind = KEY_CHAR, .row = row, .halves = 2};
        snprintf(keys[n].text, sizeof keys[n].text, "%.*s", (int)len, p);
        n++;
        p += len;
        p += *p == ' ';
    }
    return n;
}

/* The keys of the keyboard as it stands, in rows, into keys. Returns how
 * many. */
static int page_keys(const Keyboard *k, Key keys[KEYBOARD_KEYS])
{
    int n = 0;
    bool capital = k->shift && k->page != KEYBOARD_SYMBOLS;
    for (int row = 0; row < 3; row++)
        n = add_chars(chars[k->page][capital][row], row, keys, n);
    keys[n++] = (Key){.kind = KEY_SHIFT, .text = "\u21e7", .row = 3, .halves = 3};
    n = add_chars(chars[k->page][capital][3], 3, keys, n);
    keys[n++] = (Key){.kind = KEY_BACK, .text = "\u232b", .row = 3, .halves = 3};
    for (int page = 0; page < 3; page++)
        if (page != (int)k->page) {
            keys[n] = (Key){.kind = KEY_PAGE, .row = 4, .halves = 3, .page = (KeyboardPage)page};
            snprintf(keys[n].text, sizeof keys[n].text, "%s", page_names[page]);
            n++;
        }
    keys[n++] = (Key){.kind = KEY_CHAR, .text = " ", .row = 4, .halves = 8};
    n = add_chars(", . -", 4, keys, n);
    return n;
}

int keyboard_height(const Ui *ui)
{
    int gap = ui_mm(ui, 1.5f);
    int key = SDL_min(ui_mm(ui, 13.0f), (ui_height(ui) / 2 - (ROWS - 1) * gap) / ROWS);
    return ROWS * key + (ROWS - 1) * gap;
}

void keyboard_layout(Keyboard *k, const Ui *ui, SDL_Rect area)
{
    Key keys[KEYBOARD_KEYS];
    int n = page_keys(k, keys);
    int gap = ui_mm(ui, 1.5f);
    int key_h = (area.h - (ROWS - 1) * gap) / ROWS;
    int at = 0; /* halves before the key in its row */
    memset(k->key, 0, sizeof k->key);
    for (int i = 0; i < n; i++) {
        if (i > 0 && keys[i].row != keys[i - 1].row)
            at = 0;
        int x0 = area.x + (int)((long)area.w * at / ROW_HALVES);
        int x1 = area.x + (int)((long)area.w * (at + keys[i].halves) / ROW_HALVES);
        k->key[i] = (SDL_Rect){x0, area.y + keys[i].row * (key_h + gap), x1 - x0 - gap, key_h};
        at += keys[i].halves;
    }
}

void keyboard_draw(const Keyboard *k, Ui *ui)
{
    Key keys[KEYBOARD_KEYS];
    int n = page_keys(k, keys);
    for (int i = 0; i < n; i++) {
        bool word = keys[i].kind == KEY_PAGE || !strcmp(keys[i].text, " ");
        ui_button(ui, k->key[i], word && keys[i].kind != KEY_PAGE ? "space" : keys[i].text,
                  word ? UI_FONT_BODY : UI_FONT_HEADING,
                  keys[i].kind == KEY_SHIFT && k->shift ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    }
}

bool keyboard_where(const Keyboard *k, const char *text, SDL_Rect *where)
{
    Key keys[KEYBOARD_KEYS];
    int n = page_keys(k, keys);
    for (int i = 0; i < n; i++)
        if (!strcmp(keys[i].text, text)) {
            *where = k->key[i];
            return true;
        }
    return false;
}

void keyboard_backspace(Keyboard *k, char *text)
{
    size_t n = strlen(text);
    while (n > 0 && ((unsigned char)text[n - 1] & 0xC0) == 0x80)
        n--;
    text[n > 0 ? n - 1 : 0] = '\0';
    k->shift = !text[0];
}

bool keyboard_press(Keyboard *k, int x, int y, char *text, size_t cap)
{
    Key keys[KEYBOARD_KEYS];
    int n = page_keys(k, keys);
    for (int i = 0; i < n; i++) {
        if (!ui_hit(k->key[i], x, y))
            continue;
        size_t len = strlen(text), add = strlen(keys[i].text);
        switch (keys[i].kind) {
        case KEY_CHAR:
            if (len + add < cap) {
                memcpy(text + len, keys[i].text, add + 1);
                k->shift = false;
            }
            break;
        case KEY_SHIFT:
            k->shift = !k->shift;
            break;
        case KEY_BACK:
            keyboard_backspace(k, text);
            break;
        case KEY_PAGE:
            k->page = keys[i].page;
            break;
        }
        return true;
    }
    return false;
}
