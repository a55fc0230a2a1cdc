"""The benchmarks' shared timing (benchmarks/timing.py): a crash is not a fast run."""

from __future__ import annotations

import sys

import pytest

from benchmarks import timing


def test_a_failing_command_stops_the_benchmark() -> None:
    cmd = [sys.executable, "-c", "import sys; sys.stderr.write('it broke\\n'); sys.exit(3)"]
    with pytest.raises(timing.CommandFailed) as failed:
        timing.median_run(cmd, 3)
    assert failed.value.code == 3 and "it broke" in str(failed.value) and "sys.exit(3)" in str(failed.value)


def test_main_reports_the_command_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    def body() -> None:
        timing.run([sys.executable, "-c", "raise SystemExit('no store')"])

    with pytest.raises(SystemExit) as stopped:
        timing.main(body)
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("benchmark failed: ") and "exit status 1" in err and "no store" in err


def test_times_and_ratios() -> None:
    base = timing.baseline(1)
    assert base > 0 and timing.ratio(2 * base, base) == "2.0x"
    calls: list[int] = []
    assert timing.median_call(lambda: calls.append(1), 3, warmup=1) >= 0 and len(calls) == 4


def test_killing_builds_leaves_the_old_or_the_new_graph() -> None:
    """benchmarks/kill_build.py, briefly, on the mini council (the measured run kills 50 corpus builds)."""
    import subprocess

    from tests.support.projects import FIXTURES, REPO

    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.kill_build", "--kills", "4", "--project", str(FIXTURES / "mini")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok: build/ always held the old or the new graph, and no query failed" in done.stdout
    assert "0 errors, 0 mixed" in done.stdout
