#!/usr/bin/env python3
"""recipes.py - used by tests/t_recipes.sh: takes the recipes out of the
docs and runs the CI ones the way their CI would.

  recipes.py extract DOC NAME         print the fenced block after
                                      <!-- recipe: NAME --> in DOC
  recipes.py github WORKFLOW REPO SRC run the workflow's job in REPO as a
                                      GitHub runner would: run: steps in
                                      bash -eo pipefail, GITHUB_PATH and
                                      step env honoured, if: always();
                                      checkout is the REPO itself; the
                                      SARIF upload checks its file
  recipes.py gitlab JOBFILE REPO SRC  run the job's before_script and
                                      script in one bash -eo pipefail,
                                      as a GitLab runner does
SRC is drip's git repository (DRIP_REPO). Exit status: the job's (0 or 1);
2 when the recipe cannot be run. The job's output goes to stdout.
"""
import json
import os
import re
import subprocess
import sys

import yaml


def die(msg):
    print("recipes.py: " + msg, file=sys.stderr)
    sys.exit(2)


def extract(doc, name):
    text = open(doc).read()
    m = re.search(r"<!-- recipe: %s -->\n```[a-z]*\n(.*?)\n```" % re.escape(name), text, re.S)
    if not m:
        die("no recipe '%s' in %s" % (name, doc))
    return m.group(1) + "\n"


def expr(value, variables):
    """${{ vars.X }} and ${{ github.workspace }}, as Actions expand them."""
    def one(m):
        key = m.group(1).strip()
        if key not in variables:
            die("unknown expression ${{ %s }}" % key)
        return variables[key]
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(value))


def run_script(script, cwd, env):
    sys.stdout.flush()
    return subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=env)


def check_sarif(path):
    d = json.load(open(path))
    assert d["version"] == "2.1.0", d.get("version")
    run = d["runs"][0]
    assert run["tool"]["driver"]["name"] == "drip"
    return len(run["results"])


def github(workflow, repo, src):
    wf = yaml.safe_load(open(workflow))
    # "on" is YAML 1.1's true: accept both spellings of the trigger key
    assert wf.get("on", wf.get(True)) is not None, "no trigger"
    (job,) = wf["jobs"].values()
    temp = os.path.join(os.environ["TMPDIR_RUNNER"], "runner")
    os.makedirs(temp, exist_ok=True)
    gh_path = os.path.join(temp, "github_path")
    open(gh_path, "w").close()
    variables = {"vars.DRIP_REPO": src, "github.workspace": repo}
    path = os.environ["PATH"]
    failed = False
    for step in job["steps"]:
        cond = step.get("if", "success()")
        if failed and "always()" not in cond:
            print("recipes.py: skipping step '%s' after a failure" % step.get("name", step.get("uses")))
            continue
        name = step.get("name", step.get("uses", "run"))
        print("recipes.py: step '%s'" % name)
        if "uses" in step:
            action = step["uses"].split("@")[0]
            if action == "actions/checkout":
                continue  # the workspace is the repository already
            if action == "github/codeql-action/upload-sarif":
                f = os.path.join(repo, expr(step["with"]["sarif_file"], variables))
                try:
                    n = check_sarif(f)
                except Exception as e:  # a missing or broken file fails the upload
                    print("recipes.py: upload-sarif: %s: %s" % (f, e))
                    failed = True
                    continue
                print("recipes.py: upload-sarif: %s: %d results" % (os.path.basename(f), n))
                continue
            die("unknown action %s" % action)
        env = dict(os.environ, PATH=path, RUNNER_TEMP=temp, GITHUB_PATH=gh_path, GITHUB_WORKSPACE=repo, CI="true")
        for k, v in (step.get("env") or {}).items():
            env[k] = expr(v, variables)
        rc = run_script(expr(step["run"], variables), repo, env)
        for line in open(gh_path).read().splitlines():
            if line and line not in path.split(":"):
                path = line + ":" + path
        if rc != 0:
            print("recipes.py: step '%s' failed with status %d" % (name, rc))
            failed = True
    return 1 if failed else 0


def gitlab(jobfile, repo, src):
    jobs = yaml.safe_load(open(jobfile))
    (job,) = [j for k, j in jobs.items() if not k.startswith(".") and isinstance(j, dict) and "script" in j]
    env = dict(os.environ, CI="true", CI_PROJECT_DIR=repo, DRIP_REPO=src)
    for k, v in (job.get("variables") or {}).items():
        # a CI/CD variable of the project wins over the file's, as in GitLab
        env[k] = os.environ.get("OVERRIDE_" + k, str(v))
    script = "\n".join(job.get("before_script", []) + job["script"])
    rc = run_script(script, repo, env)
    for p in (job.get("artifacts") or {}).get("paths", []):
        f = os.path.join(repo, p)
        print("recipes.py: artifact %s: %s" % (p, "%d results" % check_sarif(f) if p.endswith(".sarif") else "kept"))
    return 0 if rc == 0 else 1


def main():
    cmd = sys.argv[1]
    if cmd == "extract":
        sys.stdout.write(extract(sys.argv[2], sys.argv[3]))
        return 0
    if cmd == "github":
        return github(*sys.argv[2:5])
    if cmd == "gitlab":
        return gitlab(*sys.argv[2:5])
    die("unknown command %s" % cmd)


if __name__ == "__main__":
    sys.exit(main())
