"""spinscope.train."""
