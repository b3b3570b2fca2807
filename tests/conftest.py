import os
from pathlib import Path

import pytest
from hypothesis import settings

from quotetrace.nlp import StoredBackend

# The property tests draw the same examples on every run, so a CI run fails only where a run here
# would. QUOTETRACE_EXPLORE=N draws new examples, N times as many, to look for bugs.
EXPLORE = int(os.environ.get("QUOTETRACE_EXPLORE", "0") or 0)
settings.register_profile("quotetrace", derandomize=not EXPLORE, database=None)
settings.load_profile("quotetrace")

HERE = Path(__file__).parent
DATA = HERE / "data"
SHARED = HERE.parent.parent / "shared"
PARSES = DATA / "parses.jsonl"


def pytest_collection_modifyitems(config, items):
    from quotetrace.errors import ModelNotFound
    from quotetrace.models import resolve

    try:
        resolve("bundled")
    except ModelNotFound as e:
        skip = pytest.mark.skip(reason=f"the bundled models are not installed: {e}")
        for item in items:
            if "pipeline" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def stored():
    """Stored parses of the test texts (made by tests/make_parses.py with the bundled models)."""
    if not PARSES.exists():
        pytest.skip("no stored parses")
    return StoredBackend.from_file(PARSES)


@pytest.fixture
def fake_cli(monkeypatch, stored):
    """Make the CLI use the stored parses instead of loading stanza."""
    from quotetrace import cli

    monkeypatch.setattr(cli, "_load_backend", lambda models, threads, jobs=1: stored)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("QUOTETRACE_JOBS", "1")  # in this process: tests of --jobs set it themselves
    return stored


@pytest.fixture(scope="session")
def real_backend():
    from quotetrace.errors import ModelNotFound
    from quotetrace.nlp import StanzaBackend

    try:
        return StanzaBackend("bundled", threads=2)
    except ModelNotFound as e:
        pytest.skip(f"bundled models incomplete: {e}")


@pytest.fixture(scope="session")
def shared():
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


class SplitBackend:
    """A model-free backend: sentences and words by regular expressions, no tags or tree.

    Enough for the pipeline to run end to end (quote marks, layout, output),
    so input handling can be tested on any text without loading stanza.
    """

    def parse_many(self, texts, select=None):
        import re

        from quotetrace.layout import analyse_layout
        from quotetrace.types import ParsedDoc, Sentence, Word

        docs = []
        for text in texts:
            layout = analyse_layout(text)
            sentences = []
            for p, (lo, hi) in enumerate(layout.paragraphs):
                for m in re.finditer(r"[^.!?]+[.!?]*", text[lo:hi]):
                    words = tuple(
                        Word(k + 1, w.group(), lo + m.start() + w.start(), lo + m.start() + w.end())
                        for k, w in enumerate(re.finditer(r"\w+|[^\w\s]", m.group()))
                    )
                    if words:
                        sentences.append(Sentence(len(sentences), words[0].start, words[-1].end, p, words, False))
            docs.append(ParsedDoc(text, tuple(sentences), layout.paragraphs))
        return docs


@pytest.fixture
def split_cli(monkeypatch):
    from quotetrace import cli

    backend = SplitBackend()
    monkeypatch.setattr(cli, "_load_backend", lambda models, threads, jobs=1: backend)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("QUOTETRACE_JOBS", "1")
    return backend
