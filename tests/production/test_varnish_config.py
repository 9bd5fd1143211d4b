"""deploy/varnish/dateline.vcl, exercised by varnishtest against scripted app responses.

Each .vtc file beside this one states one behaviour in its first line. Without Varnish installed
these skip on a developer's machine and fail in CI, where it is installed by .ci/run.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parents[1]
VTC_FILES = sorted((HERE / "varnish").glob("*.vtc"))


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: .ci/run installs varnish and varnish-modules")
        pytest.skip(f"{tool} not installed (apt-get install varnish varnish-modules)")
    return path


def test_the_production_vcl_compiles(tmp_path):
    varnishd = _require("varnishd")
    result = subprocess.run(  # noqa: S603 - our own tools, fixed arguments
        [
            varnishd,
            "-C",
            "-f",
            str(REPO / "deploy/varnish/dateline.vcl"),
            "-p",
            f"vcl_path={REPO / 'deploy/varnish'}",
            "-n",
            str(tmp_path / "varnish"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("vtc", VTC_FILES, ids=[path.stem for path in VTC_FILES])
def test_varnish_behaviour(vtc, tmp_path):
    varnishtest = _require("varnishtest")
    result = subprocess.run(  # noqa: S603 - our own tools, fixed arguments
        [varnishtest, "-q", "-t", "60", "-D", f"tmpdir={tmp_path}", str(vtc)],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE / "varnish",
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_local_stack_script_is_valid_bash():
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        ["/bin/bash", "-n", str(REPO / "deploy/local-stack")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
