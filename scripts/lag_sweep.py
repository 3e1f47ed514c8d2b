"""Run notebook 05's full lag sweep and write rnn_helpers/datasets/data/lag_sweep.json.

    python scripts/lag_sweep.py                       # the shipped sweep (a few minutes, 1 core)
    python scripts/lag_sweep.py --seeds 0 1 --lags 5 20 --output /tmp/quick.json

SimpleRNN, LSTM and GRU with the same units learn `experiments.first_symbol_task` at every lag
with every seed, under the same training budget (experiments.DEFAULTS; each can be changed
with its option). The file records the runs, the settings, the command line, the machine,
the date and the time taken, and the lag at which each cell falls within 5 points of chance.
The maths runs on one thread (OPENBLAS_NUM_THREADS=1 unless already set): the sizes are small,
and a shared machine stays usable.
"""

import argparse
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from rnn_helpers.analysis import experiments  # noqa: E402

LAGS = (5, 10, 20, 30, 40, 60, 80)
SEEDS = (0, 1, 2, 3, 4)


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", nargs="+", default=list(experiments.CELLS),
                        choices=list(experiments.CELLS))
    parser.add_argument("--lags", nargs="+", type=int, default=list(LAGS))
    parser.add_argument("--seeds", nargs="+", type=int, default=list(SEEDS))
    for name, value in experiments.DEFAULTS.items():
        parser.add_argument("--" + name.replace("_", "-"), type=type(value), default=value,
                            dest=name)
    parser.add_argument("--output", default=str(experiments.DATA_FILE))
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser.parse_args(argv)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = _arguments(argv)
    settings = {name: getattr(args, name) for name in experiments.DEFAULTS}
    chance = 1 / settings["n_classes"]
    wall, cpu = time.perf_counter(), time.process_time()
    runs = experiments.lag_sweep(args.cells, args.lags, args.seeds, progress=not args.quiet,
                                 **settings)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    falls = experiments.chance_lags(runs, chance)
    experiments.save_results(
        runs, args.output,
        description="Held-out accuracy on experiments.first_symbol_task: remember the first "
                    "of K symbols across `lag` steps of noise; chance = 1 / K.",
        command=" ".join(["python scripts/lag_sweep.py", *argv]),
        settings=settings, cells=list(args.cells), lags=list(args.lags),
        seeds=list(args.seeds), chance=chance, chance_lags=falls,
        machine={"python": platform.python_version(), "numpy": np.__version__,
                 "system": f"{platform.system()} {platform.machine()}",
                 "processor": platform.processor() or "unknown",
                 "cpus": os.cpu_count(),
                 "threads": os.environ.get("OPENBLAS_NUM_THREADS")},
        date=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        seconds={"wall": round(wall, 1), "cpu": round(cpu, 1)},
    )
    table = experiments.summarise(runs)
    print(f"{'lag':>5} " + " ".join(f"{cell:>10}" for cell in table))
    for i, lag in enumerate(args.lags):
        print(f"{lag:>5} " + " ".join(f"{100 * row['mean'][i]:>9.1f}%" for row in
                                      table.values()))
    print("within 5 points of chance from lag:", falls)
    print(f"{len(runs)} runs in {wall:.0f} s ({cpu:.0f} s of CPU); wrote {args.output}")


if __name__ == "__main__":
    main()
