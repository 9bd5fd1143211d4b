"""Demo pictures drawn with Pillow: simple newsroom scenes and portraits, the same pixels on every run.

Each scene is a function of a seeded random generator, drawn at twice its size and shrunk for smooth
edges, then saved as JPEG. Nothing is downloaded.
"""

import io
import itertools
import math
import random
from collections.abc import Callable, Sequence

from PIL import Image, ImageChops, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900
PORTRAIT_SIZE = 800
SCALE = 2  # drawn at twice the size, then shrunk, so edges come out smooth

Color = tuple[int, int, int]


def _mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def gradient(size: tuple[int, int], stops: Sequence[tuple[float, Color]]) -> Image.Image:
    """A vertical gradient through (position 0..1, colour) stops."""
    height = size[1]
    rows = []
    for y in range(height):
        t = y / max(height - 1, 1)
        for (p0, c0), (p1, c1) in itertools.pairwise(stops):
            if t <= p1:
                rows.append(_mix(c0, c1, (t - p0) / max(p1 - p0, 1e-9)))
                break
        else:
            rows.append(stops[-1][1])
    column = Image.new("RGB", (1, height))
    column.putdata(rows)
    return column.resize(size, Image.Resampling.NEAREST)


def mottle(image: Image.Image, rng: random.Random, strength: float = 0.06, grain: int = 48) -> Image.Image:
    """Soft, uneven light over the picture, as real photos have."""
    w, h = grain, max(grain * image.height // image.width, 1)
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).resize(image.size, Image.Resampling.BICUBIC)
    return Image.blend(image, Image.merge("RGB", (noise, noise, noise)), strength)


def glow(image: Image.Image, spots: Sequence[tuple[float, float, float, Color]], blur: float) -> Image.Image:
    """Add blurred light (x, y, radius, colour) onto the picture."""
    layer = Image.new("RGB", image.size, (0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for x, y, r, color in spots:
        draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
    return ImageChops.screen(image, layer.filter(ImageFilter.GaussianBlur(blur)))


def ridge(rng: random.Random, width: float, base: float, amplitude: float, steps: int) -> list[tuple[float, float]]:
    """A jagged skyline from left to right around height `base`."""
    points, y = [], base
    for i in range(steps + 1):
        y = min(max(y + rng.uniform(-amplitude, amplitude), base - amplitude * 3), base + amplitude * 2)
        points.append((width * i / steps, y))
    return points


def hills(width: float, base: float, amplitude: float, waves: float, phase: float) -> list[tuple[float, float]]:
    return [
        (x, base + amplitude * math.sin(x / width * waves * math.tau + phase)) for x in range(0, int(width) + 41, 40)
    ]


def fill_below(draw: ImageDraw.ImageDraw, line: list[tuple[float, float]], height: float, color: Color) -> None:
    draw.polygon([*line, (line[-1][0], height), (line[0][0], height)], fill=color)


# Scenes: each draws on a canvas of WIDTH*SCALE x HEIGHT*SCALE and returns the picture.


def harbour_at_dusk(rng: random.Random, w: int, h: int) -> Image.Image:
    horizon = h * 0.62
    img = gradient(
        (w, h),
        [(0, (48, 32, 88)), (0.45, (214, 104, 78)), (0.62, (250, 196, 120)), (0.63, (40, 58, 84)), (1, (12, 22, 40))],
    )
    img = glow(img, [(w * 0.32, horizon - 30, 90, (255, 210, 140))], 40)
    draw = ImageDraw.Draw(img)
    for i in range(60):
        y = horizon + 10 + i * (h - horizon) / 60
        half = 40 + i * 6 * rng.uniform(0.6, 1.2)
        draw.line((w * 0.32 - half, y, w * 0.32 + half * rng.uniform(0.3, 1), y), fill=(238, 170, 110), width=4)
    for base_x in (w * 0.62, w * 0.74, w * 0.86):
        top = horizon - h * rng.uniform(0.28, 0.36)
        dark = (22, 18, 30)
        draw.rectangle((base_x, top, base_x + 26, horizon), fill=dark)
        draw.rectangle((base_x + 150, top, base_x + 176, horizon), fill=dark)
        draw.rectangle((base_x - 160, top - 30, base_x + 300, top), fill=dark)
        draw.line((base_x - 160, top - 30, base_x + 88, top - 140), fill=dark, width=12)
        draw.line((base_x + 300, top - 30, base_x + 88, top - 140), fill=dark, width=12)
    for x0 in (w * 0.52, w * 0.8):
        draw.polygon(
            [(x0, horizon - 60), (x0 + 420, horizon - 60), (x0 + 380, horizon + 12), (x0 + 30, horizon + 12)],
            fill=(30, 26, 36),
        )
        for j in range(6):
            draw.rectangle(
                (x0 + 40 + j * 56, horizon - 110, x0 + 90 + j * 56, horizon - 60),
                fill=rng.choice([(150, 56, 48), (40, 90, 120), (170, 140, 60)]),
            )
    return img


def mountain_ridge(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (96, 150, 210)), (0.55, (196, 220, 236)), (1, (220, 230, 236))])
    draw = ImageDraw.Draw(img)
    layers = [(0.42, (150, 168, 196)), (0.52, (112, 130, 160)), (0.64, (72, 96, 92)), (0.78, (42, 66, 50))]
    for n, (base, color) in enumerate(layers):
        line = ridge(rng, w, h * base, h * 0.035, 28 - n * 4)
        fill_below(draw, line, h, color)
        if n < 2:
            for (x0, y0), (x1, y1), (x2, y2) in zip(line, line[1:], line[2:], strict=False):
                if y1 < y0 and y1 < y2 and y1 < h * base:
                    draw.polygon(
                        [(x1, y1), (x1 + (x2 - x1) * 0.35, y1 + 46), (x1 - (x1 - x0) * 0.35, y1 + 46)],
                        fill=(244, 246, 250),
                    )
    return img


def parliament(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (120, 170, 220)), (1, (214, 228, 240))])
    draw = ImageDraw.Draw(img)
    stone, shade = (226, 218, 200), (186, 176, 156)
    left, right, top, bottom = w * 0.12, w * 0.88, h * 0.34, h * 0.8
    draw.polygon([(left - 20, top), (w / 2, h * 0.14), (right + 20, top)], fill=stone, outline=shade, width=8)
    draw.rectangle((left - 20, top, right + 20, top + 40), fill=shade)
    columns = 10
    for i in range(columns):
        x = left + (right - left) * (i + 0.5) / columns
        draw.rectangle((x - 34, top + 40, x + 34, bottom), fill=stone)
        draw.rectangle((x + 14, top + 40, x + 34, bottom), fill=shade)
    draw.rectangle((left, top + 40, right, bottom), outline=shade, width=4)
    for i in range(6):
        draw.rectangle(
            (left - 40 - i * 24, bottom + i * 26, right + 40 + i * 24, bottom + (i + 1) * 26),
            fill=_mix(stone, shade, i / 6),
        )
    draw.rectangle((0, bottom + 156, w, h), fill=(120, 120, 116))
    for x in (w * 0.06, w * 0.94):
        draw.line((x, h * 0.9, x, h * 0.2), fill=(70, 70, 70), width=10)
        colors = rng.sample([(0, 82, 147), (255, 205, 0), (206, 17, 38), (0, 122, 61), (250, 250, 250)], 3)
        for k, color in enumerate(colors):
            draw.rectangle((x + 5, h * 0.2 + k * 40, x + 220, h * 0.2 + (k + 1) * 40), fill=color)
    return img


def stadium_at_night(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (8, 10, 30)), (0.5, (26, 30, 64)), (1, (20, 24, 40))])
    draw = ImageDraw.Draw(img)
    draw.polygon([(0, h * 0.34), (w, h * 0.34), (w, h * 0.56), (0, h * 0.56)], fill=(36, 34, 46))
    for _ in range(5000):
        x, y = rng.uniform(0, w), rng.uniform(h * 0.35, h * 0.55)
        draw.point((x, y), fill=rng.choice([(200, 40, 40), (240, 240, 240), (40, 80, 200), (220, 200, 60)]))
    pitch = [(w * 0.16, h * 0.56), (w * 0.84, h * 0.56), (w * 1.1, h), (-w * 0.1, h)]
    draw.polygon(pitch, fill=(44, 128, 58))
    for i in range(0, 12, 2):
        a, b = i / 12, (i + 1) / 12
        draw.polygon(
            [
                (w * (0.16 + 0.68 * a), h * 0.56),
                (w * (0.16 + 0.68 * b), h * 0.56),
                (w * (-0.1 + 1.2 * b), h),
                (w * (-0.1 + 1.2 * a), h),
            ],
            fill=(54, 144, 66),
        )
    white = (236, 240, 236)
    draw.line((w / 2, h * 0.56, w / 2, h), fill=white, width=8)
    draw.ellipse((w / 2 - 260, h * 0.72, w / 2 + 260, h * 0.86), outline=white, width=8)
    draw.polygon(pitch, outline=white, width=10)
    lights = []
    for x in (w * 0.08, w * 0.36, w * 0.64, w * 0.92):
        draw.line((x, h * 0.56, x, h * 0.12), fill=(60, 60, 70), width=14)
        draw.rectangle((x - 70, h * 0.08, x + 70, h * 0.13), fill=(230, 230, 210))
        lights.append((x, h * 0.1, 120, (200, 200, 170)))
    return glow(img, lights, 60)


def laboratory(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (214, 232, 234)), (0.7, (170, 204, 210)), (1, (120, 150, 160))])
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, h * 0.7, w, h * 0.76), fill=(70, 80, 90))
    draw.rectangle((0, h * 0.76, w, h), fill=(200, 206, 210))
    for i in range(7):
        x = w * (0.1 + i * 0.12) + rng.uniform(-20, 20)
        liquid = rng.choice([(40, 160, 180), (220, 120, 60), (120, 180, 80), (180, 60, 120)])
        r = rng.uniform(70, 110)
        base = h * 0.7
        glass = (236, 244, 246)
        if i % 2:
            draw.polygon(
                [(x - 20, base - 2.6 * r), (x + 20, base - 2.6 * r), (x + r, base), (x - r, base)],
                fill=glass,
                outline=(150, 170, 176),
                width=6,
            )
            draw.polygon(
                [(x - r * 0.62, base - r), (x + r * 0.62, base - r), (x + r, base), (x - r, base)], fill=liquid
            )
        else:
            draw.rectangle((x - 18, base - 2.8 * r, x + 18, base - r), fill=glass, outline=(150, 170, 176), width=6)
            draw.ellipse((x - r, base - 2 * r, x + r, base), fill=glass, outline=(150, 170, 176), width=6)
            draw.chord((x - r, base - 2 * r, x + r, base), 10, 170, fill=liquid)
    draw.rectangle((w * 0.72, h * 0.18, w * 0.95, h * 0.5), fill=(30, 40, 50))
    for k in range(8):
        y = h * 0.22 + k * 26
        draw.line((w * 0.74, y, w * 0.74 + rng.uniform(60, 300), y), fill=(90, 220, 200), width=8)
    return glow(img, [(w * 0.835, h * 0.34, 200, (40, 70, 70))], 50)


def city_in_rain(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (96, 104, 114)), (0.6, (150, 156, 162)), (1, (70, 74, 82))])
    draw = ImageDraw.Draw(img)
    street = h * 0.72
    x = -20
    while x < w:
        bw, bh = rng.uniform(120, 260), rng.uniform(h * 0.2, h * 0.55)
        tone = rng.randint(44, 84)
        draw.rectangle((x, street - bh, x + bw, street), fill=(tone, tone + 4, tone + 10))
        for wy in range(int(street - bh + 30), int(street - 20), 44):
            for wx in range(int(x + 16), int(x + bw - 24), 36):
                if rng.random() < 0.35:
                    draw.rectangle((wx, wy, wx + 18, wy + 24), fill=(236, 204, 120))
        x += bw + rng.uniform(4, 30)
    top = img.crop((0, 0, w, int(street)))
    reflection = top.transpose(Image.Transpose.FLIP_TOP_BOTTOM).filter(ImageFilter.GaussianBlur(10))
    reflection = Image.blend(reflection, Image.new("RGB", reflection.size, (40, 44, 52)), 0.55)
    img.paste(reflection.crop((0, 0, w, h - int(street))), (0, int(street)))
    rain = Image.new("L", (w, h), 0)
    rain_draw = ImageDraw.Draw(rain)
    for _ in range(1400):
        x0, y0 = rng.uniform(-100, w), rng.uniform(-100, h)
        rain_draw.line((x0, y0, x0 + 18, y0 + 90), fill=rng.randint(60, 140), width=2)
    return Image.composite(Image.new("RGB", (w, h), (220, 226, 232)), img, rain)


def market_stalls(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (250, 226, 180)), (1, (200, 150, 100))])
    draw = ImageDraw.Draw(img)
    stall_w = w / 4
    for i in range(4):
        x0 = i * stall_w
        stripe = rng.choice([(200, 40, 50), (30, 110, 170), (40, 140, 80), (230, 150, 30)])
        for s in range(8):
            fill = stripe if s % 2 == 0 else (246, 240, 226)
            sx = x0 + s * stall_w / 8
            draw.polygon(
                [(sx, h * 0.12), (sx + stall_w / 8, h * 0.12), (sx + stall_w / 8, h * 0.3), (sx, h * 0.3)], fill=fill
            )
            draw.pieslice((sx, h * 0.26, sx + stall_w / 8, h * 0.34), 0, 180, fill=fill)
        draw.rectangle((x0 + 10, h * 0.3, x0 + 26, h * 0.66), fill=(110, 74, 40))
        draw.rectangle((x0 + stall_w - 26, h * 0.3, x0 + stall_w - 10, h * 0.66), fill=(110, 74, 40))
        draw.rectangle((x0 + 20, h * 0.62, x0 + stall_w - 20, h * 0.9), fill=(150, 104, 60))
        fruit = rng.choice([(230, 120, 20), (200, 30, 40), (240, 210, 40), (120, 170, 40), (120, 40, 90)])
        for _ in range(90):
            fx, fy = rng.uniform(x0 + 40, x0 + stall_w - 40), rng.uniform(h * 0.52, h * 0.64)
            r = rng.uniform(16, 26)
            draw.ellipse((fx - r, fy - r, fx + r, fy + r), fill=_mix(fruit, (255, 255, 255), rng.uniform(0, 0.2)))
    return img


def solar_farm(rng: random.Random, w: int, h: int) -> Image.Image:
    horizon = h * 0.42
    img = gradient(
        (w, h), [(0, (70, 140, 220)), (0.42, (200, 226, 244)), (0.421, (200, 176, 120)), (1, (150, 120, 70))]
    )
    img = glow(img, [(w * 0.8, h * 0.12, 70, (255, 250, 220))], 30)
    draw = ImageDraw.Draw(img)
    vx = w * 0.5
    for row in range(9):
        t0, t1 = (row / 9) ** 1.6, ((row + 0.55) / 9) ** 1.6
        y0, y1 = horizon + (h - horizon) * t0 + 8, horizon + (h - horizon) * t1
        spread0, spread1 = 0.2 + 1.6 * t0, 0.2 + 1.6 * t1
        poly = [(vx - w * spread0, y0), (vx + w * spread0, y0), (vx + w * spread1, y1), (vx - w * spread1, y1)]
        draw.polygon(poly, fill=(28, 46, 96))
        for k in range(1, 24):
            a = k / 24
            draw.line(
                (vx - w * spread0 + 2 * w * spread0 * a, y0, vx - w * spread1 + 2 * w * spread1 * a, y1),
                fill=(120, 150, 200),
                width=2,
            )
    return img


def running_track(rng: random.Random, w: int, h: int) -> Image.Image:
    img = Image.new("RGB", (w, h), (64, 140, 70))
    draw = ImageDraw.Draw(img)
    cx, cy = w * 0.5, h * 0.5
    lanes = 8
    lane = 52
    for i in range(lanes, -1, -1):
        r = 300 + i * lane
        color = (188, 78, 52) if i < lanes else (170, 70, 48)
        draw.rounded_rectangle(
            (cx - 700 - i * lane * 0.4, cy - r, cx + 700 + i * lane * 0.4, cy + r),
            radius=r,
            fill=color if i else (64, 140, 70),
        )
        draw.rounded_rectangle(
            (cx - 700 - i * lane * 0.4, cy - r, cx + 700 + i * lane * 0.4, cy + r),
            radius=r,
            outline=(244, 240, 232),
            width=5,
        )
    for k in range(1, lanes + 1):
        x = cx + 200 + k * 14
        draw.line((x, cy + 300 + (k - 1) * lane, x, cy + 300 + k * lane), fill=(244, 240, 232), width=8)
    for k in range(6):
        draw.rectangle((cx - 500 + k * 180, cy - 120, cx - 420 + k * 180, cy + 120), fill=(72, 152, 78))
    return img.rotate(rng.uniform(-8, 8), resample=Image.Resampling.BICUBIC, fillcolor=(64, 140, 70))


def glacier_front(rng: random.Random, w: int, h: int) -> Image.Image:
    water = h * 0.66
    img = gradient((w, h), [(0, (150, 180, 214)), (0.66, (226, 234, 242)), (0.661, (40, 76, 110)), (1, (14, 34, 60))])
    draw = ImageDraw.Draw(img)
    fill_below(draw, ridge(rng, w, h * 0.28, h * 0.03, 16), water, (168, 182, 200))
    top = ridge(rng, w, h * 0.42, h * 0.015, 30)
    draw.polygon([*top, (w, water), (0, water)], fill=(232, 242, 250))
    for (x0, y0), (x1, _y1) in itertools.pairwise(top):
        if rng.random() < 0.6:
            x = rng.uniform(x0, x1)
            depth = rng.uniform(0.3, 0.9) * (water - y0)
            shade = rng.choice([(170, 206, 232), (140, 186, 222), (120, 170, 214)])
            draw.polygon([(x - 14, water), (x + 14, water), (x + rng.uniform(-8, 8), water - depth)], fill=shade)
    draw.rectangle((0, water - 24, w, water), fill=(120, 168, 206))
    for _ in range(24):
        x, y = rng.uniform(0, w), rng.uniform(water + 30, h)
        s = rng.uniform(20, 70) * (y / h)
        draw.polygon([(x - s * 2, y), (x - s, y - s), (x + s, y - s * 0.8), (x + s * 2, y)], fill=(220, 236, 246))
    return img


def wind_farm(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (110, 170, 230)), (0.6, (220, 236, 246)), (1, (220, 236, 246))])
    draw = ImageDraw.Draw(img)
    layers = [(0.58, (124, 168, 96)), (0.7, (92, 146, 70)), (0.84, (66, 118, 52))]
    for n, (base, color) in enumerate(layers):
        fill_below(draw, hills(w, h * base, h * 0.04, 1.5 + n, rng.uniform(0, 6)), h, color)
        if n == 0:
            for x in (w * 0.14, w * 0.34, w * 0.54, w * 0.74, w * 0.92):
                top = h * (base - 0.3) + rng.uniform(-20, 20)
                draw.polygon(
                    [(x - 8, top), (x + 8, top), (x + 16, h * base + 10), (x - 16, h * base + 10)], fill=(244, 246, 248)
                )
                angle = rng.uniform(0, math.tau)
                for blade in range(3):
                    a = angle + blade * math.tau / 3
                    draw.line((x, top, x + 210 * math.cos(a), top + 210 * math.sin(a)), fill=(244, 246, 248), width=14)
                draw.ellipse((x - 16, top - 16, x + 16, top + 16), fill=(220, 224, 228))
    return img


def railway_station(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (54, 60, 70)), (0.5, (120, 126, 130)), (1, (70, 70, 72))])
    img = glow(img, [(w * 0.5, h * 0.42, 160, (230, 220, 190))], 80)
    draw = ImageDraw.Draw(img)
    vx, vy = w * 0.5, h * 0.42
    for k in range(14):
        t = (k + 1) / 14
        r = 80 + t**2 * w * 0.7
        draw.arc((vx - r, vy - r * 0.9, vx + r, vy + r * 0.9), 180, 360, fill=(150, 150, 150), width=int(4 + t * 16))
    draw.polygon([(vx - 40, vy), (vx - 10, vy), (w * 0.3, h), (-w * 0.2, h)], fill=(150, 146, 140))
    draw.polygon([(vx + 10, vy), (vx + 40, vy), (w * 1.2, h), (w * 0.7, h)], fill=(150, 146, 140))
    for offset in (-0.18, -0.06, 0.06, 0.18):
        draw.line((vx + offset * 40, vy, vx + offset * w * 1.6, h), fill=(190, 190, 196), width=8)
    draw.line((vx - 40, vy, -w * 0.2, h), fill=(240, 200, 40), width=10)
    for k in range(6):
        t = (k + 1) / 7
        x = vx - 60 - t * w * 0.45
        y = vy + (h - vy) * t * 0.6
        draw.line((x, y, x, y - 220 * t), fill=(40, 40, 44), width=int(4 + 10 * t))
    return img


def road_race(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (130, 190, 236)), (0.3, (220, 236, 246)), (0.31, (170, 190, 110)), (1, (110, 150, 70))])
    draw = ImageDraw.Draw(img)
    for k in range(10):
        y = h * (0.31 + 0.07 * k)
        color = rng.choice([(198, 182, 90), (120, 160, 70), (150, 176, 84), (210, 196, 120)])
        fill_below(draw, hills(w, y, 12 + k * 4, 1 + k % 3, k), h, color)
    road = [(w * (0.5 + 0.35 * math.sin(t * 5.2) * t), h * 0.31 + (h * 0.69) * t) for t in [i / 60 for i in range(61)]]
    for (x0, y0), (x1, y1) in itertools.pairwise(road):
        width = int(10 + 220 * ((y0 - h * 0.31) / (h * 0.69)))
        draw.line((x0, y0, x1, y1), fill=(70, 70, 76), width=width)
    for _ in range(24):
        t = rng.uniform(0.35, 0.6)
        x, y = road[int(t * 60)]
        x += rng.uniform(-30, 30) * t
        s = 10 + 30 * t
        draw.ellipse(
            (x - s, y - 2 * s, x + s, y),
            fill=rng.choice([(220, 30, 40), (250, 210, 0), (20, 90, 200), (250, 250, 250)]),
        )
    return img


def coffee_terraces(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (200, 214, 210)), (0.3, (226, 232, 226)), (1, (226, 232, 226))])
    draw = ImageDraw.Draw(img)
    for n in range(5):
        base = h * (0.3 + n * 0.14)
        fill_below(draw, hills(w, base, h * 0.05, 1 + n * 0.4, n * 1.7), h, _mix((150, 180, 150), (30, 80, 40), n / 4))
        for row in range(6):
            line = hills(w, base + 30 + row * 34, h * 0.05, 1 + n * 0.4, n * 1.7)
            draw.line(line, fill=_mix((120, 160, 110), (20, 60, 30), n / 4), width=14)
    return mottle(img, rng, 0.05)


def observatory(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (6, 8, 26)), (0.7, (34, 30, 74)), (1, (60, 46, 90))])
    band = Image.new("L", (w, h), 0)
    ImageDraw.Draw(band).line((0, h * 0.9, w, h * 0.05), fill=90, width=int(h * 0.25))
    band = band.filter(ImageFilter.GaussianBlur(120))
    img = Image.composite(Image.new("RGB", (w, h), (120, 110, 170)), img, band)
    draw = ImageDraw.Draw(img)
    bright = []
    for _ in range(1600):
        x, y = rng.uniform(0, w), rng.uniform(0, h * 0.8)
        v = rng.randint(120, 255)
        r = rng.choice([1, 1, 2, 3])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(v, v, min(v + 20, 255)))
        if v > 250 and r == 3:
            bright.append((x, y, 10, (180, 180, 220)))
    img = glow(img, bright, 8)
    draw = ImageDraw.Draw(img)
    fill_below(draw, hills(w, h * 0.8, h * 0.03, 1.2, 0.4), h, (10, 10, 16))
    cx, base = w * 0.66, h * 0.78
    draw.rectangle((cx - 200, base - 120, cx + 200, base + 40), fill=(24, 24, 30))
    draw.pieslice((cx - 200, base - 320, cx + 200, base + 80), 180, 360, fill=(36, 36, 44))
    draw.polygon(
        [(cx - 20, base - 320), (cx + 30, base - 310), (cx + 30, base - 140), (cx - 20, base - 140)], fill=(90, 80, 40)
    )
    return img


def river_delta(rng: random.Random, w: int, h: int) -> Image.Image:
    img = Image.new("RGB", (w, h), (120, 140, 80))
    img = mottle(img, rng, 0.18, grain=24)
    draw = ImageDraw.Draw(img)
    for branch in range(5):
        phase, x0 = rng.uniform(0, 6), w * rng.uniform(0.2, 0.8)
        line = [(x0 + 180 * math.sin(y / h * 7 + phase) + (branch - 2) * y * 0.3, y) for y in range(-40, h + 41, 20)]
        draw.line(line, fill=(196, 180, 130), width=70, joint="curve")
        draw.line(line, fill=(60, 110, 140), width=44, joint="curve")
    return img


def summit_hall(rng: random.Random, w: int, h: int) -> Image.Image:
    img = gradient((w, h), [(0, (20, 40, 80)), (0.6, (40, 80, 140)), (0.61, (90, 30, 40)), (1, (60, 20, 30))])
    img = glow(img, [(w * 0.5, h * 0.3, 260, (60, 80, 120))], 90)
    draw = ImageDraw.Draw(img)
    palette = [(0, 82, 147), (255, 205, 0), (206, 17, 38), (0, 122, 61), (250, 250, 250), (0, 0, 0), (0, 150, 200)]
    for i in range(12):
        x = w * (0.08 + i * 0.076)
        draw.line((x, h * 0.62, x, h * 0.16), fill=(180, 170, 130), width=6)
        for k, color in enumerate(rng.sample(palette, 3)):
            draw.rectangle((x + 4, h * 0.18 + k * 26, x + 90, h * 0.18 + (k + 1) * 26), fill=color)
    draw.rectangle((w * 0.45, h * 0.44, w * 0.55, h * 0.64), fill=(110, 80, 50))
    for row in range(5):
        y = h * (0.7 + row * 0.065)
        for seat in range(22):
            x = w * (seat / 21) + (row % 2) * 30
            draw.rounded_rectangle((x - 28, y - 40, x + 28, y + 20), radius=12, fill=(24, 14, 20))
    return img


def fishing_boats(rng: random.Random, w: int, h: int) -> Image.Image:
    horizon = h * 0.45
    img = gradient((w, h), [(0, (150, 190, 220)), (0.45, (246, 226, 200)), (0.451, (70, 130, 160)), (1, (24, 70, 100))])
    draw = ImageDraw.Draw(img)
    for _ in range(220):
        x, y = rng.uniform(0, w), rng.uniform(horizon + 10, h)
        draw.line((x, y, x + rng.uniform(30, 120), y), fill=(120, 176, 200), width=3)
    for _ in range(7):
        x, y = rng.uniform(w * 0.05, w * 0.95), rng.uniform(horizon + 40, h * 0.9)
        s = (y - horizon) / (h - horizon) * 1.4 + 0.3
        hull = rng.choice([(200, 50, 40), (30, 90, 170), (240, 200, 40), (240, 240, 240), (40, 140, 90)])
        draw.polygon(
            [(x - 120 * s, y - 30 * s), (x + 120 * s, y - 30 * s), (x + 90 * s, y + 20 * s), (x - 90 * s, y + 20 * s)],
            fill=hull,
        )
        draw.rectangle((x - 40 * s, y - 70 * s, x + 30 * s, y - 30 * s), fill=(236, 236, 230))
        draw.line((x + 60 * s, y - 30 * s, x + 60 * s, y - 170 * s), fill=(60, 50, 40), width=max(int(5 * s), 2))
    for _ in range(9):
        x, y = rng.uniform(0, w), rng.uniform(h * 0.08, h * 0.35)
        draw.line([(x - 24, y - 10), (x, y), (x + 24, y - 10)], fill=(60, 60, 70), width=5, joint="curve")
    return img


SCENES: dict[str, Callable[[random.Random, int, int], Image.Image]] = {
    "harbour-at-dusk": harbour_at_dusk,
    "mountain-ridge": mountain_ridge,
    "parliament": parliament,
    "stadium-at-night": stadium_at_night,
    "laboratory": laboratory,
    "city-in-rain": city_in_rain,
    "market-stalls": market_stalls,
    "solar-farm": solar_farm,
    "running-track": running_track,
    "glacier-front": glacier_front,
    "wind-farm": wind_farm,
    "railway-station": railway_station,
    "road-race": road_race,
    "coffee-terraces": coffee_terraces,
    "observatory": observatory,
    "river-delta": river_delta,
    "summit-hall": summit_hall,
    "fishing-boats": fishing_boats,
}


def _seeded(key: str) -> random.Random:
    return random.Random(f"dateline-demo:{key}")


def _jpeg(image: Image.Image, size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    image.resize(size, Image.Resampling.LANCZOS).save(out, "JPEG", quality=84, optimize=True)
    return out.getvalue()


def draw_scene(key: str, *, variant: str = "") -> bytes:
    """The scene named `key` as a 1600x900 JPEG, identical on every call; another `variant`, other pixels."""
    rng = _seeded(key + variant)
    image = SCENES[key](rng, WIDTH * SCALE, HEIGHT * SCALE)
    return _jpeg(mottle(image, rng, 0.025), (WIDTH, HEIGHT))


def draw_portrait(key: str) -> bytes:
    """A head-and-shoulders silhouette on a studio backdrop, square, identical for the same key."""
    rng = _seeded(key)
    size = PORTRAIT_SIZE * SCALE
    backdrop = rng.choice([(70, 96, 130), (130, 110, 90), (90, 120, 110), (120, 100, 130), (150, 150, 150)])
    image = gradient((size, size), [(0, _mix(backdrop, (255, 255, 255), 0.35)), (1, _mix(backdrop, (0, 0, 0), 0.35))])
    image = glow(image, [(size * 0.4, size * 0.35, size * 0.3, (50, 50, 50))], size * 0.1)
    draw = ImageDraw.Draw(image)
    skin = rng.choice([(236, 200, 170), (200, 150, 110), (150, 100, 70), (110, 70, 50), (226, 180, 140)])
    hair = rng.choice([(40, 30, 24), (90, 60, 30), (160, 120, 70), (30, 30, 30), (180, 180, 176)])
    clothes = rng.choice([(30, 50, 90), (120, 30, 40), (40, 40, 44), (200, 200, 196), (50, 100, 80)])
    cx = size / 2 + rng.uniform(-size * 0.04, size * 0.04)
    draw.ellipse((cx - size * 0.42, size * 0.7, cx + size * 0.42, size * 1.35), fill=clothes)
    draw.rectangle((cx - size * 0.07, size * 0.55, cx + size * 0.07, size * 0.76), fill=_mix(skin, (0, 0, 0), 0.12))
    head_w, head_h = size * rng.uniform(0.15, 0.18), size * 0.21
    hair_volume = rng.uniform(0.02, 0.12)
    draw.ellipse(
        (
            cx - head_w - size * hair_volume,
            size * 0.16,
            cx + head_w + size * hair_volume,
            size * (0.5 + hair_volume * 2),
        ),
        fill=hair,
    )
    draw.ellipse((cx - head_w, size * 0.22, cx + head_w, size * 0.22 + 2 * head_h), fill=skin)
    draw.chord((cx - head_w - 4, size * 0.18, cx + head_w + 4, size * 0.42), 180, 360, fill=hair)
    return _jpeg(mottle(image, rng, 0.03), (PORTRAIT_SIZE, PORTRAIT_SIZE))
