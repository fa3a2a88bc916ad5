import logging

import pytest
from fastapi import APIRouter, Query
from fastapi.testclient import TestClient

from servicekit import ServiceError, create_service_app

router = APIRouter()


@router.get("/items")
def list_items(limit: int = Query(ge=1, le=50)) -> dict[str, int]:
    return {"limit": limit}


class WidgetNotFoundError(ServiceError):
    status_code = 404
    error_code = "not_found"


@router.get("/widgets/{widget_id}")
def get_widget(widget_id: str) -> None:
    raise WidgetNotFoundError(f"No widget has id {widget_id!r}.")


@router.get("/broken")
def broken() -> None:
    raise RuntimeError("secret detail that must not reach the client")


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_service_app("demo", routers=[router]), raise_server_exceptions=False)


def test_healthz_names_service(client: TestClient) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "service": "demo"}


def test_invalid_query_names_field_and_value(client: TestClient) -> None:
    response = client.get("/items", params={"limit": "500"})

    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["field"] == "limit"
    assert detail["value"] == "500"
    assert "less than or equal to 50" in detail["message"]


def test_long_query_string_is_414(client: TestClient) -> None:
    response = client.get("/items", params={"limit": "1", "pad": "x" * 5000})

    assert response.status_code == 414
    assert "limit is 2048" in response.json()["message"]


def test_unhandled_error_is_500_without_detail(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        response = client.get("/broken")

    assert response.status_code == 500
    assert response.json()["error"] == "internal_error"
    assert "secret detail" not in response.text
    assert any(record.getMessage() == "request.failed" for record in caplog.records)


def test_service_error_rendered_with_status(client: TestClient) -> None:
    response = client.get("/widgets/w-7")

    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "message": "No widget has id 'w-7'."}
