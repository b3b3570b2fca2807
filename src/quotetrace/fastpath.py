"""stanza, faster: patches to its inference that keep its outputs.

Each patch replaces one slow piece of stanza's prediction code (pure-Python
loops, string round trips, work only training needs, words computed again
and again) with code that gives the same trees, tags and entities: the
numbers agree to rounding, and on the shipped models the parses of PolNeAR
dev are identical, word for word. They are installed once, by
``patch_stanza()``, when a ``StanzaBackend`` is made, and only touch
prediction: stanza's trainers (run in their own processes by
``quotetrace.training``) never see them. Each keeps the original as
``__wrapped__`` so a test can compare the two.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager

import numpy as np

log = logging.getLogger(__name__)


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
            bilinear = scorer.scorer.W_bilin
            vocab = self.vocab["deprel"]
            trees = [depparse_model.chuliu_edmonds_one_root(arcs[i][:n, :n]) for i, n in enumerate(sentlens)]
            # labels for the words only, not the padding of the batch (a third of it, in long batches)
            lens = [int(n) for n in sentlens]
            words = torch.arange(out.size(1)).unsqueeze(0) < torch.as_tensor(lens).unsqueeze(1)
            flat = out[words]  # sentence by sentence, the root first
            dep = scorer.hidden_func(scorer.W1(flat))
            hd = scorer.hidden_func(scorer.W2(flat))
            dep = torch.cat([dep, dep.new_ones(dep.size(0), 1)], -1)
            hd = torch.cat([hd, hd.new_ones(hd.size(0), 1)], -1)
            starts = np.cumsum([0] + lens[:-1])
            at = torch.as_tensor(np.concatenate([start + np.asarray(tree, dtype=np.int64)
                                                 for start, tree in zip(starts, trees)]))
            scores = _arc_labels(dep, hd[at], bilinear.weight) + bilinear.bias
            best_flat = (scores.argmax(1) + VOCAB_PREFIX_SIZE).tolist()
            best = [best_flat[start:start + n] for start, n in zip(starts, lens)]
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


# --- tensors, vocabularies ---------------------------------------------------------

def _fast_long_tensor(original):
    """stanza's ``get_long_tensor`` (pad nested lists of ids into one tensor)
    filled through numpy in a few vectorised steps instead of one small
    tensor per sentence: the same tensor."""
    import torch

    def get_long_tensor(tokens_list, batch_size, pad_id=0):
        levels = [tokens_list]  # the lists, then each level below flattened
        while isinstance(levels[-1][0], list):
            levels.append([z for y in levels[-1] for z in y])
        if len(levels) not in (2, 3):
            return original(tokens_list, batch_size, pad_id)
        lens = [np.fromiter(map(len, level), dtype=np.int64, count=len(level)) for level in levels[:-1]]
        out = np.full((batch_size, *(int(n.max()) for n in lens)), pad_id, dtype=np.int64)
        where = _positions(lens[-1])  # (row, column) of each id in its innermost list
        if len(levels) == 3:  # the innermost lists are words of sentences (their lengths may differ)
            sentence, word = _positions(lens[0])
            where = (sentence[where[0]], word[where[0]], where[1])
        out[where] = np.asarray(levels[-1], dtype=np.int64)
        return torch.from_numpy(out)

    get_long_tensor.__wrapped__ = original
    return get_long_tensor


def _positions(lens):
    """For lists of the given lengths laid end to end: the list and the place in it of each element."""
    row = np.repeat(np.arange(len(lens)), lens)
    return row, np.arange(len(row)) - np.repeat(np.cumsum(lens) - lens, lens)


def _memoised_composite_vocab(cls):
    """A composite vocabulary (UFeats, composite XPOS) turns ids into strings
    and back once per word, formatting "Key=Value" for each feature: a few
    hundred combinations, met tens of thousands of times. Remember them."""
    id2unit, unit2id = cls.id2unit, cls.unit2id
    limit = 100_000

    def cached_id2unit(self, id):
        cache = self.__dict__.setdefault("_quotetrace_id2unit", {})
        try:
            key = tuple(id)
        except TypeError:
            key = id
        hit = cache.get(key)
        if hit is None:
            hit = id2unit(self, id)
            if isinstance(hit, list):  # a list of parts (no separator): mutable, not kept
                return hit
            if len(cache) < limit:
                cache[key] = hit
        return hit

    def cached_unit2id(self, unit):
        cache = self.__dict__.setdefault("_quotetrace_unit2id", {})
        hit = cache.get(unit)
        if hit is None:
            hit = tuple(unit2id(self, unit))
            if len(cache) < limit:
                cache[unit] = hit
        return list(hit)

    cached_id2unit.__wrapped__ = id2unit
    cached_unit2id.__wrapped__ = unit2id
    return cached_id2unit, cached_unit2id


# --- the tagger: tags conditioned on the predicted UPOS ------------------------------

def _grouped_biaffine(original):
    """The tagger scores XPOS and each feature with a bilinear form of a word's
    hidden state and the embedding of its predicted UPOS. That embedding takes
    one of a few values, so the form reduces to one matrix per UPOS tag:
    ``[h, 1] @ V[u]``, about fifty times less arithmetic than ``torch.bilinear``
    over every word, and the same scores up to rounding."""
    import torch

    def forward(self, input1, input2):
        if self.training or input1.dim() != 2 or input2.dim() != 2 or input1.size(0) < 32:
            return original(self, input1, input2)
        # the distinct rows of input2, found by a random projection (unique over
        # rows sorts whole rows, which is slow) and checked exactly
        probe = torch.linspace(1.0, 2.0, input2.size(1), dtype=input2.dtype) ** 3
        keys, inverse = torch.unique(input2 @ probe, return_inverse=True)
        if keys.size(0) * 8 > input2.size(0):
            return original(self, input1, input2)
        one = torch.empty(keys.size(0), dtype=torch.long).scatter_(0, inverse, torch.arange(inverse.size(0)))
        uniq = input2[one]  # a row of each key
        if not torch.equal(uniq[inverse], input2):
            return original(self, input1, input2)
        bilin = self.W_bilin  # weight (O, I+1, J+1), bias (O)
        u1 = torch.cat([uniq, uniq.new_ones(uniq.size(0), 1)], 1)
        v = torch.einsum("oij,uj->uio", bilin.weight, u1)  # (U, I+1, O)
        x1 = torch.cat([input1, input1.new_ones(input1.size(0), 1)], 1)
        out = input1.new_empty(input1.size(0), bilin.weight.size(0))
        order = torch.argsort(inverse, stable=True)
        start = 0
        for u, count in enumerate(torch.bincount(inverse, minlength=uniq.size(0)).tolist()):
            idx = order[start:start + count]
            start += count
            if count:
                out[idx] = x1[idx] @ v[u]
        return out + bilin.bias

    forward.__wrapped__ = original
    return forward


# --- character models: a word's spelling gives its vector, whatever its sentence -----

CHAR_CACHE_WORDS = 60_000  # per model; then the cache starts afresh


def _cached_char_model(original):
    """The tagger, parser and entity tagger each read every word's characters
    with an LSTM, and the vector depends on the spelling alone, while a
    batch of news repeats most of its words. Each distinct spelling is run
    once (in stanza's own way, in a batch of the new ones) and remembered."""
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence, pack_sequence, pad_packed_sequence, PackedSequence
    from stanza.models.common.char_model import tensor_unsort

    def forward(self, chars, chars_mask, word_orig_idx, sentlens, wordlens):
        if self.training:
            return original(self, chars, chars_mask, word_orig_idx, sentlens, wordlens)
        cache = self.__dict__.setdefault("_quotetrace_words", {})
        lens = [int(n) for n in wordlens]
        keys = [tuple(row[:n]) for row, n in zip(chars.tolist(), lens)]
        first: dict = {}  # each spelling of the batch, and its first row
        for i, key in enumerate(keys):
            first.setdefault(key, i)
        if len(cache) + len(first) > CHAR_CACHE_WORDS:
            cache.clear()
        new = {key: i for key, i in first.items() if key not in cache}
        if new:
            rows = list(new.values())  # in the batch's order: longest first, as packing needs
            sub = chars[rows]
            sub_lens = [lens[i] for i in rows]
            embs = self.dropout(self.char_emb(sub))
            n = embs.size(0)
            packed = pack_padded_sequence(embs, sub_lens, batch_first=True)
            layers = self.num_dir * self.args["char_num_layers"]
            output = self.charlstm(packed, sub_lens, hx=(
                self.charlstm_h_init.expand(layers, n, self.args["char_hidden_dim"]).contiguous(),
                self.charlstm_c_init.expand(layers, n, self.args["char_hidden_dim"]).contiguous()))
            if self.attn:
                reps = output[0]
                weights = torch.sigmoid(self.char_attn(self.dropout(reps.data)))
                reps, _ = pad_packed_sequence(PackedSequence(reps.data * weights, reps.batch_sizes), batch_first=True)
                res = reps.sum(1)
            else:
                h, _ = output[1]
                res = h[-2:].transpose(0, 1).contiguous().view(n, -1)
            for key, vec in zip(new, res):
                cache[key] = vec
        res = torch.stack([cache[key] for key in keys])
        res = tensor_unsort(res, word_orig_idx)
        res = pack_sequence(res.split(sentlens))
        if self.pad:
            res = pad_packed_sequence(res, batch_first=True)[0]
        return res

    forward.__wrapped__ = original
    return forward


# --- the entity tagger: no training loss, one Viterbi pass per batch -----------------

def _loss_only_in_training(original):
    """stanza's NER model computes its CRF loss (a forward pass over every
    sentence) even to predict, where nothing reads it."""
    def forward(self, inputs, masks, tag_indices):
        if self.training:
            return original(self, inputs, masks, tag_indices)
        return inputs.new_zeros(()), self._transitions

    forward.__wrapped__ = original
    return forward


def viterbi_batch(scores, lengths, transitions):
    """The best tag sequence of each sentence of a batch, as stanza's
    ``viterbi_decode`` finds it sentence by sentence (the same sums and the
    same tie-breaking), for all sentences at once.

    scores: (sentences, length, tags); lengths: words per sentence."""
    n, length, tags = scores.shape
    trellis = np.empty_like(scores)
    back = np.zeros((n, length, tags), dtype=np.int32)
    trellis[:, 0] = scores[:, 0]
    for t in range(1, length):
        v = trellis[:, t - 1, :, None] + transitions  # (n, from, to)
        trellis[:, t] = scores[:, t] + np.max(v, 1)
        back[:, t] = np.argmax(v, 1)
    paths = []
    for i, m in enumerate(lengths):
        best = [int(np.argmax(trellis[i, m - 1]))]
        bp = back[i]
        for t in range(m - 1, 0, -1):
            best.append(int(bp[t, best[-1]]))
        best.reverse()
        paths.append(best)
    return paths


def _batched_ner_predict(original):
    """stanza's NER ``Trainer.predict`` with one Viterbi pass over the batch."""
    from stanza.models.common import utils
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.ner import trainer as ner_trainer

    def predict(self, batch, unsort=True):
        if self.model.training:
            return original(self, batch, unsort=unsort)
        device = next(self.model.parameters()).device
        inputs, orig_idx, word_orig_idx, char_orig_idx, sentlens, wordlens, charlens, charoffsets = \
            ner_trainer.unpack_batch(batch, device)
        word, wordchars, wordchars_mask, chars, tags = inputs
        self.model.eval()
        _, logits, trans = self.model(word, wordchars, wordchars_mask, tags, word_orig_idx, sentlens, wordlens,
                                      chars, charoffsets, charlens, char_orig_idx)
        trans = [x.data.cpu().numpy() for x in trans]
        logits = [x.data.cpu().numpy() for x in logits]
        batch_size = logits[0].shape[0]
        columns = [viterbi_batch(x[:, :max(sentlens)], sentlens, y) for x, y in zip(logits, trans)]
        predict_tagset = self.args["predict_tagset"]
        tag_seqs = []
        for i in range(batch_size):
            tags = [[x if x >= VOCAB_PREFIX_SIZE else VOCAB_PREFIX_SIZE for x in col[i]] for col in columns]
            tags = self.vocab["tag"].unmap(list(zip(*tags)))
            tags = [x[predict_tagset] if isinstance(x, list) else x for x in tags]
            tag_seqs.append(ner_trainer.fix_singleton_tags(tags))
        if unsort:
            tag_seqs = utils.unsort(tag_seqs, orig_idx)
        return tag_seqs

    predict.__wrapped__ = original
    return predict


_USERS_OF_LONG_TENSORS = ("stanza.models.pos.data", "stanza.models.depparse.data", "stanza.models.ner.data",
                          "stanza.models.ner.model", "stanza.models.mwt.data", "stanza.models.common.char_model")


def patch_stanza() -> str:
    """Install every patch (once); says which tree decoder the parser uses."""
    import importlib
    import sys

    from stanza.models.common import biaffine, char_model, crf, data, vocab
    from stanza.models.ner import trainer as ner_trainer

    for name in _USERS_OF_LONG_TENSORS:  # import them now, so each gets the fast copy
        importlib.import_module(name)

    decoder = _patch_decoder()
    if not hasattr(data.get_long_tensor, "__wrapped__"):
        original = data.get_long_tensor
        fast = _fast_long_tensor(original)
        for name, module in list(sys.modules.items()):
            if name.startswith("stanza.") and getattr(module, "get_long_tensor", None) is original:
                module.get_long_tensor = fast
    if not hasattr(vocab.CompositeVocab.id2unit, "__wrapped__"):
        vocab.CompositeVocab.id2unit, vocab.CompositeVocab.unit2id = _memoised_composite_vocab(vocab.CompositeVocab)
    if not hasattr(biaffine.BiaffineScorer.forward, "__wrapped__"):
        biaffine.BiaffineScorer.forward = _grouped_biaffine(biaffine.BiaffineScorer.forward)
    if not hasattr(char_model.CharacterModel.forward, "__wrapped__"):
        char_model.CharacterModel.forward = _cached_char_model(char_model.CharacterModel.forward)
    if not hasattr(crf.CRFLoss.forward, "__wrapped__"):
        crf.CRFLoss.forward = _loss_only_in_training(crf.CRFLoss.forward)
    if not hasattr(ner_trainer.Trainer.predict, "__wrapped__"):
        ner_trainer.Trainer.predict = _batched_ner_predict(ner_trainer.Trainer.predict)
    return decoder


def _patched_places():
    """(owner, attribute) of every function patch_stanza may have replaced."""
    import sys

    from stanza.models.common import biaffine, char_model, chuliu_edmonds, crf, vocab
    from stanza.models.depparse import model as depparse_model
    from stanza.models.ner import trainer as ner_trainer

    places = [(chuliu_edmonds, "chuliu_edmonds"), (depparse_model, "chuliu_edmonds_one_root"),
              (depparse_model.GraphParser, "predict"), (vocab.CompositeVocab, "id2unit"),
              (vocab.CompositeVocab, "unit2id"), (biaffine.BiaffineScorer, "forward"), (crf.CRFLoss, "forward"),
              (char_model.CharacterModel, "forward"),
              (ner_trainer.Trainer, "predict")]
    places += [(m, "get_long_tensor") for n, m in list(sys.modules.items())
               if n.startswith("stanza.") and hasattr(m, "get_long_tensor")]
    return places


@contextmanager
def stanza_unpatched():
    """Run stanza's own code for a while (to compare it with the patched code)."""
    saved = []
    for owner, attr in _patched_places():
        current = owner.__dict__.get(attr) if isinstance(owner, type) else getattr(owner, attr)
        if hasattr(current, "__wrapped__"):
            saved.append((owner, attr, current))
            setattr(owner, attr, current.__wrapped__)
    try:
        yield
    finally:
        for owner, attr, current in saved:
            setattr(owner, attr, current)
