"""Several worker processes: the same results, in input order, with each article's errors kept apart."""
import json

import pytest
import torch
from click.testing import CliRunner

from quotetrace import cli, pipeline
from quotetrace.errors import AnalysisError, InputError, ModelNotFound
from quotetrace.fastpath import _arc_labels
from quotetrace.pipeline import BackendSpec, analyze_many, default_jobs
from quotetrace.types import Article

from texts import TEXTS

NAMES = ["told", "said_after", "according_to", "split_quote"]


def _articles():
    return [Article(text=TEXTS[n], id=n, path=f"{n}.txt") for n in NAMES]


def test_two_workers_give_what_one_process_gives(stored):
    serial = [r.to_dict() for r in analyze_many(_articles(), backend=stored)]
    parallel = [r.to_dict() for r in analyze_many(_articles(), backend=stored, jobs=2, batch_size=1)]
    assert [d["id"] for d in parallel] == NAMES
    assert parallel == serial
    assert any(d["quotes"] for d in parallel)


def test_errors_come_back_in_place_and_intact(stored):
    arts = _articles()
    arts.insert(1, Article(text="  \n", id="blank", path="blank.txt"))
    arts.append(Article(text="a\x00b", id="nul", path="nul.txt"))
    out = list(analyze_many(arts, backend=stored, jobs=2, total=len(arts)))
    assert len(out) == len(arts)
    assert isinstance(out[1], InputError) and out[1].path == "blank.txt"
    assert str(out[1]) == "blank.txt: the article is empty"
    assert isinstance(out[-1], InputError) and "NUL" in str(out[-1])
    assert [r.article.id for r in out if not isinstance(r, InputError)] == NAMES


def test_a_bug_in_one_article_does_not_stop_the_others(stored, monkeypatch):
    real = pipeline.run_article

    def flaky(article, doc):
        if article.id == "according_to":
            raise KeyError("boom")
        return real(article, doc)

    monkeypatch.setattr(pipeline, "run_article", flaky)
    out = list(analyze_many(_articles(), backend=stored))
    bad = out[NAMES.index("according_to")]
    assert isinstance(bad, AnalysisError)
    assert "according_to.txt: internal error (KeyError" in str(bad) and "report" in str(bad)
    assert sum(not isinstance(r, AnalysisError) for r in out) == len(NAMES) - 1


def test_missing_models_fail_once_before_any_worker(tmp_path):
    with pytest.raises(ModelNotFound):
        list(analyze_many(["one", "two"], models=str(tmp_path / "no-models"), jobs=2))


def test_cli_jobs(fake_cli, tmp_path, monkeypatch):
    for i, n in enumerate(NAMES):
        (tmp_path / f"{i}-{n}.txt").write_text(TEXTS[n], encoding="utf-8")
    one = CliRunner().invoke(cli.cli, ["analyze", str(tmp_path), "--jobs", "1"])
    two = CliRunner().invoke(cli.cli, ["analyze", str(tmp_path), "--jobs", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    assert [json.loads(x) for x in two.stdout.splitlines()] == [json.loads(x) for x in one.stdout.splitlines()]
    assert len(two.stdout.splitlines()) == len(NAMES)


def test_cli_missing_models_with_jobs(tmp_path):
    for n in ("a", "b"):
        (tmp_path / f"{n}.txt").write_text(TEXTS["told"], encoding="utf-8")
    r = CliRunner().invoke(cli.cli, ["analyze", str(tmp_path), "--jobs", "2", "--models", str(tmp_path / "nope")])
    assert r.exit_code == 1
    assert "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1


def test_default_jobs():
    assert default_jobs(1) == 1 and default_jobs(0) == 1
    assert 1 <= default_jobs() <= 4
    assert default_jobs(1000) == default_jobs()


def test_backend_spec_pickles():
    import pickle

    spec = BackendSpec("bundled", 1)
    assert pickle.loads(pickle.dumps(spec)) == spec


def test_arc_labels_are_the_bilinear_scores():
    torch.manual_seed(0)
    dep, head = torch.randn(300, 7), torch.randn(300, 5)
    weight = torch.randn(7, 5, 4)
    want = torch.einsum("ni,ijo,nj->no", dep, weight, head)
    got = _arc_labels(dep, head, weight, chunk=64)
    assert torch.allclose(got, want, atol=1e-4)
