"""Sentences that are no part of the story a summary tells, by their shape: page debris run
into a sentence (photo credits, a player's buttons, a rating widget), photo captions, and who
came or attended (a delegation's make-up, lists of attendees) — what storage/analysis/summary.py
leaves out whatever the sentence's words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Page debris run into a sentence: a photo credit ("© Sputnik / …", "[Photo:my399.com]"), a
# player's buttons ("Развернуть на весь экран"), a rating widget ("6.92 из 10 на основе…").
# The regex's branches open with classes, so sre tries it at every character: a few
# substring tests (C, no regex) let the few sentences that hold a mark reach it.
DEBRIS_MARKS: tuple[str, ...] = ("©", "Photo", "photo", "Фото", "экран", "из 10", ".jp", ".jf")
DEBRIS_MARKS += (".png", ".webp", ".gif", "ответственност", "redit")
_DEBRIS_RE = re.compile(
    r"©|\[Photo|(?:Фото|Photo|File photo)\s*:|полноэкранн|на весь экран|\d из 10 на основе"
    r"|\((?:Photo |Image )?[Cc]redits?\s*:"  # "(Credits: Image by … from Pixabay)"
    r"|\.(?:jpe?g|jfif|png|webp|gif)\b"  # a picture's file name: "встреча_10_04 (1).jfif"
    r"|не нес[уё]т ответственност"  # a site's disclaimer: "Редакция… не несут ответственности"
)
# Who came or attended, not what they did (issue 11: the make-up of a delegation, lists of
# attendees): "В делегацию вошли предприниматели…", "Присутствовали: члены делегации…".
_ROSTER_RE = re.compile(
    r"(?:В (?:состав )?делегаци[юи] (?:также )?(?:вошл|входил|входят)|В составе делегации"
    r"|Присутствовали\s*:"
    r"|(?:The|Its)(?: \w+){0,2} delegation (?:also )?(?:include|comprise|consist)"
    # "В нём участвовали представители…", "Во встрече участвовали акимы…", "В переговорах также
    # приняли участие главы…": who sat at the table, not what was agreed there
    r"|(?:В|Во|На) \w+(?: \w+)? (?:также )?(?:участвовал[иа]?|приняли участие|присутствовал[иа]?)\b"
    r"|Members of the delegation|Attending\b[^.]{0,60}\bwere\b)"
)
# A photo caption: a scene dated at its end, after a comma ("Staff members at work at a new
# chemical complex in Navoi region, Uzbekistan, Dec. 28, 2019."); a news sentence puts its date
# after "on" or up front, never as the caption's last word.
_CAPTION_RE = re.compile(
    r",\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2},\s\d{4}\.?$"
)
# Who heads or makes up a delegation, said inside a sentence ("Как рассказали в пресс-центре,
# в делегацию вошли также представители…"; "Во главе делегации — заместитель председателя…").
_ROSTER_INSIDE_RE = re.compile(
    r"\b[вВ] (?:состав )?делегаци[юи] (?:также )?вошл|^Во главе делегации [—–-]"
)


def debris_marks(texts: Iterable[str]) -> tuple[str, ...]:
    """The debris marks any of ``texts`` (an article's sentences) holds: one search of their
    joined text per mark costs less than the search's own call per sentence (the marks were a
    quarter of the summary's work). A sentence holds no mark its article's text lacks."""
    joined = "\n".join(texts)
    return tuple(mark for mark in DEBRIS_MARKS if mark in joined)


def not_the_text(text: str, marks: Sequence[str] = DEBRIS_MARKS) -> bool:
    """Page debris, a photo caption or a roster (see the module's docstring); ``marks``: the
    debris marks ``text`` may hold (``debris_marks`` of the sentences it is one of)."""
    # (the marks tested in a C loop: no generator per sentence; most articles have none)
    if marks and any(map(text.__contains__, marks)) and _DEBRIS_RE.search(text):
        return True
    if _ROSTER_RE.match(text):
        return True
    if text[-2:-1].isdigit() and _CAPTION_RE.search(text):
        return True  # a photo caption
    return "делегаци" in text and bool(_ROSTER_INSIDE_RE.search(text))
