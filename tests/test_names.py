from factcheck.names import name_words, nicknames, surname


def test_a_name_is_compared_without_its_titles_and_suffixes():
    assert name_words("sheriff deputy ortiz") == ("ortiz",)
    assert name_words("dr. phil") == ("phil",)
    assert name_words("anthony lacalamita iii") == ("anthony", "lacalamita")
    assert name_words("martin luther king jr.") == ("martin", "luther", "king")
    # a title alone is all the name there is
    assert name_words("president") == ("president",)
    # an organisation's first word is kept
    assert name_words("general motors") == ("general", "motors")


def test_a_surname_is_the_last_word_before_a_suffix():
    assert surname("anthony lacalamita iii") == "lacalamita"
    assert surname("deputy ortiz") == "ortiz"
    assert surname("tara reid") == "reid"


def test_a_nickname_in_quotes_is_another_first_name():
    assert nicknames('luis gerardo "jerry" ortiz') == ("jerry",)
    assert name_words('luis gerardo "jerry" ortiz') == ("luis", "gerardo", "ortiz")
    assert nicknames("luis ortiz") == ()
