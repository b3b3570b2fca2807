"""Speed and memory of `quotetrace analyze` on a folder of articles.

    python benchmarks/bench_analyze.py ../shared/data/polnear/train/text [--limit 200] [--jobs 0] [--stages]

Analyses every article as `quotetrace analyze FOLDER --format jsonl` does
(worker processes as --jobs says, one CPU thread each; batched; results
serialised) and prints the articles and words per second, the model load
time, and the peak memory: of this process alone with one job, else of
this process and its workers together (their resident sets summed, sampled
every 0.1 s). Words are counted by whitespace. With --stages (one job only)
it also times each stanza processor alone on the same text.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TreeMemory:
    """Peak resident memory of this process and its children (Linux /proc), sampled in a thread."""

    def __init__(self, every: float = 0.1):
        self.every, self.peak, self._stop = every, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _rss_mb(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    @staticmethod
    def _children(pid: int) -> list[int]:
        kids = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    kids += [int(x) for x in f.read().split()]
        except OSError:
            pass
        return kids

    def sample(self) -> float:
        todo, total = [os.getpid()], 0.0
        while todo:
            pid = todo.pop()
            total += self._rss_mb(pid)
            todo += self._children(pid)
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--jobs", type=int, default=0, help="worker processes, as the CLI's --jobs (0: one per CPU, at most 4)")
    ap.add_argument("--threads", type=int, default=None,
                    help="CPU threads for stanza in each process (as the CLI: 1 with several workers, else up to 4)")
    ap.add_argument("--models", default=None)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--stages", action="store_true", help="also time tokenize, tagging, parsing and NER alone (one job)")
    args = ap.parse_args(argv)

    from quotetrace.loading import iter_articles
    from quotetrace.models import resolve
    from quotetrace.pipeline import BackendSpec, analyze_many, default_jobs, default_threads
    from quotetrace.types import Article

    articles = [a for a in iter_articles([args.folder]) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    words = sum(len(a.text.split()) for a in articles)
    jobs = default_jobs(len(articles)) if args.jobs == 0 else args.jobs
    args.threads = args.threads or default_threads(jobs)
    n_quotes = failed = 0
    with TreeMemory() as memory:
        t0 = time.perf_counter()
        if jobs == 1:
            backend = BackendSpec(resolve(args.models), args.threads).build()
        else:
            backend = BackendSpec(resolve(args.models), args.threads)  # each worker loads it
        load_s = time.perf_counter() - t0
        for r in analyze_many(articles, backend=backend, batch_size=args.batch_size, jobs=jobs, total=len(articles)):
            if isinstance(r, Exception):
                failed += 1
                continue
            n_quotes += len(r.quotes)
            json.dumps(r.to_dict())
        secs = time.perf_counter() - t0
    out = {
        "articles": len(articles), "words": words, "failed": failed, "quotes": n_quotes,
        "jobs": jobs, "threads_per_job": args.threads, "cpus": os.cpu_count(),
        "load_s": round(load_s, 2) if jobs == 1 else "in the workers, within seconds",
        "seconds": round(secs, 2),
        "articles_per_s": round(len(articles) / secs, 2), "words_per_s": round(words / secs),
        "peak_mb": round(peak_mb()) if jobs == 1 else round(memory.peak),
        "peak_mb_measured_as": "this process's peak RSS" if jobs == 1 else "peak of the summed RSS of this process and its workers",
    }
    if args.stages and jobs == 1:
        out["stages_words_per_s"] = stage_speeds(backend, [a.text for a in articles], words)
    print(json.dumps(out, indent=2))
    return 0


def stage_speeds(backend, texts, words) -> dict:
    """Words per second of each stanza processor run alone on all the text."""
    from stanza.models.common.doc import Document

    from quotetrace.nlp import normalise

    t0 = time.perf_counter()
    if backend._tok is None:  # the rules' sentences and words (the default tokenizer)
        from quotetrace import tokens

        sents = [[p[a:b] for a, b in sent] for t in texts for p in normalise(t).split("\n") if p.strip()
                 for sent in tokens.sentences(p)]
    else:
        docs = backend._tok([Document([], text=normalise(t)) for t in texts])
        sents = [[w.text for w in s.words] for d in docs for s in d.sentences]
    tok_s = time.perf_counter() - t0
    n = sum(len(s) for s in sents)
    res = {"tokenize": round(words / tok_s), "note": "each processor on every sentence; analyze parses only some"}
    import stanza

    for proc in ("pos", "lemma", "depparse", "ner"):
        procs = {"pos": "tokenize,pos", "lemma": "tokenize,pos,lemma", "depparse": "tokenize,pos,lemma,depparse", "ner": "tokenize,ner"}[proc]
        pipe = backend._pipeline(stanza, tuple(procs.split(",")), tokenize_pretokenized=True)
        t0 = time.perf_counter()
        pipe(sents)
        res[f"tokenize..{proc}" if proc != "ner" else "ner"] = round(n / (time.perf_counter() - t0))
    return res


if __name__ == "__main__":
    sys.exit(main())
