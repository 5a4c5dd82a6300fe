"""The photo request's optional fields, read and checked before anything is charged.

- `format`: the result's file format (photos.formats).
- `channels`: `rgba` (default) or `alpha` — the cut-out's matte itself, as a grey PNG (remove.bg's convention).
- `n`: 1–4 variants of the edit, each charged as one result.
- `background` (file) or `background_url`: the subject is cut out and placed on that image.
- `mask` (file): white = the region to edit; confines colour edits and makes "remove …" a retouch there.

Extra images (background, mask) are kept as raw bytes here; they are decoded
with the same checks as the main image (photos.imaging.decode) and stored next
to the original so whichever worker runs the job can read them."""

from __future__ import annotations

from dataclasses import dataclass, field

from painty.errors import DomainError

from . import formats

MAX_VARIANTS = 4
CHANNELS = ("rgba", "alpha")


@dataclass
class Options:
    output_format: str = "auto"
    channels: str = "rgba"
    n: int = 1
    extras: dict[str, bytes] = field(default_factory=dict)  # "background" / "mask" → the file's bytes

    def as_job_options(self) -> dict:
        """What the job row keeps (file names are added when the extras are stored)."""
        return {"channels": self.channels, "n": self.n}

    def describe(self) -> dict:
        """What makes two requests "the same" for an Idempotency-Key (the files by content)."""
        import hashlib

        return {
            "format": self.output_format,
            "channels": self.channels,
            "n": self.n,
            **{name: hashlib.sha256(data).hexdigest() for name, data in self.extras.items()},
        }


def channels_of(value) -> str:
    text = str(value if value is not None else "").strip().lower() or "rgba"
    if text not in CHANNELS:
        raise DomainError("invalid_parameter", "'channels' must be rgba (the image) or alpha (the matte only).", "channels")
    return text


def variants_of(value) -> int:
    text = str(value if value is not None else "").strip() or "1"
    if not text.isdigit() or not 1 <= int(text) <= MAX_VARIANTS:
        raise DomainError("invalid_parameter", f"'n' must be a whole number from 1 to {MAX_VARIANTS}.", "n")
    return int(text)


def read(data, files, prompt: str, fetch) -> Options:
    """The options of a photo request's form; `fetch(url, param)` downloads a `*_url` field's image."""
    options = Options(
        output_format=formats.requested(data.get("format"), prompt),
        channels=channels_of(data.get("channels")),
        n=variants_of(data.get("n")),
    )
    for name in ("background", "mask"):
        upload = files.get(name)
        url = data.get(f"{name}_url") if name == "background" else None
        if upload is not None and url:
            raise DomainError("invalid_parameter", f"Send '{name}' or '{name}_url', not both.", name)
        if upload is not None:
            if upload.size == 0:
                raise DomainError("invalid_image", f"The '{name}' file is empty.", name)
            upload.seek(0)
            options.extras[name] = upload.read()
        elif url:
            options.extras[name] = fetch(str(url), f"{name}_url")
        elif data.get(name):
            raise DomainError("missing_parameter", f"'{name}' must be a file upload, not text.", name)
    if options.channels == "alpha" and options.output_format not in ("auto", "png", "webp"):
        raise DomainError(
            "invalid_parameter", "channels=alpha returns a grey matte: ask for png or webp, not jpg.", "format"
        )
    return options
