/* libFuzzer target: the touch ladder parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "touch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    touch_ladder_destroy(touch_ladder_parse((const char *)data, size, "fuzz", err, sizeof err));
    return 0;
}
