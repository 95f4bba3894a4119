"""One trial as one `tabtune train` process: each interval is reported to Optuna (the primary
metric with trial.report, every metric as a user attr) and, unless it is the run's last, the
pruner is asked; a stop decision writes "stop" to the process, which ends at the next batch."""
import json
import math
import os
import queue
import threading
import time

import runs


class Heartbeat:
    """Records the trial's heartbeat every interval seconds while the run trains (RDB storage)."""

    def __init__(self, storage, trial_id):
        self._storage = storage
        self._trial_id = trial_id
        self._stop = threading.Event()
        interval = storage.get_heartbeat_interval() if hasattr(storage, "get_heartbeat_interval") else None
        self._thread = threading.Thread(target=self._beat, args=(interval,), daemon=True) if interval else None

    def _beat(self, interval):
        while True:
            self._storage.record_heartbeat(self._trial_id)
            if self._stop.wait(interval):
                return

    def __enter__(self):
        if self._thread:
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread:
            self._thread.join()


def _finite(v):
    return v if isinstance(v, (int, float)) and math.isfinite(v) else None


class AttrWriter:
    """Writes user attrs from a thread of its own, so the storage round trips of each interval's
    metrics overlap training instead of delaying the run; `close()` waits for the last write."""

    def __init__(self, trial):
        self._trial = trial
        self._queue = queue.Queue()
        self._error = None
        self._thread = threading.Thread(target=self._write, daemon=True)
        self._thread.start()

    def _write(self):
        while True:
            item = self._queue.get()
            if item is None:
                return
            try:
                self._trial.set_user_attr(*item)
            except Exception as error:  # kept and raised by close(), in the worker's thread
                self._error = error

    def put(self, key, value):
        self._queue.put((key, value))

    def close(self):
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error


def _collect(stream, into):
    into.append(stream.read())


def run_trial(study, trial, params, spare, inspected, out_dir, run_number, timing, attrs=None, on_done=None, resume_from=None, before=()):
    """Trains `trial` in the started process `spare`; returns (state name, score, final line),
    the state "lost" when the trial was failed while it trained (nothing more is written to it).
    `timing` accumulates the process's lifetime less the time it sat waiting for its run
    ("process") and the coordination done while it trained ("overlapped"); `attrs` are user attrs
    to write while it trains; `on_done(final line)` is called as soon as the final line is read;
    `resume_from`: a checkpoint folder to continue from, after the intervals `before` (values)."""
    config = inspected["config"]
    primary, goal = config["primaryMetricName"], config["primaryMetricGoal"]
    run_dir = os.path.join(out_dir, "run-%d" % trial.number)
    values = list(before)
    lost = False
    stopped_at = None
    final = None
    overlapped = 0.0
    writer = AttrWriter(trial)
    for key, value in (attrs or {}).items():
        writer.put(key, value)
    with Heartbeat(study._storage, trial._trial_id):
        process = spare.start(params, run_dir, run_number, resume_from)
        exited = []
        errors = []
        waiter = threading.Thread(target=lambda: (process.wait(), exited.append(time.perf_counter())), daemon=True)
        reader = threading.Thread(target=_collect, args=(process.stderr, errors), daemon=True)
        waiter.start()
        reader.start()
        for line in process.stdout:
            message = json.loads(line)
            if message.get("done"):
                final = message
                if on_done:
                    on_done(final)
                continue
            if stopped_at is not None:
                continue
            t0 = time.perf_counter()
            value = message["metrics"].get(primary)
            values.append(value if value is not None else math.nan)
            try:
                trial.report(value if value is not None else math.nan, message["interval"])
            except RuntimeError:  # the trial was failed under us (seen as stale): its retry is the run
                stopped_at, lost = message["interval"], True
                _stop(process)
                continue
            writer.put("interval:%d" % message["interval"], message["metrics"])
            if not message.get("last") and trial.should_prune():
                stopped_at = message["interval"]
                _stop(process)
            overlapped += time.perf_counter() - t0
        waiter.join()
        reader.join()
        if final is not None and final["status"] != "failed" and not lost:
            writer.put("tabtune:result", {k: final.get(k) for k in ("backend", "fitSeconds", "samplesPerSecond")})
        try:
            writer.close()
        except RuntimeError:  # a lost trial refuses its last attrs; that is expected then
            if not lost:
                raise
    timing["overlapped"] += overlapped
    timing["process"] += exited[0] - spare.spawned - ((final or {}).get("awaitedSeconds") or 0.0)
    if lost:
        return "lost", None, final
    if final is None or final["status"] == "failed":
        reason = (final or {}).get("reason") or "".join(errors).strip()[-2000:] or "tabtune train exited with code %d" % process.returncode
        trial.set_user_attr("tabtune:reason", reason)
        return "fail", None, final
    return ("pruned" if stopped_at is not None else "complete"), runs.score(values, goal), final


def _stop(process):
    """Asks the run to stop at its next batch; a run that already ended needs nothing."""
    try:
        process.stdin.write("stop\n")
        process.stdin.flush()
    except (BrokenPipeError, ValueError):  # it had ended (its final line decides the outcome)
        pass
