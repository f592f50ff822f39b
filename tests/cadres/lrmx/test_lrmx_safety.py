"""The 任免审批表 reader does not trust the file: no DTD or entities (XXE, billion laughs), bounded sizes
and counts, zip bombs refused from the zip's directory, GB2312 files read, .lrm split as the 2.0 software
writes it."""

import io
import zipfile

import pytest

from cadres import lrmx
from cadres.lrmx import LrmxError, parse_lrm, parse_lrmx, read_bundle, write_lrm, write_lrmx
from tests.factories.lrmx import make_person, zip_of

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Person><XingMing>&lol2;</XingMing></Person>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Person [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Person><XingMing>&xxe;</XingMing></Person>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE])
def test_a_dtd_or_an_entity_is_refused(data):
    with pytest.raises(LrmxError, match="DTD/ENTITY"):
        parse_lrmx(data)


def test_not_a_person_is_refused():
    with pytest.raises(LrmxError, match="根元素应为 <Person>"):
        parse_lrmx(b"<Workbook/>")


def test_a_gb2312_file_is_read():
    person = make_person()
    data = write_lrmx(person).decode("utf-8").replace('encoding="UTF-8"', 'encoding="GB2312"').encode("gb18030")
    assert parse_lrmx(data).name == person.name and parse_lrmx(data).resume == person.resume


def test_lrm_fields_and_education_split_by_at_and_hash():
    person = make_person()
    text = write_lrm(person).decode("gb18030")
    assert "大学本科#农学学士@硕士研究生#管理学硕士" in text and '"浙江杭州","2006' in text.replace("06", "06", 1)
    back = parse_lrm(write_lrm(person), person.photo)
    for name in (
        "name",
        "birth",
        "party_joined",
        "native_place",
        "resume",
        "rewards",
        "current_post",
        "inservice_degree_school",
    ):
        assert getattr(back, name) == getattr(person, name), name
    assert back.family == person.family and back.photo == person.photo


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(lrmx, "MAX_FILE_BYTES", 1000)
    with pytest.raises(LrmxError, match="上限"):
        parse_lrmx(write_lrmx(make_person()))


def test_a_zip_bomb_is_refused_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.lrmx", b"\0" * (3 * 1024 * 1024))  # compresses ~1000:1
    with pytest.raises(LrmxError, match="压缩炸弹"):
        read_bundle([("a.zip", buffer.getvalue())])


def test_too_many_files_are_refused(monkeypatch):
    monkeypatch.setattr(lrmx, "MAX_FILES", 2)
    data = write_lrmx(make_person())
    with pytest.raises(LrmxError, match="最多导入 2 个"):
        read_bundle([(f"{i}.lrmx", data) for i in range(3)])


def test_too_much_in_total_is_refused(monkeypatch):
    monkeypatch.setattr(lrmx, "MAX_TOTAL_BYTES", 10_000)
    data = write_lrmx(make_person())
    with pytest.raises(LrmxError, match="合计超过"):
        read_bundle([("z.zip", zip_of([(f"{i}.lrmx", data) for i in range(5)]))])


def test_a_broken_zip_and_a_stray_pic_are_named():
    with pytest.raises(LrmxError, match="不是有效的 zip"):
        read_bundle([("a.zip", b"PK\x03\x04 broken")])
    entries = read_bundle([("a.lrmx", write_lrmx(make_person())), ("b.pic", b"\xff\xd8")])
    assert [(e.name, e.error.message if e.error else "") for e in entries] == [
        ("a.lrmx", ""),
        ("b.pic", "找不到同名的 .lrm 文件，该照片未导入。"),
    ]


def test_control_characters_in_free_text_do_not_break_the_export():
    person = make_person(appointment_reason="工作\x01需要", annual_results="称职\x0b")
    back = parse_lrmx(write_lrmx(person))
    assert (back.appointment_reason, back.annual_results) == ("工作需要", "称职")


def test_a_zip_inside_the_zip_is_not_opened():
    inner = zip_of([("a.lrmx", write_lrmx(make_person()))])
    entries = read_bundle([("outer.zip", zip_of([("inner.zip", inner), ("b.lrmx", write_lrmx(make_person()))]))])
    assert [(e.name, e.error.message if e.error else "") for e in entries] == [
        ("b.lrmx", ""),
        ("inner.zip", "压缩包中的压缩包不会被打开：请把其中的文件直接放进上传的压缩包。"),
    ]
