"""Grammatical roles that carry an event's means and counts, and the codebook's rules on what one
incident holds (short reports written for these tests, the real gazetteer and parser)."""
from datetime import date

from mapsvc.extract.counts import counts_of
from mapsvc.extract.pipeline import extract_incidents
from mapsvc.model import Report
from mapsvc.text.nlp import parse

SAT = date(2024, 7, 20)


def run(text, gazetteer, published=SAT):
    return extract_incidents(Report(text, published=published), gazetteer=gazetteer)


def test_means_of_a_relative_clause_is_the_noun_it_describes(gazetteer):
    incs = run("Israel said it acted after a Houthi drone that crashed into an apartment building in "
               "Tel Aviv on Friday killed one man.", gazetteer)
    assert [i.category for i in incs] == ["strike"]


def test_the_first_verbs_subject_serves_its_conjunct():
    doc = parse("Gunmen stormed the market and killed 12 traders.")
    from mapsvc.extract.events import _subjects
    killed = next(t for t in doc if t.lemma_ == "kill")
    assert [t.text for t in _subjects(killed)] == ["Gunmen"]


def test_one_person_each_named_by_what_befell_them():
    assert counts_of(parse("A man and his mother died when a wall collapsed on their home.")) == {"killed": 2}
    assert counts_of(parse("A woman was shot and killed on Tuesday night.")) == {"killed": 1}
    assert counts_of(parse("A man killed three people with a knife.")) == {"killed": 3}  # the killer is no victim


def test_arrests_counted_as_a_noun():
    assert counts_of(parse("Police made 457 arrests across the country.")) == {"detained": 457}


def test_people_moved_belong_to_the_evacuation_not_the_fire(gazetteer):
    incs = run("A brush fire burned 300 acres south of Hemet, California, on Monday, forcing about 500 "
               "residents to leave their homes.", gazetteer, published=date(2023, 3, 28))
    by_category = {i.category: i for i in incs}
    assert by_category["humanitarian"].counts == {"evacuated": 500}
    assert "evacuated" not in by_category["disaster"].counts


def test_a_same_day_rescue_at_the_place_is_part_of_the_disaster(gazetteer):
    text = ("A storm surge flooded nearly every building in Cedar Key, Florida, on Thursday. "
            "Deputies rescued 14 people in Cedar Key on Thursday.")
    incs = run(text, gazetteer, published=date(2024, 9, 27))
    assert len(incs) == 1
    assert incs[0].category == "disaster" and incs[0].counts.get("rescued") == 14


def test_a_rescue_on_a_later_day_is_its_own_incident(gazetteer):
    text = ("A storm surge flooded nearly every building in Cedar Key, Florida, on Monday. "
            "Deputies rescued 14 people in Cedar Key on Thursday.")
    incs = run(text, gazetteer, published=date(2024, 9, 27))
    assert sorted(i.category for i in incs) == ["disaster", "humanitarian"]
