"""The compiled catalogues (.mo, committed so no gettext tools are needed) match their .po sources."""

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def translations(entries):
    """{(context, id, plural id): translation} of the entries a compiler keeps: translated, not fuzzy."""
    kept = {}
    for entry in entries:
        plural = tuple(sorted(entry.msgstr_plural.items()))
        if (
            entry.msgid
            and not entry.obsolete
            and "fuzzy" not in entry.flags
            and (entry.msgstr or any(plural))
        ):
            kept[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = (entry.msgstr, plural)
    return kept


def test_there_are_catalogues_to_check():
    assert [path.relative_to(LOCALE).as_posix() for path in CATALOGUES] == ["zh_Hans/LC_MESSAGES/django.po"]


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_each_mo_file_holds_exactly_its_po_files_translations(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    expected = translations(polib.pofile(str(po_path)))
    compiled = translations(polib.mofile(str(mo_path)))
    assert compiled == expected, f"{mo_path} is out of date: run `make messages`"


def test_every_message_in_the_readers_templates_is_translated(tmp_path):
    """What makemessages extracts from the Jinja2 templates (its own extractor, see
    articles/management/commands/makemessages.py) is in the catalogue, translated."""
    from articles.management.commands.makemessages import JINJA_DIR, BuildFile

    catalogue = translations(polib.pofile(str(LOCALE / "zh_Hans/LC_MESSAGES/django.po")))
    translated = {msgid for _context, msgid, _plural in catalogue}
    extracted = set()
    for template in sorted(JINJA_DIR.rglob("*.html")):
        work = tmp_path / "work.py"
        build = BuildFile(None, "django", None)
        build.__dict__.update(path=str(template), work_path=str(work), is_jinja=True)
        build.preprocess()
        extracted |= set(re.findall(r"(?:gettext|ngettext)\('((?:[^'\\]|\\.)*)'", work.read_text()))
    assert {
        "Published at",
        "%(counter)s view",
        "Page %(number)s of %(total)s",
        "Tagged “%(name)s”",
    } <= extracted
    assert extracted - translated == set()
