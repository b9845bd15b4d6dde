"""Code lists the gates check against, kept here so suites stay readable."""

from __future__ import annotations

# ISO 639-1 two-letter language codes (184, including the withdrawn `bh` still seen in feeds).
ISO_639_1: frozenset[str] = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
    hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
    lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
    or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
    ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """.split()  # noqa: SIM905 - a wrapped block reads better than 184 quoted literals
)

# A landed language tag: an ISO 639-1 code, optionally with BCP 47 subtags ("en", "en-US",
# "pt_BR"). Connectors pass feeds' tags through; dbt normalizes them to the bare code the
# published contract promises (the mart gate checks that).
LANGUAGE_TAG_REGEX = r"(?i)^(?:" + "|".join(sorted(ISO_639_1)) + r")(?:[-_][a-z0-9]{1,8})*$"

# ISO 3166-1 alpha-3 and ISO 4217 are checked by shape: user-assigned codes (XKX for Kosovo)
# are legitimate and a full list would need updating with every new currency or state.
COUNTRY_ALPHA3_REGEX = r"^[A-Z]{3}$"
CURRENCY_REGEX = r"^[A-Z]{3}$"
