"""What the benchmarks share: a scratch PostgreSQL database, a process's own peak memory, a phase run in a
process of its own, and the results written in one shape.

Every benchmark writes benchmarks/results/<name>.json as a list of
{"metric", "unit", "size", "ours", "baseline", "baseline_value", "ratio"}, where ratio is how many times better
ours is: for rates ours / baseline, for times (and memory) baseline / ours. `Metric` holds one such line and
works its ratio out from its kind, so no benchmark gets the direction wrong.
"""

import json
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def scratch_database(url: str, make: bool = True) -> None:
    """Drop the database `url` names (with anyone still connected to it) and, unless make is False, create it
    anew and empty."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if make:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def peak_mb() -> float:
    """This process's own peak resident memory in MB. ru_maxrss would count the parent's peak too (it survives
    fork and exec on Linux), so the kernel's high-water mark of this process is read where there is one."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def in_own_process(script: str, *arguments: str) -> dict:
    """Run `script` with `arguments` in a new Python process and return the JSON object its last line prints
    (each phase measured in its own process has its own peak memory and a cold start)."""
    output = subprocess.run([sys.executable, script, *arguments], cwd=ROOT, check=True, stdout=subprocess.PIPE,
                            text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


@dataclass(frozen=True)
class Metric:
    metric: str
    unit: str
    ours: float
    baseline: str
    baseline_value: float
    higher_is_better: bool  # a rate; False for a time or an amount of memory

    @property
    def ratio(self) -> float:
        if self.higher_is_better:
            return self.ours / self.baseline_value
        return self.baseline_value / self.ours

    def as_result(self, size, places: int = 1) -> dict:
        return {"metric": self.metric, "unit": self.unit, "size": size, "ours": round(self.ours, places),
                "baseline": self.baseline, "baseline_value": round(self.baseline_value, places),
                "ratio": round(self.ratio, 3)}


def print_metrics(metrics: list[Metric], width: int = 66, number: str = ",.0f") -> None:
    """The metrics as a table: ours beside the baseline, and how many times better ours is."""
    print(f"{'Metric':<{width}} {'ours':>12} {'baseline':>12} {'ratio':>6}")
    for line in metrics:
        print(f"{line.metric:<{width}} {line.ours:>8{number}} {line.unit:<4}{line.baseline_value:>8{number}} "
              f"{line.unit:<4}{line.ratio:>5.2f}x")


def write_results(name: str, results: list[dict]) -> Path:
    """Write benchmarks/results/<name>.json and say so."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    output = RESULTS / f"{name}.json"
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {output.relative_to(ROOT)}")
    return output
