"""Word lists the rules rest on: speech cues, role nouns, and source kinds."""
from __future__ import annotations

import re

#: Verbs that report speech or writing: "X said (that) C".
SPEECH_VERBS = frozenset("""
say tell add warn deny claim insist note write confirm report announce state explain argue reply respond
acknowledge admit suggest predict declare estimate allege assert contend maintain reveal disclose concede
caution urge stress emphasize emphasise remark comment observe complain testify tweet post recall recount
point mention indicate assure vow pledge promise threaten boast lament declare reiterate repeat continue
quip joke muse speculate counter retort rebut snap interject chime agree disagree dispute charge accuse blame inform announce
advise brief clarify describe forecast project calculate conclude find show reckon believe think say
ask shout yell scream chant sing whisper exclaim plead
""".split())

#: Cognition and intention verbs: cues only with a finite clause ("X believes that C").
THINK_VERBS = frozenset("""
believe think feel hope fear expect worry know want plan intend doubt suspect consider assume understand
anticipate guess imagine wonder question learn recognize recognise realize realise imply
""".split())

#: Intention verbs: cues with an infinitive ("X plans to C", "X vowed to C").
INTENT_VERBS = frozenset("""
plan want intend hope vow pledge promise threaten refuse decline agree aim seek expect urge call demand propose ask
""".split())

#: Verbs whose object is what was said or stood for: "Christie endorsed Trump", "she cited low growth",
#: "he accused Republicans of ...". Those a reporter uses for a source's stance, chosen on the PolNeAR
#: training articles with scripts/cue_stats.py: each was marked as an attribution's cue about half the
#: times or more that it took an object in a form that tells what was done ("endorsed", not "would
#: endorse"); "oppose" and "condemn" 47%, "endorse" 62%, "cite" 86%. Rarer spellings and synonyms join them.
NP_CUE_VERBS = frozenset("""
endorse praise blast slam denounce condemn criticize criticise accuse blame cite tout mock lambaste applaud hail
laud decry dismiss oppose express voice echo reiterate stress note mention describe portray announce unveil
propose question acknowledge reveal predict recall repeat promise tweet quote list
chide bemoan lament assail rebuke defend emphasize emphasise underscore
discuss remind congratulate invoke retweet credit
""".split())

#: Verbs whose stance is in a prepositional object: "referred to Rubio as a bright leader", "pointed to his record".
PP_CUE_VERBS = {"refer": ("to",), "point": ("to", "at"), "rail": ("against",), "lash": ("at",), "push": ("for",),
                "apologize": ("for",), "apologise": ("for",), "side": ("with",), "weigh": ("on",)}

#: Speech verbs whose object is whom the words were said to ("told AFP").
ADDRESSEE_VERBS = frozenset("tell inform assure brief remind ask".split())

#: Nouns naming how words were given: "in a statement", "on Twitter".
CHANNEL_NOUNS = frozenset("""
statement interview tweet twitter x post letter email e-mail broadcast speech release conference briefing
facebook instagram telegram radio television tv video blog op-ed column message note memo podcast interview
press rally hearing testimony remarks address appearance website op.-ed. newsletter thread
""".split())

#: Grammatical subjects that make a report a document source.
DOCUMENT_NOUNS = frozenset("""
report study audit survey poll statement document data analysis letter filing memo review research
figures assessment inquiry investigation paper ruling verdict indictment complaint lawsuit census
communique communiqué release bulletin forecast estimate records record minutes transcript guidance
note notice warning order decree bill law decision judgment judgement
""".split())

#: Words that name a time, not a speaker: "said on Friday", "a report on Friday that says".
TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
morning afternoon evening night week month year weekend january february march april may june july august september
october november december""".split())

#: Nouns that stand for an unnamed person or group: "a senior official", "sources".
ANON_NOUNS = frozenset("""
official officials source sources spokesman spokeswoman spokesperson aide aides diplomat diplomats officer
officers person people resident residents witness witnesses insider insiders analyst analysts observer
observers member members executive executives adviser advisers advisor advisors employee employees staff
staffer staffers worker workers expert experts critic critics supporter supporters lawmaker lawmakers
activist activists investigator investigators negotiator negotiators doctor doctors medic medics
""".split())

#: Role nouns that refer back to a person: "the spokesman said".
PERSON_ROLES = frozenset("""
spokesman spokeswoman spokesperson minister president chairman chairwoman chair director head chief
leader governor mayor senator secretary ambassador commander general colonel official monitor analyst
economist professor researcher scientist lawyer attorney prosecutor judge candidate founder ceo
manager coach captain officer inspector superintendent commissioner envoy representative premier
chancellor deputy adviser advisor king queen prince pope bishop mother father son daughter wife husband
woman man teacher nurse doctor farmer owner resident witness expert author activist campaigner
""".split())

#: Role nouns that refer back to an organisation: "the company said".
ORG_ROLES = frozenset("""
company firm group organisation organization agency ministry department authority council government
commission committee observatory monitor bank fund party union association federation institute
office court army military police service campaign team club board administration regulator
watchdog coalition alliance network charity foundation university hospital school trust corporation
operator airline carrier insurer manufacturer retailer developer consortium utility
""".split())

HONORIFICS = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. fr fr. sen sen. rep rep. gov gov.
gen gen. col col. capt capt. lt lt. sgt sgt. pres pres. president senator governor mayor minister
""".split())

PRONOUNS = {
    "he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "them": "p", "it": "n",
    "i": "1", "we": "1", "you": "2",
}

_MEDIA_RE = re.compile(
    r"\b(?:AFP|Reuters|AP|Associated Press|Agence France[- ]Presse|BBC|CNN|Fox News|Fox|NBC|ABC|CBS|MSNBC|NPR|PBS|"
    r"Bloomberg|Al[- ]Jazeera|Xinhua|TASS|Interfax|RIA|Kyodo|Yonhap|ANSA|DPA|EFE|UPI|Sky News|"
    r"TV|television|radio|newspaper|tabloid|broadcaster|news agency|agency of news|magazine|"
    r"Times|Post|Journal|Herald|Tribune|Guardian|Telegraph|Gazette|Chronicle|Observer|Independent|Mirror|"
    r"Daily|Weekly|News|Press|Politico|Axios|Breitbart|HuffPost|Huffington Post|BuzzFeed|Vox|Wire|Insider|"
    r"Newsweek|Economist|Monitor|Express|Standard|Sun|Courier|Bulletin|Dispatch|Inquirer|Examiner|"
    r"state media|state television|state TV|news outlet|outlet|website|blog|paper)\b",
    re.IGNORECASE,
)
_GOV_RE = re.compile(
    r"\b(?:ministry|minister|government|authority|authorities|police|department|army|military|navy|"
    r"council|commission|parliament|congress|senate|house of|white house|pentagon|kremlin|"
    r"state department|administration|cabinet|embassy|consulate|presidency|prime minister's office|"
    r"agency|bureau|service|forces|guard|coastguard|court|tribunal|prosecutor|prosecutors|regulator|board|"
    r"federal|state|city hall|municipality|county|province|provincial|municipal|central bank|office|"
    r"FBI|CIA|NSA|DHS|EPA|FDA|CDC|NASA)\b",
    re.IGNORECASE,
)
_NOT_GOV = re.compile(r"\b(?:observatory|company|group|firm|party|campaign|union|association|institute|university|"
                      r"hospital|foundation|charity|club|savings|capital|corporation|cooperation|inc|ltd|corp|plc|llc|"
                      r"movement|alliance|federation)\b", re.IGNORECASE)


_MEDIA_STRONG = re.compile(
    r"^(?:the\s+)?(?:AFP|Reuters|AP|Associated Press|Agence France[- ]Presse|BBC|CNN|Fox News|NBC|ABC|CBS|MSNBC|NPR|PBS|"
    r"Bloomberg|Al[- ]Jazeera|Xinhua|TASS|Interfax|RIA Novosti|Kyodo|Yonhap|ANSA|DPA|EFE|UPI|Sky News|SANA|IRNA|"
    r"Politico|Axios|Breitbart|HuffPost|Huffington Post|BuzzFeed|Vox|Newsweek|The Economist)$",
    re.IGNORECASE,
)


def is_known_outlet(name: str) -> bool:
    """A news organisation known by name, whatever a tagger says."""
    return bool(_MEDIA_STRONG.match(name.strip()))


def is_media_name(name: str) -> bool:
    return bool(_MEDIA_RE.search(name))


def is_government_name(name: str) -> bool:
    return bool(_GOV_RE.search(name)) and not _NOT_GOV.search(name)


def inflections(lemma: str) -> set[str]:
    """Rough English forms of a verb, for a fast pre-filter on raw text."""
    irregular = {
        "say": {"said", "says", "saying"}, "tell": {"told", "tells", "telling"},
        "write": {"wrote", "written", "writes", "writing"}, "find": {"found", "finds", "finding"},
        "think": {"thought", "thinks", "thinking"}, "feel": {"felt"}, "know": {"knew", "known", "knows"},
        "show": {"shown", "showed", "shows"}, "forecast": {"forecast", "forecasts"}, "fear": {"fears", "feared"},
        "understand": {"understood"}, "swear": {"swore", "sworn"}, "speak": {"spoke", "spoken"},
        "shoot": {"shot", "shoots"}, "fire": {"fired", "fires"}, "hit": {"hit", "hits"},
    }
    forms = {lemma} | irregular.get(lemma, set())
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing", lemma + "es"}
        if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


#: Inflected form -> lemma for every cue verb, so cues do not hang on the lemmatizer.
CUE_LEMMA: dict[str, str] = {}
for _v in sorted(SPEECH_VERBS | THINK_VERBS | INTENT_VERBS | NP_CUE_VERBS | set(PP_CUE_VERBS) | {"shoot", "fire", "hit"}):
    for _f in inflections(_v):
        CUE_LEMMA.setdefault(_f, _v)

# Verbs whose base and -s forms are mostly nouns in news ("the state", "a report"):
# only their past and -ing forms send a sentence to the parser.
_NOUNISH = frozenset("""
state question point comment remark post report note show plan call tweet record charge estimate forecast project
release repeat promise pledge claim counter fear hope doubt guess find observe
blast slam blame tout mock hail echo voice stress list quote praise
""".split())
_CUE_FORMS = {f for f, v in CUE_LEMMA.items() if v not in _NOUNISH or f.endswith(("ed", "ing")) or f in (
    "said", "told", "wrote", "found", "thought", "felt", "knew", "shown")} - {
    "known", "expected", "understood", "hit", "hits", "hitting", "fire", "fires", "fired", "firing", "shoot", "shoots",
    "shot", "shooting"}  # "shot back" comes with its quote marks
CUE_PREFILTER = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _CUE_FORMS), key=len, reverse=True)) + r"|according)\b|[\"“”„«»]|(?<!\w)[‘’']|[‘’'](?!\w)"
    # the noun-like forms as verbs: "a poll shows that", "she plans to", "he calls for"
    r"|\b(?:" + "|".join(sorted(_NOUNISH)) + r")s?\s+(?:that|to|for)\b"
    # "a Fox News poll shows ...", "records show"
    r"|\b(?:polls?|surveys?|stud(?:y|ies)|reports?|data|records|figures|results|documents|e-?mails|numbers)\s+"
    r"(?:\w+\s+)?shows?\b"
    # a headline's "Pat Caddell: ...", "Poll: ..."
    r"|^\s*[A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+){0,5}:\s",
    re.IGNORECASE,
)


# The noun-like forms as verbs after a name or a personal pronoun: "Hassan touts her record", "The Brujas hope
# their presence ...", "she stresses". Only in a sentence that ends as sentences do: a sentence-case headline
# ("Prisoner lists stall as talks resume") has no full stop.
_NOUNISH_AS_VERB = re.compile(
    r"(?:\b(?!(?:The|A|An|This|That|These|Those|Its|His|Her|Their|Our|My|Your|No|Every|Each|Any|Some|Such|What|Which"
    r"|In|On|At|For|With|By|From|Of|To|And|But|Or|If|As|After|Before|One|Two|Three|Last|Next|New)\b)[A-Z][\w'’.-]*[a-z]"
    r"|\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\b)\s+(?:" + "|".join(sorted(_NOUNISH)) + r")(?:e?s)?\b")
_FULL_STOP = re.compile(r"[.!?][\"”’')\]]*\s*$")


def may_hold_quote(sentence: str) -> bool:
    """Cheap test: could this sentence hold a quote or a speech cue?"""
    return CUE_PREFILTER.search(sentence) is not None or (
        _NOUNISH_AS_VERB.search(sentence) is not None and _FULL_STOP.search(sentence) is not None)
