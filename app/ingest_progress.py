"""The ingest progress bar: articles done, articles per second and time left, on a terminal only.

Piped or redirected output (CI logs, `> log.txt`) gets no bar at all, just the per-article lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
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


@contextmanager
def progress_bar(paths: Iterable[str | Path], console: Console | None = None) -> Iterator[Callable[[], None]]:
    """A function to call once per article; a live bar while it is used, if `console` is a terminal."""
    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield lambda: None
        return
    columns = (
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, speed_estimate_period=30) as progress:
        task = progress.add_task("ingest", total=count_articles(paths) or None)
        yield lambda: progress.advance(task)
