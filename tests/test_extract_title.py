"""Titles and display names of incidents, on sentences written for these tests."""
from datetime import date

import pytest

from mapsvc.extract.pipeline import extract_incidents
from mapsvc.extract.title import MAX_TITLE, display_name, event_noun, event_title, target_phrase
from mapsvc.model import Place, Report, Toponym


@pytest.mark.parametrize("category, clause, noun", [
    ("strike", "Rockets landed on the market square at dawn.", "Rocket attack"),
    ("strike", "Drones hit two fuel depots overnight.", "Drone strike"),
    ("battle", "Heavy clashes broke out near the bridge.", "Clashes"),
    ("civilian_harm", "Gunmen abducted 14 villagers.", "Abduction"),
    ("civilian_harm", "Three civilians were killed by sniper fire.", "Civilians killed"),
    ("humanitarian", "Some 900 residents were evacuated by bus.", "Evacuation"),
    ("disaster", "A magnitude 6.1 earthquake shook the valley.", "Earthquake"),
    ("restriction", "The governor imposed a curfew from 8pm.", "Curfew"),
    ("political", "The two foreign ministers held talks on Friday.", "Talks"),
    ("military", "The army deployed two brigades to the border.", "Deployment"),
    ("other", "Something happened.", "Incident"),
])
def test_event_noun_names_what_happened(category, clause, noun):
    assert event_noun(category, clause, killed="killed" in clause) == noun


def test_target_keeps_short_modifiers_only():
    assert target_phrase("A missile hit a nine-storey apartment building on Friday.") == "nine-storey apartment building"
    assert target_phrase("Shells fell on the old railway station.") == "old railway station"
    assert target_phrase("Wreckage lay burning between houses.") == "houses"
    assert target_phrase("Artillery pounded the town.") == ""
    # the target that is the place itself adds nothing
    assert target_phrase("Drones hit the Zorya base.", place_name="Zorya base") == ""


def test_title_is_short_plain_and_deterministic():
    clause = "Rockets struck a crowded children's hospital in the east of the city, killing four people."
    one = event_title("strike", clause, place_name="Dnipro", near=False, counts={"killed": 4})
    assert one == event_title("strike", clause, place_name="Dnipro", near=False, counts={"killed": 4})
    assert one == "Rocket attack on children's hospital in Dnipro (4 killed)"
    long_name = "Very Long Place Name " * 5
    long = event_title("strike", clause, place_name=long_name.strip(), near=True, counts={"killed": 4})
    assert len(long) <= MAX_TITLE and long.startswith("Rocket attack near Very Long")
    assert "<" not in long and "\n" not in long


def test_display_name_prefers_the_report_spelling():
    place = Place(id="gn:1", name="Ḑarnah", lon=22.6, lat=32.8, kind="city", country="LY")
    other = Place(id="gn:2", name="Tobruk", lon=23.9, lat=32.1, kind="city", country="LY")
    mentions = [Toponym(0, 5, "DERNA", place), Toponym(20, 29, "the Derna", place), Toponym(40, 46, "Tobruk", other)]
    assert display_name(place, 40, mentions) == "Derna"  # capitals of a dateline are no spelling to show
    assert display_name(other, 0, mentions) == "Tobruk"
    lonely = Place(id="gn:3", name="Al Bayḑā’", lon=21.7, lat=32.7, kind="city", country="LY")
    assert display_name(lonely, 0, mentions) == "Al Bayḑā’"


def test_incident_shows_the_name_as_written_and_a_title(gazetteer):
    text = ("Libya: floods swept through the eastern city of Derna on Monday, killing at least 40 people.\n\n"
            "In the Sumy region, 2,100 people were evacuated by train on Tuesday.")
    incs = extract_incidents(Report(text, published=date(2023, 9, 13)), gazetteer=gazetteer)
    names = {i.category: i.place_name for i in incs}
    assert names.get("disaster") == "Derna"
    assert names.get("humanitarian") == "Sumy region"
    evac = next(i for i in incs if i.category == "humanitarian")
    assert evac.title == "Evacuation in Sumy region (2,100 evacuated)"
    flood = next(i for i in incs if i.category == "disaster")
    assert flood.title == "Flooding in Derna (40 killed)"
    assert flood.gazetteer_id  # still the gazetteer's place, only the shown name differs


@pytest.mark.parametrize("category, clause, place, title", [
    ("humanitarian", "Some 4,000 people fled into Moldova overnight.", "Moldova", "People flee to Moldova"),
    ("humanitarian", "About 600 residents were evacuated from Irpin by bus.", "Irpin", "Evacuation from Irpin"),
    ("humanitarian", "Volunteers handed out food in the square of Irpin.", "Irpin", "Aid delivery in Irpin"),
    ("battle", "Rebels captured the airport after two days.", "Goma airport", "Capture of Goma airport"),
    ("strike", "Shelling hit the market.", "Kherson", "Shelling on market in Kherson"),
    ("political", "The chancellor visited Kyiv on Monday.", "Kyiv", "Visit to Kyiv"),
    ("strike", "A drone set fire to a grain warehouse on Sunday.", "Izmail", "Drone strike sets fire to grain warehouse in Izmail"),
    ("strike", "A missile set two oil depots ablaze.", "Kalynivka", "Missile strike sets fire to oil depots in Kalynivka"),
])
def test_title_preposition_follows_the_clause(category, clause, place, title):
    assert event_title(category, clause, place_name=place, near=False, counts={}) == title
