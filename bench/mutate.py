"""A small mutation runner: does the suite notice when the code is wrong?

For each target module it makes one simple change at a time (a "mutant"),
runs that module's tests with `-x -q`, and reports whether a test failed
(killed) or everything still passed (survived). A survivor is either a gap in
the tests or an equivalent change (one no caller can observe); both are worth
a look. Mutations:

* comparisons: `<`↔`>=`, `>`↔`<=`, `==`↔`!=`, `is`↔`is not`, `in`↔`not in`,
  and the boundary shifts `<`→`<=`, `<=`→`<`, `>`→`>=`, `>=`→`>`
* `and`↔`or`
* conditions of `if`, `while` and `x if c else y` negated
* integer constants ±1
* `return X` → `return None`
* `raise …` dropped (replaced by `pass`)

The module file itself is rewritten for each mutant (so subprocesses, threads
and Celery-eager code all see it) and ALWAYS restored, on success, failure,
Ctrl-C or SIGTERM; a copy sits next to it as `<file>.mutate-orig` while a run
is under way, and a later run restores from that copy if a run was killed
hard. Tests run with PYTHONDONTWRITEBYTECODE=1 so no mutant's bytecode is
cached. Run on demand only (never from the test suite):

    .venv/bin/python bench/mutate.py                      # every target
    .venv/bin/python bench/mutate.py billing/ledger.py    # one target
    .venv/bin/python bench/mutate.py --list photos/imaging.py
    .venv/bin/python bench/mutate.py --limit 40 --timeout 120 photos/imaging.py
    .venv/bin/python bench/mutate.py --lines 42,48 photos/outbound.py   # re-check survivors

It takes a while: every mutant is a fresh pytest process (~3–15 s here).
`--limit N` samples N mutants per module, spread evenly over the file.
A line ending in `# pragma: no mutate` is left alone.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Module (optionally `::function,function` to mutate only those) → the test
# modules that should notice a change in it. Edit freely when code moves.
TARGETS: dict[str, list[str]] = {
    "billing/ledger.py": ["tests/test_credits.py", "tests/test_billing_concurrency.py"],
    "billing/webhooks.py": [
        "tests/test_billing_webhook_forgery.py",
        "tests/test_billing_webhooks.py",
        "tests/test_billing_admin.py",
    ],
    "photos/imaging.py": [
        "tests/test_metadata_stripping.py",
        "tests/test_jpeg_trailers.py",
        "tests/test_work_budget.py",
        "tests/test_photo_bad_input.py",
        "tests/test_photo_happy_path.py",
    ],
    "accounts/authentication.py": ["tests/test_api_auth.py", "tests/test_key_settings.py", "tests/test_test_keys.py"],
    "photos/outbound.py": [
        "tests/test_outbound_guard.py",
        "tests/test_webhook_url_guard.py",
        "tests/test_completion_webhooks.py",
        "tests/test_key_settings.py",
    ],
}

FLIPS = {
    ast.Lt: [ast.GtE, ast.LtE],
    ast.LtE: [ast.Gt, ast.Lt],
    ast.Gt: [ast.LtE, ast.GtE],
    ast.GtE: [ast.Lt, ast.Gt],
    ast.Eq: [ast.NotEq],
    ast.NotEq: [ast.Eq],
    ast.Is: [ast.IsNot],
    ast.IsNot: [ast.Is],
    ast.In: [ast.NotIn],
    ast.NotIn: [ast.In],
}


@dataclass(frozen=True)
class Mutant:
    index: int  # position of the node in ast.walk order (the same for every parse of the file)
    kind: str  # compare | boolop | negate | int | return | raise
    arg: int  # which operator / which delta
    line: int
    before: str
    after: str

    def describe(self) -> str:
        return f"{self.before}  →  {self.after}"


# --- Finding and applying mutations -------------------------------------------------------------


def _short(node: ast.AST, limit: int = 70) -> str:
    text = ast.unparse(node).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _scope_lines(tree: ast.Module, functions: list[str] | None) -> set[int] | None:
    if not functions:
        return None
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in functions:
            lines.update(range(node.lineno, node.end_lineno + 1))
    missing = set(functions) - {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    if missing:
        raise SystemExit(f"mutate: no function named {', '.join(sorted(missing))} in that module")
    return lines


def _skipped_lines(source: str) -> set[int]:
    return {n for n, text in enumerate(source.splitlines(), 1) if text.rstrip().endswith("# pragma: no mutate")}


def _is_main_guard(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "__name__" in ast.unparse(node.test)


def _docstring_ids(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _candidates(node: ast.AST) -> list[tuple[str, int]]:
    """(kind, arg) pairs of the mutations this node allows."""
    if isinstance(node, ast.Compare):
        return [("compare", i * 10 + j) for i, op in enumerate(node.ops) for j in range(len(FLIPS.get(type(op), [])))]
    if isinstance(node, ast.BoolOp):
        return [("boolop", 0)]
    if isinstance(node, (ast.If, ast.While, ast.IfExp)) and not _is_main_guard(node):
        return [("negate", 0)]
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return [("int", 1), ("int", -1)]
    if isinstance(node, ast.Return) and node.value is not None:
        if not (isinstance(node.value, ast.Constant) and node.value.value is None):
            return [("return", 0)]
    if isinstance(node, ast.Raise):
        return [("raise", 0)]
    return []


def _mutate(node: ast.AST, kind: str, arg: int) -> ast.AST:
    """Return the replacement for `node` (a mutated deep copy)."""
    new = copy.deepcopy(node)
    if kind == "compare":
        position, choice = divmod(arg, 10)
        new.ops[position] = FLIPS[type(node.ops[position])][choice]()
    elif kind == "boolop":
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind == "negate":
        test = node.test
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            new.test = copy.deepcopy(test.operand)
        else:
            new.test = ast.UnaryOp(ast.Not(), copy.deepcopy(test))
    elif kind == "int":
        new.value = node.value + arg
    elif kind == "return":
        new.value = ast.Constant(None)
    elif kind == "raise":
        new = ast.Pass()
    return ast.copy_location(new, node)


def _shown(node: ast.AST) -> ast.AST:
    """What to print for a node: the condition of an if/while, not its whole body."""
    return node.test if isinstance(node, (ast.If, ast.While)) else node


def find_mutants(source: str, functions: list[str] | None = None) -> list[Mutant]:
    tree = ast.parse(source)
    scope = _scope_lines(tree, functions)
    skipped = _skipped_lines(source)
    docstrings = _docstring_ids(tree)
    mutants = []
    for index, node in enumerate(ast.walk(tree)):
        line = getattr(node, "lineno", None)
        if line is None or line in skipped or (scope is not None and line not in scope) or id(node) in docstrings:
            continue
        for kind, arg in _candidates(node):
            after = _mutate(node, kind, arg)
            before_text, after_text = _short(_shown(node)), _short(_shown(after))
            if kind == "raise":
                after_text = "(raise dropped)"
            elif kind == "boolop":  # the whole expression is often too long to show twice
                swap = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
                before_text, after_text = f"{swap[0]} in {_short(node, 60)}", swap[1]
            mutants.append(Mutant(index, kind, arg, line, before_text, after_text))
    return sorted(mutants, key=lambda m: (m.line, m.index, m.kind, m.arg))


class _Replace(ast.NodeTransformer):
    def __init__(self, target: ast.AST, replacement: ast.AST):
        self.target, self.replacement = target, replacement

    def visit(self, node):
        if node is self.target:
            return self.replacement
        return super().visit(node)


def mutated_source(source: str, mutant: Mutant) -> str:
    tree = ast.parse(source)
    target = next(node for index, node in enumerate(ast.walk(tree)) if index == mutant.index)
    tree = _Replace(target, _mutate(target, mutant.kind, mutant.arg)).visit(tree)
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


# --- Running ---------------------------------------------------------------------------------


class Terminated(BaseException):
    """SIGTERM, turned into an exception so `finally` restores the module."""


def _on_sigterm(signum, frame):
    raise Terminated()


def run_tests(tests: list[str], timeout: float) -> tuple[str, float]:
    """('passed' | 'failed' | 'timeout' | 'no tests', seconds) for one pytest run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", *tests]
    started = time.monotonic()
    # Own session: on timeout or Ctrl-C we end this pytest and its children, and nothing else.
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return "timeout", time.monotonic() - started
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    outcome = {0: "passed", 5: "no tests"}.get(code, "failed")
    return outcome, time.monotonic() - started


def _spread(mutants: list[Mutant], limit: int | None) -> list[Mutant]:
    if not limit or limit >= len(mutants):
        return mutants
    step = len(mutants) / limit
    return [mutants[int(i * step)] for i in range(limit)]


def _recover(path: Path) -> None:
    backup = path.with_name(path.name + ".mutate-orig")
    if backup.exists():
        print(f"mutate: restoring {path} from a run that was killed ({backup.name})", file=sys.stderr)
        shutil.copy2(backup, path)
        backup.unlink()


def mutate_module(
    target: str, tests: list[str], limit: int | None, timeout: float | None, lines: set[int] | None = None
) -> list[tuple]:
    module, _, names = target.partition("::")
    path = ROOT / module
    _recover(path)
    original = path.read_text()
    stat = path.stat()
    mutants = find_mutants(original, names.split(",") if names else None)
    mutants = _spread([m for m in mutants if not lines or m.line in lines], limit)
    print(f"\n== {target}: {len(mutants)} mutants; tests: {' '.join(tests)}", flush=True)

    outcome, seconds = run_tests(tests, timeout or 600)
    if outcome != "passed":
        raise SystemExit(f"mutate: the tests do not pass on the unmutated {module} ({outcome}); fix that first")
    per_mutant = timeout or max(30.0, 3 * seconds)
    print(f"   baseline passed in {seconds:.1f} s; per-mutant timeout {per_mutant:.0f} s", flush=True)

    backup = path.with_name(path.name + ".mutate-orig")
    shutil.copy2(path, backup)
    results = []
    try:
        for number, mutant in enumerate(mutants, 1):
            path.write_text(mutated_source(original, mutant))
            outcome, seconds = run_tests(tests, per_mutant)
            verdict = "SURVIVED" if outcome == "passed" else "killed" if outcome == "failed" else outcome
            results.append((module, mutant, verdict))
            print(f"   [{number}/{len(mutants)}] {verdict:8} {module}:{mutant.line}  {mutant.describe()}"
                  f"  ({seconds:.0f} s)", flush=True)
    finally:
        path.write_text(original)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        backup.unlink(missing_ok=True)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="modules from TARGETS (default: all); a prefix is enough")
    parser.add_argument("--limit", type=int, help="at most N mutants per module, spread over the file")
    parser.add_argument("--timeout", type=float, help="seconds per mutant (default: 3× the baseline run, ≥ 30)")
    parser.add_argument("--lines", help="only mutants on these lines, e.g. 42,43,48 (re-check survivors)")
    parser.add_argument("--list", action="store_true", help="list the mutants without running anything")
    args = parser.parse_args(argv)

    chosen = [t for t in TARGETS if not args.targets or any(t.startswith(a) for a in args.targets)]
    if not chosen:
        parser.error(f"no target matches; known: {', '.join(TARGETS)}")
    if args.list:
        for target in chosen:
            module, _, names = target.partition("::")
            mutants = _spread(find_mutants((ROOT / module).read_text(), names.split(",") if names else None), args.limit)
            for mutant in mutants:
                print(f"{module}:{mutant.line}  {mutant.kind:7} {mutant.describe()}")
        return 0

    signal.signal(signal.SIGTERM, _on_sigterm)
    results = []
    try:
        for target in chosen:
            lines = {int(n) for n in args.lines.split(",")} if args.lines else None
            results += mutate_module(target, TARGETS[target], args.limit, args.timeout, lines)
    except (KeyboardInterrupt, Terminated):
        print("\nmutate: interrupted; the module was restored", file=sys.stderr)
    survivors = [(module, mutant) for module, mutant, verdict in results if verdict == "SURVIVED"]
    killed = sum(1 for *_, verdict in results if verdict in ("killed", "timeout"))
    odd = len(results) - killed - len(survivors)
    print(f"\n{killed} killed (timeouts included), {len(survivors)} survived"
          f"{f', {odd} ran no test' if odd else ''} of {len(results)} mutants run")
    for module, mutant in survivors:
        print(f"  survived  {module}:{mutant.line}  {mutant.describe()}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
