"""The patches that make stanza's inference faster give stanza's own results."""
import numpy as np
import pytest
import torch

from quotetrace import fastpath


def test_long_tensor_is_stanzas():
    from stanza.models.common.data import get_long_tensor

    original = getattr(get_long_tensor, "__wrapped__", get_long_tensor)
    fast = fastpath._fast_long_tensor(original)
    rng = np.random.default_rng(0)
    ids = lambda n: [int(x) for x in rng.integers(1, 50, size=n)]
    flat = [ids(int(rng.integers(1, 9))) for _ in range(7)]  # sentences of word ids
    fixed = [[ids(3) for _ in range(int(rng.integers(1, 5)))] for _ in range(4)]  # composite tags of words
    for batch, size, pad in ((flat, 7, 0), (flat, 9, 0), (fixed, 4, 0), (fixed, 6, 1), ([[3]], 1, 2)):
        want, got = original(batch, size, pad), fast(batch, size, pad)
        assert got.dtype == want.dtype and torch.equal(got, want)


def test_viterbi_batch_is_stanzas_viterbi():
    from stanza.models.common.crf import viterbi_decode

    rng = np.random.default_rng(2)
    for tags in (3, 9):
        scores = rng.normal(size=(6, 11, tags)).astype(np.float32)
        scores[2] = np.round(scores[2])  # ties: the same one is picked
        transitions = rng.normal(size=(tags, tags)).astype(np.float32)
        lengths = [11, 1, 5, 11, 7, 2]
        got = fastpath.viterbi_batch(scores, lengths, transitions)
        want = [[int(t) for t in viterbi_decode(scores[i, :n], transitions)[0]] for i, n in enumerate(lengths)]
        assert got == want


def test_composite_vocab_remembers_what_it_would_compute():
    from stanza.models.common.vocab import CompositeVocab

    original_id2unit = getattr(CompositeVocab.id2unit, "__wrapped__", CompositeVocab.id2unit)
    original_unit2id = getattr(CompositeVocab.unit2id, "__wrapped__", CompositeVocab.unit2id)
    id2unit, unit2id = fastpath._memoised_composite_vocab(CompositeVocab)
    feats = ["Number=Sing", "Mood=Ind|Tense=Past|VerbForm=Fin", "_", "Number=Plur|Person=3", "Degree=Pos"]
    vocab = CompositeVocab([[(f,) for f in feats]], "en", idx=0, sep="|", keyed=True)
    for unit in feats * 2 + ["Number=Dual"]:
        ids = original_unit2id(vocab, unit)
        assert unit2id(vocab, unit) == ids
        assert id2unit(vocab, ids) == original_id2unit(vocab, ids)
        assert id2unit(vocab, np.array(ids)) == original_id2unit(vocab, ids)


def test_grouped_biaffine_scores_are_the_bilinear_scores():
    from stanza.models.common.biaffine import BiaffineScorer

    original = getattr(BiaffineScorer.forward, "__wrapped__", BiaffineScorer.forward)
    grouped = fastpath._grouped_biaffine(original)
    torch.manual_seed(0)
    scorer = BiaffineScorer(12, 6, 5).eval()
    torch.nn.init.normal_(scorer.W_bilin.weight)
    torch.nn.init.normal_(scorer.W_bilin.bias)
    hidden = torch.randn(200, 12)
    table = torch.nn.Embedding(7, 6)
    tags = torch.randint(0, 7, (200,))  # the parent is an embedding of a predicted tag: few distinct rows
    with torch.no_grad():
        want = original(scorer, hidden, table(tags))
        got = grouped(scorer, hidden, table(tags))
        assert torch.allclose(got, want, atol=1e-4)
        distinct = torch.randn(200, 6)  # every row different: stanza's own computation
        assert torch.equal(grouped(scorer, hidden, distinct), original(scorer, hidden, distinct))


def test_crf_loss_is_skipped_only_when_predicting():
    from stanza.models.common.crf import CRFLoss

    original = getattr(CRFLoss.forward, "__wrapped__", CRFLoss.forward)
    forward = fastpath._loss_only_in_training(original)
    crf = CRFLoss(4)
    inputs = torch.randn(2, 5, 4)
    masks = torch.zeros(2, 5, dtype=torch.bool)
    gold = torch.randint(0, 4, (2, 5))
    crf.train()
    assert forward(crf, inputs, masks, gold)[0].item() == original(crf, inputs, masks, gold)[0].item() != 0
    crf.eval()
    loss, transitions = forward(crf, inputs, masks, gold)
    assert loss.item() == 0 and transitions is crf._transitions


@pytest.mark.pipeline
def test_patched_stanza_parses_as_stanza_does(real_backend):
    """The whole pipeline, patched and unpatched: the same words, tags, lemmas, trees and entities."""
    from texts import TEXTS

    texts = [TEXTS[k] for k in ("albu_kamal", "transcript", "told", "mixed", "headline_role")]
    fast = real_backend.parse_many(texts)
    with fastpath.stanza_unpatched():
        slow = real_backend.parse_many(texts)
    assert fast == slow
    assert sum(s.parsed for d in fast for s in d.sentences) > 20


@pytest.mark.parametrize("attention, bidirectional", [(True, False), (False, True)])
def test_char_model_remembers_the_vectors_it_would_compute(attention, bidirectional, monkeypatch):
    from stanza.models.common.char_model import CharacterModel
    from stanza.models.common.vocab import CharVocab

    original = getattr(CharacterModel.forward, "__wrapped__", CharacterModel.forward)
    cached = fastpath._cached_char_model(original)
    torch.manual_seed(3)
    args = {"char_emb_dim": 8, "char_hidden_dim": 6, "char_num_layers": 1, "dropout": 0.5, "char_rec_dropout": 0}
    vocab = {"char": CharVocab([[["abcdefgh"]]], "en")}
    model = CharacterModel(args, vocab, pad=True, bidirectional=bidirectional, attention=attention).eval()
    if attention:
        torch.nn.init.normal_(model.char_attn.weight)

    def batch(words, sentlens):
        # as stanza hands them over: words sorted by length, longest first, and the way back
        order = sorted(range(len(words)), key=lambda i: -len(words[i]))
        lens = [len(words[i]) for i in order]
        chars = torch.zeros(len(words), max(lens), dtype=torch.long)
        for row, i in enumerate(order):
            chars[row, :len(words[i])] = torch.tensor(words[i])
        return chars, chars == 0, order, sentlens, lens

    rng = np.random.default_rng(5)
    vocab_words = [[int(c) for c in rng.integers(4, 12, size=int(rng.integers(1, 7)))] for _ in range(15)]
    monkeypatch.setattr(fastpath, "CHAR_CACHE_WORDS", 12)  # and once over the limit, afresh
    with torch.no_grad():
        for sentlens in ([5, 4, 3], [7, 2], [9]):
            words = [vocab_words[int(i)] for i in rng.integers(0, 15, size=sum(sentlens))]
            args_ = batch(words, sentlens)
            # the same vectors, up to the rounding of a different batch size
            assert torch.allclose(cached(model, *args_), original(model, *args_), atol=1e-6)
