"""The lesson: recurrent networks in plain numpy (it imports nothing but numpy and
`rnn_helpers._validate`).

    activations, initializers     tanh, sigmoid, ... and Keras' initial weights
    rnn, lstm, gru                step and sequence functions, forward and backward (BPTT)
    linear_rnn, attention         minGRU with a parallel scan; additive attention
    embedding, scalar_rnn         ids -> vectors; the one-unit RNN of notebook 01
    losses, metrics, optim        what training minimises, measures and steps with
    gradcheck, utils              numerical gradients; the package's random generator

Each module is imported on first use: `rh.rnn` is `rnn_helpers.core.rnn`.
"""
