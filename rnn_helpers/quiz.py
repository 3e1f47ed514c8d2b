"""The self-check quiz of notebook 10: questions on notebooks 01-09, each with its answer and a
*why* for every option, and plain functions that check an answer and sum up a score.

    check_answer("params_simple_rnn", 120)   -> (True, "Right: ...")
    check_answer("hidden_activation", "a")   -> (False, "Not quite: ...why a is wrong...")
    score_summary({"params_simple_rnn": 120, "hidden_activation": "a"})

A question is either multiple choice (answer with the option's letter, "a" to "d") or numeric
(answer with a number; a string such as "1,024" is read as one). The widgets in
`rnn_helpers.widgets.quiz` only call these functions. `as_markdown()` writes the same questions as
text, answers hidden in <details>, for readers on GitHub where widgets do not run.
"""

import math
import re
from dataclasses import dataclass

from ._validate import fail

NOTEBOOK_FILES = {
    "01": "01_recurrence.ipynb", "02": "02_unrolled_five_steps.ipynb",
    "03": "03_training_bptt.ipynb", "04": "04_vanishing_exploding.ipynb",
    "05": "05_lstm_gru.ipynb", "06": "06_language.ipynb", "07": "07_time_series.ipynb",
    "08": "08_sequences_everywhere.ipynb", "09": "09_beyond.ipynb",
}


@dataclass(frozen=True)
class Question:
    """One question. Multiple choice: `options` holds (text, why) pairs for a, b, c, ... and
    `answer` the right letter. Numeric: `answer` is the number, accepted within `tolerance`;
    `why` says why it is right, `mistakes` holds (usual wrong value, what went wrong) pairs and
    `hint` is said for any other wrong value. `notebook` and `section` say where it is taught."""

    id: str
    notebook: str
    section: str | None
    prompt: str
    answer: object
    options: tuple = ()
    why: str = ""
    mistakes: tuple = ()
    tolerance: float = 0.0
    hint: str = ""

    @property
    def kind(self):
        return "choice" if self.options else "numeric"

    @property
    def letters(self):
        return tuple("abcdefgh"[:len(self.options)])


QUESTIONS = (
    Question("hidden_activation", "01", "σ or tanh? (a correction to the seed)",
             "The seed writes hₜ = σ(W xₜ + U hₜ₋₁ + b). Which activation does Keras' "
             "`SimpleRNN`, the layer in the seed's own code, apply to the hidden state by default?",
             "b", options=(
                 ("the sigmoid", "The seed's σ suggests it, but SimpleRNN's default is "
                  "activation='tanh'. The sigmoid's outputs are all positive and its slope is at "
                  "most 1/4, which makes gradients vanish even faster."),
                 ("tanh", "SimpleRNN(activation='tanh') is Keras' default: outputs in (-1, 1), "
                  "centred on 0, slope 1 at 0. The sigmoid appears in the output layer, "
                  "Dense(1, activation='sigmoid')."),
                 ("ReLU", "ReLU is possible (activation='relu') but not the default, and its "
                  "unbounded output can make the state grow without limit."),
                 ("none: the state is linear", "With no activation hₜ would be a linear "
                  "function of the inputs; the default is tanh."))),
    Question("shape_U", "01", "In code: row vectors, batch first",
             "A simple RNN layer has D = 3 input features and H = 8 hidden units. With row "
             "vectors, as the code writes it (`x_t @ W + h_prev @ U + b`), what is the shape of U?",
             "b", options=(
                 ("(3, 8)", "That is W, the input weights (D, H): it maps 3 input features to "
                  "8 hidden units."),
                 ("(8, 8)", "U maps the hidden state to the next hidden state: H to H, square "
                  "whatever the input size."),
                 ("(8, 3)", "That is W in the seed's column convention (W xₜ); and U does not "
                  "involve D at all."),
                 ("(8,)", "That is the bias b, one number per hidden unit."))),
    Question("params_simple_rnn", "01", "Exercise 2: the shapes of W, U and b",
             "How many weights (parameters) does `SimpleRNN(10, input_shape=(5, 1))` have?",
             120, why="W (1, 10) + U (10, 10) + b (10,) = 10 + 100 + 10 = 120, the number Keras' "
             "model.summary() prints. T = 5 plays no part: every step uses the same weights.",
             mistakes=(
                 (110, "The bias is missing: b adds one number per hidden unit, 10 more."),
                 (20, "The recurrent weights U (10 × 10 = 100) are missing: they are what makes "
                  "the layer recurrent."),
                 (600, "That counts the weights once per time step. The 5 steps share the same "
                  "W, U and b: count them once."),
                 (210, "That is the seed's second SimpleRNN(10), which reads 10 features per "
                  "step. This one reads D = 1.")),
             hint="Add up the sizes of W (D, H), U (H, H) and b (H,) with D = 1, H = 10."),
    Question("return_sequences_shape", "02", None,
             "A batch of shape (32, 5, 1) goes into `SimpleRNN(10, return_sequences=True)`. "
             "What is the shape of the layer's output?",
             "b", options=(
                 ("(32, 10)", "That is return_sequences=False: only the last state h₅ of each "
                  "sequence."),
                 ("(32, 5, 10)", "Every hidden state h₁ .. h₅ of every sequence: (B, T, H). This "
                  "is what the seed's second SimpleRNN reads as its input sequence."),
                 ("(32, 5, 1)", "The output has H = 10 features per step (the hidden state), not "
                  "the D = 1 input feature."),
                 ("(5, 10)", "The batch axis stays: 32 sequences go in, 32 come out."))),
    Question("seed_model_params", "03", "4. The seed's program, in `rnn_helpers`",
             "How many weights does the seed's whole model have? "
             "`SimpleRNN(10, input_shape=(5, 1), return_sequences=True)`, then `SimpleRNN(10)`, "
             "then `Dense(1, activation='sigmoid')`.",
             341, why="120 (first layer, D = 1) + 210 (second layer: it reads the 10 features of "
             "the first, 10·10 + 10·10 + 10) + 11 (Dense: 10 weights and 1 bias) = 341.",
             mistakes=(
                 (131, "The second SimpleRNN(10) is missing: 210 more weights."),
                 (251, "The second layer reads the first layer's 10 features per step, so its "
                  "W is (10, 10), not (1, 10)."),
                 (330, "The Dense(1) layer is missing: 10 weights and 1 bias."),
                 (340, "The Dense layer's bias b′ is missing: 1 more.")),
             hint="Count each layer: W (D, H) + U (H, H) + b (H,) for an RNN, W′ (H, 1) + b′ "
                  "for the Dense layer; the second RNN's D is the first one's H."),
    Question("random_labels", "03", "Exercise 3: spot why the model memorises",
             "The seed trains on `X = np.random.random((1000, 5, 1))` and "
             "`y = np.random.randint(2, size=(1000, 1))`. After enough training the training "
             "accuracy is well above 50 %. What accuracy do you expect on 1000 new pairs drawn "
             "the same way?",
             "b", options=(
                 ("about as high as in training", "Training accuracy can be memorisation: the "
                  "model stores the pairs it saw. New labels are new coin flips."),
                 ("about 50 %", "y is drawn independently of X, so no rule that looks at X can "
                  "beat a coin on new pairs. Above 50 % in training is memorisation."),
                 ("close to 100 % with more epochs", "More epochs memorise the training pairs "
                  "better; the new labels still say nothing about X."),
                 ("about 0 %", "Always being wrong would be as informative as always being "
                  "right: flip the answers and you would get 100 %. Chance is 50 %."))),
    Question("shared_weight_gradient", "03", "2. Backpropagation through time",
             "In BPTT, what is ∂L/∂U for the recurrent weights U, which every time step uses?",
             "b", options=(
                 ("the gradient at the last step only", "U is used at every step, and every use "
                  "changes the loss: each step contributes a term."),
                 ("the sum over time steps of hₜ₋₁ᵀ ∂L/∂aₜ", "A shared weight collects one "
                  "term per use, added up: rule 4 of notebook 03."),
                 ("the mean of the per-step gradients", "The terms are added, not averaged (a "
                  "mean over steps may sit in the loss itself, but the chain rule adds)."),
                 ("one gradient per step, because each step has its own U", "There is one U for "
                  "all steps: that is why the layer works for any length T."))),
    Question("gradient_after_20_steps", "04", "2. The bound, and the spectral radius",
             "A linear RNN (no activation) has U = 0.9 × an orthogonal matrix, so every singular "
             "value of U is 0.9. By what factor is the norm of a gradient, ‖∂h₂₀/∂h₀‖, "
             "multiplied 20 steps back? "
             "(two decimals)",
             0.9**20, tolerance=0.006,
             why="Each step back multiplies by Uᵀ, which shrinks every vector by exactly 0.9: "
             "0.9^20 ≈ 0.12. About 88 % of the gradient is lost in 20 steps; at 100 steps "
             "0.9^100 ≈ 0.00003.",
             mistakes=(
                 (18, "The factors multiply, they do not add: 0.9 × 0.9 × ... (20 times)."),
                 (0.9, "That is one step. Twenty steps multiply twenty such factors."),
                 (1, "That would need singular values of 1: here each step shrinks by 0.9.")),
             hint="Each step back multiplies the gradient's norm by 0.9."),
    Question("sigma_max_below_one", "04", "2. The bound, and the spectral radius",
             "A tanh RNN has σₘₐₓ(U) = 0.8 (the largest singular value). What happens to the "
             "gradient from far back?",
             "a", options=(
                 ("It must vanish: a gradient k steps back is at most 0.8ᵏ times as large",
                  "tanh′ ≤ 1 and each step can stretch by at most σₘₐₓ(U) = 0.8, so the bound "
                  "shrinks geometrically."),
                 ("It may explode", "Exploding needs σₘₐₓ(U) > 1 (for tanh): with 0.8 no "
                  "product of steps can grow."),
                 ("It stays the same, because tanh' ≤ 1", "tanh' ≤ 1 only says the activation "
                  "does not stretch; U shrinks by up to 0.8 at every step."),
                 ("It depends only on the learning rate", "The learning rate scales the update, "
                  "not how the gradient travels back through the steps."))),
    Question("clipnorm", "04", "Clipping: cap the step, keep the direction",
             "An optimizer has `clipnorm=1.0` and one weight's gradient has norm 5. What happens?",
             "a", options=(
                 ("The gradient is rescaled to norm 1, same direction", "g × 1/5: Keras' "
                  "clipnorm keeps the direction and caps the length (Pascanu et al., 2013)."),
                 ("Each entry is cut to [−1, 1]", "That is clipvalue; it can change the "
                  "direction of the gradient. clipnorm rescales the whole array."),
                 ("The update is skipped", "Nothing is skipped: the step is taken, shorter."),
                 ("The loss is clipped to 1", "Clipping acts on the gradient, not on the loss."))),
    Question("gates_vanishing", "04", "6. LSTM and GRU: they mitigate, they do not eliminate",
             "The seed says LSTM and GRU excel at 消除梯度消失问题, *eliminating* the vanishing "
             "gradient. Which is right?",
             "b", options=(
                 ("Yes: the cell state carries every gradient back unchanged", "Along the cell "
                  "path each step multiplies by the forget gate fₜ, a sigmoid strictly below 1: "
                  "the product still shrinks."),
                 ("They mitigate it: with forget gates near 1 gradients survive much longer, "
                  "but the product of gates still shrinks, and gradients can still explode",
                  "The gates make long dependencies much easier to learn, not guaranteed; "
                  "clipping is still used with LSTMs."),
                 ("No: they make it worse, because they have more weights", "More weights do "
                  "not make gradients vanish; the additive cell update helps them survive."),
                 ("Only the GRU eliminates it", "Both cells mitigate the problem in the same "
                  "way (a gated, additive path); neither eliminates it."))),
    Question("gru_params", "05", None,
             "How many weights does Keras' `GRU(10)` have on inputs with D = 1 feature "
             "(Keras' default reset_after=True)?",
             390, why="Three blocks (update z, reset r, candidate h̃): W (1, 30) + U (10, 30) + "
             "b (2, 30) = 30 + 300 + 60 = 390. reset_after=True keeps two biases per block, one "
             "for the input and one for the recurrent product.",
             mistakes=(
                 (360, "That is the GRU with one bias per block (reset_after=False, Cho et al.'s "
                  "original). Keras' default keeps two: b has shape (2, 3H)."),
                 (480, "That is the LSTM's count: four blocks. A GRU has three."),
                 (120, "That is a SimpleRNN(10): a GRU has three such blocks."),
                 (330, "The biases are missing: b has shape (2, 3H) = (2, 30).")),
             hint="W (D, 3H) + U (H, 3H) + b (2, 3H) with D = 1, H = 10."),
    Question("lstm_vs_gru", "05", None,
             "What is the main difference between an LSTM and a GRU?",
             "a", options=(
                 ("The LSTM keeps a separate cell state cₜ with three gates (input, forget, "
                  "output); the GRU has only hₜ and two gates (update, reset), so fewer weights",
                  "4 blocks of weights against 3. On many tasks they do about as well as each "
                  "other (Chung et al., 2014); neither is best everywhere."),
                 ("The GRU is an LSTM without gates", "The GRU has gates: update and reset. "
                  "It merges the LSTM's input and forget gates into one update gate."),
                 ("The GRU has no vanishing gradients; the LSTM does", "Both mitigate the "
                  "vanishing gradient the same way, through a gated additive update; neither "
                  "removes it."),
                 ("The LSTM is for text, the GRU for time series", "Both are general sequence "
                  "layers; the choice is about size and speed, tried on the task."))),
    Question("perplexity", "06", "Exercise 1: perplexity from a loss",
             "A character model's held-out loss is ln 8 ≈ 2.079 nats per character. What is its "
             "perplexity?",
             8, tolerance=0.05,
             why="Perplexity = e^L = e^(ln 8) = 8: the model is as unsure as a fair choice "
             "between 8 characters at each step.",
             mistakes=(
                 (2.079, "That is the loss itself; the perplexity is e^L."),
                 (3, "That is the loss in bits (log₂ 8): bits per character, not perplexity."),
                 (0.125, "That is 1/8, the probability of each of 8 equal choices.")),
             hint="Perplexity = e^L with L in nats."),
    Question("gpt_architecture", "06", "GPT-2 and GPT-3 are not RNNs (a correction to the seed)",
             "The seed names GPT-2 and GPT-3 as examples of RNNs. What are they?",
             "b", options=(
                 ("RNNs trained on a lot of text", "There is no hₜ₋₁ → hₜ recurrence in "
                  "GPT: each position attends to the earlier positions directly."),
                 ("Transformer decoders: masked self-attention over the earlier tokens, no "
                  "recurrence, all positions trained in parallel",
                  "Radford et al. 2019 and Brown et al. 2020, built on Vaswani et al. 2017."),
                 ("LSTMs with attention", "Attention on top of an LSTM was the step before "
                  "(Bahdanau et al. 2015); GPT dropped the recurrence altogether."),
                 ("Bidirectional RNNs", "A model that writes text one token at a time cannot "
                  "read the future; and GPT is not an RNN at all."))),
    Question("random_walk_forecast", "07", "Stock prediction, honestly",
             "The price is a random walk: each day's change is drawn afresh, independent of the "
             "past. Which forecast of tomorrow's price has the smallest expected error?",
             "b", options=(
                 ("An RNN trained on the last 700 days", "The changes of a random walk are "
                  "independent of the past, so there is nothing in the 700 days to learn: at "
                  "best an RNN learns to repeat today's price (notebook 07 puts one to the "
                  "test)."),
                 ("Tomorrow = today", "For a random walk the expected price tomorrow, given "
                  "everything up to today, is (about) today's price."),
                 ("The average of the last 20 days", "It lags behind: the walk does not return "
                  "to its average, so the old prices only add error."),
                 ("Continue last month's trend", "Trends in a random walk are chance and do "
                  "not continue: a straight-line forecast adds error."))),
    Question("depth_labelling", "08", "3 · Structure: how deep is each character?",
             "To label every character of a bracket string with its nesting depth, what does "
             "the network need to output?",
             "b", options=(
                 ("One label per string: return_sequences=False", "That gives one answer per "
                  "sequence; here every character needs its own label."),
                 ("A softmax at every step: return_sequences=True, then a Dense layer on every "
                  "hₜ", "Sequence labelling: (B, T, V) probabilities, one distribution per "
                  "character, and a loss averaged over the steps."),
                 ("A bidirectional layer, or it cannot be done", "The depth after a character "
                  "depends only on what came before: a left-to-right RNN can count it."),
                 ("The string read backwards", "Reading backwards would work too: in a "
                  "balanced string the depth is also a running count from the end (each ')' "
                  "read backwards opens a level). But the direction of reading is not the "
                  "point: whichever way it reads, the network must output one label per "
                  "character."))),
    Question("reversed_video", "08", "Does the network read the order? Play the videos backwards",
             "Suppose an RNN tells which way a square moves, right on nearly every held-out "
             "clip. The same clips are played backwards (frames in reverse order). What does it "
             "answer?",
             "b", options=(
                 ("The same direction as before", "Then it would ignore the order of the frames: "
                  "a bag of frames has no direction."),
                 ("The opposite direction, almost always", "Reversed frames show the opposite "
                  "motion, and an RNN that reads the order of the frames sees that motion. "
                  "Notebook 08 runs this test."),
                 ("Random guesses", "The reversed clips are valid clips of the opposite motion; "
                  "the RNN recognises them."),
                 ("An error: an RNN needs the frames in the order of training", "Any order of "
                  "frames is a valid input sequence of the same shape."))),
    Question("bidirectional_when", "09", "2. Bidirectional RNNs: when the future is available",
             "When can you use a bidirectional RNN?",
             "b", options=(
                 ("Always, also to forecast tomorrow's value", "To forecast, the future is not "
                  "known yet: a backward pass would need tomorrow to predict tomorrow."),
                 ("When the whole sequence is known before the answer is needed (tagging, "
                  "classifying a finished sentence or clip)", "Then every step can use both "
                  "its past and its future: the backward layer reads the sequence from its "
                  "last step to its first."),
                 ("Only for text", "Any sequence known in full works: speech, video, signals."),
                 ("Only with LSTM cells", "Bidirectional wraps any recurrent layer, SimpleRNN "
                  "included."))),
    Question("scan_rounds", "09", "6. The return of recurrence: linear RNNs and the parallel scan",
             "A linear recurrence hₜ = aₜ ⊙ hₜ₋₁ + bₜ over T = 1000 steps is computed with "
             "a parallel scan. How many dependent rounds does the scan need?",
             10, why="⌈log₂ 1000⌉ = 10: each round combines neighbouring pairs of steps, doubling "
             "the span covered (1, 2, 4, ... 1024). The loop needs 1000 rounds, one per step.",
             mistakes=(
                 (1000, "That is the loop: one step after another. The scan combines pairs, "
                  "pairs of pairs, ..."),
                 (500, "That is only the first round's number of pairs; the rounds halve the "
                  "work left each time."),
                 (9, "2^9 = 512 < 1000: one more round is needed.")),
             hint="Each round doubles how many steps are combined."),
    Question("why_scan", "09", "6. The return of recurrence: linear RNNs and the parallel scan",
             "Why can a minGRU be trained with a parallel scan, but a SimpleRNN cannot?",
             "a", options=(
                 ("The minGRU's gate and candidate depend on xₜ only, so "
                  "hₜ = aₜ ⊙ hₜ₋₁ + bₜ is linear in h, and such steps compose "
                  "associatively", "Two steps combine into one of the same form, so the steps "
                  "can be combined as a tree; tanh(xₜ W + hₜ₋₁ U + b) cannot."),
                 ("The minGRU has fewer weights", "The count of weights is not the point: a "
                  "small SimpleRNN still needs hₜ₋₁ inside a tanh before it can start step t."),
                 ("The minGRU has no hidden state", "It has one, hₜ, updated at every step."),
                 ("A SimpleRNN can be scanned too, it is just slower", "Its step is not linear "
                  "in h (tanh of hₜ₋₁ U), so steps do not compose into steps of the same "
                  "form."))),
)

_BY_ID = {q.id: q for q in QUESTIONS}


def ids(notebooks=None):
    """The question ids, in the quiz's order; only those of the given notebooks ("01", ...)."""
    if notebooks is None:
        return [q.id for q in QUESTIONS]
    wanted = {str(n).zfill(2) for n in ([notebooks] if isinstance(notebooks, str)
                                        else notebooks)}
    return [q.id for q in QUESTIONS if q.notebook in wanted]


def get_question(question_id):
    """The Question with this id; ValueError naming the known ids if there is none."""
    if not isinstance(question_id, str) or question_id not in _BY_ID:
        fail("question_id", f"one of {', '.join(map(repr, _BY_ID))}", repr(question_id))
    return _BY_ID[question_id]


def number(question_id):
    """The question's number in the quiz, 1 .. len(QUESTIONS)."""
    return ids().index(get_question(question_id).id) + 1


def heading_anchor(heading):
    """The anchor Jupyter gives a Markdown heading: its text with spaces turned into '-'.

        "2. The bound, and the spectral radius" -> "2.-The-bound,-and-the-spectral-radius"

    Markdown marks (`code`, **bold**) are dropped, as the rendered text drops them."""
    text = re.sub(r"^#+\s*", "", heading.strip())
    text = re.sub(r"[`*]", "", text)
    return text.replace(" ", "-")


def link(question_id):
    """Where the question is taught: "NN_topic.ipynb#anchor" (or the file alone)."""
    q = get_question(question_id)
    target = NOTEBOOK_FILES[q.notebook]
    return f"{target}#{heading_anchor(q.section)}" if q.section else target


def _is_blank(answer):
    return answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip())


def _as_number(answer):
    """The answer as a float, or None if it is not a number."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, str):
        answer = answer.strip().replace(",", "").replace("_", "")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def check_answer(question_id, answer):
    """Check one answer: (correct, explanation). Never raises for a wrong or missing answer.

    Multiple choice: `answer` is a letter ("b", "B", "b)" all work). Numeric: a number, or a
    string that reads as one. The explanation says why the chosen option is right or wrong;
    a wrong answer is not given away, so the learner can try again.
    """
    q = get_question(question_id)
    if _is_blank(answer):
        what = f"pick one of {', '.join(q.letters)}" if q.options else "type a number"
        return False, f"No answer yet: {what}."
    if q.options:
        letter = str(answer).strip().strip("().").lower()
        if letter not in q.letters:
            return False, (f"{str(answer)!r} is not one of the options "
                           f"{', '.join(q.letters)}: answer with a letter.")
        text, why = q.options[q.letters.index(letter)]
        if letter == q.answer:
            return True, f"Right: {why}"
        return False, f"Not quite: {why} Try another option."
    value = _as_number(answer)
    if value is None:
        return False, f"Expected a number, got {str(answer)[:40]!r}."
    tolerance = q.tolerance or 1e-9 * max(1.0, abs(q.answer))
    if abs(value - q.answer) <= tolerance:
        return True, f"Right: {q.why}"
    for wrong, why in q.mistakes:
        if abs(value - wrong) <= max(tolerance, 1e-9 * max(1.0, abs(wrong))):
            return False, f"Not quite: {why}"
    return False, f"Not quite: {value:g} is not it. {q.hint}".rstrip()


def score(answers, question_ids=None):
    """Sum up a set of answers {question_id: answer}.

    question_ids: the questions that count (default: every question of the quiz); a question
    with no answer (missing, None, ... or "") counts as not answered yet. Returns a dict:
    "total", "answered", "correct" (counts), "right", "wrong", "unanswered" (lists of ids) and
    "revisit" (the notebooks of the wrong answers, sorted).
    """
    if not isinstance(answers, dict):
        raise TypeError(f"answers: expected a dict {{question_id: answer}}, got "
                        f"{type(answers).__name__}")
    for key in answers:
        get_question(key)
    chosen = ids() if question_ids is None else [get_question(i).id for i in question_ids]
    right, wrong, unanswered = [], [], []
    for qid in chosen:
        answer = answers.get(qid)
        if _is_blank(answer):
            unanswered.append(qid)
        else:
            (right if check_answer(qid, answer)[0] else wrong).append(qid)
    return {"total": len(chosen), "answered": len(right) + len(wrong), "correct": len(right),
            "right": right, "wrong": wrong, "unanswered": unanswered,
            "revisit": sorted({_BY_ID[q].notebook for q in wrong})}


def score_summary(answers, question_ids=None):
    """The score in one sentence, with the notebooks to revisit, e.g.
    "5 of 7 right (1 wrong, 1 not answered yet). Worth another look: notebook 04."."""
    s = score(answers, question_ids)
    text = f"{s['correct']} of {s['total']} right"
    details = []
    if s["wrong"]:
        details.append(f"{len(s['wrong'])} wrong")
    if s["unanswered"]:
        details.append(f"{len(s['unanswered'])} not answered yet")
    if details:
        text += f" ({', '.join(details)})"
    text += "."
    if s["revisit"]:
        text += " Worth another look: notebook " + ", ".join(s["revisit"]) + "."
    elif s["correct"] == s["total"] and s["total"]:
        text += " All right: well done."
    return text


def answer_text(question_id):
    """The right answer and why, as one line: "b) tanh: ..." or "120: ...". For the static list."""
    q = get_question(question_id)
    if q.options:
        text, why = q.options[q.letters.index(q.answer)]
        return f"{q.answer}) {text}. {why}"
    shown = f"{q.answer:g}" if float(q.answer).is_integer() else f"{q.answer:.2f}"
    return f"{shown}. {q.why}"


def as_markdown(question_ids=None):
    """The questions as Markdown for readers without widgets: each with its options, a link to
    where it is taught, and the answer in a collapsed <details> block."""
    blocks = []
    for qid in ids() if question_ids is None else question_ids:
        q = get_question(qid)
        lines = [f"**{number(qid)}.** {q.prompt} *(notebook {q.notebook})*", ""]
        lines += [f"- {letter}) {text}" for letter, (text, _) in zip(q.letters, q.options,
                                                                     strict=True)]
        if q.options:
            lines.append("")
        lines += ["<details><summary>Answer</summary>", "", answer_text(qid),
                  f"([where it is taught]({link(qid)}))", "", "</details>"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


__all__ = ["NOTEBOOK_FILES", "QUESTIONS", "Question", "answer_text", "as_markdown",
           "check_answer", "get_question", "heading_anchor", "ids", "link", "number", "score",
           "score_summary"]
