"""Quote marks: pair them into quoted spans, and tell speech from scare quotes.

Works on the raw article text, paragraph by paragraph, so that it never
depends on a parse: straight "..." and '...', curly “...” and ‘...’ (where
’ is also the apostrophe), low „...“ and guillemets «...». Only the
outermost pairs are returned; quotes nested in them stay part of their
content. A quote running over several paragraphs (opening mark repeated at
each paragraph, no closing mark until the last) gives one span per
paragraph. An unpaired mark never aborts: the pairs that close are kept and
the rest becomes a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import CUE_LEMMA
from .types import Warning_

_DOUBLE = "d"
_SINGLE = "s"
_GUILLEMET = "g"

# mark -> (family, role) where role is "open", "close" or "either"
_MARKS = {
    '"': (_DOUBLE, "either"),
    "“": (_DOUBLE, "open"),
    "„": (_DOUBLE, "open"),
    "‟": (_DOUBLE, "open"),
    "”": (_DOUBLE, "close"),
    "«": (_GUILLEMET, "open"),
    "»": (_GUILLEMET, "close"),
    "'": (_SINGLE, "either"),
    "‘": (_SINGLE, "open"),
    "‚": (_SINGLE, "open"),
    "’": (_SINGLE, "close"),
    "‹": (_SINGLE, "open"),
    "›": (_SINGLE, "close"),
}
QUOTE_CHARS = "".join(_MARKS)
_OPEN_BEFORE = set(" \t\n\r([{—–-/:;\u00a0") | set(QUOTE_CHARS)
_CLOSE_AFTER = set(" \t\n\r)]}.,;:!?—–-/…\u00a0") | set(QUOTE_CHARS)


@dataclass(frozen=True)
class QuotedSpan:
    """Text between a pair of quote marks (content offsets exclude the marks)."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None: runs on into the next paragraph
    paragraph: int
    family: str = _DOUBLE

    @property
    def outer_start(self) -> int:
        return self.open_mark

    @property
    def outer_end(self) -> int:
        return self.close_mark + 1 if self.close_mark is not None else self.end


def _role(text: str, i: int, lo: int, hi: int) -> str | None:
    """Decide whether the mark at ``i`` opens, closes, or is no quote mark."""
    ch = text[i]
    family, role = _MARKS[ch]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if family == _SINGLE and prev.isalnum() and nxt.isalnum():
        return None  # apostrophe: don't, O’Brien
    if role != "either":
        if family == _SINGLE and role == "open" and nxt.isdigit() and prev in " \t\n(":
            return None  # ’90s written with ‘
        if role == "close" and family != _SINGLE and prev in " \t" and nxt.isalnum():
            return "open"  # ” used as an opening mark
        if role == "open" and (prev.isalnum() or prev in ".,!?…") and nxt in _CLOSE_AFTER:
            return "close"  # “ used as a closing mark ("It's unusual,“ said)
        return role
    if prev == " " and i - 2 >= lo and text[i - 2] in "'’" and nxt in _CLOSE_AFTER:
        return "close"  # a nested quote's close, a space, then ours: "... like, 'Oh, this matters,' " he said
    return _role_by_neighbours(prev, nxt)


def _plural_possessive(text: str, i: int, lo: int, hi: int) -> bool:
    """A single closing mark right after an s and before a lower-case word ("hours’ notice",
    "workers’ rights") is the apostrophe of a plural possessive when a later single mark in the
    paragraph can close the quote; without one ("‘We will win the seats’ he said") it closes."""
    if i == lo or text[i - 1] not in "sS" or i + 2 >= hi or text[i + 1] != " " or not text[i + 2].islower():
        return False
    j = text.find(text[i], i + 1, hi)
    while j != -1:
        if _role(text, j, lo, hi) in ("close", "either"):
            return True
        j = text.find(text[i], j + 1, hi)
    return False


def _role_by_neighbours(prev: str, nxt: str) -> str | None:
    """A mark that can open or close: which, by the characters on either side."""
    can_open = prev in _OPEN_BEFORE and not nxt.isspace()
    can_close = nxt in _CLOSE_AFTER and not prev.isspace()
    if can_open and can_close:
        return "either"
    if can_open:
        return "open"
    if can_close:
        return "close"
    return None  # 5'10", a mark inside a word


def _double_apostrophe(text: str, i: int, lo: int, hi: int) -> str | None:
    """The role of a two-character mark at ``i`` ('' or `` or ‘‘ or ’’), or None."""
    if i + 1 >= hi or text[i] not in "'`‘’" or text[i + 1] != text[i]:
        return None
    if text[i] == "`" or text[i] == "‘":
        return "open"
    return _role_by_neighbours(text[i - 1] if i > lo else " ", text[i + 2] if i + 2 < hi else " ")


def find_quoted_spans(
    text: str, paragraphs: list[tuple[int, int]]
) -> tuple[list[QuotedSpan], list[Warning_]]:
    """Pair quote marks in each paragraph; return the outermost spans."""
    spans: list[QuotedSpan] = []
    warnings: list[Warning_] = []
    carry = False  # the previous paragraph's quote ran on with no closing mark
    for p_index, (lo, hi) in enumerate(paragraphs):
        p_spans, dangling, p_warn = _pair_paragraph(text, lo, hi, p_index)
        spans.extend(p_spans)
        if dangling is not None:
            # A quote left open is a run-on quote when the next paragraph opens
            # with a mark of the same family; otherwise report it.
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            first = _first_char(text, *nxt) if nxt else None
            at_start = _first_char(text, lo, hi) in (dangling[1], dangling[1] - 1)
            if first is not None and _family_at(text, first, *nxt) == dangling[0] and (at_start or not carry):
                end = _rstrip(text, dangling[1] + 1, hi)
                spans.append(QuotedSpan(dangling[1] + 1, end, dangling[1], None, p_index, dangling[0]))
                carry = True
            elif carry and at_start:
                end = _rstrip(text, dangling[1] + 1, hi)
                spans.append(QuotedSpan(dangling[1] + 1, end, dangling[1], None, p_index, dangling[0]))
                carry = False
            else:
                p_warn.append(Warning_("unpaired-quote", f"quote mark at offset {dangling[1]} is never closed", dangling[1]))
                carry = False
        else:
            carry = False
        warnings.extend(p_warn)
    return spans, warnings


def _family_at(text: str, i: int, lo: int, hi: int) -> str | None:
    if _double_apostrophe(text, i, lo, hi):
        return _DOUBLE
    return _MARKS[text[i]][0] if text[i] in _MARKS else None


def _first_char(text: str, lo: int, hi: int) -> int | None:
    for i in range(lo, hi):
        if not text[i].isspace():
            return i
    return None


def _rstrip(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _pair_paragraph(text: str, lo: int, hi: int, p_index: int):
    spans: list[QuotedSpan] = []
    warnings: list[Warning_] = []
    stack: list[tuple[str, int]] = []  # (family, offset of opening mark)
    skip = -1
    for i in range(lo, hi):
        ch = text[i]
        if i <= skip or ch not in _MARKS and ch != "`":
            continue
        pair = _double_apostrophe(text, i, lo, hi)
        if pair:
            # ''...'' and ``...'': two single marks standing for one double mark; the
            # mark's offset is the one next to the content
            role, family = pair, _DOUBLE
            skip = i + 1
            if role == "open" or role == "either" and _DOUBLE not in [f for f, _ in stack]:
                stack.append((_DOUBLE, i + 1))
                continue
        elif ch == "`":
            continue
        else:
            role = _role(text, i, lo, hi)
            if role is None:
                continue
            family = _MARKS[ch][0]
        open_families = [f for f, _ in stack]
        if role == "either":
            role = "close" if family in open_families else "open"
        if role == "close" and family == _SINGLE and _plural_possessive(text, i, lo, hi):
            continue  # "‘Families were given twelve hours’ notice. ... an ambush.’": an apostrophe
        if role == "close":
            if family not in open_families:
                if family != _SINGLE:  # a lone ’ is usually an apostrophe (students’)
                    warnings.append(Warning_("unpaired-quote", f"closing quote mark at offset {i} has no opening mark", i))
                continue
            while stack and stack[-1][0] != family:
                f, at = stack.pop()  # an inner mark left open: forget it
                if f != _SINGLE:
                    warnings.append(Warning_("unpaired-quote", f"quote mark at offset {at} is never closed", at))
            f, at = stack.pop()
            if not stack:
                spans.append(QuotedSpan(at + 1, _rstrip(text, at + 1, i), at, i, p_index, family))
        else:
            if family == _SINGLE and stack and stack[-1][0] == _SINGLE:
                continue  # can't nest singles in singles: an apostrophe
            stack.append((family, i))
    dangling = None
    # singles left open are usually apostrophes or ’90s; keep only a
    # paragraph-initial one as a possible run-on quote
    while stack:
        f, at = stack.pop(0)
        if f == _SINGLE and _first_char(text, lo, hi) != at:
            continue
        dangling = (f, at)
        for f2, at2 in stack:
            if f2 != _SINGLE:
                warnings.append(Warning_("unpaired-quote", f"quote mark at offset {at2} is never closed", at2))
        break
    return spans, dangling, warnings


_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_TITLE_CUES = re.compile(
    r"(?:called|dubbed|titled|entitled|named|nicknamed|known as|so-called|the book|the film|the song|the album|"
    r"the show|the series|the play|the novel|operation|Operation|the term|the word|the phrase|labelled|labeled|"
    r"branded|described as|\b(?:report|study|book|article|essay|documentary|podcast|column|memoir|film|movie|song|"
    r"album|novel|poem|series|op-ed|editorial|headline|exhibition|hashtag))\s*[,:]?\s*$"
)


#: Title cues that also introduce someone's words for a thing: a name only when capitalised.
_NAMING = re.compile(r"(?:called|dubbed|labelled|labeled|branded|described as)\b")


def word_count(s: str) -> int:
    return len(_WORD.findall(s))


_SPEAKING = frozenset("i me my we us our you your it's i'm we're you're".split())


def looks_like_title(content: str) -> bool:
    """Title Case without closing punctuation: "The Lord of the Rings"; from three words on, American
    style's full stop or comma inside the marks is allowed: "All Bets Are Off.", "Collapse: How Societies
    Choose to Fail or Succeed,"."""
    words = _WORD.findall(content)
    end = content.rstrip()[-1:]
    if not words or end in "!?" or end in ".," and (len(words) < 3 or content.rstrip()[-2:-1] in ".,"):
        return False
    if all(w.isupper() for w in words if len(w) > 1):
        return False  # "WE WILL WIN.": shouting, not a title
    if end == "." and ("." in content.rstrip()[:-1] or any(w.lower() in _SPEAKING for w in words)):
        return False  # "You Should Be Criminally Investigated.", "It's Our Time.": a headline's quote
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "de", "la"}
    caps = [w for w in words if w[0].isupper() or w.lower() in small]
    return len(caps) == len(words) and any(w[0].isupper() for w in words[1:] or words)


_SLOGAN_CUES = re.compile(
    r"(?:\b(?:banners?|placards?|signs?|posters?|t-shirts?|shirts?|flags?|graffiti|billboards?|stickers?|bedsheets?)\b"
    r"[^.!?\"“”]{0,40}?\b(?:reading|read|reads|saying|bearing|proclaiming|declaring)"
    r"|\bwith the (?:words|slogan|message|legend))\s*[:,]?\s*$",
    re.IGNORECASE,
)


# a tag that says who spoke, right after a quote that opens its sentence: ', she added when ...', ', said Grimm, a ...'
# (the finite forms of the plainest verbs of speech; not "-ing", which may run on: '"Crazy," calling it ...')
_TAG_LEMMAS = {"say", "add", "ask", "tell", "write", "reply", "respond", "explain", "insist", "declare", "tweet",
               "recall", "continue", "shout", "yell"}
_SPEECH_FORMS = "(?:" + "|".join(sorted(f for f, v in CUE_LEMMA.items() if v in _TAG_LEMMAS and f not in (v, "written") and not f.endswith(
    "ing"))) + ")"
_TAG_VERB = re.compile(r"\s*(?:[\w'’.-]+\s+){0,3}?" + _SPEECH_FORMS + r"\b", re.IGNORECASE)
_SAID_BEFORE = re.compile(r"\b" + _SPEECH_FORMS + r"\s*[,:]\s*$", re.IGNORECASE)
# the tag between the halves of a split quote: ', she said last month, "' (up to the second half's opening mark)
_SPLIT_TAG = re.compile(r"""\s*([^"“”.!?;:]+?),\s*(?:"|“|''|``|‘)""")


def mark_bounds(text: str, span: QuotedSpan) -> tuple[int, int]:
    """Where the quote's marks begin and end, a doubled mark (''...'', ``...'') taken whole: the span's own
    offsets are those of the mark next to the content."""
    start, end = span.open_mark, span.outer_end
    if start > 0 and text[start] in "'`‘’" and text[start - 1] == text[start]:
        start -= 1
    if span.close_mark is not None and end < len(text) and text[end] in "'’" and text[end] == text[span.close_mark]:
        end += 1
    return start, end


def speech_score(text: str, span: QuotedSpan, sentence_start: int, sentence_end: int) -> str:
    """Classify a quoted span as ``"speech"``, ``"fragment"``, ``"title"`` or ``"slogan"``.

    A slogan is words written on a banner or sign ("a banner reading 'No
    teachers, no future'"): a direct quote nobody in particular is said to say.

    Speech is a quote that can stand as a direct quote on its own. A
    fragment is a short quoted phrase: a scare quote, or part of a mixed
    quote when it sits in reported speech (the attribution stage decides).
    """
    content = text[span.start:span.end]
    n = word_count(content)
    opening, closing = mark_bounds(text, span)
    before = text[max(sentence_start, opening - 40):opening]
    if _SLOGAN_CUES.search(text[max(sentence_start, opening - 80):opening]) and n >= 2:
        return "slogan"
    cue = _TITLE_CUES.search(before)
    if cue and not (_NAMING.match(cue.group(0)) and content[:1].islower()):
        return "title"  # (but 'what Mr. Hedge called "the prior economy model"': his words, not a name)
    whole_sentence = (
        text[sentence_start:opening].strip() == ""
        and text[closing:sentence_end].strip(" .,;:!?\u00a0") == ""
    )
    if n >= 2 and looks_like_title(content) and (not whole_sentence or n >= 3):
        return "title"  # a quoted Title Case line of its own is a headline or a title, not speech
    ends = content.rstrip()[-1:]
    if span.close_mark is None or whole_sentence:
        return "speech" if n >= 1 else "fragment"
    if n >= 6:
        return "speech"
    tag = text[closing:sentence_end]
    if text[sentence_start:opening].strip() == "" and ends in (",", "!", "?"):
        if 1 <= word_count(tag) <= 5 and not any(q in tag for q in ('"', "“", "”", "''")):
            return "speech"  # '"They sue," he said.': a quote that opens its sentence, and a short tag closes it
        split = _SPLIT_TAG.match(tag)
        if split and 2 <= word_count(split.group(1)) <= 8:
            return "speech"  # '"After that," she said, "I support ...": the first half of a split quote
        if _TAG_VERB.match(tag):
            return "speech"  # '"Absolutely not," he said of the possibility ...': a tag however long
    if n <= 5 and ends in (".", "!", "?") and _SAID_BEFORE.search(text[max(sentence_start, opening - 30):opening]):
        return "speech"  # 'Priebus said, "Probably."': a whole answer after the cue
    if n >= 3 and ends in (".", ",", "!", "?", "…"):
        return "speech"
    if n >= 3 and text[max(0, opening - 2):opening].rstrip().endswith(":"):
        return "speech"
    return "fragment"
