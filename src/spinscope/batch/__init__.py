"""spinscope.batch."""
