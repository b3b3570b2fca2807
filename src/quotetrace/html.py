"""Web pages: the article body, its title and date, extracted by trafilatura.

Offsets of an HTML article refer to the extracted text, which the JSON
output includes (``text``), since the page's markup is not article text.
"""
from __future__ import annotations

from .errors import InputError
from .types import Article


def extract_article(html: str, path: str, ident: str) -> Article:
    """The article in a web page, with title, date and url as metadata."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True,
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or len(body.split()) < 5:
        # trafilatura falls back to navigation text on pages with no body
        raise InputError("no article text found in this web page", path)
    meta = {"extracted_from": "html"}
    for key in ("title", "date", "url", "author", "sitename"):
        value = getattr(doc, key, None)
        if value:
            meta["outlet" if key == "sitename" else key] = str(value)
    return Article(text=body, id=ident, path=path, meta=meta)
