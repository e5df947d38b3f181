"""The pipeline's rule components, same rules, found by lookup instead of by trial.

spaCy's ``AttributeRuler`` tries each of its patterns at each token (a ``Matcher`` has no index), and
the rule lemmatizer recomputes every base form (its cache skips them) and tests each candidate form
for membership in a word list. In the small English pipeline the two took a third of the parse's
time, more than the neural parser. Here the ruler's one-token patterns on a fixed tag and word are
looked up in a dict and only the others (dependency labels, regular expressions, two-token patterns)
are left to a ``Matcher``; the matches are applied in the ruler's own order; lemmas are kept per word,
part of speech and morphology, the only inputs of the rule lemmatizer, and its word lists are sets.
The attributes come out the same; ``tests/test_nlp.py`` compares every token.
"""
from __future__ import annotations

from typing import Optional

__all__ = ["index_rule_components"]

_LOOKED_UP = ("LOWER", "TAG")
#: Kept answers are dropped when there are more than this many (a long-running service sees new words).
_KEPT_AT_MOST = 500_000


def index_rule_components(nlp) -> None:
    """Put the lookups in front of ``nlp``'s attribute ruler and rule lemmatizer, where it has them."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    for _, component in nlp.pipeline:
        if isinstance(component, AttributeRuler):
            component.match = IndexedRuleMatches(component)
        elif isinstance(component, Lemmatizer) and component.mode == "rule":
            component.lemmatize = KeptLemmas(component.rule_lemmatize)
            # the rules test each candidate base form for membership in a word list of up to 57,000 entries:
            # as sets, the same test by lookup (the first sight of each word was a tenth of the parse's time)
            index = component.lookups.get_table("lemma_index", {})
            for key in list(index.keys()):
                index[key] = frozenset(index[key])


def _looked_up_keys(patterns: list, index: int) -> Optional[list]:
    """The (word, tag) keys a rule's patterns match, None when one looks past a fixed word and tag.

    >>> _looked_up_keys([[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], 0)
    [('is', 'VBZ'), ("'s", 'VBZ')]
    >>> _looked_up_keys([[{"LOWER": "i", "DEP": "nsubj"}]], 0) is None
    True
    """
    if index not in (0, -1):
        return None
    keys = []
    for pattern in patterns:
        if len(pattern) != 1 or not set(pattern[0]) <= set(_LOOKED_UP):
            return None
        choices = []
        for attr in _LOOKED_UP:
            value = pattern[0].get(attr)
            if isinstance(value, dict):
                if set(value) != {"IN"}:
                    return None
                value = list(value["IN"])
            choices.append(value if isinstance(value, list) else [value])
        keys.extend((word, tag) for word in choices[0] for tag in choices[1])
    return keys


class IndexedRuleMatches:
    """A stand-in for ``AttributeRuler.match``: the same ``(rule, match id, start, end)`` list, sorted."""

    def __init__(self, ruler):
        from spacy.matcher import Matcher

        self.strings = ruler.vocab.strings
        self.rules = {}  # (lower or None, tag or None) -> rule numbers
        self.rest = Matcher(ruler.vocab, validate=False)
        self.match_ids = []
        for number, rule in enumerate(ruler.patterns):
            self.match_ids.append(self.strings.add(str(number)))
            keys = _looked_up_keys(rule["patterns"], rule["index"])
            if keys is None:
                self.rest.add(str(number), rule["patterns"])
            for key in keys or ():
                self.rules.setdefault(key, set()).add(number)
        self._by_token = {}

    def _rules_of(self, lower: str, tag: str) -> list:
        found = self._by_token.get((lower, tag))
        if found is None:
            if len(self._by_token) > _KEPT_AT_MOST:
                self._by_token.clear()
            found = sorted(self.rules.get((lower, tag), set()) | self.rules.get((None, tag), set())
                           | self.rules.get((lower, None), set()))
            self._by_token[(lower, tag)] = found
        return found

    def __call__(self, doc) -> list:
        matches = [(int(self.strings[match_id]), match_id, start, end)
                   for match_id, start, end in self.rest(doc, allow_missing=True)]
        for token in doc:
            i = token.i
            matches.extend((number, self.match_ids[number], i, i + 1)
                           for number in self._rules_of(token.lower_, token.tag_))
        matches.sort()
        return matches


class KeptLemmas:
    """A rule lemmatizer's ``lemmatize`` that keeps each answer: the rules read only the word, its
    part of speech and its morphology, and the lookup tables do not change."""

    def __init__(self, lemmatize):
        self.lemmatize = lemmatize
        self.kept = {}

    def __call__(self, token) -> list:
        key = (token.orth, token.pos, token.morph.key)
        lemmas = self.kept.get(key)
        if lemmas is None:
            if len(self.kept) > _KEPT_AT_MOST:
                self.kept.clear()
            lemmas = self.kept[key] = self.lemmatize(token)
        return lemmas
