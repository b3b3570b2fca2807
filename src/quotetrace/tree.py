"""A thin view over a parsed sentence: children, subtrees and spans."""
from __future__ import annotations

from functools import cached_property

from .types import Sentence, Word

PUNCT_CHARS = set(".,;:!?\"'“”‘’«»()[]—–-…")


def base(deprel: str | None) -> str:
    return (deprel or "").split(":")[0]


# what hangs from a word inside a name and yet describes the whole name
_NAME_DESCRIPTIONS = frozenset(("appos", "acl", "parataxis"))


class Tree:
    """Navigate one sentence's dependency tree by 1-based word ids."""

    def __init__(self, sentence: Sentence):
        self.sentence = sentence
        self.words = sentence.words
        self.children: dict[int, list[int]] = {i: [] for i in range(len(self.words) + 1)}
        for w in self.words:
            if w.head is not None and 0 <= w.head <= len(self.words) and w.head != w.id:
                self.children[w.head].append(w.id)

    def __getitem__(self, i: int) -> Word:
        return self.words[i - 1]

    def __len__(self) -> int:
        return len(self.words)

    @cached_property
    def root(self) -> int | None:
        kids = self.children.get(0) or []
        return kids[0] if kids else None

    def kids(self, i: int, *rels: str) -> list[int]:
        """Children of ``i`` whose relation (or its base, before ':') is in ``rels``."""
        return [c for c in self.children.get(i, []) if not rels or self[c].deprel in rels or base(self[c].deprel) in rels]

    def subtree(self, i: int, *, skip: tuple[str, ...] = (), skip_ids: frozenset = frozenset(),
                name: bool = False) -> list[int]:
        """Ids under ``i`` (``i`` included), leaving out children of ``i`` with relations in
        ``skip``; with ``name``, also those of the words of a name ``i`` heads ("Rami Abdel
        Rahman, head of ...", where the parse may hang the apposition from "Abdel")."""
        out, stack, seen, core = [], [i], set(), {i}
        while stack:
            j = stack.pop()
            if j in seen or j in skip_ids:
                continue
            seen.add(j)
            out.append(j)
            for c in self.children.get(j, []):
                rel = base(self[c].deprel)
                if (j == i or j in core and rel in _NAME_DESCRIPTIONS) and (self[c].deprel in skip or rel in skip):
                    continue
                if name and j in core and rel == "flat":
                    core.add(c)
                stack.append(c)
        return sorted(out)

    def ancestors(self, i: int) -> list[int]:
        out, seen = [], {i}
        j = self[i].head
        while j and j not in seen:
            out.append(j)
            seen.add(j)
            j = self[j].head
        return out

    def contiguous(self, ids: list[int], around: int) -> list[int]:
        """The run of consecutive ids in ``ids`` that holds ``around``."""
        s = set(ids)
        lo = hi = around
        while lo - 1 in s:
            lo -= 1
        while hi + 1 in s:
            hi += 1
        return list(range(lo, hi + 1))

    def span(self, ids: list[int]) -> tuple[int, int]:
        return self[min(ids)].start, self[max(ids)].end

    def trim(self, ids: list[int], *, drop_that: bool = False) -> list[int]:
        """Drop punctuation (and a leading "that") at both ends of a run of ids."""
        ids = sorted(ids)
        while ids and (self._is_punct(ids[0]) or drop_that and self[ids[0]].text.lower() in ("that", "whether") and self[ids[0]].deprel == "mark"):
            ids = ids[1:]
        while ids and self._is_punct(ids[-1]) and self[ids[-1]].text not in ('"', "”", "’", "'", "»") and not (
                self[ids[-1]].text == ")" and self._opened(ids)):
            ids = ids[:-1]
        return ids

    def _opened(self, ids: list[int]) -> bool:
        """Whether the run's last word closes a bracket the run opened ("Rick Scott (R)")."""
        texts = [self[i].text for i in ids]
        return texts.count("(") >= texts.count(")")

    def _is_punct(self, i: int) -> bool:
        w = self[i]
        return w.upos == "PUNCT" or all(ch in PUNCT_CHARS for ch in w.text)

    def word_at(self, offset: int) -> int | None:
        for w in self.words:
            if w.start <= offset < w.end:
                return w.id
        return None
