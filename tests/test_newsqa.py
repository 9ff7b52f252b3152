"""The ``newsqa`` console command: one dispatcher, each package's subcommands."""

import pytest

import newsqa


def test_every_package_contributes_its_subcommands(capsys):
    with pytest.raises(SystemExit) as exit_:
        newsqa.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ("build", "ask", "eval"))


def test_eval_subcommands_run_through_the_dispatcher(tmp_path, capsys):
    missing = tmp_path / "nowhere.yaml"
    assert newsqa.main(["eval", "run", str(missing)]) == 2
    assert "nowhere.yaml: cannot read" in capsys.readouterr().err


def test_build_reports_a_missing_corpus_folder(tmp_path, capsys):
    assert newsqa.main(["build", str(tmp_path / "absent")]) == 2
    assert "no corpus folder" in capsys.readouterr().err
