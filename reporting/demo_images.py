"""Sample seal and signature pictures for the demo, drawn here and marked "MẪU" (sample): never a real seal."""

import functools
import io
import math

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

SEAL_RED = (200, 16, 16, 235)
INK = (20, 40, 120, 255)
SIZE = 600


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(settings.BASE_DIR / "static" / "fonts" / name), size)


def _png(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


@functools.cache  # drawn once a process: the same name draws the same picture
def sample_seal(committee_name: str) -> bytes:
    """A red round seal with the committee's name and a star, crossed by "MẪU"."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, SIZE - 10, SIZE - 10), outline=SEAL_RED, width=16)
    draw.ellipse((70, 70, SIZE - 70, SIZE - 70), outline=SEAL_RED, width=6)
    _around(image, committee_name.upper(), radius=SIZE / 2 - 52)
    centre = SIZE / 2
    star = [
        (centre + r * math.sin(math.pi * k / 5), centre - r * math.cos(math.pi * k / 5))
        for k, r in zip(range(10), [90, 36] * 5, strict=True)
    ]
    draw.polygon(star, fill=SEAL_RED)
    mark = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    ImageDraw.Draw(mark).text((centre, centre), "MẪU", font=_font(150, bold=True), fill=SEAL_RED, anchor="mm")
    image.alpha_composite(mark.rotate(25, resample=Image.BICUBIC))
    return _png(image)


def _around(image: Image.Image, text: str, *, radius: float) -> None:
    """``text`` along the top of a circle, letter by letter."""
    font = _font(44, bold=True)
    step = 300 / max(len(text), 1)
    for n, letter in enumerate(text):
        angle = -150 + step * (n + 0.5)
        tile = Image.new("RGBA", (80, 80), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((40, 40), letter, font=font, fill=SEAL_RED, anchor="mm")
        tile = tile.rotate(-angle, resample=Image.BICUBIC)
        x = SIZE / 2 + radius * math.sin(math.radians(angle)) - 40
        y = SIZE / 2 - radius * math.cos(math.radians(angle)) - 40
        image.alpha_composite(tile, (round(x), round(y)))


@functools.cache
def sample_signature(name: str) -> bytes:
    """A handwriting-like flourish in dark blue ink, with "MẪU" beside it."""
    width, height = 900, 360
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    seed = sum(ord(c) for c in name)
    points = [
        (
            60 + t * 7.2,
            height / 2 + 70 * math.sin(t / 9 + seed % 7) * math.cos(t / 23) + 25 * math.sin(t / 3.1 + seed % 3),
        )
        for t in range(110)
    ]
    draw.line(points, fill=INK, width=9, joint="curve")
    draw.line([(90, height - 90), (width - 120, height - 120)], fill=INK, width=7)
    draw.text((width - 40, 40), "MẪU", font=_font(64, bold=True), fill=(200, 16, 16, 255), anchor="ra")
    return _png(image)
