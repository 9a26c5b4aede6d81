"""Evaluation: the official SemEval scorers (``semeval``) and quote-attribution evaluation (``attribution``)."""
