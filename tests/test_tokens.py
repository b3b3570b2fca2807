"""Sentences and words by rules (quotetrace.tokens)."""
import pytest

from quotetrace.tokens import sentences, words


def split(text):
    return [[text[s:e] for s, e in sent] for sent in sentences(text)]


def test_words_as_the_treebank_splits_them():
    text = "Mr. Smith's aide didn't say the U.S. would pay $1,200.50 (3.5%) by 5 p.m. -- or can't, cannot."
    assert [text[s:e] for s, e in words(text)] == [
        "Mr.", "Smith", "'s", "aide", "did", "n't", "say", "the", "U.S.", "would", "pay", "$", "1,200.50", "(",
        "3.5", "%", ")", "by", "5", "p.m.", "--", "or", "ca", "n't", ",", "can", "not", "."]


def test_names_addresses_and_compounds_stay_whole():
    text = "Gov. Chris Christie (R-N.J.) of N.Y.-based O'Brien & Co. wrote to @realDonaldTrump at www.cnn.com/x."
    got = [text[s:e] for s, e in words(text)]
    for whole in ("Gov.", "R-N.J.", "N.Y.-based", "O'Brien", "Co.", "@realDonaldTrump", "www.cnn.com/x"):
        assert whole in got
    assert got[-1] == "."


def test_curly_apostrophes_split_like_straight_ones():
    text = "Clinton’s aides won’t say; voters’ minds"
    assert [text[s:e] for s, e in words(text)] == ["Clinton", "’s", "aides", "wo", "n’t", "say", ";", "voters", "’",
                                                  "minds"]


def test_spans_point_into_the_text():
    text = "  “No,”  he said.\u00a0Then—silence…"
    for s, e in words(text):
        assert text[s:e].strip() == text[s:e] != ""


@pytest.mark.parametrize("text, expected", [
    ('"We can\'t," she said. "Why?" he asked.', [['"', "We", "ca", "n't", ",", '"', "she", "said", "."],
                                                 ['"', "Why", "?", '"', "he", "asked", "."]]),
    ("Gov. Chris Christie spoke. John F. Kennedy did too.", [["Gov.", "Chris", "Christie", "spoke", "."],
                                                            ["John", "F.", "Kennedy", "did", "too", "."]]),
    ("They left the U.S. Then they ate. The U.S. Senate voted.", [["They", "left", "the", "U.S."],
                                                                  ["Then", "they", "ate", "."],
                                                                  ["The", "U.S.", "Senate", "voted", "."]]),
    ("It ended on Nov. 8. But Plessy v. Ferguson stood.", [["It", "ended", "on", "Nov.", "8", "."],
                                                          ["But", "Plessy", "v.", "Ferguson", "stood", "."]]),
    ("America,'' he added. ''We're here.'' Mr. Obama left.", [["America", ",", "''", "he", "added", "."],
                                                              ["''", "We", "'re", "here", ".", "''"],
                                                              ["Mr.", "Obama", "left", "."]]),
    ("Is it? yes, she said... And then (he left.) Done!", [["Is", "it", "?", "yes", ",", "she", "said", "..."],
                                                          ["And", "then", "(", "he", "left", ".", ")"],
                                                          ["Done", "!"]]),
])
def test_sentences(text, expected):
    assert split(text) == expected


def test_no_words_no_sentences():
    assert sentences("") == [] and sentences("   ") == []


def test_an_unknown_tokenizer_is_one_line_and_exit_1(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from quotetrace import cli

    article = tmp_path / "a.txt"
    article.write_text('"Yes," she said.', encoding="utf-8")
    monkeypatch.setenv("QUOTETRACE_TOKENIZER", "spacy")
    for jobs in ("1", "2"):
        result = CliRunner().invoke(cli.cli, ["analyze", str(article), "--jobs", jobs])
        assert result.exit_code == 1
        assert "QUOTETRACE_TOKENIZER" in result.output and "rules, stanza" in result.output
        assert "Traceback" not in result.output


@pytest.mark.pipeline
def test_stanzas_tokenizer_can_still_be_chosen(real_backend):
    from quotetrace.nlp import StanzaBackend

    text = 'Mr. Smith didn\'t go. "No," he said.'
    model = StanzaBackend("bundled", threads=1, tokenizer="stanza")
    assert model.tokenizer == "stanza" and real_backend.tokenizer == "rules"
    for backend in (model, real_backend):
        doc = backend.parse_many([text])[0]
        assert [s.words[0].text for s in doc.sentences] == ["Mr.", '"']
        assert all(text[w.start:w.end] for s in doc.sentences for w in s.words)


def test_a_dateline_is_a_sentence_of_its_own():
    for p, first in [("WASHINGTON (AP) — Clinton said so.", "WASHINGTON (AP) —"),
                     ("NEW YORK, Nov. 19 (UPI) -- Clinton said so.", "NEW YORK, Nov. 19 (UPI) --"),
                     ("DECATUR, Ill. — Cruz said so.", "DECATUR, Ill. —")]:
        sents = sentences(p)
        assert p[sents[0][0][0]:sents[0][-1][1]] == first and len(sents) == 2
    assert len(sentences("NATO said it would go - and then left.")) == 1
