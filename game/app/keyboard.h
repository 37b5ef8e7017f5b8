/* The on-screen keyboard of the name and notes screens, for tablets that
 * have no keyboard (a kiosk shows no system one): big keys for letters,
 * digits, space, backspace and shift, a page of accented letters and one
 * of punctuation. A plain value: the caller keeps it and lays it out again
 * whenever the window changes. */
#ifndef GMI_KEYBOARD_H
#define GMI_KEYBOARD_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui.h"

#define KEYBOARD_KEYS 50

typedef enum KeyboardPage { KEYBOARD_LETTERS, KEYBOARD_ACCENTS, KEYBOARD_SYMBOLS } KeyboardPage;

typedef struct Keyboard {
    KeyboardPage page;
    bool shift;                  /* the next letter is a capital */
    SDL_Rect key[KEYBOARD_KEYS]; /* where each key of the page is */
} Keyboard;

/* The height the keyboard takes at the window's scale: five rows of keys
 * about 13 mm tall, or less when the window is short (at most a half of
 * its height). */
int keyboard_height(const Ui *ui);

/* Lays the keys out to fill area: five rows, ten key widths each. */
void keyboard_layout(Keyboard *k, const Ui *ui, SDL_Rect area);

/* Draws the keys of the current page. */
void keyboard_draw(const Keyboard *k, Ui *ui);

/* What a press at (x, y) does to text, a NUL-terminated UTF-8 string in a
 * buffer of cap bytes: a character is added only whole and only when it
 * fits; backspace removes the last character; shift makes the next letter
 * a capital (and is on again when the text is emptied); the page keys
 * change the page. Returns whether a key was pressed. */
bool keyboard_press(Keyboard *k, int x, int y, char *text, size_t cap);

/* Where the key is on the current page that types text, or shows it (the
 * page keys' names, "\u21e7" for Shift, "\u232b" for Backspace): into
 * *where, returning true; false when the page has none. */
bool keyboard_where(const Keyboard *k, const char *text, SDL_Rect *where);

/* Removes the last character of text (a NUL-terminated UTF-8 string), as
 * the backspace key does; shift is on again when text is left empty. */
void keyboard_backspace(Keyboard *k, char *text);

#endif
