"""Pattern data: validated models and the cached loader."""
