"""How bench/load.py reads its load generators' output and checks the referrals stored."""

from bench import load


def test_every_confirmed_referral_must_be_stored(tmp_path):
    journeys = tmp_path / "journeys.txt"
    journeys.write_text(
        "confirmed SP-AAAA-22\nconfirmed SP-BBBB-33\nfailed person: answers refused\n"
    )
    report = load.check_referrals(journeys, {}, stored={"SP-AAAA-22", "SP-CCCC-44"})
    assert report["journeys"] == 3
    assert report["confirmed"] == 2
    assert report["failed_journeys"] == 1
    assert report["failures"] == ["person: answers refused"]
    assert report["stored"] == 2
    assert report["lost"] == 1  # SP-BBBB-33 was confirmed but is not in the database
    assert report["stored_unconfirmed"] == 1


def test_no_journeys_file_means_no_journeys(tmp_path):
    report = load.check_referrals(tmp_path / "missing.txt", {}, stored=set())
    assert report["journeys"] == report["confirmed"] == report["lost"] == 0


def test_reads_wrk_results_line():
    output = (
        "Running 30s test @ http://127.0.0.1:1234\n"
        'WRK_JSON {"requests": 600, "duration_s": 30.0, "errors": {"connect": 0, "read": 1, '
        '"write": 0, "status": 2, "timeout": 0}, "p50_ms": 20.5, "p95_ms": 41.0, '
        '"p99_ms": 80.2, "max_ms": 95.0}\n'
    )
    result = load.read_wrk_output(output)
    assert result["requests_per_s"] == 20.0
    assert result["errors"] == 3
    assert (result["p50_ms"], result["p95_ms"], result["p99_ms"]) == (20.5, 41.0, 80.2)
