"""Ralph, a real Learning Record Store (ralph-malph, file-system backend), as a subprocess the
xAPI tests start, stop and start again. Installed by `make ralph` into .ralph-venv; run through
scripts/ralph/lrs.py, which makes its file-system backend append (see there)."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.services.procs import ROOT, free_port

USERNAME = "paragraf"
PASSWORD = "lrs-test-hemmelighed"


class Ralph:
    def __init__(self, workdir: Path):
        venv = Path(os.environ.get("RALPH_VENV") or ROOT / ".ralph-venv")
        if not venv.is_absolute():
            venv = ROOT / venv
        self.bin = venv / "bin"
        if not (self.bin / "ralph").exists():
            raise AssertionError(f"Ralph is not installed in {venv}: run `make ralph`")
        self.workdir = workdir
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.env = dict(
            os.environ,
            RALPH_APP_DIR=str(workdir / "app"),
            RALPH_RUNSERVER_BACKEND="fs",
            RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(workdir / "statements"),
        )
        subprocess.run(
            [str(self.bin / "ralph"), "auth", "-u", USERNAME, "-p", PASSWORD, "-s", "all",
             "-A", USERNAME, "https://paragraf.test", "-w"],
            env=self.env, check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    def up(self) -> None:
        log = (self.workdir / "ralph.log").open("a")
        self.proc = subprocess.Popen(
            # Ralph's own app, its file-system backend appending (scripts/ralph/lrs.py says why).
            [str(self.bin / "uvicorn"), "lrs:app", "--app-dir", str(ROOT / "scripts" / "ralph"),
             "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.statements()
                return
            except (urllib.error.URLError, OSError):
                if self.proc.poll() is not None:
                    raise AssertionError((self.workdir / "ralph.log").read_text()) from None
                time.sleep(0.3)
        raise AssertionError("Ralph did not answer in 60 s")

    def down(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        self.proc = None

    def _get(self, url: str) -> dict:
        token = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310
            url, headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return json.loads(response.read())

    def statements(self) -> list[dict]:
        """Every statement Ralph holds, following its ``more`` links."""
        found: list[dict] = []
        url = f"{self.endpoint}/statements?limit=500"
        while url:
            page = self._get(url)
            found += page.get("statements", [])
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else ""
        return found
