"""metiers' benchmark: every command as a ratio to `python -c pass`, measured in one interleaved run.

    python bench/run.py                 # every row, 15 interleaved rounds
    python bench/run.py --runs 7 --quick   # without the 30,000-role base

The yardstick is the interpreter itself (`python -c pass` in this same venv), which no dependency choice moves;
a minimal Typer+Rich app of the installed Typer is timed too, for information. Each round runs every command
once, in turn, so that drift in the machine's speed touches them all alike; medians are compared, and the
spread (min–max of the ratios over the rounds) is shown. Warm cache, no terminal (stdout to /dev/null).
Synthetic bases (bench/synth.py) are generated into bench/out/ and reused.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
FLOOR = '''import typer
from rich.console import Console

app = typer.Typer()


@app.command()
def main(name: str) -> None:
    Console().print(f"bonjour {name}")


if __name__ == "__main__":
    app()
'''
# targets (ratio to python -c pass) per size, from issue 13
TARGETS = {
    "show ID": (10, 11, 12), "tree": (10, 11, 12), "compare A B": (10, 11, 12), "list": (10, 11, 12),
    "glossary TERME": (10, 11, 12), "search « deux mots »": (11, 12, 15), "complétion d'un métier": (6, 6, 7),
    "--version": (3, None, None),
}
FIRST_RUN = (0.5, 2.0, 20.0)  # seconds
FIRST_RUNS = 5  # a first read is timed alone, in seconds: the median of five is steadier on a VM whose speed drifts
PEAK_MEMORY = (None, None, 600)  # MB, for the first run


def metiers_command() -> list[str]:
    script = Path(sys.executable).with_name("metiers")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "metiers_cli"]


def run_once(argv: list[str], env: dict) -> tuple[float, int]:
    """Wall time and exit status of one run."""
    start = time.perf_counter()
    status = subprocess.call(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             stdin=subprocess.DEVNULL)
    return time.perf_counter() - start, status


# The peak memory of a child counts what it had before exec, that is, a copy of whoever forked it: children are
# forked by this small launcher (python -S -I, a few MB) rather than by the benchmark itself.
LAUNCHER = """import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_RDWR)
    for n in (0, 1, 2):
        os.dup2(fd, n)
    try:
        os.execvpe(sys.argv[1], sys.argv[1:], os.environ)
    finally:
        os._exit(127)
_pid, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def measured(argv: list[str], env: dict) -> tuple[float, int, float]:
    """Wall time, exit status and peak memory (MB) of one run, through the launcher."""
    out = subprocess.run([sys.executable, "-S", "-I", "-c", LAUNCHER, *argv], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]) / 1024


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cœurs, "
            f"Python {platform.python_version()}, Typer {version('typer')}, Rich {version('rich')}, "
            f"PyYAML {version('pyyaml')}, RapidFuzz {version('rapidfuzz')}, SQLite {__import__('sqlite3').sqlite_version}")


def base(n: int) -> Path:
    path = OUT / f"synth-{n}.yaml"
    if not path.is_file():
        sys.path.insert(0, str(HERE))
        from synth import write

        print(f"génération de la base synthétique de {n} métiers…", file=sys.stderr)
        OUT.mkdir(exist_ok=True)
        write(n, path)
    return path


def cases_for(label: str, path: Path | None, column: int, env: dict, metiers: list[str]) -> list[tuple]:
    """(command, size label, argv, env, target) of one size of base."""
    shipped = path is None
    role, other = ("traffic-manager", "community-manager") if shipped else ("metier-01234", "metier-00042")
    structure = "agence" if shipped else "entite-0000"
    e = dict(env)
    if path is not None:
        e["METIERS_DATA"] = str(path)
    complete = dict(e, _METIERS_COMPLETE="complete_bash", COMP_CWORD="2",
                    COMP_WORDS=f"metiers show {'traffic' if shipped else 'metier-012'}")
    rows = [("show ID", [*metiers, "show", role], e), ("tree", [*metiers, "tree", structure], e),
            ("compare A B", [*metiers, "compare", role, other], e), ("list", [*metiers, "list"], e),
            ("glossary TERME", [*metiers, "glossary", "cpc"], e),
            ("search « deux mots »", [*metiers, "search", "stratégie marque"], e),
            ("complétion d'un métier", [*metiers], complete)]
    if shipped:
        rows.append(("--version", [*metiers, "--version"], e))
    return [(command, label, argv, environment, TARGETS[command][column]) for command, argv, environment in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="sans la base de 30 000 métiers")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="metiers-bench-"))
    floor_script = work / "floor.py"
    floor_script.write_text(FLOOR, encoding="utf-8")
    cache = work / "cache"
    # as on a user's machine: bytecode is cached (a sandbox may set PYTHONDONTWRITEBYTECODE, which would make
    # every run recompile metiers, while Typer and Rich, installed by pip, come precompiled)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("METIERS", "_METIERS", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "COMP_"))}
    env.update(XDG_CACHE_HOME=str(cache), COLUMNS="100", NO_COLOR="1")
    metiers = metiers_command()
    shipped = Path(subprocess.run([sys.executable, "-c", "from metiers_cli.location import default_path; "
                                   "print(default_path())"], capture_output=True, text=True).stdout.strip())
    sizes = [("base fournie", None), ("3 000 métiers", base(3000))]
    if not args.quick:
        sizes.append(("30 000 métiers", base(30000)))

    print(f"Machine : {machine()}\n")
    print(f"Première lecture d'une base modifiée (base compilée à reconstruire), médiane de {FIRST_RUNS} :")
    for column, (label, path) in enumerate(sizes):
        copy = work / f"base-{column}.yaml"
        shutil.copyfile(path if path is not None else shipped, copy)
        times, peaks = [], []
        for _ in range(FIRST_RUNS):
            text = copy.read_bytes()
            copy.write_bytes(text + b"\n")  # another content: the compiled base must be rebuilt
            elapsed, status, peak = measured([*metiers, "show", "--data", str(copy),
                                              "traffic-manager" if path is None else "metier-01234"], env)
            assert status == 0, f"échec : {label}"
            times.append(elapsed)
            peaks.append(peak)
        target, memory = FIRST_RUN[column], PEAK_MEMORY[column]
        ok = statistics.median(times) <= target and (memory is None or max(peaks) <= memory)
        size = sum(f.stat().st_size for f in (cache / "metiers").glob("*.sqlite3")) if column == len(sizes) - 1 else 0
        print(f"  {label:<16} {statistics.median(times):6.2f} s   (cible ≤ {target:g} s"
              f"{f', ≤ {memory} Mo' if memory else ''}) {'✓' if ok else '✗'}   mémoire max {max(peaks):5.0f} Mo")
        for file in (cache / "metiers").glob("*.sqlite3"):
            if column == len(sizes) - 1:
                print(f"  taille de la base compilée ({label}) : {file.stat().st_size / 1_000_000:.0f} Mo "
                      f"(YAML : {copy.stat().st_size / 1_000_000:.0f} Mo)")
            file.unlink()
    cases = [case for column, (label, path) in enumerate(sizes) for case in cases_for(label, path, column, env, metiers)]
    peaks: dict[int, float] = {}
    for i, (_c, _l, argv, case_env, _t) in enumerate(cases):  # warm every compiled base and the bytecode
        run_once(argv, case_env)
        peaks[i] = measured(argv, case_env)[2]
    python_argv = [sys.executable, "-c", "pass"]
    floor_argv = [sys.executable, str(floor_script), "x"]
    run_once(floor_argv, env)

    results: dict[int, list[float]] = {i: [] for i in range(len(cases))}
    python_times: list[float] = []
    floor_times: list[float] = []
    for _round in range(args.runs):
        python_times.append(run_once(python_argv, env)[0])
        floor_times.append(run_once(floor_argv, env)[0])
        for i, (_c, _l, argv, case_env, _t) in enumerate(cases):
            elapsed, status = run_once(argv, case_env)
            if status != 0:
                raise SystemExit(f"échec ({status}) : {' '.join(argv)}")
            results[i].append(elapsed)
    python = statistics.median(python_times)
    floor = statistics.median(floor_times)
    print(f"\n`python -c pass` : {python * 1000:.0f} ms ; application Typer+Rich minimale : {floor * 1000:.0f} ms "
          f"({floor / python:.1f} ×) ; {args.runs} tours entrelacés, médianes\n")
    print(f"  {'commande':<24} {'base':<15} {'médiane':>8} {'× python':>9} {'min–max':>11} {'cible':>6}   "
          f"{'× Typer+Rich':>12}  mémoire")
    failures = 0
    for i, (command, label, _argv, _env, target) in enumerate(cases):
        median = statistics.median(results[i])
        ratios = [t / p for t, p in zip(results[i], python_times)]
        ratio = median / python
        ok = target is None or ratio <= target
        failures += not ok
        print(f"  {command:<24} {label:<15} {median * 1000:5.0f} ms {ratio:7.1f} × {min(ratios):5.1f}–{max(ratios):4.1f} "
              f"{('≤ ' + str(target)) if target else '':>6} {'✓' if ok else '✗'} {median / floor:10.2f} ×  "
              f"{peaks[i]:5.0f} Mo")
    show = next(i for i, c in enumerate(cases) if c[0] == "show ID" and c[1] == "base fournie")
    print(f"\nObjectif bonus : show = {statistics.median(results[show]) / python:.1f} × python -c pass (cible ≤ 8 ×)")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
