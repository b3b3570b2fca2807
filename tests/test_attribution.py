"""Attribution on stored parses (tests/data/parses.jsonl): no model needed."""
import pytest

from quotetrace.pipeline import analyze

from texts import TEXTS


@pytest.fixture
def run(stored):
    def _run(key):
        return analyze(TEXTS[key], backend=stored)
    return _run


def claims(result):
    return [(q.type, q.text, result.source(q.speaker).name if q.speaker else None) for q in result.quotes]


def test_said_after_the_quote(run):
    r = run("said_after")
    assert claims(r) == [("direct", "The bridge will reopen in March", "Lena Hartwig")]
    assert r.quotes[0].cue.text == "said"
    assert r.quotes[0].speaker_mention.text in ("Mayor Lena Hartwig", "Lena Hartwig")


def test_said_with_a_colon_before_the_quote(run):
    r = run("said_before_colon")
    assert claims(r) == [("direct", "The bridge will reopen in March.", "Lena Hartwig")]


def test_split_quote_is_two_quotes_one_speaker(run):
    r = run("split_quote")
    assert [c[1] for c in claims(r)] == ["The work is hard", "But we are on schedule."]
    assert {c[2] for c in claims(r)} == {"Hartwig"}


def test_reported_speech_with_that(run):
    r = run("reported_that")
    assert claims(r) == [("indirect", "the bridge would reopen in March", "Lena Hartwig")]


def test_reported_speech_with_the_cue_after(run):
    r = run("reported_after")
    (q,) = r.quotes
    assert (q.type, q.text) == ("indirect", "The bridge would reopen in March")
    assert r.source(q.speaker).name.lower() == "council"


def test_told_gives_an_addressee(run):
    r = run("told")
    (q,) = r.quotes
    assert q.text == "the repairs had cost more than expected"
    assert r.source(q.speaker).name == "Lena Hartwig"
    assert r.source(q.addressee).name == "Reuters"
    assert r.source(q.addressee).kind == "media"


def test_according_to(run):
    r = run("according_to")
    (q,) = r.quotes
    assert q.text == "the bridge carries 40,000 cars a day"
    assert r.source(q.speaker).name == "Oster Transport Authority"
    assert q.cue.text == "According to"


def test_according_to_a_name_with_a_word_tagged_as_a_verb(run):
    # the tagger calls "Associated" a verb: the name goes on to "Press"
    r = run("according_to_tagged_verb")
    (q,) = r.quotes
    assert q.text == "the council will close the bridge in March"
    assert r.source(q.speaker).name == "Associated Press" and r.source(q.speaker).kind == "media"


def test_according_to_sources_who_ends_the_source_before_who(run):
    # "according to two council officials who asked not to be named": the officials, not "who"
    r = run("according_to_who")
    (q,) = r.quotes
    assert q.speaker_mention.text == "two council officials" and r.source(q.speaker).kind == "anonymous"


def test_in_a_statement_is_the_channel(run):
    r = run("in_a_statement")
    (q,) = r.quotes
    assert q.text == "the bridge would reopen in March"
    assert q.channel is not None and q.channel.text == "in a statement"


def test_mixed_quote(run):
    r = run("mixed")
    (q,) = r.quotes
    assert q.type == "mixed"
    assert q.text.startswith("the delay was") and "unavoidable" in q.text


@pytest.mark.parametrize("key", ["scare", "title", "no_quotes"])
def test_no_quote(run, key):
    assert run(key).quotes == ()


def test_pronoun_goes_to_the_person(run):
    r = run("pronoun")
    (q,) = r.quotes
    assert r.source(q.speaker).name == "Lena Hartwig"
    assert q.speaker_mention.text == "she"


def test_role_noun_goes_to_the_named_spokesman(run):
    r = run("role_noun")
    assert [c[2] for c in claims(r)] == ["Karel Bosch", "Karel Bosch"]
    bosch = r.source(r.quotes[0].speaker)
    assert r.source(bosch.affiliation).name == "Oster Transport Authority"


def test_bare_quoted_paragraph_continues_the_speaker(run):
    r = run("continuation")
    assert [c[2] for c in claims(r)] == ["Lena Hartwig", "Lena Hartwig"]
    assert r.quotes[1].rule == "continuation"


def test_anonymous_source(run):
    r = run("anonymous")
    (q,) = r.quotes
    s = r.source(q.speaker)
    assert s.kind == "anonymous" and s.name.startswith("senior official")


def test_acronym_defined_in_parentheses(run):
    r = run("acronym")
    (q,) = r.quotes
    s = r.source(q.speaker)
    assert s.name == "Oster Transport Authority" and "OTA" in s.aliases


def test_surname_merges_with_the_full_name(run):
    r = run("surname")
    people = [s for s in r.sources if s.kind == "person"]
    assert len(people) == 1 and set(people[0].aliases) >= {"Rami Abdel Rahman", "Abdel Rahman"}
    assert r.source(people[0].affiliation).name == "Syrian Observatory for Human Rights"
    assert r.source(r.quotes[0].addressee).name == "AFP"


def test_unpaired_mark_is_a_warning_not_an_error(run):
    r = run("unpaired")
    assert [w.code for w in r.warnings] == ["unpaired-quote"]


def test_offsets_slice_the_text(run):
    for key in TEXTS:
        r = run(key)
        for q in r.quotes:
            assert r.text[q.start:q.end] == q.text
            if q.speaker_mention:
                assert r.text[q.speaker_mention.start:q.speaker_mention.end] == q.speaker_mention.text
            if q.cue:
                assert r.text[q.cue.start:q.cue.end] == q.cue.text


def test_sample_article(run):
    r = run("albu_kamal")
    by_text = {q.text[:30]: q for q in r.quotes}
    rami = next(s for s in r.sources if s.name == "Rami Abdel Rahman")
    obs = next(s for s in r.sources if s.name == "Syrian Observatory for Human Rights")
    assert rami.affiliation == obs.id
    first = next(q for q in r.quotes if q.text.startswith("IS started counter-attacking"))
    assert first.speaker == rami.id and r.source(first.addressee).name == "AFP"
    assert not any("caliph" == q.text.strip("“”\"") or q.text in ("caliphate", "capital") for q in r.quotes)
    assert len(by_text) >= 7


def test_transcript_labels_name_the_speakers(run):
    r = run("transcript")
    assert [c[2].lower() for c in claims(r)] == ["wallace", "pence"]
    assert {q.rule for q in r.quotes} == {"label"}


def test_claim_interrupted_by_its_cue_is_two_claims(run):
    # "C1, X said, C2", as a split quote is two quotes
    assert claims(run("interrupted")) == [("indirect", "The new timetable", "Hartwig"), ("indirect", "will start in April", "Hartwig")]
    # one word before the cue is a part too: "Otherwise" is what she said, and without it the rest says more
    assert claims(run("interrupted_adverb")) == [
        ("indirect", "Otherwise", "Hartwig"), ("indirect", "the council would have to close the bridge", "Hartwig")]


def test_clause_the_cue_hangs_from_is_not_the_claim(run):
    r = run("when_said")
    assert [c[1] for c in claims(r)] == ["the bridge would reopen in March"]


def test_phrasal_verb_is_no_cue(run):
    assert run("phrasal").quotes == ()


def test_intention_with_an_infinitive(run):
    assert claims(run("intent")) == [("indirect", "to reopen the bridge in March", "Hartwig")]


def test_called_for(run):
    r = run("called_for")
    assert [c[1] for c in claims(r)] == ["the bridge to be closed"]
    assert r.quotes[0].cue.text == "called"


def test_verbs_joined_to_the_cue_report_claims_of_their_own(run):
    r = run("said_and_warned")
    assert [(c[1], q.cue.text) for c, q in zip(claims(r), r.quotes)] == [
        ("the bridge would reopen in March", "said"), ("delays were possible", "warned")]


def test_doubled_marks_are_double_quotes(run):
    # '' as the New York Times writes quotes: the quote, not the apposition after the speaker, is what was said
    r = run("doubled_marks")
    assert claims(r) == [("direct", "The bridge will reopen in March", "Lena Hartwig"),
                         ("direct", "Then the trams will run again.", "Lena Hartwig")]


def test_name_after_a_dash_closes_a_quote(run):
    assert claims(run("byline")) == [("direct", "The bridge matters more than the election.", "Mira Kovač")]


def test_asked_and_the_description_of_the_speaker(run):
    r = run("asked")
    assert claims(r) == [("direct", "Will the bridge reopen in March?", "Jonas Brandt")]
    # the words naming the speaker at the quote take in the description set off by commas
    assert r.quotes[0].speaker_mention.text == "Jonas Brandt, the opposition leader"


def test_a_continued_quote_is_named_where_its_speaker_was(run):
    r = run("continuation")
    assert r.quotes[1].rule == "continuation"
    assert r.quotes[1].speaker_mention == r.quotes[0].speaker_mention


def test_words_on_a_banner_are_a_quote_with_no_speaker(run):
    r = run("slogan")
    assert claims(r) == [("direct", "Save our bridge", None), ("direct", "We will not give up", "Mira Kovač")]
    assert r.quotes[0].rule == "slogan"


def test_a_reported_clause_ends_where_the_next_cue_begins(run):
    r = run("said_adding")
    assert [(c[1], q.cue.text) for c, q in zip(claims(r), r.quotes)] == [
        ("the bridge would reopen in March", "said"), ("the trams would return in April", "adding")]


def test_a_company_by_its_first_name(run):
    r = run("company_short")
    assert [c[2] for c in claims(r)] == ["Parlo Technologies", "Parlo Technologies"]
    assert r.sources[0].aliases == ("Parlo Technologies", "Parlo")


def test_an_exchange_alternates_speakers(run):
    r = run("exchange")
    assert [c[2] for c in claims(r)] == ["Jonas Brandt", "Mira Kovač", "Jonas Brandt", "Mira Kovač"]
    assert [q.rule for q in r.quotes][1:3] == ["exchange", "exchange"]


def test_a_quote_inside_a_reported_clause_is_mixed_whatever_cue_is_nearer(run):
    r = run("mixed_far_cue")
    assert claims(r) == [("mixed", 'residents were right to blame the council for "years of broken promises and endless delays."',
                          "Hartwig")]
    assert r.quotes[0].cue.text == "said"


def test_a_participle_after_a_comma_shares_the_subject_before_it(run):
    r = run("saying")
    assert claims(r) == [("indirect", "the bridge would reopen in March", "Lena Hartwig"),
                         ("direct", "We will manage", "Lena Hartwig"),
                         ("indirect", "the trams could run on the old line", "Lena Hartwig")]


def test_a_transcript_label_inside_the_quote_marks(run):
    r = run("label_inside")
    assert claims(r) == [("direct", "Will the bridge reopen in March?", "Wallace"),
                         ("direct", "It will, and the trams will run again.", "Hartwig")]
    assert {s.kind for s in r.sources} == {"person"}


def test_calling_something_a_quoted_phrase_is_a_mixed_quote(run):
    # but 'Residents call the old crossing the "rattler"' names it (test_no_quote[scare])
    assert claims(run("called_quote")) == [("mixed", 'the ruling a "huge win for the people of Oster."', "Hartwig")]


def test_a_name_set_off_by_a_stray_comma_before_the_cue_speaks(run):
    # not "Oster in the regional council vote", as if the name were an apposition of it
    r = run("stray_comma")
    assert claims(r) == [("direct", "The bridge will reopen in March.", "Lena Hartwig")]
    assert r.quotes[0].speaker_mention.text == "Mayor Lena Hartwig (SD-OS)"


def test_an_infinitive_of_purpose_shares_the_subject_of_the_verb_it_serves(run):
    r = run("purpose")  # not "Friday to", the words on the left of "to say"
    assert claims(r) == [("indirect", "she had never backed the toll", "Lena Hartwig")]


def test_a_title_case_headline_is_not_one_long_name(run):
    r = run("title_case_headline")
    brandt = r.source(r.quotes[-1].speaker)
    assert brandt.name == "Jonas Brandt" and set(brandt.aliases) == {"Jonas Brandt", "Brandt"}


def test_a_quoted_paragraph_continues_the_speaker_not_a_report_nested_in_her_claim(run):
    r = run("nested_then_continued")
    last = r.quotes[-1]
    assert last.type == "direct" and last.rule == "continuation" and r.source(last.speaker).name == "Hartwig"


def test_a_participle_the_parse_hung_inside_a_report_is_the_reporters(run):
    # "said there was no call planned, adding: ...": Bosch adds, not "no telephone call"
    r = run("adding_inside")
    assert [r.source(q.speaker).name for q in r.quotes if q.type == "direct"] == ["Bosch"]


def test_a_report_nested_in_a_claim_is_part_of_it_unless_someone_else_said_it(run):
    # "told reporters she believed that C": one claim, not a second one for "believed";
    # "said aides said C": the aides' words are a link in the chain of sources, and stay
    assert claims(run("nested_reports")) == [
        ("indirect", "she believed that the council would close the bridge", "Hartwig"),
        ("indirect", "aides said the mayor had agreed to a delay", "Bosch"),
        ("indirect", "the mayor had agreed to a delay", "aides"),
    ]


@pytest.mark.parametrize("name, want", [
    # the parse gives "respond" and "showing" the same clause: one claim, not the same span twice
    ("two_cues_one_clause", ["they supported the toll"]),
    # the parse made "helping to organize the protest" what Bosch said; what he said follows the cue
    ("description_as_clause", ["he and other residents were alarmed about the mayor's plan for the bridge"]),
    # "Mrs." and "Duvic" both objects of "endorsed": the stance is for Mrs. Duvic, not "Mrs."
    ("name_in_two_objects", ["Mrs. Duvic"]),
    # "expressed concern about C": not "concern" alone (the parse made "about closing" a clause of "expressed")
    ("concern_about", ["concern about closing the bridge before the winter"]),
    # the parse found no clause after "says"; by position it is "going through ... has allowed her ..."
    ("gerund_subject", ["going through a dark time has allowed her to better connect with people who are struggling"]),
])
def test_claim_spans_where_the_parse_went_astray(run, name, want):
    assert [c[1] for c in claims(run(name))] == want


def test_a_stance_whose_object_holds_a_quote_is_a_mixed_quote(run):
    # not the quoted words alone: what "described" and "criticized" report holds them
    assert claims(run("stance_holding_quote")) == [("mixed", "the closure as a “grave mistake.”", "Hartwig")]
    assert [c[:2] for c in claims(run("stance_holding_quote_2"))] == [
        ("mixed", "Bosch for stealing their plans and for “misrepresenting what had occurred.”")]


def test_a_reported_clause_the_parse_ends_inside_a_quote_runs_to_its_close(run):
    # the parse left the comma and the closing mark out of the clause; the quote is part of it, not a claim alone
    assert [c[:2] for c in claims(run("clause_ends_in_quote"))] == [
        ("mixed", 'Nothing the mayor said "will calm the residents,"')]


def test_asked_if_is_the_question_asked(run):
    # "said if ..." tells when; "asked if C" asks C, a rule's claim, not only the learned stage's
    r = run("asked_if")
    assert [(q.text, q.rule) for q in r.quotes] == [("if the bridge would reopen in March", "parse")]


def test_a_gerund_inside_a_title_does_not_end_the_speakers_name(run):
    # "transport planning director Piet Vos": the tagger's verb "planning" cut the phrase to "Oster transport"
    r = run("title_with_gerund")
    (q,) = r.quotes
    assert r.source(q.speaker).name == "Piet Vos"


def test_calling_something_a_quoted_word_is_a_mixed_quote_but_a_capitalised_one_is_a_name(run):
    assert claims(run("called_word")) == [("mixed", 'the closure "reckless."', "Hartwig")]


def test_a_description_before_the_name_gives_the_affiliation(run):
    r = run("description_before")
    by_name = {s.name: s for s in r.sources}
    assert [c[2] for c in claims(r)] == ["Karel Bosch", "Jonas Brandt"]
    assert by_name["Jonas Brandt"].affiliation == by_name["Oster Transport Authority"].id
    assert by_name["Karel Bosch"].title == "spokesman"


def test_who_heads_gives_the_affiliation(run):
    r = run("who_heads")
    by_name = {s.name: s for s in r.sources}
    assert claims(r) == [("direct", "The bridge is safe", "Karel Bosch")]
    assert by_name["Karel Bosch"].affiliation == by_name["Oster Transport Authority"].id


def test_the_organisation_in_a_title_is_the_affiliation(run):
    # the tagger may take a capitalised "Education" for a common noun; at the start of a sentence
    # only a capitalised title makes it a name ("Campaign manager Piet Vos": no organisation)
    r = run("title_org")
    by_name = {s.name: s for s in r.sources}
    assert [c[2] for c in claims(r)] == ["Education Minister Carla Duvic", "Piet Vos"]
    assert r.source(by_name["Education Minister Carla Duvic"].affiliation).name == "Education"
    assert by_name["Piet Vos"].affiliation is None and by_name["Piet Vos"].title == "manager"


def test_no_interrupted_claim_when_the_cue_says_something_before_the_comma(run):
    # "C1, X said, C2" only when nothing the cue says stands between it and the second comma:
    # not 'In a short speech, X said "safe" three times, and ...'; not "Speaking ..., X said her team and
    # Karel Bosch, a friend of hers, checked ..." (the parse took "her team" for an object of "said")
    got = [c[1] for c in claims(run("not_interrupted"))]
    assert not any(t.startswith(("In a short speech", "and thanked", "Speaking on")) for t in got)
    assert got[-1] == "her team and the engineer Karel Bosch, a friend of hers, checked the cables"


def test_the_time_before_after_is_not_the_speaker(run):
    # the parse made "hours" the subject of "said" and hung "after international observers" on it
    r = run("hours_after")
    said = [q for q in r.quotes if q.cue.text == "said"]
    assert [(q.text, r.source(q.speaker).name) for q in said] == [("the count had been “opaque”", "international observers")]
    assert said[0].speaker_mention.text == "international observers"


def test_an_interview_with_an_outlet_names_whom_it_was_said_to(run):
    r = run("interview_with")
    assert claims(r) == [("indirect", "the bridge would reopen in March", "Lena Hartwig")]
    addressee = r.source(r.quotes[0].addressee)
    assert addressee.name == "Oster Courier" and addressee.kind == "media"
    assert r.source(r.quotes[0].speaker).affiliation is None  # the outlet is not whom she speaks for


def test_kinds_of_outlets_and_documents(run):
    r = run("outlet")
    kinds = {s.name: s.kind for s in r.sources}
    assert kinds["Harbour FM"] == "media"
    assert kinds["court filings"] == "document"


def test_a_description_before_the_speaker_is_not_part_of_the_claim(run):
    assert claims(run("description_after_claim")) == [("indirect", "The bridge will reopen in March", "Lena Hartwig")]


def test_an_unnamed_engineer_and_a_cue_before_a_colon(run):
    r = run("added_colon")
    assert [q.cue.text for q in r.quotes] == ["said", "added"]
    assert len({q.speaker for q in r.quotes}) == 1
    src = r.source(r.quotes[0].speaker)
    assert src.kind == "anonymous" and "anonymity" in src.name


def test_the_claim_begins_after_the_first_that(run):
    """'said in a statement that C1 and that C2': one claim from the first "that", however the
    parse hung its first half (here from "statement"), and no claim for "snapped" with no speaker."""
    r = run("that_after_channel")
    assert claims(r) == [("indirect", "nine of the cables had corroded and that one of them, a main stay cable, "
                          "had snapped last week", "Oster Transport Authority")]
    assert r.quotes[0].channel.text == "in a statement"


def test_a_relative_clause_is_not_what_was_said(run):
    r = run("relative_subject")
    assert claims(r) == [("indirect", "it would examine the cost of the work", "Oster Transport Authority")]


def test_a_cue_inside_a_comparison_reports_nothing(run):
    assert claims(run("than_suggests")) == []


def test_what_the_speaker_did_next_is_not_part_of_the_claim(run):
    """'tweeted that C and posted a photograph': the claim ends where a second act of the speaker begins."""
    assert claims(run("joined_act")) == [("mixed", "the bridge was “unsafe”", "Hartwig")]


def test_a_document_that_says(run):
    r = run("two_clauses")
    assert claims(r) == [("mixed", "the bridge has “serious structural flaws” in two spans", "report")]


def test_a_participle_after_a_comma_introduces_what_follows(run):
    """'X walked onto the stage, chanting “Q”': what was chanted is the quote, not the clause before the comma."""
    assert claims(run("chanting")) == [("direct", "Open the bridge!", "Hartwig")]


def test_a_relative_clause_hung_from_a_time_word_belongs_to_the_noun_before(run):
    """'a letter from its lawyers on Friday afternoon that says C': the letter says it, and its name holds no
    time and no clause."""
    r = run("time_antecedent")
    assert claims(r) == [("mixed", "the bridge is “perfectly safe”", "letter from its lawyers")]
    assert r.source(r.quotes[0].speaker).kind == "document"


def test_a_headline_with_a_bare_role_noun(run):
    """'C, monitor says' in a headline: the role noun speaks, however the tagger took it (here: a verb)."""
    r = run("headline_role")
    assert claims(r)[0] == ("indirect", "Flood barriers hold as river peaks in Oster", "monitor")
    assert claims(r)[1] == ("indirect", "The river crested at nine metres overnight", "flood office")


def test_an_organisation_named_short_is_the_one_named_in_full(run):
    """'a spokesman for St Aldric's' is St Aldric's General Hospital; 'Corvane's chief executive' works for
    Corvane Rail (even where the tagger takes 'Corvane' for a person)."""
    r = run("possessive_org")
    by_name = {s.name: s for s in r.sources}
    bosch, osk = by_name["Karel Bosch"], by_name["Pieter Osk"]
    assert r.source(bosch.affiliation).name == "St Aldric's General Hospital"
    assert "St Aldric" in r.source(bosch.affiliation).aliases
    assert r.source(osk.affiliation).name == "Corvane Rail"
    assert r.source(osk.affiliation).kind == "organization"


def test_a_clause_ending_in_a_colon_introduces_the_quote(run):
    """'X pressed the executives on closures: “Q”', 'X was blunt: “Q”': whatever the verb, its subject speaks."""
    r = run("colon_intro")
    assert [(q.type, r.source(q.speaker).name, q.rule) for q in r.quotes] == [
        ("direct", "Dana Whitlock", "colon"), ("direct", "Ada Okoro", "colon")]
    assert r.source(r.source(r.quotes[0].speaker).affiliation).name == "Harrow Capital"


def test_the_organisations_spokesman_is_the_one_met_before(run):
    """'X, a spokesman for the Ministry ...' then 'the ministry's spokesman said C': X said C."""
    r = run("holder")
    assert claims(r) == [("direct", "Every claim for compensation will be processed within 60 days.", "Piet Marais"),
                         ("indirect", "teams of inspectors would begin visiting the districts next week", "Piet Marais")]
    marais = r.source(r.quotes[0].speaker)
    assert r.quotes[1].speaker == marais.id and r.source(marais.affiliation).name == "Ministry of Agriculture"


def test_a_channel_named_in_full_though_the_parse_cut_its_name():
    """'Tarsena One, the state television channel, reported that C', with 'One' hung on the verb (as our parser
    once did): the entity tags keep the name whole, and the channel is a medium."""
    from quotetrace.nlp import StoredBackend
    from quotetrace.types import ParsedDoc, Sentence, Word

    text = "Tarsena One, the state television channel, reported that debris had fallen into the ocean."
    rows = [("Tarsena", "PROPN", "NNP", 9, "nsubj", "B-Organization"), ("One", "NUM", "CD", 9, "obl:unmarked", "E-Organization"),
            (",", "PUNCT", ",", 7, "punct", "O"), ("the", "DET", "DT", 7, "det", "O"),
            ("state", "NOUN", "NN", 7, "compound", "O"), ("television", "NOUN", "NN", 7, "compound", "O"),
            ("channel", "NOUN", "NN", 1, "appos", "O"), (",", "PUNCT", ",", 7, "punct", "O"),
            ("reported", "VERB", "VBD", 0, "root", "O"), ("that", "SCONJ", "IN", 13, "mark", "O"),
            ("debris", "NOUN", "NN", 13, "nsubj", "O"), ("had", "AUX", "VBD", 13, "aux", "O"),
            ("fallen", "VERB", "VBN", 9, "ccomp", "O"), ("into", "ADP", "IN", 16, "case", "O"),
            ("the", "DET", "DT", 16, "det", "O"), ("ocean", "NOUN", "NN", 13, "obl", "O"),
            (".", "PUNCT", ".", 9, "punct", "O")]
    words, at = [], 0
    for k, (w, upos, xpos, head, rel, ner) in enumerate(rows):
        at = text.index(w, at)
        words.append(Word(k + 1, w, at, at + len(w), upos, xpos, w.lower(), head, rel, ner))
        at += len(w)
    doc = ParsedDoc(text, (Sentence(0, 0, len(text), 0, tuple(words), True),), ((0, len(text)),))
    r = analyze(text, backend=StoredBackend([doc]))
    (q,) = r.quotes
    assert q.text == "debris had fallen into the ocean"
    assert r.source(q.speaker).name == "Tarsena One" and r.source(q.speaker).kind == "media"


def test_asked_is_no_cue_and_while_ends_a_claim(run):
    """'Asked about the dispute, Okoro was blunt.' reports nothing; 'X reported that C1, while Y posted that C2':
    two claims, the first ending at ', while' and a new subject."""
    assert claims(run("asked_while")) == [
        ("direct", "We are a jury, not a court", "Adam Okoro"),
        ("indirect", "the president would address the nation on Tuesday", "TNTV"),
        ("indirect", "its lawyers would file a petition", "Alliance for Renewal")]


def test_a_headline_led_by_a_source_reports_its_claim(run):
    r = run("headline_source")
    assert claims(r)[:1] == [("indirect", "Oster Bridge Will Reopen in March", "Lena Hartwig")]
    assert r.quotes[0].rule == "headline"


def test_a_headline_label_that_names_no_source_is_no_claim(run):
    r = run("headline_plain")
    assert [q.rule for q in r.quotes if q.rule == "headline"] == []
    assert [c[1] for c in claims(r)] == ["The crossing will stay shut until March"]


def test_stance_verbs_report_what_their_object_holds(run):
    r = run("stance_verbs")
    got = claims(r)
    assert ("indirect", "the council's repair plan", "Lena Hartwig") in got
    assert ("indirect", "the council of wasting money on consultants", "opposition") in got
    # a hypothetical ("would endorse") and an action ("rejected an offer") are no claims
    assert not any("plan if" in t or "offer" in t for _, t, _ in got)


def test_a_short_quote_that_opens_its_sentence_is_speech(run):
    assert claims(run("short_quote")) == [("direct", "They sue", "Hartwig"), ("direct", "Everybody sues.", "Hartwig")]


def test_a_claim_interrupted_after_one_name_is_two_claims(run):
    assert [c[1] for c in claims(run("interrupted_name"))] == [
        "Oster", "has spent more on the bridge than any town in the region"]


def test_a_report_goes_on_after_but_that_and_across_paired_dashes(run):
    got = [c[1] for c in claims(run("but_that"))]
    assert got == ["the town needs a new bridge, but that it would not raise taxes to build one",
                   "the works — and the detours they bring — would last until March"]


def test_a_sentence_ends_after_an_abbreviation_with_its_stop(run):
    got = claims(run("abbreviation_end"))
    assert [c[1] for c in got] == ["the steel came from the U.S.", "the bridge will last a century"]


def test_call_x_a_y_polls_that_show_and_requests(run):
    got = claims(run("call_names"))
    assert got[0] == ("indirect", "the repair plan a disgrace", "Karel Bosch")
    assert ("indirect", "Hartwig with 47 percent against Bosch", "council survey") in got
    assert any(t.endswith("finish the work by March") and s == "Hartwig" for _, t, s in got)
    # naming is not claiming
    assert claims(run("scare")) == []


def test_according_to_between_an_adverbial_and_the_main_clause(run):
    # "C1, according to X, C2" is one claim in two parts, as "C1, X said, C2"
    assert claims(run("according_mid")) == [
        ("indirect", "Since last winter", "Oster Transport Authority"),
        ("indirect", "the bridge has lost a third of its traffic", "Oster Transport Authority")]


def test_a_quote_inside_a_reported_clause_is_part_of_a_mixed_quote(run):
    got = claims(run("held_quote"))
    assert [c[0] for c in got] == ["indirect", "mixed"]
    assert got[1][1] == "has become “a symbol of everything that is wrong with the region.”"


def test_a_dateline_is_no_speaker_and_an_apposition_no_claim(run):
    got = claims(run("dateline"))
    assert got[0] == ("indirect", "the bridge would reopen in March", "Lena Hartwig")
    assert not any("spokesman for the council" in t and t.startswith("a spokesman") for _, t, _ in got)
    assert any(t.endswith("as “the town’s lifeline.”") and s == "Karel Bosch" for _, t, s in got)


def test_the_mention_is_the_whole_noun_phrase_and_prepositional_stances(run):
    r = run("mention_phrase")
    first = r.quotes[0]
    assert r.source(first.speaker).name == "Karel Bosch"
    assert first.speaker_mention.text == "The council's spokesman, Karel Bosch"
    assert ("indirect", "the delays", "Hartwig") in claims(r)


def test_relative_clauses_in_and_after_a_reported_clause(run):
    got = [c[1] for c in claims(run("relative_asides"))]
    assert got[0] == "the bridge, which opened in 1990, is unsafe"  # inside the claim
    assert got[1] == "the council would close the crossing over fears of a collapse"  # the reporter's aside
    # ", while" goes on with the same report when no other cue follows it
    assert got[2] == "Hartwig would win by six points, while Bosch would lose his seat"


def test_the_addressee_after_a_quote_is_no_claim_and_declining_to_say_says_nothing(run):
    got = claims(run("told_after_quote"))
    assert got[0] == ("direct", "The bridge will hold", "Hartwig")
    assert not any(t.startswith("Oster Radio") or t.startswith("in an interview") for _, t, _ in got)
    assert not any(c.cue and c.cue.text == "say" for c in run("told_after_quote").quotes)


def test_with_x_calling_y_a_z_is_what_x_called_y(run):
    got = claims(run("with_calling"))
    assert got[0] == ("indirect", "the plan a disgrace", "Karel Bosch")
    assert got[1][1] == "him a tireless advocate who has never missed a meeting"


def test_a_claim_ends_before_the_writers_closing_aside(run):
    # a relative clause or an apposition after the claim's last noun is the writer's; one inside stays
    assert claims(run("closing_aside")) == [
        ("indirect", "to repeal the Transit Act", "Hartwig"),
        ("indirect", "the bridge would reopen after the winter", "Bosch"),
        ("indirect", "the repairs, which began in May, would cost more than planned", "Hartwig"),
    ]


def test_a_claim_before_an_inverted_cue_and_a_long_description(run):
    r = run("inverted_described")
    assert claims(r) == [("indirect", "The bridge will need new cables within a decade, and the council has not yet "
                                      "budgeted for them", "Karel Bosch")]
    assert r.quotes[0].speaker_mention.text == "Karel Bosch, a senior engineer at the Oster Transport Authority"
    assert r.source(r.quotes[0].speaker).affiliation is not None


def test_a_mixed_claim_ends_at_its_quote_before_where_and_when(run):
    assert claims(run("quote_then_where")) == [("mixed", "the council did not want “another study,”", "Hartwig")]


def test_a_relative_pronoun_speaks_for_the_name_before_it(run):
    r = run("relative_speaker")
    assert claims(r) == [("indirect", "the bridge would reopen in March", "Lena Hartwig")]
    assert r.quotes[0].speaker_mention.text == "who"  # the words that name her in the clause


def test_a_verb_of_no_list_next_to_the_quote_gives_its_subject(run):
    r = run("adjacent_verbs")
    assert [(name, q.rule) for (_, _, name), q in zip(claims(r), r.quotes)] == [
        ("Lena Hartwig", "adjacent"), ("Bosch", "adjacent"), ("Mira Kovač", "adjacent"), ("Bosch", "colon")]
    assert r.quotes[1].cue.text == "fumed"
    assert r.quotes[3].text == "I told you so."  # a doubled mark ('') opens it, as a colon's quote


def test_the_subject_the_parse_lost_is_the_noun_phrase_before_the_verb(run):
    r = run("lost_subject")
    assert claims(r) == [("mixed", "the delays “unacceptable.”", "Lena Hartwig"),
                         ("indirect", "the council", "Karel Bosch"), ("indirect", "the repairs were late", "Karel Bosch")]
    assert r.quotes[0].speaker_mention.text == "Mayor Lena Hartwig"  # not "The day after the vote, ..."
    assert r.quotes[2].speaker_mention.text == "Sen. Karel Bosch (R)"  # the bracket closed, through the conjunct


def test_the_writers_relative_clause_at_the_end_is_not_the_claim(run):
    r = run("which_aside")
    assert claims(r) == [("indirect", "she is willing to be questioned by the council", "Hartwig"),
                         ("indirect", "the bridge, which opened in 1990, is unsafe and should close", "Bosch")]


def test_the_learned_stage_lengthens_a_clause_the_rules_cut_short(run, monkeypatch):
    r = run("rescope")
    defended = ("indirect", "the plan", "Bosch")  # "defend": a stance verb whose object is what it stands for
    assert claims(r) == [defended, ("indirect", "the council's emphasis on issues like cost and safety", "Bosch")]
    monkeypatch.setenv("QUOTETRACE_STANCE_MODEL", "off")  # the rules alone stop at the noun
    assert claims(run("rescope")) == [defended, ("indirect", "the council's emphasis", "Bosch")]


def test_the_writer_goes_on_after_a_partial_quote(run):
    r = run("after_quote_aside")
    assert claims(r) == [("mixed", "the closure was “a terrible mistake,”", "Hartwig"),
                         ("mixed", "the plan was “a disgrace,”", "Bosch"),
                         ("indirect", "the council had ignored him", "Bosch")]  # ', adding' after the quote's comma
    assert r.quotes[2].rule == "parse"


def test_said_with_the_speaker_after_it_however_parsed(run):
    # the parse may hang the speaker of "C, said X" as an object of "said", and describe him with a relative clause
    r = run("inverted_object")
    assert claims(r) == [("indirect", "The council has collected roughly $56.5 million for the repairs", "Karel Bosch"),
                         ("indirect", "The bridge will not reopen before March", "Mira Kovač")]


def test_short_first_half_of_a_split_quote(run):
    # two words before the tag are a quote when the tag leads to the second half (not a scare quote)
    r = run("split_short")
    assert claims(r) == [("direct", "After that", "Hartwig"), ("direct", "the council will vote on the budget.", "Hartwig"),
                         ("direct", "Word is", "Bosch"), ("direct", "that the bridge is closing.", "Bosch")]


def test_a_reported_clause_ends_before_the_next_speaker(run):
    # the parse runs the first clause on to the end, or hangs it on the second cue
    r = run("two_speakers")
    got = claims(r)
    assert got[:2] == [("indirect", "the council had not answered the question", "engineer"),
                       ("indirect", "the bridge would reopen in March", "mayor")]
    assert got[2][1:] == ("the cables were never checked", "Hartwig")
    assert got[3] == ("indirect", "the two cases were quite different", "one of the engineers")  # (not "of the engineers")


def test_the_writer_goes_on_after_the_reported_clause(run):
    r = run("writer_goes_on")
    got = claims(r)
    assert got[0] == ("indirect", "he will vote for the plan", "Bosch")  # ", but he ...": the writer's word on him
    # "Hope" is her first name, not a cue; ", though she ..." is the writer's
    assert got[1] == ("indirect", "all members sign the pledge", "Hope Kovač")  # (not lengthened past "though")
    assert got[-1] == ("indirect", "the bridge was safe, but it needed new cables", "Hartwig")  # his "but"


def test_no_claim_before_a_cue_that_has_its_own_object_or_sits_in_a_relative_clause(run):
    r = run("not_before")
    got = [text for _, text, _ in claims(r)]
    assert "Late last month" not in got  # the comma is inside the object: "a detailed, six-page letter"
    assert "As it happens" not in got  # "the delay the engineers warned about": a relative clause


def test_no_claim_before_a_relative_pronoun_that_speaks(run):
    r = run("relative_speakers")
    got = [text for _, text, _ in claims(r)]
    assert got[0] == "she and her father drove to the bridge from Oster"  # not "The last question ... engineer"
    assert not any(t.startswith(("Bosch's anger", "Karel Bosch", "Mira")) for t in got)


def test_the_clause_after_the_cue_wins_over_the_words_before_it(run):
    r = run("asked_before")
    assert claims(r) == [("indirect", "the bridge was safe", "Hartwig"), ("indirect", "it was not dangerous", "Bosch")]


def test_short_quotes_with_a_speech_tag_are_quotes(run):
    got = claims(run("short_answers"))
    assert ("direct", "Safety", "Karel Bosch") in got  # a tag of any length that starts with the cue
    assert ("direct", "Really", "Hartwig") in got
    assert ("direct", "Probably.", "Karel Bosch") in got  # a whole answer right after "said,"


def test_partial_quotes_between_the_cue_and_the_clause_the_parse_found(run):
    got = claims(run("quotes_in_the_gap"))
    assert len(got) == 1 and got[0][0] == "mixed" and got[0][2] == "Mira Kovač"
    assert got[0][1].startswith("the ''old model'' of toll bridges") and got[0][1].endswith("is in decline")


def test_a_possessive_the_parse_took_for_an_object_stays_with_its_noun(run):
    got = claims(run("her_object"))
    assert any(text.startswith("her run") and who == "Hartwig" for _, text, who in got), got


def test_a_relative_clause_after_the_cue_is_not_what_was_said(run):
    got = claims(run("relative_after"))
    assert got and not any(text.startswith("who") for _, text, _ in got), got
