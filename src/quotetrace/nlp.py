"""The language backend: the only module that imports stanza.

An article is analysed in two passes. The tokenizer splits every paragraph
into sentences and words; then only the sentences that can hold a quote or a
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

import numpy as np

# Idle OpenMP threads spin by default; on a busy machine (or beside other
# jobs) that makes torch many times slower. Set before torch is imported.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from .errors import ModelNotFound
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


def normalise(text: str) -> str:
    """Same length as ``text``: one character in, one character out."""
    return text.translate(_NORMALISE)


def _fast_one_root(original):
    """Skip stanza's pure-Python Chu-Liu-Edmonds when the best heads already form a tree.

    Chu-Liu-Edmonds returns the argmax heads unchanged when they hold no
    cycle, so checking for that first gives the same trees, faster.
    """

    def decode(scores):
        # Every single-root tree has exactly one root arc, so the original's
        # re-weighting of root arcs shifts them all by the same amount: when
        # the unweighted best heads already form a single-root tree, that tree
        # is the one Chu-Liu-Edmonds would return.
        s = scores.astype(np.float64)  # copy, as the original does
        np.fill_diagonal(s, -np.inf)
        s[0] = -np.inf
        s[0, 0] = 0
        tree = np.argmax(s, axis=1)
        if np.count_nonzero(tree[1:] == 0) == 1:
            reach = tree.copy()
            for _ in range(int(np.ceil(np.log2(max(len(tree), 2)))) + 1):
                reach = reach[reach]
            if not reach.any():
                return tree
        return original(scores)

    decode.__wrapped__ = original
    return decode


def _arc_labels(dep, head, weight, chunk: int = 256):
    """The bilinear label scores of each (dependent, head) pair: ``dep[n] @ weight[:, :, o] @ head[n]``.

    One small matrix product per label over a block of words at a time: the
    same numbers as ``torch.bilinear`` up to rounding, two to three times
    faster on a CPU than one large product, whose (words x labels x dims)
    intermediate does not fit in the cache.
    """
    import torch

    per_label = weight.permute(2, 0, 1).contiguous()  # (O, I, J)
    out = dep.new_empty(dep.size(0), weight.size(2))
    for s in range(0, dep.size(0), chunk):
        t = torch.matmul(dep[s:s + chunk].unsqueeze(0), per_label)  # (O, c, J)
        out[s:s + chunk] = (t * head[s:s + chunk].unsqueeze(0)).sum(2).T
    return out


def _fast_predict(original):
    """Label only the arcs the parser keeps.

    stanza's graph parser scores every label for every (dependent, head)
    pair, a (batch x length x length x labels) tensor, then reads the labels
    of the chosen arcs only. This scores the heads, decodes the tree, and
    scores the labels of those arcs alone; where the best labels break a
    head constraint (two subjects or two objects on one head), it scores the
    whole sentence and repairs it exactly as stanza does. The trees and
    labels are the original's.
    """
    import torch
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse import model as depparse_model
    from stanza.models.depparse.head_constraints import (
        find_head_constraint_violations,
        resolve_head_constraint_violations,
    )

    def predict(self, word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained, lemma, head, deprel,
                word_orig_idx, sentlens, wordlens, text, resolve_head_constraints=False):
        if self.training or self.args.get("use_arc_embedding") or not hasattr(self, "deprel"):
            return original(self, word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained, lemma,
                            head, deprel, word_orig_idx, sentlens, wordlens, text,
                            resolve_head_constraints=resolve_head_constraints)
        with torch.no_grad():
            out = self.embed(word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained, lemma, head,
                             deprel, word_orig_idx, sentlens, wordlens, text)
            arcs = self.unlabeled(out, out).squeeze(3)
            if self.args["linearization"] or self.args["distance"]:
                n = word.size(1)
                offset = (torch.arange(n).view(1, 1, -1) - torch.arange(n).view(1, -1, 1)).expand(word.size(0), -1, -1)
            if self.args["linearization"]:
                lin = self.linearization(out, out).squeeze(3)
                arcs += F.logsigmoid(lin * torch.sign(offset).float())
            if self.args["distance"]:
                dist = 1 + F.softplus(self.distance(out, out).squeeze(3))
                arcs += -torch.log((torch.abs(offset).float() - dist) ** 2 / 2 + 1)
            diag = torch.eye(head.size(-1) + 1, dtype=torch.bool).unsqueeze(0)
            arcs.masked_fill_(diag, -float("inf"))
            arcs = F.log_softmax(arcs, 2).numpy()
            scorer = self.deprel
            dep = scorer.hidden_func(scorer.W1(out))
            hd = scorer.hidden_func(scorer.W2(out))
            dep = torch.cat([dep, dep.new_ones(*dep.size()[:-1], 1)], -1)
            hd = torch.cat([hd, hd.new_ones(*hd.size()[:-1], 1)], -1)
            bilinear = scorer.scorer.W_bilin
            vocab = self.vocab["deprel"]
            trees = [depparse_model.chuliu_edmonds_one_root(arcs[i][:n, :n]) for i, n in enumerate(sentlens)]
            # the chosen head of every word (padding points at the root), then one matrix product
            at = np.zeros(dep.shape[:2], dtype=np.int64)
            for i, tree in enumerate(trees):
                at[i, :len(tree)] = tree
            at = torch.as_tensor(at)
            hd_at = torch.gather(hd, 1, at.unsqueeze(2).expand(-1, -1, hd.size(2)))
            scores = _arc_labels(dep.reshape(-1, dep.size(2)), hd_at.reshape(-1, hd_at.size(2)), bilinear.weight)
            scores = scores.view(dep.size(0), dep.size(1), -1) + bilinear.bias
            best = (scores.argmax(2) + VOCAB_PREFIX_SIZE).tolist()
            heads, labels = [], []
            for i, n in enumerate(sentlens):
                tree = trees[i]
                rels = vocab.unmap(best[i][1:n])
                if resolve_head_constraints and find_head_constraint_violations(tree, rels):
                    full = scorer(out[i:i + 1, :n], out[i:i + 1, :n])[0]
                    tree, raw = resolve_head_constraint_violations(arcs[i][:n, :n], F.log_softmax(full, 2).numpy(),
                                                                   tree, vocab)
                    rels = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw])
                heads.append(tree[1:])
                labels.append(rels)
        return [[[heads[i][j], labels[i][j]] for j in range(sentlens[i] - 1)] for i in range(len(sentlens))]

    predict.__wrapped__ = original
    return predict


def _compiled_chu_liu_edmonds(original):
    """stanza's Chu-Liu-Edmonds (maximum spanning tree of ``scores[dependent,
    head]``) computed by ufal.chu_liu_edmonds, a compiled implementation of
    the same algorithm: the same trees, about thirty times faster. stanza's
    single-root search calls it once per candidate root."""
    from ufal.chu_liu_edmonds import chu_liu_edmonds

    def decode(scores):
        s = scores.astype(np.float64)  # a copy, as the original makes
        np.fill_diagonal(s, np.nan)  # NaN: no such arc
        s[0] = np.nan  # nothing heads the root
        heads, _ = chu_liu_edmonds(s)
        tree = np.asarray(heads, dtype=np.int64)
        tree[0] = 0
        return tree

    decode.__wrapped__ = original
    return decode


def _patch_decoder() -> str:
    """Speed up stanza's parser without changing its output; says which tree decoder it uses."""
    from stanza.models.common import chuliu_edmonds as cle
    from stanza.models.depparse import model as depparse_model

    if not hasattr(cle.chuliu_edmonds, "__wrapped__"):
        try:
            cle.chuliu_edmonds = _compiled_chu_liu_edmonds(cle.chuliu_edmonds)
        except ImportError:
            # an install that predates the dependency: the same trees, from stanza's slower decoder
            logging.getLogger("quotetrace").warning(
                "ufal.chu_liu_edmonds is not installed, so parsing is slower; `pip install ufal.chu_liu_edmonds` fixes it")

    if not hasattr(depparse_model.chuliu_edmonds_one_root, "__wrapped__"):
        depparse_model.chuliu_edmonds_one_root = _fast_one_root(depparse_model.chuliu_edmonds_one_root)
    parser = depparse_model.GraphParser
    if not hasattr(parser.predict, "__wrapped__"):
        parser.predict = _fast_predict(parser.predict)
    return "compiled (ufal.chu_liu_edmonds)" if hasattr(cle.chuliu_edmonds, "__wrapped__") else "stanza's own"


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


class StanzaBackend:
    """Parse articles with stanza, loading the models once."""

    def __init__(self, models: ModelSet | str | None = None, *, threads: int | None = None, use_gpu: bool = False,
                 quantize: bool | None = None):
        self.models = models if isinstance(models, ModelSet) else resolve(models)
        if quantize is None:
            quantize = not use_gpu and os.environ.get(QUANTIZE_ENV, "0").strip().lower() in ("1", "yes", "true", "on")
        if threads:
            import torch

            torch.set_num_threads(threads)
        logging.getLogger("stanza").setLevel(logging.ERROR)
        import stanza

        _patch_decoder()
        self._use_gpu = use_gpu
        has_mwt = self.models.origin == "official" or "mwt" in self.models.paths
        tok_procs = ("tokenize", "mwt") if has_mwt else ("tokenize",)
        ann_procs = ("tokenize", "pos", "lemma", "depparse", "ner")
        extra = {}
        if self.models.origin != "official":
            # a partial model set (while training) runs what it has
            ann_procs = ("tokenize",) + tuple(p for p in ann_procs[1:] if p in self.models.paths or p == "lemma")
            if "lemma" not in self.models.paths:
                extra["lemma_use_identity"] = True
        try:
            with _loading_for_inference(trusted=self.models.origin == "bundled"):
                self._tok = self._pipeline(stanza, tok_procs)
                self._ann = self._pipeline(stanza, ann_procs, tokenize_pretokenized=True, **extra)
        except ModelNotFound:
            raise
        except (FileNotFoundError, OSError, ValueError, KeyError, RuntimeError) as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise ModelNotFound(
                f"could not load the {self.models.origin} stanza models ({first}); "
                "run `quotetrace models` to see what is installed"
            ) from e

        self.quantized = _quantize((self._tok, self._ann)) if quantize else ()

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

    def parse_many(self, texts: Sequence[str], select: Callable[[str], bool] | None = None) -> list[ParsedDoc]:
        from stanza.models.common.doc import Document

        layouts = [analyse_layout(t) for t in texts]
        units = []  # (article index, paragraph index, start offset)
        docs = []
        for a, (text, layout) in enumerate(zip(texts, layouts)):
            norm = normalise(text)
            for p, (lo, hi) in enumerate(layout.paragraphs):
                units.append((a, p, lo))
                docs.append(Document([], text=norm[lo:hi]))
        tokenized = self._tok(docs) if docs else []
        # gather sentences per article; pick those that need full annotation
        raw: list[list[tuple[int, list[tuple[str, int, int]]]]] = [[] for _ in texts]
        for (a, p, lo), doc in zip(units, tokenized):
            for sent in doc.sentences:
                words = []
                for tok in sent.tokens:
                    s, e = tok.start_char + lo, tok.end_char + lo
                    multi = len(tok.words) > 1
                    for w in tok.words:
                        # a word of a multi-word token ("Corvane" + "'s") keeps stanza's text and the token's span
                        surface = w.text if multi else texts[a][s:e]
                        # '' and `` stand for a double quote mark (as in the New York Times' style)
                        words.append(('"' if surface in _DOUBLED_MARKS else surface, s, e))
                if words:
                    prev = raw[a][-1] if raw[a] else None
                    if prev is not None and prev[0] == p and prev[1][-1][0] not in _SENTENCE_END and len(prev[1]) < 60:
                        # a split with no full stop before it ("British Prime Minister Theresa | May said"):
                        # the tokenizer took a name for a date; keep one sentence
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
