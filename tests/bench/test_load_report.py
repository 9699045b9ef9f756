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


def test_referrals_busy_is_the_share_of_the_run_with_a_journey_under_way(tmp_path):
    times = tmp_path / "journeys.txt.times"
    # Overlapping journeys count once; the parts outside the run are left out.
    times.write_text("95.0 104.0\n102.0 106.0\n110.0 112.0\n118.0 130.0\n")
    assert load.referrals_busy(times, start=100.0, end=120.0) == 0.5  # 100–106, 110–112, 118–120
    assert load.referrals_busy(tmp_path / "missing", start=100.0, end=120.0) == 0.0


def test_targets_say_met_or_not_for_each_of_the_four():
    report = {
        "errors": 0,
        "referrals": {"confirmed": 5, "lost": 0},
        "home_alone": {"requests_per_s": 200.0},
        "searches_per_home_alone": 0.55,
        "referrals_busy": 0.9,
    }
    result = load.targets(report, search_p99_ms=250.0)
    assert result["searches_per_s_vs_home_alone"]["met"] is False  # 0.55 < 0.6
    assert result["search_p99_during_referrals_ms"]["met"] is True
    assert result["errors"]["met"] is True
    assert result["confirmed_referrals_stored"]["met"] is True
    assert result["confirmed_referrals_stored"]["value"] == "5 of 5"


def test_targets_without_a_home_alone_figure_are_not_measured():
    report = {"errors": 1, "referrals": {"confirmed": 3, "lost": 1}}
    result = load.targets(report, search_p99_ms=None)
    assert result["searches_per_s_vs_home_alone"]["met"] is None
    assert result["search_p99_during_referrals_ms"]["met"] is None
    assert result["errors"]["met"] is False
    assert result["confirmed_referrals_stored"]["met"] is False


def test_servers_get_redis_only_when_given(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://elsewhere:6379/0")
    assert "REDIS_URL" not in load.server_env("postgres://x/y", 2)
    env = load.server_env("postgres://x/y", 2, "redis://127.0.0.1:6379/12")
    assert env["REDIS_URL"] == "redis://127.0.0.1:6379/12"


def test_same_cpu_ratio_compares_requests_per_gunicorn_cpu_second():
    home = {"requests": 1000, "cpu": {"gunicorn_s": 5.0}}  # 200 home pages a CPU second
    # 1,200 searches on 12 CPU seconds: 100 a CPU second, half the home page's.
    assert load.same_cpu_ratio(home, searches=1200, gunicorn_s=12.0) == 0.5
    assert load.same_cpu_ratio(None, searches=1200, gunicorn_s=12.0) is None


def test_cpu_used_counts_only_processes_there_before_and_after():
    import os

    import psutil

    me = psutil.Process(os.getpid())
    before = {**load.cpu_seconds([me]), 999_999_999: 50.0}  # a process that has since ended
    sum(range(200_000))
    used = load.cpu_used_since([me], before)
    assert 0.0 <= used < 50.0
