"""One line about a PostgreSQL error, never showing the password of the connection string."""

from __future__ import annotations


def describe_pg_error(conninfo: str, exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    password = _password(conninfo)
    return text.replace(password, "***") if password else text


def _password(conninfo: str) -> str:
    try:
        from psycopg.conninfo import conninfo_to_dict

        return str(conninfo_to_dict(conninfo).get("password") or "")
    except Exception:  # not a valid connection string: it was never sent anywhere either
        return ""
