"""Uploading several images in Chromium: a progress bar while the files go up, the new images after."""

import pytest

from articles.models import Image as LibraryImage
from tests.factories import PASSWORD, image_bytes, make_writer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_several_images_upload_with_a_progress_bar_and_land_on_the_list(live_server, browser_page, tmp_path):
    make_writer(password=PASSWORD)
    files = []
    for name, size in (("稻田.jpg", (1600, 1000)), ("会场.png", (800, 500))):
        path = tmp_path / name
        path.write_bytes(image_bytes("JPEG" if name.endswith("jpg") else "PNG", size=size))
        files.append(str(path))
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "writer")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/image/add/")
    page.set_input_files("#id_files", files)
    held = []  # the upload is held here until the progress bar has been seen
    page.route("**/admin/articles/image/add/", lambda route: held.append(route))
    page.click(".image-upload input[type=submit]")
    page.wait_for_selector(".upload-progress:not([hidden]) progress")
    assert page.is_disabled(".image-upload input[type=submit]")  # no second post while this one runs
    page.wait_for_function("() => true")  # let the request reach the route
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    page.unroute("**/admin/articles/image/add/")
    page.wait_for_url("**/admin/articles/image/?id__in=*")
    page.wait_for_selector("#result_list")
    assert sorted(LibraryImage.objects.values_list("title", flat=True)) == ["会场", "稻田"]
    assert page.locator("#result_list tbody tr").count() == 2
    assert "已上传 2 张图片" in page.inner_text(".messagelist")
