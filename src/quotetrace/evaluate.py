"""Score quotetrace against annotated articles (the gold format of FORMAT.md).

Gold files are JSON Lines, one article per line, with strings rather than
offsets (``content``, ``occurrence``, ``speaker``, ``sources`` with
``aliases``). A predicted quote matches a gold one when their spans overlap
by at least half of the longer; it is attributed correctly when the
predicted source's name or an alias equals an alias of the gold speaker
(case-insensitive, leading "the" dropped), or, where the gold quote gives
``speaker_span``, when the predicted speaker mention overlaps it by half.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

TYPES = ("direct", "indirect", "mixed")


def norm_name(s: str) -> str:
    s = re.sub(r"\s+", " ", s.strip().lower())
    return re.sub(r"^the ", "", s)


def _locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    at = -1
    for _ in range(max(occurrence, 1)):
        at = text.find(needle, at + 1)
        if at < 0:
            return None
    return at, at + len(needle)


def load_gold(path: str | Path) -> list[dict]:
    """Read a gold file; raise InputError naming the line of any problem."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("no such gold file", str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the gold file ({e})", str(path)) from None
    arts = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            art = json.loads(line)
            text = art["text"]
            aliases = {s["name"]: {norm_name(a) for a in [s["name"], *s.get("aliases", [])]} for s in art.get("sources", [])}
            for q in art["quotes"]:
                span = _locate(text, q["content"], q.get("occurrence", 1))
                if span is None:
                    raise ValueError(f"quote content not found in text: {q['content'][:60]!r}")
                q["start"], q["end"] = span
                sp = q.get("speaker")
                if sp is not None and sp not in aliases:
                    aliases[sp] = {norm_name(sp)}
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(f"line {n}: {e}", str(path)) from None
        art["_aliases"] = aliases
        arts.append(art)
    return arts


def _overlap_ok(a: tuple[int, int], b: tuple[int, int]) -> float:
    ov = min(a[1], b[1]) - max(a[0], b[0])
    longer = max(a[1] - a[0], b[1] - b[0], 1)
    return ov / longer if ov > 0 and ov >= 0.5 * longer else 0.0


@dataclass
class Scores:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    attributed: int = 0
    by_type: dict = field(default_factory=lambda: {t: [0, 0] for t in TYPES})  # found, gold
    misses: list = field(default_factory=list)

    @staticmethod
    def prf(tp: int, n_pred: int, n_gold: int) -> dict:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}

    def to_dict(self) -> dict:
        return {
            "detection": self.prf(self.matched, self.pred, self.gold),
            "attribution_accuracy": round(self.attributed / self.matched, 4) if self.matched else 0.0,
            "end_to_end": self.prf(self.attributed, self.pred, self.gold),
            "recall_by_type": {t: round(f / g, 4) if g else None for t, (f, g) in self.by_type.items()},
        }


def score_article(gold: dict, pred: dict, scores: Scores) -> None:
    """Add one article's counts to ``scores``."""
    names = {s["id"]: {norm_name(a) for a in [s.get("name") or "", *(s.get("aliases") or [])] if a} for s in pred.get("sources", [])}
    pq = pred.get("quotes", [])
    gq = gold["quotes"]
    cands = []
    for gi, g in enumerate(gq):
        for pi, p in enumerate(pq):
            r = _overlap_ok((g["start"], g["end"]), (p["start"], p["end"]))
            if r:
                cands.append((r, gi, pi))
    used_g, used_p = set(), set()
    scores.gold += len(gq)
    scores.pred += len(pq)
    for g in gq:
        scores.by_type.setdefault(g["type"], [0, 0])[1] += 1
    for _, gi, pi in sorted(cands, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gq[gi], pq[pi]
        scores.matched += 1
        scores.by_type[g["type"]][0] += 1
        if g.get("speaker") is None:
            ok = p.get("speaker") is None
        else:
            ok = bool(names.get(p.get("speaker"), set()) & gold["_aliases"][g["speaker"]])
            m = p.get("speaker_mention")
            if not ok and g.get("speaker_span") and isinstance(m, dict):
                ok = bool(_overlap_ok(tuple(g["speaker_span"]), (m["start"], m["end"])))
        scores.attributed += ok
        if not ok:
            scores.misses.append((gold.get("id"), "wrong speaker", g["content"][:80]))
    for gi, g in enumerate(gq):
        if gi not in used_g:
            scores.misses.append((gold.get("id"), f"missed {g['type']}", g["content"][:80]))
    for pi, p in enumerate(pq):
        if pi not in used_p:
            scores.misses.append((gold.get("id"), "spurious", gold["text"][p["start"]:p["end"]][:80]))
