/* The camera without a camera: frames of the fake source flow through the
 * capture thread to the reader as the split mirror of the right frame;
 * failures at open, mid-session and by silence end in CAMERA_FAILED with
 * a message and a finished thread; destroy joins at any moment; reading
 * never waits for the source; the V4L2 source on paths that are no camera;
 * the YUYV conversion. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "camera.h"
#include "camera_fake.h"
#include "check.h"
#include "splitmirror.h"

#define FALLBACK ", so the guided movements are shown instead."

static Camera *fake_camera(CameraFakeConfig cfg, CameraFakeProbe *probe, Side affected)
{
    cfg.probe = probe;
    CameraSource src;
    char err[CAMERA_MESSAGE_MAX];
    if (camera_fake_source(&cfg, &src, err, sizeof err) != 0)
        return NULL;
    Camera *cam = camera_create(&src, affected, err, sizeof err);
    CHECK_MSG(cam != NULL, "%s", err);
    return cam;
}

/* Polls until the camera is in state with at least min_frames frames, or
 * limit_ms pass; returns the last status seen. */
static CameraStatus wait_for(Camera *cam, CameraState state, uint64_t min_frames, int limit_ms)
{
    CameraStatus st;
    Uint64 end = SDL_GetTicks64() + (Uint64)limit_ms;
    for (;;) {
        camera_status(cam, &st);
        if ((st.state == state && st.frames >= min_frames) || SDL_GetTicks64() > end)
            return st;
        SDL_Delay(2);
    }
}

/* Polls until the source has been closed, that is the capture thread has
 * finished; returns whether it was within limit_ms. */
static int wait_closed(CameraFakeProbe *probe, int limit_ms)
{
    Uint64 end = SDL_GetTicks64() + (Uint64)limit_ms;
    while (!SDL_AtomicGet(&probe->closed) && SDL_GetTicks64() <= end)
        SDL_Delay(2);
    return SDL_AtomicGet(&probe->closed);
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Copies the newest frame out with a padded pitch and checks it is frame
 * number *seen of the fake pattern, split-mirrored for affected, with the
 * padding untouched. */
static void check_latest(Camera *cam, int w, int h, Side affected, uint64_t *seen)
{
    const int pad = 12;
    int pitch = w * 4 + pad;
    unsigned char *got = malloc((size_t)pitch * (size_t)h);
    unsigned char *raw = malloc((size_t)w * (size_t)h * 4);
    unsigned char *want = malloc((size_t)w * (size_t)h * 4);
    memset(got, 0xEE, (size_t)pitch * (size_t)h);
    uint64_t before = *seen;
    CHECK(camera_copy_latest(cam, got, pitch, seen) == 1);
    CHECK(*seen > before);

    camera_fake_pattern(raw, w, h, (uint32_t)*seen);
    PixelBuffer src = {raw, w, h, w * 4, 4}, dst = {want, w, h, w * 4, 4};
    CHECK(splitmirror_selfie(&src, &dst, affected) == 0);
    for (int y = 0; y < h; y++) {
        const unsigned char *row = got + (size_t)y * (size_t)pitch;
        CHECK_MSG(memcmp(row, want + (size_t)y * (size_t)w * 4, (size_t)w * 4) == 0,
                  "%dx%d affected %s: row %d of frame %llu is not the split mirror", w, h,
                  side_name(affected), y, (unsigned long long)*seen);
        for (int i = w * 4; i < pitch; i++)
            CHECK(row[i] == 0xEE);
    }
    free(got);
    free(raw);
    free(want);
}

static void test_frames_flow(void)
{
    static const struct {
        int w, h;
        Side first;
    } cases[] = {{16, 6, SIDE_RIGHT}, {15, 5, SIDE_LEFT}, {1, 1, SIDE_RIGHT}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int w = cases[i].w, h = cases[i].h;
        CameraFakeProbe probe = {{0}, {0}, {0}};
        Camera *cam = fake_camera((CameraFakeConfig){.width = w, .height = h, .frame_ms = 4},
                                  &probe, cases[i].first);
        CameraStatus st = wait_for(cam, CAMERA_RUNNING, 5, 5000);
        CHECK(st.state == CAMERA_RUNNING && st.fault == CAMERA_FAULT_NONE);
        CHECK(st.width == w && st.height == h && st.frames >= 5 && st.message[0] == '\0');

        uint64_t seen = 0;
        check_latest(cam, w, h, cases[i].first, &seen);
        CHECK(seen >= 5 && seen <= (uint64_t)SDL_AtomicGet(&probe.frames));

        /* A frame read after the change uses the new side (the one being
         * read while it changes may not). */
        Side other = cases[i].first == SIDE_LEFT ? SIDE_RIGHT : SIDE_LEFT;
        camera_set_affected(cam, other);
        camera_status(cam, &st);
        wait_for(cam, CAMERA_RUNNING, st.frames + 2, 5000);
        check_latest(cam, w, h, other, &seen);

        camera_destroy(cam);
        CHECK(SDL_AtomicGet(&probe.opened) == 1 && SDL_AtomicGet(&probe.closed) == 1);
    }
}

/* Nothing new to copy: 0, and the buffer is left alone. */
static void test_no_newer_frame(void)
{
    CameraFakeProbe probe = {{0}, {0}, {0}};
    Camera *cam = fake_camera((CameraFakeConfig){.width = 4, .height = 2, .frame_ms = 4000}, &probe,
                              SIDE_LEFT);
    unsigned char buf[4 * 2 * 4];
    memset(buf, 0x5A, sizeof buf);
    uint64_t seen = 0;
    CameraStatus st;
    camera_status(cam, &st);
    CHECK(st.state == CAMERA_STARTING && st.frames == 0);
    CHECK(camera_copy_latest(cam, buf, 16, &seen) == 0 && seen == 0);
    for (size_t i = 0; i < sizeof buf; i++)
        CHECK(buf[i] == 0x5A);
    camera_destroy(cam);
    CHECK(SDL_AtomicGet(&probe.closed) == 1);
}

static void test_open_faults(void)
{
    static const struct {
        CameraFault fault;
        const char *sentence;
    } cases[] = {
        {CAMERA_FAULT_NO_DEVICE, "No camera was found"},
        {CAMERA_FAULT_DENIED, "The trainer is not allowed to use the camera"},
        {CAMERA_FAULT_BUSY, "The camera is in use by another program"},
        {CAMERA_FAULT_UNSUPPORTED, "The camera gives pictures the trainer cannot show"},
        {CAMERA_FAULT_START, "The camera could not be started"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CameraFakeProbe probe = {{0}, {0}, {0}};
        Camera *cam = fake_camera(
            (CameraFakeConfig){
                .width = 8, .height = 4, .frame_ms = 4, .open_fault = cases[i].fault},
            &probe, SIDE_LEFT);
        CameraStatus st = wait_for(cam, CAMERA_FAILED, 0, 5000);
        CHECK(st.state == CAMERA_FAILED && st.fault == cases[i].fault && st.frames == 0);
        char want[CAMERA_MESSAGE_MAX];
        snprintf(want, sizeof want, "%s (fake camera: the fake camera refuses to open)" FALLBACK,
                 cases[i].sentence);
        CHECK_MSG(strcmp(st.message, want) == 0, "\"%s\"", st.message);
        CHECK_MSG(wait_closed(&probe, 5000), "fault %d: the source was not closed", (int)i);
        uint64_t seen = 0;
        unsigned char buf[8 * 4 * 4];
        CHECK(camera_copy_latest(cam, buf, 32, &seen) == 0);
        camera_destroy(cam);
    }
}

static void test_fails_mid_session(void)
{
    CameraFakeProbe probe = {{0}, {0}, {0}};
    Camera *cam =
        fake_camera((CameraFakeConfig){.width = 6, .height = 3, .frame_ms = 3, .fail_after = 3},
                    &probe, SIDE_RIGHT);
    CameraStatus st = wait_for(cam, CAMERA_FAILED, 0, 5000);
    CHECK(st.state == CAMERA_FAILED && st.fault == CAMERA_FAULT_LOST && st.frames == 3);
    CHECK_MSG(strcmp(st.message, "The camera stopped working (fake camera: the fake camera was "
                                 "unplugged after 3 frames)" FALLBACK) == 0,
              "\"%s\"", st.message);
    /* The thread ends on its own: the source is closed before destroy. */
    CHECK(wait_closed(&probe, 5000));
    camera_status(cam, &st);
    CHECK(st.state == CAMERA_FAILED && st.frames == 3);
    camera_destroy(cam);
}

static void test_stalls(void)
{
    CameraFakeProbe probe = {{0}, {0}, {0}};
    Camera *cam =
        fake_camera((CameraFakeConfig){.width = 6, .height = 3, .frame_ms = 3, .stall_after = 2},
                    &probe, SIDE_RIGHT);
    CameraStatus st = wait_for(cam, CAMERA_RUNNING, 2, 5000);
    Uint64 silent_from = SDL_GetTicks64();
    CHECK(st.frames == 2);
    st = wait_for(cam, CAMERA_FAILED, 0, CAMERA_STALL_MS + 5000);
    Uint64 silent_ms = SDL_GetTicks64() - silent_from;
    CHECK(st.state == CAMERA_FAILED && st.fault == CAMERA_FAULT_STALLED && st.frames == 2);
    /* Not failed early; the second frame may have been seen late on a busy machine. */
    CHECK_MSG(silent_ms + 1000 >= CAMERA_STALL_MS, "failed after %llu ms of silence",
              (unsigned long long)silent_ms);
    CHECK(starts_with(st.message, "The camera stopped sending pictures (fake camera: no picture"));
    CHECK(ends_with(st.message, FALLBACK));
    CHECK(wait_closed(&probe, 5000));
    camera_destroy(cam);
}

/* Destroy at every moment: before the source is open, while frames flow,
 * while a slow source is waiting for its frame; it always joins the
 * thread (the source is closed when it returns) and does so quickly. */
static void test_destroy_joins(void)
{
    camera_destroy(NULL);
    for (int i = 0; i < 24; i++) {
        CameraFakeProbe probe = {{0}, {0}, {0}};
        int slow = i % 3 == 2;
        Camera *cam =
            fake_camera((CameraFakeConfig){.width = 64, .height = 48, .frame_ms = slow ? 10000 : 2},
                        &probe, SIDE_LEFT);
        if (i % 3 == 1)
            wait_for(cam, CAMERA_RUNNING, 3, 5000);
        else if (slow)
            SDL_Delay(30);
        Uint64 start = SDL_GetTicks64();
        camera_destroy(cam);
        Uint64 took = SDL_GetTicks64() - start;
        CHECK(SDL_AtomicGet(&probe.closed) == 1);
        CHECK_MSG(took < CAMERA_READ_TIMEOUT_MS + 900, "destroy took %llu ms",
                  (unsigned long long)took);
    }
}

/* A source that takes 300 ms a frame: status and copies on the render
 * thread still return at once. Had the reader to wait for the source, most
 * calls would take tens of milliseconds; a call now and then may be slow
 * only because the machine is busy. Also measures the copy of a 640x480
 * frame. */
static void test_reader_never_blocks(void)
{
    CameraFakeProbe probe = {{0}, {0}, {0}};
    Camera *cam = fake_camera((CameraFakeConfig){.width = 640, .height = 480, .frame_ms = 300},
                              &probe, SIDE_RIGHT);
    unsigned char *frame = malloc(640 * 480 * 4);
    uint64_t seen = 0, worst = 0, copy_total = 0, freq = SDL_GetPerformanceFrequency();
    int copies = 0, calls = 0, slow = 0;
    Uint64 end = SDL_GetTicks64() + 1500;
    while (SDL_GetTicks64() < end) {
        CameraStatus st;
        uint64_t t0 = SDL_GetPerformanceCounter();
        camera_status(cam, &st);
        int copied = camera_copy_latest(cam, frame, 640 * 4, &seen);
        uint64_t dt = SDL_GetPerformanceCounter() - t0;
        worst = dt > worst ? dt : worst;
        slow += dt * 1000 > freq * 20;
        if (copied) {
            copies++;
            copy_total += dt;
        }
        calls++;
        SDL_Delay(1);
    }
    double worst_ms = 1000.0 * (double)worst / (double)freq;
    CHECK(copies >= 2);
    CHECK_MSG(slow * 20 <= calls, "%d of %d reads of the camera took over 20 ms", slow, calls);
    printf("reader: %d calls, worst %.3f ms; %d copies of 640x480, mean %.3f ms\n", calls, worst_ms,
           copies, copies ? 1000.0 * (double)copy_total / (double)freq / copies : 0.0);
    free(frame);
    camera_destroy(cam);
}

/* The V4L2 source on paths that are not cameras: a clear message, no crash. */
static void test_v4l2_no_device(void)
{
    char file[] = "/tmp/gmi-camera-XXXXXX";
    int fd = mkstemp(file);
    CHECK(fd >= 0);
    close(fd);
    static const char missing[] = "/nonexistent/video9";
    const struct {
        const char *path;
        CameraFault fault;
        const char *detail;
    } cases[] = {
        {missing, CAMERA_FAULT_NO_DEVICE, "No such file or directory"},
        {"/dev/null", CAMERA_FAULT_NO_DEVICE, "not a video device"},
        {file, CAMERA_FAULT_NO_DEVICE, "not a device"},
        {"/", CAMERA_FAULT_NO_DEVICE, "Is a directory"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CameraSource src;
        char err[CAMERA_MESSAGE_MAX];
        CHECK(camera_v4l2_source(cases[i].path, &src, err, sizeof err) == 0);
        Camera *cam = camera_create(&src, SIDE_LEFT, err, sizeof err);
        CameraStatus st = wait_for(cam, CAMERA_FAILED, 0, 5000);
        char want[CAMERA_MESSAGE_MAX];
        snprintf(want, sizeof want, "No camera was found (%s: %s", cases[i].path, cases[i].detail);
        CHECK(st.state == CAMERA_FAILED && st.fault == cases[i].fault);
        CHECK_MSG(starts_with(st.message, want) && ends_with(st.message, FALLBACK), "\"%s\"",
                  st.message);
        camera_destroy(cam);
    }
    /* The exact wording for the usual case. */
    CameraSource src;
    char err[CAMERA_MESSAGE_MAX];
    CHECK(camera_v4l2_source(missing, &src, err, sizeof err) == 0);
    Camera *cam = camera_create(&src, SIDE_LEFT, err, sizeof err);
    CameraStatus st = wait_for(cam, CAMERA_FAILED, 0, 5000);
    CHECK_MSG(strcmp(st.message, "No camera was found (/nonexistent/video9: No such file or "
                                 "directory), so the guided movements are shown instead.") == 0,
              "\"%s\"", st.message);
    camera_destroy(cam);

    /* A device name too long is refused, never cut short. */
    char long_name[400];
    memset(long_name, 'v', sizeof long_name - 1);
    long_name[0] = '/';
    long_name[sizeof long_name - 1] = '\0';
    CHECK(camera_v4l2_source(long_name, &src, err, sizeof err) == -1);
    CHECK_MSG(strstr(err, "too long") != NULL, "%s", err);

    /* Permission denied; root opens any file, so only checked for others. */
    if (geteuid() != 0) {
        CHECK(chmod(file, 0) == 0);
        CHECK(camera_v4l2_source(file, &src, err, sizeof err) == 0);
        cam = camera_create(&src, SIDE_LEFT, err, sizeof err);
        st = wait_for(cam, CAMERA_FAILED, 0, 5000);
        CHECK(st.fault == CAMERA_FAULT_DENIED);
        CHECK(starts_with(st.message, "The trainer is not allowed to use the camera ("));
        camera_destroy(cam);
    } else {
        printf("running as root: the permission-denied path is not exercised\n");
    }
    unlink(file);
}

/* Known BT.601 colours (limited range). */
static void test_yuyv(void)
{
    static const struct {
        unsigned char y, u, v, r, g, b;
    } cases[] = {
        {16, 128, 128, 0, 0, 0},        /* black */
        {235, 128, 128, 255, 255, 255}, /* white */
        {126, 128, 128, 128, 128, 128}, /* mid grey */
        {81, 90, 240, 255, 0, 0},       /* red */
        {145, 54, 34, 0, 255, 1},       /* green */
        {41, 240, 110, 0, 0, 255},      /* blue */
        {0, 0, 0, 0, 135, 0},           /* out of range: clamped, not wrapped */
        {255, 255, 255, 255, 125, 255},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char in[4] = {cases[i].y, cases[i].u, cases[i].y, cases[i].v}, out[8];
        camera_yuyv_to_rgba(in, 4, 2, 1, out);
        for (int x = 0; x < 2; x++) {
            const unsigned char *q = out + 4 * x;
            CHECK_MSG(q[0] == cases[i].r && q[1] == cases[i].g && q[2] == cases[i].b && q[3] == 255,
                      "Y %d U %d V %d gave %d %d %d %d", cases[i].y, cases[i].u, cases[i].v, q[0],
                      q[1], q[2], q[3]);
        }
    }

    /* Each pixel of a pair has its own Y; rows follow the source pitch. */
    const unsigned char in[2 * 6] = {235, 128, 16, 128, 0xEE, 0xEE, 16, 128, 235, 128, 0xEE, 0xEE};
    const unsigned char want[2 * 2 * 4] = {255, 255, 255, 255, 0,   0,   0,   255,
                                           0,   0,   0,   255, 255, 255, 255, 255};
    unsigned char out[sizeof want];
    camera_yuyv_to_rgba(in, 6, 2, 2, out);
    CHECK(memcmp(out, want, sizeof want) == 0);
}

int main(void)
{
    SDL_Init(0);
    test_frames_flow();
    test_no_newer_frame();
    test_open_faults();
    test_fails_mid_session();
    test_stalls();
    test_destroy_joins();
    test_reader_never_blocks();
    test_v4l2_no_device();
    test_yuyv();
    SDL_Quit();
    return check_exit();
}
