"""The demo's stories, read from stories.txt (its header says the format)."""

from dataclasses import dataclass, field
from pathlib import Path

STORIES = Path(__file__).with_name("stories.txt")


@dataclass
class Story:
    slug: str
    category: str
    days_ago: int
    hour: int
    source: str
    tags: list
    status: str
    title: str = ""
    summary: str = ""
    paragraphs: list = field(default_factory=list)
    figures: list = field(default_factory=list)  # (kind, alt text, caption)


def stories():
    found = []
    for line in STORIES.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("==="):
            slug, category, days, hour, source, tags, status = (p.strip() for p in line[3:].split("|"))
            found.append(Story(slug, category, int(days), int(hour), source, tags.split(","), status))
        elif not found or not line or (line.startswith("#") and not found[-1].title and line[1:2] != " "):
            continue
        elif line.startswith("# ") and not found[-1].title:
            found[-1].title = line[2:]
        elif line.startswith("> "):
            found[-1].summary = line[2:]
        elif line.startswith("[") and line.endswith("]"):
            found[-1].figures.append(tuple(part.strip() for part in line[1:-1].split("|")))
        else:
            found[-1].paragraphs.append(line)
    return found
