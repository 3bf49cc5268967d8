"""The HTTP API: thin routes over the storage layer's queries."""
