"""Time the callbacks of notebook 03's and 04's widgets: what one slider move costs.

    python benchmarks/bench_widgets.py            # 20 moves per widget (a few seconds)
    python benchmarks/bench_widgets.py --runs 50

Outside a notebook, with matplotlib's Agg backend. One "call" is what a slider move runs:
setting the slider's value fires the widget's callback, which computes the new numbers,
updates the figure (its lines and title; the axes were drawn once) and renders it to PNG
for the Output widget, so the figure is really rendered every time. The median wall time over
--runs moves, cycling through several slider positions, is compared with the budget: 150 ms
for notebook 04's gradient-flow widget (issue 3), 100 ms for every widget (the notebooks'
rule). The training widget's runs are trained once, before the timing, as in the notebook.
"""

import argparse
import contextlib
import io
import os
import statistics
import sys
import time

os.environ.setdefault("MPLBACKEND", "Agg")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from rnn_helpers.widgets.gradients import gradient_flow_widget  # noqa: E402
from rnn_helpers.widgets.training import learning_rate_runs, learning_rate_widget  # noqa: E402


def time_moves(box, moves, runs):
    """(median wall, max wall, median CPU) seconds of `runs` slider moves, cycling `moves`.

    CPU time (this process only) is printed too: on a shared machine the wall time also counts
    the waits for a core, which the callback does not cause.
    """
    wall, cpu = [], []
    for i in range(runs):
        name, value = moves[i % len(moves)]
        t0, c0 = time.perf_counter(), time.process_time()
        box.controls[name].value = value
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), max(wall), statistics.median(cpu)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="slider moves per widget")
    args = parser.parse_args(argv)

    sink = io.StringIO()   # Output.__enter__ outside a kernel would print the display reprs
    with contextlib.redirect_stdout(sink):
        flow = gradient_flow_widget()
        # every move changes a value, so every one fires the callback
        flow_moves = [("radius", 1.5), ("T", 100), ("activation", "relu"), ("radius", 0.5),
                      ("activation", "linear"), ("T", 5), ("radius", 1.0), ("T", 60),
                      ("activation", "tanh"), ("T", 30)]
        flow_times = time_moves(flow, flow_moves, args.runs)

        t0 = time.perf_counter()
        runs = learning_rate_runs()
        train_seconds = time.perf_counter() - t0
        lr = learning_rate_widget(runs)
        lr_moves = [("log10_lr", -4), ("epochs", 5), ("log10_lr", -1), ("epochs", 20),
                    ("log10_lr", 0), ("epochs", 12), ("log10_lr", -2), ("epochs", 1)]
        lr_times = time_moves(lr, lr_moves, args.runs)

    print(f"{args.runs} moves per widget; times in ms")
    print(f"{'widget':<40}{'median':>8}{'max':>8}{'CPU':>8}{'budget':>8}")
    rows = [("04 gradient flow (rho, T, activation)", *flow_times, 0.150),
            ("03 learning rate and epochs", *lr_times, 0.100)]
    ok = True
    for name, median, worst, cpu, budget in rows:
        ok &= median < budget
        print(f"{name:<40}{median * 1e3:>8.1f}{worst * 1e3:>8.1f}{cpu * 1e3:>8.1f}"
              f"{budget * 1e3:>8.0f}")
    print(f"(training widget: its {len(runs)} runs were trained once in {train_seconds:.1f} s)")
    print("all under budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
