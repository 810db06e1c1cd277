"""metiers' benchmark: every command of issue 5 against the Typer+Rich floor, as ratios measured in one run.

    python bench/run.py            # all rows, 15 interleaved runs each
    python bench/run.py --runs 7 --quick   # no 30,000-role base

The floor is a minimal Typer app in this same venv, with one str argument, printing one line through a Rich
Console: the least any Typer+Rich command costs here. Each round runs every command once, in turn
(interleaved), so that drift in the machine's speed touches them all alike; the medians are compared.
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


def metiers_command() -> list[str]:
    script = Path(sys.executable).with_name("metiers")
    return [sys.executable, str(script)] if script.is_file() else [sys.executable, "-m", "metiers_cli"]


def run_once(argv: list[str], env: dict) -> tuple[float, int, int]:
    """Wall time, exit status and peak memory (KB) of one run."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss


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
            f"PyYAML {version('pyyaml')}, RapidFuzz {version('rapidfuzz')}")


def base(n: int) -> Path:
    path = OUT / f"synth-{n}.yaml"
    if not path.is_file():
        sys.path.insert(0, str(HERE))
        from synth import write

        print(f"génération de la base synthétique de {n} métiers…", file=sys.stderr)
        OUT.mkdir(exist_ok=True)
        write(n, path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="skip the 30,000-role base")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="metiers-bench-"))
    floor = work / "floor.py"
    floor.write_text(FLOOR, encoding="utf-8")
    cache = work / "cache"
    # as on a user's machine: bytecode is cached (a sandbox may set PYTHONDONTWRITEBYTECODE, which would make
    # every run recompile metiers, while Typer and Rich, installed by pip, come precompiled)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("METIERS", "_METIERS", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE"))}
    env.update(XDG_CACHE_HOME=str(cache), COLUMNS="100", NO_COLOR="1")
    metiers = metiers_command()

    # the shipped base, found the way metiers finds it, without importing metiers here (a forked child's peak
    # memory would count this process's)
    shipped = Path(subprocess.run([sys.executable, "-c", "from metiers_cli.location import default_path; "
                                   "print(default_path())"], capture_output=True, text=True).stdout.strip())
    sizes = [("base fournie", None), ("3 000 métiers", base(3000))]
    if not args.quick:
        sizes.append(("30 000 métiers", base(30000)))

    def with_data(path: Path | None, extra: dict | None = None) -> dict:
        e = dict(env)
        if path is not None:
            e["METIERS_DATA"] = str(path)
        e.update(extra or {})
        return e

    complete = {"_METIERS_COMPLETE": "complete_bash", "COMP_CWORD": "2"}
    cases = []  # (label, size label, argv, env, target ratio)
    for label, path in sizes:
        role = "traffic-manager" if path is None else "metier-01234"
        prefix = "traffic" if path is None else "metier-012"
        targets = {"base fournie": (1.2, 1.2, 1.0), "3 000 métiers": (1.2, 1.3, 1.0),
                   "30 000 métiers": (1.3, 1.6, 1.1)}[label]
        cases.append(("show ID", label, [*metiers, "show", role], with_data(path), targets[0]))
        cases.append(("search « deux mots »", label, [*metiers, "search", "stratégie marque"], with_data(path),
                      targets[1]))
        cases.append(("--version", label, [*metiers, "--version"], with_data(path), targets[2]))
        cases.append(("complétion d'un id", label, [*metiers],
                      with_data(path, dict(complete, COMP_WORDS=f"metiers show {prefix}")), targets[2]))
        if path is None:
            cases.append(("tree agence", label, [*metiers, "tree", "agence"], with_data(path), 1.3))
            cases.append(("compare (3 métiers)", label, [*metiers, "compare", "CM", "SMM", "traffic-manager"],
                          with_data(path), 1.3))

    # first run after the base changed (cache miss), and a warm cache for every base
    print(f"Machine : {machine()}\n")
    print("Première lecture d'une base modifiée (cache à reconstruire) :")
    first_targets = {"base fournie": 0.5, "3 000 métiers": 2.0, "30 000 métiers": 20.0}
    for label, path in sizes:
        target = first_targets[label]
        copy = work / f"{label.replace(' ', '-')}.yaml"
        shutil.copyfile(path if path is not None else shipped, copy)  # streamed: this process stays small
        times, peaks = [], []
        for _ in range(3):
            os.utime(copy)  # a changed base: the cache must be rebuilt
            elapsed, status, peak = run_once([*metiers, "show", "--data", str(copy),
                                              "traffic-manager" if path is None else "metier-01234"], env)
            assert status == 0, f"échec : {label}"
            times.append(elapsed)
            peaks.append(peak)
        ok = "✓" if statistics.median(times) <= target else "✗"
        print(f"  {label:<16} {statistics.median(times):6.2f} s   (cible ≤ {target:g} s) {ok}   "
              f"mémoire max {max(peaks) / 1024:5.0f} Mo")
        run_once([*metiers, "show", "--data", str(copy), "x"], env)
    for _label, path in sizes:  # warm every cache (and the bytecode) used below
        for _c, _l, argv, case_env, _t in cases:
            if case_env.get("METIERS_DATA") == (str(path) if path else None):
                run_once(argv, case_env)
    run_once([sys.executable, str(floor), "x"], env)

    floor_argv = [sys.executable, str(floor), "x"]
    results: dict[int, list[float]] = {i: [] for i in range(len(cases))}
    peaks: dict[int, int] = {}
    floor_times: list[float] = []
    for _round in range(args.runs):
        floor_times.append(run_once(floor_argv, env)[0])
        for i, (_c, _l, argv, case_env, _t) in enumerate(cases):
            elapsed, status, peak = run_once(argv, case_env)
            if status != 0:
                raise SystemExit(f"échec ({status}) : {' '.join(argv)}")
            results[i].append(elapsed)
            peaks[i] = max(peaks.get(i, 0), peak)
    floor = statistics.median(floor_times)
    python = statistics.median(run_once([sys.executable, "-c", "pass"], env)[0] for _ in range(args.runs))
    print(f"\n`python -c pass` : {python * 1000:.0f} ms ; plancher Typer+Rich : {floor * 1000:.0f} ms "
          f"({floor / python:.1f} × python -c pass) ; {args.runs} mesures par ligne, médianes\n")
    print(f"  {'commande':<22} {'base':<16} {'médiane':>8} {'× plancher':>11} {'cible':>7}      mémoire")
    failures = 0
    for i, (command, label, _argv, _env, target) in enumerate(cases):
        median = statistics.median(results[i])
        ratio = median / floor
        ok = ratio <= target
        failures += not ok
        print(f"  {command:<22} {label:<16} {median * 1000:6.0f} ms {ratio:9.2f} × {target:6.1f} ×  "
              f"{'✓' if ok else '✗'}   {peaks[i] / 1024:5.0f} Mo")
    show = next(i for i, c in enumerate(cases) if c[0] == "show ID" and c[1] == "base fournie")
    print(f"\nObjectif bonus : show = {statistics.median(results[show]) / python:.1f} × python -c pass "
          "(cible ≤ 10 ×)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
