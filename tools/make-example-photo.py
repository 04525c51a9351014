#!/usr/bin/env python3
"""Draws the example issue's photo (content/picket-line.jpg): a picket line in
silhouette at dusk outside a warehouse. Generated, so it is ours to license
(CC0). Needs Pillow: python3 -m pip install pillow."""
import random

from PIL import Image, ImageDraw, ImageFilter

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
img = img.filter(ImageFilter.GaussianBlur(1.2))
noise = Image.effect_noise((W, H), 18)
img = Image.blend(img, noise, 0.12)
img.convert("RGB").save("content/picket-line.jpg", quality=88, optimize=True)
