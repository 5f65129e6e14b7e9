"""The runtime pages' forms as built: plain HTML, usable at first paint and
with assistive technology before any Pyodide byte arrives, made from the
package's data (the quiz from ``QUESTIONS``, the estimator from
``HOURS_FIELDS``); and only these pages load the runtime, starting its worker
from the head. The browser side is in test_runtime_lifecycle.py and each
page's own test module.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eligibility import QUESTIONS, applicable_questions, law, obligation
from eligibility.hours import FORMULA, HOURS_FIELDS
from eligibility.questions import NONE_OF_THESE
from sitebuild.runtime_pages import COMPONENT, RUNTIME_PAGES, RuntimePage
from support.built_html import Element, article, parse_file
from support.site import runtime_dir


def flat(text: str) -> str:
    """Whitespace collapsed as ``Element.text`` does (non-breaking spaces included)."""
    return re.sub(r"\s+", " ", text).strip()


def by_id(root: Element, element_id: str) -> Element:
    return root.find(id=element_id)


@pytest.fixture(scope="module")
def forms(site_dir: Path) -> dict[str, Element]:
    """Each runtime page's form wrapper, by name."""
    return {page.name: article(site_dir / page.html).find(id=page.name) for page in RUNTIME_PAGES}


# --- what every runtime form has -------------------------------------------------------


@pytest.mark.parametrize("page", RUNTIME_PAGES, ids=lambda page: page.name)
def test_the_wrapper_starts_loading(forms: dict[str, Element], page: RuntimePage) -> None:
    assert forms[page.name].attrs["data-runtime"] == "loading"


@pytest.mark.parametrize("page", RUNTIME_PAGES, ids=lambda page: page.name)
def test_form_has_one_submit_button_and_never_submits_anywhere(forms: dict[str, Element], page: RuntimePage) -> None:
    form = forms[page.name].find("form")
    buttons = form.find_all("button")
    submits = [b for b in buttons if b.attrs.get("type") == "submit"]
    assert len(submits) == 1 and submits[0].text
    assert all(b.attrs.get("type") in ("submit", "button") for b in buttons)
    # method=dialog outside a dialog: a submit without the script goes nowhere,
    # so answers never reach a server, not even the site's own.
    assert form.attrs["method"] == "dialog"
    assert "action" not in form.attrs


@pytest.mark.parametrize("page", RUNTIME_PAGES, ids=lambda page: page.name)
def test_result_area_is_a_live_region_with_a_focusable_heading(forms: dict[str, Element], page: RuntimePage) -> None:
    root = forms[page.name]
    result = root.find(id=f"{page.name}-result")
    assert "hidden" in result.attrs
    live = next(e for e in root.iter() if e.attrs.get("aria-live") and result in e.iter())
    assert live.attrs["aria-live"] == "polite"
    assert result.find("h2").attrs["tabindex"] == "-1"
    assert root.find("p", role="status")


@pytest.mark.parametrize("page", RUNTIME_PAGES, ids=lambda page: page.name)
def test_fallback_is_hidden_text_with_the_contacts(forms: dict[str, Element], page: RuntimePage) -> None:
    fallback = forms[page.name].find(id=f"{page.name}-fallback")
    assert "hidden" in fallback.attrs
    assert len(fallback.find_all("li", cls="contact-card")) == 3
    assert {e.attrs["data-when"] for e in fallback.iter() if "data-when" in e.attrs} == {"slow", "error"}


@pytest.mark.parametrize("page", RUNTIME_PAGES, ids=lambda page: page.name)
def test_every_field_is_labelled_and_described_by_its_help_and_error(
    forms: dict[str, Element], page: RuntimePage
) -> None:
    root = forms[page.name]
    wrappers = [e for e in root.find("form").iter() if "data-field" in e.attrs]
    assert wrappers
    for wrapper in wrappers:
        field = wrapper.attrs["data-field"]
        help_slot, error_slot = by_id(root, f"{page.name}-{field}-help"), by_id(root, f"{page.name}-{field}-error")
        assert "runtime__error" in error_slot.classes and "hidden" in error_slot.attrs
        assert help_slot.text
        described = wrapper if wrapper.tag == "fieldset" else wrapper.find("input")
        assert described.attrs["aria-describedby"].split() == [help_slot.attrs["id"], error_slot.attrs["id"]]


@pytest.mark.parametrize("page", RUNTIME_PAGES, ids=lambda page: page.name)
def test_no_inline_script_or_style_attribute_in_the_form(forms: dict[str, Element], page: RuntimePage) -> None:
    for element in forms[page.name].iter():
        assert not (element.tag == "script" and "src" not in element.attrs), "inline script"
        assert "style" not in element.attrs
        assert not any(name.startswith("on") for name in element.attrs), element.attrs


# --- the quiz -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def quiz(forms: dict[str, Element]) -> Element:
    return forms["selfcheck"]


def test_quiz_wrapper_mirrors_the_runtime_state_in_data_selfcheck(quiz: Element) -> None:
    assert quiz.attrs["data-selfcheck"] == "loading" == quiz.attrs["data-runtime"]


def test_each_question_is_in_the_html_in_quiz_order_hidden_unless_it_applies_at_first(quiz: Element) -> None:
    wrappers = [e for e in quiz.iter() if "data-question" in e.attrs]
    assert [w.attrs["data-question"] for w in wrappers] == [q.id for q in QUESTIONS]
    first = set(applicable_questions({}))
    for wrapper in wrappers:
        assert ("hidden" in wrapper.attrs) == (wrapper.attrs["data-question"] not in first)


def test_number_questions_are_labelled_numeric_inputs_with_help_and_error_described(quiz: Element) -> None:
    for question in (q for q in QUESTIONS if q.kind == "integer"):
        control = quiz.find("input", name=question.id)
        assert control.attrs["type"] == "number"
        assert control.attrs["inputmode"] == "numeric"
        assert (control.attrs["min"], control.attrs["max"]) == (str(question.minimum), str(question.maximum))
        label = quiz.find("label", **{"for": control.attrs["id"]})
        assert label.text == question.label
        described = control.attrs["aria-describedby"].split()
        assert by_id(quiz, described[0]).text.startswith(question.help)
        assert "runtime__error" in by_id(quiz, described[1]).classes


def test_choice_questions_are_fieldsets_with_a_legend_and_a_label_per_choice(quiz: Element) -> None:
    for question in (q for q in QUESTIONS if q.kind in ("single", "multiple", "yes_no")):
        fieldset = quiz.find("fieldset", data_question=question.id)
        assert fieldset.find("legend").text == question.label
        help_id, error_id = fieldset.attrs["aria-describedby"].split()
        assert by_id(quiz, help_id).text.startswith(question.help)
        assert "runtime__error" in by_id(quiz, error_id).classes
        choices = [*question.choices, *([NONE_OF_THESE] if question.kind == "multiple" else [])]
        controls = fieldset.find_all("input")
        assert [c.attrs["value"] for c in controls] == [c.code for c in choices]
        expected_type = "checkbox" if question.kind == "multiple" else "radio"
        for control, choice in zip(controls, choices, strict=True):
            assert control.attrs["type"] == expected_type
            assert control.attrs["name"] == question.id
            assert quiz.find("label", **{"for": control.attrs["id"]}).text == choice.label


def test_the_commune_question_is_a_labelled_combobox_of_the_communes_at_first_paint(quiz: Element) -> None:
    (question,) = [q for q in QUESTIONS if q.kind == "commune"]
    assert question.optional and question.id in applicable_questions({})
    control = quiz.find("input", name=question.id)
    assert control.attrs["type"] == "text" and control.attrs["autocomplete"] == "off"
    assert control.attrs["role"] == "combobox" and control.attrs["aria-autocomplete"] == "list"
    assert control.attrs["aria-expanded"] == "false"
    listbox = by_id(quiz, control.attrs["aria-controls"])
    assert listbox.attrs["role"] == "listbox" and "hidden" in listbox.attrs and listbox.attrs["aria-label"]
    label = quiz.find("label", **{"for": control.attrs["id"]})
    assert label.text == f"{question.label} (facultatif)"
    help_id, error_id = control.attrs["aria-describedby"].split()
    assert by_id(quiz, help_id).text == flat(question.help)
    assert "runtime__error" in by_id(quiz, error_id).classes
    live = quiz.find(data_question=question.id).find(cls="commune-combobox__count")
    assert live.attrs["aria-live"] == "polite" and "role" not in live.attrs  # the page's one status is the runtime's


def test_the_registration_question_says_who_is_registered_automatically_and_its_source(quiz: Element) -> None:
    from eligibility.parameters import AUTOMATIC_REGISTRATION, AUTOMATIC_REGISTRATION_SOURCE

    question = quiz.find("fieldset", data_question="job_seeker")
    assert flat(AUTOMATIC_REGISTRATION) in question.text
    assert "1er janvier 2025" in question.text and "Cap emploi" in question.text and "Mission locale" in question.text
    assert f"Source : {flat(AUTOMATIC_REGISTRATION_SOURCE)}" in question.text
    assert "2023-1196" in AUTOMATIC_REGISTRATION_SOURCE and "27 décembre 2024" in AUTOMATIC_REGISTRATION_SOURCE


def test_yes_no_answers_are_true_and_false(quiz: Element) -> None:
    for question in (q for q in QUESTIONS if q.kind == "yes_no"):
        values = [c.attrs["value"] for c in quiz.find_all("input", name=question.id)]
        assert values == ["true", "false"]


def test_quiz_submit_is_see_my_result_and_its_result_area_has_the_contacts(quiz: Element) -> None:
    form = quiz.find("form")
    assert [b.text for b in form.find_all("button") if b.attrs.get("type") == "submit"] == ["Voir mon résultat"]
    assert len(quiz.find(id="selfcheck-result").find_all("li", cls="contact-card")) == 3


def test_fallback_has_the_criteria_and_contacts_as_text(quiz: Element) -> None:
    fallback = quiz.find(id="selfcheck-fallback")
    assert len(fallback.find_all("li", cls="criterion")) == 5


# --- the estimator -------------------------------------------------------------------


def test_estimator_form_is_plain_html_built_from_the_fields(forms: dict[str, Element]) -> None:
    root = forms["estimator"]
    assert "data-estimator" in root.attrs and "data-selfcheck" not in root.attrs
    form = root.find("form")
    assert form.attrs["method"] == "dialog" and "action" not in form.attrs
    assert [b.text for b in form.find_all("button") if b.attrs.get("type") == "submit"] == ["Calculer les heures"]
    wrappers = [e for e in form.iter() if "data-field" in e.attrs]
    assert [w.attrs["data-field"] for w in wrappers] == [f.id for f in HOURS_FIELDS]
    for field, wrapper in zip(HOURS_FIELDS, wrappers, strict=True):
        control = wrapper.find("input")
        assert (control.attrs["name"], control.attrs["id"]) == (field.id, f"estimator-{field.id}")
        assert control.attrs["type"] == "text" and control.attrs["inputmode"] == "decimal"
        assert control.attrs["value"] == (field.default or "")
        assert wrapper.find("label", **{"for": control.attrs["id"]}).text == field.label
        help_id, error_id = control.attrs["aria-describedby"].split()
        assert wrapper.find(id=help_id).text == flat(field.help)
        assert "hidden" in wrapper.find(id=error_id).attrs
        assert wrapper.find("span", cls="runtime__unit").text == field.unit


def test_estimator_fallback_has_the_formula_as_text(forms: dict[str, Element]) -> None:
    fallback = forms["estimator"].find(id="estimator-fallback")
    assert flat(FORMULA) in fallback.text


# --- the buyers' check -----------------------------------------------------------------


@pytest.fixture(scope="module")
def check(forms: dict[str, Element]) -> Element:
    return forms["obligation"]


def test_check_form_is_plain_html_built_from_the_fields_in_form_order(check: Element) -> None:
    assert "data-obligation" in check.attrs
    form = check.find("form")
    assert [b.text for b in form.find_all("button") if b.attrs.get("type") == "submit"] == ["Voir la réponse"]
    wrappers = [e for e in form.iter() if "data-field" in e.attrs]
    assert [w.attrs["data-field"] for w in wrappers] == [f.id for f in obligation.FIELDS]
    for field, wrapper in zip(obligation.FIELDS, wrappers, strict=True):
        assert by_id(check, f"obligation-{field.id}-help").text == flat(field.help)
        if field.choices:
            assert wrapper.tag == "fieldset" and wrapper.find("legend").text == field.label
            radios = wrapper.find_all("input")
            assert [r.attrs["value"] for r in radios] == [c.code for c in field.choices]
            for radio, choice in zip(radios, field.choices, strict=True):
                assert (radio.attrs["type"], radio.attrs["name"]) == ("radio", field.id)
                assert radio.attrs["id"] == f"obligation-{field.id}-{choice.code}"
                assert check.find("label", **{"for": radio.attrs["id"]}).text == choice.label
                assert "checked" not in radio.attrs
        else:
            control = wrapper.find("input")
            assert (control.attrs["name"], control.attrs["id"]) == (field.id, f"obligation-{field.id}")
            assert wrapper.find("label", **{"for": control.attrs["id"]}).text == field.label
            assert control.attrs.get("value", "") == ""


def test_check_asks_the_amount_as_text_and_the_date_with_a_date_control_bounded_by_the_held_periods(
    check: Element,
) -> None:
    amount = check.find("input", name="amount_ht")
    assert (amount.attrs["type"], amount.attrs["inputmode"]) == ("text", "numeric")
    day = check.find("input", name="launch_date")
    held = law.held_period()
    assert day.attrs["type"] == "date"
    assert (day.attrs["min"], day.attrs["max"]) == (held.start.isoformat(), held.end.isoformat())


def test_check_fallback_has_the_rule_and_the_latest_thresholds_as_text(check: Element) -> None:
    fallback = check.find(id="obligation-fallback")
    items = fallback.find("ul", cls="obligation__summary").find_all("li")
    assert [li.text for li in items] == [flat(line) for line in obligation.summary()]


# --- only the runtime pages load the runtime --------------------------------------------


def test_only_the_runtime_pages_load_their_scripts(site_dir: Path) -> None:
    loading = {}
    for path in sorted(site_dir.rglob("*.html")):
        html = parse_file(path)
        sources = [e.attrs.get("src", "") + e.attrs.get("href", "") for e in html.iter() if e.tag in ("script", "link")]
        own = "|".join(re.escape(p.script.rsplit("/", 1)[0]) for p in RUNTIME_PAGES)
        names = sorted({s.rsplit("/", 1)[-1] for s in sources if re.search(rf"{own}|{COMPONENT}/|pyodide", s)})
        if names:
            loading[path.relative_to(site_dir).as_posix()] = names
    shared = ["runtime-form.css", "runtime-form.js", "runtime.js"]
    assert loading == {
        page.html: sorted([*shared, page.script.rsplit("/", 1)[-1], page.stylesheet.rsplit("/", 1)[-1]])
        for page in RUNTIME_PAGES
    }


def test_content_pages_reference_no_worker_and_no_pyodide_file(site_dir: Path) -> None:
    offenders = {}
    for path in sorted(site_dir.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if re.search(r"<[^>]+\sdata-runtime[\s=>]", html):
            continue  # pages that run Pyodide
        found = re.findall(r"""(?:src|href)="[^"]*(?:/pyodide/|assets/runtime/)[^"]*\"""", html)
        if found:
            offenders[path.relative_to(site_dir).as_posix()] = found
    assert offenders == {}


@pytest.mark.parametrize("page", RUNTIME_PAGES, ids=lambda page: page.name)
def test_runtime_pages_start_the_worker_in_the_head_before_any_stylesheet(site_dir: Path, page: RuntimePage) -> None:
    head = (site_dir / page.html).read_text(encoding="utf-8").split("</head>", 1)[0]
    starter = head.find("new Worker(")
    assert starter != -1, page
    assert head.rfind("<script>", 0, starter) < starter < head.find('rel="stylesheet"'), page
    # ...but after the form's own stylesheets have been asked for: they must not queue behind Pyodide.
    for stylesheet in ("runtime-form.css", page.stylesheet.rsplit("/", 1)[-1]):
        preload = re.search(rf'<link rel="preload" as="style" href="[^"]*/{stylesheet}">', head)
        assert preload and preload.start() < starter, (page, stylesheet)
    depth = "../" * page.path.count("/")
    assert re.search(rf'"{re.escape(depth + COMPONENT)}/worker\.mjs\?runtime=[0-9a-f]{{16}}"', head), page


@pytest.mark.parametrize("page", RUNTIME_PAGES, ids=lambda page: page.name)
def test_the_page_names_the_runtime_folder_the_site_serves(site_dir: Path, page: RuntimePage) -> None:
    html = (site_dir / page.html).read_text(encoding="utf-8")
    (started,) = re.findall(r'new Worker\("([^"]+)"', html)
    named = parse_file(site_dir / page.html).find(id="runtime-config").attrs["data-worker"]
    assert started == named, "the head's worker and runtime.js's would not be the same"
    assert named.rsplit("?runtime=", 1)[1] == runtime_dir(site_dir).name
