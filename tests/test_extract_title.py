"""Incident titles: the frame's noun, what was hit, the place as written, the counts; never too long."""
from mapsvc.extract.title import MAX_TITLE, display_name, event_title, target_phrase
from mapsvc.model import Place, Toponym
from mapsvc.text.nlp import parse


def test_title_names_event_place_and_counts():
    title = event_title("Missile strike", target="apartment block", place_name="Kyiv", near=False,
                        counts={"killed": 3, "injured": 25})
    assert title == "Missile strike on apartment block in Kyiv (3 killed, 25 injured)"


def test_title_of_a_movement_says_where_people_left():
    assert event_title("Evacuation", target="", place_name="Irpin", near=False, counts={}) == "Evacuation from Irpin"


def test_title_near_a_place():
    assert event_title("Shelling", target="", place_name="Izium", near=True, counts={}) == "Shelling near Izium"


def test_long_titles_are_cut():
    title = event_title("Strike", target="x" * 80, place_name="Y" * 60, near=False, counts={"killed": 1})
    assert len(title) <= MAX_TITLE


def test_target_is_the_object_that_was_hit():
    doc = parse("A missile hit a residential building in Dnipro.")
    assert target_phrase(doc[2]) == "residential building"


def test_a_place_is_no_target():
    doc = parse("Missiles struck Kharkiv overnight.")
    assert target_phrase(doc[1]) == ""


def test_display_name_is_the_mention_as_written():
    place = Place("g1", "Kyiv", "city", 30.52, 50.45)
    mentions = [Toponym(10, 15, "Kiev's", place), Toponym(40, 50, "the Kyiv", place)]
    assert display_name(place, 41, mentions) == "Kyiv"
    assert display_name(place, 11, mentions) == "Kiev"
    assert display_name(Place("g2", "Lviv", "city", 24.0, 49.8), 0, mentions) == "Lviv"
