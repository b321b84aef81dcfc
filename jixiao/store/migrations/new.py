"""Developer tool: autogenerate a migration from the schema against a scratch SQLite database.

``python -m jixiao.store.migrations.new "message"`` — then read and tidy the new file.
"""

from __future__ import annotations

import sys
import tempfile
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine


def main(message: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("jixiao.store") / "migrations"))
        cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            command.revision(cfg, message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "schema change")
