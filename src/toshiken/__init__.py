"""toshiken (都市圏): the operating platform of a Japanese metropolitan-area partnership."""

__version__ = "0.1.0"
