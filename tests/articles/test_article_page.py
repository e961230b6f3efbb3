import datetime
import re
from zoneinfo import ZoneInfo

import pytest

from articles.images.figures import figure_html
from tests.factories import make_article, make_category, make_image

pytestmark = pytest.mark.django_db


def test_article_page_shows_publish_time_source_and_back_link(client):
    category = make_category("镇街动态", slug="town")
    article = make_article(
        "以改革创新之力守护“港城”愿景",
        category,
        source="双港镇",
        publish_at=datetime.datetime(2024, 7, 28, 12, 40, 46, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "2024-07-28 12:40:46" in content
    assert "双港镇" in content
    assert f'<a class="back" href="{category.get_absolute_url()}">' in content


def test_figures_render_in_body_order_with_numbered_captions(client):
    first, second = make_image(caption="说明1"), make_image(caption="说明2")
    article = make_article(body=f"<p>第一段</p>{figure_html(second)}<p>第二段</p>{figure_html(first)}")
    page = client.get(article.get_absolute_url()).content.decode()
    content = page[page.index('<div class="article-body">') :]
    assert (
        content.index("第一段")
        < content.index("图1 说明2")
        < content.index("第二段")
        < content.index("图2 说明1")
    )
    assert f'width="40" height="30" alt="{first.alt_text}" loading="lazy"' in content


def test_titles_and_captions_are_escaped(client):
    article = make_article("<script>alert(1)</script>标题", summary="<b>摘要</b>")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;标题" in content
    assert "&lt;b&gt;摘要&lt;/b&gt;" in content


def test_tags_link_to_tag_pages_and_related_articles_share_tags(client):
    article = make_article("养老服务", tags=["养老", "民生"])
    sibling = make_article("养老中心开业", tags=["养老"])
    make_article("足球联赛", tags=["体育"])  # shares no tag: not related
    response = client.get(article.get_absolute_url())
    content = response.content.decode()
    assert '<a href="/tags/yang-lao/" rel="tag">养老</a>' in content
    related = content.split('<section class="related"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', related) == [
        (sibling.get_absolute_url(), "养老中心开业")
    ]
