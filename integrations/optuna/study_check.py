"""Joining a study only when it runs the same experiment: a study created from another
experiment file, or by hand with another parameter space, is refused with the difference named,
and nothing is written to it."""
import json

import optuna

import space as spaces

EXPERIMENT = "tabtune:experiment"
SPACE = "tabtune:space"
# Settings that may differ between machines without changing the experiment.
LOCAL_KEYS = ("maxConcurrentRuns", "backend", "description")


class StudyMismatch(Exception):
    """The study exists and is another experiment."""


def _comparable(config):
    return {k: v for k, v in config.items() if k not in LOCAL_KEYS}


def _differences(a, b):
    keys = sorted(set(a) | set(b))
    return [k for k in keys if json.dumps(a.get(k), sort_keys=True) != json.dumps(b.get(k), sort_keys=True)]


def check(study, inspected):
    """Raises StudyMismatch when `study` is not this experiment's; True when it has no tabtune
    record yet (the caller then writes it)."""
    name = study.study_name
    attrs = study.user_attrs
    config = inspected["config"]
    if SPACE in attrs and attrs[SPACE] != inspected["space"]:
        raise StudyMismatch(
            "study %r was created with another parameter space: %s (this experiment file: %s); the study is left as it is"
            % (name, json.dumps(attrs[SPACE]), json.dumps(inspected["space"]))
        )
    if EXPERIMENT in attrs:
        differ = _differences(_comparable(attrs[EXPERIMENT]), _comparable(config))
        if differ:
            raise StudyMismatch(
                "study %r was created from another experiment file: it differs in %s; the study is left as it is (start a new study, or use the file it was created from)"
                % (name, ", ".join('"%s"' % k for k in differ))
            )
        return False
    _check_foreign(study, inspected)
    return True


def _check_foreign(study, inspected):
    """A study made without tabtune: its direction and its trials' distributions must fit."""
    name = study.study_name
    goal = inspected["config"]["primaryMetricGoal"]
    direction = "maximize" if study.direction == optuna.study.StudyDirection.MAXIMIZE else "minimize"
    if study.trials and direction != goal:
        raise StudyMismatch("study %r %ss, this experiment %ss %s; the study is left as it is" % (name, direction, goal, inspected["config"]["primaryMetricName"]))
    ours = spaces.distributions(inspected["space"])
    for trial in study.get_trials(deepcopy=False):
        for param, dist in trial.distributions.items():
            if param not in ours or ours[param] != dist:
                raise StudyMismatch(
                    "study %r was created with another parameter space: its parameter %r is %s, this experiment's is %s; the study is left as it is"
                    % (name, param, dist, ours.get(param, "absent"))
                )


def record(study, inspected):
    """Marks the study as this experiment's (first worker)."""
    study.set_user_attr(EXPERIMENT, inspected["config"])
    study.set_user_attr(SPACE, inspected["space"])
