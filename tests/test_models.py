"""The shipped models: present, described, small enough, loadable offline, and they parse."""
import json

import pytest

from quotetrace.models import BUNDLED_DIR, PROCESSORS, describe, resolve

pytestmark = pytest.mark.pipeline


def test_manifest_describes_every_model():
    manifest = json.loads((BUNDLED_DIR / "manifest.json").read_text(encoding="utf-8"))
    procs = manifest["processors"]
    for proc in PROCESSORS:
        assert proc in procs, f"{proc} missing from the manifest"
        entry = procs[proc]
        assert (BUNDLED_DIR / entry["file"]).exists()
        assert entry.get("dev"), f"{proc} has no dev score"
        assert "licence" in entry or "license" in entry or "licence" in manifest
    total = sum(f.stat().st_size for f in BUNDLED_DIR.glob("*.pt"))
    assert total <= 80 * 1024 * 1024


def test_models_command_lists_them():
    rows = describe(resolve("bundled"))
    assert {r["processor"] for r in rows} >= set(PROCESSORS)


def test_sane_parse_offline(real_backend, monkeypatch):
    import socket

    def no_network(*a, **k):
        raise AssertionError("the pipeline tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    text = "Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, told AFP that IS had retaken the town."
    (doc,) = real_backend.parse_many([text])
    (sent,) = doc.sentences
    words = {w.text: w for w in sent.words}
    assert words["told"].upos == "VERB" and words["told"].deprel == "root"
    assert words["Rahman"].upos == "PROPN"
    assert words["retaken"].deprel == "ccomp" and words["retaken"].head == words["told"].id
    assert words["told"].lemma == "tell"
    assert any(w.ner and w.ner != "O" for w in sent.words)
