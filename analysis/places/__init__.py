"""Places: an offline geoparser in three parts, each with a module.

* :mod:`~analysis.places.gazetteer` — the places and their names (GeoNames from a registry package, the
  project's tables under ``analysis/data/gazetteer/``, the user's GeoNames dumps or CSVs), cached;
  :mod:`~analysis.places.keys` the spelling keys that find a name under its romanisations.
* :mod:`~analysis.places.recognition` — which capitalised spans name places (and which are people,
  organisations, months or page furniture).
* :mod:`~analysis.places.resolution` — which place each span means, scored with the numbers named in
  :class:`~analysis.places.weights.GeoWeights`; :mod:`~analysis.places.descriptions` places what the
  gazetteer lacks from how the text describes it.
"""
from .api import LOCATION_COLUMNS, extract_locations, location_counts, mention_sentences
from .gazetteer import Gazetteer, haversine_km
from .store import clear_memory, gazetteer_cache_path, load_gazetteer
from .keys import name_key, skeleton_key, translit_key
from .parser import Geoparser
from .weights import WEIGHTS, GeoWeights

__all__ = ["extract_locations", "location_counts", "mention_sentences", "LOCATION_COLUMNS", "Geoparser",
           "Gazetteer", "load_gazetteer", "haversine_km", "name_key", "translit_key", "skeleton_key",
           "GeoWeights", "WEIGHTS", "clear_memory", "gazetteer_cache_path"]
