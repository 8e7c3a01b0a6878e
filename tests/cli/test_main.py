def test_help_lists_subcommands(refocus):
    result = refocus("--help")
    assert result.returncode == 0
    for command in ("serve", "forms", "responses", "demo"):
        assert command in result.stdout


def test_version(cli):
    assert "refocus, version" in cli("--version").output
