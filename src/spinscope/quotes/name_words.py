"""Word lists for speaker resolution: pronouns, titles, words that are never a person's name.

Written by hand for English-language news; :mod:`spinscope.quotes.speakers` reads them.
"""

from __future__ import annotations

from spinscope.quotes.sources import FUNCTION_WORDS

PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "their"})
#: Plural pronouns: a group, never one person's name.
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
#: Speakers that no name in the article can stand for (the writer, the reader, a crowd).
UNRESOLVABLE = frozenset({"i", "we", "you", "it", "us", "one", "someone", "somebody", "people"})
#: Words that title a name rather than name the person ("Foreign Minister Sergei Lavrov"), and
#: capitalised sentence openers ("Now Lavrov ...") that are no part of a name.
TITLE_WORDS = (
    frozenset(
        """
    mr mrs ms dr sir president minister foreign prime deputy secretary senator sen rep gov governor
    general gen chancellor spokesman spokeswoman spokesperson ambassador director chairman chief
    judge justice mayor king queen prince speaker leader lawmaker candidate former acting vice state
    defense defence interior finance russian american british chinese french german ukrainian syrian
    iranian israeli turkish saudi mexican canadian japanese indian pakistani afghan egyptian libyan
    cuban european african iraqi palestinian venezuelan brazilian italian spanish polish dutch swiss
    greek korean democratic republican democrat opposition this that these those
    here there today yesterday meanwhile however its his her their our my your outside inside
    despite like unlike near beyond across around behind amid including every each many most some
    all both few several such no not what who why how mister senior junior top new admiral colonel
    lieutenant sergeant commander
    """.split()  # noqa: SIM905 (a word list reads better as text)
    )
    | FUNCTION_WORDS
)
#: Title nouns a descriptive source may stand for one titled person by ("the minister", "the senator").
PERSON_TITLES = frozenset(
    """
    president minister senator governor spokesman spokeswoman spokesperson secretary chancellor mayor
    ambassador chairman chairwoman director candidate nominee congressman congresswoman representative
    premier king queen prince pope general commander judge prosecutor attorney sheriff chief
    front-runner frontrunner businessman billionaire mogul lawmaker incumbent admiral colonel
    """.split()  # noqa: SIM905
)
#: Nouns for a person that no title is written with ("the retired neurosurgeon", "the securities analyst"):
#: a definite source so written may stand for the subject of the sentence before (read on PolNeAR train).
PERSON_NOUNS = frozenset(
    """
    neurosurgeon surgeon doctor physician analyst lawyer businesswoman tycoon magnate developer economist
    professor author writer host comedian actor actress singer politician legislator justice activist
    """.split()  # noqa: SIM905
)
#: Titles and nouns a text uses as an epithet for its main person ("the candidate", "the businessman"), not
#: for a new one (unlike "the judge", "the spokesman").
EPITHETS = frozenset(
    """
    candidate nominee businessman billionaire mogul front-runner frontrunner incumbent senator governor
    secretary president congressman congresswoman lawmaker neurosurgeon surgeon tycoon magnate developer
    politician
    """.split()  # noqa: SIM905
)
#: Nouns for a person left unnamed ("One California delegate said he ..."): a rival for a later "he".
UNNAMED_PERSON_NOUNS = frozenset(
    """
    delegate voter official aide adviser advisor supporter resident worker member source staffer volunteer
    man woman veteran donor strategist operative officer agent witness friend neighbor neighbour student
    """.split()  # noqa: SIM905
)
#: Organisation nouns a definite source may stand for one named organisation by ("the commission").
ORGANISATION_TITLES = frozenset(
    "commission committee department agency ministry council foundation institute bureau court".split()  # noqa: SIM905
)
#: Abbreviated titles as written before a name ("Sen. Ayotte").
TITLE_ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general"}
#: Words that make a capitalised phrase an organisation, place or thing, never a person's name.
NOT_PERSON_WORDS = frozenset(
    """
    league party union committee council department ministry agency office institute university
    college school center centre foundation association commission court senate house congress
    parliament administration government bank group inc corp company corporation club army navy
    police service church organization organisation network fund board authority campaign society
    times post news press journal herald gazette tribune daily radio tv broadcasting channel
    review magazine report audit square street avenue city county state states republic kingdom
    island coast river sea ocean valley mountain east west north south america europe africa asia
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december christmas year caucus primary poll survey new
    united hampshire york jersey carolina dakota virginia texas florida ohio california iowa nevada
    arizona georgia michigan wisconsin pennsylvania illinois indiana kentucky tennessee alabama
    mississippi louisiana arkansas missouri kansas nebraska oklahoma colorado utah oregon idaho montana
    wyoming minnesota massachusetts connecticut vermont maine maryland delaware alaska hawaii
    washington russia china syria iran iraq israel turkey ukraine britain france germany mexico
    canada japan korea india pakistan afghanistan egypt libya cuba brussels london paris moscow
    beijing kremlin pentagon capitol islamic muslim muslims christian qaeda isis gop
    democrats republicans americans liberals conservatives progressives libertarians independents
    christians jews catholics evangelicals communists socialists europeans russians chinese latinos
    hispanics asians africans arabs israelis palestinians syrians iranians iraqis afghans mexicans
    """.split()  # noqa: SIM905
)
#: Titles that tell a person's gender, so "she" never takes "Mr. Trump" nor "he" "Mrs. Clinton".
TITLE_GENDER = {
    "mr": "m", "mister": "m", "sir": "m", "king": "m", "prince": "m", "spokesman": "m", "congressman": "m",
    "chairman": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "queen": "f", "princess": "f",
    "spokeswoman": "f", "congresswoman": "f", "chairwoman": "f",
}  # fmt: skip
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
#: Abbreviations whose full stop does not end a sentence inside a name ("Mr. Trump", "George W. Bush").
ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr gov sen rep gen lt col sgt capt prof rev hon".split())  # noqa: SIM905
#: Words no person's name holds: a capitalised headline ("Said About Latinos") is no name.
NOT_IN_NAMES = (FUNCTION_WORDS - {"de", "van", "von", "bin", "al", "la", "le", "du", "da"}) | {
    "said",
    "says",
    "say",
    "is",
    "are",
    "was",
    "were",
    "will",
    "has",
    "have",
    "how",
    "why",
    "what",
    "who",
}
#: Capitalised sentence openers that are never a one-word name ("He said", "Later, ...").
NOT_A_NAME_OPENER = (
    PRONOUNS
    | UNRESOLVABLE
    | frozenset(
        """
    later earlier still yet instead last next first finally afterward afterwards recently separately again
    she i we you it they there here this that these those
    """.split()  # noqa: SIM905
    )
)
#: Words that make a sentence's first name an object or a modifier, not its subject ("told Trump",
#: "with Clinton", "When Obama ...").
NOT_BEFORE_SUBJECT = frozenset(
    """
    to with by for from against about on at in into after before when while if because since than as
    that which who whom whose said says told asked tells met called like unlike under over between
    """.split()  # noqa: SIM905
)
