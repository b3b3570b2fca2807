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
    text = "Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, told AFP that the town had fallen."
    (doc,) = real_backend.parse_many([text])
    (sent,) = doc.sentences
    w = {x.text: x for x in sent.words}
    assert [x.text for x in sent.words][:3] == ["Rami", "Abdel", "Rahman"]
    assert w["told"].upos == "VERB" and w["told"].lemma == "tell" and w["told"].deprel == "root"
    assert w["Rami"].head == w["told"].id and w["Rami"].deprel == "nsubj"
    assert w["fallen"].deprel == "ccomp" and w["fallen"].head == w["told"].id
    assert w["AFP"].head == w["told"].id
    assert w["Rami"].ner == "B-Person" and w["Rahman"].ner == "E-Person"
    assert w["Observatory"].ner.endswith("Organization")
