"""Train the learned attribution stage (``quotetrace.stance``) on the PolNeAR training articles.

    pip install -e '.[train]'
    python scripts/train_stance.py ../shared/data/polnear/train [--cache parses.jsonl] [--out PATH]

Parses every training article with the bundled models (about ten minutes on two cores; ``--cache``
keeps the parses, in the format of ``scripts/cue_stats.py``), proposes every candidate of
``stance.candidates`` outside quote marks, labels it an attribution when its span overlaps the
content of one of the first annotator's attributions by at least half of the longer span (the
scorer's rule), and fits a logistic regression (scikit-learn, L2, features seen in at least
``--min-df`` candidates). It first fits on two thirds of the articles and reports average precision
and precision/recall at several thresholds on the other third (every third article in name order, from the third),
then fits on all of them and writes the weights as JSON. Only the training split is read; the dev
split is for measuring. The threshold is chosen by the end-to-end score of the whole tool on the
held-out third, not by this script's candidate-level figures.
"""
from __future__ import annotations

import argparse
import collections
import datetime
import json
import re
import sys
from pathlib import Path

from cue_stats import parses, read_ann

from quotetrace.lexicon import may_hold_quote
from quotetrace.quotes import find_quoted_spans
from quotetrace.stance import MODEL_PATH, candidates, features
from quotetrace.tree import Tree

QUOTE_MARKS = "\"“”‘’'«»"


def contents(path: Path, text: str) -> list[tuple[int, int]]:
    """Character spans of the Content of every attribution in a brat file, trimmed as the gold
    conversion trims them (blanks, quote marks, a leading "that", trailing commas)."""
    out = []
    for _cue, content in read_ann(path):
        for a, b in content:
            opened = False
            while a < b and (text[a].isspace() or text[a] in QUOTE_MARKS):
                opened |= text[a] in QUOTE_MARKS
                a += 1
            m = re.match(r"that\s+", text[a:b])
            if m and not opened:
                a += m.end()
            while b > a and (text[b - 1].isspace() or text[b - 1] in QUOTE_MARKS + ",;:"):
                b -= 1
            if b - a >= 3:
                out.append((a, b))
    return out


def rows(split: Path, cache: Path | None, unseen_words: collections.Counter | None = None):
    """(article id, features, label, cue) of every candidate of every training article. ``cue`` is (word in
    lower case, sentence, word id) in the sentences the rules' pre-filter would not send to the parser, and
    None elsewhere; the words of those sentences are counted, by article, in ``unseen_words``."""
    anns = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)  # the first annotator in name order
    for stem, doc in parses(split, cache):
        if stem not in anns:
            continue
        gold = contents(anns[stem], doc.text)
        quoted = [(sp.open_mark, sp.outer_end) for sp in find_quoted_spans(doc.text, list(doc.paragraphs))[0]]
        for sent in doc.sentences:
            tree = Tree(sent)
            unseen = not may_hold_quote(doc.text[sent.start:sent.end])
            if unseen and unseen_words is not None:
                unseen_words.update((stem, w.text.lower()) for w in sent.words)
            for cand in candidates(tree):
                if any(a <= tree[cand.head].start < b for a, b in quoted):
                    continue  # a cue inside a quote: the quote is the claim
                s, e = tree.span(list(cand.ids))
                inside = any(a <= s and e <= b for a, b in quoted)
                label = any(min(e, ge) - max(s, gs) >= 0.5 * max(e - s, ge - gs) for gs, ge in gold)
                yield stem, features(tree, cand, inside), int(label), (
                    (tree[cand.head].text.lower(), sent.index, cand.head) if unseen else None)


def fit(data, c: float, min_df: int):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = CountVectorizer(analyzer=lambda x: x, min_df=min_df, binary=True, lowercase=False)
    x = vec.fit_transform([r[1] for r in data])
    model = LogisticRegression(C=c, max_iter=3000).fit(x, [r[2] for r in data])
    return vec, model


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", type=Path, help="PolNeAR's train folder (text/ and attributions/)")
    ap.add_argument("--cache", type=Path, default=None, help="JSON Lines file to keep (or reuse) the parses in")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--C", type=float, default=0.3, help="inverse L2 strength")
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--held-out-model", type=Path, default=None,
                    help="also write the model fitted without the held-out third, to choose the threshold with")
    ap.add_argument("--prefilter-min", type=int, default=8)
    ap.add_argument("--prefilter-rate", type=float, default=0.25)
    ap.add_argument("--threshold", type=float, default=0.65, help="probability from which a candidate is taken")
    args = ap.parse_args(argv)
    try:
        import sklearn
        from sklearn.metrics import average_precision_score
    except ImportError:
        sys.exit("scikit-learn is needed to train: pip install -e '.[train]'")

    unseen_words = collections.Counter()
    data = list(rows(args.split, args.cache, unseen_words))
    stems = sorted({r[0] for r in data})
    held = set(stems[2::3])
    train = [r for r in data if r[0] not in held]
    test = [r for r in data if r[0] in held]
    vec, model = fit(train, args.C, args.min_df)
    p = model.predict_proba(vec.transform([r[1] for r in test]))[:, 1]
    y = [r[2] for r in test]
    report = {"held_out_articles": len(held), "held_out_candidates": len(test),
              "held_out_average_precision": round(float(average_precision_score(y, p)), 3)}
    for th in (0.3, 0.4, 0.5, 0.6):
        taken = [lab for lab, q in zip(y, p) if q >= th]
        report[f"at_{th}"] = {"precision": round(sum(taken) / max(len(taken), 1), 3),
                              "recall": round(sum(taken) / max(sum(y), 1), 3)}
    print(json.dumps(report, indent=2), file=sys.stderr)
    if args.held_out_model:
        save(args.held_out_model, vec, model, {"trained_on": "PolNeAR train less its held-out third"}, args.threshold,
             prefilter_words(train, unseen_words, args.prefilter_min, args.prefilter_rate))

    vec, model = fit(data, args.C, args.min_df)
    meta = {
        "trained_on": f"PolNeAR v1.0.0 train, {len(stems)} articles, first annotator; {len(data)} candidates, "
                      f"{sum(r[2] for r in data)} labelled attributions",
        "licence": "PolNeAR states no licence for its data (research and evaluation use); these are weights "
                   "derived from it, not the data",
        "settings": {"C": args.C, "min_df": args.min_df, "threshold": args.threshold,
                     "prefilter": {"min_attributions": args.prefilter_min, "min_rate": args.prefilter_rate}},
        "held_out": report, "scikit_learn": sklearn.__version__, "date": datetime.date.today().isoformat(),
        "trained_by": "scripts/train_stance.py",
    }
    save(args.out, vec, model, meta, args.threshold, prefilter_words(data, unseen_words, args.prefilter_min, args.prefilter_rate))
    return 0


def prefilter_words(data, unseen_words: collections.Counter, least: int, rate: float) -> list[str]:
    """The word forms that send a sentence to the parser for this stage: those that, in the sentences the
    rules' pre-filter leaves out, head an attribution at least ``least`` times, and at least ``rate`` of
    the times they occur at all ("expected", "seems", "backed"; not "like", mostly a preposition)."""
    stems = {r[0] for r in data}
    hits, uses = collections.Counter(), collections.Counter()
    for (stem, w), n in unseen_words.items():
        if stem in stems:
            uses[w] += n
    heads = {(r[0], r[3]) for r in data if r[3] is not None and r[2]}  # words, not candidates: one word
    hits.update(word for _, (word, _, _) in heads)                     # may head several right phrases
    return sorted(w for w in hits if hits[w] >= least and hits[w] >= rate * uses[w] and w.isalpha())


def save(path: Path, vec, model, meta: dict, threshold: float, words: list[str] = ()) -> None:
    weights = {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-4}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        json.dump({"bias": round(float(model.intercept_[0]), 4), "threshold": threshold, "meta": meta,
                   "prefilter_words": list(words),
                   "weights": dict(sorted(weights.items()))}, f, ensure_ascii=False, indent=0)
        f.write("\n")
    print(f"wrote {path}: {len(weights)} weights", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
