"""Shared registers: declared as data, with forms, lists, files, open data and an audit trail."""
