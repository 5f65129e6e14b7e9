"""The publisher's details, read and checked from ``data/site.yml``.

The legal notice, the personal data page and the accessibility statement print
who publishes the site, who hosts it and what the host logs. None of it may be
invented: the file ships empty, a preview build prints « à compléter » in
place of each missing value and says that the site republishes the memo, and
a build for publication (``SITE_URL`` set, see ``mkdocs.yml``) stops with a
message naming every missing field. So the site cannot go online without a
publisher.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .contacts import EMAIL
from .data_files import read_yaml
from .errors import BuildError
from .paths import DATA

SITE_FILE = DATA / "site.yml"

SITE_FILE_ENV = "CLAUSE_SOCIALE_SITE_FILE"
"""Points the build at another site file (a preview, a test of a broken file)."""

PUBLISHING_ENV = "SITE_URL"
"""Set for a build meant for publication (``mkdocs.yml`` reads it as ``site_url``)."""

URL = re.compile(r"https?://[^\s/]+\.[^\s/]+(/\S*)?")

# Field -> kind. Every field is required for publication, except the optional ones.
FIELDS: dict[str, str] = {
    "publisher.name": "text",
    "publisher.address": "text",
    "publisher.phone": "text",
    "publisher.email": "email",
    "director_of_publication": "text",
    "host.name": "text",
    "host.address": "text",
    "host.phone": "text",
    "host.logs": "text",
    "host.logs_retention": "text",
    "data_protection_officer": "text",
    "accessibility.multiyear_plan_url": "url",
    "accessibility.action_plan_url": "url",
}
OPTIONAL = frozenset({"data_protection_officer"})
SECTIONS = frozenset(name.split(".")[0] for name in FIELDS if "." in name)


@dataclass(frozen=True)
class Publisher:
    name: str | None
    address: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class Host:
    name: str | None
    address: str | None
    phone: str | None
    logs: str | None
    logs_retention: str | None


@dataclass(frozen=True)
class SiteInfo:
    """What ``data/site.yml`` says; ``None`` for a field still to be completed."""

    publisher: Publisher
    director_of_publication: str | None
    host: Host
    data_protection_officer: str | None
    multiyear_plan_url: str | None
    action_plan_url: str | None
    missing: tuple[str, ...]
    """Required fields still empty, by their dotted name (``host.phone``)."""

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def urls(self) -> tuple[str, ...]:
        """The outbound addresses the publisher configured (pages link to them)."""
        return tuple(url for url in (self.multiyear_plan_url, self.action_plan_url) if url)


def site_file() -> Path:
    """``$CLAUSE_SOCIALE_SITE_FILE`` if set, else ``data/site.yml``."""
    override = os.environ.get(SITE_FILE_ENV)
    return Path(override) if override else SITE_FILE


def publishing_from_environment() -> bool:
    """True when the build is for publication: ``SITE_URL`` is set."""
    return bool(os.environ.get(PUBLISHING_ENV, "").strip())


def _read(path: Path) -> dict[str, Any]:
    data = read_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BuildError(f"{path}: expected a mapping of the publisher's details")
    return data


def _values(path: Path, data: dict[str, Any]) -> dict[str, str | None]:
    """Every field of :data:`FIELDS`, checked; ``None`` where empty."""
    for key, value in data.items():
        if key not in SECTIONS and key not in FIELDS:
            raise BuildError(f"{path}: {key}: unknown field")
        if key in SECTIONS:
            if value is None:
                data[key] = {}
            elif not isinstance(value, dict):
                raise BuildError(f"{path}: {key}: expected a mapping")
            for inner in data[key]:
                if f"{key}.{inner}" not in FIELDS:
                    raise BuildError(f"{path}: {key}.{inner}: unknown field")
    values: dict[str, str | None] = {}
    for name, kind in FIELDS.items():
        section, _, field = name.rpartition(".")
        value = data.get(section, {}).get(field) if section else data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            values[name] = None
            continue
        if not isinstance(value, str):
            raise BuildError(f"{path}: {name}: expected text, got {value!r}")
        value = " ".join(value.split())
        if kind == "email" and not EMAIL.fullmatch(value):
            raise BuildError(f"{path}: {name}: {value!r} is not an email address")
        if kind == "url" and not URL.fullmatch(value):
            raise BuildError(f"{path}: {name}: {value!r} is not a web address (https://…)")
        values[name] = value
    return values


def load_site_info(path: Path | None = None, publishing: bool | None = None) -> SiteInfo:
    """The details of ``path`` (default :func:`site_file`), checked field by field.

    With ``publishing`` (default: :func:`publishing_from_environment`), a
    missing required field stops the build, naming every such field.
    """
    path = site_file() if path is None else path
    publishing = publishing_from_environment() if publishing is None else publishing
    values = _values(path, _read(path))
    missing = tuple(name for name in FIELDS if values[name] is None and name not in OPTIONAL)
    if publishing and missing:
        raise BuildError(
            f"{path}: {', '.join(missing)}: missing. A build for publication ({PUBLISHING_ENV} is set) "
            "needs the publisher's details that the legal notice, the personal data page and the "
            f"accessibility statement print. Fill them in (README, \"Legal pages\"), or unset {PUBLISHING_ENV} "
            "for a preview."
        )
    return SiteInfo(
        publisher=Publisher(*(values[f"publisher.{field}"] for field in ("name", "address", "phone", "email"))),
        director_of_publication=values["director_of_publication"],
        host=Host(*(values[f"host.{field}"] for field in ("name", "address", "phone", "logs", "logs_retention"))),
        data_protection_officer=values["data_protection_officer"],
        multiyear_plan_url=values["accessibility.multiyear_plan_url"],
        action_plan_url=values["accessibility.action_plan_url"],
        missing=missing,
    )
