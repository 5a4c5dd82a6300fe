"""From the model's coarse saliency to an alpha matte, and the subject's own edge colours.

u2netp sees a 320×320 thumbnail: it knows *what* the subject is, not where to
the pixel its outline runs, and it has no notion of a pixel that is part
subject, part backdrop (hair, fur, a motion-blurred rim, anti-aliasing).

Alpha (`matte`):

1. Trimap at work resolution (≤ WORK_SIDE px). Saliency that is confident,
   or weaker but connected to something confident, is the subject; an island
   that never gets confident (the flag stripes behind the astronaut, garage
   shelves behind the motorcycle) is dropped whole. Well inside is sure
   foreground, well outside sure background, a band between is unknown.
2. Alpha in the unknown band: He et al.'s guided filter with the colour image
   as the guide, run twice, fits alpha as a local linear function of colour
   in each window. A window holding subject and backdrop learns which colours
   are which, so a strand or a tripod leg gets the subject's alpha even where
   the thumbnail blurred it away, and the edge sits on the colour edge (a
   grey guide cannot see a red saucer on brown wood: same brightness).
3. Full resolution: the last filter's coefficients are upsampled and applied
   to the full-resolution colours (He & Sun's fast guided filter), only in
   tiles that hold some edge; everywhere else alpha is a plain 0 or 255.

Foreground colour (`unmix`, `composite`): an edge pixel's colour is
αF + (1−α)B; pasting it as it is onto a new backdrop drags the old backdrop
along (the brown fringe around the coffee saucer, the blue halo over hair).
Forte & Pitié's blur-fusion estimate ("Approximate fast foreground colour
estimation", 2021) recovers F with box filters; the wide first pass and the
smooth fields of the second run at work resolution, the per-pixel correction
at full resolution only where 0 < α < 255.

Memory: no full-size float array is made; full-resolution work is per tile,
and the full-size outputs are uint8.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .ops import shrink

# Alpha is solved at this long side and upsampled. 1024 keeps the solve
# around 30 ms and is fine enough that the fast guided filter only has to add
# detail, not place the edge.
WORK_SIDE = 640
# Full-resolution work happens in tiles of this many pixels a side: alpha in
# tiles that the work-resolution trimap marks unknown, colours in tiles that
# hold a soft pixel (smaller: the soft edge is thin).
TILE = 64
EDGE_TILE = 32
# A colour votes on an unsure pixel by how much its log-odds exceed this.
VOTE_MARGIN = 2.5


# --- Small helpers ---------------------------------------------------------------

def _box(a: np.ndarray, radius: int) -> np.ndarray:
    return cv2.boxFilter(a, -1, (2 * radius + 1, 2 * radius + 1), borderType=cv2.BORDER_REFLECT)


def work_size(height: int, width: int, side: int = WORK_SIDE) -> tuple[int, int]:
    """(width, height) of the work-resolution copy."""
    scale = min(1.0, side / max(height, width))
    return max(1, round(width * scale)), max(1, round(height * scale))


def upsample_region(small: np.ndarray, full_shape: tuple[int, int], rows: slice, cols: slice) -> np.ndarray:
    """`small` resized bilinearly to `full_shape` (h, w), but only rows × cols of it.

    The same pixel-centre mapping as cv2.resize, as an affine warp of the region."""
    height, width = full_shape
    sx, sy = small.shape[1] / width, small.shape[0] / height
    matrix = np.array([[sx, 0, (cols.start + 0.5) * sx - 0.5], [0, sy, (rows.start + 0.5) * sy - 0.5]], np.float64)
    return cv2.warpAffine(
        small, matrix, (cols.stop - cols.start, rows.stop - rows.start),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_REPLICATE,
    )


def rects(cells: np.ndarray, cell_h: float, cell_w: float, height: int, width: int):
    """(rows, cols) slices of the full image covering the True cells, runs along a row merged."""
    for cy in range(cells.shape[0]):
        row = cells[cy]
        if not row.any():
            continue
        edges = np.flatnonzero(np.diff(np.concatenate([[0], row.astype(np.int8), [0]])))
        y0, y1 = int(cy * cell_h), min(height, int(round((cy + 1) * cell_h)))
        for start, stop in zip(edges[::2], edges[1::2]):
            yield slice(y0, y1), slice(int(start * cell_w), min(width, int(round(stop * cell_w))))


def soft_rects(alpha: np.ndarray, tile: int = TILE):
    """Tiles (merged along rows) that hold a pixel with 0 < alpha < 255."""
    height, width = alpha.shape
    ch, cw = -(-height // tile), -(-width // tile)
    cells = np.zeros((ch, cw), bool)
    for cy in range(ch):
        band = alpha[cy * tile : (cy + 1) * tile]
        soft = cv2.inRange(band, 1, 254)
        if not soft.any():
            continue
        cols = soft.max(axis=0)
        padded = np.zeros(cw * tile, np.uint8)
        padded[: cols.size] = cols
        cells[cy] = padded.reshape(cw, tile).max(axis=1) > 0
    return list(rects(cells, tile, tile, height, width))


# --- The colour guided filter ----------------------------------------------------

def guided_coefficients(guide: np.ndarray, src: np.ndarray, radius: int, eps: float, fit: bool = False):
    """He et al.'s guided filter with a 3-channel guide: per-pixel (A, b), window-averaged,
    such that the filtered output is A·guide + b. guide H×W×3 and src H×W float32 in [0, 1].

    With `fit`, also how much of `src`'s variance colour explains in each
    window (R², window-averaged; 1 where `src` is flat)."""
    mean_i = _box(guide, radius)
    mean_p = _box(src, radius)
    cov_ip = _box(guide * src[:, :, None], radius) - mean_i * mean_p[:, :, None]
    r, g, b = guide[:, :, 0], guide[:, :, 1], guide[:, :, 2]
    mr, mg, mb = mean_i[:, :, 0], mean_i[:, :, 1], mean_i[:, :, 2]
    rr = _box(r * r, radius) - mr * mr + eps
    rg = _box(r * g, radius) - mr * mg
    rb = _box(r * b, radius) - mr * mb
    gg = _box(g * g, radius) - mg * mg + eps
    gb = _box(g * b, radius) - mg * mb
    bb = _box(b * b, radius) - mb * mb + eps
    # Inverse of the symmetric 3×3 covariance by cofactors.
    i_rr, i_rg, i_rb = gg * bb - gb * gb, gb * rb - rg * bb, rg * gb - gg * rb
    i_gg, i_gb, i_bb = rr * bb - rb * rb, rb * rg - rr * gb, rr * gg - rg * rg
    det = rr * i_rr + rg * i_rg + rb * i_rb
    cr, cg, cb = cov_ip[:, :, 0], cov_ip[:, :, 1], cov_ip[:, :, 2]
    a = np.dstack([
        (i_rr * cr + i_rg * cg + i_rb * cb) / det,
        (i_rg * cr + i_gg * cg + i_gb * cb) / det,
        (i_rb * cr + i_gb * cg + i_bb * cb) / det,
    ])
    bias = mean_p - (a * mean_i).sum(axis=2)
    if not fit:
        return _box(a, radius), _box(bias, radius)
    var_p = _box(src * src, radius) - mean_p * mean_p
    explained = np.where(var_p > 1e-3, (a * cov_ip).sum(axis=2) / np.maximum(var_p, 1e-3), 1.0)
    return _box(a, radius), _box(bias, radius), _box(np.clip(explained, 0, 1).astype(np.float32), radius)


def apply_coefficients(a: np.ndarray, b: np.ndarray, guide: np.ndarray) -> np.ndarray:
    return (a * guide).sum(axis=2) + b


# --- Alpha ---------------------------------------------------------------------------

@dataclass
class Matte:
    """The matte at work resolution, ready to be brought to any full-size region.

    alpha:   H×W float32 in [0, 1] at work resolution
    trimap:  H×W uint8 at work resolution: 0 sure background, 128 unknown, 255 sure subject
    a, b:    fast-guided-filter coefficients: full alpha = a·rgb/255 + b
    """

    alpha: np.ndarray
    trimap: np.ndarray
    a: np.ndarray
    b: np.ndarray

    def full(self, rgb: np.ndarray) -> np.ndarray:
        """The uint8 alpha at the size of `rgb` (255 = subject)."""
        height, width = rgb.shape[:2]
        sh, sw = self.trimap.shape
        # Plain upsampled alpha everywhere, then detail in the tiles where the
        # work-resolution alpha is soft or steps (the colour model can only add
        # detail there: elsewhere its coefficients give a flat 0 or 1).
        out = cv2.resize((self.alpha * 255 + 0.5).astype(np.uint8), (width, height), interpolation=cv2.INTER_LINEAR)
        ring = np.ones((5, 5), np.uint8)
        soft = (self.alpha > 0.01) & (self.alpha < 0.99)
        steps = (cv2.dilate(self.alpha, ring) - cv2.erode(self.alpha, ring)) > 0.5
        edge = cv2.dilate((soft | steps).astype(np.uint8), ring)
        cell = max(1, round(TILE * sw / width))
        ch, cw = -(-sh // cell), -(-sw // cell)
        padded = np.zeros((ch * cell, cw * cell), np.uint8)
        padded[:sh, :sw] = edge
        cells = padded.reshape(ch, cell, cw, cell).max(axis=(1, 3)) > 0
        ones = np.ones((1, 3), np.float32)
        for rows, cols in rects(cells, cell * height / sh, cell * width / sw, height, width):
            guide = rgb[rows, cols].astype(np.float32) * (1 / 255)
            a = upsample_region(self.a, (height, width), rows, cols)
            b = upsample_region(self.b, (height, width), rows, cols)
            fine = cv2.add(cv2.transform(cv2.multiply(a, guide), ones), b)
            tri = upsample_region(self.trimap, (height, width), rows, cols)
            trimap = np.where(tri >= 250, np.uint8(255), np.where(tri <= 5, np.uint8(0), np.uint8(128)))
            out[rows, cols] = (finish(fine, trimap) * 255 + 0.5).astype(np.uint8)
        return out


def _has_colour(small: np.ndarray) -> bool:
    """False for a grey photo, where 16 grey levels say too little to vote with."""
    sample = small[::4, ::4].astype(np.int16)
    return float(np.abs(sample[:, :, 0] - sample[:, :, 1]).mean() + np.abs(sample[:, :, 1] - sample[:, :, 2]).mean()) > 6


def colour_posterior(small: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """P(subject | colour) per pixel, from colour histograms of where the model is sure.

    16 levels a channel, smoothed across neighbouring bins so a colour seen
    only nearby still counts."""
    index = ((small[:, :, 0] >> 4).astype(np.int32) << 8) | ((small[:, :, 1] >> 4).astype(np.int32) << 4) | (small[:, :, 2] >> 4)
    def histogram(where):
        counts = np.bincount(index[where], minlength=4096).astype(np.float32).reshape(16, 16, 16)
        for axis in range(3):  # [1, 2, 1] across bins, each axis in turn
            padded = np.concatenate([counts.take([0], axis), counts, counts.take([15], axis)], axis)
            counts = (padded.take(range(0, 16), axis) + 2 * padded.take(range(1, 17), axis) + padded.take(range(2, 18), axis)) / 4
        return counts.ravel() / max(1.0, float(where.sum()))
    fg, bg = histogram(prior >= 0.9), histogram(prior <= 0.1)
    return ((fg + 1e-4) / (fg + bg + 2e-4))[index]


def thin_parts(small: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Thin structures the thumbnail all but lost (bool): a tripod leg, a mirror stalk.

    A wire a third of a thumbnail pixel wide comes back from the model as a
    faint ridge (saliency 0.2–0.3) where a ghost is a broad, faint plateau; the
    white top-hat keeps ridges only. Of a ridge, only the pixels whose colour
    stands out from the nearby sure backdrop count: the wire, not the strip of
    backdrop the blur spread it over."""
    side = max(prior.shape)
    width = max(3, round(side / 80)) | 1
    ridge = cv2.morphologyEx(prior, cv2.MORPH_TOPHAT, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width, width)))
    ridge = (ridge > 0.1) & (prior > 0.12) & (prior < 0.5)
    if not ridge.any():
        return ridge
    backdrop = (prior < 0.08).astype(np.float32)
    radius = max(2, round(side / 40))
    weight = _box(backdrop, radius)
    mean_b = _box(small.astype(np.float32) * backdrop[:, :, None], radius) / np.maximum(weight, 1e-3)[:, :, None]
    distance = np.sqrt(((small.astype(np.float32) - mean_b) ** 2).sum(axis=2))
    return ridge & (weight > 0.2) & (distance > 60)


def subject_decision(prior: np.ndarray, seed: float = 0.8, low: float = 0.5, extra: np.ndarray | None = None) -> np.ndarray:
    """Where the subject is (bool): saliency ≥ `low` in a region that reaches `seed` somewhere.

    Hysteresis, as in Canny's edges: a region the model is sure of somewhere
    keeps its weaker parts (the cat's chest next to its confident face); an
    island that is never sure (flag stripes, shelves) goes, whole, rather than
    staying as a faded ghost. `extra` pixels (thin parts) join the weak parts."""
    member = prior >= low
    reach = member
    if extra is not None:
        member = member | extra
        # Thin parts count as connected across a gap of a few pixels: the
        # ridge fades where it meets the body.
        side = max(prior.shape)
        gap = max(3, round(side / 100)) | 1
        reach = member | (cv2.dilate(extra.astype(np.uint8), np.ones((gap, gap), np.uint8)) > 0)
    count, labels = cv2.connectedComponents(reach.astype(np.uint8), connectivity=8)
    if count <= 1:
        return member
    peaks = np.zeros(count, np.float32)
    np.maximum.at(peaks, labels.ravel(), prior.ravel())
    keep = peaks >= seed
    keep[0] = False
    subject = keep[labels] & member
    # Small enclosed holes (a dark pupil the model faltered on) are part of the subject.
    count, labels, stats, _ = cv2.connectedComponentsWithStats((~subject).astype(np.uint8), connectivity=4)
    h, w = subject.shape
    x, y, bw, bh, area = stats[:, 0], stats[:, 1], stats[:, 2], stats[:, 3], stats[:, 4]
    enclosed = (x > 0) & (y > 0) & (x + bw < w) & (y + bh < h) & (area < 0.002 * h * w)
    enclosed[0] = False  # label 0 is the subject itself
    return subject | enclosed[labels]


def make_trimap(subject: np.ndarray, band: int) -> np.ndarray:
    """0 sure background, 128 unknown, 255 sure subject.

    The unknown band reaches `band` px into the decided subject and twice that
    out of it: what the thumbnail loses is what sticks out (strands, wires)."""
    def disc(radius):
        return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))

    inside = subject.astype(np.uint8)
    trimap = np.full(subject.shape, 128, np.uint8)
    trimap[cv2.dilate(inside, disc(2 * band)) == 0] = 0
    trimap[cv2.erode(inside, disc(band)) > 0] = 255
    return trimap


def finish(alpha: np.ndarray, trimap: np.ndarray) -> np.ndarray:
    """Clamp to [0, 1], drop the colour fit's few percent of noise on both sides of
    the edge (faint veils over the backdrop, faint holes in a textured subject),
    and keep the trimap's certainties exact."""
    alpha = np.clip((alpha - 0.04) * (1 / 0.88), 0.0, 1.0)
    alpha[trimap == 255] = 1.0
    alpha[trimap == 0] = 0.0
    return alpha


def matte(coarse: np.ndarray, small: np.ndarray) -> Matte:
    """The matte of `small` (the work-resolution RGB uint8 copy) from the model's coarse saliency."""
    sh, sw = small.shape[:2]
    side = max(sh, sw)
    guide = small.astype(np.float32) * (1 / 255)
    prior = raw = cv2.resize(coarse, (sw, sh), interpolation=cv2.INTER_LINEAR)
    # Where the model hesitates, colour decides with it: a flag stripe the model
    # half-believes in is the colour of the backdrop, not of the astronaut. Only
    # a telling colour votes (one clearly commoner on one side): in a grey
    # photo a light camera is the colour of the sky behind it.
    unsure = (prior > 0.1) & (prior < 0.9)
    if unsure.any() and _has_colour(small):
        logit = lambda p: np.log(np.clip(p, 1e-3, 1 - 1e-3) / np.clip(1 - p, 1e-3, 1))  # noqa: E731
        vote = logit(colour_posterior(small, prior))
        vote = np.sign(vote) * np.maximum(np.abs(vote) - VOTE_MARGIN, 0)
        mixed = 1 / (1 + np.exp(-(logit(prior) + vote)))
        prior = np.where(unsure, mixed, prior).astype(np.float32)
    subject = subject_decision(prior, extra=thin_parts(small, raw))
    trimap = make_trimap(subject, max(2, round(side / 100)))
    sure_fg, sure_bg = trimap == 255, trimap == 0
    # Two guided filters: a wide one finds which colours are subject along the
    # edge, a narrow one puts the edge on the pixel; the narrow one's
    # coefficients also carry the alpha to full resolution.
    # The wide filter runs at half size (its coefficients are smooth anyway).
    half = (max(1, sw // 2), max(1, sh // 2))
    a, b = guided_coefficients(cv2.resize(guide, half, interpolation=cv2.INTER_AREA),
                               cv2.resize(subject.astype(np.float32), half, interpolation=cv2.INTER_AREA),
                               max(1, round(side / 200)), 1e-3)
    a = cv2.resize(a, (sw, sh), interpolation=cv2.INTER_LINEAR)
    b = cv2.resize(b, (sw, sh), interpolation=cv2.INTER_LINEAR)
    alpha = np.clip(apply_coefficients(a, b, guide), 0.0, 1.0)
    alpha[sure_fg], alpha[sure_bg] = 1.0, 0.0
    a, b = guided_coefficients(guide, alpha, max(1, round(side / 320)), 1e-4)
    alpha = finish(apply_coefficients(a, b, guide), trimap)
    return Matte(alpha=alpha, trimap=trimap, a=a, b=b)


# --- Foreground colour -----------------------------------------------------------

def _blur_fusion(image, fg, bg, alpha, radius):
    """One pass of Forte & Pitié's estimator: (F, blurred B)."""
    a = alpha[:, :, None]
    blurred_a = _box(alpha, radius)[:, :, None]
    blurred_f = _box(fg * a, radius) / (blurred_a + 1e-5)
    blurred_b = _box(bg * (1 - a), radius) / ((1 - blurred_a) + 1e-5)
    fg = blurred_f + a * (image - a * blurred_f - (1 - a) * blurred_b)
    return np.clip(fg, 0.0, 1.0), blurred_b


class Unmixer:
    """Foreground colours of a photo's soft edge, for any full-size region.

    The wide pass and the smooth fields of the narrow one are computed at work
    resolution; `foreground(rgb, alpha, rows, cols)` does the per-pixel step."""

    def __init__(self, rgb: np.ndarray, alpha: np.ndarray):
        height, width = rgb.shape[:2]
        size = work_size(height, width)
        image = shrink(rgb, size, oversample=2).astype(np.float32) * (1 / 255)
        a = shrink(alpha, size, oversample=2).astype(np.float32) * (1 / 255)
        side = max(size)
        fg, bg = _blur_fusion(image, image, image, a, max(3, round(side / 12)))
        radius = max(1, round(side / 300))
        am = a[:, :, None]
        blurred_a = _box(a, radius)[:, :, None]
        self.mean_f = _box(fg * am, radius) / (blurred_a + 1e-5)
        self.mean_b = _box(bg * (1 - am), radius) / ((1 - blurred_a) + 1e-5)
        self.shape = (height, width)

    def foreground(self, rgb, alpha, rows, cols) -> np.ndarray:
        """float32 F in [0, 1] for rgb[rows, cols]."""
        image = rgb[rows, cols].astype(np.float32) * (1 / 255)
        a = alpha[rows, cols].astype(np.float32)[:, :, None] * (1 / 255)
        mean_f = upsample_region(self.mean_f, self.shape, rows, cols)
        mean_b = upsample_region(self.mean_b, self.shape, rows, cols)
        return np.clip(mean_f + a * (image - a * mean_f - (1 - a) * mean_b), 0.0, 1.0)


def edge_foregrounds(rgb: np.ndarray, alpha: np.ndarray):
    """(rows, cols, foreground colours in [0, 1]) for each tile of the soft edge; nothing when the matte is hard."""
    boxes = soft_rects(alpha, EDGE_TILE)
    if not boxes:
        return
    unmixer = Unmixer(rgb, alpha)
    for rows, cols in boxes:
        yield rows, cols, unmixer.foreground(rgb, alpha, rows, cols)


def composite(rgb: np.ndarray, plate: np.ndarray, alpha: np.ndarray, into_plate: bool = False) -> np.ndarray:
    """The subject of `rgb` over `plate` along `alpha` (uint8, 255 = subject), with the
    subject's own colours at the edge. Where alpha is 255 the subject's pixels are exact.

    `into_plate` composites into `plate` itself instead of a copy."""
    out = plate if into_plate else plate.copy()
    cv2.copyTo(rgb, cv2.compare(alpha, 255, cv2.CMP_EQ), out)
    for rows, cols, fg in edge_foregrounds(rgb, alpha):
        a = alpha[rows, cols].astype(np.float32)[:, :, None] * (1 / 255)
        under = out[rows, cols].astype(np.float32)
        mixed = fg * (255 * a) + under * (1 - a)
        out[rows, cols] = np.clip(mixed + 0.5, 0, 255).astype(np.uint8)
    return out


def unmix(rgb: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """`rgb` with each soft-edge pixel (0 < alpha < 255) replaced by its foreground colour:
    the RGB to ship next to `alpha` in a transparent cut-out."""
    out = rgb.copy()
    for rows, cols, fg in edge_foregrounds(rgb, alpha):
        soft = cv2.inRange(alpha[rows, cols], 1, 254) > 0
        region = out[rows, cols]
        region[soft] = np.clip(fg[soft] * 255 + 0.5, 0, 255).astype(np.uint8)
    return out
