"""pyarr 5.2.0 against the tags and root folders of the series and movies roles (issue 6, first slice)."""

from __future__ import annotations

from pathlib import Path

import pyarr
import pytest
from pyarr.exceptions import PyarrBadRequest, PyarrResourceNotFound

from harness import Kinora
from test_pyarr import bounded

CLIENTS = {"series": pyarr.SonarrAPI, "movies": pyarr.RadarrAPI}


@pytest.mark.parametrize("role", list(CLIENTS))
def test_tags_round_trip(shared_kinora: Kinora, shared_keys: dict[str, str], role: str) -> None:
    api = bounded(CLIENTS[role](f"http://127.0.0.1:{shared_kinora.ports[role]}", shared_keys[role]))
    created = api.create_tag("requested-by-alice")
    assert created["label"] == "requested-by-alice" and created["id"] > 0
    assert api.create_tag("Requested-By-Alice")["id"] == created["id"]
    assert api.upd_tag(created["id"], "alice")["label"] == "alice"
    assert {"id": created["id"], "label": "alice"} in api.get_tag()
    assert api.get_tag(created["id"]) == {"id": created["id"], "label": "alice"}
    assert api.get_tag_detail(created["id"])["label"] == "alice"
    with pytest.raises(PyarrBadRequest):
        api.create_tag("has spaces")
    api.del_tag(created["id"])
    with pytest.raises(PyarrResourceNotFound):
        api.get_tag(created["id"])


@pytest.mark.parametrize("role", list(CLIENTS))
def test_root_folders(shared_kinora: Kinora, shared_keys: dict[str, str], role: str, tmp_path: Path) -> None:
    api = bounded(CLIENTS[role](f"http://127.0.0.1:{shared_kinora.ports[role]}", shared_keys[role]))
    defaults = {folder["path"] for folder in api.get_root_folder()}
    data = Path(shared_kinora.data_dir)
    expected = {str(data / "tv"), str(data / "anime")} if role == "series" else {str(data / "movies")}
    assert expected <= defaults

    extra = tmp_path / f"library-{role}"
    (extra / "Show (2021)").mkdir(parents=True)
    added = api.add_root_folder(str(extra))
    assert added["path"] == str(extra) and added["accessible"] and added["freeSpace"] > 0
    assert [folder["name"] for folder in added["unmappedFolders"]] == ["Show (2021)"]
    with pytest.raises(PyarrBadRequest):
        api.add_root_folder(str(extra))
    with pytest.raises(PyarrBadRequest):
        api.add_root_folder(str(tmp_path / "does-not-exist"))
    api.del_root_folder(added["id"])
    assert str(extra) not in {folder["path"] for folder in api.get_root_folder()}
