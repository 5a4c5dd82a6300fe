CODE = "it"
NAME = "it"
from .en import MESSAGES, EXAMPLES  # noqa
