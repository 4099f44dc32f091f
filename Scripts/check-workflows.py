#!/usr/bin/env python3
"""Checks the structure of every YAML file under .github/ (GitHub Actions cannot run here).

- every file parses as YAML (PyYAML);
- a workflow (.github/workflows/*, .github/examples/*) has `on` and `jobs`; each job either calls
  a reusable workflow (`uses`) or has `runs-on` and `steps`; each step has exactly one of `uses`
  and `run`; step ids are unique within a job; `uses` names a path or owner/repo@ref;
- an action (action.yml) has `name`, `description` and `runs`; a composite action has
  `runs.using: composite`, each `run` step has `shell`, and every `inputs.X` it reads is declared;
- `${{ steps.X... }}` names a step id of the same job or action;
- then `actionlint` over the workflows, when it is installed (it is not required).

Usage: Scripts/check-workflows.py [ROOT]   (default: the repository holding this script)
Exit status 1 when a problem was found.
"""
import pathlib
import re
import shutil
import subprocess
import sys

import yaml

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
github = root / ".github"
problems: list[str] = []


def problem(path: pathlib.Path, message: str) -> None:
    problems.append(f"{path.relative_to(root)}: {message}")


class Loader(yaml.SafeLoader):
    """SafeLoader that keeps `on` a string: YAML 1.1 reads a bare `on` key as the boolean true."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

USES = re.compile(r"^(\./[^@\s]+|docker://\S+|[\w.-]+/[\w.-]+(/[^@\s]+)?@[\w./-]+)$")
STEP_REFERENCE = re.compile(r"steps\.([A-Za-z_][\w-]*)\.")
INPUT_REFERENCE = re.compile(r"inputs\.([A-Za-z_][\w-]*)")


def expressions(value) -> str:
    """Every string in `value`, joined: where ${{ }} expressions are looked for."""
    if isinstance(value, dict):
        return "\n".join(expressions(key) + "\n" + expressions(item) for key, item in value.items())
    if isinstance(value, list):
        return "\n".join(expressions(item) for item in value)
    return value if isinstance(value, str) else ""


def check_steps(path: pathlib.Path, where: str, steps, composite: bool) -> None:
    if not isinstance(steps, list) or not steps:
        problem(path, f"{where}: `steps` must be a non-empty list")
        return
    ids = [step.get("id") for step in steps if isinstance(step, dict) and step.get("id")]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problem(path, f"{where}: step id '{duplicate}' is used twice")
    for number, step in enumerate(steps, 1):
        label = f"{where}, step {number}" + (f" ({step.get('name') or step.get('id')})" if isinstance(step, dict) and (step.get("name") or step.get("id")) else "")
        if not isinstance(step, dict):
            problem(path, f"{label}: not a mapping")
            continue
        if ("uses" in step) == ("run" in step):
            problem(path, f"{label}: needs exactly one of `uses` and `run`")
        if "uses" in step and not USES.match(str(step["uses"])):
            problem(path, f"{label}: `uses: {step['uses']}` is neither ./path, docker://image nor owner/repo[/path]@ref")
        if "with" in step and "uses" not in step:
            problem(path, f"{label}: `with` without `uses`")
        if composite and "run" in step and "shell" not in step:
            problem(path, f"{label}: a composite action's run step needs `shell`")
    for name in sorted(set(STEP_REFERENCE.findall(expressions(steps)))):
        if name not in ids:
            problem(path, f"{where}: `steps.{name}` names no step id")


def check_workflow(path: pathlib.Path, document) -> None:
    if not isinstance(document, dict):
        problem(path, "a workflow must be a mapping")
        return
    for key in ("on", "jobs"):
        if key not in document:
            problem(path, f"a workflow needs `{key}`")
    jobs = document.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        problem(path, "`jobs` must be a non-empty mapping")
        return
    for name, job in jobs.items():
        if not isinstance(job, dict):
            problem(path, f"job {name}: not a mapping")
            continue
        for need in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            if need not in jobs:
                problem(path, f"job {name}: needs unknown job '{need}'")
        if "uses" in job:  # calls a reusable workflow
            if "steps" in job or "runs-on" in job:
                problem(path, f"job {name}: a job that calls a reusable workflow has no `runs-on` or `steps`")
            continue
        if "runs-on" not in job:
            problem(path, f"job {name}: needs `runs-on`")
        check_steps(path, f"job {name}", job.get("steps"), composite=False)


def check_action(path: pathlib.Path, document) -> None:
    if not isinstance(document, dict):
        problem(path, "an action must be a mapping")
        return
    for key in ("name", "description", "runs"):
        if key not in document:
            problem(path, f"an action needs `{key}`")
    runs = document.get("runs") or {}
    inputs = document.get("inputs") or {}
    for name in sorted(set(INPUT_REFERENCE.findall(expressions(runs)))):
        if name not in inputs:
            problem(path, f"`inputs.{name}` is not declared under `inputs`")
    for name, output in (document.get("outputs") or {}).items():
        if runs.get("using") == "composite" and "value" not in (output or {}):
            problem(path, f"output {name}: a composite action's output needs `value`")
    for name in sorted(set(STEP_REFERENCE.findall(expressions(document.get("outputs") or {})))):
        if name not in [step.get("id") for step in runs.get("steps") or [] if isinstance(step, dict)]:
            problem(path, f"outputs: `steps.{name}` names no step id")
    if runs.get("using") == "composite":
        check_steps(path, "runs", runs.get("steps"), composite=True)
    elif not str(runs.get("using", "")).startswith(("node", "docker")):
        problem(path, f"`runs.using: {runs.get('using')}` is not composite, nodeNN or docker")


files = sorted(p for p in github.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
if not files:
    problem(github, "no YAML files")
workflows = []
for path in files:
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except yaml.YAMLError as error:
        problem(path, f"does not parse: {error}")
        continue
    if path.name in ("action.yml", "action.yaml"):
        check_action(path, document)
    elif path.parent.name in ("workflows", "examples"):
        check_workflow(path, document)
        workflows.append(path)

actionlint = shutil.which("actionlint")
if actionlint and workflows:
    # -shellcheck= and -pyflakes=: only actionlint's own checks, whatever else is installed.
    result = subprocess.run([actionlint, "-shellcheck=", "-pyflakes=", *map(str, workflows)],
                            cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        problems.extend(line for line in result.stdout.splitlines() if line.strip())
        problems.append(f"actionlint exited with {result.returncode}")

for line in problems:
    print(line, file=sys.stderr)
checked = f"{len(files)} YAML files under .github/" + (", actionlint" if actionlint else " (actionlint not installed)")
if problems:
    sys.exit(f"check-workflows: {len(problems)} problems in {checked}")
print(f"check-workflows: {checked}: no problems", file=sys.stderr)
