"""Learned attribution: reported stances the cue lexicon does not list.

The rules of ``attribution.py`` know the verbs of speech and thought and the
frames they take. News attributes far more than that: "Rubio seemed hopeful
that C", "voted against C", "spoke about C", "has drawn criticism from X",
"allegations of C". This stage proposes, for every verb, noun and adjective
of a parsed sentence, the phrases it governs on its right (a clause, an
object, a prepositional phrase, or all of them together) as the content of
an attribution, and a logistic regression over parse features (the word,
the relation, the preposition, the subject's kind, tense and modality, the
content's shape) says how likely each is to be one. It was trained on the
PolNeAR training articles (``scripts/train_stance.py``); the weights ship as
``models/stance.json``, a table of feature weights read here without any
machine-learning library.

Only what the rules left alone is taken: a word that is already a cue with
a clause, or a phrase that overlaps a claim or a quote, is skipped.
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import QuotetraceError
from .lexicon import TIME_WORDS, may_hold_quote
from .tree import Tree, base

MODEL_PATH = Path(__file__).parent / "models" / "stance.json"
MODEL_ENV = "QUOTETRACE_STANCE_MODEL"  # a model file to use instead, or "off" for the rules alone

_RIGHT_RELS = frozenset("ccomp xcomp obj obl iobj advcl nmod csubj".split())
_NOUN_PREPS = frozenset("about of on over for against with to into at from by as in".split())
_WH = frozenset("whether if what how why who when where which that".split())
_NEGATIONS = frozenset("not n't never".split())
_WHEN_RELS = frozenset("obl:tmod obl:npmod obl:unmarked".split())


@dataclass(frozen=True)
class Candidate:
    """A word and a run of the words it governs, proposed as an attribution's cue and content."""

    head: int  # word id of the cue
    ids: tuple[int, ...]  # word ids of the content, contiguous after trimming
    kind: str  # "dep": one dependent's phrase; "rest": all the verb's dependents on its right
    rel: str  # relation of the (first) dependent
    prep: str  # its preposition or subordinator, "" if none


@dataclass(frozen=True)
class StanceModel:
    """Weights of a logistic regression over string features."""

    weights: dict
    bias: float
    threshold: float
    meta: dict
    prefilter: re.Pattern | None = None  # words that send a sentence to the parser for this stage

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> "StanceModel":
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        return cls(d["weights"], float(d["bias"]), float(d["threshold"]), d.get("meta", {}),
                   _prefilter(d.get("prefilter_words") or [], d["weights"]))

    def probability(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


#: A word whose lemma weighs at least this much in the model sends its sentence to the parser, in any
#: of its forms ("defended", "slams", "praising"), as the words of the model's ``prefilter_words`` do.
PREFILTER_LEMMA_WEIGHT = 0.3


def _prefilter(words: list[str], weights: dict) -> re.Pattern | None:
    """The pattern of the words that send a sentence to the parser for this stage: the model's own list
    (forms seen heading attributions in sentences the rules leave out) and every form of a lemma the
    model weighs as a strong cue, matched by its stem ("defend", "prais", "den[yi]")."""
    alts = [re.escape(w) + r"\b" for w in words]
    for key, weight in weights.items():
        lemma = key[4:]
        if not key.startswith("lem=") or weight < PREFILTER_LEMMA_WEIGHT or not lemma.isalpha():
            continue
        if len(lemma) <= 3:
            alts.append(re.escape(lemma) + r"(?:s|es|d|ed|ing)?\b")
        elif lemma.endswith("y"):
            alts.append(re.escape(lemma[:-1]) + r"[yi]\w*")
        else:
            alts.append(re.escape(lemma[:-1] if lemma.endswith("e") else lemma) + r"\w*")
    return re.compile(r"\b(?:" + "|".join(sorted(set(alts))) + ")", re.IGNORECASE) if alts else None


def default_model() -> StanceModel | None:
    """The model named by $QUOTETRACE_STANCE_MODEL, else the shipped one; None for "off" (the rules alone)."""
    return _load(os.environ.get(MODEL_ENV, "").strip() or str(MODEL_PATH))


def may_hold_claim(sentence: str) -> bool:
    """Cheap test on raw text: could this sentence hold a quote, a cue of the rules, or a stance this
    stage has learned to find ("is expected to", "backed")? Only such sentences are parsed."""
    if may_hold_quote(sentence):
        return True
    model = default_model()
    return model is not None and model.prefilter is not None and model.prefilter.search(sentence) is not None


@lru_cache(maxsize=4)
def _load(path: str) -> StanceModel | None:
    if path.lower() in ("off", "none", "0"):
        return None
    try:
        return StanceModel.load(path)
    except (OSError, ValueError, KeyError) as e:
        raise QuotetraceError(f"cannot read the stance model {path} ({e}); set {MODEL_ENV}=off to run the rules alone") from e


def _prep(tree: Tree, c: int) -> str:
    for k in tree.kids(c, "case", "mark"):
        return tree[k].text.lower()
    return ""


def _content(tree: Tree, i: int, c: int, rel: str) -> list[int]:
    """The phrase of the dependent ``c`` of ``i``, after ``i``: an oblique without its preposition, a
    clause without its "that"."""
    ids = [j for j in tree.subtree(c) if j > i]
    if rel in ("obl", "nmod"):
        ids = [j for j in ids if not (tree[j].head == c and base(tree[j].deprel) == "case")]
    elif rel == "ccomp":
        ids = [j for j in ids if not (tree[j].head == c and tree[j].deprel == "mark" and tree[j].text.lower() == "that")]
    return tree.trim(sorted(ids))


def _after_comma(tree: Tree, c: int) -> bool:
    first = min(tree.subtree(c))
    return tree[first].text == "," or first > 1 and tree[first - 1].text == ","


def candidates(tree: Tree) -> list[Candidate]:
    """Every (word, phrase on its right it governs) pair of the sentence that could be an attribution."""
    out = []
    for w in tree.words:
        i = w.id
        if w.upos not in ("VERB", "NOUN", "ADJ"):
            continue
        # not "agreed Tuesday to merge" (when, not what), nor "rejected the offer, dragging the saga on"
        # (a clause after a comma is the writer's, not the stance's)
        kids = [c for c in tree.children.get(i, []) if c > i and base(tree[c].deprel) in _RIGHT_RELS
                and tree[c].deprel not in _WHEN_RELS and tree[c].text.lower() not in TIME_WORDS
                and not (base(tree[c].deprel) == "advcl" and _after_comma(tree, c))]
        if w.upos == "NOUN":  # "allegations of bias", "support for the bill"
            kids = [c for c in kids if base(tree[c].deprel) == "nmod" and _prep(tree, c) in _NOUN_PREPS]
        elif w.upos == "ADJ":  # "hopeful that C", "not sure about C"
            kids = [c for c in kids if base(tree[c].deprel) in ("ccomp", "xcomp", "obl")]
        phrase = {c: _content(tree, i, c, base(tree[c].deprel)) for c in kids}
        for c in kids:
            if phrase[c]:
                out.append(Candidate(i, tuple(phrase[c]), "dep", base(tree[c].deprel), _prep(tree, c)))
        if w.upos == "VERB" and len(kids) > 1:
            first = min(kids)
            ids = [j for c in kids for j in phrase[c]]
            ids = tree.trim(list(range(min(ids), max(ids) + 1))) if ids else []
            if ids:
                out.append(Candidate(i, tuple(ids), "rest", base(tree[first].deprel), _prep(tree, first)))
    return out


def grammatical_subject(tree: Tree, i: int) -> tuple[int | None, bool]:
    """The subject of ``i``, or of the verb it hangs from as an xcomp, conjunct or adverbial clause
    ("seemed to mock": the subject of "seemed"); and whether it is ``i``'s own."""
    s = tree.kids(i, "nsubj", "nsubj:pass", "csubj")
    if s:
        return s[0], True
    j = i
    for _ in range(3):
        w = tree[j]
        if base(w.deprel) not in ("xcomp", "conj", "advcl") or not w.head:
            break
        j = w.head
        s = tree.kids(j, "nsubj", "nsubj:pass")
        if s:
            return s[0], False
    return None, False


def _entity(tag: str | None) -> str:
    return "O" if not tag or tag == "O" else tag.split("-", 1)[-1][:3].upper()


def features(tree: Tree, cand: Candidate, in_quote: bool) -> list[str]:
    """The string features of a candidate (the model's weights are keyed by them)."""
    i, ids = cand.head, cand.ids
    w = tree[i]
    lem = (w.lemma or w.text).lower()
    f = ["b", "k=" + cand.kind, "rel=" + cand.rel, "rp=" + cand.rel + "|" + cand.prep, "lem=" + lem,
         "lr=" + lem + "|" + cand.rel, "lrp=" + lem + "|" + cand.rel + "|" + cand.prep, "upos=" + (w.upos or ""),
         "xpos=" + (w.xpos or ""), "ldep=" + base(w.deprel), "lk=" + lem + "|" + cand.kind]
    s, own = grammatical_subject(tree, i)
    if s is None:
        f.append("nosubj")
        poss = tree.kids(i, "nmod:poss") if w.upos == "NOUN" else []
        if poss:  # "Clinton's attack on Trump"
            f += ["poss=" + _entity(tree[poss[0]].ner), "possu=" + (tree[poss[0]].upos or "")]
    else:
        sw = tree[s]
        f += ["su=" + (sw.upos or ""), "sn=" + _entity(sw.ner), "sdirect=%d" % own, "srel=" + (sw.deprel or ""),
              "lsn=" + lem + "|" + _entity(sw.ner)]
        if sw.upos == "PRON":
            f.append("sp=" + sw.text.lower())
        elif sw.upos == "NOUN":
            f.append("sl=" + (sw.lemma or "").lower())
    if w.head:
        hl = (tree[w.head].lemma or "").lower()
        f += ["hl=" + hl, "hll=" + hl + "|" + lem]
    f += ["aux=" + tree[a].text.lower() for a in tree.kids(i, "aux", "aux:pass")]
    if any(tree[a].text.lower() in _NEGATIONS for a in tree.kids(i, "advmod")):
        f.append("neg")
    n = len(ids)
    f.append("len=%d" % (n if n < 12 else 12 + min(n // 10, 4)))
    first = tree[ids[0]]
    low = first.text.lower()
    f.append("first=" + low if low in _WH or first.upos in ("ADP", "SCONJ", "PART") else "firstu=" + (first.upos or ""))
    top = [j for j in ids if tree[j].head not in ids]
    if top:
        hw = tree[top[0]]
        f += ["chu=" + (hw.upos or ""), "chn=" + _entity(hw.ner),
              "chv=%d" % any(tree[j].upos in ("VERB", "AUX") for j in ids)]
    f += ["gap=%d" % min(ids[0] - i, 4), "end=%d" % (max(ids) >= len(tree) - 1), "q=%d" % in_quote]
    return f
