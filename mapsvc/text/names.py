"""One normalisation for every place-name match.

``normalise_name`` turns a name into the match key used by the gazetteer index
and by every lookup: lower case, no diacritics, Ukrainian and Russian Cyrillic
romanised by the official national tables, apostrophes dropped, dashes and
punctuation folded to spaces, and a few spelling variants folded so that
``Svyatoshynskyi`` and ``Sviatoshynskyi`` meet.  ``split_kind_word`` reads a
trailing (or leading) word such as ``district`` or ``region`` as the kind of
place rather than as part of its name.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = [
    "LINKED_NAME", "KIND_WORDS", "LEADING_KIND_WORDS", "normalise_name", "split_kind_word", "loose_key",
    "romanise_cyrillic", "romanise_ukrainian", "romanise_russian",
]

#: A name whose parts are linked by short lowercase words, one word to the parser and the geoparser:
#: "Ashton-under-Lyne", "Croix-des-Bouquets", "Rostov-on-Don" (split at its hyphens, its parts read
#: as words of their own, and "des" breaks the run of capitalised words).
LINKED_NAME = r"[A-ZÀ-Þ][^\W\d_]+(?:-[a-zß-ÿ]{1,5})+-[A-ZÀ-Þ][^\W\d_]+"

#: Normalised trigger word (after a name) -> kind of place it announces.
KIND_WORDS: dict[str, str] = {
    "district": "district", "raion": "district", "rayon": "district", "borough": "district",
    "region": "admin1", "oblast": "admin1", "oblast'": "admin1", "province": "admin1",
    "governorate": "admin1", "state": "admin1", "prefecture": "admin1", "krai": "admin1",
    "kray": "admin1", "voivodeship": "admin1", "emirate": "admin1",
    "county": "admin2", "parish": "admin2", "cercle": "admin2", "upazila": "admin2", "township": "admin2",
    "municipality": "admin2", "commune": "admin2", "lga": "admin2", "tehsil": "admin2", "taluka": "admin2",
    "regency": "admin2",
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "quarter": "neighbourhood",
    "microdistrict": "neighbourhood",
    "city": "city", "town": "town", "village": "village",
    "airport": "poi", "airfield": "poi", "airbase": "poi", "base": "poi",
    "street": "poi", "square": "poi", "bridge": "poi", "port": "poi",
    "camp": "poi", "crossing": "poi", "volcano": "poi",
}

#: Normalised words that announce a kind when they come before a name ("Wadi Derna").
LEADING_KIND_WORDS: dict[str, str] = {
    "wadi": "poi", "mount": "poi", "lake": "poi", "city of": "city", "town of": "town",
    "village of": "village", "district of": "district", "region of": "admin1",
    "province of": "admin1", "state of": "admin1",
}

_LEADING_FIRST = {w.split()[0] for w in LEADING_KIND_WORDS}

# --- Cyrillic ----------------------------------------------------------------
# Ukrainian: Cabinet of Ministers of Ukraine resolution no. 55 of 27 January 2010
# (KMU 2010).  Tuples give (word-initial form, other positions).
_UK_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e",
    "є": ("ye", "ie"), "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": ("yi", "i"),
    "й": ("y", "i"), "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": ("yu", "iu"), "я": ("ya", "ia"),
    "'": "", "’": "", "ʼ": "",
}
# Russian: the table of the Russian passport order (ICAO Doc 9303), used on
# Russian international passports since 2013.
_RU_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie",
    "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
_UK_ONLY = set("ієїґ")
_RU_ONLY = set("ыэъё")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD_CHAR = re.compile(r"\w")


def _romanise(text: str, table: dict) -> str:
    out = []
    prev_letter = False
    for ch in text:
        low = ch.lower()
        rep = table.get(low)
        if rep is None:
            out.append(ch)
            prev_letter = bool(_WORD_CHAR.match(ch))
            continue
        if isinstance(rep, tuple):
            rep = rep[1] if prev_letter else rep[0]
        if ch != low and rep:
            rep = rep[0].upper() + rep[1:]
        out.append(rep)
        prev_letter = low not in ("'", "’", "ʼ") or prev_letter
    return "".join(out)


def romanise_ukrainian(text: str) -> str:
    """Romanise Ukrainian Cyrillic by the KMU 2010 table.

    >>> romanise_ukrainian("П'ятихатки")
    'Piatykhatky'
    """
    # "зг" is written "zgh" so that it is not read as "zh".
    text = re.sub("([зЗ])(?=[гГ])", "\\1\u0000", text)
    return _romanise(text, _UK_TABLE).replace("z\u0000h", "zgh").replace("Z\u0000h", "Zgh") \
        .replace("Z\u0000H", "ZGH").replace("\u0000", "")


def romanise_russian(text: str) -> str:
    """Romanise Russian Cyrillic by the Russian passport (ICAO) table.

    >>> romanise_russian("Белгород")
    'Belgorod'
    """
    return _romanise(text, _RU_TABLE)


def romanise_cyrillic(text: str) -> str:
    """Romanise Cyrillic text: Ukrainian (KMU 2010) unless it has Russian-only letters.

    >>> romanise_cyrillic("Київ"), romanise_cyrillic("Святошинський")
    ('Kyiv', 'Sviatoshynskyi')
    """
    if not _CYRILLIC.search(text):
        return text
    letters = set(text.lower())
    if letters & _RU_ONLY and not letters & _UK_ONLY:
        return romanise_russian(text)
    return romanise_ukrainian(text)


# --- Latin folding -----------------------------------------------------------
_SPECIAL = str.maketrans({
    "ß": "ss", "ø": "o", "æ": "ae", "ł": "l", "đ": "d", "ı": "i", "œ": "oe",
    "þ": "th", "ð": "d", "ħ": "h", "ŧ": "t", "ŋ": "ng", "ʻ": "", "ʿ": "", "ʾ": "",
    "‘": "", "’": "", "'": "", "ʼ": "", "`": "", "´": "", "ʹ": "", "″": "", "\u02bc": "",
})
_NON_LETTER_KEEP = re.compile(r"[\W_]+")
_FOLDS = [
    # iotated vowels after a consonant: Svyatoshyn / Sviatoshyn, Bryansk / Briansk
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])y(?=[aeuo])"), "i"),
    # adjective endings: -skyy / -skiy / -skij / -skii -> -skyi
    (re.compile(r"(?<=[sc]k)(?:yy|iy|ij|ii|yj|y)\b"), "yi"),
    (re.compile(r"(?<=[sc]k)aya\b"), "a"),
    # doubled y: Kyyiv -> Kyiv
    (re.compile(r"yy(?=i)"), "y"),
]
_WORD_SUBS = {"kiev": "kyiv", "kyyiv": "kyiv", "kiyv": "kyiv", "st": "saint", "ste": "sainte"}


def normalise_name(text: str) -> str:
    """The match key of a name.

    Lower case, diacritics removed, Cyrillic romanised, apostrophes dropped,
    dashes and punctuation folded to single spaces, spelling variants folded.
    Never raises: anything that is not a string gives ``""``.

    >>> normalise_name("Київ") == normalise_name("Kiev") == "kyiv"
    True
    >>> normalise_name("Svyatoshyns'kyy") == normalise_name("Святошинський")
    True
    >>> normalise_name("  Al-Tanf ")
    'al tanf'
    """
    if not isinstance(text, str) or not text:
        return ""
    if text.isascii():
        text = text.lower().translate(_SPECIAL)
    else:
        if _CYRILLIC.search(text):
            text = romanise_cyrillic(text)
        text = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_SPECIAL)
    text = _NON_LETTER_KEEP.sub(" ", text).strip()
    if not text:
        return ""
    if "y" in text:
        for pattern, rep in _FOLDS:
            text = pattern.sub(rep, text)
    elif "k" in text:
        text = _FOLDS[1][0].sub("yi", _FOLDS[2][0].sub("a", text))
    if " " not in text:
        return _WORD_SUBS.get(text, text)
    return " ".join([_WORD_SUBS.get(w, w) for w in text.split(" ")])


def split_kind_word(name: str) -> tuple[str, str | None]:
    """Split a trailing or leading kind word off a name.

    Returns the name without the kind word (original spelling, stripped) and
    the kind it announces, or ``(name, None)``.  A name that is only a kind
    word is returned unchanged.

    >>> split_kind_word("Sumy region")
    ('Sumy', 'admin1')
    >>> split_kind_word("Svyatoshynskyi district")
    ('Svyatoshynskyi', 'district')
    >>> split_kind_word("Morgan County")
    ('Morgan', 'admin2')
    """
    if not isinstance(name, str):
        return "", None
    stripped = name.strip()
    parts = stripped.split()
    if len(parts) < 2:
        return stripped, None
    last = parts[-1].lower().strip(".,;:")
    if last in KIND_WORDS:
        rest = " ".join(parts[:-1]).rstrip(" ,-")
        if normalise_name(rest):
            return rest, KIND_WORDS[last]
    if parts[0].lower() not in _LEADING_FIRST:
        return stripped, None
    for n in (2, 1):
        if len(parts) > n:
            head = normalise_name(" ".join(parts[:n]))
            if head in LEADING_KIND_WORDS:
                return " ".join(parts[n:]), LEADING_KIND_WORDS[head]
    return stripped, None


_LOOSE_MAP = str.maketrans({"q": "k", "c": "k", "w": "v", "x": "ks"})
_VOWEL_RUNS = re.compile(r"[aeiouy]+")
_DOUBLES = re.compile(r"(.)\1+")
_LOOSE_ARTICLES = {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ed", "en", "er", "es", "et",
                   "ez", "the"}


def loose_key(key: str) -> str:
    """A loose form of a match key for transliteration variants.

    Vowel runs become one ``a``, ``h`` is dropped after the first letter,
    doubled letters collapse, Arabic articles go and the words are joined, so
    that Jindires and Jindayris, Sousse and Susah, Derna and Darnah, Padang
    Panjang and Padangpanjang meet.  Used only as a last
    resort by :meth:`mapsvc.gazetteer.index.Gazetteer.lookup`; empty when the loose
    form is shorter than three letters.

    >>> loose_key("jindires") == loose_key("jindayris")
    True
    >>> loose_key("sousse") == loose_key("susah")
    True
    >>> loose_key("padang panjang") == loose_key("padangpanjang")
    True
    """
    words = []
    for word in key.split():
        if word in _LOOSE_ARTICLES:
            continue
        word = _VOWEL_RUNS.sub("a", (word[0] + word[1:].replace("h", "")).translate(_LOOSE_MAP))
        words.append(_DOUBLES.sub(r"\1", word))
    loose = "".join(words)
    return loose if len(loose) >= 3 else ""
