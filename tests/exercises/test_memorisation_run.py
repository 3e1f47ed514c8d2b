"""Exercise 3 of notebook 03 quotes the memorisation run it follows: the checker's text and the
notebook's cell read the same constants."""

import numpy as np

from rnn_helpers.exercises import training as ex
from tests.conftest import NOTEBOOKS_DIR, cell_sources, verdict


def test_the_checker_quotes_the_run_settings(capsys):
    def two_permutations(X, y, seed):
        return X[np.random.default_rng(seed).permutation(len(X))], y[::-1]

    ok, out = verdict(capsys, ex.check_memorisation, two_permutations)
    assert not ok
    assert (f"the {ex.MEMORISATION_PAIRS}-pair run above had {ex.MEMORISATION_EPOCHS} epochs"
            in out)


def test_the_notebook_trains_with_those_constants():
    cells = cell_sources(NOTEBOOKS_DIR / "03_training_bptt.ipynb", "code")
    code = "\n".join(source for _, _, source in cells)
    assert "epochs = rh.exercises.training.MEMORISATION_EPOCHS" in code
    assert "pairs = rh.exercises.training.MEMORISATION_PAIRS" in code
    assert "epochs=epochs" in code and "seed_random(n=pairs" in code
