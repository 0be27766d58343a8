"""Typed access to the UI state kept in QSettings (window geometry, last view, language, ...).

Only UI state lives here; the contest's configuration lives in the database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = ("th", "en")


class UiSettings:
    """A thin typed wrapper around one QSettings store."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

    @classmethod
    def at(cls, path: Path | str) -> UiSettings:
        """Settings kept in an INI file (tests, benchmarks, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def _str(self, key: str, default: str = "") -> str:
        value = self.store.value(key, default)
        return str(value) if value is not None else default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # window ------------------------------------------------------------------------------------
    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.store.setValue("window/state", value)

    @property
    def last_view(self) -> str:
        return self._str("window/last_view")

    @last_view.setter
    def last_view(self, value: str) -> None:
        self.store.setValue("window/last_view", value)

    def state(self, key: str) -> QByteArray | None:
        """A saved splitter or header state."""
        return self._bytes(f"state/{key}")

    def set_state(self, key: str, value: QByteArray) -> None:
        self.store.setValue(f"state/{key}", value)

    # preferences -------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        value = self._str("ui/language", "th")
        return value if value in LANGUAGES else "th"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(value)
        self.store.setValue("ui/language", value)

    @property
    def database(self) -> str:
        """The database chosen in the settings ('' means the default in the data folder)."""
        return self._str("db/location")

    @database.setter
    def database(self, value: str) -> None:
        self.store.setValue("db/location", value)

    def last_user(self, db_url: str) -> int | None:
        value = self.store.value(f"users/{_key(db_url)}")
        try:
            return int(str(value)) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_last_user(self, db_url: str, user_id: int) -> None:
        self.store.setValue(f"users/{_key(db_url)}", user_id)

    @property
    def last_round(self) -> str:
        return self._str("ui/last_round")

    @last_round.setter
    def last_round(self, value: str) -> None:
        self.store.setValue("ui/last_round", value)

    def sync(self) -> None:
        self.store.sync()


def _key(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
