"""Gives the fuzzer's account real data, so generated requests reach past "not found".

Two cards saved the way Stripe reports them: the account starts a card SetupIntent through the
API, and the harness delivers the signed setup_intent.succeeded Stripe would send, built from
stripe-mock's SetupIntent (stripe-mock keeps no state, so the customer is read from the table, as
the integration tests read it from the repository). A pending charge posted by a calling service,
and a settled one so that something is due. Prints the ids as JSON for scripts/fuzz.sh.

usage: fuzz-seed.py BASE_URL   (the rest comes from FUZZ_* and the emulators' variables)
"""
import hashlib
import hmac
import json
import os
import re
import sys
import time
import urllib.request
import uuid
import zipfile


def call(method, url, body=None, headers=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def customer_of(account_id):
    """The account item's stripeCustomerId, straight from dynoxide (which checks a signature's form only)."""
    body = {"TableName": os.environ["FUZZ_TABLE"], "ConsistentRead": True,
            "Key": {"PK": {"S": "ACCT#" + account_id}, "SK": {"S": "ACCOUNT"}}}
    item = call("POST", os.environ["AWS_ENDPOINT_URL_DYNAMODB"] + "/", json.dumps(body).encode(), {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "DynamoDB_20120810.GetItem",
        "X-Amz-Date": time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()),
        "Authorization": "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, "
                         "SignedHeaders=host, Signature=00"})["Item"]
    return item["stripeCustomerId"]["S"]


def stripe_api_version():
    """The API version the service's stripe-java reads events of (Stripe stamps every event with one)."""
    with zipfile.ZipFile(os.environ["FUZZ_JAR"]) as jar:
        return re.search(rb"\d{4}-\d{2}-\d{2}\.[a-z]+", jar.read("com/stripe/ApiVersion.class")).group().decode()


def deliver(base, event_type, obj):
    """Signs an event as Stripe does (HMAC-SHA256 of "<t>.<body>" with the webhook secret)."""
    payload = json.dumps({"id": "evt_fuzz" + uuid.uuid4().hex[:16], "object": "event", "type": event_type,
                          "api_version": stripe_api_version(), "created": int(time.time()),
                          "data": {"object": obj}}).encode()
    t = str(int(time.time()))
    signature = hmac.new(os.environ["FUZZ_WEBHOOK_SECRET"].encode(), t.encode() + b"." + payload, hashlib.sha256).hexdigest()
    call("POST", base + "/api/stripe/webhook", payload, {"Stripe-Signature": f"t={t},v1={signature}"})


def main():
    base = sys.argv[1]
    session = {"X-SESSION-ID": os.environ["FUZZ_SESSION_ID"], "Authorization": "Bearer " + os.environ["FUZZ_SESSION_TOKEN"]}
    service = {"Authorization": "Bearer " + os.environ["FUZZ_SERVICE_KEY"]}
    account = call("GET", base + "/api/auth/session", headers=session)["accountId"]

    cards = []
    for _ in range(2):
        setup = call("POST", base + "/api/billing/setup-intent/card", headers=session)
        intent = call("GET", os.environ["STRIPE_MOCK_URL"] + "/v1/setup_intents/" + setup["setupIntentId"],
                      headers={"Authorization": "Bearer sk_test_ledgerlinefuzz"})
        card = "pm_fuzz" + uuid.uuid4().hex[:16]
        intent.update(id=setup["setupIntentId"], customer=customer_of(account), status="succeeded",
                      payment_method=card, created=int(time.time()) + len(cards))
        deliver(base, "setup_intent.succeeded", intent)
        cards.append(card)
    active = [m["id"] for m in call("GET", base + "/api/billing/payment-methods", headers=session)["data"]
              if m["status"] == "active"]
    if sorted(active) != sorted(cards):
        sys.exit(f"fuzz-seed: expected the cards {cards} to be active, the account has {active}")

    pending = call("POST", f"{base}/api/internal/accounts/{account}/charges",
                   {"amount": 1200, "description": "Fuzz seed (pending)", "settled": False},
                   dict(service, **{"Idempotency-Key": "fuzz-seed-pending"}))
    call("POST", base + "/api/billing/_dev/add-charge", {"amount": 2500, "description": "Fuzz seed"}, session)
    print(json.dumps({"accountId": account, "keptCard": cards[0], "removableCard": cards[1], "pendingEntry": pending["id"]}))


if __name__ == "__main__":
    main()
