#!/usr/bin/env python3
"""Held-out prose for measuring line quality: about 2,000 words each of English (the GPL-3 text,
with its all-capitals warranty passage), German (fortunes-de), and Spanish, French and
Portuguese (prose paragraphs of the manpages-es/-fr/-pt-br pages). None of it is in the repo.

    apt-get install fortunes-de manpages-es manpages-fr manpages-pt-br
    python3 tools/heldout.py OUT_DIR        # writes OUT_DIR/{en,es,de,fr,pt}.md

tools/measure.sh runs the measuring tools over them.
"""
import glob
import os
import random
import re
import subprocess
import sys

random.seed(7)

# Words that a paragraph in the language has (at least two of them).
MARKS = {
    "es": [" que ", " los ", " una ", " del "],
    "fr": [" les ", " des ", " une ", " est "],
    "pt_BR": [" que ", " não ", " uma ", " para ", " os "],
}


def is_prose(p):
    """Long enough, mostly letters, no code, options or paths."""
    if len(p) < 250:
        return False
    if sum(c.isalpha() for c in p) / len(p) < 0.78:
        return False
    if re.search(r"[=<>{}\[\]|\\/_#@$*`]", p):
        return False
    return not re.search(r"\s-{1,2}[a-zA-Z]", p)


def in_language(lang, p):
    return sum(m in p for m in MARKS[lang]) >= 2 and " the " not in p


def take(paras, n_words):
    """Paragraphs from the start until there are `n_words` words."""
    out, words = [], 0
    for p in paras:
        out.append(p)
        words += len(p.split())
        if words > n_words:
            break
    return out


def man_paras(lang, n_words):
    paras = []
    files = sorted(glob.glob(f"/usr/share/man/{lang}/man1/*.gz"))
    random.shuffle(files)
    env = {"MANWIDTH": "2000", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    for f in files:
        try:
            run = subprocess.run(["man", "-l", "-Tutf8", f], capture_output=True, text=True, timeout=10, env=env)
        except (OSError, subprocess.SubprocessError):
            continue
        text = re.sub(r".\x08", "", run.stdout)
        for block in re.split(r"\n\s*\n", text):
            lines = [line.strip() for line in block.split("\n")]
            if len(lines) < 2:
                continue
            if lines and lines[0].upper() == lines[0]:
                lines = lines[1:]  # a section heading run into the paragraph
            p = re.sub(r"\u2010 ", "", " ".join(lines))  # groff's own hyphenation
            p = re.sub(r"\s+", " ", p)
            if in_language(lang, p) and is_prose(p) and p not in paras:
                paras.append(p)
        if sum(len(p.split()) for p in paras) > n_words:
            break
    return take(paras, n_words)


def fortune_paras(n_words):
    paras = []
    files = sorted(glob.glob("/usr/share/games/fortunes/de/*.u8")) or sorted(glob.glob("/usr/share/games/fortunes/de/*"))
    for f in files:
        if f.endswith(".dat"):
            continue
        for fortune in open(f, encoding="utf-8", errors="ignore").read().split("\n%\n"):
            p = re.sub(r"\s+", " ", fortune).strip()
            if is_prose(p) and "--" not in p:
                paras.append(p)
    random.shuffle(paras)
    return take(paras, n_words)


def gpl(n_words):
    text = open("/usr/share/common-licenses/GPL-3").read()
    paras = [re.sub(r"\s+", " ", b).strip() for b in re.split(r"\n\s*\n", text)]
    paras = [p for p in paras if len(p) > 250]
    caps = [p for p in paras if p.upper() == p]
    rest = take([p for p in paras if p.upper() != p][10:], n_words)
    return rest[: len(rest) // 2] + caps + rest[len(rest) // 2 :]


def write(out, name, lang, paras):
    with open(f"{out}/{name}.md", "w") as f:
        f.write(f'+++\nlang = "{lang}"\n+++\n')
        f.write("\n\n".join(paras) + "\n")
    print(name, len(paras), sum(len(p.split()) for p in paras))


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    write(out, "en", "en", gpl(2000))
    write(out, "es", "es", man_paras("es", 2000))
    write(out, "de", "de", fortune_paras(2000))
    write(out, "fr", "fr", man_paras("fr", 2000))
    write(out, "pt", "pt", man_paras("pt_BR", 2000))
