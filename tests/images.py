"""Images made by the tests themselves (no files checked in, nothing downloaded)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw


def picture(size=(320, 240), mode="RGB") -> Image.Image:
    """A simple scene: a gradient background with a bright 'subject' in the middle."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(60 + 120 * y / max(1, height - 1))
        draw.line([(0, y), (width, y)], fill=(shade, shade // 2, 255 - shade))
    draw.ellipse([width // 3, height // 4, 2 * width // 3, 3 * height // 4], fill=(240, 200, 40))
    if mode == "RGBA":
        image = image.convert("RGBA")
        alpha = Image.new("L", size, 255)
        ImageDraw.Draw(alpha).rectangle([0, 0, width // 4, height], fill=0)
        image.putalpha(alpha)
    return image


def encode(image: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def jpeg(size=(320, 240), **params) -> bytes:
    return encode(picture(size), "JPEG", quality=90, **params)


def png(size=(320, 240), mode="RGBA") -> bytes:
    return encode(picture(size, mode), "PNG")


def webp(size=(320, 240)) -> bytes:
    return encode(picture(size), "WEBP", quality=85)


def gif(size=(160, 120), frames=3) -> bytes:
    shots = []
    for number in range(frames):
        frame = picture(size)
        ImageDraw.Draw(frame).rectangle([number * 10, 0, number * 10 + 20, 20], fill=(255, 0, 0))
        shots.append(frame.convert("P", palette=Image.Palette.ADAPTIVE))
    out = io.BytesIO()
    shots[0].save(out, "GIF", save_all=True, append_images=shots[1:], duration=80, loop=0)
    return out.getvalue()


def jpeg_with_exif(size=(320, 240), orientation=6) -> bytes:
    """A JPEG with an orientation tag, GPS coordinates and a camera make: all must go."""
    image = picture(size)
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "SpyCam"  # Make
    gps = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    exif[0x8825] = gps  # GPSInfo IFD
    return encode(image, "JPEG", exif=exif, quality=90)


FORMATS = {"jpeg": jpeg, "png": png, "webp": webp, "gif": gif}
