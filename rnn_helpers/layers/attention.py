"""AttentionPooling: additive attention over all h_t, pooled to one vector (not in Keras)."""


from .._validate import check_positive_int, fail
from ..core import attention, initializers
from .base import Layer


class AttentionPooling(Layer):
    """Additive attention over a recurrent layer's states, as one Sequential layer (not a
    Keras layer: Keras' AdditiveAttention takes [query, value] in the functional API).

        s   = h_T                                     the query: the last state
        e_t = v · tanh(h_t @ W_a + s @ U_a + b_a),   α = softmax(e),   c = Σ_t α_t h_t

    x = h (B, T, H), from a layer with return_sequences=True -> c (B, H). `units` is A, the
    width of the scores' hidden layer. After each forward, `alpha` (B, T) keeps the weights.
    """

    _keras_names = {"W_a": "W_a", "U_a": "U_a", "b_a": "b_a", "v": "v"}

    def __init__(self, units, input_shape=None, seed=None, name=None):
        self.units = check_positive_int("units", units)
        self._initializers = {"W_a": initializers.glorot_uniform,
                              "U_a": initializers.glorot_uniform,
                              "b_a": initializers.zeros, "v": initializers.glorot_uniform}
        self.alpha = None
        super().__init__(input_shape, seed, name)

    def _check_input_shape(self, input_shape):
        if isinstance(input_shape, (tuple, list)) and len(input_shape) == 1:
            fail("input_shape", f"(T, H) = (time steps, hidden units) for layer '{self.name}'",
                  repr(tuple(input_shape)), "Attention reads every h_t: give the recurrent "
                  "layer before it return_sequences=True")
        return self._check_shape_tuple(input_shape, (2,), "(T, H)")

    def _shape_from_features(self, H):
        return (None, H)

    def _param_shapes(self, input_shape):
        H, A = input_shape[-1], self.units
        return {"W_a": (H, A), "U_a": (H, A), "b_a": (A,), "v": (A,)}

    def compute_output_shape(self, input_shape):
        """(T, H) -> (H,)."""
        return (self._check_input_shape(input_shape)[-1],)

    def forward(self, x, mask=None, training=False):
        """h (B, T, H) -> c (B, H); keeps the weights in `alpha` (B, T). mask: None or (B, T)
        of 1 (use) and 0 (padding: weight 0); the query is h_T either way."""
        h = self._check_x(x, 3, "(B, T, H)")
        p = self.params
        c, self.alpha, cache = attention.additive_attention_forward(
            h, h[:, -1], p["W_a"], p["U_a"], p["b_a"], p["v"], mask=mask)
        self._cache = cache
        return c

    def backward(self, dy):
        """dc (B, H) -> dh (B, T, H), with h_T's second path, through the query s = h_T."""
        g = attention.additive_attention_backward(dy, self._require_cache())
        self.grads = {k: g["d" + k] for k in self.params}
        dh = g["dh"]
        dh[:, -1] += g["ds"]
        return dh
