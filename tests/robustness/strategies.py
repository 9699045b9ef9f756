"""Hypothesis strategies for what people (and bots) type into Signpost.

Shared by the property-based tests; add strategies here rather than in test modules.
"""

from hypothesis import strategies as st

# Any Unicode a browser can send in a form or query string: everything but lone surrogates.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)

# Text without NUL, which Django's form fields reject before it reaches a query.
text_without_nul = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))

control_characters = st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=50)

# Much longer than any field allows: the form must refuse it, not fall over.
huge_text = st.integers(min_value=1_000, max_value=200_000).map(lambda n: "S1 2HH " * (n // 7))

nasty_text = st.one_of(any_text, control_characters, huge_text)

# Real-looking postcodes, in the shapes people type them.
outward = st.from_regex(r"[A-Z]{1,2}[0-9][A-Z0-9]?", fullmatch=True)
inward = st.from_regex(r"[0-9][A-Z]{2}", fullmatch=True)
separators = st.sampled_from(["", " ", "  ", "-", " - ", "\t", "."])


@st.composite
def typed_postcodes(draw):
    """(standard form, as typed): "S1 2HH" and e.g. " s1-2hh"."""
    out, inn = draw(outward), draw(inward)
    typed = draw(separators).join([out, inn])
    if draw(st.booleans()):
        typed = typed.lower()
    return f"{out} {inn}", draw(st.sampled_from(["", " ", "\n"])) + typed + draw(separators)
