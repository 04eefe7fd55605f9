"""Vendor the scripts and styles Great Expectations' Data Docs load from CDNs.

GE's page templates link Bootstrap, bootstrap-table, jQuery, Font Awesome and Vega from CDNs, so
offline (an audit office's network, an air-gapped server) the Data Docs are unstyled and their lists
empty. This script fetches the same packages from the npm registry, checks each tarball against the
registry's sha512 integrity, and writes the files the pages use into
src/fiscal/quality/data_docs_assets/ with SOURCES.json (package, version, tarball, integrity,
licence, and the CDN addresses each file stands for). The files are committed; run this only to
change a version: `python scripts/vendor_data_docs_assets.py`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"
FILTER_CONTROL = "dist/extensions/filter-control/bootstrap-table-filter-control"
TARGET = Path(__file__).resolve().parents[1] / "src" / "fiscal" / "quality" / "data_docs_assets"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    files: dict[str, str]  # path inside the package -> path under TARGET
    cdn: dict[str, tuple[str, ...]]  # path under TARGET -> the CDN addresses GE's templates use


PACKAGES = (
    Package(
        "jquery",
        "3.7.1",
        {"dist/jquery.min.js": "jquery/jquery.min.js"},
        {"jquery/jquery.min.js": ("https://code.jquery.com/jquery-3.7.1.min.js",)},
    ),
    Package(
        "popper.js",
        "1.12.9",
        {"dist/umd/popper.min.js": "popper/popper.min.js"},
        {"popper/popper.min.js": ("https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js",)},
    ),
    Package(
        "bootstrap",
        "4.3.1",
        {
            "dist/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
            "dist/js/bootstrap.min.js": "bootstrap/bootstrap.min.js",
        },
        {
            "bootstrap/bootstrap.min.css": ("https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css",),
            "bootstrap/bootstrap.min.js": ("https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js",),
        },
    ),
    Package(
        "bootstrap-table",
        "1.19.1",
        {
            "dist/bootstrap-table.min.css": "bootstrap-table/bootstrap-table.min.css",
            "dist/bootstrap-table.min.js": "bootstrap-table/bootstrap-table.min.js",
            FILTER_CONTROL + ".min.css": "bootstrap-table/bootstrap-table-filter-control.min.css",
            FILTER_CONTROL + ".min.js": "bootstrap-table/bootstrap-table-filter-control.min.js",
        },
        {
            "bootstrap-table/bootstrap-table.min.css": (
                "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css",
            ),
            "bootstrap-table/bootstrap-table.min.js": (
                "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js",
            ),
            # the templates ask for 1.19.0's stylesheet beside 1.19.1's script; the script's own is used
            "bootstrap-table/bootstrap-table-filter-control.min.css": (
                "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css",
                "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
            ),
            "bootstrap-table/bootstrap-table-filter-control.min.js": (
                "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js",
            ),
        },
    ),
    Package(
        "bootstrap-datepicker",
        "1.9.0",
        {
            "dist/css/bootstrap-datepicker.min.css": "bootstrap-datepicker/bootstrap-datepicker.min.css",
            "dist/js/bootstrap-datepicker.min.js": "bootstrap-datepicker/bootstrap-datepicker.min.js",
        },
        {
            "bootstrap-datepicker/bootstrap-datepicker.min.css": (
                "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css",
            ),
            "bootstrap-datepicker/bootstrap-datepicker.min.js": (
                "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js",
            ),
        },
    ),
    Package(
        "@forevolve/bootstrap-dark",
        "1.1.0",
        {"dist/css/bootstrap-prefers-dark.css": "bootstrap-dark/bootstrap-prefers-dark.css"},
        {
            "bootstrap-dark/bootstrap-prefers-dark.css": (
                "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css",
            )
        },
    ),
    Package(
        "@fortawesome/fontawesome-free",
        "6.6.0",
        {
            "css/all.min.css": "fontawesome/css/all.min.css",
            # the stylesheet names woff2 first, which every current browser reads; the ttf copies are left out
            "webfonts/fa-brands-400.woff2": "fontawesome/webfonts/fa-brands-400.woff2",
            "webfonts/fa-regular-400.woff2": "fontawesome/webfonts/fa-regular-400.woff2",
            "webfonts/fa-solid-900.woff2": "fontawesome/webfonts/fa-solid-900.woff2",
            "webfonts/fa-v4compatibility.woff2": "fontawesome/webfonts/fa-v4compatibility.woff2",
        },
        {"fontawesome/css/all.min.css": ("https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css",)},
    ),
    # GE asks for the newest release of each major version; these are the newest at vendoring time
    Package(
        "vega",
        "5.33.1",
        {"build/vega.min.js": "vega/vega.min.js"},
        {"vega/vega.min.js": ("https://cdn.jsdelivr.net/npm/vega@5",)},
    ),
    Package(
        "vega-lite",
        "5.23.0",
        {"build/vega-lite.min.js": "vega/vega-lite.min.js"},
        {"vega/vega-lite.min.js": ("https://cdn.jsdelivr.net/npm/vega-lite@5",)},
    ),
    Package(
        "vega-embed",
        "6.29.0",
        {"build/vega-embed.min.js": "vega/vega-embed.min.js"},
        {"vega/vega-embed.min.js": ("https://cdn.jsdelivr.net/npm/vega-embed@6",)},
    ),
)


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def vendor(package: Package) -> dict[str, object]:
    meta = json.loads(_fetch(f"{REGISTRY}/{package.name.replace('/', '%2F')}/{package.version}"))
    tarball = _fetch(meta["dist"]["tarball"])
    algorithm, expected = meta["dist"]["integrity"].split("-", 1)
    if base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode() != expected:
        raise SystemExit(f"{package.name}@{package.version}: tarball does not match the registry's integrity")
    written = {}
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        for inner, outer in package.files.items():
            member = archive.extractfile(f"package/{inner}")
            if member is None:
                raise SystemExit(f"{package.name}: {inner} is not a file")
            data = member.read()
            path = TARGET / outer
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written[outer] = hashlib.sha256(data).hexdigest()
    return {
        "package": package.name,
        "version": package.version,
        "tarball": meta["dist"]["tarball"],
        "integrity": meta["dist"]["integrity"],
        "license": meta.get("license"),
        "files": written,
        "cdn": {outer: list(urls) for outer, urls in package.cdn.items()},
    }


def main() -> None:
    sources = [vendor(package) for package in PACKAGES]
    (TARGET / "SOURCES.json").write_text(json.dumps(sources, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {sum(len(s['files']) for s in sources)} files to {TARGET}")


if __name__ == "__main__":
    main()
