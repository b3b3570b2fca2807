"""Bad and odd input: a clear one-line error and exit 1, or a correct result; never a traceback."""
import json
import os

import pytest
from click.testing import CliRunner

from quotetrace import cli
from quotetrace.loading import read_text

OK, FAIL = "ok", "fail"


def big_article(n_bytes):
    para = 'The council said the bridge would reopen. "We are on schedule," the mayor said.\n'
    return para * (n_bytes // len(para) + 1)


CASES = {
    # name: (file name, bytes, expected outcome, text the error must contain)
    "empty": ("a.txt", b"", FAIL, "empty"),
    "whitespace": ("a.txt", b"  \n\t\n  ", FAIL, "empty"),
    "binary": ("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", FAIL, "binary"),
    "nul_bytes": ("a.txt", b"He said \x00 something.\x00", FAIL, "binary"),
    "invalid_utf8_latin1": ("a.txt", "Le maire a dit : « Nous réouvrirons le pont », a-t-il ajouté.".encode("latin-1"), OK, None),
    "cp1252_curly": ("a.txt", "“We will reopen the bridge in March,” said the mayor of the town.".encode("cp1252"), OK, None),
    "utf16_bom": ("a.txt", "“We will reopen it,” she said.".encode("utf-16"), OK, None),
    "utf8_bom": ("a.txt", "\ufeff“We will reopen it,” she said.".encode("utf-8"), OK, None),
    "bom_only": ("a.txt", b"\xef\xbb\xbf", FAIL, "empty"),
    "mixed_line_endings": ("a.txt", b'First line.\r\nSecond "quoted words here," he said.\rThird.\nFourth.', OK, None),
    "cr_only": ("a.txt", b'One.\r"Two three four five," she said.\rThree.', OK, None),
    "huge_file": ("a.txt", None, FAIL, "refused"),
    "one_megabyte_line": ("a.txt", ("word " * 200_000).encode(), OK, None),
    "unpaired_quotes": ("a.txt", 'He said "we will go. She said "no" and left.\n"Never.'.encode(), OK, None),
    "mismatched_quotes": ("a.txt", "“We will go,\" he said. «Non» ‘yes” said she.".encode(), OK, None),
    "nested_five_deep": ("a.txt", "“A ‘B “C ‘D “E” D’ C” B’ A,” he said.".encode(), OK, None),
    "control_chars": ("a.txt", 'He\x07 said\x1b[31m "bells and \x0b escapes here," loudly.\x7f'.encode(), OK, None),
    "right_to_left": ("a.txt", "قال المتحدث \"سنعيد فتح الجسر في مارس\" يوم الثلاثاء. שלום".encode(), OK, None),
    "emoji_and_zero_width": ("a.txt", "“We won 🎉\u200b today,” said the coach.\u200d".encode(), OK, None),
    "only_quote_marks": ("a.txt", b'"""" \'\' \xe2\x80\x9c\xe2\x80\x9d', OK, None),
    "only_punctuation": ("a.txt", b"... !!! ??? ,,, ;;;", OK, None),
    "long_word": ("a.txt", ("x" * 100_000 + ' "hello there my friend," he said.').encode(), OK, None),
    "tabs": ("a.txt", b'\t"We will reopen it,"\tshe\tsaid.\t', OK, None),
    "html_no_body": ("a.html", b"<html><head><script>var x=1;</script></head><body></body></html>", FAIL, "no article text"),
    "html_garbage": ("a.html", b"<<<>>> </p><div", FAIL, "no article text"),
    "json_not_article": ("a.json", b'{"title": "no text here"}', FAIL, '"text"'),
    "json_text_not_string": ("a.json", b'[{"text": 42}]', FAIL, '"text"'),
    "json_invalid": ("a.json", b'{"text": "unterminated', FAIL, "not valid JSON"),
    "jsonl_bad_line": ("a.jsonl", b'{"text": "Fine article text."}\n{oops\n', FAIL, "line 2"),
    "jsonl_empty_text": ("a.jsonl", b'{"text": ""}\n', FAIL, "empty"),
}


def run(tmp_path, name, data):
    p = tmp_path / name
    if data is None:
        with open(p, "wb") as f:
            f.seek(70 * 1024 * 1024)
            f.write(b"x")
    else:
        p.write_bytes(data)
    return CliRunner().invoke(cli.cli, ["analyze", str(p), "--format", "jsonl"]), p


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(split_cli, tmp_path, case):
    name, data, outcome, message = CASES[case]
    r, path = run(tmp_path, name, data)
    assert "Traceback" not in r.output
    if outcome == FAIL:
        assert r.exit_code == 1, r.output
        errors = [line for line in r.stderr.splitlines() if line.startswith("  ")]
        assert errors and message in errors[0] and str(path) in errors[0]
    else:
        assert r.exit_code == 0, r.output
        text = read_text(path)
        for line in r.stdout.splitlines():
            d = json.loads(line)
            for q in d["quotes"]:
                assert text[q["start"]:q["end"]] == q["text"]  # offsets into the text as read


def test_missing_path_and_empty_folder(split_cli, tmp_path):
    (tmp_path / "empty").mkdir()
    r = CliRunner().invoke(cli.cli, ["analyze", str(tmp_path / "nope.txt"), str(tmp_path / "empty")])
    assert r.exit_code == 1
    assert "no such file" in r.stderr and "no articles" in r.stderr
    assert "Traceback" not in r.output


def test_glob_matching_nothing(split_cli, tmp_path):
    r = CliRunner().invoke(cli.cli, ["analyze", str(tmp_path / "*.txt")])
    assert r.exit_code == 1 and "no file matches" in r.stderr


def test_directory_named_like_an_article(split_cli, tmp_path):
    (tmp_path / "d.txt").mkdir()
    (tmp_path / "d.txt" / "real.txt").write_text('"Yes, we will," she said.', encoding="utf-8")
    r = CliRunner().invoke(cli.cli, ["analyze", str(tmp_path / "d.txt")])
    assert r.exit_code == 0


def test_unreadable_file(split_cli, tmp_path, monkeypatch):
    p = tmp_path / "secret.txt"
    p.write_text("text", encoding="utf-8")
    p.chmod(0)
    if os.name != "posix" or os.geteuid() == 0:
        # root reads any file: make reading fail the way it does for everyone else
        from pathlib import Path

        real = Path.read_bytes
        monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "denied"))
                            if self.name == "secret.txt" else real(self))
    r = CliRunner().invoke(cli.cli, ["analyze", str(p)])
    assert r.exit_code == 1 and "permission denied" in r.stderr and "Traceback" not in r.output


def test_unknown_encoding_option(split_cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("text", encoding="utf-8")
    r = CliRunner().invoke(cli.cli, ["analyze", str(p), "--encoding", "klingon"])
    assert r.exit_code == 1 and "unknown encoding" in r.stderr


def test_empty_stdin(split_cli):
    r = CliRunner().invoke(cli.cli, ["analyze", "-"], input=b"")
    assert r.exit_code == 1 and "empty" in r.stderr


def test_batch_goes_on_and_lists_every_failure(split_cli, tmp_path):
    for name, data in [("1.txt", b'"One two three," he said.'), ("2.txt", b""), ("3.txt", b"\x00\x01"),
                       ("4.txt", b'"Four five six," she said.')]:
        (tmp_path / name).write_bytes(data)
    r = CliRunner().invoke(cli.cli, ["analyze", str(tmp_path)])
    assert r.exit_code == 1
    assert len(r.stdout.splitlines()) == 2
    assert "2 input(s) failed" in r.stderr and "2.txt" in r.stderr and "3.txt" in r.stderr
