"""Extraction on a Ray cluster: one actor per worker loads the model once and parses batch after batch.

The driver (this process) reads the input and writes to the database, so only plain extraction records
travel back; the cluster needs the project and the model installed, not database access. Ray is an optional
extra (`pip install .[ray]`); without `address` a small local Ray is started for the run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from app.extract.records import Extraction

Job = tuple[str, date | None]
LOCAL_OBJECT_STORE_BYTES = 128 * 2**20


class _ExtractorActor:
    """Lives on a Ray worker: the loaded pipeline, kept between batches."""

    def __init__(self, model: str, batch_size: int) -> None:
        from app.extract.pipeline import Extractor

        self.extractor = Extractor(model, batch_size=batch_size)

    def extract(self, jobs: list[Job]) -> list[Extraction]:
        return list(self.extractor.extract_many(jobs))


class RayEngine:
    """`workers` actors on the cluster at `address` (a local Ray when None), a few batches each in flight."""

    def __init__(self, model: str, workers: int, address: str | None = None, batch_size: int = 16) -> None:
        self.model = model
        self.workers = workers
        self.address = address
        self.batch_size = batch_size

    def _connect(self) -> tuple[Any, bool]:
        """The `ray` module, initialised; and whether this call started Ray (so it should stop it)."""
        try:
            import ray
        except ImportError as exc:
            raise SystemExit("error: --engine ray needs Ray: pip install '.[ray]'") from exc
        if ray.is_initialized():
            return ray, False
        if self.address:
            ray.init(address=self.address, log_to_driver=False)
        else:
            ray.init(
                num_cpus=self.workers,
                include_dashboard=False,
                object_store_memory=LOCAL_OBJECT_STORE_BYTES,
                log_to_driver=False,
            )
        return ray, True

    def __call__(self, batches: Iterable[list[Job]]) -> Iterator[list[Extraction]]:
        ray, started = self._connect()
        actor_class = ray.remote(num_cpus=1)(_ExtractorActor)
        actors = [actor_class.remote(self.model, self.batch_size) for _ in range(self.workers)]
        window: deque[Any] = deque()
        try:
            for number, jobs in enumerate(batches):
                window.append(actors[number % len(actors)].extract.remote(jobs) if jobs else None)
                if len(window) > 2 * self.workers:
                    yield self._result(ray, window.popleft())
            while window:
                yield self._result(ray, window.popleft())
        finally:
            for actor in actors:
                ray.kill(actor)
            if started:
                ray.shutdown()

    @staticmethod
    def _result(ray: Any, reference: Any) -> list[Extraction]:
        return [] if reference is None else ray.get(reference)
