"""The version watch notices a dead connection, and only a dead one.

A connection that keeps delivering purges is alive: a busy site, where edits arrive more
often than the watch's ping interval, must not drop its subscription (and send every
process's reads to Redis while it reconnects) just because it never went idle long
enough to ping.
"""

import pytest

from articles.delivery import version_watch
from articles.delivery.version_watch import PING_SECONDS, VersionWatch


class Finished(Exception):
    """The scripted connection has nothing more to say."""


class ScriptedPubSub:
    """A pubsub that answers get_message from a script, one step of the clock each."""

    def __init__(self, clock, script):
        self.clock, self.script, self.pings = clock, list(script), 0

    def subscribe(self, channel):
        pass

    def get_message(self, timeout):
        if not self.script:
            raise Finished
        seconds, message = self.script.pop(0)
        self.clock.now += seconds
        return message

    def ping(self):
        self.pings += 1

    def close(self):
        pass


class Clock:
    now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(version_watch.time, "monotonic", clock.monotonic)
    return clock


SUBSCRIBED = {"type": "subscribe"}
PURGE = {"type": "message", "data": b"purge"}


def test_a_connection_busy_with_purges_stays_subscribed(clock):
    watch = VersionWatch()
    # A purge every 3 seconds for two minutes: never idle for a ping interval.
    pubsub = ScriptedPubSub(clock, [(0, SUBSCRIBED)] + [(3, PURGE)] * 40)
    with pytest.raises(Finished):
        watch._follow(pubsub, "channel")
    assert watch.listening is True
    assert pubsub.pings == 0


def test_a_silent_connection_that_does_not_answer_pings_is_dropped(clock):
    watch = VersionWatch()
    pubsub = ScriptedPubSub(clock, [(0, SUBSCRIBED)] + [(PING_SECONDS, None)] * 5)
    with pytest.raises(ConnectionError):
        watch._follow(pubsub, "channel")
    assert pubsub.pings == 2  # one ping per idle interval, dropped at the second unanswered


def test_a_quiet_connection_that_answers_pings_stays_subscribed(clock):
    watch = VersionWatch()
    idle_and_answered = [(PING_SECONDS, None), (0.001, {"type": "pong"})]
    pubsub = ScriptedPubSub(clock, [(0, SUBSCRIBED)] + idle_and_answered * 10)
    with pytest.raises(Finished):
        watch._follow(pubsub, "channel")
    assert watch.listening is True
    assert pubsub.pings == 10
