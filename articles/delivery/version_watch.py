"""Each process keeps the content version in memory while it knows the copy is current.

Reading the version from Redis is one round trip per request, more CPU than the rest
of serving a cached page. So a daemon thread per process subscribes to a purge channel
(named with the cache's key prefix), and ``purge()`` publishes there after deleting
the version. While subscribed, a process trusts its copy; a purge anywhere makes every
process forget it within a message's delivery (well under a millisecond here), and
the purging process forgets it before it returns. Not subscribed (starting, Redis
down, a dropped connection), every read goes to Redis as before. A copy is also never
trusted for more than TRUST_SECONDS, so a lost message can only cost that long.

A copy read from Redis is kept only if no purge arrived while it was being read (the
generation counter), so a message that overtakes the read cannot leave the old
version in place.

With the file cache (one machine), the copy is kept with the version file's identity
(inode, modification time): Django writes a cache file by renaming a new one into
place, so an unchanged identity is an unchanged version, and a stat is cheaper than
reading and unpickling the file. The identity is taken before the read, so a file
replaced during the read is read again next time.
"""

import functools
import logging
import os
import threading
import time

logger = logging.getLogger(__name__)
CHANNEL = "newsroom:purges"
TRUST_SECONDS = 5
PING_SECONDS = 10  # a silent connection is noticed within two of these


class VersionWatch:
    def __init__(self):
        self.lock = threading.Lock()
        self.state, self.kept_at, self.generation = None, 0.0, 0
        self.signature = None  # the file cache's version file, as it was when read
        self.listening = False
        self.pid = self.watched = None

    def remembered(self, cache, key):
        """(state or None, token for ``keep``): the copy if it may be trusted now."""
        to_file = getattr(cache, "_key_to_file", None)
        if to_file is not None:  # the file cache
            signature = _signature(_file_of(to_file, key))
            with self.lock:
                if signature is not None and signature == self.signature:
                    return self.state, signature
            return None, signature
        self._start(cache)
        with self.lock:
            fresh = (
                self.listening
                and self.watched == _identity(cache)  # not another cache (tests swap them)
                and time.monotonic() - self.kept_at < TRUST_SECONDS
            )
            return (self.state if fresh else None), self.generation

    def keep(self, state, token):
        with self.lock:
            if isinstance(token, tuple):  # the file's identity before it was read
                self.state, self.signature = state, token
            elif token == self.generation:
                self.state, self.kept_at = state, time.monotonic()

    def forget(self):
        with self.lock:
            self.state, self.generation = None, self.generation + 1

    def announce(self, cache):
        """Tell every process that the version was deleted (after deleting it)."""
        self.forget()
        client = _client(cache)
        if client is not None:
            try:
                client.publish(cache.make_key(CHANNEL), b"purge")
            except Exception as error:  # Redis down: no copy is trusted without it anyway
                logger.warning("Could not announce a purge: %s", error)

    def _start(self, cache):
        if self.pid == os.getpid() or _client(cache) is None:
            return
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid, self.listening, self.state = os.getpid(), False, None
            self.watched = _identity(cache)
        thread = threading.Thread(target=self._listen, args=(cache,), name="version-watch", daemon=True)
        thread.start()

    def _listen(self, cache):
        channel, delay = cache.make_key(CHANNEL), 1
        while True:
            try:
                self._follow(_client(cache).pubsub(), channel)
            except Exception as error:
                if self.listening or delay == 1:  # once per outage, not once per retry
                    logger.warning("Content version watch interrupted (reading Redis each time): %s", error)
            with self.lock:
                if self.listening:  # it had worked: a new outage starts from short retries
                    delay = 1
                self.listening = False
            self.forget()
            time.sleep(delay)
            delay = min(delay * 2, 30)

    def _follow(self, pubsub, channel):
        pubsub.subscribe(channel)
        answered = time.monotonic()
        try:
            while True:
                message = pubsub.get_message(timeout=PING_SECONDS)
                if message is None:  # idle: is anyone still there?
                    if time.monotonic() - answered > 2 * PING_SECONDS:
                        raise ConnectionError("no answer to ping")
                    pubsub.ping()
                    continue
                # Any message proves the connection alive, not only a pong: a busy site
                # is never idle long enough to ping.
                answered = time.monotonic()
                if message["type"] == "subscribe":
                    self.forget()  # anything read before now may have missed a purge
                    with self.lock:
                        self.listening = True
                elif message["type"] == "message":
                    self.forget()
        finally:
            pubsub.close()


@functools.lru_cache(maxsize=8)
def _file_of(to_file, key):
    """The cache file that holds ``key`` (its name is a hash: worked out once)."""
    return to_file(key)


def _signature(path):
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_mtime_ns, status.st_size)


def _identity(cache):
    return (tuple(getattr(getattr(cache, "_cache", None), "_servers", ())), cache.key_prefix)


def _client(cache):
    """The redis-py client behind Django's cache, or None for any other cache."""
    inner = getattr(cache, "_cache", None)
    return inner.get_client(write=True) if hasattr(inner, "get_client") else None


watch = VersionWatch()
