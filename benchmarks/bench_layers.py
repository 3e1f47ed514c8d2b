"""Time forward + backward of SimpleRNN, LSTM and GRU in rnn_helpers, against PyTorch if present.

    python benchmarks/bench_layers.py              # the full table (a few minutes)
    python benchmarks/bench_layers.py --runs 5     # a quick look

What is timed, per cell and size (B, T, D, H), in float32: the sequence forward from a zero
initial state, then the backward from a fixed upstream gradient dh on every h_t, down to the
gradients of every weight *and of the input x*. The median of at least --runs runs after
warm-up is reported. PyTorch is not a dependency of the course: when it is importable, the
same work is timed for torch.nn.RNN / LSTM / GRU (batch_first=True, x.requires_grad, the
faster of 1 and 2 threads), after checking on the same weights that both compute the same h,
and the ratio rnn_helpers / torch is printed next to the goal from issue 4 (lower is better).
The peak memory that tracemalloc sees for one forward + backward at the largest size closes
the report.
"""

import argparse
import contextlib
import os
import platform
import statistics
import sys
import time
import tracemalloc

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from rnn_helpers.core import rnn  # noqa: E402
from rnn_helpers.core._gated_kernels import (  # noqa: E402
    fast_gru_backward,
    fast_gru_forward,
    fast_lstm_backward,
    fast_lstm_forward,
)

SIZES = [  # (B, T, D, H), name
    ((32, 5, 1, 10), "seed"),
    ((32, 50, 8, 64), "medium"),
    ((64, 100, 32, 128), "large"),
    ((1, 25, 65, 100), "char"),
]
CELLS = ["SimpleRNN", "LSTM", "GRU"]
GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}
GOALS = {  # issue 4: rnn_helpers / torch at or below these
    "SimpleRNN": {"seed": 0.5, "char": 0.5, "medium": 1.0, "large": 1.0},
    "GRU": {"seed": 0.5, "char": 0.5, "medium": 1.0, "large": 1.0},
    "LSTM": {"seed": 0.7, "char": 1.3, "medium": 2.0, "large": 2.0},
}


def make_weights(cell, D, H, seed=0):
    """Keras-layout float32 weights with Glorot-like scales: W (D, nH), U (H, nH), b."""
    rng = np.random.default_rng(seed)
    n = GATES[cell]
    W = rng.normal(0, (1 / D) ** 0.5, (D, n * H)).astype(np.float32)
    U = rng.normal(0, (1 / H) ** 0.5, (H, n * H)).astype(np.float32)
    b_shape = (2, 3 * H) if cell == "GRU" else (n * H,)
    b = rng.normal(0, 0.1, b_shape).astype(np.float32)
    return W, U, b


def ours(cell, x, dh, W, U, b):
    """One forward + backward in rnn_helpers, as its layers run it (the LSTM and GRU: the fast
    kernels beside the readable core); returns h and the gradients."""
    if cell == "SimpleRNN":
        h, cache = rnn.rnn_forward(x, None, W, U, b)
        return h, rnn.rnn_backward(dh, cache)
    if cell == "LSTM":
        h, _, cache = fast_lstm_forward(x, None, None, W, U, b)
        return h, fast_lstm_backward(dh, cache)
    h, cache = fast_gru_forward(x, None, W, U, b)
    return h, fast_gru_backward(dh, cache)


def blas_threads_setter():
    """A function n -> context manager that limits numpy's BLAS to n threads (threadpoolctl),
    or None when threadpoolctl is not installed (then numpy keeps its default)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    blas = ThreadpoolController().select(user_api="blas")   # numpy's OpenBLAS
    return lambda n: blas.limit(limits=n)


def race(candidates, runs, rounds=10, block_seconds=0.01):
    """Median wall time in seconds of each candidate {name: (setup, f)}, timed in turns.

    In each of `rounds` rounds, every candidate in turn gets setup() (e.g. set the thread
    count; not timed), one untimed warm-up call, then a block of timed calls: at least
    runs / rounds of them, more while the block is under block_seconds (at most 100).
    Turns make a machine shared with others slow every candidate alike; blocks keep the
    caches warm, as they are when a layer runs epoch after epoch.
    """
    per_block = -(-runs // rounds)
    times = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, (setup, f) in candidates.items():
            with setup():
                f()
                start, count = time.perf_counter(), 0
                while count < per_block or (time.perf_counter() - start < block_seconds
                                            and count < 100):
                    t0 = time.perf_counter()
                    f()
                    times[name].append(time.perf_counter() - t0)
                    count += 1
    return {name: statistics.median(ts) for name, ts in times.items()}


def torch_module(torch, cell, D, H, W, U, b):
    """torch.nn.RNN/LSTM/GRU holding the same weights as ours (PyTorch's layout: (nH, D),
    biases split in b_ih + b_hh, GRU gates in the order r, z, n instead of Keras' z, r, h)."""
    cls = {"SimpleRNN": torch.nn.RNN, "LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU}[cell]
    m = cls(D, H, batch_first=True)
    if cell == "GRU":
        z, r, n = (slice(k * H, (k + 1) * H) for k in range(3))
        order = np.r_[r, z, n]               # torch's rows r, z, n from Keras' columns z, r, h
        w_ih, w_hh, b_ih, b_hh = W[:, order].T, U[:, order].T, b[0, order], b[1, order]
    else:
        w_ih, w_hh, b_ih, b_hh = W.T, U.T, b, np.zeros_like(b)
    with torch.no_grad():
        for name, value in [("weight_ih_l0", w_ih), ("weight_hh_l0", w_hh),
                            ("bias_ih_l0", b_ih), ("bias_hh_l0", b_hh)]:
            getattr(m, name).copy_(torch.from_numpy(np.ascontiguousarray(value)))
    return m


def torch_step(torch, m, x, dh):
    """forward + backward in PyTorch, down to the input gradient, on fresh .grad arrays."""
    xt = torch.from_numpy(x).requires_grad_(True)
    dht = torch.from_numpy(dh)
    params = list(m.parameters())

    def step():
        xt.grad = None
        for p in params:
            p.grad = None
        out, _ = m(xt)
        out.backward(dht)
    return step


@contextlib.contextmanager
def torch_threads(torch, n):
    torch.set_num_threads(n)
    yield


def peak_memory(cell, size):
    """Peak bytes tracemalloc sees during one forward + backward (numpy reports to it)."""
    B, T, D, H = size
    W, U, b = make_weights(cell, D, H)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((B, T, D)).astype(np.float32)
    dh = rng.standard_normal((B, T, H)).astype(np.float32)
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    ours(cell, x, dh, W, U, b)
    peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    return peak, x.nbytes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per point (>= 20 "
                        "for the report; fewer for a quick look)")
    parser.add_argument("--no-torch", action="store_true", help="skip PyTorch even if present")
    parser.add_argument("--cells", nargs="+", default=CELLS, choices=CELLS)
    parser.add_argument("--sizes", nargs="+", choices=[name for _, name in SIZES],
                        help="only these sizes (default: all four)")
    args = parser.parse_args(argv)

    torch = None
    if not args.no_torch:
        try:
            import torch
        except ImportError:
            pass
    print(f"python {platform.python_version()}, numpy {np.__version__}, "
          f"torch {torch.__version__ if torch else 'not installed'}, "
          f"{os.cpu_count()} cores, median of >= {args.runs} runs, float32, forward + backward")
    blas_threads = blas_threads_setter()
    print("thr: the thread count that was faster (numpy's BLAS: "
          + ("1 or 2, set with threadpoolctl)" if blas_threads else "its default, '-')"))
    header = (f"{'cell':<10} {'size':<6} {'(B, T, D, H)':<18} {'ours ms':>9} {'thr':>3}"
              + (f" {'torch ms':>9} {'thr':>3} {'ratio':>6} {'goal':>5}  {'|Δh|':>7} {'|Δdx|':>7}"
                 if torch else ""))
    print(header)
    print("-" * len(header))
    missed = []
    for cell in args.cells:
        for size, name in SIZES:
            if args.sizes and name not in args.sizes:
                continue
            B, T, D, H = size
            W, U, b = make_weights(cell, D, H)
            rng = np.random.default_rng(1)
            x = rng.standard_normal((B, T, D)).astype(np.float32)
            dh = rng.standard_normal((B, T, H)).astype(np.float32)
            h, grads = ours(cell, x, dh, W, U, b)
            assert h.dtype == np.float32 and all(g.dtype == np.float32 for g in grads.values())

            def run_ours(cell=cell, x=x, dh=dh, W=W, U=U, b=b):
                ours(cell, x, dh, W, U, b)
            if blas_threads:   # numpy's BLAS at 1 and 2 threads too, the faster counts
                candidates = {("ours", n): (lambda n=n: blas_threads(n), run_ours) for n in (1, 2)}
            else:
                candidates = {("ours", None): (contextlib.nullcontext, run_ours)}
            if torch:
                m = torch_module(torch, cell, D, H, W, U, b)
                x_torch = torch.from_numpy(x).requires_grad_(True)
                h_torch, _ = m(x_torch)
                h_torch.backward(torch.from_numpy(dh))
                diff_h = float(np.max(np.abs(h - h_torch.detach().numpy())))
                diff_dx = float(np.max(np.abs(grads["dx"] - x_torch.grad.numpy())))
                step = torch_step(torch, m, x, dh)
                for n in (1, 2):
                    candidates["torch", n] = (lambda n=n: torch_threads(torch, n), step)
            times = race(candidates, args.runs)
            best = {lib: min((t, n) for (who, n), t in times.items() if who == lib)
                    for lib in {who for who, _ in times}}
            t_ours, n_ours = best["ours"]
            line = (f"{cell:<10} {name:<6} {str(size):<18} {1e3 * t_ours:9.3f}"
                    f" {n_ours if n_ours else '-':>3}")
            if torch:
                t_torch, n_torch = best["torch"]
                ratio, goal = t_ours / t_torch, GOALS[cell][name]
                flag = "" if ratio <= goal else "  MISSED"
                if flag:
                    missed.append(f"{cell} {name}")
                line += (f" {1e3 * t_torch:9.3f} {n_torch:>3} {ratio:6.2f} {goal:5.1f}"
                         f"  {diff_h:7.0e} {diff_dx:7.0e}{flag}")
            print(line, flush=True)
    if torch:
        print("|Δh|, |Δdx|: the largest difference from PyTorch's h and input gradient (float32)")
        print("goals met" if not missed else "goals missed: " + ", ".join(missed))

    size, name = SIZES[2]
    print(f"\npeak memory (tracemalloc) of one forward + backward at the {name} size {size}:")
    for cell in args.cells:
        peak, x_bytes = peak_memory(cell, size)
        print(f"  {cell:<10} {peak / 2**20:7.1f} MiB   (x itself: {x_bytes / 2**20:.1f} MiB)")


if __name__ == "__main__":
    main()
