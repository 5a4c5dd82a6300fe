"""Reading uploads and writing results, judged from the bytes alone.

- The format comes from the file's content (Pillow), never its name or Content-Type.
- The pixel count is checked from the header, before any pixel is decoded.
- Outputs are in the format photos.formats chooses (the input's, by default),
  are EXIF-transposed, converted to sRGB and carry no metadata (no EXIF, GPS,
  XMP, comments, ICC).
- Phone formats are read too: HEIC/HEIF (pillow-heif) and AVIF (Pillow)."""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field

import pillow_heif
from django.conf import settings
from PIL import ExifTags, Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

from painty.errors import DomainError

from . import budget
from .engines.base import flatten

pillow_heif.register_heif_opener()  # HEIC/HEIF through Image.open; AVIF is Pillow's own

WEB_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # the seed's list
PHONE_FORMATS = ("HEIF", "AVIF")  # what phones save; results come back as JPEG (PNG when transparent)
ALLOWED_FORMATS = WEB_FORMATS + PHONE_FORMATS
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "HEIF": "heic", "AVIF": "avif"}
CONTENT_TYPES = {
    "JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif",
    "HEIF": "image/heic", "AVIF": "image/avif",
}
FORMAT_NAMES = "JPG, PNG, WebP, GIF, HEIC or AVIF"
PNG_COMPRESS_LEVEL = 1
MAX_FRAMES = 500

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass
class Picture:
    """A decoded upload: one frame, or all frames of an animation."""

    format: str
    frames: list[Image.Image]
    durations: list[int] = field(default_factory=list)
    loop: int | None = None
    orientation: int = 1
    had_icc: bool = False
    resized: bool = False  # the pixels are no longer the upload's (see testmode.limit_size)

    @property
    def animated(self) -> bool:
        return len(self.frames) > 1

    @property
    def size(self) -> tuple[int, int]:
        return self.frames[0].size

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def unsupported(message: str | None = None) -> DomainError:
    return DomainError("unsupported_format",
        message or f"Unsupported image format. Send a {FORMAT_NAMES} image.",
        "image",
    )


def invalid(message: str) -> DomainError:
    return DomainError("invalid_image", message, "image")


def too_many_pixels(width: int, height: int, frames: int = 1) -> DomainError:
    return DomainError("image_too_large",
        f"The image is {width}×{height} px{f' × {frames} frames' if frames > 1 else ''}; "
        f"the limit is {settings.PAINTY_MAX_PIXELS:,} pixels.",
        "image",
    )


def _bomb(exc: Exception) -> DomainError:
    """Pillow refused to even open the file (far over its own pixel limit): say how big it claimed to be."""
    found = re.search(r"\((\d+) pixels\)", str(exc))
    size = f"{int(found.group(1)):,} pixels" if found else "more pixels than Pillow will open"
    return DomainError("image_too_large",
        f"The image has {size}; the limit is {settings.PAINTY_MAX_PIXELS:,} pixels.",
        "image",
    )


def decode(data) -> Picture:
    """Open, check and fully decode an uploaded file (a file object or bytes).

    Everything that bounds the work — canvas size, frame count, the work
    budget's input side — is judged from headers before any pixel is decoded."""
    fp = io.BytesIO(data) if isinstance(data, bytes) else data
    fp.seek(0)
    try:
        # Pillow only reads the header here; no pixels are decoded yet.
        image = Image.open(fp)
    except UnidentifiedImageError:
        raise unsupported(f"The file is not a {FORMAT_NAMES} image.") from None
    except Image.DecompressionBombError as exc:
        raise _bomb(exc) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise invalid(f"The image could not be read: {exc}") from None
    if image.format == "MPO":
        # A JPEG carrying more images after its own (Multi-Picture Format: camera
        # previews, stereo pairs, depth maps): it is the primary image that the caller means.
        image.format = "JPEG"
    if image.format not in ALLOWED_FORMATS:
        raise unsupported(f"{image.format} images are not supported. Send a {FORMAT_NAMES} image.")
    width, height = image.size
    if width < 1 or height < 1:
        raise invalid("The image has no pixels.")
    if width * height > settings.PAINTY_MAX_PIXELS:
        raise too_many_pixels(width, height)
    frame_count = 1
    if image.format == "GIF":
        # Only GIFs are edited frame by frame. Counted from the block structure
        # and only as far as the limits need: Pillow's n_frames walks the whole
        # file through Python for every frame.
        stop = min(MAX_FRAMES, budget.limit() // (width * height)) + 1
        fp.seek(0)
        frame_count = gif_frame_count(fp.read(), stop)
        fp.seek(0)
        if frame_count > MAX_FRAMES:
            raise DomainError(
                "image_too_large", f"The animation has more than {MAX_FRAMES} frames; the limit is {MAX_FRAMES}.", "image"
            )
    budget.check_input(width, height, frame_count, counted_all=image.format != "GIF" or frame_count < stop)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _load(image, frame_count)
    except DomainError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels(width, height) from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError) as exc:
        raise invalid(f"The image is truncated or corrupt: {exc}") from None


def gif_frame_count(data: bytes, stop: int) -> int:
    """Frames (image descriptors) in a GIF, counted from its block structure
    without decompressing anything; counting ends at `stop`.

    A truncated last frame still counts: it would be decoded (and refused) later."""
    if len(data) < 13:
        return 0
    pos = 13
    packed = data[10]
    if packed & 0x80:
        pos += 3 << ((packed & 7) + 1)  # global colour table
    frames = 0
    while pos < len(data) and frames < stop:
        kind = data[pos]
        if kind == 0x2C:  # image descriptor
            frames += 1
            packed = data[pos + 9] if pos + 9 < len(data) else 0
            pos += 10
            if packed & 0x80:
                pos += 3 << ((packed & 7) + 1)  # local colour table
            pos += 1  # LZW minimum code size
        elif kind == 0x21:  # extension: introducer, label, then sub-blocks
            pos += 2
        else:  # 0x3B trailer, or garbage Pillow would also stop at
            break
        while pos < len(data) and data[pos]:  # data sub-blocks up to the 0 terminator
            pos += data[pos] + 1
        pos += 1
    return frames


def _load(image: Image.Image, frame_count: int) -> Picture:
    fmt = image.format
    if frame_count > 1:
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            durations.append(int(frame.info.get("duration", 100) or 100))
            frames.append(frame.convert("RGBA"))
        return Picture(fmt, frames, durations, image.info.get("loop", 0))
    image.load()
    icc = image.info.get("icc_profile")
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    if orientation != 1:
        image = ImageOps.exif_transpose(image)
    return Picture(fmt, [_to_working_mode(_to_srgb(image, icc))], orientation=orientation, had_icc=bool(icc))


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert pixels from an embedded ICC profile to sRGB, so dropping the
    profile on output does not shift colours."""
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError):
        return image  # a broken profile: keep the pixels as they are


def _to_working_mode(image: Image.Image) -> Image.Image:
    """Engines see RGB, or RGBA when the input has transparency."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    target = "RGBA" if has_alpha else "RGB"
    return image if image.mode == target else image.convert(target)


def encode(frames: list[Image.Image], fmt: str, durations=None, loop=None) -> bytes:
    """Encode frames in `fmt` with no metadata at all; several frames make an
    animation (GIF, APNG or animated WebP; JPEG holds one frame, see photos.formats)."""
    out = io.BytesIO()
    first = _for_format(frames[0], fmt)
    if len(frames) > 1 and fmt in ("GIF", "PNG", "WEBP"):
        rest = [_for_format(frame, fmt) for frame in frames[1:]]
        extra = {"disposal": 2} if fmt == "GIF" else {"quality": 90} if fmt == "WEBP" else {}
        first.save(
            out, fmt, save_all=True, append_images=rest, duration=durations or 100, loop=loop or 0, **extra
        )
    elif fmt == "JPEG":
        first.save(out, "JPEG", quality=92, optimize=False)
    elif fmt == "PNG":
        # Level 1 is several times faster than the default 6 and only a little larger on photos.
        first.save(out, "PNG", compress_level=PNG_COMPRESS_LEVEL)
    elif fmt == "WEBP":
        first.save(out, "WEBP", quality=90, method=4)
    else:
        first.save(out, fmt)
    return out.getvalue()


def _for_format(image: Image.Image, fmt: str) -> Image.Image:
    """A copy with no `info` (so nothing like EXIF is written back) in a mode the format can hold."""
    if fmt == "JPEG" and image.mode != "RGB":
        image = flatten(image) if image.mode in ("RGBA", "LA") else image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "P"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    clean = image.copy() if image.info else image
    clean.info = {}
    return clean


# --- Lossless metadata removal -------------------------------------------------
# When an upload needs no pixel change (upright, no colour profile), the stored
# original is the uploaded file with its metadata segments cut out: identical
# pixels, no generational loss, and no encode on the request path.

# Tables, frame headers, DRI, DNL: what a decoder needs. APP0 (JFIF) and APP14
# (Adobe: whether the colours are YCbCr, RGB or inverted CMYK) are kept apart, see _jpeg_app.
_JPEG_KEEP = {0xDB, 0xC4, 0xDD, 0xDC} | set(range(0xC0, 0xD0))
# Inside entropy-coded data 0xFF is followed by 0x00 (a stuffed byte), by RST0–7, or by
# more 0xFF fill before a marker; any other byte after 0xFF is the marker that ends the scan.
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_PNG_KEEP = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"sRGB", b"gAMA"}


def stripped_original(data: bytes, picture: Picture) -> bytes | None:
    """The upload without metadata, or None when pixels must change (re-encode instead)."""
    if picture.animated or picture.orientation != 1 or picture.had_icc or picture.resized:
        return None
    try:
        if picture.format == "JPEG":
            return strip_jpeg(data)
        if picture.format == "PNG":
            return _strip_png(data)
    except (IndexError, ValueError):
        return None
    return None


def strip_jpeg(data: bytes) -> bytes | None:
    """The primary image of a JPEG file, from SOI to its first real EOI, with only
    the segments a decoder needs; None if the file can't be walked (then re-encode).

    Segments are skipped by their length, so an EXIF thumbnail's own SOI/EOI inside
    APP1 never ends the walk. Each scan's entropy-coded data runs to the first marker
    that is not a stuffed byte or a restart: the next segment of a progressive image,
    or EOI. Everything after that EOI goes: MPF secondary images (their APP2 index is
    dropped like every other APPn), motion-photo video, HTML, random trailers."""
    if not data.startswith(b"\xff\xd8"):
        return None
    out = bytearray(b"\xff\xd8")
    pos, size = 2, len(data)
    while pos + 2 <= size:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker == 0xD9:  # end of image
            out += b"\xff\xd9"
            return bytes(out)
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # no length field (SOI again is corrupt)
            return None
        if pos + 4 > size:
            return None
        end = pos + 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if end < pos + 4 or end > size:
            return None
        if marker == 0xDA:  # start of scan: header, then entropy-coded data up to the next marker
            scan_end = _SCAN_END.search(data, end)
            if scan_end is None:
                return None
            out += data[pos : scan_end.start()]
            pos = scan_end.start()
            continue
        if marker in _JPEG_KEEP:
            out += data[pos:end]
        elif 0xE0 <= marker <= 0xEF:
            out += _jpeg_app(marker, data[pos:end])
        pos = end  # other APPn, COM: metadata, dropped
    return None


def _jpeg_app(marker: int, segment: bytes) -> bytes:
    """The part of an APPn segment that decoding depends on, or b''."""
    body = segment[4:]
    if marker == 0xE0 and body.startswith(b"JFIF\x00") and len(body) >= 14:
        # Version, units and density; the thumbnail (which may show the uncropped photo) goes.
        return b"\xff\xe0\x00\x10" + body[:12] + b"\x00\x00"
    if marker == 0xEE and body.startswith(b"Adobe") and len(body) == 12:
        return segment  # colour transform flag: without it CMYK comes out inverted
    return b""


def _strip_png(data: bytes) -> bytes | None:
    out = bytearray(data[:8])
    pos = 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return None
        if kind in _PNG_KEEP:
            out += data[pos:end]
        if kind == b"IEND":
            return bytes(out)
        pos = end
    return None
