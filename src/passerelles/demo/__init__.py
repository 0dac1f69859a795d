"""The reviewed demonstration data set: the field's public texts turned into records by hand."""
