#!/usr/bin/python3
"""Builds the browser form's two font files from Debian's font packages.

    /usr/bin/python3 scripts/make_fonts.py --out-dir DIR [--latin TTF] [--cjk TTF]
        [--text FILE...] [--source FILE...]

The form shows Chinese, so it needs a CJK font; DroidSansFallbackFull (fonts-droid-fallback)
has the glyphs but is 4 MB and has no ASCII, so the form ships two subsets that Dear ImGui
merges into one font at start-up (MergeMode):

  DIR/ftblock-latin.ttf  DejaVu Sans: every character of the set that DejaVu has
  DIR/ftblock-cjk.ttf    Droid Sans Fallback: the rest of the set (Han, CJK punctuation)

The set: ASCII, Latin-1, general and CJK punctuation, full-width forms, GB2312 row 1
(symbols) and level 1 (3,755 common hanzi), and every character of the --text files (whole
files: the playbook data) and of the string literals in the --source files (C++: what the app
and the core's messages show). Characters of those files that neither font has are listed
as a warning.

The platform layer builds ImGui's glyph ranges from each file's cmap, so the atlas holds
exactly what is here. Must run with Debian's python3 (python3-fonttools): the python3 first
on PATH on some machines has no fontTools.
"""
import argparse
import io
import os
import re
import sys

try:
    from fontTools import subset
    from fontTools.ttLib import TTFont
except ImportError:
    sys.exit("make_fonts.py: fontTools is missing: run it with /usr/bin/python3 "
             "(Debian's python3-fonttools; scripts/setup.sh installs it)")

LATIN_DEFAULT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CJK_DEFAULT = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"


def base_set():
    chars = set()
    chars.update(range(0x20, 0x7F))          # ASCII
    chars.update(range(0xA0, 0x100))         # Latin-1
    chars.update(range(0x2010, 0x2028))      # dashes, quotes, ellipsis
    chars.update(range(0x3000, 0x3040))      # CJK symbols and punctuation (、。「」《》…)
    chars.update(range(0xFF01, 0xFF5F))      # full-width forms (，：；（）！？)
    chars.update(gb2312_rows(0xA1, 0xA1))    # GB2312 row 1: symbols
    chars.update(gb2312_rows(0xB0, 0xD7))    # GB2312 level 1: rows 16-55, 3,755 hanzi
    return chars


def gb2312_rows(first, last):
    out = set()
    for hi in range(first, last + 1):
        for lo in range(0xA1, 0xFF):
            try:
                out.update(ord(c) for c in bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # unassigned cells (the end of row 55)
    return out


# A C++ string or character literal, with an optional encoding prefix; raw strings separately.
_RAW = re.compile(r'(?:u8|u|U|L)?R"([^()\\ ]{0,16})\((.*?)\)\1"', re.S)
_LIT = re.compile(r'(?:u8|u|U|L)?"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')


def literal_chars(text):
    """Characters inside the string/char literals of C++ source, comments ignored."""
    out = set()
    i, n = 0, len(text)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        else:
            m = _RAW.match(text, i) if text[i] in 'uULR' else None
            if m:
                out.update(m.group(2))
                i = m.end()
                continue
            m = _LIT.match(text, i) if text[i] in "\"'uUL" else None
            if m:
                out.update(m.group(1) or m.group(2) or "")
                i = m.end()
                continue
            i += 1
    return {ord(c) for c in out}


def subset_font(path, unicodes, out_path):
    options = subset.Options()
    options.layout_features = []      # Dear ImGui uses neither shaping nor kerning
    options.hinting = False           # stb_truetype does not hint
    options.drop_tables += ["kern", "GSUB", "GPOS", "GDEF", "gasp", "DSIG", "FFTM"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence lines' owner names
    options.notdef_outline = True
    font = subset.load_font(path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    buf = io.BytesIO()
    subset.save_font(font, buf, options)
    data = buf.getvalue()
    tmp = out_path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, out_path)
    return len(data)


def cmap_of(path):
    return set(TTFont(path, lazy=True).getBestCmap().keys())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--latin", default=LATIN_DEFAULT)
    ap.add_argument("--cjk", default=CJK_DEFAULT)
    ap.add_argument("--text", action="extend", nargs="+", default=[], metavar="FILE",
                    help="every character of these files")
    ap.add_argument("--source", action="extend", nargs="+", default=[], metavar="FILE",
                    help="the characters of these C++ files' string literals")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    wanted = base_set()
    extra = set()
    for path in args.text:
        with open(path, encoding="utf-8") as f:
            extra.update(ord(c) for c in f.read())
    for path in args.source:
        with open(path, encoding="utf-8") as f:
            extra.update(literal_chars(f.read()))
    wanted |= {c for c in extra if c >= 0x20 and c != 0x7F and not 0xD800 <= c <= 0xDFFF}

    latin_has, cjk_has = cmap_of(args.latin), cmap_of(args.cjk)
    latin_set = {c for c in wanted if c in latin_has}
    cjk_set = {c for c in wanted - latin_set if c in cjk_has}
    missing = sorted(wanted - latin_set - cjk_set)
    # The cmap-based glyph ranges are 16-bit (ImWchar): characters beyond the BMP cannot show.
    beyond_bmp = sorted(c for c in latin_set | cjk_set if c > 0xFFFF)

    os.makedirs(args.out_dir, exist_ok=True)
    latin_out = os.path.join(args.out_dir, "ftblock-latin.ttf")
    cjk_out = os.path.join(args.out_dir, "ftblock-cjk.ttf")
    latin_size = subset_font(args.latin, latin_set, latin_out)
    cjk_size = subset_font(args.cjk, cjk_set, cjk_out)

    from_files = extra & (latin_set | cjk_set)
    not_in_base = len(from_files - base_set())
    if not args.quiet:
        print(f"make_fonts: {len(latin_set)} characters in {latin_out} ({latin_size} bytes), "
              f"{len(cjk_set)} in {cjk_out} ({cjk_size} bytes); "
              f"{not_in_base} of them only because the app's text or data uses them")
    # Gaps in the fixed ranges (unassigned or exotic code points) are expected; characters the
    # app's own text or data uses and cannot show are not.
    unshowable = sorted(c for c in extra if c in missing or c in beyond_bmp)
    if unshowable:
        print("make_fonts: warning: the app's text uses characters the form cannot show: "
              + " ".join(f"U+{c:04X} {chr(c)}" for c in unshowable[:40]), file=sys.stderr)

if __name__ == "__main__":
    main()
