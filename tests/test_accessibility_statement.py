"""The accessibility statement says what the data says, and the data stays true.

- The status follows the RGAA's rule from the audit (none yet: « non conforme »).
- The grid (data/rgaa.yml) is rendered at build time, counted from the data,
  and every test it names exists in the suite: renaming or deleting a test the
  statement relies on fails here.
- A grid entry cannot claim more than its checks: « conforme » needs a check
  and nothing left; the other results say what was found or what remains.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuild.accessibility import (
    NON_CONFORME,
    NON_VERIFIE,
    RGAA_FILE,
    Audit,
    load_statement,
    status_of,
)
from sitebuild.errors import BuildError
from sitebuild.french_dates import format_date_fr
from sitebuild.pins import npm_version, pypi_version, with_versions
from support.built_html import article
from support.site import ROOT

STATEMENT = load_statement()
PAGE = "accessibilite/index.html"


# --- the status ---------------------------------------------------------------


def audit(rate: float) -> Audit:
    return Audit(dt.date(2027, 3, 1), "en interne", rate, "https://example.org/audit")


@pytest.mark.parametrize(
    ("found", "status"),
    [(None, "non conforme"), (audit(1), "totalement conforme"), (audit(0.5), "partiellement conforme"),
     (audit(0.99), "partiellement conforme"), (audit(0.49), "non conforme"), (audit(0), "non conforme")],
)
def test_the_status_follows_the_rgaas_rule(found: Audit | None, status: str) -> None:
    assert status_of(found) == status


def test_without_an_audit_the_site_is_declared_non_conforme(site_dir: Path) -> None:
    assert STATEMENT.audit is None
    assert STATEMENT.label.replace("\u00a0", " ") == "Accessibilité : non conforme"
    text = article(site_dir / PAGE).text
    assert "est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA)" in text
    assert "« s'il n'existe aucun résultat d'audit en cours de validité permettant de mesurer le respect" in text
    assert "Sans audit, le pourcentage de critères respectés ne peut pas être calculé." in text


# --- the grid -------------------------------------------------------------------


def collected_node_ids(files: set[str]) -> set[str]:
    """Node ids (without parameters) that pytest collects from ``files``, in a
    subprocess: collecting imports the test modules, which must not import each other."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *sorted(files)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"collection failed:\n{result.stdout}\n{result.stderr}"
    return {line.split("[")[0] for line in result.stdout.splitlines() if "::" in line}


@pytest.mark.slow
def test_every_test_the_grid_names_exists_in_the_suite() -> None:
    files = {node.split("::")[0] for node in STATEMENT.tests}
    collected = collected_node_ids(files)
    assert {node.split("::")[0] for node in collected} == files, "a named module collected no test"
    missing = sorted(STATEMENT.tests - collected)
    assert missing == [], f"data/rgaa.yml names tests the suite does not have: {missing}"


def test_the_page_renders_every_criterion_of_the_grid_with_its_checks(site_dir: Path) -> None:
    items = article(site_dir / PAGE).find_all("li", cls="rgaa-grid__criterion")
    assert [li.attrs["data-criterion"] for li in items] == [c.number for c in STATEMENT.criteria]
    for item, criterion in zip(items, STATEMENT.criteria, strict=True):
        assert item.attrs["data-result"] == criterion.result
        assert item.find("p", cls="rgaa-grid__title").text == f"Critère {criterion.number} : {criterion.title}"
        assert item.find("p", cls="rgaa-grid__result").text == f"Résultat : {criterion.result}"
        named = [li.attrs.get("data-test") for li in item.find_all("li", cls="rgaa-grid__check")]
        assert named == [check.test for check in criterion.checks]
        for check, li in zip(criterion.checks, item.find_all("li", cls="rgaa-grid__check"), strict=True):
            assert check.how.rstrip(".") in li.text
        if criterion.finding:
            assert item.find("p", cls="rgaa-grid__finding").text == f"Ce qui ne va pas : {criterion.finding}"
        if criterion.remaining:
            assert item.find("p", cls="rgaa-grid__remaining").text == f"Reste à vérifier : {criterion.remaining}"


def test_the_counts_on_the_page_are_the_grids(site_dir: Path) -> None:
    text = article(site_dir / PAGE).text
    counts = STATEMENT.counts
    assert counts["checked"] == len(STATEMENT.criteria) == sum(counts[r] for r in ("conforme", NON_CONFORME,
                                                                                   NON_VERIFIE))
    assert f"Le RGAA compte {STATEMENT.criteria_count} critères. Nous en avons vérifié {counts['checked']} :" in text
    def said(count: int, one: str, several: str) -> str:
        return f"{count} {one if count < 2 else several}"

    assert (f"{said(counts['conforme'], 'critère est respecté', 'critères sont respectés')} ; "
            f"{said(counts[NON_CONFORME], 'critère n’est pas respecté', 'critères ne sont pas respectés')} ; "
            f"{said(counts[NON_VERIFIE], 'critère n’est vérifié', 'critères ne sont vérifiés')} qu’en partie."
            ).replace("’", "'") in text


def test_the_non_conformities_are_listed_as_contents_not_accessible(site_dir: Path) -> None:
    content = article(site_dir / PAGE)
    heading = next(h for h in content.find_all("h3") if h.text == "Non conformité")
    section = content.children[content.children.index(heading) + 1:]
    listed = next(e for e in section if hasattr(e, "tag") and e.tag == "ul")
    assert [li.text for li in listed.find_all("li")] == [
        f"Critère {c.number} : {c.finding}" for c in STATEMENT.with_result(NON_CONFORME)
    ]


def test_the_statement_follows_the_rgaas_model_in_its_order(site_dir: Path) -> None:
    headings = [h.text for h in article(site_dir / PAGE).find_all() if h.tag in ("h2", "h3")]
    assert headings == [
        "État de conformité", "Résultats des tests", "Contenus non accessibles", "Non conformité",
        "Dérogations pour charge disproportionnée", "Contenus non soumis à l'obligation d'accessibilité",
        "Établissement de cette déclaration d'accessibilité", "Technologies utilisées pour la réalisation du site",
        "Environnement de test", "Outils utilisés lors de l'évaluation",
        "Pages du site ayant fait l'objet de la vérification de conformité", "Retour d'information et contact",
        "Voies de recours",
    ]


def test_the_means_of_redress_are_the_models_text_with_no_phone_number(site_dir: Path) -> None:
    content = article(site_dir / PAGE)
    text = content.text
    assert "Défenseur des droits Libre réponse 71120 75342 Paris CEDEX 07" in text
    hrefs = {a.attrs["href"] for a in content.find_all("a")}
    assert {"https://www.defenseurdesdroits.fr/nous-contacter-355",
            "https://www.defenseurdesdroits.fr/carte-des-delegues"} <= hrefs
    assert "09 69 39 00 00" not in text  # only in the DINUM's own statement, not in the model


def test_the_statement_is_dated_the_french_way(site_dir: Path) -> None:
    assert format_date_fr(dt.date(2026, 12, 1)) == "1er\u00a0décembre 2026"
    assert format_date_fr(dt.date(2027, 3, 15)) == "15\u00a0mars 2027"
    text = article(site_dir / PAGE).text
    assert f"Cette déclaration a été établie le {format_date_fr(STATEMENT.established)}.".replace("\u00a0", " ") in text


def test_the_tools_are_named_with_the_versions_the_project_pins() -> None:
    tools = " ".join(STATEMENT.tools)
    assert f"axe-playwright-python {pypi_version('axe-playwright-python')}" in tools
    assert f"Nu Html Checker {npm_version('vnu-jar')}" in tools
    assert "{" not in tools + " ".join(STATEMENT.technologies + STATEMENT.environment)
    with pytest.raises(BuildError, match="no-such-tool: not pinned"):
        with_versions("{pypi:no-such-tool}", "x")


# --- a grid entry cannot claim more than its checks ------------------------------------


def grid_with(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load(RGAA_FILE.read_text(encoding="utf-8"))
    entry = next(c for c in data["criteria"] if c["result"] == "conforme")
    entry.update(changes)
    path = tmp_path / "rgaa.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"checks": []}, "says how it was checked"),
        ({"remaining": "tout"}, "is not « conforme »"),
        ({"result": "non vérifié"}, "remaining: say what remains"),
        ({"result": "non conforme"}, "finding: say what was found"),
        ({"result": "presque"}, "'presque' is not one of"),
        ({"checks": [{"test": "test_links.py::test_x", "how": "x"}]}, "is not a test node id"),
        ({"checks": [{"by_hand": "Relecture", "who": "moi"}]}, "expected a date"),
        ({"number": "8.1"}, "in the RGAA's order"),
        ({"number": 6.2}, "quoted"),
    ],
    ids=lambda value: str(value)[:30],
)
def test_a_grid_entry_that_claims_more_than_its_checks_stops_the_build(
    tmp_path: Path, changes: dict, problem: str
) -> None:
    with pytest.raises(BuildError, match=re.escape(problem)):
        load_statement(grid_with(tmp_path, **changes))

