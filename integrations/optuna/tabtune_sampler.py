"""tabtune's sampler as an Optuna sampler: every suggestion is `tabtune suggest` on the study's
trials, so a distributed experiment samples exactly as the tab would from the same runs.

Run N of the experiment is trial number N and draws from createRng(seed, N). Finished trials are
the sampler's history (score: the best reported value), running ones are in flight. The whole
suggestion is made once per trial, kept in the trial's system attrs (so a retried trial keeps its
parameters, and expressions Optuna has no distribution for are still sampled), and handed to
Optuna's suggest_* calls for the parameters that map exactly.
"""
from optuna.samplers import BaseSampler, RandomSampler
from optuna.trial import TrialState

import runs
import space as spaces


class TabtuneSampler(BaseSampler):
    def __init__(self, inspected, server):
        config = inspected["config"]
        self._space = inspected["space"]
        self._request = {
            "space": config["space"],
            "sampling": config["sampling"]["type"],
            "seed": config["sampling"]["seed"],
            "goal": config["primaryMetricGoal"],
            # So that the sampler knows the experiment's last runs, as in the tab.
            "maxTotalRuns": config["maxTotalRuns"],
        }
        self._server = server
        self._fallback = RandomSampler()

    def infer_relative_search_space(self, study, trial):
        return spaces.distributions(self._space)

    def sample_relative(self, study, trial, search_space):
        params = trial.system_attrs.get(runs.PARAMS)
        if params is None:
            params = self._suggest(study, trial)
            study._storage.set_trial_system_attr(trial._trial_id, runs.PARAMS, params)
        return {name: params[name] for name in search_space if name in params}

    def sample_independent(self, study, trial, param_name, param_distribution):
        # Only parameters outside the experiment's space get here (none in a tabtune worker).
        return self._fallback.sample_independent(study, trial, param_name, param_distribution)

    def _suggest(self, study, trial):
        goal = self._request["goal"]
        history = []
        for other in study.get_trials(deepcopy=False):
            if other.number == trial.number or not runs.counted(other):
                continue
            params = other.system_attrs.get(runs.PARAMS)
            if params is None:
                continue
            status = runs.STATUS[other.state]
            history.append({"params": params, "status": status, "value": runs.score(runs.curve(other), goal) if status in ("completed", "stopped") else None})
        answer = self._server.ask({**self._request, "index": trial.number, "runs": history})
        if answer.get("params") is None:
            raise RuntimeError("tabtune suggest: %s" % answer.get("reason"))
        return answer["params"]
