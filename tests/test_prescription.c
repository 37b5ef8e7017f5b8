/* The description of the prescription's fields, table-driven: every field
 * is whole and belongs to one part (one tab of the therapist area), takes
 * every value in its range and only those, and reads its command-line
 * words and numbers. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "deck.h"
#include "prescription.h"

/* A value of f other than its default: the first of its buttons that is. */
static int other_value(const PrescriptionField *f, int current)
{
    for (int c = 0; c < prescription_field_choice_count(f); c++)
        if (f->choices[c].value != current)
            return f->choices[c].value;
    return current;
}

static void test_table(void)
{
    int per_part[PRESCRIPTION_TOUCH + 1] = {0};
    for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
        const PrescriptionField *f = &prescription_fields[i];
        CHECK_MSG(f->key && f->label, "field %zu has no key or label", i);
        if (!f->key || !f->label)
            continue;
        /* Found by its key, and no other field has it. */
        CHECK_MSG(prescription_field_find(f->key) == f, "%s: another field has its key", f->key);
        CHECK_MSG((int)f->part >= PRESCRIPTION_GENERAL && f->part <= PRESCRIPTION_TOUCH,
                  "%s: no such part", f->key);
        if ((int)f->part >= PRESCRIPTION_GENERAL && f->part <= PRESCRIPTION_TOUCH)
            per_part[f->part]++;
        size_t size = f->kind == PRESCRIPTION_SWITCH ? sizeof(bool) : sizeof(int);
        CHECK_MSG(f->offset + size <= sizeof(Prescription), "%s: outside", f->key);
        CHECK_MSG(f->lo < f->hi, "%s: range %d..%d", f->key, f->lo, f->hi);
        int n = prescription_field_choice_count(f);
        CHECK_MSG(n >= 2, "%s: %d buttons", f->key, n);
        for (int c = 0; c < n; c++)
            CHECK_MSG(f->choices[c].value >= f->lo && f->choices[c].value <= f->hi,
                      "%s: button %s out of range", f->key, f->choices[c].label);
        /* A choice (or a switch) has a button for every value it can hold,
         * so the therapist area shows whatever is stored. */
        if (f->kind == PRESCRIPTION_CHOICE || f->kind == PRESCRIPTION_SWITCH) {
            CHECK_MSG(n == f->hi - f->lo + 1, "%s: %d buttons for %d values", f->key, n,
                      f->hi - f->lo + 1);
            for (int v = f->lo; v <= f->hi; v++) {
                int has = 0;
                for (int c = 0; c < n; c++)
                    has += f->choices[c].value == v;
                CHECK_MSG(has == 1, "%s: value %d has %d buttons", f->key, v, has);
            }
        }
        /* A set's buttons are one bit each, together every bit it can hold,
         * and at least one is on. */
        if (f->kind == PRESCRIPTION_SET) {
            int bits = 0;
            for (int c = 0; c < n; c++) {
                int v = f->choices[c].value;
                CHECK_MSG(v > 0 && (v & (v - 1)) == 0 && !(bits & v),
                          "%s: button %s is not a "
                          "bit of its own",
                          f->key, f->choices[c].label);
                bits |= v;
            }
            CHECK_MSG(f->lo == 1 && bits == f->hi, "%s: bits %d, range %d..%d", f->key, bits, f->lo,
                      f->hi);
        }
        /* Every switch the same way round on every tab: on (or ask), then off. */
        if (f->kind == PRESCRIPTION_SWITCH)
            CHECK_MSG(f->lo == 0 && f->hi == 1 && f->choices[0].value == 1 &&
                          f->choices[1].value == 0,
                      "%s: a switch is 0 or 1, on first", f->key);
        /* A note says what its button means, in one short line. */
        for (int c = 0; c < n; c++)
            CHECK_MSG(!f->choices[c].note ||
                          (strlen(f->choices[c].note) <= 48 && !strchr(f->choices[c].note, '\n')),
                      "%s %s: note too long", f->key, f->choices[c].label);
        /* Two fields of one part never share an option. */
        for (size_t j = 0; j < i && f->option; j++)
            CHECK_MSG(!prescription_fields[j].option || prescription_fields[j].part != f->part ||
                          strcmp(prescription_fields[j].option, f->option) != 0,
                      "%s and %s: both %s", prescription_fields[j].key, f->key, f->option);
    }
    /* Each level is explained where it is chosen, and the explanation, last
     * on its tab, sits right under its row. */
    const PrescriptionField *level = prescription_field_find("level");
    CHECK(level && prescription_field_choice_count(level) == DECK_MAX_LEVEL);
    for (int c = 0; level && c < DECK_MAX_LEVEL; c++) {
        char start[16];
        snprintf(start, sizeof start, "Level %d: ", level->choices[c].value);
        CHECK_MSG(level->choices[c].note &&
                      strncmp(level->choices[c].note, start, strlen(start)) == 0,
                  "level %d: no note", c + 1);
    }
    for (size_t i = 0; level && i < PRESCRIPTION_FIELDS; i++)
        CHECK_MSG(prescription_fields[i].part != PRESCRIPTION_DRILL ||
                      &prescription_fields[i] <= level,
                  "%s comes after the level", prescription_fields[i].key);
    /* Each field is on exactly one tab: the parts hold them all, and
     * every tab has some. */
    int total = 0;
    for (int t = 0; t <= PRESCRIPTION_TOUCH; t++) {
        CHECK_MSG(per_part[t] > 0, "tab %d is empty", t);
        total += per_part[t];
    }
    CHECK(total == PRESCRIPTION_FIELDS);
}

/* Every field set through the table to another value, its lowest and its
 * highest, changes that field alone; one step outside is refused with a
 * message naming it and changes nothing. */
static void test_set(void)
{
    const Prescription d = prescription_default();
    for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
        const PrescriptionField *f = &prescription_fields[i];
        int was = prescription_field_get(&d, f);
        CHECK_MSG(was >= f->lo && was <= f->hi, "%s: default %d out of range", f->key, was);
        int values[3] = {other_value(f, was), f->lo, f->hi};
        CHECK_MSG(values[0] != was, "%s: no other value", f->key);
        for (int k = 0; k < 3; k++) {
            Prescription p = d;
            char err[128] = "";
            CHECK_MSG(prescription_field_set(&p, f, values[k], err, sizeof err) == 0, "%s: %s",
                      f->key, err);
            CHECK_MSG(prescription_field_get(&p, f) == values[k], "%s: set %d, got %d", f->key,
                      values[k], prescription_field_get(&p, f));
            for (size_t j = 0; j < PRESCRIPTION_FIELDS; j++)
                if (j != i)
                    CHECK_MSG(prescription_field_get(&p, &prescription_fields[j]) ==
                                  prescription_field_get(&d, &prescription_fields[j]),
                              "setting %s changed %s", f->key, prescription_fields[j].key);
        }
        int outside[2] = {f->lo - 1, f->hi + 1};
        for (int k = 0; k < 2; k++) {
            Prescription p = d;
            char err[128] = "";
            CHECK_MSG(prescription_field_set(&p, f, outside[k], err, sizeof err) == -1,
                      "%s: %d accepted", f->key, outside[k]);
            CHECK_MSG(strstr(err, f->key) != NULL, "%s: message '%s'", f->key, err);
            CHECK_MSG(memcmp(&p, &d, sizeof p) == 0, "%s: refused value written", f->key);
        }
    }
}

/* The command line's words and numbers for every field with an option:
 * taken within the range, refused outside it (the messages are the
 * command line's, in test_cli). */
static void test_parse(void)
{
    for (size_t i = 0; i < PRESCRIPTION_FIELDS; i++) {
        const PrescriptionField *f = &prescription_fields[i];
        if (!f->option)
            continue;
        char text[32];
        int value = -99;
        switch (f->kind) {
        case PRESCRIPTION_NUMBER:
            snprintf(text, sizeof text, "%d", f->hi);
            CHECK(prescription_field_parse(f, text, &value) == 0 && value == f->hi);
            snprintf(text, sizeof text, "%d", f->hi + 1);
            break;
        case PRESCRIPTION_SECONDS:
            snprintf(text, sizeof text, "%d.5", f->lo / 1000);
            CHECK_MSG(prescription_field_parse(f, text, &value) == 0 && value == f->lo + 500,
                      "%s %s: %d", f->option, text, value);
            snprintf(text, sizeof text, "%d.001", f->hi / 1000);
            break;
        case PRESCRIPTION_CHOICE:
            for (int c = 0; c < prescription_field_choice_count(f); c++)
                if (f->choices[c].word)
                    CHECK_MSG(prescription_field_parse(f, f->choices[c].word, &value) == 0 &&
                                  value == f->choices[c].value,
                              "%s %s", f->option, f->choices[c].word);
            snprintf(text, sizeof text, "%s", "sideways");
            break;
        case PRESCRIPTION_SET: {
            char all[128] = "";
            int every = 0;
            for (int c = 0; c < prescription_field_choice_count(f); c++) {
                CHECK_MSG(prescription_field_parse(f, f->choices[c].word, &value) == 0 &&
                              value == f->choices[c].value,
                          "%s %s", f->option, f->choices[c].word);
                /* the words in reverse order, joined by commas */
                char was[128];
                memcpy(was, all, sizeof was);
                snprintf(all, sizeof all, "%.32s%s%.90s", f->choices[c].word, c ? "," : "", was);
                every |= f->choices[c].value;
            }
            CHECK_MSG(prescription_field_parse(f, all, &value) == 0 && value == every, "%s %s: %d",
                      f->option, all, value);
            CHECK_MSG(every == f->hi, "%s: the choices cover %d, not %d", f->key, every, f->hi);
            static const char *const bad[] = {"hand,hand",  "hand,",     ",hand",
                                              "hand,,foot", "hand foot", "hands"};
            for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++)
                CHECK_MSG(prescription_field_parse(f, bad[b], &value) == -1, "%s %s accepted",
                          f->option, bad[b]);
            snprintf(text, sizeof text, "%s", "sideways");
            break;
        }
        case PRESCRIPTION_SWITCH:
            CHECK(prescription_field_parse(f, "on", &value) == 0 && value == 1);
            CHECK(prescription_field_parse(f, "off", &value) == 0 && value == 0);
            snprintf(text, sizeof text, "%s", "1");
            break;
        }
        CHECK_MSG(prescription_field_parse(f, text, &value) == -1, "%s %s accepted", f->option,
                  text);
        CHECK_MSG(prescription_field_parse(f, "", &value) == -1, "%s '' accepted", f->option);
    }
    /* The affected limb or side is what leaving the option out means: no word. */
    int value;
    CHECK(prescription_field_parse(prescription_field_find("imagery_side"), "affected", &value) ==
          -1);
    CHECK(prescription_field_parse(prescription_field_find("mirror_limb"), "affected", &value) ==
          -1);
}

int main(void)
{
    test_table();
    test_set();
    test_parse();
    return check_exit();
}
