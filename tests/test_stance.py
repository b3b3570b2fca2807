"""The learned attribution stage (stance.py) on stored parses, and its model file."""
import json

import pytest

from quotetrace import stance
from quotetrace.errors import QuotetraceError
from quotetrace.pipeline import analyze

from texts import TEXTS


def claims(result):
    return [(q.text, result.source(q.speaker).name if q.speaker else None, q.rule) for q in result.quotes]


def test_stances_beyond_the_cue_lexicon(stored):
    r = analyze(TEXTS["learned_stances"], backend=stored)
    assert claims(r) == [
        ("the bridge could reopen before the winter", "Hartwig", "learned"),
        ("to announce the winner on Friday", None, "learned"),  # "is expected to": no one named holds it
        ("the decision to close the bridge", "Hartwig", "parse"),  # a cue of the rules ("defend") stays theirs
        ("the cables can hold", "engineers", "parse"),
    ]
    threshold = stance.default_model().threshold
    learned = [q for q in r.quotes if q.rule == "learned"]
    assert all(q.type == "indirect" and threshold <= q.confidence <= 1 for q in learned)
    assert [q.cue.text for q in learned] == ["hopeful", "expected"]
    assert [q for q in r.quotes if q.rule != "learned"][0].confidence is None
    assert r.to_dict()["quotes"][0]["confidence"] == learned[0].confidence


def test_names_and_anonymity_are_not_stances(stored):
    # "known as the Iron Lady", "who asked not to be named", 'call the old crossing the "rattler"'
    assert analyze(TEXTS["learned_not_names"], backend=stored).quotes == ()
    assert analyze(TEXTS["scare"], backend=stored).quotes == ()


def test_the_rules_alone_when_switched_off(stored, monkeypatch):
    monkeypatch.setenv(stance.MODEL_ENV, "off")
    r = analyze(TEXTS["learned_stances"], backend=stored)
    assert claims(r) == [("the decision to close the bridge", "Hartwig", "parse"),
                         ("the cables can hold", "engineers", "parse")]
    assert not stance.may_hold_claim("Bosch is expected to win.")


def tiny_model(tmp_path, **extra):
    path = tmp_path / "stance.json"
    path.write_text(json.dumps(dict({"bias": -1.0, "threshold": 0.5, "meta": {}, "prefilter_words": ["hopeful"],
                                     "weights": {"b": 0.5, "lem=hopeful": 3.0}}, **extra)), encoding="utf-8")
    return path


def test_a_model_file_is_a_table_of_weights(tmp_path, monkeypatch):
    model = stance.StanceModel.load(tiny_model(tmp_path))
    assert model.probability(["b", "lem=hopeful"]) == pytest.approx(1 / (1 + 2.718281828 ** -2.5))
    assert model.probability(["b", "unknown feature"]) == pytest.approx(1 / (1 + 2.718281828 ** 0.5))
    monkeypatch.setenv(stance.MODEL_ENV, str(tiny_model(tmp_path)))
    # its words send a sentence to the parser that the rules' pre-filter would not
    assert stance.may_hold_claim("The mayor was hopeful about the bridge.")
    assert not stance.may_hold_claim("The trams cross it every ten minutes.")


def test_a_strong_cue_lemma_sends_every_form_of_it_to_the_parser(tmp_path):
    weights = {"lem=defend": 0.5, "lem=deny": 0.4, "lem=praise": 0.35, "lem=vow": 0.6, "lem=walk": 0.1}
    model = stance.StanceModel.load(tiny_model(tmp_path, prefilter_words=[], weights=weights))
    for sentence in ("Clinton defended the plan.", "He denies it.", "She denied it.", "They are praising her.",
                     "Trump vows a wall.", "He vowed to win."):
        assert model.prefilter.search(sentence), sentence
    for sentence in ("The trams cross it every ten minutes.", "She walked home.", "The defence rested."):
        assert not model.prefilter.search(sentence), sentence


def test_a_model_that_cannot_be_read_says_how_to_go_on(tmp_path, monkeypatch):
    monkeypatch.setenv(stance.MODEL_ENV, str(tmp_path / "missing.json"))
    with pytest.raises(QuotetraceError, match="QUOTETRACE_STANCE_MODEL=off"):
        stance.default_model()


def test_the_shipped_model_says_what_it_was_trained_on():
    model = stance.StanceModel.load()
    assert 0 < model.threshold < 1 and len(model.weights) > 1000
    assert "PolNeAR" in model.meta["trained_on"] and model.meta["trained_by"] == "scripts/train_stance.py"
    assert 0 < model.meta["held_out"]["held_out_average_precision"] < 1
    assert model.prefilter.search("The council is expected to vote.")


def test_the_cli_reports_an_unreadable_model_in_one_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from quotetrace.cli import cli

    article = tmp_path / "a.txt"
    article.write_text("Hartwig said the bridge was safe.\n", encoding="utf-8")
    monkeypatch.setenv(stance.MODEL_ENV, str(tmp_path / "missing.json"))
    r = CliRunner().invoke(cli, ["analyze", str(article)])
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1 and "QUOTETRACE_STANCE_MODEL=off" in r.output


def sentence(rows):
    """A parsed sentence from (text, upos, head, deprel) rows."""
    from quotetrace.types import Sentence, Word

    words, at = [], 0
    for k, (text, upos, head, rel) in enumerate(rows, 1):
        words.append(Word(k, text, at, at + len(text), upos, None, text.lower(), head, rel))
        at += len(text) + 1
    return Sentence(0, 0, at - 1, 0, tuple(words))


def test_candidates_leave_out_when_and_the_writers_afterthought():
    from quotetrace.tree import Tree

    tree = Tree(sentence([
        ("Banks", "NOUN", 2, "nsubj"), ("agreed", "VERB", 0, "root"), ("Tuesday", "PROPN", 2, "obl:tmod"),
        ("to", "PART", 5, "mark"), ("merge", "VERB", 2, "xcomp"), (",", "PUNCT", 7, "punct"),
        ("ending", "VERB", 2, "advcl"), ("talks", "NOUN", 7, "obj")]))
    spans = {(tree[c.head].text, " ".join(tree[j].text for j in c.ids)) for c in stance.candidates(tree)}
    assert ("agreed", "to merge") in spans
    assert not any("Tuesday" in s or "ending" in s for _, s in spans)
    assert ("ending", "talks") in spans  # the afterthought's own object is still a candidate of its own verb


def test_a_relative_pronoun_after_a_comma_stands_for_the_nearest_name():
    from quotetrace.attribution import _antecedent
    from quotetrace.tree import Tree

    tree = Tree(sentence([
        ("a", "DET", 2, "det"), ("response", "NOUN", 0, "root"), ("from", "ADP", 5, "case"),
        ("Donald", "PROPN", 5, "compound"), ("Trump", "PROPN", 2, "nmod"), (",", "PUNCT", 8, "punct"),
        ("who", "PRON", 8, "nsubj"), ("suggested", "VERB", 2, "parataxis")]))
    assert _antecedent(tree, 7) == (5, (4, 5))  # Donald Trump, not "a response from ..."
    assert _antecedent(tree, 4) is None


def test_a_relative_pronoun_is_the_mention_through_a_conjunct():
    from quotetrace.attribution import _relative_subject, _speaker_ref, _subject
    from quotetrace.tree import Tree

    # "McConnell, who has endorsed Trump and criticized his campaign"
    tree = Tree(sentence([
        ("McConnell", "PROPN", 0, "root"), (",", "PUNCT", 5, "punct"), ("who", "PRON", 5, "nsubj"),
        ("has", "AUX", 5, "aux"), ("endorsed", "VERB", 1, "acl:relcl"), ("Trump", "PROPN", 5, "obj"),
        ("and", "CCONJ", 8, "cc"), ("criticized", "VERB", 5, "conj"), ("his", "PRON", 10, "nmod:poss"),
        ("campaign", "NOUN", 8, "obj")]))
    assert _subject(tree, 8) == 1  # McConnell speaks ...
    assert _relative_subject(tree, 8) == 3  # ... through "who", the words annotators mark
    ref = _speaker_ref(tree, 1, None, 3)
    assert (ref.word, ref.antecedent.word) == (3, 1)
    assert _relative_subject(tree, 5) == 3
    assert _relative_subject(tree, 1) is None


def test_noun_like_cue_forms_after_a_name_are_parsed():
    from quotetrace.lexicon import may_hold_quote

    assert may_hold_quote("Hartwig touts her record on the bridge repairs in every speech.")
    assert may_hold_quote("She stresses her ties to the region.")
    assert not may_hold_quote("The state reports were late.")  # a determiner, not a name: the noun
    assert not may_hold_quote("Prisoner lists stall as bridge talks resume")  # a headline, with no full stop
