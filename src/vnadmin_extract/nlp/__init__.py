"""Adapters to NLP libraries, imported lazily (the rules path never pays for them)."""
