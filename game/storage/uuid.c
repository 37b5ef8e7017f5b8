#include "uuid.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>

#define UUID_TEXT_MAX 37 /* 36 characters and the NUL */

static void uuid_make(char out[UUID_TEXT_MAX])
{
    uint8_t b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40); /* version 4: random */
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80); /* the RFC 4122 variant */
    snprintf(out, UUID_TEXT_MAX,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
             b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
             b[15]);
}

static void sql_uuid(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc, (void)argv;
    char text[UUID_TEXT_MAX];
    uuid_make(text);
    sqlite3_result_text(ctx, text, -1, SQLITE_TRANSIENT);
}

int uuid_register(sqlite3 *db)
{
    /* Innocuous (no side effects, reads nothing), so the schema may use it
     * as a default even where schemas are not trusted; not deterministic. */
    return sqlite3_create_function(db, "gmi_uuid", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
                                   sql_uuid, NULL, NULL);
}
