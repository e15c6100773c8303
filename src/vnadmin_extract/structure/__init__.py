"""Document structure: header, footer (signers, recipients), sections, boilerplate."""
