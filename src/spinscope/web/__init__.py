"""spinscope.web."""
