"""The benchmarks' shared timing (benchmarks/timing.py): a crash is not a fast run."""

from __future__ import annotations

import sys
from pathlib import Path

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


def test_scale_report(tmp_path: Path) -> None:
    """The scale benchmark's table and plot, from numbers shaped as a run saves them."""
    from benchmarks import sparql

    def timings(scale: float) -> dict[str, dict[str, float]]:
        return {name: {"cold_ms": 10 * scale, "warm_ms": scale, "rows": 1} for name in sparql.QUERIES}

    rows = [
        {
            "triples": n,
            "baseline_ms": 20.0,
            "build": {"wall_s": n / 20_000, "cpu_s": n / 15_000, "peak_mb": n / 1000, "runs": 3},
            "build_noshacl": {"wall_s": n / 40_000, "peak_mb": n / 2000},
            "oxigraph_load_s": n / 200_000,
            "virtuoso_load_s": n / 50_000,
            "oxigraph": timings(1.0),
            "server": timings(2.0),
            "virtuoso": timings(30.0),
            **({"rdflib": {"load_s": 60.0, **timings(500.0)}} if n < 2_000_000 else {}),
        }
        for n in (1_000_000, 5_000_000)
    ]
    text = sparql.table(rows, 20.0)
    assert "| 1,000,000 | 50.0 | 2,500× | 66.7 | 25.0 | 1,000 / 500 | 5.0 | 20.0 | 60.0 | 3 |" in text
    assert (
        "| 1,000,000 | `chain` | 10.0 / 1.0 | 20.0 / 2.0 (2.0×) | 300.0 / 30.0 (30×) | 5,000.0 / 500.0 (500×) |" in text
    )
    assert "| 5,000,000 | `coverage` | 10.0 / 1.0 | 20.0 / 2.0 (2.0×) | 300.0 / 30.0 (30×) | - |" in text
    sparql.plot(rows, tmp_path / "scale.png")
    assert (tmp_path / "scale.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
