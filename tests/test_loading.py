import json

import pytest

from quotetrace.errors import InputError
from quotetrace.loading import decode, expand, iter_articles


def test_utf8_bom_and_cp1252_curly_quotes():
    assert decode("“Hi,” she said.".encode("utf-8-sig")) == "“Hi,” she said."
    assert decode("“We will stay here,” said the mayor of the town.".encode("cp1252")) == "“We will stay here,” said the mayor of the town."


def test_forced_encoding_and_bad_encoding_name():
    assert decode("café".encode("latin-1"), encoding="latin-1") == "café"
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"x", encoding="no-such-codec")
    with pytest.raises(InputError, match="--encoding"):
        decode(b"\xff\xfe\xfa", encoding="utf-8")


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_folder_recursion_and_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "ignore.png").write_bytes(b"\x89PNG")
    arts = list(iter_articles([str(tmp_path)]))
    assert [a.text for a in arts] == ["Two.", "One."]
    assert arts[1].id == "one" and arts[1].path.endswith("one.txt")


def test_missing_path_and_empty_folder(tmp_path):
    items = list(expand([str(tmp_path / "nope.txt"), str(tmp_path)]))
    assert all(isinstance(i, InputError) for i in items)
    assert "no such file" in str(items[0])
    assert "no articles" in str(items[1])


def test_jsonl_corpus_with_a_bad_line(tmp_path):
    f = tmp_path / "corpus.jsonl"
    f.write_text(json.dumps({"id": "a1", "text": "First.", "outlet": "X"}) + "\n{not json\n"
                 + json.dumps({"text": "Third."}) + "\n" + json.dumps({"title": "no text"}) + "\n", encoding="utf-8")
    items = list(iter_articles([str(f)]))
    assert items[0].id == "a1" and items[0].meta == {"outlet": "X"} and items[0].path.endswith("#a1")
    assert isinstance(items[1], InputError) and "line 2" in str(items[1])
    assert items[2].text == "Third."
    assert isinstance(items[3], InputError) and '"text"' in str(items[3])


def test_json_array(tmp_path):
    f = tmp_path / "arts.json"
    f.write_text(json.dumps([{"id": "x", "text": "One."}, {"id": "y", "text": "Two."}]), encoding="utf-8")
    assert [a.id for a in iter_articles([str(f)])] == ["x", "y"]


def test_html_page(tmp_path):
    body = " ".join(["The minister said the bridge would reopen in March after repairs."] * 6)
    page = (f"<html><head><title>Bridge to reopen</title></head><body><nav>Home | News</nav>"
            f"<article><h1>Bridge to reopen</h1><p>{body}</p><p>“We are on schedule,” she said.</p></article>"
            f"<footer>Copyright 2024</footer></body></html>")
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    (art,) = list(iter_articles([str(f)]))
    assert "We are on schedule" in art.text
    assert "Home | News" not in art.text
    assert art.meta.get("title") == "Bridge to reopen"


def test_html_without_article(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    (item,) = list(iter_articles([str(f)]))
    assert isinstance(item, InputError) and "no article text" in str(item)


def test_stdin():
    import io

    (art,) = list(iter_articles(["-"], stdin=io.BytesIO("“Yes,” he said.".encode())))
    assert art.text == "“Yes,” he said." and art.path == "-"
