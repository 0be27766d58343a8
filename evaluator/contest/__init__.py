"""Contest files: the plain form (spec) and the TOML reader (parse); storing is services.contest."""
