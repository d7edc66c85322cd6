"""The scale-out profile under a replica crash: two Rasa replicas behind HAProxy, PostgreSQL
trackers, Redis conversation locks, two action servers sharing the PostgreSQL outbox.

1. The lock store: two messages for one conversation, sent at the same moment straight to the
   two replicas, are processed one after the other (Redis holds both tickets in the
   conversation's lock; the tracker shows the turns in order, not interleaved).
2. One crash for everything else: 20 visitors talk to the public door through the balancer
   while two staff members finish a goal capture; mid-way one replica is SIGKILLed at the
   moment it is saving staff member A's goal, and staff member B confirms just after.

The chat clients here behave as a careful client would: a turn that gets an answer is never
sent again; a turn whose replica died with the request (502 from the balancer, or a dropped
connection) is looked up in the PostgreSQL tracker store first and resent only if it was not
stored. The doors take no client message id yet, so the client has to look itself; see
deploy/README.md ("What a crash can and cannot lose").
"""

from __future__ import annotations

import itertools
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg2
import pytest
import requests

from actions.faq.catalog import FAQ_QUESTIONS
from tests.cluster.support import PG, Cluster, texts

CONVERSATIONS = 20
TURNS = 6
QUESTIONS = list(FAQ_QUESTIONS.values())
CAPTURE = ("egenomsorg", "gå i bad selv", "7", "3", "2", "nej",
           "Jeg vil kunne tage bad selv to gange om ugen", "om 6 uger", "Stå i badet",
           "øve ved håndvasken", "borger", "om 3 uger")  # fmt: skip
RESENDABLE = (502, 503)  # the balancer: the replica died with the request, or none is up


@dataclass
class Turn:
    text: str
    outcome: str = ""  # answered | answered after a resend | stored, answer lost
    attempts: int = 0
    failures: list[str] = field(default_factory=list)
    reply: str = ""
    seconds: float = 0.0


class Client:
    """One conversation's chat client (see the module docstring for its resend rule)."""

    def __init__(
        self, cluster: Cluster, sender: str, door: str, body: dict[str, Any], headers=None
    ) -> None:
        self.cluster = cluster
        self.sender = sender  # the conversation id the door derives (pub-…, staff-…)
        self.door = door
        self.body = body
        self.headers = headers or {}
        self.turns: list[Turn] = []

    def say(self, text: str, via: str | None = None) -> Turn:
        """One turn; `via` sends the first attempt straight to that replica's URL."""
        turn, position, started = Turn(text), len(self.turns), time.monotonic()
        self.turns.append(turn)
        base = via or self.cluster.lb
        while turn.attempts < 5:
            turn.attempts += 1
            try:
                reply = requests.post(
                    f"{base}{self.door}", json={**self.body, "message": text},
                    headers=self.headers, timeout=170,
                )  # fmt: skip
            except requests.RequestException as error:
                turn.failures.append(type(error).__name__)
            else:
                if reply.status_code == 200:
                    turn.reply = texts(reply)
                    turn.outcome = "answered" if turn.attempts == 1 else "answered after a resend"
                    break
                assert reply.status_code in RESENDABLE, (reply.status_code, reply.text[:300])
                turn.failures.append(f"HTTP {reply.status_code}")
            stored = self.cluster.user_texts(self.sender)
            if stored == [t.text for t in self.turns]:
                turn.outcome = "stored, answer lost"
                break
            assert stored == [t.text for t in self.turns[:position]], stored[-3:]
            base = self.cluster.lb  # a resend goes the usual way
            time.sleep(2**turn.attempts / 4)  # 0.5, 1, 2, 4 s
        else:
            raise AssertionError(f"{self.sender}: {text!r} failed 5 times: {turn.failures}")
        turn.seconds = time.monotonic() - started
        return turn


@dataclass
class StaffMember:
    cluster: Cluster
    username: str
    reference: str
    client: Client | None = None

    def sign_in(self) -> StaffMember:
        password = self.cluster.add_staff(self.username)
        token = self.cluster.sign_in(self.username, password)
        sender = f"staff-{self.cluster.staff_user_id(self.username)}"
        self.client = Client(
            self.cluster, sender, "/webhooks/staff/webhook", {},
            {"Authorization": f"Bearer {token}"},
        )  # fmt: skip
        return self

    def say(self, text: str, via: str | None = None) -> str:
        assert self.client is not None
        return self.client.say(text, via).reply

    def capture_until_confirm(self) -> None:
        assert "område" in self.say(f"nyt mål for {self.reference}")
        for answer in CAPTURE:
            self.say(answer)
        assert "Skal jeg gemme det?" in self.say("nej")


def in_thread(function: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = function()
        except BaseException as error:  # re-raised by the test that reads it
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def value(result: dict[str, Any]) -> Any:
    if "error" in result:
        raise result["error"]
    return result["value"]


# -- 1. the lock store ----------------------------------------------------------------------


@dataclass
class Together:
    sender: str
    locks: list[bytes]  # each new value of the conversation's lock key in Redis, in order
    done: dict[str, tuple[str, requests.Response, float]]  # replica -> (text, reply, finished)

    @property
    def most_tickets(self) -> int:
        return max((len(json.loads(lock)["tickets"]) for lock in self.locks), default=0)


def send_together(cluster: Cluster, first: str, second: str) -> Together:
    """`first` to rasa1 and `second` to rasa2, for one new conversation, at the same moment."""
    client_id = f"lock-{secrets.token_hex(4)}"
    result = Together(f"pub-{client_id}", [], {})
    store, key = cluster.redis(), cluster.lock_key(result.sender)
    watching, together = threading.Event(), threading.Barrier(2)
    watching.set()

    def watch() -> None:
        while watching.is_set():
            lock = store.get(key)
            if lock and (not result.locks or result.locks[-1] != lock):
                result.locks.append(lock)
            time.sleep(0.002)

    def send(replica: str, text: str) -> None:
        together.wait()
        reply = requests.post(
            f"{cluster.url(replica)}/webhooks/rest/webhook",
            json={"sender": client_id, "message": text},
            timeout=120,
        )
        result.done[replica] = (text, reply, time.monotonic())

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    senders = [threading.Thread(target=send, args=a) for a in
               (("rasa1", first), ("rasa2", second))]  # fmt: skip
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join(150)
    watching.clear()
    watcher.join(5)
    return result


def test_two_replicas_take_turns_on_one_conversation(cluster: Cluster) -> None:
    for _ in range(3):  # both must arrive while the other is being processed; nearly always so
        run = send_together(cluster, QUESTIONS[0], QUESTIONS[1])
        if run.most_tickets == 2:
            break
    sender, done = run.sender, run.done
    assert {replica: reply.status_code for replica, (_, reply, _) in done.items()} == {
        "rasa1": 200, "rasa2": 200,
    }  # fmt: skip
    assert all(texts(reply) for _, reply, _ in done.values())
    # Redis held one lock for the conversation with both messages' tickets in it: the one
    # that came second waited. Once both were served the lock was deleted.
    assert run.most_tickets == 2, [json.loads(lock) for lock in run.locks]
    assert cluster.redis().get(cluster.lock_key(sender)) is None
    # The tracker has both turns, each once, in the order they were served, not interleaved:
    # the second turn starts after the first one's last event.
    order = sorted(done, key=lambda replica: done[replica][2])
    events = cluster.events(sender)
    assert cluster.user_texts(sender) == [done[order[0]][0], done[order[1]][0]]
    users = [i for i, e in enumerate(events) if e["event"] == "user"]
    first_turn, second_user = events[users[0] : users[1]], events[users[1]]
    assert any(e["event"] == "bot" for e in first_turn)
    assert first_turn[-1]["name"] == "action_listen"
    assert max(e["timestamp"] for e in first_turn) <= second_user["timestamp"]
    # And the replica that served second says why it waited (Rasa's DEBUG log).
    waited = f"Failed to acquire lock for conversation ID '{sender}'"
    assert waited in cluster.log(order[1]), f"{order[1]} did not log waiting for the lock"


# -- 2. a replica killed mid-way ------------------------------------------------------------


@dataclass
class Crash:
    conversations: dict[str, tuple[list[str], list[Turn]]]
    killed_after_turns: int
    staff_a: StaffMember
    staff_b: StaffMember
    a_gem: Turn
    a_status: str
    b_gem: Turn
    states_after: dict[str, str]
    outbox: list[tuple]
    seconds: float
    balancer_502: int


def wait_for_outbox_entry(cluster: Cluster, reference: str, timeout: float = 90) -> None:
    connection = psycopg2.connect(dbname=cluster.databases["outbox"], **PG)
    connection.autocommit = True
    deadline = time.monotonic() + timeout
    try:
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                cursor.execute("SELECT 1 FROM outbox WHERE reference = %s", (reference,))
                if cursor.fetchone():
                    return
                time.sleep(0.01)
    finally:
        connection.close()
    raise TimeoutError(f"no outbox entry for {reference} after {timeout}s")


@pytest.fixture(scope="module")
def crash(cluster: Cluster) -> Crash:
    started = time.monotonic()
    staff_a = StaffMember(cluster, "klynge-a", "K-0001").sign_in()
    staff_b = StaffMember(cluster, "klynge-b", "K-0002").sign_in()
    captures = [in_thread(member.capture_until_confirm) for member in (staff_a, staff_b)]

    clients = {}
    for i in range(CONVERSATIONS):
        client_id = f"klynge-{i:02d}-{secrets.token_hex(3)}"
        questions = [QUESTIONS[(i + k) % len(QUESTIONS)] for k in range(TURNS)]
        clients[client_id] = (
            questions,
            Client(cluster, f"pub-{client_id}", "/webhooks/rest/webhook", {"sender": client_id}),
        )

    def converse(questions: list[str], client: Client) -> list[Turn]:
        return [client.say(question) for question in questions]

    for thread, result in captures:
        thread.join(300)
        value(result)
    talks = {cid: in_thread(lambda q=q, c=c: converse(q, c)) for cid, (q, c) in clients.items()}

    # Mid-way: A's "gem" goes to rasa2, and rasa2 is killed the moment A's goal is in the
    # outbox (the action server is sending it; Rasa has not stored the turn yet). B confirms
    # through the balancer right after. A's "gem" waits behind the visitors' messages on rasa2,
    # so it goes out a fifth of the way in for the kill to land mid-way.
    deadline = time.monotonic() + 300
    while sum(len(c.turns) for _, c in clients.values()) < CONVERSATIONS * TURNS // 5:
        assert time.monotonic() < deadline, "the conversations did not get going"
        time.sleep(0.05)
    a_thread, a_result = in_thread(lambda: staff_a.client.say("gem", via=cluster.url("rasa2")))
    wait_for_outbox_entry(cluster, staff_a.reference)
    cluster.procs["rasa2"].kill()
    killed_after = sum(len(c.turns) for _, c in clients.values())
    b_thread, b_result = in_thread(lambda: staff_b.client.say("gem"))

    a_thread.join(300)
    b_thread.join(300)
    for thread, _ in talks.values():
        thread.join(300)
    conversations = {cid: (clients[cid][0], value(result)) for cid, (_, result) in talks.items()}
    a_gem, b_gem = value(a_result), value(b_result)
    a_status = staff_a.say("er målet gemt?")
    balancer_502 = sum(" 502 " in line for line in cluster.log("lb").splitlines())
    result = Crash(
        conversations, killed_after, staff_a, staff_b, a_gem, a_status, b_gem,
        cluster.server_states("rasa"), cluster.outbox(), time.monotonic() - started,
        balancer_502,
    )  # fmt: skip
    outcomes: dict[str, int] = {}
    for _, turns in conversations.values():
        for turn in turns:
            outcomes[turn.outcome] = outcomes.get(turn.outcome, 0) + 1
    print(
        f"\ncrash scenario: {result.seconds:.0f}s, rasa2 killed after {killed_after} of "
        f"{CONVERSATIONS * TURNS} public turns; outcomes {outcomes}; slowest turn "
        f"{max(t.seconds for _, ts in conversations.values() for t in ts):.1f}s; "
        f"502s at the balancer {balancer_502}; A's gem {a_gem.outcome} {a_gem.failures}; "
        f"B's gem {b_gem.outcome} {b_gem.failures}; goals stored for A "
        f"{cluster.goals_for(staff_a.reference)}, for B {cluster.goals_for(staff_b.reference)}; "
        f"peak RSS MB {cluster.peak_rss_mb()}"
    )
    return result


def test_every_public_conversation_continues_with_each_turn_stored_once(
    cluster: Cluster, crash: Crash
) -> None:
    total = CONVERSATIONS * TURNS
    assert total // 10 <= crash.killed_after_turns <= total * 9 // 10  # the kill came mid-way
    assert crash.states_after == {"rasa1": "UP", "rasa2": "DOWN"}  # the health check saw it
    for client_id, (questions, turns) in crash.conversations.items():
        sender = f"pub-{client_id}"
        assert [t.text for t in turns] == questions
        # Every turn answered (or stored before its replica died), and the tracker in
        # PostgreSQL holds each user turn exactly once, in order, with its answer.
        assert all(t.reply or t.outcome == "stored, answer lost" for t in turns), turns
        assert cluster.user_texts(sender) == questions, sender
        events = cluster.events(sender)
        users = [i for i, e in enumerate(events) if e["event"] == "user"] + [len(events)]
        for start, end in itertools.pairwise(users):
            assert any(e["event"] == "bot" for e in events[start:end]), (sender, start)
    # The rate-limit counters are shared through Redis, one per conversation.
    store = cluster.redis()
    for client_id in crash.conversations:
        assert store.keys(f"LIMITER/public-conversation/pub-{client_id}/*"), client_id


def test_a_goal_confirmed_as_a_replica_is_killed_is_stored_once(
    cluster: Cluster, crash: Crash
) -> None:
    """B's "gem" reaches the balancer right after the kill: it is served by the survivor."""
    assert "Målet er gemt" in crash.b_gem.reply, crash.b_gem
    assert cluster.goals_for(crash.staff_b.reference) == 1
    assert [s for _, ref, s in crash.outbox if ref == crash.staff_b.reference] == ["gemt"]
    assert cluster.user_texts(crash.staff_b.client.sender).count("gem") == 1


def test_the_conversation_whose_replica_died_mid_save_continues(
    cluster: Cluster, crash: Crash
) -> None:
    """A's "gem" was on rasa2 when it died: the goal reached the API anyway (the action server
    finished the save), and A's conversation goes on on rasa1."""
    assert crash.a_gem.failures and crash.a_gem.failures[0] == "ConnectionError"
    assert crash.a_gem.reply, crash.a_gem
    assert cluster.goals_for(crash.staff_a.reference) >= 1
    assert "Ja" in crash.a_status
    assert cluster.user_texts(crash.staff_a.client.sender).count("gem") == 1


def test_a_goal_whose_replica_died_mid_save_is_stored_once(cluster: Cluster, crash: Crash) -> None:
    assert cluster.goals_for(crash.staff_a.reference) == 1
