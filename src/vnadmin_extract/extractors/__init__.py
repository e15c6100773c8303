"""One module per kind of extracted value; each exposes find(doc)."""
