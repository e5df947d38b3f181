"""Real servers and a real chromium for the browser tests and bench/bench_web.py."""
from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["REPO", "CHROMIUM", "CHROMIUM_ARGS", "free_port", "AppServer", "StaticServer",
           "launch_chromium", "PageWatch", "CITY_PROBE_JS"]

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("MAPSVC_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-domain-reliability"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """The app under gunicorn (or ``mapsvc serve``) as a subprocess on a free port."""

    def __init__(self, instance: Path, *, env: dict, serve: bool = False, workers: int = 2,
                 timeout: float = 180.0):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("MAPSVC_")}
        full_env.update({"MAPSVC_INSTANCE_PATH": str(instance), "PYTHONPATH": str(REPO)})
        full_env.update(env)
        if serve:
            argv = [sys.executable, "-c", "import sys; from mapsvc.cli import main; sys.exit(main())",
                    "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers)]
        else:
            full_env.setdefault("MAPSVC_BASE_URL", self.url)
            argv = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", "4",
                    "--worker-class", "mapsvc.web.server.JsonErrorWorker",
                    "--bind", f"127.0.0.1:{self.port}", "mapsvc.web:create_app()"]
        self.log = open(instance / "server.log", "wb")
        self.proc = subprocess.Popen(argv, cwd=str(REPO), env=full_env, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self._wait(timeout, instance)

    def _wait(self, timeout: float, instance: Path) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + (instance / "server.log").read_text()[-3000:])
            try:
                with urllib.request.urlopen(self.url + "/-/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server did not answer within {timeout} s")

    def get_json(self, path: str):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


class StaticServer:
    """A plain page on another local port (a third-party site embedding the map)."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        handler = lambda *a, **k: _QuietHandler(*a, directory=str(folder), **k)  # noqa: E731
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def launch_chromium(playwright):
    """Debian's chromium, headless, with the flags that keep it offline and quiet."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


class PageWatch:
    """Records a page's requests, console errors, page errors and dialogs."""

    def __init__(self, page):
        self.requests, self.errors, self.dialogs = [], [], []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def foreign_requests(self) -> list:
        """Requests to anything but 127.0.0.1 (data: and blob: URLs stay in the page)."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname != "127.0.0.1":
                out.append(url)
        return out


#: For (lon, lat, km): "ok" when a marker within km is drawn on the map, itself or as a cluster.
CITY_PROBE_JS = """([lon, lat, km]) => {
  const app = window.mapsvc;
  const rad = Math.PI / 180;
  let best = null, bestKm = Infinity;
  app.markers.forEach((m) => {
    const ll = m.getLatLng();
    const x = (ll.lng - lon) * rad * Math.cos((ll.lat + lat) / 2 * rad), y = (ll.lat - lat) * rad;
    const d = 6371 * Math.sqrt(x * x + y * y);
    if (d < bestKm) { bestKm = d; best = m; }
  });
  if (!best || bestKm > km) { return "no incident within " + km + " km"; }
  const shown = app.cluster.getVisibleParent(best);
  if (!shown || !shown._icon || !shown._icon.isConnected) { return "not drawn"; }
  const box = shown._icon.getBoundingClientRect(), map = app.map.getContainer().getBoundingClientRect();
  const inside = box.width > 0 && box.right > map.left && box.left < map.right &&
                 box.bottom > map.top && box.top < map.bottom;
  return inside ? "ok" : "outside the map";
}"""


def copy_gazetteer(source: Path, instance: Path) -> None:
    shutil.copy(source, instance / "gazetteer.sqlite3")


def children_started_with(command: str, pid: int) -> list:
    """Processes started as ``mapsvc COMMAND --stop-with PID`` (the watcher or the job worker beside a server)."""
    found = []
    for proc in os.listdir("/proc"):
        try:
            with open(f"/proc/{proc}/cmdline", "rb") as fp:
                argv = fp.read().split(b"\0")
        except OSError:
            continue
        if command.encode() in argv and b"--stop-with" in argv and \
                argv[argv.index(b"--stop-with") + 1] == str(pid).encode():
            found.append(int(proc))
    return found
