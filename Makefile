# The two commands of the README. Both set everything up first (scripts/setup.sh).
.PHONY: demo test bench
demo:
	scripts/demo.sh
test:
	scripts/test.sh
bench:
	scripts/setup.sh && .venv/bin/python bench/ledger_bench.py
