"""sifa (司法): the platform of a district Justice Bureau."""
