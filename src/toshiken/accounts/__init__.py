"""Accounts: users, roles, sessions, CSRF, login throttling and the audit log."""
