"""The `metiers` program: as little as possible before Ctrl-C can be answered with one line.

``--version`` is answered here, before Typer is imported. Everything else is imported inside main(), so that an
interruption at any moment, even while Python loads Typer, ends with "metiers : interrompu" and exit 130, never a
traceback.
"""

import sys

INTERRUPTED = 130


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        print(f"metiers {__version__}")
        return
    short = sys.argv[1:2] != ["explore"]
    if short:
        # A command is a short run that makes many small objects and no garbage cycles worth finding: the cyclic
        # collector would only slow it down (a long listing by a third). The explorer, a long run, keeps it.
        import gc

        gc.disable()
    try:
        from .cli import main as run

        run()
    except KeyboardInterrupt:
        _interrupted()
    except SystemExit as exit_:
        if exit_.code == INTERRUPTED:
            _interrupted()  # an interruption during Typer's own parsing ends silently there
        raise
    finally:
        if short:
            # The interpreter's shutdown still runs (atexit, streams flushed, modules cleared), but its last
            # garbage collection skips what the run made: walking every object of Typer, Rich and the command
            # cost about 10 ms a run, a sixth of a completion, for memory the system takes back anyway.
            gc.freeze()


def _interrupted() -> None:
    from . import errors

    if not errors.INTERRUPTION_REPORTED:
        try:
            print("metiers\u00a0: interrompu", file=sys.stderr, flush=True)
        except (OSError, ValueError):
            pass
        errors.INTERRUPTION_REPORTED = True
    raise SystemExit(INTERRUPTED)
