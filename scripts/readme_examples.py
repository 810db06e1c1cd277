"""Keeps the command examples of README.md true: `python scripts/readme_examples.py` rewrites them from the
real output; `--check` fails (exit 1) where one differs. tests/test_readme.py runs the check.

An example is written in README.md as:

    <!-- example COLUMNS=80: metiers tree agence -->
    ```text
    (the output, generated)
    ```

A ```mermaid fence is generated the same way (GitHub draws it).
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
EXAMPLE = re.compile(r"<!-- example(?: COLUMNS=(\d+))?: (metiers [^>]*?) -->\n```(text|mermaid)\n(.*?)```\n", re.DOTALL)


def output_of(command: str, columns: str | None) -> str:
    """What the program prints for a command line (through ``cli.run``, as the ``metiers`` program runs it)."""
    from typer.testing import CliRunner

    from metiers_cli import cli

    env = {"COLUMNS": columns or "80", "NO_COLOR": "1", "METIERS_DATA": None, "FORCE_COLOR": None,
           "METIERS_PAGER": "0"}
    with CliRunner().isolation(env=env) as (out, err, *_rest):
        try:
            code = cli.run(shlex.split(command)[1:])
        except SystemExit as exit_:
            code = exit_.code
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    if code:
        raise SystemExit(f"README example failed ({code}): {command}\n{stderr}")
    return stdout.replace("\u00a0", " ").replace("\u202f", " ")


def examples(text: str):
    for match in EXAMPLE.finditer(text):
        yield match, output_of(match.group(2), match.group(1))


def block(columns: str | None, command: str, fence: str, output: str) -> str:
    width = f" COLUMNS={columns}" if columns else ""
    return f"<!-- example{width}: {command} -->\n```{fence}\n{output}```\n"


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    stale = [m.group(2) for m, out in examples(text) if m.group(4) != out]
    if "--check" in argv:
        for command in stale:
            print(f"README.md : l'exemple « {command} » ne correspond plus à la sortie réelle "
                  "(python scripts/readme_examples.py le régénère)")
        return 1 if stale else 0
    updated = EXAMPLE.sub(lambda m: block(m.group(1), m.group(2), m.group(3), output_of(m.group(2), m.group(1))),
                          text)
    README.write_text(updated, encoding="utf-8")
    print(f"{len(stale)} exemple(s) mis à jour")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
