"""The stored parse result keeps what is read later and drops the rest (bot/nlu/lean_output.py)."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.nlu.lean_output import LeanParseData


def ranked(prefix: str, count: int) -> list[dict]:
    return [
        {"intent_response_key": f"{prefix}/{i}", "confidence": 1 / (i + 2)} for i in range(count)
    ]


def test_the_answer_text_goes_and_the_rankings_keep_their_best_five() -> None:
    message = Message(data={
        "text": "hvorfor skal jeg træne?",
        "intent_ranking": [{"name": f"intent_{i}", "confidence": 0.1} for i in range(10)],
        "response_selector": {
            "all_retrieval_intents": ["faq", "indvending"],
            "faq": {
                "response": {"responses": [{"text": "Et langt svar …"}], "confidence": 0.9,
                             "intent_response_key": "faq/hvorfor",
                             "utter_action": "utter_faq/hvorfor",
                             "template_name": "utter_faq/hvorfor"},
                "ranking": ranked("faq", 10),
            },
        },
    })  # fmt: skip
    (lean,) = LeanParseData.create({}, None, None, None).process([message])

    assert [e["name"] for e in lean.get("intent_ranking")] == [f"intent_{i}" for i in range(5)]
    selector = lean.get("response_selector")
    assert selector["all_retrieval_intents"] == ["faq", "indvending"]
    kept = {"utter_action": "utter_faq/hvorfor", "intent_response_key": "faq/hvorfor",
            "confidence": 0.9}  # fmt: skip
    assert selector["faq"]["response"] == kept
    assert selector["faq"]["ranking"] == ranked("faq", 5)


def test_a_message_without_selector_or_ranking_is_left_as_it_is() -> None:
    message = Message(data={"text": "hej"})
    (lean,) = LeanParseData.create({"ranking_length": 3}, None, None, None).process([message])
    assert lean.data == {"text": "hej"}
