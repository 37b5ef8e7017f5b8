/* libFuzzer target: the catalogue parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "catalogue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    Catalogue *cat = catalogue_parse((const char *)data, size, "fuzz", err, sizeof err);
    for (size_t i = 0; cat && i < catalogue_count(cat); i++)
        (void)catalogue_find(cat, catalogue_get(cat, i)->id);
    catalogue_destroy(cat);
    return 0;
}
