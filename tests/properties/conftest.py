"""Hypothesis profiles for the property tests, and the tally they print at the end.

    make test                                # the "ci" profile: fast, the same examples each run
    HYPOTHESIS_PROFILE=long make test        # many more examples, new ones every run

"ci" draws a fixed set of examples (derandomize) so a CI failure is reproducible and the
suite stays fast; "long" explores, remembering failures in .pytest_cache/hypothesis.
"""

import os

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.properties.contract import RECORD, summary_lines

_COMMON = {"deadline": None, "print_blob": True,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.filter_too_much]}
settings.register_profile("ci", max_examples=60, derandomize=True, database=None, **_COMMON)
settings.register_profile("long", max_examples=1500, database=DirectoryBasedExampleDatabase(
    os.path.join(".pytest_cache", "hypothesis")), **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_terminal_summary(terminalreporter):
    """The outcome of every input the property tests tried (see contract.py)."""
    if RECORD:
        terminalreporter.section(f"public API under fuzzing (hypothesis profile "
                                 f"{settings.get_current_profile_name()})")
        for line in summary_lines():
            terminalreporter.write_line(line)
