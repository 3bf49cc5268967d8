import io
from pathlib import Path

from rich.console import Console

from app.ingest_progress import progress_bar


def test_a_terminal_gets_a_bar_with_the_total_and_articles_per_second(tmp_path: Path) -> None:
    source = tmp_path / "three.jsonl"
    source.write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}\n')
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with progress_bar([source], console) as advance:
        for _ in range(3):
            advance()
    shown = screen.getvalue()
    assert "3/3" in shown
    assert "articles/s" in shown
    assert "ETA" in shown


def test_anything_else_gets_no_output(tmp_path: Path) -> None:
    screen = io.StringIO()
    with progress_bar([tmp_path], Console(file=screen, force_terminal=False)) as advance:
        advance()
    assert screen.getvalue() == ""
