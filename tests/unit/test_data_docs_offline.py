"""Data Docs made local: every CDN address GE uses has a vendored file, pages at any depth point
at it, and an address nobody vendored is reported."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from fiscal.quality.data_docs import ASSETS, cdn_addresses, localise, make_offline, remote_resources

GE_TEMPLATES = Path(__import__("great_expectations").__file__).parent / "render" / "view" / "templates"


def test_every_vendored_file_is_the_one_its_sources_name():
    sources = json.loads((ASSETS / "SOURCES.json").read_text(encoding="utf-8"))
    assert {source["package"] for source in sources} >= {"jquery", "bootstrap", "bootstrap-table", "vega"}
    for source in sources:
        for local, sha256 in source["files"].items():
            assert hashlib.sha256((ASSETS / local).read_bytes()).hexdigest() == sha256, local


def test_every_cdn_address_in_the_installed_ge_templates_is_vendored():
    in_templates = set()
    for template in GE_TEMPLATES.glob("*.j2"):
        in_templates |= remote_resources(template.read_text(encoding="utf-8"), ".html")
    assert in_templates  # GE still links CDNs: the check below is about something
    assert in_templates - set(cdn_addresses()) == set()


def test_a_nested_page_points_up_to_the_site_and_drops_subresource_integrity(tmp_path):
    site = tmp_path / "site"
    page = site / "validations" / "suite" / "run" / "p.html"
    html = (
        '<script src="https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js" '
        'integrity="sha384-x" crossorigin="anonymous"></script>'
        '<img class="NO-CACHE" src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/logo-long.png'
        '?d=1&dataContextId=abc" alt="GE"><a href="https://greatexpectations.io">GE</a>'
    )
    local = localise(html, page, site)
    assert '<script src="../../../static/vendor/popper/popper.min.js"></script>' in local
    assert 'src="../../../static/images/logo-long.png"' in local and "dataContextId" not in local
    assert '<a href="https://greatexpectations.io">' in local  # a link to follow is not a load
    assert remote_resources(local, ".html") == set()


def test_an_address_nobody_vendored_is_reported_and_the_rest_made_local(tmp_path):
    site = tmp_path / "site"
    (site / "static" / "styles").mkdir(parents=True)
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"/>'
        '<script src="https://cdn.example.org/new-library.js"></script>',
        encoding="utf-8",
    )
    (site / "static" / "styles" / "s.css").write_text(
        "a { background: url('https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/full_logo_dark.png') }",
        encoding="utf-8",
    )
    assert make_offline(site) == {"https://cdn.example.org/new-library.js"}
    assert 'href="static/vendor/bootstrap/bootstrap.min.css"' in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "static" / "vendor" / "bootstrap" / "bootstrap.min.css").is_file()
    assert "url('../images/logo-long.png')" in (site / "static" / "styles" / "s.css").read_text(encoding="utf-8")
