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


def test_split_by_date_shares_no_date():
    tr_src, tr_tgt, te_src, te_tgt = dates.split_by_date(300, 100, seed=2)
    assert len(tr_src) == len(tr_tgt) == 300 and len(te_src) == len(te_tgt) == 100
    assert not set(tr_tgt) & set(te_tgt)
    assert dates.split_by_date(300, 100, seed=2) == (tr_src, tr_tgt, te_src, te_tgt)
    with pytest.raises(ValueError, match="n_train"):
        dates.split_by_date(0, 10)


def test_format_of_and_year_columns():
    d = datetime.date(1987, 11, 3)
    for style in dates.FORMATS:
        assert dates.format_of(dates.write_date(d, style, title_case=True), "1987-11-03") == style
    assert dates.format_of("3 may 1987", "1987-05-03") == "d month yyyy"   # = "d mon yyyy"
    sources = ["1987/05/03", "3 may 1987"]
    cols = dates.year_columns(sources, 12)
    np.testing.assert_array_equal(cols, [[2, 3, 4, 5], [8, 9, 10, 11]])
    X = dates.encode_sources(sources, 12)
    ids = [dates.INPUT_CHARS.index(c) for c in "1987"]
    np.testing.assert_array_equal(np.take_along_axis(X, cols, axis=1), [ids, ids])
    with pytest.raises(ValueError, match="source"):
        dates.format_of("may 1987", "1987-05-03")
    with pytest.raises(ValueError, match="target"):
        dates.format_of("3 may 1987", "87-05-03")
    with pytest.raises(ValueError, match="sources"):
        dates.year_columns(["3 may 87"], 12)
