# Hverdagsrehabiliteringsassistent: one entry point for install, train, run and test.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

BOT_VENV := .venv-bot
API_VENV := .venv-api
BOT := $(BOT_VENV)/bin
API := $(API_VENV)/bin
MODEL := models/rehab.tar.gz
TRAIN_DATA := data/nlu data/rules data/stories
# The crisis second opinion also learns from these (bot/config.yml, CrisisGate's `corpora`).
CRISIS_CORPORA := data/dev/crisis_dev.yml data/dev/crisis_dev_2.yml
# Anything that changes what the model learns; `make train` retrains only when one of these is newer.
TRAIN_INPUTS := $(shell find bot/config.yml bot/domain bot/nlu $(TRAIN_DATA) $(CRISIS_CORPORA) -type f \( -name '*.yml' -o -name '*.py' \) 2>/dev/null)
# The learned MI coder (actions/mi/train_coder.py): rebuilt when its corpus, the evaluation sets
# it must not learn, or the code that makes its features changes.
MI_CODER := build/mi_coder/coder.joblib
MI_CODER_INPUTS := data/mi/practitioner.yml data/mi/citizen.yml $(wildcard tests/mi/*.yml) \
  $(addprefix actions/mi/,train_coder.py model.py features.py linear.py corpus.py coder.py practice.py \
  change_talk.py lexicon.py tokens.py)
DA_MODEL_URL := https://github.com/explosion/spacy-models/releases/download/da_core_news_sm-3.4.0/da_core_news_sm-3.4.0-py3-none-any.whl

export PYTHONDONTWRITEBYTECODE := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help install train mi-coder run shell test lint validate test-stories bench lock clean spacy-pipeline

help:
	@echo "make run     start Rasa (5005), the action server (5055) and the API + web page (8000)"
	@echo "make test    install what is missing, train if needed, run every check"
	@echo "make install build .venv-bot and .venv-api (Python 3.10) and the Danish spaCy pipeline"
	@echo "make train   train the Rasa model if data or config changed"
	@echo "make shell   chat with the assistant in the terminal"
	@echo "make bench   print NLU accuracy, latency, throughput, training time and memory"
	@echo "make run-cluster  the scale-out profile: HAProxy, Rasa x2, actions x2, PostgreSQL, Redis"
	@echo "make lock    regenerate locks/*.txt with pip-compile from pyproject.toml"

install: $(BOT_VENV)/.installed $(API_VENV)/.installed build/spacy/.prepared

$(BOT_VENV)/.installed: pyproject.toml locks/bot.txt tools/make_venv.sh
	tools/make_venv.sh $(BOT_VENV) bot,bot-test locks/bot.txt

$(API_VENV)/.installed: pyproject.toml locks/api.txt tools/make_venv.sh
	tools/make_venv.sh $(API_VENV) api,dev locks/api.txt

# The production model da_core_news_sm comes from spaCy's release page; where that is out of
# reach we build the Danish base pipeline (spacy.blank("da") + lookup lemmatizer) instead.
build/spacy/.prepared: $(BOT_VENV)/.installed bot/nlu/spacy_pipeline.py
	@$(BOT)/python -c 'import da_core_news_sm' 2>/dev/null \
	  || $(BOT)/python -m pip install --quiet --no-deps --timeout 10 --retries 0 "$(DA_MODEL_URL)" 2>/dev/null \
	  || echo ">> da_core_news_sm is not reachable from this machine; using the Danish base pipeline"
	$(BOT)/python -m bot.nlu.spacy_pipeline prepare
	@touch $@

spacy-pipeline: build/spacy/.prepared
	@$(BOT)/python -m bot.nlu.spacy_pipeline which

train: mi-coder $(MODEL)

mi-coder: $(MI_CODER)

$(MI_CODER): $(MI_CODER_INPUTS) build/spacy/.prepared | install
	$(BOT)/python -m actions.mi.train_coder --out $@

$(MODEL): $(TRAIN_INPUTS) build/spacy/.prepared | install
	tools/train.sh
	@touch $@

run: install $(MODEL)
	tools/local_env.sh
	tools/demo_account.sh
	$(API)/honcho start -f Procfile -e var/local.env

# The scale-out profile: HAProxy in front of two Rasa replicas and two action servers, one API;
# PostgreSQL for conversations, outbox and goals, Redis for conversation locks and rate limits.
# tools/cluster_setup.sh installs HAProxy if missing, creates the databases, migrates once and
# writes var/cluster.env and the HAProxy config. See deploy/README.md.
.PHONY: run-cluster
run-cluster: install $(MODEL)
	tools/local_env.sh
	tools/cluster_setup.sh
	set -a; source var/cluster.env; set +a; tools/demo_account.sh
	$(API)/honcho start -f Procfile.cluster -e var/local.env,var/cluster.env

shell: install $(MODEL)
	tools/local_env.sh
	tools/shell.sh

lint: $(API_VENV)/.installed
	$(API)/ruff check .
	$(API)/ruff format --check .

validate: $(BOT_VENV)/.installed
	$(BOT)/python tools/validate_data.py

test-stories: $(MODEL)
	rm -rf results/test-stories
	$(BOT)/rasa test core --endpoints bot/endpoints.yml --model $(MODEL) --stories data/test_stories --e2e \
	  --fail-on-prediction-errors --out results/test-stories

# Unit tests of the actions carry the coverage gate (coverage.py: at least 90 % of actions/);
# the conversation tests then run the real services, and the cluster profile last in the bot
# environment. pytest's exit code 5 (nothing collected) fails the target like any failure.
test: install lint validate mi-coder $(MODEL)
	$(BOT)/python -m pytest tests/actions tests/bot tests/rehab_rules \
	  --cov=actions --cov-report=term-missing:skip-covered --cov-fail-under=90
	$(BOT)/python -m pytest tests/e2e
	# HAProxy for the cluster profile: installed where we may; elsewhere its tests skip (CI fails).
	tools/cluster_setup.sh lb || [ "$${REHAB_REQUIRE_SERVICES:-}" != 1 ]
	$(BOT)/python -m pytest tests/cluster
	tools/ensure_pango.sh
	$(API)/python -m pytest tests/api tests/rehab_rules tests/contract tests/deploy
	tools/ensure_chromium.sh
	$(API)/python -m pytest tests/browser
	$(MAKE) --no-print-directory test-stories

bench: install $(MODEL)
	$(BOT)/python -m tests.bench.run

# pip-compile (pip-tools) keeps the pins that still satisfy pyproject.toml; UPGRADE=1 moves them.
lock:
	tools/lock.sh $(if $(UPGRADE),--upgrade,)

clean:
	rm -rf models results build .rasa var test-artifacts
