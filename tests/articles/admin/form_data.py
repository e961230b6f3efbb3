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
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "flags-TOTAL_FORMS": "0",
        "flags-INITIAL_FORMS": "0",
        "flags-MIN_NUM_FORMS": "0",
        "flags-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def with_image(data, upload, alt_text="图片说明", caption="图注"):
    return data | {
        "images-TOTAL_FORMS": "1",
        "images-0-image": upload,
        "images-0-alt_text": alt_text,
        "images-0-caption": caption,
        "images-0-credit": "",
        "images-0-sort_order": "1",
    }
