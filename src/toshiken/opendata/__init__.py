"""Joint open-data publishing: the catalog, its files and a CKAN-compatible API."""
