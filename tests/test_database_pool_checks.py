"""The PostgreSQL pool checks a connection before a loan only when its last loan is old."""

import pytest

from painty import settings as painty_settings
from painty.postgres import base as db_pool


class Connection:
    """Stands in for a psycopg connection: counts the checks' round trips."""

    def __init__(self):
        self.queries = 0

    def execute(self, query):
        self.queries += 1


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(db_pool.time, "monotonic", lambda: now[0])
    return now


@pytest.fixture(autouse=True)
def plain_check(monkeypatch):
    from psycopg_pool import ConnectionPool

    monkeypatch.setattr(ConnectionPool, "check_connection", staticmethod(lambda conn: conn.execute("")))


def test_a_connection_lent_a_moment_ago_is_not_checked_again(clock):
    conn = Connection()
    db_pool.check(conn)  # first loan: checked
    clock[0] += 0.2
    db_pool.check(conn)
    clock[0] += 0.5
    db_pool.check(conn)
    assert conn.queries == 1


def test_a_connection_idle_for_a_while_is_checked_before_its_loan(clock):
    conn = Connection()
    db_pool.check(conn)
    clock[0] += db_pool.FRESH_SECONDS + 0.1
    db_pool.check(conn)
    assert conn.queries == 2


def test_a_broken_connection_fails_its_check(clock):
    class Broken(Connection):
        def execute(self, query):
            raise OSError("server closed the connection")

    with pytest.raises(OSError):
        db_pool.check(Broken())  # the pool discards it and lends another


def test_the_postgres_pool_is_built_with_the_check():
    from django.db.utils import ConnectionHandler

    settings_dict = painty_settings.database_from_url("postgres://u@127.0.0.1:1/painty")
    assert settings_dict["ENGINE"] == "painty.postgres" and settings_dict["CONN_HEALTH_CHECKS"] is False
    wrapper = ConnectionHandler({"default": settings_dict, "check-test": settings_dict})["check-test"]
    try:
        pool = wrapper.pool  # built, not opened: nothing connects
        assert isinstance(wrapper, db_pool.DatabaseWrapper)
        assert pool._check is db_pool.check
        assert pool.max_size == 10
    finally:
        db_pool.DatabaseWrapper._connection_pools.pop("check-test", None)
