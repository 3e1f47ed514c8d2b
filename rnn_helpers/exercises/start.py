"""Checks for the exercises of notebook 00 (start here)."""

from .checking import check_value


def check_batch_shape(answer):
    """Notebook 00: the shape (B, T, D) of one batch that fit(X, y, batch_size=32) takes from
    the seed's X of shape (1000, 5, 1): (32, 5, 1). Any answer not named below gets the hint."""
    return check_value(answer, (32, 5, 1), name="the shape of one batch", mistakes=[
        ((1000, 5, 1), "that is the whole of X; one batch holds batch_size = 32 sequences."),
        ((32, 1, 5), "T and D are swapped: each sequence still has 5 time steps of 1 feature."),
        ((5, 1), "that is Keras' input_shape, which leaves out the batch axis."),
        ((5, 32, 1), "that is time first; the course (and Keras) put the batch first."),
        ((32, 5), "close: the feature axis D = 1 is still there, as a last axis of size 1."),
        ((1, 5, 32), "the batch axis comes first: (B, T, D)."),
        ((8, 5, 1), "that is the last, smaller batch of an epoch: 1000 = 31 × 32 + 8 leaves 8 "
                    "sequences for it. Every other batch holds batch_size = 32."),
        ((31, 5, 1), "31 is how many full batches an epoch has; one batch holds batch_size = 32 "
                     "sequences."),
        ((32, 5, 10), "10 is the number of hidden units of SimpleRNN(10), not of the input: each "
                      "step of X has D = 1 feature."),
    ], hint="B is how many sequences one batch holds (batch_size); T and D do not change.")
