import json

import pytest
from click.testing import CliRunner

from quotetrace import cli

from texts import TEXTS


def invoke(args, **kw):
    return CliRunner().invoke(cli.cli, args, **kw)


@pytest.mark.parametrize("command", list(cli.cli.commands.values()), ids=lambda c: c.name)
def test_every_command_has_help(command):
    assert command.help
    assert invoke([command.name, "--help"]).exit_code == 0


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_analyze_json(fake_cli, tmp_path):
    f = write(tmp_path, "told.txt", TEXTS["told"])
    r = invoke(["analyze", f, "--format", "json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["path"] == f
    (q,) = d["quotes"]
    assert TEXTS["told"][q["start"]:q["end"]] == q["text"]
    ids = {s["id"]: s for s in d["sources"]}
    assert ids[q["speaker"]]["name"] == "Lena Hartwig"
    assert ids[q["addressee"]]["name"] == "Reuters"


def test_analyze_text_listing(fake_cli, tmp_path):
    f = write(tmp_path, "told.txt", TEXTS["told"])
    r = invoke(["analyze", f], catch_exceptions=False)
    assert r.exit_code == 0
    assert "Lena Hartwig" in r.stdout and "Sources" in r.stdout
    assert "\x1b[" not in r.stdout  # NO_COLOR, and not a terminal


def test_folder_gives_jsonl_and_goes_on_past_bad_files(fake_cli, tmp_path):
    write(tmp_path, "a.txt", TEXTS["told"])
    write(tmp_path, "b.txt", "   \n\n")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary\x00")
    write(tmp_path, "d.txt", TEXTS["said_after"])
    r = invoke(["analyze", str(tmp_path)])
    assert r.exit_code == 1
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["path"].rsplit("/", 1)[1] for x in lines] == ["a.txt", "d.txt"]
    assert "2 input(s) failed" in r.stderr
    assert "b.txt: the article is empty" in r.stderr and "c.txt" in r.stderr and "binary" in r.stderr
    assert "Traceback" not in r.output


@pytest.mark.parametrize("args, message", [
    (["analyze", "/no/such/file.txt"], "no such file"),
    (["analyze", "x.txt", "--format", "yaml"], "Invalid value"),
    (["analyze", "x.txt", "--resume"], "--resume needs -o"),
])
def test_bad_arguments_are_one_line_errors(fake_cli, args, message):
    r = invoke(args)
    assert r.exit_code in (1, 2)
    assert message in r.stderr
    assert "Traceback" not in r.output


def test_stdin(fake_cli):
    r = invoke(["analyze", "-", "--format", "json"], input=TEXTS["told"].encode())
    assert r.exit_code == 0
    assert json.loads(r.stdout)["quotes"][0]["text"] == "the repairs had cost more than expected"


def test_output_file_and_resume(fake_cli, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for key in ("told", "said_after", "reported_that"):
        write(d, f"{key}.txt", TEXTS[key])
    out = tmp_path / "out.jsonl"
    # a run that died after the first article, mid-way through the second line
    first = invoke(["analyze", str(d / "reported_that.txt"), "--format", "jsonl"]).stdout
    out.write_text(first + '{"path": "half', encoding="utf-8")
    r = invoke(["analyze", str(d), "-o", str(out), "--resume"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    paths = [json.loads(x)["path"] for x in out.read_text().splitlines()]
    assert sorted(paths) == sorted(str(d / f"{k}.txt") for k in ("told", "said_after", "reported_that"))


def test_graphml_beside_the_listing(fake_cli, tmp_path):
    import networkx as nx

    f = write(tmp_path, "surname.txt", TEXTS["surname"])
    g = tmp_path / "g.graphml"
    r = invoke(["analyze", f, "--format", "json", "--graphml", str(g)], catch_exceptions=False)
    assert r.exit_code == 0
    graph = nx.read_graphml(g)
    assert "AFP" in {d.get("name") for _, d in graph.nodes(data=True)}


def test_evaluate(fake_cli, tmp_path):
    gold = {"id": "t", "text": TEXTS["told"], "quotes": [
        {"content": "the repairs had cost more than expected", "type": "indirect", "speaker": "Lena Hartwig"}],
        "sources": [{"name": "Lena Hartwig", "kind": "person", "aliases": ["Lena Hartwig", "Hartwig"]}]}
    f = tmp_path / "gold.jsonl"
    f.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    r = invoke(["evaluate", str(f), "--json"], catch_exceptions=False)
    d = json.loads(r.stdout)
    assert d["detection"]["f1"] == 1.0 and d["end_to_end"]["f1"] == 1.0


def test_evaluate_bad_gold(fake_cli, tmp_path):
    f = tmp_path / "gold.jsonl"
    f.write_text('{"text": "abc", "quotes": [{"content": "zzz"}]}\n', encoding="utf-8")
    r = invoke(["evaluate", str(f)])
    assert r.exit_code == 1 and "line 1" in r.stderr


def test_one_process_gives_stanza_every_cpu_it_may_use(monkeypatch):
    import quotetrace.nlp
    import quotetrace.pipeline

    made = []
    monkeypatch.setattr(quotetrace.nlp, "StanzaBackend", lambda models, threads=None: made.append(threads))
    monkeypatch.setattr(quotetrace.pipeline, "default_jobs", lambda n=None: 2)
    cli._load_backend(None, None, jobs=1)
    cli._load_backend(None, 3, jobs=1)
    assert made == [2, 3]  # (with several workers, each gets one: BackendSpec)
