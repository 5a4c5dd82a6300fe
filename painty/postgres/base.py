"""Django's PostgreSQL backend (ENGINE "painty.postgres"), with one change: the
connection pool's health check.

Django's check (CONN_HEALTH_CHECKS with a pool) is psycopg's: an empty query before every
loan, a round trip per request step, and a waiting photo request makes several. Here a
connection is checked only when its last loan is over FRESH_SECONDS old. One lent a
moment ago answered then, and one that broke while lent came back closed or in a bad
state, which the pool discards on return; so under load the checks vanish, and a
connection that sat idle (across a database restart, say) is still checked first."""

from __future__ import annotations

import time

from django.db.backends.postgresql import base

FRESH_SECONDS = 1.0


def check(conn) -> None:
    """The pool's `check`: raise if a connection that sat idle no longer answers."""
    from psycopg_pool import ConnectionPool

    now = time.monotonic()
    lent_at = getattr(conn, "_painty_lent_at", None)
    conn._painty_lent_at = now
    if lent_at is not None and now - lent_at < FRESH_SECONDS:
        return
    ConnectionPool.check_connection(conn)


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def pool(self):
        """Django's pool, built here first with `check` (Django would pass its own, or None)."""
        options = self.settings_dict["OPTIONS"].get("pool")
        if options and self.alias not in self._connection_pools:
            from psycopg_pool import ConnectionPool

            pool = ConnectionPool(
                kwargs={**self.get_connection_params(), "autocommit": True},  # as Django: it sets its own mode
                open=False,
                configure=self._configure_connection,
                check=check,
                **({} if options is True else options),
            )
            self._connection_pools.setdefault(self.alias, pool)
        return super().pool
