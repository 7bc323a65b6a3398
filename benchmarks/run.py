"""Run the benchmarks: `python benchmarks/run.py [name ...]` (what `make bench ONLY=name` calls).

Each benchmarks/<name>.py runs in its own process with its own scratch database, prints its figures
beside the target it is measured against, and writes benchmarks/results/<name>.json. With no names,
every benchmark runs. The exit status is non-zero if any benchmark fails to run (not if it misses its
target: a benchmark reports, it does not judge).
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(path.stem for path in HERE.glob("*.py") if path.stem != "run" and not path.stem.startswith("_"))


def main(names: list[str]) -> int:
    known = available()
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"No benchmark called {', '.join(unknown)}. Available: {', '.join(known) or 'none'}", file=sys.stderr)
        return 2
    failed = []
    for name in names or known:
        print(f"== {name}", flush=True)
        if subprocess.call([sys.executable, str(HERE / f"{name}.py")], cwd=HERE.parent) != 0:
            failed.append(name)
    if failed:
        print(f"Failed to run: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main([arg for arg in sys.argv[1:] if arg.strip()]))
