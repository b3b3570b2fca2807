"""Sources: merge the mentions of one real-world source and type it.

A mention is the noun phrase a cue points at ("Rami Abdel Rahman, head of
the Britain-based Observatory", "the monitor", "he", "a senior BHA
official"). Mentions are read in the order of the text and each is either
a new source or the same as one already seen:

- names: exact, surname ("Abdel Rahman" for "Rami Abdel Rahman"), acronym
  ("SDF", defined in parentheses or matching the initials), or the head word
  of an organisation ("the Observatory");
- role nouns ("the spokesman", "the company") go to the last source that
  role was given to, else the last person or organisation;
- pronouns go to the last person (he, she) or group (they, it) seen.

Appositions and titles give a source's affiliation ("head of the
Observatory", "U.N. spokesman", "the authority's director").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from .attribution import MentionRef, _head_of, _np_left
from .lexicon import (
    ANON_NOUNS, DOCUMENT_NOUNS, HONORIFICS, ORG_ROLES, PERSON_ROLES, PRONOUNS, TIME_WORDS, is_government_name,
    is_known_outlet,
    is_media_name,
)
from .tree import Tree, base
from .types import ANONYMOUS, DOCUMENT, GOVERNMENT, MEDIA, ORGANIZATION, PERSON, ParsedDoc, Span

_DETS = {"the", "a", "an", "this", "that", "these", "those", "another", "some", "one", "two", "several", "many", "other"}
_MENTION_SKIP = ("appos", "acl", "acl:relcl", "punct", "cc", "conj", "parataxis", "advcl", "dep", "ccomp", "advmod", "obl")
# "Britain-based", "U.S.-backed", "Kurdish-led": where a source is or who is behind it, never part of its name
_DESCRIPTOR = re.compile(r"-(?:based|led|backed|run|owned|funded|allied|aligned|controlled|linked|affiliated|sponsored)$", re.I)
_CONNECTORS = {"of", "for", "and", "the", "de", "del", "la", "le", "al", "bin", "van", "von", "der", "&", "on", "in"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    form: str  # name, pronoun, role, anonymous, document, common
    name: str = ""  # canonical candidate (no determiner, no honorific)
    alias: str = ""  # as written, determiner dropped
    head: str = ""  # head noun, lower case
    ner: str = ""  # person, org, loc, ""
    title: str = ""
    affiliation: "Mention | None" = None
    gender: str = ""
    plural: bool = False
    descriptors: set = field(default_factory=set)  # "rescue charity Tidewatch" -> {"charity"}
    holder_of: str = ""  # "the ministry's spokesman": the role ("spokesman") held at the organisation named


@dataclass
class Cluster:
    id: str
    mentions: list = field(default_factory=list)
    names: list = field(default_factory=list)  # aliases in order seen
    title: str = ""
    descriptors: set = field(default_factory=set)  # role nouns it was called by
    kind_votes: list = field(default_factory=list)
    affiliation: "Cluster | None" = None
    gender: str = ""
    last: int = 0  # offset of the last mention

    @property
    def name(self) -> str:
        named = [n for n in self.names if n]
        if not named:
            m = self.mentions[0]
            return m.name or m.alias or m.text
        # the fullest name: most words, then the earliest
        return max(named, key=lambda n: (len(_name_tokens(n)), -self.names.index(n)))


def _ent_type(tag: str | None) -> str:
    if not tag or tag == "O":
        return ""
    t = tag.split("-", 1)[-1].lower()
    if t in ("person", "per"):
        return "person"
    if t in ("organization", "org", "organisation"):
        return "org"
    if t in ("location", "gpe", "loc", "norp", "facility", "fac"):
        return "loc"
    return "other"


def _name_tokens(name: str) -> list[str]:
    """The words of a name, without honorifics or possessive endings ("St Aldric's" -> St, Aldric)."""
    return [re.sub(r"[’']s$", "", t) for t in re.findall(r"[\w'’.-]+", name) if t.lower() not in HONORIFICS]


def _clean_alias(text: str) -> str:
    words = text.split()
    while words and (words[0].lower() in _DETS or words[0].lower() in _LEADING_MODIFIERS
                     or re.match(r"^\d[\d,.]*-\w+$", words[0]) or len(words) > 1 and _DESCRIPTOR.search(words[0])):
        if len(words) > 2 and words[1].lower() == "of" and words[0].lower() not in ("the", "a", "an"):
            break  # "one of the engineers", "two of his aides": not "of the engineers"
        words = words[1:]  # "the 96-page NDPA decision", "Earlier court filings", "the Britain-based Observatory"
    s = " ".join(words)
    s = re.sub(r"[’']s$", "", s)
    # "Lusenia’s National Data Protection Authority": the authority's own name
    m = re.match(r"^[A-Z][\w.-]*[’']s\s+((?:[A-Z][\w.-]*\s+){1,}[A-Z][\w.-]*)$", s)
    if m and (m.group(1).split()[-1].lower() in _ORG_WORDS or m.group(1).split()[-1].lower() in DOCUMENT_NOUNS):
        s = m.group(1)
    return s.strip(" ,.;:\"“”'‘’")


# "one of the engineers", "some of his aides": who speaks is one or more of those the noun names
_PARTITIVE = frozenset("one two three four five six seven eight nine ten some several many most few none each both all".split())

_LEADING_MODIFIERS = frozenset("""earlier later recent previous latest former three four five six seven eight nine ten
dozens hundreds thousands""".split())


_START_STOP = frozenset("""the a an in on at for but and as after before when while if this that these those his her
their its our my he she it they we i you there here then so yet or nor by with from to of meanwhile however
mr mrs ms dr""".split())
#: the last word of an outlet's name
_MEDIA_LAST = re.compile(r"(?:\b(?:FM|AM|Radio|Television|Echo|Courier|Gazette|Herald|Tribune|Chronicle|Times|Post|"
                         r"Journal|Daily|Weekly|News|Press|Dispatch|Bulletin|Observer|Telegraph|Inquirer)|\w*TV)$")
_MEDIA_NOUNS = frozenset("channel broadcaster newspaper tabloid magazine daily weekly newswire station outlet".split())
_ORG_WORDS = frozenset("""ministry council agency association corporation company bank festival authority commission committee
union federation party institute university hospital observatory forces army police department office court board
group movement coalition alliance foundation trust fund service network organisation organization inc ltd corp plc
fm tv radio times post news press agency church government parliament assembly league club society centre center
school college academy bureau directorate command guard navy coastguard rail railways airlines airways
motors technologies dynamics energy systems holdings partners capital savings media labs industries pharmaceuticals
""".split())


#: Capitalised words of a Title Case headline that no name holds: a run of capitals stops at them
#: ("Chris Christie Is Over Marco Rubio" is two names, not one)
_HEADLINE_WORDS = frozenset("""Is Are Was Were Be Been Has Have Had Does Did Says Said Tells Told Wants Calls Gets Makes
Can Could Would Should Must Not Just Over To""".split())
#: the words a Title Case line may leave in lower case
_TITLE_SMALL_WORDS = frozenset("a an the and or but nor of in on at to for by with as from into vs v".split())
_HEADLINE_OPENERS = frozenset("If Although Though Because Since Unless Whether When While As But And So".split())


def _title_case(words) -> bool:
    """Is this a Title Case line ("Trump Says He's Unlikely To Have A Good Relationship With Cameron")?"""
    content = [w.text for w in words if w.text.isalpha() and w.text.lower() not in _TITLE_SMALL_WORDS]
    return len(content) >= 4 and all(t[0].isupper() for t in content)


def _goes_on(words, j: int, title: bool) -> bool:
    """Does word ``j`` go on the name begun before it: a capitalised word, or "of"/"and"/"'s" before one; in a
    Title Case line, a word inside the entity tagger's name."""
    if title:
        return (words[j].ner or "")[:2] in ("I-", "E-")
    text = words[j].text
    return text not in _HEADLINE_WORDS and (_cap(text) or text.lower() in (
        "of", "for", "and", "de", "al", "bin", "'", "’", "'s", "’s") and j + 1 < len(words) and _cap(words[j + 1].text))


def background_mentions(doc: ParsedDoc, skip: list[tuple[int, int]] = ()) -> list[Mention]:
    """Names of people and organisations anywhere in the article, to resolve pronouns and role nouns against."""
    out = []
    for sent in doc.sentences:
        words = sent.words
        # in a Title Case headline every word is capitalised: only the entity tagger's names are names
        title = _title_case(words)
        i = 0
        while i < len(words):
            if not _cap(words[i].text) or words[i].text in _HEADLINE_WORDS or title and _ent_type(words[i].ner) not in (
                    "person", "org"):
                i += 1
                continue
            j = i
            while j + 1 < len(words) and _goes_on(words, j + 1, title):
                j += 1
            run = list(range(i, j + 1))
            poss = [k for k in run if words[k].text.lower() in ("'s", "’s")]
            if poss and words[run[-1]].text.lower() not in _ORG_WORDS:
                # "Clinton's Brooklyn headquarters" is two names; "St Aldric's General Hospital" one
                run, j = run[:run.index(poss[0])], poss[0] - 1
            if run and (run[0] == 0 and words[0].text.lower() in _START_STOP or words[run[0]].text in _HEADLINE_OPENERS):
                run = run[1:]  # (a subordinator opens a clause of a Title Case headline: "If Obama Says It")
            i = j + 1
            if len(run) < 2:
                continue
            toks = [words[k].text for k in run]
            ner = ""
            tags = {_ent_type(words[k].ner) for k in run} - {""}
            if "person" in tags:
                ner = "person"
            elif "org" in tags:
                ner = "org"
            elif any(t.lower() in _ORG_WORDS for t in toks):
                ner = "org"
            elif name_gender(" ".join(toks)):
                ner = "person"
            if not ner:
                continue
            a, b = words[run[0]].start, words[run[-1]].end
            if any(lo <= a < hi for lo, hi in skip):
                continue
            text = doc.text[a:b]
            words_ = text.split()
            while len(words_) > 2 and (words_[0].lower().rstrip(".") in HONORIFICS or words_[0].lower() in PERSON_ROLES
                                       or ner == "person" and not name_gender(" ".join(words_[:2])) and name_gender(" ".join(words_[1:]))):
                words_ = words_[1:]  # "Education Minister Carla Duvic" -> "Carla Duvic"
            name = " ".join(t for t in words_ if t.lower().rstrip(".") not in HONORIFICS) or text
            m = Mention(a, b, text, "name", name=_clean_alias(name), alias=_clean_alias(text), head=toks[-1].lower(), ner=ner)
            if ner == "person" and toks[0].lower().rstrip(".") in ("mr", "sir", "lord"):
                m.gender = "m"
            elif ner == "person" and toks[0].lower().rstrip(".") in ("mrs", "ms", "miss", "dame", "lady"):
                m.gender = "f"
            out.append(m)
    return out


def _cap(tok: str) -> bool:
    return tok[:1].isupper() and any(ch.isalpha() for ch in tok)


class SourceResolver:
    """Reads mentions in text order and clusters them into sources."""

    def __init__(self, doc: ParsedDoc):
        self.doc = doc
        self.text = doc.text
        self.clusters: list[Cluster] = []
        self.trees: dict[int, Tree] = {}
        self._acronyms = self._find_acronyms()

    def _find_acronyms(self) -> dict[str, str]:
        out = {}
        for m in re.finditer(r"((?:[A-Z][\w'’.-]*\s+)(?:(?:of|for|and|the|on|de)\s+|[A-Z][\w'’.-]*\s+){0,8}[A-Z][\w'’.-]*)\s*\(([A-Z][A-Z.&-]{1,9})\)", self.text):
            out[m.group(2).replace(".", "")] = _clean_alias(re.sub(r"^(?:The|the)\s+", "", m.group(1)))
        return out

    def tree(self, i: int) -> Tree:
        if i not in self.trees:
            self.trees[i] = Tree(self.doc.sentences[i])
        return self.trees[i]

    # --- mentions -------------------------------------------------------------------
    def mention(self, ref: MentionRef) -> Mention:
        t = self.tree(ref.sentence)
        h = ref.word
        hw = t[h]
        low = hw.text.lower()
        if not t.sentence.parsed or ref.role == "label":
            # a speaker label ("PENCE:", "― Mira Kovač"), or a name in an unparsed sentence: a name as written
            lo, hi = ref.chunk or (h, h)
            a, b = t[lo].start, t[hi].end
            text = self.text[a:b]
            name = text.title() if text.isupper() and len(text) > 3 else text
            return Mention(a, b, text, "name", name=_clean_alias(name), alias=_clean_alias(text), head=low,
                           ner="person" if ref.role == "label" and not is_known_outlet(text) else "")
        if hw.upos == "PRON" or low in PRONOUNS:
            return Mention(hw.start, hw.end, hw.text, "pronoun", head=low, gender=PRONOUNS.get(low, ""),
                           plural=low in ("they", "them", "we"))
        if ref.chunk:
            ids = list(range(ref.chunk[0], ref.chunk[1] + 1))
        else:
            sub = t.subtree(h, skip=_MENTION_SKIP, name=True)
            # no time ("a report on Friday that says ...") and no relative clause deeper down
            # ("a letter from its lawyers on Friday afternoon that says C") in a speaker's name
            drop = {j for k in sub if k != h and (base(t[k].deprel) == "nmod" and t[k].text.lower() in TIME_WORDS
                                                  or t[k].deprel == "acl:relcl") for j in t.subtree(k)}
            sub = [j for j in sub if j not in drop]
            # a plural possessive: "The observers’ preliminary report" (the mark alone is punctuation)
            sub += [j for j in range(2, h) if t[j].text in ("’", "'") and j - 1 in sub and j + 1 in sub + [h]]
            ids = t.contiguous(sorted(set(sub)), h)
            # the noun phrase ending at the head, where the parse split it up
            chunk = _np_left(t, h + 1)
            if chunk and chunk[1] == h and chunk[0] < ids[0]:
                ids = list(range(chunk[0], ids[-1] + 1))
            # a name the parser broke up: take in the proper nouns on either side
            while ids[0] > 1 and t[ids[0] - 1].upos == "PROPN" and t[ids[0] - 1].text[:1].isupper():
                ids.insert(0, ids[0] - 1)
            while ids[-1] < len(t) and t[ids[-1] + 1].upos == "PROPN" and t[ids[-1] + 1].text[:1].isupper():
                ids.append(ids[-1] + 1)
        # keep "for Human Rights" inside a name, but not ", head of ..."
        while ids and t[ids[-1]].upos == "PUNCT":
            ids = ids[:-1]
        while ids and t[ids[0]].upos == "PUNCT":
            ids = ids[1:]
        # "hours after international observers said": a preposition the parse gave the speaker starts no name
        while len(ids) > 1 and ids[0] < h and t[ids[0]].upos == "ADP" and base(t[ids[0]].deprel) == "case":
            ids = ids[1:]
        ids = ids or [h]
        start, end = t.span(ids)
        text = self.text[start:end]
        m = Mention(start, end, text, "common", head=(hw.lemma or hw.text).lower())
        m.plural = hw.xpos in ("NNS", "NNPS") or (hw.lemma or "").lower() != low and low.endswith("s")
        m.alias = _clean_alias(text)
        ents = [(j, _ent_type(t[j].ner)) for j in ids]
        person = any(e == "person" for _, e in ents)
        org = any(e == "org" for _, e in ents)
        # proper-name run around the head
        capitalised = hw.text[:1].isupper() and hw.start > t.sentence.start and hw.upos in ("NOUN", "PROPN", "X")
        if hw.upos == "PROPN" or capitalised or _ent_type(hw.ner) in ("person", "org"):
            run = self._name_run(t, ids, h)
            pre = [j for j in ids if j < run[0]]
            titles = [j for j in pre if t[j].text.lower() in PERSON_ROLES or t[j].text.lower().rstrip(".") in HONORIFICS]
            m.form = "name"
            m.ner = _ent_type(hw.ner) or ("person" if person else "org" if org else "")
            if low in ("tv", "television", "radio"):
                run = [j for j in ids if t[j].upos != "DET"] or run  # "Syria state TV"
            m.name = self.text[t[run[0]].start:t[run[-1]].end]
            first_title = min(titles) if titles else None
            m.descriptors |= {(t[j].lemma or t[j].text).lower() for j in pre if t[j].upos == "NOUN" and t[j].text.islower()}
            honor = [j for j in pre if t[j].text.lower().rstrip(".") in HONORIFICS and t[j].text[0].isupper()]
            if honor:
                m.alias = self.text[t[min(honor)].start:t[run[-1]].end]
                if any(t[j].text.lower().rstrip(".") in ("mr", "sir", "lord") for j in honor):
                    m.gender = "m"
                elif any(t[j].text.lower().rstrip(".") in ("mrs", "ms", "miss", "dame", "lady") for j in honor):
                    m.gender = "f"
            else:
                m.alias = m.name
            if titles:
                m.title = t[max(titles)].text.lower()
                m.ner = m.ner or "person"
                def names_org(j: int) -> bool:
                    if t[j].upos == "PROPN" or _ent_type(t[j].ner) == "org":
                        return True
                    # "Education Minister Carla Duvic": the tagger may call a capitalised "Education" a common
                    # noun; at the start of a sentence only before a capitalised title ("Campaign manager X": none)
                    return t[j].upos == "NOUN" and t[j].text[:1].isupper() and (
                        t[j].start > t.sentence.start or t[first_title].text[:1].isupper())

                aff = [j for j in pre if j < (first_title or 0) and names_org(j)]
                if aff:
                    a0, a1 = t.span(t.contiguous(aff, aff[-1]))
                    m.affiliation = Mention(a0, a1, self.text[a0:a1], "name", name=_clean_alias(self.text[a0:a1]),
                                            alias=_clean_alias(self.text[a0:a1]), ner="org")
        else:
            head = m.head
            whole = [k for k in t.kids(h, "nmod") if any(t[c].text.lower() == "of" for c in t.kids(k, "case"))]
            if low in _PARTITIVE and whole and t[whole[0]].upos == "NOUN":
                head = (t[whole[0]].lemma or t[whole[0]].text).lower()  # "one of the engineers": an engineer
                m.head, m.plural = head, low != "one"
            named = [a for a in t.kids(h, "appos") if t[a].upos == "PROPN"]
            if named and not ref.chunk:
                inner = self.mention(MentionRef(ref.sentence, named[0]))
                if inner.form == "name":
                    inner.title = inner.title or head
                    inner.ner = inner.ner or ("person" if head in PERSON_ROLES else "")
                    return inner
            propn = [j for j in ids if j != h and (t[j].upos == "PROPN" or _ent_type(t[j].ner) in ("org", "person"))]
            poss = [j for j in t.kids(h, "nmod:poss") if j in ids]
            if propn and head in ORG_ROLES | {"tv", "television", "media", "radio"} and not (head in PERSON_ROLES and head not in ORG_ROLES):
                # "the Syrian Observatory for Human Rights monitor": the name is the source
                run = self._name_run(t, ids, propn[-1])
                if head in ("tv", "television", "radio", "media", "agency"):
                    m.form, m.name, m.ner = "name", m.alias, "org"
                else:
                    m.form, m.ner = "name", "org"
                    m.name = self.text[t[run[0]].start:t[run[-1]].end]
                    m.alias = _clean_alias(m.name)
                    m.title = head
            elif head in ANON_NOUNS or head in PERSON_ROLES:
                definite = ids and t[ids[0]].text.lower() in ("the", "this", "that", "these", "those") and not propn
                if poss:
                    # "The Interior Ministry's spokesman", "the ministry's spokesman": the organisation speaks
                    pid = poss[0]
                    if t[pid].upos == "PRON":
                        m.form = "role"  # "its chairwoman": the person with that role
                    else:
                        owner = self.mention(MentionRef(ref.sentence, pid))
                        owner.text = m.text
                        owner.start, owner.end = m.start, m.end
                        owner.title = head
                        owner.holder_of = head
                        if owner.form == "name":
                            owner.ner = "org"
                        return owner
                elif definite:
                    m.form = "role"
                else:
                    m.form = "anonymous"
                    m.name = _clean_alias(text)
                    # "an engineer who spoke on condition of anonymity": the whole description is its name
                    full = self._description_ids(t, h, ids)
                    if max(full) > max(ids):
                        m.alias = _clean_alias(self.text[t[min(full)].start:t[max(full)].end])
                    if propn:
                        run = self._name_run(t, ids, propn[-1])
                        a0, a1 = t.span(run)
                        m.affiliation = Mention(a0, a1, self.text[a0:a1], "name", name=_clean_alias(self.text[a0:a1]),
                                                alias=_clean_alias(self.text[a0:a1]), ner="org")
            elif head in ORG_ROLES:
                m.form = "role" if not propn else "name"
                if propn:
                    m.name = m.alias
                    m.ner = "org"
            elif head in DOCUMENT_NOUNS:
                m.form = "document"
                m.name = _clean_alias(text)
            elif not propn and _UNNAMED.search(desc := self.text[slice(*t.span(self._description_ids(t, h, ids)))]):
                # "an engineer who spoke on condition of anonymity": the whole description is its name
                m.form = "anonymous"
                m.name = m.alias = _clean_alias(desc)
            else:
                m.form = "common"
                m.name = _clean_alias(text)
        if m.form == "name" and not m.affiliation:
            self._surface_apposition(t, ref, max(ids), m)
        if m.form == "name" and not m.affiliation:
            self._description_before(t, ref, min(ids), m)
        # apposition: "X, head of the Observatory" / "X, a spokesman for Y" / "X, the authority's director"
        for a in t.kids(h, "appos") + [a for f in t.kids(h, "flat") for a in t.kids(f, "appos")]:
            aw = t[a]
            alow = (aw.lemma or aw.text).lower()
            if aw.upos == "PROPN" and m.form == "name":
                continue
            if alow in PERSON_ROLES or alow in ANON_NOUNS or aw.upos == "NOUN":
                m.title = m.title or alow
                if m.form == "name" and not m.ner:
                    m.ner = "person"
                for n in t.kids(a, "nmod:poss") + t.kids(a, "nmod", "obl"):
                    if t[n].upos == "PRON":
                        continue
                    if t[n].deprel == "nmod:poss":
                        # "Amara Dilwe, the GSCC's chief mediator"
                        pid = t.contiguous(t.subtree(n, skip=("case",)), n)
                        am = self.mention(MentionRef(ref.sentence, n, chunk=(pid[0], pid[-1])))
                        if am.form in ("name", "role"):
                            m.affiliation = am
                            break
                        continue
                    # "head of the Britain-based Observatory": up to the comma that ends the apposition
                    lo = min(t.subtree(n, skip=("case",)))
                    hi = lo
                    while hi + 1 <= len(t) and t[hi + 1].text not in (",", ".", ";", "(", ")", '"', "”") and t[hi + 1].upos not in ("VERB", "AUX") or hi + 1 <= len(t) and t[hi + 1].text == "-":
                        hi += 1
                    hi = max(hi, n)
                    am = self.mention(MentionRef(ref.sentence, _head_of(t, lo, hi), chunk=(lo, hi)))
                    if am is not None and am.form in ("name", "role", "common"):
                        m.affiliation = am
                        break
        return m

    def _surface_apposition(self, t: Tree, ref: MentionRef, end: int, m: Mention) -> None:
        """Affiliation and title read off the words after a name, for when the parse missed them.

        "X, (a) spokesman for Y", "X, Y's chief executive", "X, an organiser with Y",
        "X, founder of the campaign group Y", "X of the Y".
        """
        n = len(t)
        j = end + 1
        if j <= n and t[j].text.lower() in ("of", "from") and j + 1 <= n:
            self._affiliation_after(t, ref, j + 1, m)  # "Elias Varuna of the Alliance for Renewal"
            return
        if j > n or t[j].text != ",":
            return
        j += 1
        if j + 1 <= n and t[j].text.lower() == "who" and t[j + 1].text.lower() in _LEADS:
            # "Aurel Vasko, who heads the NDPA, told reporters"
            m.title = m.title or _LEADS[t[j + 1].text.lower()]
            m.ner = m.ner or "person"
            k = j + 2
            while k <= n and t[k].upos == "DET":
                k += 1
            self._affiliation_after(t, ref, k, m)
            return
        if j <= n and t[j].upos == "DET" or j <= n and t[j].text.lower() in ("the", "a", "an"):
            j += 1
        # a possessor: "the GSCC's chief mediator", "Corvane's chief executive", "the authority's director"
        k = j
        while k <= n and t[k].text not in ("'s", "’s", "'", "’", ",") and k - j < 6 and t[k].upos in ("PROPN", "NOUN", "ADJ", "X", "NUM"):
            k += 1
        if k <= n and k > j and t[k].text in ("'s", "’s", "'", "’"):
            owner = self.mention(MentionRef(ref.sentence, k - 1, chunk=(j, k - 1)))
            r = k + 1
            while r <= n and t[r].upos in ("NOUN", "ADJ") and t[r].text[:1].islower():
                r += 1
            if r > k + 1 and owner.form in ("name", "role", "common"):
                m.title = m.title or (t[r - 1].lemma or t[r - 1].text).lower()
                m.ner = m.ner or "person"
                owner.ner = owner.ner or "org"
                m.affiliation = owner
            return
        role = j
        while j <= n and t[j].upos in ("NOUN", "ADJ", "PROPN") and t[j].text[:1].islower():
            j += 1
        if j == role or j > n:
            return
        title = (t[j - 1].lemma or t[j - 1].text).lower()
        if t[j].text.lower() not in ("of", "for", "at", "with", "from"):
            if title in PERSON_ROLES or title in ANON_NOUNS:
                m.title = m.title or title
                m.ner = m.ner or "person"
            return
        m.title = m.title or title
        m.ner = m.ner or "person"
        self._affiliation_after(t, ref, j + 1, m)

    @staticmethod
    def _description_ids(t: Tree, h: int, ids: list[int]) -> list[int]:
        """A noun phrase with its relative clause, up to a comma ("an engineer who spoke on
        condition of anonymity"; not "..., who spoke on condition of anonymity,")."""
        full = [j for j in t.contiguous(t.subtree(h, skip=("punct", "appos", "parataxis", "ccomp", "conj", "cc")), h)
                if j >= ids[0]]
        comma = next((j for j in full if j > h and t[j].text == ","), None)
        if comma is not None:
            full = [j for j in full if j < comma]
        return full or ids

    def _description_before(self, t: Tree, ref: MentionRef, start: int, m: Mention) -> None:
        """Affiliation and title from a description opening the sentence before the name:
        "Ribeira's agent, Jorge Malheiro, told Reuters", "Her counterpart at Aldergate, Tomasz Reyes, ..."."""
        k = start - 1
        if k < 3 or t[k].text != ",":
            return
        hi = k - 1
        lo = hi
        while lo - 1 >= 1 and t[lo - 1].text not in (",", ";", ":", '"', "“", "”") and t[lo - 1].upos not in ("VERB", "AUX"):
            lo -= 1
        if lo != 1 and t[lo - 1].text != "," or hi - lo > 10 or t[lo].upos in ("ADP", "SCONJ", "ADV"):
            return  # not "In an interview with the Echo, X said": a description names a role
        head = (t[hi].lemma or t[hi].text).lower()
        for p in range(lo, hi):
            glued = t[p].text.endswith(("'s", "’s")) and len(t[p].text) > 2  # "Ribeira’s" as one token
            if (t[p].text in ("'s", "’s", "'", "’") and p > lo or glued) and (head in PERSON_ROLES | ANON_NOUNS or t[hi].upos == "NOUN"):
                last = p if glued else p - 1
                a = next((q for q in range(lo, last + 1) if t[q].upos != "DET"), last)
                owner = self.mention(MentionRef(ref.sentence, last, chunk=(a, last)))
                m.title = m.title or head
                m.ner = m.ner or "person"
                if owner.form in ("name", "role") or owner.form == "common" and owner.text[:1].isupper():
                    owner.ner = owner.ner or ("org" if owner.form != "role" else "")
                    m.affiliation = owner  # "Ribeira’s agent", "the mayor’s spokesman"
                return
        for p in range(lo + 1, hi + 1):
            role = (t[p - 1].lemma or t[p - 1].text).lower()
            if t[p].text.lower() in ("at", "of", "for", "with") and (role in PERSON_ROLES or role in ANON_NOUNS or t[p - 1].upos == "NOUN"):
                self._affiliation_after(t, ref, p + 1, m)
                if m.affiliation is not None:
                    m.title = m.title or role
                    m.ner = m.ner or "person"
                return

    def _affiliation_after(self, t: Tree, ref: MentionRef, lo: int, m: Mention) -> None:
        n = len(t)
        hi = lo
        while hi + 1 <= n and t[hi + 1].text not in (",", ".", ";", ":", '"', "”", "(") and (
                t[hi + 1].upos not in ("VERB", "AUX") or t[hi].text == "-"):  # "the Britain-based Observatory"
            hi += 1
        if lo > n or hi < lo or not any(t[k].text[:1].isupper() for k in range(lo, hi + 1)):
            return
        am = self.mention(MentionRef(ref.sentence, _head_of(t, lo, hi), chunk=(lo, hi)))
        if am.form in ("name", "role", "common"):
            am.ner = am.ner if am.ner != "person" else "org"
            m.affiliation = am

    def _name_run(self, t: Tree, ids: list[int], h: int) -> list[int]:
        ok = set()
        for j in ids:
            w = t[j]
            if w.upos == "PROPN" or _ent_type(w.ner) in ("person", "org") or (w.text[:1].isupper() and w.upos in ("NOUN", "ADJ", "NUM", "X")):
                ok.add(j)
            elif w.text.lower() in _CONNECTORS and w.upos in ("ADP", "CCONJ", "DET", "PART"):
                ok.add(j)
            elif w.text in ("'", "’", "'s", "’s") and j + 1 in ids and t[j + 1].text[:1].isupper():
                ok.add(j)  # "Greyhaven Property Owners' Association"
        run = t.contiguous(sorted(ok | {h}), h)
        # "Transport Minister Henrik Salo", "Deputy Foreign Minister Oskar Lemberg": the name follows the title
        roles = [k for k, j in enumerate(run[:-1]) if t[j].text.lower() in PERSON_ROLES or t[j].text.lower().rstrip(".") in HONORIFICS]
        if roles:
            run = run[roles[-1] + 1:]
        # no leading/trailing connectors or honorifics / role words
        while run and (t[run[0]].text.lower() in _CONNECTORS or t[run[0]].text.lower().rstrip(".") in HONORIFICS
                       or t[run[0]].text.lower() in PERSON_ROLES) and len(run) > 1:
            run = run[1:]
        while run and t[run[-1]].text.lower() in _CONNECTORS and len(run) > 1:
            run = run[:-1]
        # the entity goes on where the parse hung its last word elsewhere: "Tarsena One, the state channel"
        while run and run[-1] < len(t) and (t[run[-1]].ner or "")[:2] in ("B-", "I-") and (
                t[run[-1] + 1].ner or "")[:2] in ("I-", "E-") and t[run[-1] + 1].text[:1].isupper():
            run = run + [run[-1] + 1]
        return run

    # --- clustering ---------------------------------------------------------------------
    def observe(self, m: Mention) -> None:
        """Note a name seen in passing (not as a speaker), for later pronouns and role nouns."""
        c = self._match_name(m)
        if c is None:
            c = Cluster(id=f"S{len(self.clusters) + 1}")
            self.clusters.append(c)
        self._add(c, m, alias=True)

    def resolve(self, m: Mention, *, speaker: bool = True) -> Cluster | None:
        c = self._resolve(m, speaker=speaker)
        if m.holder_of and c is not None and self._cluster_kind(c) != PERSON:
            # "the ministry's spokesman said": the spokesman of the ministry met before, when there is one
            holder = next((p for p in sorted(self.clusters, key=lambda p: -p.last)
                           if p is not c and p.affiliation is c and p.title == m.holder_of
                           and p.last < m.start and self._cluster_kind(p) == PERSON), None)
            if holder is not None:
                if m in c.mentions:
                    c.mentions.remove(m)
                self._add(holder, m, alias=False)
                return holder
        return c

    def _resolve(self, m: Mention, *, speaker: bool = True) -> Cluster | None:
        if m.form == "pronoun":
            return self._resolve_pronoun(m)
        if m.form == "role":
            c = self._resolve_role(m)
            if c is not None:
                self._add(c, m, alias=False)
                return c
            m.form = "anonymous"
            m.name = m.alias
        if m.form == "name":
            c = self._match_name(m)
        else:
            c = self._match_exact(m)
            if c is None and m.form in ("common", "document", "anonymous") and m.text.lower().startswith(("the ", "this ", "that ")):
                c = self._match_head(m.head)
                if c is not None:
                    self._add(c, m, alias=False)
                    return c
        if c is None:
            c = Cluster(id=f"S{len(self.clusters) + 1}")
            self.clusters.append(c)
        self._add(c, m, alias=True)
        if m.form == "name":
            key = (m.name or "").replace(".", "")
            full = self._acronyms.get(key)
            if full and full not in c.names:
                c.names.append(full)  # "BHA", defined as "Brennmoor Health Authority (BHA)"
            for acr, full in self._acronyms.items():
                if full.lower() == (m.name or "").lower() and acr not in c.names:
                    c.names.append(acr)
        if m.affiliation is not None and m.affiliation is not m:
            ac = self.resolve(m.affiliation, speaker=False)
            if ac is not None and ac is not c and c.affiliation is None:
                c.affiliation = ac
        return c

    def _add(self, c: Cluster, m: Mention, *, alias: bool) -> None:
        c.mentions.append(m)
        c.last = max(c.last, m.start)
        if alias and m.form in ("name", "anonymous", "document", "common"):
            for a in (m.name, m.alias):
                a = _clean_alias(a) if a else a
                if a and a not in c.names:
                    c.names.append(a)
        if m.title:
            c.descriptors.add(m.title)
            c.title = c.title or m.title
        if m.head and m.form not in ("pronoun", "name"):
            c.descriptors.add(m.head)
        c.descriptors |= m.descriptors
        c.gender = c.gender or m.gender
        c.kind_votes.append(self._kind_of(m))
        if not c.gender and m.form == "name" and self._cluster_kind(c) == PERSON:
            c.gender = name_gender(m.name)

    def _kind_of(self, m: Mention) -> str:
        if m.form == "pronoun":
            return PERSON if m.gender in ("m", "f") else ""
        if m.form == "anonymous":
            return ANONYMOUS
        name = m.name or m.alias
        last = (_name_tokens(name) or [""])[-1].lower()
        head = m.head[:-1] if m.head.endswith("s") and m.head[:-1] in DOCUMENT_NOUNS else m.head  # "court filings"
        if m.form == "document" or head in DOCUMENT_NOUNS and (m.form != "name" or last in (m.head, head)):
            return DOCUMENT  # "court filings", "the Seasonal Climate Review"
        if (m.head in ("reporters", "journalists", "press", "reporter", "journalist") and m.form != "name"):
            return MEDIA
        if m.form == "name" and (m.title in _MEDIA_NOUNS or m.descriptors & _MEDIA_NOUNS):
            return MEDIA  # "Tarsena One, the state television channel"
        if is_known_outlet(name):
            return MEDIA
        if _MEDIA_LAST.search(name):
            return MEDIA  # "Harbour FM", "the Corvena Courier", "TNTV", whatever a tagger says
        gendered = m.gender in ("m", "f") or not _org_like(name) and m.ner != "org" and bool(name_gender(name))
        if m.ner == "person" and not _org_like(name) or gendered or (
                m.title in PERSON_ROLES and m.title not in ORG_ROLES and m.ner != "org"):
            return PERSON
        if m.head in ("tv", "television", "radio", "newspaper", "paper", "outlet", "broadcaster") or m.descriptors & {
                "broadcaster", "newspaper", "channel", "daily", "weekly", "agency"} and is_media_name(name + " agency") \
                or is_media_name(name):
            return MEDIA
        if is_government_name(name) or m.head in ("ministry", "government", "authority", "police", "army", "military", "council", "department", "administration", "court"):
            return GOVERNMENT
        return ORGANIZATION

    def _match_exact(self, m: Mention) -> Cluster | None:
        key = _clean_alias(m.name or m.alias).lower()
        for c in reversed(self.clusters):
            if key and key in (n.lower() for n in c.names):
                return c
        return None

    def _match_name(self, m: Mention) -> Cluster | None:
        c = self._match_exact(m)
        if c is not None:
            return c
        name = _clean_alias(m.name or m.alias)  # "Parlo’s spokesman": Parlo
        toks = _name_tokens(name)
        if not toks:
            return None
        acr = name.replace(".", "")
        if acr.isupper() and 2 <= len(acr) <= 8:
            full = self._acronyms.get(acr)
            for c in reversed(self.clusters):
                for n in c.names:
                    if full and n.lower() == full.lower():
                        return c
                    if _initials(n) == acr:
                        return c
        for c in reversed(self.clusters):
            for n in c.names:
                ntoks = _name_tokens(n)
                if len(toks) < len(ntoks) and ntoks[-len(toks):] == toks and (
                        self._cluster_kind(c) == PERSON and m.ner != "org" or self._kind_of(m) == PERSON):
                    return c  # surname: "Abdel Rahman" for "Rami Abdel Rahman"
                if len(ntoks) < len(toks) and toks[-len(ntoks):] == ntoks and len(ntoks) >= 1 and c.kind_votes and c.kind_votes[0] == PERSON and m.ner != "org":
                    return c  # the full name after the surname
                caps = [x for x in toks if x[:1].isupper() and not _DESCRIPTOR.search(x)]
                if (m.ner != "person" and caps and len(caps) < len(ntoks) and all(x in ntoks for x in caps) and len(caps) <= 2
                        and self._cluster_kind(c) != PERSON and not (len(caps) == 1 and _demonym(caps[0]))):
                    return c  # "the Observatory", "the Council", "St Aldric's" (not "the Syrian")
                if (len(toks) == 1 and len(ntoks) > 1 and ntoks[0] == toks[0] and m.ner == "person"
                        and not name_gender(toks[0]) and self._cluster_kind(c) not in (PERSON, "") and not _demonym(toks[0])):
                    return c  # "Corvane" for "Corvane Rail", though a tagger took the word for a person's
                full = self._acronyms.get(n.replace(".", ""))
                if full and full.lower() == name.lower():
                    return c
        return None

    def _match_head(self, head: str) -> Cluster | None:
        """The latest source called by this noun, or whose name holds it ("the festival")."""
        for c in sorted(self.clusters, key=lambda c: -c.last):
            if head in c.descriptors or any(head in n.lower().split() for n in c.names):
                return c
        return None

    def _resolve_role(self, m: Mention) -> Cluster | None:
        head = m.head
        for c in sorted(self.clusters, key=lambda c: -c.last):
            if head in c.descriptors or any(head in n.lower().split() for n in c.names):
                return c
        want_org = head in ORG_ROLES and head not in PERSON_ROLES
        for c in sorted(self.clusters, key=lambda c: -c.last):
            k = self._cluster_kind(c)
            if want_org and k in (ORGANIZATION, GOVERNMENT, MEDIA):
                return c
            if not want_org and k == PERSON:
                if head in ("spokeswoman",) and c.gender == "m" or head == "spokesman" and c.gender == "f":
                    continue
                return c
        return None

    def _resolve_pronoun(self, m: Mention) -> Cluster | None:
        g = m.gender
        if g in ("1", "2"):
            return None
        ordered = sorted((c for c in self.clusters if c.last < m.start), key=lambda c: -c.last)
        if g in ("m", "f"):
            people = [c for c in ordered if self._cluster_kind(c) == PERSON]
            match = next((c for c in people if c.gender == g), None) or next((c for c in people if not c.gender), None)
            if match is not None:
                match.gender = match.gender or g
                self._add(match, m, alias=False)
                return match
            return None
        for c in ordered:
            k = self._cluster_kind(c)
            if g in ("p", "n") and k in (ORGANIZATION, GOVERNMENT, MEDIA, DOCUMENT, ANONYMOUS):
                self._add(c, m, alias=False)
                return c
        return None

    def _cluster_kind(self, c: Cluster) -> str:
        """The kind most of a source's mentions point to (the first one breaks ties)."""
        votes = [v for v in c.kind_votes if v]
        if not votes:
            return PERSON
        if votes[0] in (ANONYMOUS, DOCUMENT):
            return votes[0]
        counts = {k: votes.count(k) for k in votes}
        best = max(counts.values())
        return next(v for v in votes if counts[v] == best)

    def kind(self, c: Cluster) -> str:
        return self._cluster_kind(c)


def _org_like(name: str) -> bool:
    return any(t.lower() in _ORG_WORDS for t in _name_tokens(name))


def _demonym(word: str) -> bool:
    return bool(re.search(r"(ian|ese|ish|ic|an|i)$", word)) and word not in ("Observatory",)


@lru_cache(maxsize=1)
def _gender_detector():
    try:
        import gender_guesser.detector as gd
    except ImportError:  # optional: pronouns then rest on in-text evidence only
        return None
    return gd.Detector(case_sensitive=False)


def name_gender(name: str) -> str:
    """"m", "f" or "" from a person's first name ("Education Minister Carla Duvic" -> "f")."""
    det = _gender_detector()
    toks = [t for t in _name_tokens(name) if t[:1].isupper() and t.lower() not in PERSON_ROLES]
    if det is None or len(toks) < 2:
        return ""
    for t in toks[:-1]:
        g = det.get_gender(t)
        if g != "unknown":
            return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(g, "")
    return ""


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w[0].isupper())


def mention_span(m: Mention) -> Span:
    return Span(m.start, m.end, m.text)


#: Words that say a source is kept unnamed on purpose.
_UNNAMED = re.compile(
    r"\b(?:anonymity|anonymously|not (?:authori[sz]ed|permitted|allowed|cleared) to|(?:declined|asked) not to be "
    r"(?:named|identified)|(?:declined|refused) to be (?:named|identified)|on background)\b",
    re.IGNORECASE,
)

#: "X, who heads Y": the verb and the title it gives
_LEADS = {"heads": "head", "headed": "head", "leads": "leader", "led": "leader", "runs": "head", "ran": "head",
          "chairs": "chair", "chaired": "chair", "directs": "director", "founded": "founder", "represents": "representative",
          "manages": "manager", "oversees": "head", "coaches": "coach", "owns": "owner"}

_APPOSITION_STOP = frozenset((",", ";", ":", '"', "“", "”", "(", ")", "—", "–"))


def _with_description_before(doc: ParsedDoc, m: Mention, words, avoid) -> Mention:
    """"The minister of the economy, Mr. Guajardo Villarreal, argues": the description
    that opens the sentence and the name in commas after it name one speaker."""
    s0 = next((j for j, w in enumerate(words) if w.start >= m.start), None)
    if s0 is None or s0 < 3 or words[s0 - 1].text != "," or m.form != "name":
        return m
    seg = words[:s0 - 1]
    if len(seg) > 12 or any(w.upos in ("VERB", "AUX", "PUNCT") and w.text not in ("-", "'s", "’s") for w in seg):
        return m
    if seg[0].upos not in ("DET", "ADJ", "NOUN", "PROPN") or not any(w.upos == "NOUN" for w in seg):
        return m
    if any(w.text.lower() in TIME_WORDS or w.upos == "ADP" and w.text.lower() not in ("of", "for", "at", "in", "from") for w in seg):
        return m  # "The day after the primary, Gov. Doug Ducey called": when, not who
    start = seg[0].start
    if any(a < m.start and start < b for a, b in avoid):
        return m
    return Mention(start, m.end, doc.text[start:m.end], m.form)


def _noun_phrase(doc: ParsedDoc, m: Mention, sentence: int, avoid: Sequence[tuple[int, int]]) -> Span | None:
    """The whole noun phrase of the parse around a mention, with its appositions and relative clause
    ("the White House spokesman, Josh Earnest"; "Steven M. Ekovich, a broker based in Tampa, Fla., who
    represents sellers of golf courses"), where it stays clear of the cue and the claim."""
    s = doc.sentences[sentence]
    if not s.parsed:
        return None
    tree = Tree(s)
    ids = [w.id for w in s.words if w.start >= m.start and w.end <= m.end]
    tops = [i for i in ids if tree[i].head not in ids]
    if len(tops) != 1:
        return None
    h = tops[0]
    if base(tree[h].deprel) == "appos" and tree[h].head and tree[tree[h].head].upos in ("NOUN", "PROPN") and not tree.kids(
            tree[h].head, "case"):
        h = tree[h].head  # the name is the apposition of the description before it (not of "after the primary")
    if tree[h].upos not in ("NOUN", "PROPN") or base(tree[h].deprel) not in ("nsubj", "appos", "obl", "nmod"):
        return None
    sub = tree.trim(tree.contiguous(tree.subtree(h), h))
    # (as in SourceResolver.mention: no preposition the parse gave the speaker)
    while len(sub) > 1 and sub[0] < h and base(tree[sub[0]].deprel) == "case":
        sub = sub[1:]
    if not sub or len(sub) > 40:
        return None
    a, b = tree.span(sub)
    if a > m.start or b < m.end or any(x < b and a < y for x, y in avoid):
        return None
    return Span(a, b, doc.text[a:b])


def speaker_phrase(doc: ParsedDoc, m: Mention, sentence: int, avoid: Sequence[tuple[int, int]]) -> Span:
    """The words naming the speaker at a quote: the mention and the description set off
    after it by commas ("Charlie King, a prominent New York Democrat,"; "Victor Cha, who
    served as Asia director,"), never running into the cue or the claim (``avoid``); the
    parse's whole noun phrase where it holds more."""
    found = _comma_phrase(doc, m, sentence, avoid)
    np = _noun_phrase(doc, m, sentence, avoid)
    return np if np is not None and np.end - np.start > found.end - found.start else found


def _comma_phrase(doc: ParsedDoc, m: Mention, sentence: int, avoid: Sequence[tuple[int, int]]) -> Span:
    words = doc.sentences[sentence].words
    m = _with_description_before(doc, m, words, avoid)
    k = max((j for j, w in enumerate(words) if w.end <= m.end), default=None)
    if k is None or k + 2 >= len(words) or words[k + 1].text != ",":
        return mention_span(m)
    j = k + 2
    relative = words[j].text.lower() in ("who", "whose", "which")
    while j < len(words) and j - k <= 40:
        if words[j].text in _APPOSITION_STOP:
            # "Schiff, 56, who has served on the committee for a decade,": one more part, a relative clause
            if words[j].text == "," and j + 1 < len(words) and words[j + 1].text.lower() in ("who", "whose") and not relative:
                relative = True
                j += 1
                continue
            break
        relative = relative or words[j].text.lower() in ("who", "whose", "which") and j > k + 2
        if words[j].upos in ("VERB", "AUX") and words[j].xpos != "VBN" and not relative:
            return mention_span(m)  # "X, adding that ...": a clause, not a description
        j += 1
    last = j - 1
    while last > k + 1 and words[last].upos == "PUNCT":
        last -= 1
    if last <= k + 1 and words[last].upos == "PUNCT":
        return mention_span(m)
    at_end = j == len(words) or words[j].text in ('"', "”") or all(w.upos == "PUNCT" for w in words[j:])
    if not (j < len(words) and words[j].text == "," or at_end):
        return mention_span(m)
    end = words[last].end
    if any(a < end and m.end < b for a, b in avoid):
        return mention_span(m)
    return Span(m.start, end, doc.text[m.start:end])
