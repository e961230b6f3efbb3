"""Bringing a site's archive in: each source article saved whole or not at all.

For each article the importer checks the row, brings its images into the library (each
file once, however many articles use it), places them as figure nodes, saves the
article through the same model save editors use (sanitiser, search index, revisions,
page caches) and scans it; one carrying injected spam stays a draft and is listed.
Every row is keyed by its source's id or GUID (ImportedItem): a second run updates what
changed and skips the rest. A row that fails is rolled back and reported; the run goes on.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from ..delivery.version import purge
from ..images import figures
from ..images.figures import figure_html
from ..images.markers import place_figures
from ..integrity.renditions import stored_files
from ..integrity.sanitize import clean_body_html
from ..integrity.scanner import injected_text, public_texts, scan_article
from ..integrity.tags import validate_tag_names
from ..integrity.text import drop_unsafe_characters, xml_safe
from ..integrity.uploads import validate_image_upload
from ..models import Article, Category, Figure, Image, ImportedItem, Revision
from ..search import index_new_articles, tantivy_engine
from ..seo.slugs import readable_slug
from ..workflow import revisions

IMG = re.compile(r"<img\b[^>]*>")
SRC = re.compile(r'\bsrc="([^"]*)"')
ALT = re.compile(r'\balt="([^"]*)"')
LINKED_IMAGE = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>")
TOKEN = "\x00figure{}\x00"
ALONE_IN_PARAGRAPH = re.compile(r"<p>\s*(\x00figure\d+\x00)\s*</p>")
SPAM_KINDS = {"brand", "signature"}
BATCH_SIZE = 100


class RowProblem(Exception):
    """This row cannot be imported as it is; the message says why."""


class DryRun(Exception):
    """Roll back what a row wrote: --dry-run reports and keeps nothing."""


@dataclass
class Report:
    imported: list = field(default_factory=list)  # (key, title)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (key, title, why)
    spam_drafts: list = field(default_factory=list)  # (key, title, findings)
    missing_images: list = field(default_factory=list)  # (key, name, why)
    authors_created: list = field(default_factory=list)

    def lines(self, dry_run=False):
        verb = "would be " if dry_run else ""
        out = [
            f"{len(self.imported)} {verb}imported, {len(self.updated)} {verb}updated, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped, "
            f"{len(self.spam_drafts)} kept as drafts for injected spam, {len(self.missing_images)} images missing."
        ]
        out += [f"skipped {key} “{title}”: {why}" for key, title, why in self.skipped]
        out += [f"draft (spam) {key} “{title}”: {found}" for key, title, found in self.spam_drafts]
        out += [f"image missing {key}: {name} ({why})" for key, name, why in self.missing_images]
        out += [f"author created (cannot sign in): {name}" for name in self.authors_created]
        return out


class MediaFolder:
    """The export's files (WordPress's uploads, a PHP CMS's uploads/allimg), found by the
    address an article gives: the longest matching end of its path, else its file name."""

    def __init__(self, root):
        self.root = Path(root) if root else None
        self.by_path, self.by_name = {}, {}
        if self.root is not None:
            for path in self.root.rglob("*"):
                if path.is_file():
                    relative = path.relative_to(self.root).as_posix().lower()
                    self.by_path[relative] = path
                    self.by_name.setdefault(path.name.lower(), []).append(path)

    def find(self, address):
        if self.root is None:
            return None
        parts = [
            p for p in PurePosixPath(unquote(urlsplit(address).path).lower()).parts if p not in {"/", ".."}
        ]
        for start in range(len(parts)):
            found = self.by_path.get("/".join(parts[start:]))
            if found is not None:
                return found
        same_name = self.by_name.get(parts[-1], []) if parts else []
        return same_name[0] if len(same_name) == 1 else None


def checksum(item):
    data = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in vars(item).items()}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class Importer:
    def __init__(self, media=None, dry_run=False):
        self.media = MediaFolder(media)
        self.dry_run = dry_run
        self.report = Report()
        self.categories = {}
        self.authors = {}
        self.tags = {}
        self.images = {}  # stored file key -> Image
        self.records = {}  # (kind, source key) -> (object id, checksum), read once per run
        self.row_records = []  # what this row added to it (forgotten if the row rolls back)

    def run(self, items, progress=None):
        self.records = {
            (kind, key): (object_id, digest)
            for kind, key, object_id, digest in ImportedItem.objects.values_list(
                "kind", "key", "object_id", "checksum"
            )
        }
        batch = []
        for item in items:
            batch.append(item)
            if len(batch) == BATCH_SIZE:
                self._import_batch(batch, progress)
                batch = []
        self._import_batch(batch, progress)
        return self.report

    def _import_batch(self, batch, progress):
        """New articles of the batch are written together (bulk inserts, one transaction);
        updates, and every row of a batch whose bulk write failed, one by one."""
        fresh, keys = [], set()
        for item in batch:
            if (
                not item.problem
                and (ImportedItem.Kind.ARTICLE, item.key) not in self.records
                and item.key not in keys
            ):
                fresh.append(item)
                keys.add(item.key)
        one_by_one = [item for item in batch if item not in fresh]
        if fresh and not self._create_together(fresh):
            one_by_one = batch
        elif progress is not None:
            progress.update(len(fresh))
        # One transaction, a savepoint per row: a bad row rolls back alone.
        with transaction.atomic():
            for item in one_by_one:
                self.import_one(item)
                if progress is not None:
                    progress.update(1)

    def _create_together(self, items):
        """Create ``items`` (new to this site) in one transaction with bulk inserts: what
        Article.save and its signals do row by row (sanitiser, figures, slug, search index,
        revision, cache purge), done once for the batch. False if it failed (nothing kept)."""
        written, authors_before, self.row_records = [], len(self.report.authors_created), []
        marks = {
            name: len(getattr(self.report, name))
            for name in ("imported", "skipped", "spam_drafts", "missing_images")
        }
        try:
            with transaction.atomic():
                prepared = []
                for item in items:
                    try:
                        prepared.append(self._prepared(item, written))
                    except RowProblem as problem:  # raised before the row wrote anything
                        self.report.skipped.append((item.key, item.title[:60], str(problem)))
                self._insert(prepared)
                if self.dry_run:
                    raise DryRun(None)
        except DryRun:
            self._forget_rolled_back(written)
        except Exception:
            self._forget_rolled_back(written, authors_before)
            for name, mark in marks.items():
                del getattr(self.report, name)[mark:]
            return False
        return True

    def _prepared(self, item, written):
        fields = self._checked_fields(item)
        tags = self._tags(fields.pop("tags"))
        article = Article(**fields)
        drop_unsafe_characters(article)
        body, article.cover = self._with_images(item, article.body, written)
        by_id = {image.pk: image for image in self.images.values()}
        placed = [image_id for image_id in figures.image_ids(body) if image_id in by_id]
        images = {image_id: by_id[image_id] for image_id in placed}
        article.body = figures.rewrite(clean_body_html(body), images)
        article.slug = slugify(article.slug, allow_unicode=True)[:200] or readable_slug(article.title)
        names = [tag.name for tag in tags]
        texts = public_texts(article, names, self._category_chain(article.category), images)
        found = [f for f in injected_text(article.title, texts) if f.kind in SPAM_KINDS]
        if found:
            article.status = Article.Status.DRAFT  # nothing goes live carrying injected text
        return item, article, tags, placed, found

    def _category_chain(self, category):
        chain = []
        while category is not None:
            chain.insert(0, category)
            category = category.parent
        return chain

    def _insert(self, prepared):
        articles = Article.objects.bulk_create([article for _item, article, *_ in prepared])
        Figure.objects.bulk_create(
            Figure(article=article, image_id=image_id, number=number)
            for _item, article, _tags, placed, _found in prepared
            for number, image_id in enumerate(placed, start=1)
        )
        content_type = ContentType.objects.get_for_model(Article)
        TaggedItem.objects.bulk_create(
            TaggedItem(tag=tag, content_type=content_type, object_id=article.pk)
            for _item, article, tags, *_ in prepared
            for tag in tags
        )
        index_new_articles(articles)
        if tantivy_engine.enabled():
            transaction.on_commit(lambda: tantivy_engine.write(articles))
        Revision.objects.bulk_create(
            Revision(
                article=article,
                number=1,
                event="import",
                is_live=article.status == Article.Status.PUBLISHED,
                data=revisions.snapshot(article, [tag.name for tag in tags]),
            )
            for _item, article, tags, *_ in prepared
        )
        for item, article, *_ in prepared:
            self._remember((ImportedItem.Kind.ARTICLE, item.key), (article.pk, checksum(item)))
        ImportedItem.objects.bulk_create(
            ImportedItem(
                kind=ImportedItem.Kind.ARTICLE, key=item.key, object_id=article.pk, checksum=checksum(item)
            )
            for item, article, *_ in prepared
        )
        purge()
        transaction.on_commit(purge)
        for item, _article, _tags, _placed, found in prepared:
            self.report.imported.append((item.key, item.title[:60]))
            if found:
                self.report.spam_drafts.append((item.key, item.title[:60], "; ".join(str(f) for f in found)))

    def import_one(self, item):
        written = []  # files stored for this row: removed if it is rolled back
        authors_before = len(self.report.authors_created)
        self.row_records = []
        try:
            with transaction.atomic():
                outcome = self._import(item, written)
                if self.dry_run:
                    raise DryRun(outcome)
        except DryRun as dry:
            self._forget_rolled_back(written)
            outcome = dry.args[0]
        except RowProblem as problem:
            self._forget_rolled_back(written, authors_before)
            self.report.skipped.append((item.key, item.title[:60], str(problem)))
            return
        except Exception as error:  # a database or storage failure: this row only
            self._forget_rolled_back(written, authors_before)
            self.report.skipped.append((item.key, item.title[:60], f"{type(error).__name__}: {error}"))
            return
        kind, article, found = outcome
        getattr(self.report, kind).append((item.key, item.title[:60]))
        if found:
            self.report.spam_drafts.append((item.key, item.title[:60], "; ".join(str(f) for f in found)))

    def _forget_rolled_back(self, written, authors_before=None):
        """The row's transaction is gone: so are its files, and the categories and authors
        it may have made (the caches would otherwise name rows that do not exist)."""
        for image in written:
            for name in stored_files(image.file.name, image.renditions):
                image.file.storage.delete(name)
        self.categories.clear()
        self.authors.clear()
        self.tags.clear()
        self.images.clear()
        for key in self.row_records:
            self.records.pop(key, None)
        if authors_before is not None:
            del self.report.authors_created[authors_before:]

    def _import(self, item, written):
        if item.problem:
            raise RowProblem(item.problem)
        fields = self._checked_fields(item)
        record = self.records.get((ImportedItem.Kind.ARTICLE, item.key))
        digest = checksum(item)
        if record is not None:
            if record[1] == digest:
                return "unchanged", None, []
            article = Article.objects.filter(pk=record[0]).first()
            if article is None:
                raise RowProblem("deleted here since an earlier import: not brought back")
            kind = "updated"
        else:
            article, kind = Article(), "imported"
        tags = fields.pop("tags")
        for name, value in fields.items():
            setattr(article, name, value)
        article.body, article.cover = self._with_images(item, fields["body"], written)
        article.save()
        if kind == "imported":
            article.tags.add(*self._tags(tags))
        else:
            article.tags.set(self._tags(tags))
        found = [f for f in scan_article(article) if f.kind in SPAM_KINDS]
        if found and article.status != Article.Status.DRAFT:
            article.status = Article.Status.DRAFT  # nothing goes live carrying injected text
            article.save(update_fields=["status", "version", "updated_at"])
        ImportedItem.objects.update_or_create(
            kind=ImportedItem.Kind.ARTICLE,
            key=item.key,
            defaults={"object_id": article.pk, "checksum": digest},
        )
        self._remember((ImportedItem.Kind.ARTICLE, item.key), (article.pk, digest))
        return kind, article, found

    def _remember(self, key, record):
        self.records[key] = record
        self.row_records.append(key)

    def _tags(self, names):
        missing = [name for name in names if name not in self.tags]
        if missing:
            self.tags |= {tag.name: tag for tag in Tag.objects.filter(name__in=missing)}
            for name in missing:
                if name not in self.tags:
                    self.tags[name] = Tag.objects.create(name=name)
        return [self.tags[name] for name in names]

    def _checked_fields(self, item):
        title = xml_safe(item.title).strip()
        if not title:
            raise RowProblem("no title")
        if len(title) > 200:
            raise RowProblem(f"title of {len(title)} characters; the limit is 200")
        if len(item.body) > settings.NEWSROOM_MAX_BODY_CHARS:
            raise RowProblem(
                f"body of {len(item.body):,} characters; the limit is {settings.NEWSROOM_MAX_BODY_CHARS:,}"
            )
        if not item.category_path:
            raise RowProblem("no category")
        try:
            tags = validate_tag_names(item.tags)
        except ValidationError as error:
            raise RowProblem(" ".join(error.messages)) from None
        published = item.status == "published"
        if published and item.publish_at is None:
            raise RowProblem("published, but no publish time")
        slug = item.slug if item.slug.isascii() and re.fullmatch(r"[-a-zA-Z0-9_]{1,200}", item.slug) else ""
        return {
            "title": title,
            "slug": slug.lower(),
            "summary": item.summary[:1000],
            "body": clean_body_html(item.body),
            "category": self._category(item.category_path),
            "tags": tags,
            "author": self._author(item.author, item.author_name),
            "source": item.source[:100],
            "status": Article.Status.PUBLISHED if published else Article.Status.DRAFT,
            "publish_at": item.publish_at or timezone.now(),
        }

    def _category(self, path):
        key = tuple(name[:100] for name in path)
        if key not in self.categories:
            parent = None
            for name in key:
                parent = Category.objects.filter(name=name, parent=parent).first() or Category.objects.create(
                    name=name, parent=parent
                )
            self.categories[key] = parent
        return self.categories[key]

    def _author(self, login, display_name):
        login = login.strip()[:150]
        if not login:
            return None
        if login not in self.authors:
            User = get_user_model()
            user = User.objects.filter(username=login).first()
            if user is None:  # a byline, not an account: no password, cannot sign in
                user = User(username=login, first_name=display_name[:150], is_active=False)
                user.set_unusable_password()
                user.save()
                self.report.authors_created.append(login)
            self.authors[login] = user
        return self.authors[login]

    def _library_image(self, item, address, alt, written):
        """The library image for the export's file at ``address`` (made once), or None."""
        path = self.media.find(address)
        if path is None:
            self.report.missing_images.append((item.key, address, "not in the media folder"))
            return None
        key = "file:" + path.relative_to(self.media.root).as_posix()
        if key in self.images:
            return self.images[key]
        record = self.records.get((ImportedItem.Kind.IMAGE, key))
        image = Image.objects.filter(pk=record[0]).first() if record else None
        if image is not None:
            self.images[key] = image
            return image
        with path.open("rb") as file:
            upload = File(file, name=path.name)
            try:
                validate_image_upload(upload)
            except ValidationError as error:
                self.report.missing_images.append((item.key, address, " ".join(error.messages)))
                return None
            image = Image(file=upload, title=path.stem[:200], alt_text=xml_safe(alt)[:250])
            image.save()
        written.append(image)
        ImportedItem.objects.update_or_create(
            kind=ImportedItem.Kind.IMAGE, key=key, defaults={"object_id": image.pk}
        )
        self._remember((ImportedItem.Kind.IMAGE, key), (image.pk, ""))
        self.images[key] = image
        return image

    def _with_images(self, item, body, written):
        """``body`` with each <img> a library figure, and the row's own image list placed by
        its [图N] markers or after the body; and the cover image."""
        figures = []

        def token(match):
            tag = match.group(0)
            src = SRC.search(tag)
            alt = ALT.search(tag)
            address = src.group(1) if src else ""
            alt_text = alt.group(1) if alt and alt.group(1) else item.image_alt.get(address, "")
            image = self._library_image(item, address, alt_text, written) if address else None
            figures.append(figure_html(image, alt_text, "") if image else "")
            return TOKEN.format(len(figures) - 1)

        body = IMG.sub(token, LINKED_IMAGE.sub(r"\1", body))
        body = ALONE_IN_PARAGRAPH.sub(r"\1", body)
        body = re.sub(
            r"\x00figure\d+\x00",
            lambda m: f"</p>{m.group(0)}<p>" if self._in_paragraph(body, m) else m.group(0),
            body,
        )
        body = re.sub(r"\x00figure(\d+)\x00", lambda m: figures[int(m.group(1))], body).replace("<p></p>", "")
        listed = [
            self._library_image(item, name, item.image_alt.get(name, ""), written) for name in item.images
        ]
        body = place_figures(body, [figure_html(image) for image in listed if image is not None])
        cover = (
            self._library_image(item, item.cover, item.image_alt.get(item.cover, ""), written)
            if item.cover
            else None
        )
        return body, cover

    @staticmethod
    def _in_paragraph(body, match):
        before = body[: match.start()]
        return before.rfind("<p>") > before.rfind("</p>")
