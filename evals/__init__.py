"""Accuracy of the memory pipeline on the labelled sets in ``tests/data/``.

``make eval`` (``python -m evals``) prints every stage's figures against its bar; the tests in
``tests/pipeline/`` assert the same bars, so a regression fails ``make test``.
"""
