"""spinscope.io."""
