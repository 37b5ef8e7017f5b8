/* Catalogue and norms parsing: valid files load; every kind of bad row is
 * refused with the file name and line number. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "check.h"
#include "norms.h"

#define HEADER "id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light\n"

static void test_valid(void)
{
    const char text[] =
        HEADER "hand-flat-back,pictures/"
               "hand-flat-back.png,hand,back,flat,,light,female,1,0;45;90,other,left\r\n"
               "\n"
               "foot-cup,pictures/foot-step.png,foot,top,neutral,step,dark,male,4,0,own,right\n";
    char err[256] = "";
    Catalogue *cat = catalogue_parse(text, strlen(text), "cat.csv", err, sizeof err);
    CHECK_MSG(cat != NULL, "%s", err);
    if (!cat)
        return;
    CHECK(catalogue_count(cat) == 2);
    const Picture *p = catalogue_get(cat, 0);
    CHECK(strcmp(p->id, "hand-flat-back") == 0);
    CHECK(strcmp(p->file, "pictures/hand-flat-back.png") == 0);
    CHECK(p->limb == LIMB_HAND);
    CHECK(strcmp(p->view, "back") == 0 && strcmp(p->posture, "flat") == 0);
    CHECK(p->object[0] == '\0');
    CHECK(p->level == 1);
    CHECK(p->rotations == 0x07);
    CHECK(p->kind == VIEW_OTHER && p->light == SIDE_LEFT);
    const Picture *q = catalogue_get(cat, 1);
    CHECK(q->limb == LIMB_FOOT && q->level == 4 && strcmp(q->object, "step") == 0);
    CHECK(q->rotations == 0x01);
    CHECK(q->kind == VIEW_OWN && q->light == SIDE_RIGHT);
    CHECK(catalogue_find(cat, "foot-cup") == 1);
    CHECK(catalogue_find(cat, "nope") == -1);
    CHECK(catalogue_limbs(cat) == LIMBS_BOTH);
    catalogue_destroy(cat);

    /* Every body part by its name, in the set of parts pictured. */
    char parts[2048] = HEADER;
    for (int l = 0; l < LIMB_COUNT; l++) {
        size_t n = strlen(parts);
        snprintf(parts + n, sizeof parts - n,
                 "p%d,pictures/p%d.png,%s,front,still,,light,male,1,0,other,right\n", l, l,
                 limb_name((Limb)l));
    }
    cat = catalogue_parse(parts, strlen(parts), "parts.csv", err, sizeof err);
    CHECK_MSG(cat != NULL, "%s", err);
    if (!cat)
        return;
    for (int l = 0; l < LIMB_COUNT; l++)
        CHECK(catalogue_get(cat, (size_t)l)->limb == (Limb)l);
    CHECK(catalogue_limbs(cat) == LIMBS_ALL);
    catalogue_destroy(cat);
}

/* The names of body parts and their sets, both ways, and what the drill
 * asks and answers about each part. */
static void test_part_names(void)
{
    for (unsigned set = 1; set <= LIMBS_ALL; set++) {
        char name[LIMB_SET_NAME_MAX];
        LimbSet back;
        limb_set_name((LimbSet)set, name);
        CHECK_MSG(limb_set_parse(name, &back) == 0 && back == (LimbSet)set, "%u: '%s'", set, name);
        int count = 0;
        for (unsigned v = set; v; v &= v - 1)
            count++;
        CHECK(limb_set_count((LimbSet)set) == count);
    }
    char name[LIMB_SET_NAME_MAX];
    CHECK(strcmp(limb_set_name(LIMBS_BOTH, name), "both") == 0);
    CHECK(strcmp(limb_set_name(LIMBS_FEET, name), "feet") == 0);
    CHECK(strcmp(limb_set_name((LimbSet)(LIMBS_HANDS | 1 << LIMB_NECK), name), "hand+neck") == 0);
    LimbSet set;
    CHECK(limb_set_parse("back+knee", &set) == 0 &&
          set == (LimbSet)(1 << LIMB_KNEE | 1 << LIMB_BACK));
    static const char *const bad[] = {"",      "hand+",      "+hand",     "knee+knee",
                                      "elbow", "hands+neck", "hand foot", "hand,foot"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_MSG(limb_set_parse(bad[i], &set) == -1, "'%s' accepted", bad[i]);

    char text[64];
    limb_set_words(LIMBS_BOTH, text, sizeof text);
    CHECK(strcmp(text, "Hands and feet") == 0);
    limb_set_words((LimbSet)(1 << LIMB_NECK), text, sizeof text);
    CHECK(strcmp(text, "Neck") == 0);
    limb_set_words((LimbSet)(LIMBS_FEET | 1 << LIMB_KNEE | 1 << LIMB_BACK), text, sizeof text);
    CHECK_MSG(strcmp(text, "Feet, knees and back") == 0, "%s", text);
    limb_set_words(LIMBS_ALL, text, sizeof text);
    CHECK_MSG(strcmp(text, "Hands, feet, knees, shoulders, neck and back") == 0, "%s", text);
    limb_verdict(LIMB_HAND, SIDE_LEFT, text, sizeof text);
    CHECK(strcmp(text, "That was a left hand") == 0);
    limb_verdict(LIMB_KNEE, SIDE_RIGHT, text, sizeof text);
    CHECK(strcmp(text, "That was a right knee") == 0);
    /* A neck or a back: the side is the way it turned or bent, from the
     * person's own point of view, as the question says (a tilted head and a
     * trunk bent sideways are asked about as well as turned ones). */
    limb_verdict(LIMB_NECK, SIDE_RIGHT, text, sizeof text);
    CHECK(strcmp(text, "The head turned or tilted to their right") == 0);
    limb_verdict(LIMB_BACK, SIDE_LEFT, text, sizeof text);
    CHECK(strcmp(text, "The body turned or bent to their left") == 0);
    CHECK(strcmp(limb_question(LIMB_NECK), "Head turned or tilted to their left or right?") == 0);
    CHECK(strcmp(limb_question(LIMB_BACK), "Body turned or bent to their left or right?") == 0);
    CHECK(strcmp(limb_question(LIMB_FOOT), "Left or right?") == 0);
}

static void test_invalid(void)
{
    static const struct {
        const char *text;
        const char *expect; /* expected start of the message */
    } cases[] = {
        {"", "c.csv:1: the file is empty"},
        {"id,file\n", "c.csv:1: the first line must be"},
        {HEADER, "c.csv:1: the catalogue lists no pictures"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,1,0,other\n",
         "c.csv:2: expected 12 fields"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,1,0,other,left,x\n",
         "c.csv:2: too many fields"},
        {HEADER "A,pictures/a.png,hand,back,flat,,light,female,1,0,other,left\n",
         "c.csv:2: id must be"},
        {HEADER "a,/etc/a.png,hand,back,flat,,light,female,1,0,other,left\n",
         "c.csv:2: file must be"},
        {HEADER "a,../a.png,hand,back,flat,,light,female,1,0,other,left\n",
         "c.csv:2: file must be"},
        {HEADER "a,pictures/a.jpg,hand,back,flat,,light,female,1,0,other,left\n",
         "c.csv:2: file must be"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,1,0,mine,left\n",
         "c.csv:2: kind must be"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,1,0,own,up\n",
         "c.csv:2: light must be"},
        {HEADER "a,pictures/a.png,arm,back,flat,,light,female,1,0,other,left\n",
         "c.csv:2: limb must be"},
        {HEADER "a,pictures/a.png,hand,,flat,,light,female,1,0,other,left\n",
         "c.csv:2: view must be"},
        {HEADER "a,pictures/a.png,hand,back,Flat,,light,female,1,0,other,left\n",
         "c.csv:2: posture must be"},
        {HEADER "a,pictures/a.png,hand,back,flat,a b,light,female,1,0,other,left\n",
         "c.csv:2: object must be"},
        {HEADER "a,pictures/a.png,hand,back,flat,,,female,1,0,other,left\n",
         "c.csv:2: skin must be"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,,1,0,other,left\n",
         "c.csv:2: shape must be"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,5,0,other,left\n",
         "c.csv:2: level must be"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,,0,other,left\n",
         "c.csv:2: level must be"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,1,45,other,left\n",
         "c.csv:2: rotations must"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,1,0;30,other,left\n",
         "c.csv:2: rotations must"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,1,0;360,other,left\n",
         "c.csv:2: rotations must"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,1,,other,left\n",
         "c.csv:2: rotations must"},
        {HEADER "a,pictures/a.png,hand,back,flat,,light,female,1,0,other,left\n"
                "a,pictures/b.png,hand,back,flat,,light,female,1,0,other,left\n",
         "c.csv:3: id 'a' appears twice"},
        {HEADER "\"a\",pictures/a.png,hand,back,flat,,light,female,1,0,other,left\n",
         "c.csv:2: quotes are not allowed"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[256] = "";
        Catalogue *cat =
            catalogue_parse(cases[i].text, strlen(cases[i].text), "c.csv", err, sizeof err);
        CHECK_MSG(cat == NULL, "case %zu parsed", i);
        CHECK_MSG(strncmp(err, cases[i].expect, strlen(cases[i].expect)) == 0,
                  "case %zu: got '%s', want '%s...'", i, err, cases[i].expect);
        catalogue_destroy(cat);
    }
    /* A line longer than the reader's buffer is refused, not truncated. */
    char longtext[3000] = HEADER;
    size_t n = strlen(longtext);
    memset(longtext + n, 'a', 2000);
    longtext[n + 2000] = '\0';
    char err[256] = "";
    CHECK(catalogue_parse(longtext, strlen(longtext), "c.csv", err, sizeof err) == NULL);
    CHECK(strstr(err, "c.csv:2: line too long") == err);
}

/* A catalogue of LARGE_ROWS pictures p-0, p-1, ..., then one row with
 * the id `extra` when given. The caller frees it. */
#define LARGE_ROWS 1000000
static char *large_catalogue(const char *extra, size_t *len)
{
    static const char row[] = ",pictures/p.png,hand,back,flat,,light,female,1,0,other,left\n";
    size_t cap = sizeof HEADER + (size_t)(LARGE_ROWS + 1) * (sizeof row + 16);
    char *text = malloc(cap);
    if (!text)
        return NULL;
    size_t n = (size_t)snprintf(text, cap, HEADER);
    for (int i = 0; i < LARGE_ROWS; i++)
        n += (size_t)snprintf(text + n, cap - n, "p-%d%s", i, row);
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
    char *text = large_catalogue(NULL, &len);
    CHECK(text != NULL);
    Catalogue *cat = text ? catalogue_parse(text, len, "c.csv", err, sizeof err) : NULL;
    free(text);
    CHECK_MSG(cat != NULL, "%s", err);
    if (cat) {
        CHECK(catalogue_count(cat) == LARGE_ROWS);
        for (int i = 0; i < LARGE_ROWS; i += 9973) {
            char id[32];
            snprintf(id, sizeof id, "p-%d", i);
            CHECK_MSG(catalogue_find(cat, id) == i, "%s", id);
        }
        CHECK(catalogue_find(cat, "p-999999") == LARGE_ROWS - 1);
        CHECK(catalogue_find(cat, "p-1000000") == -1 && catalogue_find(cat, "p") == -1);
    }
    catalogue_destroy(cat);
    /* The first id again at the end (next to each other: test_invalid). */
    text = large_catalogue("p-0", &len);
    CHECK(text != NULL);
    cat = text ? catalogue_parse(text, len, "c.csv", err, sizeof err) : NULL;
    free(text);
    char want[64];
    snprintf(want, sizeof want, "c.csv:%d: id 'p-0' appears twice", LARGE_ROWS + 2);
    CHECK_MSG(cat == NULL && strcmp(err, want) == 0, "got '%s', want '%s'", err, want);
    catalogue_destroy(cat);
}

static void test_norms(void)
{
    const char good[] = "measure,value,source\naccuracy_min_pct,80,NOI Group\n"
                        "hand_rt_target_s,2.0,EPF\nhand_rt_band_s,0.5,EPF\n"
                        "foot_rt_band_s,0.5,EPF\nfoot_rt_target_s,2.0,EPF\n"
                        "knee_rt_target_s,2.1,NOI\nknee_rt_band_s,0.4,NOI\n"
                        "shoulder_rt_target_s,1.7,Shoulder study 2017\n"
                        "shoulder_rt_band_s,0.7,Shoulder study 2017\n"
                        "neck_rt_target_s,1.6,Neck\nneck_rt_band_s,0.5,Neck\n"
                        "back_rt_target_s,1.5,Back\nback_rt_band_s,0.3,Back\n"
                        "rt_real_change_s,0.2,MSP\n"
                        "accuracy_real_change_pct,5,MSP\nhold_days,7,NOI Group\n"
                        "too_fast_ms,300,Convention\ntouch_up_sessions,4,Ours\n"
                        "touch_up_discomfort,2,Ours\ntouch_flare_discomfort,6,Ours\n";
    Norms n;
    char err[256] = "";
    CHECK_MSG(norms_parse(good, strlen(good), "n.csv", &n, err, sizeof err) == 0, "%s", err);
    CHECK(n.accuracy_min_pct == 80.0 && n.part[LIMB_HAND].rt_target_s == 2.0 &&
          n.part[LIMB_HAND].rt_band_s == 0.5 && n.part[LIMB_FOOT].rt_target_s == 2.0);
    CHECK(n.part[LIMB_KNEE].rt_target_s == 2.1 && n.part[LIMB_KNEE].rt_band_s == 0.4 &&
          n.part[LIMB_BACK].rt_target_s == 1.5 && n.part[LIMB_BACK].rt_band_s == 0.3);
    CHECK(strcmp(n.part[LIMB_SHOULDER].rt_source, "Shoulder study 2017") == 0 &&
          strcmp(n.part[LIMB_NECK].rt_source, "Neck") == 0);
    CHECK(n.rt_real_change_s == 0.2 && n.accuracy_real_change_pct == 5.0 && n.hold_days == 7);
    CHECK(strcmp(n.accuracy_source, "NOI Group") == 0 &&
          strcmp(n.part[LIMB_HAND].rt_source, "EPF") == 0);
    /* The aim of a set of parts: one shared band, or the span of all. */
    double lo, hi;
    norms_band(&n, LIMBS_BOTH, &lo, &hi);
    CHECK(fabs(lo - 1.5) < 1e-9 && fabs(hi - 2.5) < 1e-9);
    norms_band(&n, (LimbSet)(LIMBS_HANDS | 1 << LIMB_SHOULDER | 1 << LIMB_BACK), &lo, &hi);
    CHECK(fabs(lo - 1.0) < 1e-9 && fabs(hi - 2.5) < 1e-9);
    char words[64];
    norms_band_words(&n, LIMBS_BOTH, words, sizeof words);
    CHECK_MSG(strcmp(words, "about 2.0 \xC2\xB1 0.5 s") == 0, "%s", words);
    norms_band_words(&n, (LimbSet)(1 << LIMB_NECK | 1 << LIMB_BACK), words, sizeof words);
    CHECK_MSG(strcmp(words, "1.1 to 2.1 s") == 0, "%s", words);
    CHECK(n.too_fast_ms == 300.0 && strcmp(n.too_fast_source, "Convention") == 0);
    CHECK(n.touch.up_sessions == 4 && n.touch.up_discomfort == 2 && n.touch.flare_discomfort == 6);
    CHECK(strcmp(n.touch_source, "Ours") == 0);

    static const struct {
        const char *text, *expect;
    } bad[] = {
        {"", "n.csv:1: the first line"},
        {"measure,value,source\naccuracy_min_pct,80,X\nneck_rt_target_s,2,X\n",
         "n.csv: measure rt_real_change_s is missing"},
        {"measure,value,source\nrt_target_s,2,X\n", "n.csv:2: unknown or repeated measure"},
        {"measure,value,source\nelbow_rt_target_s,2,X\n", "n.csv:2: unknown or repeated"},
        {"measure,value,source\nneck_rt_target_s,0.05,X\n", "n.csv:2: value of neck_rt_target_s"},
        {"measure,value,source\naccuracy_min_pct,180,X\n", "n.csv:2: value of accuracy_min_pct"},
        {"measure,value,source\naccuracy_min_pct,8x,X\n", "n.csv:2: value of accuracy_min_pct"},
        {"measure,value,source\nspeed,1,X\n", "n.csv:2: unknown or repeated measure"},
        {"measure,value,source\nback_rt_band_s,1,X\nback_rt_band_s,1,X\n",
         "n.csv:3: unknown or repeated"},
        {"measure,value,source\nhand_rt_band_s,1,\n", "n.csv:2: source must be given"},
        {"measure,value,source\ntoo_fast_ms,1001,X\n", "n.csv:2: value of too_fast_ms"},
        {"measure,value,source\ntoo_fast_ms,-1,X\n", "n.csv:2: value of too_fast_ms"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        CHECK_MSG(norms_parse(bad[i].text, strlen(bad[i].text), "n.csv", &n, err, sizeof err) == -1,
                  "case %zu", i);
        CHECK_MSG(strncmp(err, bad[i].expect, strlen(bad[i].expect)) == 0, "case %zu: got '%s'", i,
                  err);
    }
}

int main(void)
{
    test_part_names();
    test_valid();
    test_invalid();
    test_large();
    test_norms();
    return check_exit();
}
