from quotetrace.layout import analyse_layout

PAGE = """Headline of the story
November 10 2017 11:10 PM
A boy walks amid the rubble inside his damaged school in the besieged town of Ham
A boy walks amid the rubble inside his damaged school in the besieged town of Hamouria, near the capital.


The first paragraph of the article is long enough to be real text, and it goes on for a while.
The second one follows.

There are no comments.

LEAVE A COMMENT Your email address will not be published. Required fields are marked*
"""


def parts(text):
    layout = analyse_layout(text)
    return [text[a:b] for a, b in layout.paragraphs], [text[a:b] for a, b in layout.debris]


def test_debris_is_left_out_but_offsets_stay():
    paras, debris = parts(PAGE)
    assert "There are no comments." in debris
    assert any(d.startswith("LEAVE A COMMENT") for d in debris)
    assert any(d.endswith("town of Ham") for d in debris)  # the truncated caption
    assert paras[0] == "Headline of the story"
    assert "The second one follows." in paras
    assert all(p in PAGE for p in paras)


def test_hard_wrapped_lines_join():
    text = "The minister said the plan\nwould go ahead next year.\n\nAnother paragraph."
    paras, _ = parts(text)
    assert paras == ["The minister said the plan\nwould go ahead next year.", "Another paragraph."]


def test_crlf_and_blank_text():
    paras, _ = parts("One.\r\nTwo.\r\n")
    assert paras == ["One.", "Two."]
    assert parts("   \n\n  ") == ([], [])
