# The two commands of the README. Both set everything up first (scripts/setup.sh).
.PHONY: demo test bench
demo:
	scripts/demo.sh
test:
	scripts/test.sh
bench:
	scripts/setup.sh && for b in ledger anchor cwr royalty usage api; do .venv/bin/python bench/$${b}_bench.py; done
