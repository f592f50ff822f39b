from django.test import override_settings


def test_404_page_is_chinese(client, world):
    client.force_login(world.dispatch_a)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@override_settings(DEBUG=False)
def test_500_page_is_chinese_and_needs_no_database(rf):
    from core.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "系统出错" in response.content.decode()


def test_403_page_is_chinese(rf):
    from core.views import error_403

    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = error_403(request)
    assert response.status_code == 403 and "无权访问" in response.content.decode()
