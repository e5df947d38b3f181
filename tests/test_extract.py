"""Incident extraction on short reports written for these tests, with the real gazetteer."""
from datetime import date

import pytest

from mapsvc.extract.pipeline import extract_incidents, incident_id
from mapsvc.extract.counts import counts_of
from mapsvc.extract.events import event_heads
from mapsvc.model import CATEGORIES, Report
from mapsvc.text.nlp import parse
from mapsvc.geoparse.spatial import distance_km

WED = date(2022, 3, 16)
KYIV = (30.5234, 50.4501)
KHARKIV = (36.2304, 49.9935)
MARIUPOL = (37.5413, 47.0951)


def run(text, gazetteer, published=WED):
    return extract_incidents(Report(text, published=published), gazetteer=gazetteer)


def km(inc, lonlat):
    return distance_km(inc.lon, inc.lat, *lonlat)


def test_strike_with_weekday_and_count(gazetteer):
    (inc,) = run("At least 12 civilians were killed when missiles hit Kharkiv on Tuesday.", gazetteer)
    assert inc.category in ("strike", "civilian_harm")
    assert km(inc, KHARKIV) < 15
    assert inc.date == date(2022, 3, 15) and inc.date_precision == "day"
    assert inc.counts == {"killed": 12}
    assert inc.geo_precision == 1


def test_speaker_is_not_the_place(gazetteer):
    (inc,) = run("Moscow denied that its forces had shelled Kharkiv overnight.", gazetteer)
    assert inc.category == "strike"
    assert km(inc, KHARKIV) < 15
    assert inc.date == date(2022, 3, 15)


def test_destination_is_not_the_place(gazetteer):
    incs = run("On Tuesday 300 evacuees left Mariupol on buses heading towards Zaporizhzhia.", gazetteer)
    assert len(incs) == 1
    assert incs[0].category == "humanitarian"
    assert km(incs[0], MARIUPOL) < 15
    assert incs[0].counts == {"evacuated": 300}


def test_place_carried_over_and_the_night_before(gazetteer):
    text = ("Heavy shelling hit Kharkiv on Monday evening, officials said.\n\n"
            "It came after 40 missiles hit the city's historical centre the night before.")
    incs = run(text, gazetteer)
    assert len(incs) == 2
    first, second = incs
    assert first.date == date(2022, 3, 14) and second.date == date(2022, 3, 13)
    assert km(second, KHARKIV) < 15 and second.counts == {"missiles": 40}
    assert second.category == "strike"


def test_offset_from_the_capital(gazetteer):
    (inc,) = run("Fierce fighting was reported on Sunday about 20km north-west of Kyiv.", gazetteer)
    assert inc.category == "battle"
    assert inc.geo_precision == 2
    assert 17 < km(inc, KYIV) < 23
    assert inc.lat > KYIV[1] and inc.lon < KYIV[0]
    assert inc.date == date(2022, 3, 13)


def test_near_a_city_is_precision_two(gazetteer):
    (inc,) = run("Two journalists were killed near Kyiv on Monday.", gazetteer)
    assert inc.geo_precision == 2 and inc.radius_km > 10
    assert km(inc, KYIV) < 5


def test_named_district_is_used(gazetteer):
    (inc,) = run("A missile struck a school in the Obolonskyi district of Kyiv late on Sunday.", gazetteer)
    assert inc.place_kind == "district"
    assert 3 < km(inc, KYIV) < 12


def test_repeated_mentions_merge_and_keep_every_span(gazetteer):
    text = ("A curfew was imposed in Odesa on Monday after a wave of drone strikes.\n\n"
            "Residents said the curfew in Odesa was strictly enforced by police.")
    incs = run(text, gazetteer)
    curfews = [i for i in incs if i.category == "restriction"]
    assert len(curfews) == 1
    spans = [s.span for s in curfews[0].sources]
    assert len(spans) == 2
    for start, end in spans:
        assert "curfew" in text[start:end]


def test_live_blog_entries_anchor_relative_dates(gazetteer):
    text = ("Tue 10:20\nFlooding hit Benghazi this morning, officials said.\n\n"
            "Mon 18:05\nA curfew was imposed in Misrata last night.")
    incs = run(text, gazetteer, published=date(2023, 9, 12))
    by_cat = {i.category: i for i in incs}
    assert by_cat["disaster"].date == date(2023, 9, 12)
    assert by_cat["restriction"].date == date(2023, 9, 10)


def test_a_clock_time_line_starts_a_new_entry_of_the_same_day(gazetteer):
    text = ("09:15\nA missile hit a residential block in Zaporizhzhia last night, killing one person.\n\n"
            "14:30\nThe military said air defences shot down 43 of the 84 cruise missiles fired.\n\n"
            "18:20\nShelling hit the village of Velyka Pysarivka, injuring two women.")
    incs = run(text, gazetteer, published=date(2022, 10, 10))
    assert [i.place_name for i in incs] == ["Zaporizhzhia", "Velyka Pysarivka"]
    assert incs[0].counts == {"killed": 1}  # the national tally of the next entry is not carried to it
    assert incs[1].date == date(2022, 10, 10)


def test_two_clauses_of_one_kind_at_two_named_places_stay_apart(gazetteer):
    text = "Rockets hit Kharkiv on Friday, and a drone strike killed two soldiers in Sumy."
    incs = run(text, gazetteer)
    assert [i.place_name for i in incs] == ["Kharkiv", "Sumy"]
    assert incs[0].counts == {} and incs[1].counts == {"killed": 2}


def test_a_river_named_after_a_city_is_not_the_city(gazetteer):
    incs = run("Floodwater from the Dnipro river submerged streets in Kherson on Tuesday.", gazetteer)
    assert [i.place_name for i in incs] == ["Kherson"]


def test_blame_for_an_event_is_no_second_event(gazetteer):
    text = ("A dam near Nova Kakhovka was destroyed on Tuesday. Kyiv blamed Russian forces, "
            "and Moscow blamed Ukrainian shelling.")
    incs = run(text, gazetteer)
    assert [i.category for i in incs] == ["disaster"]


@pytest.mark.parametrize("sentence,category", [
    ("On Friday the storm ripped the roof off a stadium in Tampa.", "disaster"),
    ("Residents of Gaza City said tanks had returned to the western districts on Friday.", "battle"),
    ("Russian forces pressed their offensive near Kharkiv on Sunday, capturing four villages.", "battle"),
    ("Ukraine said on Sunday that Russian troops had taken the village of Ocheretyne.", "battle"),
    ("Former President Donald Trump toured storm damage in Valdosta on Monday.", "political"),
    ("By Thursday the village of Oleshky was almost completely under water.", "disaster"),
    ("Ukrainian troops said they had advanced 2km south of Bakhmut.", "battle"),
    ("The army set up a field hospital in Marrakesh after the clinic was damaged.", "humanitarian"),
    ("The mayor of Irpin ordered 10,000 residents to leave their homes on Monday evening.", "humanitarian"),
])
def test_event_phrases(sentence, category, gazetteer):
    (inc,) = run(sentence, gazetteer)
    assert inc.category == category


def test_a_shooting_in_a_storm_roundup_is_no_storm(gazetteer):
    text = ("A shooter killed three children and three adults at a school in Nashville on Monday.\n\n"
            "Tornadoes and storms flattened homes in Rolling Fork on Friday, and floods and a storm surge hit Amory.")
    incs = run(text, gazetteer, published=date(2023, 3, 28))
    assert incs[0].place_name == "Nashville" and incs[0].category == "civilian_harm"


def test_a_when_clause_takes_the_date_it_hangs_on(gazetteer):
    text = ("Trains ran again on Tuesday for the first time since March 3, when a train derailed "
            "near Kharkiv, killing 12 people.")
    (inc,) = run(text, gazetteer)
    assert inc.category == "disaster" and inc.date == date(2022, 3, 3) and inc.counts == {"killed": 12}


def test_the_place_before_where_is_the_where_clause_place(gazetteer):
    text = ("The president flew from Kyiv over Chernihiv and the nearby villages, where floods swept "
            "away homes on Friday.")
    incs = run(text, gazetteer)
    assert [i.place_name for i in incs if i.category == "disaster"] == ["Chernihiv"]
    # the president's flight over the floods is a visit there (CODEBOOK 2), not an event in Kyiv
    assert {i.place_name for i in incs} == {"Chernihiv"}


def test_people_evacuated_from_a_village_place_the_disaster_there(gazetteer):
    # CODEBOOK 6: the fire and the evacuation after it are two incidents, the count is the evacuation's
    text = "About 1,500 people were evacuated from Irpin in the Kyiv region after a forest fire broke out on Monday."
    incs = {i.category: i for i in run(text, gazetteer)}
    assert set(incs) == {"humanitarian", "disaster"}
    assert {i.place_name for i in incs.values()} == {"Irpin"}
    assert incs["humanitarian"].counts == {"evacuated": 1500} and incs["disaster"].counts == {}


def test_the_city_is_the_town_just_named_not_the_older_focus(gazetteer):
    text = ("Shelling hit Kharkiv on Monday.\n\nFurther south, Mariupol is still counting its dead from "
            "Tuesday, when rockets struck a school in the city.")
    incs = run(text, gazetteer)
    assert [i.place_name for i in incs] == ["Kharkiv", "Mariupol"]
    assert incs[1].date == date(2022, 3, 15)


def test_freed_hostages_are_rescued_not_taken(gazetteer):
    (inc,) = run("On Monday special forces freed two hostages from a flat in Mariupol.", gazetteer)
    assert inc.category != "civilian_harm" and inc.counts == {"rescued": 2}


def test_a_yardstick_date_is_not_the_event_date(gazetteer):
    text = ("Rockets hit Kharkiv on Monday night.\n\nHours later a strike in Sumy killed 10 civilians, "
            "the deadliest day for the city since October.")
    incs = run(text, gazetteer)
    assert [(i.place_name, i.date) for i in incs] == [("Kharkiv", date(2022, 3, 14)), ("Sumy", date(2022, 3, 14))]


def test_officials_of_a_city_do_not_place_the_event(gazetteer):
    text = "A strike hit a flat in Irpin on Monday. Kyiv health officials said eight people were killed in the attack."
    incs = run(text, gazetteer)
    assert [i.place_name for i in incs] == ["Irpin"] and incs[0].counts == {"killed": 8}


def test_aid_delivered_to_a_place_happened_there(gazetteer):
    (inc,) = run("On Tuesday the agency delivered medicines and trauma kits to Kharkiv.", gazetteer)
    assert inc.category == "humanitarian" and inc.place_name == "Kharkiv"


def test_a_quake_felt_far_away_is_not_placed_there(gazetteer):
    text = ("An earthquake of magnitude 6.1 struck 40km north of Kharkiv on Saturday morning. "
            "The tremor was felt in Poltava and Sumy.")
    incs = run(text, gazetteer)
    assert len(incs) == 1 and km(incs[0], KHARKIV) > 25


@pytest.mark.parametrize("sentence", [
    "In Berlin, the president told a security conference on Saturday that his army was running short of artillery shells.",
    "The 3rd Assault Brigade was moved to Kharkiv on Saturday, the ministry said.",
])
def test_arms_as_goods_and_unit_names_are_no_fighting(sentence, gazetteer):
    assert all(i.category not in ("strike", "battle") for i in run(sentence, gazetteer))


def test_a_russian_missile_does_not_move_a_ukrainian_town_to_russia(gazetteer):
    text = ("Ukraine's army said it had left Avdiivka in the Donetsk region.\n\n"
            "Further west, a Russian missile hit a residential street in Pokrovsk late on Friday, killing three people.")
    incs = run(text, gazetteer, published=date(2024, 2, 17))
    pokrovsk = next(i for i in incs if i.counts.get("killed") == 3)
    assert distance_km(pokrovsk.lon, pokrovsk.lat, 37.18, 48.28) < 15


def test_an_offset_from_the_city_of_a_name(gazetteer):
    text = ("An earthquake of magnitude 6.3 struck eastern Ukraine on Saturday morning. "
            "Its epicentre was about 40km north-west of the city of Kharkiv.")
    (inc,) = run(text, gazetteer)
    assert 30 < km(inc, KHARKIV) < 50 and inc.geo_precision == 2


def test_the_province_after_a_town_does_not_take_its_place(gazetteer):
    text = "Engineers are inspecting buildings in Irpin, in the region of Kyiv, where a tornado struck on Monday."
    (inc,) = run(text, gazetteer)
    assert inc.place_name == "Irpin"


def test_each_town_of_a_list_gets_its_incident(gazetteer):
    text = "Explosions were also reported in Lviv, where power was cut, and in Dnipro, Poltava and Kharkiv."
    incs = run(text, gazetteer)
    assert [i.place_name for i in incs] == ["Lviv", "Dnipro", "Poltava", "Kharkiv"]
    assert {i.category for i in incs} == {"strike"}


def test_an_evacuation_from_several_towns_is_placed_at_each_town_left(gazetteer):
    # CODEBOOK 3: one incident per listed place; a movement is placed where people leave
    incs = run("Buses carrying 300 evacuees from Irpin and Bucha reached Kyiv on Tuesday.", gazetteer)
    assert sorted(i.place_name for i in incs) == ["Bucha", "Irpin"]
    assert {i.category for i in incs} == {"humanitarian"}


def test_statements_and_demonyms_make_no_incident(gazetteer):
    text = ("The president said peace talks now sound more realistic.\n"
            "Ukrainian forces remain determined, a spokesman said.")
    assert run(text, gazetteer) == []


def test_headline_of_another_story_is_at_most_political(gazetteer):
    text = "Minister arrives in Warsaw for talks\nShelling hit Kharkiv on Tuesday."
    incs = run(text + "\n", gazetteer)
    cats = sorted(i.category for i in incs)
    assert "strike" in cats
    assert all(c in ("strike", "political") for c in cats)


def test_quote_is_plain_report_text_and_ids_are_stable(gazetteer):
    text = "Shelling hit Kharkiv on Tuesday, <script>alert(1)</script> said."
    report = Report(text, published=WED)
    a = extract_incidents(report, gazetteer=gazetteer)
    b = extract_incidents(report, gazetteer=gazetteer)
    assert [i.id for i in a] == [i.id for i in b]
    assert a[0].id.startswith("inc-") and len(a[0].id) == 12
    assert a[0].quote == text  # plain text as written: escaping is the page's job
    assert a[0].sources[0].report == report.id
    assert a[0].category in CATEGORIES


@pytest.mark.parametrize("text", ["", "   \n  ", "No places and no events here."])
def test_nothing_to_extract(text, gazetteer):
    assert run(text, gazetteer) == []


def test_unknown_publication_date_falls_back_to_today(gazetteer):
    (inc,) = extract_incidents(Report("Shelling hit Kharkiv today."), gazetteer=gazetteer)
    assert inc.date == date.today()


def test_incident_id_is_deterministic():
    assert incident_id("a" * 64, (1, 2)) == incident_id("a" * 64, (1, 2)) != incident_id("a" * 64, (1, 3))


@pytest.mark.parametrize("sentence,counts", [
    ("20,000 people used 4,000 private cars to escape on Tuesday.", {"evacuated": 20000}),
    ("Troops have taken around 500 people hostage.", {"hostages": 500}),
    ("Another 8,533 people were evacuated from the region.", {"evacuated": 8533}),
    ("Five children were among the dead.", {"killed": 5}),
    ("Nearly 300 people were injured and at least 52 killed.", {"injured": 300, "killed": 52}),
    ("More than 1.9 million people have fled the country.", {"refugees": 1_900_000}),
    ("The toll rose to 47 on Friday.", {"killed": 47}),
    ("A 15-storey block burned at 7am; no one was hurt.", {}),
    ("Police detained 35 protesters in the capital.", {"detained": 35}),
    ("A missile killed one person and injured 25 others.", {"killed": 1, "injured": 25}),
    ("The quake struck at night, killing at least 900 people and injuring more than 1,100.",
     {"killed": 900, "injured": 1100}),
    ("Shells fell on the market, wounding two police officers.", {"injured": 2}),
    ("A drone struck a minibus taking miners home, injuring four of them.", {"injured": 4}),
    ("Nearly 800,000 people spent Sunday night in about 9,000 cyclone shelters.", {"evacuated": 800000}),
    ("Officials said at least 67 Palestinians were killed.", {"killed": 67}),
    ("A rocket hit a base, killing a 20-year-old soldier and wounding eight other people.", {"killed": 1, "injured": 8}),
    ("54 patients and staff were lifted by helicopter from the hospital roof.", {"rescued": 54}),
])
def test_counts(sentence, counts):
    assert counts_of(parse(sentence)) == counts


@pytest.mark.parametrize("sentence,category", [
    ("Artillery shelled the town overnight.", "strike"),
    ("Heavy clashes and gunfire were reported near the airport.", "battle"),
    ("Gunmen abducted twelve villagers and looted shops.", "civilian_harm"),
    ("Thousands fled as aid convoys waited at the crossing.", "humanitarian"),
    ("Authorities imposed a curfew and closed schools.", "restriction"),
    ("The two leaders met for talks in the capital.", "political"),
    ("The ministry deployed reinforcements and warships to the coast.", "military"),
    ("A magnitude 6.1 earthquake struck the province.", "disaster"),
    ("Floods swept away houses after the dam burst.", "disaster"),
])
def test_category_from_the_frame_table(sentence, category):
    assert category in {h.category for h in event_heads(parse(sentence)[:])}


def test_protest_to_free_hostages_is_political(gazetteer):
    (inc,) = run("Thousands of protesters in Haifa urged the government to free the hostages on Sunday.", gazetteer)
    assert inc.category == "political"


def test_a_list_of_origins_shares_the_role_of_its_first_member(gazetteer):
    text = "Rescue teams from Spain, Italy and Qatar reached Mariupol on Sunday to search the rubble."
    incs = run(text, gazetteer)
    assert [i.category for i in incs] == ["humanitarian"]
    assert km(incs[0], MARIUPOL) < 15


def test_protest_about_hostages_is_political(gazetteer):
    (inc,) = run("Hundreds of protesters rallied in Haifa on Saturday demanding a hostage deal.", gazetteer)
    assert inc.category == "political" and inc.date == date(2022, 3, 12)


def test_forecast_is_no_event_but_a_curfew_in_force_is(gazetteer):
    text = ("A storm is expected to bring heavy rain to Odesa on Friday.\n\n"
            "A curfew will remain in force in Odesa every night.")
    incs = run(text, gazetteer)
    assert [i.category for i in incs] == ["restriction"]


def test_nationwide_figures_go_to_the_country(gazetteer):
    (inc,) = run("Sudan's health ministry said at least 550 people had been killed nationwide since April.",
                 gazetteer, published=date(2023, 5, 7))
    assert inc.place_kind == "country" and inc.geo_precision == 3 and inc.counts == {"killed": 550}


def test_a_name_after_a_demonym_is_no_place(gazetteer):
    incs = run("A journalist who protested on Russian TV was fined.", gazetteer)
    assert all(i.place_kind != "country" or i.place_name in ("Russia",) for i in incs)
    assert not [i for i in incs if i.lat < 0]


def test_a_topic_sentence_gives_the_port_its_name(gazetteer):
    text = ("Fighting went on in Khartoum on Saturday.\n\n"
            "On the coast, Port Sudan has become the main exit for foreigners. "
            "On Thursday a navy vessel sailed from the port with about 1,800 evacuees on board, bound for Jeddah.")
    incs = run(text, gazetteer, published=date(2023, 5, 7))
    (evac,) = [i for i in incs if i.category == "humanitarian"]
    assert evac.place_name == "Port Sudan" and evac.counts == {"evacuated": 1800}
    assert evac.date == date(2023, 5, 4)


def test_a_nineteenth_century_disaster_is_background(gazetteer):
    assert run("In 1871 a tsunami swept over the coast near Odesa and killed about 400 people.", gazetteer) == []


def test_history_is_background_not_an_event(gazetteer):
    text = ("Shelling hit Kharkiv on Tuesday.\n\n"
            "Russia annexed Crimea in 2014, and fighting in Donetsk has killed 14,000 people since 2014.")
    incs = run(text, gazetteer)
    assert [(i.category, i.date) for i in incs] == [("strike", date(2022, 3, 15))]


def test_dateline_is_not_the_event_place(gazetteer):
    (inc,) = run("BEIRUT (AP) — Shelling hit Aleppo on Tuesday, activists said.", gazetteer)
    assert inc.place_name == "Aleppo"


def test_west_of_the_capital_resolves_the_capital(gazetteer):
    text = "Fighting raged in Kyiv on Monday.\n\nA missile hit a depot west of the capital on Tuesday."
    incs = run(text, gazetteer)
    strike = [i for i in incs if i.category == "strike"][0]
    assert strike.lon < KYIV[0] and 15 < km(strike, KYIV) < 40 and strike.geo_precision == 2
    assert strike.date == date(2022, 3, 15)


def test_outskirts_and_relative_dates(gazetteer):
    text = ("Shelling hit the outskirts of Kharkiv late last month.\n\n"
            "The road to Mariupol has been closed since the weekend.")
    incs = run(text, gazetteer)
    by_cat = {i.category: i for i in incs}
    s = by_cat["strike"]
    assert s.geo_precision == 2 and km(s, KHARKIV) < 5 and s.radius_km > 10
    assert (s.date_start, s.date_end, s.date_precision) == (date(2022, 2, 21), date(2022, 2, 28), "week")
    r = by_cat["restriction"]
    assert r.date == date(2022, 3, 12) and r.date_end == WED


def test_national_toll_joins_the_disaster(gazetteer):
    text = ("A magnitude 6.5 earthquake struck near Van on Monday.\n\n"
            "On Wednesday the disaster agency said 120 people had been killed in Turkey.")
    incs = run(text, gazetteer, published=date(2023, 2, 10))
    assert len(incs) == 1
    (quake,) = incs
    assert quake.category == "disaster" and quake.date == date(2023, 2, 6)
    assert quake.counts == {"killed": 120} and len(quake.sources) == 2


def test_date_of_a_paragraph_opening_carries_to_the_next_sentence(gazetteer):
    text = ("Artillery units moved closer to Kharkiv on Monday.\n"
            "A rocket attack destroyed a school in Chuhuiv, local officials said.\n\n"
            "Shelling hit Sumy.")
    incs = run(text, gazetteer)
    school = next(i for i in incs if "school" in i.quote)
    assert school.date == date(2022, 3, 14) and school.date_precision == "day"
    sumy = next(i for i in incs if "Sumy" in i.quote)
    assert sumy.date == WED  # a new paragraph without a date: the publication day


def test_a_date_attaches_to_its_own_clause_unless_it_opens_the_paragraph(gazetteer):
    # CODEBOOK 4: a date does not spread to the next sentence's event; "On Sunday, ..." sets the scene
    trailing = run("Talks between the two sides went nowhere on Sunday. Drones struck a depot in Poltava.", gazetteer)
    opening = run("On Sunday, talks between the two sides went nowhere. Drones struck a depot in Poltava.", gazetteer)
    assert next(i for i in trailing if "Poltava" in i.quote).date == WED
    assert next(i for i in opening if "Poltava" in i.quote).date == date(2022, 3, 13)


def test_an_undated_strike_after_a_dated_one_in_its_paragraph_shares_its_day(gazetteer):
    text = "Drones struck a depot in Poltava on Sunday. Rockets hit a bridge in Kremenchuk, killing two."
    incs = run(text, gazetteer)
    assert [i.date for i in incs] == [date(2022, 3, 13), date(2022, 3, 13)]


@pytest.mark.parametrize("sentence, counts", [
    ("About 20,000 people left Mariupol on Tuesday in some 4,000 private cars.", {"evacuated": 20000}),
    ("Some 300 residents leave the besieged city each day.", {"evacuated": 300}),
    ("About 40 people left their homes in Sumy.", {"evacuated": 40}),
    ("The blast left 12 people dead.", {"killed": 12}),
    ("Five soldiers left for the front.", {}),
])
def test_people_leaving_a_place_are_evacuated(sentence, counts):
    assert counts_of(parse(sentence)) == counts


@pytest.mark.parametrize("sentence", [
    "Officers said the gunman fled on foot before they arrived.",
    "A neighbour who ran to her aid was pushed to the ground.",
    "The driver later fled and was found two streets away.",
])
def test_a_culprit_getting_away_or_a_helping_hand_is_no_humanitarian_event(sentence):
    assert "humanitarian" not in {h.category for h in event_heads(parse(sentence)[:])}


def test_the_parse_and_the_entity_labels_go_only_where_they_are_read(gazetteer, monkeypatch):
    # a sentence naming only a country, with no word that may head an event, is not parsed; one naming
    # a town is when a later sentence of its paragraph may point back to it (here "the city"), but needs no
    # entity labels; one whose paragraph names its own towns after it is not
    from mapsvc.extract import pipeline
    seen = []

    def recording(texts, **kwargs):
        docs = real(texts, **kwargs)
        seen.extend((d.text.strip(), bool(d.ents)) for d in docs)
        return docs

    real = pipeline.parse_many
    monkeypatch.setattr(pipeline, "parse_many", recording)
    text = ("Ukraine is a large country. Kharkiv lies 30 km from the border with Russia. "
            "Missiles struck the city on Tuesday, the regional governor Oleh Syniehubov said.\n\n"
            "Odesa is a port. Drones hit Odesa on Wednesday.")
    assert sorted(inc.place_name for inc in run(text, gazetteer)) == ["Kharkiv", "Odesa"]
    assert [s for s, _ in seen] == ["Kharkiv lies 30 km from the border with Russia.",
                                    "Missiles struck the city on Tuesday, the regional governor Oleh Syniehubov said.",
                                    "Drones hit Odesa on Wednesday."]
    assert [labelled for _, labelled in seen] == [False, False, True]  # labels where a place or number is named
