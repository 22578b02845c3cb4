"""Reference data shipped with sitrep (lexicons, dictionaries, supplements), read with importlib.resources."""
