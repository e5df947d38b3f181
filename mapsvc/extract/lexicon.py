"""Word lists for incident extraction: event triggers by category, count nouns, place roles.

General news vocabulary, written for this project (not taken from any report):
each trigger is a regular expression with a weight. A sentence's category is
the one whose triggers weigh most; ties go to the earlier one in ``PRIORITY``.
"""
from __future__ import annotations

import re

__all__ = [
    "TRIGGERS", "PRIORITY", "CASUALTY", "HEADLINE_CATEGORIES", "COUNT_DIRECT", "PERSON_NOUNS",
    "ROLE_VERBS", "category_scores", "SKIP_AFTER_NUMBER", "ANAPHOR",
]

PRIORITY = ("strike", "battle", "civilian_harm", "humanitarian", "disaster", "restriction",
            "military", "political", "other")

#: Categories a headline of another story may have (it is no event of this report).
HEADLINE_CATEGORIES = ("political",)

_T = {
    "strike": [
        (r"shell(?:ed|ing|fire)", 3), (r"shells?", 2), (r"missiles?", 3), (r"rockets?", 3), (r"air[- ]?strikes?", 4),
        (r"air[- ]?raids?", 3), (r"drone strikes?", 4), (r"drones?", 2), (r"bomb(?:s|ed|ing|ings|ardment|arded)?", 3),
        (r"artillery", 2), (r"mortars?(?: rounds?)?", 3), (r"explosions?", 3), (r"blasts?", 3), (r"barrages?", 3),
        (r"struck", 2), (r"strikes?", 2), (r"hit", 1),
        (r"(?<!if )(?<!if it was )(?<!if they were )attack(?:s|ed)?", 3), (r"pummell?ed", 2),
        (r"pounded|pounding", 2), (r"warplanes?|jets?", 2), (r"cluster munitions?", 3), (r"landed", 1),
        (r"shot down (?:an? |the |\w+ )?(?:[\w-]+ )?(?:plane|jet|warplane|drones?|helicopter|aircraft|missiles?|"
         r"fighter|bomber)s?", 2), (r"destroyed", 2), (r"targeted|targeting", 2), (r"explod(?:ed|ing)", 3),
        (r"burnt-out|burned-out", 1),
        (r"(?:strikes|shelling|explosions|blasts) (?:were|was|have been|had been) (?:also )?"
         r"(?:reported|heard|recorded)", 2),
    ],
    "battle": [
        (r"clash(?:es|ed)", 4), (r"clash", 2), (r"fighting", 3), (r"fought", 3),
        (r"battles?(?! with (?:cancer|illness|disease|leukaemia|leukemia|addiction|depression|the bottle))", 2),
        (r"gunfire", 4),
        (r"(?<!sexual )(?<!sexually )(?<!aggravated )(?<!indecent )assaults?"
         r"(?! cases?| charges?| rifles?| weapons?| brigade| regiment| battalion| division| corps| units?)", 3),
        (r"to storm|stormed", 3), (r"pushed back|repell?ed|repulsed", 3), (r"advanc(?:e|ed|ing)", 2),
        (r"(?:troops|forces|soldiers|units|army) (?:[\w-]+ ){0,3}?advanc(?:ed|ing)", 2),
        (r"offensive", 2), (r"(?:re)?captur(?:ed|ing)|retook|recaptured|overran|overrun", 3),
        (r"(?:took|taken|seized|gained|assumed|wrested) (?:full |complete |total )?control", 3),
        (r"(?:taken|took|seized|entered) (?:the |two |three |four |five |several )?(?:village|town|city|settlement|"
         r"hamlet)s?(?: of)?", 3),
        (r"press(?:ed|ing) (?:on with )?(?:their|its|the) (?:[\w-]+ )?(?:offensive|assault|advance)", 2),
        (r"seized", 2),
        (r"counter-?attacks?|counter-?offensive", 3), (r"firefights?|exchanges? of fire|shoot-?outs?", 4),
        (r"ambush(?:ed)?", 3), (r"shot down (?:an? |the |\w+ )?(?:[\w-]+ )?(?:plane|jet|warplane|drones?|helicopter|"
         r"aircraft|missiles?|fighter|bomber)s?", 3), (r"combat", 2),
        (r"besieged|encircled|siege", 2),
        (r"armoured column", 2), (r"still hold|hold(?:s)? the", 1), (r"resistance", 1), (r"attackers", 2),
        (r"troops? (?:entered|moved into)", 2), (r"tanks? (?:had |have |has )?(?:returned|rolled|entered|pushed)", 3),
        (r"frontline|front line", 1),
    ],
    "civilian_harm": [
        (r"hostages?(?! deal| talks| negotiations| release| exchange| families)", 5), (r"human shields?", 5),
        (r"abduct(?:ed|ion|ions)?|kidnap(?:ped|ping|pings)?", 4),
        (r"loot(?:ing|ed|ers)?|stealing|plunder(?:ed|ing)?", 4), (r"massacres?", 4), (r"execut(?:ed|ions?)", 3),
        (r"tortur(?:e|ed)", 3), (r"rape[sd]?", 3), (r"civilians?", 2), (r"journalists?|cameram[ae]n|reporters?", 2),
        (r"aid workers? (?:were |was )?killed", 3), (r"forcibly|deported", 2), (r"sexual violence", 4),
        (r"opened fire on (?:a |the )?(?:crowds?|protesters|demonstrators|civilians|worshippers|mourners|villagers)", 5),
        (r"shot dead|gunned down|beaten to death", 3), (r"(?:mass|school|drive-by) shootings?", 5),
        (r"shooters?|gunm[ae]n|shooting spree|shot (?:and killed|dead|at)", 2),
        (r"protesters|demonstrators|children|worshippers", 1),
    ],
    "humanitarian": [
        (r"evacuat(?:e|ed|ing|ion|ions)", 4), (r"evacuees", 4), (r"humanitarian corridors?", 4),
        (r"(?<!to her )(?<!to his )(?<!to their )(?<!to the )(?<!to our )\baid\b(?! workers| agenc(?:y|ies)| groups?| officials| organi[sz]ations?)", 3),
        (r"convoys?", 2), (r"relief", 2), (r"refugees?", 3),
        (r"fled|flee(?:ing)?|escape[sd]?|escaping", 3), (r"displaced|displacement", 3), (r"shelters?", 2),
        (r"rescue(?:d|rs| teams?| workers)?", 3), (r"search(?:-and-rescue| teams?)", 3),
        (r"without (?:electricity|water|power|heating|food)", 4),
        (r"running (?:short|out)"
         r"(?! of (?:artillery|ammunition|shells|weapons|missiles|air[- ]defen[cs]e|interceptors))|"
         r"shortages?(?! of (?:artillery|ammunition|shells|weapons|missiles))", 3),
        (r"homeless", 3), (r"tents?", 2), (r"slept in|sleeping in|spent (?:[\w-]+ ){1,2}nights? in", 4),
        (r"mass graves?|burying the dead|buried the dead", 3), (r"supplies", 2), (r"pulled [\w\s-]{0,40}alive", 3),
        (r"survivors", 1), (r"famine|starvation|hunger", 3),
        (r"(?:have|had|has) to be moved|been moved to|were moved to", 3),
        (r"humanitarian (?:access|aid|assistance)", 3), (r"food|water|medicines?", 1),
        (r"deliver(?:ed|ing|ies|y)", 2),
        (r"suspend(?:ed|ing)? (?:all )?(?:food |aid )?(?:distributions?|deliveries|aid)", 3),
        (r"(?:brought|taken|admitted|rushed|airlifted) (?:in)?to (?:[\w-]+ ){0,3}?hospitals?", 3),
        (r"(?:teams?|crews|convoys?|volunteers) (?:[\w-]+ ){0,4}?(?:had |have |has )?(?:reached|arrived (?:in|at))", 3),
        (r"flown out|airlifted|bused out|ferried out", 3),
        (r"(?:ordered|told|urged|asked) (?:[\w,-]+ ){0,6}?to (?:leave|evacuate|flee)", 4),
        (r"(?:dropping|dropped|airdropp\w*|air-dropp\w*) (?:food|aid|supplies|water)|airdrops?", 3),
        (r"field hospitals?|(?:set up|pitched) (?:in )?tents", 3),
    ],
    "restriction": [
        (r"curfews?", 6), (r"martial law", 6), (r"state of emergency", 6), (r"state of (?:natural )?disaster", 6),
        (r"lockdown", 5),
        (r"closed|closure|shut(?: down)?", 3), (r"ban(?:s|ned)?", 3), (r"fined|fines", 4),
        (r"(?<!fear of )(?<!risk of )(?<!threat of )(?<!threatened with )arrest(?:s|ed)?|"
         r"detain(?:ed|ees)?|detention", 4),
        (r"blockade[sd]?", 2), (r"checkpoints?", 2),
        (r"in force", 2), (r"imposed", 2),
        (r"(?:suspended|cancell?ed|grounded|halted) (?:all )?(?:\w+ )?flights|"
         r"flights (?:were |was )?(?:suspended|cancell?ed|grounded|halted)|halted (?:all )?operations", 3),
        (r"restrictions?", 3),
        (r"suspended", 2), (r"censor(?:ed|ship)", 3),
    ],
    "political": [
        (r"talks", 4), (r"round of talks", 6), (r"negotiat(?:e|ed|ions?|ors?)", 3), (r"\bmet\b|meetings?|\bmeet\b", 2),
        (r"visit(?:s|ed|ing)?", 3),
        (r"(?:president|prime minister|minister|governor|king|queen|leader|chancellor|mayor)\b[^.;]{0,60}?\b"
         r"(?:toured|tours|touring|surveyed|surveys|surveying|flew over|inspected)", 5), (r"summit", 4),
        (r"arriv(?:e|es|ed) in", 3), (r"elections?|vote[sd]?", 3),
        (r"resign(?:ed|s|ation)?|step(?:ped)? down|stepping down", 4), (r"mourning", 4),
        (r"sanctions?", 3), (r"ceasefire|truces?|armistice", 3),
        (r"address(?:ed)? (?:the )?\w* ?(?:congress|parliament)", 3),
        (r"parliament|congress", 2),
        (r"protest(?:s|ers|ed|ing)?|demonstrat(?:ions?|ors|ed)|rall(?:y|ies|ied)|marched", 4),
        (r"tear ?gas|water cannons?|riot police|rioters|riots|rioting|rubber bullets", 3),
        (r"blocked (?:a |the )?(?:main )?(?:road|street|highway|motorway|junction)", 3),
        (r"farmers", 2), (r"tractors", 2), (r"vow(?:ed|ing) to", 1),
        (r"candidate status|(?:EU|NATO|UN) membership", 3), (r"investigation", 2),
        (r"diplomats?|envoys?|delegations?", 2), (r"agreement|deal|accord", 2), (r"declared", 2),
        (r"brokered|mediat(?:ed|ion)", 3),
        (r"(?:security |peace |press |news |donor )?conference|speech|addressed", 3), (r"inaugurat(?:ed|ion)", 4),
        (r"sworn in", 4),
    ],
    "military": [
        (r"(?:re)?deploy(?:s|ed|ing|ment|ments)?", 3), (r"mobili[sz](?:ed|ation|ing)", 4),
        (r"reinforcements?", 3), (r"stationed", 3), (r"warships?|frigates?|destroyers?|naval mission", 3),
        (r"military exercises?|drills|manoeuvres", 3), (r"troops? (?:were |are )?moving", 2), (r"build-?up", 3),
        (r"conscription", 3), (r"armoured vehicles", 2), (r"massed", 2),
    ],
    "disaster": [
        (r"earthquakes?|quakes?", 6), (r"tremors?|aftershocks?", 4), (r"magnitude", 4),
        (r"flood(?:s|ing|ed|waters)?", 6), (r"storms?", 3), (r"hurricanes?|cyclones?|typhoons?|tornado(?:es)?", 6),
        (r"wildfires?|forest fires?|bushfires?", 6),
        (r"(?<!hostile )(?<!gun)(?<!open )(?<!opened )(?<!opening )(?<!under )(?<!of )(?<!returned )\bfires?\b(?! (?:department|service|brigade|station|chief|fighters?|crews?))|"
         r"blaze|ablaze|flames", 2), (r"landslides?|mudslides?", 6),
        (r"collaps(?:e|ed|ing)", 2),
        (r"dams? [\w\s]{0,20}(?:burst|gave way|failed|broke|breached|collapsed|(?:was|were) destroyed|blown up)", 5),
        (r"swept away", 4), (r"burst (?:its|their) banks|overflow(?:ed|ing)", 5),
        (r"tsunami", 6), (r"drought", 5), (r"crash(?:ed|es)?", 3), (r"derail(?:ed|ment)", 5), (r"accident", 3),
        (r"heat ?wave", 5), (r"crumbled|toppled|flattened|rubble|ruins", 2), (r"came ashore|made landfall", 5),
        (r"volcan(?:o|ic)|eruption", 6), (r"epicent(?:re|er)", 4), (r"cracks? (?:appeared|opened)|cracked", 2),
        (r"under ?water|submerged|inundated", 4),
        (r"fires? (?:broke|breaking|breaks) out|caught fire|went up in flames|set (?:ablaze|on fire)", 3),
        (r"washed (?:out|away)", 3), (r"wiped out", 3), (r"devastat(?:ed|ing)", 2),
        (r"(?:ripped|tore|blew|torn|blown) (?:[\w-]+ ){0,3}?roofs? off|"
         r"roofs? (?:was |were )?(?:ripped|torn|blown) off", 3),
        (r"tore open", 2),
    ],
}

#: Casualty words give a sentence event weight but no category of their own.
CASUALTY = re.compile(r"\b(?:killed|killing|dead|died|deaths?|death toll|wounded|injured|injuring|hurt|drowned|"
                      r"crushed|electrocuted|"
                      r"casualties|lost their lives|bodies)\b", re.I)

TRIGGERS = {cat: [(re.compile(r"(?<![\w-])(?:" + p + r")(?![\w])", re.I), w) for p, w in pats]
            for cat, pats in _T.items()}

#: words that make violence-like words belong to a disaster (an earthquake "struck", a fire)
_NATURAL = re.compile(r"\b(?:earthquakes?|quakes?|tremors?|floods?|flooding|storms?|hurricanes?|cyclones?|"
                      r"wildfires?|landslides?|magnitude|tsunami)\b", re.I)
_ATTACK = re.compile(r"\b(?:attacks?|strikes?|shell(?:s|ed|ing)|missiles?|rockets?|bomb\w*|drones?|"
                     r"artillery|mortars?)\b", re.I)


_CULPRIT_FLED = re.compile(r"\b(?:suspects?|assailants?|gunm[ae]n|shooters?|robbers?|thie(?:f|ves)|attackers?|"
                           r"driver|burglars?|culprits?|perpetrators?|fugitives?|he|she)\s+(?:then\s+|later\s+|had\s+|"
                           r"have\s+|has\s+)?(?:fled|escaped)\b", re.I)
_NOT_HOSTAGE_TAKING = re.compile(
    r"\b(?:(?:free|freed|freeing|release|released|releasing|rescue|rescued|rescuing|return|returned)\s+"
    r"(?:the\s+|all\s+|of\s+the\s+)?(?:[\w-]+\s+){0,2}?hostages|hostages\s+(?:were|was|are|be)\s+"
    r"(?:freed|released|rescued|returned)|(?:relatives|families|supporters|parents)\s+of\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}?hostages)\b", re.I)
_CAUSE = re.compile(r"\b(?:after|following|amid|since|in response to|in retaliation for|because of|due to)\b", re.I)


# one alternation per category finds out cheaply whether any of its triggers occurs
_ANY = {cat: re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{p})" for p, _w in pats) + r")(?![\w])", re.I)
        for cat, pats in _T.items()}


def _raw_scores(text: str) -> dict:
    scores = {}
    for cat, pats in TRIGGERS.items():
        if not _ANY[cat].search(text):
            continue
        total = sum(w for rx, w in pats if rx.search(text))
        if total:
            scores[cat] = total
    return scores


#: "condemned the attack on the camps": the event is the object of a statement, told elsewhere.
_STATEMENT_OBJECT = re.compile(
    r"\b(?:condemn\w*|denounc\w*|deplor\w*|criticis\w*|criticiz\w*|denied|denies|deny|mourn\w*)\s+(?:the\s+|this\s+|"
    r"that\s+|these\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|shelling|bombings?|killings?|raids?|"
    r"massacres?)(?:\s+on\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?[\w-]+)?", re.I)


#: "short of artillery shells", "deliveries of missiles": arms as goods, not arms used.
_MATERIEL = re.compile(
    r"\b(?:short(?:age)?s? of|running (?:short|low|out) of|deliver(?:y|ies) of|suppl(?:y|ies) of|stocks? of|"
    r"stockpiles? of|production of|(?:send|sent|sending|provide|provided|providing|supply|supplying|donate[sd]?)\s+"
    r"(?:more\s+|new\s+)?)\s*(?:[\w-]+\s+){0,2}?(?:artillery|shells|missiles|weapons|ammunition|munitions|drones|"
    r"rockets|tanks|jets|air[- ]defen[cs]es?|interceptors)\b", re.I)


def _discount(scores: dict, category: str, weight: float) -> None:
    """Take ``weight`` off a category's score; a category left at zero or below is no candidate."""
    scores[category] -= weight
    if scores[category] <= 0:
        del scores[category]


def category_scores(text: str) -> dict:
    """Trigger weight of each category in ``text`` (quotes should be masked already).

    Words after "after", "amid", "following" ... name a cause or background:
    they count half when the words before them already make an event.

    >>> s = category_scores("Shelling hit the town overnight.")
    >>> max(s, key=s.get)
    'strike'
    >>> s = category_scores("A curfew was imposed after drone strikes.")
    >>> max(s, key=s.get)
    'restriction'
    """
    text = _MATERIEL.sub(" ", _STATEMENT_OBJECT.sub(" ", text))
    cause = _CAUSE.search(text)
    scores = _raw_scores(text[:cause.start()] if cause else text)
    if cause:
        tail = _raw_scores(text[cause.end():])
        if scores and max(scores.values()) >= 3:
            for cat, w in tail.items():
                scores[cat] = scores.get(cat, 0) + w / 2
        else:
            for cat, w in tail.items():
                scores[cat] = scores.get(cat, 0) + w
    if "civilian_harm" in scores and _NOT_HOSTAGE_TAKING.search(text):
        _discount(scores, "civilian_harm", 5)  # hostages freed, or their families protesting: no hostage-taking
        if re.search(r"\b(?:freed|rescued|freeing|rescuing)\b", text, re.I):
            scores["humanitarian"] = scores.get("humanitarian", 0) + 3
    if "humanitarian" in scores and _CULPRIT_FLED.search(text):
        _discount(scores, "humanitarian", 3)  # "the gunman fled": a culprit getting away, no one displaced
    natural = bool(_NATURAL.search(text))
    attack = bool(_ATTACK.search(text))
    if "disaster" in scores and natural and not attack:
        # "the quake struck", "hit about nine hours later": the words belong to the disaster
        scores["disaster"] += scores.pop("strike", 0) // 2
        scores.pop("battle", None) if scores.get("battle", 0) <= 2 else None
    elif attack and "disaster" in scores and not natural:
        # a fire after a strike is part of the strike
        scores["strike"] = scores.get("strike", 0) + scores.pop("disaster")
    return scores


#: Nouns that are counted directly: "60 missiles" -> missiles.
COUNT_DIRECT = {
    "missiles": "missiles", "missile": "missiles", "rockets": "rockets", "drones": "drones", "shells": "shells",
    "hostages": "hostages", "refugees": "refugees", "evacuees": "evacuated", "bodies": "killed",
    "deaths": "killed", "dead": "killed", "casualties": "casualties", "injuries": "injured",
    "homes": "homes", "houses": "homes", "buildings": "buildings", "trucks": "trucks", "lorries": "trucks",
    "vehicles": "vehicles", "tanks": "tanks", "aircraft": "aircraft",
    "prisoners": "prisoners", "detainees": "detained", "arrests": "detained", "killed": "killed",
    "injured": "injured", "wounded": "injured", "missing": "missing", "displaced": "displaced",
    "evacuated": "evacuated", "rescued": "rescued", "dead,": "killed",
}

PERSON_NOUNS = re.compile(
    r"(?:people|persons|civilians|children|kids|residents|women|men|soldiers|troops|fighters|"
    r"servicemen|families|patients|doctors|journalists|workers|villagers|inhabitants|citizens|"
    r"students|migrants|passengers|pupils|babies|others|more|adults|elderly|staff|nationals|"
    r"foreigners|individuals|victims|militants|officers|police|policemen|members|protesters|rescuers|"
    r"demonstrators|activists|opponents|detainees|sailors|crew|crew members|guests|tourists)\b", re.I)

#: (pattern, noun): verbs that say what happened to counted people.
ROLE_VERBS = [
    (re.compile(r"\b(?:taken|held|kept|seized) (?:as )?hostages?|\bhostage\b", re.I), "hostages"),
    (re.compile(r"\b(?:killed|killing|dead|died|lost their lives|perished|death toll|drowned|crushed to death|"
                r"electrocuted)\b", re.I), "killed"),
    (re.compile(r"\b(?:injured|injuring|wounded|wounding|hurt)\b", re.I), "injured"),
    (re.compile(r"\bmissing\b", re.I), "missing"),
    (re.compile(r"\b(?:evacuat\w+|escape[sd]?|rescued from|bused out|taken out|relocated|moved (?:[\w-]+ ){0,3}?"
                r"(?:to|into|out of) (?:the )?(?:relief|safety|safer|shelters?|camps?|its path|higher ground))\b", re.I),
     "evacuated"),
    (re.compile(r"\brescued\b|\bpulled [\w\s]{0,20}alive\b|\b(?:lifted|airlifted|winched|plucked) "
                r"(?:[\w-]+ ){0,3}?(?:by|from|to|off)\b", re.I), "rescued"),
    (re.compile(r"\b(?:spent (?:the )?(?:[\w-]+ )?nights? in|took shelter|sheltering|moved to|taken to|brought to) "
                r"(?:[\w,-]+ ){0,3}?"
                r"(?:shelters?|camps?|schools)\b", re.I), "evacuated"),
    # "20,000 people left Mariupol", "thousands leave the city": people leaving a place (not "left dead")
    (re.compile(r"\b(?:[Ll]eft|[Ll]eaves?|[Ll]eaving)\s+(?:(?:the|their)\s+)?(?:[A-Z][\w'’-]+|"
                r"(?:besieged |encircled |occupied )?(?:city|town|village|area|region|port|country|homes?)\b)"), "evacuated"),
    (re.compile(r"\b(?:fled|flee|fleeing|crossed (?:into|from|over|the border))\b", re.I), "refugees"),
    (re.compile(r"\bdisplaced\b|\bhomeless\b", re.I), "displaced"),
    (re.compile(r"\b(?:detained|arrested|captured)\b", re.I), "detained"),
    (re.compile(r"\btrapped\b", re.I), "trapped"),
]

#: A number followed by these is a measure or a time, not a count.
SKIP_AFTER_NUMBER = re.compile(
    r"^\s*(?:%|per ?cent|percent|am\b|pm\b|a\.m\.|p\.m\.|GMT|BST|UTC|hours?|minutes?|seconds?|days?|weeks?|"
    r"months?|years?|decades?|centuries|km|kms|kilomet\w+|miles?|metres?|meters?|m\b|feet|ft|nautical|"
    r"degrees?|C\b|F\b|kg|tonnes?|tons?|litres?|dollars?|euros?|pounds?|storey|floors?|times|"
    r"(?:st|nd|rd|th)\b|of (?:the|them|those|these|its|their)\b|-year|-storey|billion (?:dollars|euros))", re.I)

#: Words that refer back to a place: "the city", "the capital", "the region".
ANAPHOR = re.compile(
    r"\b(?:the|that|this) (?:[\w-]+ ){0,2}?(?P<noun>city|town|capital|village|port|region|province|"
    r"oblast|country|republic|airfield|airport|base|area|district|settlement|suburb|state)(?:'s|’s)?\b", re.I)
