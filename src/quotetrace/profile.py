"""Sourcing profile: how an article (or a corpus) rests on its sources.

Claims per source, the share resting on the top source (single-source
reliance), named against anonymous sourcing, the mix of source kinds,
claims with no source, and for each claim its chain: claim ← speaker ←
affiliation, via channel.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from .types import ANONYMOUS


def _share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def article_profile(result) -> dict:
    """The sourcing profile of one ArticleResult, as plain data."""
    from .export import chain

    quotes = result.quotes
    total = len(quotes)
    per_source = Counter(q.speaker for q in quotes if q.speaker)
    kinds = Counter(result.source(sid).kind for sid in per_source.elements())
    anonymous = sum(n for sid, n in per_source.items() if result.source(sid).kind == ANONYMOUS)
    attributed = sum(per_source.values())
    top = per_source.most_common(1)
    return {
        "id": result.article.id,
        "path": result.article.path,
        "claims": total,
        "sources": len(per_source),
        "unattributed": total - attributed,
        "top_source": result.source(top[0][0]).name if top else None,
        "top_source_share": _share(top[0][1], total) if top else 0.0,
        "named_share": _share(attributed - anonymous, total),
        "anonymous_share": _share(anonymous, total),
        "kinds": dict(kinds),
        "by_type": dict(Counter(q.type for q in quotes)),
        "claims_per_source": [
            {"source": result.source(sid).name, "kind": result.source(sid).kind, "claims": n}
            for sid, n in per_source.most_common()
        ],
        "chains": [{"claim": q.text, "type": q.type, "chain": chain(result, q)} for q in quotes],
    }


def corpus_profile(results: Iterable) -> dict:
    """The profile of many articles: sources merged across articles by name."""
    from .graph import corpus_graph

    results = list(results)
    g = corpus_graph(results)
    per_article = [article_profile(r) for r in results]
    sources = [
        {"source": d.get("name"), "kind": d.get("kind"), "claims": d.get("claims", 0), "articles": d.get("articles", 0)}
        for _, d in g.nodes(data=True) if d.get("type") == "source"
    ]
    sources.sort(key=lambda s: (-s["claims"], -s["articles"], s["source"] or ""))
    total = sum(p["claims"] for p in per_article)
    anonymous = sum(round(p["anonymous_share"] * p["claims"]) for p in per_article)
    unattributed = sum(p["unattributed"] for p in per_article)
    kinds: Counter = Counter()
    for p in per_article:
        kinds.update(p["kinds"])
    reliance = [p["top_source_share"] for p in per_article if p["claims"]]
    return {
        "articles": len(results),
        "claims": total,
        "sources": len(sources),
        "unattributed": unattributed,
        "named_share": _share(total - unattributed - anonymous, total),
        "anonymous_share": _share(anonymous, total),
        "kinds": dict(kinds),
        "mean_top_source_share": round(sum(reliance) / len(reliance), 4) if reliance else 0.0,
        "top_sources": sources[:20],
        "per_article": [{k: p[k] for k in ("id", "path", "claims", "sources", "top_source", "top_source_share",
                                             "anonymous_share", "unattributed")} for p in per_article],
    }


def format_profile(p: dict) -> str:
    """The terminal rendering of an article or corpus profile."""
    lines = []
    if "per_article" in p:
        lines.append(f"{p['articles']} articles, {p['claims']} claims, {p['sources']} sources")
        lines.append(f"named {p['named_share']:.0%} · anonymous {p['anonymous_share']:.0%} · no source {p['unattributed']}")
        lines.append(f"mean share of claims on an article's top source: {p['mean_top_source_share']:.0%}")
        lines.append("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(p["kinds"].items(), key=lambda kv: -kv[1])))
        lines.append("most quoted sources:")
        for s in p["top_sources"][:10]:
            lines.append(f"  {s['claims']:4} claims in {s['articles']:3} articles  {s['source']} ({s['kind']})")
        return "\n".join(lines)
    lines.append(f"{p['path'] or p['id']}: {p['claims']} claims, {p['sources']} sources, {p['unattributed']} with no source")
    if p["top_source"]:
        lines.append(f"top source: {p['top_source']} ({p['top_source_share']:.0%} of claims)")
    lines.append(f"named {p['named_share']:.0%} · anonymous {p['anonymous_share']:.0%}")
    if p["kinds"]:
        lines.append("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(p["kinds"].items(), key=lambda kv: -kv[1])))
    for c in p["chains"]:
        text = " ".join(c["claim"].split())
        lines.append(f"  “{text[:70]}{'…' if len(text) > 70 else ''}” ← {c['chain']}")
    return "\n".join(lines)
