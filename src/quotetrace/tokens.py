"""Sentences and words of news text, by rules.

stanza's tokenizer is a character-level network: accurate on messy web
text, but a fifth of quotetrace's time on news, whose sentences are well
formed. These rules split a paragraph the way the treebank the models were
trained on does (UD English-EWT): punctuation apart, clitics apart ("do
n't", "Clinton 's", "ca n't", "can not"), abbreviations, initials, numbers,
hyphenated words, web addresses and handles whole; then into sentences at
a full stop, question or exclamation mark (with the quote marks and
brackets that close after it) before a capital, a digit or an opening mark,
unless the stop belongs to a title ("Gov.", "Mr.") or an initial.

Every word is a (start, end) span into the paragraph as given.
"""
from __future__ import annotations

import re

# abbreviations written with a full stop, lower-cased without it. Titles come
# before a name, so a stop after one never ends a sentence.
TITLES = frozenset("""
mr mrs ms messrs mmes dr prof gov sen rep reps sens gen lt col sgt capt cmdr adm maj cpl pvt brig
st mt ft pres supt atty insp det rev fr msgr hon amb sec gens v vs
""".split())
ABBREVIATIONS = TITLES | frozenset("""
jr sr inc corp co ltd llc bros no nos etc al jan feb mar apr jun jul aug sep sept oct nov dec
approx est dept univ assn ave blvd rd fig vol pp ed eds mass calif fla ill conn colo ariz minn okla penn tenn wash wis
wyo ky ga va md nev neb mich ind kan ark ala miss del
""".split())

_CLITIC = re.compile(r"(?i)(n't|'s|'re|'ve|'ll|'d|'m)$")
# whole words of two parts, as the treebank splits them
_SPLIT_WORDS = {"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3}

_TOKEN = re.compile(r"""
    (?P<url>(?:https?://|www\.)[^\s"'<>()\[\]]*[^\s"'<>()\[\].,;:!?]
        | [\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<handle>[@#][A-Za-z0-9_]+)
  | (?P<number>\d+(?:[.,:/]\d+)*(?:[a-zA-Z]{1,2}\b)?)
  | (?P<dotted>(?:[A-Za-z]\.){2,}(?:[A-Za-z](?![\w.]))?(?:-\w+)*)
  | (?P<word>\w+(?:-(?:[A-Za-z]\.){2,}|[-'’&]\w+)*)
  | (?P<doubled>''|``)
  | (?P<dash>-{2,}|—|–)
  | (?P<dots>\.{2,}|…)
  | (?P<punct>\S)
""", re.VERBOSE | re.UNICODE)

_OPENERS = frozenset("""( [ { " ' ` `` ''""".split())
_ENDERS = frozenset(". ! ? ... …".split())
_CLOSERS = frozenset(""") ] } " ' ''""".split())


def words(paragraph: str) -> list[tuple[int, int]]:
    """The word spans of a paragraph, in order."""
    out: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(paragraph):
        if m.lastgroup == "word":
            _add_word(paragraph, *m.span(), out)
        else:
            out.append(m.span())
    return _merge_stops(paragraph, out)


def _add_word(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    token = text[s:e]
    low = token.lower().replace("’", "'")
    if low in _SPLIT_WORDS:
        k = _SPLIT_WORDS[low]
        out.extend(((s, s + k), (s + k, e)))
        return
    m = _CLITIC.search(low)
    if m and m.start() > 0:
        cut = s + m.start()
        if low.endswith("n't") and low[:-3] in ("ca", "wo", "sha", "ai"):
            cut = e - 3
        out.extend(((s, cut), (cut, e)))
        return
    out.append((s, e))


def _merge_stops(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A full stop joins the word before it when that word is an abbreviation or an initial."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if text[s:e] == "." and out and out[-1][1] == s:
            ps, pe = out[-1]
            prev = text[ps:pe]
            if prev.lower() in ABBREVIATIONS or (len(prev) == 1 and prev.isupper()):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


#: A wire story's dateline: "WASHINGTON (AP) —", "NEW YORK, Nov. 19 (UPI) --", "DECATUR, Ill. —".
DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"  # the place, in capitals
    r"(?:,\s+[A-Z][a-z]{1,4}\.?(?:\s+\d{1,2})?)?"  # a state or a date: ", Ill.", ", Nov. 19"
    r"(?:\s*\([A-Za-z][\w.&-]*\))?"  # the agency: "(AP)"
    r"\s*(?:—|–|--|-|―)\s+")


def sentences(paragraph: str) -> list[list[tuple[int, int]]]:
    """The sentences of a paragraph, each a list of word spans. A dateline is a sentence of its own,
    so that "WASHINGTON (AP) — Clinton said ..." does not make Washington the one who spoke."""
    spans = words(paragraph)
    result: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    i = 0
    n = len(spans)
    date = DATELINE.match(paragraph)
    if date:
        while i < n and spans[i][1] <= date.end():
            current.append(spans[i])
            i += 1
        if current and i < n:
            result.append(current)
            current = []
    while i < n:
        current.append(spans[i])
        tok = paragraph[spans[i][0]:spans[i][1]]
        if _ends(paragraph, spans, i, tok):
            # the closing marks after the stop belong to this sentence
            while i + 1 < n and paragraph[spans[i + 1][0]:spans[i + 1][1]] in _CLOSERS and _closes(paragraph, spans[i + 1]):
                i += 1
                current.append(spans[i])
            if i + 1 < n and _starts(paragraph, spans, i + 1):
                result.append(current)
                current = []
        i += 1
    if current:
        result.append(current)
    return result


def _ends(text: str, spans, i: int, tok: str) -> bool:
    if tok in _ENDERS:
        return True
    if tok.endswith(".") and len(tok) > 1:
        low = tok[:-1].lower()
        if low in TITLES or (len(low) == 1 and low.isalpha()):
            return False  # "Gov. Chris Christie", "John F. Kennedy"
        return i + 1 < len(spans) and _starts(text, spans, i + 1, strict=True)
    return False


def _closes(text: str, span) -> bool:
    """A quote mark or bracket that closes (no space before it, or a space after it)."""
    s, e = span
    return s == 0 or not text[s - 1].isspace() or e >= len(text) or text[e].isspace()


def _starts(text: str, spans, j: int, strict: bool = False) -> bool:
    """Could the word at j begin a sentence?"""
    s, e = spans[j]
    tok = text[s:e]
    if tok in _OPENERS and j + 1 < len(spans):
        nxt = text[spans[j + 1][0]:spans[j + 1][1]]
        return nxt[:1].isupper() or nxt[:1].isdigit()
    if strict:
        # after an abbreviation ("in the U.S. The ..."), only a word that mostly begins sentences
        return tok in _SENTENCE_STARTERS
    return tok[:1].isupper() or tok[:1].isdigit()


_SENTENCE_STARTERS = frozenset("""
The A An He She It They We I You This That These Those There His Her Its Their Our My In On At But And
Or So Yet If When While After Before Since As For Some Many Most Other Others Such What Who Why How
Then Now Still Also However Meanwhile Last Next One Two Both All No Not Even Only Under With
""".split())
