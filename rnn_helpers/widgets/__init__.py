"""ipywidgets builders. The logic each one calls is a plain function elsewhere in the package,
tested without a browser; a builder only wires sliders to it. Works on ipywidgets 7.7 and 8.
"""
