import re

from quotetrace.pipeline import ArticleResult
from quotetrace.report import CSP, render_html, render_index, render_markdown
from quotetrace.types import Article, Quote, Source, Span

TEXT = ('“We will rebuild the <script>alert(1)</script> bridge,” said Lena Hartwig.\n'
        'The council said <img src=x onerror=alert(2)> repairs would start soon.\n')


def result(text=TEXT):
    a = text.index("We")
    b = text.index(",”")
    m = text.index("Lena Hartwig")
    c = text.index("repairs")
    d = text.index(" soon") + 5
    quotes = (
        Quote(a, b, text[a:b], "direct", "S1", Span(m, m + 12, "Lena Hartwig"), Span(m - 5, m - 1, "said"), rule="cue"),
        Quote(c, d, text[c:d], "indirect", "S2", None, None, rule="parse"),
    )
    sources = (Source("S1", "Lena Hartwig", "person", ("Lena Hartwig",), affiliation="S2", title="mayor"),
               Source("S2", "Oster council", "government", ("Oster council", "council")))
    return ArticleResult(Article(text=text, id="bridge", path="bridge.txt"), quotes, sources, (),
                         ((0, text.index("\n")), (text.index("\n") + 1, len(text) - 1)))


def test_html_escapes_article_text_and_allows_no_requests():
    page = render_html(result())
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert CSP in page and "default-src 'none'" in CSP
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    # exactly one inline script besides the JSON data block
    assert len(re.findall(r"<script>", page)) == 1


def test_html_highlights_every_claim_and_draws_the_graph():
    page = render_html(result())
    assert sorted(set(re.findall(r'data-q="(\d+)"', page))) == ["0", "1"]
    assert "<svg" in page and page.count('class="node source"') == 2
    assert "Lena Hartwig" in page and "Oster council" in page


def test_markdown_and_index():
    md = render_markdown(result())
    assert "| 1 | direct |" in md and "Lena Hartwig ← Oster council" in md
    index = render_index([result()], {"bridge.txt": "bridge.html"})
    assert 'href="bridge.html"' in index and "Most quoted sources" in index
