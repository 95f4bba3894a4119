"""The next `tabtune train` process, started before its run is known: it starts node, tfjs and
the dataset (`tabtune train --await-run`) while the worker tells the last result, claims the next
run and asks `tabtune suggest`, so that coordination overlaps the start-up instead of adding to it.
Under `"backend": "auto"` the first run measures the backends; later ones get its choice
(`--backend`), so a machine calibrates once rather than once per run."""
import json
import subprocess
import time

from tabtune_cli import tabtune_command


class Spare:
    """One started `tabtune train --await-run` process; `spawned` is its perf_counter start."""

    def __init__(self, experiment_file, backend):
        argv = tabtune_command() + ["train", experiment_file, "--await-run"]
        if backend:
            argv += ["--backend", backend]
        self.spawned = time.perf_counter()
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)

    def start(self, params, out, run, resume_from=None):
        """Hands the process its run; returns the process (its stdout: the run's JSON lines)."""
        line = {"params": params, "out": out, "run": run}
        if resume_from:
            line["resumeFrom"] = resume_from
        try:
            self.process.stdin.write(json.dumps(line) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:  # it died starting up: its stderr says why, read by the caller
            pass
        return self.process

    def close(self):
        """Ends a process that got no run (the end of stdin exits it without training)."""
        try:
            self.process.stdin.close()
        except BrokenPipeError:  # already gone: nothing to end
            pass
        self.process.wait(timeout=30)


class Spares:
    """Keeps one process started ahead; `backend` is passed on once a run has named it."""

    def __init__(self, experiment_file, config):
        self._file = experiment_file
        self._auto = config.get("backend", "auto") == "auto"
        self._backend = None
        self._next = None

    def prepare(self, backend=None):
        """Starts the next process unless one is waiting; `backend`: what the last run trained on."""
        if self._auto and backend and not self._backend:
            self._backend = backend
        if self._next is None:
            self._next = Spare(self._file, self._backend)

    def take(self):
        """The started process (starting one now when none is waiting)."""
        self.prepare()
        spare, self._next = self._next, None
        return spare

    def close(self):
        if self._next is not None:
            self._next.close()
            self._next = None
