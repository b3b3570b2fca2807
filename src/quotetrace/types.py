"""Records that pass between the pipeline stages.

Every record is a frozen dataclass holding plain values and character offsets
into the article text exactly as it was read, so results can be hashed,
compared in tests and written to JSON without touching stanza objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol, Sequence

#: Quote types, as in the gold format (shared/eval/FORMAT.md).
DIRECT = "direct"
INDIRECT = "indirect"
MIXED = "mixed"
QUOTE_TYPES = (DIRECT, INDIRECT, MIXED)

#: Source kinds.
PERSON = "person"
ORGANIZATION = "organization"
MEDIA = "media"
GOVERNMENT = "government"
DOCUMENT = "document"
ANONYMOUS = "anonymous"
SOURCE_KINDS = (PERSON, ORGANIZATION, MEDIA, GOVERNMENT, DOCUMENT, ANONYMOUS)


@dataclass(frozen=True)
class Article:
    """One article to analyse: its text as read, and where it came from."""

    text: str
    id: str = "article"
    path: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Word:
    """One syntactic word of a parsed sentence (UD conventions)."""

    id: int  # 1-based index in its sentence
    text: str
    start: int  # offsets into the article text
    end: int
    upos: str | None = None
    xpos: str | None = None
    lemma: str | None = None
    head: int | None = None  # 0 = root
    deprel: str | None = None
    ner: str | None = None  # BIOES tag, e.g. "B-PERSON"


@dataclass(frozen=True)
class Sentence:
    """A sentence; ``parsed`` is False when only tokenized (no tags, no tree)."""

    index: int
    start: int
    end: int
    paragraph: int
    words: tuple[Word, ...]
    parsed: bool = True


@dataclass(frozen=True)
class ParsedDoc:
    """What the language backend returns for one article."""

    text: str
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[tuple[int, int], ...]
    debris: tuple[tuple[int, int], ...] | None = None  # None: not known (stored parses)


@dataclass(frozen=True)
class Span:
    """A stretch of the article text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Quote:
    """A direct quote, reported claim or mixed quote, with its attribution."""

    start: int
    end: int
    text: str
    type: str
    speaker: str | None = None  # Source.id
    speaker_mention: Span | None = None
    cue: Span | None = None
    addressee: str | None = None  # Source.id of whom it was said to ("told AFP")
    channel: Span | None = None  # "in a statement", "on Twitter"
    sentence: int = 0
    paragraph: int = 0
    rule: str = ""  # which rule or sieve decided the speaker
    confidence: float | None = None  # for the learned stage's claims (rule "learned"): its probability


@dataclass(frozen=True)
class Source:
    """One real-world source with every name the article uses for it."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None  # Source.id this source speaks for
    title: str | None = None  # role words: "head", "spokesman"
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Warning_:
    """Something in the input that the tool could not make sense of."""

    code: str
    message: str
    start: int | None = None

    def to_dict(self) -> dict:
        d = {"code": self.code, "message": self.message}
        if self.start is not None:
            d["start"] = self.start
        return d


class NlpBackend(Protocol):
    """Turns article texts into ParsedDocs.

    ``select`` gets each sentence's text and says whether it needs full
    annotation (tags, lemmas, tree, entities); other sentences are only
    tokenized. ``masks`` blank out stretches (web-page debris) by offsets.
    """

    def parse_many(
        self,
        texts: Sequence[str],
        select: Callable[[str], bool] | None = None,
    ) -> list[ParsedDoc]: ...
