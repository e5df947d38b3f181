"""Sentences with offsets, numbers in digits and words, quotes masked."""
import pytest

from mapsvc.text.sentences import classify_lines, find_numbers, mask_quotes, parse_number, split_sentences


def test_sentences_keep_offsets_into_the_text():
    text = "Shelling hit the town. Mr. Lee said 2.5 km of road was lost!\nNext line without stop"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Shelling hit the town.", "Mr. Lee said 2.5 km of road was lost!", "Next line without stop"]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_paragraphs_and_lines_are_counted():
    text = "Title line\n\nFirst para. Still first.\nSecond line.\n\nThird para."
    sentences = split_sentences(text)
    assert [s.paragraph for s in sentences] == [0, 1, 1, 1, 2]
    assert sentences[3].line == 2


def test_closing_quote_stays_with_its_sentence():
    sentences = split_sentences("He said: “We will stay.” Then he left.")
    assert sentences[0].text.endswith("”")
    assert sentences[1].text == "Then he left."


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_has_no_sentences(text):
    assert split_sentences(text) == []


def test_split_sentences_refuses_bytes():
    with pytest.raises(TypeError):
        split_sentences(b"bytes")


@pytest.mark.parametrize("text,value", [
    ("20,000", 20000), ("five", 5), ("1.9 million", 1_900_000), ("a dozen", 12), ("twenty-five", 25),
    ("two hundred and six", 206), ("8,533", 8533), ("three thousand", 3000), ("12", 12), ("1.5bn", 1_500_000_000),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["dozens", "several", "", "a", "many people", None])
def test_parse_number_without_a_number(text):
    assert parse_number(text) is None


def test_find_numbers_with_qualifiers_and_measures_left_out():
    found = find_numbers("At least 52 died, nearly 300 were hurt in a 15-storey block at 7am; more than 1.9 million fled.")
    assert [(n.value, n.qualifier) for n in found] == [(52, "at least"), (300, "nearly"), (1_900_000, "more than")]


def test_find_numbers_does_not_take_words_inside_words():
    assert [n.value for n in find_numbers("Three American soldiers and a man")] == [3]


def test_mask_quotes_keeps_length_and_apostrophes():
    text = "Kyiv’s mayor said “we will not leave” and left."
    masked = mask_quotes(text)
    assert len(masked) == len(text)
    assert "we will" not in masked and "Kyiv’s mayor said" in masked and masked.endswith("and left.")


def test_unclosed_quote_masks_to_the_end():
    assert mask_quotes("“It will no longer be Europe.", fill="#").strip("#") == ""


def test_absurdly_long_digit_runs_are_no_number():
    assert parse_number("9" * 400) is None
    assert find_numbers("9" * 5000 + " people") == []


@pytest.mark.parametrize("label", ["RELATED COVERAGE", "Read more:", "More on this story", "ALSO ON THIS SITE",
                                   "Also read", "MORE FROM THE REGION", "Top stories", "More on Europe:",
                                   "More Westman news:"])
def test_a_block_of_links_to_other_stories_is_marked_related(label):
    text = f"A storm hit Galveston on Monday.\n\n{label}\n► Floods kill 12 in Texas\n► Fire in Dallas\n\nRoads closed."
    kinds = classify_lines(split_sentences(text), text)
    assert kinds == ["body", "related", "related", "related", "body"]


def test_key_points_of_the_story_are_not_links():
    text = "What we know so far\n - A storm hit Galveston on Monday.\n - Two people died.\n\nRoads closed."
    assert "related" not in classify_lines(split_sentences(text), text)


def test_editors_notes_credits_and_crossheads_are_no_body():
    text = ("Gunmen killed 12 people in Kaya on Saturday.\n\n- Second attack in a week -\n\n"
            "This story has been updated to correct the number of people arrested to 17.\n\n"
            "Reporting by Jane Doe in Dakar; Editing by John Roe\n\n"
            "[Photo: Soldiers patrol Kaya, 24 August 2024.]\n\nRoads closed.")
    assert classify_lines(split_sentences(text), text) == ["body", "headline", "note", "note", "body", "body"]


def test_a_title_repeated_as_the_first_sentence_with_a_stop_is_the_title():
    # written for this test: a scraped page runs its title into the story's first line, ending it with a stop
    text = "Fire kills man in Scottdale. A fire killed a man in Scottdale, Pennsylvania, on Friday."
    kinds = classify_lines(split_sentences(text), text, title="Fire kills man in Scottdale")
    assert kinds == ["title", "body"]


def test_a_datelines_short_state_ends_no_sentence():
    # written for this test: AP datelines write the state short ("Conn.", "N.C.") before the dash or the agency
    text = "FAIRFIELD, Conn. -- A busload of activists arrived. CARTHAGE, N.C. (AP) - A man was shot."
    assert [s.text for s in split_sentences(text)] == ["FAIRFIELD, Conn. -- A busload of activists arrived.",
                                                       "CARTHAGE, N.C. (AP) - A man was shot."]
    text = "He lives in Hartford, Conn. The fire spread."
    assert len(split_sentences(text)) == 2


def test_a_time_of_day_may_end_a_sentence():
    # written for this test: "a.m." before a determiner ends the sentence; before a weekday it does not
    assert [s.text for s in split_sentences("He left at 12:45 a.m. The officers arrived.")] == [
        "He left at 12:45 a.m.", "The officers arrived."]
    assert len(split_sentences("It began at 9 a.m. Monday in Kyiv.")) == 1
