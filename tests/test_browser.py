"""The HTML report in a real browser (headless Chromium): highlights, graph, no errors, no requests, no injection."""
import json
import re
import shutil
import subprocess

import pytest

from quotetrace.pipeline import ArticleResult
from quotetrace.report import render_html
from quotetrace.types import Article, Quote, Source, Span

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions"]

HOSTILE = ('<script>document.title="pwned"</script> “We will <img src=x onerror="document.title=\'pwned\'"> win,” '
           'said <b onmouseover=alert(1)>Lena Hartwig</b>.\nThe council said the bridge would <iframe src="http://example.com"></iframe> reopen.\n')


def hostile_result():
    t = HOSTILE
    a, b = t.index("We will"), t.index(" win,") + 4
    m = t.index("Lena Hartwig")
    c, d = t.index("the bridge"), t.index(" reopen.") + 7
    quotes = (Quote(a, b, t[a:b], "direct", "S1", Span(m, m + 12, "Lena Hartwig"), rule="cue"),
              Quote(c, d, t[c:d], "indirect", "S2", rule="parse"))
    sources = (Source("S1", "Lena Hartwig", "person", ("Lena Hartwig",), affiliation="S2"),
               Source("S2", "council", "government", ("council",)))
    return ArticleResult(Article(text=t, id="hostile"), quotes, sources, (),
                         ((0, t.index("\n")), (t.index("\n") + 1, len(t) - 1)))


def chromium(tmp_path, html, *extra):
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    netlog = tmp_path / "net.json"
    r = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
                        f"--log-net-log={netlog}", *extra, page.as_uri()],
                       capture_output=True, text=True, timeout=120)
    return r, netlog


def requested_urls(netlog):
    try:
        log = json.loads(netlog.read_text())
    except (OSError, ValueError):
        return []
    urls = []
    for e in log.get("events", []):
        url = (e.get("params") or {}).get("url")
        if url:
            urls.append(url)
    return urls


def check_page(tmp_path, result):
    html = render_html(result)
    r, netlog = chromium(tmp_path, html, "--dump-dom")
    dom = r.stdout
    marks = set(re.findall(r'<mark class="q[^"]*" data-q="(\d+)"', dom))
    assert len(marks) == len(result.quotes)
    assert re.search(r"<svg[^>]*class=\"graph\"", dom) and "node source" in dom
    console = [line for line in r.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line or "Refused to" in line]
    assert console == []
    # Chromium itself calls home (time, updates); what matters is that nothing the page names is fetched
    hosts = set(re.findall(r"https?://([\w.-]+)", html)) | {"example.com"}
    leaving = [u for u in requested_urls(netlog) if any(h in u for h in hosts)]
    assert leaving == []
    return dom


def test_hostile_article_runs_no_script(tmp_path):
    dom = check_page(tmp_path, hostile_result())
    assert "pwned" not in re.sub(r"&lt;.*?&gt;", "", dom.split("</head>")[0])  # the title was not changed
    assert "<img" not in dom and "<iframe" not in dom and "<b onmouseover" not in dom
    assert "&lt;script&gt;" in dom


def test_sample_report_in_the_browser(tmp_path, stored):
    from quotetrace.pipeline import analyze

    from texts import TEXTS

    result = analyze(TEXTS["albu_kamal"], backend=stored)
    check_page(tmp_path, result)
    r, _ = chromium(tmp_path, render_html(result), "--window-size=1280,1800", f"--screenshot={tmp_path / 'shot.png'}")
    assert (tmp_path / "shot.png").stat().st_size > 10_000
