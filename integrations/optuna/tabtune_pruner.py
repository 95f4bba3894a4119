"""tabtune's early-termination policies as an Optuna pruner: every decision is `tabtune decide`
with the experiment's policy, so a distributed experiment stops runs by the same rule as the tab.

The cohort is ordered, so that decisions do not depend on which machine was faster: at interval N,
run k is compared with the runs that started before it (lower trial numbers, failed ones left
out), once each has reached N or ended. That is `tabtune replay`'s timing model: the decisions
equal `tabtune replay --concurrency C` on the same curves in trial order. Waiting is short (the
earlier runs started earlier); a run whose worker died is failed by Optuna's heartbeat, which this
pruner runs while it waits. After `wait_seconds` it decides with what is there.
"""
import time

import optuna
from optuna.pruners import BasePruner
from optuna.trial import TrialState

import runs


class TabtunePruner(BasePruner):
    def __init__(self, inspected, server, wait_seconds=600.0, poll_seconds=0.05):
        config = inspected["config"]
        self._policy = config["policy"]
        self._goal = config["primaryMetricGoal"]
        self._metric = config["primaryMetricName"]
        self._server = server
        self._wait = wait_seconds
        self._poll = poll_seconds
        self.waited = 0.0

    def prune(self, study, trial):
        values = runs.curve(trial)
        if not values or self._policy.get("type") == "none":
            return False
        earlier = self._earlier_runs(study, trial, len(values))
        request = {
            "policy": self._policy,
            "goal": self._goal,
            "metric": self._metric,
            "run": {"id": str(trial.number), "values": runs.json_values(values)},
            "cohort": [
                {"id": str(t.number), "values": runs.json_values(runs.curve(t)), "finished": t.state != TrialState.RUNNING}
                for t in earlier
            ],
        }
        answer = self._server.ask(request)
        if answer["decision"] != "stop":
            return False
        study._storage.set_trial_system_attr(trial._trial_id, runs.STOP, {"interval": len(values), "reason": answer["reason"]})
        return True

    def _earlier_runs(self, study, trial, interval):
        """The earlier runs, once each reached `interval` or ended (or the wait ran out)."""
        started = time.monotonic()
        last_check = started
        slept = False
        while True:
            cohort = [t for t in study.get_trials(deepcopy=False) if t.number < trial.number and runs.counted(t) and t.state != TrialState.FAIL]
            behind = [t for t in cohort if t.state in (TrialState.RUNNING, TrialState.WAITING) and len(t.intermediate_values) < interval]
            now = time.monotonic()
            if not behind or now - started > self._wait:
                if slept:
                    self.waited += now - started
                return cohort
            if now - last_check > 1.0:
                optuna.storages.fail_stale_trials(study)
                last_check = now
            time.sleep(self._poll)
            slept = True
