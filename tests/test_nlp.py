import numpy as np
import pytest

from quotetrace.errors import ModelNotFound
from quotetrace.models import folder_models, resolve
from quotetrace.fastpath import _compiled_chu_liu_edmonds, _fast_one_root
from quotetrace.nlp import (
    StoredBackend,
    doc_from_json,
    doc_to_json,
    normalise,
)
from quotetrace.types import ParsedDoc, Sentence, Word


def test_normalise_keeps_offsets():
    s = "“Yes,” she said — ‘no’ «non»\u00a0x"
    n = normalise(s)
    assert len(n) == len(s)
    assert n == "\"Yes,\" she said — 'no' \"non\" x"


def test_fast_decoder_gives_chu_liu_edmonds_trees():
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

    fast = _fast_one_root(chuliu_edmonds_one_root)
    rng = np.random.default_rng(0)
    for n in range(2, 20):
        for _ in range(10):
            scores = rng.normal(size=(n, n)).astype(np.float32)
            if rng.random() < 0.5:  # make the argmax a tree most of the time, as a trained parser does
                heads = [0] + [int(rng.integers(0, i)) for i in range(1, n)]
                for i, h in enumerate(heads[1:], 1):
                    scores[i, h] += 10
            # the parser gives log-probabilities: every score is negative
            scores = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
            assert list(fast(scores.copy())) == list(chuliu_edmonds_one_root(scores.copy()))


def test_compiled_decoder_gives_stanzas_trees():
    """ufal.chu_liu_edmonds in stanza's place: the same maximum spanning trees,
    also through stanza's single-root search, on sentences of 1 to 60 words."""
    from stanza.models.common import chuliu_edmonds as cle

    before = cle.chuliu_edmonds
    python = getattr(before, "__wrapped__", before)
    compiled = _compiled_chu_liu_edmonds(python)
    rng = np.random.default_rng(1)
    for n in list(range(2, 62)) * 4:
        # peaked rows, as a trained parser's log-probabilities are; cycles are common
        scores = np.log(rng.dirichlet(np.full(n, 0.3), size=n) + 1e-12)
        assert list(compiled(scores.copy())) == list(python(scores.copy()))
        cle.chuliu_edmonds = python
        try:
            want = cle.chuliu_edmonds_one_root(scores.copy())
            cle.chuliu_edmonds = compiled
            got = cle.chuliu_edmonds_one_root(scores.copy())
        finally:
            cle.chuliu_edmonds = before
        assert list(got) == list(want)


def test_without_the_compiled_decoder_stanzas_own_is_used(monkeypatch, caplog):
    """An install that predates the ufal.chu_liu_edmonds dependency still parses (slower), with a warning."""
    import sys

    from stanza.models.common import chuliu_edmonds as cle

    from quotetrace.fastpath import _patch_decoder

    python = getattr(cle.chuliu_edmonds, "__wrapped__", cle.chuliu_edmonds)
    monkeypatch.setattr(cle, "chuliu_edmonds", python)
    monkeypatch.setitem(sys.modules, "ufal.chu_liu_edmonds", None)  # import fails
    assert _patch_decoder() == "stanza's own"
    assert cle.chuliu_edmonds is python
    assert "pip install ufal.chu_liu_edmonds" in caplog.text


@pytest.mark.pipeline
def test_fast_labelling_gives_stanzas_parse(real_backend):
    """The parser patched to label only the arcs it keeps parses exactly as stanza's own code."""
    from stanza.models.depparse.model import GraphParser

    from texts import TEXTS

    texts = list(TEXTS.values())
    fast = GraphParser.predict
    assert hasattr(fast, "__wrapped__")
    ours = real_backend.parse_many(texts)
    GraphParser.predict = fast.__wrapped__
    try:
        theirs = real_backend.parse_many(texts)
    finally:
        GraphParser.predict = fast
    pairs = [(a, b) for x, y in zip(ours, theirs) for s, t in zip(x.sentences, y.sentences) for a, b in zip(s.words, t.words)]
    assert len(pairs) > 500
    assert all((a.head, a.deprel) == (b.head, b.deprel) for a, b in pairs)


@pytest.mark.pipeline
def test_an_article_parses_the_same_whatever_it_is_batched_with(real_backend):
    """Alone or among others, in any order: the same parse (so `analyze FILE` agrees with `analyze FOLDER`)."""
    from texts import TEXTS

    texts = [TEXTS[k] for k in ("albu_kamal", "transcript", "told", "mixed", "exchange", "headline_role")]
    together = real_backend.parse_many(texts)
    backwards = real_backend.parse_many(texts[::-1])[::-1]
    alone = [real_backend.parse_many([t])[0] for t in texts]
    assert together == backwards == alone
    assert real_backend.quantized == ()  # the int8 models (opt-in) do not keep this promise


@pytest.mark.pipeline
def test_no_sentence_ends_without_a_stop(real_backend):
    # the tokenizer may take "May" for the month and split before it
    doc = real_backend.parse_many(["British Prime Minister Theresa May said this week that the country would leave."])[0]
    assert len(doc.sentences) == 1


def test_stored_parse_round_trip():
    doc = ParsedDoc("He said.", (Sentence(0, 0, 8, 0, (
        Word(1, "He", 0, 2, "PRON", "PRP", "he", 2, "nsubj", "O"),
        Word(2, "said", 3, 7, "VERB", "VBD", "say", 0, "root", "O"),
        Word(3, ".", 7, 8, "PUNCT", ".", ".", 2, "punct", "O"))),), ((0, 8),))
    assert doc_from_json(doc_to_json(doc)) == doc
    backend = StoredBackend([doc])
    assert backend.parse_many(["He said."]) == [doc]
    with pytest.raises(ModelNotFound):
        backend.parse_many(["Other text."])


def test_missing_models_say_how_to_fix(tmp_path, monkeypatch):
    with pytest.raises(ModelNotFound, match="quotetrace models install"):
        folder_models(tmp_path / "nowhere", "x")
    (tmp_path / "tokenize.pt").write_bytes(b"")
    with pytest.raises(ModelNotFound, match="pos model is missing"):
        folder_models(tmp_path, "x")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "empty"))
    with pytest.raises(ModelNotFound, match="not installed"):
        resolve("official")
