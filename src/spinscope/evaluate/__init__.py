"""spinscope.evaluate."""
