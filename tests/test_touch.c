/* Touch practice: the ladder file, the session's state machine on a fake
 * clock, the instructions and the progression rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "norms.h"
#include "norms_fixture.h"
#include "touch.h"

#define S 1000000000LL
#define MIN (60 * S)

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void test_shipped_ladder(void)
{
    size_t len;
    char *text = read_file(GMI_SOURCE_DIR "/data/touch-ladder.csv", &len);
    CHECK(text);
    if (!text)
        return;
    char err[256] = "";
    TouchLadder *l = touch_ladder_parse(text, len, "touch-ladder.csv", err, sizeof err);
    CHECK_MSG(l, "%s", err);
    if (l) {
        CHECK(touch_ladder_steps(l) >= 6);
        /* Soft first, and everyday items belong to their own limb. */
        CHECK(touch_ladder_rung(l, LIMB_HAND, 1)->minutes == 1);
        CHECK(touch_ladder_rung(l, LIMB_FOOT, 1)->how == TOUCH_LIGHT);
        CHECK(!strcmp(touch_ladder_rung(l, LIMB_FOOT, 8)->id, "sock"));
        CHECK(!strcmp(touch_ladder_rung(l, LIMB_HAND, 8)->id, "glove"));
        /* Each rung's picture, shared where the texture is the same. */
        CHECK(!strcmp(touch_ladder_rung(l, LIMB_HAND, 8)->icon, "glove.png"));
        CHECK(!strcmp(touch_ladder_rung(l, LIMB_FOOT, 1)->icon, "cotton-wool.png"));
        CHECK(!strcmp(touch_ladder_rung(l, LIMB_FOOT, 2)->icon, "cotton-wool.png"));
        /* Every picture the ladder names is in assets/touch/. */
        for (int limb = 0; limb < 2; limb++)
            for (int step = 1; step <= touch_ladder_steps(l); step++) {
                char path[512];
                snprintf(path, sizeof path, GMI_SOURCE_DIR "/assets/touch/%s",
                         touch_ladder_rung(l, (Limb)limb, step)->icon);
                FILE *f = fopen(path, "rb");
                CHECK_MSG(f != NULL, "%s is missing", path);
                if (f)
                    fclose(f);
            }
        CHECK(touch_ladder_rung(l, LIMB_HAND, 0) == NULL);
        CHECK(touch_ladder_rung(l, LIMB_HAND, touch_ladder_steps(l) + 1) == NULL);
    }
    touch_ladder_destroy(l);
    free(text);
}

static void test_bad_ladders(void)
{
#define HEAD "step,id,limb,texture,how,minutes,icon\n"
    static const struct {
        const char *text, *why;
    } bad[] = {
        {HEAD, "no step"},
        {HEAD "1,a,both,silk,rub,1,silk.png\n", "how must be"},
        {HEAD "1,a,both,silk,touch,0,silk.png\n", "minutes must be"},
        {HEAD "1,a,arm,silk,touch,1,silk.png\n", "limb must be"},
        {HEAD "1,a,both,silk,touch,1,silk.png\n1,b,hand,wool,touch,1,wool.png\n", "listed twice"},
        {HEAD "1,a,both,silk,touch,1,silk.png\n2,b,hand,wool,touch,1,wool.png\n",
         "step 2 is missing for the foot"},
        {HEAD "1,A,both,silk,touch,1,silk.png\n", "id must be"},
        /* The picture: a plain .png file name, never a path out of assets/touch/. */
        {"step,id,limb,texture,how,minutes\n1,a,both,silk,touch,1\n", "the first line"},
        {HEAD "1,a,both,silk,touch,1\n", "x.csv:2:"},
        {HEAD "1,a,both,silk,touch,1,\n", "icon must be"},
        {HEAD "1,a,both,silk,touch,1,.png\n", "icon must be"},
        {HEAD "1,a,both,silk,touch,1,silk\n", "icon must be"},
        {HEAD "1,a,both,silk,touch,1,silk.jpg\n", "icon must be"},
        {HEAD "1,a,both,silk,touch,1,../silk.png\n", "icon must be"},
        {HEAD "1,a,both,silk,touch,1,touch/silk.png\n", "icon must be"},
        {HEAD "1,a,both,silk,touch,1,/etc/silk.png\n", "icon must be"},
        {HEAD "1,a,both,silk,touch,1,Silk.png\n", "icon must be"},
        {HEAD "1,a,both,silk,touch,1,silk scarf.png\n", "icon must be"},
        {HEAD "1,a,both,silk,touch,1,a-very-long-name-for-a-silk-scarf-12.png\n", "icon must be"},
    };
#undef HEAD
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char err[256] = "";
        TouchLadder *l =
            touch_ladder_parse(bad[i].text, strlen(bad[i].text), "x.csv", err, sizeof err);
        CHECK_MSG(!l && strstr(err, bad[i].why), "case %zu: %s", i, err);
        touch_ladder_destroy(l);
    }
    /* The longest name that fits: 35 bytes and ".png" (the case above has 36). */
    const char longest[] = "step,id,limb,texture,how,minutes,icon\n"
                           "1,a,both,silk,touch,1,a-very-long-name-for-a-silk-scarf-1.png\n";
    char err[256] = "";
    TouchLadder *l = touch_ladder_parse(longest, strlen(longest), "x.csv", err, sizeof err);
    CHECK_MSG(l && !strcmp(touch_ladder_rung(l, LIMB_HAND, 1)->icon,
                           "a-very-long-name-for-a-silk-scarf-1.png"),
              "%s", err);
    touch_ladder_destroy(l);
}

static const char small[] = "step,id,limb,texture,how,minutes,icon\n"
                            "1,cotton,both,cotton wool,touch,1,cotton-wool.png\n"
                            "2,brush,both,soft brush,stroke,3,brush.png\n"
                            "3,rice,both,bowl of dry rice,immerse,4,rice.png\n";

static void test_instruction_and_plan(void)
{
    char err[256];
    TouchLadder *l = touch_ladder_parse(small, strlen(small), "small", err, sizeof err);
    CHECK(l);
    if (!l)
        return;
    char text[TOUCH_INSTRUCTION_MAX];
    touch_instruction(touch_ladder_rung(l, LIMB_FOOT, 2), LIMB_FOOT, SIDE_LEFT, text, sizeof text);
    CHECK_MSG(!strcmp(text, "Stroke your left foot and lower leg gently with the soft brush, "
                            "from your toes up to your knee."),
              "%s", text);
    touch_instruction(touch_ladder_rung(l, LIMB_HAND, 3), LIMB_HAND, SIDE_RIGHT, text, sizeof text);
    CHECK_MSG(!strcmp(text, "Put your right hand in the bowl of dry rice and move it slowly."),
              "%s", text);

    TouchStep plan[2];
    CHECK(touch_plan(l, LIMB_HAND, 1, 0, plan) == 1);
    CHECK(plan[0].duration_ns == 1 * MIN && !strcmp(plan[0].rung.id, "cotton"));
    /* A warm-up minute with the rung below, then the prescribed rung. */
    CHECK(touch_plan(l, LIMB_HAND, 2, 0, plan) == 2);
    CHECK(!strcmp(plan[0].rung.id, "cotton") && plan[0].duration_ns == MIN);
    CHECK(!strcmp(plan[1].rung.id, "brush") && plan[1].duration_ns == 3 * MIN);
    CHECK(!strcmp(plan[0].rung.icon, "cotton-wool.png") && !strcmp(plan[1].rung.icon, "brush.png"));
    /* The prescription's minutes override the rung's; a step past the top is the top. */
    CHECK(touch_plan(l, LIMB_FOOT, 9, 5, plan) == 2);
    CHECK(!strcmp(plan[1].rung.id, "rice") && plan[1].duration_ns == 5 * MIN);
    touch_ladder_destroy(l);
}

static TouchStep step_of(const char *id, int64_t ns)
{
    TouchStep s = {.duration_ns = ns};
    snprintf(s.rung.id, sizeof s.rung.id, "%s", id);
    return s;
}

static void test_session_runs_and_rates(void)
{
    TouchStep steps[2] = {step_of("a", MIN), step_of("b", 2 * MIN)};
    char err[128];
    Touch *t = touch_create(steps, 2, err, sizeof err);
    CHECK(t);
    int64_t t0 = 1000 * S;
    touch_start(t, t0);
    CHECK(touch_phase(t) == TOUCH_PHASE_STEP);
    CHECK(touch_deadline(t) == t0 + MIN);
    CHECK(touch_remaining_ns(t, t0 + 20 * S) == 40 * S);
    touch_advance(t, t0 + 59 * S);
    CHECK(touch_phase(t) == TOUCH_PHASE_STEP);
    /* A late call ends the step at its deadline; discomfort is asked. */
    touch_advance(t, t0 + 65 * S);
    CHECK(touch_phase(t) == TOUCH_PHASE_RATE);
    CHECK(touch_deadline(t) == TOUCH_NO_DEADLINE);
    size_t n;
    touch_records(t, &n);
    CHECK(n == 0); /* stored only once rated */
    touch_rate(t, 11, t0 + 70 * S);
    CHECK(touch_phase(t) == TOUCH_PHASE_RATE);
    touch_rate(t, 2, t0 + 70 * S);
    const TouchRecord *r = touch_records(t, &n);
    CHECK(n == 1 && r[0].discomfort == 2 && r[0].completed && r[0].held_ns == MIN);
    CHECK(touch_phase(t) == TOUCH_PHASE_STEP && touch_position(t) == 1);
    CHECK(touch_deadline(t) == t0 + 70 * S + 2 * MIN);
    /* Pause freezes the countdown. */
    touch_pause(t, t0 + 100 * S);
    CHECK(touch_phase(t) == TOUCH_PHASE_PAUSED && touch_deadline(t) == TOUCH_NO_DEADLINE);
    CHECK(touch_remaining_ns(t, t0 + 500 * S) == 90 * S);
    touch_resume(t, t0 + 1000 * S);
    CHECK(touch_deadline(t) == t0 + 1090 * S);
    touch_advance(t, t0 + 1090 * S);
    touch_rate(t, -1, t0 + 1100 * S); /* skipped */
    r = touch_records(t, &n);
    CHECK(n == 2 && r[1].discomfort == -1 && r[1].held_ns == 2 * MIN && r[1].completed);
    CHECK(touch_phase(t) == TOUCH_PHASE_DONE && !touch_stopped_early(t));
    CHECK(touch_current(t) == NULL);
    touch_destroy(t);
}

static void test_stop(void)
{
    TouchStep steps[2] = {step_of("a", MIN), step_of("b", MIN)};
    char err[128];
    Touch *t = touch_create(steps, 2, err, sizeof err);
    touch_start(t, 0);
    touch_pause(t, 10 * S);
    touch_stop(t, 50 * S); /* paused time does not count */
    size_t n;
    const TouchRecord *r = touch_records(t, &n);
    CHECK(n == 1 && !r[0].completed && r[0].held_ns == 10 * S && r[0].discomfort == -1);
    CHECK(touch_phase(t) == TOUCH_PHASE_DONE && touch_stopped_early(t));
    touch_stop(t, 60 * S);
    touch_records(t, &n);
    CHECK(n == 1);

    /* Stopped while discomfort is asked: the step was done, unrated. */
    touch_start(t, 0);
    touch_advance(t, MIN);
    touch_stop(t, MIN + S);
    r = touch_records(t, &n);
    CHECK(n == 1 && r[0].completed && r[0].discomfort == -1 && touch_stopped_early(t));
    touch_destroy(t);

    CHECK(touch_create(steps, 0, err, sizeof err) == NULL);
    steps[1].duration_ns = 0;
    CHECK(touch_create(steps, 2, err, sizeof err) == NULL && strstr(err, "step 2"));
}

/* The shipped rule's numbers: up after 3 in a row at 3 or less, down at 7. */
static const TouchRule rule = {3, 3, 7};

static void test_progress(void)
{
    const TouchOutcome good = {4, true, false, 2};
    TouchOutcome h[6] = {good, good, good};
    CHECK(touch_progress(h, 3, 4, 12, &rule) == 5);
    CHECK(touch_progress(h, 2, 4, 12, &rule) == 4);
    CHECK(touch_progress(h, 3, 12, 12, &rule) == 12); /* the top stays */
    /* Unrated and unfinished sessions count neither way. */
    TouchOutcome mixed[5] = {good, {4, true, false, -1}, good, {4, false, false, 1}, good};
    CHECK(touch_progress(mixed, 5, 4, 12, &rule) == 5);
    /* A session above the threshold, or at another step, breaks the run. */
    TouchOutcome broken[4] = {good, {4, true, false, 4}, good, good};
    CHECK(touch_progress(broken, 4, 4, 12, &rule) == 4);
    TouchOutcome other[3] = {{3, true, false, 0}, good, good};
    CHECK(touch_progress(other, 3, 4, 12, &rule) == 4);
    /* A flare steps down at once. */
    TouchOutcome flare[4] = {good, good, good, {4, false, true, -1}};
    CHECK(touch_progress(flare, 4, 4, 12, &rule) == 3);
    flare[3] = (TouchOutcome){4, true, false, 7};
    CHECK(touch_progress(flare, 4, 4, 12, &rule) == 3);
    flare[3].discomfort = 6; /* above the run's limit, below a flare */
    CHECK(touch_progress(flare, 4, 4, 12, &rule) == 4);
    flare[3] = (TouchOutcome){1, true, false, 7};
    CHECK(touch_progress(flare, 4, 1, 12, &rule) == 1);
    CHECK(touch_progress(NULL, 0, 2, 12, &rule) == 2);
}

/* The rule's numbers come from data/norms.csv: the same sessions, read
 * with other numbers there, move the step otherwise. */
static void test_rule_from_norms(void)
{
    char err[256] = "", text[2048];
    Norms shipped, changed;
    CHECK_MSG(norms_parse(norms_text, strlen(norms_text), "n.csv", &shipped, err, sizeof err) == 0,
              "%s", err);
    CHECK(shipped.touch.up_sessions == 3 && shipped.touch.up_discomfort == 3 &&
          shipped.touch.flare_discomfort == 7);
    /* Up after 2 sessions at 4 or less; a flare only from 9. */
    const char *at = strstr(norms_text, "touch_up_sessions");
    snprintf(text, sizeof text,
             "%.*stouch_up_sessions,2,X\ntouch_up_discomfort,4,X\ntouch_flare_discomfort,9,X\n",
             (int)(at - norms_text), norms_text);
    CHECK_MSG(norms_parse(text, strlen(text), "n.csv", &changed, err, sizeof err) == 0, "%s", err);
    const TouchOutcome fours[2] = {{4, true, false, 4}, {4, true, false, 4}};
    CHECK(touch_progress(fours, 2, 4, 12, &shipped.touch) == 4);
    CHECK(touch_progress(fours, 2, 4, 12, &changed.touch) == 5);
    const TouchOutcome eight[1] = {{4, true, false, 8}};
    CHECK(touch_progress(eight, 1, 4, 12, &shipped.touch) == 3);
    CHECK(touch_progress(eight, 1, 4, 12, &changed.touch) == 4);
    char words[TOUCH_WORDS_MAX];
    touch_progress_words(fours, 1, 4, 12, &changed.touch, words, sizeof words);
    CHECK_MSG(strcmp(words, "Step 4 of 12: 1 of the 2 sessions in a row with discomfort 4 or less "
                            "(of 10) that move it up.") == 0,
              "'%s'", words);
    touch_progress_words(eight, 1, 4, 12, &changed.touch, words, sizeof words);
    CHECK_MSG(strncmp(words, "Step 4 of 12: 0 of the 2", 24) == 0, "'%s'", words);
}

/* Where the rule stands, in words, counted as the rule counts. */
static void test_progress_words(void)
{
    const TouchOutcome good = {4, true, false, 2};
    const TouchOutcome mixed[5] = {good, {4, true, false, -1}, good, {4, false, false, 1}, good};
    const TouchOutcome hurt[2] = {good, {4, false, true, -1}};
    const TouchOutcome high[1] = {{4, true, false, 8}};
    const TouchOutcome moved[3] = {good, good, good};
    const struct {
        const TouchOutcome *recent;
        size_t n;
        int step;
        const char *words;
    } cases[] = {
        {NULL, 0, 1, "No touch practice yet: step 1 of 12 is next."},
        {mixed, 2, 4,
         "Step 4 of 12: 1 of the 3 sessions in a row with discomfort 3 or less (of 10) that move "
         "it up."},
        {mixed, 5, 4,
         "Step 4 of 12: 3 of the 3 sessions in a row with discomfort 3 or less (of 10) that move "
         "it up."},
        {moved, 3, 5,
         "Step 5 of 12: 0 of the 3 sessions in a row with discomfort 3 or less (of 10) that move "
         "it up."},
        {hurt, 2, 3,
         "The last session was a flare (stopped because it hurt): step 3 of 12 is next."},
        {high, 1, 3, "The last session was a flare (discomfort 8 of 10): step 3 of 12 is next."},
        {moved, 3, 12, "Step 12 of 12, the top of the ladder."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[TOUCH_WORDS_MAX];
        touch_progress_words(cases[i].recent, cases[i].n, cases[i].step, 12, &rule, out,
                             sizeof out);
        CHECK_MSG(strcmp(out, cases[i].words) == 0, "case %zu: '%s'", i, out);
        CHECK(strlen(out) < TOUCH_WORDS_MAX - 1);
    }
    /* The longest words fit: the largest numbers the norms allow. */
    const TouchRule widest = {TOUCH_UP_SESSIONS_MAX, 9, 10};
    const TouchOutcome top[1] = {{29, true, false, 9}};
    char out[TOUCH_WORDS_MAX];
    touch_progress_words(top, 1, 29, TOUCH_STEPS_MAX, &widest, out, sizeof out);
    CHECK_MSG(strlen(out) < TOUCH_WORDS_MAX - 1 && strstr(out, "1 of the 10 sessions"), "'%s'",
              out);
}

int main(void)
{
    test_shipped_ladder();
    test_bad_ladders();
    test_instruction_and_plan();
    test_session_runs_and_rates();
    test_stop();
    test_progress();
    test_rule_from_norms();
    test_progress_words();
    return check_exit();
}
