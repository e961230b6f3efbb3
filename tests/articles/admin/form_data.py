"""Build the POST the admin's article form sends, as a browser would."""

from django.utils import timezone


def article_form_data(category, **overrides):
    now = timezone.localtime()
    data = {
        "title": "双港镇举办招聘会",
        "slug": "",
        "category": category.pk,
        "tags": "就业, 民生",
        "summary": "",
        "body": "<p>400余个岗位送到家门口。</p>",
        "status": "published",
        "publish_at_0": now.strftime("%Y-%m-%d"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "author": "",
        "source": "双港镇",
        "meta_description": "",
        "flags-TOTAL_FORMS": "0",
        "flags-INITIAL_FORMS": "0",
        "flags-MIN_NUM_FORMS": "0",
        "flags-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def with_figure(data, image, alt_text=None, caption=None):
    """The form's body with library ``image`` placed as a figure, as the editor's figure button does."""
    from articles.images.figures import figure_html

    return data | {"body": data["body"] + figure_html(image, alt_text, caption)}


def upload_form_data(*files, credit="", tags=""):
    """The image library's upload form (admin:articles_image_add, or the chooser) with ``files``."""
    return {"files": list(files), "credit": credit, "tags": tags}
