/* The therapist area, behind a PIN: the patient's details (name, affected
 * limbs and side, stage, notes) and the prescription of each kind of
 * practice, the profile's progress and its printable report, and the
 * backup of the database. Every change is saved at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "layout.h"
#include "scenes.h"
#include "timing.h"
#include "utf8.h"

/* What a choice row sets. */
typedef enum Field {
    F_ACTIONS, /* the patient row: buttons, not choices */
    F_BACKUP,  /* the data row: the backup button, and the date of the last one */
    F_AFFECTED_LIMBS,
    F_AFFECTED_SIDE,
    F_STAGE,
    F_PER_DAY,
    F_ASK_PAIN,
    F_DRILL_LIMBS,
    F_DRILL_COUNT,
    F_DRILL_TIME,
    F_DRILL_LEVEL,
    F_DRILL_FEEDBACK,
    F_IMAGERY_LIMB,
    F_IMAGERY_SIDE,
    F_IMAGERY_COUNT,
    F_IMAGERY_HOLD,
    F_IMAGERY_REST,
    F_IMAGERY_PACE,
    F_MIRROR_LIMB,
    F_MIRROR_SIDE,
    F_MIRROR_MINUTES,
    F_MIRROR_PACE,
    F_MIRROR_TICK,
    F_MIRROR_CAMERA
} Field;

typedef struct Row {
    const char *label;
    Field field;
    int n;
    const char *labels[6];
    int values[6];
} Row;

#define TABS 4
#define ROWS_PER_TAB 7

enum { ACTION_SWITCH, ACTION_NEW, ACTION_NAME, ACTION_NOTES, ACTION_BACKUP };

enum { TAB_PATIENT, TAB_DRILL, TAB_IMAGERY, TAB_MIRROR };
static const char *const tab_names[TABS] = {"Patient", "Left/right", "Imagine", "Mirror"};

static const Row tab_rows[TABS][ROWS_PER_TAB] = {
    {
        {"Patient", F_ACTIONS, 4, {"Switch", "New", "Name", "Notes"}, {0}},
        {"Affected", F_AFFECTED_LIMBS, 3, {"Hands", "Feet", "Both"}, {1, 2, 3}},
        {"Side", F_AFFECTED_SIDE, 3, {"Left", "Right", "Not set"}, {0, 1, 2}},
        {"Stage", F_STAGE, 3, {"Left/right", "Imagine", "Mirror"}, {1, 2, 3}},
        {"Per day", F_PER_DAY, 5, {"1", "2", "3", "4", "6"}, {1, 2, 3, 4, 6}},
        {"Pain ratings", F_ASK_PAIN, 2, {"Ask", "Don't ask"}, {1, 0}},
        {"Data", F_BACKUP, 1, {"Back up"}, {0}},
    },
    {
        {"Show", F_DRILL_LIMBS, 3, {"Hands", "Feet", "Both"}, {1, 2, 3}},
        {"Pictures", F_DRILL_COUNT, 4, {"10", "20", "30", "40"}, {10, 20, 30, 40}},
        {"Time each", F_DRILL_TIME, 4, {"3 s", "5 s", "10 s", "No limit"}, {3000, 5000, 10000, 0}},
        {"Level", F_DRILL_LEVEL, 4, {"1", "2", "3", "4"}, {1, 2, 3, 4}},
        {"Feedback", F_DRILL_FEEDBACK, 2, {"On", "Off"}, {1, 0}},
        {NULL, F_ACTIONS, 0, {NULL}, {0}},
    },
    {
        {"Limb",
         F_IMAGERY_LIMB,
         3,
         {"Affected", "Hand", "Foot"},
         {LIMB_CHOICE_AFFECTED, LIMB_CHOICE_HAND, LIMB_CHOICE_FOOT}},
        {"Side",
         F_IMAGERY_SIDE,
         3,
         {"Affected", "Left", "Right"},
         {SIDE_CHOICE_AFFECTED, SIDE_CHOICE_LEFT, SIDE_CHOICE_RIGHT}},
        {"Pictures", F_IMAGERY_COUNT, 4, {"5", "10", "15", "20"}, {5, 10, 15, 20}},
        {"Hold", F_IMAGERY_HOLD, 4, {"5 s", "10 s", "20 s", "30 s"}, {5000, 10000, 20000, 30000}},
        {"Rest", F_IMAGERY_REST, 4, {"None", "5 s", "10 s", "20 s"}, {0, 5000, 10000, 20000}},
        {"Pace", F_IMAGERY_PACE, 2, {"Timed", "Own pace"}, {IMAGERY_TIMED, IMAGERY_SELF_PACED}},
    },
    {
        {"Limb",
         F_MIRROR_LIMB,
         3,
         {"Affected", "Hand", "Foot"},
         {LIMB_CHOICE_AFFECTED, LIMB_CHOICE_HAND, LIMB_CHOICE_FOOT}},
        {"Side",
         F_MIRROR_SIDE,
         3,
         {"Affected", "Left", "Right"},
         {SIDE_CHOICE_AFFECTED, SIDE_CHOICE_LEFT, SIDE_CHOICE_RIGHT}},
        {"Minutes", F_MIRROR_MINUTES, 5, {"2", "5", "10", "15", "20"}, {2, 5, 10, 15, 20}},
        {"Pace",
         F_MIRROR_PACE,
         3,
         {"Slow", "Medium", "Normal"},
         {MIRROR_PACE_SLOW, MIRROR_PACE_MEDIUM, MIRROR_PACE_NORMAL}},
        {"Tick sound", F_MIRROR_TICK, 2, {"Off", "On"}, {0, 1}},
        {"Camera", F_MIRROR_CAMERA, 2, {"Off", "On"}, {0, 1}},
    },
};

/* The int a field stands for, as a pointer into the profile or prescription. */
static int get_field(const AppContext *app, Field f)
{
    const StoreProfile *p = &app->profile;
    const Prescription *rx = &app->prescription;
    switch (f) {
    case F_ACTIONS:
    case F_BACKUP:
        return -1;
    case F_AFFECTED_LIMBS:
        return (int)p->affected_limbs;
    case F_AFFECTED_SIDE:
        return (int)p->affected_side;
    case F_STAGE:
        return p->stage;
    case F_PER_DAY:
        return rx->sessions_per_day;
    case F_ASK_PAIN:
        return rx->ask_pain;
    case F_DRILL_LIMBS:
        return (int)rx->drill.limbs;
    case F_DRILL_COUNT:
        return rx->drill.count;
    case F_DRILL_TIME:
        return rx->drill.time_limit_ms;
    case F_DRILL_LEVEL:
        return rx->drill.level;
    case F_DRILL_FEEDBACK:
        return rx->drill.feedback;
    case F_IMAGERY_LIMB:
        return (int)rx->imagery_limb;
    case F_IMAGERY_SIDE:
        return (int)rx->imagery_side;
    case F_IMAGERY_COUNT:
        return rx->imagery.count;
    case F_IMAGERY_HOLD:
        return rx->imagery.hold_ms;
    case F_IMAGERY_REST:
        return rx->imagery.rest_ms;
    case F_IMAGERY_PACE:
        return (int)rx->imagery.pace;
    case F_MIRROR_LIMB:
        return (int)rx->mirror_limb;
    case F_MIRROR_SIDE:
        return (int)rx->mirror_side;
    case F_MIRROR_MINUTES:
        return rx->mirror.minutes;
    case F_MIRROR_PACE:
        return (int)rx->mirror.pace;
    case F_MIRROR_TICK:
        return rx->mirror.tick;
    case F_MIRROR_CAMERA:
        return rx->mirror_camera;
    }
    return -1;
}

static void set_field(AppContext *app, Field f, int v)
{
    StoreProfile *p = &app->profile;
    Prescription *rx = &app->prescription;
    switch (f) {
    case F_ACTIONS:
    case F_BACKUP:
        break;
    case F_AFFECTED_LIMBS:
        p->affected_limbs = (LimbSet)v;
        break;
    case F_AFFECTED_SIDE:
        p->affected_side = (AffectedSide)v;
        break;
    case F_STAGE:
        p->stage = v;
        break;
    case F_PER_DAY:
        rx->sessions_per_day = v;
        break;
    case F_ASK_PAIN:
        rx->ask_pain = v != 0;
        break;
    case F_DRILL_LIMBS:
        rx->drill.limbs = (LimbSet)v;
        break;
    case F_DRILL_COUNT:
        rx->drill.count = v;
        break;
    case F_DRILL_TIME:
        rx->drill.time_limit_ms = v;
        break;
    case F_DRILL_LEVEL:
        rx->drill.level = v;
        break;
    case F_DRILL_FEEDBACK:
        rx->drill.feedback = v != 0;
        break;
    case F_IMAGERY_LIMB:
        rx->imagery_limb = (LimbChoice)v;
        break;
    case F_IMAGERY_SIDE:
        rx->imagery_side = (SideChoice)v;
        break;
    case F_IMAGERY_COUNT:
        rx->imagery.count = v;
        break;
    case F_IMAGERY_HOLD:
        rx->imagery.hold_ms = v;
        break;
    case F_IMAGERY_REST:
        rx->imagery.rest_ms = v;
        break;
    case F_IMAGERY_PACE:
        rx->imagery.pace = (ImageryPace)v;
        break;
    case F_MIRROR_LIMB:
        rx->mirror_limb = (LimbChoice)v;
        break;
    case F_MIRROR_SIDE:
        rx->mirror_side = (SideChoice)v;
        break;
    case F_MIRROR_MINUTES:
        rx->mirror.minutes = v;
        break;
    case F_MIRROR_PACE:
        rx->mirror.pace = (MirrorPace)v;
        break;
    case F_MIRROR_TICK:
        rx->mirror.tick = v != 0;
        break;
    case F_MIRROR_CAMERA:
        rx->mirror_camera = v != 0;
        break;
    }
}

/* Appends to buf how one of imagery's or mirror therapy's limb or side
 * comes about. label and noun name it ("Side", "side"); affected is the
 * profile's (NULL when it names none, unnamed then saying why); chosen is
 * the explicit choice, or NULL when the prescription follows the profile;
 * choose says what to do when following leaves it open. */
static void append_choice(char *buf, size_t cap, const char *label, const char *noun,
                          const char *affected, const char *unnamed, const char *chosen,
                          const char *choose)
{
    size_t n = strlen(buf);
    if (!chosen && affected)
        snprintf(buf + n, cap - n, "%s: same as affected (%s). ", label, affected);
    else if (!chosen)
        snprintf(buf + n, cap - n, "%s: same as affected, but %s: %s. ", label, unnamed, choose);
    else if (!affected)
        snprintf(buf + n, cap - n, "%s: %s (chosen here; %s). ", label, chosen, unnamed);
    else if (strcmp(chosen, affected) != 0)
        snprintf(buf + n, cap - n, "%s: %s (differs from the affected %s). ", label, chosen, noun);
    else
        snprintf(buf + n, cap - n,
                 "%s: %s (chosen here, so it stays %s if the affected %s changes). ", label, chosen,
                 chosen, noun);
}

/* How the side and limb of imagery or mirror therapy come about, in words
 * for the therapist, e.g. "Side: same as affected (left). Limb: foot
 * (differs from the affected limb)." */
static void target_status(const AppContext *app, PracticeMode mode, char *buf, size_t cap)
{
    const StoreProfile *p = &app->profile;
    const Prescription *rx = &app->prescription;
    SideChoice side = mode == MODE_IMAGERY ? rx->imagery_side : rx->mirror_side;
    LimbChoice limb = mode == MODE_IMAGERY ? rx->imagery_limb : rx->mirror_limb;
    buf[0] = '\0';
    append_choice(buf, cap, "Side", "side",
                  p->affected_side == AFFECTED_BOTH ? NULL : affected_side_name(p->affected_side),
                  "the affected side is not set",
                  side == SIDE_CHOICE_AFFECTED ? NULL : side_name((Side)side),
                  "set it in the Patient tab, or choose Left or Right here");
    append_choice(buf, cap, "Limb", "limb",
                  p->affected_limbs == LIMBS_HANDS  ? "hand"
                  : p->affected_limbs == LIMBS_FEET ? "foot"
                                                    : NULL,
                  "hands and feet are affected",
                  limb == LIMB_CHOICE_AFFECTED ? NULL : limb_name((Limb)limb),
                  "choose Hand or Foot here");
}

/* ---- the PIN pad ---- */

#define PIN_KEYS 12

typedef struct PinScreen {
    AppContext *app;
    SDL_Rect key[PIN_KEYS]; /* 1-9, Back, 0, OK */
    SDL_Rect cancel;
    int title_y, dots_y, message_y;
    char entered[12];
    char first[12]; /* setting a PIN: the first entry, to be confirmed */
    bool setting;
    char message[160];
} PinScreen;

static void pin_relayout(void *state)
{
    PinScreen *screen = state;
    Ui *ui = screen->app->ui;
    int w = ui_width(ui), h = ui_height(ui);
    SDL_Rect bar = scene_top_bar(ui);
    SDL_Rect buttons[1];
    layout_bar_buttons(ui, bar, buttons, 1, w / 2);
    screen->cancel = buttons[0];
    int key = (int)SDL_min(ui_mm(ui, 20.0f), (h - bar.h - ui_mm(ui, 40.0f)) / 4);
    int gap = ui_mm(ui, 3.0f);
    int pad_w = 3 * key + 2 * gap;
    screen->title_y = bar.h + ui_mm(ui, 2.0f);
    screen->dots_y = screen->title_y + ui_line_height(ui, UI_FONT_HEADING) + ui_mm(ui, 2.0f);
    screen->message_y = screen->dots_y + ui_mm(ui, 9.0f);
    int top = screen->message_y + ui_line_height(ui, UI_FONT_BODY) + ui_mm(ui, 3.0f);
    for (int i = 0; i < PIN_KEYS; i++)
        screen->key[i] = (SDL_Rect){(w - pad_w) / 2 + (i % 3) * (key + gap),
                                    top + (i / 3) * (key + gap), key, key};
}

static void pin_draw(void *state)
{
    PinScreen *s = state;
    Ui *ui = s->app->ui;
    ui_clear(ui);
    ui_button(ui, s->cancel, "Cancel", UI_FONT_BODY, UI_STYLE_SECONDARY);
    const char *title = !s->setting   ? "Therapist PIN"
                        : s->first[0] ? "Enter the new PIN again"
                                      : "Choose a PIN for the therapist area";
    ui_text(ui, UI_FONT_HEADING, title, ui_width(ui) / 2, s->title_y, UI_ALIGN_CENTRE,
            ui_text_colour);
    size_t n = strlen(s->entered);
    int dot = ui_mm(ui, 4.0f), gap = ui_mm(ui, 3.0f);
    int total = 8 * dot + 7 * gap;
    for (size_t i = 0; i < 8; i++) {
        SDL_Rect r = {(ui_width(ui) - total) / 2 + (int)i * (dot + gap), s->dots_y, dot, dot};
        ui_fill_rounded(ui, r, dot / 2, i < n ? ui_text_colour : (SDL_Color){220, 224, 228, 255});
    }
    ui_text(ui, UI_FONT_BODY, s->message, ui_width(ui) / 2, s->message_y, UI_ALIGN_CENTRE,
            ui_muted_colour);
    static const char *const labels[PIN_KEYS] = {"1", "2", "3", "4",    "5", "6",
                                                 "7", "8", "9", "Back", "0", "OK"};
    for (int i = 0; i < PIN_KEYS; i++)
        ui_button(ui, s->key[i], labels[i], i == 9 ? UI_FONT_BODY : UI_FONT_HEADING,
                  i == 11 ? UI_STYLE_PRIMARY : UI_STYLE_SECONDARY);
}

/* Handles OK: sets or checks the PIN. Returns true when the area opens. */
static bool pin_submit(PinScreen *s)
{
    AppContext *app = s->app;
    if (store_pin_valid(s->entered)) {
        snprintf(s->message, sizeof s->message, "A PIN has 4 to 8 digits.");
        s->entered[0] = '\0';
        return false;
    }
    if (s->setting && !s->first[0]) {
        snprintf(s->first, sizeof s->first, "%s", s->entered);
        s->entered[0] = '\0';
        s->message[0] = '\0';
        return false;
    }
    if (s->setting) {
        char pin[sizeof s->entered];
        snprintf(pin, sizeof pin, "%s", s->entered);
        bool same = strcmp(s->first, pin) == 0;
        s->first[0] = s->entered[0] = '\0';
        if (!same) {
            snprintf(s->message, sizeof s->message, "The two PINs differ. Please start again.");
            return false;
        }
        if (store_pin_set(app->store, pin)) {
            snprintf(s->message, sizeof s->message, "%.150s", store_errmsg(app->store));
            return false;
        }
        return true;
    }
    /* Hashing takes a moment: say so first. */
    snprintf(s->message, sizeof s->message, "Checking...");
    pin_draw(s);
    SDL_RenderPresent(ui_renderer(app->ui));
    PinOutcome outcome;
    int64_t wait_s = 0;
    PinTime now = {.wall_s = (int64_t)time(NULL)};
    now.boot_s = timing_boot_s(now.boot_id, sizeof now.boot_id);
    int rc = store_pin_check(app->store, s->entered, &now, &outcome, &wait_s);
    s->entered[0] = '\0';
    if (rc) {
        snprintf(s->message, sizeof s->message, "%.150s", store_errmsg(app->store));
        return false;
    }
    if (outcome == PIN_ACCEPTED)
        return true;
    if (wait_s > 0)
        snprintf(s->message, sizeof s->message, "%sPlease wait %lld s before trying again.",
                 outcome == PIN_WRONG ? "That PIN is not right. " : "", (long long)wait_s);
    else
        snprintf(s->message, sizeof s->message, "That PIN is not right.");
    return false;
}

/* Asks for the PIN (or to set one on first use). Returns SCENE_THERAPIST
 * when it was right, SCENE_HOME on Cancel, SCENE_QUIT when closing. */
static SceneId pin_screen(AppContext *app)
{
    PinScreen s = {.app = app};
    bool exists = false;
    if (store_pin_exists(app->store, &exists)) {
        snprintf(app->notice, sizeof app->notice, "%s", store_errmsg(app->store));
        return SCENE_HOME;
    }
    s.setting = !exists;
    SceneScreen view = scene_screen(app->ui, &s, pin_relayout, pin_draw);
    for (;;) {
        UiInput in = scene_input(&view);
        size_t n = strlen(s.entered);
        int key = -1;
        if (in.kind == UI_INPUT_QUIT)
            return SCENE_QUIT;
        if (in.kind == UI_INPUT_PRESS) {
            if (ui_hit(s.cancel, in.x, in.y))
                return SCENE_HOME;
            for (int i = 0; i < PIN_KEYS; i++)
                if (ui_hit(s.key[i], in.x, in.y))
                    key = i;
        } else if (in.kind == UI_INPUT_KEY) {
            if (in.key >= SDLK_1 && in.key <= SDLK_9)
                key = (int)(in.key - SDLK_1);
            else if (in.key == SDLK_0)
                key = 10;
            else if (in.key == SDLK_BACKSPACE)
                key = 9;
            else if (in.key == SDLK_RETURN || in.key == SDLK_KP_ENTER)
                key = 11;
            else if (in.key == SDLK_ESCAPE)
                return SCENE_HOME;
        }
        if (key == 9 && n > 0)
            s.entered[n - 1] = '\0';
        else if (key == 11 && pin_submit(&s))
            return SCENE_THERAPIST;
        else if (key >= 0 && key != 9 && key != 11 && n < 8) {
            s.entered[n] = (char)(key == 10 ? '0' : '1' + key);
            s.entered[n + 1] = '\0';
        }
        view.redraw = true;
    }
}

/* ---- a line of text: the patient's name or the therapist's notes ---- */

typedef struct TextScreen {
    AppContext *app;
    const char *title;
    char *text;
    size_t cap;
    SDL_Rect done, cancel;
    int title_y, text_y;
} TextScreen;

static void text_relayout(void *state)
{
    TextScreen *t = state;
    Ui *ui = t->app->ui;
    SDL_Rect bar = scene_top_bar(ui);
    SDL_Rect buttons[2];
    layout_bar_buttons(ui, bar, buttons, 2, ui_width(ui) / 3);
    t->cancel = buttons[0];
    t->done = buttons[1];
    t->title_y = bar.h + ui_mm(ui, 4.0f);
    t->text_y = t->title_y + ui_line_height(ui, UI_FONT_HEADING) + ui_mm(ui, 4.0f);
}

static void text_draw(void *state)
{
    TextScreen *t = state;
    Ui *ui = t->app->ui;
    int margin = ui_mm(ui, 6.0f);
    ui_clear(ui);
    ui_button(ui, t->cancel, "Cancel", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, t->done, "Save", UI_FONT_BODY, UI_STYLE_PRIMARY);
    ui_text(ui, UI_FONT_HEADING, t->title, margin, t->title_y, UI_ALIGN_LEFT, ui_text_colour);
    char shown[STORE_NOTES_MAX + 8];
    snprintf(shown, sizeof shown, "%s|", t->text);
    ui_text_panel(ui, UI_FONT_BODY, shown, margin, t->text_y, ui_width(ui) - 2 * margin,
                  (SDL_Color){255, 255, 255, 255});
}

/* Removes the last UTF-8 character of s. */
static void drop_last_char(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
        n--;
    s[n > 0 ? n - 1 : 0] = '\0';
}

/* Edits text (cap bytes) with the keyboard (on a tablet, the on-screen
 * one). Returns true when saved, false on Cancel; *quit when closing. */
static bool text_screen(AppContext *app, const char *title, char *text, size_t cap, bool *quit)
{
    char *edited = calloc(1, cap);
    if (!edited)
        return false;
    snprintf(edited, cap, "%s", text);
    TextScreen t = {app, title, edited, cap, {0}, {0}, 0, 0};
    SceneScreen view = scene_screen(app->ui, &t, text_relayout, text_draw);
    SDL_StartTextInput();
    bool saved = false;
    for (bool done = false; !done;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_TEXT) {
            /* Whole events only, so a character is never cut in two. */
            size_t n = strlen(edited), add = strlen(in.text);
            if (n + add < cap && utf8_valid(in.text)) {
                memcpy(edited + n, in.text, add + 1);
                view.redraw = true;
            }
        } else if (in.kind == UI_INPUT_QUIT) {
            *quit = true;
            done = true;
        } else if (scene_key(&in, SDLK_BACKSPACE, SDLK_BACKSPACE)) {
            drop_last_char(edited);
            view.redraw = true;
        } else if (scene_key(&in, SDLK_RETURN, SDLK_KP_ENTER) || scene_pressed(&in, t.done)) {
            saved = done = true;
        } else if (scene_key(&in, SDLK_ESCAPE, SDLK_ESCAPE) || scene_pressed(&in, t.cancel)) {
            done = true;
        }
    }
    SDL_StopTextInput();
    if (saved)
        snprintf(text, cap, "%s", edited);
    free(edited);
    return saved;
}

/* ---- backup: to the documents folder or a mounted stick ---- */

#define BACKUP_PLACES 4

typedef struct BackupScreen {
    AppContext *app;
    FormLayout layout;
    ReviewPlace place[BACKUP_PLACES];
    int n;
    char button[BACKUP_PLACES][96];
} BackupScreen;

static void backup_relayout(void *state)
{
    BackupScreen *b = state;
    int choices[BACKUP_PLACES] = {1, 1, 1, 1};
    FormSpec spec = {
        .rows = b->n, .choices = choices, .bar_buttons = 1, .title = true, .stacked = true};
    b->layout = layout_form(b->app->ui, &spec);
}

static void backup_draw(void *state)
{
    BackupScreen *b = state;
    Ui *ui = b->app->ui;
    const FormLayout *l = &b->layout;
    ui_clear(ui);
    ui_button(ui, l->bar_button[0], "Cancel", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_text(ui, UI_FONT_HEADING, "Where should the backup go?", l->left, l->title_y, UI_ALIGN_LEFT,
            ui_text_colour);
    for (int r = 0; r < b->n; r++) {
        ui_text(ui, UI_FONT_BODY, b->place[r].folder, l->label_x, l->row_label_y[r], UI_ALIGN_LEFT,
                ui_muted_colour);
        ui_button(ui, l->choice[r][0], b->button[r], UI_FONT_BODY, UI_STYLE_PRIMARY);
    }
}

/* Writes a backup of the database into folder and records its date; what
 * happened goes to message. */
static void backup_write(AppContext *app, const char *folder, char *message, size_t cap)
{
    char path[1200], stamp[32], now[32];
    timing_file_stamp(stamp, sizeof stamp);
    timing_iso8601(now, sizeof now);
    if ((size_t)snprintf(path, sizeof path, "%s/gmi-trainer-backup-%s.db", folder, stamp) >=
        sizeof path)
        snprintf(message, cap, "The backup was not written: the folder's name is too long.");
    else if (store_backup(app->store, path) ||
             store_note_set(app->store, STORE_NOTE_LAST_BACKUP, now))
        snprintf(message, cap, "%.500s", store_errmsg(app->store));
    else
        snprintf(message, cap, "The backup was saved as %.500s", path);
}

/* "Last backup: 2026-11-29 20:31", or "No backup yet", into buf. */
static void describe_last_backup(Store *store, char *buf, size_t cap)
{
    char when[40] = "";
    if (store_note_get(store, STORE_NOTE_LAST_BACKUP, when, sizeof when) || strlen(when) < 16)
        snprintf(buf, cap, "No backup yet");
    else
        snprintf(buf, cap, "Last backup: %.10s %.5s", when, when + 11);
}

/* Asks where a backup of every profile's data should go (the area's Data
 * row already says when the last one was made); a tap writes it there.
 * Returns SCENE_QUIT when closing, else SCENE_THERAPIST. */
static SceneId backup_screen(AppContext *app, char *message, size_t cap)
{
    BackupScreen b = {.app = app};
    static const char *const removable[] = {"/media", "/run/media"};
    b.n = review_backup_places(removable, 2, b.place, BACKUP_PLACES);
    for (int i = 0; i < b.n; i++)
        snprintf(b.button[i], sizeof b.button[i], "Back up to %s", b.place[i].name);
    SceneScreen view = scene_screen(app->ui, &b, backup_relayout, backup_draw);
    for (;;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_QUIT)
            return SCENE_QUIT;
        if (scene_key(&in, SDLK_ESCAPE, SDLK_ESCAPE) || scene_pressed(&in, b.layout.bar_button[0]))
            return SCENE_THERAPIST;
        for (int r = 0; r < b.n; r++)
            if (scene_pressed(&in, b.layout.choice[r][0])) {
                backup_write(app, b.place[r].folder, message, cap);
                return SCENE_THERAPIST;
            }
    }
}

/* ---- the area ---- */

typedef struct AreaScreen {
    AppContext *app;
    int tab;
    FormLayout layout;
    char message[600];
    char last_backup[96]; /* shown beside Back up */
} AreaScreen;

static int tab_row_count(int tab)
{
    int n = 0;
    while (n < ROWS_PER_TAB && tab_rows[tab][n].label)
        n++;
    return n;
}

static void area_relayout(void *state)
{
    AreaScreen *a = state;
    int choices[ROWS_PER_TAB];
    int rows = tab_row_count(a->tab);
    for (int r = 0; r < rows; r++)
        choices[r] = tab_rows[a->tab][r].n;
    FormSpec spec = {.rows = rows, .choices = choices, .bar_buttons = 3, .tabs = TABS};
    a->layout = layout_form(a->app->ui, &spec);
}

static void area_draw(void *state)
{
    AreaScreen *a = state;
    AppContext *app = a->app;
    Ui *ui = app->ui;
    const FormLayout *l = &a->layout;
    ui_clear(ui);
    char who[96];
    snprintf(who, sizeof who, "Therapist: %s", app->profile.name);
    ui_text(ui, UI_FONT_BODY, who, ui_mm(ui, 4.0f),
            (l->bar.h - ui_line_height(ui, UI_FONT_BODY)) / 2, UI_ALIGN_LEFT, ui_muted_colour);
    ui_button(ui, l->bar_button[0], "Progress", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->bar_button[1], "Report", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->bar_button[2], "Done", UI_FONT_BODY, UI_STYLE_PRIMARY);
    for (int t = 0; t < TABS; t++)
        ui_button(ui, l->tab[t], tab_names[t], UI_FONT_BODY,
                  t == a->tab ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    int rows = tab_row_count(a->tab);
    for (int r = 0; r < rows; r++) {
        const Row *row = &tab_rows[a->tab][r];
        ui_text(ui, UI_FONT_BODY, row->label, l->label_x, l->row_label_y[r], UI_ALIGN_LEFT,
                ui_text_colour);
        int value = get_field(app, row->field);
        for (int c = 0; c < row->n; c++)
            ui_button(ui, l->choice[r][c], row->labels[c], UI_FONT_BODY,
                      row->field != F_ACTIONS && row->values[c] == value ? UI_STYLE_SELECTED
                                                                         : UI_STYLE_SECONDARY);
        if (row->field == F_BACKUP)
            ui_text(ui, UI_FONT_BODY, a->last_backup,
                    l->choice[r][0].x + l->choice[r][0].w + ui_mm(ui, 3.0f), l->row_label_y[r],
                    UI_ALIGN_LEFT, ui_muted_colour);
    }
    int y = (rows > 0 ? l->choice[rows - 1][0].y + l->choice[rows - 1][0].h : l->bar.h) +
            ui_mm(ui, 3.0f);
    if (a->tab == TAB_IMAGERY || a->tab == TAB_MIRROR) {
        char status[400];
        target_status(app, a->tab == TAB_IMAGERY ? MODE_IMAGERY : MODE_MIRROR, status,
                      sizeof status);
        y += scene_draw_notice(ui, status, l->left, y, l->width) + ui_mm(ui, 2.0f);
    }
    const char *shown = a->message[0] ? a->message : app->profile.notes;
    if (*shown)
        scene_draw_notice(ui, shown, l->left, y, l->width);
}

/* Saves the profile and prescription; a failure is shown on the screen. */
static void area_save(AreaScreen *a)
{
    AppContext *app = a->app;
    if (store_profile_update(app->store, &app->profile) ||
        store_prescription_save(app->store, app->profile.id, &app->prescription))
        snprintf(a->message, sizeof a->message, "Not saved: %.500s", store_errmsg(app->store));
}

static void area_new_profile(AreaScreen *a)
{
    AppContext *app = a->app;
    char name[64], now[32];
    timing_iso8601(now, sizeof now);
    for (int i = 2; i < 1000; i++) {
        snprintf(name, sizeof name, "Patient %d", i);
        bool found = true;
        StoreProfile existing;
        if (store_profile_find(app->store, name, &existing, &found))
            break;
        if (found)
            continue;
        if (store_profile_open(app->store, name, now, &app->profile) == 0) {
            app->prescription = store_prescription_default();
            snprintf(a->message, sizeof a->message,
                     "New patient added as '%s'. Tap Name to change it.", name);
            return;
        }
        break;
    }
    snprintf(a->message, sizeof a->message, "No patient added: %.500s", store_errmsg(app->store));
}

/* Handles the buttons of the patient row. Returns a scene to go to, or
 * SCENE_THERAPIST to stay. */
static SceneId area_action(AreaScreen *a, int action)
{
    AppContext *app = a->app;
    bool quit = false;
    a->message[0] = '\0';
    switch (action) {
    case ACTION_SWITCH:
        return SCENE_PROFILES;
    case ACTION_NEW:
        area_new_profile(a);
        break;
    case ACTION_NAME: {
        char name[sizeof app->profile.name];
        snprintf(name, sizeof name, "%s", app->profile.name);
        if (text_screen(app, "Patient's name", name, CLI_PROFILE_MAX + 1, &quit)) {
            if (cli_check_profile_name(name)) {
                snprintf(a->message, sizeof a->message,
                         "A name has 1 to %d characters; the name was not changed.",
                         CLI_PROFILE_MAX);
            } else {
                char old[sizeof name];
                snprintf(old, sizeof old, "%s", app->profile.name);
                snprintf(app->profile.name, sizeof app->profile.name, "%s", name);
                area_save(a);
                if (a->message[0])
                    snprintf(app->profile.name, sizeof app->profile.name, "%s", old);
            }
        }
        break;
    }
    case ACTION_NOTES:
        if (text_screen(app, "Notes", app->profile.notes, sizeof app->profile.notes, &quit))
            area_save(a);
        break;
    case ACTION_BACKUP:
        quit = backup_screen(app, a->message, sizeof a->message) == SCENE_QUIT;
        describe_last_backup(app->store, a->last_backup, sizeof a->last_backup);
        break;
    default:
        break;
    }
    return quit ? SCENE_QUIT : SCENE_THERAPIST;
}

/* Writes the report to the documents folder (or the home folder). A name
 * too long for its buffer is refused, never cut short. */
static void area_report(AreaScreen *a)
{
    AppContext *app = a->app;
    char dir[2048], path[4096], stamp[32], err[512];
    int n = review_documents_dir(dir, sizeof dir);
    timing_file_stamp(stamp, sizeof stamp);
    int m = n < 0 ? -1
                  : snprintf(path, sizeof path, "%s/gmi-report-%s-%s.html", dir, app->profile.name,
                             stamp);
    if (m < 0 || (size_t)m >= sizeof path) {
        snprintf(a->message, sizeof a->message,
                 "The report could not be written: the name of the home folder is too long.");
        return;
    }
    for (char *p = path + n + 1; *p; p++)
        if (*p == '/' || *p == ' ')
            *p = '-';
    int today = review_today();
    if (review_write_report(app->store, &app->profile, today - REVIEW_DEFAULT_DAYS + 1, today,
                            app->norms, path, app->db_path, err, sizeof err))
        snprintf(a->message, sizeof a->message, "The report could not be written: %.500s", err);
    else
        snprintf(a->message, sizeof a->message, "The report was saved as %.500s", path);
}

SceneId scene_therapist(AppContext *app)
{
    if (!app->therapist) {
        SceneId next = pin_screen(app);
        if (next != SCENE_THERAPIST)
            return next;
        app->therapist = true;
    }
    AreaScreen a = {.app = app};
    /* A damaged file set aside is said until the therapist taps anything. */
    char kept[400] = "";
    if (store_note_get(app->store, STORE_NOTE_SET_ASIDE, kept, sizeof kept) == 0 && kept[0])
        snprintf(a.message, sizeof a.message,
                 "A damaged data file was kept unchanged as %.400s when this one was started.",
                 kept);
    describe_last_backup(app->store, a.last_backup, sizeof a.last_backup);
    SceneScreen view = scene_screen(app->ui, &a, area_relayout, area_draw);
    for (;;) {
        UiInput in = scene_input(&view);
        const FormLayout *l = &a.layout;
        if (in.kind == UI_INPUT_QUIT)
            return SCENE_QUIT;
        if (scene_key(&in, SDLK_ESCAPE, SDLK_ESCAPE))
            break;
        if (in.kind != UI_INPUT_PRESS)
            continue;
        view.redraw = true;
        if (ui_hit(l->bar_button[0], in.x, in.y))
            return SCENE_PROGRESS;
        if (ui_hit(l->bar_button[1], in.x, in.y)) {
            area_report(&a);
            continue;
        }
        if (ui_hit(l->bar_button[2], in.x, in.y))
            break;
        for (int t = 0; t < TABS; t++)
            if (ui_hit(l->tab[t], in.x, in.y)) {
                a.tab = t;
                a.message[0] = '\0';
                area_relayout(&a);
            }
        int rows = tab_row_count(a.tab);
        for (int r = 0; r < rows; r++) {
            const Row *row = &tab_rows[a.tab][r];
            for (int c = 0; c < row->n; c++) {
                if (!ui_hit(l->choice[r][c], in.x, in.y))
                    continue;
                if (row->field == F_ACTIONS || row->field == F_BACKUP) {
                    SceneId next = area_action(&a, row->field == F_BACKUP ? ACTION_BACKUP : c);
                    if (next != SCENE_THERAPIST)
                        return next;
                    /* Back from the name, notes or backup screen: the
                     * area comes up again, guarded as any screen. */
                    view.fresh = true;
                } else {
                    set_field(app, row->field, row->values[c]);
                    a.message[0] = '\0';
                    area_save(&a);
                }
            }
        }
    }
    /* Leaving locks the area again. */
    app->therapist = false;
    return SCENE_HOME;
}
