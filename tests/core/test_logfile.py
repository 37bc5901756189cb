"""The log file people can send: where it is, its level, ``-v`` and ``--version``."""

from __future__ import annotations

import logging

import pytest

from googlenet_gui.cli.main import main
from googlenet_gui.core.logfile import LOG_DIR_ENV, LOG_ENV, log_level, setup_logging


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "logs"))
    monkeypatch.delenv(LOG_ENV, raising=False)
    yield tmp_path / "logs"
    setup_logging(0)  # back to the quiet default for the tests that follow


@pytest.mark.parametrize("env, verbosity, level", [
    ("", 0, logging.WARNING), ("", 1, logging.INFO), ("", 2, logging.DEBUG),
    ("debug", 0, logging.DEBUG), ("ERROR", 2, logging.ERROR), ("off", 1, None), ("nonsense", 0, logging.WARNING),
])
def test_the_level_comes_from_the_environment_or_the_v_count(monkeypatch, env, verbosity, level):
    monkeypatch.setenv(LOG_ENV, env)
    assert log_level(verbosity) == level


def test_records_go_to_the_rotating_file_and_a_second_setup_replaces_the_first(log_dir):
    path = setup_logging(1)
    path_again = setup_logging(1)
    logging.getLogger("googlenet_gui.test").info("first %s", "record")
    assert path == path_again == log_dir / "googlenet-gui.log"
    assert path.read_text(encoding="utf-8").count("first record") == 1


def test_a_log_folder_that_cannot_be_created_only_costs_the_file(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("a file, not a folder")
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "file" / "logs"))
    assert setup_logging(0) is None
    setup_logging(0)


def test_version_and_verbose_flags(log_dir, capsys):
    from googlenet_gui import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"googlenet-gui {__version__}\n"
    assert main(["-v", "info", "untrained", "--json"]) == 0
    assert main(["info", "-vv", "untrained", "--json"]) == 0
    assert logging.getLogger("googlenet_gui").level == logging.DEBUG
