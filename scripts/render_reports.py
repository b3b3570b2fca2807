"""Render the reports of the sample articles: `python scripts/render_reports.py`.

Writes reports/<article>.html and .md for every article in corpus/, the
corpus index (reports/index.html), and a screenshot of the sample article's
page (reports/albu-kamal-2017.png, when Chromium is installed). A test fails
when the committed reports differ from what the code renders now.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def render(out: Path = ROOT / "reports", backend=None) -> dict[str, str]:
    """Render every report into a dict of file name -> text (and write them when ``out`` is given)."""
    from quotetrace.loading import iter_articles
    from quotetrace.pipeline import analyze_many
    from quotetrace.report import render_html, render_index, render_markdown
    from quotetrace.types import Article

    articles = []
    for a in iter_articles([str(ROOT / "corpus")]):
        if isinstance(a, Article):
            # paths relative to the project, so the reports do not depend on where it is checked out
            articles.append(Article(text=a.text, id=a.id, path=f"corpus/{Path(a.path).name}", meta=a.meta))
    results = [r for r in analyze_many(articles, backend=backend) if not isinstance(r, Exception)]
    files, pages = {}, {}
    for r in results:
        files[f"{r.article.id}.html"] = render_html(r)
        files[f"{r.article.id}.md"] = render_markdown(r)
        pages[r.article.path] = f"{r.article.id}.html"
    files["index.html"] = render_index(results, pages)
    return files


def main() -> int:
    out = ROOT / "reports"
    out.mkdir(exist_ok=True)
    files = render()
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    chromium = shutil.which("chromium") or shutil.which("google-chrome")
    if chromium:
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={profile}", "--window-size=1280,1800", "--hide-scrollbars",
                            f"--screenshot={out / 'albu-kamal-2017.png'}", (out / "albu-kamal-2017.html").as_uri()],
                           capture_output=True, timeout=120)
    print(f"wrote {len(files)} files to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
