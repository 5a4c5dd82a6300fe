CODE = "pt"
NAME = "pt"
from .en import MESSAGES, EXAMPLES  # noqa
