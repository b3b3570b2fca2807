"""The source graph: which claims rest on which sources, through whom.

Nodes (attribute ``type``): ``article``, ``claim``, ``source``. Edges
(attribute ``type``): article -contains-> claim; claim -attributed_to->
source; claim -via-> source (the addressee or channel: "told AFP");
source -affiliated_with-> source ("head of the Observatory"). Claims with
no source stay in the graph with no attributed_to edge.

Over a corpus, one source seen in several articles (under any of its names)
is one node, carrying how many claims and articles rest on it. Every
attribute is a GraphML scalar: lists are joined with " | ", and None is left
out, so the graph can be written as GraphML for Gephi, igraph or Cytoscape.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

import networkx as nx

from .evaluate import norm_name
from .types import ANONYMOUS

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
SEP = " | "


def _clean(s: str) -> str:
    return _CONTROL.sub(" ", s)


def _attrs(**kw) -> dict:
    out = {}
    for k, v in kw.items():
        if v is None:
            continue
        if isinstance(v, (list, tuple, set)):
            v = SEP.join(_clean(str(x)) for x in v)
        elif isinstance(v, str):
            v = _clean(v)
        out[k] = v
    return out


class _SourceIndex:
    """Finds the corpus node of a source by any of its names."""

    def __init__(self):
        self.by_name: dict[str, str] = {}
        self.count = 0

    def key_for(self, source) -> str:
        names = [norm_name(a) for a in (source.name, *source.aliases) if a]
        # anonymous sources ("a senior official") are never the same across articles
        if source.kind != ANONYMOUS:
            full = norm_name(source.name)
            if full in self.by_name:
                return self.by_name[full]
            # a short alias (a surname, "the Observatory") may only join a longer name
            for n in names:
                if n in self.by_name and len(n.split()) >= 2:
                    return self.by_name[n]
        self.count += 1
        key = f"source:{self.count}"
        if source.kind != ANONYMOUS:
            for n in names:
                self.by_name.setdefault(n, key)
        return key


def corpus_graph(results: Iterable) -> nx.MultiDiGraph:
    """One graph over many ArticleResults; sources merged across articles by name."""
    g = nx.MultiDiGraph(name="quotetrace source graph")
    index = _SourceIndex()
    claims_per: Counter = Counter()
    articles_per: dict[str, set] = {}
    names_per: dict[str, list] = {}
    kinds_per: dict[str, Counter] = {}
    for r in results:
        art = f"article:{r.article.path or r.article.id}"
        g.add_node(art, **_attrs(type="article", label=r.article.id, path=r.article.path or r.article.id,
                                 title=r.article.meta.get("title") if r.article.meta else None,
                                 claims=len(r.quotes), sources=len(r.sources)))
        node_of = {}
        for s in r.sources:
            key = index.key_for(s)
            node_of[s.id] = key
            names = names_per.setdefault(key, [])
            for a in (s.name, *s.aliases):
                if a not in names:
                    names.append(a)
            kinds_per.setdefault(key, Counter())[s.kind] += 1
            articles_per.setdefault(key, set()).add(art)
            if key not in g:
                g.add_node(key, type="source")
            if s.title:
                g.nodes[key]["title"] = _clean(s.title)
        for s in r.sources:
            if s.affiliation and s.affiliation in node_of:
                a, b = node_of[s.id], node_of[s.affiliation]
                if not g.has_edge(a, b, key="affiliated_with"):
                    g.add_edge(a, b, key="affiliated_with", **_attrs(type="affiliated_with", role=s.title))
        for i, q in enumerate(r.quotes):
            c = f"claim:{r.article.path or r.article.id}:{i}"
            g.add_node(c, **_attrs(type="claim", label=q.text[:80], text=q.text, quote_type=q.type, start=q.start, end=q.end,
                                   article=r.article.path or r.article.id, paragraph=q.paragraph, rule=q.rule,
                                   cue=q.cue.text if q.cue else None))
            g.add_edge(art, c, key="contains", type="contains")
            if q.speaker in node_of:
                src = node_of[q.speaker]
                claims_per[src] += 1
                g.add_edge(c, src, key="attributed_to", **_attrs(
                    type="attributed_to", cue=q.cue.text if q.cue else None, quote_type=q.type,
                    mention=q.speaker_mention.text if q.speaker_mention else None, rule=q.rule))
            if q.addressee in node_of:
                g.add_edge(c, node_of[q.addressee], key="via", **_attrs(type="via", channel="addressee"))
            if q.channel is not None:
                ch = f"channel:{norm_name(q.channel.text)}"
                if ch not in g:
                    g.add_node(ch, **_attrs(type="channel", label=q.channel.text, name=q.channel.text))
                g.add_edge(c, ch, key="via", **_attrs(type="via", channel=q.channel.text))
    for key, names in names_per.items():
        name = max(names, key=lambda n: (len(n.split()), -names.index(n)))
        kind = kinds_per[key].most_common(1)[0][0]
        g.nodes[key].update(_attrs(label=name, name=name, kind=kind, aliases=names, claims=claims_per[key],
                                   articles=len(articles_per.get(key, ()))))
    return g


def article_graph(result) -> nx.MultiDiGraph:
    """The source graph of one article."""
    return corpus_graph([result])


GRAPH_FORMATS = ("graphml", "gexf", "json")


def write_graph(g: nx.MultiDiGraph, path: str, fmt: str | None = None) -> None:
    """Write ``g`` atomically as GraphML, GEXF or node-link JSON (by ``fmt`` or the file's extension)."""
    import json

    from .export import atomic_open

    fmt = fmt or {".gexf": "gexf", ".json": "json"}.get(path[path.rfind("."):].lower(), "graphml")
    if fmt == "json":
        with atomic_open(path) as f:
            json.dump(nx.node_link_data(g, edges="edges"), f, ensure_ascii=False, indent=1)
        return
    with atomic_open(path, "wb") as f:
        if fmt == "gexf":
            nx.write_gexf(g, f)
        else:
            nx.write_graphml(g, f)
