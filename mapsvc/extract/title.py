"""Short informative titles and display names for incidents.

A title says what happened, where: the event noun of the clause's strongest
trigger ("Shelling", "Evacuation", "Curfew"), what was hit or taken when the
clause names it ("on 15-storey apartment block", "at hospital"), the place as
the report writes it, and the main counts ("20,000 evacuated"). Plain text,
at most :data:`MAX_TITLE` characters, the same for the same clause.
"""
from __future__ import annotations

import logging
import re

from .lexicon import TRIGGERS

__all__ = ["MAX_TITLE", "event_noun", "event_title", "display_name", "target_phrase"]

logger = logging.getLogger(__name__)

MAX_TITLE = 90

# (category, trigger pattern, noun): the first pattern that matches the strongest trigger names the event
_NOUNS = {
    "strike": [(r"air[- ]?strike|air[- ]?raid|warplane|jet", "Air strike"), (r"drone", "Drone strike"),
               (r"missile", "Missile strike"), (r"rocket", "Rocket attack"), (r"shell", "Shelling"),
               (r"artillery", "Artillery fire"), (r"mortar", "Mortar fire"), (r"bomb", "Bombing"),
               (r"explo|blast", "Explosion"), (r"shot down", "Aircraft shot down"), (r"attack", "Attack"),
               (r"", "Strike")],
    "battle": [(r"clash", "Clashes"), (r"assault|storm", "Assault"), (r"pushed back|repel|repuls", "Assault repelled"),
               (r"counter", "Counter-attack"), (r"captur|retook|took control|taken control|overr|seized", "Capture"),
               (r"advanc", "Advance"), (r"offensive", "Offensive"), (r"ambush", "Ambush"),
               (r"gunfire|firefight|exchange|shoot", "Exchange of fire"), (r"siege|besieg|encircl", "Siege"),
               (r"shot down", "Aircraft shot down"), (r"", "Fighting")],
    "civilian_harm": [(r"hostage", "Hostages taken"), (r"human shield", "Human shields"),
                      (r"abduct|kidnap", "Abduction"), (r"loot|steal|plunder", "Looting"), (r"massacre", "Massacre"),
                      (r"execut", "Executions"), (r"tortur", "Torture"), (r"rape|sexual", "Sexual violence"),
                      (r"journalist|camera|reporter", "Journalists {harmed}"), (r"aid worker", "Aid workers killed"),
                      (r"opened fire|shot dead|gunned", "Shooting"), (r"deport|forcibl", "Deportation"),
                      (r"", "Civilians {harmed}")],
    "humanitarian": [(r"corridor", "Evacuation by humanitarian corridor"), (r"evacu", "Evacuation"),
                     (r"refugee", "Refugees"), (r"fled|flee|escap", "People flee"), (r"displace", "Displacement"),
                     (r"pulled|rescue|search", "Rescue effort"), (r"without", "Without basic services"),
                     (r"short", "Shortages"), (r"homeless", "People left homeless"),
                     (r"grave|burying|buried", "Burial of the dead"), (r"famine|starv|hunger", "Hunger"),
                     (r"convoy", "Aid convoy"), (r"aid|relief|supplies|assistance|food|medicine", "Aid delivery"),
                     (r"shelter|slept|sleeping|spent|tent", "People in shelters"),
                     (r"moved|flown|airlift|bused|ferried", "Relocation"), (r"", "Humanitarian situation")],
    "disaster": [(r"aftershock|tremor", "Aftershock"), (r"earthquake|quake|magnitude", "Earthquake"),
                 (r"dam", "Dam collapse"), (r"flood|swept|washed", "Flooding"),
                 (r"hurricane|cyclone|typhoon|tornado|storm|landfall|ashore", "Storm"),
                 (r"wildfire|forest fire|bushfire", "Wildfire"), (r"landslide|mudslide", "Landslide"),
                 (r"tsunami", "Tsunami"), (r"drought", "Drought"), (r"heat", "Heatwave"),
                 (r"volcan|erupt", "Eruption"), (r"crash", "Crash"), (r"derail", "Derailment"),
                 (r"accident", "Accident"), (r"collaps|crumbl|toppl|flatten|rubble|ruin", "Buildings collapse"),
                 (r"fire|blaze|flame", "Fire"), (r"", "Disaster")],
    "restriction": [(r"curfew", "Curfew"), (r"martial", "Martial law"), (r"emergency", "State of emergency"),
                    (r"lockdown", "Lockdown"), (r"arrest|detain|detention", "Arrests"), (r"fine", "Fines"),
                    (r"ban", "Ban"), (r"blockade", "Blockade"), (r"checkpoint", "Checkpoints"),
                    (r"censor", "Censorship"), (r"clos|shut", "Closure"), (r"suspend", "Suspension"),
                    (r"", "Restrictions")],
    "political": [(r"round of talks|talks", "Talks"), (r"negotiat", "Negotiations"), (r"summit", "Summit"),
                  (r"resign|step", "Resignation"), (r"mourning", "Mourning"), (r"sanction", "Sanctions"),
                  (r"ceasefire|truce|armistice", "Ceasefire"), (r"inaugur|sworn", "Inauguration"),
                  (r"protest|demonstr|rall|march|farmer|tractor", "Protest"), (r"election|vote", "Vote"),
                  (r"visit|arriv", "Visit"), (r"met|meet", "Meeting"), (r"broker|mediat", "Mediation"),
                  (r"investigation", "Investigation"), (r"", "Political event")],
    "military": [(r"mobili", "Mobilisation"), (r"reinforcement", "Reinforcements"),
                 (r"warship|frigate|destroyer|naval", "Naval deployment"),
                 (r"exercise|drill|manoeuvre", "Military exercises"),
                 (r"build", "Military build-up"), (r"conscription", "Conscription"), (r"", "Deployment")],
}
_NOUN_RX = {cat: [(re.compile(p, re.I), noun) for p, noun in rows] for cat, rows in _NOUNS.items()}
_SET_FIRE = re.compile(r"\bset (?:fire to|ablaze)\b|\bset (?:[\w-]+ ){1,4}(?:on fire|ablaze)\b", re.I)
_KILLED = re.compile(r"\b(?:killed|dead|died|shot dead)\b", re.I)

_TARGETS = (r"apartment (?:block|building)s?|residential (?:block|building)s?|tower blocks?|blocks? of flats|"
            r"(?:maternity |children's )?hospitals?|clinics?|schools?|kindergartens?|universit(?:y|ies)|markets?|"
            r"shopping (?:centre|center|mall)s?|theatres?|theaters?|churche?s?|mosques?|cathedrals?|"
            r"(?:railway|train|bus|metro) stations?|airports?|airfields?|air bases?|(?:military |logistics )?bases?|"
            r"barracks|(?:nuclear )?power (?:plant|station)s?|substations?|dams?|bridges?|harbou?rs?|ships?|"
            r"tankers?|vessels?|ferr(?:y|ies)|warehouses?|factor(?:y|ies)|refiner(?:y|ies)|(?:oil |fuel )?depots?|"
            r"(?:tv |television )?towers?|(?:refugee )?camps?|baker(?:y|ies)|supermarkets?|restaurants?|hotels?|"
            r"headquarters|garrisons?|embassy|embassies|prisons?|convoys?|homes|houses|buildings?|"
            r"hospital|shelters?")
_TARGET = re.compile(r"(?<![\w-])((?:[\w'’-]+\s+){0,3}?)(" + _TARGETS + r")(?![\w-])", re.I)
_NOT_MODIFIER = frozenset(
    "a an the its their his her this that these those to of in on at by and or with from into onto hit struck was "
    "were is are been be set fire over took held holding near around about some several many two three four five "
    "six seven eight nine ten dozens hundreds after before during while as for which who when where there "
    "tuesday monday wednesday thursday friday saturday sunday overnight also use used between across among all "
    "other more only every each no not s".split())


def event_noun(category: str, clause: str, *, killed: bool = False) -> str:
    """The event noun of ``clause``: what its strongest ``category`` trigger says happened.

    >>> event_noun("strike", "Shelling hit the town overnight.")
    'Shelling'
    >>> event_noun("humanitarian", "8,533 people were evacuated on Tuesday.")
    'Evacuation'
    >>> event_noun("civilian_harm", "Two journalists were killed.", killed=True)
    'Journalists killed'
    """
    best = None
    for rx, weight in TRIGGERS.get(category, ()):
        for m in rx.finditer(clause):
            key = (weight, -m.start())
            if best is None or key > best[0]:
                best = (key, m.group(0))
            break
    word = best[1] if best else ""
    for rx, noun in _NOUN_RX.get(category, [(re.compile(""), "Incident")]):
        if rx.search(word):
            return noun.replace("{harmed}", "killed" if killed else "harmed")
    return "Incident"


def target_phrase(clause: str, *, place_name: str = "") -> str:
    """What the clause says was hit, taken or reached ("15-storey apartment block"), or "".

    >>> target_phrase("A strike set fire to a 15-storey apartment block in the west.")
    '15-storey apartment block'
    >>> target_phrase("Shelling hit Kharkiv.")
    ''
    """
    for m in _TARGET.finditer(clause):
        words = m.group(1).split()
        keep: list = []
        for w in reversed(words):
            low = w.lower()
            if low in _NOT_MODIFIER or not re.match(r"^[\w-]+$", w) or (w[:1].isupper() and w.upper() != w) \
                    or (re.search(r"(?:ing|ed)$", low) and "-" not in low) or len(keep) == 2:
                break
            keep.insert(0, w)
        phrase = " ".join(keep + [m.group(2).lower()])
        if place_name and (phrase.lower() in place_name.lower() or place_name.lower() in phrase.lower()):
            continue
        return phrase
    return ""


def _count_phrase(counts: dict) -> str:
    parts = [f"{v:,} {k}" for k, v in list(counts.items())[:2]]
    return ", ".join(parts)


def _place_prep(noun: str, category: str, clause: str, place_name: str, near: bool) -> str:
    """"of" for what was taken, "from"/"to" for people on the move, else "in" or "near"."""
    if noun in ("Capture", "Siege"):
        return "of"
    if noun == "Visit":
        return "to"
    if noun.startswith(("Evacuation", "People flee", "Refugees", "Displacement", "Relocation")) and place_name:
        m = re.search(r"\b(from|left|leave|leaving|fled|into|to|towards)\s+(?:the\s+)?" + re.escape(place_name),
                      clause, re.I)
        if m:
            return "to" if m.group(1).lower() in ("into", "to", "towards") else "from"
    return "near" if near else "in"


def event_title(category: str, clause: str, *, place_name: str, near: bool, counts: dict) -> str:
    """Title of an event: "Missile strike on 15-storey apartment block in Kyiv (3 killed)".

    >>> event_title("humanitarian", "About 20,000 people left the city along a humanitarian corridor.",
    ...             place_name="Mariupol", near=False, counts={"evacuated": 20000})
    'Evacuation by humanitarian corridor in Mariupol (20,000 evacuated)'
    """
    clause = " ".join(clause.split())
    noun = event_noun(category, clause, killed=bool(_KILLED.search(clause)))
    target = target_phrase(clause, place_name=place_name) if category in (
        "strike", "battle", "civilian_harm") or noun in ("Fire", "Buildings collapse", "Explosion") else ""
    if target and target.split()[-1][:4].lower() in noun.lower():
        target = ""  # "Buildings collapse at buildings" says nothing more
    where = f"{_place_prep(noun, category, clause, place_name, near)} {place_name}" if place_name else ""
    extra = _count_phrase(counts)
    prep = "on" if category in ("strike", "battle") else "at"
    if category == "strike" and _SET_FIRE.search(clause):
        prep = "sets fire to"  # "Strike sets fire to 15-storey apartment block in ..."
    options = [
        [noun, f"{prep} {target}" if target else "", where, f"({extra})" if extra else ""],
        [noun, where, f"({extra})" if extra else ""],
        [noun, where],
    ]
    for parts in options:
        title = " ".join(p for p in parts if p)
        if len(title) <= MAX_TITLE:
            return title
    return title[:MAX_TITLE - 3].rstrip() + "..."


def display_name(place, start: int, mentions: list) -> str:
    """The place's name as the report writes it: the mention at ``start`` or the nearest one before.

    Falls back to the gazetteer name when no mention resolved to ``place``
    (a leading "the" is dropped, kind words such as "region" are kept).
    """
    same = [t for t in mentions if t.place is not None and t.place.id == place.id]

    def clean(t):
        name = re.sub(r"^(?:the)\s+", "", " ".join(t.text.split()), flags=re.I)
        name = re.sub(r"(?:'s|’s)$", "", name)
        return name if name and not (name.isupper() and len(name) > 4) else ""

    ordered = sorted(same, key=lambda t: (t.start > start, abs(t.start - start)))
    for t in ordered:
        name = clean(t)
        if name:
            return name
    return place.name
