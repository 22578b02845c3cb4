"""Country names as the geocoder needs them: ACLED names, aliases ("DRC", "U.S.") and demonyms.

The project's ``sitrep/data/countries.json`` (ACLED names, aliases, demonyms) is used when it is
installed; the gazetteer's own country table and demonyms fill in the rest, with pycountry's
ISO names as the last resort.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources

from sitrep.gazetteer.names import name_key
from sitrep.gazetteer.place import Country


@dataclass
class CountryNames:
    """ISO codes, ACLED names, and words that point to a country (names, aliases, demonyms)."""

    iso3: dict[str, str] = field(default_factory=dict)  # iso2 -> iso3
    acled_name: dict[str, str] = field(default_factory=dict)  # iso2 -> ACLED country name
    alias: dict[str, str] = field(default_factory=dict)  # exact key of a name or alias -> iso2
    demonym: dict[str, str] = field(default_factory=dict)  # exact key of a demonym -> iso2

    @classmethod
    def build(cls, countries: dict[str, Country], demonyms: dict[str, str]) -> CountryNames:
        names = cls()
        for iso2, country in countries.items():
            names.iso3[iso2] = country.iso3
            names.acled_name[iso2] = country.name
            names.alias.setdefault(name_key(country.name), iso2)
        names.demonym.update(demonyms)
        names._overlay_project_file()
        return names

    def _overlay_project_file(self) -> None:
        try:
            text = (resources.files("sitrep") / "data" / "countries.json").read_text(
                encoding="utf-8"
            )
        except (FileNotFoundError, OSError):
            return
        data = json.loads(text)
        listed: set[str] = set()  # a demonym two countries share ("Congolese") keeps its first
        for entry in data.get("countries", []) if isinstance(data, dict) else []:
            iso2 = entry.get("iso2")
            if not iso2:
                continue
            self.iso3[iso2] = entry.get("iso3") or self.iso3.get(iso2, "")
            self.acled_name[iso2] = entry.get("name") or self.acled_name.get(iso2, iso2)
            for alias in [entry.get("name"), *entry.get("aliases", [])]:
                if alias and (len(alias) > 3 or "." in alias or alias.isupper()):
                    self.alias[name_key(alias)] = iso2
            for demonym in entry.get("demonyms", []):
                if name_key(demonym) not in listed:
                    listed.add(name_key(demonym))
                    self.demonym[name_key(demonym)] = iso2

    def country_of_word(self, word: str) -> str | None:
        """The ISO alpha-2 code a demonym or country name points to ("Algerian" -> "DZ")."""
        key = name_key(word)
        if key in self.demonym:
            return self.demonym[key]
        if key.endswith("s") and key[:-1] in self.demonym:
            return self.demonym[key[:-1]]
        return self.alias.get(key)
