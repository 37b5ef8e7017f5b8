/* Exercise catalogue parsing: a valid file loads in order; every kind of
 * bad row is refused with the file name and line number; frame paths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "exercises.h"

#define HEADER "id,limb,title,frames,cycle_ms,instruction\n"
#define FOOT "foot-ankle,foot,Ankle up and down,12,1000,Lift your toes then point them\n"

static void test_valid(void)
{
    const char text[] =
        HEADER "hand-fist,hand,Open and close your hand,24,4000,Slowly make a fist then open your "
               "hand wide\r\n"
               "\n" FOOT
               "hand-2,hand,Spread your fingers,200,20000,Spread them wide \xe2\x80\x93 gently\n";
    char err[256] = "";
    Exercises *ex = exercises_parse(text, strlen(text), "ex.csv", err, sizeof err);
    CHECK_MSG(ex != NULL, "%s", err);
    if (!ex)
        return;
    CHECK(exercises_count(ex) == 3);
    const Exercise *e = exercises_get(ex, 0);
    CHECK(strcmp(e->id, "hand-fist") == 0 && e->limb == LIMB_HAND);
    CHECK(strcmp(e->title, "Open and close your hand") == 0);
    CHECK(e->frames == 24 && e->cycle_ms == 4000);
    CHECK(strcmp(e->instruction, "Slowly make a fist then open your hand wide") == 0);
    e = exercises_get(ex, 1);
    CHECK(strcmp(e->id, "foot-ankle") == 0 && e->limb == LIMB_FOOT);
    CHECK(e->frames == 12 && e->cycle_ms == 1000);
    e = exercises_get(ex, 2);
    CHECK(e->frames == 200 && e->cycle_ms == 20000);
    CHECK(strcmp(e->instruction, "Spread them wide \xe2\x80\x93 gently") == 0); /* UTF-8 is text */
    CHECK(exercises_find(ex, "hand-2") == 2);
    CHECK(exercises_find(ex, "hand") == -1);
    exercises_destroy(ex);
    exercises_destroy(NULL);
}

static void test_invalid(void)
{
    static const char long_id[] =
        HEADER FOOT "h1234567890123456789012345678901234567890123456789012345678901234,hand,T,"
                    "12,1000,I\n";
    static const struct {
        const char *text;
        const char *expect; /* the whole message */
    } cases[] = {
        {"", "e.csv:1: the file is empty"},
        {"\n\n", "e.csv:1: the file is empty"},
        {"id,limb,title,frames,cycle_ms\n",
         "e.csv:1: the first line must be id,limb,title,frames,cycle_ms,instruction"},
        {"id,limb,title,frames,cycle,instruction\n",
         "e.csv:1: the first line must be id,limb,title,frames,cycle_ms,instruction"},
        {HEADER, "e.csv:1: the file lists no hand exercise"},
        {HEADER FOOT, "e.csv:2: the file lists no hand exercise"},
        {HEADER "a,hand,T,12,1000,I\n", "e.csv:2: the file lists no foot exercise"},
        {HEADER "a,hand,T,12,1000\n", "e.csv:2: expected 6 fields, found 5"},
        {HEADER "a,hand,T,12,1000,I,x\n", "e.csv:2: too many fields"},
        {HEADER "\"a\",hand,T,12,1000,I\n", "e.csv:2: quotes are not allowed"},
        {HEADER "A,hand,T,12,1000,I\n",
         "e.csv:2: id must be lower-case letters, digits and '-' (at most 63)"},
        {HEADER ",hand,T,12,1000,I\n",
         "e.csv:2: id must be lower-case letters, digits and '-' (at most 63)"},
        {HEADER "a b,hand,T,12,1000,I\n",
         "e.csv:2: id must be lower-case letters, digits and '-' (at most 63)"},
        {HEADER "a/b,hand,T,12,1000,I\n",
         "e.csv:2: id must be lower-case letters, digits and '-' (at most 63)"},
        {long_id, "e.csv:3: id must be lower-case letters, digits and '-' (at most 63)"},
        {HEADER "a,arm,T,12,1000,I\n", "e.csv:2: limb must be hand or foot"},
        {HEADER "a,hand,,12,1000,I\n",
         "e.csv:2: title must be text of 1 to 95 bytes without control characters"},
        {HEADER "a,hand,T\tx,12,1000,I\n",
         "e.csv:2: title must be text of 1 to 95 bytes without control characters"},
        {HEADER "a,hand,T,11,1000,I\n", "e.csv:2: frames must be a whole number from 12 to 200"},
        {HEADER "a,hand,T,201,1000,I\n", "e.csv:2: frames must be a whole number from 12 to 200"},
        {HEADER "a,hand,T,,1000,I\n", "e.csv:2: frames must be a whole number from 12 to 200"},
        {HEADER "a,hand,T,+24,1000,I\n", "e.csv:2: frames must be a whole number from 12 to 200"},
        {HEADER "a,hand,T,24.0,1000,I\n", "e.csv:2: frames must be a whole number from 12 to 200"},
        {HEADER "a,hand,T, 24,1000,I\n", "e.csv:2: frames must be a whole number from 12 to 200"},
        {HEADER "a,hand,T,99999999999999999999,1000,I\n",
         "e.csv:2: frames must be a whole number from 12 to 200"},
        {HEADER "a,hand,T,12,999,I\n",
         "e.csv:2: cycle_ms must be a whole number from 1000 to 20000"},
        {HEADER "a,hand,T,12,20001,I\n",
         "e.csv:2: cycle_ms must be a whole number from 1000 to 20000"},
        {HEADER "a,hand,T,12,-1000,I\n",
         "e.csv:2: cycle_ms must be a whole number from 1000 to 20000"},
        {HEADER "a,hand,T,12,1000,\n",
         "e.csv:2: instruction must be text of 1 to 255 bytes without control characters"},
        {HEADER "a,hand,T,12,1000,I\x7f\n",
         "e.csv:2: instruction must be text of 1 to 255 bytes without control characters"},
        {HEADER FOOT "a,hand,T,12,1000,I\n"
                     "a,hand,U,12,1000,J\n",
         "e.csv:4: id 'a' appears twice"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[256] = "";
        Exercises *ex =
            exercises_parse(cases[i].text, strlen(cases[i].text), "e.csv", err, sizeof err);
        CHECK_MSG(ex == NULL, "case %zu parsed", i);
        CHECK_MSG(strcmp(err, cases[i].expect) == 0, "case %zu: got '%s', want '%s'", i, err,
                  cases[i].expect);
        exercises_destroy(ex);
    }
}

/* Titles and instructions up to their limits load; one byte more does not. */
static void test_text_limits(void)
{
    char title[EXERCISE_TITLE_MAX + 1], instruction[EXERCISE_INSTRUCTION_MAX + 1];
    char text[1024];
    for (int extra = 0; extra <= 1; extra++) {
        memset(title, 'T', sizeof title);
        title[EXERCISE_TITLE_MAX - 1 + extra] = '\0';
        memset(instruction, 'I', sizeof instruction);
        instruction[EXERCISE_INSTRUCTION_MAX - 1] = '\0';
        snprintf(text, sizeof text, HEADER FOOT "a,hand,%s,12,1000,%s\n", title, instruction);
        char err[256] = "";
        Exercises *ex = exercises_parse(text, strlen(text), "e.csv", err, sizeof err);
        CHECK_MSG((ex != NULL) == (extra == 0), "title of %d bytes: %s", (int)strlen(title), err);
        if (ex)
            CHECK(strlen(exercises_get(ex, 1)->instruction) == EXERCISE_INSTRUCTION_MAX - 1);
        exercises_destroy(ex);
    }
    memset(instruction, 'I', sizeof instruction);
    instruction[EXERCISE_INSTRUCTION_MAX] = '\0';
    snprintf(text, sizeof text, HEADER FOOT "a,hand,T,12,1000,%s\n", instruction);
    char err[256] = "";
    Exercises *ex = exercises_parse(text, strlen(text), "e.csv", err, sizeof err);
    CHECK(ex == NULL && strstr(err, "e.csv:3: instruction must be") == err);
    exercises_destroy(ex);
}

/* A list of one foot exercise and LARGE_ROWS hand exercises e-0, e-1,
 * ..., then one with the id `extra` when given. The caller frees it. */
#define LARGE_ROWS 1000000
static char *large_list(const char *extra, size_t *len)
{
    static const char row[] = ",hand,Open and close,24,4000,Slowly\n";
    size_t cap = sizeof HEADER FOOT + (size_t)(LARGE_ROWS + 1) * (sizeof row + 16);
    char *text = malloc(cap);
    if (!text)
        return NULL;
    size_t n = (size_t)snprintf(text, cap, HEADER FOOT);
    for (int i = 0; i < LARGE_ROWS; i++)
        n += (size_t)snprintf(text + n, cap - n, "e-%d%s", i, row);
    if (extra)
        n += (size_t)snprintf(text + n, cap - n, "%s%s", extra, row);
    *len = n;
    return text;
}

/* A million rows load (within the test's time limit, which comparing
 * every id with every other would far exceed) and each is found by its
 * id; a repeated id is found however far apart the two rows are. */
static void test_large(void)
{
    size_t len;
    char err[256] = "";
    char *text = large_list(NULL, &len);
    CHECK(text != NULL);
    Exercises *ex = text ? exercises_parse(text, len, "e.csv", err, sizeof err) : NULL;
    free(text);
    CHECK_MSG(ex != NULL, "%s", err);
    if (ex) {
        CHECK(exercises_count(ex) == LARGE_ROWS + 1);
        for (int i = 0; i < LARGE_ROWS; i += 9973) {
            char id[32];
            snprintf(id, sizeof id, "e-%d", i);
            CHECK_MSG(exercises_find(ex, id) == i + 1, "%s", id);
        }
        CHECK(exercises_find(ex, "foot-ankle") == 0 && exercises_find(ex, "e-1000000") == -1);
    }
    exercises_destroy(ex);
    /* The first id again at the end (next to each other: test_invalid). */
    text = large_list("foot-ankle", &len);
    CHECK(text != NULL);
    ex = text ? exercises_parse(text, len, "e.csv", err, sizeof err) : NULL;
    free(text);
    char want[64];
    snprintf(want, sizeof want, "e.csv:%d: id 'foot-ankle' appears twice", LARGE_ROWS + 3);
    CHECK_MSG(ex == NULL && strcmp(err, want) == 0, "got '%s', want '%s'", err, want);
    exercises_destroy(ex);
}

static void test_frame_path(void)
{
    const Exercise e = {.id = "hand-fist", .limb = LIMB_HAND, .frames = 120, .cycle_ms = 4000};
    static const struct {
        int frame;
        const char *expect; /* NULL: refused */
    } cases[] = {
        {0, "assets/loops/hand-fist/00.png"},
        {7, "assets/loops/hand-fist/07.png"},
        {23, "assets/loops/hand-fist/23.png"},
        {119, "assets/loops/hand-fist/119.png"},
        {120, NULL},
        {-1, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[EXERCISE_PATH_MAX] = "x";
        int rc = exercises_frame_path(&e, cases[i].frame, buf, sizeof buf);
        if (cases[i].expect)
            CHECK_MSG(rc == 0 && strcmp(buf, cases[i].expect) == 0, "frame %d: '%s'",
                      cases[i].frame, buf);
        else
            CHECK_MSG(rc == -1 && buf[0] == '\0', "frame %d accepted", cases[i].frame);
    }
    /* A buffer one byte short is refused, and left empty. */
    char small[sizeof "assets/loops/hand-fist/07.png" - 1] = "x";
    CHECK(exercises_frame_path(&e, 7, small, sizeof small) == -1 && small[0] == '\0');
    /* The longest id fits EXERCISE_PATH_MAX. */
    Exercise longest = e;
    memset(longest.id, 'a', EXERCISE_ID_MAX - 1);
    longest.id[EXERCISE_ID_MAX - 1] = '\0';
    char buf[EXERCISE_PATH_MAX];
    CHECK(exercises_frame_path(&longest, 119, buf, sizeof buf) == 0);
}

int main(void)
{
    test_valid();
    test_invalid();
    test_text_limits();
    test_large();
    test_frame_path();
    return check_exit();
}
