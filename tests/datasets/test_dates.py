"""Tests for rnn_helpers.datasets.dates: seeded, every format, encodings round-trip."""

import datetime

import numpy as np
import pytest

from rnn_helpers.datasets import dates


def test_seeded_and_iso_targets():
    a, b = dates.make_dates(50, seed=3), dates.make_dates(50, seed=3)
    assert a[0] == b[0] and a[1] == b[1]
    assert all(t == d.isoformat() for t, d in zip(a[1], a[2], strict=True))


def test_every_format():
    d = datetime.date(1987, 5, 3)
    written = {style: dates.write_date(d, style) for style in dates.FORMATS}
    assert written["d month yyyy"] == "3 may 1987"
    assert written["month d, yyyy"] == "may 3, 1987"
    assert written["dd.mm.yyyy"] == "03.05.1987"
    assert written["yyyy/mm/dd"] == "1987/05/03"
    assert written["weekday d month yyyy"] == "sunday 3 may 1987"
    assert dates.write_date(d, "d mon yyyy", title_case=True) == "3 May 1987"


def test_encodings():
    src, tgt, _ = dates.make_dates(20, seed=0)
    X = dates.encode_sources(src)
    assert X.shape == (20, max(map(len, src))) and X.min() >= 0
    assert np.all(X[:, -1] != 0)                       # left padding: the last step is real
    Y = dates.encode_targets(tgt)
    assert Y.shape == (20, 10) and dates.decode_targets(Y) == tgt


def test_bad_input():
    with pytest.raises(ValueError, match="style"):
        dates.write_date(datetime.date(2000, 1, 1), "yy")
    with pytest.raises(ValueError, match="sources"):
        dates.encode_sources(["3 may 1987!"])
    with pytest.raises(ValueError, match="targets"):
        dates.encode_targets(["87-05-03"])
