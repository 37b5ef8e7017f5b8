/* Seeded pseudo-random numbers (xoshiro256**, seeded through splitmix64).
 *
 * Every random choice in the trainer goes through an explicit Rng value so
 * that a session is reproducible from its stored seed. */
#ifndef GMI_RNG_H
#define GMI_RNG_H

#include <stdint.h>

typedef struct Rng {
    uint64_t s[4];
} Rng;

/* Initialises rng from any 64-bit seed (0 included). */
void rng_seed(Rng *rng, uint64_t seed);

/* Returns the next 64 random bits. */
uint64_t rng_next(Rng *rng);

/* Returns a uniformly distributed integer in [0, bound); bound must be > 0. */
uint32_t rng_below(Rng *rng, uint32_t bound);

/* Returns a uniformly distributed integer in [lo, hi]; requires lo <= hi. */
int64_t rng_range(Rng *rng, int64_t lo, int64_t hi);

#endif
