"""Writers: turn ArticleResults into JSON, JSON Lines, Markdown and a terminal listing.

Each writer takes an iterable of results and a text stream; ``WRITERS``
maps format names to them, so adding a format takes one entry. Writing to
a file goes through ``atomic_open``: a crash never leaves half a file.
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from typing import IO, Callable, Iterable

from .pipeline import ArticleResult

_PALETTE = ("cyan", "magenta", "yellow", "green", "blue", "red", "bright_cyan", "bright_magenta", "bright_yellow", "bright_green")


def _short(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def write_json(results: Iterable[ArticleResult], out: IO[str], *, many: bool = False, **_) -> None:
    items = [r.to_dict() for r in results]
    if not many and len(items) == 1:
        json.dump(items[0], out, ensure_ascii=False, indent=2)
    else:
        json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(results: Iterable[ArticleResult], out: IO[str], **_) -> None:
    for r in results:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        out.flush()


def source_label(r: ArticleResult, sid: str | None) -> str:
    s = r.source(sid)
    return s.name if s else "(no source)"


def chain(r: ArticleResult, q) -> str:
    """claim ← speaker ← affiliation, via channel."""
    parts = []
    s = r.source(q.speaker)
    seen = set()
    while s is not None and s.id not in seen:
        seen.add(s.id)
        parts.append(s.name)
        s = r.source(s.affiliation)
    line = " ← ".join(parts) if parts else "(no source)"
    if q.addressee:
        line += ", via " + source_label(r, q.addressee)
    if q.channel:
        line += f" ({q.channel.text})"
    return line


def write_text(results: Iterable[ArticleResult], out: IO[str], *, color: bool = False, **_) -> None:
    import click  # the terminal listing styles with click; the library itself does not need it

    def style(s: str, **kw) -> str:
        return click.style(s, **kw) if color else s

    for r in results:
        colours = {s.id: _PALETTE[i % len(_PALETTE)] for i, s in enumerate(r.sources)}
        name = r.article.path or r.article.id
        out.write(style(f"{name}", bold=True) + f": {len(r.quotes)} quotes and claims, {len(r.sources)} sources\n\n")
        for n, q in enumerate(r.quotes, 1):
            fg = colours.get(q.speaker)
            body = f"“{_short(q.text)}”" if q.type == "direct" else _short(q.text)
            out.write(f"{n:3}. [{q.type}] " + style(body, fg=fg) + "\n")
            details = [f"← {chain(r, q)}"]
            if q.cue:
                details.append(f"cue “{q.cue.text}”")
            if q.speaker_mention:
                details.append(f"mention “{q.speaker_mention.text}”")
            details.append(f"rule {q.rule}")
            out.write("      " + " · ".join(details) + "\n")
        if r.sources:
            out.write("\n" + style("Sources", bold=True) + "\n")
        for s in r.sources:
            claims = sum(1 for q in r.quotes if q.speaker == s.id)
            line = f"  {s.id:>4} " + style(s.name, fg=colours.get(s.id), bold=True) + f"  ({s.kind}, {claims} claim{'s' if claims != 1 else ''})"
            extra = [a for a in s.aliases if a != s.name]
            if extra:
                line += "\n         aliases: " + "; ".join(extra)
            if s.affiliation:
                line += f"\n         speaks for: {source_label(r, s.affiliation)}" + (f" ({s.title})" if s.title else "")
            elif s.title:
                line += f"\n         title: {s.title}"
            out.write(line + "\n")
        for w in r.warnings:
            out.write(style(f"  warning: {w.message}", fg="yellow") + "\n")
        out.write("\n")


def _md_escape(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def write_markdown(results: Iterable[ArticleResult], out: IO[str], **_) -> None:
    for r in results:
        title = r.article.meta.get("title") if r.article.meta else None
        out.write(f"# Attribution report: {title or r.article.id}\n\n")
        out.write(f"{len(r.quotes)} quotes and claims, {len(r.sources)} sources.\n\n")
        out.write("## Quotes and claims\n\n| # | type | claim | source | cue | rule |\n|---|---|---|---|---|---|\n")
        for n, q in enumerate(r.quotes, 1):
            out.write(f"| {n} | {q.type} | {_md_escape(_short(q.text, 200))} | {_md_escape(chain(r, q))} | "
                      f"{_md_escape(q.cue.text) if q.cue else ''} | {q.rule} |\n")
        out.write("\n## Sources\n\n| id | name | kind | aliases | speaks for | claims |\n|---|---|---|---|---|---|\n")
        for s in r.sources:
            claims = sum(1 for q in r.quotes if q.speaker == s.id)
            out.write(f"| {s.id} | {_md_escape(s.name)} | {s.kind} | {_md_escape('; '.join(s.aliases))} | "
                      f"{_md_escape(source_label(r, s.affiliation)) if s.affiliation else ''} | {claims} |\n")
        if r.warnings:
            out.write("\n## Warnings\n\n")
            for w in r.warnings:
                out.write(f"- {w.message}\n")
        out.write("\n")


WRITERS: dict[str, Callable] = {
    "text": write_text,
    "json": write_json,
    "jsonl": write_jsonl,
    "md": write_markdown,
}


@contextlib.contextmanager
def atomic_open(path: str, mode: str = "w", encoding: str | None = "utf-8"):
    """Write to a temporary file beside ``path`` and move it into place on success."""
    directory = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".quotetrace-", dir=directory)
    try:
        with os.fdopen(fd, mode, encoding=encoding if "b" not in mode else None) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
