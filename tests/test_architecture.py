"""The engine is a plain library: importing it (and running it) never pulls in streamlit; no project module
imports itself back through others (an import circle), not even from inside a function."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports(path: Path) -> set[str]:
    """Top-level package names a module imports (code only, not text inside strings)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_rnn_core_never_imports_streamlit():
    code = ("import sys, runpy\n"
            "import rnn_core.cli, rnn_core.engine.train, rnn_core.engine.bundle, rnn_core.engine.instrument,"
            " rnn_core.data.series, rnn_core.data.csv_series\n"
            "assert 'streamlit' not in sys.modules, 'streamlit was imported'\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    for path in (ROOT / "rnn_core").rglob("*.py"):
        assert "streamlit" not in imports(path), path.name


def test_charts_do_not_import_streamlit_or_torch():
    for path in (ROOT / "charts").rglob("*.py"):
        assert not imports(path) & {"streamlit", "torch", "rnn_core", "ui"}, path.name


def test_pages_do_not_import_torch():
    for path in [ROOT / "streamlit_app.py", *(ROOT / "pages").glob("*.py")]:
        assert "torch" not in imports(path), path.name


def test_home_loads_no_torch_through_any_module_it_imports():
    """Home paints before torch is imported (the engine warms up after it): every import of its script,
    followed through the modules they import in turn, leaves torch unloaded."""
    tree = ast.parse((ROOT / "streamlit_app.py").read_text())
    lines = [ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    code = "\n".join([*lines, "import sys", "assert 'torch' not in sys.modules, 'Home imports torch'"])
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-1500:]


def url_reads(source: str) -> list[int]:
    """Lines that touch ``st.query_params`` (an attribute ``query_params`` of anything, read or written) or
    bind a widget to it (``bind="query-params"``); ``st.page_link(..., query_params=...)`` passes a link's
    parameters and reads no URL."""
    return sorted(node.lineno for node in ast.walk(ast.parse(source))
                  if isinstance(node, ast.Attribute) and node.attr == "query_params"
                  or isinstance(node, ast.keyword) and node.arg == "bind"
                  and isinstance(node.value, ast.Constant) and node.value.value == "query-params")


def test_the_url_is_read_by_the_field_layer_only():
    assert url_reads("import streamlit as st\nst.page_link('p', query_params={'a': 1})\nx = 1\n"
                     "y = st.query_params.get('a')\nst.slider('s', key='s', bind='query-params')\n") == [4, 5]
    outside = {}
    for path in [ROOT / "streamlit_app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        if (ROOT / "ui" / "state") not in path.parents and url_reads(path.read_text()):
            outside[str(path.relative_to(ROOT))] = url_reads(path.read_text())
    assert not outside, f"st.query_params outside ui/state/ (file: lines): {outside}"


PACKAGES = ("rnn_core", "ui", "charts")  # pages and the app import these; nothing imports a page


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_imports(path: Path, modules: set[str]) -> set[str]:
    """The project modules ``path`` imports, at any level (inside functions too: an import put off to the
    first call still closes a circle), ``from pkg import module`` naming the module itself."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # rnn_core.config.RunConfig -> rnn_core.config
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    paths += [ROOT / "streamlit_app.py", *(ROOT / "pages").glob("*.py")]
    modules = {module_name(p) for p in paths}
    return {module_name(p): project_imports(p, modules) for p in paths}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path a -> b -> ... -> a, or None (depth-first search, stable order)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                return path[path.index(n):] + [n]
            if n not in state and (found := visit(n)):
                return found
        path.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_find_cycle_reports_the_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert "rnn_core.engine.bundle" in graph["rnn_core.cli"]  # `from .bundle import save_bundle` inside a function
    assert "ui.runs.access" in graph["ui.views.blocks"]  # `from ui.runs.access import baselines_of` inside a function
    assert "ui.runs.store" in graph["ui.runs.access"]  # `from ui.runs import store` names the module


def test_no_import_circles_between_project_modules():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle)


def package_of(module: str) -> str:
    """``ui.runs.flow`` -> ``ui.runs``; top-level modules (``rnn_core.config``, pages) stand for themselves."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] in ("rnn_core", "ui") and len(parts) > 2 else module


def test_no_import_circles_between_subpackages():
    """The subpackages are layers (ui: text < state < runs < views < glue; rnn_core: data < limits < engine <
    inside, lab): a module may import a lower one, never the reverse, even where no module circle results."""
    graph: dict[str, set[str]] = {}
    for module, targets in import_graph().items():
        graph.setdefault(package_of(module), set()).update(package_of(t) for t in targets)
    graph = {p: targets - {p} for p, targets in graph.items()}
    cycle = find_cycle(graph)
    assert cycle is None, "import circle between subpackages: " + " -> ".join(cycle)
