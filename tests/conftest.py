import os
from pathlib import Path

import pytest

from quotetrace.nlp import StoredBackend

HERE = Path(__file__).parent
DATA = HERE / "data"
SHARED = HERE.parent.parent / "shared"
PARSES = DATA / "parses.jsonl"


def pytest_collection_modifyitems(config, items):
    from quotetrace.models import BUNDLED_DIR

    if not (BUNDLED_DIR / "manifest.json").exists():
        skip = pytest.mark.skip(reason="the bundled models are not installed")
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

    monkeypatch.setattr(cli, "_load_backend", lambda models, threads: stored)
    monkeypatch.setenv("NO_COLOR", "1")
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
