#!/usr/bin/env python3
"""Draws the example issue's photos: content/picket-line.jpg (a picket line in
silhouette at dusk outside a warehouse), content/tenement.jpg (a block of
flats), content/library.jpg (a reading room) and content/hospital.jpg
(cleaners at a hospital's doors). Generated, so they are ours to license
(CC0). Needs Pillow: python3 -m pip install pillow.

    python3 tools/make-example-photo.py                 # all four
    python3 tools/make-example-photo.py tenement library
"""
import random
import sys

from PIL import Image, ImageDraw, ImageFilter


def finish(img, path, blur=1.0, grain=0.1, scale=1.0):
    """Softens a drawing, adds film grain and saves it as a JPEG, `scale`
    times the size it was drawn at (for the drawings that print large)."""
    if scale != 1.0:
        size = (round(img.width * scale), round(img.height * scale))
        img = img.resize(size, Image.LANCZOS)
        blur *= scale
    img = img.filter(ImageFilter.GaussianBlur(blur))
    img = Image.blend(img, Image.effect_noise(img.size, 18), grain)
    # Grey drawings as grey JPEGs (the first two were saved as RGB, which
    # mimeo writes again as grey).
    img.convert("L").save(path, quality=88, optimize=True)


def picket_line():
    """The picket line (the random sequence is that of the first version)."""
    W, H = 1500, 1000
    random.seed(7)
    img = Image.new("L", (W, H))
    d = ImageDraw.Draw(img)
    for y in range(H):  # dusk sky, light near the horizon
        d.line([(0, y), (W, y)], fill=int(70 + 150 * (y / H) ** 1.6))
    d.rectangle([0, 430, 980, 760], fill=52)  # warehouse
    d.polygon([(0, 430), (490, 360), (980, 430)], fill=48)
    for x in range(40, 960, 70):
        d.rectangle([x, 470, x + 40, 500], fill=120)  # lit windows
    d.rectangle([620, 560, 860, 760], fill=30)  # loading dock
    d.rectangle([1080, 300, 1115, 760], fill=45)  # crane
    d.line([(1097, 300), (1450, 330)], fill=45, width=14)
    d.rectangle([0, 760, W, H], fill=38)  # road
    for i in range(34):  # pickets with signs
        x = 40 + i * 43 + random.randint(-12, 12)
        h = random.randint(170, 215)
        top = 930 - h
        shade = random.randint(8, 26)
        d.ellipse([x - 14, top - 30, x + 14, top], fill=shade)
        d.rounded_rectangle([x - 22, top, x + 22, 930], radius=14, fill=shade)
        if i % 3 == 0:
            d.line([(x + 18, top + 40), (x + 18, top - 70)], fill=shade, width=5)
            d.rectangle([x - 20, top - 140, x + 60, top - 70], fill=235 - shade)
            for row in range(3):
                yy = top - 128 + row * 20
                d.line([(x - 10, yy), (x + 50 - row * 9, yy)], fill=60, width=7)
    finish(img, "content/picket-line.jpg", blur=1.2, grain=0.12, scale=1.6)


def tenement(path="content/tenement.jpg"):
    """A block of flats at dusk, some windows lit, a banner on the balcony."""
    W, H = 1200, 900
    rnd = random.Random(11)
    img = Image.new("L", (W, H))
    d = ImageDraw.Draw(img)
    for y in range(H):
        d.line([(0, y), (W, y)], fill=int(60 + 120 * (y / H) ** 1.3))
    d.rectangle([150, 120, 1050, 900], fill=70)  # the block
    d.rectangle([150, 100, 1050, 130], fill=55)  # roof
    for row in range(9):
        for col in range(10):
            x, y = 190 + col * 86, 160 + row * 80
            lit = rnd.random() < 0.45
            d.rectangle([x, y, x + 50, y + 48], fill=rnd.randint(170, 230) if lit else 40)
            d.line([(x + 25, y), (x + 25, y + 48)], fill=60, width=3)
    d.rectangle([400, 470, 820, 560], fill=238)  # banner
    for k in range(2):
        yy = 492 + k * 34
        d.line([(430, yy), (790 - k * 60, yy)], fill=50, width=14)
    d.rectangle([540, 760, 660, 900], fill=35)  # door
    for i in range(14):  # people at the door
        x = 420 + i * 28 + rnd.randint(-6, 6)
        h = rnd.randint(120, 150)
        d.ellipse([x - 10, 880 - h - 20, x + 10, 880 - h], fill=20)
        d.rounded_rectangle([x - 15, 880 - h, x + 15, 900], radius=10, fill=20)
    finish(img, path)


def library(path="content/library.jpg"):
    """A reading room: shelves of books, a long table, readers bent over it."""
    W, H = 1200, 800
    rnd = random.Random(5)
    img = Image.new("L", (W, H), 200)
    d = ImageDraw.Draw(img)
    for shelf in range(5):  # shelves along the back wall
        y = 60 + shelf * 85
        d.rectangle([0, y + 70, W, y + 78], fill=70)
        x = 10
        while x < W - 10:
            w = rnd.randint(12, 26)
            h = rnd.randint(48, 68)
            d.rectangle([x, y + 70 - h, x + w, y + 70], fill=rnd.randint(40, 150))
            x += w + rnd.randint(1, 4)
    d.rectangle([0, 500, W, H], fill=150)  # floor
    d.rectangle([120, 560, 1080, 590], fill=60)  # table
    for leg in (150, 1040):
        d.rectangle([leg, 590, leg + 18, 760], fill=60)
    for i in range(7):  # readers
        x = 190 + i * 130 + rnd.randint(-10, 10)
        d.ellipse([x - 22, 455, x + 22, 499], fill=30)
        d.rounded_rectangle([x - 38, 495, x + 38, 600], radius=20, fill=30)
        d.rectangle([x - 30, 548, x + 30, 560], fill=235)  # open book
    finish(img, path, scale=1.6)


def hospital(path="content/hospital.jpg"):
    """A hospital entrance at dawn, cleaners with a long banner across it."""
    W, H = 1200, 1000
    rnd = random.Random(3)
    img = Image.new("L", (W, H))
    d = ImageDraw.Draw(img)
    for y in range(H):  # pale morning sky
        d.line([(0, y), (W, y)], fill=int(205 - 70 * (y / H) ** 1.2))
    d.rectangle([80, 180, 1120, 760], fill=150)  # the building
    for row in range(5):
        for col in range(12):
            x, y = 120 + col * 84, 220 + row * 80
            d.rectangle([x, y, x + 50, y + 44], fill=rnd.choice([90, 100, 200]))
    d.rectangle([500, 90, 700, 180], fill=150)  # sign and cross
    d.rectangle([585, 100, 615, 170], fill=40)
    d.rectangle([565, 120, 635, 150], fill=40)
    d.rectangle([470, 610, 730, 760], fill=60)  # doors
    d.rectangle([0, 760, W, H], fill=110)  # forecourt
    for i in range(22):  # the cleaners
        x = 60 + i * 52 + rnd.randint(-8, 8)
        h = rnd.randint(150, 185)
        shade = rnd.randint(15, 40)
        d.ellipse([x - 13, 960 - h - 26, x + 13, 960 - h], fill=shade)
        d.rounded_rectangle([x - 20, 960 - h, x + 20, 975], radius=12, fill=shade)
        if i % 5 == 2:  # a mop held high
            d.line([(x + 16, 960 - h + 30), (x + 30, 960 - h - 110)], fill=shade, width=6)
            d.ellipse([x + 14, 960 - h - 140, x + 48, 960 - h - 100], fill=shade)
    d.rectangle([180, 800, 1020, 880], fill=240)  # the banner
    for k in range(2):
        yy = 822 + k * 32
        d.line([(220, yy), (980 - k * 140, yy)], fill=45, width=13)
    finish(img, path)


DRAWINGS = {
    "picket-line": picket_line,
    "tenement": tenement,
    "library": library,
    "hospital": hospital,
}

if __name__ == "__main__":
    for name in sys.argv[1:] or DRAWINGS:
        DRAWINGS[name]()
