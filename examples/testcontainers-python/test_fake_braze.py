"""fake-braze from Python tests with Testcontainers (UNTRIED: the testcontainers and pytest packages
cannot be installed where fake-braze is developed; the steps are those of
examples/testcontainers-node/fake-braze.test.mjs, which the test suite runs against the image).

    pip install testcontainers pytest
    FAKE_BRAZE_IMAGE=fake-braze:latest pytest test_fake_braze.py

Starts the image, waits on its /health route, provisions a workspace through the control plane
and checks what a Hightouch-style cohort sync left there.
"""
import json
import os
import secrets
import time
import urllib.error
import urllib.request

import pytest
from testcontainers.core.container import DockerContainer

IMAGE = os.environ.get("FAKE_BRAZE_IMAGE", "fake-braze:latest")
# The image listens beyond loopback, so it wants a control token (or FAKE_BRAZE_INSECURE_CONTROL_PLANE=true).
TOKEN = secrets.token_hex(16)


def call(base, method, path, body=None, token=None):
    headers = {"content-type": "application/json"} if body is not None else {}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


def wait_for_health(base, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if call(base, "GET", "/health")[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{base}/health did not answer 200")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def fake_braze():
    container = (
        DockerContainer(IMAGE)
        .with_env("FAKE_BRAZE_CONTROL_TOKEN", TOKEN)
        .with_env("FAKE_BRAZE_DB", ":memory:")
        .with_exposed_ports(4000)
    )
    with container:
        base = f"http://{container.get_container_host_ip()}:{container.get_exposed_port(4000)}"
        wait_for_health(base)
        yield base


def test_a_provisioned_workspace_takes_a_hightouch_cohort_sync(fake_braze):
    control = lambda method, path, body=None: call(fake_braze, method, "/_fake" + path, body, TOKEN)  # noqa: E731
    assert control("POST", "/workspaces", {"id": "tc", "cluster": "iad-01"})[0] == 201
    assert control("POST", "/workspaces/tc/partners/hightouch/data-import-keys", {"key": "tc-hightouch-key"})[0] == 201
    assert control("POST", "/workspaces/tc/users", {"users": [{"external_id": "user-1"}, {"external_id": "user-2"}]})[0] == 201

    # what the code under test would send to Braze's partner endpoint
    status, answer = call(fake_braze, "POST", "/partners/hightouch/cohorts/users", {
        "partner_api_key": "fake-hightouch-us-partner-api-key",
        "client_secret": "tc-hightouch-key",
        "cohort_id": "vip-buyers",
        "cohort_changes": [{"user_ids": ["user-1", "ghost"]}],
    })
    assert (status, answer) == (201, {"message": "success"})

    status, members = control("GET", "/workspaces/tc/partners/hightouch/cohorts/vip-buyers/members")
    assert [m.get("external_id") for m in members["members"]] == ["user-1"]


def test_the_control_plane_refuses_a_caller_without_the_token(fake_braze):
    assert call(fake_braze, "GET", "/_fake/workspaces")[0] == 401
