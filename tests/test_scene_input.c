/* Which input a screen that has just come up drops as too soon
 * (scene_too_soon): taps, clicks, keys and text for SCENE_GUARD_MS after
 * it came up, or queued before it; never closing the window or Escape. */

#include "check.h"
#include "scenes.h"

int main(void)
{
    const Uint32 shown = 100000;
    static const struct {
        UiInputKind kind;
        SDL_Keycode key;
        Sint32 after_ms; /* when the input came, from shown */
        bool too_soon;
    } cases[] = {
        {UI_INPUT_PRESS, 0, 100, true},
        {UI_INPUT_PRESS, 0, SCENE_GUARD_MS - 1, true},
        {UI_INPUT_PRESS, 0, SCENE_GUARD_MS, false},
        {UI_INPUT_PRESS, 0, 600, false},
        {UI_INPUT_PRESS, 0, -40, true}, /* queued before the screen came up */
        {UI_INPUT_PRESS, 0, -100000, true},
        {UI_INPUT_KEY, SDLK_RETURN, 100, true},
        {UI_INPUT_KEY, SDLK_LEFT, -5, true},
        {UI_INPUT_KEY, SDLK_RETURN, 600, false},
        {UI_INPUT_TEXT, 0, 100, true},
        {UI_INPUT_TEXT, 0, 600, false},
        {UI_INPUT_KEY, SDLK_ESCAPE, 0, false},
        {UI_INPUT_KEY, SDLK_ESCAPE, -40, false},
        {UI_INPUT_QUIT, 0, 0, false},
        {UI_INPUT_QUIT, 0, -40, false},
        {UI_INPUT_REDRAW, 0, 0, false},
        {UI_INPUT_NONE, 0, 0, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        UiInput in = {.kind = cases[i].kind, .key = cases[i].key};
        in.ms = shown + (Uint32)cases[i].after_ms;
        CHECK_MSG(scene_too_soon(&in, shown) == cases[i].too_soon, "case %zu", i);
    }
    /* SDL's millisecond count wraps after 49 days: the time since the
     * screen came up still counts across the wrap. */
    UiInput wrapped = {.kind = UI_INPUT_PRESS, .ms = 300};
    CHECK(!scene_too_soon(&wrapped, 0xFFFFFFFFu - 400));
    wrapped.ms = 50;
    CHECK(scene_too_soon(&wrapped, 0xFFFFFFFFu - 100));
    return check_exit();
}
