"""The numbers the statement rules use, named in one place (change them with ``dataclasses.replace``)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """Every number a statement rule uses, with why.

    >>> Thresholds().min_quote_words
    4
    """

    max_speaker_words: int = 14          # longest speaker phrase scanned (a title, a name and an of/for complement)
    max_gap_words: int = 6               # words allowed between a speaker and its verb ("has also said on Sunday")
    max_appositive_words: int = 14       # longest ", the commander of X," apposition skipped between speaker and verb
    max_words_after_quote: int = 24      # how far after a closing quote its "X, the commander of Y, said" may reach
    max_words_before_quote: int = 40     # how far back in its sentence a quote looks for "X said" / "X called her"
    max_listener_words: int = 4          # "told [Reuters | the news agency | reporters]" before the content
    max_content_words: int = 250         # longest reported clause kept (bounds the scan on a text without full stops)
    min_quote_words: int = 4             # an unattributed quote shorter than this is a scare quote, not a statement
    min_clause_words: int = 5            # a speaker after this many words of a clause, with only a time after its
                                         # verb, closes that clause ("... state media said on Saturday part of ...")
    min_reported_words: int = 3          # reported speech shorter than this is not a statement ("he said so")
    max_continuation_sentences: int = 2  # an unattributed quote continues a quote at most this many sentences back
    max_continuation_paragraphs: int = 1  # ... and at most this many paragraph breaks back
    max_pronoun_chars: int = 400         # a speaker this close before "he"/"it" is its antecedent before any mention
    max_description_chars: int = 3000    # how far back "the official" looks for "A U.S. official" in the text
    max_reference_history: int = 40      # speakers remembered per article for he / it / the ministry
    max_cataphora_statements: int = 8    # "a monitor said" resolves to a named monitor among the next named actors
    max_name_words: int = 5              # longest personal name (or name between commas) taken as one person
    max_title_chain_words: int = 12      # "UN Under-Secretary-General for Humanitarian Affairs and ..." before a name
    max_parenthetical_words: int = 8     # a parenthesised short name inside a speaker: "(SOHR)", "(ISIS Daesh ISIL)"
    max_alias_words: int = 7             # longest actor alias or role term looked up
    max_venue_words: int = 5             # "said in [a televised] statement": words before the venue word
    max_lost_quote_chars: int = 600      # how far back a closing mark without an opening one looks for its sentence
    headline_search_chars: int = 200     # where the body must repeat the headline for a headline attribution
    max_headline_speaker_words: int = 6  # longest speaker at a headline's end ("..., says UN envoy")
    min_shouted_letters: int = 20        # a paragraph written in capitals needs this many letters to count as shouted
    max_shouted_lower_share: float = 0.1  # ... and at most this share of them in lower case


THRESHOLDS = Thresholds()
