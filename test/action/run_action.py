#!/usr/bin/python3
"""Runs the steps of the repository's action.yml the way a GitHub runner runs a composite action, with no
GitHub: each `shell: bash` step as `bash --noprofile --norc -eo pipefail FILE`, in the workspace, with
GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY set, and the step's `env` with
`${{ inputs.NAME }}` (input or its default) and `${{ steps.ID.outputs.NAME }}` substituted; any other
expression, or one pasted into a script, fails the test. Then checks the action on a broken and a fixed
configuration (exit status, annotations, the SARIF file, outputs).

Usage: run_action.py [ACTION_DIR]   (default: the repository; dist/cli.js must be built: npm run build)
Exit 0 when every case passes; 77 (skipped) without PyYAML or a built dist/cli.js.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    # (another python3 first on the PATH, e.g. pyenv's: Debian's has PyYAML when pre-commit is installed)
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    print("SKIP: PyYAML is not installed (Debian: python3-yaml)")
    sys.exit(77)

ACTION_DIR = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def run_action(workspace, inputs):
    """Runs every step; returns (exit status of the failing step or 0, stdout+stderr, outputs, summary)."""
    with open(os.path.join(ACTION_DIR, "action.yml")) as f:
        action = yaml.safe_load(f)
    assert action["runs"]["using"] == "composite", "a composite action"
    declared = action.get("inputs", {})
    for name in inputs:
        assert name in declared, f"unknown input {name}"
    values = {k: str(inputs.get(k, v.get("default", ""))) for k, v in declared.items()}
    step_outputs = {}
    log = ""
    tmp = tempfile.mkdtemp(prefix="action-")
    summary_path = os.path.join(tmp, "summary.md")

    def evaluate(text):
        def one(m):
            e = m.group(1)
            mi = re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", e)
            if mi:
                return values[mi.group(1)]
            ms = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", e)
            if ms:
                return step_outputs.get(ms.group(1), {}).get(ms.group(2), "")
            raise AssertionError(f"expression the test runner does not evaluate: {e}")

        return EXPR.sub(one, str(text))

    for i, step in enumerate(action["runs"]["steps"]):
        assert step.get("shell") == "bash", f"step {i}: shell bash"
        script = step["run"]
        assert "${{" not in script, f"step {i}: an expression pasted into the script (pass it through env)"
        output_path = os.path.join(tmp, f"output-{i}")
        open(output_path, "w").close()
        script_path = os.path.join(tmp, f"step-{i}.sh")
        with open(script_path, "w") as f:
            f.write(script)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
        env.update({k: evaluate(v) for k, v in (step.get("env") or {}).items()})
        env.update(
            GITHUB_ACTION_PATH=ACTION_DIR,
            GITHUB_WORKSPACE=workspace,
            GITHUB_OUTPUT=output_path,
            GITHUB_STEP_SUMMARY=summary_path,
            CI="true",
        )
        p = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", script_path],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        log += p.stdout + p.stderr
        outs = {}
        with open(output_path) as f:
            for line in f.read().splitlines():
                if "=" in line:
                    k, v = line.split("=", 1)
                    outs[k] = v
        if "id" in step:
            step_outputs[step["id"]] = outs
        if p.returncode != 0:
            break
    else:
        p = None
    outputs = {k: evaluate(v["value"]) for k, v in (action.get("outputs") or {}).items()}
    summary = open(summary_path).read() if os.path.exists(summary_path) else ""
    return (p.returncode if p else 0), log, outputs, summary


BROKEN = 'server.modules = ( "mod_access" )\nproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n'
FIXED = BROKEN.replace('"mod_access" )', '"mod_access", "mod_proxy" )')
WARN = 'server.modules = ( "mod_access" )\nserver.port = 80,\n'

failures = []


def case(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name)
    if not ok:
        print("     " + detail.replace("\n", "\n     "))
        failures.append(name)


def write(workspace, path, text):
    full = os.path.join(workspace, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


if not os.path.exists(os.path.join(ACTION_DIR, "dist", "cli.js")):
    print("SKIP: dist/cli.js is not built in " + ACTION_DIR + " (npm run build)")
    sys.exit(77)

ws = tempfile.mkdtemp(prefix="workspace-")
write(ws, "etc/lighttpd/lighttpd.conf", BROKEN)
write(ws, "etc/lighttpd/conf.d/warn.conf", WARN)

status, log, outputs, summary = run_action(ws, {"files": "etc/lighttpd/lighttpd.conf", "sarif": "out/lighttpd.sarif"})
case("broken config: the step fails with exit 1", status == 1, log)
case(
    "broken config: an error annotation on the line, path relative to the workspace",
    "::error file=etc/lighttpd/lighttpd.conf,line=2,col=1,endLine=2,endColumn=13,title=module-not-loaded::" in log,
    log,
)
sarif_path = os.path.join(ws, "out", "lighttpd.sarif")
try:
    with open(sarif_path) as f:
        sarif = json.load(f)
    results = sarif["runs"][0]["results"]
    case(
        "broken config: the SARIF file holds the result",
        [r["ruleId"] for r in results] == ["module-not-loaded"]
        and results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "etc/lighttpd/lighttpd.conf",
        json.dumps(results)[:500],
    )
except (OSError, ValueError, KeyError, IndexError) as e:
    case("broken config: the SARIF file holds the result", False, repr(e))
case("the sarif output names the file", outputs.get("sarif") == "out/lighttpd.sarif", repr(outputs))
case("the step summary shows the text report", "module-not-loaded" in summary, summary)

write(ws, "etc/lighttpd/lighttpd.conf", FIXED)
status, log, outputs, _ = run_action(ws, {"files": "etc/lighttpd/lighttpd.conf", "sarif": "out/lighttpd.sarif"})
case("fixed config: the step passes, no annotation", status == 0 and "::error" not in log, log)
with open(sarif_path) as f:
    case("fixed config: the SARIF file has no result", json.load(f)["runs"][0]["results"] == [])

status, log, _, _ = run_action(ws, {"files": "etc/**/*.conf"})
case("a glob: both files checked, the warning annotated, exit 0 below the threshold", status == 0 and "::warning file=etc/lighttpd/conf.d/warn.conf,line=2," in log, log)
status, log, outputs, _ = run_action(ws, {"files": "etc/**/*.conf", "fail-on": "warning"})
case("fail-on warning: the warning fails the step", status == 1 and outputs.get("sarif") == "", log)
status, log, _, _ = run_action(ws, {"files": "etc/lighttpd/conf.d/warn.conf", "lighttpd-version": "1.4.64", "platform": "linux", "rules": "core", "root": "etc/lighttpd/lighttpd.conf"})
case("every input reaches the command line (root, version, platform, rules)", status == 0 and "::warning file=etc/lighttpd/conf.d/warn.conf" in log, log)
status, log, _, _ = run_action(ws, {"files": "missing.conf"})
case("a missing file: exit 2 and an error annotation", status == 2 and "::error title=lighttpd-lint::missing.conf: no such file" in log, log)
status, log, _, _ = run_action(ws, {"files": "etc/lighttpd/lighttpd.conf", "lighttpd-version": "2.0"})
case("a bad input value: exit 2 with the CLI's message", status == 2 and "invalid --lighttpd-version" in log, log)

print(f"{len(failures)} failed" if failures else "all action cases passed")
sys.exit(1 if failures else 0)
