"""Character error rate of the trained model on held-back single lines.

  evaluate.py LINES_DIR TESSDATA_DIR

Reads each line_NNNN.png with `tesseract --psm 7 -l mrz` and compares it with
line_NNNN.gt.txt. render_lines.py makes the first half clean, the second half
damaged, so both figures are reported, plus the share of lines read exactly
(one wrong character already breaks an MRZ read).
"""

import glob
import os
import subprocess
import sys


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def read_line(image, tessdata):
    result = subprocess.run(
        ["tesseract", image, "-", "--psm", "7", "-l", "mrz", "--tessdata-dir", tessdata],
        check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return result.stdout.strip()


def main(lines_dir, tessdata):
    images = sorted(glob.glob(os.path.join(lines_dir, "line_*.png")))
    half = len(images) // 2
    groups = {"clean": images[:half], "damaged": images[half:]}
    for name, group in groups.items():
        errors = chars = exact = 0
        samples = []
        for image in group:
            truth = open(image[:-4] + ".gt.txt").read().strip()
            read = read_line(image, tessdata)
            distance = edit_distance(truth, read)
            errors += distance
            chars += len(truth)
            exact += distance == 0
            if distance and len(samples) < 3:
                samples.append("    %s\n    %s" % (truth, read))
        print("%-8s lines=%d CER=%.2f%% exact lines=%.1f%%" % (
            name, len(group), 100.0 * errors / max(chars, 1), 100.0 * exact / max(len(group), 1)))
        for sample in samples:
            print(sample)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
