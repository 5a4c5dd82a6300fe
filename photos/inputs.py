"""The request's extra images (background, mask) and result options (channels, n)
between the API and the runners: checked before the charge, stored beside the
original so any worker can run the job, read back when it runs."""

from __future__ import annotations

from PIL import Image

from painty.errors import DomainError

from . import formats, imaging, storage
from .engines import Inputs
from .models import Job

ALIGN_TOLERANCE = 0.01  # a mask's aspect ratio may differ from the image's by 1 % (rounding), no more


def decode(data: bytes, name: str, picture: imaging.Picture) -> Image.Image:
    """An extra image, read with the same checks as the main one; errors name its field."""
    try:
        extra = imaging.decode(data)
    except DomainError as exc:
        raise DomainError(exc.code, exc.message.replace("image", f"'{name}' image", 1), name) from None
    image = extra.frames[0]
    if name == "mask":
        width, height = picture.size
        if abs(image.width / image.height - width / height) > ALIGN_TOLERANCE * width / height:
            raise DomainError(
                "invalid_parameter",
                f"The mask is {image.width}×{image.height} px but the image is {width}×{height} px; "
                "send a mask of the image's size (or its proportions).",
                "mask",
            )
        image = image.convert("L") if image.mode not in ("RGBA", "LA") else image.getchannel("A")
    return image


def engine_inputs(extras: dict[str, Image.Image]) -> Inputs:
    return Inputs(background=extras.get("background"), mask=extras.get("mask"))


def check(picture: imaging.Picture, edits: list[dict], extras: dict, channels: str, n: int) -> None:
    """What the options ask must fit the picture and the plan (400s naming the field)."""
    ops = [step.get("op") for step in edits]
    if "background_image" in ops and "background" not in extras:
        raise DomainError(
            "missing_parameter", "The prompt asks for a background image: send it as 'background' or 'background_url'.",
            "background",
        )
    if picture.animated and extras:
        raise DomainError("invalid_parameter", "Background and mask images work on still images only.",
                          next(iter(extras)))
    if n > 1:
        if picture.animated:
            raise DomainError("invalid_parameter", "Variants ('n' > 1) are made for still images only.", "n")
        if edits and all(op != "generative_edit" for op in ops) and not _variable(edits):
            raise DomainError(
                "invalid_parameter",
                "This edit has one right answer (nothing in it to take lighter or stronger); send n=1.",
                "n",
            )
    if channels == "alpha" and not transparent_result(picture, edits):
        raise DomainError(
            "invalid_parameter",
            "channels=alpha returns the cut-out's matte: ask to remove the background (or send a transparent image).",
            "channels",
        )


def _variable(edits: list[dict]) -> bool:
    from .engines.local.extras import variable

    return variable(edits)


def transparent_result(picture: imaging.Picture, edits: list[dict]) -> bool:
    ops = [step.get("op") for step in edits]
    framed_clear = any(step.get("op") == "product_frame" and step.get("color") is None for step in edits)
    return "background_remove" in ops or framed_clear or formats.has_transparency(picture.frames[:1])


def store(job: Job, extras: dict[str, bytes]) -> None:
    """Keep the extra images beside the original (any worker may run the job); names go in job.options."""
    if not extras:
        return
    names = {name: storage.save(storage.job_path(job.token, f"{name}.input"), data) for name, data in extras.items()}
    job.options = {**job.options, "files": names}
    Job.objects.filter(pk=job.pk).update(options=job.options)


def load(job: Job) -> dict[str, bytes]:
    return {name: storage.read(path) for name, path in (job.options or {}).get("files", {}).items()}
