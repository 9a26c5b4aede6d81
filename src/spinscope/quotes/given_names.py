"""Common given names that tell a person's gender, so "she" never takes "Donald Trump" nor "he" "Hillary Clinton".

Written by hand for the people and names frequent in English-language political news; a name missing
here only leaves the gender unknown (the resolver then relies on titles, "Mr."/"Mrs.", or abstains).
Names used for both men and women (Chris, Pat, Jordan, Alex, Robin, Kim, Jean) are left out.
"""

from __future__ import annotations

MALE = frozenset(
    """
    aaron adam alan albert alexander alexei andrew angus anthony antonin arnold barack ben benjamin
    bernard bernie bill billy bob bobby boris brad bradley brian bruce carl carlos charles charlie
    chuck clarence craig dan daniel darrell dave david dennis dick dmitry don donald doug douglas
    dwight ed eddie edward emmanuel eric evan francis frank fred gary george gerald gordon greg
    gregory harold harry henry howard hugh ian igor ivan jack jacob james jason jeb jeff jeffrey
    jeremy jerry jim jimmy joe joel john johnny jon jonathan joseph josh joshua juan justin keith
    ken kenneth kevin larry mark marco martin matt matthew michael mike mitch mitt mohammed
    muhammad nathan neil newt nicholas nick nigel oliver paul peter phil philip ralph ray reince
    richard rick rob robert roger ron ronald rudy russ ryan sam samuel scott sean sergei sergey
    stephen steve steven stuart ted terry thomas tim timothy todd tom tony vladimir walter wayne
    william xi yuri
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
FEMALE = frozenset(
    """
    abigail alice alicia amanda amy angela ann anna anne barbara betsy betty carly caroline carolyn
    catherine cheryl christine claire condoleezza cynthia debbie deborah diane donna dorothy
    elizabeth ellen emily emma evelyn gillian grace hannah heather helen hillary huma ivanka jane
    janet jennifer jessica jill joan joni judith judy julia julie karen kate katherine kathleen
    kathy kelly kellyanne laura lauren linda lisa loretta lucy madeleine maria marie marine mary
    megan megyn melania melissa michelle nancy natalie nicole nikki olivia pamela patricia paula
    rachel rebecca sandra sarah sharon sheryl sophie stephanie susan theresa tulsi valerie victoria
    virginia wendy yvonne zoe
    """.split()  # noqa: SIM905
)


def gender_of_given_name(word: str) -> str:
    """ "m", "f" or "" for a given name ("Hillary" -> "f"); case and a trailing full stop ignored."""
    bare = word.strip(".").lower()
    return "m" if bare in MALE else "f" if bare in FEMALE else ""
