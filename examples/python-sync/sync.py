#!/usr/bin/env python3
"""A small reverse-ETL sync into Braze, standard library only: the kind of code fake-braze tests.

It sends the warehouse's users to POST /users/track, names the Hightouch-style cohort "vip" and
moves its members with the partner cohort import endpoints (adds and removes), retrying on 429.
Configuration comes from the environment, as a CI job would set it:

  BRAZE_URL              base URL of Braze (here: fake-braze, e.g. http://127.0.0.1:4000)
  BRAZE_REST_API_KEY     REST API key with users.track           (default: ci-rest-key)
  BRAZE_DATA_IMPORT_KEY  the partner's data import key            (default: ci-hightouch-key)
  BRAZE_PARTNER_API_KEY  the partner API key                      (default: fake-hightouch-us-partner-api-key)

Run it against a seeded fake, then check the result with `fake-braze expect braze-expect.yaml`.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

# The "warehouse": who exists, their plan, and who belongs in the VIP cohort now.
WAREHOUSE = [
    {"external_id": "u1", "email": "u1@example.com", "plan": "gold", "vip": True},
    {"external_id": "u2", "email": "u2@example.com", "plan": "pro", "vip": True},
    {"external_id": "u3", "email": "u3@example.com", "plan": "free", "vip": False},
]

BASE = os.environ["BRAZE_URL"].rstrip("/")
REST_KEY = os.environ.get("BRAZE_REST_API_KEY", "ci-rest-key")
DATA_IMPORT_KEY = os.environ.get("BRAZE_DATA_IMPORT_KEY", "ci-hightouch-key")
PARTNER_KEY = os.environ.get("BRAZE_PARTNER_API_KEY", "fake-hightouch-us-partner-api-key")


def post(path, body, headers=None, attempts=5):
    """POSTs JSON; retries 429 and 5xx after Retry-After (or a short backoff)."""
    data = json.dumps(body).encode()
    for attempt in range(attempts):
        request = urllib.request.Request(BASE + path, data=data, method="POST",
                                         headers={"content-type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as err:
            if err.code == 429 or err.code >= 500:
                time.sleep(float(err.headers.get("retry-after") or 0.2 * (attempt + 1)))
                continue
            raise SystemExit(f"{path}: {err.code} {err.read().decode()}")
    raise SystemExit(f"{path}: still failing after {attempts} attempts")


def main():
    status, answer = post("/users/track", {
        "attributes": [{"external_id": u["external_id"], "email": u["email"], "plan": u["plan"]} for u in WAREHOUSE]
    }, headers={"authorization": f"Bearer {REST_KEY}"})
    print(f"/users/track: {status} {answer}")

    credentials = {"partner_api_key": PARTNER_KEY, "client_secret": DATA_IMPORT_KEY, "cohort_id": "vip"}
    status, answer = post("/partners/hightouch/cohorts", {**credentials, "name": "VIP customers", "created_at": "2026-11-28T12:00:00Z"})
    print(f"cohort name: {status} {answer}")
    changes = [
        {"user_ids": [u["external_id"] for u in WAREHOUSE if u["vip"]]},
        {"user_ids": [u["external_id"] for u in WAREHOUSE if not u["vip"]], "should_remove": True},
    ]
    status, answer = post("/partners/hightouch/cohorts/users", {**credentials, "cohort_changes": changes})
    print(f"cohort users: {status} {answer}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
