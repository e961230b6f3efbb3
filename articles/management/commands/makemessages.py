"""makemessages that also reads the readers' Jinja2 templates (templates/jinja2/).

Django's makemessages reads every .html file as a Django template, and so misses
Jinja2's ``{% trans %}`` blocks and ``_()`` calls with arguments. For those templates
Jinja2's own extractor finds the messages, and each is written as a gettext() or
ngettext() call on its template line for xgettext to read, so the .po file's references
still point at the template.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages
from django.utils.functional import cached_property
from jinja2.ext import babel_extract

JINJA_DIR = Path(settings.BASE_DIR, "templates", "jinja2").resolve()
EXTENSIONS = "jinja2.ext.i18n"


class BuildFile(makemessages.BuildFile):
    @cached_property
    def is_jinja(self):
        return JINJA_DIR in Path(self.path).resolve().parents

    def preprocess(self):
        if not self.is_jinja:
            return super().preprocess()
        lines = {}
        with open(self.path, "rb") as template:
            options = {"extensions": EXTENSIONS, "newstyle_gettext": "true"}
            for line, function, message, _comments in babel_extract(
                template, ("_", "gettext", "ngettext"), [], options
            ):
                # A {% trans %} block's message comes as a tuple: its strings, then None for
                # each variable.
                strings = [message] if isinstance(message, str) else [part for part in message if part]
                if function == "ngettext":
                    call = f"ngettext({strings[0]!r}, {strings[1]!r}, n)"
                else:
                    call = f"gettext({strings[0]!r})"
                lines.setdefault(line, []).append(call)
        last = max(lines, default=0)
        with open(self.work_path, "w", encoding="utf-8") as work:
            work.write("".join("; ".join(lines.get(number, [])) + "\n" for number in range(1, last + 1)))


class Command(makemessages.Command):
    build_file_class = BuildFile
