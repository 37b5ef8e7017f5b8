/* The Video4Linux2 camera source: YUYV frames by memory-mapped streaming,
 * converted to RGBA. Compressed formats (MJPEG) are not decoded. */
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "camera.h"

/* Enough to keep the camera busy while one frame is converted, few enough
 * to keep the delay from lens to screen short. */
#define V4L2_BUFFERS 4
#define WANT_WIDTH 640
#define WANT_HEIGHT 480

typedef struct V4l2Source {
    char path[256];
    int fd; /* -1 when closed */
    int width, height, pitch;
    size_t min_bytes; /* the least a complete frame takes in a buffer */
    unsigned nbuffers;
    struct {
        void *start;
        size_t length;
    } buffers[V4L2_BUFFERS];
    bool streaming;
} V4l2Source;

/* ioctl, repeated when a signal interrupts it. */
static int xioctl(int fd, unsigned long request, void *arg)
{
    int r;
    do
        r = ioctl(fd, request, arg);
    while (r < 0 && errno == EINTR);
    return r;
}

/* errno's text into detail (strerror_r, as this runs on the capture thread). */
static void errno_detail(int e, const char *what, char *detail, size_t len)
{
    char text[128];
    if (strerror_r(e, text, sizeof text) != 0)
        snprintf(text, sizeof text, "error %d", e);
    snprintf(detail, len, "%s%s%s", what, *what ? ": " : "", text);
}

/* The fault an errno from opening or setting up the device stands for. */
static CameraFault errno_fault(int e)
{
    switch (e) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
    case EISDIR:
    case ENOTTY: /* not a V4L2 device */
        return CAMERA_FAULT_NO_DEVICE;
    case EACCES:
    case EPERM:
        return CAMERA_FAULT_DENIED;
    case EBUSY:
        return CAMERA_FAULT_BUSY;
    default:
        return CAMERA_FAULT_START;
    }
}

/* The detail and fault for the errno of a failed call; what names the call. */
static CameraFault errno_failure(const char *what, char *detail, size_t len)
{
    int e = errno;
    errno_detail(e, what, detail, len);
    return errno_fault(e);
}

/* Names the formats the device offers ("MJPG, H264"), for the refusal. */
static void list_formats(int fd, char *out, size_t len)
{
    out[0] = '\0';
    struct v4l2_fmtdesc d = {.type = V4L2_BUF_TYPE_VIDEO_CAPTURE};
    for (d.index = 0; d.index < 8 && xioctl(fd, VIDIOC_ENUM_FMT, &d) == 0; d.index++) {
        size_t n = strlen(out);
        snprintf(out + n, len - n, "%s%c%c%c%c", n ? ", " : "", (char)(d.pixelformat & 0xff),
                 (char)(d.pixelformat >> 8 & 0xff), (char)(d.pixelformat >> 16 & 0xff),
                 (char)(d.pixelformat >> 24 & 0xff));
    }
}

static CameraFault check_device(V4l2Source *s, char *detail, size_t len)
{
    struct stat st;
    if (fstat(s->fd, &st) != 0)
        return errno_failure("cannot examine it", detail, len);
    if (!S_ISCHR(st.st_mode)) {
        snprintf(detail, len, "not a device");
        return CAMERA_FAULT_NO_DEVICE;
    }
    struct v4l2_capability cap;
    memset(&cap, 0, sizeof cap);
    if (xioctl(s->fd, VIDIOC_QUERYCAP, &cap) != 0)
        return errno_failure("not a video device", detail, len);
    uint32_t caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ? cap.device_caps : cap.capabilities;
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE)) {
        snprintf(detail, len, "not a video capture device");
        return CAMERA_FAULT_NO_DEVICE;
    }
    if (!(caps & V4L2_CAP_STREAMING)) {
        snprintf(detail, len, "the device cannot stream frames");
        return CAMERA_FAULT_UNSUPPORTED;
    }
    return CAMERA_FAULT_NONE;
}

static CameraFault set_format(V4l2Source *s, char *detail, size_t len)
{
    struct v4l2_format f;
    memset(&f, 0, sizeof f);
    f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    f.fmt.pix.width = WANT_WIDTH;
    f.fmt.pix.height = WANT_HEIGHT;
    f.fmt.pix.pixelformat = V4L2_PIX_FMT_YUYV;
    f.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(s->fd, VIDIOC_S_FMT, &f) != 0)
        return errno_failure("cannot set the picture format", detail, len);
    if (f.fmt.pix.pixelformat != V4L2_PIX_FMT_YUYV) {
        char offered[64];
        list_formats(s->fd, offered, sizeof offered);
        snprintf(detail, len,
                 "it offers %s pictures but not YUYV, and compressed pictures such as MJPEG are "
                 "not supported",
                 offered[0] ? offered : "no known");
        return CAMERA_FAULT_UNSUPPORTED;
    }
    /* Accept the driver's size, within what the conversion handles: YUYV
     * pairs pixels, so the width must be even. */
    uint32_t w = f.fmt.pix.width, h = f.fmt.pix.height, pitch = f.fmt.pix.bytesperline;
    if (w < 2 || h < 1 || w > CAMERA_MAX_SIDE || h > CAMERA_MAX_SIDE || w % 2 ||
        f.fmt.pix.field == V4L2_FIELD_ALTERNATE) {
        snprintf(detail, len, "frames of %ux%u pixels cannot be shown", (unsigned)w, (unsigned)h);
        return CAMERA_FAULT_UNSUPPORTED;
    }
    if (pitch < w * 2)
        pitch = w * 2;
    s->width = (int)w;
    s->height = (int)h;
    s->pitch = (int)pitch;
    s->min_bytes = (size_t)pitch * (h - 1) + (size_t)w * 2;
    return CAMERA_FAULT_NONE;
}

static CameraFault start_streaming(V4l2Source *s, char *detail, size_t len)
{
    struct v4l2_requestbuffers req = {
        .count = V4L2_BUFFERS, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP};
    if (xioctl(s->fd, VIDIOC_REQBUFS, &req) != 0)
        return errno_failure("cannot get frame buffers", detail, len);
    if (req.count < 2) {
        snprintf(detail, len, "the device gave %u frame buffers", (unsigned)req.count);
        return CAMERA_FAULT_START;
    }
    /* The driver may give more than asked; use no more than were asked for
     * (the rest are simply never queued). */
    unsigned count = req.count < V4L2_BUFFERS ? req.count : V4L2_BUFFERS;
    while (s->nbuffers < count) {
        struct v4l2_buffer b = {
            .index = s->nbuffers, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP};
        if (xioctl(s->fd, VIDIOC_QUERYBUF, &b) != 0)
            return errno_failure("cannot query a frame buffer", detail, len);
        void *p = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd, b.m.offset);
        if (p == MAP_FAILED)
            return errno_failure("cannot map a frame buffer", detail, len);
        s->buffers[s->nbuffers].start = p;
        s->buffers[s->nbuffers].length = b.length;
        s->nbuffers++;
        if (xioctl(s->fd, VIDIOC_QBUF, &b) != 0)
            return errno_failure("cannot queue a frame buffer", detail, len);
    }
    enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(s->fd, VIDIOC_STREAMON, &type) != 0)
        return errno_failure("cannot start streaming", detail, len);
    s->streaming = true;
    return CAMERA_FAULT_NONE;
}

static CameraFault v4l2_open(void *ctx, int *width, int *height, char *detail, size_t len)
{
    V4l2Source *s = ctx;
    /* Non-blocking, so a dequeue with no frame ready returns at once; the
     * waiting is done by poll with a timeout. */
    s->fd = open(s->path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (s->fd < 0)
        return errno_failure("", detail, len);
    CameraFault fault = check_device(s, detail, len);
    if (fault == CAMERA_FAULT_NONE)
        fault = set_format(s, detail, len);
    if (fault == CAMERA_FAULT_NONE)
        fault = start_streaming(s, detail, len);
    *width = s->width;
    *height = s->height;
    return fault;
}

static int v4l2_read(void *ctx, unsigned char *rgba, int timeout_ms, char *detail, size_t len)
{
    V4l2Source *s = ctx;
    struct pollfd p = {.fd = s->fd, .events = POLLIN};
    int r = poll(&p, 1, timeout_ms);
    if (r < 0 && errno == EINTR)
        return 0;
    if (r < 0) {
        errno_detail(errno, "waiting for a frame", detail, len);
        return -1;
    }
    if (r == 0)
        return 0;
    struct v4l2_buffer b = {.type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP};
    if (xioctl(s->fd, VIDIOC_DQBUF, &b) != 0) {
        if (errno == EAGAIN && !(p.revents & (POLLERR | POLLHUP | POLLNVAL)))
            return 0;
        if (errno == EAGAIN)
            snprintf(detail, len, "the device reported an error");
        else
            errno_detail(errno, "reading a frame", detail, len);
        return -1;
    }
    /* A frame the driver marks as damaged, or one shorter than a whole
     * frame, is skipped rather than shown half-drawn. */
    bool whole = b.index < s->nbuffers && !(b.flags & V4L2_BUF_FLAG_ERROR) &&
                 b.bytesused >= s->min_bytes && s->buffers[b.index].length >= s->min_bytes;
    if (whole)
        camera_yuyv_to_rgba(s->buffers[b.index].start, s->pitch, s->width, s->height, rgba);
    if (xioctl(s->fd, VIDIOC_QBUF, &b) != 0) {
        errno_detail(errno, "handing a frame buffer back", detail, len);
        return -1;
    }
    return whole ? 1 : 0;
}

static void v4l2_close(void *ctx)
{
    V4l2Source *s = ctx;
    if (s->streaming) {
        enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        xioctl(s->fd, VIDIOC_STREAMOFF, &type);
    }
    for (unsigned i = 0; i < s->nbuffers; i++)
        munmap(s->buffers[i].start, s->buffers[i].length);
    if (s->fd >= 0)
        close(s->fd);
    SDL_free(s);
}

int camera_v4l2_source(const char *path, CameraSource *out, char *err, size_t errlen)
{
    if (!path)
        path = CAMERA_DEFAULT_DEVICE;
    V4l2Source *s = SDL_calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (strlen(path) >= sizeof s->path) {
        snprintf(err, errlen, "the camera's device name is too long");
        SDL_free(s);
        return -1;
    }
    snprintf(s->path, sizeof s->path, "%s", path);
    s->fd = -1;
    *out = (CameraSource){
        .name = s->path, .ctx = s, .open = v4l2_open, .read = v4l2_read, .close = v4l2_close};
    return 0;
}

static unsigned char clamp_channel(int v)
{
    /* v is the channel times 256; clamped before the shift so no negative
     * value is shifted. */
    return v <= 0 ? 0 : v >= 255 * 256 ? 255 : (unsigned char)(v >> 8);
}

/* BT.601 limited-range YUV to RGB in 8.8 fixed point, with the usual
 * integer coefficients (298 = 1.164 * 256, 409 = 1.596 * 256,
 * 100 = 0.391 * 256, 208 = 0.813 * 256, 516 = 2.018 * 256). */
static void yuv_pixel(int y, int u, int v, unsigned char *out)
{
    int c = 298 * (y - 16) + 128, d = u - 128, e = v - 128;
    out[0] = clamp_channel(c + 409 * e);
    out[1] = clamp_channel(c - 100 * d - 208 * e);
    out[2] = clamp_channel(c + 516 * d);
    out[3] = 255;
}

void camera_yuyv_to_rgba(const unsigned char *yuyv, int yuyv_pitch, int width, int height,
                         unsigned char *rgba)
{
    for (int row = 0; row < height; row++) {
        const unsigned char *in = yuyv + (size_t)row * (size_t)yuyv_pitch;
        unsigned char *out = rgba + (size_t)row * (size_t)width * 4;
        for (int x = 0; x < width; x += 2, in += 4, out += 8) {
            yuv_pixel(in[0], in[1], in[3], out);
            yuv_pixel(in[2], in[1], in[3], out + 4);
        }
    }
}
