"""Attribution: find speech cues, the claims they report, and who made them.

Two kinds of evidence meet here. Quote marks (``quotes.py``) give direct
quotes whatever the parse says. The dependency parse gives cues ("said",
"told", "according to"), their subjects (the speaker mention), their
clausal complements (the reported claim), the object of "told" (the
addressee) and "in a statement" / "on Twitter" (the channel).

Each direct quote takes the speaker of the cue next to it; failing that a
sieve of rules decides, from the most to the least reliable: a cue in the
sentence after ("... ." he said), a cue ending with a colon before it, the
last speaker of the same paragraph (a split quote), and the last speaker of
the paragraph before (a quote running on). The rule that decided is kept
with the quote, so a user can see why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ADDRESSEE_VERBS, ANON_NOUNS, CHANNEL_NOUNS, CUE_LEMMA, DOCUMENT_NOUNS, INTENT_VERBS, NP_CUE_VERBS, ORG_ROLES,
    PERSON_ROLES, PP_CUE_VERBS, SPEECH_VERBS, THINK_VERBS, TIME_WORDS, is_known_outlet, is_media_name,
)
from . import stance
from .quotes import QuotedSpan, mark_bounds, speech_score, word_count
from .tree import Tree, base
from .types import DIRECT, INDIRECT, MIXED, ParsedDoc, Sentence

_SUBJ = ("nsubj",)
_MAX_CUE_GAP = 6  # words between a quote and a cue in the next sentence


@dataclass
class MentionRef:
    """A word in a parsed sentence that names a source (resolved in sources.py)."""

    sentence: int
    word: int
    role: str = "speaker"  # speaker, addressee, label (a name as written: "PENCE:", "― Mira Kovač")
    chunk: tuple[int, int] | None = None  # word ids of a surface noun phrase, when the parse gave none
    antecedent: "MentionRef | None" = None  # for a relative pronoun ("Mr. Sanders, who said"): whom it stands for


@dataclass
class Cue:
    sentence: int
    verb: int  # word id of the cue's head word
    start: int
    end: int
    lemma: str
    speaker: MentionRef | None = None
    content: tuple[int, int] | None = None  # reported clause, character offsets
    addressee: MentionRef | None = None
    channel: tuple[int, int] | None = None
    colon: bool = False  # "X said:" introducing a quote
    used: bool = False
    rest: tuple[int, int] | None = None  # "C1, X said, C2": the part of the claim after the cue


@dataclass
class Claim:
    """A quote or reported claim before its speaker is resolved to a Source."""

    start: int
    end: int
    type: str
    sentence: int
    paragraph: int
    cue: Cue | None = None
    rule: str = ""
    speaker: MentionRef | None = None
    inherit_from: "Claim | None" = None  # same speaker as this earlier claim
    confidence: float | None = None  # the learned stage's probability that this is an attribution


_STRONG_CUES = frozenset("said says told tells added adds according".split())
_CLEAR_CUES = frozenset("say tell add warn claim insist deny confirm write explain argue reply respond stress tweet".split())
_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM", "X")
_NP_POS = ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PART", "X")


def cue_lemma(tree: Tree, i: int) -> str:
    w = tree[i]
    return CUE_LEMMA.get(w.text.lower()) or (w.lemma or w.text).lower()


def _is_cue_word(tree: Tree, i: int) -> str | None:
    w = tree[i]
    lemma = cue_lemma(tree, i)
    text = w.text.lower()
    if base(w.deprel) in ("amod", "compound", "nmod", "obj", "obl", "nsubj", "det", "case", "fixed", "flat"):
        return None  # a verb form used as a noun or modifier: "the warning system", "the said report"
    colon = i < len(tree) and tree[i + 1].text == ":"
    if w.text[:1].isupper() and w.text[1:2].islower() and i < len(tree) and tree[i + 1].upos == "PROPN" and tree[
            i + 1].text[:1].isupper() and (tree[i - 1].text.islower() if i > 1 else sum(
            x.text[:1].isupper() for x in tree.words) * 2 < len(tree)):  # (not in a Title Case headline)
        return None  # "Trump campaign spokeswoman Hope Hicks said": a first name the tagger took for a verb
    if base(w.deprel) == "acl" and w.deprel != "acl:relcl" and (w.xpos == "VBN" or text.endswith("ed")) and not colon:
        return None  # "the flood wall promised to Brenica" (but "The engineer, who ..., added:")
    if w.xpos in ("VBN", "VBD") and i > 1 and tree[i - 1].text.lower() in _SUBORDINATORS and not tree.kids(i, "nsubj", "nsubj:pass"):
        return None  # "she said when asked about it": the speaker was asked
    if i == 1 and w.xpos in ("VBN", "VBD") and not colon and not tree.kids(i, "nsubj", "nsubj:pass", "aux", "aux:pass"):
        return None  # "Asked about the dispute, Okoro was blunt": a participle, the subject was asked ("Said X:" has X)
    if lemma in ADDRESSEE_VERBS and tree.kids(i, "aux:pass"):
        return None  # "it had been told of any problem": the subject heard it, the speaker goes unsaid
    prt = [tree[c].text.lower() for c in tree.kids(i, "compound:prt")]
    if prt and prt[0] not in ("out", "back", "in", "on"):
        return None  # "did not show up", "called off", "thought over"
    if lemma in INTENT_VERBS and w.upos == "VERB" and any(tree.kids(c, "mark") for c in tree.kids(i, "xcomp")):
        return "intent"  # "she wants to triple the program": an intention, even for "want" and "hope"
    if lemma in _REQUEST_VERBS and _request(tree, i):
        return "intent"  # "asked the congregation to stand", however the parse hung "to stand"
    if lemma in SPEECH_VERBS and (w.upos in ("VERB", "AUX") or text in _STRONG_CUES):
        return "speech"
    if lemma == "read" and any((tree[k].lemma or tree[k].text).lower() in DOCUMENT_NOUNS for k in tree.kids(i, "nsubj")):
        return "speech"  # "the letter reads: ..."
    if lemma in SPEECH_VERBS and colon and i > 1 and tree[i - 1].upos in ("PROPN", "NOUN", "PRON"):
        return "speech"  # "The New York Times reports: ...", whatever the tagger made of "reports"
    if lemma in ("shoot", "fire", "hit", "snap", "write") and i < len(tree) and tree[i + 1].text.lower() == "back":
        return "speech"  # "Toulani shot back"
    if lemma in THINK_VERBS and w.upos == "VERB":
        return "think"
    if lemma in INTENT_VERBS and w.upos == "VERB":
        return "intent"
    if lemma in NP_CUE_VERBS and w.upos == "VERB" and tree.kids(i, "obj", "iobj") or _pp_object(tree, i):
        return "np"  # "Christie endorsed Trump", "Bush referred to Rubio as a bright leader"
    return None


def _request(tree: Tree, i: int) -> list[int] | None:
    """'asked the congregation to stand': the object and the infinitive the parse hung from it."""
    for o in tree.kids(i, "obj"):
        for a in tree.kids(o, "acl"):
            if a > o and any(tree[m].text.lower() == "to" for m in tree.kids(a, "mark")):
                return tree.trim(list(range(min(tree.subtree(o)), max(tree.subtree(a)) + 1)))
    return None


def _before_parenthesis(tree: Tree, j: int, lo: int = 1, most: int = 8) -> int:
    """The word before a parenthesis that ends at ``j`` ("Authority (BHA)", "Kasich (R-OH)"), else ``j``."""
    if j <= lo or tree[j].text != ")":
        return j
    k = j - 1
    while k > lo and tree[k].text != "(" and j - k < most:
        k -= 1
    return k - 1 if k > lo and tree[k].text == "(" else j


def _name_between(tree: Tree, lo: int, hi: int) -> tuple[int, int] | None:
    """Words ``lo``..``hi`` as a proper name of two words or more, a parenthesis after it allowed
    ("Gov. John Kasich (R-OH)"), where an apposition would be a description ("head of the Observatory")."""
    hi = _before_parenthesis(tree, hi, lo)
    if hi - lo < 1 or not all(tree[k].upos == "PROPN" and tree[k].text[:1].isupper() for k in range(lo, hi + 1)):
        return None
    return lo, hi


def _after_to(tree: Tree, i: int) -> bool:
    """Is ``i`` an infinitive after "to" ("to say")?"""
    return i > 1 and tree[i - 1].upos == "PART" and tree[i - 1].text.lower() == "to"


def _np_left(tree: Tree, i: int) -> tuple[int, int] | None:
    """The noun phrase ending just before word ``i`` (skipping an apposition set off by commas)."""
    if _after_to(tree, i):
        return None  # "tweeted on Friday to say ...": an infinitive has no subject on its left
    j = i - 1
    while j >= 1 and tree[j].upos == "ADV" and tree[j].text.lower() in ("also", "later", "then", "further", "repeatedly", "previously"):
        j -= 1
    j = _before_parenthesis(tree, j)  # "the Brennmoor Health Authority (BHA) said"
    if j >= 1 and tree[j].text == ",":
        # "X, head of Y, said" / "X, who leads Y, said": skip to the comma that opens it
        k = j - 1
        while k >= 1 and j - k < 30 and tree[k].text not in (",", '"', "“", "”", ";", ":"):
            k -= 1
        if k >= 1 and tree[k].text == ",":
            name = _name_between(tree, k + 1, j - 1)
            if name:
                return name  # "after winning Ohio in the primary, Gov. John Kasich (R-OH), said": a stray comma
            j = k - 1
        else:
            return None
    end = j
    while j >= 1 and tree[j].text not in (",", '"', "“", "”"):
        w = tree[j]
        if j == end and j == i - 1 and w.upos == "VERB" and j > 1 and tree[j - 1].upos in ("PROPN", "NOUN", "ADJ"):
            j -= 1  # "the Observatory monitor said": a noun the tagger took for a verb
        elif w.upos in _NP_POS or w.text in ("-", "'s", "’s", "'", "’") and j > 1 and tree[j - 1].text[:1].isupper() or (
                _title_gerund(tree, j)):
            j -= 1
        elif w.text.lower() in ("of", "for", "and", "de") and j < end and j > 1 and tree[j + 1].text[:1].isupper() and tree[j - 1].text[:1].isupper():
            j -= 1  # inside a name: "Observatory for Human Rights"
        elif w.text.lower() in ("of", "for", "from", "at", "with", "to", "on", "in", "near", "across", "outside", "inside") and j < end and j > 1 and (
                tree[j - 1].upos in ("NOUN", "PROPN") or tree[j - 1].text.lower() in ("familiar", "close", "loyal", "near", "opposed")) \
                and tree[j + 1].upos in ("DET", "PROPN", "NOUN", "ADJ", "NUM"):
            j -= 1  # "a senior diplomat from a GSCC member state"
        else:
            break
    start = j + 1
    while start <= end and tree[start].upos in ("ADP", "PART") or start <= end and tree[start].text in ("-", "of", "for"):
        start += 1
    if start > 1 and tree[start - 1].upos == "ADP" and tree[end].upos == "PROPN":
        # "In a Bloomberg interview Trump said": the phrase is a prepositional one; the name speaks
        k = end
        while k - 1 >= start and tree[k - 1].upos == "PROPN":
            k -= 1
        if k > start and tree[k - 1].upos == "NOUN":
            start = k
    if start <= end and tree[end].text.lower() in TIME_WORDS:
        return None  # "In one tweet Friday, ..."
    if start > end or not any(tree[k].upos in _NOMINAL for k in range(start, end + 1)):
        if end >= 1 and tree[end].upos == "PRON":
            return end, end
        return None
    return start, end


def _interviewer(tree: Tree) -> tuple[int, int] | None:
    """Whom the words were given to, named apart from the cue: "in an interview with the
    Greyhaven Echo", "Addressing several thousand supporters, ..."."""
    for j, w in enumerate(tree.words, 1):
        low = w.text.lower()
        if low == "interview" and j + 1 < len(tree) and tree[j + 1].text.lower() == "with":
            right = _np_right(tree, j + 1)
            if right and tree[right[0]].text.lower() not in ("him", "her", "them", "me", "us"):
                return right
        if low in ("addressing", "telling") and (j == 1 or tree[j - 1].text == ","):
            right = _np_right(tree, j)
            if right:
                cut = next((k for k in range(right[0] + 1, right[1] + 1) if tree[k].upos == "ADP"), None)
                return (right[0], cut - 1) if cut else right  # "several thousand supporters (in the capital)"
    return None


def _np_right(tree: Tree, i: int) -> tuple[int, int] | None:
    """The noun phrase right after word ``i`` ("said Mayor Lena Hartwig")."""
    j = i + 1
    start = j
    while j <= len(tree) and (tree[j].upos in _NP_POS or tree[j].upos == "PRON" and j == start or _title_gerund(tree, j)) and (
            tree[j].text not in (",", ".", '"')):
        if j > start and tree[j].upos == "DET":
            break  # a second noun phrase begins: "told Reuters the repairs ..."
        if j > start and tree[j].upos == "ADJ" and tree[j].text[:1].islower() and tree[j - 1].upos in ("NOUN", "PROPN"):
            break  # "told reporters most of the cuts ..."
        j += 1
    end = j - 1
    if end < start or not any(tree[k].upos in _NOMINAL for k in range(start, end + 1)):
        return None
    return start, end


def _title_gerund(tree: Tree, j: int) -> bool:
    """A gerund inside a title, between nouns: "transport planning director", "managing editor"."""
    return (tree[j].xpos == "VBG" and 1 < j < len(tree) and tree[j - 1].upos in ("NOUN", "PROPN")
            and tree[j + 1].upos in ("NOUN", "PROPN") and tree[j].text[:1].islower())


def _head_of(tree: Tree, start: int, end: int) -> int:
    """The head word of a chunk: the last nominal of its first noun run
    ("sources close to the club" -> sources, "a diplomat from a member state" -> diplomat)."""
    head = None
    for k in range(start, end + 1):
        w = tree[k]
        if w.upos in _NOMINAL or w.upos == "ADJ" and head is None or w.text in ("-", "'s", "’s", "'", "’") and head is not None:
            if w.upos in _NOMINAL:
                head = k
            continue
        if w.upos == "DET" and head is None:
            continue
        if k > start and tree[k - 1].text == "-" or head is not None and _title_gerund(tree, k):
            continue  # "Britain-based", "Kurdish-led": one word split in three; "planning director"
        if head is not None:
            if w.text.lower() in ("of", "for", "and", "de") and k + 1 <= end and tree[k + 1].text[:1].isupper() and tree[head].text[:1].isupper():
                continue  # inside a name: "Observatory for Human Rights"
            break
    if head is not None:
        return head
    for k in range(end, start - 1, -1):
        if tree[k].upos in _NOMINAL:
            return k
    return end


def _quote_in(tree: Tree, spans: list[QuotedSpan]) -> bool:
    """Does a quotation open in this sentence?"""
    return any(tree.sentence.start <= sp.open_mark < tree.sentence.end for sp in spans)


def _to_quote_end(tree: Tree, ids: list[int], spans: list[QuotedSpan]) -> list[int]:
    """``ids`` to the closing mark of a quote they end inside ('as a “work in progress.”': the parse left out
    the stop and the mark)."""
    lo, hi = tree.span(ids)
    for sp in spans:
        if lo <= sp.open_mark and sp.start < hi < sp.outer_end:
            return sorted(set(ids) | {j for j in range(max(ids), len(tree) + 1) if tree[j].start < sp.outer_end})
    return ids


def _holds_quote(tree: Tree, ids: list[int], spans: list[QuotedSpan]) -> bool:
    """Do the words ``ids`` hold a whole quote of the sentence and two words more?"""
    lo, hi = tree.span(ids)
    return any(lo <= sp.open_mark and sp.end <= hi and sum(
        tree[j].upos != "PUNCT" and not sp.open_mark <= tree[j].start < sp.outer_end for j in ids) >= 2 for sp in spans)


def _inside(spans: list[QuotedSpan], start: int, end: int) -> bool:
    return any(s.open_mark <= start and end <= s.outer_end for s in spans)


def find_cues(doc: ParsedDoc, spans: list[QuotedSpan]) -> list[Cue]:
    """Every speech cue in the parsed sentences, outside quotation content."""
    cues = []
    for sent in doc.sentences:
        if not sent.parsed:
            continue
        tree = Tree(sent)
        mine: list[Cue] = []
        near = [sp for sp in spans if sp.open_mark < sent.end and sent.start < sp.outer_end]
        for w in sent.words:
            if near and _inside(near, w.start, w.end):
                continue  # cue verbs must occur *outside* any quotation content
            if w.text.lower() == "according" and w.id < len(tree) and tree[w.id + 1].text.lower() == "to":
                cue = _according_to(doc, tree, w.id)
                if cue:
                    mine.append(cue)
                continue
            kind = _is_cue_word(tree, w.id)
            if kind:
                cue = _verb_cue(doc, tree, w.id, kind, spans)
                if cue:
                    mine.append(cue)
        _end_before_next_speaker(tree, mine)
        cues += mine
    return cues


def _end_before_next_speaker(tree: Tree, cues: list[Cue]) -> None:
    """A reported clause ends where the sentence goes on to another speaker and cue that a comma sets off:
    "When the moderator pointed out that C1, the candidate said C2" (the parse may run C1 on to the end)."""
    for c in cues:
        if not c.content:
            continue
        cs, ce = c.content
        if cs < c.start:
            continue  # "C, X said": what runs on after the cue is not in question
        for d in cues:
            if d is c or d.speaker is None or not cs < d.start < ce or d.speaker.word >= d.verb:
                continue
            first = d.speaker.chunk[0] if d.speaker.chunk else d.speaker.word
            while first > 1 and tree[first - 1].upos in ("DET", "ADJ", "PROPN", "NOUN", "NUM") and tree[first - 1].start > cs:
                first -= 1
            k = first - 1
            if k > 1 and tree[k].text in _QUOTE_MARKS and tree[k - 1].text == ",":
                k -= 1  # '..., far less,” one of the prosecutors said'
            if k > 1 and tree[k].text == "," and tree[k].start > cs and sum(
                    cs <= w.start < tree[k].start and w.upos != "PUNCT" for w in tree.words) >= 3:
                c.content = (cs, tree[k - 1].end)
                break


_SPAN_WORDS = frozenset("minute hour day week month year moment".split())


def _subject(tree: Tree, i: int, depth: int = 0, *, pronoun: bool = False) -> int | None:
    """The word naming who does ``i``: its subject, or the subject of the verb it hangs from. Through a relative
    pronoun the noun it relates to ("X, who said C": X), or with ``pronoun`` the pronoun itself."""
    subj = tree.kids(i, "nsubj")
    w = tree[i]
    if subj and tree[subj[0]].text.lower() in _RELATIVE and (w.deprel or "").startswith("acl") and w.head:
        if pronoun:
            return subj[0]
        h = w.head
        if tree[h].text.lower() in TIME_WORDS:
            # "a letter from his doctor Friday afternoon that says C": the clause belongs to the nearest
            # noun before the time words that the verb governs, not to "afternoon"
            h = next((k for k in range(h - 1, 0, -1) if tree[k].upos in ("NOUN", "PROPN")
                      and tree[k].text.lower() not in TIME_WORDS
                      and base(tree[k].deprel) in ("obj", "nsubj", "nsubj:pass", "appos", "iobj")), h)
        return h  # "X, who said C": the antecedent speaks
    if subj:
        s0 = subj[0]
        if (tree[s0].lemma or tree[s0].text).lower() in _SPAN_WORDS:
            # "..., hours after international observers said C": the parse made the time its subject
            after = [k for k in tree.kids(s0, "nmod") if any(tree[c].text.lower() in ("after", "before", "since")
                                                                for c in tree.kids(k, "case"))]
            if after:
                return after[0]
        return s0
    passive = tree.kids(i, "nsubj:pass")
    if passive and cue_lemma(tree, i) in ("quote", "cite", "report") or passive and (tree[i].lemma or "").lower() in ("quote", "cite"):
        return passive[0]  # "X was quoted as saying"
    if passive or tree.kids(i, "csubj"):
        return None
    if depth < 3 and w.head:
        rel = w.deprel or ""
        if rel.startswith("conj") or rel == "xcomp":
            return _subject(tree, w.head, depth + 1, pronoun=pronoun)
        if rel in ("advcl",) and w.text.lower().endswith("ing"):
            h = tree[w.head]
            if i > 1 and tree[i - 1].text == "," and h.deprel == "ccomp" and h.head and cue_lemma(
                    tree, h.head) in SPEECH_VERBS:
                # "said there was no call planned, adding: ...": the one who said it adds, however the parse
                # hung the participle inside what was said
                return _subject(tree, h.head, depth + 1, pronoun=pronoun)
            return _subject(tree, w.head, depth + 1, pronoun=pronoun)  # "..., saying C"
        if rel.startswith("acl"):
            h = tree[w.head]
            if h.upos in ("NOUN", "PROPN", "PRON"):
                return w.head  # "officials saying C", "X, who said C"
    return None


def _relative_subject(tree: Tree, i: int) -> int | None:
    """The relative pronoun through which ``_subject`` found the speaker of ``i``, if it did: "Mr. McConnell,
    who has both endorsed Mr. Trump and criticized C" ("who"). The pronoun is the mention, as annotators
    mark it; the noun it stands for names the source."""
    k = _subject(tree, i, pronoun=True)
    return k if k is not None and tree[k].text.lower() in _WH_RELATIVE and k != _subject(tree, i) else None


def _speaker_ref(tree: Tree, subj: int, chunk: tuple[int, int] | None, rel: int | None) -> "MentionRef":
    """The mention of a cue's speaker: the relative pronoun, standing for ``subj``, when the subject was
    found through one; else ``subj`` itself (a relative pronoun after a comma stands for the noun phrase
    before it however the parse hung its clause)."""
    n = tree.sentence.index
    if rel is not None and rel != subj:
        return MentionRef(n, rel, antecedent=MentionRef(n, subj, chunk=chunk))
    antecedent = _antecedent(tree, subj)
    return MentionRef(n, subj, chunk=chunk, antecedent=MentionRef(n, antecedent[0], chunk=antecedent[1]) if antecedent else None)


_NP_LINKS = frozenset("of for as over about".split())
_BARE_PRONOUNS = frozenset("it this that them him her me us you these those one".split())


#: Verbs that report what a document or a poll found: "a Fox News poll shows Sanders with 47 percent".
_EVIDENCE_VERBS = frozenset("show find reveal indicate suggest confirm".split())
_EVIDENCE_NOUNS = DOCUMENT_NOUNS | frozenset("email e-mail result number statistic polling".split())
#: Verbs whose object and infinitive are a request: "asked the congregation to stand".
_REQUEST_VERBS = ("ask", "urge")


def _evidence(tree: Tree, i: int) -> bool:
    """Is ``i`` a verb like "show" whose subject is a poll, a report or a record?"""
    return cue_lemma(tree, i) in _EVIDENCE_VERBS and any(
        (tree[k].lemma or tree[k].text).lower() in _EVIDENCE_NOUNS for k in tree.kids(i, "nsubj"))


def _pp_object(tree: Tree, i: int) -> int | None:
    """The object of "referred to X", "pointed to X" (the noun after the preposition)."""
    preps = PP_CUE_VERBS.get(cue_lemma(tree, i))
    if not preps or tree[i].upos != "VERB":
        return None
    return next((o for o in tree.kids(i, "obl") if o > i and any(
        tree[c].text.lower() in preps for c in tree.kids(o, "case"))), None)


def tells_what_was_done(tree: Tree, i: int) -> bool:
    """Is the verb ``i`` in a form that reports an act: "endorsed", "endorses", "endorsing", "has endorsed",
    "did not endorse"; not "would endorse" or "to endorse" (also what scripts/cue_stats.py counts)."""
    w = tree[i]
    auxes = {(tree[a].lemma or "").lower() for a in tree.kids(i, "aux")}
    return w.xpos in ("VBD", "VBZ", "VBP", "VBG") or w.xpos == "VBN" and "have" in auxes or w.xpos == "VB" and "do" in auxes


def _np_content(tree: Tree, i: int) -> list[int] | None:
    """What a stance verb's object holds: "endorsed Trump", "accused Republicans of placing ...",
    "described the plan as a disaster", "cited low economic growth"."""
    evidence = _evidence(tree, i)
    objs = [o for o in tree.kids(i, "obj", *(("iobj",) if evidence else ())) if o > i] or [
        o for o in tree.kids(i, "iobj") if o > i]  # ("criticized Sanders for ...": the parse's one object)
    pp = _pp_object(tree, i)
    objs = objs or ([pp] if pp else [])
    if not objs or not tells_what_was_done(tree, i):
        return None  # "would endorse", "refused to criticize": not something that was said
    o = objs[0]
    ids = set(tree.subtree(o)) - ({c for c in tree.kids(o, "case")} if o == pp else set())
    for x in tree.kids(i, tree[o].deprel):
        if x > o and tree[x].upos == "PROPN" and min(tree.subtree(x)) == max(ids) + 1 and not tree.kids(x, "case") and (
                tree[x].text.lower() not in TIME_WORDS):
            ids |= set(tree.subtree(x))  # "endorsed Mrs. Clinton" as two objects: a name the parse broke in two
    if o > 1 and tree[o - 1].text.lower() == "her" and tree[o - 1].head == i and not tree.kids(o, "det", "nmod:poss"):
        ids.add(o - 1)  # "announcing her run": the parse took the possessive for a second object
    for x in tree.kids(i):
        dep = base(tree[x].deprel)
        if x <= o or dep not in ("obl", "advcl", "xcomp"):
            continue
        links = {tree[k].text.lower() for k in tree.kids(x, "case")} | {
            tree[k].text.lower() for k in tree.kids(x, "mark") if tree[k].text.lower() != "as"}
        head = tree[x].text.lower()
        if evidence and dep in ("obl", "xcomp") and head not in TIME_WORDS:
            ids |= set(tree.subtree(x))  # "shows Sanders with 47 percent versus Clinton"
            continue
        if dep == "advcl" and "to" in links and tree[x].xpos == "VB" and not any(
                tree[k].text == "," for k in range(o, min(tree.subtree(x)))):
            ids |= set(tree.subtree(x))  # "dismissed Obama's actions to regulate gun sales"
            continue
        if dep == "advcl" and not links & _NP_LINKS:
            continue  # "criticized X, saying ...", "... when he spoke": another clause
        if dep == "obl" and (head in TIME_WORDS or head in CHANNEL_NOUNS or tree[x].upos == "NUM"
                             or links & {"on", "at", "during", "after", "before", "since", "in"} and not links & _NP_LINKS):
            continue  # "on Monday", "in a statement", "at the rally": when and where, not what
        ids |= set(tree.subtree(x))  # "accused X of Y", "blamed X for Y", "described X as Y", "his reliance on Z"
    ids = tree.trim(tree.contiguous(sorted(ids), o))
    if not ids or len(ids) == 1 and tree[ids[0]].text.lower() in _BARE_PRONOUNS:
        return None  # "defended it": nothing a reader can check
    return ids


def _characterises(tree: Tree, i: int, mark: int) -> bool:
    """'Trump has called the pact "insanity"', 'called the idea a "ridiculous proposition"': a quoted word in
    lower case after the object, by someone who called it so once ("called", "has called", "calls"; not
    "they call"), is what they said of it; a capitalised one is the name it goes by ('call it "Old Iron"')."""
    lower_case = mark < len(tree) and tree[mark + 1].text[:1].islower()
    return lower_case and tells_what_was_done(tree, i) and tree[i].xpos not in ("VBP", "VBG")


def _content_ids(tree: Tree, i: int, kind: str) -> list[int] | None:
    if kind == "np":
        return _np_content(tree, i)
    # a clause after the cue first: "X, who spoke on condition of anonymity, said C"
    comp = sorted(tree.kids(i, "ccomp"), key=lambda c: (c < i, c))
    # "The Board, which must approve the deal, said ...": a relative clause the parse took for what was said
    comp = [c for c in comp if not (c < i and any(tree[k].text.lower() in _WH_RELATIVE for k in tree.kids(c, "nsubj", "nsubj:pass")))]
    # "... shows Sanders with 47 percent versus Clinton, who has 44 percent": nor one after it, set off by a comma
    comp = [c for c in comp if not (c > i and any(tree[k].text.lower() in _WH_RELATIVE and tree[k - 1].text == ","
                                                  for k in tree.kids(c, "nsubj", "nsubj:pass")))]
    # "When the moderator pointed out that C1, the candidate said C2": a "that" clause before the cue is the
    # object of the verb before it, however the parse hung it
    comp = [c for c in comp if not (c < i and any(tree[m].text.lower() == "that" for m in tree.kids(c, "mark")) and any(
        tree[k].upos == "VERB" and k < min(tree.subtree(c)) for k in range(1, c)))]
    if kind == "speech" and tree[i].text.lower() not in _STRONG_CUES and cue_lemma(tree, i) not in _CLEAR_CUES and not (
            _evidence(tree, i)):
        kind = "think"  # "declare", "show", "find": only with a clause of their own (but "a poll shows")
    if kind == "speech":
        comp = comp or [c for c in tree.kids(i, "parataxis") if tree[c].upos in ("VERB", "AUX", "ADJ", "NOUN", "PROPN")
                        and not any(tree[k].text.lower() in _WH_RELATIVE for k in tree.kids(c, "nsubj"))]
        comp = comp or [c for c in tree.kids(i, "xcomp") if tree.kids(c, "nsubj", "nsubj:pass", "cop")]
    if kind == "intent":
        # "X plans to C", "X called for C", "X urged Y to C"
        comp = [c for c in tree.kids(i, "xcomp", "ccomp") if tree.kids(c, "mark") or tree[c].upos == "VERB"]
        if cue_lemma(tree, i) == "call":
            comp = []  # "call X Y" names; only "called for/on" reports,
            objs = sorted(o for o in tree.kids(i, "obj", "iobj") if o > i)  # (the parse may take X for an iobj)
            if objs:
                # ... and "Pepper called the decision a “huge win for Ohio voters”": a partial quote he gave
                o = objs[0]
                parts = [o] + [x for x in tree.kids(i, "xcomp", "obj", "obl") if x > o and tree[x].text.lower() not in TIME_WORDS]
                hi = max(max(tree.subtree(x)) for x in parts)
                # (the parse may hang the object's "the" on the predicate: "called the ruling a ...")
                lo = min(min(tree.subtree(x)) for x in parts)
                ids = tree.trim(list(range(lo, hi + 1)))
                marks = [j for j in ids[1:] if tree[j].text in ('"', "“", "‘", "'")]
                if len(ids) >= 3 and marks and tree[marks[0] - 1].text.lower() != "the" and (
                        len(ids) - (marks[0] - ids[0]) >= 4 or _characterises(tree, i, marks[0])):
                    return ids  # not a name it goes by: 'residents call the crossing the "rattler"'
                pred = [x for x in tree.kids(i, "xcomp", "obj") if x > o]  # the parse may take "a fascist" for an object
                if pred and tree[i].xpos in ("VBD", "VBZ", "VBG") and (tree[pred[0]].upos == "ADJ" or tree[pred[0]].xpos in (
                        "VBN", "VBD") or any(
                        tree[d].text.lower() in ("a", "an") for d in tree.kids(pred[0], "det"))):
                    return ids  # "O'Malley called Trump a fascist", "Bush called Trump unhinged" (not "the rattler")

        if not comp and cue_lemma(tree, i) in ("call", "demand", "urge"):
            comp = [o for o in tree.kids(i, "obl") if [tree[c].text.lower() for c in tree.kids(o, "case")] in (["for"], ["on"])]
            if comp:
                # "called for footage to be released": what is called for, without "for", with what follows it
                o = comp[0]
                ids = [j for j in tree.subtree(o) if j not in tree.kids(o, "case")]
                ids += [j for x in tree.kids(i, "xcomp", "advcl") if x > o for j in tree.subtree(x)]
                ids = tree.trim(tree.contiguous(sorted(set(ids)), o))
                return ids if len(ids) >= 1 else None
        if not comp:
            return _request(tree, i) if cue_lemma(tree, i) in _REQUEST_VERBS else None
        c = comp[0]
        ids = tree.trim(tree.contiguous(tree.subtree(c), c))
        return ids if len(ids) >= 2 else None
    if comp:
        c = comp[0]
        if kind == "think" and not (tree.kids(c, "nsubj", "nsubj:pass", "expl") or tree.kids(c, "mark")):
            return None
        ids = tree.subtree(c)
        if c > i:
            # 'says he has “extraordinarily good health”' parsed as two clauses of "says": both are what was said
            ids = sorted(set(ids).union(*(tree.subtree(d) for d in comp[1:] if d > i)))
        ids = tree.trim(tree.contiguous(ids, c), drop_that=True)
        return ids or None
    w = tree[i]
    subjects = tree.kids(i, "nsubj")
    first = min(tree.subtree(subjects[0])) if subjects else i
    if kind == "speech" and w.head and base(w.deprel) in ("parataxis", "ccomp", "advcl") and w.head < i and w.xpos != "VBG" and not any(
            tree[c].text.lower() in _SUBORDINATORS for c in tree.kids(i, "mark", "advmod")) and (
            # set off from the claim: "C, X said", '"C" X said', not "less equal than its billing suggests"
            first > 1 and tree[first - 1].upos == "PUNCT") and not (
            subjects and tree[subjects[0]].text.lower() in _WH_RELATIVE):  # (nor "from a young child, who said")
        # "C, X said": the claim is the clause the cue hangs from, without the cue
        skip = frozenset(tree.subtree(i))
        ids = [j for j in tree.subtree(w.head) if j not in skip and j < min(skip)]
        ids = tree.trim(ids)
        return ids or None
    return None


def _addressee(tree: Tree, i: int, lemma: str) -> int | None:
    if lemma in ADDRESSEE_VERBS:
        objs = tree.kids(i, "iobj") or tree.kids(i, "obj")
        for o in objs:
            if tree[o].upos in ("PROPN", "NOUN", "PRON", "X") and tree[o].text.lower() not in ("it", "that", "this") and 0 < o - i <= 5:
                return o
        # "told AFP" where the parse missed the object
        if i < len(tree) and tree[i + 1].upos == "PROPN" or i + 1 < len(tree) and tree[i + 1].upos == "DET" and tree[i + 2].upos in ("PROPN", "NOUN"):
            j = i + 1 if tree[i + 1].upos == "PROPN" else i + 2
            while j < len(tree) and tree[j + 1].upos == "PROPN":
                j += 1
            return j
    for o in tree.kids(i, "obl"):
        cases = [tree[c].text.lower() for c in tree.kids(o, "case")]
        if cases == ["to"] and tree[o].upos in ("PROPN", "NOUN"):
            return o
    return None


def _channel(tree: Tree, i: int) -> tuple[int, int] | None:
    for o in tree.kids(i, "obl", "nmod"):
        cases = [tree[c].text.lower() for c in tree.kids(o, "case")]
        if cases and cases[0] in ("in", "on", "via", "through", "during") and (tree[o].lemma or tree[o].text).lower() in CHANNEL_NOUNS:
            ids = tree.subtree(o, skip=("acl", "acl:relcl", "punct"))
            ids = tree.contiguous(ids, o)
            return tree.span(tree.trim(ids))
    return None


def _after_quote_speaker(tree: Tree, i: int) -> tuple[int, tuple[int, int]] | None:
    """'"...," Rami Abdel Rahman, head of the Observatory, told AFP': the name right after the quote."""
    k = i - 1
    while k >= 1 and i - k < 30 and tree[k].text not in ('"', "”", "''", "’"):
        k -= 1
    if k < 2 or tree[k].text not in ('"', "”", "''", "’") or tree[k - 1].text not in (",", "?", "!", "—", "-", "…") and tree[k + 1].text != ",":
        return None
    start = k + 1
    if start < len(tree) and tree[start].text == ",":
        start += 1
    if start >= i:
        return None
    right = _np_right(tree, start - 1)
    if not right or right[1] >= i:
        return None
    nxt = tree[right[1] + 1].text if right[1] + 1 <= len(tree) else ""
    if right[1] + 1 != i and nxt != ",":
        return None
    return _head_of(tree, *right), right


_RELATIVE = frozenset("who which that whom whose".split())
_WH_RELATIVE = _RELATIVE - {"that"}  # "that" may also open a clause
# "Clinton was booed when she said C": the clause the cue hangs from is not what was said
_SUBORDINATORS = frozenset("when as after before while if because since although though until once whenever".split())
_QUESTION_VERBS = frozenset("ask wonder question inquire enquire".split())


def _plausible_subject(tree: Tree, subj: int, i: int, spans: list[QuotedSpan]) -> bool:
    """Reject subjects a weak parse makes up: inside a quote, inside the claim, a relative pronoun, a date."""
    w = tree[subj]
    if w.upos not in _NOMINAL or w.text.lower() in _RELATIVE:
        return False
    if w.text.lower() in TIME_WORDS and not (subj > 1 and tree[subj - 1].upos == "PROPN" and tree[subj - 1].text[:1].isupper()):
        return False  # "Monday", but not "Theresa May"
    if _inside(spans, w.start, w.end):
        return False
    if subj > i:
        prev = tree[i - 1].text if i > 1 else ""
        if i != 1 and prev not in (",", '"', "”", "’", "'", "''", ":") or subj - i > 6:
            return False  # only "..., said X" puts the speaker after the cue
    return True


def _lost_subject(tree: Tree, i: int) -> tuple[int, tuple[int, int]] | None:
    """The noun phrase right before the main verb of a sentence whose subject the parse lost ("The day after
    the primary, Republican Gov. Doug Ducey called C", with the name hung on "primary"; "Even some of
    Clinton's allies have described C"): only a finite, active main verb, with its auxiliaries and adverbs."""
    w = tree[i]
    if tree.kids(i, "nsubj", "nsubj:pass", "csubj", "aux:pass", "expl"):
        return None
    if w.head and base(w.deprel) == "conj" and tree[w.head].head == 0 and w.head < i:
        return _lost_subject(tree, w.head)  # "... Rick Scott (R) blasted Congress and said C": the first verb's
    if w.head != 0:
        return None
    aux = [a for a in tree.kids(i, "aux") if a < i]
    if w.xpos not in ("VBD", "VBZ", "VBP") and not any(tree[a].xpos in ("MD", "VBD", "VBZ", "VBP") for a in aux):
        return None
    j = i
    while j > 1 and (j - 1 in aux or tree[j - 1].upos == "ADV" and tree[j - 1].head == i or tree[j - 1].text.lower() == "not"):
        j -= 1
    left = _np_left(tree, j)
    if not left or left[1] != j - 1 and tree[j - 1].text != ")":  # (or "Sen. Bernie Sanders (I-Vt.) apologized")
        return None
    head = _head_of(tree, *left)
    return (head, left) if tree[head].upos in ("NOUN", "PROPN", "PRON", "NUM", "DET") else None


def _surface_speaker(tree: Tree, i: int) -> tuple[int, tuple[int, int]] | None:
    """Speaker by position, for when the parse gives no subject."""
    # "an engineer who spoke on condition of anonymity told AFP": the noun before the relative clause
    for r in range(i - 1, max(1, i - 14), -1):
        w = tree[r]
        if w.upos == "PUNCT" or w.upos == "VERB" and r != i - 1 and cue_lemma(tree, r) in SPEECH_VERBS and r < i - 8:
            break
        if w.text.lower() in ("who", "which") and r > 1 and tree[r - 1].upos in ("NOUN", "PROPN"):
            left = _np_left(tree, r)
            if left:
                return _head_of(tree, *left), (left[0], i - 1)  # the relative clause describes the speaker
            break
    left = _np_left(tree, i)
    if left:
        return _head_of(tree, *left), left
    if i > 2 and tree[i - 2].text in (",", ":") and tree[i - 1].text.lower() in PERSON_ROLES | ORG_ROLES:
        # a headline's "C, monitor says": a bare role noun, whatever the tagger made of it
        return i - 1, (i - 1, i - 1)
    prev = tree[i - 1].text if i > 1 else ""
    if prev in (",", '"', "”", "'", "’", "''") or i == 1:
        right = _np_right(tree, i)
        if right:
            # "said Rami Abdel Rahman, head of ...": stop before the apposition
            return _head_of(tree, *right), right
    return None


_QUOTE_MARKS = frozenset(('"', "“", "”", "''", "``", "‘", "’", "'"))


def _cut_at_boundary(tree: Tree, ids: list[int], cue: int | None = None) -> list[int]:
    """End a reported clause where another begins: "..., saying that D", "... -- assuming D",
    "...; D", "..., and the downgrade is casting D" (a new subject after ", and" or ", while")."""
    n = len(tree)
    # "the angry — and at times violent — rhetoric": dashes in pairs set off an aside in the claim
    paired = sum(1 for p in ids if tree[p].text in ("--", "—", "–")) % 2 == 0
    for p in range(min(ids) + 2, max(ids) + 1):
        w = tree[p]
        v = p + 2 if p + 2 <= n and tree[p + 1].upos == "ADV" else p + 1  # "and (also) warned"
        stop = w.text == ";" or w.text in ("--", "—", "–") and not paired or (
            # "said C and warned that D": a cue verb of the same speaker, however the parse hung it;
            # "tweeted C and posted a photograph": whatever the speaker did next, joined to the cue itself
            w.upos == "CCONJ" and v <= n and tree[v].upos == "VERB"
            # (a cue word that reports a clause of its own: "and warned that D", not "and wanted a candidate who")
            and (_is_cue_word(tree, v) is not None and (tree.kids(v, "ccomp") or tree[v].head == cue)
                 or cue is not None and tree[v].head == cue and base(tree[v].deprel) == "conj"
                 and tree[v].xpos == tree[cue].xpos)
            and not tree.kids(v, "nsubj", "nsubj:pass"))
        if w.text == "," and p + 1 <= n:
            nx = tree[p + 1]
            stop = nx.xpos == "VBG" and cue_lemma(tree, p + 1) in CUE_LEMMA.values() and nx.text.lower() != "including" or (
                (nx.upos == "CCONJ" or nx.text.lower() in ("although", "though") or nx.text.lower() in ("while", "whereas") and any(
                    _is_cue_word(tree, k) for k in range(p + 2, n + 1))) and p + 2 <= n
                and tree[p + 2].text.lower() != "that"  # "said C1, but that C2": the same report goes on
                and any(
                    (tree[k].deprel or "").startswith("nsubj") and tree[k].head and tree[tree[k].head].upos in ("VERB", "AUX", "ADJ")
                    # "..., but he hasn't endorsed her": after "but", only the writer's word on the speaker
                    and (nx.text.lower() != "but" or tree[k].text.lower() in ("he", "she", "they") and k == p + 2)
                    for k in range(p + 2, min(n, p + 5) + 1)))
        if stop:
            kept = tree.trim([j for j in ids if j < p])
            return kept if len(kept) >= 2 else ids
    return ids


_ASIDE_OPENERS = frozenset("which who whom whose where".split())


def _drop_closing_aside(tree: Tree, ids: list[int]) -> list[int]:
    """End a claim before what the writer adds about its last noun, set off by a comma and running to its end:
    a relative clause ("... fears of the Zika virus, which is spread by mosquitoes") or an apposition
    ("... to repeal the Hyde Amendment, a federal provision that ...")."""
    last = max(ids)
    while last > min(ids) and tree._is_punct(last) and tree[last].text not in ('"', "”", "’", "'", "»"):
        last -= 1
    for p in ids:
        if p < last and tree[p].text in ('"', "”", "''") and tree[p - 1].text == "," and p - min(ids) >= 3 and \
                tree[p + 1].upos in ("ADP", "ADV", "SCONJ") and not any(
                tree[j].xpos in ("VBD", "VBZ", "VBP", "MD") for j in range(p + 1, last + 1)):
            # 'doesn't want “that crap,” in an interview with CNN on Sunday': where and when, after the quote
            return [j for j in ids if j <= p]
        if p < last and tree[p].text in ('"', "”", "''") and tree[p - 1].text == "," and p - min(ids) >= 3 and (
                tree[p + 1].text.lower() in ("although", "though", "while", "whereas") or tree[p + 1].xpos == "VBG"):
            # 'was “a terrible mistake,” although he supports ...', 'represents “New York values,” stating ...':
            # the writer goes on after the quote
            return [j for j in ids if j <= p]
        if tree[p].text != "," or p - min(ids) < 2 or p + 1 > last:
            continue
        nx = tree[p + 1]
        if nx.text.lower() in ("which", "who") and (nx.deprel or "").startswith("nsubj") and p - min(ids) >= 3 and not any(
                tree[j].text == "," and j < last and tree[j + 1].upos in ("VERB", "AUX") for j in range(p + 2, last)):
            # "... interviewed by the FBI, which is conducting its own probe": the writer's clause about the last
            # noun, however the parse hung it, when nothing after it returns to the claim (", is unsafe")
            kept = tree.trim([j for j in ids if j < p])
            return kept if len(kept) >= 2 else ids
        head = nx.head  # of "which": the relative clause's verb; of "a": the apposition's noun
        rel = tree[head].deprel if head else None
        # (an apposition the parse took for a conjunct: "the Hyde Amendment, a federal provision")
        aside = rel == "acl:relcl" and nx.text.lower() in _ASIDE_OPENERS or nx.upos == "DET" and (
            rel == "appos" or rel == "conj" and not tree.kids(head, "cc"))
        sub = tree.subtree(head) if aside else []
        if aside and tree[head].head is not None and tree[head].head < p and min(sub) >= p and max(sub) >= last:
            kept = tree.trim([j for j in ids if j < p])
            return kept if len(kept) >= 2 else ids
    return ids


def _quote_just_before(tree: Tree, i: int, subj: int | None) -> bool:
    """'"...," said X' or '"...," X said': a closing mark right before the cue or the
    speaker's first word ``subj``."""
    k = i - 1
    if subj is not None and subj < i:
        k = min(k, subj - 1)
        while k >= 1 and tree[k].upos in ("PROPN", "NOUN", "DET", "ADJ", "NUM"):
            k -= 1  # the rest of the speaker's name: "Mr. Obama"
    while k >= 1 and tree[k].upos == "ADV":
        k -= 1
    return k >= 2 and tree[k].text in ('"', "”", "''", "’") and tree[k - 1].text in (",", "?", "!", "—", "…")


def _interrupted(tree: Tree, i: int, subj: int | None) -> tuple[list[int], list[int]] | None:
    """"C1, X said, C2.": a claim the cue interrupts, as two parts (as a split quote is two quotes)."""
    n = len(tree)
    if subj is None:
        return None
    first = min(i, subj)
    if tree[subj].text.lower() in _WH_RELATIVE or (tree[i].deprel or "").startswith("acl") and (first == 1 or tree[first - 1].text != ","):
        return None  # "Gene Sperling, a policy maker who is now advising X, hired ...": a relative clause
    k1 = first - 1
    while k1 >= 1 and tree[k1].text != "," and first - k1 <= 8:
        if tree[k1].upos in ("VERB", "AUX", "CCONJ") or tree[k1].text in (";", ":") or tree[k1].text.lower() in _WH_RELATIVE:
            return None  # (nor "C1, but she said almost nothing ..., C2": a clause of its own)
        k1 -= 1
    if k1 < 2 or tree[k1].text != ",":
        return None
    k2 = i + 1
    while k2 <= n and tree[k2].text not in (",", "—", "–") and k2 - i <= 8:
        if tree[k2].upos in ("VERB", "AUX") or tree[k2].text.lower() in ("that", ";", ":", "."):
            return None
        k2 += 1
    if k2 > n or tree[k2].text not in (",", "—", "–"):
        return None
    if any(min(tree.subtree(o)) < k2 < max(tree.subtree(o)) for o in tree.kids(i, "obj")):
        return None  # "Late last month, the company wrote a detailed, six-page letter": the comma is inside its object
    if any(i < min(tree.subtree(o)) < k2 for o in tree.kids(i, "obj", "ccomp", *(("iobj",) if cue_lemma(tree, i) == "say" else ()))):
        # 'In a two-minute response, Cruz said "CNN" five times, and ...', "Speaking on the radio, Kiedis said
        # his band and Brian Burton, AKA Danger Mouse, wrote ..." (the parse took "his band" for an object of
        # "said"): what the cue says begins before the comma
        return None
    if any(tree[j].text in _QUOTE_MARKS for j in (k1 - 1, k2 + 1) if 1 <= j <= n):
        return None  # '"C1," X said, "C2"': a split quote, which the quotes stage handles
    head = tree.trim(list(range(1, k1)))
    rest = tree.trim(list(range(k2 + 1, n + 1)))
    if not head or len(rest) < 2 or not any(tree[j].upos in ("VERB", "AUX") for j in head + rest):
        return None
    tops = [j for j in rest if tree[j].head not in rest]
    if any(base(tree[j].deprel) in ("appos", "acl") or tree[j].deprel == "acl:relcl" for j in tops):
        return None  # '"C," said Steven Taylor, a chairman of ...': who the speaker is, not more of the claim
    if subj > i and not any(tree[j].upos in ("VERB", "AUX") for j in rest):
        return None  # "C, said David Gilbert, its president and CEO.": however the parse hung the description
    return head, rest


def _content_before(tree: Tree, i: int, subj: int | None) -> list[int] | None:
    """"C, X said (on Monday)." -- the claim is everything before the comma."""
    after = [w for w in tree.words[i:] if w.upos != "PUNCT" or w.text in (":", '"', "“", "”")]
    # "C, said Michael O'Hanlon, a senior fellow at the Brookings Institution.": after an inverted cue, the
    # speaker and a description of any length, with no verb of its own
    # ("..., said Matt Latimer, a speechwriter who worked in the Bush White House.": a relative clause may describe him)
    rel = next((k for k, w in enumerate(after) if k > 1 and w.text.lower() in ("who", "whose")), len(after))
    described = subj is not None and subj > i and len(after) <= 25 and not any(
        w.text in (":", '"', "“", "”") or w.upos in ("VERB", "AUX") and w.xpos in ("VBD", "VBZ", "VBP", "MD")
        for w in after[:rel])
    if (len(after) > 5 or any(w.text in (":", '"', "“", "”") or w.upos == "VERB" for w in after)) and not described:
        return None
    if tree.kids(i, "obj"):
        return None  # "..., but he hasn't endorsed it or conceded the vote": the cue has its own object
    first = min([i] + ([subj] if subj else []))
    k = first - 1
    if subj is None and k >= 1 and tree[k].text != ",":
        return None
    while k >= 1 and tree[k].text != ",":
        if tree[k].upos == "VERB" or tree[k].text.lower() in _WH_RELATIVE:
            return None  # (not "aimed at Megyn Kelly, who he claims has been unfair")
        k -= 1
    if k <= 1:
        return None
    # "C, the French club's sporting director, Claire Dumont, said": the description is the speaker's
    k2 = k - 1
    while k2 >= 1 and tree[k2].text != "," and k - k2 <= 9 and not (
            tree[k2].upos in ("VERB", "AUX") and tree[k2].xpos not in ("VBG", "VBN")):
        k2 -= 1
    if subj is not None and subj > k and k2 > 1 and tree[k2].text == "," and k - k2 > 2 and tree[k - 1].upos == "NOUN" and tree[k - 1].text[:1].islower():
        k = k2
    ids = tree.trim(list(range(1, k)))
    if len(ids) >= 3 and any(tree[j].upos in ("VERB", "AUX") for j in ids):
        return ids
    return None


def _surface_content(tree: Tree, i: int, subj: int | None, after_only: bool = False) -> list[int] | None:
    """Content by position: "C, X said." or "X said (that) C." (only the latter when ``after_only``)."""
    n = len(tree)
    # "C, X said." -- a comma then only the speaker between C and the cue, and
    # nothing much after the cue ("C, X told reporters on Monday.")
    after = [w for w in tree.words[i:] if w.upos != "PUNCT" or w.text in (":", '"', "“", "”")]
    if after_only or len(after) > 5 or any(w.text in (":", '"', "“", "”") or w.upos == "VERB" for w in after) or tree.kids(i, "obj"):
        first = 0  # (not "C, but he hasn't endorsed it or conceded": the cue's own object, another verb)
    else:
        first = min([i] + ([subj] if subj else []))
    k = first - 1
    if subj is None and k >= 1 and tree[k].text != ",":
        k = 0  # no speaker, and no comma before the cue: "... one of them had snapped last week"
    while k >= 1 and tree[k].text != ",":
        if tree[k].upos == "VERB" or tree[k].text.lower() in _WH_RELATIVE:
            k = 0  # "C, making the plan less popular than its name suggests": the cue is not set off by the comma
            break
        k -= 1
    if k > 1 and (subj is None or subj > k):
        ids = tree.trim(list(range(1, k)))
        if len(ids) >= 3 and any(tree[j].upos in ("VERB", "AUX") for j in ids):
            return ids
    # "X said (on Monday) that C."
    for j in range(i + 1, min(n, i + 8) + 1):
        if tree[j].text.lower() == "that" and tree[j].upos in ("SCONJ", "PRON", "DET"):
            ids = tree.trim(list(range(j + 1, n + 1)))
            return ids if len(ids) >= 3 else None
        if tree[j].text in (",", ":", '"', "“", "”"):
            break
    # "X said C." with a clause the parse did not see as one
    if cue_lemma(tree, i) in _CLEAR_CUES and subj is not None and subj < i:
        ids = tree.trim(list(range(i + 1, n + 1)))
        marks = [j for j in ids if tree[j].text in ('"', "“", "”", ":")]
        # (a quote may sit inside the clause: 'saying the government would “not walk away” from ...')
        # (a gerund may be the clause's subject: "says going through a dark time has allowed him to ...")
        opens = len(ids) >= 4 and (tree[ids[0]].upos in ("DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM") or tree[
            ids[0]].xpos == "VBG" and any(tree[j].xpos in ("VBZ", "VBD", "VBP", "MD") for j in ids))
        if opens and any(tree[j].upos in ("VERB", "AUX") for j in (ids[:marks[0] - ids[0]] if marks else ids)) and not any(
                tree[j].text == ":" for j in marks):
            obj = set().union(*(tree.subtree(o) for o in tree.kids(i, "obj")))
            if obj and all(j in obj and (tree[j].deprel or "").startswith("acl") and tree[j - 1].text == ","
                           for j in ids if tree[j].upos in ("VERB", "AUX")):
                # "wrote a detailed letter to X, calling C": an object that clauses set off describe (but "told
                # reporters most of its members owned ...": a clause the parse took for an object)
                return None
            return ids
    return None


def _ends_phrase(tree: Tree, k: int) -> bool:
    """Whether the noun phrase headed by ``k`` (its modifiers, not what the parse hung after them) ends the
    sentence or is set off by a comma: "..., said Joe Smith, a spokesman." but not "said places such as Iowa ..."."""
    j = max([k] + [d for d in tree.kids(k, "flat", "compound", "nmod", "amod", "det") if d > k for d in tree.subtree(d)])
    return j == len(tree) or tree[j + 1].text in (",", ".", ";", "—", "–", "(")


def _verb_cue(doc: ParsedDoc, tree: Tree, i: int, kind: str, spans: list[QuotedSpan]) -> Cue | None:
    w = tree[i]
    lemma = cue_lemma(tree, i)
    ids = _content_ids(tree, i, kind)
    if kind in ("think", "intent", "np") and not ids:
        return None
    up = tree[i].head or 0
    if base(tree[i].deprel) == "xcomp" and up and (cue_lemma(tree, up) in ("decline", "refuse") or tree.kids(up, "advmod") and any(
            tree[a].text.lower() == "too" for a in tree.kids(up, "advmod"))):
        return None  # "declined to say whether C", "it is too soon to say whether C": nothing was said
    if kind == "intent" and (tree.kids(i, "aux:pass", "nsubj:pass") or (tree[i].deprel or "").startswith("acl")):
        return None  # "strikes have been called for ...", "who refused to intervene"
    subj = _subject(tree, i)
    by_relative = subj
    # (the parse may hang the speaker of "C, said Joe Smith." as an object of "said")
    objects = ("nsubj", "iobj", "obj") if cue_lemma(tree, i) in ("say", "add") and not tree.kids(i, "nsubj") else ("nsubj",)
    inverted = [k for k in tree.kids(i, *objects) if k > i and all(
        tree[j].upos in ("DET", "ADJ", "PROPN", "NOUN", "NUM") for j in range(i + 1, k)) and (
        tree[k].deprel == "nsubj" or tree[k].upos in ("PROPN", "NOUN") and _ends_phrase(tree, k))]
    if kind == "speech" and i > 1 and tree[i - 1].text == "," and inverted:
        subj = inverted[0]  # "C, said Michael O'Hanlon": the subject after the cue, whatever else the parse hung on it
    chunk = None
    if subj is not None and not _plausible_subject(tree, subj, i, spans):
        subj = None
    if subj is not None and kind == "speech":
        # "Ingrid Sollberg, Tidewatch's head of mission, said": the parse may take
        # the apposition for the subject; the name before it is the speaker
        left = _np_left(tree, i)
        if left and left[1] < subj < i and (tree[_head_of(tree, *left)].upos == "PROPN" or tree[left[1] + 1].text == ","):
            subj, chunk = _head_of(tree, *left), left
        elif left and subj < left[0] and left[1] == i - 1 and left[0] > 1 and tree[left[0] - 1].text == ",":
            subj, chunk = _head_of(tree, *left), left  # "C, the X said": the words before the cue speak
    if kind == "speech":
        # the most regular pattern of all, whatever the parse says
        found = _after_quote_speaker(tree, i)
        if found and (subj is None or not found[1][0] <= subj <= found[1][1]):
            subj, chunk = found
    if w.xpos == "VBG" and i > 2 and not tree.kids(i, "nsubj"):
        # "..., with O'Malley calling Trump a fascist": the noun after "with" does it, not the clause's subject
        k = next((k for k in range(i - 1, 0, -1) if tree[k].upos in ("PROPN", "NOUN", "PRON")
                  and any(tree[c].text.lower() == "with" for c in tree.kids(k, "case"))), None)
        if k is not None and max(tree.subtree(k, skip=("acl", "acl:relcl"))) == i - 1:
            subj = k
    # "..., adding that C", also after a quote that ends in its comma ('was “a disgrace,” adding that C')
    after_comma = i > 2 and (tree[i - 1].text == "," or tree[i - 1].text in ('"', "”", "''") and tree[i - 2].text == ",")
    # "tweeted on Friday to say that C": an infinitive of purpose, likewise, unless someone else was made to
    purpose = w.xpos == "VB" and i > 2 and _after_to(tree, i)
    if subj is None and (w.xpos == "VBG" and after_comma or purpose):
        # "Clinton chimed in on Twitter, saying that C", '"...," the businessman said, arguing that C':
        # the participle shares the subject of the verb before it, however the parse hung it
        # the main verb first ("The coastguard denied that its officers had told ..., saying C"), then the nearest
        roots = [j for j in range(1, i - 1) if tree[j].head == 0]
        for j in roots + list(range(i - 2, 0, -1)):
            if tree[j].upos != "VERB" or _inside(spans, tree[j].start, tree[j].end):
                continue
            if purpose and any(j < k < i for k in tree.kids(j, "obj", "iobj")):
                break  # "the council asked him to say C": the one asked speaks
            s2 = _subject(tree, j)
            if s2 is not None and s2 < j and _plausible_subject(tree, s2, j, spans):
                subj = s2
                left = _np_left(tree, j)
                chunk = left if left and left[0] <= s2 <= left[1] else None
                break
    if subj is None and kind == "speech":
        found = _surface_speaker(tree, i)
        if found:
            subj, chunk = found
    if subj is None:
        found = _lost_subject(tree, i)
        if found:
            subj, chunk = found
    if subj is not None and kind == "speech":
        left = _np_left(tree, i)
        if left and left[0] <= subj <= left[1] and left[1] == i - 1 and subj != _head_of(tree, *left):
            # "sources familiar with the talks said": the parse took a noun of the modifier
            subj, chunk = _head_of(tree, *left), left
    if subj is not None and tree[subj].upos == "NOUN" and i > 3 and tree[i - 1].text == ",":
        # "The mayor of Oster, Lena Hartwig, said": the name in commas is the speaker
        k = i - 2
        while k > subj and tree[k].upos == "PROPN":
            k -= 1
        if k > subj and tree[k].text == "," and k + 1 <= i - 2:
            subj, chunk = i - 2, (k + 1, i - 2)
    addr_chunk = None
    if lemma in ADDRESSEE_VERBS and i < len(tree):
        # "told AFP (that) C": the first noun phrase after the cue is whom it was told to
        right = _np_right(tree, i)
        if right and right[1] < len(tree):
            addr_chunk = right
            if ids and min(ids) <= right[1]:
                ids = [j for j in ids if j > right[1]]
                ids = tree.trim(ids, drop_that=True) or None
    if ids and min(ids) > i + 1 and kind == "speech":
        gap = list(range(i + 1 + (addr_chunk[1] - addr_chunk[0] + 1 if addr_chunk else 0), min(ids)))
        that = next((j for j in gap if tree[j].text.lower() in ("that", "whether") and tree[j].upos == "SCONJ"), None)
        if that is not None:
            if not any(tree[j].upos in ("VERB", "AUX") for j in range(gap[0], that)):
                # "said (in a statement) that C1 and that C2": the clause begins after the first "that",
                # whatever the parse hung the words between it and the clause it found
                ids = sorted(set(ids) | set(range(that + 1, min(ids))))
            gap = []
        elif gap and tree[gap[0]].text.lower() in ("that", "whether"):
            gap = gap[1:]
        # ("said the bridge, which opened in 1990, is unsafe": a relative clause in commas is part of it)
        aside = {j for r in gap if tree[r].deprel == "acl:relcl" for j in tree.subtree(r)}
        aside |= {j for j in gap if tree[j].text == "," and (j + 1 in aside or j - 1 in aside)}
        # (quote marks in pairs are a partial quote inside it: 'said the ''old model'' of private golf clubs ...')
        marks = [j for j in gap if tree[j].text in ('"', "“", "”") and j not in aside]
        if gap and tree[gap[0]].upos not in ("ADP", "ADV", "PUNCT", "SCONJ", "CCONJ") and not any(
                tree[j].text in (",", ":", ";") for j in gap if j not in aside) and len(marks) % 2 == 0:
            # "said the delay was ...", "said he rated ... and talked about ...":
            # the parse cut off the start of the clause; it begins right after the cue
            ids = sorted(set(ids) | set(gap))
    if ids and len(ids) > 2 and tree[ids[0]].text.lower() == "that" and ids[0] - 1 in (i, addr_chunk[1] if addr_chunk else i):
        ids = ids[1:]  # "warned that delays were possible", whatever the tagger made of "that"
    if ids and kind == "speech" and subj is not None and subj < min(ids) and max(ids) < i and any(
            tree[j].upos in ("VERB", "AUX") for j in range(i + 1, len(tree) + 1)):
        ids = None  # "Jeffrey Salkin, a rabbi helping to organize the boycott, said C": who speaks, not what
    quoted = kind == "speech" and _quote_just_before(tree, i, chunk[0] if chunk else subj) and not (
        w.xpos == "VBG" and after_comma)  # ('"...," the mayor said, arguing that C': C is said too)
    if quoted and ids and min(ids) > i:
        ids = None  # '"...," said Alan Cole, an economist at ...': the quote is what was said
    if ids and min(ids) > i and tree[min(ids)].text.lower() in _SUBORDINATORS and not (
            lemma in _QUESTION_VERBS and tree[min(ids)].text.lower() == "if"):
        ids = None  # "said after Pagliano failed to show up": when it was said, not what (but "asked if C")
    rest = None
    inter = _interrupted(tree, i, subj) if kind == "speech" else None
    if inter:
        ids, rest = inter
    elif kind == "speech":
        # "C, X said.": the whole stretch before the comma, however the parse split it
        # (not from a relative clause: "As it happens, this was the change the party warned about")
        relative = (tree[i].deprel or "").startswith("acl") and tree[i].head and tree[i].head < i  # (or "office, asking")
        # (nor when the cue has a clause of its own after it: "When asked about the cracks, Hartwig said the bridge
        # was safe")
        clause_after = ids and min(ids) > i and len(ids) >= 3 and any(tree[j].upos in ("VERB", "AUX") for j in ids) and (
            subj is not None and subj < i)
        before = _content_before(tree, i, subj) if not relative and not clause_after else None
        if before:
            ids = before
        elif not ids and not quoted:  # ('"...," Trump told NBC's Today show': not what follows)
            ids = _surface_content(tree, i, subj, after_only=relative)
    if ids and min(ids) > i and kind == "speech" and not inter and not (tree[i].deprel or "").startswith("acl"):
        # "X said (that) C", "X wants to C": the claim runs to the end of the sentence
        last = len(tree)
        while last > max(ids) and tree[last].upos == "PUNCT" and tree[last].text not in ('"', "”", "’"):
            last -= 1
        tail = [j for j in range(max(ids) + 1, last + 1)]
        main_after = base(tree[i].deprel) == "advcl" and (tree[i].head or 0) > i
        if tail and not any(tree[j].text in (";",) for j in tail) and not main_after:
            # (but "When the moderator pointed out that C, the candidate said D": C ends where the main clause begins)
            ids = sorted(set(ids) | set(tail))
        ids = _cut_at_boundary(tree, ids, i)
    if not ids and kind == "speech" and (lemma in NP_CUE_VERBS or _evidence(tree, i)):
        ids = _np_content(tree, i)  # "Trump repeated his claim", "she announced her resignation"
        if ids and _quote_in(tree, spans):
            if not _holds_quote(tree, _to_quote_end(tree, ids, spans), spans):
                ids = None  # (a quote in the sentence is what was said; but 'described his skills as a "work in
                # progress"' is one claim holding a partial quote)
        kind = "np" if ids else kind
    if ids and subj is not None and min(ids) <= subj <= max(ids):
        ids = None  # the "claim" holds the speaker: a misparse
    if ids and _inside(spans, tree[min(ids)].start, tree[max(ids)].end):
        ids = None  # part of a direct quote: the quote itself is the claim
    cue_ids = [i] + [c for c in tree.kids(i, "compound:prt", "aux", "aux:pass") if c > i or tree[c].deprel == "compound:prt"]
    cue_ids = [c for c in cue_ids if tree[c].deprel != "aux" or abs(c - i) <= 2]
    start, end = tree.span(sorted(cue_ids))
    if ids and min(ids) > i and not inter:
        ids = _drop_closing_aside(tree, ids)
    if ids and not inter:
        ids = _to_quote_end(tree, ids, spans)
    content = None
    if ids and (len(ids) >= 2 or kind == "np" or inter):
        content = tree.span(ids)  # "Greensboro, Sexton said, made him question ...": one word and the rest
    nxt = tree[i + 1].text if i < len(tree) else ""
    if addr_chunk is None:
        addr_chunk = _interviewer(tree)
    addr = _head_of(tree, *addr_chunk) if addr_chunk else _addressee(tree, i, lemma)
    return Cue(
        sentence=tree.sentence.index, verb=i, start=start, end=end, lemma=lemma,
        speaker=_speaker_ref(tree, subj, chunk, _relative_subject(tree, i) if subj == by_relative else None) if subj else None,
        content=content,
        addressee=MentionRef(tree.sentence.index, addr, "addressee", chunk=addr_chunk) if addr else None,
        channel=_channel(tree, i),
        colon=nxt in (":", ",") and not content,
        rest=tree.span(rest) if rest and content else None,
    )


def _ends_source(tree: Tree, j: int, first: bool) -> bool:
    """Does word ``j`` end the source after "according to": a comma or stop, or (not as its first word) a verb
    in lower case ("the Associated Press", whatever the tagger made of "Associated") or a relative pronoun
    ("sources who have seen it")?"""
    w = tree[j]
    if w.text in (",", ".", ";", ":", "—", "–"):
        return True
    return not first and (w.upos == "VERB" and not w.text[:1].isupper()
                          or w.text.lower() in _RELATIVE and w.upos in ("PRON", "DET"))


def _according_to(doc: ParsedDoc, tree: Tree, i: int) -> Cue | None:
    """"According to X, C" and "C, according to X"."""
    n = len(tree)
    sent = tree.sentence.index
    start, end = tree[i].start, tree[i + 1].end
    # the source: the words after "to" up to a comma or the end
    j = i + 2
    while j <= n and not _ends_source(tree, j, first=j == i + 2):
        j += 1
    src_ids = [k for k in range(i + 2, j) if tree[k].upos != "PUNCT" or i + 2 < k < j - 1]
    if not any(tree[k].upos in _NOMINAL or tree[k].upos == "PRON" for k in src_ids):
        return None  # "according to" with no one after it
    head = _head_of(tree, src_ids[0], src_ids[-1])
    lead = [k for k in range(1, i) if tree[k].upos not in ("PUNCT", "CCONJ", "ADV")]
    rest = tree.trim(list(range(j + 1, n + 1))) if j <= n and tree[j].text == "," else []
    root = next((k for k in range(1, n + 1) if tree[k].head == 0), 0)
    if not lead or len(rest) >= 2 and root in rest:
        # "According to X, C.", and "Since November, according to X, C": the main clause after X
        ids = rest if lead else tree.trim(list(range(j + 1, n + 1)))
    else:
        ids = tree.trim(list(range(1, i)))  # C, according to X.
    if len(ids) < 3:
        return None
    speaker = MentionRef(sent, head, chunk=(src_ids[0], src_ids[-1]))
    before = tree.trim(list(range(1, i)))
    while before and tree[before[0]].upos in ("CCONJ", "PUNCT"):
        before = before[1:]
    clause = before and tree[before[0]].text.lower() in _SUBORDINATORS | {"whereas"} and any(
        tree[k].upos in ("VERB", "AUX") for k in before)  # ("While most were elevated, according to X, C")
    if lead and ids and min(ids) > i and len(before) >= 2 and not clause:
        # "Since last November, according to Human Rights Watch, C": a claim "according to" interrupts, in two
        # parts (as "C1, X said, C2")
        return Cue(sent, i, start, end, "according to", speaker=speaker, content=tree.span(before), rest=tree.span(ids))
    return Cue(sent, i, start, end, "according to", speaker=speaker, content=tree.span(ids))


def _sentence_of(doc: ParsedDoc, offset: int) -> Sentence | None:
    for s in doc.sentences:
        if s.start <= offset < s.end or (s.start <= offset and offset <= s.end):
            return s
    return None


def _strip_trailing_comma(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ", ;:\u00a0\n":
        end -= 1
    return end


def attribute(doc: ParsedDoc, spans: list[QuotedSpan]) -> list[Claim]:
    """Turn quoted spans and cues into claims, each with a speaker mention or a rule."""
    text = doc.text
    cues = find_cues(doc, spans)
    by_sentence: dict[int, list[Cue]] = {}
    for c in cues:
        by_sentence.setdefault(c.sentence, []).append(c)

    speech, fragments = [], []
    claims: list[Claim] = []
    for sp in spans:
        s = _sentence_of(doc, sp.open_mark)
        e = _sentence_of(doc, max(sp.outer_end - 1, sp.open_mark))
        if s is None:
            continue
        lo = s.start
        hi = (e or s).end
        label = speech_score(text, sp, lo, hi)
        if label == "slogan":
            # words on a banner: a direct quote with no speaker, and none to inherit
            claims.append(Claim(sp.start, _strip_trailing_comma(text, sp.start, sp.end), DIRECT, s.index,
                                s.paragraph, rule="slogan"))
        elif label == "speech":
            speech.append((sp, s, e or s))
        elif label == "fragment":
            fragments.append(sp)

    direct_of_cue: dict[int, Claim] = {}
    for sp, s, e in speech:
        end = _strip_trailing_comma(text, sp.start, sp.end)
        stage = _STAGE_DIRECTION.match(text, sp.start)
        if stage and stage.end() >= end:
            continue  # '"(CROSSTALK.)"' in a transcript
        label = _INNER_LABEL.match(text, sp.start)
        if label and label.end() < end:
            # '"PENCE: Well, look, ..."': a transcript's speaker label inside the quote marks
            claim = Claim(label.end(), end, DIRECT, s.index, s.paragraph, rule="label",
                          speaker=_words_at(doc, s, label.start(1), label.end(1)))
            if claim.speaker is not None:
                claims.append(claim)
                continue
        claim = Claim(sp.start, end, DIRECT, s.index, s.paragraph)
        cue = _cue_for_quote(doc, sp, s, e, by_sentence)
        if cue is not None:
            c_obj, rule = cue
            if c_obj.content and _covers(c_obj.content, (sp.open_mark, sp.end)) and (
                word_count(text[c_obj.content[0]:sp.open_mark]) + word_count(text[sp.outer_end:c_obj.content[1]]) >= 2
            ):
                # a quote inside a longer reported clause: a mixed quote, made below
                fragments.append(sp)
                continue
            claim.cue, claim.rule, claim.speaker = c_obj, rule, c_obj.speaker
            c_obj.used = True
            direct_of_cue[id(c_obj)] = claim
        claims.append(claim)

    # reported speech: cues with a clause of their own, not already a direct quote
    for cue in cues:
        if not cue.content or id(cue) in direct_of_cue:
            continue
        cs, ce = cue.content
        parts = [cue.content] + ([cue.rest] if cue.rest else [])
        # a quote with no cue of its own inside the reported clause ("Trump, Sexton said, has created a
        # “strange, ... zone.”"): part of a mixed quote, not a quote of its own
        held = [c for c in claims if c.type == DIRECT and c.cue is None and any(
            a <= c.start and c.end <= b + 2 and word_count(text[a:b]) - word_count(text[c.start:c.end]) >= 2
            for a, b in parts)]
        if any(_overlap((cs, ce), (c.start, c.end)) > 0.5 * min(ce - cs, c.end - c.start)
               for c in claims if c.type == DIRECT and c not in held):
            continue
        claims = [c for c in claims if c not in held]
        s = doc.sentences[cue.sentence]
        for cs, ce in parts:
            frag = [f for f in fragments if cs <= f.open_mark and f.end <= ce + 2]
            inner = [c for c in held if cs <= c.start and c.end <= ce + 2]
            ce2 = max([ce] + [f.outer_end for f in frag] + [c.end for c in inner])
            claims.append(Claim(cs, ce2, MIXED if frag or inner else INDIRECT, s.index, s.paragraph, cue, "parse",
                                cue.speaker))
        cue.used = True

    claims = _one_claim_per_clause(_drop_nested(claims))
    claims = _headline(doc, claims)
    claims.sort(key=lambda c: c.start)
    _sieve_unattributed(doc, claims)
    _alternate_exchange(doc, claims)
    proposed: dict[int, tuple] = {}  # the learned stage's candidates, by sentence, made once for both steps
    _rescope(doc, spans, claims, proposed)
    # last, so that the sieves above never take a learned claim's speaker for a quote's
    learned = _learned(doc, spans, claims, cues, proposed)
    if learned:
        claims = sorted(claims + learned, key=lambda c: c.start)
    return claims


def _drop_nested(claims: list[Claim]) -> list[Claim]:
    """A reported clause inside another one is part of that claim, not a claim of its own: "she told
    Cuomo she believed that Clinton would release a transcript", "said the candidates all plan to skip the
    event", "said ... and that the agency would fly again" (the same cue). Only a report of what someone
    else said stays, a link in a chain of sources: "Carter said that aides said C".

    On the held-out PolNeAR training articles three in four nested claims were not annotated, and
    half of those kept ("said") were."""
    outer = [c for c in claims if c.rule == "parse"]

    def inside(c: Claim, o: Claim) -> bool:
        return o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start and (
            c.cue.lemma != "say" or c.cue is o.cue)

    return [c for c in claims if not (c.rule == "parse" and any(inside(c, o) for o in outer))]


def _one_claim_per_clause(claims: list[Claim]) -> list[Claim]:
    """One clause that two cues report ("had to respond to videos showing that C", "argue ... believes C") is
    one claim: the first cue's, or the first to name a speaker."""
    first: dict[tuple[int, int], Claim] = {}
    for c in claims:
        if c.rule == "parse":
            k = (c.start, c.end)
            if k not in first or first[k].speaker is None and c.speaker is not None:
                first[k] = c
    return [c for c in claims if c.rule != "parse" or first[(c.start, c.end)] is c]


_NAMING_VERBS = frozenset("know call name dub nickname refer".split())
_ANONYMITY = re.compile(r"(?:not to be|that (?:he|she|they) not be) (?:named|identified)|(?:on )?condition of anonymity", re.I)


def _antecedent(tree: Tree, k: int) -> tuple[int, tuple[int, int]] | None:
    """The head and the words of the noun phrase that a relative pronoun right after a comma stands for,
    however the parse hung its clause: "a response from Donald Trump Jr., who suggested ..." (Trump)."""
    if tree[k].text.lower() not in _WH_RELATIVE or k < 3 or tree[k - 1].text != ",":
        return None
    end = start = k - 2
    while start > 1 and (tree[start - 1].upos in ("PROPN", "NOUN", "ADJ", "NUM", "DET") or tree[start - 1].text in (
            "'s", "’s", "-", ".")):
        start -= 1
    while start < end and tree[start].upos not in ("PROPN", "NOUN", "ADJ", "NUM", "DET"):
        start += 1
    head = _head_of(tree, start, end)
    return (head, (start, end)) if tree[head].upos in ("PROPN", "NOUN") else None


def _learned_speaker(tree: Tree, i: int) -> int | None:
    """Who holds the stance of a learned claim: the agent of a passive ("is backed by X"; none when
    unnamed: "is expected to C"), a possessive ("Clinton's attack on Trump"), else the subject."""
    chain = [i] + ([tree[i].head] if tree[i].deprel == "xcomp" and tree[i].head else [])
    if any(tree.kids(j, "aux:pass", "nsubj:pass") for j in chain):
        return next((k for j in chain for k in tree.kids(j, "obl:agent")), None)
    if tree[i].upos == "NOUN":
        by = [k for k in tree.kids(i, "nmod") if any(tree[c].text.lower() == "by" for c in tree.kids(k, "case"))]
        return next(iter(tree.kids(i, "nmod:poss") + by), None)
    subj = _subject(tree, i)
    if subj is None and tree[i].xpos in ("VBD", "VBZ", "VBP"):
        # a finite verb whose subject the parse lost ("Chairman Jon Tester (D-Mont.) voted"): the phrase before it
        left = _np_left(tree, i)
        if left:
            subj = _head_of(tree, *left)
    return subj


#: From this probability the learned stage may lengthen a rule's reported clause (``_rescope``).
_RESCOPE_MIN = 0.5


def _proposals(spans: list[QuotedSpan], sent: Sentence, memo: dict) -> tuple:
    """(tree, the quotes that reach into the sentence, the learned stage's candidates) of a parsed sentence."""
    if sent.index not in memo:
        tree = Tree(sent)
        memo[sent.index] = (tree, [sp for sp in spans if sp.open_mark < sent.end and sent.start < sp.outer_end],
                            stance.candidates(tree))
    return memo[sent.index]


_WRITER_GOES_ON = re.compile(r"\s*,\s*(?:although|though|but (?:he|she|they))\b", re.IGNORECASE)


def _rescope(doc: ParsedDoc, spans: list[QuotedSpan], claims: list[Claim], memo: dict) -> None:
    """Lengthen the reported clause of a parse cue to the likeliest phrase the learned stage proposes for
    the same cue, when that phrase starts where the rules' clause does and goes further: "citing Mrs. Clinton's
    emphasis on issues like equal pay" (the rules stopped at "emphasis"), "a poll shows Trump far out
    in front of his opponents" (the rules took "Trump"). Never into a quote or another claim."""
    model = stance.default_model()
    if model is None:
        return
    for c in claims:
        sent = doc.sentences[c.cue.sentence] if c.cue is not None else None
        if c.rule != "parse" or c.type != INDIRECT or sent is None or not sent.parsed:
            continue
        if _WRITER_GOES_ON.match(doc.text, c.end):
            continue  # the rules ended it where the writer goes on: ", though she did not discuss ..."
        tree, spans_here, proposed = _proposals(spans, sent, memo)
        best = None
        for cand in proposed:
            if cand.head != c.cue.verb:
                continue
            ids = tree.trim(list(cand.ids), drop_that=True)  # (a clause the parse took for an adverbial keeps its "that")
            if not ids:
                continue
            s, e = tree.span(_drop_closing_aside(tree, ids))
            if any(sp.open_mark < e and s < sp.outer_end for sp in spans_here):
                continue
            p = model.probability(stance.features(tree, cand, False))
            if best is None or p > best[0]:
                best = (p, s, e)
        if best is None or best[0] < _RESCOPE_MIN:
            continue
        _, s, e = best
        if s == c.start and c.end < e and not any(
                o is not c and o.start < e and s < o.end for o in claims):
            c.start, c.end = s, e


def _learned(doc: ParsedDoc, spans: list[QuotedSpan], claims: list[Claim], cues: list[Cue], memo: dict) -> list[Claim]:
    """Claims of the learned stage (``stance.py``) where the rules found none: each word that is not
    already a cue with a clause gives its likeliest phrase, when likely enough and clear of every claim
    and of every quote it would cut."""
    model = stance.default_model()
    if model is None:
        return []
    taken = [(c.start, c.end) for c in claims]
    with_content = {(c.sentence, c.verb) for c in cues if c.content}
    out = []
    for sent in doc.sentences:
        if not sent.parsed:
            continue
        tree, spans_here, proposed = _proposals(spans, sent, memo)
        scored = []
        for cand in proposed:
            w = tree[cand.head]
            if (sent.index, cand.head) in with_content or _inside(spans_here, w.start, w.end):
                continue
            if cand.head == 1 and w.xpos in ("VBN", "VBD") and not tree.kids(cand.head, "nsubj", "nsubj:pass"):
                continue  # "Asked whether C, Okoro said ...": the subject was asked
            if any((sent.index, j) in with_content for j in cand.ids):
                continue  # "was quoted as saying C": another cue's report
            if cue_lemma(tree, cand.head) in _NAMING_VERBS and cand.prep not in ("for", "on") or _ANONYMITY.match(
                    doc.text, tree[cand.ids[0]].start):
                continue  # "known as the Engineer", 'call it the "rattler"', "asked not to be named": a name, not a stance
            s, e = tree.span(_drop_closing_aside(tree, list(cand.ids)))
            if any(sp.open_mark < e and s < sp.outer_end and not (s <= sp.open_mark and sp.outer_end <= e + 1)
                   for sp in spans_here):
                continue  # it would cut a quote in two
            held = any(s <= sp.open_mark and sp.outer_end <= e + 1 for sp in spans_here)
            if held and not any(
                    tree[j].upos in ("VERB", "AUX") and not _inside(spans_here, tree[j].start, tree[j].end) for j in cand.ids):
                continue  # 'declare a "caliphate"': a quoted word in a noun phrase is a name or a scare quote
            p = model.probability(stance.features(tree, cand, _inside(spans_here, *tree.span(list(cand.ids)))))  # as trained
            if p >= model.threshold:
                scored.append((p, cand, s, e, held))
        heads = set()
        for p, cand, s, e, held in sorted(scored, key=lambda x: -x[0]):
            if cand.head in heads or any(a < e and s < b for a, b in taken):
                continue
            heads.add(cand.head)
            taken.append((s, e))
            i = cand.head
            subj = _learned_speaker(tree, i)
            if subj is not None and not _plausible_subject(tree, subj, i, spans):
                subj = None
            cue = Cue(sent.index, i, tree[i].start, tree[i].end, cue_lemma(tree, i),
                      speaker=_speaker_ref(tree, subj, None, _relative_subject(tree, i)) if subj else None,
                      content=(s, e), used=True)
            out.append(Claim(s, e, MIXED if held else INDIRECT, sent.index, sent.paragraph, cue, "learned",
                             cue.speaker, confidence=round(p, 3)))
    return out


_HEADLINE = re.compile(r"\s*([A-Z][^:\n]{0,80}?):\s+(\S.*?)\s*$")
_HEADLINE_NOUNS = frozenset("poll polls survey study report newspaper paper camp campaign aides".split())
_HEADLINE_WORDS = 25
_HEADLINE_ENTITIES = frozenset("person per org organization organisation norp gpe".split())


def _headline(doc: ParsedDoc, claims: list[Claim]) -> list[Claim]:
    """'Pat Caddell: Democrat Voters Worried About Hillary Clinton's Health', 'Poll: Clinton and Trump in dead
    heat': a headline led by a source and a colon reports that source's claim. The source must look like
    one (a person, an organisation or a medium by the entity tagger, or a poll, a report, an official), so
    "Stealth Over Health: ..." and "The Latest: ..." stay headlines."""
    if not doc.paragraphs or not doc.sentences:
        return claims
    lo, hi = doc.paragraphs[0]
    m = _HEADLINE.match(doc.text, lo, hi)
    s = doc.sentences[0]
    if not m or not s.parsed or s.paragraph != 0 or word_count(doc.text[lo:hi]) > _HEADLINE_WORDS:
        return claims
    a, b = lo + m.start(1), lo + m.end(1)
    ids = [w.id for w in s.words if w.start >= a and w.end <= b]
    if not ids or len(ids) > 6 or any(s.words[i - 1].text in (",", "(") for i in ids):
        return claims
    tree = Tree(s)
    # "Obama on Climate Change: ...": the speaker is the name before the topic
    cut = next((i for i in ids if tree[i].upos == "ADP" and i > ids[0]), None)
    if cut is not None:
        ids = [i for i in ids if i < cut]
    head = tree[ids[-1]]
    label = doc.text[tree[ids[0]].start:head.end]
    if label.isupper() and len(label) > 3:
        return claims  # 'WALLACE: "Governor, ..."': a transcript's speaker label (the sieve's rule "label")
    ent = (head.ner or "O").split("-", 1)[-1].lower() in _HEADLINE_ENTITIES
    noun = (head.lemma or head.text).lower() in PERSON_ROLES | ORG_ROLES | ANON_NOUNS | DOCUMENT_NOUNS | _HEADLINE_NOUNS
    if not (ent or noun or is_known_outlet(label) or is_media_name(label)) or head.upos not in ("PROPN", "NOUN"):
        return claims
    cs, ce = lo + m.start(2), lo + m.end(2)
    while ce > cs and doc.text[ce - 1] in ".,;":
        ce -= 1
    content = doc.text[cs:ce]
    inside = [c for c in claims if cs <= c.start and c.end <= ce + 2]
    if any(c.start < ce and c.end > cs and c not in inside for c in claims) or any(c.speaker for c in inside):
        return claims  # the parse found a claim here already: "Warren Hammers Wells Fargo CEO: '...'"
    whole = re.fullmatch(r"[\"“‘']([^\"“‘]+)[\"”’'][.]?", content)
    if whole:
        kind, cs, ce = DIRECT, cs + whole.start(1), cs + whole.end(1)  # "Trump: ‘I’m the Worst Thing ...’"
    else:
        marks = any(q in content for q in ('"', "“", "”", "‘")) or re.search(r"(?<!\w)'|'(?!\w)", content)
        kind = MIXED if marks or inside else INDIRECT
    claim = Claim(cs, ce, kind, s.index, s.paragraph, rule="headline",
                  speaker=MentionRef(s.index, ids[-1], chunk=(ids[0], ids[-1])))
    return [c for c in claims if c not in inside] + [claim]


_INNER_LABEL = re.compile(r"\s*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s+(?=\S)")
_STAGE_DIRECTION = re.compile(r"\s*[(\[][A-Z][A-Z .,'’-]*[.]?[)\]][.]?\s*")


def _words_at(doc: ParsedDoc, s: Sentence, a: int, b: int) -> MentionRef | None:
    ids = [w.id for w in s.words if w.start >= a and w.end <= b]
    return MentionRef(s.index, ids[-1], "label", chunk=(ids[0], ids[-1])) if ids else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _covers(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] + 1 and inner[1] <= outer[1] + 1


def _cue_for_quote(doc, sp: QuotedSpan, s: Sentence, e: Sentence, by_sentence) -> tuple[Cue, str] | None:
    """The cue that introduces or follows a direct quote, if any."""
    best = None
    for idx in range(s.index, e.index + 1):
        for cue in by_sentence.get(idx, []):
            if cue.start >= sp.open_mark and cue.end <= sp.outer_end:
                continue
            if cue.content and not _overlap(cue.content, (sp.start, sp.end)) and not cue.colon:
                continue  # this cue reports another clause of the sentence
            dist = sp.open_mark - cue.end if cue.end <= sp.open_mark else cue.start - sp.outer_end
            # a cue whose reported clause holds the quote first: "X said Y are to blame for “...”"
            rank = (0 if cue.content and _covers(cue.content, (sp.open_mark, sp.outer_end)) else 1, dist)
            if best is None or rank < best[0]:
                best = (rank, cue)
    if best:
        return best[1], "cue"
    # '"....," he said.' split by the tokenizer: a cue early in the next sentence
    nxt = doc.sentences[e.index + 1] if e.index + 1 < len(doc.sentences) else None
    if nxt is not None and nxt.paragraph == e.paragraph:
        for cue in by_sentence.get(nxt.index, []):
            words_before = sum(1 for w in nxt.words if w.end <= cue.start)
            if words_before <= _MAX_CUE_GAP and not cue.content and cue.start >= sp.outer_end:
                return cue, "cue-after"
    # 'X said: "..."' in the sentence before
    prev = doc.sentences[s.index - 1] if s.index > 0 else None
    if prev is not None:
        for cue in reversed(by_sentence.get(prev.index, [])):
            tail = doc.text[cue.end:sp.open_mark]
            if not cue.content and (":" in tail or prev.paragraph == s.paragraph) and len(tail) < 120:
                return cue, "cue-before"
    cue = _colon_cue(doc, sp, s)
    if cue is not None:
        return cue, "colon"
    cue = _adjacent_cue(doc, sp, s, e)
    return (cue, "adjacent") if cue is not None else None


_COLON_SPEAKER_PRONOUNS = frozenset("he she they we i".split())


def _next_to_mark(text: str, end: int, sp: QuotedSpan) -> bool:
    """Whether only blanks lie between ``end`` and the quote's opening mark (a doubled one, ''...'', whole)."""
    return not text[end:mark_bounds(text, sp)[0]].strip()


def _colon_cue(doc: ParsedDoc, sp: QuotedSpan, s: Sentence) -> Cue | None:
    """'Devika Raman, a banking analyst, pressed the executives: "How many ...?"', 'Okoro was blunt: "..."':
    a clause ending in a colon right before the quote introduces it, whatever its verb; its subject speaks
    when it can speak (a name, a person or organisation noun, a personal pronoun)."""
    if not s.parsed:
        return None
    colon = next((w.id for w in s.words if w.text == ":" and w.end <= sp.open_mark
                  and _next_to_mark(doc.text, w.end, sp)), None)
    if colon is None or colon < 3:
        return None
    tree = Tree(s)
    k, subj, chunk, steps = colon - 1, None, None, 0
    while k and steps < 6:  # up from the word before the colon to the predicate of its clause
        kids = tree.kids(k, "nsubj")
        if kids and kids[0] < k and tree[k].upos in ("VERB", "ADJ", "AUX", "NOUN"):
            subj = kids[0]
            break
        if tree[k].head == 0:
            break
        k, steps = tree[k].head, steps + 1
    if subj is None and k and tree[k].head == 0 and tree[k].upos == "VERB" and k < colon:
        found = _surface_speaker(tree, k)  # the parse gave the verb no subject: the noun phrase before it
        if found is None:
            return None
        subj, chunk = found
    if subj is None:
        return None
    if not _can_speak(tree[subj]):
        return None
    v = tree[k]
    return Cue(sentence=s.index, verb=k, start=v.start, end=v.end, lemma=(v.lemma or v.text).lower(),
               speaker=MentionRef(s.index, subj, chunk=chunk), colon=True)


def _can_speak(w, things: bool = False) -> bool:
    """Whether a word can name who spoke: a name, a personal pronoun, a person or organisation noun; with
    ``things``, also "it" and a document ('At the bottom it reads, "..."')."""
    low = w.text.lower()
    return w.upos == "PROPN" or w.upos == "PRON" and low in (_COLON_SPEAKER_PRONOUNS | {"it"} if things else _COLON_SPEAKER_PRONOUNS) or (
        w.upos == "NOUN" and (w.lemma or low).lower() in (PERSON_ROLES | ORG_ROLES | DOCUMENT_NOUNS if things else PERSON_ROLES | ORG_ROLES))


def _adjacent_cue(doc: ParsedDoc, sp: QuotedSpan, s: Sentence, e: Sentence) -> Cue | None:
    """A verb of no cue list right next to the quote, its clause ending at the quote: 'Hillary Clinton
    cracked, "..."', 'as prosecutor Marc Trévidic put it, "..."', '"...," Toomey fumed on Tuesday.': its
    subject, a name, a role, a document or a personal pronoun, speaks."""
    before = next((w for w in reversed(s.words) if w.end <= sp.open_mark), None) if s.parsed else None
    if before is not None and before.text == "," and _next_to_mark(doc.text, before.end, sp):
        tree = Tree(s)
        comma = before.id
        k = next((j for j in range(comma - 1, max(0, comma - 3), -1) if tree[j].upos == "VERB"), None)
        if k is not None and tree[k].xpos in ("VBD", "VBZ", "VBP") and all(
                tree[j].head == k and base(tree[j].deprel) in ("obj", "advmod", "compound:prt") for j in range(k + 1, comma)):
            subjects = tree.kids(k, "nsubj")
            subj = next((j for j in subjects if _can_speak(tree[j], things=True)), None)  # ("the engineer Mira Kovač": two)
            chunk = None
            left = _np_left(tree, k) if not subjects and not tree.kids(k, "nsubj:pass", "expl") else None
            if left and left[1] == k - 1:  # "as prosecutor Marc Trévidic put it": the parse lost the subject
                subj, chunk = _head_of(tree, *left), left
            if subj is not None and subj < k and _can_speak(tree[subj], things=True):
                return Cue(sentence=s.index, verb=k, start=tree[k].start, end=tree[k].end, lemma=(tree[k].lemma or tree[k].text).lower(),
                           speaker=MentionRef(s.index, subj, chunk=chunk), colon=True)
    if not e.parsed or "," not in doc.text[max(sp.open_mark, sp.outer_end - 3):sp.outer_end + 1]:
        return None
    tree = Tree(e)
    after = [w.id for w in e.words if w.start >= sp.outer_end and not (w.upos == "PUNCT" and w.start < sp.outer_end + 2)]
    if len(after) < 2:
        return None
    first = after[0]
    for k in (first, first + 1, first + 2, first + 3):  # '"...," Toomey fumed', '"...," fumed Toomey'
        if k > len(tree) or tree[k].upos != "VERB" or tree[k].xpos not in ("VBD", "VBZ", "VBP"):
            continue
        subj = next(iter(tree.kids(k, "nsubj")), None)
        if subj is None or not _can_speak(tree[subj], things=True):
            return None
        if subj > k:  # "fumed Toomey": the verb comes first
            if k != first:
                return None
        else:  # "Toomey fumed": the subject's words fill the gap
            words = sorted(set(tree.subtree(subj)) & set(range(first, k)))
            if not words or words[0] != first or words[-1] != k - 1:
                return None
        return Cue(sentence=e.index, verb=k, start=tree[k].start, end=tree[k].end,
                   lemma=(tree[k].lemma or tree[k].text).lower(), speaker=MentionRef(e.index, subj))
    return None


_LABEL = re.compile(r"^\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s*[\"“«‘']?\s*$")


def _label_speaker(doc: ParsedDoc, c: Claim) -> MentionRef | None:
    """'PENCE: "Well, look, ..."' -- a transcript's speaker label before the quote."""
    if c.paragraph >= len(doc.paragraphs):
        return None
    lo, _ = doc.paragraphs[c.paragraph]
    m = _LABEL.match(doc.text[lo:c.start])
    if not m:
        return None
    return _name_at(doc, lo + m.start(1), lo + m.end(1))


def _name_at(doc: ParsedDoc, a: int, b: int) -> MentionRef | None:
    """The words between offsets ``a`` and ``b``, as a name written out ("PENCE", "Mira Kovač")."""
    for sent in doc.sentences:
        if sent.start <= a < sent.end:
            return _words_at(doc, sent, a, b)
    return None


_BYLINE = re.compile(r"^[\"”’'.,!?…]{1,3}\s*[―—–]\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*\.?\s*(?:$|[“\"])")


def _byline_speaker(doc: ParsedDoc, c: Claim) -> MentionRef | None:
    """'"Subpoenas are not optional." ― Jason Chaffetz': a name after a dash closes the quote."""
    if c.paragraph >= len(doc.paragraphs):
        return None
    _, hi = doc.paragraphs[c.paragraph]
    m = _BYLINE.match(doc.text[c.end:hi])
    if not m:
        return None
    return _name_at(doc, c.end + m.start(1), c.end + m.end(1))


def _sieve_unattributed(doc: ParsedDoc, claims: list[Claim]) -> None:
    """Give a speaker to direct quotes with no cue: a transcript label, the same paragraph, the paragraph before."""
    last_in_para: dict[int, Claim] = {}
    for c in claims:
        if c.speaker is None and c.type == DIRECT and c.rule != "slogan":
            label = _label_speaker(doc, c) or _byline_speaker(doc, c)
            if label is not None:
                c.speaker, c.rule = label, "label"
                last_in_para[c.paragraph] = c
                continue
            prev = last_in_para.get(c.paragraph)
            if prev is not None:
                c.inherit_from, c.rule = prev, "same-paragraph"
            else:
                before = last_in_para.get(c.paragraph - 1)
                if before is not None and _paragraph_is_quote(doc, c):
                    c.inherit_from, c.rule = before, "continuation"
        outer = last_in_para.get(c.paragraph)
        if (c.speaker is not None or c.inherit_from is not None) and not (
                outer is not None and outer.start <= c.start and c.end <= outer.end):
            last_in_para[c.paragraph] = c  # (not a report nested in the last claim: "Carter said that critics ...")


def _alternate_exchange(doc: ParsedDoc, claims: list[Claim]) -> None:
    """An exchange of quoted paragraphs: '"Did anyone tell you to leave?" Sedlar asked. /
    "Nobody." / "And the sirens?" / "What sirens?" she said.' An unattributed answer to a
    question is the other party's; a question after that answer is the asker's again."""
    directs = [c for c in claims if c.type == DIRECT]
    question: dict[int, Claim] = {}  # answer claim -> the question it answers
    for k, c in enumerate(directs):
        if c.rule != "continuation" or k == 0:
            continue
        prev = directs[k - 1]
        if prev.paragraph != c.paragraph - 1:
            continue
        if doc.text[prev.start:prev.end].rstrip().endswith("?") and id(prev) not in question:
            # the other party: the next speaker named in the exchange who is not the asker
            asker = _root(prev)
            for nxt in directs[k + 1:k + 4]:
                if nxt.speaker is not None and nxt.paragraph <= c.paragraph + 3 and _root(nxt) is not asker and (
                        asker.speaker is None or (nxt.speaker.sentence, nxt.speaker.word) != (asker.speaker.sentence, asker.speaker.word)):
                    c.inherit_from, c.speaker, c.rule = None, nxt.speaker, "exchange"
                    question[id(c)] = prev
                    break
        elif id(prev) in question and doc.text[c.start:c.end].rstrip().endswith("?"):
            c.inherit_from, c.rule = question[id(prev)], "exchange"  # the asker asks again


def _root(c: Claim) -> Claim:
    while c.inherit_from is not None and c.speaker is None:
        c = c.inherit_from
    return c


def _paragraph_is_quote(doc: ParsedDoc, c: Claim) -> bool:
    if c.paragraph >= len(doc.paragraphs):
        return False
    lo, hi = doc.paragraphs[c.paragraph]
    return (c.end - c.start) >= 0.6 * (hi - lo)
