import io

import networkx as nx
import pytest

from quotetrace.graph import corpus_graph, write_graph
from quotetrace.pipeline import ArticleResult
from quotetrace.types import Article, Quote, Source, Span


def result(ident, text, speaker_name, speaker_alias, org="Syrian Observatory for Human Rights"):
    q1 = Quote(0, 10, text[0:10], "direct", speaker="S1", speaker_mention=Span(20, 30, speaker_alias),
               cue=Span(31, 35, "told"), addressee="S3", rule="cue")
    q2 = Quote(40, 50, text[40:50], "indirect", speaker=None, rule="none")
    sources = (
        Source("S1", speaker_name, "person", (speaker_name, speaker_alias), affiliation="S2", title="head"),
        Source("S2", org, "organization", (org, "Observatory")),
        Source("S3", "AFP", "media", ("AFP",)),
    )
    return ArticleResult(Article(text=text, id=ident, path=f"{ident}.txt"), (q1, q2), sources)


TEXT = "x" * 60


def test_nodes_and_edges_of_one_article():
    g = result("a", TEXT, "Rami Abdel Rahman", "Abdel Rahman").graph
    kinds = nx.get_node_attributes(g, "type")
    assert sorted(kinds.values()).count("claim") == 2
    assert sorted(kinds.values()).count("source") == 3
    edges = {(g.nodes[u].get("name", u), d["type"], g.nodes[v].get("name", v)) for u, v, d in g.edges(data=True)}
    assert ("Rami Abdel Rahman", "affiliated_with", "Syrian Observatory for Human Rights") in edges
    via = [(u, v) for u, v, d in g.edges(data=True) if d["type"] == "via"]
    assert len(via) == 1 and g.nodes[via[0][1]]["name"] == "AFP"
    # the unattributed claim stays, with no source
    lonely = [n for n, d in g.nodes(data=True) if d["type"] == "claim" and not any(
        e[2]["type"] == "attributed_to" for e in g.out_edges(n, data=True))]
    assert len(lonely) == 1


def test_one_source_across_articles_under_different_names():
    rs = [result("a", TEXT, "Rami Abdel Rahman", "Abdel Rahman"),
          result("b", TEXT, "Abdel Rahman", "Abdel Rahman"),
          result("c", TEXT, "Rami Abdel Rahman", "Rami Abdel Rahman", org="the Observatory")]
    g = corpus_graph(rs)
    people = [d for _, d in g.nodes(data=True) if d.get("kind") == "person"]
    assert len(people) == 1
    assert people[0]["articles"] == 3 and people[0]["claims"] == 3
    orgs = [d for _, d in g.nodes(data=True) if d.get("kind") == "organization"]
    assert len(orgs) == 1


def test_graphml_is_scalar_and_round_trips(tmp_path):
    g = corpus_graph([result("a", "x\x01" + TEXT, "Rami Abdel Rahman", "Abdel Rahman")])
    path = tmp_path / "g.graphml"
    write_graph(g, str(path))
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    for _, d in g.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    ig = pytest.importorskip("igraph")
    h = ig.Graph.Read_GraphML(str(path))
    assert h.vcount() == g.number_of_nodes() and h.ecount() == g.number_of_edges()
    names = {v["name"] for v in h.vs if v["type"] == "source"}
    assert "Rami Abdel Rahman" in names


@pytest.mark.parametrize("suffix", [".gexf", ".json"])
def test_other_formats(tmp_path, suffix):
    g = corpus_graph([result("a", TEXT, "Rami Abdel Rahman", "Abdel Rahman")])
    path = tmp_path / f"g{suffix}"
    write_graph(g, str(path))
    assert path.stat().st_size > 100
