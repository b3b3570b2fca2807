"""Property tests: any text gives a result whose offsets slice the text, or a documented error."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotetrace.errors import QuotetraceError
from quotetrace.pipeline import analyze

from conftest import EXPLORE, SplitBackend

SCALE = max(1, EXPLORE)

# text rich in what trips quote finders: marks of every kind, apostrophes, line breaks, RTL and control characters
ALPHABET = st.sampled_from(list("ab cde said told he she X Y. , : ; \n\r\t \"'“”‘’«»„‹›—-()") + ["\u200f", "\x07", "é", "ש", " Smith said ", " according to "])
TEXTS = st.lists(ALPHABET, max_size=80).map("".join)


def check(result, text):
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        for span in (q.speaker_mention, q.cue, q.channel):
            if span is not None:
                assert text[span.start:span.end] == span.text
    for s in result.sources:
        for m in s.mentions:
            assert text[m.start:m.end] == m.text
    ids = {s.id for s in result.sources}
    assert all(q.speaker in ids for q in result.quotes if q.speaker)


@given(TEXTS)
@settings(max_examples=300 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_model_free(text):
    try:
        result = analyze(text, backend=SplitBackend())
    except QuotetraceError:
        return
    check(result, text)


@pytest.mark.pipeline
@given(TEXTS)
@settings(max_examples=40 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_any_text_real_pipeline(real_backend, text):
    try:
        result = analyze(text, backend=real_backend)
    except QuotetraceError:
        return
    check(result, text)
