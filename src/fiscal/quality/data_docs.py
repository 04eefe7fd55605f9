"""Great Expectations' Data Docs made to work offline.

GE's page templates load Bootstrap, bootstrap-table, jQuery, Font Awesome and Vega from CDNs and
its logo from S3 (with the data context's id in the address), so without the internet the pages
are unstyled and their lists empty. The same files are vendored in `data_docs_assets/` (with
SOURCES.json: npm package, version, integrity, licence; scripts/vendor_data_docs_assets.py fetches
them). After GE builds the site, `make_offline` copies them into the site's `static/vendor/` and
points every page and stylesheet at them; whatever the site still loads from the network is
returned, so a GE upgrade that adds a CDN address shows up in the tests rather than in an audit
office without internet.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from functools import cache
from pathlib import Path

ASSETS = Path(__file__).with_name("data_docs_assets")
VENDOR = Path("static") / "vendor"
# GE's logo (tracked by query string) and the dark-theme logo, both served from GE's web bucket;
# the site carries its own logo in static/images
GE_WEB_ASSETS = re.compile(r"https://great-expectations-web-assets\.s3\.[a-z0-9-]+\.amazonaws\.com/[\w.-]+(?:\?[^\"')\s]*)?")
GE_LOGO = Path("static") / "images" / "logo-long.png"

_RESOURCE_TAG = re.compile(r"<(?:script|link|img)\b[^>]*>", re.IGNORECASE)
_SRI = re.compile(r"\s+(?:integrity|crossorigin)=\"[^\"]*\"", re.IGNORECASE)
_REMOTE_IN_TAG = re.compile(r"\b(?:src|href)=[\"'](https?://[^\"']+)", re.IGNORECASE)
_REMOTE_IN_CSS = re.compile(r"url\(\s*['\"]?(https?://[^'\")\s]+)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import\s+['\"](https?://[^'\"]+)", re.IGNORECASE)


@cache
def cdn_addresses() -> dict[str, Path]:
    """Each CDN address GE's templates use -> the vendored file under static/vendor."""
    sources = json.loads((ASSETS / "SOURCES.json").read_text(encoding="utf-8"))
    return {url: VENDOR / local for source in sources for local, urls in source["cdn"].items() for url in urls}


def _relative(target: Path, page: Path, site: Path) -> str:
    return Path(os.path.relpath(site / target, page.parent)).as_posix()


def _localise_tag(tag: str, page: Path, site: Path) -> str:
    addresses = cdn_addresses()
    changed = tag
    for url, local in addresses.items():
        if f'"{url}"' in changed:
            changed = changed.replace(f'"{url}"', f'"{_relative(local, page, site)}"')
    changed = GE_WEB_ASSETS.sub(_relative(GE_LOGO, page, site), changed)
    if changed != tag:
        # the vendored bytes are the CDN's, but a file:// page cannot make the CORS request SRI needs
        changed = _SRI.sub("", changed)
    return changed


def localise(text: str, page: Path, site: Path) -> str:
    """The page (HTML) or stylesheet (CSS) with its CDN and GE-bucket addresses made local."""
    if page.suffix == ".html":
        text = _RESOURCE_TAG.sub(lambda match: _localise_tag(match.group(0), page, site), text)
    return GE_WEB_ASSETS.sub(_relative(GE_LOGO, page, site), text)  # url(...) in styles


def remote_resources(text: str, suffix: str) -> set[str]:
    """Addresses a page or stylesheet would load from the network (links to follow are not loads)."""
    found = set(_REMOTE_IN_CSS.findall(text)) | set(_CSS_IMPORT.findall(text))
    if suffix == ".html":
        for tag in _RESOURCE_TAG.findall(text):
            if tag.lower().startswith("<link") and "stylesheet" not in tag.lower() and "icon" not in tag.lower():
                continue
            found.update(_REMOTE_IN_TAG.findall(tag))
    return found


def make_offline(site: Path) -> set[str]:
    """Vendor the assets into `site` and rewrite its pages; returns what still loads remotely."""
    if not site.is_dir():
        return set()
    sources, copied = ASSETS / "SOURCES.json", site / VENDOR / "SOURCES.json"
    if not copied.is_file() or copied.read_bytes() != sources.read_bytes():  # once per site and version
        shutil.copytree(ASSETS, site / VENDOR, dirs_exist_ok=True)
    still_remote: set[str] = set()
    for page in [*site.rglob("*.html"), *site.rglob("*.css")]:
        if VENDOR in page.relative_to(site).parents:
            continue
        text = page.read_text(encoding="utf-8")
        local = localise(text, page, site)
        if local != text:
            page.write_text(local, encoding="utf-8")
        still_remote |= remote_resources(local, page.suffix)
    return still_remote
