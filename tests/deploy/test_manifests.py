"""deploy/k8s, checked offline: kubernetes-validate's bundled schemas for one pinned Kubernetes
version (strict: unknown fields are errors), plus the rules this project holds its deployments
to. Runs in .venv-api:  .venv-api/bin/python -m pytest tests/deploy
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

kubernetes_validate = pytest.importorskip(
    "kubernetes_validate", reason="tests/deploy runs in .venv-api (kubernetes-validate)"
)
from alembic.config import Config  # noqa: E402  (after the skip: .venv-bot has no alembic)
from alembic.script import ScriptDirectory  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
# The Kubernetes version the manifests are validated against (kubernetes-validate ships the
# schemas of 1.25 to 1.37). Raise it together with the clusters.
KUBERNETES_VERSION = "1.34.0"
SECRET_NAME = "rehab-secrets"
MiB = 1024 * 1024
# Peak resident memory measured on the 2-core test machine (deploy/README.md, "Sizing"): Rasa
# as the one replica left serving 20 conversations; the action server and the API under the
# cluster test (the API's peak is Argon2 password checks at sign-in).
MEASURED_RSS = {"rasa": 2812 * MiB, "actions": 531 * MiB, "api": 168 * MiB}
PROBE_PATHS = {"rasa": "/", "actions": "/health", "api": "/health"}
# Environment variables that carry credentials (or URLs that may embed one): only from a Secret.
SECRET_ENV = re.compile(r"(TOKEN|SECRET|PASSWORD|_DB_URL$|^DATABASE_URL$|^RATE_LIMIT_STORAGE$)")
# What changes a schema (alembic upgrade/stamp/downgrade, api.db.migrate, SQLAlchemy create_all).
MIGRATING = re.compile(r"upgrade|downgrade|\bstamp\b|\bmigrate\(|create_all")
WORKLOADS = ("Deployment", "Job", "StatefulSet", "DaemonSet", "CronJob")


def manifest_files() -> list[Path]:
    return sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


def documents() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in manifest_files():
        for doc in yaml.safe_load_all(path.read_text()):
            if doc:
                found.append((f"{path.name}:{doc['kind']}/{doc['metadata']['name']}", doc))
    return found


DOCUMENTS = documents()


def of_kind(*kinds: str) -> list[dict[str, Any]]:
    return [doc for _, doc in DOCUMENTS if doc["kind"] in kinds]


def one(kind: str, name: str) -> dict[str, Any]:
    [doc] = [d for d in of_kind(kind) if d["metadata"]["name"] == name]
    return doc


def pod_spec(workload: dict[str, Any]) -> dict[str, Any]:
    return workload["spec"]["template"]["spec"]


def containers(workload: dict[str, Any], init: bool = True) -> Iterator[dict[str, Any]]:
    spec = pod_spec(workload)
    yield from spec.get("containers", [])
    if init:
        yield from spec.get("initContainers", [])


def env_of(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in container.get("env", [])}


def component(workload: dict[str, Any]) -> str:
    return workload["metadata"]["labels"]["app.kubernetes.io/component"]


def quantity(value: str | int) -> float:
    """A Kubernetes quantity (2816Mi, 1Gi, 250m, 2) as a number (bytes or cores)."""
    text = str(value)
    units = {"Ki": 1024, "Mi": MiB, "Gi": 1024 * MiB, "m": 0.001, "k": 1000, "M": 10**6,
             "G": 10**9}  # fmt: skip
    for suffix, factor in units.items():
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return float(text)


# -- the schema ---------------------------------------------------------------------------


@pytest.mark.parametrize("name,doc", DOCUMENTS, ids=[name for name, _ in DOCUMENTS])
def test_valid_for_the_pinned_kubernetes_version(name: str, doc: dict[str, Any]) -> None:
    try:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        pytest.fail(f"{name}: {error.message} at {'/'.join(map(str, error.path))}")


def test_the_kustomization_lists_every_manifest() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == [p.name for p in manifest_files()]


def test_the_expected_workloads_and_services_are_there() -> None:
    deployments = {d["metadata"]["name"]: d for d in of_kind("Deployment")}
    assert set(deployments) == {"rehab-rasa", "rehab-actions", "rehab-api"}
    assert all(d["spec"]["replicas"] >= 2 for d in deployments.values())
    assert {s["metadata"]["name"] for s in of_kind("Service")} == set(deployments)
    for service in of_kind("Service"):
        pods = pod_spec(deployments[service["metadata"]["name"]])
        labels = deployments[service["metadata"]["name"]]["spec"]["template"]["metadata"]
        assert service["spec"]["selector"].items() <= labels["labels"].items()
        ports = {p["name"] for c in pods["containers"] for p in c.get("ports", [])}
        assert {p["targetPort"] for p in service["spec"]["ports"]} <= ports


# -- probes and resources -------------------------------------------------------------------


@pytest.mark.parametrize("deployment", of_kind("Deployment"), ids=lambda d: d["metadata"]["name"])
def test_every_container_has_probes_on_its_health_path(deployment: dict[str, Any]) -> None:
    path = PROBE_PATHS[component(deployment)]
    for container in containers(deployment, init=False):
        ports = {p["name"] for p in container.get("ports", [])}
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            assert probe in container, f"{container['name']} has no {probe}"
            check = container[probe]["httpGet"]
            assert check["path"] == path, (container["name"], probe)
            assert check["port"] in ports, (container["name"], probe)
        # Liveness must not be the first to give up on a slow replica.
        live, ready = container["livenessProbe"], container["readinessProbe"]
        assert live["periodSeconds"] * live["failureThreshold"] > (
            ready["periodSeconds"] * ready["failureThreshold"]
        )


@pytest.mark.parametrize("workload", of_kind(*WORKLOADS), ids=lambda d: d["metadata"]["name"])
def test_every_container_requests_resources(workload: dict[str, Any]) -> None:
    for container in containers(workload):
        resources = container.get("resources", {})
        requests, limits = resources.get("requests", {}), resources.get("limits", {})
        assert {"cpu", "memory"} <= requests.keys(), container["name"]
        assert "memory" in limits, container["name"]
        assert quantity(limits["memory"]) >= quantity(requests["memory"]), container["name"]
        if "cpu" in limits:
            assert quantity(limits["cpu"]) >= quantity(requests["cpu"]), container["name"]


@pytest.mark.parametrize("deployment", of_kind("Deployment"), ids=lambda d: d["metadata"]["name"])
def test_memory_requests_cover_what_was_measured(deployment: dict[str, Any]) -> None:
    [main] = [c for c in containers(deployment, init=False)]
    measured = MEASURED_RSS[component(deployment)]
    requested = quantity(main["resources"]["requests"]["memory"])
    assert measured <= requested <= 2 * measured, (main["name"], requested / MiB)
    assert quantity(main["resources"]["limits"]["memory"]) >= 1.2 * measured


def test_rasa_fits_two_cores_and_its_startup_probe_waits_for_the_model() -> None:
    [rasa] = containers(one("Deployment", "rehab-rasa"), init=False)
    assert quantity(rasa["resources"]["requests"]["cpu"]) <= 1  # two replicas on a 2-core node
    startup = rasa["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 300  # a slow model load


# -- migrations -------------------------------------------------------------------------------


def newest_revision() -> str:
    return ScriptDirectory.from_config(Config(str(ROOT / "api" / "alembic.ini"))).get_current_head()


def test_migrations_run_only_in_the_job() -> None:
    [job] = of_kind("Job")
    assert job["metadata"]["name"] == f"rehab-migrate-{newest_revision()}"  # a new one per schema
    commands = [" ".join(c.get("command", []) + c.get("args", [])) for c in containers(job)]
    assert any("alembic -c api/alembic.ini upgrade head" in c for c in commands)
    for deployment in of_kind("Deployment"):
        for container in containers(deployment):
            command = " ".join(container.get("command", []) + container.get("args", []))
            assert not MIGRATING.search(command), (deployment["metadata"]["name"], command)
    api = one("Deployment", "rehab-api")
    [main] = containers(api, init=False)
    assert env_of(main)["API_MIGRATE_ON_START"]["value"] == "false"
    [wait] = pod_spec(api)["initContainers"]
    assert "get_current_revision" in wait["command"][-1]  # it reads the revision, never writes


# -- secrets and configuration --------------------------------------------------------------


def test_no_secret_is_written_into_the_manifests() -> None:
    assert not of_kind("Secret"), "create rehab-secrets with kubectl (deploy/README.md)"
    readme = (ROOT / "deploy" / "README.md").read_text()
    for workload in of_kind(*WORKLOADS):
        for container in containers(workload):
            for name, item in env_of(container).items():
                if SECRET_ENV.search(name):
                    ref = item.get("valueFrom", {}).get("secretKeyRef")
                    assert ref and "value" not in item, f"{container['name']}: {name} is literal"
                    assert ref["name"] == SECRET_NAME
                    assert f"`{ref['key']}`" in readme, f"deploy/README.md lacks {ref['key']}"
                value = str(item.get("value", ""))
                assert not re.search(r"://[^/@\s]+:[^/@\s]+@", value), f"{name}: credentials"
    text = "\n".join(p.read_text() for p in manifest_files())
    assert not re.search(r"(?i)(password|secret|token)\s*[:=]\s*['\"]?[A-Za-z0-9_\-]{16,}", text)


def test_the_endpoints_config_map_is_the_cluster_endpoints_file() -> None:
    config = one("ConfigMap", "rehab-endpoints")
    assert config["data"]["endpoints.yml"] == (ROOT / "bot" / "endpoints.cluster.yml").read_text()
    rasa = one("Deployment", "rehab-rasa")
    [container] = containers(rasa, init=False)
    env = env_of(container)
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v.get("configMap", {}).get("name") for v in pod_spec(rasa)["volumes"]}
    assert env["RASA_ENDPOINTS"]["value"] == f"{mounts['endpoints']}/endpoints.yml"
    assert volumes["endpoints"] == "rehab-endpoints"

    # Rasa refuses to start when a ${VAR} in its endpoints is unset: all of them are set here.
    def values(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for item in node.values():
                yield from values(item)
        elif isinstance(node, str):
            yield node

    endpoints = yaml.safe_load(config["data"]["endpoints.yml"])
    wanted = {name for text in values(endpoints) for name in re.findall(r"\$\{(\w+)\}", text)}
    assert {"ACTION_ENDPOINT_URL", "REDIS_HOST"} <= wanted
    assert wanted <= env.keys(), wanted - env.keys()


def test_the_municipality_config_map_has_the_municipality_file_shape() -> None:
    config = one("ConfigMap", "rehab-municipality")
    shipped = yaml.safe_load((ROOT / "bot" / "municipality.yml").read_text())
    configured = yaml.safe_load(config["data"]["municipality.yml"])

    def shape(value: Any) -> Any:
        return {k: shape(v) for k, v in value.items()} if isinstance(value, dict) else None

    assert shape(configured) == shape(shipped)
    actions = one("Deployment", "rehab-actions")
    [container] = containers(actions, init=False)
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    path = env_of(container)["MUNICIPALITY_CONFIG"]["value"]
    assert path == f"{mounts['municipality']}/municipality.yml"
    volumes = {v["name"]: v.get("configMap", {}).get("name") for v in pod_spec(actions)["volumes"]}
    assert volumes["municipality"] == "rehab-municipality"


def test_services_start_from_the_procfile() -> None:
    procfile = (ROOT / "Procfile").read_text()
    for deployment in of_kind("Deployment"):
        [container] = containers(deployment, init=False)
        script, service = container["command"]
        assert script == "tools/cluster_proc.sh"
        assert re.search(rf"^{service}:", procfile, re.M), service
