"""Debian's WebKitGTK driven by its W3C WebDriver (``WebKitWebDriver``, package
webkit2gtk-driver) through Selenium's client: the engine of every iOS browser,
as close as Linux gets to Safari.

``MiniBrowser`` needs ``--automation`` to accept the driver, and a display:
a private Xvfb when none is set. Classic WebDriver has no events, so what
the page does wrong is recorded by the probe (probe.js), which the site's
server for these tests puts first in every page's <head>, before the page's
own policy and scripts; and that server is the browser's proxy, which records
every request and answers only the site's.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from scripts.static_server import StaticHandler

from .base import PROBE, Backend, Complaint, EngineError, first_existing

DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER_CANDIDATES = (
    "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
    "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
    "/usr/libexec/webkit2gtk-4.1/MiniBrowser",
)
PROBE_PATH = "/__engine-probe.js"
_PROBE_SCRIPT = f"({PROBE})((complaint) => (window.__engineProbe ||= []).push(complaint));\n"
KEYS = {"Tab": Keys.TAB, "Enter": Keys.ENTER, "Escape": Keys.ESCAPE, "ArrowUp": Keys.ARROW_UP,
        "ArrowDown": Keys.ARROW_DOWN, "Backspace": Keys.BACKSPACE, "Shift": Keys.SHIFT}


def minibrowser() -> str | None:
    return first_existing("WEBKIT_MINIBROWSER", MINIBROWSER_CANDIDATES)


def missing() -> str | None:
    """Why WebKit cannot run here, or None."""
    if not Path(DRIVER).exists():
        return "no WebKitWebDriver (Debian package webkit2gtk-driver)"
    if not minibrowser():
        return "no MiniBrowser (Debian package libwebkit2gtk-4.1-0)"
    if not os.environ.get("DISPLAY") and not shutil.which("Xvfb"):
        return "no display and no Xvfb (Debian package xvfb)"
    return None


class SiteProxy(StaticHandler):
    """The browser's proxy for every request, and the site's only server.

    Requests for the site are answered from the build, each HTML page with the
    probe first in its <head>; any other is recorded and refused. Sending the
    site through the proxy too spares the browser a ``noProxy`` list, which
    WebKitGTK 2.50 copies without its terminating NULL: MiniBrowser then
    crashes at start in about one launch out of six, and WebKitWebDriver waits
    for it forever.
    """

    seen: ClassVar[list[str]] = []

    def _origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def _site_path(self) -> str | None:
        """Record the request; the site path it asks for, or None for another host."""
        if self.command == "CONNECT":
            self.seen.append(f"https://{self.path}/")
            return None
        target = urlsplit(self.path)
        if not target.scheme:  # sent to the server itself, not through the proxy
            self.seen.append(self._origin() + self.path)
            return self.path
        self.seen.append(self.path)
        if f"{target.scheme}://{target.netloc}" != self._origin():
            return None
        return target.path + (f"?{target.query}" if target.query else "")

    def _refuse(self) -> None:
        self.send_response(403)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _for_the_site(self) -> bool:
        """Record the request; refuse it unless it is the site's, whose path it then takes."""
        path = self._site_path()
        if path is None:
            self._refuse()
            return False
        self.path = path
        return True

    def do_GET(self) -> None:
        if not self._for_the_site():
            return
        path = self.path
        if path.split("?")[0] == PROBE_PATH:
            self._send(_PROBE_SCRIPT.encode(), "text/javascript")
            return
        file = Path(self.translate_path(path))
        if file.is_dir() and path.split("?")[0].endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            html = file.read_text(encoding="utf-8")
            self._send(html.replace("<head>", f'<head><script src="{PROBE_PATH}"></script>', 1).encode(),
                       "text/html; charset=utf-8")
            return
        super().do_GET()

    def do_HEAD(self) -> None:
        if self._for_the_site():
            super().do_HEAD()

    def _record_and_refuse(self) -> None:
        self._site_path()
        self._refuse()

    do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_CONNECT = _record_and_refuse

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser closing a connection early (a tab closed while it loads) is not news


def serve_through_proxy(directory: Path, seen: list[str]) -> tuple[http.server.ThreadingHTTPServer, str]:
    """The built site on loopback, as its browser's proxy; every request it is sent goes into ``seen``."""
    handler = functools.partial(type("Proxy", (SiteProxy,), {"seen": seen}), directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class Display:
    """A private Xvfb display, when the machine has none."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.name = os.environ.get("DISPLAY", "")
        if self.name:
            return
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as displays:
            number = displays.readline().strip()
        if not number:
            raise EngineError("Xvfb did not start")
        self.name = f":{number}"

    def close(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)


START_TIMEOUT_S = 90


def _session(options: Options, service: Service) -> webdriver.WebKitGTK | BaseException:
    try:
        return webdriver.WebKitGTK(options=options, service=service)
    except BaseException as error:  # handed to the thread that waits
        return error


class WebKitBackend(Backend):
    """One MiniBrowser window under WebKitWebDriver."""

    engine = "webkit"

    def __init__(self, site_dir: Path) -> None:
        super().__init__()
        self._display = Display()
        self._server, self.site_url = serve_through_proxy(site_dir, self.requests)
        proxy = self.site_url.removeprefix("http://")
        options = Options()
        options.binary_location = minibrowser() or ""
        options.add_argument("--automation")
        options.set_capability("proxy", {"proxyType": "manual", "httpProxy": proxy, "sslProxy": proxy})
        service = Service(executable_path=DRIVER, env={**os.environ, "DISPLAY": self._display.name})
        try:
            self._driver = self._start(options, service)
        except Exception:
            service.stop()
            self._server.shutdown()
            self._display.close()
            raise
        self.version = f"WebKitGTK {self._driver.capabilities.get('browserVersion', '?')}"

    @staticmethod
    def _start(options: Options, service: Service) -> webdriver.WebKitGTK:
        """The session, or an error within START_TIMEOUT_S: WebKitWebDriver waits
        forever for a MiniBrowser that failed to start."""
        started: list[Any] = []
        thread = threading.Thread(target=lambda: started.append(_session(options, service)), daemon=True)
        thread.start()
        thread.join(START_TIMEOUT_S)
        if not started:
            raise EngineError(f"WebKitWebDriver started no MiniBrowser within {START_TIMEOUT_S} s"
                              " (a MiniBrowser that crashed at start leaves it waiting: see dmesg)")
        if isinstance(started[0], BaseException):
            raise started[0]
        return started[0]

    def goto(self, url: str) -> None:
        self._driver.get(url)

    def reload(self) -> None:
        self._driver.refresh()

    def call(self, function: str, argument: Any = None) -> Any:
        value = self._driver.execute_script(
            f"return Promise.resolve(({function})(JSON.parse(arguments[0])))"
            ".then((value) => JSON.stringify(value ?? null));",
            json.dumps(argument),
        )
        return json.loads(value)

    def click(self, function: str, argument: Any) -> None:
        element = self._driver.execute_script(f"return ({function})(JSON.parse(arguments[0]));", json.dumps(argument))
        element.click()

    def press(self, key: str) -> None:
        ActionChains(self._driver).send_keys(KEYS[key]).perform()

    def type(self, text: str) -> None:
        ActionChains(self._driver).send_keys(text).perform()

    def collect(self) -> None:
        try:
            recorded = self._driver.execute_script(
                "const seen = window.__engineProbe || []; window.__engineProbe = []; return seen;")
        except Exception:
            return
        self.complaints.extend(Complaint(**json.loads(item)) for item in recorded or [])

    def close(self) -> None:
        try:
            self._driver.quit()
        finally:
            self._server.shutdown()
            self._display.close()
