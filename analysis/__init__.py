"""Text analysis of Middle East security reporting: load, tokenise, count, attribute, map.

Importing the package does no work (no file reads, no downloads, no output).

>>> from analysis import load_articles, sentences, tokenize, tokens, save_figure
"""
from .frequencies import (collocations, concordance, dispersion, distinctive_terms, g2_log_likelihood, keyness,
                          ngrams, term_frequencies)
from .corpus import LoadError, LoadReport, LoadWarning, load_articles, load_report
from .groups import Grouping, article_groups, compare_groups, default_grouping, key_terms, term_trends
from .locations import extract_locations, location_counts, mention_sentences
from .paths import derived_dir, figures_dir, raw_dir, repo_root
from .statements import (compare_wording, extract_statements, load_roles, reporting_verbs, type_speaker,
                         wording_profile)
from .text import sentence_spans, sentences, stopword_set, tokenize, tokens

#: The plotting helpers import matplotlib (and the map Basemap) on first use, so scripts and worker
#: processes that only load and count stay light.
_PLOTTING = {
    "charts": ("article_labels", "plot_dispersion", "plot_keyness", "plot_ngrams", "plot_reporting_verbs",
               "plot_group_counts", "plot_term_trends", "plot_top_terms", "plot_top_terms_by", "plot_wording", "plot_wording_scatter"),
    "figures": ("COLORS", "PALETTE", "STYLE", "save_figure", "use_style"),
    "maps": ("plot_locations",),
}
_WHERE = {name: module for module, names in _PLOTTING.items() for name in names}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


__all__ = [
    "COLORS", "PALETTE", "STYLE", "save_figure", "use_style",
    "Grouping", "article_groups", "default_grouping", "compare_groups", "key_terms", "term_trends",
    "plot_term_trends", "plot_group_counts",
    "LoadError", "LoadReport", "LoadWarning", "load_articles", "load_report",
    "derived_dir", "figures_dir", "raw_dir", "repo_root",
    "sentence_spans", "sentences", "stopword_set", "tokenize", "tokens",
    "term_frequencies", "ngrams", "collocations", "concordance", "dispersion", "keyness",
    "distinctive_terms", "g2_log_likelihood",
    "extract_statements", "compare_wording", "wording_profile", "reporting_verbs", "load_roles", "type_speaker",
    "plot_wording", "plot_wording_scatter", "plot_reporting_verbs",
    "extract_locations", "location_counts", "mention_sentences", "plot_locations",
    "article_labels", "plot_top_terms", "plot_top_terms_by", "plot_ngrams", "plot_dispersion", "plot_keyness",
]
__version__ = "0.1.0"
