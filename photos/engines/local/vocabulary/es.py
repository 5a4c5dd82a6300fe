CODE = "es"
NAME = "es"
from .en import MESSAGES, EXAMPLES  # noqa
