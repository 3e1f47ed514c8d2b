"""Re-execute notebooks in place, top to bottom, each in a fresh kernel.

    python scripts/run_notebooks.py [--timeout SECONDS] notebooks/*.ipynb

This is what `make notebooks` runs, so that the outputs committed with the notebooks are
the ones the code gives today. For each notebook:

- a fresh kernel of the Python running this script (the course's venv), started in the
  notebook's own folder, as JupyterLab and nbval do;
- every code cell run in order; a cell that raises, or runs longer than --timeout seconds,
  stops that notebook, which is then left unchanged on disk;
- nothing is stripped: outputs, metadata and widget state are kept as Jupyter saves them;
  execution counts are set to 1..n over the code cells that ran;
- its wall time is printed, and any code cell that wrote to stderr (a warning, usually:
  the course's notebooks should have none) is named.

The script exits 1 if any notebook failed, after trying all of them.
"""

import argparse
import os
import sys
import time
from pathlib import Path
from queue import Empty

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from traitlets import default

BUDGET_SECONDS = 60  # the course's promise: each notebook runs in under a minute


class CurrentEnvKernelSpecs(KernelSpecManager):
    """Whatever kernel a notebook names, run it with this script's own Python."""

    def get_kernel_spec(self, kernel_name):
        from ipykernel.kernelspec import RESOURCES, get_kernel_dict

        return self.kernel_spec_class(resource_dir=RESOURCES, **get_kernel_dict())


class CurrentEnvKernelManager(AsyncKernelManager):
    @default("kernel_spec_manager")
    def _default_kernel_spec_manager(self):
        return CurrentEnvKernelSpecs(data_dir=self.data_dir)


class SlicedPollClient(NotebookClient):
    """NotebookClient whose wait for a cell's reply wakes up every second.

    With one long wait, the reply sometimes went unseen until the per-cell timeout ran out
    (the cell had finished; nbclient issue #312): `make notebooks` then stalled 120 s on a
    cell that took 1 s. Waiting in one-second slices sees the reply at the next slice.
    """

    async def async_start_new_kernel_client(self, **kwargs):
        kc = await super().async_start_new_kernel_client(**kwargs)
        channel = kc.shell_channel
        wait_once = channel.get_msg

        async def get_msg(timeout=None):
            end = None if timeout is None else time.monotonic() + timeout
            while True:
                left = 1.0 if end is None else max(0.0, min(1.0, end - time.monotonic()))
                try:
                    return await wait_once(timeout=left)
                except Empty:
                    if end is not None and time.monotonic() >= end:
                        raise

        channel.get_msg = get_msg
        return kc


def renumber(nb):
    """Set execution counts to 1..n over the code cells that ran (outputs included)."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if not cell.source.strip():  # nbclient skips empty cells: they did not run
            cell.execution_count = None
            continue
        if cell.get("execution_count") is None:
            continue
        count += 1
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if output.get("output_type") == "execute_result":
                output.execution_count = count
    return count


def stderr_cells(nb):
    """(cell number, first line) for every code cell that wrote to stderr (warnings, mostly)."""
    found = []
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = "".join(output.get("text", "")).strip()
                found.append((number, text.splitlines()[0] if text else ""))
                break
    return found


def run_one(path, timeout):
    """Execute the notebook at `path` in place; return (ok, seconds, message)."""
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    client = SlicedPollClient(
        nb,
        timeout=timeout,
        kernel_manager_class=CurrentEnvKernelManager,
        allow_errors=False,
        record_timing=False,  # no per-cell timestamps: they would change every run
        store_widget_state=True,  # as JupyterLab's "save widget state" does
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    try:
        client.execute()
    except CellTimeoutError as err:
        return False, time.perf_counter() - start, f"a cell ran over {timeout} s: {err}"
    except DeadKernelError as err:
        return False, time.perf_counter() - start, f"the kernel died: {err}"
    except CellExecutionError as err:
        return False, time.perf_counter() - start, str(err)
    seconds = time.perf_counter() - start
    renumber(nb)
    nbformat.write(nb, path)
    noise = "".join(f"\n    code cell {n} wrote to stderr: {line[:100]}"
                    for n, line in stderr_cells(nb))
    return True, seconds, noise


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path, help="the .ipynb files to run")
    parser.add_argument("--timeout", type=int, default=120,
                        help="seconds allowed per cell (default 120)")
    args = parser.parse_args(argv)

    # Kernels inherit this environment: a non-inline backend would draw no figures,
    # and the debugger's warning about frozen modules is noise.
    os.environ.pop("MPLBACKEND", None)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

    missing = [str(p) for p in args.notebooks if not p.is_file()]
    if missing:
        parser.error(f"notebooks: expected existing .ipynb files, got {', '.join(missing)}")

    failed = []
    total = 0.0
    for path in args.notebooks:
        ok, seconds, message = run_one(path, args.timeout)
        print(f"{path.name:<40} ", end="")
        total += seconds
        if ok:
            note = f"   (over the {BUDGET_SECONDS} s budget)" if seconds > BUDGET_SECONDS else ""
            print(f"ok      {seconds:6.1f} s{note}{message}", flush=True)
        else:
            failed.append(path.name)
            print(f"FAILED  {seconds:6.1f} s   (file left unchanged)", flush=True)
            print(message, file=sys.stderr, flush=True)
    print(f"{len(args.notebooks)} notebook(s), {total:.1f} s in all", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
