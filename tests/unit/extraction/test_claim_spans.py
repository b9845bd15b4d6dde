from extraction.model import Claim


def test_claim_span_is_trimmed_with_exact_offsets() -> None:
    body = 'He said that\xa0 the talks were useful \n and ended.'
    start, end = body.index("\xa0"), body.index("useful") + len("useful ") + 1
    claim = Claim(start, end, body[start:end], False, "said that", None, 0.7)
    assert claim.text == "the talks were useful"
    assert body[claim.start:claim.end] == claim.text
