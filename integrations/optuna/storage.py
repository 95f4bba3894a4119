"""Opening a study's storage from a URL: a database URL (postgresql://..., mysql://...,
sqlite:///...) as Optuna's RDB storage with heartbeats and the retry of failed trials, or
journal:PATH as a journal file (for a disk all machines share)."""
import random
import re
import time

import optuna
import sqlalchemy
import sqlalchemy.orm
from optuna.storages import JournalFileStorage, JournalStorage, RDBStorage, RetryFailedTrialCallback
from optuna.storages._rdb import models
from optuna.storages._rdb.storage import _create_scoped_session
from optuna.trial import TrialState


class _RDBStorage(RDBStorage):
    """Optuna 3.1's RDB storage with its stale-trial check fixed: it compares heartbeats with the
    database's now() taken when its transaction began, using timedelta.seconds, so a heartbeat
    committed a moment after that (a negative difference, whose .seconds is about 86399) read as
    a day old and failed a live trial. Here only a heartbeat older than the grace period is."""

    def _get_stale_trial_ids(self, study_id):
        grace = self.grace_period if self.grace_period is not None else 2 * self.heartbeat_interval
        with _create_scoped_session(self.scoped_session, True) as session:
            now = session.execute(sqlalchemy.func.now()).scalar().replace(tzinfo=None)
            running = (
                session.query(models.TrialModel)
                .options(sqlalchemy.orm.selectinload(models.TrialModel.heartbeats))
                .filter(models.TrialModel.state == TrialState.RUNNING)
                .filter(models.TrialModel.study_id == study_id)
                .all()
            )
            return [t.trial_id for t in running if t.heartbeats and (now - t.heartbeats[0].heartbeat).total_seconds() > grace]


#: What the loser of the race to create Optuna's tables sees (psycopg2 error names).
CREATE_RACE = ("UniqueViolation", "DuplicateTable", "DuplicateObject")


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
            return _RDBStorage(
                url,
                engine_kwargs=kwargs,
                heartbeat_interval=heartbeat,
                grace_period=grace or 3 * heartbeat,
                failed_trial_callback=RetryFailedTrialCallback(max_retry=max_retry),
            )
        except Exception as error:  # sqlalchemy's errors name the host and the cause
            # Workers starting together race to create Optuna's tables: the loser sees a unique
            # violation (PostgreSQL's catalog) or "relation ... already exists" (DuplicateTable,
            # seen in CI with 3 workers); the tables exist a moment later, so it tries again.
            if any(mark in type(error).__name__ + str(error) for mark in CREATE_RACE) and attempt < 4:
                time.sleep(0.5 + random.random())
                continue
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise StorageError("cannot reach storage %s: %s" % (shown(url), first))
