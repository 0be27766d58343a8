"""Reading and writing files: table files (.xlsx, .csv) and the importers built on them."""
