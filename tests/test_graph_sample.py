"""The sample article's source graph: its four sources, the affiliation and AFP edges, every gold claim on the right source."""
import json
from pathlib import Path

import pytest

from quotetrace.pipeline import analyze

from texts import TEXTS

GOLD_CLAIMS = [  # (start of the claim, gold speaker) from shared/eval/seed-gold.jsonl
    ("The militants punched back", "Syrian Observatory for Human Rights"),
    ("IS started counter-attacking", "Rami Abdel Rahman"),
    ("The militants went back in", "Rami Abdel Rahman"),
    ("IS is trying to defend", "Rami Abdel Rahman"),
    ("regime and auxiliary forces", "Syria state TV"),
    ("most of the fighting was done", "Syrian Observatory for Human Rights"),
    ("the Syrian Democratic Forces (SDF) retook", "Syrian Observatory for Human Rights"),
]


def check_graph(result):
    g = result.graph
    sources = {d["name"]: n for n, d in g.nodes(data=True) if d["type"] == "source"}
    for name in ("Rami Abdel Rahman", "Syrian Observatory for Human Rights", "Syria state TV", "AFP"):
        assert name in sources, f"{name} missing from {sorted(sources)}"
    rami, obs, afp = sources["Rami Abdel Rahman"], sources["Syrian Observatory for Human Rights"], sources["AFP"]
    assert g.has_edge(rami, obs, key="affiliated_with")
    via = [(u, v) for u, v, k in g.edges(keys=True) if k == "via" and v == afp]
    assert len(via) == 1 and g.nodes[via[0][0]]["text"].startswith("IS started counter-attacking")
    claims = {n: d for n, d in g.nodes(data=True) if d["type"] == "claim"}
    for start, speaker in GOLD_CLAIMS:
        (node,) = [n for n, d in claims.items() if d["text"].startswith(start)]
        (src,) = [v for _, v, k in g.out_edges(node, keys=True) if k == "attributed_to"]
        assert g.nodes[src]["name"] == speaker, (start, g.nodes[src]["name"])
    assert not any(d["text"].strip("“”\"") in ("caliphate", "capital", "caliph") for d in claims.values())


def test_sample_graph_on_stored_parse(stored):
    check_graph(analyze(TEXTS["albu_kamal"], backend=stored))


@pytest.mark.pipeline
def test_sample_graph_real_pipeline(real_backend):
    check_graph(analyze(TEXTS["albu_kamal"], backend=real_backend))


@pytest.mark.pipeline
def test_corpus_graph_merges_a_recurring_source(real_backend):
    import quotetrace
    from quotetrace.loading import iter_articles

    root = Path(__file__).resolve().parent.parent / "corpus"
    arts = [a for a in iter_articles([str(root)]) if a.id in ("albu-kamal-2017", "albu-kamal-followup-2017", "deir-ezzor-aid-2017")]
    results = [r for r in quotetrace.analyze_many(arts, backend=real_backend)]
    g = quotetrace.corpus_graph(results)
    rami = [d for _, d in g.nodes(data=True) if d["type"] == "source" and "Abdel Rahman" in d["name"]]
    assert len(rami) == 1 and rami[0]["articles"] == 3
    obs = [d for _, d in g.nodes(data=True) if d["type"] == "source" and "Observatory" in d["name"]]
    assert len(obs) == 1 and obs[0]["articles"] >= 2
