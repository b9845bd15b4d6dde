"""`python -m bench.run` (what `make bench` runs), parent and child side alike: see bench/cli.py
for what it measures and how to call it.

    cli.py           options, the plan of scenarios, main
    scenarios.py     synthetic N, incremental into a base, the RSS year, the peers
    growth.py        warehouse size after incremental rounds and `osint maintain` vs one full build
    child.py         one stage or peer inside the measured subprocess
    measure.py       the subprocess from outside (wall time, CPU, peak RSS); disk sizes
    report.py        results JSON, targets, the printed summary, markdown tables
    result_types.py  the result as typed records, and their JSON form
    rss_corpus.py    the RSS year file: item texts, a sample, its source config
    provenance.py    host and git revision of a run
    paths.py         where things are; the guard that keeps data dirs out of ./data
"""

from __future__ import annotations

import sys

from bench.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    outcome = main()
    sys.exit(1 if outcome and outcome.failed else 0)
