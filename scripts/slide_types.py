"""Write "continue the current slide" as "" instead of "-" in notebooks' slide metadata.

    python scripts/slide_types.py notebooks/*.ipynb           # rewrite in place
    python scripts/slide_types.py --check notebooks/*.ipynb   # only report; exit 1 if any "-"

Why: the live slideshow, jupyterlab-slideshow (`make lab`, then "Start Deck"), knows the slide
types slide, subslide, fragment, skip, notes and an empty or missing value, but not "-": it
hides every cell whose metadata says `"slideshow": {"slide_type": "-"}`. JupyterLab's own
slide-type menu writes "" for "-". nbconvert's reveal exporter (`make slides`) treats "", "-"
and a missing value alike (a cell that continues the current slide or fragment), so the static
decks do not change.

Only the `slideshow.slide_type` value of each cell is changed, byte for byte: the rest of the
file (outputs, ids, key order, indentation) is left exactly as it was, and the result is checked
to be the same notebook with only those values changed.
"""

import argparse
import json
import re
import sys
from pathlib import Path

OLD, NEW = "-", ""
# `"slide_type": "-"` inside a cell's metadata, as nbformat (indent=1) writes it.
_PATTERN = re.compile(r'("slide_type"\s*:\s*)"-"')


def dash_cells(nb):
    """Indexes of the cells whose slide type is "-"."""
    return [i for i, cell in enumerate(nb.get("cells", []))
            if (cell.get("metadata", {}).get("slideshow") or {}).get("slide_type") == OLD]


def _expected(nb):
    for i in dash_cells(nb):
        nb["cells"][i]["metadata"]["slideshow"]["slide_type"] = NEW
    return nb


def rewrite_text(text):
    """(new text, number of cells changed) for a notebook's JSON text."""
    before = json.loads(text)
    count = len(dash_cells(before))
    if not count:
        return text, 0
    new_text = _PATTERN.sub(r'\1""', text)
    if json.loads(new_text) != _expected(before):
        # The pattern also matched something that is not a cell's slide type (e.g. inside a
        # cell's source): rewrite through the JSON instead, formatted as nbformat writes it.
        new_text = json.dumps(_expected(json.loads(text)), indent=1, sort_keys=True,
                              ensure_ascii=False) + "\n"
    return new_text, count


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path, help=".ipynb files to rewrite")
    parser.add_argument("--check", action="store_true",
                        help='change nothing; exit 1 if any cell still has slide_type "-"')
    args = parser.parse_args(argv)
    total = 0
    for path in args.notebooks:
        text = path.read_text(encoding="utf-8")
        new_text, count = rewrite_text(text)
        total += count
        if count and not args.check:
            path.write_text(new_text, encoding="utf-8")
        verb = "has" if args.check else "rewrote"
        print(f'{path}: {verb} {count} cell(s) with slide_type "-"')
    if args.check and total:
        print(f'{total} cell(s) still say slide_type "-", which jupyterlab-slideshow hides: '
              f"run python scripts/slide_types.py {' '.join(map(str, args.notebooks))}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
