"""The ``mnemexa`` command: subcommands from entry points, what to install, versions."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import Dict, List, Optional

import mnemexa
import pytest
from mnemexa import _cli

CALLS: List[List[str]] = []


def hello(argv: List[str]) -> int:
    """Say hello.

    More lines that the listing leaves out.
    """
    CALLS.append(list(argv))
    return 7


def shadowed(argv: List[str]) -> int:
    """Never run: an earlier distribution registers the same name."""
    raise AssertionError("the second registration of a name must not run")


class FakeDistribution(metadata.Distribution):
    """An installed distribution that exists only in memory."""

    def __init__(self, name: str, version: str, commands: Dict[str, str]) -> None:
        lines = [f"{command} = {target}" for command, target in commands.items()]
        self.files_ = {
            "METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
            "entry_points.txt": "\n".join(
                ["[console_scripts]", "other = elsewhere:main", "", f"[{_cli.GROUP}]", *lines]
            ),
        }

    def read_text(self, filename: str) -> Optional[str]:
        return self.files_.get(filename)

    def locate_file(self, path):  # type: ignore[no-untyped-def]
        return Path(path)


HELLO = FakeDistribution("mnemexa-hello", "1.2.3", {"hello": f"{__name__}:hello"})
SERVER = FakeDistribution("mnemexa-server", "9.9.9", {"serve": f"{__name__}:hello"})


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch):
    """Replace the installed distributions that the dispatcher sees."""

    def install(*dists: metadata.Distribution) -> None:
        monkeypatch.setattr(_cli, "_distributions", lambda: list(dists))

    CALLS.clear()
    return install


def test_commands_come_from_the_entry_point_group(installed):
    installed(HELLO, FakeDistribution("other", "0.1", {}))
    commands = _cli.installed_commands()
    assert list(commands) == ["hello"]
    assert commands["hello"].distribution == "mnemexa-hello"
    assert commands["hello"].version == "1.2.3"


def test_a_command_gets_the_remaining_arguments_and_returns_the_exit_code(installed):
    installed(HELLO)
    assert _cli.main(["hello", "a", "--b", "-c"]) == 7
    assert CALLS == [["a", "--b", "-c"]]


def test_the_first_registration_of_a_name_wins(installed):
    installed(HELLO, FakeDistribution("late", "0.1", {"hello": f"{__name__}:shadowed"}))
    assert _cli.main(["hello"]) == 7


def test_help_lists_the_installed_commands(installed, capsys):
    installed(HELLO, SERVER)
    assert _cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "  hello  Say hello.\n" in out
    assert "  serve  Say hello.\n" in out
    assert "More lines" not in out


def test_without_arguments_the_usage_goes_to_stderr(installed, capsys):
    installed(HELLO)
    assert _cli.main([]) == 2
    assert "usage: mnemexa" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["serve", "keys", "workspaces", "vacuum"])
def test_a_server_command_without_the_server_says_what_to_install(installed, capsys, command):
    installed(HELLO)
    assert _cli.main([command, "--port", "8080"]) == 2
    err = capsys.readouterr().err
    assert f"`{command}` comes with mnemexa-server, which is not installed" in err
    assert "pip install ./server" in err
    assert "Traceback" not in err
    assert CALLS == []


def test_help_without_any_command_says_what_to_install(installed, capsys):
    installed()
    assert _cli.main(["-h"]) == 0
    out = capsys.readouterr().out
    assert "No command is installed here. serve, keys, workspaces, vacuum" in out
    assert "pip install ./server" in out


def test_an_unknown_command_shows_the_available_ones(installed, capsys):
    installed(HELLO)
    assert _cli.main(["nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'nope'" in err
    assert "  hello  Say hello." in err


def test_a_server_command_the_installed_server_lacks_is_unknown(installed, capsys):
    installed(SERVER)
    assert _cli.main(["vacuum"]) == 2
    assert "unknown command 'vacuum'" in capsys.readouterr().err


def test_an_unknown_option_is_refused(installed, capsys):
    installed(HELLO)
    assert _cli.main(["--nope", "hello"]) == 2
    assert "unknown option '--nope'" in capsys.readouterr().err
    assert CALLS == []


def test_version_shows_the_sdk_and_each_distribution_with_commands(installed, capsys):
    installed(HELLO, SERVER)
    assert _cli.main(["--version"]) == 0
    assert capsys.readouterr().out == (
        f"mnemexa {mnemexa.__version__}\nmnemexa-hello 1.2.3\nmnemexa-server 9.9.9\n"
    )


def test_version_with_the_sdk_only(installed, capsys):
    installed()
    assert _cli.main(["-V"]) == 0
    assert capsys.readouterr().out == f"mnemexa {mnemexa.__version__}\n"


def test_the_sdk_version_is_the_installed_one():
    assert _cli.sdk_version() == mnemexa.__version__


def test_the_installed_server_registers_its_commands(tmp_path, capsys):
    """In a venv with mnemexa-server (``make setup``), the real entry points run its CLI."""
    try:
        metadata.distribution("mnemexa-server")
    except metadata.PackageNotFoundError:
        pytest.skip("mnemexa-server is not installed (an SDK-only venv)")
    commands = _cli.installed_commands()
    for name in ("serve", "keys", "workspaces", "vacuum"):
        assert commands[name].distribution == "mnemexa-server"
    assert _cli.main(["workspaces", "list", "--data-dir", str(tmp_path)]) == 0
    assert "memories" in capsys.readouterr().out
