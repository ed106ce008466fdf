"""Reading articles: readers per format, the scraped-dump parser, header metadata, page-furniture
learning and the widget catalogue, the load report; line repairs in :mod:`.cleaning`.

>>> from analysis.corpus import load_articles, load_report
"""
from .load import ARTICLE_COLUMNS, LOADER_VERSION, load_articles
from .report import LoadError, LoadReport, LoadWarning, load_report
from .widgets import add_widgets

__all__ = ["load_articles", "load_report", "LoadError", "LoadWarning", "LoadReport", "ARTICLE_COLUMNS",
           "LOADER_VERSION", "add_widgets"]
