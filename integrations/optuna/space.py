"""tabtune parameter expressions as Optuna distributions, where the mapping is exact.

Exact: choice (categorical), randint(upper) (integers 0..upper-1), uniform, loguniform (bounds
are natural-log exponents: e^low..e^high on a log scale). The quantized and normal forms have no
Optuna distribution with the same law (q-rounding weighs the ends by half; Optuna has no normal):
tabtune's sampler draws them, and an Optuna sampler is refused for a space that has them.
"""
import math

from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution


def distribution(expression):
    """The Optuna distribution with the same law as `expression`, or None."""
    kind = expression["type"]
    if kind == "choice":
        return CategoricalDistribution(list(expression["values"]))
    if kind == "randint":
        return IntDistribution(0, expression["upper"] - 1)
    if kind == "uniform":
        return FloatDistribution(expression["low"], expression["high"])
    if kind == "loguniform":
        return FloatDistribution(math.exp(expression["low"]), math.exp(expression["high"]), log=True)
    return None


def distributions(space):
    """{name: distribution} of the parameters that map exactly."""
    out = {}
    for parameter in space:
        mapped = distribution(parameter["expression"])
        if mapped is not None:
            out[parameter["name"]] = mapped
    return out


def inexact(space):
    """Names and types of the parameters Optuna cannot represent exactly."""
    return [(p["name"], p["expression"]["type"]) for p in space if distribution(p["expression"]) is None]


def _suggest(trial, name, dist):
    if isinstance(dist, CategoricalDistribution):
        return trial.suggest_categorical(name, list(dist.choices))
    if isinstance(dist, IntDistribution):
        return trial.suggest_int(name, dist.low, dist.high)
    return trial.suggest_float(name, dist.low, dist.high, log=dist.log)


def suggest_all(trial, space, tabtune_params):
    """The run's parameters: exact ones through trial.suggest_* (so Optuna records them), the
    others from tabtune's suggestion."""
    exact = distributions(space)
    params = {}
    for parameter in space:
        name = parameter["name"]
        if name in exact:
            params[name] = _suggest(trial, name, exact[name])
        else:
            params[name] = tabtune_params[name]
    return params
