"""Export every notebook as static reveal.js slides that work offline: `make slides`.

    python scripts/export_slides.py [--out slides] [notebooks/NN_topic.ipynb ...]
    python scripts/export_slides.py --fetch-only    # only fetch the npm packages (CI does it early)

Writes slides/NN_topic.slides.html for each notebook (default: notebooks/*.ipynb), an
index.html that lists them, and slides/vendor/: the JavaScript the pages load (reveal.js,
require.js, jQuery, MathJax 2 and the widget renderer), copied from npm packages. Nothing is
fetched from a CDN when a page opens: every script and style sheet is a relative path inside
slides/, so the folder can be copied to a USB stick. Open slides/index.html, or serve it:

    python -m http.server --bind 127.0.0.1 --directory slides 8000

The npm packages are fetched once with `npm pack` (no install scripts run) into
build/slides-vendor/ and reused from there; after that, `make slides` needs no network.
Figures are the notebooks' committed outputs; widgets show the state saved with the notebook.
"""

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIR = Path(__file__).resolve().parent / "slides_template"
VENDOR_CACHE = ROOT / "build" / "slides-vendor"

# npm package -> version. Each is unpacked into build/slides-vendor/<name>-<version>/.
NPM_PACKAGES = {
    "reveal.js": "5.2.1",
    "requirejs": "2.3.7",
    "jquery": "3.7.1",
    "mathjax": "2.7.9",
    "@jupyter-widgets/html-manager": "1.0.15",
}

# What each page loads, relative to the page (the pages sit beside vendor/).
URLS = {
    "reveal_url_prefix": "vendor/reveal.js",
    "require_js_url": "vendor/require.js",
    "jquery_url": "vendor/jquery.min.js",
    "mathjax_url": "vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
    "widget_renderer_url": "vendor/html-manager/embed-amd.js",
}

# (package, path inside the package, path under slides/vendor/): only what the pages use.
COPIES = [
    ("reveal.js", "dist/reveal.js", "reveal.js/dist/reveal.js"),
    ("reveal.js", "dist/reveal.css", "reveal.js/dist/reveal.css"),
    ("reveal.js", "dist/reset.css", "reveal.js/dist/reset.css"),
    # The white theme uses fonts shipped with reveal.js (some other themes load Google Fonts).
    ("reveal.js", "dist/theme/white.css", "reveal.js/dist/theme/white.css"),
    ("reveal.js", "dist/theme/fonts/source-sans-pro", "reveal.js/dist/theme/fonts/source-sans-pro"),
    ("reveal.js", "plugin/notes", "reveal.js/plugin/notes"),
    ("reveal.js", "LICENSE", "reveal.js/LICENSE"),
    ("requirejs", "require.js", "require.js"),
    ("jquery", "dist/jquery.min.js", "jquery.min.js"),
    ("jquery", "LICENSE.txt", "jquery.LICENSE.txt"),
    ("mathjax", "MathJax.js", "mathjax/MathJax.js"),
    ("mathjax", "LICENSE", "mathjax/LICENSE"),
    ("mathjax", "config/TeX-AMS_CHTML-full.js", "mathjax/config/TeX-AMS_CHTML-full.js"),
    ("mathjax", "config/Safe.js", "mathjax/config/Safe.js"),
    ("mathjax", "extensions", "mathjax/extensions"),
    ("mathjax", "jax/input/TeX", "mathjax/jax/input/TeX"),
    ("mathjax", "jax/output/CommonHTML", "mathjax/jax/output/CommonHTML"),
    ("mathjax", "jax/element", "mathjax/jax/element"),
    ("mathjax", "localization/en", "mathjax/localization/en"),
    ("mathjax", "fonts/HTML-CSS/TeX/woff", "mathjax/fonts/HTML-CSS/TeX/woff"),
    ("mathjax", "fonts/HTML-CSS/TeX/otf", "mathjax/fonts/HTML-CSS/TeX/otf"),
    ("@jupyter-widgets/html-manager", "dist", "html-manager"),
]
SKIP_SUFFIXES = (".map", ".esm.js")
SKIP_NAMES = ("embed.js", "libembed-amd.js")  # html-manager's non-AMD builds: unused here

# Hosts a page must never load from (the test checks the same list).
CDN_HOSTS = ("unpkg.com", "cdnjs.cloudflare.com", "cdn.jsdelivr.net", "fonts.googleapis.com",
             "code.jquery.com", "ajax.googleapis.com", "mathjax.org")


class SlidesError(RuntimeError):
    """Something `make slides` cannot do, said in words."""


def _package_dir(name, version):
    return VENDOR_CACHE / f"{name.replace('/', '-').lstrip('@')}-{version}"


def fetch_vendor(packages=NPM_PACKAGES):
    """Unpack each npm package into build/slides-vendor/ unless it is already there."""
    missing = {n: v for n, v in packages.items()
               if not (_package_dir(n, v) / ".complete").exists()}
    if not missing:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SlidesError("make slides: needs npm once, to fetch reveal.js and MathJax "
                          f"({', '.join(missing)}); install Node.js and npm, or copy a "
                          "build/slides-vendor/ folder from a machine that has them")
    VENDOR_CACHE.mkdir(parents=True, exist_ok=True)
    for name, version in missing.items():
        print(f"fetching npm package {name}@{version} (once; cached in build/slides-vendor/)",
              flush=True)
        done = subprocess.run([npm, "pack", "--silent", f"{name}@{version}",
                               "--pack-destination", str(VENDOR_CACHE)],
                              capture_output=True, text=True, check=False)
        tarball = VENDOR_CACHE / done.stdout.strip().splitlines()[-1] if done.stdout else None
        if done.returncode != 0 or tarball is None or not tarball.exists():
            raise SlidesError(f"npm pack {name}@{version} failed (exit {done.returncode}): "
                              f"{done.stderr.strip()[-500:]}")
        target = _package_dir(name, version)
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        with tarfile.open(tarball) as tar:
            for member in tar.getmembers():
                # npm tarballs hold everything under package/; keep regular files and folders.
                if not (member.isfile() or member.isdir()) or ".." in Path(member.name).parts:
                    continue
                relative = Path(*Path(member.name).parts[1:])
                if member.isdir() or not relative.parts:
                    continue
                out = target / relative
                out.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst)
        tarball.unlink()
        (target / ".complete").write_text(f"{name}@{version}\n")


def copy_vendor(out_dir):
    """Copy the files the pages load into out_dir/vendor/."""
    vendor = out_dir / "vendor"
    shutil.rmtree(vendor, ignore_errors=True)
    for name, src, dst in COPIES:
        source = _package_dir(name, NPM_PACKAGES[name]) / src
        if not source.exists():
            raise SlidesError(f"{name}@{NPM_PACKAGES[name]}: expected {src} in the package, "
                              "found none (was the package version changed?)")
        target = vendor / dst
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=lambda _d, names: [
                n for n in names if n.endswith(SKIP_SUFFIXES) or n in SKIP_NAMES])
        else:
            shutil.copy2(source, target)


def exporter():
    """nbconvert's SlidesExporter, pointed at the local copies."""
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    config = Config()
    config.SlidesExporter.template_file = "offline.html.j2"
    config.SlidesExporter.extra_template_paths = [str(TEMPLATE_DIR)]
    for trait, url in URLS.items():
        setattr(config.SlidesExporter, trait, url)
    config.SlidesExporter.reveal_theme = "white"      # its fonts are local (see COPIES)
    config.SlidesExporter.reveal_scroll = True      # long cells scroll instead of overflowing
    config.SlidesExporter.reveal_number = "c/t"     # slide numbers: current / total
    config.SlidesExporter.exclude_input_prompt = True
    config.SlidesExporter.exclude_output_prompt = True
    return SlidesExporter(config=config)


def export_notebook(path, out_dir, slides_exporter=None, sibling_names=()):
    """Write out_dir/<stem>.slides.html for the notebook at path; return the page's path.

    Links to sibling notebooks (NN_topic.ipynb) are pointed at their slides instead.
    """
    slides_exporter = slides_exporter or exporter()
    body, _ = slides_exporter.from_filename(str(path))
    for name in sibling_names:
        body = body.replace(f'href="{name}"', f'href="{Path(name).stem}.slides.html"')
    page = Path(out_dir) / f"{Path(path).stem}.slides.html"
    page.write_text(body, encoding="utf-8")
    return page


def remote_references(text):
    """Every script, style sheet, font or image a page (or a CSS file) would load from another
    host. Plain links (<a href="https://...">) are not loads and are allowed."""
    found = []
    for match in re.finditer(r"<(script|link|img|iframe|source)\b[^>]*>", text, re.I):
        for url in re.findall(r'\b(?:src|href)\s*=\s*["\']([^"\']+)', match.group(0), re.I):
            if re.match(r"(https?:)?//", url):
                found.append(url)
    found += re.findall(r"@import\s+(?:url\()?\s*[\"']?((?:https?:)?//[^\"')\s]+)", text)
    found += re.findall(r"url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)", text)
    found += re.findall(r"\bimport\s[^;]*?from\s+[\"']((?:https?:)?//[^\"']+)", text)
    found += [h for h in CDN_HOSTS if re.search(r"(//|[\"'])" + re.escape(h), text)]
    return sorted(set(found))


def _strip_css_comments(text):
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def local_references(text):
    """The relative paths a page loads with <script src> and <link href> (query strings cut)."""
    refs = []
    for match in re.finditer(r"<(script|link)\b[^>]*>", text, re.I):
        for url in re.findall(r'\b(?:src|href)\s*=\s*["\']([^"\']+)', match.group(0), re.I):
            if not re.match(r"([a-z]+:|//|#)", url, re.I):
                refs.append(url.split("?")[0].split("#")[0])
    return refs


def check_page(page):
    """Problems with one exported page, in words (an empty list means it works offline):
    anything loaded from the network, by the page or by a style sheet it loads, and any local
    file it loads that is missing. The widget renderer, once loaded, fetches only widget
    modules it does not bundle; the course uses none."""
    page = Path(page)
    text = page.read_text(encoding="utf-8")
    problems = [f"loads {url} from the network" for url in remote_references(text)]
    seen = set()
    todo = [(page.parent / ref, ref) for ref in local_references(text)]
    while todo:
        path, ref = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        if not path.is_file():
            problems.append(f"loads {ref}, which is missing")
            continue
        if path.suffix == ".css":
            css = _strip_css_comments(path.read_text(encoding="utf-8", errors="replace"))
            problems += [f"{ref} loads {url} from the network" for url in remote_references(css)]
            for url in re.findall(r"url\(\s*[\"']?([^\"')]+)", css):
                url = url.strip()
                if not re.match(r"([a-z]+:|//|#)", url, re.I):
                    todo.append((path.parent / url.split("?")[0].split("#")[0], url))
    return problems


def write_index(out_dir, pages, titles):
    items = "\n".join(f'    <li><a href="{p.name}">{html.escape(titles[p])}</a></li>'
                      for p in pages)
    (out_dir / "index.html").write_text(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>rnn-notebooks: slides</title>
<style>
body {{ font-family: sans-serif; max-width: 46em; margin: 3em auto; line-height: 1.6; }}
</style>
</head>
<body>
<h1>rnn-notebooks: slides</h1>
<p>One deck per notebook. Arrow keys move; <kbd>Esc</kbd> shows all slides; <kbd>S</kbd> opens the
speaker notes. These pages need no network. For a live lecture with working widgets, open the
notebook in JupyterLab, run it, and present it with the command palette's "Start Deck"
(jupyterlab-slideshow) instead.</p>
<ol start="0">
{items}
</ol>
</body>
</html>
""", encoding="utf-8")


def _notebook_title(path):
    """The title the README table shows (colab_cell.py reads it). Imported here, not at the
    top: vendoring reveal.js runs before the venv exists, without nbformat."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from colab_cell import notebook_title

    return notebook_title(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="the .ipynb files (default: notebooks/*.ipynb)")
    parser.add_argument("--out", type=Path, default=ROOT / "slides",
                        help="output folder (default: slides/)")
    parser.add_argument("--fetch-only", action="store_true",
                        help="only fetch the npm packages into build/slides-vendor/")
    args = parser.parse_args(argv)
    if args.fetch_only:
        try:
            fetch_vendor()
        except SlidesError as err:
            print(err, file=sys.stderr)
            return 1
        print("npm packages for the slides are in build/slides-vendor/")
        return 0
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not paths:
        print("no notebooks in notebooks/: nothing to export", file=sys.stderr)
        return 1
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    try:
        fetch_vendor()
        out = args.out
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.slides.html"):
            old.unlink()
        copy_vendor(out)
        slides_exporter = exporter()
        names = [p.name for p in paths]
        pages, titles, bad = [], {}, {}
        for path in paths:
            page = export_notebook(path, out, slides_exporter, names)
            pages.append(page)
            titles[page] = _notebook_title(path)
            problems = check_page(page)
            if problems:
                bad[page.name] = problems
            print(f"{page.name:<44} {page.stat().st_size / 1e6:5.1f} MB", flush=True)
        write_index(out, pages, titles)
    except SlidesError as err:
        print(err, file=sys.stderr)
        return 1
    if bad:
        for name, problems in bad.items():
            print(f"{name}: {'; '.join(problems)}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in (out / "vendor").rglob("*") if f.is_file())
    where = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"{len(pages)} deck(s) in {where}/ (vendor/: {size / 1e6:.1f} MB), "
          "no page loads anything from the network")
    return 0


if __name__ == "__main__":
    sys.exit(main())
