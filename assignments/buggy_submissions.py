"""Seeded buggy submissions: each is the solution of an assignment with one usual mistake put in.

`make autograde-selftest` (scripts/autograde_selftest.py) grades each one with nbgrader, as a
student's submission, and tests/assignments/ runs the same code without nbgrader. Both expect:

    fails   {test cell's grade_id: words its feedback must contain}: these parts score 0;
            every other part must score full marks (so the mistake costs only what it should)
    notes   {grade_id: words}: parts that score, with a message worth checking (a right loop
            around a wrong step earns its points, and says so)

A bug is a text replacement in one solution cell of the source notebook (`cell` is its
grade_id; `old` must occur there exactly once, so a bug never silently stops applying).
"""

BUGGY = {
    "A1_simple_rnn": [
        {
            "name": "U.T in the step",
            "cell": "rnn_step_forward",
            "old": "a_t = x_t @ W + h_prev @ U + b",
            "new": "a_t = x_t @ W + h_prev @ U.T + b",
            "fails": {
                "test_rnn_step_forward": "U is used transposed",
                "test_rnn_backward_hidden": "gradient check disagrees",
                "test_train_seed_model": "no trained model yet",
                "test_train_seed_model_hidden": "no trained model yet",
            },
            "notes": {"test_rnn_forward": "the loop is right"},
        },
        {
            "name": "missing tanh' in the step backward",
            "cell": "rnn_step_backward",
            "old": "da_t = dh_t * (1 - cache[\"h_t\"] ** 2)",
            "new": "da_t = dh_t",
            "fails": {
                "test_rnn_step_backward": "the tanh is skipped",
                "test_rnn_backward_hidden": "gradient check disagrees",
                "test_train_seed_model": "no trained model yet",
                "test_train_seed_model_hidden": "no trained model yet",
            },
            "notes": {"test_rnn_backward": "the BPTT loop is right"},
        },
        {
            "name": "BPTT without the path from h_{t+1}",
            "cell": "rnn_backward",
            "old": "g = rnn_step_backward(dh[:, t] + dh_next, steps[t])",
            "new": "g = rnn_step_backward(dh[:, t], steps[t])",
            "fails": {
                "test_rnn_backward": "the path from h_{t+1} is missing",
                "test_rnn_backward_hidden": "gradient check disagrees",
                "test_train_seed_model": "no trained model yet",
                "test_train_seed_model_hidden": "no trained model yet",
            },
        },
        {
            "name": "an off-by-one in BPTT: step 1 skipped",
            "cell": "rnn_backward",
            "old": "for t in reversed(range(T)):",
            "new": "for t in reversed(range(1, T)):",
            "fails": {
                "test_rnn_backward": "step 1 is skipped",
                "test_rnn_backward_hidden": "gradient check disagrees",
                "test_train_seed_model": "no trained model yet",
                "test_train_seed_model_hidden": "no trained model yet",
            },
        },
        {
            "name": "gradient check that ignores the backward it is given",
            "cell": "gradient_check",
            "old": "grads = backward(dh, cache)",
            "new": "grads = rnn_backward(dh, cache)",
            "fails": {"test_gradient_check": "Does it call the backward it is given"},
        },
    ],
    "A2_lstm_gru": [
        {
            "name": "LSTM gates in the order i, f, o, c",
            "cell": "lstm_step_forward",
            "old": "a_i, a_f, a_c, a_o = (a_t[:, k * H:(k + 1) * H] for k in range(4))",
            "new": "a_i, a_f, a_o, a_c = (a_t[:, k * H:(k + 1) * H] for k in range(4))",
            "fails": {
                "test_lstm_step_forward": "the gate order is i, f, o, c",
                "test_lstm_step_backward_hidden": "gradient check disagrees",
            },
        },
        {
            "name": "GRU with z and 1 - z swapped",
            "cell": "gru_step_forward",
            "old": "h_t = z_t * h_prev + (1 - z_t) * h_tilde",
            "new": "h_t = (1 - z_t) * h_prev + z_t * h_tilde",
            "fails": {"test_gru_step_forward": "z and 1 - z are swapped"},
        },
        {
            "name": "clipping each array on its own",
            "cell": "clip_by_global_norm",
            "old": "return {k: g * scale for k, g in grads.items()}, total_norm",
            "new": ("return {k: g * min(1.0, max_norm / np.linalg.norm(g)) "
                    "for k, g in grads.items()}, total_norm"),
            "fails": {"test_clip_by_global_norm": "each array was clipped to max_norm on its own"},
        },
        {
            "name": "truncated BPTT that does not carry the state",
            "cell": "tbptt_gradients",
            "old": "h, c = h_chunk[:, -1], c_chunk[:, -1]",
            "new": "h, c = None, None",
            "fails": {"test_tbptt_gradients": "the state is not carried"},
        },
    ],
    "A3_char_lm": [
        {
            "name": "softmax over the time axis",
            "cell": "softmax_cross_entropy",
            "old": "z = logits - logits.max(axis=-1, keepdims=True)      # over the V characters\n"
                   "    p = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)",
            "new": "z = logits - logits.max(axis=1, keepdims=True)\n"
                   "    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)",
            "fails": {
                "test_softmax_cross_entropy": "the softmax is over the wrong axis",
                "test_perplexity": "no trained model yet",
                "test_perplexity_hidden": "no trained model yet",
            },
        },
        {
            "name": "a training loop that does not carry the state",
            "cell": "train_char_model",
            "old": "h = h_last                             # the next batch continues this text",
            "new": "h = None",
            "fails": {
                "test_train_char_model": "the state is not carried",
                "test_perplexity": "no trained model yet",
                "test_perplexity_hidden": "no trained model yet",
            },
        },
        {
            "name": "batches whose rows do not continue each other",
            "cell": "stream_batches",
            "old": "S = (len(ids) - 1) // B\n",
            "new": ("X, Y = rh.datasets.text.make_windows(ids, T)\n"
                    "    return [(X[k:k + B], Y[k:k + B]) for k in range(0, len(X) - B + 1, B)]\n"
                    "    S = (len(ids) - 1) // B\n"),
            "fails": {
                "test_stream_batches": "row b of the next batch does not continue row b",
                "test_perplexity": "no trained model yet",
                "test_perplexity_hidden": "no trained model yet",
            },
        },
        {
            "name": "temperature multiplying the logits",
            "cell": "temperature_probs",
            "old": "z = logits / temperature",
            "new": "z = logits * temperature",
            "fails": {"test_temperature_probs": "multiplied by the temperature"},
            "notes": {"test_generate": "the sampling loop is right"},
        },
    ],
}
