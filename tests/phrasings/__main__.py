"""Pass rate of the corpus per category and language: python -m tests.phrasings [-v]"""

import os
import sys
from collections import Counter

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "painty.settings_test")
django.setup()

from . import CATEGORIES, LANGUAGES, all_phrasings, outcome  # noqa: E402

passed, total = Counter(), Counter()
for code, category, prompt, expected in all_phrasings():
    problem = outcome(prompt, expected)
    for key in (code, category, "all"):
        total[key] += 1
        passed[key] += problem is None
    if problem and "-v" in sys.argv:
        print(f"FAIL [{code}/{category}] {prompt!r}: {problem}")
for key in (*CATEGORIES, *LANGUAGES, "all"):
    if total[key]:
        print(f"{key:<11} {passed[key]:>4}/{total[key]:<4} {100 * passed[key] / total[key]:5.1f}%")
