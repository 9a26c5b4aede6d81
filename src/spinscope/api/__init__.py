"""spinscope.api."""
