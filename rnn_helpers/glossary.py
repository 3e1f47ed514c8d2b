"""The course's English–Chinese glossary and its notation: every term, its Chinese name, one
line of meaning and the notebook that teaches it (the seed article's own terms first, in the
seed's order); and every symbol, one meaning each, with its shape and its name in code.

Notebook 00 prints both tables (`markdown_table()`, `show_notation()`); its widget looks terms
up (`lookup`); scripts/build_glossary_doc.py writes them to docs/glossary.md. Symbols are plain
Unicode (hₜ₋₁, W′), so the same text reads right in Markdown, HTML and a terminal.
"""

from ._validate import fail
from .claims import Said

# The symbols given to what had borrowed another's (issue 10): the LSTM's output gate and the
# GRU's recurrent bias (notebook 05; oₜ and b′ are the seed's output and output bias), the logit
# (notebook 03; zₜ is the GRU's update gate).
LSTM_OUTPUT_GATE = "ωₜ"
GRU_RECURRENT_BIAS = "bᵁ"
LOGIT = "ℓₜ"

# (English, 中文, meaning, notebook that teaches it)
SEED_TERMS = (
    ("recurrent neural network (RNN)", "循环神经网络",
     "a network whose state at step t is computed from the input xₜ and its own state at t−1",
     "01"),
    ("deep learning", "深度学习", "machine learning with networks of many layers", "00"),
    ("sequence data", "序列数据",
     "data whose order matters: text, audio, video frames, prices", "01"),
    ("time series", "时间序列", "measurements taken one after another in time", "07"),
    ("hidden layer", "隐藏层", "the layer between input and output; in an RNN it holds the state",
     "01"),
    ("hidden unit", "隐藏单元", "one number of the hidden state; a layer has H of them", "01"),
    ("recurrent connection", "循环连接",
     "the edge that feeds hₜ₋₁ back into step t, through the weights U", "01"),
    ("time step", "时间步", "one position t of the sequence: one input xₜ, one state hₜ", "01"),
    ("hidden state", "隐藏状态",
     "hₜ, the vector carried from step to step: the network's memory", "01"),
    ("memory", "记忆", "what of the earlier inputs the hidden state still holds", "01"),
    ("sequence processing", "序列处理",
     "reading inputs one step at a time while carrying a state", "01"),
    ("input vector", "输入向量", "xₜ, the D numbers given at step t", "01"),
    ("recurrence formula", "递归公式", "hₜ = σ(W xₜ + U hₜ₋₁ + b)", "01"),
    ("weight matrix", "权重矩阵",
     "W (input → hidden), U (hidden → hidden), W′ (hidden → output)", "01"),
    ("bias", "偏置", "b, b′: a constant vector added before the activation", "01"),
    ("activation function", "激活函数",
     "the nonlinearity σ: tanh for the hidden state, sigmoid or softmax for outputs", "01"),
    ("output", "输出",
     "oₜ = σ′(W′ hₜ + b′), computed from the state (not the state itself)", "02"),
    ("natural language processing (NLP)", "自然语言处理",
     "computing with human language: modelling, translating, summarising text", "06"),
    ("image sequence recognition", "图像序列识别",
     "classifying a sequence of images, e.g. video frames", "08"),
    ("speech recognition", "语音识别", "turning an audio signal into text", "08"),
    ("language model", "语言模型",
     "a model of the next token's probability given the previous ones", "06"),
    ("machine translation", "机器翻译", "translating text from one language to another", "11"),
    ("text summarisation", "文本摘要", "writing a short version of a longer text", "09"),
    ("video classification", "视频分类", "one label for a whole video", "08"),
    ("action recognition", "行为识别", "recognising what a person or object does in a video",
     "08"),
    ("stock prediction", "股票预测",
     "forecasting prices; on a random walk nothing beats 'tomorrow = today'", "07"),
    ("semantic parsing", "语义解析", "turning text into a structure (a tree, a query)", "08"),
    ("vanishing gradient", "梯度消失",
     "gradients shrinking geometrically as they flow back through many steps", "04"),
    ("long short-term memory (LSTM)", "长短期记忆",
     "a recurrent cell with a cell state and input, forget and output gates", "05"),
    ("gated recurrent unit (GRU)", "门控循环单元",
     "a recurrent cell with update and reset gates and no separate cell state", "05"),
    ("long-range dependency", "长距离依赖",
     "an output that depends on an input many steps earlier", "05"),
    ("cell state", "细胞状态",
     "the LSTM's second state vector, updated by addition (the seed: “cell状态”)", "05"),
    ("update gate", "更新门", "GRU gate zₜ: how much of the old state to keep", "05"),
    ("reset gate", "重置门", "GRU gate rₜ: how much of the old state the candidate sees", "05"),
    ("attention mechanism", "注意力机制",
     "a weighted average over all hidden states, the weights computed from the data", "09"),
    ("convolutional neural network (CNN)", "卷积神经网络",
     "a network of local filters slid over an image or a signal", "09"),
)

COURSE_TERMS = (
    ("batch", "批量", "several sequences processed together; the first axis, B", "01"),
    ("feature", "特征", "one number of an input vector; D features per step", "01"),
    ("shape (B, T, D)", "形状 (B, T, D)",
     "batch first: sequences × time steps × features, as Keras", "01"),
    ("tanh (hyperbolic tangent)", "双曲正切",
     "the hidden activation of SimpleRNN: values in (−1, 1), slope at most 1", "01"),
    ("sigmoid (logistic function)", "S 型函数（逻辑函数）",
     "1 / (1 + e^−a): values in (0, 1), slope at most 0.25", "01"),
    ("saturation", "饱和", "|a| large: tanh is flat near ±1 and its slope near 0", "01"),
    ("time constant", "时间常数",
     "τ = −1/ln|u|: the steps a small memory needs to shrink to 1/e of its size (a large one "
     "fades sooner: tanh squashes it)", "01"),
    ("row-vector convention", "行向量约定",
     "`x_t @ W` with W of shape (D, H), as code and Keras write it; the seed writes W xₜ", "01"),
    ("unrolling", "展开", "drawing or computing the loop as a chain of T copies of the step",
     "02"),
    ("computational graph", "计算图", "the nodes (values) and edges (operations) of a computation",
     "02"),
    ("weight sharing", "参数共享", "the same W, U, b used at every time step", "02"),
    ("forward pass", "前向传播", "computing the states and outputs from the inputs", "02"),
    ("return_sequences", "返回完整序列",
     "Keras option: True returns every hₜ (B, T, H), False only the last (B, H)", "02"),
    ("loss function", "损失函数", "one number that says how wrong the outputs are", "03"),
    ("cross-entropy", "交叉熵", "−log of the probability given to the right answer", "03"),
    ("binary cross-entropy", "二元交叉熵", "cross-entropy for a yes/no output in (0, 1)", "03"),
    ("logits", "未归一化得分（logits）",
     "the scores before sigmoid or softmax turns them into probabilities; ℓₜ in the course", "03"),
    ("gradient", "梯度", "∂L/∂θ: how the loss changes when a parameter moves", "03"),
    ("backpropagation", "反向传播", "the chain rule applied from the loss back to every weight",
     "03"),
    ("backpropagation through time (BPTT)", "随时间反向传播",
     "backpropagation on the unrolled graph; shared weights sum their gradients over t", "03"),
    ("gradient check", "梯度检验",
     "comparing a derived gradient with a finite-difference estimate", "03"),
    ("optimizer", "优化器", "the rule that turns gradients into weight updates", "03"),
    ("learning rate", "学习率", "the size of each update step", "03"),
    ("Adam", "Adam 优化器", "an optimizer with per-weight step sizes from gradient moments", "03"),
    ("epoch", "轮次（epoch）", "one pass over the whole training set", "03"),
    ("accuracy", "准确率", "the fraction of predictions that are right", "03"),
    ("training / validation set", "训练集 / 验证集",
     "data the model learns from / data held out to measure it honestly", "03"),
    ("overfitting (memorisation)", "过拟合（死记硬背）",
     "doing well on training data by remembering it, not by learning a rule", "03"),
    ("initialisation", "初始化",
     "the weights' starting values (Keras: Glorot uniform, orthogonal, zeros)", "03"),
    ("hyperparameter", "超参数", "a setting chosen by hand: units, learning rate, epochs", "03"),
    ("exploding gradient", "梯度爆炸", "gradients growing geometrically through many steps", "04"),
    ("gradient clipping", "梯度裁剪", "rescaling gradients whose norm is too large", "04"),
    ("Jacobian matrix", "雅可比矩阵", "∂hₜ/∂hₜ₋₁: the matrix of all partial derivatives",
     "04"),
    ("spectral radius", "谱半径", "the largest |eigenvalue| of a matrix, e.g. of U", "04"),
    ("gate", "门", "a sigmoid in (0, 1) that scales how much information passes", "05"),
    ("forget gate", "遗忘门", "LSTM gate fₜ: how much of the cell state to keep", "05"),
    ("input gate", "输入门", "LSTM gate iₜ: how much of the candidate to write", "05"),
    ("output gate", "输出门",
     f"LSTM gate {LSTM_OUTPUT_GATE}: how much of the cell state to show as hₜ", "05"),
    ("candidate state", "候选状态", "the new content a gated cell may write", "05"),
    ("vocabulary", "词表", "the set of tokens (here characters) the model knows; size V", "06"),
    ("one-hot encoding", "独热编码", "a vector of zeros with a single 1 at the token's index",
     "06"),
    ("softmax", "softmax 函数（归一化指数函数）",
     "turns V scores into V probabilities that sum to 1", "06"),
    ("sampling", "采样", "drawing the next token at random from the predicted probabilities",
     "06"),
    ("temperature", "温度", "dividing the scores before softmax: low = safe, high = varied",
     "06"),
    ("mask", "掩码", "zeros that tell the loss which steps to ignore", "06"),
    ("forecasting", "预测（预报）", "predicting the next values of a time series", "07"),
    ("random walk", "随机游走", "each value = the previous one + independent noise", "07"),
    ("naive baseline", "朴素基线", "the simplest forecast, 'tomorrow = today', to beat", "07"),
    ("mean squared error (MSE)", "均方误差", "the average of squared differences", "07"),
    ("confusion matrix", "混淆矩阵", "counts of true class against predicted class", "08"),
    ("stacked RNN", "堆叠 RNN", "RNN layers on top of each other, each reading hₜ of the last",
     "09"),
    ("bidirectional RNN", "双向 RNN", "one RNN reads forwards, one backwards; states joined",
     "09"),
    ("attention weights", "注意力权重", "how much each hidden state counts in the average", "09"),
    ("self-attention", "自注意力", "attention of a sequence over itself, without recurrence",
     "09"),
    ("Transformer", "Transformer（变换器）",
     "a network of self-attention layers; GPT-2 and GPT-3 are Transformers, not RNNs", "09"),
    ("linear RNN", "线性 RNN",
     "a recurrence without a nonlinearity between steps, so it can run as a parallel scan",
     "09"),
    ("state-space model", "状态空间模型",
     "a linear recurrence from control theory, the basis of models such as Mamba", "09"),
    ("parallel scan", "并行扫描",
     "computing all prefix results of an associative operation in log T rounds", "09"),
    ("sequence to sequence (seq2seq)", "序列到序列",
     "a model from one sequence to another of a different length: an encoder and a decoder",
     "11"),
    ("encoder", "编码器", "the RNN that reads the source and keeps its states h₁ … hₛ", "11"),
    ("decoder", "解码器",
     "the RNN that writes the output one token at a time, fed the token before", "11"),
    ("teacher forcing", "教师强制",
     "training a decoder on the true previous token instead of its own guess", "11"),
    ("greedy decoding", "贪心解码", "writing the most probable token at each step", "11"),
    ("beam search", "束搜索",
     "keeping the K most probable prefixes at each step; K = 1 is greedy decoding", "11"),
    ("alignment", "对齐",
     "which source positions each output step attends to: the map of the weights α", "11"),
    ("exact match", "完全匹配", "the share of outputs right in every token", "11"),
)

GLOSSARY = SEED_TERMS + COURSE_TERMS
NOTEBOOKS = {
    "00": "start here", "01": "the recurrence", "02": "five steps unrolled",
    "03": "training and BPTT", "04": "vanishing and exploding gradients", "05": "LSTM and GRU",
    "06": "language", "07": "time series", "08": "sequences everywhere",
    "09": "beyond the simple RNN", "10": "review", "11": "sequence to sequence",
}


# One symbol, one meaning, in every notebook:
# (symbol, meaning, shape in code (rows, batch first), name in code, first notebook).
NOTATION = (
    ("xₜ", "the input vector at step t", "(B, D)", "`x_t`, `x[:, t]`", "01"),
    ("hₜ", "the hidden state after step t: the network's memory", "(B, H)", "`h_t`, `h[:, t]`",
     "01"),
    ("h₀", "the initial state (zeros unless given)", "(B, H)", "`h0`", "01"),
    ("oₜ", "the output of the seed's formula, oₜ = σ′(W′ hₜ + b′); only this", "(B, O)", "`o_t`",
     "01"),
    ("W", "input weights, input → hidden (Keras: kernel)", "(D, H)", "`W`", "01"),
    ("U", "recurrent weights, hidden → hidden (Keras: recurrent_kernel)", "(H, H)", "`U`",
     "01"),
    ("b", "the bias of the hidden state", "(H,)", "`b`", "01"),
    ("W′", "the output layer's weights, hidden → output; only the output layer", "(H, O)",
     "`W_y`", "01"),
    ("b′", "the output layer's bias; only the output layer", "(O,)", "`b_y`", "01"),
    ("σ", "the logistic sigmoid 1/(1 + e⁻ᵃ); the seed also writes σ for the hidden activation, "
     "which Keras' SimpleRNN computes with tanh", "elementwise", "`rh.activations.sigmoid`",
     "01"),
    ("σ′", "the output activation of the seed's formula (sigmoid for a yes/no output)",
     "elementwise", "`Dense(..., activation=...)`", "01"),
    ("tanh", "the hyperbolic tangent: the hidden activation, values in (−1, 1)", "elementwise",
     "`np.tanh`", "01"),
    ("τ", "the time constant −1/ln|u| of a scalar memory: steps to shrink to 1/e (small-signal)",
     "a number (steps)", "`rh.scalar_rnn.time_constant(u)`", "01"),
    ("T", "the number of time steps of a sequence", "a number", "`T`", "00"),
    ("B", "the batch size: sequences processed together", "a number", "`B`", "00"),
    ("D", "the number of input features per step", "a number", "`D`", "00"),
    ("H", "the number of hidden units", "a number", "`H`", "01"),
    ("O", "the number of outputs per step", "a number", "`O`", "01"),
    ("y", "the target: the right answer", "(B, O) or (B, T, O)", "`y`", "00"),
    ("ŷ", "the model's prediction of y", "like y", "`y_pred`", "07"),
    ("L", "the loss: one number that says how wrong ŷ is", "a number", "`loss`", "03"),
    (LOGIT, "the logit: the score before the output sigmoid, oₜ = sigmoid(ℓₜ)", "(B, O)",
     "`logit`", "03"),
    ("ρ(U)", "the spectral radius of U: its largest |eigenvalue|", "a number",
     "`rh.gradflow.spectral_radius(U)`", "04"),
    ("⊙", "the elementwise product", "–", "`*`", "03"),
    ("cₜ", "the LSTM's cell state", "(B, H)", "`c_t`", "04"),
    ("iₜ", "the LSTM's input gate: how much of the candidate to write", "(B, H)", "`i`", "04"),
    ("fₜ", "the LSTM's forget gate: how much of the cell state to keep", "(B, H)", "`f`",
     "04"),
    ("c̃ₜ", "the LSTM's candidate cell state", "(B, H)", "`c_tilde`", "04"),
    (LSTM_OUTPUT_GATE, "the LSTM's output gate (omega; made by Wₒ, Uₒ, bₒ): how much of the "
     "cell state to show as hₜ", "(B, H)", "`o`, `cache[\"o\"]`", "05"),
    ("zₜ", "the GRU's update gate: how much of the old state to keep", "(B, H)", "`z`", "05"),
    ("rₜ", "the GRU's reset gate: how much of the old state the candidate sees", "(B, H)", "`r`",
     "05"),
    ("h̃ₜ", "the GRU's candidate state", "(B, H)", "`h_tilde`", "05"),
    (GRU_RECURRENT_BIAS, "the GRU's recurrent biases, one per gate (z, r, h), added to hₜ₋₁ U "
     "(Keras: row 1 of the bias)", "(3H,)", "`b[1]`", "05"),
)


def terms():
    """The English terms, in the glossary's order (the seed's first)."""
    return [row[0] for row in GLOSSARY]


def lookup(term):
    """{"english", "chinese", "meaning", "notebook"} for an English or Chinese term.

    Matching ignores case and surrounding spaces, and knows abbreviations ("LSTM", "BPTT"); an
    unknown term raises ValueError with close suggestions.
    """
    if not isinstance(term, str):
        fail("term", "a string (English or Chinese)", f"{type(term).__name__} {term!r}")
    key = term.strip().lower()
    for english, chinese, meaning, notebook in GLOSSARY:
        name, _, short = english.lower().partition(" (")   # "long short-term memory", "lstm)"
        if key in (english.lower(), chinese.lower(), name, short.rstrip(")")):
            return {"english": english, "chinese": chinese, "meaning": meaning,
                    "notebook": notebook}
    near = [e for e, c, _, _ in GLOSSARY if key and (key in e.lower() or key in c)][:5]
    fail("term", "a term of the glossary", repr(term),
          f"Close: {', '.join(near)}" if near else "See rh.glossary.terms() for the list")


def _cell(text):
    """Text for one cell of a Markdown table: a "|" inside it is escaped as "\\|" (else it would
    end the cell: −1/ln|u| would lose its bars), and a line break becomes a space."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown_table(rows=GLOSSARY):
    """The glossary as a Markdown table: English | 中文 | meaning | notebook."""
    return _table(("English", "中文", "meaning", "notebook"), rows)


def notation_table(rows=NOTATION):
    """The notation as a Markdown table: symbol | meaning | shape | in code | first notebook."""
    return _table(("symbol", "meaning", "shape", "in code", "first notebook"), rows)


def show_notation():
    """The notation table, shown as Markdown when it is the last expression of a notebook cell
    (notebook 00 shows it this way, so the notebook cannot drift from the package)."""
    return Said(notation_table())


def symbols():
    """The symbols of the notation table, in its order."""
    return [row[0] for row in NOTATION]


__all__ = ["COURSE_TERMS", "GLOSSARY", "GRU_RECURRENT_BIAS", "LOGIT", "LSTM_OUTPUT_GATE",
           "NOTATION", "NOTEBOOKS", "SEED_TERMS", "lookup", "markdown_table", "notation_table",
           "show_notation", "symbols", "terms"]
