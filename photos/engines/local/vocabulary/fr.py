CODE = "fr"
NAME = "fr"
from .en import MESSAGES, EXAMPLES  # noqa
