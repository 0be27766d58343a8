"""Write ``resources/place_names.csv``: every province, district and tambon name of the country
(geothai), one a line, for the Thai line breaker (reports/thai.py).

    python tools/place_names.py

Run it after upgrading geothai; tests/reports/test_names_whole.py checks the list matches.
"""

from __future__ import annotations

import resources
from evaluator.geography import PLACE_NAMES, official_place_words


def main() -> None:
    words = sorted(official_place_words())
    text = "name\n" + "".join(f"{w}\n" for w in words)
    resources.path(PLACE_NAMES).write_text(text, encoding="utf-8")
    print(f"{len(words)} names → {resources.path(PLACE_NAMES)}")


if __name__ == "__main__":
    main()
