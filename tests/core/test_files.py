"""core.files: private storage, random stored names, the download response."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile

from sifa.core import files


def test_a_private_file_has_no_url_and_lives_under_the_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    storage = files.private_storage()
    name = storage.save("x/a.txt", ContentFile(b"a"))
    assert (tmp_path / "private" / name).read_bytes() == b"a"
    with pytest.raises(ValueError):
        storage.url(name)


@pytest.mark.parametrize(("original", "ext"), [("身份证.PDF", ".pdf"), ("a.tar.gz", ".gz"), ("noext", ""),
                                                ("x.p<h>p", ""), ("../../etc/passwd", "")])
def test_a_stored_name_is_random_and_keeps_only_a_plain_extension(original, ext):
    name = files.RandomName("lines")(None, original)
    assert re.fullmatch(rf"lines/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}{re.escape(ext)}", name)


def test_the_name_offered_for_download_is_the_originals_last_part_without_control_characters():
    assert files.display_name("C:\\材料\\证据\r\n一.pdf") == "证据一.pdf"
    assert files.display_name("") == "file"


def test_an_imported_file_is_stored_under_a_random_name(settings, tmp_path, users):
    from sifa.core import imports

    settings.VAR_DIR = tmp_path  # the model's storage follows it
    job = imports.job_create(kind=imports.importers()[0].kind, file=ContentFile(b"a,b\n", name="张三名单.csv"),
                             by=users["leader"])
    assert job.filename == "张三名单.csv"
    assert re.fullmatch(r"imports/\d{4}/\d{2}/[0-9a-f]{32}\.csv", job.file.name)
    assert (tmp_path / "private" / job.file.name).is_file()
