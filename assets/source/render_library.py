"""Render the GMI Trainer picture library from the MakeHuman hm08 base mesh.

Run with Blender (Cycles, works headless):

    blender -b -P assets/source/render_library.py -- --mesh ../shared/makehuman --out .

Everything that varies between pictures (posture, view, object, skin, shape,
level, light side, rotations) lives in assets/source/poses.json; this file only knows how
to turn one table row into a picture.  Knees, shoulders, necks and backs come
from assets/source/parts.json through bodyparts.py.  Outputs, relative to --out:

    assets/pictures/<id>.png   one transparent PNG per table row
    data/catalogue.csv         one row per picture
    data/landmarks.csv         projected thumb / big-toe tip per picture
    docs/contact-sheet.jpg     all pictures on one sheet (via contact_sheet.sh)

The raw renders are kept in a persistent folder (raw_cache) with the key of
everything they depend on (render_key); a row whose raw renders carry its
current key is not rendered again, only post-processed, so an interrupted run
started again with the same command continues where it stopped.

With --loops it renders the guided movements of mirror therapy instead, from
assets/source/loops.json (exercises as key postures, one skin and shape, one
fixed camera per exercise):

    assets/loops/<id>/00.png   ... one transparent PNG per frame of a cycle
    data/exercises.csv         one row per exercise
    docs/contact-sheet-loops.jpg

Coordinates: the limb is moved into a canonical frame (metres, Z up).
Hand: fingers point +Z, the palm faces -Y, the thumb side is +X.
Foot: standing on the XY plane, toes point +Y, the body's right is +X (so the
big toe of the right foot is on the -X side).
"""

import argparse
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time

import bmesh
import bpy
import numpy as np
from mathutils import Matrix, Vector
from bpy_extras.object_utils import world_to_camera_view

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bodyparts  # noqa: E402  (knee, shoulder, neck and back pictures)

HAND_BONES = ["lowerarm02.R", "wrist.R", "metacarpal1.R", "metacarpal2.R",
              "metacarpal3.R", "metacarpal4.R"] + [
    "finger%d-%d.R" % (f, s) for f in range(1, 6) for s in range(1, 4)]
FOOT_BONES = ["lowerleg02.R", "foot.R"] + [
    "toe%d-%d.R" % (t, s) for t in range(1, 6) for s in range(1, 4)
    if not (t == 1 and s == 3)]
# Bones whose weights count as "belongs to the limb" when cutting the mesh.
HAND_REGION = HAND_BONES + ["lowerarm01.R"]
FOOT_REGION = FOOT_BONES + ["lowerleg01.R"]


# --------------------------------------------------------------------------
# Source data
# --------------------------------------------------------------------------

class Source:
    """The base mesh, skeleton, weights and targets, loaded once."""

    def __init__(self, path):
        self.path = path
        verts, faces = [], []
        group = None
        with open(os.path.join(path, "base.obj")) as fh:
            for line in fh:
                if line.startswith("v "):
                    verts.append([float(x) for x in line.split()[1:4]])
                elif line.startswith("g "):
                    group = line.split()[1]
                elif line.startswith("f ") and group == "body":
                    faces.append([int(t.split("/")[0]) - 1
                                  for t in line.split()[1:]])
        self.verts = np.array(verts)
        self.faces = faces
        with open(os.path.join(path, "default.mhskel")) as fh:
            skel = json.load(fh)
        self.joints = {k: np.array(v) for k, v in skel["joints"].items()}
        self.bones = skel["bones"]
        self.planes = skel["planes"]
        with open(os.path.join(path, "default_weights.mhw")) as fh:
            self.weights = json.load(fh)["weights"]
        self._targets = {}

    def target(self, name):
        if name not in self._targets:
            off = np.zeros_like(self.verts)
            with open(os.path.join(self.path, "targets", name + ".target")) as fh:
                for line in fh:
                    if not line.strip() or line.startswith("#"):
                        continue
                    p = line.split()
                    off[int(p[0])] = [float(p[1]), float(p[2]), float(p[3])]
            self._targets[name] = off
        return self._targets[name]

    def morphed(self, targets):
        v = self.verts.copy()
        for name, w in targets.items():
            v += w * self.target(name)
        return v

    def joint(self, verts, name):
        return verts[self.joints[name]].mean(axis=0)


def linear(c):
    """sRGB colour (0..1, as written in the table) -> linear for the shader."""
    c = np.asarray(c, dtype=float)
    return tuple(np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4))


def unit(v):
    v = np.asarray(v, dtype=float)
    return v / np.linalg.norm(v)


# --------------------------------------------------------------------------
# Limb model: cut, canonical frame, armature
# --------------------------------------------------------------------------

class Limb:
    """One limb of one body shape, as a skinned Blender object."""

    def __init__(self, src, limb, shape_key, targets, cfg):
        self.src = src
        self.limb = limb
        self.cfg = cfg
        verts = src.morphed(targets)
        J = lambda n: src.joint(verts, n)
        if limb == "hand":
            bones, region = HAND_BONES, HAND_REGION
            wrist = J("wrist.R____head")
            knuckle = J("finger3-1.R____head")
            u = unit(knuckle - wrist)
            a = J("finger2-1.R____head") - J("finger5-1.R____head")
            a = unit(a - u * a.dot(u))
            n = np.cross(a, u)
            frame = np.array([a, u, n])          # rows: source axes
            canon = np.array([[1, 0, 0], [0, 0, 1], [0, -1, 0]], float)
            origin = (wrist + knuckle) / 2.0
            axis_root = wrist
            axis_dir = unit(J("lowerarm02.R____head") - wrist)
        else:
            bones, region = FOOT_BONES, FOOT_REGION
            ankle = J("foot.R____head")
            up = np.array([0.0, 1.0, 0.0])
            fwd = J("toe3-1.R____head") - ankle
            fwd = unit(fwd - up * fwd.dot(up))
            right = np.cross(fwd, up)            # body's right
            frame = np.array([right, fwd, up])
            canon = np.eye(3)
            sole_y = verts[self._region_mask(verts, region)][:, 1].min()
            origin = np.array([ankle[0], sole_y, ankle[2]])
            axis_root = ankle
            axis_dir = unit(J("lowerleg02.R____head") - ankle)
        # rotation source -> canonical, then scale decimetres -> metres
        self.rot = canon.T @ frame
        self.origin = origin
        self.scale = 0.1
        to_c = lambda p: (self.rot @ (np.asarray(p) - origin).T).T * self.scale

        # cut: limb vertices up to fade_end along the forearm / shin axis
        fade0, fade1 = cfg["fade"][limb]
        along = (verts - axis_root) @ axis_dir * self.scale
        keep = self._region_mask(verts, region) & (along < fade1 + 0.01)
        idx = np.nonzero(keep)[0]
        remap = -np.ones(len(verts), dtype=int)
        remap[idx] = np.arange(len(idx))
        faces = [[remap[i] for i in f] for f in src.faces
                 if all(keep[i] for i in f)]
        self.src_index = idx
        self.remap = remap
        co = to_c(verts[idx])
        # the skin weights may end the limb before fade1: fade out before the
        # open edge wherever it is
        edges = {}
        for f in faces:
            for a, b in zip(f, f[1:] + f[:1]):
                key = (min(a, b), max(a, b))
                edges[key] = edges.get(key, 0) + 1
        rim = [v for e, c in edges.items() if c == 1 for v in e]
        rim_along = along[idx][rim].min() if rim else fade1
        fade1 = min(fade1, rim_along - 0.003)
        fade0 = min(fade0, fade1 - 0.03)
        fade = np.clip((fade1 - along[idx]) / (fade1 - fade0), 0.0, 1.0)

        mesh = bpy.data.meshes.new("%s-%s" % (limb, shape_key))
        mesh.from_pydata([tuple(c) for c in co], [], faces)
        mesh.update()
        for p in mesh.polygons:
            p.use_smooth = True
        col = mesh.color_attributes.new("fade", "FLOAT_COLOR", "POINT")
        col.data.foreach_set("color", np.repeat(fade, 4).astype(np.float32))
        obj = bpy.data.objects.new(mesh.name, mesh)
        bpy.context.scene.collection.objects.link(obj)
        self.obj = obj
        self.cap = self._make_cap(co, along[idx], cfg["cap"][limb],
                                  self.rot @ axis_dir, mesh.name)

        # joints in canonical space
        self.jc = {}
        for b in bones:
            for end in ("head", "tail"):
                jn = src.bones[b][end]
                self.jc[jn] = to_c(J(jn))
        for b in bones:
            for jn in src.planes.get(src.bones[b]["rotation_plane"], []):
                self.jc[jn] = to_c(J(jn))

        # armature
        arm = bpy.data.armatures.new(mesh.name + "-rig")
        rig = bpy.data.objects.new(arm.name, arm)
        bpy.context.scene.collection.objects.link(rig)
        bpy.context.view_layer.objects.active = rig
        bpy.ops.object.mode_set(mode="EDIT")
        for b in bones:
            eb = arm.edit_bones.new(b)
            eb.head = Vector(self.jc[src.bones[b]["head"]])
            eb.tail = Vector(self.jc[src.bones[b]["tail"]])
        for b in bones:
            par = src.bones[b]["parent"]
            if par in bones:
                arm.edit_bones[b].parent = arm.edit_bones[par]
        bpy.ops.object.mode_set(mode="OBJECT")
        self.rig = rig
        self.bone_names = bones

        for b in bones:
            vg = obj.vertex_groups.new(name=b)
            for vi, w in src.weights.get(b, []):
                if keep[vi]:
                    vg.add([int(remap[vi])], float(w), "REPLACE")
        # weights of bones outside the chain (upper arm / thigh) go to the root
        root = bones[0]
        vg = obj.vertex_groups[root]
        for b in region:
            if b in bones:
                continue
            for vi, w in src.weights.get(b, []):
                if keep[vi]:
                    vg.add([int(remap[vi])], float(w), "ADD")
        mod = obj.modifiers.new("rig", "ARMATURE")
        mod.object = rig
        mod.use_deform_preserve_volume = True
        # the disc closing the cut turns with the forearm / shin
        cap_vg = self.cap.vertex_groups.new(name=root)
        cap_vg.add(list(range(len(self.cap.data.vertices))), 1.0, "REPLACE")
        self.cap.modifiers.new("rig", "ARMATURE").object = rig
        sub = obj.modifiers.new("smooth", "SUBSURF")
        sub.levels = 0
        sub.render_levels = cfg.get("subdivision", 1)

        self.axes = self._axes()
        self._detail_attributes(mesh, co)
        self.tip_bone = "finger1-3.R" if limb == "hand" else "toe1-2.R"
        self.tip_verts = self._tip_vertices(keep)

    def _detail_attributes(self, mesh, co):
        """Per-vertex coordinates from which the skin shader draws anatomy.

        The shader cannot know where a nail or a knuckle is, so every vertex
        gets smooth coordinates measured from the rest skeleton; they are
        interpolated across the faces and the shader thresholds them, which
        gives sharp nail edges and thin creases finer than the mesh:

        - `digit` (s, c, w): nearest phalanx of a finger / toe; s is the
          position along the distal phalanx (0 at its base joint, 1 at the
          tip, negative further up the digit), c the cosine of the angle
          around the digit from its back (1 on the nail side, -1 on the
          palm / sole side), w = 1 on a digit, 0 away from the digits.
        - `joint` (d, c, k): signed distance along the digit to the nearest
          knuckle in mm, c as above, and k = 1 for finger joints, 0.6 for the
          knuckles where fingers / toes meet the hand / foot.
        - `lines` (a, b, t): distances in mm to the palm's flexion lines (hand)
          or to the sole's toe-base crease (foot), and to the nearest
          extensor tendon on the back of the hand / foot (t).
        - `rest`: the rest position (m), so textures do not slide with a pose.
        """
        jc, src = self.jc, self.src
        hand = self.limb == "hand"
        digits = ([["finger%d-%d.R" % (f, s) for s in (1, 2, 3)] for f in range(1, 6)]
                  if hand else
                  [["toe%d-%d.R" % (t, s) for s in ((1, 2) if t == 1 else (1, 2, 3))]
                   for t in range(1, 6)])
        seg = lambda b: (jc[src.bones[b]["head"]], jc[src.bones[b]["tail"]])
        mesh.update()
        nrm = np.array([v.normal for v in mesh.vertices])
        n = len(co)
        best = np.full(n, np.inf)
        dig = np.zeros((n, 3))
        dig[:, 0] = -9.0
        joint = np.zeros((n, 3))
        joint[:, 0] = 99.0
        for chain in digits:
            for i, b in enumerate(chain):
                h, t = seg(b)
                d = unit(t - h)
                length = np.linalg.norm(t - h)
                k = np.array(self.axes[b]["flex"])
                dorsal = -unit(np.cross(k, d))
                side = unit(np.cross(d, dorsal))
                rel = co - h
                along = rel @ d
                radial = rel - np.outer(along, d)
                dist = np.linalg.norm(radial, axis=1) + np.maximum(0, -along) \
                    + np.maximum(0, along - length)
                mine = dist < best
                if not mine.any():
                    continue
                best[mine] = dist[mine]
                r = np.linalg.norm(radial[mine], axis=1) + 1e-6
                c = (radial[mine] @ dorsal) / r
                # distal phalanx coordinate, counted from its base joint
                hd, td = seg(chain[-1])
                ld = np.linalg.norm(td - hd)
                s = (co[mine] - hd) @ unit(td - hd) / ld
                near = dist[mine] < 0.016
                dig[mine] = np.stack([np.where(near, s, -9.0), c, near], 1)
                # knuckles of this digit: base of every phalanx
                djs = []
                for j, bj in enumerate(chain):
                    hj, tj = seg(bj)
                    djs.append(((co[mine] - hj) @ unit(tj - hj), 0.6 if j == 0 else 1.0))
                dd = np.stack([x for x, _ in djs], 1)
                pick = np.argmin(np.abs(dd), axis=1)
                joint[mine] = np.stack([dd[np.arange(len(pick)), pick] * 1000.0, c,
                                        np.array([djs[j][1] for j in pick])], 1)
        # far from any digit (palm, back of the hand, foot): no nail, no knuckle
        far = best > 0.016
        joint[far, 2] = 0.0
        dig[far, 0] = -9.0

        lines = np.full((n, 3), 99.0)
        J = lambda name: jc[name]
        if hand:
            little, index = J(src.bones["finger5-1.R"]["head"]), J(src.bones["finger2-1.R"]["head"])
            wrist = J(src.bones["wrist.R"]["head"])
            # palm coordinates: u across (0 little side, 1 index side), v up
            # (0 wrist, 1 knuckles), in the plane of the palm
            def palm_pt(u, v):
                x = little[0] + (index[0] - little[0]) * u
                z = wrist[2] + ((little[2] + index[2]) / 2 - wrist[2]) * v
                return np.array([x, z])
            curves = [
                # distal (heart) line: from the little-finger edge towards
                # between index and middle finger
                [(-0.1, 0.80), (0.3, 0.78), (0.6, 0.84), (0.82, 0.95)],
                # proximal (head) line: from the thumb web across the palm
                [(1.08, 0.74), (0.75, 0.66), (0.4, 0.58), (0.1, 0.5)],
                # thenar (life) line: around the ball of the thumb
                [(1.08, 0.73), (0.86, 0.55), (0.78, 0.35), (0.8, 0.12), (0.86, 0.0)],
            ]
            palmar = nrm[:, 1] < -0.25
            xz = co[:, [0, 2]]
            dists = [self._polyline_distance(xz, np.array([palm_pt(*q) for q in c]))
                     for c in curves]
            # the distal and proximal lines share a channel (they never meet)
            lines[:, 0] = np.where(palmar, np.where(np.abs(dists[0]) < np.abs(dists[1]),
                                                    dists[0], dists[1]), 99.0) * 1000.0
            lines[:, 1] = np.where(palmar, dists[2], 99.0) * 1000.0
            dorsal_side = nrm[:, 1] > 0.2
            tendon_ends = [J(src.bones["finger%d-1.R" % f]["head"]) for f in range(2, 6)]
            start = wrist + np.array([0.0, 0.0, 0.01])
            up = np.array([0.0, 1.0, 0.0])
        else:
            ankle = J(src.bones["foot.R"]["head"])
            # toe-base crease under the toes (sole): a line through the
            # middle of the base phalanges
            bases = [J(src.bones["toe%d-1.R" % t]["head"]) * 0.55 +
                     J(src.bones["toe%d-1.R" % t]["tail"]) * 0.45 for t in range(1, 6)]
            plantar = nrm[:, 2] < -0.3
            d0 = self._polyline_distance(co[:, [0, 1]], np.array([b[[0, 1]] for b in bases]))
            lines[:, 0] = np.where(plantar, d0, 99.0) * 1000.0
            dorsal_side = nrm[:, 2] > 0.2
            tendon_ends = [J(src.bones["toe%d-1.R" % t]["head"]) for t in range(1, 6)]
            start = ankle + np.array([0.0, 0.02, 0.0])
            up = np.array([0.0, 0.0, 1.0])
        # extensor tendons: straight from the wrist / front of the ankle to
        # each knuckle, on the back of the hand / foot, measured across
        tend = np.full(n, 99.0)
        for e in tendon_ends:
            d = unit((e - start) - up * (e - start).dot(up))
            rel = co - start
            rel = rel - np.outer(rel @ up, up)
            a = rel @ d
            length = np.linalg.norm((e - start) - up * (e - start).dot(up))
            across = np.linalg.norm(rel - np.outer(a, d), axis=1)
            inside = (a > 0.15 * length) & (a < 0.9 * length)
            tend = np.where(inside & (across < tend), across, tend)
        lines[:, 2] = np.where(dorsal_side, tend, 99.0) * 1000.0

        for name, data in (("digit", dig), ("joint", joint), ("lines", lines), ("rest", co)):
            at = mesh.attributes.new(name, "FLOAT_VECTOR", "POINT")
            at.data.foreach_set("vector", data.astype(np.float32).ravel())

    @staticmethod
    def _polyline_distance(pts, poly):
        """Signed distance (m) of 2-D points to a polyline; beyond its ends
        the distance grows with the overshoot, so a line tapers out."""
        best = np.full(len(pts), np.inf)
        out = np.zeros(len(pts))
        for a, b in zip(poly[:-1], poly[1:]):
            d = b - a
            length = np.linalg.norm(d)
            d = d / length
            rel = pts - a
            t = rel @ d
            perp = rel[:, 0] * -d[1] + rel[:, 1] * d[0]
            over = np.maximum(0, -t) + np.maximum(0, t - length)
            dist = np.sqrt(perp ** 2 + (3 * over) ** 2)
            closer = dist < best
            best[closer] = dist[closer]
            out[closer] = np.where(perp[closer] < 0, -1, 1) * dist[closer]
        return out

    def bone_weight(self, bones):
        """Per limb vertex, the summed skin weight of these bones."""
        w = np.zeros(len(self.obj.data.vertices))
        for b in bones:
            for vi, x in self.src.weights.get(b, []):
                if self.remap[vi] >= 0:
                    w[self.remap[vi]] += x
        return w

    def _region_mask(self, verts, region):
        tot = np.zeros(len(verts))
        for b in region:
            for vi, w in self.src.weights.get(b, []):
                tot[vi] += w
        return tot > 0.5

    def _tip_vertices(self, keep):
        """Vertices moved by the thumb / big-toe end bone, for the landmark."""
        return {int(self.remap[vi]) for vi, w in self.src.weights[self.tip_bone]
                if w > 0.3 and keep[vi]}

    def _axes(self):
        """Named rotation axes per bone, in canonical rest space."""
        jc = self.jc
        src = self.src
        axes = {}
        frame = {"x": np.array([1.0, 0, 0]), "y": np.array([0, 1.0, 0]),
                 "z": np.array([0, 0, 1.0])}
        for b in self.bone_names:
            head = jc[src.bones[b]["head"]]
            tail = jc[src.bones[b]["tail"]]
            d = unit(tail - head)
            ax = {"twist": d}
            ax.update(frame)
            if self.limb == "hand":
                palm = np.array([0, -1.0, 0])     # palm normal
                radial = np.array([1.0, 0, 0])
                pl = src.planes.get(src.bones[b]["rotation_plane"], [])
                if b.startswith("finger") and len(pl) == 3:
                    p0, p1, p2 = (jc[p] for p in pl)
                    k = unit(np.cross(p1 - p2, p0 - p2))
                    if b.startswith("finger1"):
                        # thumb: curl moves the tip towards the little finger
                        want = -radial + palm
                    else:
                        want = palm
                    if np.cross(k, d).dot(want) < 0:
                        k = -k
                    ax["flex"] = k
                    ax["abd"] = unit(np.cross(d, k))
                    s = unit(palm - d * palm.dot(d))
                    if np.cross(s, d).dot(radial) < 0:
                        s = -s
                    ax["spread"] = s
                else:
                    ax["flex"] = radial          # wrist / metacarpals
                    ax["spread"] = -palm
            else:
                # toes and foot: positive flex curls / points down
                ax["flex"] = np.array([-1.0, 0, 0])
                ax["invert"] = np.array([0, 1.0, 0])
                ax["adduct"] = np.array([0, 0, 1.0])
                ax["spread"] = np.array([0, 0, 1.0])
            axes[b] = ax
        return axes

    def pose(self, posture):
        """posture: bone -> list of [axis name, degrees], applied in order."""
        rig = self.rig
        self.set_rotations({b: self.bone_rotation(b, rots) for b, rots in posture.items()
                            if not b.startswith("_") and b in rig.pose.bones})
        # inverse kinematics: bring a chain's end (e.g. the thumb tip) to a
        # point given relative to another, already posed bone; the offset is
        # in the limb's frame, so it turns with the forearm / shin
        root = rig.pose.bones[self.bone_names[0]]
        turn = np.array((root.matrix @ root.bone.matrix_local.inverted()).to_3x3())
        for b, spec in posture.get("_ik", {}).items():
            goal = turn @ np.array(spec.get("offset", [0.0, 0, 0]))
            for tb, end, w in spec["target"]:
                goal = goal + w * self.bone_point(tb, end)
            name = "goal-%s-%s" % (self.obj.name, b)
            empty = bpy.data.objects.get(name)
            if empty is None:
                empty = bpy.data.objects.new(name, None)
                bpy.context.scene.collection.objects.link(empty)
            empty.location = Vector(goal)
            pb = rig.pose.bones[b]
            c = pb.constraints.new("IK")
            c.target = empty
            c.chain_count = spec.get("chain", 3)
            c.use_tail = True
            c.use_stretch = False
            c.iterations = 500
            chain = [pb] + list(pb.parent_recursive)[:c.chain_count - 1]
            for cb in chain:
                cb.lock_ik_y = True
                cb.ik_stretch = 0.0
        bpy.context.view_layer.update()

    def bone_rotation(self, bone, rots):
        """[axis name, degrees] list, applied in order -> the bone's rotation
        relative to its rest (a Quaternion for set_rotations)."""
        R = Matrix.Identity(3)
        for axname, deg in rots:
            ax = Vector(self.axes[bone][axname])
            R = Matrix.Rotation(math.radians(deg), 3, ax) @ R
        B = self.rig.data.bones[bone].matrix_local.to_3x3()
        return (B.inverted() @ R @ B).to_quaternion()

    def set_rotations(self, basis):
        """Pose every bone by its rotation relative to its parent's rest
        (bone -> Quaternion; bones not named stay at rest), no constraints."""
        rig = self.rig
        for pb in rig.pose.bones:
            q = basis.get(pb.name)
            pb.matrix_basis = q.to_matrix().to_4x4() if q else Matrix.Identity(4)
            for c in list(pb.constraints):
                pb.constraints.remove(c)
        bpy.context.view_layer.update()

    def rotations(self):
        """The current pose, inverse kinematics included, as set_rotations
        takes it: poses can then be blended bone by bone."""
        rig = self.rig
        return {pb.name: rig.convert_space(pose_bone=pb, matrix=pb.matrix,
                                           from_space="POSE",
                                           to_space="LOCAL").to_quaternion()
                for pb in rig.pose.bones}

    def evaluated_coords(self, obj=None):
        """Vertex positions of the posed skin (or of obj), world space."""
        obj = obj or self.obj
        dg = bpy.context.evaluated_depsgraph_get()
        ev = obj.evaluated_get(dg)
        me = ev.to_mesh()
        co = np.empty(len(me.vertices) * 3)
        me.vertices.foreach_get("co", co)
        ev.to_mesh_clear()
        co = co.reshape(-1, 3)
        M = np.array(obj.matrix_world)
        return co @ M[:3, :3].T + M[:3, 3]

    def bone_point(self, bone, end="tail"):
        pb = self.rig.pose.bones[bone]
        return np.array(pb.tail if end == "tail" else pb.head)

    def show(self, flag):
        for o in (self.obj, self.cap):
            o.hide_render = not flag
            o.hide_viewport = not flag

    def _make_cap(self, co, along, height, axis, name):
        """A flat disc across the forearm / shin, inside the skin.

        Views that look down the cut limb (a foot from above) would otherwise
        see into the hollow mesh; the disc closes it where the skin is still
        opaque, and the fade above it hides the edge.
        """
        # cross-section: where the mesh edges cross the plane along == height
        pts = []
        for f in self.obj.data.polygons:
            vs = list(f.vertices)
            for a, b in zip(vs, vs[1:] + vs[:1]):
                da, db = along[a] - height, along[b] - height
                if da * db < 0:
                    t = da / (da - db)
                    pts.append(co[a] + t * (co[b] - co[a]))
        ring = np.unique(np.round(np.array(pts), 5), axis=0)   # shared edges
        axis_pt = ring.mean(axis=0)
        # keep the main loop only: points close to the limb's axis
        rad = np.linalg.norm(np.cross(ring - axis_pt, axis), axis=1)
        ring = ring[rad < np.median(rad) * 1.6]
        centre = ring.mean(axis=0)
        e1 = unit(np.cross(axis, [0.0, 0.0, 1.0] if abs(axis[2]) < 0.9 else [1.0, 0, 0]))
        e2 = np.cross(axis, e1)
        rel = ring - centre
        rel = rel - np.outer(rel @ axis, axis)          # flatten onto the plane
        ang = np.arctan2(rel @ e2, rel @ e1)
        order = np.argsort(ang)
        pts = [tuple(centre)] + [tuple(centre + 0.96 * rel[i]) for i in order]
        n = len(order)
        faces = [(0, 1 + i, 1 + (i + 1) % n) for i in range(n)]
        p0, p1, p2 = (np.array(pts[k]) for k in faces[0])
        if np.cross(p1 - p0, p2 - p0).dot(axis) < 0:     # normals to the open end
            faces = [tuple(reversed(f)) for f in faces]
        mesh = bpy.data.meshes.new(name + "-cap")
        mesh.from_pydata(pts, [], faces)
        mesh.update()
        col = mesh.color_attributes.new("fade", "FLOAT_COLOR", "POINT")
        col.data.foreach_set("color", np.ones(len(pts) * 4, dtype=np.float32))
        obj = bpy.data.objects.new(mesh.name, mesh)
        bpy.context.scene.collection.objects.link(obj)
        return obj


# --------------------------------------------------------------------------
# Materials, lights, props
# --------------------------------------------------------------------------

class Nodes:
    """Terse shader-node building: math on sockets and numbers."""

    def __init__(self, nt):
        self.nt = nt

    def node(self, kind, **inputs):
        n = self.nt.nodes.new(kind)
        for k, v in inputs.items():
            self.put(n.inputs[k], v)
        return n

    def put(self, socket, v):
        if isinstance(v, (int, float)):
            socket.default_value = v
        elif isinstance(v, tuple):
            socket.default_value = v if len(v) == 4 or socket.type != "RGBA" else (*v, 1.0)
        else:
            self.nt.links.new(v, socket)

    def math(self, op, a, b=0.0, clamp=False):
        n = self.nt.nodes.new("ShaderNodeMath")
        n.operation = op
        n.use_clamp = clamp
        self.put(n.inputs[0], a)
        self.put(n.inputs[1], b)
        return n.outputs[0]

    def smooth(self, x, lo, hi):
        """0 below lo, 1 above hi (lo > hi inverts), smooth in between."""
        n = self.nt.nodes.new("ShaderNodeMapRange")
        n.interpolation_type = "SMOOTHSTEP"
        self.put(n.inputs["Value"], x)
        self.put(n.inputs["From Min"], lo)
        self.put(n.inputs["From Max"], hi)
        return n.outputs[0]

    def gauss(self, x, width):
        """exp(-(x / width)^2): a soft line of that half-width at x = 0."""
        q = self.math("DIVIDE", x, width)
        return self.math("EXPONENT", self.math("MULTIPLY", self.math("MULTIPLY", q, q), -1.0))

    def mix(self, fac, a, b, blend="MIX"):
        n = self.nt.nodes.new("ShaderNodeMixRGB")
        n.blend_type = blend
        self.put(n.inputs["Fac"], fac)
        self.put(n.inputs["Color1"], a)
        self.put(n.inputs["Color2"], b)
        return n.outputs[0]

    def attr(self, name):
        n = self.nt.nodes.new("ShaderNodeAttribute")
        n.attribute_name = name
        return n

    def xyz(self, name):
        sep = self.nt.nodes.new("ShaderNodeSeparateXYZ")
        self.nt.links.new(self.attr(name).outputs["Vector"], sep.inputs[0])
        return sep.outputs

    def add(self, *xs):
        out = xs[0]
        for x in xs[1:]:
            out = self.math("ADD", out, x)
        return out


def node_material(name, blend=False):
    """A new material called name with an empty node tree (alpha blended
    with blend), and the Nodes helper over its tree."""
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    if blend:
        mat.blend_method = "BLEND"
    for n in list(mat.node_tree.nodes):
        mat.node_tree.nodes.remove(n)
    return mat, Nodes(mat.node_tree)


def skin_material(name, tone, age, fade_in_shader, detail=True):
    """Skin with the anatomy drawn from the limb's detail attributes (see
    Limb._detail_attributes): nails with lunula and a slight shine, knuckle
    and flexion creases, palm / toe-base lines, extensor tendons and faint
    veins on the back of the hand / foot, fine pores, and a gentle blotchy
    colour.  age (the table's `ages` entry) strengthens veins, creases and
    blotches and thins the skin.  With fade_in_shader the forearm / shin fades
    out through the alpha (stochastic, for the movement loops); otherwise the
    skin is opaque and the fade comes from the separate fade pass.  Without
    detail the skin is plain: a fine blotchy colour and nothing else."""
    mat, N = node_material(name, blend=True)
    out = N.node("ShaderNodeOutputMaterial")
    bsdf = N.node("ShaderNodeBsdfPrincipled")
    bsdf.subsurface_method = tone.get("sss_method", "BURLEY")
    base = linear(tone["base"])
    geo = N.node("ShaderNodeNewGeometry")
    if not detail:
        tex = N.node("ShaderNodeTexNoise", Scale=180.0, Detail=3.0)
        colour = N.mix(N.math("MULTIPLY", tex.outputs["Fac"], tone.get("blotch_amount", 0.35)),
                       base, linear(tone["blotch"]))
        colour = N.mix(geo.outputs["Backfacing"], colour, (0.3, 0.3, 0.3), "MULTIPLY")
        N.put(bsdf.inputs["Base Color"], colour)
        bsdf.inputs["Subsurface"].default_value = tone.get("sss", 0.25)
        bsdf.inputs["Subsurface Color"].default_value = (*linear(tone["sss_color"]), 1.0)
        bsdf.inputs["Subsurface Radius"].default_value = (0.005, 0.002, 0.0012)
        bsdf.inputs["Roughness"].default_value = tone.get("roughness", 0.5)
        bsdf.inputs["Specular"].default_value = tone.get("specular", 0.35)
        bsdf.inputs["Sheen"].default_value = 0.2
        return finish_skin(N, mat, bsdf, out, geo, fade_in_shader)
    rest = N.attr("rest").outputs["Vector"]
    s, c, on_digit = N.xyz("digit")
    jd, jc, jk = N.xyz("joint")
    la, lb, lt = N.xyz("lines")
    creases_k = age.get("creases", 1.0)

    # colour: large soft blotches (a few cm), no fine grain
    blotch = N.node("ShaderNodeTexNoise", Vector=rest, Scale=28.0, Detail=2.0,
                    Roughness=0.5)
    bf = N.smooth(blotch.outputs["Fac"], 0.3, 0.75)
    colour = N.mix(N.math("MULTIPLY", bf, tone.get("blotch_amount", 0.35) *
                          age.get("blotch", 1.0)), base, linear(tone["blotch"]))

    # nails: the plate on the back of the distal phalanx, its base (the
    # cuticle) curving towards the tip at the sides
    side = N.math("SUBTRACT", 1.0, c)
    s0 = N.add(0.4, N.math("MULTIPLY", N.math("MULTIPLY", side, side), 0.5))
    plate = N.math("MULTIPLY", N.smooth(s, s0, N.math("ADD", s0, 0.025)),
                   N.smooth(c, 0.42, 0.5))
    plate = N.math("MULTIPLY", plate, on_digit)
    lunula = N.math("MULTIPLY", plate,
                    N.math("MULTIPLY", N.smooth(s, N.math("ADD", s0, 0.11), N.math("ADD", s0, 0.07)),
                           N.smooth(c, 0.8, 0.9)))
    cuticle = N.math("MULTIPLY", N.gauss(N.math("SUBTRACT", s, N.math("SUBTRACT", s0, 0.012)), 0.012),
                     N.math("MULTIPLY", N.smooth(c, 0.45, 0.6), on_digit))
    fold = N.math("MULTIPLY", N.gauss(N.math("SUBTRACT", c, 0.42), 0.035),
                  N.math("MULTIPLY", N.smooth(s, s0, N.math("ADD", s0, 0.05)), on_digit))
    cuticle = N.math("MAXIMUM", cuticle, fold)
    # the nail: the tone's nail colour over the nail bed, paler at the free
    # edge
    nail_col = N.mix(0.6, colour, linear(tone["nail"]))
    nail_col = N.mix(N.smooth(s, 0.9, 1.0), nail_col, N.mix(1.0, colour, (1.7, 1.55, 1.5), "MULTIPLY"))
    colour = N.mix(plate, colour, nail_col)
    colour = N.mix(N.math("MULTIPLY", lunula, 0.35), colour, N.mix(1.0, colour, (1.6, 1.5, 1.5), "MULTIPLY"))

    # knuckles: a few fine wrinkles across the back of each joint, one or two
    # deep flexion creases across its palm / sole side
    wob = N.node("ShaderNodeTexNoise", Vector=rest, Scale=260.0, Detail=0.0)
    jdw = N.math("ADD", jd, N.math("MULTIPLY", N.math("SUBTRACT", wob.outputs["Fac"], 0.5), 0.9))
    wave = N.math("MULTIPLY", N.math("ADD", N.math("COSINE", N.math("MULTIPLY", jdw, 2 * math.pi / 1.25)), 1.0), 0.5)
    wave = N.math("POWER", wave, 6.0)
    reach = N.math("MULTIPLY", jk, 3.8)
    env = N.math("SUBTRACT", 1.0, N.math("POWER", N.math("DIVIDE", N.math("ABSOLUTE", jd), reach), 2.0), clamp=True)
    env = N.math("MULTIPLY", env, N.math("GREATER_THAN", jk, 0.3))     # digits only
    dorsal_c = N.math("MULTIPLY", wave, N.math("MULTIPLY", env, N.smooth(jc, 0.25, 0.75)))
    palmar = N.smooth(jc, -0.15, -0.55)
    flexion = N.math("MAXIMUM", N.gauss(jdw, 0.32),
                     N.math("MULTIPLY", N.gauss(N.math("SUBTRACT", N.math("ABSOLUTE", jdw), 1.3), 0.28), 0.7))
    flexion = N.math("MULTIPLY", flexion, N.math("MULTIPLY", palmar, N.math("MINIMUM", jk, 1.0)))
    crease = N.math("MULTIPLY", N.math("MAXIMUM", N.math("MULTIPLY", dorsal_c, 0.85), flexion), creases_k)
    # palm lines and the crease under the toes, slightly irregular
    lw = N.math("MULTIPLY", N.math("SUBTRACT", wob.outputs["Fac"], 0.5), 0.7)
    lines = N.math("MAXIMUM", N.gauss(N.math("ADD", la, lw), 0.6), N.gauss(N.math("ADD", lb, lw), 0.6))
    crease = N.math("MINIMUM", N.math("ADD", crease, N.math("MULTIPLY", lines, 0.6 * creases_k)), 1.0)
    colour = N.mix(N.math("MULTIPLY", crease, 0.45), colour, (0.55, 0.4, 0.38), "MULTIPLY")

    # back of the hand / foot: tendons as soft ridges, veins as faint bluish
    # branching lines
    back = N.smooth(lt, 22.0, 12.0)
    tendon = N.math("MULTIPLY", N.gauss(lt, 2.4), back)
    vn = N.node("ShaderNodeTexNoise", Vector=rest, Scale=22.0, Detail=2.0, Distortion=0.4)
    ridge = N.math("SUBTRACT", 1.0, N.math("ABSOLUTE", N.math("MULTIPLY", N.math("SUBTRACT", vn.outputs["Fac"], 0.5), 2.0)))
    vein = N.math("MULTIPLY", N.math("POWER", ridge, 14.0),
                  N.math("MULTIPLY", N.smooth(lt, 30.0, 8.0), age.get("veins", 1.0)))
    vein = N.math("MINIMUM", vein, 1.0)
    colour = N.mix(N.math("MULTIPLY", vein, 0.22), colour, linear(tone.get("vein", [0.45, 0.5, 0.62])), "MULTIPLY")
    colour = N.mix(N.math("MULTIPLY", cuticle, 0.6), colour, (0.7, 0.55, 0.52), "MULTIPLY")

    # pores: a fine irregular relief (one noise octave, cheap in the bump);
    # none on the nails
    pores = N.node("ShaderNodeTexNoise", Vector=rest, Scale=1400.0, Detail=0.0)
    skin_h = N.math("MULTIPLY", N.smooth(pores.outputs["Fac"], 0.62, 0.38),
                    N.math("SUBTRACT", 0.12, N.math("MULTIPLY", plate, 0.12)))
    height = N.add(skin_h, N.math("MULTIPLY", crease, -1.2),
                   N.math("MULTIPLY", tendon, 1.6),
                   N.math("MULTIPLY", plate, 0.6), N.math("MULTIPLY", cuticle, -0.6))
    bump = N.node("ShaderNodeBump", Strength=1.0, Distance=0.00035, Height=height)

    # inner (back) faces only show in deep skin folds: shade them as a dark
    # crease instead of letting light through
    colour = N.mix(geo.outputs["Backfacing"], colour, (0.45, 0.42, 0.42), "MULTIPLY")
    N.put(bsdf.inputs["Base Color"], colour)
    N.put(bsdf.inputs["Normal"], bump.outputs["Normal"])
    sss = tone.get("sss", 0.25) * age.get("sss", 1.0)
    N.put(bsdf.inputs["Subsurface"], N.math("MULTIPLY", N.math("SUBTRACT", 1.0, N.math("MULTIPLY", plate, 0.6)), sss))
    bsdf.inputs["Subsurface Color"].default_value = (*linear(tone["sss_color"]), 1.0)
    bsdf.inputs["Subsurface Radius"].default_value = (0.005, 0.002, 0.0012)
    rough = tone.get("roughness", 0.5)
    N.put(bsdf.inputs["Roughness"], N.add(rough, N.math("MULTIPLY", plate, 0.18 - rough)))
    N.put(bsdf.inputs["Specular"], N.add(tone.get("specular", 0.35), N.math("MULTIPLY", plate, 0.25)))
    bsdf.inputs["Sheen"].default_value = 0.2
    return finish_skin(N, mat, bsdf, out, geo, fade_in_shader)


def finish_skin(N, mat, bsdf, out, geo, fade_in_shader):
    """The skin's alpha and output."""
    # alpha: the inside of the forearm / shin above the cap is not drawn;
    # the fade itself comes from the fade pass unless fade_in_shader
    attr = N.attr("fade")
    smooth = N.node("ShaderNodeMapRange")
    smooth.interpolation_type = "SMOOTHSTEP"
    smooth.name = "Map Range"
    N.put(smooth.inputs["Value"], attr.outputs["Fac"])
    stump = N.math("LESS_THAN", attr.outputs["Fac"], 0.999)
    keep = N.math("SUBTRACT", 1.0, N.math("MULTIPLY", stump, geo.outputs["Backfacing"]))
    alpha = N.math("MULTIPLY", smooth.outputs[0], keep) if fade_in_shader else keep
    N.put(bsdf.inputs["Alpha"], alpha)
    N.put(out.inputs["Surface"], bsdf.outputs[0])
    return mat


def fade_material(name):
    """The fade pass: white where the limb is drawn in full, fading to black
    up the forearm / shin; the inside above the cap is not drawn.  Rendered
    without light or noise, it becomes the picture's alpha, so the fade is
    smooth and exact instead of grain."""
    mat, N = node_material(name, blend=True)
    out = N.node("ShaderNodeOutputMaterial")
    attr = N.attr("fade")
    smooth = N.node("ShaderNodeMapRange")
    smooth.interpolation_type = "SMOOTHSTEP"
    smooth.name = "Map Range"
    N.put(smooth.inputs["Value"], attr.outputs["Fac"])
    geo = N.node("ShaderNodeNewGeometry")
    stump = N.math("MULTIPLY", N.math("LESS_THAN", attr.outputs["Fac"], 0.999),
                   geo.outputs["Backfacing"])
    em = N.node("ShaderNodeEmission", Strength=1.0)
    comb = N.node("ShaderNodeCombineColor", Red=smooth.outputs[0], Green=smooth.outputs[0],
                  Blue=smooth.outputs[0])
    N.put(em.inputs["Color"], comb.outputs[0])
    mix = N.node("ShaderNodeMixShader", Fac=stump)
    N.put(mix.inputs[1], em.outputs[0])
    N.put(mix.inputs[2], N.node("ShaderNodeBsdfTransparent").outputs[0])
    N.put(out.inputs["Surface"], mix.outputs[0])
    return mat


def white_material(name):
    """Props and the cut's disc in the fade pass: drawn in full."""
    mat, N = node_material(name)
    em = N.node("ShaderNodeEmission", Color=(1.0, 1.0, 1.0), Strength=1.0)
    N.put(N.node("ShaderNodeOutputMaterial").inputs["Surface"], em.outputs[0])
    return mat


def cap_material(name, tone):
    """The disc inside a cut limb: a flat, self-lit skin tone."""
    mat, N = node_material(name)
    nt = mat.node_tree
    out = N.node("ShaderNodeOutputMaterial")
    em = N.node("ShaderNodeEmission")
    em.inputs["Color"].default_value = (*linear(tone["base"]), 1.0)
    em.inputs["Strength"].default_value = tone.get("cap_strength", 0.55)
    nt.links.new(em.outputs[0], out.inputs["Surface"])
    return mat


def plain_material(name, color, roughness=0.5, metallic=0.0, alpha=1.0):
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*linear(color), 1.0)
    bsdf.inputs["Roughness"].default_value = roughness
    bsdf.inputs["Metallic"].default_value = metallic
    bsdf.inputs["Alpha"].default_value = alpha
    return mat


def add_primitive(kind, size, mat, **kw):
    """Create a simple prop mesh; size is a list of dimensions in metres."""
    before = set(bpy.data.objects)
    if kind == "sphere":
        bpy.ops.mesh.primitive_uv_sphere_add(segments=48, ring_count=24,
                                             radius=size[0])
    elif kind == "cylinder":
        bpy.ops.mesh.primitive_cylinder_add(vertices=48, radius=size[0],
                                            depth=size[1])
    elif kind == "cone":
        bpy.ops.mesh.primitive_cone_add(vertices=32, radius1=size[0],
                                        radius2=size[2] if len(size) > 2 else 0,
                                        depth=size[1])
    elif kind == "box":
        bpy.ops.mesh.primitive_cube_add(size=1.0)
    elif kind == "band":
        tube = size[1] / 0.1                # thickness for a ~5 cm radius
        bpy.ops.mesh.primitive_torus_add(major_radius=1.0, minor_radius=tube,
                                         major_segments=64, minor_segments=12)
    elif kind == "torus":
        bpy.ops.mesh.primitive_torus_add(major_radius=size[0],
                                         minor_radius=size[1],
                                         major_segments=48, minor_segments=16)
    obj = (set(bpy.data.objects) - before).pop()
    if kind == "band":
        # a strap over the limb: the upper part of a ring around Y, sized to
        # the limb's cross-section by build_props
        obj.data.transform(Matrix.Rotation(math.pi / 2, 4, "X"))
        obj.data.transform(Matrix.Diagonal((1.0, size[0] / (2 * tube), 1.0, 1.0)))
        bm = bmesh.new()
        bm.from_mesh(obj.data)
        bmesh.ops.delete(bm, geom=[v for v in bm.verts if v.co.z < -0.3],
                         context="VERTS")
        bm.to_mesh(obj.data)
        bm.free()
    if kind == "box":
        obj.scale = size
        bpy.ops.object.transform_apply(scale=True)
        bev = obj.modifiers.new("bevel", "BEVEL")
        bev.width = kw.get("bevel", min(size) * 0.2)
        bev.segments = 4
    if kind == "cylinder" and kw.get("open"):
        # no top: a mug's opening
        bm = bmesh.new()
        bm.from_mesh(obj.data)
        bmesh.ops.delete(bm, geom=[f for f in bm.faces if f.normal.z > 0.9], context="FACES")
        bm.to_mesh(obj.data)
        bm.free()
    if kind == "cylinder" and kw.get("hollow"):
        sol = obj.modifiers.new("wall", "SOLIDIFY")
        sol.thickness = kw["hollow"]
    for p in obj.data.polygons:
        p.use_smooth = True
    obj.data.materials.append(mat)
    if kind in ("box", "cylinder"):
        obj.modifiers.new("normals", "WEIGHTED_NORMAL")
        obj.data.use_auto_smooth = True
    return obj


# --------------------------------------------------------------------------
# Scene
# --------------------------------------------------------------------------

def setup_scene(cfg):
    scene = bpy.context.scene
    for o in list(scene.collection.objects):
        bpy.data.objects.remove(o, do_unlink=True)
    for c in list(scene.collection.children):
        for o in list(c.objects):
            bpy.data.objects.remove(o, do_unlink=True)
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = cfg["samples"]
    scene.cycles.use_adaptive_sampling = True
    scene.cycles.adaptive_threshold = cfg.get("adaptive_threshold", 0.02)
    scene.cycles.use_denoising = False
    scene.cycles.max_bounces = 4
    scene.cycles.diffuse_bounces = 2
    scene.cycles.glossy_bounces = 2
    scene.cycles.transmission_bounces = 2
    scene.cycles.volume_bounces = 0
    scene.cycles.transparent_max_bounces = 16
    scene.cycles.caustics_reflective = False
    scene.cycles.caustics_refractive = False
    scene.cycles.blur_glossy = 1.0
    scene.cycles.filter_width = 1.5
    scene.render.film_transparent = True
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGBA"
    scene.render.image_settings.color_depth = "8"
    scene.render.image_settings.compression = 15
    scene.view_settings.view_transform = "Filmic"
    scene.view_settings.look = "Medium Contrast"
    scene.view_settings.exposure = cfg.get("exposure", 0.0)
    scene.render.threads_mode = "AUTO"
    world = bpy.data.worlds.new("soft")
    world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (0.82, 0.84, 0.86, 1.0)
    bg.inputs["Strength"].default_value = cfg.get("world_strength", 0.55)
    scene.world = world

    cam_data = bpy.data.cameras.new("cam")
    cam = bpy.data.objects.new("cam", cam_data)
    scene.collection.objects.link(cam)
    scene.camera = cam
    lights = []
    for name, energy, size, offset in cfg["lights"]:
        ld = bpy.data.lights.new(name, "AREA")
        ld.energy = energy
        ld.size = size
        lo = bpy.data.objects.new(name, ld)
        scene.collection.objects.link(lo)
        lights.append((lo, offset))
    return cam, lights


def look_at(obj, pos, target, up):
    pos, target, up = Vector(pos), Vector(target), Vector(up)
    fwd = (target - pos).normalized()
    right = fwd.cross(up).normalized()
    cup = right.cross(fwd)
    m = Matrix((right, cup, -fwd)).transposed()
    obj.matrix_world = Matrix.Translation(pos) @ m.to_4x4()


def frame_camera(cam, lights, coords, weights, view, cfg, res_long, mirror_lights=False):
    """Point the camera along the view and fit the limb in the frame.

    The lights are placed as the settings give them (key light on the left of
    the picture) or, with mirror_lights, mirrored left to right about the
    camera's vertical plane (key light on the right).
    """
    d = unit(view["dir"])
    up = np.array(view["up"], float)
    pts = coords[weights > view.get("fade_range", [0.0, 1.0])[0] + 0.02]
    center = (pts.min(0) + pts.max(0)) / 2.0
    dist = cfg["camera_distance"]
    pos = center + d * dist
    look_at(cam, pos, center, up)
    M = np.array(cam.matrix_world.inverted())
    local = (M[:3, :3] @ pts.T).T + M[:3, 3]
    x = local[:, 0] / -local[:, 2]
    y = local[:, 1] / -local[:, 2]
    x0, x1, y0, y1 = x.min(), x.max(), y.min(), y.max()
    m = cfg["frame_margin"]
    w = (x1 - x0) * (1 + 2 * m)
    h = (y1 - y0) * (1 + 2 * m)
    cd = cam.data
    cd.type = "PERSP"
    cd.sensor_fit = "AUTO"
    cd.sensor_width = 36.0
    big = max(w, h)
    cd.lens = cd.sensor_width / big
    cd.shift_x = (x0 + x1) / 2.0 / big
    cd.shift_y = (y0 + y1) / 2.0 / big
    sc = bpy.context.scene
    if w >= h:
        sc.render.resolution_x = res_long
        sc.render.resolution_y = max(16, int(round(res_long * h / w)))
    else:
        sc.render.resolution_y = res_long
        sc.render.resolution_x = max(16, int(round(res_long * w / h)))
    sc.render.resolution_percentage = 100
    # lights stay fixed relative to the camera: soft key, fill and rim
    R = np.array(cam.matrix_world.to_3x3())
    flip = np.array([-1.0 if mirror_lights else 1.0, 1.0, 1.0])
    for lo, off in lights:
        lp = center + R @ (np.array(off) * flip * dist)
        look_at(lo, lp, center, R[:, 1])
    return center


# --------------------------------------------------------------------------
# One picture
# --------------------------------------------------------------------------

def prop_distance(p, pts, rot, pos):
    """Signed distance from points to a prop (negative inside)."""
    q = (np.asarray(rot).T @ (pts - pos).T).T          # prop-local coordinates
    size = p["size"]
    if p["shape"] == "sphere":
        return np.linalg.norm(q, axis=1) - size[0]
    if p["shape"] == "cylinder":
        dr = np.linalg.norm(q[:, :2], axis=1) - size[0]
        dz = np.abs(q[:, 2]) - size[1] / 2.0
        out = np.linalg.norm(np.stack([np.maximum(dr, 0), np.maximum(dz, 0)], 1), axis=1)
        return out + np.minimum(np.maximum(dr, dz), 0)
    if p["shape"] == "box":
        d = np.abs(q) - np.array(size) / 2.0
        return (np.linalg.norm(np.maximum(d, 0), axis=1)
                + np.minimum(d.max(axis=1), 0))
    if p["shape"] == "torus":
        ring = np.linalg.norm(q[:, :2], axis=1) - size[0]
        return np.hypot(ring, q[:, 2]) - size[1]
    if p["shape"] == "cone":
        # within the cylinder round its wider end: never less than the cone's
        return prop_distance(dict(p, shape="cylinder"), pts, rot, pos)
    return np.full(len(q), 1.0)


def weighted_point(limb, spec):
    """A weighted sum of posed bone ends ("at") plus "offset"."""
    at = np.zeros(3)
    for bone, end, w in spec.get("at", []):
        at += w * limb.bone_point(bone, end)
    return at + np.array(spec.get("offset", [0, 0, 0]))


def build_strap(limb, p, coords, mat, objs):
    """A round strap (a flip-flop's thong) along a path of weighted points.

    Each stretch of the path is lifted along +Z until it lies just above the
    skin, so the strap follows the top of the foot instead of cutting into it;
    points with "lift": false stay where they are (the post between the toes),
    and a point with "on": k sits on the top of the k-th prop (the sole).
    """
    r, gap = p["size"][0], p.get("gap", 0.0008)
    ends = []
    for q in p["path"]:
        at = weighted_point(limb, q)
        if "on" in q:
            at[2] = max((objs[q["on"]].matrix_world @ v.co).z
                        for v in objs[q["on"]].data.vertices) + r * 0.5
        ends.append((at, q.get("lift", True) and "on" not in q))
    pts = []
    for (a, la), (b, lb) in zip(ends, ends[1:]):
        for t in np.linspace(0.0, 1.0, 24, endpoint=False):
            pts.append((a + (b - a) * t, (la or t > 0) and (lb or t < 0.9)))
    pts.append(ends[-1])

    def lift(q):
        # a wide neighbourhood: the strap spans the gaps between toes
        near = coords[np.hypot(coords[:, 0] - q[0], coords[:, 1] - q[1]) < r + 0.006]
        near = near[near[:, 2] < q[2] + 0.05]           # the foot, not the shin above
        return max(q[2], near[:, 2].max() + r + gap) if len(near) else q[2]

    path = np.array([q for q, _ in pts])
    free = np.array([f for _, f in pts])
    for _ in range(8):                                   # lift, smooth, lift again
        for i in np.nonzero(free)[0]:
            path[i, 2] = lift(path[i])
        path[1:-1] = np.where(free[1:-1, None],
                              (path[:-2] + 2 * path[1:-1] + path[2:]) / 4.0, path[1:-1])
    for i in np.nonzero(free)[0]:
        path[i, 2] = lift(path[i])
    cu = bpy.data.curves.new("strap", "CURVE")
    cu.dimensions = "3D"
    cu.bevel_depth = r
    cu.bevel_resolution = 4
    cu.use_fill_caps = True
    sp = cu.splines.new("POLY")
    sp.points.add(len(path) - 1)
    for pt, q in zip(sp.points, path):
        pt.co = (q[0], q[1], q[2], 1.0)
    tmp = bpy.data.objects.new("strap-curve", cu)
    bpy.context.scene.collection.objects.link(tmp)
    bpy.context.view_layer.update()
    mesh = bpy.data.meshes.new_from_object(tmp.evaluated_get(
        bpy.context.evaluated_depsgraph_get()))
    bpy.data.objects.remove(tmp, do_unlink=True)
    obj = bpy.data.objects.new("strap", mesh)
    bpy.context.scene.collection.objects.link(obj)
    for f in mesh.polygons:
        f.use_smooth = True
    mesh.materials.clear()
    mesh.materials.append(mat)
    return obj


def build_props(limb, spec, coords):
    """Props: list of dicts {shape, size, color, at, offset, rotate, from}.

    "at" is a weighted sum of posed bone ends, "offset" is added to it.  With
    "from" (a direction) the prop is moved along that direction until it just
    touches the limb, so it rests on the skin without cutting into it (past
    the skin of the bones in "from_ignore": a thumb over a screen).  With
    "stack": [k, 1] (or [k, -1]) a box rests on (or under) the k-th prop of
    the list: the scale's display on the scale, the floor under the roller.
    With "attach": k the offset is from the k-th prop's centre instead (a
    mug's handle).  An "open" cylinder has no top; "hollow" gives it a wall.
    A "strap" follows a path of points over the skin (see build_strap).
    "axis" (two points, each a list of weighted bone ends or a dict with
    "at" and "offset") turns the prop's Z axis from the first to the second, "along" moves it that far along Z; "normal"
    (two more points) turns its X axis that way too and "turn" then turns Z
    about X, and "local_offset" moves it in those axes (the parts of a key);
    "local_rotate" turns the shape after that.  A prop that cuts more than
    1 mm into the skin is reported.
    """
    objs = []
    for i, p in enumerate(spec):
        mat = plain_material("prop%d" % i, p["color"], p.get("roughness", 0.5),
                             p.get("metallic", 0.0))
        if p["shape"] == "strap":
            objs.append(build_strap(limb, p, coords, mat, objs))
            continue
        o = add_primitive(p["shape"], p["size"], mat, hollow=p.get("hollow"),
                          open=p.get("open"), bevel=p.get("bevel"))
        at = weighted_point(limb, p)
        if "attach" in p:
            # placed relative to an earlier prop: a mug's handle, a screen
            at = at + np.array(objs[p["attach"]].matrix_world.translation)
        rot = Matrix.Identity(3)
        if "axis" in p:
            # align the prop's own Z axis from one weighted point to another
            point = lambda q: weighted_point(limb, q if isinstance(q, dict) else {"at": q})
            a, b = (point(q) for q in p["axis"])
            z = unit(b - a)
            rot = Vector((0, 0, 1)).rotation_difference(Vector(z)).to_matrix()
            if "normal" in p:
                # and its X axis towards a second direction (the side a flat
                # prop faces: a key between thumb and index), then Z turned
                # about that X by "turn" degrees
                a, b = (point(q) for q in p["normal"])
                x = unit((b - a) - z * (b - a).dot(z))
                rot = Matrix(np.array([x, np.cross(z, x), z]).T.tolist()) @ \
                    Matrix.Rotation(math.radians(p.get("turn", 0.0)), 3, "X")
                z = np.array(rot.col[2])
            at = at + z * p.get("along", 0.0)
            at = at + np.array(rot) @ np.array(p.get("local_offset", [0.0, 0, 0]))
        for axname, deg in p.get("rotate", []):
            rot = Matrix.Rotation(math.radians(deg), 3, axname.upper()) @ rot
        for axname, deg in p.get("local_rotate", []):
            rot = rot @ Matrix.Rotation(math.radians(deg), 3, axname.upper())
        if p["shape"] == "band":
            # fit the ring around the limb where it crosses the plane y = at.y
            sl = coords[np.abs(coords[:, 1] - at[1]) < 0.006]
            pad = p.get("gap", 0.002) + p["size"][1] / 2.0
            half_w = (sl[:, 0].max() - sl[:, 0].min()) / 2.0 + pad
            height = sl[:, 2].max() - at[2] + pad
            at = np.array([(sl[:, 0].max() + sl[:, 0].min()) / 2.0, at[1], at[2]])
            o.matrix_world = Matrix.Diagonal((half_w, 1.0, height, 1.0))
            o.data.transform(o.matrix_world)
            o.matrix_world = Matrix.Identity(4)
        if "from" in p:
            d = unit(p["from"])
            gap = p.get("gap", 0.0005)
            R = np.array(rot)
            # "from_ignore": bones whose skin the prop may pass (a thumb that
            # lies over the phone's screen, in front of it)
            skin = coords[limb.bone_weight(p.get("from_ignore", [])) < 0.5]
            clear = lambda t: prop_distance(p, skin, R, at + d * t).min() >= gap
            lo, hi = -0.04, 0.0
            while not clear(hi):
                hi += 0.05
            for _ in range(40):
                mid = (lo + hi) / 2.0
                if clear(mid):
                    hi = mid
                else:
                    lo = mid
            at = at + d * hi
        if "stack" in p:
            k, side = p["stack"]
            zs = [(objs[k].matrix_world @ v.co).z for v in objs[k].data.vertices]
            half = p["size"][2] / 2.0
            at[2] = max(zs) + half if side > 0 else min(zs) - half
        o.matrix_world = Matrix.Translation(Vector(at)) @ rot.to_4x4()
        objs.append(o)
        depth = -prop_distance(p, coords, np.array(rot), at).min()
        if depth > 0.001:
            # a finger through an object: the pose or the prop needs changing
            print("  prop %d (%s) is %.1f mm inside the skin" % (i, p["shape"], depth * 1000),
                  flush=True)
    return objs


def landmark(limb, cam):
    """Projected tip (thumb / big toe) in render pixels, or None if hidden.

    The tip point is the end of the distal bone, pulled slightly back into the
    finger / toe so that it lands on opaque skin in the picture.
    """
    sc = bpy.context.scene
    bone = limb.tip_bone
    head, tail = limb.bone_point(bone, "head"), limb.bone_point(bone, "tail")
    tip = Vector(tail - 0.2 * (tail - head))
    co = world_to_camera_view(sc, cam, tip)
    if not (0 < co.x < 1 and 0 < co.y < 1):
        return None
    # visible if the first surface on the way to the tip belongs to the tip
    origin = cam.matrix_world.translation
    dg = bpy.context.evaluated_depsgraph_get()
    hit, loc, nor, idx, obj, _ = sc.ray_cast(dg, origin, (tip - origin).normalized())
    if not hit or obj.name != limb.obj.name or (loc - tip).length > 0.015:
        return None
    if not set(limb.obj.data.polygons[idx].vertices) & limb.tip_verts:
        return None
    W, H = sc.render.resolution_x, sc.render.resolution_y
    return co.x * W, (1.0 - co.y) * H


def alpha_bbox(path, thresh, cut=None, fade=None):
    """The picture's alpha (the raw render's, or coverage times the fade
    pass's value), faded at the cut, and its bounding box above thresh."""
    img = bpy.data.images.load(fade or path)
    img.colorspace_settings.name = "Non-Color"
    W, H = img.size
    px = np.empty(W * H * 4, dtype=np.float32)
    img.pixels.foreach_get(px)
    bpy.data.images.remove(img)
    px = px.reshape(H, W, 4)[::-1]                  # row 0 = top
    a = px[:, :, 3] * px[:, :, 0] if fade else px[:, :, 3].copy()
    if cut is not None:
        c1, c0 = cut
        ramp = np.clip((c1 - np.arange(H)) / float(max(1, c1 - c0)), 0.0, 1.0)
        a *= ramp[:, None]
    ys, xs = np.nonzero(a > thresh)
    return W, H, xs.min(), xs.max(), ys.min(), ys.max(), a


def post_args(raw, cfg, W, H, cut, fade=None):
    """ImageMagick steps between the raw render and the crop.

    Grain: a 3x3 median removes single bright / dark samples, a selective
    blur smooths what is left without touching edges (skin folds, nails).
    Colour is filtered only well inside the silhouette, where no transparent
    (black) pixels can bleed in; the alpha channel gets the median alone,
    which keeps straight silhouette edges and calms the noisy fade of the
    forearm / shin.  With a fade pass (fade), the alpha is its coverage times
    its value: exact and smooth, nothing to filter.
    Cut: in views that look down the shin, the picture fades out towards the
    bottom and ends above the disc that closes the cut (rows from cut on).
    """
    dn = cfg.get("denoise")
    if not dn and cut is None and not fade:
        return []
    out = []
    if fade:
        alpha = ["(", "(", fade, "-alpha", "extract", ")",
                 "(", fade, "-alpha", "off", "-channel", "R", "-separate", "+channel", ")",
                 "-compose", "Multiply", "-composite"]
    else:
        alpha = ["(", raw, "-alpha", "extract"]
    if dn:
        med = dn.get("median", "3x3")
        out += ["(", "+clone", "-alpha", "off", "-statistic", "Median", med,
                "-selective-blur", dn.get("blur", "0x3+8%"), ")",
                "(", raw, "-alpha", "extract", "-threshold", "8%",
                "-morphology", "Erode", "Disk:2", ")",
                "-compose", "over", "-composite"]
        if not fade:
            alpha += ["-statistic", "Median", dn.get("alpha_median", med)]
    if cut is not None:
        c1, c0 = cut
        alpha += ["(", "-size", "%dx%d" % (W, c0), "xc:white",
                  "-size", "%dx%d" % (W, c1 - c0), "gradient:white-black",
                  "-size", "%dx%d" % (W, max(1, H - c1)), "xc:black",
                  "-append", "-crop", "%dx%d+0+0" % (W, H), "+repage", ")",
                  "-compose", "Multiply", "-composite"]
    alpha += [")"]
    return out + alpha + ["-compose", "CopyOpacity", "-composite", "-compose", "over"]


def cut_rows(limb, cam, view, H):
    """(end row, start row) of the bottom fade for views that show the cap."""
    if not view.get("screen_fade"):
        return None
    sc = bpy.context.scene
    ys = [(1.0 - world_to_camera_view(sc, cam, Vector(p)).y) * H
          for p in limb.evaluated_coords(limb.cap)]
    c1 = int(max(2, min(H, min(ys) - 2)))
    c0 = int(max(1, c1 - view["screen_fade"] * H))
    return c1, c0


# ImageMagick stamps every PNG it writes with the time (date:create and
# date:modify): left out, an unchanged picture comes out byte for byte the same.
PNG_NO_DATES = ["-define", "png:exclude-chunks=date,time"]


def compress_png(path, cfg):
    """Make the picture small but keep it an 8-bit RGBA PNG.

    Reducing the colours to a 256-entry palette (pngquant) is invisible on
    these smooth renders; stored back as RGBA, the repeated colours compress
    to about two thirds of the size.  Both tools are optional.
    """
    if cfg.get("quantize") and shutil.which("pngquant"):
        subprocess.run(["pngquant", "--quality", cfg["quantize"], "--speed", "1",
                        "--strip", "--force", "--output", path, path], check=False)
        subprocess.run(["convert", path, "-quality", "91"] + PNG_NO_DATES + ["PNG32:" + path],
                       check=True)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", "-nc", "-nb", "-nx", path],
                       check=False)


def compose_posture(postures, name, adjust=None):
    """The posture table entry name on top of the limb's _base, plus adjust."""
    posture = {}
    for part in (postures.get("_base", {}), postures[name], adjust or {}):
        for b, rots in part.items():
            if b.startswith("_"):
                posture[b] = dict(posture.get(b, {}), **rots)
            else:
                posture[b] = posture.get(b, []) + rots
    return posture


def dress(limbs, limb, skin, age, view, skin_mats):
    """Show only this limb, in this skin, with the cut treated for the view."""
    for lm in limbs.values():
        lm.show(lm is limb)
    mat = skin_mats[(skin, age)]
    limb.obj.data.materials.clear()
    limb.obj.data.materials.append(mat)
    limb.cap.data.materials.clear()
    limb.cap.data.materials.append(skin_mats[(skin, "cap")])
    # the disc that closes the cut is only needed where the camera looks down
    # the forearm / shin; elsewhere it would show through the faded skin
    limb.cap.hide_render = not view.get("cap", False)
    # views that look down the forearm / shin fade it out sooner
    for m in (mat, skin_mats["fade"]):
        fr = m.node_tree.nodes["Map Range"]
        fr.inputs["From Min"].default_value, fr.inputs["From Max"].default_value = \
            view.get("fade_range", [0.0, 1.0])
    return np.array([c.color[0] for c in limb.obj.data.color_attributes["fade"].data])


def crop_box(W, H, x0, x1, y0, y1, cfg, alpha):
    """The alpha bounding box plus the margin, clipped: (x0, y0, w, h).
    The margin grows while the faint end of a fade (below crop_alpha, so
    outside the bounding box) still shows in a corner of the box: a
    picture's corners must be transparent, and a head faded out at the top
    of a bent trunk can reach one."""
    pad = int(round(max(x1 - x0, y1 - y0) * cfg["crop_margin"]))
    corner = 8                                       # px: the resize's reach
    while True:
        bx0, by0 = max(0, x0 - pad), max(0, y0 - pad)
        bx1, by1 = min(W - 1, x1 + pad), min(H - 1, y1 + pad)
        blocks = [alpha[y:y + corner, x:x + corner]
                  for y in (by0, by1 + 1 - corner) for x in (bx0, bx1 + 1 - corner)]
        whole = (bx0, by0, bx1, by1) == (0, 0, W - 1, H - 1)
        if whole or max(b.max() for b in blocks) < 0.5 / 255:
            return bx0, by0, bx1 - bx0 + 1, by1 - by0 + 1
        pad += 1


def finish_picture(raw, dst, cfg, W, H, cut, box, fade=None):
    """Raw render (W x H) -> grain smoothed, cut faded, cropped to box,
    scaled so the long side is cfg["size"], compressed PNG at dst."""
    x0, y0, cw, ch = box
    size = cfg["size"]
    subprocess.run(["convert", raw] + post_args(raw, cfg, W, H, cut, fade) +
                   ["-crop", "%dx%d+%d+%d" % (cw, ch, x0, y0),
                    "+repage", "-filter", "Lanczos", "-resize",
                    "%dx%d" % (size, size), "-strip"] + PNG_NO_DATES + ["PNG32:" + dst],
                   check=True)
    compress_png(dst, cfg)


def render_fade_pass(faded, whole, skin_mats, path):
    """Render the fade pass (see fade_material) from the current camera: the
    objects in faded through their fade, those in whole (props, the cut's
    disc) white."""
    sc = bpy.context.scene
    objs = faded + whole
    saved = [list(o.data.materials) for o in objs]
    for o in objs:
        o.data.materials.clear()
        o.data.materials.append(skin_mats["fade"] if o in faded else skin_mats["white"])
    keep = (sc.view_settings.view_transform, sc.view_settings.look,
            sc.cycles.samples, sc.cycles.use_adaptive_sampling, sc.render.filepath)
    sc.view_settings.view_transform = "Raw"
    sc.view_settings.look = "None"
    sc.cycles.samples = 8
    sc.cycles.use_adaptive_sampling = False
    sc.render.filepath = path
    bpy.ops.render.render(write_still=True)
    (sc.view_settings.view_transform, sc.view_settings.look, sc.cycles.samples,
     sc.cycles.use_adaptive_sampling, sc.render.filepath) = keep
    for o, mats in zip(objs, saved):
        o.data.materials.clear()
        for m in mats:
            o.data.materials.append(m)


# The generator's version, in every raw render's key (render_key).  Raise it
# with any change to this file that changes what a raw render looks like
# (meshes, posing, materials, lights, camera); a change in bodyparts.py that
# changes only the body parts raises bodyparts.VERSION instead.  Changes to
# the post-processing, the catalogue or the comments leave the raw renders,
# and the cache, as they are.
GENERATOR_VERSION = 1

# Settings that only the post-processing reads: changing them does not make
# the raw renders stale (see render_key).
POST_SETTINGS = ("denoise", "quantize", "crop_alpha", "crop_margin")


def file_digest(path):
    """SHA-256 of the file at path, in hex."""
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def render_base(cfg, samples, mesh):
    """What every raw render of a run depends on, as a JSON-able dict: the
    generator's version (GENERATOR_VERSION), the Blender version, the render settings (cfg without
    POST_SETTINGS, with the effective sample count) and the mesh, skeleton
    and weights in the folder mesh."""
    settings = {k: v for k, v in cfg.items() if k not in POST_SETTINGS}
    settings["samples"] = samples or cfg["samples"]
    return {"version": GENERATOR_VERSION,
            "blender": bpy.app.version_string, "settings": settings,
            "mesh": {f: file_digest(os.path.join(mesh, f))
                     for f in ("base.obj", "default.mhskel", "default_weights.mhw")}}


def render_key(entry, tables, base, mesh):
    """Hash of everything the raw renders of table row entry depend on: base
    (render_base), the row itself and the table entries it names (posture,
    view, object, skin, body shape and age), the shape's target files, and
    for a body part its outfit (bodyparts.render_inputs).  Two runs that give
    a row the same key render the same picture."""
    limb, shape = entry["limb"], tables["shapes"][entry["shape"]]
    postures = tables["postures"][limb]
    setup = entry.get("object_setup", entry.get("object", ""))
    targets = shape[entry["skin"]]
    used = dict(base,
                row={k: v for k, v in entry.items() if k not in ("level", "kind")},
                posture=[postures.get("_base"), postures[entry.get("pose", entry["posture"])]],
                view=tables["views"][limb][entry["view"]],
                object=tables["objects"][setup] if setup else None,
                skin=tables["skins"][entry["skin"]], shape=targets,
                age=tables.get("ages", {}).get(shape.get("_age", "")),
                targets={t: file_digest(os.path.join(mesh, "targets", t + ".target"))
                         for t in targets})
    if bodyparts.is_part(entry):
        used["part"] = bodyparts.render_inputs(entry, tables, mesh)
    text = json.dumps(used, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def render_picture(entry, tables, limbs, cam, lights, skin_mats, cfg, args, key):
    """Render table row entry's raw renders (render_raw: reused if made with
    key), then write the finished picture.  Returns (its rows of the
    CHECK_FILES by file name: the landmark when the tip is in sight, True if
    rendered, False if reused)."""
    pid = entry["id"]
    limb = limbs[(entry["limb"], entry["shape"], entry["skin"])]
    view = dict(tables["views"][entry["limb"]][entry["view"]])
    view.update(entry.get("camera", {}))
    fade = dress(limbs, limb, entry["skin"], tables["shapes"][entry["shape"]].get("_age", ""),
                 view, skin_mats)
    limb.pose(compose_posture(tables["postures"][entry["limb"]],
                              entry.get("pose", entry["posture"]), entry.get("adjust")))
    coords = limb.evaluated_coords()
    setup = entry.get("object_setup", entry.get("object", ""))
    props = build_props(limb, tables["objects"][setup], coords) if setup else []
    if props:
        # frame limb and props together
        extra = []
        for o in props:
            extra.extend([np.array(o.matrix_world @ v.co) for v in o.data.vertices])
        allc = np.vstack([coords, np.array(extra)])
        allw = np.concatenate([fade, np.ones(len(extra))])
    else:
        allc, allw = coords, fade
    res_long = int(cfg["size"] * cfg["supersample"])
    frame_camera(cam, lights, allc, allw, view, cfg, res_long,
                 mirror_lights=entry["light"] == "right")
    sc = bpy.context.scene
    sc.cycles.samples = args.samples or cfg["samples"]
    lm = landmark(limb, cam)
    fade_pass = cfg.get("fade_pass", True)

    def render(raw, fade_png):
        sc.render.filepath = raw
        bpy.ops.render.render(write_still=True)
        if fade_pass:
            render_fade_pass([limb.obj], [limb.cap] + props, skin_mats, fade_png)

    raw, fade_png, rendered = render_raw(args, pid, key, fade_pass, render)
    for o in props:
        bpy.data.objects.remove(o, do_unlink=True)

    cut = cut_rows(limb, cam, view, sc.render.resolution_y)
    W, H, x0, x1, y0, y1, alpha = alpha_bbox(raw, cfg["crop_alpha"], cut, fade_png)
    x0, y0, cw, ch = crop_box(W, H, x0, x1, y0, y1, cfg, alpha)
    if not args.landmarks_only:
        finish_picture(raw, os.path.join(args.out, "assets", "pictures", pid + ".png"),
                       cfg, W, H, cut, (x0, y0, cw, ch), fade_png)
    rows = {}
    if lm is not None:
        fx, fy = (lm[0] - x0) / cw, (lm[1] - y0) / ch
        ix, iy = int(lm[0]), int(lm[1])
        if 0 <= fx <= 1 and 0 <= fy <= 1 and alpha[iy, ix] > 0.95:
            rows["landmarks.csv"] = (pid, "thumb_tip" if entry["limb"] == "hand"
                                     else "big_toe_tip", fx, fy)
    return rows, rendered


def render_raw(args, pid, key, fade, render):
    """Make sure args.work holds the raw renders of picture pid made with key:
    <pid>.png, with fade also <pid>-fade.png, and <pid>.key holding key,
    written only after them.  Calls render(raw path, fade path) unless they
    are there with key already or the run only post-processes (--from-raw,
    --landmarks-only).  Returns (raw path, fade path or None, True if it
    rendered)."""
    raw = os.path.join(args.work, pid + ".png")
    fade_png = os.path.join(args.work, pid + "-fade.png") if fade else None
    key_path = os.path.join(args.work, pid + ".key")
    if args.landmarks_only or args.from_raw or cached(key_path, key, [raw, fade_png]):
        return raw, fade_png, False
    if os.path.exists(key_path):
        os.remove(key_path)
    render(raw, fade_png)
    with open(key_path, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")
    return raw, fade_png, True


def cached(key_path, key, renders):
    """True if the raw renders (paths; None for one not made) are there and
    complete and were made with key: key_path holds the key, written only
    after the last render."""
    if not all(os.path.exists(p) for p in [key_path] + renders if p):
        return False
    with open(key_path, encoding="utf-8") as fh:
        return fh.read().strip() == key


# --------------------------------------------------------------------------
# Guided movement loops (mirror therapy)
# --------------------------------------------------------------------------

def ease(t):
    """Cosine ease in and out on 0..1: each movement starts and ends gently."""
    return (1.0 - math.cos(math.pi * t)) / 2.0


def loop_rotations(limb, exercise, keys, t):
    """The bone rotations at time t (0..1) of a closed movement cycle.

    keys: (time, rotations) in time order, the first at 0; after the last key
    the limb moves back to the first, which it reaches at t = 1.  Between two
    keys every bone turns along the shortest arc, eased.  A "wave" adds
    swinging rotations ([axis, degrees, phase degrees] per bone, one swing
    per cycle of the full-size part) that grow from nothing and die away at
    the ends of the cycle, so the ankle circle starts and ends at rest.
    """
    i = max(j for j, k in enumerate(keys) if k[0] <= t)
    t0, a = keys[i]
    t1, b = keys[i + 1] if i + 1 < len(keys) else (1.0, keys[0][1])
    u = ease((t - t0) / (t1 - t0))
    rots = {bone: q.slerp(b[bone], u) for bone, q in a.items()}
    wave = exercise.get("wave")
    if wave:
        ramp = wave["ramp"]
        size = ease(min(1.0, t / ramp, (1.0 - t) / ramp))
        angle = 2.0 * math.pi * (t - ramp) / (1.0 - 2.0 * ramp)
        for bone, terms in wave["bones"].items():
            swing = [[axis, size * deg * math.cos(angle + math.radians(phase))]
                     for axis, deg, phase in terms]
            rots[bone] = limb.bone_rotation(bone, swing) @ rots[bone]
    return rots


def render_loop(exercise, tables, loops, limb, limbs, cam, lights, skin_mats, cfg, args):
    """Render one exercise: assets/loops/<id>/00.png ... from one fixed camera."""
    lid = exercise["limb"]
    view = dict(loops["views"][lid])
    view.update(exercise.get("camera", {}))
    fade = dress(limbs, limb, loops["skin"], "", view, skin_mats)
    postures = dict(tables["postures"][lid], **loops["postures"].get(lid, {}))
    keys = []
    for t, name in exercise["keys"]:
        limb.pose(compose_posture(postures, name, exercise.get("adjust")))
        keys.append((t, limb.rotations()))
    n = exercise["frames"]
    frames = [loop_rotations(limb, exercise, keys, i / n) for i in range(n)]
    # one camera for the whole cycle, fitted to the limb in every frame
    coords = []
    for rots in frames:
        limb.set_rotations(rots)
        coords.append(limb.evaluated_coords())
    frame_camera(cam, lights, np.vstack(coords), np.tile(fade, n), view, cfg,
                 int(cfg["size"] * cfg["supersample"]))
    sc = bpy.context.scene
    sc.cycles.samples = args.samples or cfg["samples"]
    W, H = sc.render.resolution_x, sc.render.resolution_y
    work = os.path.join(args.work, exercise["id"])
    os.makedirs(work, exist_ok=True)
    raws, cuts = [], []
    for i, rots in enumerate(frames):
        t0 = time.time()
        limb.set_rotations(rots)
        cuts.append(cut_rows(limb, cam, view, H))
        raws.append(os.path.join(work, "%02d.png" % i))
        if not args.from_raw:
            sc.render.filepath = raws[-1]
            bpy.ops.render.render(write_still=True)
            print("  %s %02d %.1fs" % (exercise["id"], i, time.time() - t0), flush=True)
    # the same fade and crop for every frame, so that only the limb moves:
    # the fade ends above the cut in every frame, the crop holds every frame
    cut = min(cuts) if cuts[0] else None
    bbs, alpha = [], None
    for raw in raws:
        *bb, a = alpha_bbox(raw, cfg["crop_alpha"], cut)[2:]
        bbs.append(bb)
        alpha = a if alpha is None else np.maximum(alpha, a)
    bbs = np.array(bbs)
    box = crop_box(W, H, bbs[:, 0].min(), bbs[:, 1].max(), bbs[:, 2].min(),
                   bbs[:, 3].max(), cfg, alpha)
    out = os.path.join(args.out, "assets", "loops", exercise["id"])
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        if f.endswith(".png"):
            os.remove(os.path.join(out, f))
    for i, raw in enumerate(raws):
        finish_picture(raw, os.path.join(out, "%02d.png" % i), cfg, W, H, cut, box)


def check_loops(loops):
    ids = set()
    for e in loops["exercises"]:
        eid = e["id"]
        if not re.fullmatch(r"[a-z0-9-]+", eid) or eid in ids:
            raise SystemExit("bad or duplicate exercise id: %s" % eid)
        ids.add(eid)
        times = [k[0] for k in e["keys"]]
        if times[0] != 0 or times != sorted(set(times)) or times[-1] >= 1:
            raise SystemExit("%s: key times must rise from 0 and stay below 1" % eid)
        for field in ("title", "instruction"):
            if not e[field] or re.search(r'[,"\x00-\x1f]', e[field]):
                raise SystemExit("%s: %s must be text without commas or quotes" % (eid, field))
        if not 12 <= e["frames"] <= 99:
            raise SystemExit("%s: frames must be 12..99 (two-digit file names)" % eid)


def write_exercises(path, exercises):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("id,limb,title,frames,cycle_ms,instruction\n")
        for e in exercises:
            fh.write(",".join([e["id"], e["limb"], e["title"], str(e["frames"]),
                               str(e["cycle_ms"]), e["instruction"]]) + "\n")


def main_loops(args, tables, loops, cfg):
    exercises = loops["exercises"]
    check_loops(loops)
    todo = [e for e in exercises if not args.only or re.search(args.only, e["id"])]
    t_start = time.time()
    src, cam, lights, skin_mats = prepare_scene(args, tables, cfg)
    limbs = {}
    for lid in sorted({e["limb"] for e in todo}):
        targets = tables["shapes"][loops["shape"]][loops["skin"]]
        limbs[lid] = Limb(src, lid, "%s-%s-%s" % (lid, loops["shape"], loops["skin"]),
                          targets, cfg)
    for i, e in enumerate(todo):
        t0 = time.time()
        render_loop(e, tables, loops, limbs[e["limb"]], limbs, cam, lights, skin_mats,
                    cfg, args)
        print("[%d/%d] %s: %d frames in %.0f s" % (i + 1, len(todo), e["id"], e["frames"],
                                                   time.time() - t0), flush=True)
    write_exercises(os.path.join(args.out, "data", "exercises.csv"), exercises)
    if not args.no_sheet:
        subprocess.run(["sh", os.path.join(HERE, "contact_sheet.sh"), args.out, "loops"],
                       check=True)
    print("rendered %d loops in %.0f s" % (len(todo), time.time() - t_start))


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def parse_args():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mesh", default=None,
                    help="folder with base.obj, default.mhskel, ... "
                         "(default ../shared/makehuman from the repository root)")
    ap.add_argument("--out", default=None, help="repository root (default: this repo)")
    ap.add_argument("--table", default=os.path.join(HERE, "poses.json"))
    ap.add_argument("--only", default=None, help="regex: render only matching ids")
    ap.add_argument("--samples", type=int, default=0, help="override sample count")
    ap.add_argument("--size", type=int, default=0, help="override long side (px)")
    ap.add_argument("--draft", action="store_true",
                    help="quick preview: no supersampling, few samples")
    ap.add_argument("--landmarks-only", action="store_true",
                    help="recompute landmarks from the kept raw renders (--work)")
    ap.add_argument("--from-raw", action="store_true",
                    help="redo cropping, scaling, compression and landmarks from "
                         "the kept raw renders (--work) without rendering")
    ap.add_argument("--work", default=None,
                    help="raw renders (default: the cache folder, see README.md; "
                         "with --loops /tmp/loops-work/raw)")
    ap.add_argument("--no-sheet", action="store_true", help="skip the contact sheet")
    ap.add_argument("--loops", action="store_true",
                    help="render the mirror-therapy movement loops instead "
                         "(assets/loops, data/exercises.csv; --only matches exercise ids)")
    ap.add_argument("--loops-table", default=os.path.join(HERE, "loops.json"))
    return ap.parse_args(argv)


def write_catalogue(path, pictures):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("id,file,limb,view,posture,object,skin,shape,level,rotations,kind,light\n")
        for e in pictures:
            fh.write(",".join([e["id"], "pictures/%s.png" % e["id"], e["limb"],
                               e["view"], e["posture"], e.get("object", ""),
                               e["skin"], e["shape"], str(e["level"]),
                               ";".join(str(r) for r in sorted(e["rotations"])),
                               e["kind"], e["light"]]) + "\n")


def grade(pictures, tables):
    """Give every picture its level and view kind (see README.md, "Levels").

    A picture with an object is level 4.  Otherwise its level is 1 plus how
    hard its view and its posture make the side to judge (the scores of the
    table's "difficulty"), at most 3.  The kind is the view's ("own": the limb
    as the patient sees their own, "other": someone else's), or the kind of
    the row's own camera."""
    for e in pictures:
        diff = tables["difficulty"][e["limb"]]
        if e.get("object"):
            e["level"] = 4
        else:
            e["level"] = min(3, 1 + diff["views"][e["view"]] + diff["postures"][e["posture"]])
        view = dict(tables["views"][e["limb"]][e["view"]], **e.get("camera", {}))
        e["kind"] = view.get("kind", "other")


# The generator's checks of its pictures, one CSV file each in data/ (the
# library test reads them; the trainer does not): file name -> header.  A
# picture's render returns its rows by file name.
CHECK_FILES = {
    "landmarks.csv": "id,landmark,x,y",     # the thumb or big-toe tip in the picture
    "turns.csv": "id,toward_right",         # see bodyparts.toward_right
}


def write_rows(path, header, rows, order):
    """Write rows (id -> tuple of fields, the id first) to the CSV file at
    path under header, in the order of the ids in order (rows of other ids
    are left out); numbers with 4 decimals."""
    pos = {pid: i for i, pid in enumerate(order)}
    rows = sorted((r for r in rows.values() if r[0] in pos), key=lambda r: pos[r[0]])
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(header + "\n")
        for r in rows:
            fh.write(",".join("%.4f" % f if isinstance(f, float) else f for f in r) + "\n")


def write_checks(out, checks, order):
    """Write every CHECK_FILES file under out/data from checks (file name ->
    rows as write_rows takes them)."""
    for f, header in CHECK_FILES.items():
        write_rows(os.path.join(out, "data", f), header, checks[f], order)


def read_rows(path, header):
    """The rows of a CSV file written by write_rows under header (id -> tuple,
    numbers as floats), or none if there is no such file."""
    rows = {}
    if os.path.exists(path):
        width = len(header.split(","))
        with open(path, encoding="utf-8") as fh:
            next(fh, None)
            for line in fh:
                p = line.strip().split(",")
                if len(p) == width:
                    rows[p[0]] = tuple(_number(f) for f in p)
    return rows


def _number(field):
    """field as a float if it is a number, else as it is."""
    try:
        return float(field)
    except ValueError:
        return field


# Groups of pictures within which the key light must come as often from the
# left as from the right (one apart at most): the app mirrors every picture to
# show the other side, so a light side that went with the limb, level, view or
# posture would tell the side without looking at the limb.
LIGHT_BALANCE = [("limb",), ("limb", "kind"), ("limb", "level"), ("limb", "view"),
                 ("limb", "posture"), ("limb", "level", "view"),
                 ("limb", "level", "view", "posture")]


def check_table(pictures):
    ids = set()
    for e in pictures:
        pid = e["id"]
        if not re.fullmatch(r"[a-z0-9-]+", pid) or pid in ids:
            raise SystemExit("bad or duplicate id: %s" % pid)
        ids.add(pid)
        rots = e["rotations"]
        if 0 not in rots or any(r % 45 or not 0 <= r <= 315 for r in rots):
            raise SystemExit("bad rotations for %s" % pid)
        if e.get("light") not in ("left", "right"):
            raise SystemExit("%s: light must be left or right" % pid)
    for fields in LIGHT_BALANCE:
        excess = {}
        for e in pictures:
            key = tuple(e[f] for f in fields)
            excess[key] = excess.get(key, 0) + (1 if e["light"] == "left" else -1)
        for key, n in excess.items():
            if abs(n) > 1:
                raise SystemExit("key light unbalanced: %d more from the %s for %s" %
                                 (abs(n), "left" if n > 0 else "right",
                                  ", ".join("%s %s" % kv for kv in zip(fields, key))))


def raw_cache(draft):
    """The persistent folder of the library's raw renders: pictures-raw (with
    draft, pictures-draft, so previews leave the full renders alone) in
    gmi-trainer under $XDG_CACHE_HOME, or ~/.cache without it."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(root, "gmi-trainer", "pictures-draft" if draft else "pictures-raw")


def prepare_scene(args, tables, cfg):
    """Load the mesh; set up renderer, camera, lights and skin materials."""
    src = Source(args.mesh)
    cam, lights = setup_scene(cfg)
    ages = dict(tables.get("ages", {}), **{"": {}})
    fade_in_shader = not cfg.get("fade_pass", True)
    skin_mats = {(k, a): skin_material("skin-%s-%s" % (k, a), v, ages[a], fade_in_shader,
                                       cfg.get("skin_detail", True))
                 for k, v in tables["skins"].items() for a in ages}
    skin_mats.update({(k, "cap"): cap_material("cap-" + k, v)
                      for k, v in tables["skins"].items()})
    skin_mats["fade"] = fade_material("fade")
    skin_mats["white"] = white_material("white")
    return src, cam, lights, skin_mats


def main():
    args = parse_args()
    repo = os.path.abspath(os.path.join(HERE, "..", ".."))
    args.out = os.path.abspath(args.out or repo)
    args.mesh = os.path.abspath(args.mesh or os.path.join(repo, "..", "shared",
                                                          "makehuman"))
    with open(args.table) as fh:
        tables = json.load(fh)
    cfg = tables["settings"]
    loops = None
    if args.loops:
        with open(args.loops_table) as fh:
            loops = json.load(fh)
        cfg.update(loops["settings"])
    if args.size:
        cfg["size"] = args.size
    if args.draft:
        cfg["supersample"] = 1
        args.samples = args.samples or 12
    args.work = args.work or ("/tmp/loops-work/raw" if loops else raw_cache(args.draft))
    os.makedirs(args.work, exist_ok=True)
    for d in ("data", "docs"):
        os.makedirs(os.path.join(args.out, d), exist_ok=True)
    if loops:
        main_loops(args, tables, loops, cfg)
        return
    pictures = bodyparts.load_tables(tables)["pictures"]
    grade(pictures, tables)
    check_table(pictures)
    todo = [e for e in pictures
            if not args.only or re.search(args.only, e["id"])]
    pic_dir = os.path.join(args.out, "assets", "pictures")
    os.makedirs(pic_dir, exist_ok=True)

    t_start = time.time()
    src, cam, lights, skin_mats = prepare_scene(args, tables, cfg)
    limbs = {}
    for e in todo:
        key = (e["limb"], e["shape"], e["skin"])
        if key not in limbs:
            targets = tables["shapes"][e["shape"]][e["skin"]]
            limbs[key] = (bodyparts.make_body(src, e, tables, cfg) if bodyparts.is_part(e)
                          else Limb(src, e["limb"], "-".join(key), targets, cfg))

    checks = {f: read_rows(os.path.join(args.out, "data", f), h) for f, h in CHECK_FILES.items()}
    order = [p["id"] for p in pictures]
    base = render_base(cfg, args.samples, args.mesh)
    print("raw renders in %s" % args.work, flush=True)
    for i, e in enumerate(todo):
        t0 = time.time()
        render = bodyparts.render_picture if bodyparts.is_part(e) else render_picture
        rows, rendered = render(e, tables, limbs, cam, lights, skin_mats, cfg, args,
                                render_key(e, tables, base, args.mesh))
        for f in CHECK_FILES:
            checks[f].pop(e["id"], None)
            if f in rows:
                checks[f][e["id"]] = rows[f]
        print("[%d/%d] %s %s %.1fs" % (i + 1, len(todo), e["id"],
                                       "rendered" if rendered else "reused",
                                       time.time() - t0), flush=True)
        # keep outputs usable even if the run is interrupted
        write_checks(args.out, checks, order)

    # the catalogue lists every table row; stale pictures are removed
    wanted = {e["id"] + ".png" for e in pictures}
    for f in os.listdir(pic_dir):
        if f.endswith(".png") and f not in wanted:
            os.remove(os.path.join(pic_dir, f))
    write_catalogue(os.path.join(args.out, "data", "catalogue.csv"),
                    bodyparts.catalogue_rows(pictures, pic_dir))
    write_checks(args.out, checks, order)
    if not args.no_sheet:
        subprocess.run(["sh", os.path.join(HERE, "contact_sheet.sh"), args.out],
                       check=True)
        bodyparts.contact_sheets(args.out, pictures, pic_dir)
    print("rendered %d pictures in %.0f s" % (len(todo), time.time() - t_start))


if __name__ == "__main__":
    main()
