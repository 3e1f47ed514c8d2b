"""Toy data for notebook 08: the seed's application scenarios, small enough to train in seconds.

All three are generated (no download, no licence question) and seeded; draw a training set and
a held-out set with two different seeds.

    frames, y = moving_shapes(n=600, seed=0)        # image sequences: which way does it move?
    X = frame_profiles(frames)                      #   per-frame features (B, F, 2N)
    signals, y = tone_patterns(n=600, seed=0)       # audio: rising, falling, steady, up-down
    X = frame_spectra(signals)                      #   per-frame spectra (B, T, 33)
    strings, X, y = bracket_depths(n=600, seed=0)   # structure: the depth of every character
    X_train, X_test = standardize(X_train, X_test)  # features of mean 0, std 1 (train's stats)

Class labels are integers 0 .. K-1 (the names are in DIRECTIONS and TONES); bracket depths
are integers 0 .. max_depth, one per character, shape (n, T).
"""

import numpy as np

from .._validate import check_array, check_positive_int, check_seed, fail

DIRECTIONS = ("right", "left", "down", "up")
"""Class names of `moving_shapes`, in label order."""

TONES = ("rising", "falling", "steady", "up-down")
"""Class names of `tone_patterns`, in label order."""

BRACKET_VOCAB = "()a"
"""The characters of `bracket_depths`: open, close, and "a", an atom (a word) between brackets."""

_STEPS = {0: (0, 1), 1: (0, -1), 2: (1, 0), 3: (-1, 0)}   # label -> (d_row, d_col) per frame



def _check_fraction(name, value, high=np.inf):
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not ok or not 0 <= value <= high:
        fail(name, f"a number in [0, {high:g}]", repr(value))
    return float(value)


# --- 1. image sequences ------------------------------------------------------------------------

def moving_shapes(n=600, N=10, F=6, size=3, noise=0.2, seed=0):
    """A bright square moving one pixel per frame across a noisy N x N grid, in one of 4 ways.

        frames[i, t] = square at (r0 + t*dr, c0 + t*dc), wrapped around the edges, + noise
        y[i] = the direction: 0 right, 1 left, 2 down, 3 up  (names in DIRECTIONS)

    The start (r0, c0) is uniform over the grid and the grid wraps around (like an old video
    game's screen), so any single frame is equally likely under every direction: only the
    change from frame to frame tells the answer, and chance is 25 %. Each pixel gets Gaussian
    noise of standard deviation `noise`; the square has brightness 1. Labels are balanced
    (n // 4 of each, the rest spread), then shuffled.

    -> frames (n, F, N, N) float, y (n,) int
    """
    n, N, F, size = (check_positive_int(k, v) for k, v in
                     (("n", n), ("N", N), ("F", F), ("size", size)))
    if size >= N:
        fail("size", f"a square smaller than the grid (N = {N})", repr(size))
    if F < 2:
        fail("F", "at least 2 frames (a direction needs two positions)", repr(F))
    noise = _check_fraction("noise", noise)
    rng = np.random.default_rng(check_seed(seed))
    y = rng.permutation(np.arange(n) % 4)
    start = rng.integers(0, N, size=(n, 2))
    steps = np.array([_STEPS[k] for k in range(4)])[y]                     # (n, 2)
    t = np.arange(F)
    rows0 = start[:, None, 0] + t * steps[:, None, 0]                      # (n, F) top row
    cols0 = start[:, None, 1] + t * steps[:, None, 1]
    offsets = np.arange(size)
    rows = (rows0[..., None] + offsets) % N                                # (n, F, size)
    cols = (cols0[..., None] + offsets) % N
    frames = rng.normal(0.0, noise, size=(n, F, N, N)) if noise > 0 else np.zeros((n, F, N, N))
    i = np.arange(n)[:, None, None, None]
    f = t[None, :, None, None]
    frames[i, f, rows[..., :, None], cols[..., None, :]] += 1.0
    return frames, y


def frame_profiles(frames):
    """Per-frame features for an RNN: the mean brightness of each row and of each column.

        features[b, t] = [mean over columns of frames[b, t] (N values, one per row),
                          mean over rows of frames[b, t]    (N values, one per column)]

    A fixed, hand-made stand-in for the CNN that reads each frame in a real video model.
    frames (B, F, N, M) -> features (B, F, N + M)
    """
    frames = check_array("frames", frames, ndim=4, layout="(B, F, N, N)")
    return np.concatenate([frames.mean(axis=3), frames.mean(axis=2)], axis=-1)


# --- 2. audio -----------------------------------------------------------------------------------

def _sweep(rng, low, high, min_span):
    """Two frequencies a < b in [low, high] with b - a >= min_span."""
    span = rng.uniform(min_span, high - low)
    a = rng.uniform(low, high - span)
    return a, a + span


def tone_patterns(n=600, sample_rate=2000, duration=0.256, noise=0.3, seed=0,
                  low=150.0, high=850.0, min_span=300.0):
    """Short whistles whose pitch rises, falls, stays, or goes up and back down.

        signal(t) = a * sin(2π ∫ f(s) ds) + noise,   t in [0, duration), `sample_rate` Hz
        y = 0 rising  (f goes linearly from f_a to f_b > f_a)
            1 falling (from f_b down to f_a)
            2 steady  (f constant)
            3 up-down (f_a -> f_b at half time -> f_a)            (names in TONES)

    Frequencies are drawn in [low, high] Hz, a sweep covering at least `min_span` Hz; the
    amplitude a in [0.5, 1]; Gaussian noise of standard deviation `noise`. A rising and a
    falling whistle contain the same frequencies, only in the opposite order: a model that
    ignores time cannot tell them apart. Chance is 25 % (labels balanced, then shuffled).

    -> signals (n, L) with L = round(sample_rate * duration), y (n,) int
    """
    n, sample_rate = check_positive_int("n", n), check_positive_int("sample_rate", sample_rate)
    duration = _check_fraction("duration", duration)
    noise = _check_fraction("noise", noise)
    L = int(round(sample_rate * duration))
    if L < 2:
        fail("duration", "at least 2 samples at this sample_rate", repr(duration))
    if not (0 < low < high <= sample_rate / 2) or not 0 <= min_span < high - low:
        fail("low, high, min_span", f"0 < low < high <= sample_rate / 2 = {sample_rate / 2:g} "
              "and min_span < high - low", f"{low!r}, {high!r}, {min_span!r}")
    rng = np.random.default_rng(check_seed(seed))
    y = rng.permutation(np.arange(n) % 4)
    u = np.arange(L) / L                                   # time as a fraction of the whistle
    signals = np.empty((n, L))
    for i, label in enumerate(y):
        a, b = _sweep(rng, low, high, min_span)
        if label == 0:
            f = a + (b - a) * u
        elif label == 1:
            f = b + (a - b) * u
        elif label == 2:
            f = np.full(L, rng.uniform(low, high))
        else:
            f = a + (b - a) * (1 - np.abs(2 * u - 1))
        phase = 2 * np.pi * np.cumsum(f) / sample_rate + rng.uniform(0, 2 * np.pi)
        signals[i] = rng.uniform(0.5, 1.0) * np.sin(phase)
    if noise > 0:
        signals += rng.normal(0.0, noise, size=signals.shape)
    return signals, y


def frame_spectra(signals, frame_length=32, hop=32):
    """Cut each signal into frames and describe each frame by its magnitude spectrum.

        frame_t  = signal[t*hop : t*hop + frame_length] * hann(frame_length)
        X[:, t]  = log(1 + |rfft(frame_t)|)          (frame_length // 2 + 1 frequencies)

    Frequency k of a frame is k * sample_rate / frame_length Hz. The sequence of these
    spectra (a spectrogram) is what a speech recogniser's RNN reads, one frame per step.
    signals (B, L) -> X (B, T, frame_length // 2 + 1), T = 1 + (L - frame_length) // hop
    """
    signals = check_array("signals", signals, ndim=2, layout="(B, L)")
    frame_length = check_positive_int("frame_length", frame_length)
    hop = check_positive_int("hop", hop)
    L = signals.shape[1]
    if frame_length > L:
        fail("frame_length", f"at most the signal length {L}", repr(frame_length))
    T = 1 + (L - frame_length) // hop
    idx = np.arange(T)[:, None] * hop + np.arange(frame_length)            # (T, frame_length)
    frames = signals[:, idx] * np.hanning(frame_length)
    return np.log1p(np.abs(np.fft.rfft(frames, axis=-1)))


def standardize(X_train, *others):
    """Give every feature mean 0 and standard deviation 1, using the training data's statistics.

        mean[d], std[d] = over all samples and time steps of X_train[..., d]
        X' = (X - mean) / std          for X_train and for each array in `others`

    Inputs of order 1 suit the tanh of an RNN and its glorot-initialised weights. The held-out
    data is scaled with the TRAINING statistics: it must not influence anything before the test.
    (Speech recognisers do the same to their spectra: mean and variance normalisation.)
    X_train (n, T, D), others (m, T, D) ... -> [X_train', *others']
    """
    X_train = check_array("X_train", X_train, ndim=3, layout="(n, T, D)")
    mean = X_train.mean(axis=(0, 1))
    std = X_train.std(axis=(0, 1))
    std = np.where(std > 0, std, 1.0)                       # a constant feature stays 0
    out = [(X_train - mean) / std]
    for i, X in enumerate(others):
        X = check_array(f"others[{i}]", X, ndim=3, layout="(m, T, D)")
        if X.shape[-1] != X_train.shape[-1]:
            fail(f"others[{i}]", f"{X_train.shape[-1]} features like X_train",
                  f"shape {X.shape}")
        out.append((X - mean) / std)
    return out


# --- 3. structure -------------------------------------------------------------------------------

def depth_labels(s):
    """The nesting depth of every character of a bracket string.

        "(" and ")": the depth of their pair (1 for an outermost pair, 2 inside it, ...)
        "a"         : the number of pairs around it (0 outside every bracket)

    "(a(a))" -> [1, 1, 2, 2, 2, 1]. Brackets must be balanced.
    """
    if not isinstance(s, str):
        raise TypeError(f"s: expected a string of {BRACKET_VOCAB!r}, got {type(s).__name__}")
    depth, out = 0, []
    for i, ch in enumerate(s):
        if ch == "(":
            depth += 1
            out.append(depth)
        elif ch == ")":
            if depth == 0:
                fail("s", "balanced brackets", f"an unmatched ')' at position {i} in {s!r}")
            out.append(depth)
            depth -= 1
        elif ch == "a":
            out.append(depth)
        else:
            fail("s", f"characters from {BRACKET_VOCAB!r}", f"{ch!r} at position {i}")
    if depth != 0:
        fail("s", "balanced brackets", f"{depth} unclosed '(' in {s!r}")
    return np.array(out, dtype=np.int64)


def encode_brackets(strings):
    """One-hot rows for "(", ")", "a": a list of n strings of length T -> (n, T, 3)."""
    if isinstance(strings, str) or not isinstance(strings, (list, tuple)) or not strings:
        fail("strings", "a non-empty list of strings", repr(strings)[:60])
    T = len(strings[0])
    if any(len(s) != T for s in strings):
        fail("strings", f"strings of one length (the first has {T})",
              f"lengths {sorted({len(s) for s in strings})}")
    lookup = {ch: k for k, ch in enumerate(BRACKET_VOCAB)}
    try:
        ids = np.array([[lookup[ch] for ch in s] for s in strings], dtype=np.int64)
    except KeyError as missing:
        fail("strings", f"characters from {BRACKET_VOCAB!r}", repr(missing.args[0]))
    return np.eye(len(BRACKET_VOCAB))[ids]


def bracket_depths(n=600, T=20, max_depth=4, p_open=0.4, p_word=0.25, seed=0):
    """Random balanced bracket strings, each character labelled with its nesting depth.

        "((a)(a(a)))a..." -> depth of every character (see `depth_labels`)

    Each string has exactly T characters. At each position a character is drawn among those
    still allowed ("(" while depth < max_depth and there is room to close it, ")" while
    depth > 0, "a" while there is room), with weights p_open, 1 - p_open - p_word, p_word;
    when the remaining room equals the depth, the string closes. Depths are 0 .. max_depth,
    so a labeller needs max_depth + 1 classes. The baseline without memory predicts one depth
    for every character (the most frequent one): see `majority_baseline` in rh.metrics.

    -> strings (list of n str), X one-hot (n, T, 3), y (n, T) int
    """
    n, T = check_positive_int("n", n), check_positive_int("T", T)
    max_depth = check_positive_int("max_depth", max_depth)
    p_open, p_word = _check_fraction("p_open", p_open, 1), _check_fraction("p_word", p_word, 1)
    if p_open + p_word >= 1 or p_open == 0:
        fail("p_open, p_word", "p_open > 0 and p_open + p_word < 1 (')' needs a chance)",
              f"{p_open!r}, {p_word!r}")
    rng = np.random.default_rng(check_seed(seed))
    weights = (p_open, 1 - p_open - p_word, p_word)
    draws = rng.random((n, T))
    strings = []
    for row in draws:
        depth, chars = 0, []
        for t, u in enumerate(row):
            room = T - t - 1                      # characters left after this one
            w = [weights[0] * (depth < max_depth and room >= depth + 1),
                 weights[1] * (depth > 0), weights[2] * (room >= depth)]
            u *= sum(w)                           # pick k with probability w[k] / sum(w)
            k = 0 if u < w[0] else (1 if u < w[0] + w[1] else 2)
            depth += (1, -1, 0)[k]
            chars.append(BRACKET_VOCAB[k])
        strings.append("".join(chars))
    y = np.stack([depth_labels(s) for s in strings])
    return strings, encode_brackets(strings), y


__all__ = ["BRACKET_VOCAB", "DIRECTIONS", "TONES", "bracket_depths", "depth_labels",
           "encode_brackets", "frame_profiles", "frame_spectra", "moving_shapes", "standardize",
           "tone_patterns"]
