"""The linking policy is a data file users can copy and change."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from sitrep.errors import ConfigError
from sitrep.incidents import LinkPolicy, default_policy, score_pair

from .reports import report


def shipped() -> dict:
    return json.loads(
        resources.files("sitrep").joinpath("data", "incident_linking.json").read_text("utf-8")
    )


def test_policy_shipped_weights_add_up_to_one() -> None:
    assert sum(default_policy().weights.values()) == pytest.approx(1.0)


def test_policy_user_copy_changes_decisions(tmp_path) -> None:
    data = shipped()
    data["threshold"] = 0.99
    path = tmp_path / "strict.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    strict = LinkPolicy.load(path)
    a, b = report(place="Tinzaouaten"), report(place="Tin Zaouatene")
    assert score_pair(a, b, default_policy()).linked
    assert not score_pair(a, b, strict).linked


@pytest.mark.parametrize("broken", ["{", json.dumps({"weights": {}})])
def test_policy_broken_file_is_a_config_error(tmp_path, broken: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        LinkPolicy.load(path)
    assert caught.value.code == "E080"
