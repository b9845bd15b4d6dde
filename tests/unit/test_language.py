import pytest

from ingestion.language import detect_language, normalize_language_code


@pytest.mark.parametrize(
    ("declared", "iso"),
    [("en-US", "en"), ("eng", "en"), ("FR", "fr"), ("fre", "fr"), ("pt_BR", "pt"), ("rus", "ru"),
     ("xyz", None), ("", None), (None, None), ("english", None), ("e1", None)],
)
def test_declared_language_tags_become_iso_639_1(declared: str | None, iso: str | None) -> None:
    assert normalize_language_code(declared) == iso


def test_detection_by_script_and_stopwords() -> None:
    assert detect_language("Президент России провёл переговоры с делегацией в Москве") == "ru"
    assert detect_language("The minister said that the talks with the delegation were held in the capital") == "en"
    assert detect_language("ok") is None
