"""What every feature shares: settings, database, fiscal years, codes, money, text."""
