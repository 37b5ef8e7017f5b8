/* libFuzzer target: the norms parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "norms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    Norms norms;
    (void)norms_parse((const char *)data, size, "fuzz", &norms, err, sizeof err);
    return 0;
}
