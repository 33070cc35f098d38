"""The words that say a person is named, for languages without an NER model. Data only:
:mod:`tasks.enrich.people` reads it.

A role before capitalised words ("Bundeskanzler Olaf Scholz", "el presidente Pedro Sánchez")
and a common given name before a capitalised word ("Harry Kane") are the two signals. The
lists are written for news text; they are not a census. Lower case throughout.
"""

from __future__ import annotations

# the languages whose role words are below: German, Spanish, Italian, Portuguese, Dutch,
# Polish, Swedish, Danish, Norwegian
PEOPLE_LANGUAGES: frozenset[str] = frozenset({"de", "es", "it", "pt", "nl", "pl", "sv", "da", "no", "nb"})
# a role written right before a person's name, in its usual forms (German nouns also inflected)
ROLE_WORDS: frozenset[str] = frozenset(
    # de
    "kanzler kanzlerin bundeskanzler bundeskanzlerin altkanzler altkanzlerin präsident präsidentin "
    "präsidenten bundespräsident bundespräsidentin ministerpräsident ministerpräsidentin minister "
    "ministerin ministers bürgermeister bürgermeisterin oberbürgermeister oberbürgermeisterin "
    "vorsitzende vorsitzender vorsitzenden abgeordnete abgeordneter sänger sängerin schauspieler "
    "schauspielerin regisseur regisseurin autor autorin papst könig königin prinz prinzessin kardinal "
    "bischof herr herrn frau dr dr. prof prof. professor professorin richter richterin staatsanwalt "
    "staatsanwältin generalsekretär generalsekretärin landrat landrätin senator senatorin kommissar "
    "kommissarin bundesrat bundesrätin kapitän stürmer torwart torhüterin botschafter botschafterin "
    # es
    "presidente presidenta expresidente expresidenta ministro ministra alcalde alcaldesa rey reina papa "
    "príncipe princesa señor señora don doña portavoz líder entrenador entrenadora jugador delantero "
    "diputado diputada senador senadora juez jueza fiscal canciller vicepresidente vicepresidenta "
    # it
    "premier sindaco sindaca re regina principe principessa signor signora allenatore attaccante "
    "deputato deputata senatore senatrice giudice segretario segretaria portavoce cancelliere "
    # pt
    "prefeito prefeita governador governadora rei rainha senhor senhora técnico treinador deputado "
    "juiz juíza secretário secretária "
    # nl
    "burgemeester koning koningin prins prinses paus meneer mevrouw woordvoerder voorzitter directeur "
    "kamerlid "
    # pl, sv, da, no
    "prezydent premier burmistrz papież trener statsminister statsministeren kung drottning "
    "borgmästare ordförande".split()
)
# German compounds end in a role: "Vorstandschef", "Außenministerin", "Regierungssprecher"
ROLE_ENDINGS: tuple[str, ...] = (
    "chef", "chefin", "minister", "ministerin", "präsident", "präsidentin", "präsidenten", "sprecher",
    "sprecherin", "trainer", "trainerin", "politiker", "politikerin", "experte", "expertin", "direktor",
    "direktorin", "leiter", "leiterin", "vorsitzende", "vorsitzender", "kandidat", "kandidatin",
)

# words joining the parts of a name ("Ursula von der Leyen", "Luiz Inácio Lula da Silva")
NAME_JOINERS: frozenset[str] = frozenset("von van der den de da di del della dos das du le la y zu".split())

# articles and determiners: after one, a capitalised word is a noun, not a surname ("der Bauer")
ARTICLES: frozenset[str] = frozenset(
    "der die das den dem des ein eine einer einem einen eines el la los las un una il lo gli i "
    "le les o a os as um uma de het een".split()
)

# common given names of the news, across Latin-script languages (a name after one is a person)
GIVEN_NAMES: frozenset[str] = frozenset(
    # German, Austrian, Swiss
    "alexander alice andrea andreas angela anja anna annalena armin axel barbara bernd boris brigitte "
    "carsten christian christina christine christoph claudia cem daniel david dieter dirk doris elke "
    "emmanuel erik ernst eva florian frank franz friedrich gabriele georg gerhard gregor günter hans "
    "hannah harald heike heiko heinz helmut hendrik henning horst hubertus ingrid jan jens joachim "
    "johann johannes jörg josef julia jürgen karin karl katarina katharina katrin klaus kristina kurt "
    "lars lena lisa lukas manfred manuela marcel marco marie markus martin martina matthias max "
    "melanie michael michaela monika nadine nancy niklas nina norbert olaf oliver paul peter petra "
    "philipp rainer ralf ralph reinhard renate robert rolf sabine sahra sandra sarah sebastian "
    "stefan stefanie steffen stephan susanne sven svenja thomas thorsten tim tobias torsten ulrich "
    "ulrike ursula uwe volker walter werner winfried wolfgang alois hubert herbert karl-heinz "
    "hans-georg heinz-christian ignazio alain beat ueli simonetta viola doris "
    # English
    "adam alan amy andrew anthony ben benjamin bill bob brian charles charlie chris christopher "
    "claire dan david donald ed edward elizabeth emily emma george harry helen henry jack jacob "
    "james jane jennifer jeremy jessica jim joe john jonathan joseph kamala kate keir kevin kim "
    "laura liz mark mary matt matthew mike nancy nick nicola oliver patrick richard rishi robert "
    "ron ryan sam sarah scott simon stephen steve steven susan taylor ted theresa tom tony victoria "
    "william elon jeff tim sundar satya mitch hunter ron rick "
    # French, Belgian
    "antoine bruno catherine céline christophe damien dominique édouard élisabeth emmanuel éric "
    "françois françoise gabriel gérald isabelle jacques jean jean-luc jean-marie jean-pierre jordan "
    "julien laurent louis marine michel nathalie nicolas olivier pascal philippe pierre raphaël "
    "ségolène stéphane sylvie valérie xavier yves "
    # Spanish, Portuguese, Latin American
    "alberto alejandro ana andrés antonio carlos carmen cristina diego eduardo enrique fernando "
    "francisco gabriel gustavo isabel javier jorge josé juan luis luiz manuel marcelo maría mariano "
    "marta miguel nicolás pablo pedro rafael ramón santiago sergio teresa yolanda inácio jair dilma "
    "claudia gustavo lula felipe letizia iñigo íñigo "
    # Italian
    "alessandro andrea antonio carlo elly enrico fabio francesca giorgia giovanni giulia giuseppe "
    "luca luigi marco mario massimo matteo paolo roberto salvatore sergio silvio stefano "
    # Dutch, Scandinavian, Polish, Czech, Hungarian
    "anders bart dick frans geert hugo jesse johan jonas kaja lars magnus mark mette pieter rob "
    "rutger sanna ulf wopke andrzej donald jarosław lech mateusz petr viktor zoran "
    # Eastern European, Ukrainian, Russian in Latin script
    "aleksandr alexei alexej dmitri dmitrij jewgeni juri olena oleksandr sergej sergei vitali "
    "vitali wladimir wolodymyr vladimir volodymyr yulia julija maria mykola petro "
    # Middle East, Turkey, South Asia, East Asia in Latin script
    "abdullah ahmed ali benjamin bashar ebrahim hassan hossein ismail mahmoud mohammed muhammad "
    "recep mehmet ahmet kemal narendra rahul imran shehbaz xi fumio shinzo kim".split()
)
