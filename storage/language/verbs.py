"""Dutch separable verbs, split in a question, joined again.

A separable verb (`toelaten`, `terugtrekken`) is one word in an infinitive, a participle
(`toegelaten`) and a subordinate clause, but its particle stands apart at the end of a
main clause ("Waarom liet de manager haar toe?"), as questions are: the question's words
then meet neither the article's participle nor its infinitive. Joined with each form of
the verb, they do. A strong verb changes its vowel (`liet`, `laten`, `gelaten`), which no
suffix stripping relates, so its forms are listed: a closed class of the language.
"""

from __future__ import annotations

from collections.abc import Sequence

# Infinitive, present third person, past singular, past plural, participle. Forms that
# are as often another word (`reden` the noun, `vroeg` early, `sloot` a ditch, `geleden`
# ago, `staken` to strike) are left out of their verb's row: a question word of the other
# sense must not match the verb, nor the verb that word.
_STRONG = """
bakken bakt bakte bakten gebakken
beginnen begint begon begonnen begonnen
bevelen beveelt beval bevalen bevolen
bezoeken bezoekt bezocht bezochten bezocht
bidden bidt - - -
bieden biedt bood - geboden
bijten bijt - beten gebeten
binden bindt - bonden gebonden
blijken blijkt - bleken gebleken
blijven blijft bleef bleven gebleven
breken breekt brak braken gebroken
brengen brengt bracht brachten gebracht
buigen buigt boog - gebogen
denken denkt dacht dachten gedacht
dragen draagt droeg droegen gedragen
drijven drijft dreef dreven gedreven
dringen dringt drong drongen gedrongen
drinken drinkt dronk - gedronken
dwingen dwingt dwong dwongen gedwongen
eten eet - aten gegeten
gaan gaat ging gingen gegaan
geven geeft gaf gaven gegeven
gieten giet goot goten gegoten
glijden glijdt gleed gleden gegleden
grijpen grijpt greep grepen gegrepen
hangen hangt hing hingen gehangen
helpen helpt hielp hielpen geholpen
heffen heft hief hieven geheven
houden houdt hield hielden gehouden
kiezen kiest koos kozen gekozen
kijken kijkt keek keken gekeken
klimmen klimt klom klommen geklommen
komen komt kwam kwamen gekomen
kopen koopt kocht kochten gekocht
krijgen krijgt kreeg kregen gekregen
laten laat liet lieten gelaten
lezen leest las lazen gelezen
liggen ligt lag - -
lijden lijdt leed - -
lijken lijkt leek leken geleken
lopen loopt liep liepen gelopen
nemen neemt nam namen genomen
ontvangen ontvangt ontving ontvingen ontvangen
raden raadt - - geraden
rijden rijdt reed - gereden
roepen roept riep riepen geroepen
ruiken ruikt - - geroken
schenden schendt schond schonden geschonden
schenken schenkt schonk schonken geschonken
scheppen schept schiep schiepen geschapen
schieten schiet - - geschoten
schijnen schijnt scheen schenen geschenen
schrijven schrijft schreef schreven geschreven
schrikken schrikt schrok schrokken geschrokken
slaan slaat sloeg sloegen geslagen
slapen slaapt sliep sliepen geslapen
sluiten sluit - - gesloten
smijten smijt smeet smeten gesmeten
snijden snijdt sneed sneden gesneden
spreken spreekt sprak spraken gesproken
springen springt sprong sprongen gesprongen
staan staat stond stonden gestaan
steken steekt stak - gestoken
stelen steelt - - gestolen
sterven sterft stierf stierven gestorven
stijgen stijgt steeg stegen gestegen
strijden strijdt streed streden gestreden
treffen treft trof troffen getroffen
trekken trekt trok trokken getrokken
vallen valt viel vielen gevallen
vangen vangt ving vingen gevangen
varen vaart - - gevaren
vechten vecht - vochten gevochten
verbieden verbiedt verbood verboden verboden
verdwijnen verdwijnt verdween verdwenen verdwenen
vergeten vergeet vergat vergaten vergeten
verliezen verliest verloor verloren verloren
vinden vindt vond vonden gevonden
vliegen vliegt vloog vlogen gevlogen
vragen vraagt - - gevraagd
vriezen vriest vroor vroren gevroren
wegen weegt woog wogen gewogen
werpen werpt wierp wierpen geworpen
weten weet wist wisten geweten
wijzen wijst - - gewezen
winnen wint won wonnen gewonnen
zien ziet zag zagen gezien
zingen zingt zong zongen gezongen
zinken zinkt zonk zonken gezonken
zitten zit zat zaten gezeten
zoeken zoekt zocht zochten gezocht
zwemmen zwemt zwom zwommen gezwommen
zwijgen zwijgt zweeg zwegen gezwegen
"""

_FAMILIES: dict[str, tuple[str, ...]] = {
    form: forms
    for forms in (tuple(f for f in row.split() if f != "-") for row in _STRONG.strip().splitlines())
    for form in forms
}

# The particles of separable verbs that stand at the end of a main clause. Those that are
# also prepositions (`op`, `aan`) are particles only where no noun phrase follows them.
PARTICLES = frozenset(
    "aan af bij binnen door in mee na neer om op over samen terug toe uit vast voor weg".split()
)
# Prepositions an extraposed phrase after the particle opens: "liet haar toe in het resort".
_PREPOSITIONS = frozenset(
    "aan achter bij binnen boven buiten door in langs met na naar om onder op over sinds "
    "tegen tijdens tot tussen uit van vanaf via voor zonder".split()
)


def family(word: str) -> tuple[str, ...]:
    """Every form of the strong verb `word` is a form of (folded), itself included; ()
    when it is none."""
    return _FAMILIES.get(word, ())


# Question words after which the finite verb stands second, and those that take a noun
# first ("welke straf kreeg hij"), after which it stands third.
_ASKING = frozenset("waarom wie wat wanneer waar hoe waardoor waarmee waarvoor waarover".split())
_ASKING_WITH_NOUN = frozenset("welke welk hoeveel".split())
_DETERMINERS = frozenset("de het een".split())


def separated(words: Sequence[str]) -> tuple[int, tuple[str, ...]] | None:
    """The separable verb a question's (folded) words hold split: the position of its
    finite verb, and the particle verbs the forms of that verb make with its particle
    ("waarom liet de manager haar toe in ...": 1, (toelaten, toelaat, toeliet, toelieten,
    toegelaten)). None when there is none.

    A Dutch question puts its finite verb right after the question word (and the noun a
    `welke` asks for), and a particle at the end of the clause: before the question mark
    or before a phrase moved after it. A word that is also a preposition or a noun is a
    particle only there, not before a noun phrase nor after an article (`de weg`)."""
    if len(words) < 4 or words[0] not in _ASKING | _ASKING_WITH_NOUN:
        return None
    verb = 2 if words[0] in _ASKING_WITH_NOUN else 1
    for i in range(len(words) - 1, verb + 1, -1):
        particle, following = words[i], words[i + 1 : i + 2]
        if particle not in PARTICLES or words[i - 1] in _DETERMINERS:
            continue
        if following and following[0] not in _PREPOSITIONS:
            continue
        forms = family(words[verb]) or (words[verb],)
        return verb, tuple(particle + form for form in forms)
    return None
