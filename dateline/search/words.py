"""The forms a reader's word takes in a story, where a language's stemmer does not bring them together."""

import re

# Arabic writes the article and one-letter conjunctions and prepositions onto the word ("والمدينة":
# "and the city"), and PostgreSQL's Snowball Arabic stemmer removes some of them and not others
# ("المدينة" and "مدينة" both give "مدين", "والمدينة" gives "والمدين"; "الانتخابات" gives "انتخاب",
# "انتخابات" "انتخابا"). So a reader's word is looked for in the forms a story writes it in.
_ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
# The article, alone or after و ف ب ك ل ("and the", "with the"...), when three letters or more follow.
_ARABIC_PREFIX = re.compile(r"^(?:[وفبكل]?ال|لل)(?=\w{3})")
_ARABIC_FORMS = ("{}", "ال{}", "وال{}", "فال{}", "بال{}", "لل{}", "و{}", "ب{}")


def word_forms(word: str, config: str | None) -> list[str]:
    """The forms a story may write the reader's word in: the word itself, and in Arabic its bare stem
    with and without the article and the attached و ف ب ل."""
    if config != "arabic" or not _ARABIC_LETTERS.search(word):
        return [word]
    bare = _ARABIC_PREFIX.sub("", word)
    return list(dict.fromkeys([word, *(form.format(bare) for form in _ARABIC_FORMS)]))


def term_regex(term: str) -> str:
    """A regular expression for a word a reader typed, as it starts a word of the text: in Arabic
    with or without the article and the attached و ف ب ل."""
    if not _ARABIC_LETTERS.search(term):
        return re.escape(term)
    return r"(?:[وفبكل]?ال|لل|[وب])?" + re.escape(_ARABIC_PREFIX.sub("", term))
