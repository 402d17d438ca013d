"""The resident's finder of services usable across municipal borders (越境利用できるサービス)."""
