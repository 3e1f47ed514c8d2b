"""Time whole `fit` calls of rnn_helpers against PyTorch and Keras (issue 15).

    python benchmarks/bench_fit.py                                  # rnn_helpers only
    python benchmarks/bench_fit.py --python-torch build/bench-torch/bin/python \\
        --python-keras build/bench-keras/bin/python --runs 3 --threads 1 2

What a learner waits for is a whole `fit`: the embedding, the recurrent layers, the output
layer over every step, the loss, the optimizer (Adam, learning rate 1e-3) and the batching,
epoch after epoch. Each workload below is trained, through each framework's public API only,
in a fresh process per run (one process per framework and run, frameworks taking turns so
that a machine shared with other jobs slows them alike), with the BLAS/OpenMP threads pinned
(OMP_NUM_THREADS, MKL_NUM_THREADS, OPENBLAS_NUM_THREADS, plus torch.set_num_threads and
TensorFlow's intra/inter-op threads). The child times `fit` alone (Keras: its first `fit`,
tracing included, which is what a learner waits for), in wall time and in CPU time (the
process's, all threads: on a machine shared with other jobs the wall time also counts the waits
for a core, the CPU time hardly), and reports the peak resident memory of its process
(`resource.getrusage`, which includes the framework's own import) and the final training loss
(the mean over the last epoch, as Keras' history["loss"][-1]), so that a fast but wrong run
shows. float32 everywhere (rnn_helpers through `rh.utils.set_floatx`).

PyTorch and Keras are not course dependencies: benchmarks/README.md says how to install them
in venvs of their own; pass their interpreters with --python-torch / --python-keras.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# name -> (what, x shape, kind, epochs, batch size); kind: "binary", "regression" or "char"
WORKLOADS = {
    "seed": ("SimpleRNN(10, seq) -> SimpleRNN(10) -> Dense(1, sigmoid)",
             (1000, 5, 1), "binary", 20, 32),
    "lstm": ("LSTM(32, seq) -> LSTM(32) -> Dense(1)", (1000, 20, 4), "regression", 5, 32),
    "gru": ("GRU(64, seq) -> GRU(64) -> Dense(1)", (2000, 50, 8), "regression", 2, 64),
    "char": ("Embedding(65, 32) -> SimpleRNN(128, seq) -> Dense(65, softmax)",
             (512, 100), "char", 2, 32),
}
UNITS = {"seed": 10, "lstm": 32, "gru": 64, "char": 128}
V, E = 65, 32  # the char workload's vocabulary and embedding size


# --- the data: the same arrays in every framework ---------------------------------------------
def make_data(name):
    """(x, y) as numpy float32 (ids int64 for char), from a fixed seed."""
    import numpy as np

    rng = np.random.default_rng(15)
    _, shape, kind, _, _ = WORKLOADS[name]
    if kind == "char":   # a first-order Markov chain over V symbols, so there is something to learn
        n, T = shape
        P = rng.dirichlet(np.full(V, 0.1), size=V)
        cum = P.cumsum(axis=1)
        ids = np.empty((n, T + 1), dtype=np.int64)
        ids[:, 0] = rng.integers(0, V, n)
        u = rng.random((n, T))
        for t in range(T):
            ids[:, t + 1] = np.minimum((u[:, t, None] > cum[ids[:, t]]).sum(axis=1), V - 1)
        return ids[:, :-1], ids[:, 1:]
    x = rng.standard_normal(shape).astype(np.float32)
    if kind == "binary":  # the seed's task: is the first value larger than the last?
        x = rng.random(shape).astype(np.float32)
        y = (x[:, 0, 0] > x[:, -1, 0]).astype(np.float32)[:, None]
    else:                 # the mean of the last five steps of feature 0, plus a little noise
        y = (x[:, -5:, 0].mean(axis=1) + 0.1 * rng.standard_normal(shape[0]))
        y = y.astype(np.float32)[:, None]
    return x, y


# --- one framework, one workload: the child process -----------------------------------------------
class Clock:
    """Wall and CPU time (this process, all its threads) from creation to stop()."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self):
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def fit_ours(name, x, y, dtype):
    import numpy as np

    import rnn_helpers as rh
    from rnn_helpers.layers import GRU, LSTM, Dense, Embedding, SimpleRNN
    from rnn_helpers.models import Sequential

    if hasattr(rh.utils, "set_floatx"):
        rh.utils.set_floatx(dtype)
    rh.utils.set_random_seed(0)
    _, shape, kind, epochs, batch = WORKLOADS[name]
    H = UNITS[name]
    if name == "seed":
        layers = [SimpleRNN(H, return_sequences=True, input_shape=shape[1:]), SimpleRNN(H),
                  Dense(1, activation="sigmoid")]
        loss = "binary_crossentropy"
    elif name in ("lstm", "gru"):
        cell = LSTM if name == "lstm" else GRU
        layers = [cell(H, return_sequences=True, input_shape=shape[1:]), cell(H), Dense(1)]
        loss = "mse"
    else:
        layers = [Embedding(V, E, input_shape=(shape[1],)),
                  SimpleRNN(H, return_sequences=True), Dense(V, activation="softmax")]
        loss = "sparse_categorical_crossentropy"
    model = Sequential(layers)
    model.compile(optimizer=rh.optim.Adam(learning_rate=1e-3), loss=loss)
    clock = Clock()
    history = model.fit(x, y, batch_size=batch, epochs=epochs, verbose=0)
    seconds = clock.stop()
    dtypes = {str(p.dtype) for p in model.params.values()}
    return seconds, history.history["loss"][-1], {
        "version": rh.__version__, "numpy": np.__version__, "params": "/".join(sorted(dtypes))}


def fit_torch(name, x, y, threads):
    import numpy as np
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    _, shape, kind, epochs, batch = WORKLOADS[name]
    H = UNITS[name]

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            if kind == "char":
                self.embed = torch.nn.Embedding(V, E)
                self.rnn = torch.nn.RNN(E, H, batch_first=True)
                self.out = torch.nn.Linear(H, V)
            else:
                cls = {"seed": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[name]
                self.rnn = cls(shape[-1], H, num_layers=2, batch_first=True)
                self.out = torch.nn.Linear(H, 1)

        def forward(self, xb):
            if kind == "char":
                h, _ = self.rnn(self.embed(xb))
                return self.out(h)                   # logits (B, T, V)
            h, _ = self.rnn(xb)
            return self.out(h[:, -1])                # (B, 1); logits for the binary task

    model = Net()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    if kind == "char":
        ce = torch.nn.CrossEntropyLoss()            # softmax fused with the cross-entropy
        loss_fn = lambda out, yb: ce(out.reshape(-1, V), yb.reshape(-1))  # noqa: E731
    elif kind == "binary":
        loss_fn = torch.nn.BCEWithLogitsLoss()      # sigmoid fused with the cross-entropy
    else:
        loss_fn = torch.nn.MSELoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    n = len(xt)
    clock = Clock()
    for _ in range(epochs):
        order = torch.randperm(n)
        total = 0.0
        for i in range(0, n, batch):
            idx = order[i:i + batch]
            xb, yb = xt[idx], yt[idx]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        final = total / n
    seconds = clock.stop()
    return seconds, final, {"version": torch.__version__, "numpy": np.__version__}


def fit_keras(name, x, y, threads):
    import numpy as np
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    import keras

    keras.utils.set_random_seed(0)
    _, shape, kind, epochs, batch = WORKLOADS[name]
    H = UNITS[name]
    L = keras.layers
    if name == "seed":
        layers = [L.SimpleRNN(H, return_sequences=True), L.SimpleRNN(H),
                  L.Dense(1, activation="sigmoid")]
        loss = "binary_crossentropy"
    elif name in ("lstm", "gru"):
        cell = L.LSTM if name == "lstm" else L.GRU
        layers = [cell(H, return_sequences=True), cell(H), L.Dense(1)]
        loss = "mse"
    else:
        layers = [L.Embedding(V, E), L.SimpleRNN(H, return_sequences=True),
                  L.Dense(V, activation="softmax")]
        loss = "sparse_categorical_crossentropy"
    model = keras.Sequential([keras.Input(shape[1:], dtype="int64" if kind == "char"
                                          else "float32"), *layers])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss=loss)
    clock = Clock()
    history = model.fit(x, y, batch_size=batch, epochs=epochs, verbose=0)
    seconds = clock.stop()
    return seconds, history.history["loss"][-1], {
        "version": f"keras {keras.__version__}, tf {tf.__version__}", "numpy": np.__version__}


def child(framework, name, threads, dtype):
    """Run one fit and print one JSON line: wall and CPU seconds, peak RSS (MiB), final loss."""
    import resource

    x, y = make_data(name)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if framework == "torch":
        seconds, loss, info = fit_torch(name, x, y, threads)
    elif framework == "keras":
        seconds, loss, info = fit_keras(name, x, y, threads)
    else:
        seconds, loss, info = fit_ours(name, x, y, dtype)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(json.dumps({"seconds": seconds[0], "cpu_seconds": seconds[1], "peak_mib": peak,
                      "rss_before_fit_mib": rss_before, "loss": float(loss), **info}))


# --- the parent: turns, medians, the table ------------------------------------------------------
def run_child(python, framework, name, threads, dtype, pythonpath=None):
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
        env[var] = str(threads)
    env.update(TF_CPP_MIN_LOG_LEVEL="3", KERAS_BACKEND="tensorflow", MPLBACKEND="Agg",
               PYTHONHASHSEED="0", CUDA_VISIBLE_DEVICES="")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    cmd = [python, os.path.abspath(__file__), "--child", framework, name,
           "--threads", str(threads), "--dtype", dtype]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"{framework} {name} failed:\n{out.stdout[-2000:]}\n"
                           f"{out.stderr[-3000:]}")
    return json.loads(lines[-1])


def parse_ours(specs):
    """["label=dir", ...] -> {label: dir}; the default is this checkout as "rnn_helpers"."""
    if not specs:
        return {"rnn_helpers": ROOT}
    result = {}
    for spec in specs:
        label, _, path = spec.partition("=")
        result[label] = os.path.abspath(path or ROOT)
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=2, metavar=("FRAMEWORK", "WORKLOAD"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--workloads", nargs="+", default=list(WORKLOADS),
                        choices=list(WORKLOADS))
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per framework, "
                        "workload and thread count (default 3; the median counts)")
    parser.add_argument("--threads", type=int, nargs="+", default=[1],
                        help="thread counts to pin (default: 1; the issue asks for 1 and 2)")
    parser.add_argument("--dtype", default="float32", choices=["float32", "float64"],
                        help="rnn_helpers' float type (PyTorch and Keras run float32)")
    parser.add_argument("--python-ours", default=sys.executable,
                        help="interpreter for rnn_helpers (default: this one)")
    parser.add_argument("--ours", action="append", metavar="LABEL=DIR",
                        help="time the rnn_helpers found in DIR under LABEL (put first on "
                        "PYTHONPATH), e.g. before=build/before after=. (repeatable)")
    parser.add_argument("--python-torch", help="an interpreter where `import torch` works")
    parser.add_argument("--python-keras", help="an interpreter with keras 3 + tensorflow")
    parser.add_argument("--json", help="also write every run's numbers to this file")
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child, args.threads[0], args.dtype)
        return

    # (label, framework, python, PYTHONPATH)
    candidates = [(label, "ours", args.python_ours, path)
                  for label, path in parse_ours(args.ours).items()]
    if args.python_torch:
        candidates.append(("pytorch", "torch", args.python_torch, None))
    if args.python_keras:
        candidates.append(("keras", "keras", args.python_keras, None))
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, {args.runs} fresh "
          f"process(es) per point, frameworks in turns, rnn_helpers in {args.dtype}")
    print("wall, cpu: median seconds of fit over the runs (the best in brackets); cpu is the "
          "process's CPU time, all threads,\nwhich other jobs on a shared machine disturb far "
          "less than the wall time; ratios: median / PyTorch's median")
    records = []
    header = (f"{'work':<5} {'thr':>3} {'framework':<13} {'wall s':>6} {'(best)':>7} "
              f"{'cpu s':>6} {'(best)':>7} {'peak MiB':>8} {'final loss':>10} "
              f"{'wall':>5} {'cpu':>5}  load before/after")
    print(header)
    print("-" * len(header))
    for threads in args.threads:
        for name in args.workloads:
            load0 = os.getloadavg()[0]
            runs = {c[0]: [] for c in candidates}
            for r in range(args.runs):
                order = candidates if r % 2 == 0 else candidates[::-1]
                for label, fw, python, path in order:
                    runs[label].append(run_child(python, fw, name, threads, args.dtype, path))
            load1 = os.getloadavg()[0]
            med = {label: {k: statistics.median(r[k] for r in results)
                           for k in ("seconds", "cpu_seconds")}
                   for label, results in runs.items()}
            ref = med.get("pytorch")
            for label, results in runs.items():
                wall, cpu = med[label]["seconds"], med[label]["cpu_seconds"]
                ratios = (f"{wall / ref['seconds']:5.2f} {cpu / ref['cpu_seconds']:5.2f}"
                          if ref else f"{'':>5} {'':>5}")
                peak = max(r["peak_mib"] for r in results)
                loss = statistics.median(r["loss"] for r in results)
                extra = f" [{results[0]['params']}]" if "params" in results[0] else ""
                best = {k: min(r[k] for r in results) for k in ("seconds", "cpu_seconds")}
                print(f"{name:<5} {threads:>3} {label:<13} {wall:6.3f} ({best['seconds']:5.3f}) "
                      f"{cpu:6.3f} ({best['cpu_seconds']:5.3f}) {peak:8.0f} "
                      f"{loss:10.4f} {ratios}  {load0:.2f} / {load1:.2f}{extra}", flush=True)
                records.append({"workload": name, "threads": threads, "framework": label,
                                "runs": results, "median_s": wall, "median_cpu_s": cpu,
                                "load": [load0, load1]})
    for label, _, python, _ in candidates:
        info = next(r["runs"][0] for r in records if r["framework"] == label)
        print(f"{label}: {info['version']}, numpy {info['numpy']} ({python})")
    print("peak MiB: the child process's peak resident memory, framework import included")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(records, f, indent=1)


if __name__ == "__main__":
    main()
