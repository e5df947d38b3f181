"""Acts the codebook counts and how their category, place and parts are read (short reports written for these
tests, the real gazetteer and parser)."""
from datetime import date

from mapsvc.extract.pipeline import extract_incidents
from mapsvc.model import Report


def run(text, gazetteer, published):
    return extract_incidents(Report(text, published=published), gazetteer=gazetteer)


def test_sides_fighting_with_guns_are_armed(gazetteer):
    # written for this test: clans are no army, but a clash fought with guns and machetes is fighting
    incs = run("Nine people were killed on Friday when rival clans clashed with guns and machetes near Wabag.",
               gazetteer, published=date(2024, 1, 6))
    assert [(i.category, i.place_name) for i in incs] == [("battle", "Wabag")]


def test_the_charge_of_an_arrest_is_no_event_of_its_own(gazetteer):
    # written for this test: the looting is what the arrests answer, told as their charge
    incs = run("Police said 41 people had been arrested in Port Moresby by Friday morning, most of them for "
               "looting.", gazetteer, published=date(2024, 1, 12))
    assert [(i.category, dict(i.counts)) for i in incs] == [("restriction", {"detained": 41})]


def test_a_leader_flying_somewhere_visits_it(gazetteer):
    # written for this test (CODEBOOK 2 and 3: a visit is political, placed where the leader goes); the flight
    # and the visit told in one sentence are one visit
    incs = run("The interior minister flew to Quetta on Wednesday and visited wounded passengers at the "
               "military hospital.", gazetteer, published=date(2025, 3, 13))
    assert [(i.category, i.place_name, str(i.date)) for i in incs] == [("political", "Quetta", "2025-03-12")]
    incs = run("Grenada's prime minister flew to Carriacou this morning to survey the damage.", gazetteer,
               published=date(2024, 7, 2))
    assert [(i.category, i.place_name) for i in incs] == [("political", "Carriacou")]
    # people flown out are still placed where they leave
    incs = run("Tour operators flew 3,000 holidaymakers home from the Greek island of Rhodes on Sunday.", gazetteer,
               published=date(2023, 7, 25))
    assert [(i.category, i.place_name) for i in incs] == [("humanitarian", "Rhodes")]


def test_a_load_carried_says_help_arrived(gazetteer):
    # written for this test: a coast guard vessel is armed, but one that arrives carrying food brings help
    incs = run("A coast guard vessel arrived at Hillsborough, the island's main town, carrying drinking water, "
               "food and tarpaulins.", gazetteer, published=date(2024, 7, 2))
    assert [(i.category, i.place_name) for i in incs] == [("humanitarian", "Hillsborough")]


def test_a_month_named_as_a_possessive_dates_the_clause_describing_its_event(gazetteer):
    # written for this test: "May" is tagged a person here, yet "May's crackdown" happened in May; and what the
    # unrest is compared with is the past, not where the unrest is
    incs = run("The unrest has drawn comparisons with May's crackdown in Tajikistan's Gorno-Badakhshan region, "
               "where security forces killed protesters in Khorog.", gazetteer, published=date(2022, 7, 5))
    recent = [(i.place_name, str(i.date)) for i in incs if i.date >= date(2022, 6, 5)]
    assert not [p for p, _d in recent if "Khorog" in p or "Badakhshan" in p], recent
    # the event's own noun ("the 1999 Chi-Chi quake") keeps its own date
    incs = run("It is the strongest earthquake in Taiwan since the 1999 Chi-Chi quake, which killed about 2,400 "
               "people.", gazetteer, published=date(2024, 4, 3))
    assert not [i for i in incs if i.date >= date(2024, 3, 1)]


def test_an_office_holder_acting_is_not_placed_in_their_polity(gazetteer):
    # written for this test: the premier of a state visits the scene of the story's crash, not the state
    incs = run("A coach crashed at a roundabout in Greta on Sunday night, killing ten people.\n\n"
               "New South Wales' premier visited the roundabout on Monday afternoon and laid flowers beside the "
               "road.", gazetteer, published=date(2023, 6, 13))
    assert [(i.category, i.place_name) for i in incs] == [("disaster", "Greta"), ("political", "Greta")]


def test_another_nouns_year_does_not_date_an_event_and_forces_withdraw_from_where_they_were(gazetteer):
    # written for this test: the uprising's year is the city's past; a withdrawal is placed where forces left
    incs = run("Local armed groups have taken control of Daraa, the city where the 2011 uprising began, and "
               "government forces have withdrawn from Sweida, a war monitor said.", gazetteer,
               published=date(2024, 12, 8))
    assert sorted((i.category, i.place_name, str(i.date)) for i in incs) == [
        ("battle", "Daraa", "2024-12-08"), ("military", "Sweida", "2024-12-08")]


def test_who_says_they_did_it_did_it_and_footage_shows_what_happened(gazetteer):
    # written for this test (CODEBOOK 4: an event known from a statement is an incident)
    incs = run("Rebels say they have taken full control of Homs.", gazetteer, published=date(2024, 12, 8))
    assert [(i.category, i.place_name) for i in incs] == [("battle", "Homs")]
    incs = run("Crowds stormed the Iranian embassy in Damascus this morning, smashing windows, footage verified "
               "by news agencies shows.", gazetteer, published=date(2024, 12, 8))
    assert [(i.category, i.place_name) for i in incs] == [("political", "Damascus")]
    # what a statement denies still did not happen
    incs = run("The army denied that its troops had shelled Homs.", gazetteer, published=date(2024, 12, 8))
    assert incs == []


def test_a_phrasal_verb_whose_noun_the_parser_hangs_elsewhere_is_still_read(gazetteer):
    # written for this test: the small parser hangs "way" on "before"; "gave way" is still a collapse
    incs = run("Dozens of houses were buried in Ubatuba when the slope above them gave way before dawn on Sunday.",
               gazetteer, published=date(2023, 2, 21))
    assert [(i.category, i.place_name, str(i.date)) for i in incs] == [("disaster", "Ubatuba", "2023-02-19")]


def test_what_an_actor_acted_to_do_does_not_place_the_act(gazetteer):
    # written for this test: the soldiers went to the depot in Sitakunda's story, not to the sea they protect
    incs = run("Soldiers were deployed to the fire in Chattogram on Sunday to prevent chemicals from flowing into "
               "the Bay of Bengal.", gazetteer, published=date(2022, 6, 5))
    assert {i.place_name for i in incs} == {"Chattogram"}, [(i.category, i.place_name) for i in incs]
    # people who went somewhere to do something were there
    incs = run("Twelve women who had gone to gather firewood near Titao were abducted by armed men on Monday.",
               gazetteer, published=date(2024, 10, 16))
    assert [i.place_name for i in incs] == ["Titao"]


def test_seizing_guns_is_a_police_act_not_a_capture(gazetteer):
    # written for this test: what was seized is arms, not a town
    incs = run("Police said on Saturday that officers had seized 14 unregistered guns in Cetinje overnight.",
               gazetteer, published=date(2022, 8, 13))
    assert [(i.category, i.place_name) for i in incs] == [("restriction", "Cetinje")]


def test_an_apposition_says_which_day_a_span_counted_from_an_event_is(gazetteer):
    # written for this test: "on Aug. 3" says the day; the demonstrations "this year" are generic
    incs = run("A man shot dead ten people in Cetinje on Friday.\n\nCetinje has seen tense demonstrations this "
               "year. Nine days before the shooting, on Aug. 3, thousands of people protested in Cetinje's central "
               "square.", gazetteer, published=date(2022, 8, 13))
    assert [(i.category, str(i.date)) for i in incs] == [("civilian_harm", "2022-08-12"), ("political", "2022-08-03")]


def test_security_forces_firing_on_protesters_harm_civilians_on_the_day_the_date_says(gazetteer):
    # written for this test: "Friday prayers" name the weekly prayer; "on Sept. 30" says which Friday
    incs = run("In the city of Zahedan, security forces opened fire on protesters after Friday prayers on Sept. 30, "
               "killing at least 66 people.", gazetteer, published=date(2022, 10, 27))
    shootings = [i for i in incs if i.counts]
    assert [(i.category, str(i.date), dict(i.counts)) for i in shootings] == [
        ("civilian_harm", "2022-09-30", {"killed": 66})]


def test_the_dead_of_a_clash_name_its_sides(gazetteer):
    # written for this test: an officer among the dead is a side that fought
    incs = run("Officials said one officer and eight gunmen were killed in clashes near Rushon on Wednesday.",
               gazetteer, published=date(2022, 5, 19))
    assert [(i.category, i.place_name) for i in incs] == [("battle", "Rushon")]


def test_a_train_due_to_depart_is_no_flight(gazetteer):
    # written for this test: the station's train departs from the station, not from the city's airport
    incs = run("A suicide bomber blew himself up on Saturday among passengers at the main station in Quetta, "
               "shortly before the Jaffar Express was due to depart.", gazetteer, published=date(2024, 11, 10))
    assert [(i.category, i.place_name) for i in incs] == [("strike", "Quetta")]


def test_where_a_toll_was_announced_is_no_place_of_the_deaths(gazetteer):
    # written for this test: the news conference was in Winnipeg; the victim died of the crash near Carberry
    incs = run("A bus collided with a truck near Carberry on Thursday, killing 14 people.\n\nPolice said a 15th "
               "victim died overnight in hospital, raising the toll from 14 announced at a news conference in "
               "Winnipeg on Thursday evening.", gazetteer, published=date(2023, 6, 16))
    assert {i.place_name for i in incs} == {"Carberry"}, [(i.category, i.place_name) for i in incs]


def test_a_when_clause_after_since_a_month_is_that_months(gazetteer):
    # written for this test: "since April 2018" is a yardstick; the crash the when-clause tells was in April 2018
    incs = run("It was one of the worst crashes in Canada since April 2018, when a truck collided with a bus near "
               "Tisdale, killing 16 people.", gazetteer, published=date(2023, 6, 16))
    assert not [i for i in incs if i.date > date(2018, 4, 30)], [(i.place_name, str(i.date)) for i in incs]


def test_how_often_events_happen_is_no_event(gazetteer):
    # written for this test (CODEBOOK 1: generic statements are no incidents)
    assert run("Protests are rare in Sierra Leone and have usually been met with force.", gazetteer,
               published=date(2022, 8, 11)) == []


def test_people_demonstrating_or_chanting_protest(gazetteer):
    # written for this test: common verbs of protest the frame table lacked
    incs = run("Thousands of people demonstrated outside parliament in Tbilisi on Sunday night.", gazetteer,
               published=date(2024, 12, 2))
    assert [(i.category, i.place_name) for i in incs] == [("political", "Tbilisi")]
    incs = run("Crowds chanted slogans against the government in Mahabad late on Wednesday.", gazetteer,
               published=date(2022, 10, 27))
    assert [(i.category, i.place_name) for i in incs] == [("political", "Mahabad")]


def test_common_words_of_fighting_protest_and_loss_are_read(gazetteer):
    # written for this test: words the frame table lacked (each row's own examples are run by test_frames)
    incs = run("Two gunmen died in a shootout with police in Culiacan on Friday.", gazetteer, published=date(2024, 9, 14))
    assert [(i.category, i.place_name) for i in incs] == [("battle", "Culiacan")]
    incs = run("Protesters occupied the airport in Bangkok on Tuesday.", gazetteer, published=date(2024, 9, 14))
    assert [(i.category, i.place_name) for i in incs] == [("political", "Bangkok")]
    incs = run("At least 40 people perished in the floods in Derna.", gazetteer, published=date(2023, 9, 14))
    assert [(i.category, dict(i.counts)) for i in incs] == [("disaster", {"killed": 40})]


def test_a_shelter_that_was_hit_is_the_target_not_help_given(gazetteer):
    # written for this test: a bus shelter set on fire is what the rioters hit, in the town named after it
    incs = run("Hours later, groups of youths set fire to cars, rubbish bins and a bus shelter in Mantes-la-Jolie.",
               gazetteer, published=date(2025, 6, 17))
    assert [(i.category, i.place_name) for i in incs] == [("political", "Mantes-la-Jolie")]
    # a shelter where people are taken in is still help given
    incs = run("Hundreds of residents spent the night in a shelter in Mantes-la-Jolie.", gazetteer,
               published=date(2025, 6, 17))
    assert [(i.category, i.place_name) for i in incs] == [("humanitarian", "Mantes-la-Jolie")]


def test_a_participle_describing_a_thing_tells_no_event_beside_the_act(gazetteer):
    # written for this test: burning tyres are what the blockade was made with, no fire of their own
    incs = run("Protesters briefly blocked the BR-163 highway near Sinop, in Mato Grosso state, early this morning "
               "with burning tyres.", gazetteer, published=date(2023, 1, 9))
    assert [i.category for i in incs] == ["political"]


def test_a_name_with_its_area_kind_word_after_the_is_that_area_not_a_river(gazetteer):
    # written for this test: "the Dnipro" may be a river, but "the Krasnaya Yaruga district" is the district
    # (the name alone is a town in the index), where people were moved out, not the region it borders
    text = ("Ukrainian drones killed two people in Russia's Belgorod region on Wednesday.\n\n"
            "In the Krasnaya Yaruga district, which borders Ukraine's Sumy region and has been hit by drones "
            "almost daily for weeks, the authorities on Wednesday began moving residents out of nine villages.")
    incs = run(text, gazetteer, published=date(2025, 7, 10))
    (moved,) = [i for i in incs if i.category == "humanitarian"]
    assert "Krasnaya Yaruga" in moved.place_name


def test_how_far_an_event_reached_is_no_place_of_it(gazetteer):
    # written for this test (CODEBOOK 3: not a place where it was only felt or seen)
    incs = run("A powerful earthquake struck Muzaffarabad on Saturday. Its tremors rattled buildings as far away as "
               "Kabul and New Delhi.", gazetteer, published=date(2005, 10, 9))
    assert [i.place_name for i in incs] == ["Muzaffarabad"]
    incs = run("Fire crews fought a huge blaze at an oil depot near Hemel Hempstead on Sunday. The plume stretched as "
               "far as Oxfordshire and Berkshire.", gazetteer, published=date(2005, 12, 12))
    assert [i.place_name for i in incs] == ["Hemel Hempstead"]


def test_a_participle_of_a_dated_event_noun_takes_that_date(gazetteer):
    # written for this test: the toll of a 1935 quake, told in a participle of what it did, is history
    incs = run("A powerful earthquake struck Muzaffarabad on Saturday. Seismologists said it was the deadliest "
               "earthquake in the area since a 1935 quake destroyed the city of Quetta, killing around 30,000 people.",
               gazetteer, published=date(2005, 10, 9))
    assert [(i.place_name, str(i.date)) for i in incs] == [("Muzaffarabad", "2005-10-08")]


def test_what_someone_is_accused_of_is_no_event_of_its_own(gazetteer):
    # written for this test: the arrest is the news; the assault is what the man is suspected of
    incs = run("Police in Tacoma arrested a man on suspicion of assaulting a sheriff's deputy.", gazetteer,
               published=date(2009, 12, 1))
    assert [i.category for i in incs] == ["restriction"]


def test_an_event_of_the_kind_before_this_one_is_history(gazetteer):
    # written for this test: a fact box's "previous deadly tsunami" is not today's
    incs = run("A tsunami hit Apia on Tuesday.\n\n* Previous deadly Pacific tsunami: 1998, Aitape, Papua New Guinea",
               gazetteer, published=date(2009, 9, 30))
    assert [i.place_name for i in incs] == ["Apia"]


def test_a_relative_clause_does_not_date_the_clause_around_it(gazetteer):
    # written for this test (CODEBOOK 4: a date attaches to its own clause): the flight home was overnight,
    # the visit on Thursday morning
    incs = run("Suicide bombers struck three hotels in Amman on Wednesday night.\n\n"
               "King Abdullah, who cut short a visit to Kazakhstan and flew home overnight, visited wounded survivors "
               "at a hospital in Amman on Thursday morning.", gazetteer, published=date(2005, 11, 10))
    assert ("Amman", "2005-11-10") in [(i.place_name, str(i.date)) for i in incs if i.category == "political"]


def test_a_place_noun_in_apposition_to_a_name_describes_it(gazetteer):
    # written for this test: "the main town in the far north" says what Antsiranana is; it points back to no
    # other town (the capital told before)
    text = ("The night-time curfew is in force again in Antananarivo from 7pm.\n\n"
            "Authorities in Antsiranana, the main town in the far north, have now imposed their own curfew from "
            "8pm tonight.")
    incs = run(text, gazetteer, published=date(2025, 9, 26))
    assert sorted(i.place_name for i in incs) == ["Antananarivo", "Antsiranana"]


def test_reports_from_a_town_tell_what_happened_there(gazetteer):
    # written for this test: where the reports come from is where the protest was, not the capital
    text = ("Police fired tear gas at protesters in Antananarivo on Thursday.\n\n"
            "Reports from Antsiranana say protesters blocked the main avenue in the town centre this afternoon.")
    incs = run(text, gazetteer, published=date(2025, 9, 26))
    assert ("political", "Antsiranana") in [(i.category, i.place_name) for i in incs]


def test_a_toll_told_during_a_told_event_is_that_events(gazetteer):
    # written for this test: the dead of a protest are the protest's, not a disaster's or a strike's
    text = ("Police fired tear gas at thousands of protesters in Antananarivo on Thursday.\n\n"
            "Hospital sources in the capital say at least five people were killed during Thursday's protests and "
            "the looting that followed.")
    incs = run(text, gazetteer, published=date(2025, 9, 26))
    assert [(i.category, dict(i.counts)) for i in incs] == [("political", {"killed": 5})]


def test_an_event_shared_out_among_places_is_placed_at_each_even_without_a_codebook_count(gazetteer):
    # written for this test (CODEBOOK 3: one incident per listed place): drones downed are no homes
    # destroyed, and the speaker's city is no place of the strikes
    incs = run("The defence ministry in Moscow said its air defences had destroyed 41 Ukrainian drones overnight: "
               "18 over the Belgorod region, 14 over the Kursk region and nine over the Bryansk region.", gazetteer,
               published=date(2025, 7, 10))
    assert sorted(i.place_name for i in incs) == ["Belgorod region", "Bryansk region", "Kursk region"]
    assert not [i for i in incs if "homes" in i.counts]


def test_an_event_more_than_about_a_month_old_is_background(gazetteer):
    # written for this test (CODEBOOK 1): eight weeks before publication is context, a week before is news
    text = ("Israeli warplanes struck Khan Younis on Friday.\n\n"
            "The war began on Oct. 7, when Hamas fighters stormed southern Israel, killing about 1,200 people.")
    incs = run(text, gazetteer, published=date(2023, 12, 2))
    assert [str(i.date) for i in incs] == ["2023-12-01"]
    incs = run("Israeli warplanes struck Khan Younis on Friday.\n\nOn Nov. 24, a truce began in Gaza.", gazetteer,
               published=date(2023, 12, 2))
    assert "2023-11-24" in [str(i.date) for i in incs]


def test_a_danger_guarded_against_is_no_event(gazetteer):
    # written for this test: men who gather to protect a mosque from attack tell of no attack
    incs = run("Several hundred men gathered outside the Lakemba mosque late last night, saying they were there to "
               "protect it from attack.", gazetteer, published=date(2005, 12, 12))
    assert not [i for i in incs if i.category in ("strike", "battle", "civilian_harm")]


def test_an_act_weighed_is_no_event(gazetteer):
    # written for this test: governments considering air strikes strike nothing yet (CODEBOOK 1: plans)
    incs = run("Western governments weighed air strikes against the gunners around Tuzla on Sunday.", gazetteer,
               published=date(1994, 2, 6))
    assert incs == [], [(i.category, i.place_name) for i in incs]


def test_the_day_of_what_followed_gives_way_to_the_events_own_day(gazetteer):
    # written for this test: Sunday is the day of the weighing; the shell's own day is told next, and "shortly
    # after noon on Saturday" is a time of that day, not "shortly after" the event told before
    text = ("Western governments weighed air strikes on Sunday after a mortar shell killed 68 people in a market in "
            "Tuzla.\n\nThe shell hit the market in Tuzla shortly after noon on Saturday.")
    incs = run(text, gazetteer, published=date(1994, 2, 6))
    assert [(i.category, str(i.date), i.counts.get("killed")) for i in incs] == [("strike", "1994-02-05", 68)]


def test_a_fire_in_a_report_of_riots_is_the_crowds(gazetteer):
    # written for this test: the stores burned in the riots told before; nothing says an accident (CODEBOOK 2:
    # arson from a crowd is a protest)
    text = ("Thousands of protesters marched through Mombasa on Friday. Riots broke out in Mombasa in the evening.\n\n"
            "On Saturday, stores along the main avenue in Kisauni burned.")
    incs = run(text, gazetteer, published=date(2024, 6, 30))
    assert {i.category for i in incs if i.place_name == "Kisauni"} == {"political"}, \
        [(i.category, i.place_name) for i in incs]
