"""Pictures for the demo, drawn with Pillow: simple scenes that read as what their alt text says.

Each kind (a rice field, a river, a meeting hall, a night market …) is a small composition
of sky, ground and shapes in its own palette; a seed varies the details, so no two
pictures repeat. ``infographic`` is tall (一图读懂) and ``panorama`` wide.
"""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

SIZES = {"infographic": (800, 2400), "panorama": (2400, 700), "classroom": (1200, 800), "school": (1000, 750)}


def _gradient(draw, box, top, bottom):
    x0, y0, x1, y1 = box
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        draw.line(
            [(x0, y), (x1, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )


def _jitter(rng, colour, spread=18):
    return tuple(max(0, min(255, c + rng.randint(-spread, spread))) for c in colour)


def _trees(draw, rng, y, width, colour, count=14):
    for _ in range(count):
        x, r = rng.randrange(width), rng.randint(18, 46)
        draw.ellipse([x - r, y - 2 * r, x + r, y], fill=_jitter(rng, colour))


def _buildings(draw, rng, ground, width, palette):
    x = rng.randint(-40, 20)
    while x < width:
        w, h = rng.randint(90, 200), rng.randint(120, 340)
        draw.rectangle([x, ground - h, x + w, ground], fill=_jitter(rng, rng.choice(palette)))
        for wy in range(ground - h + 20, ground - 30, 36):
            for wx in range(x + 14, x + w - 20, 32):
                draw.rectangle(
                    [wx, wy, wx + 16, wy + 20], fill=(250, 236, 170) if rng.random() < 0.3 else (90, 110, 130)
                )
        x += w + rng.randint(8, 30)


def _people(
    draw, rng, y, x0, x1, count, colours=((60, 60, 80), (180, 70, 60), (40, 90, 150), (230, 200, 160))
):
    for _ in range(count):
        x, s = rng.randint(x0, x1), rng.randint(14, 22)
        colour = rng.choice(colours)
        draw.ellipse([x - s // 2, y - 3 * s, x + s // 2, y - 2 * s], fill=(235, 200, 170))
        draw.rounded_rectangle([x - s // 2 - 4, y - 2 * s, x + s // 2 + 4, y], radius=6, fill=colour)


def _outdoor(draw, rng, w, h, sky, ground_colour, horizon=0.45):
    ground = int(h * horizon)
    _gradient(draw, (0, 0, w, ground), _jitter(rng, sky[0]), _jitter(rng, sky[1]))
    _gradient(draw, (0, ground, w, h), _jitter(rng, ground_colour[0]), _jitter(rng, ground_colour[1]))
    return ground


def _field(draw, rng, w, h):
    ground = _outdoor(draw, rng, w, h, ((120, 170, 225), (225, 235, 240)), ((215, 180, 70), (170, 130, 40)))
    _trees(draw, rng, ground + 6, w, (60, 110, 60), 24)
    for i in range(1, 18):  # rows of rice running to the horizon
        x = w // 2 + (i - 9) * w // 8
        draw.line([(w // 2 + (i - 9) * 30, ground + 8), (x, h)], fill=(190, 150, 50), width=3)
    x, y = rng.randint(w // 5, w // 2), int(h * 0.7)
    draw.rectangle([x, y - 90, x + 190, y], fill=(200, 50, 40))
    draw.rectangle([x + 120, y - 150, x + 185, y - 90], fill=(230, 230, 230))
    draw.ellipse([x + 10, y - 30, x + 70, y + 30], fill=(40, 40, 40))
    draw.ellipse([x + 130, y - 30, x + 190, y + 30], fill=(40, 40, 40))


def _river(draw, rng, w, h):
    ground = _outdoor(draw, rng, w, h, ((150, 190, 230), (235, 240, 245)), ((90, 150, 80), (60, 120, 60)))
    _trees(draw, rng, ground + 10, w, (50, 120, 60), 30)
    top, bottom = ground + int(h * 0.12), h - int(h * 0.1)
    draw.polygon([(0, top), (w, top + 30), (w, bottom), (0, bottom - 40)], fill=_jitter(rng, (70, 130, 190)))
    for _ in range(40):
        x, y = rng.randrange(w), rng.randint(top + 20, bottom - 30)
        draw.line([(x, y), (x + rng.randint(20, 60), y)], fill=(170, 205, 235), width=2)
    draw.rectangle([0, bottom - 10, w, bottom + 8], fill=(200, 190, 170))  # the footpath
    _people(draw, rng, bottom, 40, w - 40, 6)


def _street(draw, rng, w, h):
    ground = _outdoor(
        draw, rng, w, h, ((140, 185, 230), (230, 236, 242)), ((150, 150, 150), (110, 110, 110)), 0.62
    )
    _buildings(draw, rng, ground, w, [(200, 190, 180), (170, 180, 195), (215, 205, 170), (190, 160, 150)])
    draw.polygon([(w * 0.42, ground), (w * 0.58, ground), (w, h), (0, h)], fill=(70, 70, 75))
    for y in range(ground + 20, h, 50):
        draw.line([(w // 2, y), (w // 2, y + 22)], fill=(240, 240, 240), width=5)
    _people(draw, rng, h - 20, 30, int(w * 0.25), 3)


def _village(draw, rng, w, h):
    ground = _outdoor(
        draw, rng, w, h, ((160, 200, 235), (240, 240, 235)), ((120, 160, 90), (90, 130, 70)), 0.5
    )
    for x in range(30, w, 230):
        top = ground - rng.randint(90, 130)
        draw.rectangle([x, top, x + 170, ground + 40], fill=(235, 230, 220))
        draw.polygon([(x - 15, top), (x + 85, top - 60), (x + 185, top)], fill=(150, 60, 50))
    for i, colour in enumerate([(60, 140, 70), (40, 100, 170), (200, 60, 50), (90, 90, 90)]):
        x = int(w * 0.2) + i * 110
        draw.rounded_rectangle([x, h - 200, x + 80, h - 60], radius=8, fill=colour)
    _people(draw, rng, h - 40, int(w * 0.6), w - 40, 4)


def _interior(draw, rng, w, h, wall, floor, screen=True, rows=4, desks=True):
    _gradient(draw, (0, 0, w, int(h * 0.55)), _jitter(rng, wall), _jitter(rng, wall, 8))
    _gradient(draw, (0, int(h * 0.55), w, h), _jitter(rng, floor), _jitter(rng, floor, 30))
    if screen:
        draw.rectangle(
            [int(w * 0.25), int(h * 0.08), int(w * 0.75), int(h * 0.38)],
            fill=(245, 245, 250),
            outline=(60, 60, 60),
            width=6,
        )
        draw.rectangle([int(w * 0.2), int(h * 0.02), int(w * 0.8), int(h * 0.07)], fill=(190, 30, 40))
    for row in range(rows):
        y = int(h * (0.62 + row * 0.1))
        if desks:
            draw.rectangle([40, y, w - 40, y + 18], fill=(150, 110, 70))
        _people(draw, rng, y, 70, w - 70, 7 + row * 2)


def _meeting(draw, rng, w, h):
    _interior(draw, rng, w, h, (225, 210, 190), (160, 60, 50))


def _classroom(draw, rng, w, h):
    _interior(draw, rng, w, h, (230, 235, 225), (200, 180, 140))
    draw.rectangle([int(w * 0.27), int(h * 0.1), int(w * 0.73), int(h * 0.36)], fill=(40, 80, 60))


def _library(draw, rng, w, h):
    _interior(draw, rng, w, h, (240, 228, 205), (170, 130, 90), screen=False, rows=2)
    for x in range(20, w, 150):
        draw.rectangle([x, 30, x + 130, int(h * 0.5)], fill=(120, 80, 50))
        for y in range(45, int(h * 0.5) - 20, 45):
            for bx in range(x + 8, x + 120, 14):
                draw.rectangle(
                    [bx, y, bx + 10, y + 36],
                    fill=_jitter(
                        rng, rng.choice([(180, 60, 50), (60, 100, 160), (220, 180, 60), (70, 140, 90)])
                    ),
                )


def _canteen(draw, rng, w, h):
    _interior(draw, rng, w, h, (245, 240, 225), (210, 210, 200), screen=False, rows=3)
    draw.rectangle([int(w * 0.1), int(h * 0.15), int(w * 0.9), int(h * 0.35)], fill=(200, 210, 215))
    for x in range(int(w * 0.12), int(w * 0.88), 90):
        draw.ellipse([x, int(h * 0.2), x + 70, int(h * 0.3)], fill=_jitter(rng, (220, 150, 60), 40))


def _hall(draw, rng, w, h):
    _interior(draw, rng, w, h, (225, 232, 240), (200, 205, 210), screen=True, rows=1, desks=True)
    for x in range(60, w - 100, 180):
        draw.rectangle([x, int(h * 0.45), x + 140, int(h * 0.6)], fill=(70, 110, 160))


def _clinic(draw, rng, w, h):
    _interior(draw, rng, w, h, (235, 240, 245), (190, 200, 200), screen=False, rows=0)
    draw.rectangle(
        [int(w * 0.15), int(h * 0.55), int(w * 0.6), int(h * 0.7)],
        fill=(230, 230, 235),
        outline=(120, 120, 140),
        width=4,
    )
    _people(draw, rng, int(h * 0.9), int(w * 0.65), int(w * 0.85), 2, ((245, 245, 245), (70, 120, 170)))


def _market(draw, rng, w, h):
    _gradient(draw, (0, 0, w, h // 2), (20, 25, 60), (60, 50, 90))
    _gradient(draw, (0, h // 2, w, h), (80, 60, 60), (40, 30, 30))
    for x in range(0, w, 170):
        draw.rectangle([x + 10, h // 2 - 60, x + 160, h // 2 + 120], fill=_jitter(rng, (170, 90, 50)))
        draw.polygon([(x, h // 2 - 60), (x + 85, h // 2 - 110), (x + 170, h // 2 - 60)], fill=(200, 40, 40))
    for x in range(40, w, 90):
        y = rng.randint(40, h // 3)
        draw.line([(x, 0), (x, y)], fill=(90, 80, 70), width=2)
        draw.ellipse([x - 22, y, x + 22, y + 38], fill=(230, 50, 40), outline=(255, 200, 80), width=3)
    _people(draw, rng, h - 30, 20, w - 20, 18, ((40, 40, 50), (150, 60, 60), (60, 80, 120)))


def _square(draw, rng, w, h):
    ground = _outdoor(
        draw, rng, w, h, ((150, 195, 235), (235, 240, 245)), ((200, 195, 185), (170, 165, 155)), 0.4
    )
    _buildings(draw, rng, ground, w, [(210, 200, 190), (180, 190, 200)])
    for x in range(40, w, 220):
        draw.polygon(
            [(x, ground + 120), (x + 90, ground + 50), (x + 180, ground + 120)],
            fill=_jitter(rng, (40, 110, 190)),
        )
        draw.rectangle([x + 10, ground + 120, x + 170, ground + 200], fill=(245, 245, 245))
    _people(draw, rng, h - 40, 20, w - 20, 22)


def _road(draw, rng, w, h):
    ground = _outdoor(
        draw, rng, w, h, ((140, 190, 235), (235, 240, 240)), ((200, 170, 70), (160, 130, 50)), 0.45
    )
    _trees(draw, rng, ground + 4, w, (60, 110, 60), 20)
    draw.polygon([(w * 0.46, ground), (w * 0.54, ground), (w * 0.9, h), (w * 0.1, h)], fill=(55, 55, 60))
    for i in range(6):
        x = w * 0.25 + i * (w * 0.1)
        draw.line([(x, ground + 40 + i * 50), (x, ground - 40 + i * 50)], fill=(120, 120, 120), width=4)
        draw.ellipse([x - 8, ground - 50 + i * 50, x + 8, ground - 34 + i * 50], fill=(250, 240, 200))


def _school(draw, rng, w, h):
    ground = _outdoor(
        draw, rng, w, h, ((140, 190, 235), (235, 240, 245)), ((180, 70, 60), (150, 60, 50)), 0.55
    )
    draw.rectangle([int(w * 0.1), ground - 260, int(w * 0.9), ground], fill=(235, 225, 205))
    for y in range(ground - 240, ground - 30, 60):
        for x in range(int(w * 0.13), int(w * 0.87), 70):
            draw.rectangle([x, y, x + 40, y + 36], fill=(120, 160, 200))
    draw.line([(int(w * 0.5), ground), (int(w * 0.5), ground - 380)], fill=(200, 200, 200), width=6)
    draw.rectangle([int(w * 0.5), ground - 380, int(w * 0.5) + 90, ground - 320], fill=(210, 30, 30))
    _people(draw, rng, h - 30, 20, w - 20, 16, ((40, 90, 160), (230, 230, 230), (200, 60, 60)))


def _stadium(draw, rng, w, h):
    _gradient(draw, (0, 0, w, h // 4), (150, 200, 240), (230, 240, 245))
    draw.rectangle([0, h // 4, w, h // 3], fill=(120, 130, 150))
    _people(draw, rng, h // 3, 10, w - 10, 40)
    draw.ellipse([-w // 4, h // 3, w + w // 4, h + h // 2], fill=(190, 70, 55))
    draw.ellipse([w // 10, h // 2, w - w // 10, h + h // 4], fill=(70, 150, 70))
    for i in range(1, 6):
        draw.arc(
            [-w // 4 + i * 14, h // 3 + i * 14, w + w // 4 - i * 14, h + h // 2 - i * 14],
            180,
            360,
            fill=(240, 240, 240),
            width=2,
        )


def _factory(draw, rng, w, h):
    ground = _outdoor(
        draw, rng, w, h, ((170, 195, 220), (230, 235, 240)), ((160, 160, 155), (130, 130, 125)), 0.6
    )
    for x in range(60, w - 100, 210):
        draw.rectangle([x, ground - 220, x + 150, ground], fill=(215, 220, 225))
        draw.ellipse([x, ground - 245, x + 150, ground - 195], fill=(235, 238, 240))
    draw.line([(0, ground + 40), (w, ground + 40)], fill=(250, 200, 0), width=8)
    _people(draw, rng, h - 40, 40, w - 40, 6, ((250, 250, 250), (240, 200, 0)))


def _greenhouse(draw, rng, w, h):
    _gradient(draw, (0, 0, w, h), (225, 240, 230), (180, 210, 185))
    for x in range(0, w + 200, 200):
        draw.arc([x - 200, -h // 2, x + 200, h // 2], 0, 180, fill=(240, 250, 245), width=4)
    for row in range(5):
        y = int(h * 0.45) + row * int(h * 0.11)
        for x in range(20 + row * 10, w, 60):
            draw.ellipse([x, y - 30, x + 40, y + 10], fill=_jitter(rng, (60, 140, 60)))
            if rng.random() < 0.4:
                draw.ellipse([x + 12, y - 12, x + 26, y + 2], fill=(220, 50, 40))


def _infographic(draw, rng, w, h):
    _gradient(draw, (0, 0, w, h), (250, 245, 230), (240, 230, 205))
    draw.rectangle([0, 0, w, 260], fill=(190, 40, 40))
    draw.rectangle([60, 60, w - 60, 200], fill=(230, 190, 80))
    for y in range(320, 320 + 6 * 340, 340):  # six blocks, each a figure and its bar
        draw.rounded_rectangle(
            [50, y, w - 50, y + 300], radius=24, fill=(255, 252, 245), outline=(190, 40, 40), width=4
        )
        value = rng.randint(30, 95)
        draw.rectangle(
            [90, y + 190, 90 + (w - 180) * value // 100, y + 250], fill=_jitter(rng, (210, 150, 50), 30)
        )
        draw.ellipse([90, y + 40, 210, y + 160], fill=(190, 40, 40))
        draw.rectangle([240, y + 70, w - 120, y + 100], fill=(120, 110, 100))
        draw.rectangle([240, y + 120, w - 260, y + 140], fill=(180, 170, 160))


def _panorama(draw, rng, w, h):
    ground = _outdoor(
        draw, rng, w, h, ((240, 200, 170), (200, 215, 235)), ((200, 170, 70), (120, 140, 70)), 0.5
    )
    for x in range(0, w, 300):  # hills far off
        draw.ellipse([x - 150, ground - 120, x + 350, ground + 120], fill=_jitter(rng, (120, 150, 140)))
    _trees(draw, rng, ground + 30, w, (60, 100, 60), 60)
    draw.polygon(
        [(0, h * 0.8), (w * 0.4, h * 0.7), (w, h * 0.85), (w, h * 0.95), (0, h * 0.92)], fill=(110, 160, 200)
    )
    for x in range(80, w, 260):
        draw.rectangle([x, ground + 20, x + 110, ground + 70], fill=(240, 235, 225))
        draw.polygon(
            [(x - 10, ground + 20), (x + 55, ground - 10), (x + 120, ground + 20)], fill=(140, 60, 50)
        )


SCENES = {
    "field": _field, "river": _river, "street": _street, "village": _village, "meeting": _meeting,
    "classroom": _classroom, "library": _library, "canteen": _canteen, "hall": _hall, "clinic": _clinic,
    "market": _market, "square": _square, "road": _road, "school": _school, "stadium": _stadium,
    "factory": _factory, "greenhouse": _greenhouse, "infographic": _infographic, "panorama": _panorama,
}  # fmt: skip


def picture(kind, seed, name):
    """A JPEG of a ``kind`` scene, varied by ``seed``."""
    rng = random.Random(f"{kind}-{seed}")
    width, height = SIZES.get(kind, rng.choice([(1200, 800), (1200, 675), (1000, 750), (960, 1200)]))
    image = Image.new("RGB", (width, height))
    SCENES[kind](ImageDraw.Draw(image), rng, width, height)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return ContentFile(buffer.getvalue(), name=name)
