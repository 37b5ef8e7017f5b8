/* libFuzzer target: the exercise catalogue parser on arbitrary bytes, and a
 * short mirror session over whatever it accepts (frame arithmetic with any
 * frame count and cycle length the parser lets through). */
#include <stddef.h>
#include <stdint.h>

#include "exercises.h"
#include "mirror.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run_session(const Exercises *ex, Limb limb)
{
    MirrorSettings s = mirror_settings_default();
    s.limb = limb;
    s.minutes = 1;
    s.pace = MIRROR_PACE_NORMAL;
    char err[256];
    Mirror *m = mirror_create(ex, &s, err, sizeof err);
    if (!m)
        return;
    mirror_start(m, 0);
    for (int64_t t = 0; mirror_phase(m) != MIRROR_DONE; t += 97000000) {
        mirror_advance(m, t);
        MirrorFrame f = mirror_frame(m, t);
        const Exercise *e = mirror_exercise(m);
        if (e && (f.frame < 0 || f.frame >= e->frames || f.next < 0 || f.next >= e->frames ||
                  f.blend < 0.0 || f.blend >= 1.0))
            __builtin_trap();
        (void)mirror_beat(m, t);
    }
    mirror_destroy(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    Exercises *ex = exercises_parse((const char *)data, size, "fuzz", err, sizeof err);
    for (size_t i = 0; ex && i < exercises_count(ex); i++) {
        const Exercise *e = exercises_get(ex, i);
        char path[EXERCISE_PATH_MAX];
        if (exercises_find(ex, e->id) != (long)i ||
            exercises_frame_path(e, e->frames - 1, path, sizeof path) != 0)
            __builtin_trap();
    }
    if (ex) {
        run_session(ex, LIMB_HAND);
        run_session(ex, LIMB_FOOT);
    }
    exercises_destroy(ex);
    return 0;
}
