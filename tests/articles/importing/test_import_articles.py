"""import_articles: a WordPress export and a DedeCMS table export, run twice, bad rows reported,
injected spam kept as a draft, images brought into the library once."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from taggit.models import Tag

from articles.images.figures import placed_images
from articles.models import Article, Category, Image, ImportedItem, SearchEntry

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parents[2] / "data" / "import"
WXR, CSV = DATA / "wordpress-export.xml", DATA / "dedecms-export.csv"


def run(source, *options):
    out = io.StringIO()
    call_command("import_articles", str(source), "--media", str(DATA), "--no-progress", *options, stdout=out)
    return out.getvalue().splitlines()


def test_a_wordpress_export_is_imported_with_its_tree_tags_author_times_and_images(client):
    lines = run(WXR)
    assert lines[0] == (
        "3 imported, 0 updated, 0 unchanged, 1 skipped, 1 kept as drafts for injected spam, 0 images missing."
    )
    assert (
        "skipped wxr:https://town.example/?p=104 “旧的测试文章”: status “trash” is not imported (trash, or not a post)"
        in lines
    )
    rice = Article.objects.get(title="西三合村稻田迎来丰收")
    assert str(rice.category) == "新闻中心 › 镇街动态"
    assert list(rice.tags.names()) == ["乡村振兴"]
    assert (rice.author.username, rice.author.first_name, rice.author.is_active) == (
        "xuanchuan",
        "镇宣传办",
        False,
    )
    assert rice.publish_at.isoformat() == "2024-07-28T04:40:46+00:00"
    assert (rice.summary, rice.slug, rice.status) == (
        "西三合村的稻田迎来丰收。",
        "xi-san-he-cun-dao-tian-ying-lai-feng-shou",
        "published",
    )
    # Paragraphs made from blank lines, the script gone, the linked image a library figure.
    field = Image.objects.get(title="rice-field")
    assert rice.body.startswith('<p>今年的稻田长势喜人，种植大户笑开了颜。</p><figure class="figure">')
    assert "<script>" not in rice.body and "收割机在田间来回穿梭。" in rice.body
    assert [(image_id, alt) for image_id, alt, _caption in placed_images(rice.body)] == [
        (field.pk, "金黄的稻田")
    ]
    assert rice.cover == Image.objects.get(title="meeting")
    draft = Article.objects.get(title="镇里召开防汛工作会议")
    assert (draft.status, str(draft.category)) == ("draft", "新闻中心")
    assert [alt for _id, alt, _caption in placed_images(draft.body)] == ["会议现场"]
    assert Image.objects.count() == 2  # meeting.png is the cover of one and a figure of the other: once
    page = client.get(rice.get_absolute_url()).content.decode()
    assert "<picture>" in page and 'alt="金黄的稻田"' in page
    assert SearchEntry.objects.filter(article=rice).exists()
    revision = rice.revisions.get()  # its history starts with the import, as what readers saw
    assert (revision.event, revision.is_live, revision.data["title"]) == (
        "import",
        True,
        "西三合村稻田迎来丰收",
    )
    assert not Article.objects.filter(title="关于我们").exists()  # pages are not articles


def test_an_imported_article_carrying_injected_spam_stays_a_draft_and_is_listed():
    lines = run(WXR)
    spam = Article.objects.get(title="双港镇召开乡村振兴推进会")
    assert spam.status == Article.Status.DRAFT
    spam_lines = [line for line in lines if line.startswith("draft (spam)")]
    assert spam_lines == [
        "draft (spam) wxr:https://town.example/?p=103 “双港镇召开乡村振兴推进会”: body: 开云体育官网"
    ]


def test_running_the_same_export_again_creates_nothing_and_an_edited_export_updates():
    run(WXR)
    counts = (Article.objects.count(), Image.objects.count(), Category.objects.count(), Tag.objects.count())
    assert run(WXR)[0] == (
        "0 imported, 0 updated, 3 unchanged, 1 skipped, 0 kept as drafts for injected spam, 0 images missing."
    )
    assert (
        Article.objects.count(),
        Image.objects.count(),
        Category.objects.count(),
        Tag.objects.count(),
    ) == counts
    assert get_user_model().objects.filter(username="xuanchuan").count() == 1


def test_a_dedecms_table_export_with_bad_rows_imports_the_good_ones_and_says_why_for_the_rest(client):
    lines = run(CSV)
    assert lines[0] == (
        "3 imported, 0 updated, 0 unchanged, 3 skipped, 1 kept as drafts for injected spam, 1 images missing."
    )
    assert sorted(line for line in lines if line.startswith("skipped")) == [
        "skipped table-row:7 “没有编号的一篇”: no id column (id, aid): a second run could not recognise the row",
        "skipped table:502 “”: no title",
        "skipped table:503 “日期写错的一篇”: publish time “not a date” is not a date",
    ]
    assert "image missing table:505: /uploads/allimg/240803/lost.jpg (not in the media folder)" in lines
    fair = Article.objects.get(title="双港镇举办秋季招聘会")
    assert (str(fair.category), fair.source, fair.author.username) == (
        "新闻中心 › 镇街动态",
        "双港镇人社所",
        "张敏",
    )
    assert sorted(fair.tags.names()) == ["就业", "民生"]
    assert fair.publish_at.timestamp() == 1722141646
    assert (
        fair.body.index("400余个岗位") < fair.body.index("<figure") < fair.body.index("求职者排起长队")
    )  # [图1]
    assert fair.cover.file.name.startswith("images/") and fair.cover.title == "cover"
    assert Article.objects.get(title="社区食堂开业").status == Article.Status.DRAFT  # 必威体育 injected
    assert Article.objects.get(title="图片不见了").status == Article.Status.PUBLISHED
    assert client.get(fair.get_absolute_url()).status_code == 200


def test_a_table_export_run_twice_creates_nothing_new():
    run(CSV)
    before = (Article.objects.count(), Image.objects.count(), ImportedItem.objects.count())
    assert run(CSV)[0].startswith("0 imported, 0 updated, 3 unchanged, 3 skipped")
    assert (Article.objects.count(), Image.objects.count(), ImportedItem.objects.count()) == before


def test_a_changed_row_updates_its_article_in_place(tmp_path):
    run(CSV)
    fair = Article.objects.get(title="双港镇举办秋季招聘会")
    edited = tmp_path / "export.csv"
    edited.write_text(CSV.read_text(encoding="utf-8").replace("400余个岗位", "500余个岗位"), encoding="utf-8")
    assert run(edited)[0].startswith("0 imported, 1 updated, 2 unchanged")
    fair.refresh_from_db()
    assert "500余个岗位" in fair.body and Article.objects.filter(title="双港镇举办秋季招聘会").count() == 1


def test_a_dry_run_reports_the_same_and_writes_nothing(settings):
    lines = run(CSV, "--dry-run")
    assert lines[0] == (
        "3 would be imported, 0 would be updated, 0 unchanged, 3 skipped, 1 kept as drafts for injected spam, "
        "1 images missing."
    )
    assert not Article.objects.exists() and not Image.objects.exists() and not ImportedItem.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_gbk_table_export_from_an_older_php_site_is_read(tmp_path):
    gbk = tmp_path / "export.csv"
    gbk.write_bytes(
        "id,title,category,body,pubdate\n9,镇里的新闻,新闻中心,<p>正文</p>,2024-07-28\n".encode("gbk")
    )
    assert run(gbk)[0].startswith("1 imported")
    assert Article.objects.get().title == "镇里的新闻"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("export.txt", b"hello", "Unknown export format '.txt'"),
        ("broken.xml", b"<rss><channel><item>", "Not well-formed XML"),
        ("list.json", b'{"articles": 3}', "The JSON holds no list of articles"),
    ],
)
def test_a_file_that_is_not_an_export_is_a_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path)
    assert not Article.objects.exists()


def test_a_json_export_is_read_like_a_table(tmp_path):
    import json

    path = tmp_path / "export.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": 1,
                    "title": "JSON 新闻",
                    "category": "新闻中心",
                    "content": "<p>正文</p>",
                    "pubdate": "2024-07-28",
                }
            ]
        )
    )
    assert run(path)[0].startswith("1 imported")
    assert Article.objects.get().title == "JSON 新闻"


def test_cached_pages_show_the_imported_articles_at_once(client):
    assert "西三合村稻田迎来丰收" not in client.get("/").content.decode()  # now cached
    run(WXR)
    assert "西三合村稻田迎来丰收" in client.get("/").content.decode()
