"""Place-name rules: how typed place names are compared with the gazetteer.

Pure text rules, no database (like directory.postcodes): "St. John's" and "saint johns" are the
same name; "Crookes & Crosspool" and "crookes and crosspool" too. The gazetteer stores each
name's normalised form, so a look-up is one indexed comparison.
"""

import re
import unicodedata

# Word forms that mean the same in a place name, after lower-casing and removing punctuation.
EQUIVALENT_WORDS = {"st": "saint", "&": "and"}
MIN_PREFIX_LENGTH = 3  # "Hi" suggests nothing; "Hil" suggests Hillsborough


def normalise_place_name(text: str) -> str:
    """Lower case, no accents or punctuation, single spaces, "St"/"St." -> "saint", "&" -> "and".

    "St. Mary's Gate" -> "saint marys gate"; "Crookes & Crosspool" -> "crookes and crosspool".
    """
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = text.replace("&", " & ")
    text = re.sub(r"['’‘`]", "", text)  # apostrophes join: "john's" -> "johns"
    text = re.sub(r"[^\w&]+", " ", text).replace("_", " ")
    words = [EQUIVALENT_WORDS.get(word, word) for word in text.split()]
    return " ".join(words)[:200]
