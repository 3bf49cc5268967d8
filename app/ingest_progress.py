"""The progress bar of ingest and re-extraction: articles done, articles per second and time left, on a
terminal only.

Piped or redirected output (CI logs, `> log.txt`) gets no bar at all, just the per-article lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from app.inputs.files import count_articles


class RateColumn(ProgressColumn):
    """Articles per second, averaged by rich over the last half minute."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("… articles/s" if speed is None else f"{speed:,.1f} articles/s")


def progress_bar(
    paths: Iterable[str | Path], console: Console | None = None
) -> AbstractContextManager[Callable[[], None]]:
    """A function to call once per article read from `paths`; a live bar while it is used, on a terminal."""
    console = console or Console(stderr=True)
    return counting_bar(lambda: count_articles(paths), "ingesting", console)


@contextmanager
def counting_bar(
    total: Callable[[], int], label: str, console: Console | None = None
) -> Iterator[Callable[[], None]]:
    """A function to call once per article out of `total()` (counted only when a bar is shown), labelled."""
    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield lambda: None
        return
    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, speed_estimate_period=30) as progress:
        task = progress.add_task(label, total=total() or None)
        yield lambda: progress.advance(task)
