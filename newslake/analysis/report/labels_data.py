"""Names and colours the page gives to codes in the data: entity types, ingest outcomes,
reject stages and languages. Fixed colours keep a kind the same colour on every chart
and in every report."""

# (type code, heading, bar colour), in the order the page shows them
ENTITY_TYPES = (
    ("PERSON", "People", "#4e79a7"),
    ("ORG", "Organisations", "#f28e2c"),
    ("PLACE", "Places", "#59a14f"),
    ("NORP", "Nationalities & groups", "#af7aa1"),
)
OUTCOME_COLORS = {
    "committed": "#59a14f",
    "partial": "#edc949",
    "duplicate": "#76b7b2",
    "reprocessed": "#af7aa1",
    "skipped": "#bab0ab",
    "rejected": "#e15759",
}
STAGE_COLORS = {"read": "#9c755f", "detect": "#f28e2c", "parse": "#e15759", "extract": "#af7aa1", "validate": "#4e79a7"}
LANGUAGE_NAMES = {
    "ar": "Arabic", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish", "tr": "Turkish",
    "uk": "Ukrainian", "zh": "Chinese",
}
