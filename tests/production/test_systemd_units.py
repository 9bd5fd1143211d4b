"""deploy/systemd: the units run what the README and docs/deployment.md say they run."""

import configparser
import shlex
from pathlib import Path

from django.core.management import get_commands

UNITS = Path(__file__).parents[2] / "deploy" / "systemd"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(UNITS / name)
    return parser


def exec_start(name: str) -> list[str]:
    return shlex.split(unit(name)["Service"]["ExecStart"])


def test_worker_polls_the_task_queue_every_200_ms():
    command = exec_start("dateline-worker.service")
    assert command[1:2] == ["db_worker"]
    assert command[command.index("--interval") + 1] == "0.2"


def test_scheduled_service_runs_one_pass_of_the_minute_jobs():
    command = exec_start("dateline-scheduled.service")
    assert command[1:] == ["run_schedule", "--once"]
    assert "run_schedule" in get_commands()


def test_scheduled_timer_fires_at_the_start_of_every_minute():
    assert unit("dateline-scheduled.timer")["Timer"]["OnCalendar"] == "*-*-* *:*:00"
