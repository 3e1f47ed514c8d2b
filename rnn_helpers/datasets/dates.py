"""A generated translation task (notebook 11): dates written many ways -> ISO YYYY-MM-DD.

    "3 may 1987", "May 03, 1987", "03.05.1987", "1987/05/03", "saturday 3 may 1987" -> "1987-05-03"

Each source is a human way of writing the date (lower or title case, with or without a
leading zero, month as a name, an abbreviation or a number, the weekday sometimes in front);
the target is always the 10 characters YYYY-MM-DD. Dates are drawn uniformly from 1950-01-01
to 2049-12-31; every draw is seeded. Sources are padded on the left with PAD (so the last
character of every source is its last input step).
"""

import datetime

import numpy as np

from .._validate import check_positive_int, check_seed, fail

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PAD, START = "_", "^"
INPUT_CHARS = PAD + " ,./0123456789abcdefghijklmnopqrstuvwxyz"
"""The source alphabet: PAD first (id 0); sources are lower-cased before encoding."""
OUTPUT_CHARS = "0123456789-" + START
"""The target alphabet: digits, '-', and START (fed to the decoder at its first step)."""
TARGET_LENGTH = 10
FORMATS = ("d month yyyy", "month d, yyyy", "dd.mm.yyyy", "yyyy/mm/dd", "d mon yyyy",
           "mon dd yyyy", "weekday d month yyyy", "dd/mm/yyyy")
_FIRST = datetime.date(1950, 1, 1).toordinal()
_LAST = datetime.date(2049, 12, 31).toordinal()


def write_date(date, style, title_case=False):
    """`date` (a datetime.date) written in one of FORMATS, e.g. "d month yyyy" -> "3 may 1987"."""
    if style not in FORMATS:
        fail("style", f"one of {FORMATS}", repr(style))
    d, m, y = date.day, date.month, date.year
    month, mon, day = MONTHS[m - 1], MONTHS[m - 1][:3], DAYS[date.weekday()]
    text = {
        "d month yyyy": f"{d} {month} {y}",
        "month d, yyyy": f"{month} {d}, {y}",
        "dd.mm.yyyy": f"{d:02d}.{m:02d}.{y}",
        "yyyy/mm/dd": f"{y}/{m:02d}/{d:02d}",
        "d mon yyyy": f"{d} {mon} {y}",
        "mon dd yyyy": f"{mon} {d:02d} {y}",
        "weekday d month yyyy": f"{day} {d} {month} {y}",
        "dd/mm/yyyy": f"{d:02d}/{m:02d}/{y}",
    }[style]
    return text.title() if title_case else text


def make_dates(n=1000, seed=0):
    """n (source, target) pairs: sources in random FORMATS, targets YYYY-MM-DD.

    -> sources (list of str), targets (list of str), dates (list of datetime.date).
    """
    n, rng = check_positive_int("n", n), np.random.default_rng(check_seed(seed))
    ordinals = rng.integers(_FIRST, _LAST + 1, size=n)
    styles = rng.integers(0, len(FORMATS), size=n)
    titles = rng.random(n) < 0.3
    dates = [datetime.date.fromordinal(int(o)) for o in ordinals]
    sources = [write_date(d, FORMATS[s], bool(c)) for d, s, c in zip(dates, styles, titles,
                                                                       strict=True)]
    return sources, [d.isoformat() for d in dates], dates


def split_by_date(n_train=2000, n_test=500, seed=0):
    """Training and held-out pairs that share no date: a held-out date was never seen in
    training, in any of its ways of writing, so a right answer cannot be remembered.

    -> (train_sources, train_targets, test_sources, test_targets), lists of str.
    """
    n_train, n_test = check_positive_int("n_train", n_train), check_positive_int("n_test", n_test)
    sources, targets, _ = make_dates(2 * (n_train + n_test), seed=seed)
    held_out = set(targets[:n_test])
    keep = [i for i in range(n_test, len(targets)) if targets[i] not in held_out][:n_train]
    if len(keep) < n_train:
        fail("n_test", f"small enough to leave {n_train} training pairs with other dates",
              f"{n_test} (only {len(keep)} left)")
    return ([sources[i] for i in keep], [targets[i] for i in keep],
            sources[:n_test], targets[:n_test])


def encode_sources(sources, length=None):
    """Sources -> ids (n, length), left-padded with PAD (id 0); length default the longest."""
    if isinstance(sources, str) or not sources:
        fail("sources", "a non-empty list of strings", repr(sources)[:60])
    lookup = {ch: i for i, ch in enumerate(INPUT_CHARS)}
    longest = max(len(s) for s in sources)
    length = longest if length is None else check_positive_int("length", length)
    if longest > length:
        fail("sources", f"strings of at most length = {length} characters",
              f"one of {longest}")
    ids = np.zeros((len(sources), length), dtype=np.int64)
    for row, s in enumerate(sources):
        try:
            ids[row, length - len(s):] = [lookup[ch] for ch in s.lower()]
        except KeyError as missing:
            fail("sources", f"characters from {INPUT_CHARS!r}", repr(missing.args[0]))
    return ids


def format_of(source, target):
    """Which of FORMATS `source` is written in ("yyyy/mm/dd", ...), given its ISO `target`;
    the first that fits (in May, "d month yyyy" and "d mon yyyy" write the same text)."""
    try:
        date = datetime.date.fromisoformat(target)
    except (TypeError, ValueError):
        fail("target", "a date YYYY-MM-DD", repr(target))
    for style in FORMATS:
        if write_date(date, style) == str(source).lower():
            return style
    fail("source", f"{target} written in one of FORMATS", repr(source))


def year_columns(sources, length):
    """Where the year's four digits are in each source once encoded with `length` columns
    (left padding): ids (n, 4), the columns of y, y, y, y."""
    length = check_positive_int("length", length)
    cols = np.zeros((len(sources), 4), dtype=np.int64)
    for row, s in enumerate(sources):
        first = next((i for i in range(len(s) - 3) if s[i:i + 4].isdigit()), None)
        if first is None or len(s) > length:
            fail("sources", f"dates with a four-digit year, at most {length} characters",
                  repr(s))
        cols[row] = length - len(s) + first + np.arange(4)
    return cols


def encode_targets(targets):
    """ISO dates -> ids (n, 10) over OUTPUT_CHARS."""
    lookup = {ch: i for i, ch in enumerate(OUTPUT_CHARS)}
    bad = [t for t in targets if len(t) != TARGET_LENGTH or any(c not in lookup for c in t)]
    if bad:
        fail("targets", "strings YYYY-MM-DD", repr(bad[0]))
    return np.array([[lookup[c] for c in t] for t in targets], dtype=np.int64)


def decode_targets(ids):
    """ids (n, T) over OUTPUT_CHARS -> list of strings."""
    return ["".join(OUTPUT_CHARS[i] for i in row) for row in np.asarray(ids)]


__all__ = ["DAYS", "FORMATS", "INPUT_CHARS", "MONTHS", "OUTPUT_CHARS", "PAD", "START",
           "TARGET_LENGTH", "decode_targets", "encode_sources", "encode_targets",
           "format_of", "make_dates", "split_by_date", "write_date", "year_columns"]
