"""The vision as data: model, document reader, checks, storage, queries, commands."""
