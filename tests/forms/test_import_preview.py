"""Import preview with bad rows: "导入无误的行" goes on with the valid rows of the file already uploaded
(kept parsed on the ImportUpload), reports the bad rows, and never asks for the file again."""

from django.urls import reverse

from cadres.models import Cadre
from core.models import ImportUpload
from tests.cadres.imports.test_roster_import import _row, _xlsx


def _preview_with_one_bad_row(client, world):
    client.force_login(world.dispatch_a)
    upload = _xlsx([_row("赵一", "甲县农业农村局"), _row("钱二", "不存在的单位"), _row("孙三", "甲县农业农村局")])
    upload.name = "名册.xlsx"
    location = client.post(reverse("cadres:import-start"), {"file": upload})["Location"]
    return location, client.get(location).content.decode()


def test_import_valid_rows_goes_on_with_the_uploaded_file(client, world):
    location, page = _preview_with_one_bad_row(client, world)
    start = page.find('data-testid="import-valid-rows"')
    form = page[start : page.find("</form>", start)]
    assert "导入无误的行（跳过 1 个错误行）" in page
    assert 'name="skip_bad_rows" value="1"' in form
    assert 'data-confirm="将导入无误的行，跳过 1 个错误行' in form  # data-confirm: it asks first and says what follows
    assert 'type="file"' not in page  # nothing asks for the file again
    response = client.post(location, {"skip_bad_rows": "1"})
    assert response.status_code == 302
    assert set(Cadre.objects.filter(name__in=["赵一", "钱二", "孙三"]).values_list("name", flat=True)) == {
        "赵一",
        "孙三",
    }
    upload = ImportUpload.objects.get()
    assert upload.status == ImportUpload.Status.APPLIED and upload.summary["error"] == 1
    done = client.get(response["Location"]).content.decode()
    assert "跳过错误行 1 行（第 4 行" in done  # the title row, the header, 赵一 (3), 钱二 (4)
    assert ImportUpload.objects.count() == 1  # no second upload


def test_confirm_without_choosing_to_skip_still_imports_nothing(client, world):
    location, _ = _preview_with_one_bad_row(client, world)
    response = client.post(location)
    assert response.status_code == 200
    assert not Cadre.objects.filter(name__in=["赵一", "孙三"]).exists()
    # and the choice is still there, on the same upload
    assert "导入无误的行" in response.content.decode()
    client.post(location, {"skip_bad_rows": "1"})
    assert Cadre.objects.filter(name__in=["赵一", "孙三"]).count() == 2
