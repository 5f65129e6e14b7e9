"""A page in any engine, with the part of Playwright's API the page drivers use
(``support.selfcheck``, ``support.estimator``, ``support.obligation``,
``support.commune_search``): ``locator``, ``get_by_role("button")``,
``fill``/``check``/``click``/``press``, ``keyboard``, and, through
:func:`support.expect.expect`, the same assertions with the same auto-waiting.

So the drivers run unchanged in Firefox and WebKit, where Playwright cannot go
on this machine (its own builds cannot be downloaded, and its BiDi mode needs a
newer Firefox than ESR). Locators are resolved in the page each time, as
Playwright's are; texts are compared with whitespace collapsed, as Playwright
does; clicks and keys are the engine's real input.
"""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urljoin

from .base import Backend

DEFAULT_TIMEOUT_MS = 5_000
"""Playwright's own default for an assertion."""

_PAGE_FUNCTIONS = r"""
const visible = (el) => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
};
const normal = (text) => (text ?? "").replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
const resolve = (steps) => {
  let found = [document];
  for (const [kind, argument] of steps) {
    if (kind === "css") found = found.flatMap((el) => [...el.querySelectorAll(argument)]);
    else if (kind === "visible") found = found.filter(visible);
    else if (kind === "parent") found = found.map((el) => el.parentElement).filter(Boolean);
    else if (kind === "nth") found = found.slice(argument, argument + 1);
    else if (kind === "button") {
      found = found.flatMap((el) => [...el.querySelectorAll("button, [role=button], input[type=submit]")])
        .filter((el) => visible(el) && normal(el.textContent || el.value).toLowerCase()
          .includes(argument.toLowerCase()));
    }
    found = [...new Set(found)];
  }
  return found;
};
"""


def _page_function(body: str) -> str:
    return f"(argument) => {{ {_PAGE_FUNCTIONS} {body} }}"


_INSPECT = _page_function("""
  return resolve(argument.steps).map((el) => ({
    text: normal(el.textContent),
    visible: visible(el),
    focused: document.activeElement === el,
    value: "value" in el ? String(el.value) : null,
    checked: "checked" in el ? el.checked : null,
    attributes: Object.fromEntries(argument.attributes.map((name) => [name, el.getAttribute(name)])),
  }));
""")

_ELEMENT = _page_function("""
  const el = resolve(argument.steps)[0];
  el.scrollIntoView({ block: "center", inline: "center" });
  return el;
""")

_FILL = _page_function("""
  const el = resolve(argument.steps)[0];
  el.focus();
  const prototype = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, "value").set.call(el, argument.value);
  el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: argument.value }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
""")

_FOCUS = _page_function("resolve(argument.steps)[0].focus();")


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u200b", "")).strip()


class EngineLocator:
    """Elements found anew in the page each time they are used."""

    def __init__(self, page: EnginePage, steps: list[list[Any]]) -> None:
        self.page = page
        self.steps = steps

    def __repr__(self) -> str:
        return f"<{self.page.backend.engine} locator {self.steps}>"

    def _then(self, *step: Any) -> EngineLocator:
        return EngineLocator(self.page, [*self.steps, list(step)])

    def locator(self, selector: str) -> EngineLocator:
        if selector == "xpath=..":
            return self._then("parent")
        if selector.endswith(":visible"):
            return self._then("css", selector.removesuffix(":visible"))._then("visible")
        return self._then("css", selector)

    @property
    def first(self) -> EngineLocator:
        return self.nth(0)

    def nth(self, index: int) -> EngineLocator:
        return self._then("nth", index)

    def inspect(self, *attributes: str) -> list[dict[str, Any]]:
        """The matched elements as they are now: text, visibility, focus, value, attributes."""
        return self.page.backend.call(_INSPECT, {"steps": self.steps, "attributes": list(attributes)})

    def count(self) -> int:
        return len(self.inspect())

    def all(self) -> list[EngineLocator]:
        return [self.nth(index) for index in range(self.count())]

    def _wait(self, ready, what: str, timeout: float | None = None) -> dict[str, Any]:
        deadline = time.monotonic() + (timeout or DEFAULT_TIMEOUT_MS) / 1000
        while True:
            found = self.inspect()
            if found and ready(found[0]):
                return found[0]
            if time.monotonic() > deadline:
                raise AssertionError(f"{self!r}: never {what} (found {found[:1]})")
            time.sleep(0.05)

    def get_attribute(self, name: str) -> str | None:
        self._wait(lambda element: True, "attached")
        return self.inspect(name)[0]["attributes"][name]

    def fill(self, value: str) -> None:
        self._wait(lambda element: element["visible"], "visible")
        self.page.backend.call(_FILL, {"steps": self.steps, "value": value})

    def click(self) -> None:
        self._wait(lambda element: element["visible"], "visible")
        self.page.backend.click(_ELEMENT, {"steps": self.steps})

    def check(self) -> None:
        element = self._wait(lambda element: element["visible"], "visible")
        if not element["checked"]:
            self.page.backend.click(_ELEMENT, {"steps": self.steps})
        self._wait(lambda element: element["checked"], "checked")

    def press(self, key: str) -> None:
        self._wait(lambda element: element["visible"], "visible")
        self.page.backend.call(_FOCUS, {"steps": self.steps})
        self.page.backend.press(key)


class Keyboard:
    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def press(self, key: str) -> None:
        self._backend.press(key)

    def type(self, text: str) -> None:
        self._backend.type(text)


class EnginePage:
    """The tab of one engine's backend, seen through Playwright's Page API."""

    def __init__(self, backend: Backend, base_url: str) -> None:
        self.backend = backend
        self.base_url = base_url
        self.keyboard = Keyboard(backend)

    def goto(self, path: str) -> None:
        self.backend.collect()
        self.backend.goto(urljoin(self.base_url, path))

    def reload(self) -> None:
        self.backend.collect()
        self.backend.reload()

    def locator(self, selector: str) -> EngineLocator:
        return EngineLocator(self, []).locator(selector)

    def get_by_role(self, role: str, *, name: str) -> EngineLocator:
        assert role == "button", "only buttons are found by role here"
        return EngineLocator(self, [["button", name]])

    def evaluate(self, function: str) -> Any:
        return self.backend.call(f"() => ({function})()")

    def wait_for_timeout(self, milliseconds: float) -> None:
        time.sleep(milliseconds / 1000)


class EngineExpectation:
    """Playwright's ``expect(locator)`` assertions, polled until they hold or time out."""

    def __init__(self, locator: EngineLocator) -> None:
        self.locator = locator

    def _poll(self, holds, what: str, timeout: float | None, *attributes: str) -> None:
        deadline = time.monotonic() + (timeout or DEFAULT_TIMEOUT_MS) / 1000
        while True:
            found = self.locator.inspect(*attributes)
            if holds(found):
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.locator!r} in {self.locator.page.backend.engine}: expected {what}, "
                                     f"found {found[:3]}")
            time.sleep(0.05)

    def to_be_visible(self, timeout: float | None = None) -> None:
        self._poll(lambda found: bool(found) and found[0]["visible"], "visible", timeout)

    def to_be_hidden(self, timeout: float | None = None) -> None:
        self._poll(lambda found: not found or not found[0]["visible"], "hidden", timeout)

    def to_be_focused(self, timeout: float | None = None) -> None:
        self._poll(lambda found: bool(found) and found[0]["focused"], "focused", timeout)

    def to_have_count(self, count: int, timeout: float | None = None) -> None:
        self._poll(lambda found: len(found) == count, f"{count} element(s)", timeout)

    def to_have_value(self, value: str, timeout: float | None = None) -> None:
        self._poll(lambda found: bool(found) and found[0]["value"] == value, f"value {value!r}", timeout)

    def to_have_text(self, expected: str | list[str], timeout: float | None = None) -> None:
        if isinstance(expected, str):
            self._poll(lambda found: bool(found) and found[0]["text"] == _normal(expected),
                       f"text {expected!r}", timeout)
        else:
            texts = [_normal(text) for text in expected]
            self._poll(lambda found: [element["text"] for element in found] == texts, f"texts {texts!r}", timeout)

    def to_contain_text(self, expected: str, timeout: float | None = None) -> None:
        self._poll(lambda found: bool(found) and _normal(expected) in found[0]["text"],
                   f"text containing {expected!r}", timeout)

    def to_have_attribute(self, name: str, value: str | re.Pattern[str], timeout: float | None = None) -> None:
        def holds(found: list[dict[str, Any]]) -> bool:
            if not found or found[0]["attributes"][name] is None:
                return False
            actual = found[0]["attributes"][name]
            return bool(value.search(actual)) if isinstance(value, re.Pattern) else actual == value

        self._poll(holds, f"{name}={value!r}", timeout, name)
