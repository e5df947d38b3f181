"""Date expressions resolved against the publication date (and live-blog entry days)."""
from datetime import date

import pytest

from mapsvc.text.entries import parse_entry_header
from mapsvc.text.timeparse import DateRange, resolve_dates

WED = date(2022, 3, 16)  # a Wednesday


def d(s):
    return date.fromisoformat(s)


@pytest.mark.parametrize("sentence,best", [
    ("Shells fell on Tuesday.", "2022-03-15"),
    ("The convoy left on Monday evening.", "2022-03-14"),
    ("Shelling resumed on Thursday.", "2022-03-10"),  # past tense: last week's Thursday
    ("Talks are due to be held on Friday.", "2022-03-18"),  # future: the coming Friday
    ("Sirens sounded on Wednesday.", "2022-03-16"),  # the publication day itself
    ("Last Wednesday's crash killed 74.", "2022-03-09"),
    ("It came after Thursday's air strike.", "2022-03-10"),
    ("A fifth suspect was arrested later on Tuesday.", "2022-03-15"),  # later that day, not next week
    ("Talks will resume later on Friday.", "2022-03-18"),
])
def test_weekdays(sentence, best):
    assert resolve_dates(sentence, published=WED).best == d(best)


@pytest.mark.parametrize("sentence,start,end,best", [
    ("The town was shelled overnight.", "2022-03-15", "2022-03-16", "2022-03-15"),
    ("Explosions were heard last night.", "2022-03-15", "2022-03-15", "2022-03-15"),
    ("Yesterday volunteers buried the dead.", "2022-03-15", "2022-03-15", "2022-03-15"),
    ("The bridge was blown up last week.", "2022-03-07", "2022-03-13", "2022-03-09"),
    ("Several truces agreed late last month collapsed.", "2022-02-21", "2022-02-28", "2022-02-24"),
    ("The offensive began on March 3.", "2022-03-03", "2022-03-03", "2022-03-03"),
    ("The column was destroyed on 27 February.", "2022-02-27", "2022-02-27", "2022-02-27"),
    ("The road has been closed since the weekend.", "2022-03-12", "2022-03-16", "2022-03-12"),
    ("The town has had no water since Monday.", "2022-03-14", "2022-03-16", "2022-03-14"),
    ("The mayor said two days ago that it had fallen.", "2022-03-14", "2022-03-14", "2022-03-14"),
    ("Fighting flared this morning.", "2022-03-16", "2022-03-16", "2022-03-16"),
    ("A curfew is in force until 7am on Thursday.", "2022-03-16", "2022-03-17", "2022-03-16"),
])
def test_relative_expressions(sentence, start, end, best):
    r = resolve_dates(sentence, published=WED)
    assert (r.start, r.end, r.best) == (d(start), d(end), d(best))
    assert r.start <= r.best <= r.end


def test_the_night_before_counts_from_the_previous_sentence():
    r = resolve_dates("It came after 60 missiles hit the city the night before.", published=WED,
                      previous=d("2022-03-15"))
    assert r.best == d("2022-03-14") and r.end == d("2022-03-15")


@pytest.mark.parametrize("sentence,precision", [
    ("Clashes began in December.", "month"), ("It happened last week.", "week"),
    ("The dam was built in 1998.", "year"), ("Shelling on Tuesday.", "day"),
])
def test_precision(sentence, precision):
    assert resolve_dates(sentence, published=WED).precision == precision


def test_month_without_year_is_the_latest_one_before_publication():
    r = resolve_dates("The ceasefire collapsed in December.", published=date(2024, 1, 30))
    assert (r.start, r.end) == (d("2023-12-01"), d("2023-12-31"))


def test_at_the_end_of_a_month():
    r = resolve_dates("The UN said at the end of April that 96 had died.", published=date(2023, 5, 7))
    assert r.start == d("2023-04-21") and r.end == r.best == d("2023-04-30")


def test_live_blog_entry_anchor():
    tue = date(2023, 9, 12)
    monday = parse_entry_header("Mon 21:45", published=tue)
    assert monday == d("2023-09-11")
    assert resolve_dates("Water poured in this afternoon.", published=tue, anchor=monday).best == monday
    assert resolve_dates("The town was flooded last night.", published=tue, anchor=monday).best == d("2023-09-10")


@pytest.mark.parametrize("line", ["Monday was calm.", "16:40", "Tue 16:40 shelling", "Tue 16:40 fire", ""])
def test_lines_that_are_not_entry_headers(line):
    assert parse_entry_header(line, published=WED) is None


@pytest.mark.parametrize("sentence", ["No date here.", "People may leave.", "The 15-storey block burned."])
def test_no_date(sentence):
    assert resolve_dates(sentence, published=WED) is None


def test_published_must_be_a_date():
    with pytest.raises(TypeError):
        resolve_dates("on Tuesday", published="2022-03-16")


def test_day_range_constructor():
    r = DateRange.day(WED)
    assert (r.start, r.end, r.best, r.precision) == (WED, WED, WED, "day")


@pytest.mark.parametrize("line,day", [
    ("Monday 11 September", "2023-09-11"), ("September 10, 2023 14:05", "2023-09-10"),
    ("Sun 15:30 BST", "2023-09-10"), ("12 Sep", "2023-09-12"),
    # any zone written in capitals, a.m./p.m., a bracketed header
    ("Sun 15:30 HST", "2023-09-10"), ("Sun 9:30 p.m. AEST", "2023-09-10"), ("[Mon 16:30]", "2023-09-11")])
def test_date_lines_are_entry_headers(line, day):
    assert parse_entry_header(line, published=date(2023, 9, 12)) == d(day)


@pytest.mark.parametrize("sentence,start,end,best", [
    # counted from the event told before (2022-03-10 here)
    ("Two days earlier, a shell landed across the border.", "2022-03-08", "2022-03-08", "2022-03-08"),
    ("Three days later the bridge fell.", "2022-03-13", "2022-03-13", "2022-03-13"),
    # a weekday followed by its calendar date takes the date
    ("The storm made landfall late Tuesday, March 1, near the port.", "2022-03-01", "2022-03-01", "2022-03-01"),
    # a date the sentence only says something was due on gives way to the date of what happened
    ("In the city, where he was due to speak on Friday, crowds set a door on fire late on Tuesday.",
     "2022-03-15", "2022-03-15", "2022-03-15"),
    # since a month: from then until publication
    ("Since January the rebels have taken four towns.", "2022-01-01", "2022-03-16", "2022-02-07"),
])
def test_dates_relative_to_the_story(sentence, start, end, best):
    r = resolve_dates(sentence, published=WED, previous=date(2022, 3, 10))
    assert (r.start, r.end, r.best) == (d(start), d(end), d(best))


@pytest.mark.parametrize("sentence,best", [
    ("It was the deadliest day for the city since January 5.", None),
    ("Unrest has gripped the capital since Monday.", "2022-03-14"),
    ("Protesters have camped in protest since Monday.", "2022-03-14"),
])
def test_a_yardstick_since_is_no_date_but_unrest_since_is(sentence, best):
    r = resolve_dates(sentence, published=WED)
    assert (r.best.isoformat() if r else None) == best


def test_by_a_weekday_is_a_past_deadline_in_a_past_clause():
    from datetime import date

    from mapsvc.text.timeparse import resolve_dates

    monday = date(2024, 11, 4)
    past = resolve_dates("By Sunday evening 1,200 residents had arrived at the camp.", published=monday, anchor=monday)
    ahead = resolve_dates("The road will reopen by Friday.", published=monday, anchor=monday)
    before = resolve_dates("The ministry said 266 people had been detained by Friday night.",
                           published=monday, anchor=monday)
    assert (past.start, past.end) == (date(2024, 11, 3), date(2024, 11, 3))
    assert (before.start, before.end) == (date(2024, 11, 1), date(2024, 11, 1))  # the tense stands before
    assert ahead.end == date(2024, 11, 8)


def test_days_apart_in_words_beyond_ten():
    from mapsvc.text.timeparse import find_date_expressions
    assert [kind for _s, _e, kind, _m in find_date_expressions("killed 20 soldiers twelve days earlier")] == ["apart"]
    assert [kind for _s, _e, kind, _m in find_date_expressions("fifteen days ago")] == ["ago"]


def test_days_later_counts_on_from_the_past():
    from datetime import date

    from mapsvc.text.timeparse import resolve_dates

    tuesday = date(2025, 11, 11)
    told = resolve_dates("In September, 14 people were killed there, and days later a riot left 17 dead.",
                         published=tuesday, anchor=tuesday)
    ahead = resolve_dates("The two sides will meet later in September.", published=tuesday, anchor=tuesday)
    assert told.start == date(2025, 9, 1) and ahead.start == date(2026, 9, 1)


def test_months_and_years_that_name_the_past():
    from datetime import date

    from mapsvc.text.timeparse import resolve_dates

    nov = date(2024, 11, 5)

    def start(text):
        found = resolve_dates(text, published=nov, anchor=nov)
        return found.start if found else None

    assert start("In May, a police officer died after being stabbed.") == date(2024, 5, 1)
    assert start("They may come back in may.") is None  # the verb, not the month
    assert start("Last December, an eruption killed 24 climbers.") == date(2023, 12, 1)
    assert start("last November") == date(2023, 11, 1)  # said in November: a year ago
    assert start("the 1999 Chi-Chi quake, which killed about 2,400 people") == date(1999, 1, 1)
    assert start("the 2000 people who fled") is None  # a count, not a year


def test_the_day_a_comparison_measures_against_is_no_date_of_the_event():
    from datetime import date

    from mapsvc.text.timeparse import resolve_dates

    sat = date(2023, 7, 1)
    assert resolve_dates("Cars were torched, though the violence was of lower intensity than the previous night.",
                         published=sat, anchor=sat, previous=date(2023, 6, 30)) is None
    assert resolve_dates("Fewer people than last week marched on Friday.", published=sat,
                         anchor=sat).best == date(2023, 6, 30)


def test_background_dates_of_many_forms():
    from datetime import date

    from mapsvc.text.timeparse import resolve_dates

    aug = date(2024, 8, 3)

    def span(text):
        found = resolve_dates(text, published=aug, anchor=aug)
        return (found.start, found.end) if found else None

    assert span("In June last year, fighters laid siege to a hotel.") == (date(2023, 6, 1), date(2023, 6, 30))
    assert span("In January this year, it erupted.") == (date(2024, 1, 1), date(2024, 1, 31))
    assert span("a war fought in the 1990s") == (date(1990, 1, 1), date(1999, 12, 31))
    assert span("in late 2022") == (date(2022, 1, 1), date(2022, 12, 31))
    assert span("a decade ago")[1].year == 2014


def test_a_month_and_year_after_a_weekday_say_which_day_unless_the_weekday_lies_in_them():
    pub = date(2024, 2, 16)
    black = resolve_dates("Black Saturday, in February 2009, killed 173 people across Victoria.", published=pub)
    assert (black.start, black.end) == (date(2009, 2, 1), date(2009, 2, 28))
    assert resolve_dates("Shelling hit Kharkiv on Tuesday, in February 2024.", published=pub).best == date(2024, 2, 13)


def test_a_stretch_up_to_the_report_s_day_ends_that_day():
    may = date(2024, 5, 22)

    def found(text):
        return resolve_dates(text, published=may, anchor=may)

    year = found("a string of robberies over the past year")
    assert (year.start, year.end, year.precision) == (date(2023, 5, 23), may, "year")
    assert year.best < date(2024, 1, 1)  # a year's events are dated at its middle: no day's news
    day = found("in the past 24 hours, 40 people were rescued")
    assert (day.start, day.best, day.precision) == (date(2024, 5, 21), may, "day")
    assert found("over the last two weeks").start == date(2024, 5, 8)
    assert found("last week").end == date(2024, 5, 19)  # the calendar week before, not the stretch


def test_a_calendar_day_after_until_ends_a_range_in_force_from_the_report_s_day():
    found = resolve_dates("The airport would stay closed to all flights until Jan. 7.", published=date(2024, 12, 30))
    assert (found.start, found.end, found.best) == (date(2024, 12, 30), date(2025, 1, 7), date(2024, 12, 30))


@pytest.mark.parametrize("text,published,day", [
    ("Last week, on Jan. 5, nine people were killed in clan fighting.", date(2024, 1, 12), date(2024, 1, 5)),
    ("Earlier this month, on June 10, truck drivers blocked the highway.", date(2024, 6, 26), date(2024, 6, 10)),
    ("Just a week earlier, on Sept 26, police fired tear gas.", date(2022, 10, 3), date(2022, 9, 26)),
    ("Two days later, on Monday, the road reopened.", date(2024, 6, 26), date(2024, 6, 24)),
])
def test_an_apposition_says_which_day_a_vaguer_date_meant(text, published, day):
    assert resolve_dates(text, published=published, previous=date(2024, 6, 20)).best == day


def test_a_period_a_ranking_runs_over_is_no_date():
    assert resolve_dates("the strongest storm to hit Asia this year", published=date(2024, 9, 10)) is None
    assert resolve_dates("floods this year killed 40", published=date(2024, 9, 10)).precision == "year"


def test_next_to_is_no_word_of_the_future():
    r = resolve_dates("Residents of a block next to the market fled on Sunday.", published=date(2022, 8, 16))
    assert r.start == date(2022, 8, 14)
    r = resolve_dates("The market will reopen next Sunday.", published=date(2022, 8, 16))
    assert r.start == date(2022, 8, 21)
