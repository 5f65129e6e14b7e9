"""Debian's Firefox ESR driven over WebDriver BiDi, the W3C protocol Firefox
speaks natively (``--remote-debugging-port``): no geckodriver, no download.

Playwright's BiDi mode (``channel="moz-firefox"``) asks for commands that
Firefox ESR 153 does not have yet (``emulation.setMediaFeaturesOverride``), so
this is a small client of the protocol itself, over the ``websockets``
library: a session, one tab, scripts, real key and pointer input, and the
page's console, errors and requests as events. Commands and events are those of
https://w3c.github.io/webdriver-bidi/.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from queue import Queue
from typing import Any

from websockets.sync.client import ClientConnection, connect

from .base import PROBE, Backend, Complaint, EngineError, first_existing

FIREFOX_CANDIDATES = ("/usr/bin/firefox-esr", "/usr/bin/firefox")

# A quiet profile: nothing phones home from this closed network, no first-run
# page, no update. A subset of the profile Puppeteer and Playwright give
# Firefox (third_party/firefoxPrefs.ts in both).
PREFERENCES: dict[str, Any] = {
    "app.normandy.api_url": "",
    "app.update.disabledForTesting": True,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.search.update": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage": "about:blank",
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "browser.newtabpage.enabled": False,
    "browser.translations.automaticallyPopup": False,
    "browser.urlbar.suggest.searches": False,
    "datareporting.healthreport.uploadEnabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.usage.uploadEnabled": False,
    "dom.security.https_first": False,
    "extensions.update.enabled": False,
    "focusmanager.testmode": True,
    "intl.accept_languages": "fr-FR, fr",
    "media.gmp-manager.updateEnabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.http.speculative-parallel-limit": 0,
    "privacy.trackingprotection.enabled": False,
    "remote.prefs.recommended": True,
    "signon.rememberSignons": False,
    "toolkit.telemetry.server": "",
}

_LISTENING = re.compile(r"WebDriver BiDi listening on (ws://\S+)")

KEYS = {"Tab": "\ue004", "Enter": "\ue007", "Escape": "\ue00c", "ArrowUp": "\ue013", "ArrowDown": "\ue015",
        "Backspace": "\ue003", "Shift": "\ue008"}
"""Playwright's key names as WebDriver's key codes (the same in both protocols)."""


def firefox_executable() -> str | None:
    return first_existing("FIREFOX", FIREFOX_CANDIDATES)


def firefox_version(executable: str) -> str:
    result = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30, check=False)
    return result.stdout.strip()


class _Connection:
    """Commands with ids, their replies, and events to one handler, over one WebSocket."""

    def __init__(self, url: str, on_event) -> None:
        self._socket: ClientConnection = connect(url, max_size=None, open_timeout=30, legacy=True)
        self._ids = itertools.count(1)
        self._waiting: dict[int, Queue] = {}
        self._lock = threading.Lock()
        self._on_event = on_event
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        try:
            for raw in self._socket:
                message = json.loads(raw)
                if "id" in message and message["id"] in self._waiting:
                    self._waiting[message["id"]].put(message)
                elif message.get("type") == "event":
                    self._on_event(message["method"], message["params"])
        except Exception:  # the browser went away: whoever waits gets its timeout
            pass

    def send(self, method: str, params: dict, timeout: float = 60) -> dict:
        with self._lock:
            command_id = next(self._ids)
            reply: Queue = Queue()
            self._waiting[command_id] = reply
        self._socket.send(json.dumps({"id": command_id, "method": method, "params": params}))
        try:
            message = reply.get(timeout=timeout)
        except Exception as error:
            raise EngineError(f"Firefox did not answer {method} within {timeout} s") from error
        finally:
            self._waiting.pop(command_id, None)
        if message.get("type") == "error":
            raise EngineError(f"Firefox refused {method}: {message.get('error')}: {message.get('message')}")
        return message["result"]

    def close(self) -> None:
        self._socket.close()


class FirefoxBackend(Backend):
    """One Firefox ESR, one tab, headless, with its own throw-away profile."""

    engine = "firefox"

    def __init__(self, executable: str) -> None:
        super().__init__()
        self.version = firefox_version(executable)
        self._profile = Path(tempfile.mkdtemp(prefix="firefox-profile-"))
        (self._profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in PREFERENCES.items()),
            encoding="utf-8",
        )
        environment = {**os.environ, "MOZ_REMOTE_SETTINGS_DEVTOOLS": "1", "MOZ_CRASHREPORTER_DISABLE": "1"}
        self._process = subprocess.Popen(
            [executable, "--headless", "--no-remote", "--profile", str(self._profile),
             "--remote-debugging-port=0", "--width=1280", "--height=900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment,
        )
        url = self._listening_url()
        self._connection = _Connection(url + "/session", self._on_event)
        self._connection.send("session.new", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": True}}})
        self._context = self._connection.send("browsingContext.create", {"type": "window"})["context"]
        # The first window of a headless Firefox never has system focus: it moves
        # activeElement but fires no focus event. A window opened over BiDi has it.
        self._connection.send("browsingContext.activate", {"context": self._context})
        self._connection.send("session.subscribe", {
            "events": ["log.entryAdded", "network.beforeRequestSent", "script.message"],
        })
        self._connection.send("script.addPreloadScript", {
            "functionDeclaration": PROBE,
            "arguments": [{"type": "channel", "value": {"channel": "probe"}}],
        })

    def _listening_url(self) -> str:
        assert self._process.stderr is not None
        seen = []
        for line in self._process.stderr:
            seen.append(line)
            found = _LISTENING.search(line)
            if found:
                threading.Thread(target=self._drain, daemon=True).start()
                return found.group(1)
        raise EngineError("Firefox stopped before it listened for WebDriver BiDi:\n" + "".join(seen[-20:]))

    def _drain(self) -> None:
        assert self._process.stderr is not None
        for _ in self._process.stderr:
            pass

    def _on_event(self, method: str, params: dict) -> None:
        if method == "network.beforeRequestSent":
            self.requests.append(params["request"]["url"])
        elif method == "script.message" and params.get("channel") == "probe":
            self.complaints.append(Complaint(**json.loads(params["data"]["value"])))
        elif method == "log.entryAdded" and (params.get("level") == "error" or params.get("type") == "javascript"):
            self.complaints.append(Complaint("error", f"console ({params.get('type')}): {params.get('text')}"))

    # --- what the neutral page asks ------------------------------------------------

    def goto(self, url: str) -> None:
        self._connection.send("browsingContext.navigate", {"context": self._context, "url": url, "wait": "complete"})

    def reload(self) -> None:
        self._connection.send("browsingContext.reload", {"context": self._context, "wait": "complete"})

    def _call(self, function: str, argument: str) -> dict:
        result = self._connection.send("script.callFunction", {
            "functionDeclaration": function,
            "arguments": [{"type": "string", "value": argument}],
            "target": {"context": self._context},
            "awaitPromise": True,
            "resultOwnership": "none",
        })
        if result["type"] == "exception":
            raise EngineError(f"a script failed in Firefox: {result['exceptionDetails'].get('text')}")
        return result["result"]

    def call(self, function: str, argument: Any = None) -> Any:
        wrapped = f"async (argument) => JSON.stringify(await ({function})(JSON.parse(argument)) ?? null)"
        value = self._call(wrapped, json.dumps(argument))
        return json.loads(value["value"])

    def click(self, function: str, argument: Any) -> None:
        node = self._call(f"(argument) => ({function})(JSON.parse(argument))", json.dumps(argument))
        if node.get("type") != "node":
            raise EngineError(f"nothing to click: {argument}")
        self._connection.send("input.performActions", {"context": self._context, "actions": [{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [
                {"type": "pointerMove", "x": 0, "y": 0,
                 "origin": {"type": "element", "element": {"sharedId": node["sharedId"]}}},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ],
        }]})

    def press(self, key: str) -> None:
        self.type(KEYS[key])

    def type(self, text: str) -> None:
        actions = []
        for character in text:
            actions += [{"type": "keyDown", "value": character}, {"type": "keyUp", "value": character}]
        self._connection.send("input.performActions", {
            "context": self._context, "actions": [{"type": "key", "id": "keyboard", "actions": actions}],
        })

    def close(self) -> None:
        with contextlib.suppress(EngineError, OSError):
            self._connection.send("session.end", {}, timeout=10)
        self._connection.close()
        self._process.terminate()
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
        shutil.rmtree(self._profile, ignore_errors=True)
