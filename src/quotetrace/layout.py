"""Article layout: paragraphs, and the web-page debris that is not article text.

Articles pasted from web pages carry a headline, a dateline, a photo caption
(often twice, once truncated), and page furniture after the body ("There are
no comments", "LEAVE A COMMENT ...", "Share this article", "Related: ...").
Debris is left out of the analysis but stays in the text, so every offset
still points into the text as read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TERMINAL = tuple('.!?:;"”’»)')
_BOILERPLATE = re.compile(
    r"""^\s*(?:
        there\s+are\s+no\s+comments|no\s+comments(\s+yet)?|comments?\s+(are\s+)?closed|leave\s+a\s+(comment|reply)|
        post\s+a\s+comment|add\s+a\s+comment|\d+\s+comments?$|comments?$|share\s+this(\s+(article|story|page))?|
        share\s+on\s+\w+|share$|tweet$|email$|print$|related(\s+(articles?|stories|content|coverage))?\s*[:\-–]|read\s+more\s*[:\-–]|
        read\s+next|most\s+(read|popular|viewed)|recommended(\s+for\s+you)?|advertisement$|sponsored(\s+content)?|
        sign\s+up\s+(for|to)|subscribe\s+(to|now|for)|follow\s+us|click\s+here|copyright\s|©|all\s+rights\s+reserved|
        your\s+email\s+address\s+will\s+not|required\s+fields\s+are|this\s+article\s+(was\s+)?(originally\s+)?(appeared|published)|
        image\s+(copyright|caption|source)|photo:|getty\s+images$|skip\s+to\s+(main\s+)?content|cookie|accept\s+cookies|
        we\s+use\s+cookies|log\s*in$|sign\s*in$|tags?\s*:|topics?\s*:|filed\s+under
    )""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Layout:
    paragraphs: tuple[tuple[int, int], ...]  # article text, debris left out
    debris: tuple[tuple[int, int], ...]


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if m.start() == len(text) and not m.group():
            break
        line = m.group().rstrip("\r\n")
        lo, hi = m.start(), m.start() + len(line)
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        out.append((lo, hi))
        pos = m.end()
    return out


def analyse_layout(text: str) -> Layout:
    """Split ``text`` into paragraphs and find the debris among them."""
    lines = _lines(text)
    # Join hard-wrapped lines: a line that does not end a sentence, followed
    # directly (no blank line) by one starting in lower case.
    paras: list[tuple[int, int]] = []
    prev_blank = True
    for lo, hi in lines:
        if lo == hi:
            prev_blank = True
            continue
        if paras and not prev_blank:
            plo, phi = paras[-1]
            if not text[phi - 1:phi] in _TERMINAL and (text[lo].islower() or text[lo].isdigit() and text[phi - 1] == ","):
                paras[-1] = (plo, hi)
                prev_blank = False
                continue
        paras.append((lo, hi))
        prev_blank = False

    debris: list[tuple[int, int]] = []
    keep: list[tuple[int, int]] = []
    tail = False  # once page furniture starts after the body, the rest is furniture
    for i, (lo, hi) in enumerate(paras):
        line = text[lo:hi]
        nxt = text[paras[i + 1][0]:paras[i + 1][1]] if i + 1 < len(paras) else ""
        is_debris = bool(_BOILERPLATE.match(line))
        # a truncated copy of the next line (a photo caption cut short)
        if not is_debris and nxt and len(line) >= 20 and nxt.startswith(line) and len(nxt) > len(line):
            is_debris = True
        if is_debris and i >= len(paras) // 2 and sum(
            1 for lo2, hi2 in paras[i + 1:] if len(text[lo2:hi2]) > 200
        ) == 0:
            tail = True
        if is_debris or (tail and _short_furniture(line)):
            debris.append((lo, hi))
        else:
            keep.append((lo, hi))
    return Layout(tuple(keep), tuple(debris))


def _short_furniture(line: str) -> bool:
    return len(line) < 120 and not re.search(r"[\"“”]", line)
