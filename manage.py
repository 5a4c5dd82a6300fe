#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "painty.settings")
    from painty import devenv

    devenv.apply(sys.argv)  # after `rundemo`, its DEBUG=1 and data folder (painty/devenv.py)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
