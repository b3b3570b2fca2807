"""The command line: a thin layer over the library.

Every command parses its arguments, calls the library and turns the
library's errors into one-line messages (exit 1); bad arguments exit 2.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import InputError, QuotetraceError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
FORMATS = ("text", "json", "jsonl", "md")


def _use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def models_option(f):
    return click.option(
        "--models", "models", metavar="bundled|official|PATH", default=None,
        help="Which stanza models to use: the ones shipped with quotetrace (bundled), stanza's official ones "
             "(official, after `quotetrace models install`), or a folder. Default: $QUOTETRACE_MODELS, "
             "else official when installed, else bundled.",
    )(f)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="quotetrace")
def cli():
    """Trace who said what in news articles: quotes, reported speech and their sources."""


def _fail(e: Exception) -> click.ClickException:
    return click.ClickException(str(e))


def _load_backend(models: str | None, threads: int | None):
    from .nlp import StanzaBackend

    return StanzaBackend(models, threads=threads)


def _done_paths(path: str) -> set[str]:
    """Paths already in a JSON Lines output; drop a half-written last line."""
    done: set[str] = set()
    if not os.path.exists(path):
        return done
    with open(path, "rb+") as f:
        data = f.read()
        keep = data.rfind(b"\n") + 1 if not data.endswith(b"\n") else len(data)
        if keep != len(data):
            f.truncate(keep)
        for line in data[:keep].splitlines():
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict) and obj.get("path"):
                done.add(obj["path"])
    return done


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format: text (the default for one article), json, jsonl (the default for several), md.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of stdout (written whole, or line by line for jsonl).")
@click.option("--resume", is_flag=True, help="With -o FILE.jsonl: skip articles already in FILE and append the rest.")
@click.option("--graphml", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the source graph of all the articles to this GraphML file.")
@click.option("--encoding", default=None, help="Force the text encoding of input files (default: detect).")
@click.option("--batch-size", default=16, show_default=True, help="Articles sent to stanza together.")
@click.option("--threads", type=int, default=None, help="CPU threads for stanza (default: torch's choice).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
@models_option
def analyze(paths, fmt, output, resume, graphml, encoding, batch_size, threads, progress, models):
    """Find every quote and reported claim in ARTICLES, attribute it, and list the sources.

    PATHS are files (.txt, .html, .jsonl corpora, .json arrays), folders
    (searched recursively), globs, or - for stdin.

    \b
    Examples:
      quotetrace analyze corpus/albu-kamal-2017.txt
      quotetrace analyze article.txt --format json
      quotetrace analyze corpus/ --format jsonl -o results.jsonl --resume
      cat article.txt | quotetrace analyze -
    """
    from . import export
    from .loading import expand, iter_articles
    from .pipeline import analyze_many

    if resume and not (output and (fmt in (None, "jsonl"))):
        raise click.UsageError("--resume needs -o FILE with the jsonl format")
    targets = list(expand(paths))
    n_inputs = sum(1 for t in targets if not isinstance(t, InputError))
    many = len(targets) > 1 or any(
        isinstance(t, Path) and t.suffix.lower() in (".jsonl", ".json") for t in targets
    ) or any(Path(p).is_dir() for p in paths if p != "-")
    fmt = fmt or ("jsonl" if many else "text")
    failures: list[str] = []
    try:
        backend = _load_backend(models, threads)
    except QuotetraceError as e:
        raise _fail(e)

    done = _done_paths(output) if resume and output else set()
    articles = iter_articles(paths, encoding=encoding)

    def good_articles():
        for a in articles:
            if isinstance(a, InputError):
                failures.append(str(a))
                continue
            if done and (a.path or a.id) in done:
                continue
            yield a

    show = progress if progress is not None else (sys.stderr.isatty() and n_inputs > 1)
    results_for_graph = [] if graphml else None
    writer = export.WRITERS[fmt]
    started = time.perf_counter()
    count = 0

    def results():
        nonlocal count
        with click.progressbar(length=max(n_inputs, 1), file=sys.stderr, label="analysing",
                               show_pos=True, hidden=not show) as bar:
            for r in analyze_many(good_articles(), backend=backend, batch_size=batch_size):
                if isinstance(r, QuotetraceError):
                    failures.append(str(r))
                else:
                    count += 1
                    if results_for_graph is not None:
                        results_for_graph.append(r)
                    yield r
                bar.update(1)

    try:
        if fmt == "jsonl":
            if output:
                with open(output, "a" if resume else "w", encoding="utf-8") as out:
                    writer(results(), out)
            else:
                writer(results(), sys.stdout)
        elif output:
            collected = list(results())
            with export.atomic_open(output) as out:
                writer(collected, out, many=many, color=False)
        else:
            writer(results(), sys.stdout, many=many, color=_use_color(sys.stdout))
    except QuotetraceError as e:
        raise _fail(e)
    except KeyboardInterrupt:
        click.echo(f"interrupted after {count} articles; rerun with --resume to go on", err=True)
        sys.exit(130)
    if graphml and results_for_graph is not None:
        from .graph import corpus_graph, write_graph

        write_graph(corpus_graph(results_for_graph), graphml)
    if show:
        elapsed = time.perf_counter() - started
        click.echo(f"{count} articles in {elapsed:.1f}s", err=True)
    if failures:
        click.echo(f"{len(failures)} input(s) failed:", err=True)
        for f in failures:
            click.echo(f"  {f}", err=True)
        sys.exit(1)


@cli.command()
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("-v", "--verbose", is_flag=True, help="List every miss, spurious quote and wrong speaker.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--threads", type=int, default=None, help="CPU threads for stanza.")
@models_option
def evaluate(gold, verbose, as_json, threads, models):
    """Score quotetrace on your own annotated articles (GOLD.jsonl, the gold format).

    \b
    Example:
      quotetrace evaluate my-annotations.jsonl -v
    """
    from .evaluate import Scores, load_gold, score_article
    from .pipeline import analyze_many
    from .types import Article

    try:
        arts = load_gold(gold)
        backend = _load_backend(models, threads)
        scores = Scores()
        texts = [Article(text=a["text"], id=str(a.get("id", i))) for i, a in enumerate(arts)]
        for art, r in zip(arts, analyze_many(texts, backend=backend)):
            pred = r.to_dict() if not isinstance(r, QuotetraceError) else {"quotes": [], "sources": []}
            score_article(art, pred, scores)
    except QuotetraceError as e:
        raise _fail(e)
    d = scores.to_dict()
    d["articles"] = len(arts)
    if as_json:
        click.echo(json.dumps(d, indent=2))
    else:
        for key in ("detection", "end_to_end"):
            v = d[key]
            click.echo(f"{key:<14} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}  ({v['tp']}/{v['pred']} predicted, {v['gold']} gold)")
        click.echo(f"{'attribution':<14} {d['attribution_accuracy']:.3f} of matched quotes")
        click.echo("recall by type " + ", ".join(f"{t} {r:.3f}" for t, r in d["recall_by_type"].items() if r is not None))
    if verbose:
        for art_id, what, content in scores.misses:
            click.echo(f"  [{art_id}] {what}: {content!r}")


@cli.group(invoke_without_command=True)
@models_option
@click.pass_context
def models(ctx, models):
    """List the stanza models in use: where they are, their size and measured accuracy."""
    if ctx.invoked_subcommand is not None:
        return
    from .models import describe, resolve

    try:
        ms = resolve(models)
    except QuotetraceError as e:
        raise _fail(e)
    click.echo(f"models: {ms.origin}")
    total = 0.0
    for row in describe(ms):
        size = row["size_mb"] or 0
        total += size
        scores = row.get("dev_scores")
        sc = ", ".join(f"{k} {v}" for k, v in scores.items()) if isinstance(scores, dict) else (scores or "")
        click.echo(f"  {row['processor']:<9} {size:7.2f} MB  {row['path']}" + (f"\n            dev: {sc}" if sc else ""))
    click.echo(f"  total     {total:7.2f} MB")


@models.command("install")
def models_install():
    """Download stanza's official English models (needs a network)."""
    from .models import install_official

    try:
        d = install_official()
    except Exception as e:  # noqa: BLE001 - network errors come in many types
        raise click.ClickException(f"download failed ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}); "
                                   "the bundled models still work: --models bundled")
    click.echo(f"installed stanza's official English models in {d}; quotetrace now uses them (--models bundled to switch back)")


@models.command("train", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def models_train(args):
    """Train the bundled models from public treebanks (see scripts/train_models.py --help)."""
    from .training import main

    sys.exit(main(list(args)))


def main():  # pragma: no cover
    cli()
