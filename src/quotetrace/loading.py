"""Read articles: files, folders, JSON Lines corpora and stdin, in any common encoding.

``iter_articles`` yields an Article per input, or the InputError that says
why one could not be read, so a batch goes on past a bad file.
"""
from __future__ import annotations

import glob
import json
import os
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .errors import InputError
from .types import Article

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
CORPUS_SUFFIXES = (".jsonl", ".json")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + CORPUS_SUFFIXES
MAX_BYTES = 32 * 1024 * 1024  # larger files are almost surely not one article
META_KEYS = ("title", "url", "date", "outlet", "author")


def decode(data: bytes, *, encoding: str | None = None, path: str | None = None) -> str:
    """Bytes to text: the given encoding, else UTF-8 (BOM or not), else a detected one."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; pass a Python codec name such as utf-8 or cp1252", path) from None
        except UnicodeDecodeError as e:
            raise InputError(f"cannot decode as {encoding} at byte {e.start}; try another --encoding", path) from None
    if not data:
        return ""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("looks like a binary file (NUL bytes), not an article; pass a text, HTML or JSONL file", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is None:
        raise InputError("cannot tell the text encoding; pass --encoding (e.g. --encoding cp1252)", path)
    text = str(best)
    if best.encoding in ("latin_1", "iso8859_1") and any(0x80 <= b <= 0x9F for b in data):
        text = data.decode("cp1252", errors="replace")  # curly quotes from Windows
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", str(path)) from None
    if size > MAX_BYTES:
        raise InputError(f"file is {size / 1e6:.0f} MB; articles over {MAX_BYTES // 2**20} MB are refused", str(path))
    try:
        return path.read_bytes()
    except PermissionError:
        raise InputError("permission denied; check the file's permissions", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory", str(path)) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", str(path)) from None


def _text_article(text: str, path: str, ident: str) -> Article:
    return Article(text=text, id=ident, path=path)


def read_corpus_lines(lines: Iterable[str], path: str) -> Iterator[Article | InputError]:
    """Articles of a JSON Lines corpus, one per line (``text`` plus optional metadata)."""
    stem = Path(path).stem
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            yield InputError(f"line {n} is not valid JSON ({e.msg})", path)
            continue
        yield _corpus_object(obj, path, f"{stem}:{n}", n)


def _corpus_object(obj, path: str, default_id: str, n: int) -> Article | InputError:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return InputError(f"record {n} has no \"text\" string", path)
    meta = {k: obj[k] for k in META_KEYS if k in obj and obj[k] is not None}
    ident = str(obj.get("id", default_id))
    return Article(text=obj["text"], id=ident, path=f"{path}#{ident}", meta=meta)


def read_path(path: Path, *, encoding: str | None = None) -> Iterator[Article | InputError]:
    """The article(s) in one file."""
    sp = str(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        try:
            with open(path, encoding=encoding or "utf-8-sig", errors="strict") as f:
                yield from read_corpus_lines(f, sp)
        except FileNotFoundError:
            yield InputError("no such file", sp)
        except PermissionError:
            yield InputError("permission denied; check the file's permissions", sp)
        except UnicodeDecodeError as e:
            yield InputError(f"not UTF-8 at byte {e.start}; pass --encoding", sp)
        return
    try:
        data = _read_bytes(path)
        text = decode(data, encoding=encoding, path=sp)
    except InputError as e:
        yield e
        return
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except ValueError as e:
            yield InputError(f"not valid JSON ({e.msg} at line {e.lineno})", sp)
            return
        items = obj if isinstance(obj, list) else [obj]
        for n, item in enumerate(items, 1):
            yield _corpus_object(item, sp, f"{path.stem}:{n}", n)
        return
    if suffix in HTML_SUFFIXES:
        from .html import extract_article

        try:
            yield extract_article(text, sp, path.stem)
        except InputError as e:
            yield e
        return
    yield _text_article(text, sp, path.stem)


def expand(paths: Iterable[str]) -> Iterator[Path | str | InputError]:
    """Files named by ``paths``: folders recursively, globs expanded, '-' kept for stdin."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(
                f for f in path.rglob("*")
                if f.suffix.lower() in ARTICLE_SUFFIXES and not any(part.startswith(".") for part in f.relative_to(path).parts) and f.is_file()
            )
            if not files:
                yield InputError(f"no articles (.txt, .html, .jsonl, .json) in this folder", p)
            yield from files
        elif path.exists():
            yield path
        elif glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield InputError("no file matches this pattern", p)
            yield from expand(matches)
        else:
            yield InputError("no such file or folder", p)


def iter_articles(paths: Iterable[str], *, encoding: str | None = None, stdin: BinaryIO | None = None) -> Iterator[Article | InputError]:
    """Every article under ``paths``, in order; unreadable inputs come as InputError."""
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
        elif item == "-":
            data = (stdin or sys.stdin.buffer).read()
            try:
                yield Article(text=decode(data, encoding=encoding, path="<stdin>"), id="stdin", path="-")
            except InputError as e:
                yield e
        else:
            yield from read_path(item, encoding=encoding)


def read_text(path: str | os.PathLike, *, encoding: str | None = None) -> str:
    """The text of one article file, decoded as ``iter_articles`` would."""
    return decode(_read_bytes(Path(path)), encoding=encoding, path=str(path))
