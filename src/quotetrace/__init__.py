"""quotetrace: who said what in the news, and which claims rest on which sources.

>>> import quotetrace
>>> result = quotetrace.analyze(open("corpus/albu-kamal-2017.txt").read())  # doctest: +SKIP
>>> [(q.type, result.source(q.speaker).name) for q in result.quotes]  # doctest: +SKIP
"""
from .errors import InputError, ModelNotFound, QuotetraceError
from .pipeline import ArticleResult, analyze, analyze_many
from .types import Article, ParsedDoc, Quote, Source, Span

__version__ = "0.1.0"


def corpus_graph(results):
    """One source graph over many articles' results (networkx MultiDiGraph)."""
    from .graph import corpus_graph as _corpus_graph

    return _corpus_graph(results)


__all__ = [
    "Article", "ArticleResult", "InputError", "ModelNotFound", "ParsedDoc", "Quote", "QuotetraceError", "Source",
    "Span", "analyze", "analyze_many", "corpus_graph", "__version__",
]
