"""How a name typed by a person is kept: accents composed (as keyboards and pasted text may send them apart), no
invisible or control characters, single spaces; and the key two names are told the same by."""

import unicodedata


def typed_name(text: str) -> str:
    """``text`` as a name is kept: NFC, without characters of the control and format categories, spaces single."""
    composed = unicodedata.normalize("NFC", text)
    visible = "".join(" " if character.isspace() else character for character in composed)
    visible = "".join(character for character in visible if unicodedata.category(character)[0] != "C")
    return " ".join(visible.split())


def name_key(text: str) -> str:
    """What two names are compared by: the kept name, case folded."""
    return typed_name(text).casefold()


def letters_of_other_scripts(text: str) -> str:
    """The letters of ``text`` outside the Latin script Vietnamese is written in, each once: a Cyrillic 'о' pasted
    into a name looks like 'o' and would make it another name."""
    letters = (character for character in text if character.isalpha())
    return "".join(dict.fromkeys(letter for letter in letters if not unicodedata.name(letter, "").startswith("LATIN")))
