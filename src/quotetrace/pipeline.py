"""Run the stages in order: parse, find quotes, attribute, resolve sources.

``analyze(text)`` does one article; ``analyze_many(articles)`` streams many,
sending them to the language backend in batches so that stanza sees many
sentences per call, and yields one result (or one error) per article. With
``jobs`` above one, batches go to that many worker processes, each with its
own models and one CPU thread, and the results still come back in input
order.
"""
from __future__ import annotations

import math
import os
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

from .attribution import Claim, attribute
from .errors import AnalysisError, InputError, QuotetraceError
from .layout import analyse_layout
from .stance import may_hold_claim
from .quotes import find_quoted_spans
from .sources import Cluster, SourceResolver, background_mentions, mention_span, speaker_phrase
from .types import Article, NlpBackend, ParsedDoc, Quote, Source, Span, Warning_

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class ArticleResult:
    """What quotetrace found in one article."""

    article: Article
    quotes: tuple[Quote, ...]
    sources: tuple[Source, ...]
    warnings: tuple[Warning_, ...] = ()
    paragraphs: tuple[tuple[int, int], ...] = ()
    debris: tuple[tuple[int, int], ...] = field(default=())

    @property
    def text(self) -> str:
        return self.article.text

    def source(self, source_id: str | None) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    @property
    def graph(self):
        """This article's source graph (networkx)."""
        from .graph import article_graph

        return article_graph(self)

    def to_dict(self) -> dict:
        d: dict = {"id": self.article.id}
        if self.article.path is not None:
            d["path"] = self.article.path
        if self.article.meta:
            d["meta"] = dict(self.article.meta)
        d["quotes"] = [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "type": q.type,
                "speaker": q.speaker,
                "speaker_mention": q.speaker_mention.to_dict() if q.speaker_mention else None,
                "cue": q.cue.to_dict() if q.cue else None,
                "addressee": q.addressee,
                "channel": q.channel.to_dict() if q.channel else None,
                "sentence": q.sentence,
                "paragraph": q.paragraph,
                "rule": q.rule,
                "confidence": q.confidence,
            }
            for q in self.quotes
        ]
        d["sources"] = [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "aliases": list(s.aliases),
                "affiliation": s.affiliation,
                "title": s.title,
                "mentions": [m.to_dict() for m in s.mentions],
                "claims": sum(1 for q in self.quotes if q.speaker == s.id),
            }
            for s in self.sources
        ]
        if self.article.meta and self.article.meta.get("extracted_from"):
            d["text"] = self.article.text  # offsets point into this extracted text
        d["warnings"] = [w.to_dict() for w in self.warnings]
        d["schema_version"] = SCHEMA_VERSION
        return d


def run_article(article: Article, doc: ParsedDoc) -> ArticleResult:
    """Find and attribute every quote in one parsed article."""
    text = article.text
    spans, warnings = find_quoted_spans(text, list(doc.paragraphs))
    if not doc.sentences:
        return ArticleResult(article, (), (), tuple(warnings), doc.paragraphs)
    claims = attribute(doc, spans)
    resolver = SourceResolver(doc)
    cluster_of: dict[int, Cluster] = {}
    mention_of: dict[int, Span] = {}
    addressee_of: dict[int, Cluster] = {}
    # names seen in passing, fed to the resolver in text order with the speakers
    seen = background_mentions(doc, [(sp.open_mark, sp.outer_end) for sp in spans])
    k = 0
    resolved: dict[tuple[int, int], Cluster | None] = {}
    for c in claims:
        at = _speaker_offset(doc, c)
        while k < len(seen) and seen[k].start < at:
            resolver.observe(seen[k])
            k += 1
        if c.speaker is not None:
            key = (c.speaker.sentence, c.speaker.word)
            m = resolver.mention(c.speaker)
            # '"A," she said, "B."': one mention, resolved once, speaks both quotes; "X, who said": as X
            cl = resolved[key] if key in resolved else resolver.resolve(
                resolver.mention(c.speaker.antecedent) if c.speaker.antecedent else m)
            resolved[key] = cl
            avoid = [(c.start, c.end)] + ([(c.cue.start, c.cue.end)] if c.cue is not None else [])
            mention_of[id(c)] = speaker_phrase(doc, m, c.speaker.sentence, avoid) if m.form != "pronoun" else mention_span(m)
            if cl is not None:
                cluster_of[id(c)] = cl
        elif c.inherit_from is not None and id(c.inherit_from) in cluster_of:
            # the same speaker as an earlier claim: named where that one was
            cluster_of[id(c)] = cluster_of[id(c.inherit_from)]
            if id(c.inherit_from) in mention_of:
                mention_of[id(c)] = mention_of[id(c.inherit_from)]
        if c.cue is not None and c.cue.addressee is not None:
            am = resolver.mention(c.cue.addressee)
            if am.form != "pronoun":
                if am.form == "role":
                    am.form = "anonymous"
                    am.name = am.alias
                ac = resolver.resolve(am, speaker=False)
                if ac is not None:
                    addressee_of[id(c)] = ac
    used: dict[str, Cluster] = {}
    for cl in list(cluster_of.values()) + list(addressee_of.values()):
        used[cl.id] = cl
    for cl in list(used.values()):
        a = cl.affiliation
        while a is not None and a.id not in used:
            used[a.id] = a
            a = a.affiliation
    # number sources in order of first mention
    ordered = sorted(used.values(), key=lambda c: min(m.start for m in c.mentions))
    new_id = {c.id: f"S{i + 1}" for i, c in enumerate(ordered)}
    sources = []
    for c in ordered:
        aliases = []
        for n in [c.name] + c.names:
            if n and n not in aliases:
                aliases.append(n)
        aff = c.affiliation
        sources.append(Source(
            id=new_id[c.id], name=c.name, kind=resolver.kind(c), aliases=tuple(aliases),
            affiliation=new_id.get(aff.id) if aff is not None and aff is not c else None,
            title=c.title or None,
            mentions=tuple(mention_span(m) for m in sorted(c.mentions, key=lambda m: m.start)),
        ))
    quotes = []
    for c in claims:
        cl = cluster_of.get(id(c))
        ac = addressee_of.get(id(c))
        cue = c.cue
        quotes.append(Quote(
            start=c.start, end=c.end, text=text[c.start:c.end], type=c.type,
            speaker=new_id.get(cl.id) if cl is not None else None,
            speaker_mention=mention_of.get(id(c)),
            cue=Span(cue.start, cue.end, text[cue.start:cue.end]) if cue is not None else None,
            addressee=new_id.get(ac.id) if ac is not None else None,
            channel=Span(cue.channel[0], cue.channel[1], text[cue.channel[0]:cue.channel[1]]) if cue and cue.channel else None,
            sentence=c.sentence, paragraph=c.paragraph,
            rule=c.rule if cl is not None else (c.rule or "none"), confidence=c.confidence,
        ))
    return ArticleResult(article, tuple(quotes), tuple(sources), tuple(warnings), doc.paragraphs,
                         doc.debris if doc.debris is not None else analyse_layout(text).debris)


def _speaker_offset(doc: ParsedDoc, c: Claim) -> int:
    """Where the claim's speaker mention starts (names before it are 'seen' first)."""
    if c.speaker is not None:
        return doc.sentences[c.speaker.sentence].words[c.speaker.word - 1].start
    return c.start


@lru_cache(maxsize=4)
def default_backend(models: str | None = None):
    """The stanza backend, built once per model choice."""
    from .nlp import StanzaBackend

    return StanzaBackend(models)


def _as_article(x: Article | str) -> Article:
    return x if isinstance(x, Article) else Article(text=x)


def check_text(article: Article) -> None:
    """Raise InputError for text that cannot be an article."""
    t = article.text
    if not t.strip():
        raise InputError("the article is empty", article.path)
    if "\x00" in t:
        raise InputError("the file holds NUL bytes: is it a binary file?", article.path)


def analyze(text: str | Article, *, backend: NlpBackend | None = None, models: str | None = None) -> ArticleResult:
    """Analyse one article: its quotes, reported claims and their sources."""
    result = next(analyze_many([_as_article(text)], backend=backend, models=models))
    if isinstance(result, QuotetraceError):
        raise result
    return result


def analyze_many(
    articles: Iterable[Article | str],
    *,
    backend: NlpBackend | None = None,
    models: str | None = None,
    batch_size: int = 16,
    jobs: int = 1,
    total: int | None = None,
) -> Iterator[ArticleResult | QuotetraceError]:
    """Analyse many articles, batching the language analysis.

    Yields, in input order, an ArticleResult per article, or the
    QuotetraceError that stopped that article (the others go on).

    ``jobs`` worker processes share the work when above one (see
    ``default_jobs``); each loads the models itself, so memory grows by
    about 650 MB a worker. A ``backend`` given with several jobs is sent to
    the workers (a StanzaBackend travels as its model choice). ``total``,
    the number of articles when known, lets a small corpus be split evenly
    across the workers.
    """
    if total is not None and jobs > 1:
        jobs = max(1, min(jobs, total))
        # about four batches a worker, so that none waits long for the last one; never under four articles
        batch_size = max(1, min(batch_size, max(4, math.ceil(total / (4 * jobs)))))
    if jobs > 1:
        yield from _analyze_parallel(articles, backend, models, batch_size, jobs)
        return
    backend = backend or default_backend(models)
    if isinstance(backend, BackendSpec):
        backend = backend.build()
    for batch in _batches(articles, batch_size):
        yield from _run_batch(batch, backend)


def default_jobs(n_articles: int | None = None) -> int:
    """Worker processes for a corpus: one per CPU this process may use, at most four, never more than articles."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    jobs = max(1, min(cpus, 4))
    return jobs if n_articles is None else max(1, min(jobs, n_articles))


def default_threads(jobs: int) -> int:
    """CPU threads for stanza in each process: one with several workers, else what ``default_jobs`` would use
    for workers (a process alone gives its tagger, parser and NER those CPUs: about a fifth faster on two)."""
    return 1 if jobs > 1 else default_jobs()


def _batches(articles: Iterable[Article | str], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in articles:
        batch.append(_as_article(a))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True)
class BackendSpec:
    """What a worker process needs to build its own stanza backend."""

    models: object = None  # a ModelSet, "bundled", "official", a folder, or None
    threads: int = 1
    tokenizer: str | None = None  # None: QUOTETRACE_TOKENIZER, else the rules

    @classmethod
    def checked(cls, models: object = None, threads: int = 1) -> "BackendSpec":
        """A spec whose models exist and whose tokenizer is known: checked here, not in each worker."""
        from .models import resolve
        from .nlp import choose_tokenizer

        return cls(resolve(models), threads, choose_tokenizer())

    def build(self) -> NlpBackend:
        from .nlp import StanzaBackend

        return StanzaBackend(self.models, threads=self.threads, tokenizer=self.tokenizer)


_worker_backend: NlpBackend | QuotetraceError | None = None


def _worker_init(spec: BackendSpec | NlpBackend) -> None:
    import signal

    global _worker_backend
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threads = str(spec.threads if isinstance(spec, BackendSpec) else 1)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(var, threads)  # before torch and numpy load: no pool of idle threads per worker
    try:
        _worker_backend = spec.build() if isinstance(spec, BackendSpec) else spec
    except QuotetraceError as e:
        _worker_backend = e  # reported with the first batch


def _worker_run(batch: list[Article]) -> list[ArticleResult | QuotetraceError]:
    if isinstance(_worker_backend, QuotetraceError):
        raise _worker_backend
    return list(_run_batch(batch, _worker_backend))


def _analyze_parallel(articles, backend, models, batch_size, jobs) -> Iterator[ArticleResult | QuotetraceError]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .nlp import StanzaBackend  # stanza itself stays unloaded in this process

    if backend is None:
        spec = BackendSpec.checked(models)  # fails here, before any worker starts
    elif isinstance(backend, StanzaBackend):
        spec = BackendSpec(backend.models, tokenizer=backend.tokenizer)
    else:
        spec = backend  # a BackendSpec, or a backend that pickles (stored parses)
    # "spawn": a fresh interpreter per worker, safe whatever threads the parent (torch, a test runner) started
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_worker_init, initargs=(spec,))
    pending: deque = deque()
    try:
        for batch in _batches(articles, batch_size):
            pending.append(pool.submit(_worker_run, batch))
            while len(pending) > 2 * jobs:  # a few batches ahead, not the whole corpus in memory
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool:
        raise AnalysisError("a worker process died (out of memory?); rerun with fewer --jobs") from None
    finally:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _run_batch(batch: Sequence[Article], backend: NlpBackend) -> Iterator[ArticleResult | QuotetraceError]:
    ok, out = [], {}
    for i, a in enumerate(batch):
        try:
            check_text(a)
            ok.append(i)
        except QuotetraceError as e:
            out[i] = e
    if ok:
        docs = backend.parse_many([batch[i].text for i in ok], select=may_hold_claim)
        for i, doc in zip(ok, docs):
            try:
                out[i] = run_article(batch[i], doc)
            except Exception as e:  # a bug must not cost the rest of the corpus
                where = batch[i].path or batch[i].id or "article"
                out[i] = AnalysisError(f"{where}: internal error ({type(e).__name__}: {e}); please report it")
    for i in range(len(batch)):
        yield out[i]
