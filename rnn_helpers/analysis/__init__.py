"""What the notebooks compute to show a point; nothing here draws.

    five_steps      the seed's five-step example, every value (notebook 02)
    gradflow        gradients through time, Jacobian products (notebooks 03-04)
    gradflow_gated  the same through LSTM and GRU (notebook 05)
    experiments     the accuracy-against-lag sweep (notebook 05)
    forecasting     a linear autoregression baseline, the noise floor (notebook 07)
    sampling        generating text from a character model (notebook 06)
    ngram           counting models, the baselines a character model must beat (notebook 06)
    cell_swap       one task with a SimpleRNN, an LSTM or a GRU, over seeds (notebooks 06, 09)
    cell_wires      the value on every wire of one cell step, for the diagrams (notebook 05)
    bptt            BPTT through the seed's two stacked layers; truncated BPTT (notebook 03)
    stateful        carrying the state across windows of a text (notebook 06)
    units           hidden units that track a quantity (notebook 08)
    seq2seq         an encoder-decoder with additive attention (notebook 11)
    decoding        greedy and beam search, exact match (notebook 11)
    evidence        the numbers behind the review's answers (notebook 10)

Each module is imported on first use: `rh.gradflow` is `rnn_helpers.analysis.gradflow`.
"""
