"""What engine tests measure on pixels: brightness, colourfulness, sharpness, similarity.

One place, so every test of an edit judges it the same way."""

import cv2
import numpy as np
from PIL import Image
from skimage.metrics import structural_similarity

from photos.engines.local import LocalEngine

ENGINE = LocalEngine()


def small(array, longest=300):
    """`array` scaled so its longest side is `longest` px (tests stay fast, assertions stay meaningful)."""
    h, w = array.shape[:2]
    scale = longest / max(h, w)
    return cv2.resize(array, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)


def edit(array, prompt):
    """The local engine's edit of an RGB(A) array: (result array, EditResult)."""
    result = ENGINE.edit(Image.fromarray(array), prompt)
    return np.asarray(result.images[0]), result


def luma(rgb):
    return cv2.cvtColor(np.ascontiguousarray(rgb[:, :, :3]), cv2.COLOR_RGB2GRAY).astype(np.float32)


def chroma(rgb):
    rgb = rgb.astype(np.float32)
    return float((rgb.max(axis=2) - rgb.min(axis=2)).mean())


def sharpness(rgb):
    return float(cv2.Laplacian(luma(rgb), cv2.CV_32F).var())


def local_sharpness(rgb, where):
    return float(cv2.Laplacian(luma(rgb), cv2.CV_32F)[where].var())


def red_minus_blue(rgb):
    return float(rgb[:, :, 0].astype(np.float32).mean() - rgb[:, :, 2].astype(np.float32).mean())


def subject_ssim(before, after, subject):
    _, full = structural_similarity(luma(before), luma(after), data_range=255, full=True)
    return float(full[subject].mean())
