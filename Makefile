# landun — the front door. `make run` and `make test` work on a fresh Debian machine: they install
# what is missing (scripts/deps.sh), build, and go.

BUILD   := build
TBUILD  := build-test
DB      ?= var/landun.db
LISTEN  ?= 127.0.0.1:8080
DATA_KEY ?= var/data.key

.PHONY: all run test lint fuzz bench clean deps-run deps-test

all: deps-run $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps-run:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=release

$(TBUILD)/build.ninja:
	CC=clang meson setup $(TBUILD) --buildtype=debug -Db_sanitize=address,undefined \
	    -Db_lundef=false -Dwerror=true -Dtests=true -Dfuzz=true

run: all
	@mkdir -p $(dir $(DATA_KEY))
	@if [ ! -f $(DATA_KEY) ]; then ./$(BUILD)/landun key new $(DATA_KEY); fi
	@if [ ! -f $(DB) ]; then ./$(BUILD)/landun demo --db $(DB) --data-key $(DATA_KEY); fi
	@echo "demo accounts: admin officer clerk legal leader auditor viewer city province (password landun2026)"
	./$(BUILD)/landun serve --db $(DB) --listen $(LISTEN) --data-key $(DATA_KEY)

# The database tests run twice: on SQLite and on a throwaway PostgreSQL cluster that tests/run.py
# starts and removes (scripts/pg-cluster.sh); LANDUN_TEST_NO_PG=1 runs the SQLite half only.
test: deps-test $(TBUILD)/build.ninja
	ninja -C $(TBUILD)
	python3 tests/run.py $(TBUILD)

lint:
	@scripts/deps.sh lint
	clang-format --dry-run --Werror $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h')
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	    --suppress=missingIncludeSystem --inline-suppr -I src src

fuzz: deps-test $(TBUILD)/build.ninja
	ninja -C $(TBUILD)
	@for f in $$(find $(TBUILD)/tests -maxdepth 1 -type f -perm -u+x -name 'fuzz_*' | sort); do \
	    n=$$(basename $$f | sed 's/^fuzz_//'); echo "== $$n"; \
	    mkdir -p $(TBUILD)/fuzz-long-$$n; \
	    $$f -max_total_time=$${FUZZ_SECONDS:-120} -max_len=65536 $(TBUILD)/fuzz-long-$$n tests/fuzz/corpus/$$n || exit 1; \
	done

bench: all
	@scripts/deps.sh bench
	bench/both.sh
	bench/draw.sh

clean:
	rm -rf $(BUILD) $(TBUILD)
