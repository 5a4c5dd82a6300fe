"""The public prompt corpus (tests/phrasings/): every phrasing gives its expected plan,
or is refused; refusals answer in the prompt's language."""

import pytest

from photos.engines.base import UnsupportedPrompt
from photos.engines.local.parser import parse
from photos.engines.local.vocabulary import messages
from tests.phrasings import CATEGORIES, LANGUAGES, all_phrasings, outcome

CORPUS = list(all_phrasings())


@pytest.mark.parametrize("code, category, prompt, expected", CORPUS, ids=[f"{c}-{p}" for c, _, p, _ in CORPUS])
def test_the_phrasing_gives_its_expected_plan(code, category, prompt, expected):
    assert outcome(prompt, expected) is None, outcome(prompt, expected)


def test_the_corpus_covers_every_language_and_category():
    assert len(CORPUS) >= 400
    for code in LANGUAGES:
        assert sum(c == code for c, _, _, _ in CORPUS) >= 50, code
    for category in CATEGORIES:
        assert any(cat == category for _, cat, _, _ in CORPUS), category
    assert sum(cat == "generative" for _, cat, _, _ in CORPUS) >= 40


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_a_refusal_answers_in_the_prompts_language(code):
    prompt = next(p for c, cat, p, expected in CORPUS if c == code and cat == "generative")
    with pytest.raises(UnsupportedPrompt) as refused:
        parse(prompt)
    assert messages(code)["capabilities"] in str(refused.value)


def test_a_refusal_names_what_it_did_not_understand_and_suggests_a_phrasing():
    with pytest.raises(UnsupportedPrompt) as refused:
        parse("remove the backgroundd, then make it sparkly")
    message = str(refused.value)
    assert "“make it sparkly”" in message and "Did you mean “" in message


def test_a_scope_on_a_named_object_says_which_part_it_cannot_target():
    with pytest.raises(UnsupportedPrompt, match="the flag"):
        parse("make it black and white but keep the flag red")
