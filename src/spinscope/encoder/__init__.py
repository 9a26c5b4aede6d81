"""What every neural model shares: word-piece windows, the ONNX session, special token ids, softmax.

:mod:`~spinscope.encoder.windows` tokenises whole articles and cuts them into overlapping windows
(training and inference see the same windows); :mod:`~spinscope.encoder.session` opens an exported
encoder with the thread settings of :class:`~spinscope.settings.Settings`, finds the ``[CLS]``/``[SEP]``
ids of a tokenizer (one lookup, one error) and turns logits into probabilities.
"""
