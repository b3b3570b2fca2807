"""The language backend: the only module that imports stanza.

An article is analysed in two passes. Rules (``quotetrace.tokens``; or
stanza's tokenizer model, when chosen) split every paragraph into sentences
and words; then only the sentences that can hold a quote or a
speech cue (``select``) get tags, lemmas, a dependency tree and entities, in
one batched call over all the articles at hand. That keeps the expensive
parser off most of the text.

Text given to stanza is normalised character for character (curly quotes to
straight ones, no-break spaces to spaces), so stanza's offsets are offsets
into the text as read.
"""
from __future__ import annotations

import json
import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Sequence

# Idle OpenMP threads spin by default; on a busy machine (or beside other
# jobs) that makes torch many times slower. Set before torch is imported.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from .errors import ModelNotFound, QuotetraceError
from . import tokens
from .fastpath import patch_stanza
from .layout import analyse_layout
from .models import ModelSet, resolve
from .types import ParsedDoc, Sentence, Word

log = logging.getLogger(__name__)

_NORMALISE = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " ",
    "\u200b": " ", "\ufeff": " ",
})


_DOUBLED_MARKS = frozenset(("''", "``", "‘‘", "’’"))
# what a sentence may end with; the tokenizer's other splits inside a paragraph are undone
_SENTENCE_END = frozenset(""". ! ? … : ; " ” ’ ' ) ] » -- — – ...""".split())


def _surface(word: str) -> str:
    """A word as the analysis sees it: '' and `` stand for a double quote mark (the New York Times' style)."""
    return '"' if word in _DOUBLED_MARKS else word


def normalise(text: str) -> str:
    """Same length as ``text``: one character in, one character out."""
    return text.translate(_NORMALISE)


QUANTIZE_ENV = "QUOTETRACE_QUANTIZE"


@contextmanager
def _loading_for_inference(trusted: bool):
    """Build stanza's processors for prediction only, faster.

    stanza's trainers make an optimizer even to predict, and the first one
    imports torch's compiler (about a second); here they make none. For
    ``trusted`` files (the models shipped inside this package, as trusted as
    its code) torch.load uses the compiled unpickler instead of the
    weights-only one, which is written in Python and slow on the large
    vocabularies; other models load as stanza loads them.
    """
    import torch
    from stanza.models.common import utils

    make_optimizer, make_optimizers, load = utils.get_optimizer, utils.get_split_optimizer, torch.load

    def trusted_load(*args, **kwargs):
        kwargs["weights_only"] = False
        return load(*args, **kwargs)

    utils.get_optimizer = lambda *args, **kwargs: None
    utils.get_split_optimizer = lambda *args, **kwargs: {}
    if trusted:
        torch.load = trusted_load
    try:
        yield
    finally:
        utils.get_optimizer, utils.get_split_optimizer, torch.load = make_optimizer, make_optimizers, load


def _quantize(pipelines) -> tuple[str, ...]:
    """Run the LSTM and linear layers of the CPU models in 8-bit integers (torch's dynamic quantization).

    Opt-in (QUOTETRACE_QUANTIZE=1): about a tenth faster on a CPU, with dev
    scores within a few thousandths, but "dynamic" means each batch of
    sentences is scaled by its own range, so an article's analysis can change
    with the articles it was batched with (4 of 40 PolNeAR articles did).
    The default float models give the same result however an article is
    batched. Any model that torch cannot quantize (a newer torch without it,
    say) stays as it was. Says which processors were quantized.
    """
    import warnings

    import torch

    done = []
    for pipe in pipelines:
        for name, proc in pipe.processors.items():
            trainer = getattr(proc, "_trainer", None)
            model = getattr(trainer, "model", None)
            if not isinstance(model, torch.nn.Module) or name in done:
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    trainer.model = torch.ao.quantization.quantize_dynamic(
                        model, {torch.nn.LSTM, torch.nn.Linear}, dtype=torch.qint8)
                done.append(name)
            except Exception as e:  # keep the float model
                log.debug("could not quantize %s: %s", name, e)
    return tuple(done)


TOKENIZER_ENV = "QUOTETRACE_TOKENIZER"
# "rules": quotetrace.tokens (the default); "stanza": the tokenizer model of the model set
TOKENIZERS = ("rules", "stanza")


def choose_tokenizer(name: str | None = None) -> str:
    """The tokenizer to use: ``name``, else $QUOTETRACE_TOKENIZER, else the rules."""
    choice = (name or os.environ.get(TOKENIZER_ENV) or "rules").strip().lower()
    if choice not in TOKENIZERS:
        raise QuotetraceError(f"unknown tokenizer {choice!r}: set {TOKENIZER_ENV} to one of {', '.join(TOKENIZERS)}")
    return choice


class StanzaBackend:
    """Parse articles with stanza, loading the models once."""

    def __init__(self, models: ModelSet | str | None = None, *, threads: int | None = None, use_gpu: bool = False,
                 quantize: bool | None = None, tokenizer: str | None = None):
        self.tokenizer = choose_tokenizer(tokenizer)
        self.models = models if isinstance(models, ModelSet) else resolve(models)
        if quantize is None:
            quantize = not use_gpu and os.environ.get(QUANTIZE_ENV, "0").strip().lower() in ("1", "yes", "true", "on")
        if threads:
            import torch

            torch.set_num_threads(threads)
        logging.getLogger("stanza").setLevel(logging.ERROR)
        import stanza

        patch_stanza()
        self._use_gpu = use_gpu
        has_mwt = self.models.origin == "official" or "mwt" in self.models.paths
        tok_procs = ("tokenize", "mwt") if has_mwt else ("tokenize",)  # stanza's tokenizer, when chosen
        ann_procs = ("tokenize", "pos", "lemma", "depparse", "ner")
        extra = {}
        if self.models.origin != "official":
            # a partial model set (while training) runs what it has
            ann_procs = ("tokenize",) + tuple(p for p in ann_procs[1:] if p in self.models.paths or p == "lemma")
            if "lemma" not in self.models.paths:
                extra["lemma_use_identity"] = True
        try:
            with _loading_for_inference(trusted=self.models.origin == "bundled"):
                # stanza's own tokenizer only when asked for: the rules are five times faster on news
                self._tok = self._pipeline(stanza, tok_procs) if self.tokenizer == "stanza" else None
                self._ann = self._pipeline(stanza, ann_procs, tokenize_pretokenized=True, **extra)
        except ModelNotFound:
            raise
        except (FileNotFoundError, OSError, ValueError, KeyError, RuntimeError) as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise ModelNotFound(
                f"could not load the {self.models.origin} stanza models ({first}); "
                "run `quotetrace models` to see what is installed"
            ) from e

        self.quantized = _quantize([p for p in (self._tok, self._ann) if p is not None]) if quantize else ()

    def _pipeline(self, stanza, processors, **extra):
        kw = dict(
            lang="en",
            processors=",".join(processors),
            download_method=None,
            use_gpu=self._use_gpu,
            logging_level="ERROR",
            tokenize_batch_size=64,
            pos_batch_size=3000,
            depparse_batch_size=3000,
            ner_batch_size=64,
            # the seq2seq lemmatizer reads a word and its tag, nothing else: keep each answer for the
            # next time the pair comes (names recur in and across articles); the same lemmas, fewer runs
            lemma_store_results=True,
            **extra,
        )
        if self.models.origin == "official":
            kw["dir"] = self.models.stanza_dir
        else:
            kw["dir"] = str(self.models.paths["tokenize"].parent)
            # stanza insists on a resources.json; ours names no downloadable model
            kw["resources_filepath"] = str(Path(__file__).parent / "stanza_resources.json")
            kw.update(self.models.pipeline_kwargs(processors))
        return stanza.Pipeline(**kw)

    def _sentences(self, texts, units, paragraphs):
        """(article, paragraph, words) of each sentence of the (normalised) paragraphs, a word as (surface,
        start, end) in its article."""
        if self._tok is None:
            for (a, p, lo), paragraph in zip(units, paragraphs):
                for sent in tokens.sentences(paragraph):
                    yield a, p, [(_surface(texts[a][s + lo:e + lo]), s + lo, e + lo) for s, e in sent]
            return
        from stanza.models.common.doc import Document

        tokenized = self._tok([Document([], text=t) for t in paragraphs]) if paragraphs else []
        for (a, p, lo), doc in zip(units, tokenized):
            for sent in doc.sentences:
                words = []
                for tok in sent.tokens:
                    s, e = tok.start_char + lo, tok.end_char + lo
                    multi = len(tok.words) > 1
                    for w in tok.words:
                        # a word of a multi-word token ("Corvane" + "'s") keeps stanza's text and the token's span
                        words.append((_surface(w.text if multi else texts[a][s:e]), s, e))
                yield a, p, words

    def parse_many(self, texts: Sequence[str], select: Callable[[str], bool] | None = None) -> list[ParsedDoc]:
        layouts = [analyse_layout(t) for t in texts]
        units = []  # (article index, paragraph index, start offset)
        paragraphs = []
        for a, (text, layout) in enumerate(zip(texts, layouts)):
            norm = normalise(text)
            for p, (lo, hi) in enumerate(layout.paragraphs):
                units.append((a, p, lo))
                paragraphs.append(norm[lo:hi])
        # gather sentences per article; pick those that need full annotation
        raw: list[list[tuple[int, list[tuple[str, int, int]]]]] = [[] for _ in texts]
        for a, p, words in self._sentences(texts, units, paragraphs):
            if words:
                prev = raw[a][-1] if raw[a] else None
                last = prev[1][-1][0] if prev is not None else ""
                if self._tok is not None and prev is not None and prev[0] == p and last not in _SENTENCE_END and not last.endswith(
                        ".") and len(prev[1]) < 60:
                    # a split with no full stop before it ("British Prime Minister Theresa | May said"):
                    # stanza's tokenizer took a name for a date; keep one sentence (the rules split only at a stop)
                    prev[1].extend(words)
                else:
                    raw[a].append((p, words))
        wanted: list[tuple[int, int]] = []
        for a, sents in enumerate(raw):
            for i, (p, words) in enumerate(sents):
                s, e = words[0][1], words[-1][2]
                if select is None or select(texts[a][s:e]):
                    wanted.append((a, i))
        annotated = {}
        if wanted:
            batch = [[normalise(w[0]) for w in raw[a][i][1]] for a, i in wanted]
            out = self._ann(batch)
            for key, sent in zip(wanted, out.sentences):
                annotated[key] = sent
        results = []
        for a, sents in enumerate(raw):
            sentences = []
            for i, (p, words) in enumerate(sents):
                sent = annotated.get((a, i))
                ws = []
                for j, (text, s, e) in enumerate(words):
                    if sent is not None:
                        sw = sent.words[j]
                        ws.append(Word(j + 1, text, s, e,
                                       sw.upos, sw.xpos, sw.lemma, sw.head, sw.deprel,
                                       sent.tokens[j].ner if j < len(sent.tokens) else None))
                    else:
                        ws.append(Word(j + 1, text, s, e))
                sentences.append(Sentence(len(sentences), words[0][1], words[-1][2], p, tuple(ws), sent is not None))
            results.append(ParsedDoc(texts[a], tuple(sentences), layouts[a].paragraphs, layouts[a].debris))
        return results


# --- stored parses, for tests and for a fake backend ---------------------------------

def doc_to_json(doc: ParsedDoc) -> dict:
    return {
        "text": doc.text,
        "paragraphs": [list(p) for p in doc.paragraphs],
        "sentences": [
            {
                "paragraph": s.paragraph,
                "parsed": s.parsed,
                "words": [
                    [w.text, w.start, w.end, w.upos, w.xpos, w.lemma, w.head, w.deprel, w.ner] for w in s.words
                ],
            }
            for s in doc.sentences
        ],
    }


def doc_from_json(d: dict) -> ParsedDoc:
    sentences = []
    for i, s in enumerate(d["sentences"]):
        words = tuple(Word(j + 1, *w) for j, w in enumerate(s["words"]))
        sentences.append(Sentence(i, words[0].start, words[-1].end, s["paragraph"], words, s.get("parsed", True)))
    return ParsedDoc(d["text"], tuple(sentences), tuple(tuple(p) for p in d["paragraphs"]))


class StoredBackend:
    """A backend that replays stored parses (keyed by text): no models needed."""

    def __init__(self, docs: Sequence[ParsedDoc] | None = None):
        self._docs = {d.text: d for d in docs or ()}

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> "StoredBackend":
        with open(path, encoding="utf-8") as f:
            return cls([doc_from_json(json.loads(line)) for line in f if line.strip()])

    def add(self, doc: ParsedDoc) -> None:
        self._docs[doc.text] = doc

    def parse_many(self, texts, select=None):
        try:
            return [self._docs[t] for t in texts]
        except KeyError:
            raise ModelNotFound("no stored parse for this text; store one with doc_to_json first") from None
