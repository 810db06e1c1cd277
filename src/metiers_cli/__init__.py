"""metiers: explorer les métiers de la communication et du marketing digital."""

__version__ = "0.1.0"
