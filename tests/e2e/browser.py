"""Headless Chromium for the tests that open generated pages (the report site, GE's Data Docs)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

# every host name fails to resolve: a page that needs the network shows it
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND"


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: `make setup` installs it (apt) where it runs as root")
        pytest.skip("chromium is not installed here")
    return found


def browser(*arguments: str) -> str:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
