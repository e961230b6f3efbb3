import json

from tests.newsroom.fresh_process import python_with

WORKER = """
import gc, io, json
from newsroom.wsgi import application  # what gunicorn loads in each worker
from newsroom.long_lived import WARM_UP_REQUESTS

def request(path):
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
    }
    response = application(environ, lambda status, headers: None)
    b"".join(response)
    response.close()

at_start = gc.get_freeze_count()
for number in range(WARM_UP_REQUESTS - 1):
    request("/robots.txt" if number % 2 else "/no-such-page/")
before_last = gc.get_freeze_count()
request("/robots.txt")
print(json.dumps([at_start, before_last, gc.get_freeze_count(), len(gc.get_objects())]))
"""


def test_a_worker_leaves_what_it_built_at_start_and_warm_up_out_of_full_collections():
    result = python_with(WORKER, ALLOWED_HOSTS="127.0.0.1")
    assert result.returncode == 0, result.stderr
    at_start, before_last, after, walked = json.loads(result.stdout.splitlines()[-1])
    assert at_start > 10_000  # Django and the project, loaded
    assert before_last <= at_start  # nothing frozen in the middle of the warm-up (frozen objects may die)
    assert after > at_start  # and then what the first requests built
    assert walked < after / 5  # a full pass walks a fraction of the worker's objects
