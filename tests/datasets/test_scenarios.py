"""Tests for rnn_helpers.datasets.scenarios, the toy data of notebook 08: moving shapes, tone
patterns, bracket depths."""

import numpy as np
import pytest

from rnn_helpers.datasets import scenarios as ds

# --- moving shapes -----------------------------------------------------------------------------


def test_moving_shapes_shapes_labels_and_seed():
    frames, y = ds.moving_shapes(n=10, N=8, F=5, size=2, seed=3)
    assert frames.shape == (10, 5, 8, 8) and y.shape == (10,)
    assert np.issubdtype(y.dtype, np.integer) and set(y) <= {0, 1, 2, 3}
    assert np.bincount(y, minlength=4).tolist() == [3, 3, 2, 2]   # balanced, rest spread
    again, y2 = ds.moving_shapes(n=10, N=8, F=5, size=2, seed=3)
    np.testing.assert_array_equal(frames, again)
    np.testing.assert_array_equal(y, y2)
    other, _ = ds.moving_shapes(n=10, N=8, F=5, size=2, seed=4)
    assert not np.allclose(frames, other)


def test_moving_shapes_move_one_pixel_per_frame_in_their_direction():
    frames, y = ds.moving_shapes(n=40, N=9, F=4, size=3, noise=0.0, seed=0)
    assert set(np.unique(frames)) == {0.0, 1.0}
    assert np.all(frames.sum(axis=(2, 3)) == 9)                     # the whole 3 x 3 square
    steps = {0: (0, 1), 1: (0, -1), 2: (1, 0), 3: (-1, 0)}
    for frame_seq, label in zip(frames, y, strict=True):
        for t in range(1, 4):
            moved = np.roll(frame_seq[t - 1], steps[int(label)], axis=(0, 1))   # wraps around
            np.testing.assert_array_equal(moved, frame_seq[t])


def test_moving_shapes_first_frame_says_nothing_about_direction():
    """The start is uniform on a wrapping grid: mean position per class is about the centre."""
    frames, y = ds.moving_shapes(n=2000, N=8, F=3, size=2, noise=0.0, seed=1)
    first = frames[:, 0]
    per_class = np.array([first[y == k].mean(axis=0) for k in range(4)])
    assert np.abs(per_class - per_class.mean(axis=0)).max() < 0.06


def test_frame_profiles_fixed_values():
    frames = np.arange(2 * 3 * 4, dtype=float).reshape(1, 2, 3, 4)
    X = ds.frame_profiles(frames)
    assert X.shape == (1, 2, 7)
    np.testing.assert_allclose(X[0, 0], [1.5, 5.5, 9.5, 4.0, 5.0, 6.0, 7.0])
    np.testing.assert_allclose(X[0, 1, :3], [13.5, 17.5, 21.5])


def test_moving_shapes_and_profiles_bad_input():
    with pytest.raises(ValueError, match="size: expected a square smaller than the grid"):
        ds.moving_shapes(N=4, size=4)
    with pytest.raises(ValueError, match="F: expected at least 2 frames"):
        ds.moving_shapes(F=1)
    with pytest.raises(ValueError, match="noise: expected a number in"):
        ds.moving_shapes(noise=-1)
    with pytest.raises(ValueError, match="seed: expected a non-negative integer"):
        ds.moving_shapes(seed=-2)
    with pytest.raises(ValueError, match=r"frames: expected a 4-D array \(B, F, N, N\)"):
        ds.frame_profiles(np.zeros((3, 4, 4)))

# --- tone patterns -----------------------------------------------------------------------------


def _peak_hz(X_i, t, sample_rate=2000, frame_length=32):
    return X_i[t, 1:].argmax() * sample_rate / frame_length + sample_rate / frame_length


def test_tone_patterns_shapes_and_seed():
    signals, y = ds.tone_patterns(n=8, seed=0)
    assert signals.shape == (8, 512) and y.shape == (8,)
    assert np.bincount(y).tolist() == [2, 2, 2, 2]
    np.testing.assert_array_equal(signals, ds.tone_patterns(n=8, seed=0)[0])


def test_tone_patterns_pitch_follows_the_class():
    signals, y = ds.tone_patterns(n=40, noise=0.0, seed=2)
    X = ds.frame_spectra(signals)
    T = X.shape[1]
    for X_i, label in zip(X, y, strict=True):
        start, middle, end = (_peak_hz(X_i, t) for t in (0, T // 2, T - 1))
        if label == 0:
            assert end - start >= 150
        elif label == 1:
            assert start - end >= 150
        elif label == 2:
            assert abs(end - start) <= 70
        else:
            assert middle - start >= 100 and middle - end >= 100


def test_rising_and_falling_hold_the_same_frequencies():
    """Time-reversing a rising sweep gives a falling one: order is the only difference."""
    signals, y = ds.tone_patterns(n=400, noise=0.0, seed=5)
    mean_spectrum = ds.frame_spectra(signals).mean(axis=1)
    rising, falling = mean_spectrum[y == 0].mean(axis=0), mean_spectrum[y == 1].mean(axis=0)
    assert np.abs(rising - falling).max() < 0.1 * rising.max()


def test_frame_spectra_equals_the_formula():
    rng = np.random.default_rng(0)
    signals = rng.normal(size=(2, 100))
    X = ds.frame_spectra(signals, frame_length=16, hop=8)
    assert X.shape == (2, 1 + (100 - 16) // 8, 9)
    frame = signals[1, 24:40] * np.hanning(16)
    np.testing.assert_allclose(X[1, 3], np.log1p(np.abs(np.fft.rfft(frame))))
    # a pure tone at bin 4 of a 32-sample frame peaks there
    tone = np.sin(2 * np.pi * 4 * np.arange(64) / 32)[None]
    assert ds.frame_spectra(tone).argmax(axis=-1).tolist() == [[4, 4]]


def test_tone_patterns_and_spectra_bad_input():
    with pytest.raises(ValueError, match="low, high, min_span"):
        ds.tone_patterns(high=5000)
    with pytest.raises(ValueError, match="duration: expected at least 2 samples"):
        ds.tone_patterns(duration=0.0001)
    with pytest.raises(ValueError, match="frame_length: expected at most the signal length 10"):
        ds.frame_spectra(np.zeros((1, 10)), frame_length=16)
    with pytest.raises(ValueError, match=r"signals: expected a 2-D array \(B, L\)"):
        ds.frame_spectra(np.zeros(64))

def test_standardize_uses_the_training_statistics():
    rng = np.random.default_rng(0)
    X_train = rng.normal(3.0, 2.0, size=(50, 4, 3))
    X_train[..., 2] = 7.0                                            # a constant feature
    X_test = rng.normal(3.0, 2.0, size=(10, 4, 3))
    A, B = ds.standardize(X_train, X_test)
    np.testing.assert_allclose(A[..., :2].mean(axis=(0, 1)), 0, atol=1e-12)
    np.testing.assert_allclose(A[..., :2].std(axis=(0, 1)), 1)
    np.testing.assert_array_equal(A[..., 2], 0)
    mean, std = X_train[..., :2].mean(axis=(0, 1)), X_train[..., :2].std(axis=(0, 1))
    np.testing.assert_allclose(B[..., :2], (X_test[..., :2] - mean) / std)
    assert len(ds.standardize(X_train)) == 1
    with pytest.raises(ValueError, match="others\\[0\\]: expected 3 features like X_train"):
        ds.standardize(X_train, np.zeros((2, 4, 5)))

# --- bracket depths ----------------------------------------------------------------------------


def test_depth_labels_fixed_values():
    assert ds.depth_labels("(a(a))").tolist() == [1, 1, 2, 2, 2, 1]
    assert ds.depth_labels("(()(()))").tolist() == [1, 2, 2, 2, 3, 3, 2, 1]
    assert ds.depth_labels("a()a").tolist() == [0, 1, 1, 0]
    assert ds.depth_labels("").tolist() == []


def test_depth_labels_bad_input():
    with pytest.raises(ValueError, match=r"s: expected balanced brackets, got an unmatched '\)'"):
        ds.depth_labels("())(")
    with pytest.raises(ValueError, match="s: expected balanced brackets, got 1 unclosed"):
        ds.depth_labels("((a)")
    with pytest.raises(ValueError, match="s: expected characters from '\\(\\)a', got 'b'"):
        ds.depth_labels("(b)")
    with pytest.raises(TypeError, match="s: expected a string"):
        ds.depth_labels(["(", ")"])


def test_bracket_depths_strings_are_balanced_and_labelled():
    strings, X, y = ds.bracket_depths(n=200, T=16, max_depth=3, seed=0)
    assert len(strings) == 200 and X.shape == (200, 16, 3) and y.shape == (200, 16)
    assert all(len(s) == 16 for s in strings)
    for s, row in zip(strings, y, strict=True):
        np.testing.assert_array_equal(ds.depth_labels(s), row)     # balanced, else it raises
    assert y.max() == 3 and y.min() == 0
    np.testing.assert_array_equal(X.argmax(-1), [["()a".index(c) for c in s] for s in strings])
    np.testing.assert_array_equal(X.sum(-1), 1)
    assert np.bincount(y.ravel()).min() > 0.05 * y.size              # every depth is common
    assert strings == ds.bracket_depths(n=200, T=16, max_depth=3, seed=0)[0]


def test_bracket_depths_odd_length_and_bad_input():
    strings, _, y = ds.bracket_depths(n=20, T=7, seed=1)
    assert all(s.count("(") == s.count(")") for s in strings)       # atoms fill odd lengths
    with pytest.raises(ValueError, match="p_open, p_word"):
        ds.bracket_depths(p_open=0.7, p_word=0.3)
    with pytest.raises(ValueError, match="max_depth: expected a positive integer"):
        ds.bracket_depths(max_depth=0)


def test_encode_brackets_bad_input():
    with pytest.raises(ValueError, match="strings: expected strings of one length"):
        ds.encode_brackets(["()", "(a)"])
    with pytest.raises(ValueError, match="strings: expected characters from"):
        ds.encode_brackets(["(]"])
    with pytest.raises(ValueError, match="strings: expected a non-empty list"):
        ds.encode_brackets("()")
