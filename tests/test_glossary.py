"""Tests for rnn_helpers.glossary: every term has Chinese, a meaning and a notebook."""

import re

import pytest

from rnn_helpers import glossary
from tests.conftest import NOTEBOOKS_DIR, markdown_text

SEED_WORDS = ("循环神经网络", "隐藏状态", "时间步", "循环连接", "序列处理", "激活函数", "权重矩阵",
              "偏置", "梯度消失", "长短期记忆", "门控循环单元", "注意力机制")


def test_every_entry_is_complete_and_unique():
    english = [row[0] for row in glossary.GLOSSARY]
    assert len(english) == len(set(english))
    for eng, zh, meaning, notebook in glossary.GLOSSARY:
        assert eng and zh and meaning
        assert notebook in glossary.NOTEBOOKS


def test_the_seeds_terms_come_first():
    chinese = [row[1] for row in glossary.SEED_TERMS]
    for word in SEED_WORDS:
        assert word in chinese
    assert glossary.GLOSSARY[: len(glossary.SEED_TERMS)] == glossary.SEED_TERMS


@pytest.mark.parametrize("term,chinese", [
    ("hidden state", "隐藏状态"), ("  Hidden State ", "隐藏状态"), ("隐藏状态", "隐藏状态"),
    ("recurrent neural network", "循环神经网络"), ("LSTM", "长短期记忆"),
    ("bptt", "随时间反向传播"),
    ("gradient descent", None), ("xyz", None),
])
def test_lookup(term, chinese):
    if chinese is None:
        with pytest.raises(ValueError, match="^term: expected a term of the glossary"):
            glossary.lookup(term)
    else:
        assert glossary.lookup(term)["chinese"] == chinese


def test_lookup_bad_type():
    with pytest.raises(ValueError, match="^term: expected a string"):
        glossary.lookup(3)


def test_markdown_table_has_one_row_per_term():
    table = glossary.markdown_table().splitlines()
    assert table[0].startswith("| English | 中文")
    assert len(table) == 2 + len(glossary.GLOSSARY)
    # five cell borders per row; a "|" inside a cell is escaped "\|" and is not a border
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 5 for line in table)


def test_notebook_00_prints_the_same_glossary():
    text = markdown_text(NOTEBOOKS_DIR / "00_start_here.ipynb")
    assert glossary.markdown_table() in text
