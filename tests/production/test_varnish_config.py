"""deploy/varnish/dateline.vcl, exercised by varnishtest against scripted app responses.

Each .vtc file beside this one states one behaviour in its first line. Without Varnish installed
these skip on a developer's machine and fail in CI, where it is installed by .ci/run.

varnishd compiles VCL as its own unprivileged user (vcache), which cannot read a checkout inside a
private folder, nor pytest's tmp_path: it is always given copies in a folder anyone can read.
"""

import os
import re
import shutil
import subprocess
import tempfile
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


@pytest.fixture
def readable_vcl_dir():
    with tempfile.TemporaryDirectory(prefix="dateline-vcl-") as folder:
        Path(folder).chmod(0o755)
        for vcl in (REPO / "deploy/varnish").glob("*.vcl"):
            shutil.copy(vcl, folder)
            (Path(folder) / vcl.name).chmod(0o644)
        yield Path(folder)


def test_the_production_vcl_compiles(tmp_path, readable_vcl_dir):
    varnishd = _require("varnishd")
    result = subprocess.run(  # noqa: S603 - our own tools, fixed arguments
        [
            varnishd,
            "-C",
            "-f",
            str(readable_vcl_dir / "dateline.vcl"),
            "-p",
            f"vcl_path={readable_vcl_dir}",
            "-n",
            str(tmp_path / "varnish"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("vtc", VTC_FILES, ids=[path.stem for path in VTC_FILES])
def test_varnish_behaviour(vtc):
    varnishtest = _require("varnishtest")
    # Each .vtc copies the VCL into varnishtest's own temporary folder, which varnishd can read.
    # Not quiet: on failure varnishtest prints the failing test's whole log.
    result = subprocess.run(  # noqa: S603 - our own tools, fixed arguments
        [varnishtest, "-t", "60", str(vtc)],
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


def test_the_pages_varnish_writes_itself_carry_the_apps_permissions_policy(settings):
    from dateline.core.security_headers import permissions_policy

    vcl = (REPO / "deploy/varnish/dateline.vcl").read_text()
    written = set(re.findall(r'set (?:be)?resp\.http\.Permissions-Policy = "([^"]*)";', vcl))
    assert written == {permissions_policy(settings.DATELINE_PERMISSIONS_POLICY)}
