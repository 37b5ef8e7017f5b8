"""Body-part pictures (knee, shoulder, neck, back) for render_library.py.

The hands and feet are cut out of the MakeHuman mesh as single limbs; the
body parts need the whole body: trunk, neck and limbs posed with the body's
own skeleton, dressed in MakeHuman garments and hair fitted with their .mhclo
files, and faded out where a part's picture ends.  Everything that varies
between these pictures lives in assets/source/parts.json (parts, views,
postures, outfits, objects, difficulty, rows); render_library.py merges it
into its tables, grades and balances the rows with the hands and feet, and
calls render_picture here for rows whose limb is one of PARTS.

World frame (metres): the body stands on Z up around the origin, facing -Y;
+X is the body's left, so its right side has x < 0.  Posture rotations are
[axis, degrees] about these axes as they stand at rest, carried along by the
parent bone: knee flexion +x, hip flexion -x, head or trunk turned to the
person's right -z, bent to the right -y, right arm raised forward -x and
out to the side +y.
"""

import json
import math
import os
import subprocess

import bpy
import numpy as np
from mathutils import Matrix, Vector

import render_library as rl

HERE = os.path.dirname(os.path.abspath(__file__))
PARTS = ("knee", "shoulder", "neck", "back")
EYE_GROUPS = ("helper-l-eye", "helper-r-eye")
PART_OBJECT = "part-%s"        # a part's object's name among the library's objects
# This module's version, in every body-part raw render's key (render_inputs)
# beside the generator's: raise it with any change here that changes what a
# body-part render looks like, which renders the body parts again and leaves
# the hands and feet (render_library.GENERATOR_VERSION renders everything).
VERSION = 1


def is_part(entry):
    """Whether a table row is a body-part picture (rendered here)."""
    return entry["limb"] in PARTS


def load_tables(tables, path=None):
    """Merge parts.json into the library's tables: its views, postures and
    difficulty under each part's name, its objects under PART_OBJECT names,
    its rows after the hands' and feet's, and its own tables kept under
    tables["parts"].  Returns the
    merged tables (changed in place)."""
    with open(path or os.path.join(HERE, "parts.json")) as fh:
        parts = json.load(fh)
    tables["parts"] = parts
    # the parts' objects under names of their own (a shoulder's ball is not
    # the hand's), the rows set up with them by those names
    merged = {"views": parts["views"], "postures": parts["postures"],
              "difficulty": parts["difficulty"],
              "objects": {PART_OBJECT % k: v for k, v in parts["objects"].items()}}
    for key, entries in merged.items():
        clash = sorted(set(tables[key]) & set(entries))
        if clash:
            raise ValueError("parts.json: %s %s already in the hand and foot table"
                             % (key, ", ".join(clash)))
        tables[key].update(entries)
    for e in parts["pictures"]:
        if e.get("object"):
            e.setdefault("object_setup", PART_OBJECT % e["object"])
    tables["pictures"] = tables["pictures"] + parts["pictures"]
    return tables


def catalogue_rows(pictures, pic_dir):
    """The rows the catalogue lists: every hand and foot row, and the body-part
    rows whose picture has been rendered (the table holds more rows than are
    rendered yet)."""
    return [e for e in pictures if not is_part(e) or
            os.path.exists(os.path.join(pic_dir, e["id"] + ".png"))]


def contact_sheets(out, pictures, pic_dir):
    """docs/contact-sheet-<part>.jpg for every part with rendered pictures
    (contact_sheet.sh, one sheet per part)."""
    for part in PARTS:
        if any(e["limb"] == part for e in catalogue_rows(pictures, pic_dir) if is_part(e)):
            subprocess.run(["sh", os.path.join(HERE, "contact_sheet.sh"), out, "pictures", part],
                           check=True)


# --------------------------------------------------------------------------
# MakeHuman data: eyes, garments and hair
# --------------------------------------------------------------------------

def to_world(p):
    """base.obj coordinates (decimetres, Y up, facing +Z) -> world metres."""
    p = np.asarray(p, dtype=float)
    return np.stack([p[..., 0], -p[..., 2], p[..., 1]], -1) * 0.1


def obj_group_faces(path, groups):
    """Faces (0-based vertex indices) of the named groups of base.obj."""
    faces, group = [], None
    with open(path) as fh:
        for line in fh:
            if line.startswith("g "):
                group = line.split()[1]
            elif line.startswith("f ") and group in groups:
                faces.append([int(t.split("/")[0]) - 1 for t in line.split()[1:]])
    return faces


class Proxy:
    """A MakeHuman garment or hair mesh and its fitting (.mhclo): every
    vertex is a weighted sum of three body vertices plus an offset scaled by
    the body's size, so it follows the body's shape; its skin weights are
    the same sums of the body's, so it follows the pose."""

    def __init__(self, folder):
        name = os.path.basename(folder)
        self.name = name
        refs, wts, offs, self.delete = [], [], [], set()
        self.scales = {}
        section = None
        with open(os.path.join(folder, name + ".mhclo")) as fh:
            for line in fh:
                p = line.split()
                if not p or p[0].startswith("#"):
                    continue
                if p[0] in ("x_scale", "y_scale", "z_scale"):
                    self.scales[p[0]] = (int(p[1]), int(p[2]), float(p[3]))
                elif p[0] == "verts":
                    section = "verts"
                elif p[0] == "delete_verts":
                    section = "delete"
                elif not p[0][0].isdigit():
                    continue          # other keys may come between the vertices
                elif section == "verts":
                    if len(p) == 1:
                        refs.append([int(p[0])] * 3)
                        wts.append([1.0, 0.0, 0.0])
                        offs.append([0.0, 0.0, 0.0])
                    else:
                        refs.append([int(x) for x in p[:3]])
                        wts.append([float(x) for x in p[3:6]])
                        offs.append([float(x) for x in p[6:9]])
                elif section == "delete":
                    nums = line.replace("-", " - ").split()
                    i = 0
                    while i < len(nums):
                        if i + 2 < len(nums) and nums[i + 1] == "-":
                            self.delete.update(range(int(nums[i]), int(nums[i + 2]) + 1))
                            i += 3
                        else:
                            self.delete.add(int(nums[i]))
                            i += 1
        self.refs, self.wts, self.offs = np.array(refs), np.array(wts), np.array(offs)
        uvs, self.faces, self.face_uvs = [], [], []
        with open(os.path.join(folder, name + ".obj")) as fh:
            for line in fh:
                if line.startswith("vt "):
                    uvs.append([float(x) for x in line.split()[1:3]])
                elif line.startswith("f "):
                    corners = [t.split("/") for t in line.split()[1:]]
                    self.faces.append([int(c[0]) - 1 for c in corners])
                    self.face_uvs.append([int(c[1]) - 1 if len(c) > 1 and c[1] else 0
                                          for c in corners])
        self.uvs = np.array(uvs) if uvs else np.zeros((1, 2))

    def fit(self, verts):
        """Vertex positions (base.obj space) on a body whose vertices are verts."""
        scale = np.ones(3)
        for axis, key in enumerate(("x_scale", "y_scale", "z_scale")):
            if key in self.scales:
                a, b, den = self.scales[key]
                scale[axis] = abs(verts[a][axis] - verts[b][axis]) / den
        pos = np.einsum("nk,nkd->nd", self.wts, verts[self.refs])
        return pos + self.offs * scale

    def blend(self, values):
        """Per-vertex values of the body (n x k) carried to this mesh."""
        return np.einsum("nk,nk...->n...", self.wts, values[self.refs])


# --------------------------------------------------------------------------
# Materials
# --------------------------------------------------------------------------

def _stump_alpha(N, geo):
    """Inner faces where the part is faded out are not drawn (as the skin's)."""
    fade = N.attr("fade").outputs["Fac"]
    stump = N.math("LESS_THAN", fade, 0.999)
    return N.math("SUBTRACT", 1.0, N.math("MULTIPLY", stump, geo.outputs["Backfacing"]))


def fabric_material(name, colour):
    """Plain knitted fabric: a soft sheen, a faint irregular weave in the
    bump and darker inner faces (inside a sleeve or a collar)."""
    mat, N = rl.node_material(name, blend=True)
    out = N.node("ShaderNodeOutputMaterial")
    bsdf = N.node("ShaderNodeBsdfPrincipled")
    geo = N.node("ShaderNodeNewGeometry")
    rest = N.attr("rest").outputs["Vector"]
    fold = N.node("ShaderNodeTexNoise", Vector=rest, Scale=9.0, Detail=2.0)
    base = rl.linear(colour)
    col = N.mix(N.math("MULTIPLY", fold.outputs["Fac"], 0.25), base,
                tuple(x * 0.7 for x in base))
    col = N.mix(geo.outputs["Backfacing"], col, (0.45, 0.45, 0.45), "MULTIPLY")
    N.put(bsdf.inputs["Base Color"], col)
    weave = N.node("ShaderNodeTexNoise", Vector=rest, Scale=900.0, Detail=0.0)
    bump = N.node("ShaderNodeBump", Strength=0.25, Distance=0.0004,
                  Height=weave.outputs["Fac"])
    N.put(bsdf.inputs["Normal"], bump.outputs["Normal"])
    bsdf.inputs["Roughness"].default_value = 0.85
    bsdf.inputs["Specular"].default_value = 0.2
    bsdf.inputs["Sheen"].default_value = 0.6
    N.put(bsdf.inputs["Alpha"], _stump_alpha(N, geo))
    N.put(out.inputs["Surface"], bsdf.outputs[0])
    return mat


def hair_material(name, colour):
    """Hair without its strand texture: fine streaks along the strands (the
    cards' V direction), a sheen along them and darker roots."""
    mat, N = rl.node_material(name, blend=True)
    out = N.node("ShaderNodeOutputMaterial")
    bsdf = N.node("ShaderNodeBsdfPrincipled")
    geo = N.node("ShaderNodeNewGeometry")
    uv = N.node("ShaderNodeUVMap")
    sep = N.node("ShaderNodeSeparateXYZ")
    N.put(sep.inputs[0], uv.outputs["UV"])
    wave = N.node("ShaderNodeTexWave", Scale=60.0, Distortion=6.0, Detail=3.0)
    wave.bands_direction = "X"
    N.put(wave.inputs["Vector"], uv.outputs["UV"])
    streak = N.smooth(wave.outputs["Fac"], 0.2, 0.9)
    base = rl.linear(colour)
    col = N.mix(N.math("MULTIPLY", streak, 0.45), base, tuple(x * 1.8 for x in base))
    col = N.mix(geo.outputs["Backfacing"], col, (0.6, 0.6, 0.6), "MULTIPLY")
    N.put(bsdf.inputs["Base Color"], col)
    bump = N.node("ShaderNodeBump", Strength=0.6, Distance=0.0008, Height=streak)
    N.put(bsdf.inputs["Normal"], bump.outputs["Normal"])
    bsdf.inputs["Roughness"].default_value = 0.45
    bsdf.inputs["Specular"].default_value = 0.35
    bsdf.inputs["Anisotropic"].default_value = 0.6
    bsdf.inputs["Sheen"].default_value = 0.3
    N.put(bsdf.inputs["Alpha"], _stump_alpha(N, geo))
    N.put(out.inputs["Surface"], bsdf.outputs[0])
    return mat


def eye_material(name):
    """An eye: white, with a brown iris and a dark pupil round the direction
    the eye looks in at rest (-Y): the "look" attribute (Body._look_attribute)."""
    mat, N = rl.node_material(name)
    out = N.node("ShaderNodeOutputMaterial")
    bsdf = N.node("ShaderNodeBsdfPrincipled")
    look = N.attr("look").outputs["Fac"]
    iris = N.smooth(look, 0.86, 0.9)
    pupil = N.smooth(look, 0.96, 0.975)
    col = N.mix(iris, (0.75, 0.72, 0.7), rl.linear([0.35, 0.22, 0.12]))
    col = N.mix(pupil, col, (0.02, 0.02, 0.02))
    N.put(bsdf.inputs["Base Color"], col)
    bsdf.inputs["Roughness"].default_value = 0.1
    bsdf.inputs["Specular"].default_value = 0.5
    N.put(out.inputs["Surface"], bsdf.outputs[0])
    return mat


# --------------------------------------------------------------------------
# The dressed body
# --------------------------------------------------------------------------

def part_fade(points, spec, joint):
    """Per point, how much of it a part's picture shows (0..1, rest pose).

    spec["fades"]: each {"from": joint, "to": joint, "range": [t0, t1]}
    fades out along the segment between the two joints, from its fraction
    t0 to t1 (points nearer "from" than t0 stay whole); the fades multiply.
    A joint is named "bone:head" or "bone:tail"; joint(name) gives its rest
    position.
    """
    fade = np.ones(len(points))
    for f in spec.get("fades", []):
        a, b = joint(f["from"]), joint(f["to"])
        d = b - a
        t = (points - a) @ d / d.dot(d)
        t0, t1 = f["range"]
        fade *= np.clip((t1 - t) / (t1 - t0), 0.0, 1.0)
    return fade


class Body:
    """One body shape and skin tone, dressed, as the skinned Blender objects
    of one part's pictures: skin, eyes, garments and hair, all on one
    armature with the body's whole skeleton.  Only what the part's picture
    can show is built (the part's bones, up to where its fades end)."""

    def __init__(self, src, part, spec, shape_key, targets, outfit, cfg):
        self.src = src
        self.part = part
        verts = src.morphed(targets)                     # base.obj space
        J = lambda n: to_world(src.joint(verts, n))
        self.joint = lambda n: J(src.bones[n.split(":")[0]][n.split(":")[1]])
        self.rest = to_world(verts)
        self.fades_spec = spec.get("fades", [])
        bone_list = list(src.bones)
        self.bone_index = {b: i for i, b in enumerate(bone_list)}
        W = np.zeros((len(verts), len(bone_list)), np.float32)
        for b, pairs in src.weights.items():
            if b in self.bone_index:
                for vi, x in pairs:
                    W[vi, self.bone_index[b]] = x
        # the helper meshes (tights, hair) that garments are fitted to carry
        # half weights: every vertex's weights made to sum to 1
        total = W.sum(axis=1, keepdims=True)
        W = W / np.where(total > 0, total, 1.0)
        self.W = W
        # which body vertices the picture needs: the part's bones, then the fades
        keep = np.ones(len(verts), bool)
        if spec.get("bones"):
            keep = W[:, [self.bone_index[b] for b in spec["bones"]]].sum(axis=1) > 0.5
        fade = part_fade(self.rest, spec, self.joint)
        # a little beyond each fade's end, so the open edge is never seen
        margin = part_fade(self.rest, {"fades": [dict(f, range=[f["range"][0], f["range"][1] + 0.08])
                                                 for f in spec.get("fades", [])]}, self.joint)
        keep &= margin > 0
        self.fade_body = fade

        # skeleton: every bone, at the shaped body's joints
        arm = bpy.data.armatures.new("%s-%s-rig" % (part, shape_key))
        rig = bpy.data.objects.new(arm.name, arm)
        bpy.context.scene.collection.objects.link(rig)
        bpy.context.view_layer.objects.active = rig
        bpy.ops.object.mode_set(mode="EDIT")
        for b, info in src.bones.items():
            eb = arm.edit_bones.new(b)
            eb.head = Vector(J(info["head"]))
            eb.tail = Vector(J(info["tail"]))
        for b, info in src.bones.items():
            if info["parent"]:
                arm.edit_bones[b].parent = arm.edit_bones[info["parent"]]
        bpy.ops.object.mode_set(mode="OBJECT")
        self.rig = rig

        self.objects = []          # (object, kind): kind skin, eyes, cloth, hair
        self.index = {}            # mesh name -> its vertices' body / proxy indices
        self.fades = {}            # object name -> the part's fade per vertex
        self.rest_of = {}          # object name -> its vertices' rest positions
        deleted = set()
        proxies = []
        mh = src.path
        for name in outfit.get("clothes", []):
            proxies.append((Proxy(os.path.join(mh, "clothes", name)), "cloth",
                            outfit["colours"][name], outfit.get("trims", {}).get(name, [])))
        if outfit.get("hair"):
            proxies.append((Proxy(os.path.join(mh, "hair", outfit["hair"])), "hair",
                            outfit["colours"]["hair"], []))
        gone = np.zeros(len(verts), bool)
        for px, _, _, trims in proxies:
            if px.name in spec.get("keep_skin_under", []):
                continue
            # the skin a garment hides is left out (as MakeHuman does), except
            # where the garment is trimmed off (leggings cut to shorts)
            hidden = np.zeros(len(verts), bool)
            hidden[list(px.delete)] = True
            gone |= hidden & self._untrimmed(self.rest, trims, 0.04)
        skin_faces = [f for f in src.faces if all(keep[i] and not gone[i] for i in f)]
        self.skin = self._mesh("skin", self.rest, skin_faces, fade, W, cfg.get("subdivision", 1))
        self._detail_attributes(self.skin)
        self.objects.append((self.skin, "skin"))
        cap = spec.get("cap")
        self.cap = self._make_cap(cap, cap["at"], True) if cap else None
        self.own_cap = self._make_cap(cap, cap["own_at"], False) if cap else None
        eye_faces = [f for f in obj_group_faces(os.path.join(mh, "base.obj"), EYE_GROUPS)
                     if all(keep[i] for i in f)]
        if eye_faces:
            eyes = self._mesh("eyes", self.rest, eye_faces, fade, W, 2)
            self._look_attribute(eyes, eye_faces)
            self.objects.append((eyes, "eyes"))
        for px, kind, colour, trims in proxies:
            co = to_world(px.fit(verts))
            pf = px.blend(fade)
            pkeep = (px.blend(margin) > 0) & self._untrimmed(co, trims, 0.0)
            if spec.get("bones"):
                pkeep &= px.blend(keep.astype(float)) > 0.5
            faces = [f for f in px.faces if all(pkeep[i] for i in f)]
            if not faces:
                continue
            uvs = [[tuple(px.uvs[u]) for u in fu] for f, fu in zip(px.faces, px.face_uvs)
                   if all(pkeep[i] for i in f)]
            # garments get a little thickness, so a hem shows an edge, not a
            # gap, and stand off the skin they no longer hide by cloth_offset
            cloth = kind == "cloth"
            o = self._mesh(px.name, co, faces, pf, px.blend(W), 1 if cloth else 0, uvs=uvs,
                           thickness=0.003 if cloth else 0.0,
                           offset=spec.get("cloth_offset", 0.0) if cloth else 0.0)
            o["colour"] = colour
            self.objects.append((o, kind))

    def _make_cap(self, cap, at, vanish):
        """A disc closing the cut skin across the segment of fade number
        cap["fade"], at its fraction at, moved by cap["bone"]: it hides the
        hollow inside of the cut limb.  With vanish (a disc near the fade's
        end) its fade is the skin's there, nearly nothing: a camera that
        looks into the cut end sees it vanish with the skin instead of a dark
        hole.  Otherwise (own views, which look down the limb as the hand's
        and foot's do) it is drawn whole where the skin is, and the picture
        fades out above it (the view's screen_fade)."""
        f = self.fades_spec[cap["fade"]]
        a, b = self.joint(f["from"]), self.joint(f["to"])
        co = self.rest[self.index["skin"]]
        along = (co - a) @ (b - a) / (b - a).dot(b - a)
        shim = type("Shim", (), {"obj": self.skin})()
        obj = rl.Limb._make_cap(shim, co, along, at, rl.unit(b - a),
                                self.skin.data.name + ("-end" if vanish else "-own"))
        obj.vertex_groups.new(name=cap["bone"]).add(
            list(range(len(obj.data.vertices))), 1.0, "REPLACE")
        obj.modifiers.new("rig", "ARMATURE").object = self.rig
        if vanish:
            # a little wider than the skin's cross-section: no gap at its rim
            # through which the inside of the limb would show
            co = np.array([v.co for v in obj.data.vertices])
            co = co[0] + (co - co[0]) * 1.1
            obj.data.vertices.foreach_set("co", co.astype(np.float32).ravel())
            centre = a + (b - a) * at
            level = part_fade(centre[None, :], {"fades": self.fades_spec}, self.joint)[0]
            obj.data.color_attributes["fade"].data.foreach_set(
                "color", np.full(len(obj.data.vertices) * 4, level, np.float32))
        return obj

    def _untrimmed(self, points, trims, margin):
        """Which points a garment's trims keep: each trim {"from", "to",
        "cut"} removes what lies below the height of the fraction cut of the
        segment between the joints (a legging's leg below mid-thigh; heights
        at rest, along the rings of the garment's faces, so the hem is
        straight); margin moves the cut further up that segment."""
        ok = np.ones(len(points), bool)
        for tr in trims:
            a, b = self.joint(tr["from"]), self.joint(tr["to"])
            ok &= (points[:, 2] - a[2]) / (b[2] - a[2]) >= tr["cut"] + margin
        return ok

    def _mesh(self, name, co, faces, fade, W, subdivision, uvs=None, thickness=0.0,
              offset=0.0):
        """A skinned mesh of the faces' vertices (compacted), with its fade
        and rest position as attributes; after posing moved outwards along
        its normals by offset and thickened outwards by thickness (m), then
        subdivided."""
        used = sorted({i for f in faces for i in f})
        remap = {v: k for k, v in enumerate(used)}
        mesh = bpy.data.meshes.new("%s-%s" % (self.rig.name, name))
        mesh.from_pydata([tuple(co[i]) for i in used], [], [[remap[i] for i in f] for f in faces])
        if uvs is not None:
            layer = mesh.uv_layers.new(name="UVMap")
            layer.data.foreach_set("uv", np.array([u for fu in uvs for u in fu],
                                                  np.float32).ravel())
        mesh.update()
        for p in mesh.polygons:
            p.use_smooth = True
        idx = np.array(used, dtype=int)
        col = mesh.color_attributes.new("fade", "FLOAT_COLOR", "POINT")
        col.data.foreach_set("color", np.repeat(fade[idx], 4).astype(np.float32))
        at = mesh.attributes.new("rest", "FLOAT_VECTOR", "POINT")
        at.data.foreach_set("vector", co[idx].astype(np.float32).ravel())
        obj = bpy.data.objects.new(mesh.name, mesh)
        bpy.context.scene.collection.objects.link(obj)
        Wk = W[idx]
        for b, bi in self.bone_index.items():
            col_w = Wk[:, bi]
            nz = np.nonzero(col_w > 0.005)[0]
            if not len(nz):
                continue
            vg = obj.vertex_groups.new(name=b)
            for w in np.unique(np.round(col_w[nz], 3)):
                vg.add([int(v) for v in nz[np.round(col_w[nz], 3) == w]], float(w), "REPLACE")
        mod = obj.modifiers.new("rig", "ARMATURE")
        mod.object = self.rig
        mod.use_deform_preserve_volume = True
        if offset:
            dis = obj.modifiers.new("offset", "DISPLACE")
            dis.direction = "NORMAL"
            dis.mid_level = 0.0
            dis.strength = offset
        if thickness:
            sol = obj.modifiers.new("thickness", "SOLIDIFY")
            sol.thickness = thickness
            sol.offset = 1.0
            sol.use_rim = True
        if subdivision:
            sub = obj.modifiers.new("smooth", "SUBSURF")
            sub.levels = 0
            sub.render_levels = subdivision
        self.index[name] = idx
        self.fades[obj.name] = fade[idx]
        self.rest_of[obj.name] = co[idx]
        return obj

    @staticmethod
    def _detail_attributes(obj):
        """The skin shader's anatomy coordinates (see Limb._detail_attributes),
        all far from any nail, knuckle, palm line or tendon: the body's skin
        gets the shader's colour, blotches and subsurface scattering."""
        n = len(obj.data.vertices)
        for name, value in (("digit", (-9.0, 0.0, 0.0)), ("joint", (99.0, 0.0, 0.0)),
                            ("lines", (99.0, 99.0, 99.0))):
            at = obj.data.attributes.new(name, "FLOAT_VECTOR", "POINT")
            at.data.foreach_set("vector", np.tile(np.array(value, np.float32), n))

    @staticmethod
    def _look_attribute(obj, faces):
        """Per eye vertex, the cosine between its direction from the eye's
        centre and the gaze at rest (-Y): the iris and pupil are drawn round
        it."""
        co = np.array([v.co for v in obj.data.vertices])
        look = np.zeros(len(co))
        left = co[:, 0] > 0
        for side in (left, ~left):
            c = co[side].mean(axis=0)
            d = co[side] - c
            look[side] = -d[:, 1] / np.linalg.norm(d, axis=1)
        at = obj.data.attributes.new("look", "FLOAT", "POINT")
        at.data.foreach_set("value", look.astype(np.float32))

    # ---- the interface build_props and landmark use on a Limb ----

    def bone_point(self, bone, end="tail"):
        pb = self.rig.pose.bones[bone]
        return np.array(pb.tail if end == "tail" else pb.head)

    def bone_weight(self, bones):
        """Per skin vertex, the summed weight of these bones (0 for none)."""
        idx = self.index["skin"]
        w = np.zeros(len(idx))
        for b in bones:
            if b in self.bone_index:
                w += self.W[idx, self.bone_index[b]]
        return w

    def evaluated_coords(self, obj=None):
        return rl.Limb.evaluated_coords(self, obj or self.skin)

    def visible_points(self):
        """World positions of every posed vertex and how much of it shows."""
        pts, fade = [], []
        dg = bpy.context.evaluated_depsgraph_get()
        for o, _ in self.objects:
            me = o.evaluated_get(dg).to_mesh()
            co = np.empty(len(me.vertices) * 3)
            me.vertices.foreach_get("co", co)
            f = np.empty(len(me.vertices) * 4, np.float32)
            me.color_attributes["fade"].data.foreach_get("color", f)
            o.evaluated_get(dg).to_mesh_clear()
            M = np.array(o.matrix_world)
            pts.append(co.reshape(-1, 3) @ M[:3, :3].T + M[:3, 3])
            fade.append(f[::4])
        return np.vstack(pts), np.concatenate(fade)

    def pose(self, posture):
        """posture: bone -> [[axis, degrees], ...] about the world's rest
        axes, carried along by the parent (see the module's doc)."""
        rots = {}
        for b, seq in posture.items():
            if b.startswith("_") or b not in self.rig.pose.bones:
                continue
            R = Matrix.Identity(3)
            for axname, deg in seq:
                R = Matrix.Rotation(math.radians(deg), 3, axname.upper()) @ R
            B = self.rig.data.bones[b].matrix_local.to_3x3()
            rots[b] = (B.inverted() @ R @ B).to_quaternion()
        for pb in self.rig.pose.bones:
            q = rots.get(pb.name)
            pb.matrix_basis = q.to_matrix().to_4x4() if q else Matrix.Identity(4)
        bpy.context.view_layer.update()

    def fade_view(self, fades):
        """Fade the part's picture further for one view (a soft crop above
        the mouth where the face would show): fades as in part_fade, on top
        of the part's own.  Returns nothing; sets every object's fade."""
        for o, _ in self.objects:
            f = self.fades[o.name] * part_fade(self.rest_of[o.name], {"fades": fades}, self.joint)
            o.data.color_attributes["fade"].data.foreach_set(
                "color", np.repeat(f, 4).astype(np.float32))

    def show(self, flag):
        for o in [o for o, _ in self.objects] + ([self.cap, self.own_cap] if self.cap else []):
            o.hide_render = not flag
            o.hide_viewport = not flag


def _outfit(entry, tables):
    """The outfit of a row: its part's garments and hair for the row's sex,
    the hair coloured for its age (or skin tone)."""
    parts = tables["parts"]
    spec = parts["parts"][entry["limb"]]
    sex = "female" if entry["shape"].startswith("female") else "male"
    outfit = dict(parts["outfits"][spec["outfit"][sex]])
    age = tables["shapes"][entry["shape"]].get("_age", "")
    outfit["colours"] = dict(outfit["colours"], hair=parts["hair_colours"][age or entry["skin"]])
    return outfit


def make_body(src, entry, tables, cfg):
    """The dressed body of a row's part, shape and skin tone."""
    spec = tables["parts"]["parts"][entry["limb"]]
    targets = tables["shapes"][entry["shape"]][entry["skin"]]
    return Body(src, entry["limb"], spec, "%s-%s" % (entry["shape"], entry["skin"]), targets,
                _outfit(entry, tables), cfg)


def render_inputs(entry, tables, mesh):
    """What a body-part row's raw renders depend on beyond a hand's (see
    render_library.render_key), as a JSON-able dict: this module's VERSION,
    the part's table entry, the outfit, and the files of its garments and
    hair in the folder mesh."""
    outfit = _outfit(entry, tables)
    folders = [os.path.join("clothes", c) for c in outfit.get("clothes", [])]
    folders += [os.path.join("hair", outfit["hair"])] if outfit.get("hair") else []
    files = {}
    for folder in folders:
        for f in sorted(os.listdir(os.path.join(mesh, folder))):
            path = os.path.join(mesh, folder, f)
            if os.path.isfile(path):
                files[os.path.join(folder, f)] = rl.file_digest(path)
    return {"version": VERSION, "spec": tables["parts"]["parts"][entry["limb"]],
            "outfit": outfit, "files": files}


_MATERIALS = {}


def _material(kind, colour):
    key = (kind, tuple(colour))
    if key not in _MATERIALS:
        make = {"cloth": fabric_material, "hair": hair_material}[kind]
        _MATERIALS[key] = make("%s-%s" % (kind, "-".join("%.2f" % c for c in colour)), colour)
    return _MATERIALS[key]


def _body_skin(hand_skin):
    """The hand and foot skin without pore relief and subsurface scattering.

    A picture of a leg or of the shoulders has about a third of a hand
    picture's pixels per millimetre.  At the library's 16 samples the
    scattering, sampled over a skin a few pixels deep, leaves dark grain
    that the grain smoothing cannot remove (strongest on the side away from
    the key light), and the pores fall below a pixel.  The colour, blotches
    and sheen stay as they are; the bump carries nothing else on the body
    (no creases or tendons there)."""
    key = ("skin", hand_skin.name)
    if key not in _MATERIALS:
        mat = hand_skin.copy()
        mat.name = "body-" + hand_skin.name
        for n in mat.node_tree.nodes:
            if n.bl_idname == "ShaderNodeBump":
                n.inputs["Strength"].default_value = 0.0
            if n.bl_idname == "ShaderNodeBsdfPrincipled":
                for link in list(n.inputs["Subsurface"].links):
                    mat.node_tree.links.remove(link)
                n.inputs["Subsurface"].default_value = 0.0
        _MATERIALS[key] = mat
    return _MATERIALS[key]


def _dress(body, entry, tables, skin_mats, fade_range):
    """Materials of a row: its skin tone and age; the fade over fade_range."""
    age = tables["shapes"][entry["shape"]].get("_age", "")
    skin = _body_skin(skin_mats[(entry["skin"], age)])
    if "eyes" not in _MATERIALS:
        _MATERIALS["eyes"] = eye_material("eyes")
    for cap in (body.cap, body.own_cap) if body.cap else ():
        cap.data.materials.clear()
        cap.data.materials.append(skin_mats[(entry["skin"], "cap")])
    for o, kind in body.objects:
        o.data.materials.clear()
        if kind == "skin":
            o.data.materials.append(skin)
        elif kind == "eyes":
            o.data.materials.append(_MATERIALS["eyes"])
        else:
            o.data.materials.append(_material(kind, o["colour"]))
    for m in (skin, skin_mats["fade"]):
        fr = m.node_tree.nodes["Map Range"]
        fr.inputs["From Min"].default_value, fr.inputs["From Max"].default_value = fade_range


# The bones whose pose shows which way a neck or back turned: the one that
# moves (the head; the chest's top) and the one below it the turn is
# measured against (the chest's top; the pelvis).
SIDE_BONES = {"neck": ("head", "spine01"), "back": ("spine01", "root")}


def toward_right(body, part):
    """How far the posed head (a neck picture) or chest (a back picture) of
    body is turned and bent toward the person's own right, against the trunk
    below it (SIDE_BONES): the components of the moving bone's facing (-Y at
    rest) and up (+Z at rest) directions along the lower bone's right (-X at
    rest), summed; -2..2, 0 when it faces straight ahead.  Every picture is
    stored as the person's right (turned or bent to their right), so this
    must be clearly positive: the library test checks it for every neck
    and back picture, so a posture whose sign is wrong cannot pass."""
    def turned(name):
        pb = body.rig.pose.bones[name]
        return (body.rig.matrix_world.to_3x3() @ pb.matrix.to_3x3()
                @ pb.bone.matrix_local.to_3x3().inverted())
    moving, below = (turned(b) for b in SIDE_BONES[part])
    right = below @ Vector((-1.0, 0.0, 0.0))
    return (moving @ Vector((0.0, -1.0, 0.0))).dot(right) + \
        (moving @ Vector((0.0, 0.0, 1.0))).dot(right)


def render_picture(entry, tables, bodies, cam, lights, skin_mats, cfg, args, key):
    """Render one body-part row to assets/pictures/<id>.png, as
    render_library.render_picture does a hand or foot (the same light rig,
    raw-render cache, fade pass, crop and post-processing).  Returns (its
    rows of render_library.CHECK_FILES by file name: the turn toward the
    right of a neck or back, True if rendered, False if reused)."""
    pid = entry["id"]
    body = bodies[(entry["limb"], entry["shape"], entry["skin"])]
    for b in bodies.values():
        b.show(b is body)
    view = dict(tables["views"][entry["limb"]][entry["view"]])
    view.update(entry.get("camera", {}))
    fade_range = view.get("fade_range", [0.0, 1.0])
    _dress(body, entry, tables, skin_mats, fade_range)
    # own views close the cut where the skin is whole and fade the picture
    # out above it; others close it where the skin has faded out
    own = bool(view.get("screen_fade"))
    if body.cap:
        body.cap.hide_render = own
        body.own_cap.hide_render = not own
    faded_caps = [body.cap] if body.cap and not own else []
    whole_caps = [body.own_cap] if body.cap and own else []
    body.fade_view(view.get("fades", []))
    body.pose(rl.compose_posture(tables["postures"][entry["limb"]],
                                 entry.get("pose", entry["posture"]), entry.get("adjust")))
    rows = {}
    if entry["limb"] in SIDE_BONES:
        rows["turns.csv"] = (pid, toward_right(body, entry["limb"]))
    coords, fade = body.visible_points()
    setup = entry.get("object_setup", entry.get("object", ""))
    skin_co = body.evaluated_coords()
    props = rl.build_props(body, tables["objects"][setup], skin_co) if setup else []
    allc, allw = coords, fade
    if props:
        extra = [np.array(o.matrix_world @ v.co) for o in props for v in o.data.vertices]
        allc = np.vstack([coords, np.array(extra)])
        allw = np.concatenate([fade, np.ones(len(extra))])
    # the rig as the library lights a hand, scaled to the camera's distance
    dist = view.get("distance", cfg["camera_distance"])
    near = dict(cfg, camera_distance=dist)
    scale = (dist / cfg["camera_distance"]) ** 2
    for (lo, _), spec in zip(lights, cfg["lights"]):
        lo.data.energy = spec[1] * scale
    res_long = int(cfg["size"] * cfg["supersample"])
    rl.frame_camera(cam, lights, allc, allw, view, near, res_long,
                    mirror_lights=entry["light"] == "right")
    sc = bpy.context.scene
    sc.cycles.samples = args.samples or cfg["samples"]

    def render(raw, fade_png):
        sc.render.filepath = raw
        bpy.ops.render.render(write_still=True)
        rl.render_fade_pass([o for o, _ in body.objects] + faded_caps, whole_caps + props,
                            skin_mats, fade_png)

    raw, fade_png, rendered = rl.render_raw(args, pid, key, True, render)
    for o in props:
        bpy.data.objects.remove(o, do_unlink=True)
    for (lo, _), spec in zip(lights, cfg["lights"]):
        lo.data.energy = spec[1]
    cut = None
    if whole_caps:
        shim = type("Shim", (), {"cap": body.own_cap, "evaluated_coords": body.evaluated_coords})
        cut = rl.cut_rows(shim, cam, view, sc.render.resolution_y)
    W, H, x0, x1, y0, y1, alpha = rl.alpha_bbox(raw, cfg["crop_alpha"], cut, fade_png)
    box = rl.crop_box(W, H, x0, x1, y0, y1, cfg, alpha)
    if not args.landmarks_only:
        rl.finish_picture(raw, os.path.join(args.out, "assets", "pictures", pid + ".png"),
                          cfg, W, H, cut, box, fade_png)
    return rows, rendered
