"""Speed and memory of `quotetrace analyze` on a folder of articles.

    python benchmarks/bench_analyze.py ../shared/data/polnear/train/text [--limit 200] [--threads 2]

Loads the models once, analyses every article as `quotetrace analyze FOLDER
--format jsonl` does (batched, results serialised), and prints the model
load time, articles per second, words per second and the peak memory (RSS)
of the process. With --stages it also times each stanza processor alone on
the same text.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--threads", type=int, default=1, help="CPU threads for stanza (as the CLI: 1)")
    ap.add_argument("--models", default=None)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--stages", action="store_true", help="also time tokenize, tagging, parsing and NER alone")
    args = ap.parse_args(argv)

    from quotetrace.loading import iter_articles
    from quotetrace.nlp import StanzaBackend
    from quotetrace.pipeline import analyze_many
    from quotetrace.types import Article

    articles = [a for a in iter_articles([args.folder]) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    words = sum(len(a.text.split()) for a in articles)
    t0 = time.perf_counter()
    backend = StanzaBackend(args.models, threads=args.threads)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_quotes = 0
    failed = 0
    for r in analyze_many(articles, backend=backend, batch_size=args.batch_size):
        if isinstance(r, Exception):
            failed += 1
            continue
        n_quotes += len(r.quotes)
        json.dumps(r.to_dict())
    secs = time.perf_counter() - t0
    out = {
        "articles": len(articles), "words": words, "failed": failed, "quotes": n_quotes,
        "load_s": round(load_s, 2), "seconds": round(secs, 2),
        "articles_per_s": round(len(articles) / secs, 2), "words_per_s": round(words / secs),
        "peak_mb": round(peak_mb()),
    }
    if args.stages:
        out["stages_words_per_s"] = stage_speeds(backend, [a.text for a in articles], words)
    print(json.dumps(out, indent=2))
    return 0


def stage_speeds(backend, texts, words) -> dict:
    """Words per second of each stanza processor run alone on all the text."""
    from stanza.models.common.doc import Document

    from quotetrace.nlp import normalise

    t0 = time.perf_counter()
    docs = backend._tok([Document([], text=normalise(t)) for t in texts])
    tok_s = time.perf_counter() - t0
    sents = [[w.text for w in s.words] for d in docs for s in d.sentences]
    n = sum(len(s) for s in sents)
    res = {"tokenize": round(words / tok_s)}
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
