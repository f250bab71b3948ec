"""The seal and the signature on a signed page, as a Vietnamese office prints them.

Decree 30/2020/NĐ-CP (appendix on electronic documents) and REPORT_FORMAT.md:
the signer's signature image above the name, the committee's red seal over
about a third of it on the left. Staff upload the seal, each leader their own
signature, as PNG with transparency; an image is read within limits that
follow what the file holds, and kept re-encoded (no metadata, no surprises).
"""

import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from conferences.upload_size import PICTURE_BYTES, TooLarge, read_at_most
from reporting.models import SealImage, SignatureImage

MAX_SIDE = 2_000  # pixels each way: far more than a seal or a signature needs
PIXELS_PER_POINT = 4  # the composed picture's resolution: about 290 dpi


class ImageRefused(Exception):
    """The upload cannot be a seal or signature image; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class StampImages:
    signature: bytes | None  # PNG
    seal: bytes | None  # PNG

    def __bool__(self) -> bool:
        return bool(self.signature or self.seal)


def read_png(upload) -> bytes:
    """The uploaded picture as a clean RGBA PNG, or ImageRefused."""
    try:
        content = read_at_most(upload, PICTURE_BYTES)
    except TooLarge as refused:
        raise ImageRefused(str(refused)) from None
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != "PNG":
                raise ImageRefused(_("Chỉ nhận ảnh PNG (nền trong suốt)."))
            if max(image.width, image.height) > MAX_SIDE:
                raise ImageRefused(_("Ảnh quá nhiều điểm ảnh: tối đa 2000 × 2000."))
            image.load()
            clean = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError):
        raise ImageRefused(_("Không đọc được ảnh; hãy chọn một tệp PNG.")) from None
    output = io.BytesIO()
    # The fastest compression: its cost follows the pixels, which are bounded; the best one (``optimize``) spent
    # 15 s of a worker on half a megabyte of noise.
    clean.save(output, format="PNG", compress_level=1)
    return output.getvalue()


@transaction.atomic
def seal_save(*, committee, png: bytes, user) -> SealImage:
    seal, _created = SealImage.objects.update_or_create(committee=committee, defaults={"png": png, "uploaded_by": user})
    return seal


@transaction.atomic
def signature_save(*, user, png: bytes) -> SignatureImage:
    signature, _created = SignatureImage.objects.update_or_create(user=user, defaults={"png": png})
    return signature


def stamp_images(*, committee, signer) -> StampImages:
    """The images a signature by ``signer`` for ``committee`` shows (two queries)."""
    seal = SealImage.objects.filter(committee=committee).values_list("png", flat=True).first()
    signature = SignatureImage.objects.filter(user=signer).values_list("png", flat=True).first() if signer else None
    return StampImages(signature=bytes(signature) if signature else None, seal=bytes(seal) if seal else None)


def composed(images: StampImages, width: float, height: float) -> Image.Image:
    """One transparent picture of ``width`` × ``height`` points: the signature centred, the seal over its left
    third, as tall as the room."""
    canvas = Image.new("RGBA", (round(width * PIXELS_PER_POINT), round(height * PIXELS_PER_POINT)), (0, 0, 0, 0))
    if images.signature:
        signature = _fitted(images.signature, canvas.width * 0.6, canvas.height * 0.9)
        canvas.alpha_composite(
            signature, ((canvas.width - signature.width) // 2, (canvas.height - signature.height) // 2)
        )
    if images.seal:
        seal = _fitted(images.seal, canvas.height, canvas.height)
        left = canvas.width // 2 - round(canvas.width * 0.3) - seal.width // 3
        canvas.alpha_composite(seal, (max(0, left), (canvas.height - seal.height) // 2))
    return canvas


def _fitted(png: bytes, width: float, height: float) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    scale = min(width / image.width, height / image.height)
    return image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.LANCZOS)
