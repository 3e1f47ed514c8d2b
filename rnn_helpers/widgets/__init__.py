"""ipywidgets builders, one per interactive figure, named by what they show.

The logic each one calls is a plain function elsewhere in the package, tested without a
browser; a builder only wires sliders to it. Works on ipywidgets 7.7 (Colab) and 8.
"""

from .attention import attention_widget  # notebook 09
from .gates import gate_viewer_widget  # notebook 05
from .glossary import glossary_widget  # notebook 00
from .gradients import gradient_flow_widget  # notebook 04
from .language import temperature_widget  # notebook 06
from .quiz import quiz_widget  # notebook 10
from .scalar_rnn import scalar_rnn_widget  # notebook 01
from .scenarios import scenario_widget  # notebook 08
from .timeseries import forecast_widget  # notebook 07
from .training import learning_rate_widget  # notebook 03
from .unrolled import unrolled_widget  # notebook 02

__all__ = [
    "attention_widget", "forecast_widget", "gate_viewer_widget", "glossary_widget",
    "gradient_flow_widget", "learning_rate_widget", "quiz_widget", "scalar_rnn_widget",
    "scenario_widget", "temperature_widget", "unrolled_widget",
]
