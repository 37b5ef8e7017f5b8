#include "rng.h"

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void rng_seed(Rng *rng, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&seed);
}

uint64_t rng_next(Rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint32_t rng_below(Rng *rng, uint32_t bound)
{
    /* Rejection keeps the result unbiased for bounds that do not divide 2^32. */
    uint32_t limit = (uint32_t)(-bound) % bound;
    for (;;) {
        uint32_t r = (uint32_t)(rng_next(rng) >> 32);
        if (r >= limit)
            return r % bound;
    }
}

int64_t rng_range(Rng *rng, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)(hi - lo) + 1u;
    if (span == 0) /* the full 64-bit range */
        return (int64_t)rng_next(rng);
    uint64_t limit = (uint64_t)(-span) % span;
    for (;;) {
        uint64_t r = rng_next(rng);
        if (r >= limit)
            return lo + (int64_t)(r % span);
    }
}
