CODE = "de"
NAME = "de"
from .en import MESSAGES, EXAMPLES  # noqa
