"""Measure the side cues that are not anatomy over some catalogue pictures.

The library test (tests/test_library.c, test_side_cues) holds every picture
the trainer knows to these measures; this script takes the same measures for
any rows of data/catalogue.csv picked by limb, e.g. body parts the trainer
does not show yet.  Run with Blender's Python (it has numpy):

    blender -b -P assets/source/side_cues.py -- [--root .] knee neck

Every picture is shown as stored (a right limb) and mirrored (a left one), at
rotation 0, cropped to its visible part (alpha of at least 128), over
transparent black.  Cues, each a number that changes sign with the mirror:

- light: how much brighter the left half of the picture is than its right
  half (alpha-weighted mean luma each side of the vertical line through the
  centre of mass, as a fraction of their sum);
- cut edge: the mean x of the fade that ends the part (middling alpha with
  neither background nor solid picture within 3 pixels), -0.5 .. 0.5 of the
  width, 0 when there is no fade;
- bounding box: the offset of the box round alpha >= 128 from the centre.

For each cue it prints how often the best single threshold rule ("right
when the cue is above t", or below) guesses the side, per limb and over all
of them.  As in the test, the light and the bounding box are held to 60 %
over one limb and 55 % over all, the light not over shoulders, necks and
backs (whose halves follow the movement), the cut edge not at all.  Exits 1 if a held cue
guesses more.
"""

import argparse
import csv
import os
import sys

import bpy
import numpy as np

HELD_PERCENT = 55.0      # over all the limbs measured
PART_PERCENT = 60.0      # over one limb's pictures
MOVED = ("shoulder", "neck", "back")   # whole-body movements: see cue_limbs
CUES = ("light: left half minus right half", "cut edge: across the picture",
        "bounding box: across the picture")
HELD = (True, False, True)


def load_rgba(path):
    """A PNG as an H x W x 4 array of 0..255 floats, row 0 at the top."""
    img = bpy.data.images.load(path)
    img.colorspace_settings.name = "Non-Color"
    w, h = img.size
    px = np.empty(w * h * 4, dtype=np.float32)
    img.pixels.foreach_get(px)
    bpy.data.images.remove(img)
    return np.round(px.reshape(h, w, 4)[::-1] * 255.0)


def visible(rgba):
    """The picture cropped to its visible part, premultiplied by alpha (as
    the trainer draws it over transparent black)."""
    ys, xs = np.nonzero(rgba[:, :, 3] >= 128)
    crop = rgba[ys.min():ys.max() + 1, xs.min():xs.max() + 1].copy()
    crop[:, :, :3] = np.round(crop[:, :, :3] * crop[:, :, 3:] / 255.0)
    return crop


def in_fade(alpha):
    """Pixels in the fade that ends the part (see the module's doc)."""
    h, w = alpha.shape
    mid = (alpha >= 32) & (alpha <= 224)
    ok = (alpha >= 8) & (alpha <= 247)
    inner = np.zeros_like(ok)
    inner[3:h - 3, 3:w - 3] = True
    for dy in range(-3, 4):
        for dx in range(-3, 4):
            shifted = np.zeros_like(ok)
            shifted[max(0, -dy):h - max(0, dy), max(0, -dx):w - max(0, dx)] = \
                ok[max(0, dy):h - max(0, -dy), max(0, dx):w - max(0, -dx)]
            inner &= shifted
    return mid & inner


def measure(rgba):
    """(light, cut, box) of one picture as shown."""
    h, w = rgba.shape[:2]
    a = rgba[:, :, 3]
    x = np.arange(w) + 0.5
    mass = a.sum()
    centre = (a * x[None, :]).sum() / mass if mass else w / 2.0
    luma = 0.2126 * rgba[:, :, 0] + 0.7152 * rgba[:, :, 1] + 0.0722 * rgba[:, :, 2]
    drawn = a > 0
    halves = []
    for side in (x[None, :] < centre, x[None, :] > centre):
        m = drawn & side
        wsum = a[m].sum()
        halves.append(luma[m].sum() / wsum if wsum else 0.0)
    left, right = halves
    light = (left - right) / (left + right) if left + right else 0.0
    fade = in_fade(a)
    n = fade.sum()
    cut = (np.nonzero(fade)[1] + 0.5).mean() / w - 0.5 if n >= 4 * w else 0.0
    cols = np.nonzero((a >= 128).any(axis=0))[0]
    box = ((cols[0] + cols[-1] + 1) / 2.0 - w / 2.0) / w if len(cols) else 0.0
    return light, cut, box


def best_rule(values, right):
    """The best threshold rule's hits out of len(values), as the test's."""
    order = np.argsort(values, kind="stable")
    v, r = np.asarray(values)[order], np.asarray(right)[order]
    n = len(v)
    above = r.sum()                  # t below everything: all called right
    best = max(above, n - above)
    for i in range(1, n + 1):
        above += -1 if r[i - 1] else 1
        if i < n and v[i] == v[i - 1]:
            continue
        best = max(best, above, n - above)
    return best


def cue_limbs(c, limbs):
    """The limbs among limbs over whose pictures cue c is held, as in the
    test: the light over all but shoulders, necks and backs (their halves
    follow the movement), the bounding box over all, the cut edge over none."""
    return [l for l in limbs if HELD[c] and not (CUES[c].startswith("light") and l in MOVED)]


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    ap.add_argument("limbs", nargs="+", help="catalogue limb values to measure")
    args = ap.parse_args(argv)
    with open(os.path.join(args.root, "data", "catalogue.csv"), encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["limb"] in args.limbs]
    measured = {}                     # limb -> (values per cue, right)
    for limb in args.limbs:
        mine = [r for r in rows if r["limb"] == limb and
                os.path.exists(os.path.join(args.root, "assets", r["file"]))]
        if not mine:
            continue
        values = [[] for _ in CUES]
        right = []
        for r in mine:
            pic = visible(load_rgba(os.path.join(args.root, "assets", r["file"])))
            for shown, is_right in ((pic, True), (pic[:, ::-1], False)):
                for c, v in enumerate(measure(shown)):
                    values[c].append(v)
                right.append(is_right)
        measured[limb] = (values, right)
    failed = False
    for limb in measured:
        failed |= report(limb, [limb], measured, PART_PERCENT)
    if len(measured) > 1:
        failed |= report("all of them", list(measured), measured, HELD_PERCENT)
    sys.exit(1 if failed else 0)


def report(name, limbs, measured, limit):
    """Print each cue's best rule over the pictures of limbs (measured: limb
    -> (values per cue, right)); whether a held cue guesses more than limit
    per cent."""
    print("%s: %d pictures shown as right and as left"
          % (name, sum(len(measured[l][1]) for l in limbs) // 2))
    failed = False
    for c, cue in enumerate(CUES):
        held = cue_limbs(c, limbs)
        over = held or limbs
        values = [v for l in over for v in measured[l][0][c]]
        right = [r for l in over for r in measured[l][1]]
        pct = 100.0 * best_rule(values, right) / len(right)
        note = " (anatomy: not held)" if not held else \
            " (over %s)" % ", ".join(held) if held != limbs else ""
        print("  %-36s %5.1f %%%s" % (cue, pct, note))
        failed |= bool(held) and pct > limit
    return failed


main()
