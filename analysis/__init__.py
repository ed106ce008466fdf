"""Text analysis of Middle East security reporting: load, tokenise, count, attribute, map.

Importing the package does no work (no file reads, no downloads, no output).

>>> from analysis import load_articles, sentences, tokenize, tokens, save_figure
"""
from .charts import (article_labels, plot_dispersion, plot_keyness, plot_ngrams, plot_reporting_verbs,
                     plot_top_terms, plot_top_terms_by, plot_wording, plot_wording_scatter)
from .figures import COLORS, STYLE, save_figure, use_style
from .frequencies import (collocations, concordance, dispersion, distinctive_terms, g2_log_likelihood, keyness,
                          ngrams, term_frequencies)
from .locations import extract_locations, location_counts, mention_sentences
from .loading import LoadError, LoadReport, LoadWarning, load_articles, load_report
from .maps import plot_locations
from .paths import derived_dir, figures_dir, raw_dir, repo_root
from .statements import (compare_wording, extract_statements, load_roles, reporting_verbs, type_speaker,
                         wording_profile)
from .tokenize import sentence_spans, sentences, stopword_set, tokenize, tokens

__all__ = [
    "COLORS", "STYLE", "save_figure", "use_style",
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
