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


def _load_backend(models: str | None, threads: int | None, jobs: int = 1):
    """The stanza backend, loaded here for one process; for several, what each worker loads."""
    from .stance import default_model

    from .pipeline import BackendSpec, default_threads

    default_model()  # a stance model named by the environment that cannot be read fails here, once
    threads = threads or default_threads(jobs)
    if jobs > 1:
        return BackendSpec.checked(models, threads)
    from .nlp import StanzaBackend

    return StanzaBackend(models, threads=threads)


def jobs_option(f):
    return click.option(
        "-j", "--jobs", type=click.IntRange(0), default=0, show_default=True, envvar="QUOTETRACE_JOBS",
        help="Worker processes, each with its own models (about 650 MB each); 0: one per CPU, at most 4 "
             "(one for a single article). Default: $QUOTETRACE_JOBS, else 0.",
    )(f)


def _jobs(jobs: int, n_articles: int | None) -> int:
    from .pipeline import default_jobs

    return default_jobs(n_articles) if jobs == 0 else max(1, min(jobs, n_articles if n_articles is not None else jobs))


def _count_articles(target) -> int:
    """How many articles a target holds, for the progress bar and the workers (a JSON Lines file: its lines)."""
    if isinstance(target, Path) and target.suffix.lower() == ".jsonl":
        try:
            with open(target, "rb") as f:
                return sum(1 for line in f if line.strip())
        except OSError:
            return 1
    if isinstance(target, Path) and target.suffix.lower() == ".json":
        try:
            with open(target, "rb") as f:
                data = json.load(f)
            return len(data) if isinstance(data, list) and data else 1
        except (OSError, ValueError):
            return 1
    return 1


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
@click.option("--threads", type=click.IntRange(1), default=None,
              help="CPU threads for stanza in each process [default: 1 with several worker processes, else every CPU "
                   "this process may use, at most 4].")
@jobs_option
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
@models_option
def analyze(paths, fmt, output, resume, graphml, encoding, batch_size, threads, jobs, progress, models):
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
    n_inputs = sum(_count_articles(t) for t in targets if not isinstance(t, InputError))
    many = len(targets) > 1 or any(
        isinstance(t, Path) and t.suffix.lower() in (".jsonl", ".json") for t in targets
    ) or any(Path(p).is_dir() for p in paths if p != "-")
    fmt = fmt or ("jsonl" if many else "text")
    failures: list[str] = []
    jobs = _jobs(jobs, n_inputs)
    try:
        backend = _load_backend(models, threads, jobs)
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
            for r in analyze_many(good_articles(), backend=backend, batch_size=batch_size, jobs=jobs, total=n_inputs):
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
    _report_failures(failures)


def input_options(f):
    for opt in reversed([
        click.option("--encoding", default=None, help="Force the text encoding of input files (default: detect)."),
        click.option("--threads", type=click.IntRange(1), default=None,
                     help="CPU threads for stanza in each process [default: 1 with several workers, else up to 4]."),
        jobs_option,
        models_option,
    ]):
        f = opt(f)
    return f


def _results(paths, encoding, models, threads, failures, jobs=1):
    """Analyse every article under ``paths``; failures are collected, not raised."""
    from .loading import expand, iter_articles
    from .pipeline import analyze_many

    n = sum(_count_articles(t) for t in expand(paths) if not isinstance(t, InputError))
    jobs = _jobs(jobs, n)
    try:
        backend = _load_backend(models, threads, jobs)
    except QuotetraceError as e:
        raise _fail(e)

    def good():
        for a in iter_articles(paths, encoding=encoding):
            if isinstance(a, InputError):
                failures.append(str(a))
            else:
                yield a

    try:
        for r in analyze_many(good(), backend=backend, jobs=jobs, total=n):
            if isinstance(r, QuotetraceError):
                failures.append(str(r))
            else:
                yield r
    except QuotetraceError as e:
        raise _fail(e)


def _report_failures(failures) -> None:
    if failures:
        click.echo(f"{len(failures)} input(s) failed:", err=True)
        for f in failures:
            click.echo(f"  {f}", err=True)
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="sources.graphml", show_default=True,
              help="The graph file; its extension picks the format unless --format does.")
@click.option("-f", "--format", "fmt", type=click.Choice(("graphml", "gexf", "json")), default=None,
              help="graphml (Gephi, igraph, Cytoscape), gexf, or json (networkx node-link).")
@input_options
def graph(paths, output, fmt, encoding, threads, jobs, models):
    """Build the source graph of ARTICLES: claims, sources, affiliations and channels.

    \b
    Examples:
      quotetrace graph corpus/ -o sources.graphml
      quotetrace graph a.txt b.txt -o sources.gexf
    """
    from .graph import corpus_graph, write_graph

    failures: list[str] = []
    results = list(_results(paths, encoding, models, threads, failures, jobs))
    if results:
        g = corpus_graph(results)
        try:
            write_graph(g, output, fmt)
        except OSError as e:
            raise click.ClickException(f"cannot write {output}: {e.strerror or e}")
        n_src = sum(1 for _, d in g.nodes(data=True) if d.get("type") == "source")
        n_claims = sum(1 for _, d in g.nodes(data=True) if d.get("type") == "claim")
        click.echo(f"wrote {output}: {len(results)} articles, {n_claims} claims, {n_src} sources, "
                   f"{g.number_of_edges()} edges", err=True)
    _report_failures(failures)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@input_options
def profile(paths, as_json, encoding, threads, jobs, models):
    """The sourcing profile of ARTICLES: who the claims rest on.

    Claims per source, the share on the top source, named against anonymous
    sources, kinds of source, claims with no source, and each claim's chain
    (claim <- speaker <- affiliation, via channel). Several articles give a
    corpus profile.

    \b
    Example:
      quotetrace profile corpus/albu-kamal-2017.txt
    """
    from .profile import article_profile, corpus_profile, format_profile

    failures: list[str] = []
    results = list(_results(paths, encoding, models, threads, failures, jobs))
    if results:
        p = article_profile(results[0]) if len(results) == 1 else corpus_profile(results)
        click.echo(json.dumps(p, ensure_ascii=False, indent=2) if as_json else format_profile(p))
    _report_failures(failures)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(writable=True), default=None,
              help="A file for one article, or a folder: one page per article plus index.html. Default: stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(("html", "md")), default=None,
              help="html (self-contained page) or md (Markdown); default from the output's extension, else html.")
@input_options
def report(paths, output, fmt, encoding, threads, jobs, models):
    """Write attribution reports people read: HTML pages or Markdown.

    The HTML page is one self-contained file (no network): the article with
    every claim highlighted in its source's colour, details on click, the
    sources, the sourcing profile and a drawing of the source graph.

    \b
    Examples:
      quotetrace report corpus/albu-kamal-2017.txt -o reports/albu-kamal-2017.html
      quotetrace report article.txt --format md
      quotetrace report corpus/ -o reports/
    """
    from .export import atomic_open
    from .report import render_html, render_index, render_markdown

    failures: list[str] = []
    results = _results(paths, encoding, models, threads, failures, jobs)
    to_dir = output is not None and (os.path.isdir(output) or output.endswith(os.sep) or not os.path.splitext(output)[1])
    fmt = fmt or ("md" if output and output.endswith(".md") else "html")
    render = render_html if fmt == "html" else render_markdown
    if to_dir:
        os.makedirs(output, exist_ok=True)
        done, pages = [], {}
        for r in results:
            name = f"{Path(r.article.id).name or 'article'}.{fmt}"
            with atomic_open(os.path.join(output, name)) as f:
                f.write(render(r))
            pages[r.article.path or r.article.id] = name
            done.append(r)
        if done and fmt == "html":
            with atomic_open(os.path.join(output, "index.html")) as f:
                f.write(render_index(done, pages))
        click.echo(f"wrote {len(done)} report(s) to {output}", err=True)
    else:
        results = list(results)
        if len(results) > 1:
            raise click.UsageError("several articles need -o FOLDER")
        if results:
            page = render(results[0])
            if output:
                with atomic_open(output) as f:
                    f.write(page)
            else:
                click.echo(page, nl=False)
    _report_failures(failures)


@cli.command()
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("-v", "--verbose", is_flag=True, help="List every miss, spurious quote and wrong speaker.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--threads", type=click.IntRange(1), default=None, help="CPU threads for stanza [default: up to 4].")
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
        sc = ", ".join(f"{k} {v}" for k, v in scores.items() if isinstance(v, (int, float))) if isinstance(scores, dict) else (scores or "")
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
