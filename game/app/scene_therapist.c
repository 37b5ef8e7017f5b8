/* The therapist area, behind a PIN: the patient's details (name, affected
 * limbs and side, stage, notes), adding and archiving patients, the
 * prescription of each kind of practice and the settings of the whole
 * programme, the profile's progress and its printable report, and the
 * backup of the database. Every change is saved at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "importing.h"
#include "keyboard.h"
#include "layout.h"
#include "scenes.h"
#include "timing.h"
#include "utf8.h"

/* What a row sets: one of the patient's details, a field of the
 * prescription, or nothing (a row of buttons). */
typedef enum RowKind {
    ROW_ACTIONS, /* buttons, not choices: their actions in Row.values */
    ROW_BACKUP,  /* the data row: the backup button, and the date of the last one */
    ROW_AFFECTED_LIMBS,
    ROW_AFFECTED_SIDE,
    ROW_STAGE,
    ROW_PRESCRIBED /* the prescription's field in Row.field */
} RowKind;

typedef struct Row {
    const char *label;
    RowKind kind;
    int n;
    const char *labels[PRESCRIPTION_CHOICES_MAX];
    int values[PRESCRIPTION_CHOICES_MAX];
    const PrescriptionField *field;
} Row;

#define TABS LAYOUT_AREA_TABS
#define ROWS_PER_TAB LAYOUT_MAX_ROWS

enum {
    ACTION_SWITCH,
    ACTION_NEW,
    ACTION_NAME,
    ACTION_NOTES,
    ACTION_IMPORT,
    ACTION_ARCHIVE,
    ACTION_BACKUP
};

/* The patient's details, a tab for each kind of practice, and the
 * settings of the whole programme with the backup. */
enum { TAB_PATIENT, TAB_DRILL, TAB_IMAGERY, TAB_MIRROR, TAB_TOUCH, TAB_SETTINGS };
static const char *const tab_names[TABS] = {"Patient", "Left/right", "Imagine",
                                            "Mirror",  "Touch",      "Settings"};
/* The part of the prescription each tab holds (-1: none). */
static const int tab_part[TABS] = {-1,
                                   PRESCRIPTION_DRILL,
                                   PRESCRIPTION_IMAGERY,
                                   PRESCRIPTION_MIRROR,
                                   PRESCRIPTION_TOUCH,
                                   PRESCRIPTION_GENERAL};

static const Row patient_rows[] = {
    {"Patients",
     ROW_ACTIONS,
     4,
     {"Switch", "New", "Import", "Archive"},
     {ACTION_SWITCH, ACTION_NEW, ACTION_IMPORT, ACTION_ARCHIVE},
     NULL},
    {"Details", ROW_ACTIONS, 2, {"Name", "Notes"}, {ACTION_NAME, ACTION_NOTES}, NULL},
    {"Affected", ROW_AFFECTED_LIMBS, 3, {"Hands", "Feet", "Both"}, {1, 2, 3}, NULL},
    {"Side", ROW_AFFECTED_SIDE, 3, {"Left", "Right", "Not set"}, {0, 1, 2}, NULL},
    {"Stage", ROW_STAGE, 3, {"Left/right", "Imagine", "Mirror"}, {1, 2, 3}, NULL},
};
static const Row backup_row = {"Data", ROW_BACKUP, 1, {"Back up"}, {0}, NULL};

/* The rows of tab into rows: the patient's details, or the prescription's
 * fields of the tab's part in their order (on the Settings tab before the
 * backup). A set's row offers the body parts the catalogue has pictures
 * of. Returns how many. */
static int tab_rows(const AppContext *app, int tab, Row rows[ROWS_PER_TAB])
{
    LimbSet pictured = catalogue_limbs(app->catalogue);
    int n = 0, room = tab == TAB_SETTINGS ? ROWS_PER_TAB - 1 : ROWS_PER_TAB;
    if (tab == TAB_PATIENT)
        for (size_t i = 0; i < sizeof patient_rows / sizeof patient_rows[0]; i++)
            rows[n++] = patient_rows[i];
    for (size_t i = 0; i < PRESCRIPTION_FIELDS && n < room; i++) {
        const PrescriptionField *f = &prescription_fields[i];
        if ((int)f->part != tab_part[tab])
            continue;
        Row *row = &rows[n++];
        *row = (Row){.label = f->label, .kind = ROW_PRESCRIBED, .field = f};
        for (int c = 0; c < prescription_field_choice_count(f); c++)
            if (f->kind != PRESCRIPTION_SET || (f->choices[c].value & (int)pictured)) {
                row->labels[row->n] = f->choices[c].label;
                row->values[row->n++] = f->choices[c].value;
            }
    }
    if (tab == TAB_SETTINGS)
        rows[n++] = backup_row;
    return n;
}

/* Whether the row's button of value shows as chosen: a set's buttons each
 * on or off, one value of the other rows. */
static bool row_chosen(const Row *row, int chosen, int value)
{
    if (row->kind == ROW_ACTIONS || row->kind == ROW_BACKUP)
        return false;
    if (row->field && row->field->kind == PRESCRIPTION_SET)
        return (chosen & value) != 0;
    return chosen == value;
}

/* The value a row shows as chosen (-1 for none). */
static int get_row(const AppContext *app, const Row *row)
{
    const StoreProfile *p = &app->profile;
    switch (row->kind) {
    case ROW_ACTIONS:
    case ROW_BACKUP:
        return -1;
    case ROW_AFFECTED_LIMBS:
        return (int)p->affected_limbs;
    case ROW_AFFECTED_SIDE:
        return (int)p->affected_side;
    case ROW_STAGE:
        return p->stage;
    case ROW_PRESCRIBED:
        return prescription_field_get(&app->prescription, row->field);
    }
    return -1;
}

/* What the row's chosen button means (a level's pictures), or NULL. */
static const char *chosen_note(const Row *row, int value)
{
    for (int c = 0; row->field && c < row->n; c++)
        if (row->values[c] == value)
            return row->field->choices[c].note;
    return NULL;
}

/* Sets what a row chooses to one of its values. */
static void set_row(AppContext *app, const Row *row, int v)
{
    StoreProfile *p = &app->profile;
    switch (row->kind) {
    case ROW_ACTIONS:
    case ROW_BACKUP:
        break;
    case ROW_AFFECTED_LIMBS:
        p->affected_limbs = (LimbSet)v;
        break;
    case ROW_AFFECTED_SIDE:
        p->affected_side = (AffectedSide)v;
        break;
    case ROW_STAGE:
        p->stage = v;
        break;
    case ROW_PRESCRIBED:
        /* A row offers valid values only. A set's button turns its bit on
         * or off; the set refuses to lose its last bit. */
        if (row->field->kind == PRESCRIPTION_SET)
            v ^= prescription_field_get(&app->prescription, row->field);
        prescription_field_set(&app->prescription, row->field, v, NULL, 0);
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

/* How the side and limb of imagery, mirror therapy or touch come about, in
 * words for the therapist, e.g. "Side: same as affected (left). Limb: foot
 * (differs from the affected limb)." */
static void target_status(const AppContext *app, PracticeMode mode, char *buf, size_t cap)
{
    const StoreProfile *p = &app->profile;
    const Prescription *rx = &app->prescription;
    SideChoice side = mode == MODE_IMAGERY  ? rx->imagery_side
                      : mode == MODE_MIRROR ? rx->mirror_side
                                            : rx->touch_side;
    LimbChoice limb = mode == MODE_IMAGERY  ? rx->imagery_limb
                      : mode == MODE_MIRROR ? rx->mirror_limb
                                            : rx->touch_limb;
    buf[0] = '\0';
    const char *affected_limb = p->affected_limbs == LIMBS_HANDS  ? "hand"
                                : p->affected_limbs == LIMBS_FEET ? "foot"
                                                                  : NULL;
    if (side == SIDE_CHOICE_AFFECTED && limb == LIMB_CHOICE_AFFECTED && affected_limb &&
        p->affected_side != AFFECTED_BOTH) {
        snprintf(buf, cap, "Side and limb: same as affected (%s %s).",
                 affected_side_name(p->affected_side), affected_limb);
        return;
    }
    append_choice(buf, cap, "Side", "side",
                  p->affected_side == AFFECTED_BOTH ? NULL : affected_side_name(p->affected_side),
                  "the affected side is not set",
                  side == SIDE_CHOICE_AFFECTED ? NULL : side_name((Side)side),
                  "set it in the Patient tab, or choose Left or Right here");
    append_choice(buf, cap, "Limb", "limb", affected_limb, "hands and feet are affected",
                  limb == LIMB_CHOICE_AFFECTED ? NULL : limb_name((Limb)limb),
                  "choose Hand or Foot here");
    size_t n = strlen(buf);
    if (n > 0 && buf[n - 1] == ' ')
        buf[n - 1] = '\0';
}

/* After target_status, the step of the ladder the touch practice is at, in
 * words, and that the progression rule moves it. */
static void touch_status(const AppContext *app, char *buf, size_t cap)
{
    const Prescription *rx = &app->prescription;
    int steps = touch_ladder_steps(app->ladder);
    int step = rx->touch_step < steps ? rx->touch_step : steps;
    Limb limb = LIMB_HAND;
    Side side = SIDE_LEFT;
    store_prescription_target(&app->profile, rx->touch_limb, rx->touch_side, &limb, &side);
    const TouchRung *r = touch_ladder_rung(app->ladder, limb, step);
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n,
             "%sStep %d of %d: %s, %s, %d minute%s. After each session it moves up after %d in a "
             "row with discomfort %d or less, down after a flare.",
             n ? " " : "", step, steps, r->texture, touch_how_name(r->how),
             rx->touch_minutes ? rx->touch_minutes : r->minutes,
             (rx->touch_minutes ? rx->touch_minutes : r->minutes) == 1 ? "" : "s",
             app->norms->touch.up_sessions, app->norms->touch.up_discomfort);
}

/* ---- the PIN pad ---- */

#define PIN_KEYS 12
#define PIN_BACK 9
#define PIN_OK 11

typedef struct PinScreen {
    AppContext *app;
    SDL_Rect key[PIN_KEYS]; /* 1-9, backspace, 0, OK */
    SDL_Rect cancel, title, status;
    int dots_y;
    char entered[12];
    char first[12]; /* setting a PIN: the first entry, to be confirmed */
    bool setting;
    bool wrong;           /* the last PIN tried was wrong */
    Uint64 until;         /* while tries must wait: when they may go on (SDL ticks), else 0 */
    int64_t wrong_wait_s; /* the wait a wrong next try would start */
    char message[160];    /* what happened last, when it is not the wait */
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
    int margin = ui_mm(ui, 4.0f);
    int title_h = ui_line_height(ui, UI_FONT_HEADING);
    int message_h = 2 * ui_line_height(ui, UI_FONT_BODY);
    int top = bar.h + ui_mm(ui, 2.0f);
    int key =
        (int)SDL_min(ui_mm(ui, 20.0f), (h - top - title_h - message_h - ui_mm(ui, 24.0f)) / 4);
    int gap = ui_mm(ui, 3.0f);
    int pad_w = 3 * key + 2 * gap;
    screen->title = (SDL_Rect){margin, top, w - 2 * margin, title_h};
    screen->dots_y = top + title_h + ui_mm(ui, 2.0f);
    screen->status =
        (SDL_Rect){margin, screen->dots_y + ui_mm(ui, 7.0f), w - 2 * margin, message_h};
    int pad_y = screen->status.y + message_h + ui_mm(ui, 3.0f);
    for (int i = 0; i < PIN_KEYS; i++)
        screen->key[i] = (SDL_Rect){(w - pad_w) / 2 + (i % 3) * (key + gap),
                                    pad_y + (i / 3) * (key + gap), key, key};
}

/* Whole seconds left of the wait (rounded up), 0 when there is none. */
static int pin_wait_left(const PinScreen *s)
{
    Uint64 now = SDL_GetTicks64();
    return s->until > now ? (int)((s->until - now + 999) / 1000) : 0;
}

/* What the line under the dots says: the wait counting down, else what
 * happened last, else a warning before the try that would start a wait. */
static void pin_status(const PinScreen *s, char *buf, size_t cap)
{
    const char *wrong = s->wrong ? "That PIN is not right. " : "";
    if (s->until)
        snprintf(buf, cap, "%sToo many wrong PINs: please wait %d s before trying again.", wrong,
                 pin_wait_left(s));
    else if (s->message[0])
        snprintf(buf, cap, "%s", s->message);
    else if (s->wrong_wait_s > 0)
        snprintf(buf, cap, "%sOne more wrong PIN and you will have to wait %lld s.", wrong,
                 (long long)s->wrong_wait_s);
    else
        snprintf(buf, cap, "%s", wrong);
}

/* A key of the pad; grey, its label muted, while the pad waits. */
static void pin_key(Ui *ui, SDL_Rect r, const char *label, bool ok, bool waiting)
{
    if (!waiting) {
        ui_button(ui, r, label, UI_FONT_HEADING, ok ? UI_STYLE_PRIMARY : UI_STYLE_SECONDARY);
        return;
    }
    ui_fill_rounded(ui, r, ui_mm(ui, 3.0f), (SDL_Color){214, 219, 222, 255});
    ui_text_centred(ui, UI_FONT_HEADING, label, r, ui_muted_colour);
}

static void pin_draw(void *state)
{
    PinScreen *s = state;
    Ui *ui = s->app->ui;
    /* The title tells a waiting pad apart, for whoever checks the screen. */
    ui_name_screen(ui, s->until ? "Therapist PIN, waiting" : "Therapist PIN");
    ui_clear(ui);
    ui_button(ui, s->cancel, "Cancel", UI_FONT_BODY, UI_STYLE_SECONDARY);
    const char *title = !s->setting   ? "Therapist PIN"
                        : s->first[0] ? "Enter the same PIN again"
                                      : "Choose a PIN for the therapist area";
    ui_text_box(ui, UI_FONT_HEADING, title, s->title, UI_ALIGN_CENTRE, 0, ui_text_colour);
    size_t n = strlen(s->entered);
    int dot = ui_mm(ui, 4.0f), gap = ui_mm(ui, 3.0f);
    int total = 8 * dot + 7 * gap;
    for (size_t i = 0; i < 8; i++) {
        SDL_Rect r = {(ui_width(ui) - total) / 2 + (int)i * (dot + gap), s->dots_y, dot, dot};
        ui_fill_rounded(ui, r, dot / 2, i < n ? ui_text_colour : (SDL_Color){220, 224, 228, 255});
    }
    char status[200];
    pin_status(s, status, sizeof status);
    ui_text_box(ui, UI_FONT_BODY, status, s->status, UI_ALIGN_CENTRE, UI_TEXT_WRAP,
                ui_muted_colour);
    static const char *const labels[PIN_KEYS] = {"1", "2", "3", "4",      "5", "6",
                                                 "7", "8", "9", "\u232b", "0", "OK"};
    for (int i = 0; i < PIN_KEYS; i++)
        pin_key(ui, s->key[i], labels[i], i == PIN_OK, s->until != 0);
}

/* Reads whether tries must wait (and for how long) and what a wrong next
 * try would start. Returns -1 with the message shown. */
static int pin_read_state(PinScreen *s)
{
    PinTime now = {.wall_s = (int64_t)time(NULL)};
    now.boot_s = timing_boot_s(now.boot_id, sizeof now.boot_id);
    int64_t wait_s = 0;
    if (store_pin_state(s->app->store, &now, &wait_s, &s->wrong_wait_s)) {
        snprintf(s->message, sizeof s->message, "%.150s", store_errmsg(s->app->store));
        return -1;
    }
    s->until = wait_s > 0 ? SDL_GetTicks64() + (Uint64)wait_s * 1000 : 0;
    return 0;
}

/* Handles OK: sets or checks the PIN. Returns true when the area opens. */
static bool pin_submit(PinScreen *s)
{
    AppContext *app = s->app;
    s->message[0] = '\0';
    s->wrong = false;
    if (store_pin_valid(s->entered)) {
        snprintf(s->message, sizeof s->message, "A PIN has 4 to 8 digits.");
        s->entered[0] = '\0';
        return false;
    }
    if (s->setting && !s->first[0]) {
        snprintf(s->first, sizeof s->first, "%s", s->entered);
        s->entered[0] = '\0';
        snprintf(s->message, sizeof s->message, "Enter it a second time, to be sure of it.");
        return false;
    }
    if (s->setting) {
        char pin[sizeof s->entered];
        snprintf(pin, sizeof pin, "%s", s->entered);
        bool same = strcmp(s->first, pin) == 0;
        s->first[0] = s->entered[0] = '\0';
        if (!same) {
            snprintf(s->message, sizeof s->message,
                     "The two PINs differ, so none was set. Please choose a PIN again.");
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
    s->message[0] = '\0';
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
    s->wrong = outcome == PIN_WRONG;
    pin_read_state(s);
    return false;
}

/* Asks for the PIN (or to set one on first use). While tries must wait
 * the pad is grey and takes no digits, and the wait counts down. Returns
 * SCENE_THERAPIST when it was right, SCENE_HOME on Cancel, SCENE_QUIT when
 * closing. */
static SceneId pin_screen(AppContext *app, bool setting)
{
    PinScreen s = {.app = app, .setting = setting};
    if (setting)
        snprintf(s.message, sizeof s.message,
                 "4 to 8 digits. You will enter it twice, to be sure of it.");
    else
        pin_read_state(&s);
    SceneScreen view = scene_screen(app->ui, &s, pin_relayout, pin_draw);
    for (;;) {
        /* While waiting, wake when the count shown goes down. */
        Uint64 now = SDL_GetTicks64();
        view.wake_ms = s.until > now ? now + (s.until - now) % 1000 + 1 : 0;
        UiInput in = scene_input(&view);
        if (s.until) {
            view.redraw = true;
            if (SDL_GetTicks64() >= s.until)
                pin_read_state(&s);
        }
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
                key = PIN_BACK;
            else if (in.key == SDLK_RETURN || in.key == SDLK_KP_ENTER)
                key = PIN_OK;
            else if (in.key == SDLK_ESCAPE)
                return SCENE_HOME;
        }
        if (key < 0 || s.until)
            continue; /* nothing, or the pad is waiting */
        if (key == PIN_BACK && n > 0)
            s.entered[n - 1] = '\0';
        else if (key == PIN_OK && pin_submit(&s))
            return SCENE_THERAPIST;
        else if (key != PIN_BACK && key != PIN_OK && n < 8) {
            s.entered[n] = (char)(key == 10 ? '0' : '1' + key);
            s.entered[n + 1] = '\0';
        }
        view.redraw = true;
    }
}

/* ---- first use: who sets the PIN ---- */

typedef struct SetupScreen {
    AppContext *app;
    FormLayout layout;
} SetupScreen;

static void setup_relayout(void *state)
{
    SetupScreen *q = state;
    FormSpec spec = {.rows = 0, .title = true, .note_lines = 6, .actions = true};
    q->layout = layout_form(q->app->ui, &spec);
}

static void setup_draw(void *state)
{
    SetupScreen *q = state;
    Ui *ui = q->app->ui;
    const FormLayout *l = &q->layout;
    ui_name_screen(ui, "Set up by a therapist");
    ui_clear(ui);
    int title_h = ui_line_height(ui, UI_FONT_HEADING);
    ui_text_box(ui, UI_FONT_HEADING, "Set up by a therapist?",
                (SDL_Rect){l->left, l->title_y, l->width, title_h}, UI_ALIGN_LEFT, 0,
                ui_text_colour);
    ui_text_box(ui, UI_FONT_BODY,
                "The therapist area holds the patient's prescription and data, behind a PIN. "
                "Whoever opens it first chooses that PIN, so it should be the therapist.\n"
                "If you are the patient, please tap Not now and ask your therapist to set it up.",
                l->note, UI_ALIGN_LEFT, UI_TEXT_WRAP, ui_text_colour);
    ui_button(ui, l->secondary, "Not now", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->primary, "I am the therapist", UI_FONT_BODY, UI_STYLE_PRIMARY);
}

/* Asks, before a PIN is first set, whether a therapist is setting it up.
 * Returns SCENE_THERAPIST to go on to the PIN, SCENE_HOME for not now,
 * SCENE_QUIT when closing. */
static SceneId setup_screen(AppContext *app)
{
    SetupScreen q = {.app = app};
    SceneScreen view = scene_screen(app->ui, &q, setup_relayout, setup_draw);
    for (;;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_QUIT)
            return SCENE_QUIT;
        if (scene_key(&in, SDLK_ESCAPE, SDLK_ESCAPE) || scene_pressed(&in, q.layout.secondary))
            return SCENE_HOME;
        if (scene_key(&in, SDLK_RETURN, SDLK_KP_ENTER) || scene_pressed(&in, q.layout.primary))
            return SCENE_THERAPIST;
    }
}

/* ---- a line of text: the patient's name or the therapist's notes ---- */

typedef struct TextScreen {
    AppContext *app;
    const char *title;
    char *text;
    size_t cap;
    SDL_Rect done, cancel, title_box, text_box;
    Keyboard keyboard;
} TextScreen;

static void text_relayout(void *state)
{
    TextScreen *t = state;
    Ui *ui = t->app->ui;
    int w = ui_width(ui), h = ui_height(ui);
    SDL_Rect bar = scene_top_bar(ui);
    SDL_Rect buttons[2];
    layout_bar_buttons(ui, bar, buttons, 2, w / 3);
    t->cancel = buttons[0];
    t->done = buttons[1];
    int margin = ui_mm(ui, 4.0f), gap = ui_mm(ui, 3.0f);
    int width = SDL_min(w - 2 * margin, ui_mm(ui, 150.0f)), left = (w - width) / 2;
    t->title_box = (SDL_Rect){ui_mm(ui, 4.0f), bar.y, t->cancel.x - ui_mm(ui, 7.0f), bar.h};
    int keys_h = keyboard_height(ui);
    SDL_Rect keys = {left, h - margin - keys_h, width, keys_h};
    keyboard_layout(&t->keyboard, ui, keys);
    int top = bar.y + bar.h + gap;
    t->text_box = (SDL_Rect){left, top, width, keys.y - gap - top};
}

static void text_draw(void *state)
{
    TextScreen *t = state;
    Ui *ui = t->app->ui;
    ui_name_screen(ui, t->title);
    ui_clear(ui);
    ui_button(ui, t->cancel, "Cancel", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, t->done, "Save", UI_FONT_BODY, UI_STYLE_PRIMARY);
    ui_text_box(ui, UI_FONT_HEADING, t->title, t->title_box, UI_ALIGN_LEFT, UI_TEXT_MIDDLE,
                ui_text_colour);
    int pad = ui_mm(ui, 3.0f);
    ui_fill_rounded(ui, t->text_box, ui_mm(ui, 2.0f), (SDL_Color){255, 255, 255, 255});
    char shown[STORE_NOTES_MAX + 8];
    snprintf(shown, sizeof shown, "%s|", t->text);
    SDL_Rect inner = {t->text_box.x + pad, t->text_box.y + pad, t->text_box.w - 2 * pad,
                      t->text_box.h - 2 * pad};
    ui_text_box(ui, UI_FONT_BODY, shown, inner, UI_ALIGN_LEFT, UI_TEXT_WRAP | UI_TEXT_TAIL,
                ui_text_colour);
    keyboard_draw(&t->keyboard, ui);
}

/* Edits text (cap bytes) with the on-screen keyboard or a keyboard.
 * Returns true when saved, false on Cancel; *quit when closing. */
static bool text_screen(AppContext *app, const char *title, char *text, size_t cap, bool *quit)
{
    char *edited = calloc(1, cap);
    if (!edited)
        return false;
    snprintf(edited, cap, "%s", text);
    TextScreen t = {.app = app, .title = title, .text = edited, .cap = cap};
    t.keyboard.shift = !edited[0];
    SceneScreen view = scene_screen(app->ui, &t, text_relayout, text_draw);
    SDL_StartTextInput();
    bool saved = false;
    for (bool done = false; !done;) {
        UiInput in = scene_input(&view);
        if (in.kind == UI_INPUT_TEXT) {
            /* Whole events only, so a character is never cut in two. A
             * keyboard's own shift was used: the on-screen one is off. */
            size_t n = strlen(edited), add = strlen(in.text);
            if (n + add < cap && utf8_valid(in.text)) {
                memcpy(edited + n, in.text, add + 1);
                t.keyboard.shift = false;
                view.redraw = true;
            }
        } else if (in.kind == UI_INPUT_QUIT) {
            *quit = true;
            done = true;
        } else if (scene_key(&in, SDLK_BACKSPACE, SDLK_BACKSPACE)) {
            keyboard_backspace(&t.keyboard, edited);
            view.redraw = true;
        } else if (scene_key(&in, SDLK_RETURN, SDLK_KP_ENTER) || scene_pressed(&in, t.done)) {
            saved = done = true;
        } else if (scene_key(&in, SDLK_ESCAPE, SDLK_ESCAPE) || scene_pressed(&in, t.cancel)) {
            done = true;
        } else if (in.kind == UI_INPUT_PRESS &&
                   keyboard_press(&t.keyboard, in.x, in.y, edited, cap)) {
            view.redraw = true;
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
    ui_name_screen(ui, "Backup");
    ui_clear(ui);
    ui_button(ui, l->bar_button[0], "Cancel", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_text_box(ui, UI_FONT_HEADING, "Where should the backup go?",
                (SDL_Rect){l->left, l->title_y, l->width, ui_line_height(ui, UI_FONT_HEADING)},
                UI_ALIGN_LEFT, 0, ui_text_colour);
    for (int r = 0; r < b->n; r++) {
        SDL_Rect label = {l->label_x, l->row_label_y[r], l->width,
                          l->choice[r][0].y - l->row_label_y[r]};
        ui_text_box(ui, UI_FONT_BODY, b->place[r].folder, label, UI_ALIGN_LEFT, 0, ui_muted_colour);
        char button[96];
        snprintf(button, sizeof button, "Back up to %s", b->place[r].name);
        ui_button(ui, l->choice[r][0], button, UI_FONT_BODY, UI_STYLE_PRIMARY);
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

/* "Last backup: 29 November 2026, 20:31", or "No backup yet", into buf. */
static void describe_last_backup(Store *store, char *buf, size_t cap)
{
    char when[40] = "", words[PROGRESS_WORDS_MAX];
    if (store_note_get(store, STORE_NOTE_LAST_BACKUP, when, sizeof when) ||
        progress_stamp_words(when, words))
        snprintf(buf, cap, "No backup yet");
    else
        snprintf(buf, cap, "Last backup: %s", words);
}

/* Asks where a backup of every profile's data should go (the area's Data
 * row already says when the last one was made); a tap writes it there.
 * Returns SCENE_QUIT when closing, else SCENE_THERAPIST. */
static SceneId backup_screen(AppContext *app, char *message, size_t cap)
{
    BackupScreen b = {.app = app};
    static const char *const removable[] = {"/media", "/run/media"};
    b.n = review_backup_places(removable, 2, b.place, BACKUP_PLACES);
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
    char last_backup[96];   /* shown beside Back up */
    char device[800];       /* the prescription on the patient's device, where it differs */
    Row rows[ROWS_PER_TAB]; /* the tab's */
    int nrows;
} AreaScreen;

static void area_relayout(void *state)
{
    AreaScreen *a = state;
    int choices[ROWS_PER_TAB];
    a->nrows = tab_rows(a->app, a->tab, a->rows);
    for (int r = 0; r < a->nrows; r++)
        choices[r] = a->rows[r].n;
    a->layout = layout_area(a->app->ui, a->nrows, choices);
}

static void area_draw(void *state)
{
    AreaScreen *a = state;
    AppContext *app = a->app;
    Ui *ui = app->ui;
    const FormLayout *l = &a->layout;
    char name[64];
    snprintf(name, sizeof name, "Therapist, %s", tab_names[a->tab]);
    ui_name_screen(ui, name);
    ui_clear(ui);
    /* The area's name, and under it whose details these are. */
    char who[120];
    snprintf(who, sizeof who, "Patient: %s%s", app->profile.name,
             app->profile.archived ? " (archived)" : "");
    int margin = ui_mm(ui, 4.0f), gap = ui_mm(ui, 2.0f);
    int small = SDL_min(ui_line_height(ui, UI_FONT_SMALL), l->bar.h * 2 / 5);
    int body = SDL_min(ui_line_height(ui, UI_FONT_BODY), l->bar.h - small);
    SDL_Rect line = {margin, l->bar.y + (l->bar.h - small - body) / 2,
                     l->bar_button[0].x - margin - ui_mm(ui, 3.0f), small};
    ui_text_box(ui, UI_FONT_SMALL, "Therapist area", line, UI_ALIGN_LEFT, 0, ui_muted_colour);
    line.y += small;
    line.h = body;
    ui_text_box(ui, UI_FONT_BODY, who, line, UI_ALIGN_LEFT, 0, ui_text_colour);
    ui_button(ui, l->bar_button[0], "Progress", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->bar_button[1], "Report", UI_FONT_BODY, UI_STYLE_SECONDARY);
    ui_button(ui, l->bar_button[2], "Done", UI_FONT_BODY, UI_STYLE_PRIMARY);
    /* Five tabs share the width: their names in the small font. */
    for (int t = 0; t < TABS; t++)
        ui_button(ui, l->tab[t], tab_names[t], UI_FONT_SMALL,
                  t == a->tab ? UI_STYLE_SELECTED : UI_STYLE_SECONDARY);
    int rows = a->nrows;
    for (int r = 0; r < rows; r++) {
        const Row *row = &a->rows[r];
        SDL_Rect first = l->choice[r][0], last = l->choice[r][row->n - 1];
        ui_text_box(ui, UI_FONT_BODY, row->label,
                    (SDL_Rect){l->label_x, first.y, first.x - gap - l->label_x, first.h},
                    UI_ALIGN_LEFT, UI_TEXT_WRAP | UI_TEXT_MIDDLE, ui_text_colour);
        int value = get_row(app, row);
        for (int c = 0; c < row->n; c++) {
            const char *label = row->kind == ROW_ACTIONS && row->values[c] == ACTION_ARCHIVE &&
                                        app->profile.archived
                                    ? "Unarchive"
                                    : row->labels[c];
            ui_button(ui, l->choice[r][c], label, UI_FONT_BODY,
                      row_chosen(row, value, row->values[c]) ? UI_STYLE_SELECTED
                                                             : UI_STYLE_SECONDARY);
        }
        if (row->kind == ROW_BACKUP)
            ui_text_box(ui, UI_FONT_BODY, a->last_backup,
                        (SDL_Rect){last.x + last.w + gap, last.y,
                                   l->left + l->width - (last.x + last.w + gap), last.h},
                        UI_ALIGN_LEFT, UI_TEXT_WRAP | UI_TEXT_MIDDLE, ui_muted_colour);
    }
    /* The notices under the rows, down to the window's bottom margin. */
    int y = (rows > 0 ? l->choice[rows - 1][0].y + l->choice[rows - 1][0].h : l->bar.h) +
            ui_mm(ui, 3.0f);
    int bottom = ui_height(ui) - ui_mm(ui, 3.0f);
    for (int r = 0; r < rows; r++) {
        const char *note = chosen_note(&a->rows[r], get_row(app, &a->rows[r]));
        SDL_Rect box = {l->left, y, l->width, ui_line_height(ui, UI_FONT_SMALL)};
        if (note)
            y += ui_text_box(ui, UI_FONT_SMALL, note, box, UI_ALIGN_LEFT, 0, ui_muted_colour) +
                 ui_mm(ui, 2.0f);
    }
    if (a->tab == TAB_PATIENT && a->device[0])
        y += scene_draw_notice_in(ui, a->device, (SDL_Rect){l->left, y, l->width, bottom - y}) +
             ui_mm(ui, 2.0f);
    if (a->tab == TAB_IMAGERY || a->tab == TAB_MIRROR || a->tab == TAB_TOUCH) {
        char status[600];
        target_status(app,
                      a->tab == TAB_IMAGERY  ? MODE_IMAGERY
                      : a->tab == TAB_MIRROR ? MODE_MIRROR
                                             : MODE_TOUCH,
                      status, sizeof status);
        if (a->tab == TAB_TOUCH)
            touch_status(app, status, sizeof status);
        y += scene_draw_notice_in(ui, status, (SDL_Rect){l->left, y, l->width, bottom - y}) +
             ui_mm(ui, 2.0f);
    }
    const char *shown = a->message[0] ? a->message : app->profile.notes;
    scene_draw_notice_in(ui, shown, (SDL_Rect){l->left, y, l->width, bottom - y});
}

/* Saves the profile and prescription; a failure is shown on the screen. */
static void area_save(AreaScreen *a)
{
    AppContext *app = a->app;
    if (store_profile_update(app->store, &app->profile) ||
        store_prescription_save(app->store, app->profile.id, &app->prescription))
        snprintf(a->message, sizeof a->message, "Not saved: %.500s", store_errmsg(app->store));
}

/* Adds a patient under the name typed (nothing on Cancel or a name in
 * use) and shows their details. Returns true when closing. */
static bool area_new_profile(AreaScreen *a)
{
    AppContext *app = a->app;
    char name[CLI_PROFILE_MAX + 1] = "", now[32];
    bool quit = false, found = false;
    if (!text_screen(app, "New patient's name", name, sizeof name, &quit))
        return quit;
    StoreProfile existing;
    timing_iso8601(now, sizeof now);
    if (cli_check_profile_name(name))
        snprintf(a->message, sizeof a->message,
                 "A name has 1 to %d characters; no patient was added.", CLI_PROFILE_MAX);
    else if (store_profile_find(app->store, name, &existing, &found))
        snprintf(a->message, sizeof a->message, "No patient added: %.500s",
                 store_errmsg(app->store));
    else if (found)
        snprintf(a->message, sizeof a->message,
                 "There is already a patient called '%s'%s; no patient was added.", name,
                 existing.archived ? " (archived: Switch, then Archived, shows them)" : "");
    else if (store_profile_open(app->store, name, now, &existing))
        snprintf(a->message, sizeof a->message, "No patient added: %.500s",
                 store_errmsg(app->store));
    else {
        app->profile = existing;
        app->prescription = prescription_default();
        scene_apply_text_size(app);
        snprintf(a->message, sizeof a->message,
                 "'%s' was added. Set the affected limbs and side, and the stage, here.", name);
    }
    return false;
}

/* How many profiles other than the one open are not archived (-1 with the
 * message shown when they cannot be read). */
static int area_others_active(AreaScreen *a)
{
    StoreProfile *all = NULL;
    size_t n = 0;
    if (store_profile_list(a->app->store, &all, &n)) {
        snprintf(a->message, sizeof a->message, "%.500s", store_errmsg(a->app->store));
        return -1;
    }
    int others = 0;
    for (size_t i = 0; i < n; i++)
        others += !all[i].archived && all[i].id != a->app->profile.id;
    free(all);
    return others;
}

/* Archives the patient open, or shows an archived one again. The last
 * patient not archived stays: the trainer always has someone to open. */
static void area_archive(AreaScreen *a)
{
    StoreProfile *p = &a->app->profile;
    if (!p->archived) {
        int others = area_others_active(a);
        if (others < 0)
            return;
        if (others == 0) {
            snprintf(a->message, sizeof a->message,
                     "'%s' is the only patient not archived, so stays: add another first.",
                     p->name);
            return;
        }
    }
    p->archived = !p->archived;
    area_save(a);
    if (a->message[0])
        p->archived = !p->archived;
    else if (p->archived)
        snprintf(a->message, sizeof a->message,
                 "'%s' is archived: left out of Who is practising, with all their data kept "
                 "(exports and reports include it). Unarchive shows them again; so does Switch, "
                 "then Archived.",
                 p->name);
    else
        snprintf(a->message, sizeof a->message, "'%s' is shown in Who is practising again.",
                 p->name);
}

/* Handles the buttons of the patient's rows. Returns a scene to go to, or
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
        quit = area_new_profile(a);
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
    case ACTION_IMPORT:
        quit = scene_import(app, a->message, sizeof a->message) == SCENE_QUIT;
        importing_device_line(app->store, app->profile.id, a->device, sizeof a->device);
        break;
    case ACTION_ARCHIVE:
        area_archive(a);
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
                            app->norms, app->ladder, path, app->db_path, err, sizeof err))
        snprintf(a->message, sizeof a->message, "The report could not be written: %.500s", err);
    else
        snprintf(a->message, sizeof a->message, "The report was saved as %.500s", path);
}

/* On leaving with an archived patient open: the one patient left, else
 * the choice of who is practising. */
static SceneId area_leave_archived(AreaScreen *a)
{
    StoreProfile *all = NULL, *only = NULL;
    size_t n = 0;
    int active = 0;
    if (store_profile_list(a->app->store, &all, &n) == 0)
        for (size_t i = 0; i < n; i++)
            if (!all[i].archived) {
                active++;
                only = &all[i];
            }
    SceneId next = SCENE_PROFILES;
    if (active == 1 && scene_open_profile(a->app, only) == 0)
        next = SCENE_HOME;
    free(all);
    return next;
}

SceneId scene_therapist(AppContext *app)
{
    if (!app->therapist) {
        bool exists = false;
        if (store_pin_exists(app->store, &exists)) {
            snprintf(app->notice, sizeof app->notice, "%s", store_errmsg(app->store));
            return SCENE_HOME;
        }
        SceneId next = exists ? SCENE_THERAPIST : setup_screen(app);
        if (next == SCENE_THERAPIST)
            next = pin_screen(app, !exists);
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
    importing_device_line(app->store, app->profile.id, a.device, sizeof a.device);
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
        for (int r = 0; r < a.nrows; r++) {
            const Row *row = &a.rows[r];
            for (int c = 0; c < row->n; c++) {
                if (!ui_hit(l->choice[r][c], in.x, in.y))
                    continue;
                if (row->kind == ROW_ACTIONS || row->kind == ROW_BACKUP) {
                    SceneId next =
                        area_action(&a, row->kind == ROW_BACKUP ? ACTION_BACKUP : row->values[c]);
                    if (next != SCENE_THERAPIST)
                        return next;
                    /* Back from the name, notes or backup screen: the
                     * area comes up again, guarded as any screen. */
                    view.fresh = true;
                } else {
                    set_row(app, row, row->values[c]);
                    a.message[0] = '\0';
                    area_save(&a);
                    if (row->field == prescription_field_find("text_size")) {
                        scene_apply_text_size(app);
                        area_relayout(&a);
                    }
                }
            }
        }
    }
    /* Leaving locks the area again. */
    app->therapist = false;
    return app->profile.archived ? area_leave_archived(&a) : SCENE_HOME;
}
