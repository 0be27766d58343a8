"""Offline field work: inspector keys, signed packages, the merge of sheets, Excel scoresheets."""
