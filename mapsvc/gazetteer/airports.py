"""Airports with an IATA code from ``airportsdata``, under the names news gives them (docs/gazetteer.md)."""
from __future__ import annotations

import re

__all__ = ["load_airports"]


#: What a city's name carries beyond the name news uses: "Frankfurt am Main", "Kaohsiung City", "Frankfurt (Oder)".
_CITY_SUFFIX = re.compile(r"\s+(?:City|am \w+|an der \w+|\(.*\))$")


#: Titles that open an airport's name after a person ("Sir Grantley Adams", "Dr. Babasaheb Ambedkar").
#: Spanish and Portuguese ranks and degrees open many names in Latin America ("Licenciado Benito Juarez").
_HONORIFICS = frozenset({"Sir", "Dame", "Dr", "President", "Presidente", "General", "Gen", "Admiral", "Marshal",
                         "Chief", "Senator", "Governor", "Mayor", "Sheikh", "Sultan", "Emir", "Archbishop",
                         "Licenciado", "Ingeniero", "Doctor", "Capitan", "Capitán", "Teniente", "Coronel",
                         "Comandante", "Comodoro", "Almirante", "Brigadier", "Gobernador", "Governador",
                         "Prefeito", "Alferez", "Mariscal"})


def load_airports(w, country_names: dict) -> None:
    """Airports with an IATA code from ``airportsdata`` added to the index writer ``w``: the airport's name, and
    "<city> airport"."""
    import airportsdata

    for code, a in airportsdata.load("IATA").items():
        cc = a.get("country") or ""
        if not a.get("name") or cc not in country_names:
            continue
        city = (a.get("city") or "").strip()
        alt = [f"{city} airport"] if city else []
        # "Frankfurt airport" (city Frankfurt am Main), "Taoyuan International Airport" and "Taoyuan airport"
        # (Taiwan Taoyuan International Airport), "Bonn airport" (Cologne Bonn Airport): the names news
        # shortens them to
        short = _CITY_SUFFIX.sub("", city)
        if short and short != city:
            alt.append(f"{short} airport")
        words = a["name"].split()
        core = [x for x in words if x not in ("International", "Airport", "Regional")]
        if len(core) >= 2 and core[0] in country_names.values():
            alt += [" ".join(words[1:]), f"{' '.join(core[1:])} airport"]
        elif len(core) == 2 and words[-1] == "Airport":
            alt.append(f"{core[1]} airport")
        # "Grantley Adams International Airport" for Sir Grantley Adams International Airport: news drops the title
        names = [a["name"]]
        if len(words) > 2 and words[0].rstrip(".") in _HONORIFICS:
            names.append(" ".join(words[1:]))
            alt.append(names[-1])
        # News writes "Charles de Gaulle airport" for Charles de Gaulle International Airport, and back
        for name in names:
            if " International Airport" in name:
                alt.append(name.replace(" International Airport", " Airport"))
            elif name.endswith(" Airport"):
                alt.append(name[:-len(" Airport")] + " International Airport")
        w.add(f"iata:{code}", a["name"], "poi", a["lon"], a["lat"], country=cc,
              admin=tuple(x for x in (a.get("subd") or "", country_names[cc]) if x), radius_km=2.0,
              alt=alt)
