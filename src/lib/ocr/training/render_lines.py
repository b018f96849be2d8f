"""Render MRZ text with text2image ("OCR B") and add photo-like damage.

  render_lines.py pages OUT SEED COUNT  training pages: OUT/page_NNNN.{png,box}
  render_lines.py lines OUT SEED COUNT  held-back single lines: OUT/line_NNNN.{png,gt.txt}

text2image draws clean 1-bit pages. Phones deliver grey, blurred, noisy,
low-contrast, JPEG-compressed, slightly rotated crops, so most images get a
random mix of that damage from ImageMagick. The damage keeps the page geometry
(scaling goes down and back up to the same size) so the text2image boxes stay
true; only rotation moves pixels, and then the boxes are rotated with them.
Every random choice comes from a seeded generator: same seed, same images.
"""

import math
import os
import random
import subprocess
import sys

import mrz_text

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "OCR B"
LINES_PER_PAGE = 20
PAGE_WIDTH = 1800  # wide enough that a 44-char line at 12 pt never wraps


def run(args, **kwargs):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)


def render(text_path, base, rng, fonts_dir, height):
    """One text2image call; returns the render parameters it chose."""
    ptsize = rng.choice((9, 10, 11, 12))
    run([
        "text2image", "--fonts_dir=" + fonts_dir, "--font=" + FONT,
        "--fontconfig_tmpdir=" + fonts_dir, "--text=" + text_path,
        "--outputbase=" + base, "--xsize=%d" % PAGE_WIDTH, "--ysize=%d" % height,
        "--ptsize=%d" % ptsize, "--leading=%d" % rng.randint(55, 70),
        "--margin=60", "--exposure=%d" % rng.choice((-1, 0, 0, 0, 1, 2)),
        "--max_pages=1", "--char_spacing=%.2f" % rng.choice((0, 0, 0, 0.05)),
    ])


def damage_plan(rng, clean_share):
    """Random photo damage; an empty plan means a clean image."""
    if rng.random() < clean_share:
        return {}
    # Damage is applied after scaling down, like a phone sensor would see it
    # (and it is much cheaper on fewer pixels).
    plan = {"scale": rng.choice((rng.uniform(0.3, 0.7), rng.uniform(0.3, 1.0)))}
    if rng.random() < 0.35:
        plan["angle"] = rng.uniform(-2.0, 2.0)
    if rng.random() < 0.3:
        plan["shadow"] = (rng.randint(45, 85), rng.choice((90, -90)))
    if rng.random() < 0.6:
        plan["blur"] = rng.uniform(0.3, 1.6)
    if rng.random() < 0.5:
        low = rng.randint(5, 45)
        plan["contrast"] = (low, rng.randint(max(low + 30, 70), 100))
    if rng.random() < 0.5:
        plan["noise"] = rng.uniform(0.1, 0.9)
    if rng.random() < 0.5:
        plan["jpeg"] = rng.randint(15, 70)
    return plan


def scaled_size(plan, width, height):
    scale = plan.get("scale", 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def apply_damage(src, dst, plan, width, height):
    small_w, small_h = scaled_size(plan, width, height)
    args = ["convert", src, "-colorspace", "Gray", "-depth", "8"]
    if "scale" in plan:
        args += ["-resize", "%dx%d!" % (small_w, small_h)]
    if "angle" in plan:
        args += ["-background", "white", "-rotate", "%.3f" % plan["angle"],
                 "-gravity", "center", "-extent", "%dx%d" % (small_w, small_h), "+repage"]
    if "shadow" in plan:
        dark, turn = plan["shadow"]
        args += ["(", "-size", "%dx%d" % (small_h, small_w), "gradient:gray%d-white" % dark,
                 "-rotate", str(turn), ")", "-compose", "Multiply", "-composite"]
    if "blur" in plan:
        args += ["-blur", "0x%.2f" % plan["blur"]]
    if "contrast" in plan:
        args += ["+level", "%d%%,%d%%" % plan["contrast"]]
    if "noise" in plan:
        args += ["-attenuate", "%.2f" % plan["noise"], "+noise", "Gaussian"]
    if "jpeg" in plan:
        args += ["-quality", str(plan["jpeg"]), "jpg:-"]
        jpeg = subprocess.run(args, check=True, stdout=subprocess.PIPE).stdout
        run(["convert", "jpg:-", "-colorspace", "Gray", "-depth", "8", dst], input=jpeg)
    else:
        run(args + [dst])


def transform_boxes(box_path, plan, width, height):
    """Move box corners with the pixels: scale, then rotate like `-rotate`
    (clockwise about the centre, y axis pointing down)."""
    small_w, small_h = scaled_size(plan, width, height)
    sx, sy = small_w / width, small_h / height
    theta = math.radians(plan.get("angle", 0.0))
    cos, sin = math.cos(theta), math.sin(theta)
    cx, cy = small_w / 2, small_h / 2
    out = []
    for line in open(box_path, encoding="utf-8"):
        char, rest = line[0], line[2:].split()
        x1, y1, x2, y2 = (int(v) for v in rest[:4])
        xs, ys = [], []
        for x, y_up in ((x1, y1), (x2, y1), (x1, y2), (x2, y2)):
            x, y = x * sx, (height - y_up) * sy
            xs.append(cx + (x - cx) * cos - (y - cy) * sin)
            ys.append(cy + (x - cx) * sin + (y - cy) * cos)
        box = (min(xs), small_h - max(ys), max(xs), small_h - min(ys))
        out.append("%s %d %d %d %d %s\n" % ((char,) + tuple(round(v) for v in box) + (rest[4],)))
    with open(box_path, "w", encoding="utf-8") as handle:
        handle.writelines(out)


def make_pages(out, seed, count, fonts_dir):
    rng = random.Random(seed)
    text = mrz_text.lines(seed, count * LINES_PER_PAGE)
    height = LINES_PER_PAGE * 125 + 160
    for page in range(count):
        base = os.path.join(out, "page_%04d" % page)
        with open(base + ".txt", "w") as handle:
            handle.write("\n".join(text[page * LINES_PER_PAGE:(page + 1) * LINES_PER_PAGE]) + "\n")
        render(base + ".txt", base, rng, fonts_dir, height)
        plan = damage_plan(rng, clean_share=0.25)
        apply_damage(base + ".tif", base + ".png", plan, PAGE_WIDTH, height)
        if plan:
            transform_boxes(base + ".box", plan, PAGE_WIDTH, height)
        os.remove(base + ".tif")


def make_lines(out, seed, count, fonts_dir):
    """Single trimmed line images; the first half clean, the second damaged."""
    rng = random.Random(seed)
    for index, line in enumerate(mrz_text.lines(seed, count)):
        base = os.path.join(out, "line_%04d" % index)
        with open(base + ".gt.txt", "w") as handle:
            handle.write(line + "\n")
        render(base + ".gt.txt", base, rng, fonts_dir, 400)
        run(["convert", base + ".tif", "-trim", "-bordercolor", "white", "-border", "30",
             "+repage", base + ".tif"])
        size = subprocess.run(["identify", "-format", "%w %h", base + ".tif"], check=True,
                              stdout=subprocess.PIPE, text=True).stdout.split()
        plan = damage_plan(rng, clean_share=1.0 if index < count // 2 else 0.0)
        apply_damage(base + ".tif", base + ".png", plan, int(size[0]), int(size[1]))
        os.remove(base + ".tif")
        os.remove(base + ".box")


if __name__ == "__main__":
    mode, out, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    fonts = os.path.join(out, "fonts")
    os.makedirs(fonts, exist_ok=True)
    # Only OCRB.otf: its outline/inverted siblings share the family name "OCR B".
    run(["cp", "/usr/share/fonts/opentype/ocr-b/OCRB.otf", fonts])
    (make_pages if mode == "pages" else make_lines)(out, seed, count, fonts)
