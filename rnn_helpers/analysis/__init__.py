"""What the notebooks compute to show a point; nothing here draws.

    five_steps      the seed's five-step example, every value (notebook 02)
    gradflow        gradients through time, Jacobian products (notebooks 03-04)
    gradflow_gated  the same through LSTM and GRU (notebook 05)
    experiments     the accuracy-against-lag sweep (notebook 05)
    forecasting     a linear autoregression baseline, the noise floor (notebook 07)
    sampling        generating text from a character model (notebook 06)
    ngram           counting models, the baselines a character model must beat (notebook 06)
    evidence        the numbers behind the review's answers (notebook 10)

Each module is imported on first use: `rh.gradflow` is `rnn_helpers.analysis.gradflow`.
"""
