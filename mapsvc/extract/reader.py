"""Reading a report sentence by sentence: the events of each parsed sentence, placed and dated.

Each event head (``events``) takes its place from its own clause (``places``), else from an anaphor ("the
city"), the rest of its sentence that no other event governs, the event it names again ("the raid": where its
kind was last told), the state that acts, a local speaker, the paragraph's focus (in a paragraph that has named
no place yet, the report's town), and last what the report is about (the capital for national acts, the
report's town, region or country). Its date comes from its clause, then its sentence (``dates``); a clause
without one continues the paragraph's dated story of its kind or takes the publication day. A toll of no
category ("three people were killed") gives its counts to the event it is tied to in the tree.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Optional

from .anaphora import ANAPHOR_KINDS, anaphor_kinds, antecedent, names_unknown_town_part, sites_of
from .arguments import (cause_tokens, hurt_without_fighting, is_definite, names_no_side, subject_names,
                        subject_seats, subjects)
from .care import HURTING as _TOLL_STORIES, arrival_of_transfer, day_of_hurt, scene_of_hurt
from .counts import counts_of
from .docplaces import DocumentPlaces, EventTowns, flights_told
from .dates import background, date_before_or_after, date_for, dateline_end
from .clauses import clause_root, clause_tokens, dated_end, without_others_dates, without_relative_clauses
from .events import hurts_no_one
from .frames import classes_of
from .shares import add_at_each_place
from .merge import Event, add_event, story_kind
from .nested import framed_tokens, purpose_tokens, remembered_tokens, told_as_time, who_tokens
from .owners import divide_sentence
from .places import (KIND_RANK, Candidate, clause_places, conjoined_clause_places, is_subject, locate, mentions_in,
                     role_of)
from .speakers import said_tokens, self_reporting_towns
from .telling import (category_counted_from, category_of_main_subject, dated_by_statement, described_noun,
                      description, names_told_event, own_date_words, state_of_object, tells_again, tells_damage)
from .title import target_phrase, title_noun
from ..geoparse.context import contains
from ..geoparse.spatial import apply_relation, parse_relation
from ..text.entries import is_time_line, parse_entry_header
from ..text.timeparse import DateRange, find_date_expressions, resolve_dates

__all__ = ["Reader"]

#: Acts that follow an attack or disaster (closures, evacuations, arrests): undated, they go on its day.
_FOLLOW_ON = frozenset({"restriction", "humanitarian"})
#: Acts of a state, placed in the state that acts when the text names no other place.
_STATE_ACTS = frozenset({"political", "military", "restriction"})
#: Words of a day still to come: a stated day after the report's in a clause with one is a plan.
_FUTURE = re.compile(r"\b(?:next(?!\s+to\b)|tomorrow|coming|upcoming|will|later this)\b", re.I)


class Reader:
    """Reads a report's sentences in order, keeping the state the next sentence needs."""

    def __init__(self, text: str, places: DocumentPlaces, published: date, prior: str, story: str = ""):
        self.text, self.places, self.published, self.prior = text, places, published, prior
        self.fighting, self.unrest = story == "fighting", story == "unrest"  # armed sides fight; crowds riot
        self.events: list = []
        self.anchor: Optional[date] = None  # the day of the current live-blog entry
        self.previous: Optional[date] = None  # the date of the last event read
        self.focus: Optional[Candidate] = None  # the place the paragraph's story is about
        self.kind_places: dict = {}  # story kind -> the place of its last event read
        self.event_towns = EventTowns()  # the towns the report's events were read at, and how often
        self.paragraph = self.focus_paragraph = -1  # the paragraph read, and the one that set the focus
        self.story_days: dict = {}  # story kind -> day of the paragraph's last dated event of that kind
        self.kind_days: dict = {}  # story kind -> day of the report's (or live-blog entry's) last dated one
        self.first_days: dict = {}  # story kind -> day of its first dated one: the story's own event
        self.lede: Optional[tuple] = None  # (day, place, story kind) of the report's (or entry's) first dated event
        self.lead: Optional[DateRange] = None  # a dated paragraph opening ("On Tuesday, ...")
        self.last_category, self.last_paragraph = "", -1
        self.sentence_start = self.told_from = 0  # where the sentence and the one before it in its paragraph start
        self.dated_by_default = False  # the last date read was the story's first day or the news default
        self.sites: dict = {}  # lemma of a building or site ("market") -> the place of the event it was named in
        self.told: dict = {}  # (lemma, part of speech) of an event word -> the category of the last event it headed
        self.subjects: set = set()  # where the paragraph's places named as a clause's subject start

    @property
    def ref(self) -> date:
        return self.anchor or self.published

    def _new_entry(self, day: date) -> None:
        """A live-blog entry starts: its day anchors dates, and nothing carries over."""
        self.anchor, self.previous, self.focus, self.story_days, self.kind_days = day, day, None, {}, {}
        self.first_days, self.lede, self.kind_places = {}, None, {}

    def _new_paragraph(self, sent) -> None:
        self.paragraph, self.story_days, self.subjects = sent.paragraph, {}, set()
        # a paragraph that opens on a date ("On Tuesday, ...") sets the scene for its sentences
        opening = find_date_expressions(sent.text[:20])
        found = resolve_dates(sent.text, published=self.published, anchor=self.ref,
                              previous=self.previous) if opening and opening[0][0] < 5 else None
        self.lead = found if found is not None and found.precision == "day" else None

    def sentence(self, sent, kind: str, doc, heads: list) -> None:
        """Read one sentence (``sent`` from ``split_sentences``, ``doc`` its parse or None when unparsed,
        ``heads`` its ``events.event_heads``)."""
        day = parse_entry_header(sent.text, published=self.published)
        if day is None and is_time_line(sent.text):
            day = self.ref  # "18:20": a new entry of the same day
        if day is not None:
            self._new_entry(day)
            return
        if kind in ("title", "headline", "related", "note"):
            return
        if sent.paragraph != self.paragraph:
            self._new_paragraph(sent)
            self.told_from = self.sentence_start = sent.start
        else:  # what the sentence before it in its paragraph named is still in view
            self.told_from, self.sentence_start = self.sentence_start, sent.start
        if doc is None:
            return  # no place and no word that could head an event: nothing to read
        filed = sent.start + dateline_end(sent.text)  # where the story was filed is not where it happened
        mentions = [m for m in mentions_in(doc, sent.start, self.places.between(sent.start, sent.end))
                    if m.toponym.start >= filed]
        # "Rapid" of "Rapid Support Forces" is no place "the village" points back to (a country still is one)
        self.places.landmarks |= {m.toponym.start for m in mentions if role_of(m) == "name"
                                  and m.toponym.place.kind != "country"}
        self.subjects |= {m.toponym.start for m in mentions if is_subject(m) and role_of(m) == "place"}
        if not heads:
            self._topic(mentions, doc, sent)
            return
        self._read_heads(heads, mentions, doc, sent)

    def _topic(self, mentions: list, doc, sent) -> None:
        """A sentence without an event may still name the town the next ones are about."""
        towns = clause_places([m for m in mentions if KIND_RANK.get(m.toponym.place.kind, 0) >= 4],
                              {t.i for t in doc}, doc[0], sent.text, sent.start,
                              focus=self.focus or self.places.main_town_candidate())
        if towns:
            self.focus, self.focus_paragraph = towns[0], self.paragraph

    def _read_heads(self, heads: list, mentions: list, doc, sent) -> None:
        primary, owned = divide_sentence(heads, doc)
        self.before = self.previous, dict(self.kind_days)  # one "the following day" dates every event it governs
        for head in primary:
            self._event(head, owned.get(head.token.i, []), mentions, doc, sent)

    def _category(self, head, clause: list) -> str:
        plain = head.category == head.frame.category  # the frame's own category, not one its arguments gave
        if ("aftermath" in head.frame.flags and plain or "unstated" in head.frame.flags and head.unqualified) \
                and story_kind(self.prior) == "violence" and not told_as_time(head.token):  # "a week after a fire"
            return self.prior  # "explosions were reported in Lviv" in a report of war: strikes; "an attack" told
            # without its means, target or attacker is of the story's kind
        if "arson" in head.frame.flags and plain and self.unrest:
            return "political"  # "stores along Western Avenue burned" in a report of riots: the crowd's arson
        if "exchange" in head.frame.flags and plain and self.fighting and hurts_no_one(head.token):
            return "battle"  # "bursts of gunfire in the south of the city" in a report of war: the armed sides fight
        if "sides" in head.frame.flags and not self.fighting and names_no_side(head.token):
            return "political"  # "three died in clashes in Chittagong" in a report of protests
        if (told := self.told.get((head.token.lemma_, head.token.pos_))) and names_told_event(head.token) and plain:
            return told  # "the strike was disproportionate": the walkout already told
        if head.category == "battle" and "casualty" in head.frame.flags and self.last_paragraph == self.paragraph \
                and self.last_category in ("political", "restriction") and hurt_without_fighting(head.token):
            return "political"  # "441 police officers were injured" in a paragraph of protests: the protests'
        if head.category:
            return head.category
        if during := category_counted_from(clause):
            return during  # "five were killed during Thursday's protests": the protests' toll
        # a toll without its own event belongs to the paragraph's story, else to what the report is about
        if self.last_paragraph == self.paragraph and self.last_category in _TOLL_STORIES:
            return self.last_category
        return self.prior

    def _place(self, head, clause: list, mentions: list, sent, category: str, scope: set) -> tuple:
        """(candidates, carried): the clause's places, an anaphor's, the sentence's, a speaker's, the story's."""
        # people moved are placed where they leave; a leader who flies somewhere visits it (CODEBOOK 3)
        movement = "movement" in head.frame.flags and category != "political"
        arrived = arrival_of_transfer(head.token, category, mentions, sent)  # "taken to J.J. Hospital in Parel"
        if arrived is not None:
            return [arrived], False
        scope = scope - remembered_tokens(head.token) - purpose_tokens(head.token) - said_tokens(head.token) \
            - who_tokens(head.token)
        clause_ids = {t.i for t in clause}
        # not what another event head of the clause governs, nor the place of an event named as its time
        framed = framed_tokens(head.token)
        own_clause = clause_ids & scope - framed
        cands = clause_places(mentions, own_clause, head.token, sent.text, sent.start, movement=movement,
                              focus=self.focus)
        pointed = None if cands else self._pointed_back(head, clause, sent)
        named = cands or (pointed[0] if pointed is not None else [])
        if "national" in head.frame.flags and self.places.only_its_country(named):
            # "declared national mourning, with flags at half-mast across the country": the country is the
            # act's reach, not where it was done; a national act is the capital's (CODEBOOK 3)
            return [self.places.fallback("political")], True
        if pointed is not None:
            return pointed
        if not cands:
            cands = self_reporting_towns(head.token, mentions, sent)
            if cands:
                return cands, False
        if not cands and movement:  # "ordered people to leave after Mount Ruang erupted": they leave the danger
            cands = clause_places(mentions, cause_tokens(head.token), head.token, sent.text, sent.start,
                                  focus=self.focus)
        if not cands and category == "political":  # "the U.N. Security Council in New York voted": where it sits
            seats = subject_seats(head.token, mentions)
            if seats:
                return [locate(seats[0], sent.text, sent.start, via="speaker")], False
        if not cands and "national" in head.frame.flags and self.places.capital is not None:
            # CODEBOOK 3: a national act with no place of its own is the capital's, not the place of
            # another act in the sentence ("declared national mourning and visited a centre in L'Eliana")
            return [self.places.fallback("political")], True
        # the sentence's places that no other event governs: "water broke through a dyke in Ostrava,
        # flooding streets" places the flooding in Ostrava; the clause's own places weigh more
        wider = clause_places(mentions, scope - own_clause - framed, head.token,
                              sent.text, sent.start, movement=movement, focus=self.focus)
        cands = sorted([replace(c, score=c.score + 1.0) for c in cands] + wider, key=lambda c: -c.score)
        if not cands:  # "searched the rubble after the earthquake in Hatay": the earlier event's place
            cands = clause_places(mentions, scope & framed, head.token, sent.text, sent.start, movement=movement,
                                  focus=self.focus)
        if cands:
            return cands, False
        return self._place_told_elsewhere(head, clause_ids, mentions, sent, category)

    def _place_told_elsewhere(self, head, clause_ids: set, mentions: list, sent, category: str) -> tuple:
        """(candidates, carried) of a clause that names no place: a coordinated clause's, the told event's,
        the acting state's, a local speaker's, else the story's."""
        shared = conjoined_clause_places(head.token, mentions, sent, "movement" in head.frame.flags)
        if shared:  # "the governor declared a state of emergency, and Biden approved aid for Mississippi"
            return shared, False
        told = self.kind_places.get(story_kind(category)) or self.focus  # not where the UN met in between
        if names_told_event(head.token) and told is not None:
            return [told], True  # "the raid cut power", "the crash came eight months after": the event told
        if category in _STATE_ACTS:  # "Peru declared a state of emergency along its border": in Peru
            states = [m for m in mentions if m.root.i in clause_ids and role_of(m) == "actor"]
            if states:
                return [locate(states[0], sent.text, sent.start, via="actor")], False
        # "the regional governor of Zhytomyr said two were killed": the speaker's place ("Moscow says": a state
        # speaking, no place; "New South Wales' premier visited the roundabout": acts there, not in the polity)
        acting = subjects(clause_root(head.token))
        speakers = [m for m in mentions if role_of(m) == "speaker" and 2 <= KIND_RANK.get(m.toponym.place.kind, 0)
                    and m.root.dep_ not in ("nsubj", "nsubjpass") and "armed" not in classes_of(m.root.head.lemma_)
                    and m.root.head not in acting]
        if speakers:
            return [locate(speakers[0], sent.text, sent.start, via="speaker")], False
        town = self.places.main_town_candidate()
        if town is not None and names_unknown_town_part(head.token.sent):
            # "soldiers patrolling the Tierra Blanca neighborhood": a part of the story's town (CODEBOOK 3)
            return [town], True
        # a paragraph that has named no place yet goes on with the story's town (where most of its events so far
        # were, else the town it names most), not with where the paragraph before ended ("killed in Culvert.")
        stale = self.focus is not None and self.focus_paragraph != self.paragraph
        focus = (self.event_towns.most() or town or self.focus) if stale else self.focus
        fallback = focus or self.places.fallback(category)
        return ([fallback] if fallback is not None else []), True

    def _site_named_again(self, head) -> Optional[Candidate]:
        """ "visited the market": the place of the event the market was named in before."""
        site = next((s for s in sites_of(head) if s.lemma_.lower() in self.sites and is_definite(s)), None)
        return None if site is None else replace(self.sites[site.lemma_.lower()], via="anaphor")

    def _pointed_back(self, head, clause: list, sent) -> Optional[tuple]:
        """(candidates, carried) of a clause that points back to its place: an anaphor ("the city"), a site
        named before ("the market"), the scene of the story's event ("died at the scene"); else None."""
        referred = self._antecedent(clause, sent) or self._site_named_again(head.token)
        if referred is not None:
            return [referred], False
        scene = scene_of_hurt(clause, self.events)
        return None if scene is None else ([scene], True)

    def _remember_sites(self, head, place: Candidate) -> None:
        """ "attacked a market in Gwoza": the building or site where the event happened is at its place."""
        for site in sites_of(head):
            self.sites[site.lemma_.lower()] = place

    def _antecedent(self, tokens: list, sent) -> Optional[Candidate]:
        """ "the city", "the capital": the place an anaphor of the clause points back to."""
        kinds, word = anaphor_kinds(tokens)
        if kinds is None:
            return None
        # "about 10km north of the town": the relation written before the anaphor moves its point
        relation = parse_relation(sent.text[:word.left_edge.idx])
        nation = self.places.demonyms_between(sent.start, sent.end) if kinds == ANAPHOR_KINDS["country"] else []
        if kinds == ("capital",):
            place, start = self.places.capital, 0
        elif nation and not any(m.place.kind == "country" for m in self.places.between(sent.start, sent.end)):
            place, start = nation[0].place, nation[0].start  # "Czech police said four had died nationwide"
        else:
            country = self.places.country.country if self.places.country is not None else ""
            t = antecedent(kinds, self.places.before(sent.start + tokens[0].idx), country, self.places.landmarks,
                           sentence_start=self.told_from, own_sentence=sent.start, subjects=self.subjects)
            if t is None and self.focus is not None:  # "fled the village": the unnamed village just told
                return replace(self.focus, via="anaphor")
            place, start = (None, 0) if t is None else (t.place, t.start)
        return None if place is None else Candidate(place, apply_relation(place, relation), 0.0, start, "anaphor")

    def _event(self, head, owned: list, mentions: list, doc, sent) -> None:
        clause = clause_tokens(clause_root(head.token))
        category = self._category(head, clause)
        cands, carried = self._place(head, clause, mentions, sent, category, {t.i for t in owned})
        if not cands:
            return
        flights = flights_told(head.token, clause)
        best = self.places.at_airport(cands[0]) if flights else cands[0]
        start, end = sent.start + clause[0].idx, dated_end(head.token, clause, sent.start)
        dates, explicit = self._event_date(head, clause, sent, (start, end), category, carried, best)
        if dates is None:
            return
        counts = counts_of(owned, head=head.token)
        if "casualty" in head.frame.flags and carried and not counts:
            return  # "the number of soldiers killed": a toll without figure or place tells no event
        span = (sent.start, sent.end)
        target = target_phrase(head.token) if category in ("strike", "battle", "civilian_harm") else ""
        noun = title_noun(head, category, self.events)
        new = Event(category, best, dates, explicit, counts, [span], noun, target,
                    policing="policing" in head.frame.flags, names=subject_names(head.token),
                    damage=tells_damage(head.token, head.frame), again=names_told_event(head.token),
                    undated=self.ref if not explicit and self.dated_by_default else None,
                    stated=explicit and tells_again(head) and dated_by_statement(head.token, doc))
        if carried:
            add_event(self.events, new, carried=True)
        else:
            add_at_each_place(self.events, new, cands[0], head.token, mentions, sent,
                              self.places.at_airport if flights else None)
            if not ("care" in head.frame.flags and category == "humanitarian"):  # the hurt taken elsewhere:
                self.focus, self.focus_paragraph = best, self.paragraph  # the story stays where they were hurt
            self.kind_places[story_kind(category)] = best
            self.event_towns.add(best)
            if best.via == "mention":
                self._remember_sites(head.token, best)
        if explicit:
            self.story_days[story_kind(category)] = dates.best
            self.kind_days[story_kind(category)] = dates.best
            self.first_days.setdefault(story_kind(category), dates.best)
            self.lede = self.lede or (dates.best, best.place, story_kind(category))
        self.previous, self.last_category, self.last_paragraph = dates.best, category, self.paragraph
        self.told[head.token.lemma_, head.token.pos_] = category

    def _event_date(self, head, clause: list, sent, span: tuple, category: str, carried: bool, best) -> tuple:
        """(DateRange, explicit) of an event, or (None, False) when it is history or a plan."""
        start, end = span
        # a place pointed back to continues the story: an undated event there is on the story's day;
        # an event noun and its relative clause date each other ("a shooting that ... late Sunday", "the 1999 quake, which")
        own = own_date_words(head.token if head.token.dep_ not in ("relcl", "acl") else described_noun(head.token))
        described = description(head.token)
        own = own or (self.text[sent.start + described[0]:sent.start + described[1]] if described else "")
        dates, explicit = self._date(own, "", category, False) if own else (None, False)
        if own and dates is None:
            return None, False  # "since the October offensive": the noun's own date makes it history
        if not explicit and (hurt := day_of_hurt(head.token, category, self.events)) is not None:
            return hurt, False
        if not explicit:
            told = self._day_of_told(category_of_main_subject(head.token))
            measured = date_before_or_after(head.token, sent.text, ref=self.ref, published=self.published,
                                            previous=self.before[0], told=told)
            if measured is not None:
                return measured, True
            # "offered a reward for those behind the bombing": the bombing told before keeps its day
            again = (names_told_event(head.token) and (head.token.lemma_, head.token.pos_) in self.told
                     or state_of_object(head.token)) and story_kind(category) in self.kind_days
            said = without_others_dates(sent.text, head.token)  # what dates this event, not a thing's past
            in_clause = without_relative_clauses(said, head.token)[start - sent.start:end - sent.start]
            dates, explicit = self._date(in_clause, "" if again else said, category,
                                         carried or again or best.via == "anaphor", clause, place=best)
        return dates, explicit

    def _day_of_told(self, category: Optional[str]) -> Optional[date]:  # its story's last dated day
        return self.kind_days.get(story_kind(category)) if category else None

    def _date(self, clause: str, sentence: str, category: str, carried: bool, tokens=None,
              place: Optional[Candidate] = None) -> tuple:
        """(DateRange, explicit) of an event, or (None, False) for background."""
        # "the same day", "hours later": counted from the last event of this kind, else the last event
        previous = self.before[0]
        dates, explicit = date_for(clause, sentence, ref=self.ref, published=self.published, previous=previous,
                                   continuing=carried, story_previous=self.before[1].get(story_kind(category)))
        counted_from = category_counted_from(tokens) if not explicit else None  # told before, of any kind
        after = (self._day_of_told(counted_from) or previous) if counted_from else None
        # the news default, or the story's first day below: a disaster's toll may yet take its onset's day
        self.dated_by_default = not explicit and after is None and not (carried and previous is not None)
        if after is not None:  # "the evacuation went on after the shelling": the shelling's day (CODEBOOK 4)
            dates = DateRange.day(after)
        elif not explicit:
            story_day = self.story_days.get(story_kind(category))
            if story_day is None and category in _FOLLOW_ON:
                # a closure or evacuation told after the paragraph's dated attack or disaster follows it
                story_day = self.story_days.get("violence") or self.story_days.get("disaster")
            if story_day is not None:
                dates, self.dated_by_default = DateRange.day(story_day), False  # the paragraph's story goes on
            elif self.lead is not None:
                # "On Tuesday, X. A strike hit Y.": Y on Tuesday
                dates, explicit, self.dated_by_default = self.lead, True, False
            elif story_kind(category) in self.first_days:
                # a place hit by a dated storm, quake or wave of protests, undated: that day (CODEBOOK 4)
                dates = DateRange.day(self.first_days[story_kind(category)])
            elif place is not None and self.lede is not None and story_kind(category) == "violence" \
                    and self.lede[2] in ("violence", "political") and contains(self.lede[1], place.place):
                # "Three were killed in Senegal on Friday ... In Saint-Louis, a student died": part of it
                dates = DateRange.day(self.lede[0])
        if background(dates, self.ref, carried):
            return None, False
        if explicit and dates.start > self.ref and _FUTURE.search(clause):
            return None, False  # "next Wednesday, Azerbaijan is holding an election": a plan, not yet an event
        return dates, explicit
