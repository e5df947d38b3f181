"""A non-editable install carries templates/ and geodata/, and the installed service serves."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A throwaway venv holding the built wheel; dependencies come from the running environment."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(root / "dist"), str(REPO)], check=True, cwd=root)
    wheel = next((root / "dist").glob("mapsvc-*.whl"))
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    site = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([py, "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True, cwd=root)
    # Only now (pip would otherwise find mapsvc installed outside): the dependencies of the running environment.
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "zz_outer_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    return env_dir


def test_wheel_ships_templates_geodata_and_demo(installed, tmp_path):
    code = ("import json, mapsvc, mapsvc.resources as r; "
            "print(json.dumps({'pkg': mapsvc.__file__, 't': str(r.templates_dir()), 'g': str(r.geodata_dir()), "
            "'d': str(r.demo_dir()), 'tn': len(list(r.templates_dir().rglob('*.html'))), "
            "'gn': len(list(r.geodata_dir().iterdir())), 'dn': len(list(r.demo_dir().glob('*.txt')))}))")
    out = subprocess.run([installed / "bin" / "python", "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    info = json.loads(out)
    site = str(installed)
    assert info["pkg"].startswith(site), "mapsvc must be imported from the installed wheel"
    for key in ("t", "g", "d"):
        assert info[key].startswith(site), f"{info[key]} is not inside the installed package"
    assert info["tn"] > 0 and info["gn"] > 0 and info["dn"] > 0


def test_installed_serve_shows_demo_incidents(installed, tmp_path, gazetteer_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    shutil.copy(gazetteer_path, instance / "gazetteer.sqlite3")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAPSVC_")}
    env["MAPSVC_INSTANCE_PATH"] = str(instance)
    proc = subprocess.Popen([installed / "bin" / "mapsvc", "serve", "--port", str(port), "--workers", "1"],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/collections/incidents/items?limit=1000"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    doc = json.load(resp)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stdout.read().decode(errors="replace")[-3000:])
                time.sleep(0.5)
        assert doc["type"] == "FeatureCollection"
        assert len(doc["features"]) >= 8
        page = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Accept": "text/html,*/*;q=0.8"})
        with urllib.request.urlopen(page, timeout=10) as resp:
            assert "text/html" in resp.headers["Content-Type"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
