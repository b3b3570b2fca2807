import pytest

from quotetrace.layout import analyse_layout
from quotetrace.quotes import find_quoted_spans, looks_like_title, speech_score


def spans_of(text):
    layout = analyse_layout(text)
    spans, warnings = find_quoted_spans(text, list(layout.paragraphs))
    return [text[s.start:s.end] for s in spans], warnings


@pytest.mark.parametrize("text, expected", [
    ('"We will win," he said.', ["We will win,"]),
    ("“We will win,” he said.", ["We will win,"]),
    ("«Nous gagnerons», a-t-il dit.", ["Nous gagnerons"]),
    ("‘We will win,’ he said.", ["We will win,"]),
    # British style, where ’ is also the apostrophe
    ("‘We don’t know how much longer the dinghy would have lasted,’ she said.",
     ["We don’t know how much longer the dinghy would have lasted,"]),
    ("The students’ union said ‘no’ to the plan.", ["no"]),
    # a plural possessive inside the quote, when a later mark closes it; without one, the mark closes
    ("She said: ‘Families were given twelve hours’ notice. That is an ambush.’",
     ["Families were given twelve hours’ notice. That is an ambush."]),
    ("‘We will win the seats’ he said.", ["We will win the seats"]),
    # nested quotes stay inside the outer quote
    ("She said: ‘The centre told us, “Stand by.” Nobody came.’",
     ["The centre told us, “Stand by.” Nobody came."]),
    ('"A," he said. "B."', ["A,", "B."]),
    ("It's the 1990s and nobody's quoting.", []),
    ("He is 5'10\" tall.", []),
    # doubled single marks for a double mark, as the New York Times and LaTeX write them
    ("''It's more tinkering at the edges,'' said Alan Cole.", ["It's more tinkering at the edges,"]),
    ("``We will win,'' he said.", ["We will win,"]),
    ("''The word 'caliphate' is theirs,'' she said.", ["The word 'caliphate' is theirs,"]),
    # a “ typed where ” belongs, after a word or a comma
    ("“It's unusual,“ said Larry Noble. “It's a hard thing to do.”", ["It's unusual,", "It's a hard thing to do."]),
    # a space between a nested quote's close and ours
    ('"They treat it like, \'Oh, this is important,\' " Magel said. "But no big deal."',
     ["They treat it like, 'Oh, this is important,'", "But no big deal."]),
    ('He said "no" and \'yes\' "maybe".', ["no", "yes", "maybe"]),
])
def test_pairs(text, expected):
    assert spans_of(text)[0] == expected


def test_unpaired_mark_keeps_the_others_and_warns():
    text = 'He said "yes" and then "no.\nShe said "maybe".'
    found, warnings = spans_of(text)
    assert found == ["yes", "maybe"]
    assert [w.code for w in warnings] == ["unpaired-quote"]
    assert warnings[0].start == text.index('"no')


def test_quote_running_over_paragraphs_gives_one_span_per_paragraph():
    text = ('He said:\n“The first paragraph of the statement.\n'
            '“The second paragraph of it.\n“And the end of it.”\nThen he left.')
    found, warnings = spans_of(text)
    assert found == ["The first paragraph of the statement.", "The second paragraph of it.", "And the end of it."]
    assert warnings == []


def test_closing_mark_with_no_opening_is_a_warning():
    found, warnings = spans_of("He left. That was all.” Then silence.")
    assert found == []
    assert warnings and "no opening mark" in warnings[0].message


@pytest.mark.parametrize("sentence, label", [
    ("Fighters defended their “caliphate” to the end.", "fragment"),
    ("The report called it “beyond economic repair” last year.", "fragment"),
    ("The novel, titled “A Long Way Home”, sold well.", "title"),
    ("He read “The Lord of the Rings” twice.", "title"),
    ("“We are closer than we were in January,” Dilwe said.", "speech"),
    ("“The names are real. The men are in his prisons,” replied Samir Toulani.", "speech"),
    ("Operation “Desert Shield” began in 1990.", "title"),
])
def test_speech_score(sentence, label):
    spans, _ = find_quoted_spans(sentence, [(0, len(sentence))])
    assert len(spans) == 1
    assert speech_score(sentence, spans[0], 0, len(sentence)) == label


def test_title_case():
    assert looks_like_title("The Lord of the Rings")
    assert not looks_like_title("we will win")
    assert not looks_like_title("We Will Win.")
    # American style keeps a full stop or comma inside the marks: titles still, from three words on
    assert looks_like_title("All Bets Are Off.") and looks_like_title("Coal Isn't the Villain.")
    assert looks_like_title("Collapse: How Societies Choose to Fail or Succeed,")
    # a headline's quote in Title Case speaks; shouting is no title
    assert not looks_like_title("You Should Be Criminally Investigated.")
    assert not looks_like_title("It's Our Time.") and not looks_like_title("The Donald. Big Daddy.")
    assert not looks_like_title("WE WILL NEVER GIVE UP.") and not looks_like_title("Thank You.")


def test_a_title_case_line_of_its_own_is_a_title():
    text = "“All Bets Are Off.”"
    spans, _ = find_quoted_spans(text, [(0, len(text))])
    assert speech_score(text, spans[0], 0, len(text)) == "title"
    text = "“We are not giving up on this town.”"
    spans, _ = find_quoted_spans(text, [(0, len(text))])
    assert speech_score(text, spans[0], 0, len(text)) == "speech"


def test_quote_opening_mid_paragraph_runs_on():
    text = ("Okoro told reporters: «We argued for eleven hours, and I will not tell you who argued for what.\n\n"
            "«But when we came out of that room, nobody was unhappy with the result.»\n")
    found, warnings = spans_of(text)
    assert found == ["We argued for eleven hours, and I will not tell you who argued for what.",
                     "But when we came out of that room, nobody was unhappy with the result."]
    assert warnings == []


def test_slogan():
    text = 'Teachers marched behind a banner reading "No teachers, no future".'
    layout = analyse_layout(text)
    spans, _ = find_quoted_spans(text, list(layout.paragraphs))
    assert speech_score(text, spans[0], 0, len(text)) == "slogan"


@pytest.mark.parametrize("text", [
    "Open Wires, whose 2023 report “Who Reads Your Contacts?” first drew attention to it, said so.",
    "The film “Nobody Leaves Early” opened on Friday.",
])
def test_titles_after_the_noun_they_name(text):
    layout = analyse_layout(text)
    spans, _ = find_quoted_spans(text, list(layout.paragraphs))
    assert speech_score(text, spans[0], 0, len(text)) == "title"


@pytest.mark.parametrize("text, expected", [
    # a doubled mark ('') is one mark: what stands before it decides as it does before "
    ("The show ran a segment entitled ''Pimp My Chopper.''", "title"),
    ('The show ran a segment entitled "Pimp My Chopper."', "title"),
    ("''The stories begin,'' he said.", "speech"),
    # "called" names a thing when the name is capitalised; in lower case they are someone's words for it
    ('They formed a group called "Friends of Abe".', "title"),
    ("Romney called Russia ''our No.1 geopolitical foe.''", "speech"),
    ("what Mr. Hedge called ''the prior economy model''", "fragment"),  # (the attribution stage decides)
])
def test_doubled_marks_and_what_someone_called_a_thing(text, expected):
    layout = analyse_layout(text)
    spans, _ = find_quoted_spans(text, list(layout.paragraphs))
    assert speech_score(text, spans[0], 0, len(text)) == expected


def test_short_quote_with_a_speech_tag_is_speech():
    from quotetrace.quotes import find_quoted_spans, speech_score

    for text in ('"Absolutely not," he said of the possibility of a recount.', 'Asked again, Bosch said, "Probably."',
                 '"After that," she said, "we will vote."'):
        span = find_quoted_spans(text, [(0, len(text))])[0][0]
        assert speech_score(text, span, 0, len(text)) == "speech", text
    text = 'The "caliphate," as the group calls it, is shrinking.'
    span = find_quoted_spans(text, [(0, len(text))])[0][0]
    assert speech_score(text, span, 0, len(text)) == "fragment"
