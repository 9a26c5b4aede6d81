"""All fitting (needs the ``[ml]`` extra: torch, transformers, onnx, python-crfsuite).

- :mod:`~spinscope.train.loop`: the one fine-tuning loop (batches, optimiser groups, schedule, autocast,
  clipping) every neural model uses;
- :mod:`~spinscope.train.techniques`: the technique model (``spinscope train --task si|tc|all``), with
  :mod:`~spinscope.train.neural` (its network), :mod:`~spinscope.train.linear`, :mod:`~spinscope.train.tuning`,
  :mod:`~spinscope.train.calibration` and :mod:`~spinscope.train.export`;
- :mod:`~spinscope.train.quotes`: the attribution CRF and role network (``spinscope train --task attribution``),
  with :mod:`~spinscope.train.roles` (the role network's training).
"""
