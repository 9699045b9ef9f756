"""Apps register their retention rules with portal; `purge_expired` runs every one."""

from io import StringIO

from django.core.management import call_command

from portal import retention


def test_referrals_and_analytics_register_their_rules():
    assert {name for name, _purge in retention.rules()} >= {"referrals", "analytics"}


def test_registering_again_replaces_rather_than_adds():
    before = retention.rules()
    name, purge = before[0]
    retention.register(name, purge)
    assert retention.rules() == before


def test_purge_expired_runs_each_rule_once(monkeypatch):
    calls = []
    monkeypatch.setattr(
        retention,
        "_rules",
        {
            "one": lambda **kw: calls.append(("one", kw["dry_run"])),
            "two": lambda **kw: calls.append(("two", kw["dry_run"])),
        },
    )
    out = StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert calls == [("one", True), ("two", True)]
    assert "Dry run done." in out.getvalue()
