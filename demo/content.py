"""Demo content for seed_demo: statute provisions, three administrationsgrundlag and three courses."""

import datetime as dt
from typing import Any

_FVL = "https://www.retsinformation.dk/eli/lta/2014/433"
_OFL = "https://www.retsinformation.dk/eli/lta/2020/145"
_GDPR = "https://eur-lex.europa.eu/legal-content/DA/TXT/?uri=CELEX:32016R0679"
_DBL = "https://www.retsinformation.dk/eli/lta/2018/502"
_RI = "https://www.retsinformation.dk/"

# The act versions the demo provisions were written against (ELI on retsinformation.dk and the
# version's date): FVL is LBK nr. 433 af 22/04/2014, OFL LBK nr. 145 af 24/02/2020, DBL lov
# nr. 502 af 23/05/2018. Vejloven, færdselsloven and kommunestyrelsesloven are left without an
# ELI until their current consolidations are verified; GDPR is EU law (no Lovtidende ELI).
_FVL_VERSION = {"eli": "/eli/lta/2014/433", "eli_date": dt.date(2014, 4, 22)}
_OFL_VERSION = {"eli": "/eli/lta/2020/145", "eli_date": dt.date(2020, 2, 24)}
_DBL_VERSION = {"eli": "/eli/lta/2018/502", "eli_date": dt.date(2018, 5, 23)}

PROVISIONS = [
    # --- Forvaltningsloven ---
    {
        "key": "FVL-1",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "1",
        "subsection": "1",
        "item": "",
        "title": "Lovens område",
        "summary": "Loven gælder for alle dele af den offentlige forvaltning, også alle dele af kommunen.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-2",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "2",
        "subsection": "",
        "item": "",
        "title": "Lovens anvendelsesområde",
        "summary": "Lovens regler om fx partsaktindsigt, partshøring, begrundelse og klagevejledning gælder kun i sager, hvor der er eller vil blive truffet en afgørelse (stk. 1). Reglerne om inhabilitet gælder også ved privatretlige dispositioner (stk. 2), og reglerne om tavshedspligt og videregivelse gælder for al virksomhed (stk. 3). Det første spørgsmål i en sag er derfor: Er det en afgørelse?",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-3-1",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "3",
        "subsection": "1",
        "item": "",
        "title": "Inhabilitet",
        "summary": "Du er inhabil, hvis 1) du selv har en særlig personlig eller økonomisk interesse i sagens udfald eller er eller har været repræsentant for en, der har, 2) din ægtefælle, slægtninge eller svogerskab i op- eller nedstigende linje eller i sidelinjen så nær som søskendebørn, eller andre nærstående, har en sådan interesse eller repræsenterer en, der har, 3) du deltager i ledelsen af eller er nært knyttet til et selskab, en forening eller en anden privat juridisk person med en særlig interesse i sagen, 4) sagen angår klage over eller tilsyn med en anden myndighed, og du har medvirket ved den afgørelse eller de foranstaltninger, sagen angår, eller 5) andre omstændigheder kan vække tvivl om din upartiskhed.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-3-2",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "3",
        "subsection": "2",
        "item": "",
        "title": "Ingen fare for påvirkning",
        "summary": "Der er ikke inhabilitet, hvis der ikke er en reel fare for, at afgørelsen bliver påvirket af uvedkommende hensyn. Små eller fjerne interesser kan derfor være uden betydning.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-3-3",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "3",
        "subsection": "3",
        "item": "",
        "title": "Følgen af inhabilitet",
        "summary": "Den, der er inhabil, må ikke træffe afgørelse, deltage i afgørelsen eller på anden måde medvirke i sagen. Det gælder også forberedelse og udkast.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-6",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "6",
        "subsection": "",
        "item": "",
        "title": "Pligt til at sige til",
        "summary": "Den, der er bekendt med, at der for vedkommende foreligger et forhold efter § 3, stk. 1, skal snarest underrette sin foresatte, medmindre det er åbenbart, at forholdet er uden betydning. Myndigheden afgør spørgsmålet (stk. 2), og den pågældende må ikke selv deltage i den vurdering (stk. 3).",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-7-1",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "7",
        "subsection": "1",
        "item": "",
        "title": "Vejledningspligt",
        "summary": "Myndigheden skal i nødvendigt omfang vejlede og hjælpe dem, der henvender sig om spørgsmål inden for myndighedens område.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-7-2",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "7",
        "subsection": "2",
        "item": "",
        "title": "Videresendelse af skriftlige henvendelser",
        "summary": "Får myndigheden en skriftlig henvendelse, som hører til en anden myndighed, skal den så vidt muligt sende den videre til den rette myndighed.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-9",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "9",
        "subsection": "",
        "item": "",
        "title": "Partsaktindsigt",
        "summary": "En part i en afgørelsessag kan få indsigt i sagens dokumenter og journaloplysninger. Partsaktindsigt er bredere end aktindsigt efter offentlighedsloven, og tavshedspligt begrænser den ikke.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-19-1",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "19",
        "subsection": "1",
        "item": "",
        "title": "Partshøring",
        "summary": "Er parten ikke kommet til kendskab om, at myndigheden er i besiddelse af oplysninger om sagens faktiske grundlag eller eksterne faglige vurderinger, må der ikke træffes afgørelse, før parten er gjort bekendt med dem og har kunnet udtale sig. Det gælder kun oplysninger og vurderinger, der er til ugunst for parten og af væsentlig betydning for afgørelsen. Myndigheden kan sætte en frist.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-19-2",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "19",
        "subsection": "2",
        "item": "",
        "title": "Undtagelser fra partshøring",
        "summary": "Partshøring kan undlades i snævre tilfælde, fx hvis det er ubetænkeligt at træffe afgørelse uden, eller hvis en lovbestemt frist ellers ikke kan overholdes. Undtagelserne skal fortolkes snævert.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-22",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "22",
        "subsection": "",
        "item": "",
        "title": "Krav om begrundelse",
        "summary": "En skriftlig afgørelse skal være begrundet, medmindre parten får fuldt ud medhold.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-24",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "24",
        "subsection": "",
        "item": "",
        "title": "Begrundelsens indhold",
        "summary": "Begrundelsen skal henvise til de regler, afgørelsen bygger på, angive de hovedhensyn, der har været afgørende for skønnet, og om nødvendigt kort nævne de faktiske forhold, der er lagt vægt på.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-25",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "25",
        "subsection": "",
        "item": "",
        "title": "Klagevejledning",
        "summary": "En skriftlig afgørelse, der kan påklages til en anden myndighed, skal have klagevejledning med klageinstans, fremgangsmåde og eventuel frist, medmindre parten får fuldt ud medhold.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    {
        "key": "FVL-27",
        "act": "Forvaltningsloven",
        "act_short": "FVL",
        "is_article": False,
        "number": "27",
        "subsection": "",
        "item": "",
        "title": "Tavshedspligt",
        "summary": "Offentligt ansatte har tavshedspligt om oplysninger, der er fortrolige efter lov, eller som det er nødvendigt at holde hemmelige for at beskytte vigtige offentlige eller private interesser.",
        "url": _FVL,
        **_FVL_VERSION,
    },
    # --- Offentlighedsloven ---
    {
        "key": "OFL-7",
        "act": "Offentlighedsloven",
        "act_short": "OFL",
        "is_article": False,
        "number": "7",
        "subsection": "",
        "item": "",
        "title": "Aktindsigt for enhver",
        "summary": "Enhver kan bede om aktindsigt i dokumenter, som myndigheden har modtaget eller oprettet som led i sin administrative sagsbehandling. Man behøver ikke sige hvorfor.",
        "url": _OFL,
        **_OFL_VERSION,
    },
    {
        "key": "OFL-9",
        "act": "Offentlighedsloven",
        "act_short": "OFL",
        "is_article": False,
        "number": "9",
        "subsection": "",
        "item": "",
        "title": "Identifikationskravet",
        "summary": "En anmodning om aktindsigt skal indeholde de oplysninger, der er nødvendige for at identificere den sag eller de dokumenter, der ønskes aktindsigt i, og angive det tema, sagen eller dokumentet vedrører. Behandlingen kan afslås, i det omfang den vil kræve et uforholdsmæssigt ressourceforbrug (stk. 2).",
        "url": _OFL,
        **_OFL_VERSION,
    },
    {
        "key": "OFL-13",
        "act": "Offentlighedsloven",
        "act_short": "OFL",
        "is_article": False,
        "number": "13",
        "subsection": "",
        "item": "",
        "title": "Notatpligt",
        "summary": "I afgørelsessager skal oplysninger om sagens faktiske grundlag og eksterne faglige vurderinger af betydning for afgørelsen, som myndigheden modtager mundtligt eller på anden måde (fx ved en besigtigelse), noteres snarest muligt, medmindre de i øvrigt fremgår af sagens dokumenter (stk. 1). Væsentlige sagsbehandlingsskridt skal også noteres (stk. 2).",
        "url": _OFL,
        **_OFL_VERSION,
    },
    {
        "key": "OFL-15",
        "act": "Offentlighedsloven",
        "act_short": "OFL",
        "is_article": False,
        "number": "15",
        "subsection": "",
        "item": "",
        "title": "Journaliseringspligt",
        "summary": "Dokumenter, der er modtaget eller afsendt, og som har betydning for en sag, skal journaliseres med dato og en kort tematisk beskrivelse; det gælder også interne dokumenter i endelig form. Modtagne og afsendte dokumenter journaliseres snarest muligt (stk. 2).",
        "url": _OFL,
        **_OFL_VERSION,
    },
    {
        "key": "OFL-21",
        "act": "Offentlighedsloven",
        "act_short": "OFL",
        "is_article": False,
        "number": "21",
        "subsection": "",
        "item": "",
        "title": "Ansættelsessager",
        "summary": "Retten til aktindsigt efter offentlighedsloven omfatter ikke sager om ansættelse og forfremmelse.",
        "url": _OFL,
        **_OFL_VERSION,
    },
    {
        "key": "OFL-36",
        "act": "Offentlighedsloven",
        "act_short": "OFL",
        "is_article": False,
        "number": "36",
        "subsection": "",
        "item": "",
        "title": "Frist for svar på aktindsigt",
        "summary": "En anmodning om aktindsigt skal afgøres snarest og som udgangspunkt inden 7 arbejdsdage. Kan fristen ikke holdes, skal anmoderen have besked om hvorfor, og hvornår svaret kan ventes.",
        "url": _OFL,
        **_OFL_VERSION,
    },
    {
        "key": "OFL-37",
        "act": "Offentlighedsloven",
        "act_short": "OFL",
        "is_article": False,
        "number": "37",
        "subsection": "",
        "item": "",
        "title": "Klage over afgørelser om aktindsigt",
        "summary": "Klagen sendes til den myndighed, der har truffet afgørelsen. Fastholder den afgørelsen, skal sagen snarest og som udgangspunkt senest 7 arbejdsdage efter modtagelsen af klagen sendes videre (stk. 2). Klageinstansen skal have færdigbehandlet klagen inden 20 arbejdsdage, medmindre det fx på grund af sagens omfang eller kompleksitet ikke er muligt; så skal klageren have besked om hvorfor, og hvornår afgørelsen kan ventes (stk. 3).",
        "url": _OFL,
        **_OFL_VERSION,
    },
    {
        "key": "OFL-39",
        "act": "Offentlighedsloven",
        "act_short": "OFL",
        "is_article": False,
        "number": "39",
        "subsection": "",
        "item": "",
        "title": "Klage over sagsbehandlingstid",
        "summary": "Er en anmodning om aktindsigt ikke afgjort inden 14 arbejdsdage, kan anmoderen klage over sagsbehandlingstiden.",
        "url": _OFL,
        **_OFL_VERSION,
    },
    # --- Databeskyttelsesforordningen ---
    {
        "key": "GDPR-5",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "5",
        "subsection": "",
        "item": "",
        "title": "Principper for behandling af personoplysninger",
        "summary": "Personoplysninger skal behandles lovligt, rimeligt og gennemsigtigt, til bestemte formål, kun i det nødvendige omfang, korrekt, ikke længere end nødvendigt og sikkert. Den dataansvarlige skal kunne vise det.",
        "url": _GDPR,
    },
    {
        "key": "GDPR-6",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "6",
        "subsection": "",
        "item": "",
        "title": "Lovlig behandling",
        "summary": "Behandling kræver et af seks behandlingsgrundlag. Kommunen bruger typisk artikel 6, stk. 1, litra e (myndighedsudøvelse), som skal have støtte i national ret.",
        "url": _GDPR,
    },
    {
        "key": "GDPR-9",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "9",
        "subsection": "",
        "item": "",
        "title": "Særlige kategorier af personoplysninger",
        "summary": "Oplysninger om fx helbred, etnisk oprindelse og fagforeningsmedlemskab må som udgangspunkt ikke behandles, medmindre en af undtagelserne i artiklen gælder.",
        "url": _GDPR,
    },
    {
        "key": "GDPR-12",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "12",
        "subsection": "",
        "item": "",
        "title": "Gennemsigtighed og svarfrister",
        "summary": "Anmodninger fra den registrerede skal besvares uden unødig forsinkelse og senest inden en måned. Fristen kan forlænges med to måneder i komplicerede sager, hvis personen får besked inden for den første måned.",
        "url": _GDPR,
    },
    {
        "key": "GDPR-13",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "13",
        "subsection": "",
        "item": "",
        "title": "Oplysningspligt",
        "summary": "Når oplysninger indsamles hos personen selv, skal personen have at vide, hvem der behandler oplysningerne, til hvilket formål, på hvilket grundlag og hvor længe de gemmes.",
        "url": _GDPR,
    },
    {
        "key": "GDPR-15",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "15",
        "subsection": "",
        "item": "",
        "title": "Indsigtsret",
        "summary": "En person har ret til at få at vide, om der behandles oplysninger om vedkommende, og til at få en kopi af oplysningerne.",
        "url": _GDPR,
    },
    {
        "key": "GDPR-17",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "17",
        "subsection": "",
        "item": "",
        "title": "Ret til sletning",
        "summary": "En person kan i visse tilfælde kræve sine oplysninger slettet. Retten er begrænset, når myndigheden har pligt til at opbevare oplysningerne.",
        "url": _GDPR,
    },
    {
        "key": "GDPR-30",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "30",
        "subsection": "",
        "item": "",
        "title": "Fortegnelse over behandlingsaktiviteter",
        "summary": "Den dataansvarlige skal føre en skriftlig fortegnelse over sine behandlinger med bl.a. formål, kategorier af registrerede og oplysninger og kategorier af modtagere og, hvis det er muligt, de forventede slettefrister og en generel beskrivelse af de tekniske og organisatoriske sikkerhedsforanstaltninger (stk. 1, litra f og g).",
        "url": _GDPR,
    },
    {
        "key": "GDPR-32",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "32",
        "subsection": "",
        "item": "",
        "title": "Behandlingssikkerhed",
        "summary": "Der skal være passende tekniske og organisatoriske sikkerhedsforanstaltninger, fx kryptering, adgangsstyring, mulighed for genetablering og løbende test.",
        "url": _GDPR,
    },
    {
        "key": "GDPR-33",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "33",
        "subsection": "",
        "item": "",
        "title": "Anmeldelse af brud til Datatilsynet",
        "summary": "Et brud på persondatasikkerheden skal anmeldes til Datatilsynet uden unødig forsinkelse og om muligt inden 72 timer, medmindre det er usandsynligt, at bruddet indebærer en risiko. Alle brud skal dokumenteres.",
        "url": _GDPR,
    },
    {
        "key": "GDPR-34",
        "act": "Databeskyttelsesforordningen",
        "act_short": "GDPR",
        "is_article": True,
        "number": "34",
        "subsection": "",
        "item": "",
        "title": "Underretning af de berørte",
        "summary": "Indebærer bruddet en høj risiko for personerne, skal de også have besked uden unødig forsinkelse.",
        "url": _GDPR,
    },
    # --- Øvrige love ---
    {
        "key": "DBL-11-1",
        "act": "Databeskyttelsesloven",
        "act_short": "DBL",
        "is_article": False,
        "number": "11",
        "subsection": "1",
        "item": "",
        "title": "CPR-nummer hos offentlige myndigheder",
        "summary": "Offentlige myndigheder må behandle CPR-numre for at identificere en person entydigt eller som journalnummer.",
        "url": _DBL,
        **_DBL_VERSION,
    },
    {
        "key": "VEJL-80",
        "act": "Vejloven",
        "act_short": "VEJL",
        "is_article": False,
        "number": "80",
        "subsection": "",
        "item": "",
        "title": "Særlig råden over vejareal",
        "summary": "Det kræver vejmyndighedens tilladelse at bruge offentligt vejareal til fx borde og stole, boder, skilte og containere. Benyttes vejarealet i forretningsmæssigt øjemed, kan der opkræves betaling (stk. 2).",
        "url": _RI,
    },
    {
        "key": "FAERDSL-92E",
        "act": "Færdselsloven",
        "act_short": "FÆRDSL",
        "is_article": False,
        "number": "92 e",
        "subsection": "",
        "item": "",
        "title": "Forsøg med flytning af cykler",
        "summary": "Giver mulighed for tids- og områdebegrænsede forsøg, hvor vejmyndigheden kan flytte ulovligt parkerede cykler til et skiltet område i nærheden. Reglerne om partshøring gælder ikke for disse afgørelser.",
        "url": _RI,
    },
    {
        "key": "KSL-2",
        "act": "Kommunestyrelsesloven",
        "act_short": "KSL",
        "is_article": False,
        "number": "2",
        "subsection": "",
        "item": "",
        "title": "Kommunalbestyrelsen styrer kommunen",
        "summary": "Kommunernes anliggender styres af kommunalbestyrelser, der vælges efter reglerne i lov om kommunale og regionale valg. De nærmere regler om kommunens styrelse fastsættes i en styrelsesvedtægt (stk. 2).",
        "url": _RI,
    },
    {
        "key": "KSL-3",
        "act": "Kommunestyrelsesloven",
        "act_short": "KSL",
        "is_article": False,
        "number": "3",
        "subsection": "",
        "item": "",
        "title": "Borgerrepræsentationen",
        "summary": "Kommunalbestyrelsen i Københavns Kommune benævnes Borgerrepræsentationen. Kommunalbestyrelsens formand betegnes borgmester (stk. 3).",
        "url": _RI,
    },
    {
        "key": "STRFL-152",
        "act": "Straffeloven",
        "act_short": "STRFL",
        "is_article": False,
        "number": "152",
        "subsection": "",
        "item": "",
        "title": "Brud på tavshedspligt",
        "summary": "Det er strafbart for offentligt ansatte at videregive eller udnytte fortrolige oplysninger, som de har fået gennem arbejdet. Straffen kan være bøde eller fængsel.",
        "url": _RI,
    },
]

# Nested, heterogeneous literal data (strings, lists of sections, body tuples).
GUIDELINES: list[dict[str, Any]] = [
    {
        "code": "AG-UDE",
        "slug": "udeservering",
        "title": "Administrationsgrundlag for udeservering",
        "owner_unit": "BA-BYLIV",
        "legal_basis": "Vejloven § 80 (særlig råden over vejareal)",
        "effective_date": "2024-03-01",
        "version_label": "2024.1",
        "summary": "<p>Administrationsgrundlaget beskriver, hvordan Byliv i Byens Anvendelse behandler ansøgninger om udeservering på offentligt vejareal, hvilke hensyn vi lægger vægt på, og hvilke vilkår der normalt gælder. Det er et fiktivt demodokument.</p>",
        "sections": [
            {
                "key": "AG-UDE-1",
                "heading": "Formål og hjemmel",
                "body": "<p>Udeservering giver liv i byen, men fortovet skal også kunne bruges af alle andre. Formålet med administrationsgrundlaget er at skabe en ensartet og gennemskuelig praksis, der balancerer byliv, hensynet til beboere og fremkommelighed.</p>"
                "<p>Tilladelser gives efter <strong>vejloven § 80</strong> om særlig råden over offentligt vejareal. Administrationsgrundlaget er godkendt af Teknik- og Miljøudvalget efter en offentlig høring på 12 uger.</p>"
                "<p>Grundlaget beskriver vores praksis, men det <strong>erstatter ikke det konkrete skøn</strong>. Hver ansøgning skal vurderes ud fra forholdene på stedet, og sagsbehandleren skal være opmærksom på, om en sag har særlige forhold, der taler for en anden løsning.</p>",
            },
            {
                "key": "AG-UDE-2",
                "heading": "Ansøgning og vejledning",
                "body": "<p>Der søges digitalt. Ansøgningen skal indeholde virksomhedens CVR- og P-nummer og en målfast tegning, der viser placering af borde, stole, plantekasser og den frie gangbane. Vi beder ikke om CPR-nummer, når virksomhedens numre er nok til at identificere ansøgeren.</p>"
                "<p>Vi vejleder ansøgeren om, hvad der skal sendes ind, og hvilke krav der gælder (forvaltningsloven § 7). Mangler der noget, skriver vi konkret, hvad der mangler.</p>"
                "<p>Ansøgeren får en kvittering for modtagelsen. Kan sagen ikke afsluttes inden 10 arbejdsdage, sender vi en skriftlig tilbagemelding efter Københavns Kommunes tilbagemeldingsgaranti med forventet svartid og teamets navn.</p>"
                "<p>Sagen fordeles af teamlederen. Har en sagsbehandler en personlig tilknytning til ansøgeren, skal det siges til teamlederen, før sagen fordeles.</p>",
            },
            {
                "key": "AG-UDE-3",
                "heading": "Vurderingskriterier",
                "body": "<p>Der skal altid være en fri og tydelig gangbane langs facaden eller kantstenen. Gangbanen er <strong>som udgangspunkt 2 fliser</strong> bred. På større og mere befærdede gader er den som udgangspunkt 3 fliser.</p>"
                "<p>I vurderingen indgår især:</p>"
                "<ul><li>fremkommelighed for kørestolsbrugere, barnevogne og synshandicappede</li><li>cykelparkering og adgang til opgange</li><li>arkitektur og byrummets karakter</li><li>gener for naboer, herunder støj</li><li>renholdelse og snerydning</li></ul>"
                "<p>Kriterierne er udgangspunkter. Forholdene på stedet kan føre til både en smallere og en bredere gangbane, og det skal fremgå af sagen, hvorfor.</p>",
            },
            {
                "key": "AG-UDE-4",
                "heading": "Vilkår",
                "body": "<p>En tilladelse er en afgørelse og gives for højst ét kalenderår ad gangen. Den indeholder vilkår, som restauratøren skal overholde.</p>"
                "<ul><li>Møbler må stå ude fra kl. 08 til kl. 24. I særligt udpegede zoner kan der gives tilladelse til senere.</li><li>Afskærmning må kun ske med flytbare plantekasser op til en fastsat størrelse.</li><li>Parasoller må ikke have reklamer.</li><li>Tilladelsen og tegningen skal kunne forevises ved tilsyn.</li></ul>"
                "<p>Vilkårene skal være saglige og stå i rimeligt forhold til formålet. Nye eller skærpede vilkår skal begrundes i afgørelsen.</p>",
            },
            {
                "key": "AG-UDE-5",
                "heading": "Partshøring, begrundelse og klagevejledning",
                "body": "<p>Vil vi give afslag eller en mindre tilladelse end ansøgt på grundlag af oplysninger, som ansøgeren ikke kender, fx iagttagelser fra et tilsyn eller en udtalelse fra politiet, skal ansøgeren partshøres, før vi træffer afgørelse. Fristen er normalt 14 dage.</p>"
                "<p>Et afslag eller delvist afslag skal begrundes. Begrundelsen henviser til vejloven § 80, nævner de hovedhensyn, der har været afgørende (fx gangbane eller støj), og beskriver kort de faktiske forhold, vi har lagt vægt på. Afgørelsen skal have klagevejledning.</p>"
                "<p>Teknik- og Miljøudvalget har besluttet, at der ikke gennemføres en særskilt nabohøring ud over det, loven kræver. Naboers henvendelser indgår i sagens oplysning, når de er relevante.</p>",
            },
            {
                "key": "AG-UDE-6",
                "heading": "Tilsyn og håndhævelse",
                "body": "<p>Kommunen og politiet fører tilsyn med udeservering. Tilsynsmedarbejderen noterer sine iagttagelser og tager gerne billeder, som journaliseres på sagen samme dag.</p>"
                "<p>Ved overtrædelse af vilkår reagerer vi trinvist og efter proportionalitetsprincippet: først vejledning, derefter påbud og i sidste ende inddragelse af tilladelsen. Vi bruger ikke et mere indgribende skridt, end situationen kræver.</p>"
                "<p>Før et påbud eller en inddragelse skal restauratøren varsles og partshøres om de oplysninger, vi bygger på. Overtrædelser kan desuden straffes med bøde.</p>",
            },
        ],
    },
    {
        "code": "AG-CYK",
        "slug": "cykelparkering",
        "title": "Administrationsgrundlag for cykelparkering",
        "owner_unit": "BU-MOBILITET",
        "legal_basis": "Vejloven, færdselsloven § 92 e og kommuneplanens normer for cykelparkering",
        "effective_date": "2024-01-15",
        "version_label": "2024.1",
        "summary": "<p>Administrationsgrundlaget samler TMF's praksis for cykelparkering på tværs af de fire serviceområder: planlægning, etablering, drift, efterladte cykler og konflikter med andre anvendelser af byrummet. Det er et fiktivt demodokument.</p>",
        "sections": [
            {
                "key": "AG-CYK-1",
                "heading": "Formål, hjemmel og ansvarsfordeling",
                "body": "<p>Formålet er at gøre det let at parkere en cykel lovligt og at holde fortove og pladser fremkommelige. Grundlaget bygger på vejlovgivningen, færdselsloven og Prioriteringsplan for Cykelparkering 2018-2025.</p>"
                "<p>Ansvaret er delt:</p>"
                "<ul><li><strong>Byens Udvikling</strong> planlægger og prioriterer.</li><li><strong>Byens Fysik</strong> etablerer cykelstativer.</li><li><strong>Byens Drift</strong> står for drift og oprydning.</li><li><strong>Byens Anvendelse</strong> håndterer tilladelser og konflikter med særlig råden over vejareal og byggesager.</li></ul>"
                "<p>Grundlaget ejes af Byens Udvikling, men ændringer aftales med de tre andre serviceområder.</p>",
            },
            {
                "key": "AG-CYK-2",
                "heading": "Prioritering",
                "body": "<p>Målet er, at 70 % af københavnerne er tilfredse med cykelparkeringen i 2025. I 2016 var tallet 37 %.</p>"
                "<p>En kortlægning i 2017 viste omkring 200.000 parkerede cykler i det offentlige rum, hvoraf cirka halvdelen stod uden for stativ. Samtidig var der omkring 80.000 ledige stativpladser. Problemet er derfor ikke kun antallet af stativer, men også hvor de står.</p>"
                "<p>Nye stativer prioriteres der, hvor presset er størst, fx ved stationer, uddannelsessteder og handelsgader.</p>",
            },
            {
                "key": "AG-CYK-3",
                "heading": "Cykelparkering ved byggeri",
                "body": "<p>Kommuneplanen fastsætter normer for cykelparkering ved nyt byggeri. Pladserne skal ligge tæt på indgangene og være lette at bruge.</p>"
                "<p>For anvendelser, som normerne ikke dækker, foretages en konkret vurdering af behovet. Vurderingen skal fremgå af byggesagen.</p>",
            },
            {
                "key": "AG-CYK-4",
                "heading": "Placering i byrummet og konflikter",
                "body": "<p>Cykelstativer konkurrerer om pladsen med blandt andet udeservering, varelevering og ophold. Når der skal vælges, skal beslutningen bygge på saglige kriterier som fremkommelighed, behovet for parkering og trafiksikkerhed.</p>"
                "<p>Ens situationer skal behandles ens. Skal en restaurant afgive plads til stativer, skal vi kunne forklare, hvorfor løsningen er valgt netop her, og at andre restauranter i samme situation behandles på samme måde.</p>"
                "<p>Der gives ikke automatisk forrang til én anvendelse. Afvejningen sker konkret i hver sag.</p>",
            },
            {
                "key": "AG-CYK-5",
                "heading": "Efterladte cykler",
                "body": "<p>Efterladte cykler på offentlige arealer mærkes med en seddel med en frist. Er cyklen ikke fjernet, når fristen er udløbet, flyttes den og afleveres til politiet som hittegods. På private arealer er det ejeren af arealet, der skal rydde op og give varsel.</p>"
                "<p>Oprydning er <strong>faktisk forvaltningsvirksomhed</strong>. Den er ikke en afgørelse, men god forvaltningsskik gælder fuldt ud: Skiltningen skal være tydelig, og cykelejere, der henvender sig, skal have hjælp til at finde deres cykel.</p>"
                "<p>I områder, hvor der kører forsøg efter <strong>færdselsloven § 92 e</strong>, kan ulovligt parkerede cykler flyttes til et skiltet område i nærheden. Her gælder reglerne om partshøring i forvaltningsloven § 19 ikke, men området skal være skiltet.</p>",
            },
            {
                "key": "AG-CYK-6",
                "heading": "Henvendelser og frister",
                "body": "<p>Henvendelser fra borgere om cykelparkering journaliseres i eDoc. Kan en skriftlig henvendelse ikke besvares inden 10 arbejdsdage, sender vi en skriftlig tilbagemelding efter tilbagemeldingsgarantien med forventet svartid og teamets navn.</p>"
                "<p>Fristerne registreres og følges i KOMLIS, så teamlederen kan se, hvilke henvendelser der nærmer sig fristen.</p>"
                "<p>Henvendelser, der hører til et andet serviceområde, sendes videre samme dag, og borgeren får besked om, hvem der nu har sagen.</p>",
            },
        ],
    },
    {
        "code": "AG-BYG",
        "slug": "byggetilladelser",
        "title": "Administrationsgrundlag for byggetilladelser",
        "owner_unit": "BA-BYGNINGER",
        "legal_basis": "Byggeloven og bygningsreglementet (BR18), planloven og lokalplaner",
        "effective_date": "2024-02-01",
        "version_label": "2024.1",
        "summary": "<p>Administrationsgrundlaget beskriver, hvordan Center for Bygninger i Byens Anvendelse behandler ansøgninger om byggetilladelse fra modtagelse til tilsyn. Det er et fiktivt demodokument.</p>",
        "sections": [
            {
                "key": "AG-BYG-1",
                "heading": "Hjemmel og rammer",
                "body": "<p>Byggesager behandles efter byggeloven og bygningsreglementet (BR18). Ligger byggeriet i et område med lokalplan, eller rejser det planmæssige spørgsmål, indgår også planloven.</p>"
                "<p>Efter BR18 foretager kommunen ikke en teknisk gennemgang af projektet. Det er ansøgeren, der skal dokumentere, at byggeriet lever op til kravene. Vi kontrollerer, at dokumentationen er til stede.</p>"
                "<p>Fra 1. januar 2023 gælder krav til klimapåvirkning for nybyggeri. Reglerne ændres jævnligt, så tjek altid den gældende version.</p>",
            },
            {
                "key": "AG-BYG-2",
                "heading": "Modtagelse, registrering og screening",
                "body": "<p>Ansøgninger modtages via Byg og Miljø. Sagen oprettes og journaliseres i eDoc samme dag. Søger en rådgiver på ejerens vegne, kontrolleres det, at der er en fuldmagt.</p>"
                "<p>Ved screeningen vurderes brandklasse og konstruktionsklasse, om der skal være byggeskadeforsikring, og om andre enheder i TMF skal inddrages, fordi sagen også rejser spørgsmål efter anden lovgivning.</p>"
                "<p>Vi bruger CPR-nummer, når det er nødvendigt for at identificere en privat bygherre entydigt, og kun i de felter, der er beregnet til det. Er bygherren en virksomhed, bruges CVR-nummeret.</p>"
                "<p>Sagen fordeles af teamlederen. Kender en sagsbehandler bygherren eller rådgiveren personligt, skal det siges, før sagen fordeles.</p>",
            },
            {
                "key": "AG-BYG-3",
                "heading": "Oplysning af sagen og forhåndsdialog",
                "body": "<p>Det er kommunens ansvar, at sagen er tilstrækkeligt oplyst, før der træffes afgørelse (officialprincippet). Mangler der materiale, skriver vi konkret til ansøgeren, hvad der mangler, og hvorfor.</p>"
                "<p>Ved store eller komplicerede projekter tilbyder vi forhåndsdialog, så ansøgeren får vejledning, før ansøgningen sendes ind.</p>"
                "<p>Oplysninger fra møder, telefonsamtaler og besigtigelser, der har betydning for sagen, noteres snarest muligt og journaliseres, medmindre de fremgår af sagens dokumenter (notatpligt).</p>",
            },
            {
                "key": "AG-BYG-4",
                "heading": "Partshøring og naboer",
                "body": "<p>Ansøgeren partshøres, hvis vi vil træffe afgørelse på grundlag af oplysninger, som taler imod ansøgeren, og som ansøgeren ikke kender.</p>"
                "<p>Naboer kan være parter, hvis de har en væsentlig og individuel interesse i afgørelsen, fx fordi byggeriet skygger for deres bolig. Er en nabo part, skal naboen partshøres og have afgørelsen tilsendt med klagevejledning. Om naboen er part, har også betydning for en senere klage: Ombudsmanden har udtalt, at klageinstansen (dengang Statsforvaltningen) ikke kunne afvise en nabos klage som for sent indgivet uden først at tage stilling til, om naboen var part (FOB 2018-15).</p>"
                "<p>Herudover gennemføres naboorientering, hvor reglerne kræver det.</p>",
            },
            {
                "key": "AG-BYG-5",
                "heading": "Afgørelsen",
                "body": "<p>Afgørelsen skal indeholde en begrundelse med henvisning til de regler, der er anvendt, de hovedhensyn, der har været afgørende, og de faktiske forhold, vi har lagt vægt på. Eventuelle vilkår skal fremgå tydeligt.</p>"
                "<p>Afgørelsen skal have klagevejledning, der oplyser klageinstans, hvordan man klager, og klagefristen.</p>"
                "<p>Sagsbehandlingstiden måles i forhold til de landsdækkende servicemål på 40-60 dage. I Københavns Kommune er den gennemsnitlige behandlingstid i øjeblikket omkring 3 måneder. Ansøgeren kan følge sagen på minbyggesag.kk.dk og skal have en skriftlig tilbagemelding, hvis en henvendelse ikke kan besvares inden 10 arbejdsdage.</p>",
            },
            {
                "key": "AG-BYG-6",
                "heading": "Tilsyn og lovliggørelse",
                "body": "<p>Vi kontrollerer, at byggeriet er færdigmeldt og bruges i overensstemmelse med tilladelsen. Opdager vi et ulovligt forhold, oprettes en lovliggørelsessag.</p>"
                "<p>Et forhold kan lovliggøres retligt, fx ved en efterfølgende tilladelse, eller fysisk, fx ved at det ulovlige fjernes. Vi vælger den mindst indgribende løsning, der er tilstrækkelig.</p>"
                "<p>Før der gives påbud, skal ejeren varsles og partshøres. Påbuddet skal begrundes og have klagevejledning.</p>",
            },
        ],
    },
]

COURSES: list[dict[str, Any]] = [
    {
        "slug": "jura-kort-og-godt",
        "title": "Jura – Kort og Godt",
        "family": "kort-og-godt",
        "duration_minutes": 150,
        "intro": "<p>Et kort kursus i generel forvaltningsret for dig, der arbejder med borgere, virksomheder og sager i Teknik- og Miljøforvaltningen. Kurset har fem moduler med hver fem korte lektioner og bruger eksempler fra udeservering, cykelparkering og byggesager.</p><p>Du kan tage lektionerne i dit eget tempo. Hver lektion slutter med et spørgsmål, så du kan tjekke, om du har fanget det vigtigste.</p>",
        "modules": [
            {
                "slug": "grundlaget",
                "title": "Modul 1 – Grundlaget",
                "intro": "<p>Hvad er forvaltningsret, hvor får kommunen sin kompetence fra, og hvornår er noget en afgørelse? Modulet giver dig begreberne, som resten af kurset bygger på.</p>",
                "lessons": [
                    {
                        "slug": "hvad-er-forvaltningsret",
                        "code": "JKG-1.1",
                        "title": "Hvad er forvaltningsret?",
                        "summary": "Forvaltningsret er reglerne for, hvordan myndigheder træffer beslutninger og opfører sig over for borgerne.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Forvaltningsret er de regler, der gælder, når en offentlig myndighed behandler sager og træffer beslutninger over for borgere og virksomheder. Nogle regler står i love, fx forvaltningsloven og offentlighedsloven. Andre er uskrevne principper, som domstolene og Ombudsmanden har udviklet gennem mange år, fx at sagen skal være ordentligt oplyst, og at ens sager skal behandles ens.</p>"
                                "<p>Reglerne findes, fordi kommunen har magt over borgerne. Når vi giver eller nægter en tilladelse til udeservering, flytter cykler eller behandler en byggeansøgning, påvirker vi menneskers hverdag og økonomi. Forvaltningsretten skal sikre, at det sker korrekt, ensartet og på en måde, borgerne kan forstå og have tillid til.</p>",
                            ),
                            ("heading", "Hvorfor er det vigtigt i TMF?"),
                            (
                                "text",
                                "<p>Teknik- og Miljøforvaltningen træffer hver dag mange afgørelser, især i Byens Anvendelse, hvor borgere og virksomheder søger om at bruge eller bygge i byen. Men også i Byens Drift, hvor vi fejer gader og rydder op, gælder der krav til, hvordan vi opfører os.</p>"
                                "<p>Fejl i sagsbehandlingen kan få store følger. En afgørelse kan blive ugyldig, så sagen skal behandles forfra. Ansøgeren kan miste penge, og kommunen kan få kritik af Borgerrådgiveren eller Ombudsmanden. Omvendt gør god sagsbehandling det lettere for borgerne at acceptere et afslag, fordi de kan se, at de er blevet hørt og behandlet fair.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "remember",
                                    "text": "<p>Forvaltningsret handler ikke kun om jura. Det handler om at behandle borgerne ordentligt og om at kunne forklare, hvorfor vi gør, som vi gør.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "FVL-2",
                                    "note": "Forvaltningsloven gælder for hele den offentlige forvaltning, men de fleste sagsbehandlingsregler gælder kun i sager om afgørelser.",
                                },
                            ),
                            (
                                "key_points",
                                {
                                    "title": "Det vigtigste",
                                    "points": [
                                        "Forvaltningsret er både skrevne love og uskrevne principper.",
                                        "Reglerne beskytter borgerne, fordi kommunen har magt over dem.",
                                        "Fejl kan gøre en afgørelse ugyldig og koste tid, penge og tillid.",
                                    ],
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Nævn to eksempler på uskrevne forvaltningsretlige principper.",
                                    "answer": "<p>Fx officialprincippet (sagen skal være tilstrækkeligt oplyst), lighedsgrundsætningen (ens sager behandles ens) og proportionalitetsprincippet (brug ikke et mere indgribende middel end nødvendigt).</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "hjemmel-og-legalitetsprincippet",
                        "code": "JKG-1.2",
                        "title": "Hjemmel og legalitetsprincippet",
                        "summary": "Kommunen må kun gribe ind over for borgerne, når der er hjemmel til det.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>En privat person må gøre alt, hvad der ikke er forbudt. For en myndighed er det omvendt: Vi må kun gribe ind over for borgere og virksomheder, når der er <strong>hjemmel</strong>, det vil sige en regel, der giver os kompetence til det. Det kaldes <strong>legalitetsprincippet</strong>, og det udspringer af grundloven.</p>"
                                "<p>Jo mere indgribende en beslutning er, desto klarere skal hjemlen være. Et påbud om at fjerne et ulovligt byggeri kræver en klar lovhjemmel. Et venligt råd om, hvor man kan parkere sin cykel, kræver det ikke.</p>"
                                "<p>I TMF finder du hjemlen i sektorlovgivningen. Tilladelser til udeservering gives efter vejloven § 80 om særlig råden over vejareal. Byggetilladelser gives efter byggeloven og bygningsreglementet og i nogle sager også planloven. Et administrationsgrundlag er derimod ikke i sig selv en hjemmel. Det beskriver, hvordan vi bruger den hjemmel, loven giver.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Et skilt på fortovet",
                                    "scenario": "<p>En butik på Vesterbro har stillet et stort reklameskilt på fortovet uden tilladelse. En kollega foreslår at skrive til butikken, at skiltet skal fjernes inden fredag, fordi det er grimt.</p>",
                                    "reflection": "Hvad skal du undersøge, før du skriver til butikken?",
                                    "discussion": "<p>Du skal finde hjemlen. Skilte på offentligt vejareal kræver tilladelse efter vejloven § 80, så kravet om at fjerne skiltet hviler på, at der ikke er søgt tilladelse, ikke på at det er grimt. Begrundelsen skal være saglig, og butikken skal partshøres, før der træffes afgørelse om et påbud.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-1",
                                    "note": "Administrationsgrundlaget for udeservering bygger på vejloven § 80.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-1",
                                    "note": "Cykelparkering hviler på flere regelsæt og fordeler ansvaret mellem serviceområderne.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-1",
                                    "note": "Byggesager har hjemmel i byggeloven, BR18 og planloven.",
                                },
                            ),
                            ("citation", {"provision": "VEJL-80", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Kan et administrationsgrundlag alene give kommunen ret til at give et påbud?",
                                    "answer": "<p>Nej. Et påbud kræver hjemmel i lov. Administrationsgrundlaget beskriver kun, hvordan vi bruger den hjemmel, som fx vejloven eller byggeloven giver.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "er-det-en-afgoerelse",
                        "code": "JKG-1.3",
                        "title": "Er det en afgørelse?",
                        "summary": "Om en sag handler om en afgørelse, bestemmer hvilke regler i forvaltningsloven der gælder.",
                        "reading_minutes": 6,
                        "body": [
                            (
                                "text",
                                "<p>Det første spørgsmål i enhver sag er: <strong>Er der tale om en afgørelse?</strong> Svaret bestemmer, om forvaltningslovens regler om blandt andet partshøring, begrundelse og klagevejledning gælder.</p>"
                                "<p>En afgørelse er en ensidig og bindende beslutning fra myndigheden om, hvad der er ret eller pligt for en bestemt borger eller virksomhed. Typiske eksempler i TMF er en tilladelse eller et afslag på udeservering, en byggetilladelse eller et påbud om at lovliggøre et byggeri. Også vilkårene i en tilladelse er en del af afgørelsen.</p>"
                                "<p>Meget af det, vi laver, er ikke afgørelser. At feje en gade, rydde sne, sætte cykelstativer op eller fjerne efterladte cykler er <strong>faktisk forvaltningsvirksomhed</strong>. Det samme gælder interne mødenotater og generel information på kk.dk. Her gælder forvaltningslovens afgørelsesregler ikke, men god forvaltningsskik og de uskrevne principper gør.</p>"
                                "<p>Grænsen er ikke altid skarp. Når kommunen i et forsøgsområde efter færdselsloven § 92 e flytter en ulovligt parkeret cykel, er det efter loven en afgørelse, men loven har udtrykkeligt fravalgt partshøring. Er du i tvivl, så behandl sagen, som om det er en afgørelse, eller spørg en jurist.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": "<p>Et svar på et spørgsmål er ikke i sig selv en afgørelse. Men hvis svaret reelt siger nej til noget, borgeren har søgt om, kan det være et afslag, uanset om ordet afgørelse står i brevet.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-4",
                                    "note": "En tilladelse til udeservering med vilkår er en afgørelse.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-5",
                                    "note": "Oprydning af efterladte cykler er faktisk forvaltningsvirksomhed, mens flytning efter § 92 e er en afgørelse uden partshøring.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-5",
                                    "note": "Byggetilladelsen er en afgørelse med krav om begrundelse og klagevejledning.",
                                },
                            ),
                            ("citation", {"provision": "FVL-2", "note": ""}),
                            ("citation", {"provision": "FAERDSL-92E", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvilken af disse er en afgørelse: a) en tilladelse til udeservering, b) fejning af en gade, c) et internt mødenotat?",
                                    "answer": "<p>a) Tilladelsen fastlægger restauratørens ret til at bruge vejarealet. Fejning er faktisk forvaltningsvirksomhed, og mødenotatet er et internt arbejdsdokument.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "god-forvaltningsskik",
                        "code": "JKG-1.4",
                        "title": "God forvaltningsskik",
                        "summary": "God forvaltningsskik er de uskrevne normer for, hvordan en myndighed bør opføre sig over for borgerne.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Ud over det, loven kræver, skal vi følge <strong>god forvaltningsskik</strong>. Det er uskrevne normer for, hvordan en myndighed bør opføre sig. Ombudsmanden bruger dem, når han vurderer, om en myndighed har behandlet en borger ordentligt.</p>"
                                "<p>God forvaltningsskik handler blandt andet om:</p>"
                                "<ul><li>at være høflig og hensynsfuld i tone og adfærd</li><li>at skrive klart og forståeligt</li><li>at svare inden for rimelig tid og give besked, hvis det trækker ud</li><li>at opføre sig, så borgerne kan have tillid til kommunen</li></ul>"
                                "<p>God forvaltningsskik gælder <strong>også</strong>, når vi ikke træffer afgørelser. Når Byens Drift rydder op i efterladte cykler, er det faktisk forvaltningsvirksomhed. Alligevel skal skiltningen være tydelig, varslingen rimelig, og den cykelejer, der ringer og spørger efter sin cykel, skal mødes venligt og have hjælp til at finde den.</p>"
                                "<p>I Københavns Kommune er god forvaltningsskik også omsat til konkrete løfter. Efter tilbagemeldingsgarantien skal en borger, der skriver til os, have en skriftlig tilbagemelding inden 10 arbejdsdage, hvis svaret tager længere tid.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Cyklen, der forsvandt",
                                    "scenario": "<p>En borger skriver vredt, at hendes cykel er fjernet fra en plads ved Nørreport. Hun så aldrig en seddel. Svaret kræver, at du undersøger sagen med Byens Drift, og det tager nok tre uger.</p>",
                                    "reflection": "Hvad gør du nu, og hvad skal dit første svar indeholde?",
                                    "discussion": "<p>Send en skriftlig tilbagemelding inden 10 arbejdsdage med forventet svartid og teamets navn, og journaliser henvendelsen. Fortæl gerne allerede nu, hvor fjernede cykler bliver afleveret, så hun kan komme videre. Det er god forvaltningsskik, selv om oprydningen ikke var en afgørelse.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-5",
                                    "note": "God forvaltningsskik gælder ved oprydning af cykler.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-6",
                                    "note": "Tilbagemeldingsgarantien omsætter god forvaltningsskik til en fast frist.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "FVL-2",
                                    "note": "Uden for afgørelsessager gælder lovens sagsbehandlingsregler ikke; god forvaltningsskik er ulovbestemt og gælder også der.",
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Rigtigt eller forkert: God forvaltningsskik gælder kun, når vi træffer afgørelser.",
                                    "answer": "<p>Forkert. God forvaltningsskik gælder også ved faktisk forvaltningsvirksomhed, fx gadefejning og oprydning af cykler.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "hvem-kontrollerer-os",
                        "code": "JKG-1.5",
                        "title": "Hvem kontrollerer os?",
                        "summary": "Borgerrådgiveren, Ombudsmanden, klageinstanserne og domstolene kontrollerer, at kommunen overholder reglerne.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Kommunens afgørelser og sagsbehandling kan efterprøves af flere instanser. Det er en vigtig del af retssikkerheden, og det er en god grund til at dokumentere, hvad vi gør.</p>"
                                "<p><strong>Klageinstanser.</strong> Mange afgørelser kan påklages til en anden myndighed, fx Ankestyrelsen, Planklagenævnet eller en anden klageinstans på området. Derfor skal afgørelsen have klagevejledning. Afgørelser om aktindsigt kan også påklages.</p>"
                                "<p><strong>Borgerrådgiveren</strong> er Københavns Kommunes egen uafhængige klage- og tilsynsinstans, oprettet af Borgerrepræsentationen. Borgere kan klage over sagsbehandlingen, fx lang ventetid, manglende svar, vejledning, partshøring og begrundelse, og over medarbejderes optræden. Borgerrådgiveren tager ikke stilling til det politisk fastsatte serviceniveau. Borgeren skal først have prøvet at klage til forvaltningen. Borgerrådgiveren fører også tilsyn på eget initiativ og har en telefonlinje, hvor du som medarbejder kan få råd.</p>"
                                "<p><strong>Folketingets Ombudsmand</strong> kontrollerer hele den offentlige forvaltning. Ombudsmanden kan kritisere og henstille, og myndigheder følger i praksis hans udtalelser. Hans Myndighedsguide er en god kilde, når du er i tvivl.</p>"
                                "<p><strong>Domstolene</strong> kan i sidste ende afgøre, om en afgørelse er lovlig, og om den er ugyldig.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Den lange ventetid",
                                    "scenario": "<p>En caféejer har ventet i to måneder på svar på sin ansøgning om udeservering. Hun har skrevet to gange til TMF uden at få svar og vil nu klage.</p>",
                                    "reflection": "Hvor kan hun klage i Københavns Kommune?",
                                    "discussion": "<p>Hun kan klage til Borgerrådgiveren, som behandler klager over sagsbehandlingstid og manglende svar, når borgeren først har henvendt sig til forvaltningen. Det har hun gjort.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "FVL-25",
                                    "note": "Klagevejledningen fortæller borgeren, hvilken instans der kan efterprøve afgørelsen.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "OFL-37",
                                    "note": "Også afgørelser om aktindsigt kan påklages.",
                                },
                            ),
                            (
                                "key_points",
                                {
                                    "title": "Det vigtigste",
                                    "points": [
                                        "Klageinstanser kan ændre afgørelser.",
                                        "Borgerrådgiveren ser på sagsbehandling og optræden, ikke på serviceniveau.",
                                        "Ombudsmanden og domstolene er den sidste kontrol.",
                                    ],
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Kan Borgerrådgiveren tage stilling til, om kommunen har fastsat et for lavt serviceniveau for snerydning?",
                                    "answer": "<p>Nej. Serviceniveauet er fastsat politisk. Borgerrådgiveren ser på, om sagsbehandlingen og medarbejdernes optræden har været i orden.</p>",
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "foer-afgoerelsen",
                "title": "Modul 2 – Før afgørelsen",
                "intro": "<p>De fleste fejl i en afgørelse opstår, før den bliver skrevet. Modulet handler om vejledning, inhabilitet, oplysning af sagen, notatpligt og partshøring.</p>",
                "lessons": [
                    {
                        "slug": "vejledningspligt",
                        "code": "JKG-2.1",
                        "title": "Vejledningspligt",
                        "summary": "Du skal hjælpe borgere og virksomheder, så de ikke mister rettigheder på grund af misforståelser.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Efter forvaltningsloven § 7 skal vi i nødvendigt omfang <strong>vejlede og hjælpe</strong> dem, der henvender sig om spørgsmål inden for vores område. Formålet er, at ingen skal miste en rettighed eller bruge unødig tid og penge, fordi de ikke kender reglerne.</p>"
                                "<p>Hvor meget du skal vejlede, afhænger af situationen. En erfaren arkitekt, der søger byggetilladelse for tiende gang, har brug for mindre hjælp end en borger, der for første gang vil bygge en carport. Vejledningen skal være korrekt. Er du usikker, så undersøg det eller henvis til en kollega, der ved det.</p>"
                                "<p>Vejledning handler i praksis om at fortælle, hvad der skal søges om, hvilke oplysninger der mangler, og hvad der sker i sagen. Ved store byggeprojekter tilbyder vi forhåndsdialog, så ansøgningen bliver god fra start.</p>"
                                "<p>Får du en <strong>skriftlig</strong> henvendelse, som hører til en anden myndighed, skal du så vidt muligt sende den videre til den rette myndighed (§ 7, stk. 2) og fortælle afsenderen, at du har gjort det. Ved telefonopkald skal du henvise borgeren til det rigtige sted.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Ansøgningen uden tegning",
                                    "scenario": "<p>En ny pizzeria-ejer sender en ansøgning om udeservering med et foto af fortovet, men uden målfast tegning og uden P-nummer. Ejeren skriver, at han gerne vil åbne om 14 dage.</p>",
                                    "reflection": "Hvad skal du skrive tilbage?",
                                    "discussion": "<p>Skriv konkret, hvad der mangler (målfast tegning og P-nummer), hvad tegningen skal vise (fx borde, stole og den frie gangbane), og hvor lang tid behandlingen forventes at tage. Så kan ejeren planlægge realistisk.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-2",
                                    "note": "Vejledning om, hvad en ansøgning om udeservering skal indeholde.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-2",
                                    "note": "Vejledning ved modtagelse og screening af byggeansøgninger.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-3",
                                    "note": "Forhåndsdialog er vejledning i praksis.",
                                },
                            ),
                            ("citation", {"provision": "FVL-7-1", "note": ""}),
                            ("citation", {"provision": "FVL-7-2", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Du får en mail med et spørgsmål, der hører under Vejdirektoratet. Hvad gør du?",
                                    "answer": "<p>Send mailen videre til Vejdirektoratet, hvis det er muligt (FVL § 7, stk. 2), og giv afsenderen besked om det.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "inhabilitet",
                        "code": "JKG-2.2",
                        "title": "Inhabilitet",
                        "summary": "Har du en personlig interesse i en sag, må du ikke arbejde med den, og du skal sige det til din leder.",
                        "reading_minutes": 6,
                        "body": [
                            (
                                "text",
                                "<p>Borgerne skal kunne stole på, at en sag afgøres ud fra saglige hensyn og ikke ud fra sagsbehandlerens egne interesser. Derfor har forvaltningsloven regler om <strong>inhabilitet</strong>.</p>"
                                "<p>Du er inhabil, hvis du selv har en særlig personlig eller økonomisk interesse i sagen, eller hvis din ægtefælle, nære familie eller andre nærtstående har det. Det samme gælder, hvis du er knyttet til en virksomhed eller forening med en særlig interesse, eller hvis andre forhold kan rejse tvivl om din upartiskhed, fx et nært venskab, et uvenskab eller en gave.</p>"
                                "<p>Er du inhabil, må du <strong>ikke arbejde med sagen</strong>. Det gælder ikke kun selve afgørelsen, men også forberedelsen, fx at skrive udkast eller indhente oplysninger.</p>"
                                "<p>Tror du, at du kan være inhabil, skal du <strong>snarest sige det til din leder</strong> (§ 6), medmindre det er åbenbart, at forholdet er uden betydning. Det er ikke dig, men myndigheden, der afgør spørgsmålet, og du må ikke selv deltage i vurderingen. Er interessen helt ubetydelig, er der ikke inhabilitet. Men lad lederen vurdere det.</p>"
                                "<p>Tip: Se på navn og adresse, når en sag bliver fordelt til dig. Det er meget lettere at flytte en sag i starten end at behandle den forfra.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Din søsters restaurant",
                                    "scenario": "<p>Du får en ansøgning om udeservering fra en restaurant på Østerbro. Da du åbner sagen, ser du, at ejeren er din søster.</p>",
                                    "reflection": "Hvad gør du?",
                                    "discussion": "<p>Du er inhabil, fordi en nær slægtning har en særlig interesse i sagen. Sig det snarest til din leder og lad være med at arbejde med sagen, heller ikke med forberedende opgaver. Lederen fordeler sagen til en kollega.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-2",
                                    "note": "Personlig tilknytning skal siges, før sagen fordeles.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-2",
                                    "note": "Samme praksis ved fordeling af byggesager.",
                                },
                            ),
                            ("citation", {"provision": "FVL-3-1", "note": ""}),
                            ("citation", {"provision": "FVL-3-3", "note": ""}),
                            (
                                "citation",
                                {"provision": "FVL-6", "note": "Din pligt til at sige til."},
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Din nabos byggeansøgning lander på dit bord. Hvad gør du?",
                                    "answer": "<p>Sig det til din leder med det samme (FVL § 6). Lederen vurderer, om du er inhabil, og du rører ikke sagen, før det er afklaret.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "officialprincippet",
                        "code": "JKG-2.3",
                        "title": "Officialprincippet",
                        "summary": "Kommunen har ansvaret for, at en sag er tilstrækkeligt oplyst, før der træffes afgørelse.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p><strong>Officialprincippet</strong> betyder, at det er den myndighed, der træffer afgørelsen, som har ansvaret for, at sagen er tilstrækkeligt oplyst. Princippet står ikke i en lov, men det er bindende.</p>"
                                "<p>Det betyder ikke, at du selv skal finde alle oplysninger. Du kan bede ansøgeren om materiale, indhente udtalelser fra andre enheder eller myndigheder og tage ud og se på forholdene. Men det er dit ansvar at vurdere, om du har nok til at træffe en rigtig afgørelse, og at gå videre, hvis noget ikke hænger sammen.</p>"
                                "<p>Hvor grundigt sagen skal undersøges, afhænger af, hvor indgribende afgørelsen er. Skal en tilladelse til udeservering inddrages, fordi restauratøren gentagne gange har brudt vilkårene, skal overtrædelserne være dokumenteret, fx med tilsynsnotater og billeder. Et rygte eller en enkelt naboklage er ikke nok.</p>"
                                "<p>Er sagen ikke tilstrækkeligt oplyst, kan afgørelsen blive ugyldig. Partshøring er i øvrigt et vigtigt redskab: Når parten får mulighed for at kommentere oplysningerne, kommer fejl og misforståelser ofte frem.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Den manglende brandplan",
                                    "scenario": "<p>En ansøgning om ombygning af en tagetage mangler dokumentation for brandforhold. Ansøgeren skriver, at det nok skal være i orden, og beder om en hurtig tilladelse.</p>",
                                    "reflection": "Kan du give tilladelsen?",
                                    "discussion": "<p>Nej. Efter BR18 skal ansøgeren dokumentere, at kravene er opfyldt, og kommunen skal sikre, at dokumentationen er til stede. Skriv konkret, hvad der mangler, og hvorfor det er nødvendigt.</p>",
                                },
                            ),
                            (
                                "citation",
                                {"section": "AG-BYG-3", "note": "Officialprincippet i byggesager."},
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-6",
                                    "note": "Dokumentation af overtrædelser før håndhævelse.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "FVL-19-1",
                                    "note": "Partshøring bidrager til, at sagen bliver rigtigt oplyst.",
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvem har ansvaret for, at en sag er tilstrækkeligt oplyst?",
                                    "answer": "<p>Den myndighed, der træffer afgørelsen, også selv om ansøgeren skal levere oplysninger. Mangelfuld oplysning kan gøre afgørelsen ugyldig.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "notatpligt",
                        "code": "JKG-2.4",
                        "title": "Notatpligt",
                        "summary": "Vigtige oplysninger, du får mundtligt, og væsentlige sagsskridt skal skrives ned.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Meget af det, der har betydning for en sag, kommer ikke ind som dokumenter. Det bliver sagt i telefonen, på et møde eller ses ved en besigtigelse. Efter offentlighedsloven § 13 skal du i afgørelsessager <strong>skrive det ned</strong>, hvis det har betydning for afgørelsen og ikke allerede står i sagens dokumenter.</p>"
                                "<p>Notatpligten omfatter:</p>"
                                "<ul><li>oplysninger om sagens faktiske forhold, fx at ansøgeren vil lukke udeserveringen kl. 22</li><li>eksterne faglige vurderinger, fx politiets vurdering på et møde</li><li>væsentlige sagsbehandlingsskridt, fx at sagen er sendt i høring eller sat i bero</li></ul>"
                                "<p>Notatet skal laves <strong>hurtigst muligt</strong>, mens du husker det. Skriv kort, hvad der blev sagt, hvem der sagde det, og hvornår. Journaliser notatet på sagen i eDoc.</p>"
                                "<p>Notater sikrer, at en kollega kan overtage sagen, at parten kan se grundlaget ved aktindsigt, og at Borgerrådgiveren, Ombudsmanden eller en klageinstans senere kan kontrollere, hvad der skete. Et tilsynsnotat med dato og billeder er ofte afgørende, hvis der senere skal gives et påbud.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "text": "<p>Det, der ikke står i sagen, har i praksis ikke fundet sted. Mangler et vigtigt notat, kan det blive svært at forsvare afgørelsen.</p>",
                                },
                            ),
                            (
                                "key_points",
                                {
                                    "title": "Et godt notat",
                                    "points": [
                                        "Skriv det samme dag, mens du husker det.",
                                        "Angiv dato, hvem der deltog, og hvad der blev sagt eller set.",
                                        "Hold dig til fakta, ikke til dine egne vurderinger af personerne.",
                                        "Journaliser notatet på den rigtige sag i eDoc.",
                                    ],
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-3",
                                    "note": "Notater fra møder, telefonsamtaler og besigtigelser.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-6",
                                    "note": "Tilsynsnotater journaliseres samme dag.",
                                },
                            ),
                            ("citation", {"provision": "OFL-13", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "I en telefonsamtale fortæller ansøgeren, at caféen vil lukke kl. 22 i stedet for kl. 24. Hvad skal du gøre?",
                                    "answer": "<p>Skriv et notat snarest muligt og journaliser det, medmindre oplysningen allerede fremgår af sagens dokumenter (OFL § 13).</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "partshoering",
                        "code": "JKG-2.5",
                        "title": "Partshøring",
                        "summary": "Parten skal have mulighed for at kommentere væsentlige oplysninger, der taler imod, før du træffer afgørelse.",
                        "reading_minutes": 7,
                        "body": [
                            (
                                "text",
                                "<p>Partshøring betyder, at parten får mulighed for at udtale sig om sagens oplysninger, før vi træffer afgørelse. Efter forvaltningsloven § 19, stk. 1, skal du partshøre, når tre betingelser er opfyldt:</p>"
                                "<ul><li>Parten <strong>kan ikke antages at vide, at vi har</strong> oplysningen.</li><li>Oplysningen taler <strong>imod</strong> parten.</li><li>Oplysningen er <strong>væsentlig</strong> for afgørelsen.</li></ul>"
                                "<p>Det gælder oplysninger om sagens faktiske forhold og eksterne faglige vurderinger, ikke dine egne overvejelser. Du sender oplysningerne til parten og giver en rimelig frist til at svare, typisk 14 dage.</p>"
                                "<p>Et eksempel: Et tilsyn viser, at en restaurant flere gange har stillet borde ud over den frie gangbane. Hvis vi vil bruge det til at give en mindre tilladelse næste år, skal restauratøren først høres om tilsynsnotaterne. Måske har han en forklaring, eller måske er der en fejl i notatet.</p>"
                                "<p>Partshøring er en <strong>garantiforskrift</strong>. Springer du den over, kan afgørelsen blive ugyldig og skal behandles forfra. Undtagelserne i § 19, stk. 2, fx når det er ubetænkeligt at undlade høring, skal fortolkes snævert. Brug dem ikke som smutvej.</p>"
                                "<p>En særlig regel findes i færdselsloven § 92 e: I forsøgsområder, hvor kommunen flytter ulovligt parkerede cykler, gælder reglerne om partshøring ikke. Det er loven selv, der har gjort undtagelsen.</p>"
                                "<p>Husk også naboerne i byggesager. En nabo kan være part, og så skal naboen også partshøres.</p>",
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-5",
                                    "note": "Partshøring ved afslag eller begrænsning af udeservering.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-4",
                                    "note": "Partshøring af ansøger og naboer, der er parter.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-5",
                                    "note": "Undtagelsen i færdselsloven § 92 e.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-6",
                                    "note": "Varsling og partshøring før påbud og inddragelse.",
                                },
                            ),
                            ("citation", {"provision": "FVL-19-1", "note": ""}),
                            (
                                "citation",
                                {"provision": "FVL-19-2", "note": "Undtagelserne er snævre."},
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvad kan der ske, hvis en nødvendig partshøring springes over?",
                                    "answer": "<p>Afgørelsen kan blive ugyldig, så sagen skal behandles forfra. Partshøring er en garantiforskrift, der skal sikre, at afgørelsen bliver rigtig.</p>",
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "afgoerelsen",
                "title": "Modul 3 – Afgørelsen",
                "intro": "<p>Når sagen er oplyst, skal der træffes en afgørelse. Modulet handler om skøn, de grundlæggende principper for saglighed, lighed og proportionalitet, begrundelse, klagevejledning og klare breve.</p>",
                "lessons": [
                    {
                        "slug": "skoen-og-skoen-under-regel",
                        "code": "JKG-3.1",
                        "title": "Skøn og skøn under regel",
                        "summary": "Når loven giver et skøn, skal du vurdere den konkrete sag, også når der findes et administrationsgrundlag.",
                        "reading_minutes": 6,
                        "body": [
                            (
                                "text",
                                "<p>Mange regler giver kommunen et <strong>skøn</strong>. Vejloven § 80 siger ikke præcist, hvornår der skal gives tilladelse til udeservering. Den overlader det til kommunen at vurdere, om og hvordan vejarealet kan bruges. Det giver plads til at tage højde for forholdene på stedet.</p>"
                                "<p>Et skøn skal udøves <strong>konkret</strong> i hver sag. For at sikre en ensartet praksis bruger TMF administrationsgrundlag, der beskriver, hvilke hensyn vi lægger vægt på, og hvad der normalt gælder. Fx står der i administrationsgrundlaget for udeservering, at gangbanen som udgangspunkt skal være 2 fliser.</p>"
                                "<p>Men et administrationsgrundlag må <strong>ikke binde skønnet</strong>. Hvis vi følger en intern regel blindt uden at se på den konkrete sag, kaldes det <strong>skøn under regel</strong>, og det er ulovligt. Afgørelsen kan blive ugyldig.</p>"
                                "<p>I praksis betyder det, at du tager udgangspunkt i administrationsgrundlaget og derefter spørger: Er der noget særligt ved denne sag? Er fortovet usædvanligt bredt, eller er der mange fodgængere? Har ansøgeren oplyst forhold, som grundlaget ikke har forudset? Hvis ja, skal du tage stilling til det og skrive det i sagen.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Et generelt nej",
                                    "scenario": "<p>En kollega foreslår, at alle ansøgninger om udeservering på en bestemt smal gade afvises med en standardtekst, fordi gaden er smal.</p>",
                                    "reflection": "Er det lovligt?",
                                    "discussion": "<p>Nej. Hver ansøgning skal vurderes konkret. Det er fint at have et klart udgangspunkt for smalle gader, men der skal være plads til at se på den enkelte sag, fx hvis en restaurant ligger ved en udvidelse af fortovet.</p>",
                                },
                            ),
                            (
                                "callout",
                                {
                                    "kind": "remember",
                                    "text": "<p>Administrationsgrundlaget er et udgangspunkt, ikke en facitliste. Se altid efter, om sagen har særlige forhold.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-1",
                                    "note": "Grundlaget erstatter ikke det konkrete skøn.",
                                },
                            ),
                            (
                                "citation",
                                {"section": "AG-UDE-3", "note": "Kriterierne er udgangspunkter."},
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-4",
                                    "note": "Konkret afvejning mellem cykelstativer og udeservering.",
                                },
                            ),
                            (
                                "citation",
                                {"provision": "VEJL-80", "note": "Hjemlen giver et skøn."},
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Må et administrationsgrundlag sige, at alle ansøgninger på en bestemt gade afvises uden konkret vurdering?",
                                    "answer": "<p>Nej. Det ville være skøn under regel. Tilladelser efter vejloven § 80 kræver et konkret skøn i hver sag.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "saglighed-lighed-og-proportionalitet",
                        "code": "JKG-3.2",
                        "title": "Saglighed, lighed og proportionalitet",
                        "summary": "Afgørelser skal bygge på saglige hensyn, ens sager skal behandles ens, og indgreb må ikke være større end nødvendigt.",
                        "reading_minutes": 6,
                        "body": [
                            (
                                "text",
                                "<p>Tre uskrevne principper sætter rammerne for alle afgørelser og for meget af det, vi gør i øvrigt.</p>"
                                "<p><strong>Saglighed.</strong> Du må kun lægge vægt på hensyn, der er relevante efter de regler, du bruger. Ved udeservering er fremkommelighed, støj og byrummets karakter saglige hensyn. Om du kan lide restaurantens mad, eller om ejeren tidligere har klaget over kommunen, er ikke. Samtidig skal du tage alle relevante hensyn i betragtning.</p>"
                                "<p><strong>Lighed.</strong> Sager, der er ens på de væsentlige punkter, skal behandles ens. Skal en restaurant afgive plads til cykelstativer, skal restauranten ved siden af i samme situation behandles på samme måde. For at kunne det skal du kende den hidtidige praksis, og det kræver, at sagerne er journaliseret, så de kan findes.</p>"
                                "<p><strong>Proportionalitet.</strong> Du må ikke bruge et mere indgribende middel end nødvendigt, og der skal være et rimeligt forhold mellem mål og middel. Ved en første og mindre overtrædelse af vilkårene for udeservering er vejledning eller et påbud normalt nok. En inddragelse af tilladelsen er forbeholdt gentagne eller alvorlige overtrædelser. I byggesager vælger vi en retlig lovliggørelse, hvis den er mulig, frem for at kræve noget revet ned.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Stolene på gangbanen",
                                    "scenario": "<p>Ved et tilsyn ser du, at en café har to stole for meget, og de står delvis ud over gangbanen. Det er første gang, caféen har overtrådt vilkårene.</p>",
                                    "reflection": "Skal tilladelsen inddrages?",
                                    "discussion": "<p>Nej, normalt ikke. Vejled caféen og giv om nødvendigt et påbud. Inddragelse ville være uforholdsmæssigt ved en første, mindre overtrædelse.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-6",
                                    "note": "Trinvis reaktion efter proportionalitetsprincippet.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-4",
                                    "note": "Saglige kriterier og ligebehandling ved konflikter om plads.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-6",
                                    "note": "Mindst indgribende lovliggørelse.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "OFL-15",
                                    "note": "Journalisering gør det muligt at finde tidligere praksis.",
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvorfor hjælper en god journalisering lighedsgrundsætningen?",
                                    "answer": "<p>Fordi sagsbehandlerne kan finde tidligere sager og dermed behandle ens sager ens. Ombudsmanden har koblet dårlig søgbarhed til brud på lighedsgrundsætningen.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "begrundelse",
                        "code": "JKG-3.3",
                        "title": "Begrundelse",
                        "summary": "En afgørelse skal forklare regler, hovedhensyn og de faktiske forhold, medmindre parten får fuldt medhold.",
                        "reading_minutes": 6,
                        "body": [
                            (
                                "text",
                                "<p>Når en skriftlig afgørelse ikke giver parten fuldt ud medhold, skal den have en <strong>begrundelse</strong> (forvaltningsloven § 22). Begrundelsen skal vise parten, hvorfor afgørelsen blev, som den blev. Den tvinger også os selv til at tænke sagen igennem, og den gør det muligt for en klageinstans at kontrollere afgørelsen.</p>"
                                "<p>Efter § 24 skal begrundelsen indeholde:</p>"
                                "<ul><li><strong>Reglerne</strong>: henvisning til de regler, afgørelsen bygger på, fx vejloven § 80.</li><li><strong>Hovedhensynene</strong>: ved skønsmæssige afgørelser de hensyn, der var afgørende, fx at der skal være en fri gangbane på 2 fliser af hensyn til kørestolsbrugere.</li><li><strong>De faktiske forhold</strong>: om nødvendigt en kort beskrivelse af de forhold, der er lagt vægt på, fx at fortovet er 3,1 meter bredt.</li></ul>"
                                "<p>Ombudsmanden har kritiseret en myndighed for en afgørelse sendt som en kort mail, der hverken nævnte reglerne, hovedhensynene eller de faktiske forhold. Parten kunne ikke forstå, hvorfor svaret blev nej.</p>"
                                "<p>Får parten fuldt ud medhold, kræves der ikke begrundelse. En tilladelse, der giver alt det ansøgte, behøver derfor ikke begrundelse. Men giver du en tilladelse med vilkår, som ansøgeren ikke har bedt om, er det et delvist afslag, og vilkårene skal begrundes.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": "<p>Træffes en afgørelse mundtligt, fx ved et tilsyn på gaden, kan parten kræve at få en skriftlig begrundelse. Skriv derfor altid et notat om, hvad der blev besluttet og hvorfor.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-5",
                                    "note": "Begrundelse ved afslag på udeservering.",
                                },
                            ),
                            (
                                "citation",
                                {"section": "AG-BYG-5", "note": "Begrundelse i byggesager."},
                            ),
                            ("citation", {"provision": "FVL-22", "note": ""}),
                            ("citation", {"provision": "FVL-24", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvad skal en begrundelse for et delvist afslag indeholde?",
                                    "answer": "<p>Henvisning til reglerne, de hovedhensyn der var afgørende for skønnet, og om nødvendigt de faktiske forhold, der er lagt vægt på (FVL § 24).</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "klagevejledning",
                        "code": "JKG-3.4",
                        "title": "Klagevejledning",
                        "summary": "En afgørelse, der kan påklages, skal fortælle hvor, hvordan og hvornår man kan klage.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Kan en skriftlig afgørelse påklages til en anden myndighed, skal den have <strong>klagevejledning</strong>, medmindre parten får fuldt ud medhold (forvaltningsloven § 25). Klagevejledningen skal oplyse:</p>"
                                "<ul><li>hvilken myndighed der er klageinstans</li><li>hvordan man klager, fx hvor klagen skal sendes hen</li><li>en eventuel klagefrist, og hvornår den begynder at løbe</li></ul>"
                                "<p>Klagevejledningen skal være korrekt og passe til den konkrete afgørelse. En standardtekst, der nævner en forkert klageinstans eller en forkert frist, kan føre til, at en klage, der kommer for sent, alligevel skal behandles.</p>"
                                "<p>Husk alle parter. I byggesager kan en nabo være part, fx hvis byggeriet tager lys fra naboens lejlighed. Ombudsmanden har i en sag fra 2018 udtalt, at en nabo, der var part i en byggesag, skulle have haft afgørelsen sendt direkte med klagevejledning. Det er ikke nok, at afgørelsen blev sendt til ansøgeren.</p>"
                                "<p>Selv når en afgørelse ikke kan påklages til en anden myndighed, er det god forvaltningsskik at fortælle, at borgeren kan henvende sig til Borgerrådgiveren eller Ombudsmanden.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Naboen, der ikke fik besked",
                                    "scenario": "<p>Der gives tilladelse til en tagterrasse, som giver direkte indkig til naboens stue. Naboen hører først om tilladelsen, da byggeriet går i gang to måneder senere.</p>",
                                    "reflection": "Hvad burde der være sket?",
                                    "discussion": "<p>Naboen var sandsynligvis part. Så skulle naboen have været partshørt og have fået afgørelsen med klagevejledning. Når det ikke er sket, er klagefristen normalt ikke begyndt at løbe for naboen.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-5",
                                    "note": "Klagevejledning i afgørelser om udeservering.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-4",
                                    "note": "Naboer, der er parter, skal have klagevejledning.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-5",
                                    "note": "Klageinstans og klagefrist i byggesager.",
                                },
                            ),
                            ("citation", {"provision": "FVL-25", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvad skal en klagevejledning indeholde?",
                                    "answer": "<p>Klageinstansen, hvordan man klager, og en eventuel klagefrist (FVL § 25).</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "klare-breve",
                        "code": "JKG-3.5",
                        "title": "Klare breve",
                        "summary": "Et godt brev er korrekt, kort og til at forstå for den, der modtager det.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>En afgørelse kan være juridisk korrekt og alligevel svær at forstå. Klart sprog er en del af god forvaltningsskik, og det sparer tid, fordi borgeren ikke behøver at ringe og spørge. Københavns Kommune har testet breve som partshøringsbreve og svar på klager med borgere, og i projektet MODUS/FOKUS måler vi blandt andet, om vores breve er klare og ensartede.</p>",
                            ),
                            ("heading", "Sådan bygger du et godt afgørelsesbrev"),
                            (
                                "text",
                                "<ul><li><strong>Start med svaret.</strong> Skriv i første afsnit, om ansøgeren har fået tilladelse, afslag eller delvis tilladelse.</li><li><strong>Forklar hvorfor.</strong> Brug begrundelsens tre dele: reglerne, hovedhensynene og de faktiske forhold.</li><li><strong>Skriv, hvad modtageren skal gøre.</strong> Fx hvilke vilkår der gælder, eller hvad der sker nu.</li><li><strong>Slut med klagevejledning</strong> og kontaktoplysninger.</li></ul>"
                                "<p>Skriv til modtageren som »du« eller »I«, brug korte sætninger og undgå ord som »nærværende« og »herværende«. Lovhenvisninger skal med, men forklar med almindelige ord, hvad reglen betyder. Når brevet sendes med Digital Post, skal emnelinjen fortælle, hvad det handler om, fx »Afgørelse om udeservering, Jægersborggade 12«, og ikke bare »Brev fra Københavns Kommune«.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": "<p>Læs dit brev igennem, som om du var modtageren. Kan du efter første afsnit se, hvad svaret er? Ved du, hvad du skal gøre nu? Hvis ikke, så skriv det om. Bed eventuelt en kollega, der ikke kender sagen, om at læse det.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-5",
                                    "note": "Indholdet af afgørelser om udeservering.",
                                },
                            ),
                            (
                                "citation",
                                {"section": "AG-BYG-5", "note": "Indholdet af byggetilladelser."},
                            ),
                            (
                                "citation",
                                {
                                    "provision": "FVL-24",
                                    "note": "Begrundelsen er kernen i et godt afgørelsesbrev.",
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvad skal stå i første afsnit af et afgørelsesbrev?",
                                    "answer": "<p>Selve svaret: om ansøgeren har fået tilladelse, afslag eller delvis tilladelse. Forklaringen og klagevejledningen kommer bagefter.</p>",
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "aabenhed-frister-og-dokumentation",
                "title": "Modul 4 – Åbenhed, frister og dokumentation",
                "intro": "<p>Åbenhed og dokumentation er grundlaget for borgernes tillid og for kontrollen med forvaltningen. Modulet handler om journalisering, aktindsigt, partsaktindsigt, frister og fristbreve.</p>",
                "lessons": [
                    {
                        "slug": "journaliseringspligt",
                        "code": "JKG-4.1",
                        "title": "Journaliseringspligt",
                        "summary": "Dokumenter med betydning for en sag skal hurtigst muligt registreres i eDoc.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Efter offentlighedsloven § 15 skal dokumenter, som vi modtager eller sender, og som har betydning for en sag, <strong>journaliseres</strong>. Det samme gælder endelige interne dokumenter, fx et notat om en telefonsamtale. I Københavns Kommune sker det i eDoc.</p>"
                                "<p>Journaliseringen skal ske <strong>hurtigst muligt</strong>. Journalen skal vise, hvornår dokumentet er modtaget eller sendt, og have en kort beskrivelse af, hvad det handler om. Vælg en titel, som en kollega kan forstå om et år, fx »Ansøgning om udeservering, Jægersborggade 12, 2025« frem for »Mail fra Peter«.</p>"
                                "<p>Journalisering er ikke bureaukrati for bureaukratiets skyld. Den sikrer, at:</p>"
                                "<ul><li>en kollega kan overtage sagen, hvis du er syg eller på ferie</li><li>vi kan give korrekt aktindsigt, fordi vi kan finde alle dokumenterne</li><li>vi kan finde tidligere sager og behandle ens sager ens</li><li>klageinstanser og Borgerrådgiveren kan se, hvad der er sket</li></ul>"
                                "<p>Mails i din personlige indbakke er ikke journaliseret. Har en mail betydning for en sag, skal den over i eDoc, også selv om den bare bekræfter en aftale.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Mailen fra rådgiveren",
                                    "scenario": "<p>En arkitekt sender dig en mail med en revideret tegning til en byggesag og skriver samtidig, at bygherren har droppet kælderen. Du svarer kort tak.</p>",
                                    "reflection": "Hvad skal du gøre med mailen?",
                                    "discussion": "<p>Journaliser både mailen og tegningen på byggesagen i eDoc. Oplysningen om kælderen har betydning for sagen, og dit svar er også en del af sagens forløb.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-6",
                                    "note": "Journalisering af borgerhenvendelser om cykelparkering.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-2",
                                    "note": "Byggesager oprettes og journaliseres samme dag.",
                                },
                            ),
                            ("citation", {"provision": "OFL-15", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvilke dokumenter skal journaliseres?",
                                    "answer": "<p>Modtagne og afsendte dokumenter, der har betydning for en sag, og endelige interne dokumenter. Det skal ske hurtigst muligt (OFL § 15).</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "aktindsigt-for-enhver",
                        "code": "JKG-4.2",
                        "title": "Aktindsigt for enhver",
                        "summary": "Alle kan bede om at se kommunens dokumenter, og man behøver ikke at forklare hvorfor.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Efter offentlighedsloven § 7 kan <strong>enhver</strong> bede om aktindsigt i de dokumenter, kommunen har modtaget eller oprettet i sin sagsbehandling. Det kan være en borger, en journalist, en virksomhed eller en forening. Man behøver ikke at forklare, hvorfor man vil se dokumenterne.</p>"
                                "<p>Anmodningen skal dog gøre det muligt at finde sagen eller dokumenterne og angive det tema, de vedrører (offentlighedsloven § 9). Er anmodningen uklar, skal du hjælpe anmoderen med at præcisere den. Det er en del af vejledningspligten.</p>"
                                "<p>Aktindsigt omfatter også journalen, altså listen over sagens dokumenter. Et dokument, vi har sendt til en anden, er omfattet fra dagen efter, det er sendt. Der er undtagelser, fx for interne arbejdsdokumenter og oplysninger om personlige forhold, og der er regler om tavshedspligt, der kan begrænse adgangen. Men udgangspunktet er åbenhed. Også når en undtagelse kunne bruges, skal du overveje, om der alligevel kan gives adgang (meroffentlighed).</p>"
                                "<p>Aktindsigt skal ikke forveksles med partsaktindsigt efter forvaltningsloven, som er parternes særlige ret, eller med indsigtsretten efter databeskyttelsesforordningen, som handler om oplysninger om personen selv.</p>"
                                "<p>En afgørelse om aktindsigt skal træffes hurtigt, som udgangspunkt inden 7 arbejdsdage. Det ser vi nærmere på i lektionen om frister.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Journalisten og cykelstativerne",
                                    "scenario": "<p>En journalist beder om aktindsigt i al korrespondance mellem TMF og en restaurant om fjernelse af udeservering til fordel for cykelstativer.</p>",
                                    "reflection": "Kan du bede journalisten om at forklare, hvad oplysningerne skal bruges til?",
                                    "discussion": "<p>Nej. Enhver kan få aktindsigt uden at give en grund. Anmodningen angiver et tydeligt emne, så du skal finde dokumenterne og tage stilling til dem.</p>",
                                },
                            ),
                            ("citation", {"provision": "OFL-7", "note": ""}),
                            ("citation", {"provision": "OFL-9", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Skal den, der beder om aktindsigt, forklare hvorfor?",
                                    "answer": "<p>Nej (OFL § 7). Men anmodningen skal identificere sagen eller dokumenterne og angive temaet, så de kan findes (OFL § 9).</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "partsaktindsigt",
                        "code": "JKG-4.3",
                        "title": "Partsaktindsigt",
                        "summary": "Parter i en afgørelsessag har en bredere ret til at se sagens dokumenter end andre.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Er du <strong>part</strong> i en sag, hvor der træffes afgørelse, har du efter forvaltningsloven § 9 ret til at se sagens dokumenter. Det kaldes partsaktindsigt. Ansøgeren i en byggesag og en nabo, der er part, kan altså få indsigt i sagen efter disse regler.</p>"
                                "<p>Partsaktindsigt er <strong>bredere</strong> end aktindsigt efter offentlighedsloven. Den vigtigste forskel er, at tavshedspligt ikke i sig selv begrænser partens adgang. Parten kan derfor ofte se oplysninger, som en journalist ikke kan få. Det giver mening: Parten skal kunne forstå og forholde sig til det grundlag, kommunen træffer afgørelse på.</p>"
                                "<p>Der er også her undtagelser, fx for interne arbejdsdokumenter og i sjældne tilfælde, hvor meget vigtige hensyn taler imod. Faktiske oplysninger og eksterne faglige vurderinger i interne dokumenter skal dog som udgangspunkt gives.</p>"
                                "<p>Partsaktindsigt hænger tæt sammen med partshøring. Ved partshøring sender vi selv de væsentlige oplysninger til parten. Ved partsaktindsigt er det parten, der beder om at se sagen.</p>"
                                "<p>Når du får en anmodning, så tag først stilling til, om personen er part. Er personen part, behandles anmodningen efter forvaltningsloven. Ellers behandles den efter offentlighedsloven.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": "<p>Dokumenter, vi har sendt til andre, er omfattet fra dagen efter, de er sendt. I ansættelsessager kan en ansøger kun få partsaktindsigt i de oplysninger, der handler om ansøgeren selv, ikke i de andre ansøgeres ansøgninger.</p>",
                                },
                            ),
                            ("citation", {"provision": "FVL-9", "note": ""}),
                            (
                                "citation",
                                {
                                    "provision": "OFL-7",
                                    "note": "Til sammenligning: aktindsigt for enhver.",
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvem har normalt den bredeste adgang til en byggesags dokumenter: en journalist efter offentlighedsloven eller ansøgeren efter forvaltningsloven?",
                                    "answer": "<p>Ansøgeren. Partsaktindsigt er bredere, blandt andet fordi tavshedspligt ikke begrænser den.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "frister-og-tilbagemeldingsgaranti",
                        "code": "JKG-4.4",
                        "title": "Frister og tilbagemeldingsgaranti",
                        "summary": "Aktindsigt skal afgøres inden 7 arbejdsdage, og borgere skal have en tilbagemelding inden 10 arbejdsdage.",
                        "reading_minutes": 6,
                        "body": [
                            (
                                "text",
                                "<p>Frister er en af de ting, borgerne oftest klager over. Her er de vigtigste.</p>"
                                "<p><strong>Aktindsigt, 7 arbejdsdage.</strong> En anmodning om aktindsigt skal afgøres snarest. Enkle anmodninger bør klares på en til to dage. Kan afgørelsen ikke træffes inden 7 arbejdsdage, fx fordi sagen er meget stor, skal anmoderen have et <strong>fristbrev</strong> med begrundelsen og et tidspunkt for, hvornår svaret kommer. Giv gerne delvis aktindsigt i det, der er klart. Ferie er ikke en grund til at sætte aktindsigt på pause. Ombudsmanden har kritiseret en myndighed, der gjorde det under en sommerlukning.</p>"
                                "<p><strong>Klage over aktindsigt.</strong> Fastholder vi et afslag, efter at anmoderen har klaget, skal klagen som udgangspunkt sendes til klageinstansen inden 7 arbejdsdage. Er en anmodning ikke afgjort inden 14 arbejdsdage, kan anmoderen klage over sagsbehandlingstiden.</p>"
                                "<p><strong>Tilbagemeldingsgarantien, 10 arbejdsdage.</strong> Borgerrepræsentationen har besluttet, at når en skriftlig henvendelse, også en mail, ikke kan besvares inden 10 arbejdsdage, skal borgeren have en skriftlig tilbagemelding inden 10 arbejdsdage. Den skal nævne eventuelle lovbestemte frister og så vidt muligt sagsbehandlerens eller teamets navn. Gælder der en kortere frist, som ved aktindsigt, går den forud. Telefonopkald og personlige henvendelser er ikke omfattet.</p>"
                                "<p>Arbejdsdage er hverdage, så weekender og helligdage tæller ikke med.</p>",
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-6",
                                    "note": "Tilbagemeldingsgarantien for henvendelser om cykelparkering.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-2",
                                    "note": "Kvittering og tilbagemelding ved ansøgning om udeservering.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-5",
                                    "note": "Sagsbehandlingstid og servicemål i byggesager.",
                                },
                            ),
                            ("citation", {"provision": "OFL-36", "note": ""}),
                            ("citation", {"provision": "OFL-37", "note": ""}),
                            ("citation", {"provision": "OFL-39", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "En borger skriver om cykelparkering, og svaret tager 5 uger. Hvad kræver tilbagemeldingsgarantien?",
                                    "answer": "<p>En skriftlig tilbagemelding inden 10 arbejdsdage med eventuelle lovbestemte frister og så vidt muligt sagsbehandlerens eller teamets navn.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "komlis-og-fristbreve",
                        "code": "JKG-4.5",
                        "title": "KOMLIS og fristbreve i praksis",
                        "summary": "KOMLIS hjælper dig og din leder med at holde styr på fristerne, så ingen borger venter forgæves.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>I TMF registreres frister for borgerhenvendelser og klager i <strong>KOMLIS</strong>. Når en henvendelse kommer ind, registreres den med den frist, der gælder: 10 arbejdsdage efter tilbagemeldingsgarantien, 7 arbejdsdage for aktindsigt eller en anden frist, hvis loven kræver det. Så kan du og din teamleder se, hvilke sager der nærmer sig fristen.</p>"
                                "<p>KOMLIS erstatter ikke journaliseringen. Henvendelsen og svaret skal stadig journaliseres i eDoc. KOMLIS er et styringsværktøj, der sikrer, at fristerne ikke glipper.</p>",
                            ),
                            ("heading", "Sådan skriver du et godt fristbrev"),
                            (
                                "text",
                                "<p>Et fristbrev eller en tilbagemelding skal være kort og konkret. Det skal fortælle:</p>"
                                "<ul><li>at vi har modtaget henvendelsen, og hvad den handler om</li><li>hvorfor vi ikke kan svare nu, fx fordi vi skal indhente en udtalelse</li><li>hvornår borgeren kan forvente svar</li><li>hvem der behandler sagen, og hvordan man kontakter os</li></ul>"
                                "<p>Hold det tidspunkt, du lover. Kan det ikke holdes, så send et nyt brev i god tid. Borgere bliver sjældent vrede over, at en sag tager tid, men ofte over, at de ikke hører noget.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Fristen, der blev glemt",
                                    "scenario": "<p>En borger har skrevet om en stor mængde efterladte cykler i sin gård. Sagen blev ikke registreret i KOMLIS, og efter tre uger skriver borgeren igen og spørger, om nogen har læst hans mail.</p>",
                                    "reflection": "Hvad gik galt, og hvad gør du nu?",
                                    "discussion": "<p>Fristen på 10 arbejdsdage er overskredet, fordi henvendelsen ikke blev registreret. Beklag, svar så hurtigt som muligt eller send en tilbagemelding med en realistisk svardato, og registrer sagen i KOMLIS. Vejled også om, at det er ejeren af et privat område, der skal rydde op.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-6",
                                    "note": "Frister registreres og følges i KOMLIS.",
                                },
                            ),
                            (
                                "citation",
                                {"provision": "OFL-36", "note": "Fristbrev ved aktindsigt."},
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Erstatter registreringen i KOMLIS journaliseringen i eDoc?",
                                    "answer": "<p>Nej. KOMLIS bruges til at følge frister. Henvendelsen og svaret skal stadig journaliseres i eDoc.</p>",
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "tavshedspligt-og-databeskyttelse",
                "title": "Modul 5 – Tavshedspligt og databeskyttelse",
                "intro": "<p>Vi behandler mange oplysninger om borgere, virksomheder og kolleger. Modulet handler om tavshedspligt, databeskyttelsesforordningens principper, behandlingsgrundlag og CPR-numre, de registreredes rettigheder og sikkerhedsbrud.</p>",
                "lessons": [
                    {
                        "slug": "tavshedspligt",
                        "code": "JKG-5.1",
                        "title": "Tavshedspligt",
                        "summary": "Fortrolige oplysninger, du får gennem dit arbejde, må du ikke videregive uden lovlig grund.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Som ansat i kommunen har du <strong>tavshedspligt</strong> om fortrolige oplysninger, du får gennem dit arbejde (forvaltningsloven § 27). Oplysninger er fortrolige, når de er det efter lov, eller når det er nødvendigt at holde dem hemmelige for at beskytte vigtige offentlige eller private interesser. Det kan fx være oplysninger om en persons helbred, økonomi eller familieforhold, eller om en virksomheds forretningsforhold.</p>"
                                "<p>Tavshedspligten beskytter mod, at fortrolige oplysninger videregives til uvedkommende. Uvedkommende er alle, der ikke har et arbejdsmæssigt behov for oplysningen: også kolleger, der ikke arbejder med sagen, og din familie og dine venner. Den gælder også, når du har skiftet job.</p>"
                                "<p>Tavshedspligten er <strong>ikke absolut</strong>. Oplysninger kan, og nogle gange skal, deles med andre myndigheder, når loven giver mulighed for det. Den begrænser heller ikke partens adgang til sin egen sag. Hvis du er i tvivl, om du må give en oplysning videre, så spørg din leder eller en jurist, før du gør det.</p>"
                                "<p>Brud på tavshedspligten kan få alvorlige følger: ansættelsesretlige konsekvenser, straf efter straffeloven § 152 og erstatningsansvar for kommunen.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Snak i frokoststuen",
                                    "scenario": "<p>Ved en byggesag får du oplyst, at bygherren søger om elevator, fordi hun har en alvorlig sygdom. Til en fest fortæller du en bekendt, der bor i samme opgang, hvorfor der kommer elevator.</p>",
                                    "reflection": "Har du brudt tavshedspligten?",
                                    "discussion": "<p>Ja. Oplysninger om helbred er fortrolige. Din bekendte havde ingen grund til at få dem, og det er ikke en undskyldning, at det var privat.</p>",
                                },
                            ),
                            ("citation", {"provision": "FVL-27", "note": ""}),
                            (
                                "citation",
                                {
                                    "provision": "STRFL-152",
                                    "note": "Straffelovens regler om brud på tavshedspligt.",
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Er tavshedspligten absolut?",
                                    "answer": "<p>Nej. Oplysninger kan og skal nogle gange deles med andre myndigheder, når loven giver mulighed for det. Men uden lovlig grund må du ikke videregive fortrolige oplysninger.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "gdpr-principperne",
                        "code": "JKG-5.2",
                        "title": "GDPR-principperne",
                        "summary": "Databeskyttelsesforordningens principper: kun det nødvendige, kun så længe det er nødvendigt, og altid sikkert.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Databeskyttelsesforordningen (GDPR) gælder, når vi behandler <strong>personoplysninger</strong>, altså enhver oplysning om en person, der kan identificeres. Det er fx navn, adresse, mailadresse, CPR-nummer og billeder fra et tilsyn, hvor personer kan genkendes. Den danske databeskyttelseslov supplerer forordningen.</p>"
                                "<p>Artikel 5 indeholder de principper, al behandling skal leve op til:</p>"
                                "<ul><li><strong>Lovlighed, rimelighed og gennemsigtighed</strong>: Der skal være et lovligt grundlag, og personen skal kunne vide, hvad vi gør.</li><li><strong>Formålsbegrænsning</strong>: Oplysninger indsamlet til én sag må ikke bare bruges til noget helt andet.</li><li><strong>Dataminimering</strong>: Indsaml kun det, der er nødvendigt.</li><li><strong>Rigtighed</strong>: Oplysningerne skal være korrekte.</li><li><strong>Opbevaringsbegrænsning</strong>: Gem ikke oplysninger længere end nødvendigt.</li><li><strong>Integritet og fortrolighed</strong>: Oplysningerne skal beskyttes.</li></ul>"
                                "<p>Endelig skal kommunen som dataansvarlig kunne <strong>vise</strong>, at principperne overholdes. Det kaldes ansvarlighed.</p>"
                                "<p>I det daglige betyder det fx, at du ikke beder om CPR-nummer, når et CVR-nummer er nok, at du ikke gemmer kopier af sagsdokumenter på dit skrivebord eller i din mail, og at billeder fra et tilsyn ikke viser forbipasserende, hvis det kan undgås.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Regnearket med restauratørerne",
                                    "scenario": "<p>En kollega har lavet et regneark med navne, telefonnumre og private adresser på alle restauratører med udeservering. Det ligger på et fælles drev, og nu vil en anden afdeling bruge det til at invitere til et arrangement.</p>",
                                    "reflection": "Hvilke principper skal I overveje?",
                                    "discussion": "<p>Formålsbegrænsning: Oplysningerne er indsamlet til sagsbehandling, ikke til invitationer. Dataminimering: Private adresser er næppe nødvendige. Opbevaring og sikkerhed: Regnearket bør slettes, når det ikke længere bruges, og ikke ligge frit tilgængeligt.</p>",
                                },
                            ),
                            ("citation", {"provision": "GDPR-5", "note": ""}),
                            (
                                "key_points",
                                {
                                    "title": "Det vigtigste",
                                    "points": [
                                        "Kun de oplysninger, der er nødvendige.",
                                        "Kun til det formål, de er indsamlet til.",
                                        "Kun så længe de er nødvendige, og altid sikkert.",
                                    ],
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvad betyder dataminimering?",
                                    "answer": "<p>At man kun indsamler og gemmer de personoplysninger, der er nødvendige for formålet (artikel 5, stk. 1, litra c).</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "behandlingsgrundlag-og-cpr",
                        "code": "JKG-5.3",
                        "title": "Behandlingsgrundlag, følsomme oplysninger og CPR",
                        "summary": "Kommunen skal have et behandlingsgrundlag, være særlig forsigtig med følsomme oplysninger og kun bruge CPR-numre, når det er nødvendigt.",
                        "reading_minutes": 6,
                        "body": [
                            (
                                "text",
                                "<p>Al behandling af personoplysninger kræver et <strong>behandlingsgrundlag</strong> efter artikel 6. Når TMF behandler oplysninger for at afgøre en ansøgning om udeservering eller en byggetilladelse, er grundlaget typisk artikel 6, stk. 1, litra e: Behandlingen er nødvendig for at udføre en opgave som myndighed. Grundlaget skal have støtte i dansk lovgivning, fx vejloven eller byggeloven. Samtykke bruges sjældent i myndighedsopgaver, og offentlige myndigheder kan ikke bruge »legitim interesse« i litra f i deres opgaver.</p>"
                                "<p><strong>Følsomme oplysninger</strong> som helbred, etnisk oprindelse eller fagforeningsmedlemskab må efter artikel 9 kun behandles, hvis en undtagelse gælder. I TMF dukker de sjældent op, men det sker, fx når en ansøger om en handicapparkeringsplads eller en elevator oplyser om sygdom. Vær ekstra forsigtig, og lad være med at gentage oplysningerne unødigt.</p>"
                                "<p><strong>CPR-numre</strong> må offentlige myndigheder behandle for at identificere en person entydigt eller som journalnummer (databeskyttelsesloven § 11, stk. 1). Men dataminimering gælder stadig. Søger en virksomhed om udeservering, bruger vi CVR- og P-nummer, ikke ejerens CPR-nummer. I byggesager bruger vi kun CPR-nummer, når det er nødvendigt for at identificere en privat bygherre, og kun i de felter, der er beregnet til det, aldrig i en mailtekst eller en dokumenttitel.</p>"
                                "<p>Er du i tvivl om behandlingsgrundlaget i en ny type sag, så spørg en jurist eller kommunens databeskyttelsesrådgiver, før du begynder at indsamle oplysningerne.</p>",
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-2",
                                    "note": "CVR- og P-nummer frem for CPR-nummer.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-2",
                                    "note": "CPR-nummer kun når det er nødvendigt.",
                                },
                            ),
                            ("citation", {"provision": "GDPR-6", "note": ""}),
                            ("citation", {"provision": "GDPR-9", "note": ""}),
                            ("citation", {"provision": "DBL-11-1", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Må TMF registrere en borgers CPR-nummer på en sag?",
                                    "answer": "<p>Ja, for at identificere personen entydigt eller som journalnummer (DBL § 11, stk. 1), men kun hvis det er nødvendigt. Er et CVR-nummer nok, skal det bruges.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "de-registreredes-rettigheder",
                        "code": "JKG-5.4",
                        "title": "De registreredes rettigheder",
                        "summary": "Borgere har ret til at vide, hvad vi behandler om dem, og til at få indsigt inden for en måned.",
                        "reading_minutes": 5,
                        "body": [
                            (
                                "text",
                                "<p>Databeskyttelsesforordningen giver de personer, vi behandler oplysninger om, en række rettigheder. De vigtigste i det daglige er:</p>"
                                "<ul><li><strong>Retten til information</strong> (artikel 13): Når vi indsamler oplysninger, skal personen have at vide, hvem vi er, hvad oplysningerne bruges til, på hvilket grundlag og hvor længe vi gemmer dem. I praksis sker det via kommunens privatlivspolitik og standardtekster i kvitteringer.</li><li><strong>Indsigtsretten</strong> (artikel 15): Personen kan få at vide, hvilke oplysninger vi har om vedkommende, og få en kopi.</li><li><strong>Retten til sletning</strong> (artikel 17): Personen kan i nogle tilfælde kræve oplysninger slettet. Men når kommunen har pligt til at opbevare sagen, fx efter arkivreglerne, kan vi normalt ikke slette.</li></ul>"
                                "<p><strong>Fristen</strong> er den samme for alle anmodninger: Svar uden unødig forsinkelse og senest inden <strong>en måned</strong> (artikel 12). Er anmodningen kompliceret, kan fristen forlænges med to måneder, men personen skal have besked om forlængelsen inden for den første måned.</p>"
                                "<p>Indsigtsret efter GDPR er ikke det samme som aktindsigt. Indsigtsretten handler kun om oplysninger om personen selv, og fristen er en måned. Aktindsigt handler om dokumenter, og fristen er 7 arbejdsdage. En borger, der skriver »hvad har I om mig?«, beder som regel om indsigt efter GDPR. Tal med kommunens databeskyttelsesrådgiver, hvis du er i tvivl.</p>"
                                "<p>Registrer anmodningen med det samme, så fristen kan følges, og bekræft over for personen, at vi har modtaget den.</p>",
                            ),
                            ("citation", {"provision": "GDPR-12", "note": "Frister for svar."}),
                            ("citation", {"provision": "GDPR-13", "note": ""}),
                            ("citation", {"provision": "GDPR-15", "note": ""}),
                            ("citation", {"provision": "GDPR-17", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "En borger spørger, hvilke oplysninger TMF har om ham. Hvad er fristen?",
                                    "answer": "<p>Uden unødig forsinkelse og senest inden en måned. Fristen kan forlænges med to måneder, hvis borgeren får besked inden for den første måned (artikel 12 og 15).</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "sikkerhedsbrud-og-fortegnelse",
                        "code": "JKG-5.5",
                        "title": "Sikkerhedsbrud, fortegnelse og sikkerhed",
                        "summary": "Et sikkerhedsbrud skal meldes internt med det samme, så kommunen kan anmelde det inden 72 timer.",
                        "reading_minutes": 6,
                        "body": [
                            (
                                "text",
                                "<p>Et <strong>brud på persondatasikkerheden</strong> er, når personoplysninger ved et uheld eller ulovligt bliver ødelagt, mistet, ændret eller kommer til uvedkommendes kendskab. Det mest almindelige eksempel er en mail med personoplysninger sendt til den forkerte modtager. En mistet computer eller en fejl i adgangen til et system er også brud.</p>"
                                "<p>Kommunen skal anmelde bruddet til Datatilsynet uden unødig forsinkelse og om muligt inden <strong>72 timer</strong> efter, at vi er blevet opmærksomme på det, medmindre det er usandsynligt, at bruddet indebærer en risiko for personerne (artikel 33). Er risikoen høj, skal personerne også have besked (artikel 34). Alle brud skal dokumenteres, også dem, der ikke anmeldes.</p>"
                                "<p>Uret begynder at løbe, når kommunen bliver opmærksom på bruddet, og det er ofte dig. Derfor skal du <strong>melde det internt med det samme</strong> efter kommunens procedure, også selv om det er pinligt, og også uden for normal arbejdstid.</p>"
                                "<p>Forebyggelse handler om sikkerhed (artikel 32): adgangsstyring, kryptering, sikker mail, og at du kun har adgang til det, du skal bruge. Kommunen skal også have en <strong>fortegnelse</strong> over sine behandlinger (artikel 30). TMF's projekt GDPR Legal Compliance arbejder med at holde fortegnelsen opdateret for forvaltningens systemer.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "text": "<p>Har du sendt personoplysninger til den forkerte? Meld det internt med det samme. Lad være med at vente til i morgen.</p>",
                                },
                            ),
                            ("citation", {"provision": "GDPR-33", "note": ""}),
                            ("citation", {"provision": "GDPR-34", "note": ""}),
                            ("citation", {"provision": "GDPR-32", "note": ""}),
                            ("citation", {"provision": "GDPR-30", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Du har mailet en liste med ansøgeres oplysninger til en forkert ekstern modtager. Hvornår skal du sige det?",
                                    "answer": "<p>Med det samme. Kommunen skal anmelde bruddet til Datatilsynet uden unødig forsinkelse og om muligt inden 72 timer, og uret løber fra det tidspunkt, hvor bruddet opdages.</p>",
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "onboarding-nye-medarbejdere",
        "title": "Obligatorisk onboarding for nye medarbejdere",
        "family": "onboarding",
        "duration_minutes": 45,
        "intro": "<p>Velkommen til Teknik- og Miljøforvaltningen. Kurset er obligatorisk for alle nye medarbejdere og giver dig det grundlæggende om kommunen, myndighedsrollen, frister, tavshedspligt og klart sprog. Det tager cirka 45 minutter.</p>",
        "modules": [
            {
                "slug": "din-start-i-tmf",
                "title": "Din start i TMF",
                "intro": "<p>Fem korte lektioner om det, alle i TMF skal vide fra første dag.</p>",
                "lessons": [
                    {
                        "slug": "velkommen-til-kk-og-tmf",
                        "code": "OB-1",
                        "title": "Velkommen til Københavns Kommune og TMF",
                        "summary": "Sådan er kommunen styret, og sådan er TMF organiseret.",
                        "reading_minutes": 7,
                        "body": [
                            (
                                "text",
                                "<p>Københavns Kommune er en af Danmarks største arbejdspladser med mere end 45.000 ansatte. Kommunen har en særlig styreform. Øverst står <strong>Borgerrepræsentationen</strong> med 55 medlemmer, der vælges for fire år ad gangen. Overborgmesteren er formand for Borgerrepræsentationen og Økonomiudvalget.</p>"
                                "<p>Under Borgerrepræsentationen er der Økonomiudvalget og seks stående udvalg. Formanden for hvert udvalg er borgmester og leder af en forvaltning. Kommunen har i alt syv forvaltninger. Borgerrepræsentationen har delegeret de fleste beslutninger til udvalgene og forvaltningerne, så det er ofte medarbejderne, der træffer afgørelserne på kommunens vegne.</p>",
                            ),
                            ("heading", "Teknik- og Miljøforvaltningen"),
                            (
                                "text",
                                "<p>TMF ledes politisk af Teknik- og Miljøborgmesteren og Teknik- og Miljøudvalget. Forvaltningen har cirka 2.100 medarbejdere fordelt på fire serviceområder samt en stab og et sekretariat:</p>"
                                "<ul><li><strong>Byens Anvendelse</strong>: myndighedsopgaver, når borgere og virksomheder vil bruge eller bygge i byen, fx udeservering, arrangementer og byggesager.</li><li><strong>Byens Drift</strong>: renhold, grønne områder, snerydning og oprydning af cykler.</li><li><strong>Byens Fysik</strong>: anlæg af parker, pladser og cykelstier.</li><li><strong>Byens Udvikling</strong>: planer for byen, fx kommuneplan, lokalplaner og klima.</li></ul>"
                                "<p>Find ud af, hvilket serviceområde og center din enhed hører til, og hvem der er din nærmeste leder. Det gør det lettere at sende henvendelser det rigtige sted hen. Mange sager går på tværs. Cykelparkering berører fx alle fire serviceområder, så samarbejde er en stor del af hverdagen.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "note",
                                    "text": "<p><strong>Borgerrådgiveren</strong> er kommunens uafhængige klage- og tilsynsinstans. Borgere kan klage dertil over sagsbehandling og optræden, og du kan selv ringe til Borgerrådgiverens linje for medarbejdere og få råd.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "FVL-1",
                                    "note": "Forvaltningsloven gælder for alle dele af kommunen.",
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvem er Københavns Kommunes øverste politiske myndighed?",
                                    "answer": "<p>Borgerrepræsentationen.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "myndighedsrollen-paa-20-minutter",
                        "code": "OB-2",
                        "title": "Myndighedsrollen på 20 minutter",
                        "summary": "De vigtigste regler, når du træffer eller forbereder afgørelser.",
                        "reading_minutes": 10,
                        "body": [
                            (
                                "text",
                                "<p>Som ansat i TMF er du en del af en myndighed. Her er de vigtigste regler i kort form. Du kan læse mere i kurset Jura – Kort og Godt.</p>"
                                "<ul><li><strong>Afgørelse.</strong> Spørg altid først: Er det en afgørelse? En tilladelse eller et afslag på udeservering eller byggeri er en afgørelse. Gadefejning er ikke.</li><li><strong>Hjemmel.</strong> Vi må kun gribe ind over for borgerne, når loven giver os ret til det.</li><li><strong>Vejledning.</strong> Hjælp dem, der henvender sig, så de ikke mister rettigheder. Send skriftlige henvendelser videre, hvis de hører til andre.</li><li><strong>Inhabilitet.</strong> Har du en personlig interesse i en sag, må du ikke arbejde med den. Sig det snarest til din leder.</li><li><strong>Partshøring.</strong> Før et afslag skal ansøgeren kunne kommentere væsentlige oplysninger, der taler imod, og som ansøgeren ikke kender.</li><li><strong>Begrundelse.</strong> Forklar regler, hovedhensyn og de faktiske forhold, når ansøgeren ikke får fuldt medhold.</li><li><strong>Klagevejledning.</strong> Fortæl, hvor, hvordan og hvornår man kan klage.</li></ul>"
                                "<p>Er du i tvivl, så spørg din leder eller en jurist, før afgørelsen sendes. Det er altid lettere at rette en fejl før end efter.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Din første uge",
                                    "scenario": "<p>Din teamleder giver dig en bunke byggesager. I den tredje sag kan du se, at ansøgeren er din nabo, som du ofte hjælper med haven.</p>",
                                    "reflection": "Hvad gør du?",
                                    "discussion": "<p>Fortæl det snarest til din teamleder. Det er myndigheden, ikke dig, der afgør, om du er inhabil, og du skal lade sagen ligge, til det er afklaret.</p>",
                                },
                            ),
                            ("citation", {"provision": "FVL-2", "note": ""}),
                            ("citation", {"provision": "FVL-6", "note": ""}),
                            ("citation", {"provision": "FVL-19-1", "note": ""}),
                            ("citation", {"provision": "FVL-25", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Din nabos ansøgning lander på dit bord. Hvad gør du?",
                                    "answer": "<p>Sig det til din leder med det samme (FVL § 6), og arbejd ikke med sagen, før lederen har taget stilling.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "svar-frister-og-dokumentation",
                        "code": "OB-3",
                        "title": "Svar, frister og dokumentation",
                        "summary": "Tilbagemelding inden 10 arbejdsdage, aktindsigt inden 7 arbejdsdage, og alt vigtigt skal i eDoc.",
                        "reading_minutes": 8,
                        "body": [
                            (
                                "text",
                                "<p>Borgere, der skriver til kommunen, skal have svar i tide. Det er også et af de emner, Borgerrådgiveren oftest får klager over. Husk disse frister:</p>"
                                "<ul><li><strong>Tilbagemeldingsgarantien:</strong> Kan en skriftlig henvendelse, også en mail, ikke besvares inden 10 arbejdsdage, skal borgeren have en skriftlig tilbagemelding inden 10 arbejdsdage. Den skal sige, hvornår svaret kommer, nævne eventuelle lovbestemte frister og så vidt muligt dit eller teamets navn.</li><li><strong>Aktindsigt:</strong> skal afgøres snarest og som udgangspunkt inden 7 arbejdsdage. Kan det ikke nås, skal anmoderen have et fristbrev.</li></ul>"
                                "<p>Fristerne følges i <strong>KOMLIS</strong>, så du og din leder kan se, hvad der nærmer sig fristen.</p>"
                                "<p><strong>Dokumentation.</strong> Dokumenter, der har betydning for en sag, skal journaliseres i <strong>eDoc</strong>, modtagne og afsendte snarest muligt. Får du vigtige oplysninger mundtligt, fx i telefonen eller ved et møde, skal du skrive et kort notat og journalisere det. Mails med betydning for en sag må ikke blive liggende i din indbakke.</p>"
                                "<p>Dokumentation er ikke kun for kontrollens skyld. Når alt står i sagen, kan en kollega tage over, hvis du er syg, og borgeren får samme svar, uanset hvem der tager telefonen. Får en borger eller journalist aktindsigt, er det også sagen i eDoc, der viser, hvad kommunen har gjort.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "remember",
                                    "text": "<p>Borgere bliver sjældent vrede over, at en sag tager tid. De bliver vrede over ikke at høre noget.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-6",
                                    "note": "Tilbagemeldingsgaranti, journalisering og KOMLIS i praksis.",
                                },
                            ),
                            ("citation", {"provision": "OFL-36", "note": ""}),
                            ("citation", {"provision": "OFL-13", "note": ""}),
                            ("citation", {"provision": "OFL-15", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Det tager 3 uger at besvare en borgers mail. Hvad gør du?",
                                    "answer": "<p>Send en skriftlig tilbagemelding inden 10 arbejdsdage med forventet svartid og dit eller teamets navn, og journaliser mailen.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "tavshedspligt-gdpr-og-informationssikkerhed",
                        "code": "OB-4",
                        "title": "Tavshedspligt, GDPR og informationssikkerhed",
                        "summary": "Pas på oplysningerne, brug kun det nødvendige, og meld brud med det samme.",
                        "reading_minutes": 8,
                        "body": [
                            (
                                "text",
                                "<p>Du får adgang til mange oplysninger om borgere, virksomheder og kolleger. Her er reglerne, du skal kende fra dag ét.</p>"
                                "<p><strong>Tavshedspligt.</strong> Fortrolige oplysninger, du får gennem arbejdet, må du ikke fortælle videre, heller ikke til familie og venner. Det kan fx være oplysninger om en borgers helbred eller en virksomheds økonomi. Tavshedspligten gælder også efter, at du er stoppet. Brud kan føre til ansættelsesretlige konsekvenser og straf.</p>"
                                "<p><strong>GDPR.</strong> Behandl kun de personoplysninger, der er nødvendige, og kun til det formål, de er indsamlet til. Gem dem ikke længere end nødvendigt, og opbevar dem sikkert, dvs. i eDoc og fagsystemerne, ikke på skrivebordet, i din mail eller på en USB-nøgle.</p>"
                                "<p><strong>CPR-numre</strong> må kommunen bruge til at identificere en person entydigt, men kun når det er nødvendigt. Søger en virksomhed, bruger du CVR-nummeret. Skriv aldrig CPR-numre i emnefelter eller dokumenttitler.</p>"
                                "<p><strong>Sikkerhedsbrud.</strong> Sender du personoplysninger til den forkerte, eller mister du en computer, så meld det internt <strong>med det samme</strong>. Kommunen skal som udgangspunkt anmelde bruddet til Datatilsynet inden 72 timer, og uret løber fra det øjeblik, bruddet opdages.</p>"
                                "<p>Har du spørgsmål om databeskyttelse, så spørg først din leder. Du kan også kontakte kommunens databeskyttelsesrådgiver (DPO), der rådgiver hele kommunen. Borgere, der vil klage over kommunens behandling af deres oplysninger, kan klage til Datatilsynet.</p>",
                            ),
                            (
                                "callout",
                                {
                                    "kind": "warning",
                                    "text": "<p>Vær opmærksom på mails, der beder dig om at logge ind eller åbne vedhæftede filer. Er du i tvivl, så kontakt IT-support.</p>",
                                },
                            ),
                            ("citation", {"provision": "FVL-27", "note": ""}),
                            ("citation", {"provision": "GDPR-5", "note": ""}),
                            ("citation", {"provision": "DBL-11-1", "note": ""}),
                            ("citation", {"provision": "GDPR-33", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Du har sendt personoplysninger til den forkerte. Hvornår skal du sige det?",
                                    "answer": "<p>Med det samme, så kommunen kan nå at anmelde bruddet inden for 72 timer.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "klart-sprog-og-digitale-kanaler",
                        "code": "OB-5",
                        "title": "Klart sprog og digitale kanaler",
                        "summary": "Skriv, så modtageren forstår dig første gang, og hjælp borgerne til den rette kanal.",
                        "reading_minutes": 7,
                        "body": [
                            (
                                "text",
                                "<p>Klart sprog er en del af god forvaltningsskik. Et brev, som modtageren forstår første gang, giver færre opkald, færre klager og mere tillid. Kommunen har testet breve med borgere, og erfaringen er klar: Korte sætninger og svaret først virker.</p>"
                                "<p>Gode råd:</p>"
                                "<ul><li>Start med det vigtigste, fx om svaret er ja eller nej.</li><li>Skriv »du« og »vi« og brug almindelige ord.</li><li>Forklar fagord og lovhenvisninger med dine egne ord.</li><li>Skriv, hvad modtageren skal gøre, og hvornår.</li></ul>"
                                "<p><strong>Digital Post.</strong> Breve til borgere og virksomheder sendes som hovedregel med Digital Post. Emnelinjen skal fortælle, hvad brevet handler om, fx »Svar på din ansøgning om udeservering«. Borgerrepræsentationen har bedt om, at emnelinjer ikke bare siger »Brev fra Københavns Kommune«.</p>"
                                "<p><strong>Service- og kanalstrategien</strong> betyder, at vi hjælper borgerne til den kanal, der passer bedst, og det er ofte digital selvbetjening. Men ikke alle kan bruge digitale løsninger. Borgere, der har brug for hjælp, skal have den, fx i telefonen eller ved et møde. Det er også en del af vejledningspligten.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Den ældre ansøger",
                                    "scenario": "<p>En 84-årig kvinde ringer, fordi hun vil søge om en handicapparkeringsplads foran sin opgang, men hun har ikke MitID og kan ikke bruge selvbetjeningen.</p>",
                                    "reflection": "Hvad gør du?",
                                    "discussion": "<p>Hjælp hende videre, fx ved at forklare, hvad der skal stå i en ansøgning, og hvordan den kan sendes på papir eller med hjælp fra en pårørende. Digital først betyder ikke digital kun.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "FVL-7-1",
                                    "note": "Vejledning og hjælp til dem, der ikke kan bruge de digitale kanaler.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "FVL-22",
                                    "note": "Et klart brev gør begrundelsen til at forstå.",
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Hvad skal emnelinjen i et Digital Post-brev fortælle?",
                                    "answer": "<p>Hvad brevet handler om, fx »Svar på din ansøgning om udeservering«, og ikke bare »Brev fra Københavns Kommune«.</p>",
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "slug": "jurakursus-nye-ledere",
        "title": "Obligatorisk jurakursus for nye ledere",
        "family": "leder",
        "duration_minutes": 60,
        "intro": "<p>Kurset er obligatorisk for nye ledere i TMF, både nyansatte og medarbejdere, der er blevet ledere. Det handler om dit ansvar for lovlig forvaltning, inhabilitet, kvalitet og frister, personoplysninger, personalesager og åbenhed.</p>",
        "modules": [
            {
                "slug": "ledelse-og-lovlig-forvaltning",
                "title": "Modul 1 – Ledelse og lovlig forvaltning",
                "intro": "<p>Som leder har du ansvaret for, at din enhed træffer lovlige afgørelser og overholder frister. Modulet handler om delegation, inhabilitet og kvalitetsstyring.</p>",
                "lessons": [
                    {
                        "slug": "lederens-ansvar-for-lovlig-forvaltning",
                        "code": "LE-1",
                        "title": "Lederens ansvar for lovlig forvaltning",
                        "summary": "Du har ansvaret for, at din enhed arbejder inden for de rammer, politikerne og loven har sat.",
                        "reading_minutes": 10,
                        "body": [
                            (
                                "text",
                                "<p>Borgerrepræsentationen har delegeret de fleste beslutninger til udvalgene, og Teknik- og Miljøudvalget har delegeret en stor del af sagsbehandlingen til forvaltningen. Det betyder, at medarbejderne i din enhed træffer afgørelser på kommunens vegne. Som leder har du ansvaret for, at det sker inden for de rammer, delegationen og loven sætter.</p>"
                                "<p>Dit ansvar omfatter blandt andet:</p>"
                                "<ul><li>at medarbejderne kender reglerne og har adgang til juridisk sparring</li><li>at sager fordeles, så ingen behandler sager, de er inhabile i</li><li>at partshøring, begrundelse og klagevejledning bliver gjort rigtigt</li><li>at frister overholdes, og at borgere får svar</li><li>at administrationsgrundlagene er opdaterede og bliver fulgt uden at binde skønnet</li></ul>",
                            ),
                            ("heading", "Administrationsgrundlag har en ejer"),
                            (
                                "text",
                                "<p>Hvert administrationsgrundlag har en ansvarlig enhed, og lederen af enheden skal sørge for, at det er opdateret og afspejler gældende regler og politiske beslutninger. Politisk betydningsfulde grundlag godkendes af udvalget. Administrationsgrundlaget for udeservering blev fx godkendt af Teknik- og Miljøudvalget efter en offentlig høring på 12 uger. Så må forvaltningen ikke ændre på de politisk fastsatte rammer uden om udvalget.</p>"
                                "<p>Nogle grundlag går på tværs. Cykelparkering berører alle fire serviceområder, og ændringer skal derfor aftales mellem dem, selv om én enhed ejer dokumentet.</p>",
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-UDE-1",
                                    "note": "Politisk godkendt administrationsgrundlag.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-CYK-1",
                                    "note": "Ejerskab og ansvarsfordeling på tværs af serviceområder.",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "VEJL-80",
                                    "note": "Hjemlen, som administrationsgrundlaget for udeservering bygger på.",
                                },
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "En medarbejder foreslår at ændre gangbanekravet i administrationsgrundlaget for udeservering. Hvad skal du overveje?",
                                    "answer": "<p>Om ændringen ligger inden for de rammer, udvalget har godkendt. Rammerne er politisk fastsat, så en ændring af dem kræver normalt, at sagen forelægges Teknik- og Miljøudvalget.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "inhabilitet-i-ledelsen",
                        "code": "LE-2",
                        "title": "Inhabilitet i ledelsen",
                        "summary": "Som leder afgør du medarbejdernes inhabilitetsspørgsmål og skal selv være opmærksom på din egen habilitet.",
                        "reading_minutes": 10,
                        "body": [
                            (
                                "text",
                                "<p>Når en medarbejder fortæller, at hun måske er inhabil, er det <strong>dig som leder</strong>, der på myndighedens vegne afgør spørgsmålet. Medarbejderen må ikke selv deltage i vurderingen.</p>"
                                "<p>Vurder konkret, om medarbejderen har en særlig interesse, eller om der er forhold, der kan rejse tvivl om upartiskheden. Er interessen så lille eller fjern, at der ikke er reel fare for, at den påvirker sagen, er der ikke inhabilitet. Men vær hellere for forsigtig end for lidt. Ombudsmanden har udtalt, at en beslutning om habilitet bør begrundes, så det kan ses, hvorfor man kom frem til resultatet. Skriv derfor et kort notat og journaliser det.</p>",
                            ),
                            ("heading", "Gaver og afledt inhabilitet"),
                            (
                                "text",
                                "<p><strong>Gaver.</strong> Medarbejdere må ikke tage imod gaver eller fordele, der kan påvirke eller se ud til at påvirke deres arbejde. En flaske vin fra en restauratør, der har en sag om udeservering, skal takkes nej til. Som leder skal du gøre reglerne kendt og selv gå forrest.</p>"
                                "<p><strong>Afledt inhabilitet.</strong> Er en overordnet leder inhabil, kan det smitte af på de underordnede, der skal behandle sagen, fordi de kan føle sig bundet af lederens interesse. Ombudsmanden har fastslået det i en sag fra 2004. Er du selv inhabil, skal sagen derfor ofte flyttes til en anden enhed eller afgøres på et højere niveau.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Chefens svoger",
                                    "scenario": "<p>Centerchefens svoger søger om en stor byggetilladelse. Sagen ligger i et team under centerchefen.</p>",
                                    "reflection": "Kan teamet behandle sagen som normalt?",
                                    "discussion": "<p>Centerchefen er inhabil. Da teamet er underordnet chefen, kan der være afledt inhabilitet. Sagen bør behandles uden chefens deltagelse og afgøres af en leder, der ikke er underordnet chefen, fx på direktørniveau.</p>",
                                },
                            ),
                            (
                                "citation",
                                {"provision": "FVL-6", "note": "Lederen afgør spørgsmålet."},
                            ),
                            ("citation", {"provision": "FVL-3-1", "note": ""}),
                            ("citation", {"provision": "FVL-3-2", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "En medarbejder fortæller, at han kender en ansøger fra sin fodboldklub. Hvem afgør, om han er inhabil, og hvad skal du gøre?",
                                    "answer": "<p>Du afgør det som leder på myndighedens vegne. Vurder konkret, hvor tæt forholdet er, og skriv et kort begrundet notat om beslutningen.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "kvalitet-frister-og-kontrol",
                        "code": "LE-3",
                        "title": "Kvalitet, frister og kontrol",
                        "summary": "Du skal kende enhedens sagsbehandlingstider og bruge kritik fra tilsynsinstanserne til at forbedre kvaliteten.",
                        "reading_minutes": 10,
                        "body": [
                            (
                                "text",
                                "<p>Sagsbehandlingstid og manglende svar har historisk været det emne, borgerne oftest klager over i TMF. Som leder skal du kende din enheds tal og gribe ind, før fristerne skrider.</p>"
                                "<ul><li><strong>Måltal og servicemål.</strong> Byggesager måles fx mod de landsdækkende servicemål på 40-60 dage. Følg udviklingen og fortæl borgerne, hvis behandlingstiden er længere.</li><li><strong>Frister.</strong> Brug KOMLIS til at se, hvilke henvendelser der nærmer sig 10 arbejdsdage efter tilbagemeldingsgarantien, og hvilke aktindsigtssager der nærmer sig 7 arbejdsdage.</li><li><strong>Ensartethed.</strong> I MODUS/FOKUS måler vi blandt andet sagsbehandlingstid og om ens sager afgøres ens. Stikprøver på afgørelser, fx om partshøring, begrundelse og klagevejledning er i orden, giver et godt billede.</li></ul>",
                            ),
                            (
                                "text",
                                "<p><strong>Kontrol udefra.</strong> Borgerrådgiveren behandler klager og fører tilsyn, også på eget initiativ. I 2021 fandt Borgerrådgiveren, at 58 % af 840 sager helt eller delvis var berettigede. Ombudsmanden kan også tage sager op. Når kritikken kommer, er din opgave at sikre, at den bliver fulgt op: Ret fejlen i den konkrete sag, og vurder, om praksis skal ændres, fx i administrationsgrundlaget eller skabelonerne.</p>"
                                "<p>Tilsyn med udeservering er et eksempel, hvor kvaliteten afhænger af ensartet dokumentation. Sørg for, at tilsynsnotater skrives og journaliseres efter samme standard, så håndhævelsen bliver ens og kan holde ved en klage.</p>",
                            ),
                            (
                                "citation",
                                {
                                    "section": "AG-BYG-5",
                                    "note": "Servicemål og sagsbehandlingstid i byggesager.",
                                },
                            ),
                            (
                                "citation",
                                {"section": "AG-UDE-6", "note": "Ensartet tilsyn og håndhævelse."},
                            ),
                            (
                                "citation",
                                {"provision": "OFL-36", "note": "Fristen for aktindsigt."},
                            ),
                            (
                                "check_yourself",
                                {
                                    "question": "Borgerrådgiveren kritiserer, at en borger ikke fik tilbagemelding. Hvad er din opgave som leder?",
                                    "answer": "<p>At sikre, at borgeren får svar, og at vurdere, om arbejdsgangen skal ændres, så det ikke sker igen, fx med bedre registrering af frister i KOMLIS.</p>",
                                },
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "personale-data-og-aabenhed",
                "title": "Modul 2 – Personale, data og åbenhed",
                "intro": "<p>Som leder behandler du oplysninger om medarbejdere, træffer personaleadministrative afgørelser og skal sikre, at enheden lever op til reglerne om åbenhed.</p>",
                "lessons": [
                    {
                        "slug": "personoplysninger-som-leder",
                        "code": "LE-4",
                        "title": "Personoplysninger som leder",
                        "summary": "Kommunen er dataansvarlig, og du skal sikre, at oplysninger om borgere og medarbejdere behandles lovligt og sikkert.",
                        "reading_minutes": 10,
                        "body": [
                            (
                                "text",
                                "<p>Københavns Kommune er <strong>dataansvarlig</strong> for de personoplysninger, din enhed behandler. I praksis er det lederen, der skal sørge for, at reglerne bliver fulgt i hverdagen.</p>"
                                "<ul><li><strong>Inddrag databeskyttelsesrådgiveren (DPO)</strong>, når I tager nye systemer i brug eller ændrer måden, I behandler oplysninger på. DPO'en rådgiver, men det er kommunen, der har ansvaret.</li><li><strong>Fortegnelsen</strong> over behandlinger skal være opdateret. Fortæl det, når jeres behandlinger ændrer sig.</li><li><strong>Adgange.</strong> Medarbejdere må kun have adgang til de systemer og oplysninger, de har brug for. Fjern adgange, når nogen skifter job.</li><li><strong>Sikkerhedsbrud.</strong> Sørg for, at alle ved, at brud skal meldes med det samme, og at du selv sender dem videre uden forsinkelse. Kommunen har som udgangspunkt 72 timer til at anmelde til Datatilsynet.</li></ul>",
                            ),
                            ("heading", "Oplysninger om medarbejdere"),
                            (
                                "text",
                                "<p>Du behandler også oplysninger om dine medarbejdere, fx sygefravær, lønforhold og samtaler. De samme principper gælder: kun det nødvendige, kun til formålet og sikkert opbevaret. Medarbejderne skal have at vide, hvilke oplysninger der behandles om dem og hvorfor. Datatilsynet har kritiseret en myndighed for ikke at have informeret sine ansatte ordentligt om kontrolforanstaltninger. Indfører du fx logning eller kontrol, skal medarbejderne have besked på forhånd. Helbredsoplysninger er følsomme og skal behandles med ekstra omhu. Opbevar dem i personalesagen, ikke i mails eller i dine egne noter.</p>",
                            ),
                            (
                                "citation",
                                {
                                    "provision": "GDPR-13",
                                    "note": "Oplysningspligt over for medarbejderne.",
                                },
                            ),
                            ("citation", {"provision": "GDPR-30", "note": ""}),
                            ("citation", {"provision": "GDPR-33", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Du vil indføre et nyt system til planlægning af tilsyn, som gemmer medarbejdernes GPS-positioner. Hvad skal du gøre først?",
                                    "answer": "<p>Inddrag databeskyttelsesrådgiveren, sørg for at behandlingen kommer i fortegnelsen, og informer medarbejderne om, hvad der registreres og hvorfor, før systemet tages i brug.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "personaleadministrative-afgoerelser",
                        "code": "LE-5",
                        "title": "Personaleadministrative afgørelser",
                        "summary": "Forvaltningsloven gælder også, når du træffer afgørelser over for dine medarbejdere.",
                        "reading_minutes": 10,
                        "body": [
                            (
                                "text",
                                "<p>Når kommunen træffer afgørelser over for sine ansatte, gælder forvaltningsloven. Typiske eksempler er en <strong>advarsel</strong>, en <strong>afskedigelse</strong> eller et afslag på orlov. Det betyder, at de samme regler, du kender fra borgersager, også gælder her.</p>"
                                "<ul><li><strong>Vejledning.</strong> Medarbejderen skal have hjælp til at forstå sin situation, fx retten til at have en bisidder med.</li><li><strong>Partshøring.</strong> Før en advarsel eller afskedigelse skal medarbejderen have mulighed for at udtale sig om de oplysninger, der ligger til grund. Fristen er ofte fastsat i overenskomsten.</li><li><strong>Begrundelse.</strong> Afgørelsen skal begrundes med de regler og hensyn, der er lagt vægt på, og de konkrete forhold.</li><li><strong>Partsaktindsigt.</strong> Medarbejderen kan som part få indsigt i sin egen sag.</li></ul>"
                                "<p>Ved <strong>ansættelse</strong> gælder særlige regler for aktindsigt. En ansøger kan kun få partsaktindsigt i de oplysninger, der handler om ansøgeren selv, og offentlighedsloven giver ikke adgang til ansættelsessager. Andre ansøgeres navne og ansøgninger må altså ikke udleveres.</p>"
                                "<p>Inddrag altid HR, før du træffer en personaleadministrativ afgørelse. Reglerne i overenskomster og aftaler kommer oven i forvaltningsloven.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Advarslen",
                                    "scenario": "<p>En tilsynsmedarbejder har flere gange ikke mødt op til aftalte tilsyn. Du vil give en skriftlig advarsel og har allerede skrevet den.</p>",
                                    "reflection": "Kan du sende advarslen med det samme?",
                                    "discussion": "<p>Nej. En advarsel er en afgørelse. Medarbejderen skal først partshøres om de konkrete episoder og have en rimelig frist til at svare. Inddrag HR, og tilpas advarslen, hvis svaret giver anledning til det.</p>",
                                },
                            ),
                            (
                                "citation",
                                {
                                    "provision": "FVL-19-1",
                                    "note": "Partshøring gælder også i personalesager.",
                                },
                            ),
                            ("citation", {"provision": "FVL-22", "note": ""}),
                            (
                                "citation",
                                {
                                    "provision": "FVL-9",
                                    "note": "Begrænset partsaktindsigt for jobansøgere.",
                                },
                            ),
                            ("citation", {"provision": "OFL-21", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "En ansøger, der ikke fik et job, vil se de andre ansøgeres ansøgninger. Hvad svarer du?",
                                    "answer": "<p>Nej. En jobansøger kan kun få partsaktindsigt i oplysninger om sig selv, og ansættelsessager er undtaget fra aktindsigt efter offentlighedsloven.</p>",
                                },
                            ),
                        ],
                    },
                    {
                        "slug": "aabenhed-og-presse",
                        "code": "LE-6",
                        "title": "Åbenhed og presse",
                        "summary": "Aktindsigt skal behandles hurtigt, også i ferier, og åbenhed er udgangspunktet.",
                        "reading_minutes": 10,
                        "body": [
                            (
                                "text",
                                "<p>Journalister og borgere beder ofte om aktindsigt i TMF's sager, fx om udeservering, cykelstativer eller store byggerier. Som leder skal du sikre, at enheden kan håndtere det hurtigt og korrekt.</p>"
                                "<ul><li><strong>Frister.</strong> Aktindsigt skal afgøres snarest og som udgangspunkt inden 7 arbejdsdage. Kan det ikke nås, skal anmoderen have et fristbrev. Efter 14 arbejdsdage kan anmoderen klage over sagsbehandlingstiden.</li><li><strong>Klager.</strong> Fastholder I et afslag efter en klage, skal sagen som udgangspunkt sendes til klageinstansen inden 7 arbejdsdage.</li><li><strong>Bemanding i ferier.</strong> Ombudsmanden har kritiseret en myndighed for at sætte behandlingen af aktindsigt på pause under en sommerlukning. Fristen gælder også i ferien, så planlæg, hvem der tager over.</li></ul>"
                                "<p><strong>Meroffentlighed.</strong> Selv om et dokument kan undtages, skal I overveje, om der alligevel kan gives adgang. Det gælder, når ingen regel om tavshedspligt forhindrer det. Åbenhed skaber tillid, og et afslag, der ikke er nødvendigt, ender ofte med at gøre mere skade end gavn.</p>"
                                "<p><strong>Pressen.</strong> Aftal i enheden, hvem der svarer pressen, og sørg for, at svarene er faktuelle og ikke afslører fortrolige oplysninger om borgere eller virksomheder. Kontakt forvaltningens kommunikationsfolk ved større sager.</p>",
                            ),
                            (
                                "case",
                                {
                                    "title": "Anmodningen i juli",
                                    "scenario": "<p>Den 8. juli beder en journalist om aktindsigt i alle sager om inddragelse af tilladelser til udeservering i 2024. Sagsbehandleren er på ferie i tre uger.</p>",
                                    "reflection": "Hvad gør du?",
                                    "discussion": "<p>Sørg for, at en anden tager sagen. Er anmodningen stor, skal journalisten inden 7 arbejdsdage have et fristbrev med begrundelse og forventet svardato, og gerne delvis aktindsigt i det, der er klar.</p>",
                                },
                            ),
                            ("citation", {"provision": "OFL-7", "note": ""}),
                            ("citation", {"provision": "OFL-36", "note": ""}),
                            ("citation", {"provision": "OFL-37", "note": ""}),
                            (
                                "check_yourself",
                                {
                                    "question": "Må enheden sætte behandlingen af aktindsigt på pause i sommerferien?",
                                    "answer": "<p>Nej. Fristen på 7 arbejdsdage gælder også i ferier. Ombudsmanden har kritiseret en myndighed for at holde pause under en sommerlukning.</p>",
                                },
                            ),
                        ],
                    },
                ],
            },
        ],
    },
]
