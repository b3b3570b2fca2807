"""Attribution reports people read: a self-contained HTML page per article, and a corpus index.

The page needs no network: styles and the one small script are inline, the
graph is inline SVG, and a Content-Security-Policy forbids every request
and any script but ours (by its hash). All article text is HTML-escaped, so
an article holding ``<script>`` or ``onerror=`` shows that text and runs
nothing.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math

from .profile import article_profile, corpus_profile

_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173")
_NONE = "#999999"

_CSS = """
:root{--fg:#1b1b1b;--muted:#5b5b5b;--bg:#fff;--line:#ddd}
*{box-sizing:border-box}body{margin:0;font:16px/1.55 Georgia,'Times New Roman',serif;color:var(--fg);background:var(--bg)}
header,main{max-width:72rem;margin:0 auto;padding:1rem}
header h1{font-size:1.5rem;margin:.2rem 0}header p{margin:.2rem 0;color:var(--muted);font-family:system-ui,sans-serif;font-size:.9rem}
.cols{display:flex;gap:2rem;flex-wrap:wrap}.article{flex:3 1 28rem;min-width:0}.side{flex:2 1 20rem;min-width:0;font-family:system-ui,sans-serif;font-size:.9rem}
.article p{margin:0 0 .9rem}
mark.q{background:color-mix(in srgb,var(--c) 16%,transparent);border-bottom:2px solid var(--c);color:inherit;cursor:pointer;padding:0 .05em}
mark.q.sel{background:color-mix(in srgb,var(--c) 34%,transparent)}
.cue{font-weight:bold;text-decoration:underline dotted}.mention{border:1px solid var(--c);border-radius:3px;padding:0 .1em}
.debris{color:#aaa;font-size:.85em}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.25rem .35rem;border-bottom:1px solid var(--line)}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:50%;background:var(--c);margin-right:.3em;vertical-align:baseline}
#detail{position:sticky;top:0;background:#f7f7f7;border:1px solid var(--line);border-radius:6px;padding:.6rem;margin-bottom:1rem;min-height:3rem}
#detail dt{font-weight:bold;float:left;clear:left;width:6.5rem}#detail dd{margin:0 0 .2rem 6.8rem}
.kv{display:grid;grid-template-columns:auto 1fr;gap:.1rem .8rem}
svg{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fcfcfc}
svg text{font:11px system-ui,sans-serif}
@media (max-width:40rem){body{font-size:15px}header,main{padding:.6rem}}
@media print{#detail{display:none}mark.q{background:none;border-bottom:1.5px solid var(--c)}.cols{display:block}a{color:inherit}}
"""

_JS = """
(function(){var data=JSON.parse(document.getElementById('qt-data').textContent);var box=document.getElementById('detail');
function row(k,v){if(v===null||v===undefined||v==='')return;var dt=document.createElement('dt');dt.textContent=k;var dd=document.createElement('dd');dd.textContent=v;box.appendChild(dt);box.appendChild(dd);}
function show(i){var q=data.quotes[i];box.textContent='';var h=document.createElement('strong');h.textContent='Claim '+(i+1)+' ('+q.type+')';box.appendChild(h);
row('speaker',q.speaker);row('kind',q.kind);row('speaks for',q.affiliation);row('mention',q.mention);row('cue',q.cue);row('via',q.via);row('rule',q.rule);
var marks=document.querySelectorAll('mark.q');for(var j=0;j<marks.length;j++){marks[j].classList.toggle('sel',marks[j].getAttribute('data-q')==String(i));}}
document.addEventListener('click',function(e){var m=e.target.closest('mark.q');if(m){show(parseInt(m.getAttribute('data-q'),10));}});})();
"""
_JS_HASH = "sha256-" + base64.b64encode(hashlib.sha256(_JS.encode()).digest()).decode()
CSP = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '{_JS_HASH}'; base-uri 'none'; form-action 'none'"


def _e(s) -> str:
    return html.escape(str(s), quote=True)


def colours(result) -> dict:
    return {s.id: _COLOURS[i % len(_COLOURS)] for i, s in enumerate(result.sources)}


def _segments(text: str, lo: int, hi: int, marks: list[tuple[int, int, str, dict]]) -> str:
    """Render text[lo:hi] with non-overlapping pieces wrapped in their marks."""
    inside = [m for m in marks if m[0] < hi and m[1] > lo]
    cuts = sorted({lo, hi} | {max(lo, m[0]) for m in inside} | {min(hi, m[1]) for m in inside})
    out = []
    order = {"q": 0, "cue": 1, "mention": 1}
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        piece = _e(text[a:b]).replace("\n", "<br>")
        cover = sorted((m for m in inside if m[0] <= a and b <= m[1]), key=lambda m: order[m[2]], reverse=True)
        for _, _, kind, attrs in cover:
            if kind == "q":
                piece = (f'<mark class="q" data-q="{attrs["i"]}" style="--c:{attrs["c"]}" '
                         f'title="{_e(attrs["title"])}">{piece}</mark>')
            else:
                piece = f'<span class="{kind}" style="--c:{attrs["c"]}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _quote_data(result, cols) -> list[dict]:
    data = []
    for q in result.quotes:
        s = result.source(q.speaker)
        aff = result.source(s.affiliation) if s and s.affiliation else None
        via = [x for x in (result.source(q.addressee).name if q.addressee and result.source(q.addressee) else None,
                           q.channel.text if q.channel else None) if x]
        data.append({
            "type": q.type, "speaker": s.name if s else "(no source)", "kind": s.kind if s else None,
            "affiliation": aff.name if aff else None, "mention": q.speaker_mention.text if q.speaker_mention else None,
            "cue": q.cue.text if q.cue else None, "via": " / ".join(via) or None,
            "rule": q.rule if q.confidence is None else f"{q.rule} (confidence {q.confidence:.2f})",
        })
    return data


def graph_svg(result, cols, width: int = 640, height: int = 420) -> str:
    """The article's source graph drawn as inline SVG (sources, claims, channels)."""
    import networkx as nx

    g = result.graph
    if g.number_of_nodes() == 0:
        return ""
    # sorted nodes and edges: the drawing must not depend on hash order (reports are compared byte for byte)
    h = nx.Graph()
    for n, d in sorted(g.nodes(data=True), key=lambda nd: nd[0]):
        if d.get("type") != "article":
            h.add_node(n, **d)
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]), e[2].get("type", ""))):
        if u in h and v in h:
            a, b = min(u, v), max(u, v)
            h.add_edge(a, b, type=d.get("type"))
    if h.number_of_nodes() == 0:
        return ""
    # lay out each connected part on its own and pack the parts in a grid,
    # so a lone source does not push the rest into a corner
    parts_ = sorted(nx.connected_components(h), key=lambda c: (-len(c), sorted(c)[0]))
    n_cols = math.ceil(math.sqrt(len(parts_)))
    n_rows = math.ceil(len(parts_) / n_cols)
    pad = 30
    cw, ch = (width - 2 * pad) / n_cols, (height - 2 * pad) / n_rows
    pos = {}
    for k, comp in enumerate(parts_):
        sub = nx.Graph()
        sub.add_nodes_from(sorted(comp))
        sub.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in h.subgraph(comp).edges()))
        local = nx.spring_layout(sub, seed=7, iterations=200) if len(comp) > 1 else {next(iter(comp)): (0.0, 0.0)}
        xs_ = [p[0] for p in local.values()]
        ys_ = [p[1] for p in local.values()]
        cx, cy = pad + (k % n_cols) * cw, pad + (k // n_cols) * ch
        for n, (x, y) in local.items():
            fx = (x - min(xs_)) / ((max(xs_) - min(xs_)) or 1) if len(comp) > 1 else 0.5
            fy = (y - min(ys_)) / ((max(ys_) - min(ys_)) or 1) if len(comp) > 1 else 0.5
            pos[n] = (cx + 0.15 * cw + fx * 0.6 * cw, cy + 0.15 * ch + fy * 0.7 * ch)

    name_to_id = {s.name: s.id for s in result.sources}
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="source graph" class="graph">']
    for u, v, d in sorted(h.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))):
        u, v = min(u, v), max(u, v)
        dash = {"affiliated_with": ' stroke-dasharray="6 3"', "via": ' stroke-dasharray="2 3"'}.get(d.get("type"), "")
        parts.append(f'<line x1="{pos[u][0]:.1f}" y1="{pos[u][1]:.1f}" x2="{pos[v][0]:.1f}" '
                     f'y2="{pos[v][1]:.1f}" stroke="#aaa" stroke-width="1.2"{dash}/>')
    for n, d in h.nodes(data=True):
        x, y = pos[n]
        if d.get("type") == "source":
            c = cols.get(name_to_id.get(d.get("name")), _NONE)
            r = 7 + 3 * math.sqrt(d.get("claims", 0))
            parts.append(f'<circle class="node source" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{c}"><title>'
                         f'{_e(d.get("name"))} ({_e(d.get("kind"))}, {d.get("claims", 0)} claims)</title></circle>')
            parts.append(f'<text x="{x + r + 3:.1f}" y="{y + 4:.1f}">{_e(d.get("name", "")[:32])}</text>')
        elif d.get("type") == "claim":
            parts.append(f'<rect class="node claim" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#666">'
                         f'<title>{_e(d.get("text", "")[:140])}</title></rect>')
        else:
            parts.append(f'<polygon class="node channel" points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} {x - 6:.1f},{y + 5:.1f}" '
                         f'fill="#bbb"><title>{_e(d.get("name"))}</title></polygon>')
            parts.append(f'<text x="{x + 8:.1f}" y="{y + 4:.1f}" fill="#777">{_e(d.get("name", "")[:28])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="quotetrace"><title>{_e(title)}</title><style>{_CSS}</style></head>'
            f'<body>{body}</body></html>\n')


def _headline(result) -> str | None:
    """A pasted article's first line, when it reads like a headline."""
    if not result.paragraphs:
        return None
    a, b = result.paragraphs[0]
    line = result.text[a:b].strip()
    return line if 0 < len(line) <= 140 and not line.endswith((".", ":")) else None


def render_html(result) -> str:
    """One self-contained HTML page for one article's result."""
    text = result.text
    cols = colours(result)
    marks: list[tuple[int, int, str, dict]] = []
    for i, q in enumerate(result.quotes):
        c = cols.get(q.speaker, _NONE)
        s = result.source(q.speaker)
        marks.append((q.start, q.end, "q", {"i": i, "c": c, "title": f"{q.type} · {s.name if s else 'no source'}"}))
        if q.cue:
            marks.append((q.cue.start, q.cue.end, "cue", {"c": c}))
        if q.speaker_mention:
            marks.append((q.speaker_mention.start, q.speaker_mention.end, "mention", {"c": c}))
    blocks = sorted([(a, b, "p") for a, b in result.paragraphs] + [(a, b, "debris") for a, b in result.debris])
    paras = []
    for a, b, kind in blocks:
        if kind == "debris":
            paras.append(f'<p class="debris" title="not article text: left out of the analysis">{_e(text[a:b])}</p>')
        else:
            paras.append(f"<p>{_segments(text, a, b, marks)}</p>")
    prof = article_profile(result)
    src_rows = []
    for s in result.sources:
        aff = result.source(s.affiliation)
        n = sum(1 for q in result.quotes if q.speaker == s.id)
        src_rows.append(
            f'<tr><td><span class="sw" style="--c:{cols[s.id]}"></span>{_e(s.name)}</td><td>{_e(s.kind)}</td>'
            f'<td>{_e("; ".join(a for a in s.aliases if a != s.name))}</td>'
            f'<td>{_e(aff.name) if aff else ""}{(" (" + _e(s.title) + ")") if s.title and aff else ""}</td><td>{n}</td></tr>')
    chains = "".join(f"<li>{_e(' '.join(c['claim'].split())[:90])} ← {_e(c['chain'])}</li>" for c in prof["chains"])
    title = (result.article.meta or {}).get("title") or _headline(result) or result.article.id
    data = json.dumps({"quotes": _quote_data(result, cols)}, ensure_ascii=False).replace("</", "<\\/")
    warn = "".join(f"<li>{_e(w.message)}</li>" for w in result.warnings)
    body = (
        f"<header><h1>{_e(title)}</h1><p>{len(result.quotes)} quotes and claims · {len(result.sources)} sources · "
        f"top source {_e(prof['top_source'] or '—')} ({prof['top_source_share']:.0%} of claims) · "
        f"named {prof['named_share']:.0%} · anonymous {prof['anonymous_share']:.0%} · no source {prof['unattributed']}</p>"
        f"<p>Click a highlighted claim for its speaker, cue and the rule that decided. Generated by quotetrace.</p></header>"
        f'<main><div class="cols"><article class="article">{"".join(paras)}</article>'
        f'<aside class="side"><div id="detail" aria-live="polite">Click a highlighted claim.</div>'
        f"<h2>Sources</h2><table><thead><tr><th>source</th><th>kind</th><th>also called</th><th>speaks for</th>"
        f"<th>claims</th></tr></thead><tbody>{''.join(src_rows)}</tbody></table>"
        f"<h2>Source graph</h2>{graph_svg(result, cols)}"
        f"<h2>Chains</h2><ol>{chains}</ol>"
        + (f"<h2>Warnings</h2><ul>{warn}</ul>" if warn else "")
        + f'</aside></div></main><script type="application/json" id="qt-data">{data}</script><script>{_JS}</script>'
    )
    return _page(f"quotetrace: {title}", body)


def render_index(results, pages: dict) -> str:
    """An index page over a corpus: most quoted sources, reliance per article."""
    prof = corpus_profile(results)
    rows = "".join(
        f'<tr><td><a href="{_e(pages.get(p["path"] or p["id"], "#"))}">{_e(p["id"])}</a></td><td>{p["claims"]}</td>'
        f'<td>{p["sources"]}</td><td>{_e(p["top_source"] or "")}</td><td>{p["top_source_share"]:.0%}</td>'
        f'<td>{p["anonymous_share"]:.0%}</td><td>{p["unattributed"]}</td></tr>'
        for p in prof["per_article"])
    top = "".join(f'<tr><td>{_e(s["source"])}</td><td>{_e(s["kind"])}</td><td>{s["claims"]}</td><td>{s["articles"]}</td></tr>'
                  for s in prof["top_sources"])
    body = (
        f"<header><h1>Sourcing across {prof['articles']} articles</h1><p>{prof['claims']} claims · {prof['sources']} sources · "
        f"named {prof['named_share']:.0%} · anonymous {prof['anonymous_share']:.0%} · "
        f"mean top-source share {prof['mean_top_source_share']:.0%}</p></header><main>"
        f"<h2>Articles</h2><table><thead><tr><th>article</th><th>claims</th><th>sources</th><th>top source</th>"
        f"<th>top share</th><th>anonymous</th><th>no source</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<h2>Most quoted sources</h2><table><thead><tr><th>source</th><th>kind</th><th>claims</th><th>articles</th></tr>"
        f"</thead><tbody>{top}</tbody></table></main>"
    )
    return _page("quotetrace: corpus index", body)


def render_markdown(result) -> str:
    """The same content as the HTML page, in Markdown."""
    import io

    from .export import write_markdown
    from .profile import format_profile

    buf = io.StringIO()
    write_markdown([result], buf)
    prof = article_profile(result)
    buf.write("## Sourcing profile\n\n```\n" + format_profile(prof) + "\n```\n")
    return buf.getvalue()
