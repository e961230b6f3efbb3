"""LOG_FORMAT=json: every log line a JSON object a log shipper can read."""

import json

from tests.newsroom.fresh_process import python_with
from tests.newsroom.test_settings import manage

SCRIPT = """
import logging, django
django.setup()
log = logging.getLogger("articles.test")
log.warning("导入了 %s 篇", 3, extra={"articles": 3})
try:
    1 / 0
except ZeroDivisionError:
    log.exception("出错了")
"""


def run_with(env):
    return python_with(SCRIPT, **env)


def test_json_logs_are_one_object_per_line_with_level_logger_message_and_extras():
    lines = run_with({"LOG_FORMAT": "json"}).stderr.strip().splitlines()
    first, second = json.loads(lines[0]), json.loads("\n".join(lines[1:]))
    assert {k: first[k] for k in ("level", "logger", "message", "articles")} == {
        "level": "WARNING",
        "logger": "articles.test",
        "message": "导入了 3 篇",
        "articles": 3,
    }
    assert first["time"].endswith("+00:00")
    assert second["message"] == "出错了" and second["exception"].endswith(
        "ZeroDivisionError: division by zero"
    )


def test_plain_logs_stay_plain_by_default():
    assert run_with({}).stderr.splitlines()[0] == "导入了 3 篇"


def test_check_deploy_stays_clean_with_json_logs():
    from tests.newsroom.test_settings import PRODUCTION

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION | {"LOG_FORMAT": "json"})
    assert result.returncode == 0, result.stdout + result.stderr
