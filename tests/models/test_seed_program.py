"""The seed article's Keras program, run with only its two import lines changed.

The article's code (section 项目实践) imports `tensorflow.keras.models` and
`tensorflow.keras.layers`; here they are `rnn_helpers.models` and `rnn_helpers.layers`. Its
first line, `import tensorflow as tf`, is never used and is left out. Everything else,
comments included, is the article's text.
"""

import time

import numpy as np

SEED_PROGRAM = """\
from rnn_helpers.models import Sequential
from rnn_helpers.layers import SimpleRNN, Dense

# 定义RNN模型
model = Sequential()
model.add(SimpleRNN(10, input_shape=(5, 1), return_sequences=True))
model.add(SimpleRNN(10))
model.add(Dense(1, activation='sigmoid'))

# 编译模型
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])

# 生成随机数据作为输入
import numpy as np
X = np.random.random((1000, 5, 1))
y = np.random.randint(2, size=(1000, 1))

# 训练模型
model.fit(X, y, epochs=20, batch_size=32)

# 预测输出
y_pred = model.predict(X)
"""


def test_seed_program_runs_unchanged(capsys):
    namespace = {"__name__": "__seed__"}
    start = time.perf_counter()
    exec(compile(SEED_PROGRAM, "seed_program.py", "exec"), namespace)
    seconds = time.perf_counter() - start
    out, err = capsys.readouterr()

    y_pred = namespace["y_pred"]
    assert y_pred.shape == (1000, 1)
    assert np.all((y_pred > 0) & (y_pred < 1))
    assert namespace["model"].count_params() == 341
    assert "20/20" in out and "loss: " in out and "accuracy: " in out   # the progress bar
    assert err == ""                                                     # nothing on stderr
    assert seconds < 30, f"the seed's program took {seconds:.1f} s"
