"""Write assets/source/parts.json, the table of the body-part pictures.

The table is long and regular (every combination of posture and view twice,
lit once from each side, the rows going round the skin tones and shapes),
so it is written by this script rather than by hand:

    python3 assets/source/parts_table.py

See README.md, "Body parts", for what the fields mean.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# the right leg's bones: the knee's picture keeps the vertices weighted to them
LEG = ["upperleg01.R", "upperleg02.R", "lowerleg01.R", "lowerleg02.R", "foot.R"] + \
      ["toe%d-%d.R" % (t, s) for t in range(1, 6) for s in range(1, 4) if not (t == 1 and s == 3)]
# the sports suit's leggings cut at mid-thigh: shorts
SHORTS = [{"from": "lowerleg01.R:head", "to": "upperleg01.R:head", "cut": 0.47}]
# the arms lowered from the mesh's rest pose to the sides, the elbows bent a
# little, the hands in front of the thighs (the shoulder and neck pictures)
ARMS = {"upperarm01.R": [["y", -40]], "upperarm01.L": [["y", 40]],
        "lowerarm01.R": [["x", 40]], "lowerarm01.L": [["x", 40]]}
# the arms hanging loose by the sides, the hands beside the thighs: the back
# pictures show the hips, where hands held in front met in the middle
ARMS_HANGING = dict(ARMS, **{"lowerarm01.R": [["x", 8]], "lowerarm01.L": [["x", 8]]})
# the soft crop of every view that shows the face: the head fades out from
# just above the mouth
FACE = [{"from": "neck03:head", "to": "head:tail", "range": [0.1, 0.32]}]


def neck(turn=0, tilt=0, down=0):
    """The head turned to the person's right by turn, tilted to the right by
    tilt and bent down by down degrees, shared over the neck and head."""
    r = []
    if down:
        r.append(["x", down / 4.0])
    if tilt:
        r.append(["y", -tilt / 4.0])
    if turn:
        r.append(["z", -turn / 4.0])
    return {b: r for b in ("neck01", "neck02", "neck03", "head")}


def arm(upper, elbow=(), hand=()):
    """The right arm's rotations: upper arm, forearm (elbow) and wrist."""
    out = {"upperarm01.R": list(upper)}
    if elbow:
        out["lowerarm01.R"] = list(elbow)
    if hand:
        out["wrist.R"] = list(hand)
    return out


def trunk(turn=0, bend=0, forward=0):
    """The trunk turned to the person's right by turn, bent sideways to the
    right by bend and forwards by forward degrees, shared over the spine."""
    r = []
    if forward:
        r.append(["x", forward / 5.0])
    if bend:
        r.append(["y", -bend / 5.0])
    if turn:
        r.append(["z", -turn / 5.0])
    return {b: r for b in ("spine05", "spine04", "spine03", "spine02", "spine01")}


# both hips and knees bent 90 degrees: sitting
SIT = {"upperleg01.R": [["x", -90]], "lowerleg01.R": [["x", 90]],
       "upperleg01.L": [["x", -90]], "lowerleg01.L": [["x", 90]]}


def leg(hip, knee):
    """The right hip flexed by hip and the knee by knee degrees."""
    return {"upperleg01.R": [["x", -hip]], "lowerleg01.R": [["x", knee]]}


TABLES = {
 "parts": {
  "knee": {"outfit": {"female": "sport-f", "male": "sport-m"}, "bones": LEG,
           "fades": [{"from": "lowerleg01.R:head", "to": "upperleg01.R:head", "range": [0.52, 0.8]}],
           "cap": {"fade": 0, "at": 0.76, "own_at": 0.5, "bone": "upperleg01.R"}, "keep_skin_under": ["female_sportsuit01"],
           "cloth_offset": 0.006},
  "neck": {"outfit": {"female": "casual-f-short", "male": "casual-m"},
           "fades": [{"from": "neck01:head", "to": "spine03:head", "range": [0.25, 0.5]},
                     {"from": "shoulder01.R:tail", "to": "lowerarm01.R:head", "range": [0.15, 0.5]},
                     {"from": "shoulder01.L:tail", "to": "lowerarm01.L:head", "range": [0.15, 0.5]}]},
  "shoulder": {"outfit": {"female": "casual-f", "male": "casual-m"},
           "fades": [{"from": "spine01:head", "to": "root:head", "range": [0.55, 0.8]}]},
  "back": {"outfit": {"female": "casual-f", "male": "casual-m"},
           "fades": [{"from": "upperleg02.R:head", "to": "lowerleg01.R:head", "range": [0.2, 0.5]},
                     {"from": "upperleg02.L:head", "to": "lowerleg01.L:head", "range": [0.2, 0.5]}]}
 },
 "outfits": {
  "sport-f": {"clothes": ["female_sportsuit01"], "hair": "bob02",
              "colours": {"female_sportsuit01": [0.2, 0.3, 0.45], "shoes01": [0.85, 0.85, 0.85]},
              "trims": {"female_sportsuit01": SHORTS}},
  "sport-m": {"clothes": ["female_sportsuit01"], "hair": "short02",
              "colours": {"female_sportsuit01": [0.3, 0.32, 0.3], "shoes06": [0.3, 0.3, 0.32]},
              "trims": {"female_sportsuit01": SHORTS}},
  "casual-f": {"clothes": ["female_casualsuit01", "shoes01"], "hair": "bob02",
              "colours": {"female_casualsuit01": [0.55, 0.62, 0.7], "shoes01": [0.85, 0.85, 0.85]}},
  "casual-f-short": {"clothes": ["female_casualsuit01", "shoes01"], "hair": "short04",
              "colours": {"female_casualsuit01": [0.62, 0.45, 0.5], "shoes01": [0.85, 0.85, 0.85]}},
  "casual-m": {"clothes": ["male_casualsuit02", "shoes06"], "hair": "short02",
              "colours": {"male_casualsuit02": [0.45, 0.5, 0.42], "shoes06": [0.3, 0.3, 0.32]}}
 },
 "hair_colours": {"light": [0.45, 0.33, 0.2], "medium": [0.12, 0.09, 0.07], "dark": [0.06, 0.05, 0.045],
                  "older": [0.62, 0.6, 0.58]},
 "views": {
  "knee": {"front": {"dir": [0, -1, -0.1], "up": [0, 0, 1], "distance": 2.5},
           "outer": {"dir": [-1, 0, 0.1], "up": [0, 0, 1], "distance": 2.5},
           "inner": {"dir": [1, 0, 0.1], "up": [0, 0, 1], "distance": 2.5},
           "back": {"dir": [0, 1, 0.0], "up": [0, 0, 1], "distance": 2.5},
           "frontquarter": {"dir": [-0.7, -0.7, -0.1], "up": [0, 0, 1], "distance": 2.5},
           "backquarter": {"dir": [-0.7, 0.7, 0.0], "up": [0, 0, 1], "distance": 2.5},
           "low": {"dir": [-0.3, -1, -0.45], "up": [0, 0, 1], "distance": 2.5},
           "own": {"dir": [0.12, -0.03, 1], "up": [0, -1, 0], "distance": 1.1, "kind": "own",
                   "screen_fade": 0.15, "fade_range": [0.3, 1.0]}},
  "neck": {"front": {"dir": [0, -1, 0.1], "up": [0, 0, 1], "distance": 2.0, "fades": FACE},
           "back": {"dir": [0, 1, 0.1], "up": [0, 0, 1], "distance": 2.0},
           "frontright": {"dir": [-0.7, -0.7, 0.1], "up": [0, 0, 1], "distance": 2.0, "fades": FACE},
           "frontleft": {"dir": [0.7, -0.7, 0.1], "up": [0, 0, 1], "distance": 2.0, "fades": FACE},
           "backright": {"dir": [-0.7, 0.7, 0.1], "up": [0, 0, 1], "distance": 2.0},
           "backleft": {"dir": [0.7, 0.7, 0.1], "up": [0, 0, 1], "distance": 2.0},
           "right": {"dir": [-1, 0, 0.1], "up": [0, 0, 1], "distance": 2.0, "fades": FACE},
           "left": {"dir": [1, 0, 0.1], "up": [0, 0, 1], "distance": 2.0, "fades": FACE},
           "above": {"dir": [0, 0.35, 1], "up": [0, -1, 0], "distance": 2.0}},
  "shoulder": {"front": {"dir": [0, -1, 0.1], "up": [0, 0, 1], "distance": 2.5, "fades": FACE},
               "back": {"dir": [0, 1, 0.1], "up": [0, 0, 1], "distance": 2.5},
               "right": {"dir": [-1, 0, 0.1], "up": [0, 0, 1], "distance": 2.5, "fades": FACE},
               "left": {"dir": [1, 0, 0.1], "up": [0, 0, 1], "distance": 2.5, "fades": FACE},
               "frontright": {"dir": [-0.7, -0.7, 0.1], "up": [0, 0, 1], "distance": 2.5,
                              "fades": FACE},
               "backleft": {"dir": [0.7, 0.7, 0.1], "up": [0, 0, 1], "distance": 2.5},
               "above": {"dir": [0, 0.3, 1], "up": [0, -1, 0], "distance": 2.5}},
  "back": {"back": {"dir": [0, 1, 0.1], "up": [0, 0, 1], "distance": 3.0},
           "front": {"dir": [0, -1, 0.1], "up": [0, 0, 1], "distance": 3.0, "fades": FACE},
           "right": {"dir": [-1, 0, 0.1], "up": [0, 0, 1], "distance": 3.0, "fades": FACE},
           "left": {"dir": [1, 0, 0.1], "up": [0, 0, 1], "distance": 3.0, "fades": FACE},
           "backright": {"dir": [-0.7, 0.7, 0.1], "up": [0, 0, 1], "distance": 3.0},
           "backleft": {"dir": [0.7, 0.7, 0.1], "up": [0, 0, 1], "distance": 3.0},
           "above": {"dir": [0, 0.3, 1], "up": [0, -1, 0], "distance": 3.0}}
 },
 "postures": {
  "knee": {"_base": {},
           "straight": {},
           "bend20": leg(10, 20),
           "bend45": leg(25, 45),
           "bend60": leg(40, 60),
           "bend90": leg(60, 90),
           "heelback": leg(0, 90),
           "sit90": leg(90, 90),
           "sitext": leg(90, 25),
           "step": leg(50, 70)},
  "neck": {"_base": ARMS,
           "turn45": neck(turn=45), "turn70": neck(turn=70), "tilt30": neck(tilt=30),
           "turntilt": neck(turn=40, tilt=15), "turn20": neck(turn=20), "tilt15": neck(tilt=15),
           "turndown": neck(turn=40, down=25), "lookback": neck(turn=60, tilt=20)},
  "shoulder": {"_base": ARMS,
               "forward90": arm([["x", -90]]),
               "forward150": arm([["x", -150]]),
               "side90": arm([["y", 90]]),
               "side150": arm([["y", 150]]),
               "forward45": arm([["x", -45]]),
               "side45": arm([["y", 45]]),
               "across": arm([["x", -85], ["z", 50]], [["x", -30]]),
               "handonhead": arm([["y", 115]], [["x", -110]]),
               "behind": arm([["z", 120], ["x", 20]], [["x", -100]])},
  "back": {"_base": ARMS_HANGING,
           "turn30": trunk(turn=30), "turn50": trunk(turn=50), "bend20": trunk(bend=20),
           "bend35": trunk(bend=35), "turnbend": trunk(turn=30, bend=15),
           "turn15": trunk(turn=15), "bend10": trunk(bend=10),
           "forwardturn": trunk(turn=30, forward=30),
           "sitturn": dict(trunk(turn=40), **SIT)}
 },
 "difficulty": {
  "knee": {"views": {"front": 0, "outer": 0, "inner": 1, "back": 1, "frontquarter": 1, "own": 1,
                     "backquarter": 2, "low": 2},
           "postures": {"straight": 0, "bend45": 0, "bend60": 0, "bend90": 0, "heelback": 0, "bend20": 1,
                        "sit90": 0, "sitext": 0, "step": 0}},
  "neck": {"views": {"front": 0, "back": 0, "frontright": 1, "frontleft": 1, "backright": 1,
                     "backleft": 1, "right": 2, "left": 2, "above": 2},
           "postures": {"turn45": 0, "turn70": 0, "tilt30": 0, "turntilt": 0, "turn20": 1,
                        "tilt15": 1, "turndown": 1, "lookback": 0}},
  "shoulder": {"views": {"front": 0, "back": 0, "right": 1, "left": 1, "frontright": 1,
                         "backleft": 1, "above": 2},
               "postures": {"forward90": 0, "forward150": 0, "side90": 0, "side150": 0,
                            "handonhead": 0, "forward45": 1, "side45": 1, "across": 1,
                            "behind": 1}},
  "back": {"views": {"back": 0, "front": 0, "right": 1, "left": 1, "backright": 1,
                     "backleft": 1, "above": 2},
           "postures": {"turn30": 0, "turn50": 0, "bend20": 0, "bend35": 0, "turnbend": 0,
                        "turn15": 1, "bend10": 1, "forwardturn": 1, "sitturn": 0}}
 },
 "objects": {
  "chair": [{"shape": "box", "size": [0.42, 0.36, 0.45], "color": [0.45, 0.3, 0.2], "roughness": 0.6, "bevel": 0.02,
             "at": [["upperleg02.R", "head", 0.8], ["upperleg02.R", "tail", 0.2]], "offset": [0.0, 0.12, -0.3],
             "from": [0, 0, -1], "gap": 0.001}],
  "stool": [{"shape": "box", "size": [0.3, 0.3, 0.3], "color": [0.55, 0.55, 0.58], "roughness": 0.5, "bevel": 0.02,
             "at": [["lowerleg02.R", "tail", 1.0]], "offset": [0.0, -0.05, -0.3],
             "from": [0, 0, -1], "gap": 0.02}],
  "step": [{"shape": "box", "size": [0.36, 0.3, 0.18], "color": [0.62, 0.5, 0.38], "roughness": 0.7, "bevel": 0.01,
            "at": [["lowerleg02.R", "tail", 1.0]], "offset": [0.0, -0.05, -0.2],
            "from": [0, 0, -1], "gap": 0.02}],
  "scarf": [{"shape": "torus", "size": [0.1, 0.026], "color": [0.6, 0.16, 0.14], "roughness": 0.9,
             "at": [["neck01", "head", 1.0]], "offset": [0.0, -0.03, 0.005]}],
  "ball": [{"shape": "sphere", "size": [0.055], "color": [0.85, 0.35, 0.12], "roughness": 0.6,
            "at": [["finger3-1.R", "head", 0.5], ["metacarpal2.R", "head", 0.5]],
            "offset": [0.0, 0.0, 0.0], "from": [0, -1, 0], "gap": 0.001}],
  "shelf": [{"shape": "box", "size": [0.5, 0.25, 0.02], "color": [0.75, 0.68, 0.55], "roughness": 0.6,
             "bevel": 0.005, "at": [["finger3-3.R", "tail", 1.0]], "offset": [0.0, -0.08, -0.03]}],
  "seat": [{"shape": "box", "size": [0.36, 0.36, 0.45], "color": [0.45, 0.3, 0.2], "roughness": 0.6,
             "bevel": 0.02, "at": [["pelvis.R", "head", 1.0]], "offset": [0.0, 0.0, -0.3],
             "from": [0, 0, -1], "gap": 0.003}],
  "neckpillow": [{"shape": "torus", "size": [0.115, 0.04], "color": [0.2, 0.27, 0.42], "roughness": 0.85,
                  "at": [["neck01", "head", 1.0]], "offset": [0.0, -0.03, 0.005]}]
 },
}

# skin tone and shape of successive rows: three tones, young and older,
# female and male.  Rows come in pairs (add_pair), and the tables list a
# posture's views by turns (front, back, front, ...), so the pairs at even
# places in the list (rows 0-1, 4-5, 8-9) and those at odd places each hold
# three young and three older people, three women and three men and two of
# each tone, and so do the first rows of the pairs; the two rows of a pair
# differ in tone.  (In an order without these, every neck seen from behind
# but three was an older person's, and every one seen from the front but
# three a young one's.)
SHAPES = [("dark", "male-older"), ("light", "female"), ("light", "male-older"), ("dark", "male"),
          ("medium", "female"), ("dark", "female-older"), ("dark", "female"), ("medium", "male"),
          ("light", "male"), ("medium", "male-older"), ("medium", "female-older"), ("light", "female-older")]
SHORT = {"female": "f", "male": "m", "female-older": "of", "male-older": "om"}
rows, counter = [], [0]


def add(limb, posture, view, obj="", rots=(0,), light=None):
    """One row, in the next skin tone and shape whose id is still free."""
    while True:
        skin, shape = SHAPES[counter[0] % len(SHAPES)]
        counter[0] += 1
        base = "%s-%s-%s-%s" % (limb, obj, posture, view) if obj else \
            "%s-%s-%s" % (limb, posture, view)
        rid = "%s-%s-%s" % (base, skin, SHORT[shape])
        if all(r["id"] != rid for r in rows):
            break
    rows.append({"id": rid, "limb": limb, "posture": posture, "view": view, "object": obj,
                 "skin": skin, "shape": shape, "light": light, "rotations": list(rots)})


def add_pair(limb, posture, view, obj="", rots=(0,)):
    """Two rows of a posture and view, lit once from each side.  The pair
    takes the next two skin tones and shapes, so in one fixed order the
    first row of every pair would take the same half of SHAPES (all dark
    skin lit from the right, say) and the skin's look would tell the light;
    the order turns round with every pass through SHAPES, so each skin tone
    and shape is lit from each side about as often."""
    lights = ("left", "right") if counter[0] // len(SHAPES) % 2 == 0 else ("right", "left")
    for light in lights:
        add(limb, posture, view, obj=obj, rots=rots, light=light)


# Every combination of posture and view twice, lit once from each side: every
# light balance group is then even.  Knees may be turned by 45 degrees.
KR = [0, 45, 315]
K = [
 [(p, v) for p in ("straight", "bend45", "bend60", "bend90", "heelback") for v in ("front", "outer")],
 [("bend20", "front"), ("bend20", "outer"), ("bend45", "frontquarter"), ("bend90", "frontquarter"),
  ("straight", "inner"), ("bend60", "inner"), ("sit90", "own"), ("sitext", "own"),
  ("bend90", "inner"), ("straight", "back")],
 [(p, v) for p in ("bend45", "heelback", "straight", "bend20") for v in ("backquarter",)] +
 [(p, v) for p in ("bend45", "bend90", "heelback", "straight") for v in ("low",)] +
 [("bend20", "inner"), ("bend20", "back")],
]
for level in K:
    for p, v in level:
        add_pair("knee", p, v, rots=KR)
for o, p, views in (("chair", "sit90", ("front", "outer", "own", "frontquarter")),
                    ("stool", "sitext", ("outer", "own", "inner")),
                    ("step", "step", ("front", "outer", "frontquarter"))):
    for v in views:
        add_pair("knee", p, v, obj=o, rots=KR)
N = [
 [(p, v) for p in ("turn45", "turn70", "tilt30", "turntilt", "lookback") for v in ("front", "back")],
 [(p, v) for p in ("turn20", "tilt15", "turndown") for v in ("front", "back")] +
 [("turn45", "frontright"), ("turn70", "backleft"), ("tilt30", "frontleft"), ("turntilt", "backright")],
 [(p, v) for p in ("turn45", "turn70", "tilt30") for v in ("right", "left", "above")] + [("turntilt", "above")],
]
for level in N:
    for p, v in level:
        add_pair("neck", p, v)
for o, p, v in [("scarf", "turn45", "front"), ("scarf", "turn70", "back"), ("scarf", "tilt30", "frontright"),
                ("scarf", "turntilt", "backleft"), ("scarf", "lookback", "front"),
                ("neckpillow", "turn45", "back"), ("neckpillow", "turn70", "front"),
                ("neckpillow", "tilt30", "backright"), ("neckpillow", "turntilt", "frontleft"),
                ("neckpillow", "turn20", "above")]:
    add_pair("neck", p, v, obj=o)
S = [
 [(p, v) for p in ("forward90", "forward150", "side90", "side150", "handonhead") for v in ("front", "back")],
 [(p, v) for p in ("forward45", "side45", "across", "behind") for v in ("front", "back")] +
 [("forward90", "right"), ("side90", "backleft")],
 [(p, v) for p in ("forward90", "side90", "handonhead", "forward150") for v in ("above",)] +
 [("across", "right"), ("behind", "left"), ("forward45", "frontright"), ("side45", "backleft"),
  ("behind", "backleft"), ("across", "frontright")],
]
for level in S:
    for p, v in level:
        add_pair("shoulder", p, v)
for o, p, v in [("ball", "forward90", "front"), ("ball", "side90", "back"), ("ball", "forward150", "right"),
                ("ball", "side90", "frontright"), ("ball", "forward90", "backleft"),
                ("shelf", "forward150", "front"), ("shelf", "forward150", "back"),
                ("shelf", "forward150", "left"), ("shelf", "forward150", "frontright"),
                ("shelf", "forward150", "backleft")]:
    add_pair("shoulder", p, v, obj=o)
B = [
 [(p, v) for p in ("turn30", "turn50", "bend20", "bend35", "turnbend") for v in ("back", "front")],
 [(p, v) for p in ("turn15", "bend10", "forwardturn") for v in ("back", "front")] +
 [("turn30", "right"), ("bend20", "backright"), ("turn50", "left"), ("bend35", "backleft")],
 [(p, v) for p in ("turn30", "turn50", "bend20", "bend35", "turnbend") for v in ("above",)] +
 [("turn15", "right"), ("bend10", "backright"), ("forwardturn", "left"), ("turn15", "backleft"),
  ("bend10", "above")],
]
for level in B:
    for p, v in level:
        add_pair("back", p, v)
# Seated, the thighs point forward: seen straight from the front their cut
# ends show as hollow tubes, so sitting turned is not seen from the front
# (leaning forward, the thighs go down and fade out, and that is).
for p, v in [("sitturn", "back"), ("forwardturn", "right"), ("sitturn", "right"),
             ("sitturn", "left"), ("sitturn", "backright"), ("sitturn", "backleft"),
             ("sitturn", "above"), ("forwardturn", "back"), ("forwardturn", "front"),
             ("forwardturn", "backleft")]:
    add_pair("back", p, v, obj="seat")
TABLES["pictures"] = rows
with open(os.path.join(HERE, "parts.json"), "w", encoding="utf-8") as fh:
    json.dump(TABLES, fh, indent=1)
    fh.write("\n")
print("parts.json: %d rows" % len(rows))
