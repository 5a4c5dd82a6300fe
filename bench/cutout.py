"""Cut-out quality: the old mask against the new matte (run on demand, not a test).

    python bench/cutout.py [OUT_DIR]          # default /tmp/painty-cutout/
                           [--pymatting]      # add pymatting's closed-form alpha + ML foreground
                                              # on the new trimap (needs `pip install pymatting`)

1. Known alphas. Synthetic subjects (a portrait with loose hair, a furry
   animal, a tripod with thin legs and mirror stalks, a bottle with a
   see-through neck and a smoky edge) are rendered at 3× and area-averaged,
   so strands and wires get true fractional alpha, then composited over real
   photos (scikit-learn's china.jpg and flower.jpg, scikit-image's coffee (the
   wood) and rocket). Each pipeline cuts the subject out and puts it on white and on a
   dark colour; against the ground truth (same foreground colours, same
   alpha, same new backdrop) the table reports, in the band around the true
   edge:
     SAD    Σ|α − α*| / 1000           MSE   mean (α − α*)² × 1000
     grad   Σ(|∇α| − |∇α*|)² / 1000 (Gaussian derivatives, σ = 1.4)
     bleed  mean |composite − true composite| in 0–255 levels, on white and on dark:
            the original backdrop's colour left in the edge shows up here
   plus SAD over the whole frame (leftover islands far from the edge) and the
   milliseconds per cut-out (mask + composite).

   "old" is main's pipeline before the matte (u2netp → guided-filter refine →
   the photo's own pixels blended along the mask), reproduced in this file.
   "new" is the engine in this checkout.

2. Real photos. Contact sheets for the photos users compared with other
   services: original | alpha | on a checkerboard | on white | on a dark
   colour, old row above new, written to OUT_DIR/<name>.png for a person to judge.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from skimage import data  # noqa: E402
from sklearn.datasets import load_sample_image  # noqa: E402

from photos.engines.local import segmentation  # noqa: E402
from photos.engines.local.ops import background, bands, blend, shrink  # noqa: E402
from photos.engines.local.segmentation import MaskProvider  # noqa: E402

SIZE = (960, 720)  # scene width, height
SUPERSAMPLE = 3
WHITE, DARK = (255, 255, 255), (24, 28, 38)


# --- The old pipeline, as main had it ------------------------------------------

def old_coarse(rgb: np.ndarray) -> np.ndarray:
    session = segmentation.get_session()
    small = shrink(rgb, (320, 320))
    x = small.astype(np.float32) / max(int(small.max()), 1)
    x = ((x - np.array([0.485, 0.456, 0.406], np.float32)) / np.array([0.229, 0.224, 0.225], np.float32)).transpose(2, 0, 1)[None]
    out = session.run(None, {session.get_inputs()[0].name: x.astype(np.float32)})[0][0, 0]
    lo, hi = float(out.min()), float(out.max())
    if hi - lo < 0.05:
        return np.zeros_like(out, dtype=np.float32)
    return ((out - lo) / (hi - lo)).astype(np.float32)


def _old_guided(guide, src, radius, eps):
    ksize = (2 * radius + 1, 2 * radius + 1)

    def box(a):
        return cv2.boxFilter(a, cv2.CV_32F, ksize, borderType=cv2.BORDER_REFLECT)

    mean_i, mean_p = box(guide), box(src)
    a = (box(guide * src) - mean_i * mean_p) / (box(guide * guide) - mean_i * mean_i + eps)
    return box(a), box(mean_p - a * mean_i)


def old_mask(rgb: np.ndarray) -> np.ndarray:
    coarse = old_coarse(rgb)
    h, w = rgb.shape[:2]
    scale = min(1.0, 640 / max(h, w))
    sw, sh = max(1, round(w * scale)), max(1, round(h * scale))
    gray_small = cv2.cvtColor(shrink(rgb, (sw, sh)), cv2.COLOR_RGB2GRAY).astype(np.float32) / 255.0
    mask_small = np.clip((cv2.resize(coarse, (sw, sh)) - 0.5) * 2.5 + 0.5, 0.0, 1.0)
    a, b = _old_guided(gray_small, mask_small, max(2, round(max(sw, sh) / 80)), 1e-3)
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255.0
    band = cv2.resize(a, (w, h)) * gray + cv2.resize(b, (w, h))
    return np.clip(((band - 0.5) * 1.4 + 0.5) * 255.0 + 0.5, 0, 255).astype(np.uint8)


def old_cutout(rgb: np.ndarray, colour) -> tuple[np.ndarray, np.ndarray]:
    """(alpha, the photo's own pixels over a plain colour along the mask)."""
    mask = old_mask(rgb)
    return mask, blend(solid(rgb.shape, colour), rgb, mask)


def new_cutout(rgb: np.ndarray, colour) -> tuple[np.ndarray, np.ndarray]:
    mask = MaskProvider()(rgb)
    return mask, background.composite_subject(rgb, solid(rgb.shape, colour), mask)


def pymatting_cutout(rgb: np.ndarray, colour) -> tuple[np.ndarray, np.ndarray]:
    """pymatting's closed-form alpha and ML foreground on the new pipeline's trimap."""
    from pymatting import estimate_alpha_cf, estimate_foreground_ml

    from photos.engines.local import matting

    small = shrink(rgb, matting.work_size(*rgb.shape[:2]), oversample=3)
    work = matting.matte(segmentation.predict_coarse(small), small).trimap
    trimap = cv2.resize(work, rgb.shape[1::-1], interpolation=cv2.INTER_NEAREST).astype(np.float64) / 255.0
    image = rgb.astype(np.float64) / 255.0
    alpha = estimate_alpha_cf(image, trimap)
    fg = estimate_foreground_ml(image, alpha)
    a = np.clip(alpha, 0, 1)[:, :, None]
    out = fg * 255.0 * a + np.array(colour, np.float64) * (1 - a)
    return (a[:, :, 0] * 255 + 0.5).astype(np.uint8), np.clip(out + 0.5, 0, 255).astype(np.uint8)


# --- Synthetic subjects with a known alpha -------------------------------------

def solid(shape, colour) -> np.ndarray:
    out = np.empty((shape[0], shape[1], 3), np.uint8)
    out[:] = colour
    return out


def texture(rng, base, spread, size=SIZE, scale=40.0) -> np.ndarray:
    """A smooth, blotchy colour texture around `base` (float RGB, 0–255)."""
    w, h = size
    # Mostly light and shade (one channel for all three), a little hue drift.
    shade = cv2.resize(rng.normal(0, 1, (int(h / scale) + 2, int(w / scale) + 2)).astype(np.float32), (w, h),
                       interpolation=cv2.INTER_CUBIC)[:, :, None]
    hue = cv2.resize(rng.normal(0, 0.3, (int(h / scale / 3) + 2, int(w / scale / 3) + 2, 3)).astype(np.float32), (w, h),
                     interpolation=cv2.INTER_CUBIC)
    fine = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 1.0)[:, :, None]
    return np.clip(np.array(base, np.float32) * (1 + (shade + hue + fine * 0.4) * spread / 100), 0, 255)


class Canvas:
    """Layers drawn front to back, at SUPERSAMPLE× for true fractional coverage."""

    def __init__(self, size=SIZE):
        self.w, self.h = size
        self.premult = np.zeros((self.h, self.w, 3), np.float32)
        self.alpha = np.zeros((self.h, self.w), np.float32)

    def big(self) -> np.ndarray:
        return np.zeros((self.h * SUPERSAMPLE, self.w * SUPERSAMPLE), np.uint8)

    def under(self, cover_big: np.ndarray, colour: np.ndarray, opacity: float = 1.0) -> None:
        """Add a layer behind what is drawn so far: `cover_big` a 0/255 supersampled coverage."""
        cover = cv2.resize(cover_big, (self.w, self.h), interpolation=cv2.INTER_AREA).astype(np.float32) / 255 * opacity
        weight = cover * (1 - self.alpha)
        self.premult += colour * weight[:, :, None]
        self.alpha += weight

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        """(foreground colours, alpha in [0, 1])."""
        fg = self.premult / np.maximum(self.alpha, 1e-6)[:, :, None]
        return np.clip(fg, 0, 255), self.alpha


def strands(big, rng, roots, directions, length, width, curl=0.25, segments=6):
    s = SUPERSAMPLE
    for (x, y), (dx, dy), n in zip(roots, directions, length):
        angle = np.arctan2(dy, dx)
        points = [(x * s, y * s)]
        bend = rng.normal(0, curl)
        for _ in range(segments):
            angle += bend / segments + rng.normal(0, 0.05)
            x, y = x + np.cos(angle) * n / segments, y + np.sin(angle) * n / segments
            points.append((x * s, y * s))
        cv2.polylines(big, [np.round(np.array(points)).astype(np.int32)], False, 255, max(1, int(width)), cv2.LINE_8)


def portrait(rng, hair_colour):
    w, h = SIZE
    c = Canvas()
    head_c, head_ax = (w // 2, int(h * 0.4)), (int(w * 0.1), int(h * 0.17))
    # A hair mass around the top of the head, fraying into loose strands: most
    # strands are short, a few fly away.
    s = SUPERSAMPLE
    mass_c, mass_ax = (head_c[0], head_c[1] - 10), (int(head_ax[0] * 1.3), int(head_ax[1] * 1.12))
    hair = c.big()
    cv2.ellipse(hair, (mass_c[0] * s, mass_c[1] * s), (mass_ax[0] * s, mass_ax[1] * s), 0, 160, 380, 255, -1)
    n = 2500
    t = rng.uniform(np.pi * 0.85, np.pi * 2.15, n)
    roots = np.stack([mass_c[0] + np.cos(t) * mass_ax[0] * 0.97, mass_c[1] + np.sin(t) * mass_ax[1] * 0.97], 1)
    dirs = np.stack([np.cos(t), np.sin(t) * 0.8 + 0.35], 1)
    strands(hair, rng, roots, dirs, np.minimum(rng.exponential(14, n) + 4, 120), 1, curl=0.5)
    c.under(hair, texture(rng, hair_colour, 18, scale=8))
    head = c.big()
    cv2.ellipse(head, tuple(v * SUPERSAMPLE for v in head_c), tuple(v * SUPERSAMPLE for v in head_ax), 0, 0, 360, 255, -1)
    cv2.rectangle(head, ((head_c[0] - 35) * SUPERSAMPLE, head_c[1] * SUPERSAMPLE),
                  ((head_c[0] + 35) * SUPERSAMPLE, int(h * 0.7) * SUPERSAMPLE), 255, -1)
    c.under(head, texture(rng, (224, 172, 140), 10))
    body = c.big()
    cv2.ellipse(body, (w // 2 * SUPERSAMPLE, h * SUPERSAMPLE), (int(w * 0.3) * SUPERSAMPLE, int(h * 0.3) * SUPERSAMPLE),
                0, 180, 360, 255, -1)
    c.under(body, texture(rng, (40, 70, 140), 25))
    return c.result()


def furry(rng):
    w, h = SIZE
    c = Canvas()
    blob = c.big()
    s = SUPERSAMPLE
    cv2.ellipse(blob, (w // 2 * s, int(h * 0.6) * s), (int(w * 0.25) * s, int(h * 0.25) * s), 0, 0, 360, 255, -1)
    cv2.ellipse(blob, (int(w * 0.42) * s, int(h * 0.33) * s), (int(w * 0.1) * s, int(h * 0.12) * s), 0, 0, 360, 255, -1)
    coat = texture(rng, (170, 130, 90), 25, scale=30)
    contours, _ = cv2.findContours(cv2.resize(blob, SIZE, interpolation=cv2.INTER_NEAREST), cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_NONE)
    outline = np.concatenate([c[:, 0] for c in contours]).astype(np.float32)
    centre = outline.mean(0)
    picks = outline[rng.integers(0, len(outline), 5000)]
    dirs = picks - centre
    dirs /= np.linalg.norm(dirs, axis=1, keepdims=True)
    fur = c.big()
    roots = picks - dirs * rng.uniform(2, 8, (len(picks), 1))
    strands(fur, rng, roots, dirs + rng.normal(0, 0.35, dirs.shape), rng.uniform(6, 22, len(picks)), 1, curl=0.4, segments=3)
    c.under(np.maximum(fur, blob), coat)
    return c.result()


def tripod(rng):
    w, h = SIZE
    s = SUPERSAMPLE
    c = Canvas()
    thin = c.big()
    top = (w // 2, int(h * 0.42))
    for foot, width in (((int(w * 0.28), int(h * 0.97)), 9), ((int(w * 0.72), int(h * 0.97)), 9), ((int(w * 0.55), int(h * 0.99)), 7)):
        cv2.line(thin, (top[0] * s, top[1] * s), (foot[0] * s, foot[1] * s), 255, width)
    for side in (-1, 1):  # mirror stalks with a small round mirror
        end = (top[0] + side * int(w * 0.2), int(h * 0.14))
        cv2.line(thin, ((top[0] + side * 60) * s, int(h * 0.3) * s), (end[0] * s, end[1] * s), 255, 5)
        cv2.ellipse(thin, (end[0] * s, end[1] * s), (18 * s, 12 * s), 0, 0, 360, 255, -1)
    cv2.line(thin, ((top[0] + 30) * s, int(h * 0.27) * s), ((top[0] + 40) * s, int(h * 0.03) * s), 255, 3)  # antenna
    c.under(thin, texture(rng, (45, 45, 50), 8))
    body = c.big()
    cv2.rectangle(body, ((top[0] - 110) * s, int(h * 0.26) * s), ((top[0] + 110) * s, int(h * 0.46) * s), 255, -1)
    cv2.circle(body, ((top[0] + 40) * s, int(h * 0.36) * s), 60 * s, 255, -1)
    c.under(body, texture(rng, (200, 60, 40), 20))
    return c.result()


def bottle(rng):
    w, h = SIZE
    s = SUPERSAMPLE
    c = Canvas()
    smoke = np.zeros((h, w), np.float32)
    cv2.ellipse(smoke, (w // 2, int(h * 0.12)), (70, 50), 0, 0, 360, 1.0, -1)
    smoke = cv2.GaussianBlur(smoke, (0, 0), 14)
    smoke_big = cv2.resize((smoke / smoke.max() * 255).astype(np.uint8), (w * s, h * s))
    c.under(smoke_big, texture(rng, (235, 235, 240), 4), opacity=0.8)
    neck = c.big()
    cv2.rectangle(neck, ((w // 2 - 40) * s, int(h * 0.2) * s), ((w // 2 + 40) * s, int(h * 0.45) * s), 255, -1)
    c.under(neck, texture(rng, (150, 220, 200), 10), opacity=0.45)
    body = c.big()
    cv2.ellipse(body, (w // 2 * s, int(h * 0.68) * s), (int(w * 0.18) * s, int(h * 0.25) * s), 0, 0, 360, 255, -1)
    c.under(body, texture(rng, (60, 140, 70), 20))
    return c.result()


def backdrop(name: str) -> np.ndarray:
    photo = {
        "china": lambda: load_sample_image("china.jpg"),
        "leaves": lambda: load_sample_image("flower.jpg")[:, :170],  # blue-green bokeh left of the flower
        "wood": lambda: data.coffee()[:120, 420:],  # the table above right of the cup
        "rocket": data.rocket,
    }[name]()
    return cv2.resize(photo, SIZE, interpolation=cv2.INTER_CUBIC)


SCENES = [
    ("hair (dark) / leaves", lambda rng: portrait(rng, (70, 45, 30)), "leaves"),
    ("hair (blonde) / china", lambda rng: portrait(rng, (215, 180, 120)), "china"),
    ("fur / wood", furry, "wood"),
    ("fur / leaves", furry, "leaves"),
    ("tripod / china", tripod, "china"),
    ("tripod / wood", tripod, "wood"),
    ("bottle / rocket", bottle, "rocket"),
    ("bottle / leaves", bottle, "leaves"),
]


def scenes():
    for number, (label, make, back) in enumerate(SCENES):
        fg, alpha = make(np.random.default_rng(number))
        plate = backdrop(back).astype(np.float32)
        photo = np.clip(fg * alpha[:, :, None] + plate * (1 - alpha[:, :, None]) + 0.5, 0, 255).astype(np.uint8)
        yield label, photo, fg, alpha


# --- Metrics ----------------------------------------------------------------------

def edge_band(alpha: np.ndarray, radius: int = 10) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    outside = cv2.dilate((alpha > 0.02).astype(np.uint8), kernel)
    inside = cv2.erode((alpha > 0.98).astype(np.uint8), kernel)
    return (outside > 0) & (inside == 0)


def gradient_magnitude(alpha: np.ndarray) -> np.ndarray:
    smooth = cv2.GaussianBlur(alpha, (0, 0), 1.4)
    return np.hypot(cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=3))


def measure(cut, photo, fg, alpha_true):
    band = edge_band(alpha_true)
    runs, results = [], {}
    for colour in (WHITE, DARK):
        started = time.perf_counter()
        alpha_u8, composite = cut(photo, colour)
        runs.append((time.perf_counter() - started) * 1000)
        a = alpha_true[:, :, None]
        truth = fg * a + np.array(colour, np.float32) * (1 - a)
        results[colour] = float(np.abs(composite.astype(np.float32) - truth)[band].mean())
    alpha = alpha_u8.astype(np.float32) / 255
    diff = alpha - alpha_true
    return {
        "SAD": float(np.abs(diff)[band].sum() / 1000),
        "MSE": float((diff[band] ** 2).mean() * 1000),
        "grad": float(((gradient_magnitude(alpha) - gradient_magnitude(alpha_true))[band] ** 2).sum() / 1000),
        "bleed white": results[WHITE],
        "bleed dark": results[DARK],
        "SAD frame": float(np.abs(diff).sum() / 1000),
        "ms": statistics.median(runs),
    }


# --- Contact sheets ---------------------------------------------------------------

REAL_PHOTOS = {
    "astronaut": data.astronaut,
    "coffee": data.coffee,
    "chelsea": data.chelsea,
    "motorcycle": lambda: data.stereo_motorcycle()[0],
    "cameraman": lambda: cv2.cvtColor(data.camera(), cv2.COLOR_GRAY2RGB),
    "rocket": data.rocket,
    "china": lambda: load_sample_image("china.jpg"),
    "flower": lambda: load_sample_image("flower.jpg"),
}


def checkerboard(shape, cell=16) -> np.ndarray:
    ys, xs = np.indices(shape[:2])
    board = np.where((ys // cell + xs // cell) % 2 == 0, 205, 150).astype(np.uint8)
    return np.repeat(board[:, :, None], 3, axis=2)


def sheet_row(photo, pipeline) -> np.ndarray:
    alpha = pipeline.mask_fn(photo)
    plates = [checkerboard(photo.shape), solid(photo.shape, WHITE), solid(photo.shape, DARK)]
    return np.hstack([photo, np.dstack([alpha] * 3)] + [pipeline.composite_fn(photo, p, alpha) for p in plates])


class Pipeline:
    """mask_fn(photo) → uint8 alpha; composite_fn(photo, plate, alpha) → the cut-out over `plate`."""

    def __init__(self, mask_fn, composite_fn):
        self.mask_fn, self.composite_fn = mask_fn, composite_fn

    def __call__(self, photo, colour):
        mask = self.mask_fn(photo)
        return mask, self.composite_fn(photo, solid(photo.shape, colour), mask)


OLD = Pipeline(old_mask, lambda photo, plate, mask: blend(plate, photo, mask))
NEW = Pipeline(lambda photo: MaskProvider()(photo), background.composite_subject)


def label(image: np.ndarray, text: str) -> np.ndarray:
    out = image.copy()
    cv2.putText(out, text, (8, 24), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (0, 0, 0), 3, cv2.LINE_AA)
    cv2.putText(out, text, (8, 24), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (255, 255, 255), 1, cv2.LINE_AA)
    return out


def contact_sheets(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, load in REAL_PHOTOS.items():
        photo = np.ascontiguousarray(load())
        rows = [label(sheet_row(photo, pipeline), tag) for tag, pipeline in (("old", OLD), ("new", NEW))]
        path = folder / f"{name}.png"
        cv2.imwrite(str(path), cv2.cvtColor(np.vstack(rows), cv2.COLOR_RGB2BGR))
        written.append(path)
    return written


# --- Main -------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/painty-cutout/")
    parser.add_argument("--pymatting", action="store_true")
    parser.add_argument("--no-sheets", action="store_true")
    args = parser.parse_args()

    segmentation.get_session()
    pipelines = [("old", OLD), ("new", NEW)]
    if args.pymatting:
        pipelines.append(("pymatting", pymatting_cutout))
    columns = ["SAD", "MSE", "grad", "bleed white", "bleed dark", "SAD frame", "ms"]
    totals = {tag: {c: [] for c in columns} for tag, _ in pipelines}
    print(f"scenes: {SIZE[0]}×{SIZE[1]}, metrics in the band ±10 px around the true edge (lower is better)\n")
    header = f"| {'scene':24} | {'pipeline':9} | " + " | ".join(f"{c:>11}" for c in columns) + " |"
    print(header)
    print("|" + "|".join("-" * len(part) for part in header.split("|")[1:-1]) + "|")
    for name, photo, fg, alpha in scenes():
        for tag, pipeline in pipelines:
            row = measure(pipeline, photo, fg, alpha)
            for c in columns:
                totals[tag][c].append(row[c])
            print(f"| {name:24} | {tag:9} | " + " | ".join(f"{row[c]:11.2f}" for c in columns) + " |")
    for tag, _ in pipelines:
        print(f"| {'mean':24} | {tag:9} | " + " | ".join(f"{statistics.fmean(totals[tag][c]):11.2f}" for c in columns) + " |")

    if not args.no_sheets:
        print("\ncontact sheets (original | alpha | checkerboard | white | dark; old above new):")
        for path in contact_sheets(Path(args.out)):
            print(f"  {path}")


if __name__ == "__main__":
    main()
