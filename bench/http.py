"""The HTTP benchmark under the name issue 4 gives it: `python bench/http.py [options]`.

It runs `bench/http_load.py`, which does the work; the options and figures are the same.

A file named `http.py` shadows the standard library's `http` package for every script of this
folder (Python puts a script's folder first on `sys.path`, and httpx, uvicorn and
urllib.request import `http`). So this file works both ways:

- run as a script, it takes its own folder off `sys.path` before anything imports `http`,
  then runs `http_load.py`;
- imported as `http` (by another script here), it loads the standard library's package in
  its place, so that `import http.client` and everything above it work as usual.
"""

import importlib.util
import sys
import sysconfig
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
    import runpy

    runpy.run_path(str(HERE / "http_load.py"), run_name="__main__")
else:
    _package = Path(sysconfig.get_paths()["stdlib"]) / "http"
    _spec = importlib.util.spec_from_file_location(
        "http", _package / "__init__.py", submodule_search_locations=[str(_package)]
    )
    if _spec is None or _spec.loader is None:  # pragma: no cover - a broken installation
        raise ImportError("the standard library's http package is missing")
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["http"] = _module  # the import statement returns what sys.modules holds
    _spec.loader.exec_module(_module)
