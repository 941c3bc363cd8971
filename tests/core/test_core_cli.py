"""The command line: in-process (runs everywhere, Pyodide too) and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import icalendar
import pytest
from core_helpers import EXAMPLES

from followup.cli import EXIT_INVALID, EXIT_USAGE, main

GOOD_TOML = """\
company = "Fernbrook Studios"
role = "Product Designer"
date = 2026-12-01          # TOML dates and times without quotes work too
start_time = 10:00:00
tone = "formal"

[[interviewers]]
name = "Jane Whitfield"
email = "jane@fernbrook.example"
topic = "the booking app"

[[interviewers]]
name = "Omar Haddad"
"""


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "interview.toml"
    path.write_text(GOOD_TOML, encoding="utf-8")
    return path


def test_prints_the_plan_and_every_draft(good_file, capsys):
    assert main([str(good_file)]) == 0
    out = capsys.readouterr().out
    assert "1. Send a thank-you email to each interviewer" in out
    assert "When: Tuesday 1 December 2026 at 12:00" in out
    assert "Thank-you email to Jane Whitfield\n" in out
    assert "To: Jane Whitfield <jane@fernbrook.example>\n" in out
    assert "Thank-you email to Omar Haddad" in out
    assert "Dear Jane," in out and "Dear Omar," in out
    assert "Phone call: talking points" in out


def test_writes_the_calendar(good_file, tmp_path, capsys):
    target = tmp_path / "plan.ics"
    assert main([str(good_file), "--ics", str(target)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and b"\r\n" in raw
    assert len(icalendar.Calendar.from_ical(raw).walk("VEVENT")) == 4
    assert f"Calendar written to {target}" in capsys.readouterr().out


def test_json_output(good_file, capsys):
    assert main([str(good_file), "--json"]) == 0
    outcome = json.loads(capsys.readouterr().out)
    assert outcome["ok"] is True
    assert [d["to_name"] for d in outcome["result"]["drafts"][:2]] == ["Jane Whitfield",
                                                                       "Omar Haddad"]


def test_missing_file(tmp_path, capsys):
    assert main([str(tmp_path / "nope.toml")]) == EXIT_USAGE
    assert "nope.toml: no such file" in capsys.readouterr().err


def test_folder_instead_of_file(tmp_path, capsys):
    assert main([str(tmp_path)]) == EXIT_USAGE
    assert "is a folder" in capsys.readouterr().err


def test_bad_toml(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text('company = "Acme\ndate = \n', encoding="utf-8")
    assert main([str(path)]) == EXIT_USAGE
    assert "is not valid TOML" in capsys.readouterr().err


def test_not_utf8(tmp_path, capsys):
    path = tmp_path / "latin1.toml"
    path.write_bytes('company = "Société"\n'.encode("latin-1"))
    assert main([str(path)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "latin1.toml" in err


def test_invalid_fields_are_listed(tmp_path, capsys):
    path = tmp_path / "invalid.toml"
    path.write_text('date = "2026-02-30"\nstart_time = "10:00"\n'
                    '[[interviewers]]\nname = "Jane"\nemail = "jane@"\n', encoding="utf-8")
    assert main([str(path)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "3 problems to fix" in err
    assert "  company: Company is required" in err
    assert '  date: "2026-02-30" is not a real date' in err
    assert '  interviewers[0].email: "jane@" is not an email address' in err


def test_unwritable_calendar_path(good_file, tmp_path, capsys):
    assert main([str(good_file), "--ics", str(tmp_path / "no" / "such" / "plan.ics")]) == (
        EXIT_INVALID)
    assert "cannot write" in capsys.readouterr().err


def test_the_shipped_example_has_two_interviewers_and_runs(capsys):
    path = EXAMPLES / "interview.toml"
    with open(path, "rb") as file:
        data = tomllib.load(file)
    assert len(data["interviewers"]) == 2
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    for person in data["interviewers"]:
        assert f"Thank-you email to {person['name']}" in out


# Pyodide (sys.platform "emscripten") cannot start processes at all, so the real-process
# tests run on CPython only; the in-process tests above cover the same code paths there.
needs_processes = pytest.mark.skipif(sys.platform == "emscripten",
                                     reason="WebAssembly has no subprocesses")


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "followup", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=60, check=False)


@needs_processes
def test_subprocess_success_with_calendar(tmp_path):
    target = tmp_path / "plan.ics"
    done = run_cli(str(EXAMPLES / "interview.toml"), "--ics", str(target))
    assert done.returncode == 0, done.stderr
    assert "Thank-you email to Priya Raman" in done.stdout
    assert "Thank-you email to Tom Okafor" in done.stdout
    assert len(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 4
    assert done.stderr == ""


@needs_processes
def test_subprocess_json(tmp_path):
    done = run_cli(str(EXAMPLES / "interview.toml"), "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["result"]["ics_filename"] == (
        "follow-up-harbourline-logistics-2026-12-01.ics")


@needs_processes
@pytest.mark.parametrize(("content", "code", "message"), [
    (None, EXIT_USAGE, "no such file"),
    ("company = [", EXIT_USAGE, "is not valid TOML"),
    ('company = "Acme"\ndate = "2026-12-01"\nstart_time = "10:00"\ntimezone = "../etc"\n',
     EXIT_INVALID, 'timezone: "../etc" is not a time zone we know'),
])
def test_subprocess_errors_are_messages_not_tracebacks(tmp_path, content, code, message):
    path = tmp_path / "interview.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    done = run_cli(str(path))
    assert done.returncode == code
    assert message in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


@needs_processes
def test_subprocess_without_arguments_shows_usage():
    done = run_cli()
    assert done.returncode == EXIT_USAGE
    assert "usage: python -m followup" in done.stderr


@needs_processes
def test_importing_the_core_does_not_import_icalendar():
    code = ("import sys, followup, followup.api, followup.interview, followup.timeline, "
            "followup.emails; print('icalendar' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "False"


@needs_processes
def test_a_reader_that_stops_early_gets_no_traceback():
    # `python -m followup plan.toml | head -0`: the pipe is closed before the plan is out.
    with subprocess.Popen([sys.executable, "-m", "followup", str(EXAMPLES / "interview.toml")],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as reader:
        reader.stdout.close()
        stderr = reader.stderr.read().decode()
        reader.wait(timeout=60)
    assert "Traceback" not in stderr
    assert reader.returncode == EXIT_USAGE


def test_an_unknown_key_is_named_with_the_nearest_known_one(tmp_path, capsys):
    path = tmp_path / "interview.toml"
    path.write_text('company = "Acme"\ndate = "2026-12-01"\nstart_time = "10:00"\n'
                    'decison_date = "2026-12-08"\n[[interviewers]]\nname = "Ann"\nemial = "a@b.c"\n'
                    'flavour = "mint"\n', encoding="utf-8")
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert "decison_date: not a field; did you mean decision_date?" in err
    assert "interviewers[0].emial: not a field; did you mean email?" in err
    assert "interviewers[0].flavour: not a field; the fields are: name, " in err
    assert "3 unknown keys" in err


def test_advice_and_how_to_send_are_printed_too(good_file, capsys):
    # No name to sign with: the page says so next to the field; the text output by its key.
    assert main([str(good_file)]) == 0
    out = capsys.readouterr().out
    advice, _, drafts = out.partition("Worth a look before you send:\n")[2].partition("=" * 72)
    assert advice.strip().startswith("your_name: Add your name")
    assert "[Your name]" in drafts
    follow_up = drafts.split("First follow-up email\n")[1]
    assert follow_up.split("=" * 72 + "\n")[1].startswith(
        "Send it as a reply to your thank-you to Jane Whitfield, so that it stays in the same "
        "thread")
    assert "Subject: Re: Thank you" in follow_up
    good_file.write_text(GOOD_TOML.replace('tone = "formal"', 'your_name = "Sam Taylor"'),
                         encoding="utf-8")
    assert main([str(good_file)]) == 0
    assert "Worth a look" not in capsys.readouterr().out


def test_the_readers_world_from_a_notes_file(tmp_path, capsys):
    path = tmp_path / "world.toml"
    path.write_text(GOOD_TOML.replace("date = 2026-12-01", "date = 2026-12-18").replace(
        'tone = "formal"', '''tone = "formal"
country = "GB"
region = "SCT"
their_timezone = "America/New_York"
language = "en-US"
replied_on = 2027-01-05
done = ["thank-you"]'''), encoding="utf-8")
    target = tmp_path / "plan.ics"
    assert main([str(path), "--ics", str(target)]) == 0
    out = capsys.readouterr().out
    assert "1. Send a thank-you email to each interviewer (done)" in out
    assert "3. Send a second, short follow-up email (no longer needed: they replied)" in out
    assert "in New York (2:00 PM for you)" in out
    assert "Public holidays skipped: Christmas Day, Friday, December 25" in out
    assert "Dear Jane," in out and "Sincerely," in out
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [event.get("STATUS") for event in events] == [None, None, "CANCELLED", "CANCELLED"]


# ---------------------------------------------------------------- a board


def test_a_file_of_several_interviews_prints_the_board(capsys):
    assert main([str(EXAMPLES / "board.toml"), "--today", "2026-12-03"]) == 0
    out = capsys.readouterr().out
    blocks = [block for block in out.split("\n\n") if block.strip()][1:]
    from followup.cli import URGENCY_MARKS

    def name(block: str) -> str:
        mark = next(mark for mark in URGENCY_MARKS.values() if block.startswith(mark))
        return block[len(mark):].split(":")[0].strip()

    assert [name(block) for block in blocks] == [
        "Globex, Analyst (First interview)", "Acme Robotics, Data analyst (First interview)",
        "Initech, Reporting lead (Second round)"]
    assert blocks[0].startswith("!! overdue") and blocks[1].startswith("!  today")
    assert "Ready to send: Thanks for the offer" in blocks[2]


def test_the_board_as_json_and_one_calendar(tmp_path, capsys):
    ics = tmp_path / "all.ics"
    assert main([str(EXAMPLES / "board.toml"), "--today", "2026-12-03", "--json",
                 "--ics", str(ics)]) == 0
    rows = json.loads(capsys.readouterr().out)["result"]["rows"]
    assert [row["id"] for row in rows] == ["globex", "acme", "initech"]
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 4 + 3  # Globex's steps, Acme's after its thank-you; not Initech's


def test_a_board_file_from_the_site_prints_the_same_board(tmp_path, capsys):
    from followup import board
    from followup.cli import applications_from, interview_from_toml

    applications = applications_from(interview_from_toml(
        (EXAMPLES / "board.toml").read_text("utf-8")))
    exported = board.export_board({"applications": applications, "exported": ""})["result"]
    path = tmp_path / "interview-board.json"
    path.write_text(json.dumps(exported), "utf-8")
    assert main([str(EXAMPLES / "board.toml"), "--today", "2026-12-03"]) == 0
    from_toml = capsys.readouterr().out
    assert main([str(path), "--today", "2026-12-03"]) == 0
    assert capsys.readouterr().out == from_toml


def test_a_damaged_board_file_is_refused_plainly(tmp_path, capsys):
    path = tmp_path / "board.json"
    path.write_text('{"name": "left-pad"}', "utf-8")
    assert main([str(path)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "is not a board file" in err and "Traceback" not in err


def test_an_unknown_key_in_one_interview_of_a_board_is_named(tmp_path, capsys):
    path = tmp_path / "board.toml"
    path.write_text('[[interview]]\ncompany = "A"\ndate = 2026-12-01\nstart_time = "10:00"\n'
                    '[[interview]]\ncompnay = "B"\n', "utf-8")
    assert main([str(path)]) == EXIT_USAGE
    assert "interview[1].compnay: not a field; did you mean company?" in capsys.readouterr().err
