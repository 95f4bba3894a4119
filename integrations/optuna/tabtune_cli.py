"""The tabtune commands this integration runs: inspect, train, and suggest/decide --serve.

The command is `node <repo>/src/cli/tabtune.mjs` of the checkout this file lives in, or the
command line in the TABTUNE environment variable (e.g. TABTUNE=tabtune once it is on PATH).
"""
import json
import os
import shlex
import subprocess
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


class TabtuneError(Exception):
    """A tabtune command refused its input or failed; the message is tabtune's own."""


def tabtune_command():
    """The argv prefix that runs tabtune."""
    configured = os.environ.get("TABTUNE")
    if configured:
        return shlex.split(configured)
    return ["node", os.path.join(REPO, "src", "cli", "tabtune.mjs")]


def inspect(experiment_file):
    """The experiment as it will run: {"config", "space", "task", ...} (tabtune inspect)."""
    done = subprocess.run(tabtune_command() + ["inspect", experiment_file], capture_output=True, text=True)
    if done.returncode != 0:
        raise TabtuneError(done.stderr.strip() or "tabtune inspect failed (exit %d)" % done.returncode)
    return json.loads(done.stdout)


class Server:
    """A long-lived `tabtune suggest --serve` or `tabtune decide --serve`: one JSON line per call."""

    def __init__(self, name):
        self.name = name
        self._lock = threading.Lock()
        self._process = None
        self.calls = 0
        self.seconds = 0.0

    def _start(self):
        self._process = subprocess.Popen(
            tabtune_command() + [self.name, "--serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
        )

    def ask(self, request):
        """tabtune's answer to `request`; TabtuneError when it is refused."""
        with self._lock:
            started = time.perf_counter()
            if self._process is None or self._process.poll() is not None:
                self._start()
            self._process.stdin.write(json.dumps(request, allow_nan=False) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
            self.calls += 1
            self.seconds += time.perf_counter() - started
        if not line:
            raise TabtuneError("tabtune %s --serve ended without an answer" % self.name)
        answer = json.loads(line)
        if answer.get("ok") is False:
            raise TabtuneError("tabtune %s: %s" % (self.name, answer.get("error")))
        return answer

    def close(self):
        if self._process is not None and self._process.poll() is None:
            self._process.stdin.close()
            self._process.wait(timeout=10)
