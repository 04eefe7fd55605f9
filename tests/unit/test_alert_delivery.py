"""Alert delivery retries a channel that refuses at first, and says how often it tried when it never
accepts."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from fiscal.quality.alerts import Alert, deliver

ALERT = Alert("a1", "r1", "identity_errors", "Fiscal warehouse: 1 new identity error", "- doc.txt · rule")


def _webhook(refusals: int) -> Iterator[tuple[str, list[int]]]:
    answers: list[int] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            code = 503 if len(answers) < refusals else 200
            answers.append(code)
            self.send_response(code)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", answers
    server.shutdown()
    server.server_close()


@pytest.fixture
def flaky():
    yield from _webhook(refusals=2)


@pytest.fixture
def refusing():
    yield from _webhook(refusals=99)


def test_a_channel_that_refuses_twice_gets_the_alert_on_the_third_try(flaky):
    url, answers = flaky
    assert deliver(url, ALERT, retry_seconds=(0.01, 0.01)) == (True, None)
    assert answers == [503, 503, 200]


def test_a_channel_that_never_accepts_is_recorded_with_the_attempts(refusing):
    url, answers = refusing
    delivered, reason = deliver(url, ALERT, retry_seconds=(0.01,))
    assert not delivered and reason == "the channel did not accept the alert (2 attempts)"
    assert answers == [503, 503]
