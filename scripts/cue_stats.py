"""How often each verb is an attribution cue in the PolNeAR training articles, by the frame it takes.

    python scripts/cue_stats.py ../shared/data/polnear/train [--min-count 8] [--min-rate 0.5] [--cache parses.jsonl]

Parses every sentence of every training article with the bundled models (about ten minutes on two
cores; ``--cache`` keeps the parses for the next run), then counts, for each verb lemma and frame
(with a clause, an infinitive, an object, or none), how many of its uses in a form that reports
("endorsed", "has endorsed", "endorsing"; not "would endorse") the first annotator of the article
marked as the cue of an attribution. ``lexicon.NP_CUE_VERBS`` (stance verbs whose object is
what was said: "endorsed Trump", "accused X of Y") was chosen from the object column of this table:
the verbs marked at least half the times they took an object. Only the training split is read; the
dev split is for measuring.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

from quotetrace.attribution import tells_what_was_done
from quotetrace.lexicon import CUE_LEMMA, INTENT_VERBS, NP_CUE_VERBS, SPEECH_VERBS, THINK_VERBS
from quotetrace.nlp import StanzaBackend, doc_from_json, doc_to_json
from quotetrace.tree import Tree

FRAMES = ("ccomp", "xcomp", "obj", "-")


def read_ann(path: Path) -> list[tuple[list, list]]:
    """(cue fragments, content fragments) of each attribution in a brat standoff file; either may be empty."""
    spans, out = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind, ranges = parts[1].split(" ", 1)
            spans[parts[0]] = [tuple(int(x) for x in r.split()) for r in ranges.split(";")]
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(a.split(":") for a in parts[1].split() if ":" in a)
            out.append((spans.get(roles.get("Cue"), []), spans.get(roles.get("Content"), [])))
    return out


def parses(split: Path, cache: Path | None):
    """(article id, ParsedDoc) for every training article, parsed in full."""
    if cache and cache.exists():
        for line in cache.open(encoding="utf-8"):
            d = json.loads(line)
            yield d["id"], doc_from_json(d)
        return
    backend = StanzaBackend("bundled")
    paths = sorted((split / "text").glob("*.txt"))
    out = cache.open("w", encoding="utf-8") if cache else None
    for k in range(0, len(paths), 16):
        batch = paths[k:k + 16]
        for p, doc in zip(batch, backend.parse_many([p.read_text(encoding="utf-8") for p in batch])):
            if out:
                out.write(json.dumps(dict(doc_to_json(doc), id=p.stem), ensure_ascii=False) + "\n")
            yield p.stem, doc
        print(f"{k + len(batch)}/{len(paths)} articles", file=sys.stderr)


def frame(sentence, i: int) -> str:
    deps = {(w.deprel or "").split(":")[0] for w in sentence.words if w.head == i}
    return next((f for f in FRAMES[:-1] if f in deps), "-")


def count(split: Path, cache: Path | None) -> tuple[collections.Counter, collections.Counter]:
    anns = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)  # the first annotator, as the dev gold keeps
    uses, cues = collections.Counter(), collections.Counter()
    for stem, doc in parses(split, cache):
        marked = set()
        for cue, _content in read_ann(anns[stem]) if stem in anns else []:
            if not cue:
                continue
            for s in doc.sentences:
                if not (s.start < cue[-1][1] and cue[0][0] < s.end):
                    continue
                ids = {w.id for w in s.words if any(w.start < b and w.end > a for a, b in cue)}
                heads = [i for i in ids if s.words[i - 1].head not in ids and s.words[i - 1].upos == "VERB"]
                marked |= {(s.index, i) for i in heads}
        for s in doc.sentences:
            tree = Tree(s) if s.parsed else None
            for w in s.words:
                if w.upos != "VERB" or not tells_what_was_done(tree, w.id):
                    continue
                key = (CUE_LEMMA.get(w.text.lower()) or (w.lemma or w.text).lower(), frame(s, w.id))
                uses[key] += 1
                if (s.index, w.id) in marked:
                    cues[key] += 1
    return uses, cues


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("split", type=Path, help="PolNeAR training split (text/, attributions/)")
    ap.add_argument("--frame", default="obj", choices=FRAMES)
    ap.add_argument("--min-count", type=int, default=8)
    ap.add_argument("--min-rate", type=float, default=0.5)
    ap.add_argument("--cache", type=Path, default=None, help="JSON Lines file to keep (or reuse) the parses in")
    args = ap.parse_args(argv)
    uses, cues = count(args.split, args.cache)
    known = SPEECH_VERBS | THINK_VERBS | INTENT_VERBS
    rows = [(cues[k] / n, cues[k], n, k[0]) for k, n in uses.items()
            if k[1] == args.frame and n >= args.min_count and cues[k] / n >= args.min_rate]
    print(f"verb with {args.frame}: marked/uses rate  (S: a speech, thought or intention verb; N: in NP_CUE_VERBS)")
    for rate, c, n, lemma in sorted(rows, reverse=True):
        flags = ("S" if lemma in known else " ") + ("N" if lemma in NP_CUE_VERBS else " ")
        print(f"{lemma:16} {c:4}/{n:<5} {rate:.2f}  {flags}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
