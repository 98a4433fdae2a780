"""Progress bars: drawn on a terminal, silent in pipes and logs."""

from __future__ import annotations

import io
import sys

from flows.progress import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal(monkeypatch):
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    with progress("files", total=3) as step:
        for name in ("a", "b", "c"):
            step(name)
    assert pipe.getvalue() == ""


def test_drawn_on_a_terminal_unless_switched_off(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress("files", total=2) as step:
        step("a")
        step("b")
    drawn = terminal.getvalue()
    monkeypatch.setenv("SDO_PROGRESS", "0")
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    with progress("files", total=2) as step:
        step("a")
    assert quiet.getvalue() == ""
    assert "files" in drawn and "2/2" in drawn  # the bar reached its total
