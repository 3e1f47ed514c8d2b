"""Figures for the course. Every function returns a matplotlib Figure and never calls plt.show().

Every figure has a title and labelled axes, sized to read from the back of a lecture hall.
"""

from .style import new_figure, use_course_style

__all__ = ["new_figure", "use_course_style"]
