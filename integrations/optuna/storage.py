"""Opening a study's storage from a URL: a database URL (postgresql://..., mysql://...,
sqlite:///...) as Optuna's RDB storage with heartbeats and the retry of failed trials, or
journal:PATH as a journal file (for a disk all machines share)."""
import random
import re
import time

import optuna
from optuna.storages import JournalFileStorage, JournalStorage, RDBStorage, RetryFailedTrialCallback


class StorageError(Exception):
    """The storage cannot be opened; the message says which and why."""


def shown(url):
    """The URL with its password masked."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def open_storage(url, heartbeat=10, grace=None, max_retry=3):
    """The storage for `url`; a dead worker's trial is failed after `grace` seconds without a
    heartbeat (RDB only) and run again up to `max_retry` times."""
    if url.startswith("journal:"):
        path = url[len("journal:"):]
        if not path:
            raise StorageError("journal storage needs a file: journal:PATH")
        try:
            return JournalStorage(JournalFileStorage(path))
        except OSError as error:
            raise StorageError("cannot open journal file %s: %s" % (path, error))
    if "://" not in url:
        raise StorageError("--storage must be a database URL (postgresql://user:pass@host:port/db) or journal:PATH (got %s)" % shown(url))
    kwargs = {"connect_args": {"connect_timeout": 5}} if url.startswith("postgresql") else {}
    for attempt in range(5):
        try:
            return RDBStorage(
                url,
                engine_kwargs=kwargs,
                heartbeat_interval=heartbeat,
                grace_period=grace or 3 * heartbeat,
                failed_trial_callback=RetryFailedTrialCallback(max_retry=max_retry),
            )
        except Exception as error:  # sqlalchemy's errors name the host and the cause
            # Workers starting together race to create Optuna's tables: the loser sees a unique
            # violation; the tables exist a moment later, so it tries again.
            if "UniqueViolation" in type(error).__name__ + str(error) and attempt < 4:
                time.sleep(0.5 + random.random())
                continue
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise StorageError("cannot reach storage %s: %s" % (shown(url), first))
