"""The project's YAML reader (libyaml's parser) gives exactly what PyYAML's pure-Python safe loader gives."""

from __future__ import annotations

import pytest
import yaml

from planner.paths import DATA_DIR, load_yaml

pytestmark = pytest.mark.unit

FILES = sorted(DATA_DIR.rglob("*.yaml"))


def test_every_data_file_is_checked() -> None:
    assert len(FILES) >= 15


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fast_reader_matches_the_safe_loader(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.safe_load(text)


def test_the_reader_is_safe() -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")
