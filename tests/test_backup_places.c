/* The places the therapist area offers for a backup: the documents folder,
 * then folders mounted on their own under the removable-media folders (a
 * small tmpfs mounted under a temporary "media" folder stands in for a USB
 * stick). A plain folder there, and a read-only mount, are not offered.
 * Mounting needs root: skipped (status 77) with the reason otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "review.h"

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    char root[256];
    snprintf(root, sizeof root, "%s/gmi-places-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    char home[300], documents[320], media[300], user[320], stick[340], plain[340], locked[340];
    snprintf(home, sizeof home, "%s/home", root);
    snprintf(documents, sizeof documents, "%s/Documents", home);
    snprintf(media, sizeof media, "%s/media", root);
    snprintf(user, sizeof user, "%s/pat", media);
    snprintf(stick, sizeof stick, "%s/STICK", user);
    snprintf(plain, sizeof plain, "%s/not-a-stick", user);
    snprintf(locked, sizeof locked, "%s/CD", media);
    const char *dirs[] = {home, documents, media, user, stick, plain, locked};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        mkdir(dirs[i], 0700);
    setenv("HOME", home, 1);

    /* Without a stick: the documents folder only. */
    const char *bases[] = {media};
    ReviewPlace places[4];
    int n = review_backup_places(bases, 1, places, 4);
    CHECK(n == 1 && strcmp(places[0].folder, documents) == 0 &&
          strcmp(places[0].name, "Documents") == 0);

    if (geteuid() != 0 || mount("none", stick, "tmpfs", 0, "size=1m,mode=0700") != 0) {
        printf("skipped: mounting a stand-in USB stick needs root (%s)\n",
               geteuid() != 0 ? "not root" : "mount failed");
        return check_failures ? 1 : 77;
    }
    int locked_mounted = mount("none", locked, "tmpfs", MS_RDONLY, "size=1m") == 0;
    n = review_backup_places(bases, 1, places, 4);
    CHECK_MSG(n == 2, "%d places", n);
    CHECK(n >= 2 && strcmp(places[1].folder, stick) == 0 && strcmp(places[1].name, "STICK") == 0);
    /* At most max places. */
    CHECK(review_backup_places(bases, 1, places, 1) == 1);
    umount(stick);
    if (locked_mounted)
        umount(locked);
    return check_exit();
}
