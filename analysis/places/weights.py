"""The numbers of the geoparser's scoring and acceptance rules, each named with what it encodes."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GeoWeights", "WEIGHTS"]


@dataclass(frozen=True)
class GeoWeights:
    """Scores add up per candidate place; the best candidate is kept if the acceptance rules pass.

    >>> WEIGHTS.country_named
    3.0
    """

    # -- prior by kind (before population and context)
    prior_country: float = 6.0            # a country is the usual reading of its name
    prior_continent: float = 5.0          # so is a continent
    prior_region: float = 3.5             # admin regions, physical features, named regions
    prior_county: float = 1.0             # counties and districts: rarely meant by a bare name
    prior_crossing: float = 2.0           # crossings and airbases: named in the gazetteer on purpose
    population_per_decade: float = 0.9    # a town gains this much per factor 10 of people
    town_vs_region: float = 3.0           # a town loses this much to a region of the same name ("Missouri")
    big_town_vs_region: float = 1.0       # ... but a town over big_town keeps its chance
    big_town: int = 500_000               # people in a town that competes with a region of its name
    # -- the article's own evidence
    country_named: float = 3.0            # the article names the candidate's country (name or demonym)
    side_country_share: float = 0.5       # share of country_named for a country the article names only in passing
    country_inferred: float = 2.0         # a confidently resolved place of the article lies in that country
    same_admin_region: float = 2.0        # the article names the candidate's first-order region
    qualifier_country: float = 6.0        # "Town, Country" and the candidate lies in that country
    qualifier_region: float = 7.0         # "Town, Region" and the candidate lies in that region
    qualifier_same_country: float = 1.0   # "Town, Region" and the candidate lies in the region's country
    qualifier_mismatch: float = 4.0       # penalty: the qualifier says another country or region
    qualifier_pair: float = 7.0           # the qualifier itself, read as the region or country holding the place it
                                          # qualifies (*Atlanta, Georgia*: the US state, not the country)
    near_place: float = 1.5               # per other place of the article within near_km (up to 3)
    far_place: float = 0.5                # per other place within far_km (up to 2)
    near_km: float = 250.0                # "near" for coherence
    far_km: float = 800.0                 # "in the same part of the world" for coherence
    local_km: float = 250.0               # another place this near puts a world city's namesake on the map
    main_namesake_population: int = 100_000  # a world city's namesake this large is meant in a story naming its
                                          # country most (London, Ontario); a smaller one (Damascus, Maryland)
                                          # needs the article to place it
    # -- cues around the mention
    cue_town: float = 3.0                 # "the town/city/village of X"
    cue_capital: float = 2.5              # "the capital of X", "the suburb of X"
    cue_province: float = 3.0             # "the province/governorate of X"
    cue_after: float = 2.5                # "X province", "X city", "X river"
    # -- spelling variants
    translit_penalty: float = 1.0         # a romanisation variant is a little less sure than the exact name
    variant_min_population: int = 1000    # a loose match to a town needs this many people (or a cue)
    # -- acceptance
    accept_population: int = 100_000      # a town this large is accepted on its name alone
    accept_with_country: int = 10_000     # ... this large when its country is named or a weak cue precedes
    accept_with_both: int = 1_000         # ... this large when its country is named and a weak cue precedes
    first_name_population: int = 500_000  # "Anna Smith": a capitalised word after it makes it a first name
    person_population: int = 100_000      # a surname seen elsewhere is the person unless the town is this big
    foreign_penalty: float = 4.0          # a candidate on another continent than every country the article names
    world_city_names: int = 50            # a town with this many alternate names in GeoNames is known worldwide
    foreign_population: int = 1_000_000   # a town on another continent than the article's, by name alone
    village_km: float = 75.0              # a village without a population figure is taken within this of another place
    home_lead: float = 1.5                # a country holds this many times the next one's resolved places to be where
                                          # an unplaced described place lies (else the evidence is split)
    loose_near_km: float = 75.0           # a described place matched by a loose spelling lies this near a resolved place
    focus_share: float = 0.34             # a country is a focus of the article from this share of its top count
    margin_confident: float = 2.0         # a margin this large makes a resolved place steer the rest
    confidence_offset: float = 1.0        # confidence = logistic(margin + this)


WEIGHTS = GeoWeights()
