"""The question import template: the header and ten example questions, as CSV or XLSX."""

from __future__ import annotations

import csv
import io

from people.spreadsheets import row_safe
from quizzes.models import QuestionCategory

HEADER = [
    "type",
    "spørgsmål",
    "svarmuligheder",
    "korrekte",
    "forklaring",
    "henvisninger",
    "kategori",
]

#: Ten questions in general administrative law and the demo guidelines; "kategori" is filled in
#: with an existing category when the template is downloaded.
EXAMPLES: list[tuple[str, str, str, str, str, str]] = [
    (
        "single",
        "Hvornår skal en part som hovedregel partshøres?",
        "Før der træffes afgørelse, når parten ikke kender oplysninger til ugunst for parten"
        " | Når afgørelsen er truffet | Kun hvis parten selv beder om det",
        "1",
        "Efter forvaltningslovens § 19, stk. 1, skal parten have lejlighed til at udtale sig om "
        "oplysninger til ugunst, før der træffes afgørelse.",
        "FVL-19-1",
    ),
    (
        "truefalse",
        "En skriftlig afgørelse, der ikke giver parten fuldt ud medhold, skal ledsages af en "
        "begrundelse.",
        "",
        "sandt",
        "Det følger af forvaltningslovens § 22.",
        "FVL-22",
    ),
    (
        "multiple",
        "Hvad skal en begrundelse efter forvaltningslovens § 24 indeholde?",
        "Henvisning til de retsregler, afgørelsen er truffet efter"
        " | De hovedhensyn, der har været bestemmende for skønnet"
        " | Sagsbehandlerens personlige vurdering af parten"
        " | En oversigt over andre sager af samme type",
        "1,2",
        "Begrundelsen skal henvise til retsreglerne og nævne de hovedhensyn, der har været "
        "bestemmende for et skøn.",
        "FVL-24",
    ),
    (
        "single",
        "Hvornår skal en afgørelse have klagevejledning?",
        "Når afgørelsen kan påklages til en anden forvaltningsmyndighed"
        " | Kun når parten beder om det | Aldrig ved skriftlige afgørelser",
        "1",
        "Forvaltningslovens § 25 kræver klagevejledning, når afgørelsen kan påklages.",
        "FVL-25",
    ),
    (
        "truefalse",
        "En sagsbehandler, der er nært beslægtet med ansøgeren, må behandle sagen, hvis hun "
        "selv føler sig upartisk.",
        "",
        "falsk",
        "Hun er inhabil efter forvaltningslovens § 3, stk. 1, uanset hvordan hun selv opfatter "
        "det.",
        "FVL-3-1",
    ),
    (
        "single",
        "Hvad indebærer vejledningspligten?",
        "Myndigheden skal i fornødent omfang vejlede og bistå dem, der henvender sig inden for "
        "myndighedens sagsområde | Myndigheden skal kun svare på skriftlige henvendelser"
        " | Myndigheden skal føre sagen for borgeren ved domstolene",
        "1",
        "Forvaltningslovens § 7, stk. 1.",
        "FVL-7-1",
    ),
    (
        "essay",
        "Forklar med dine egne ord, hvorfor partshøring er vigtig for, at sagen er godt nok "
        "oplyst.",
        "",
        "",
        "Et godt svar nævner både sagens oplysning og partens mulighed for at varetage sine "
        "interesser.",
        "FVL-19-1",
    ),
    (
        "single",
        "Hvor bred skal den frie gangbane ved en udeservering som udgangspunkt være?",
        "2 fliser | 1 flise | 4 fliser",
        "1",
        "Gangbanen er som udgangspunkt 2 fliser bred, på større gader 3 fliser.",
        "AG-UDE-3",
    ),
    (
        "multiple",
        "Vi vil give afslag på en udeservering på grundlag af en udtalelse fra politiet, som "
        "ansøgeren ikke kender. Hvad skal vi gøre?",
        "Partshøre ansøgeren, før vi træffer afgørelse | Begrunde afslaget"
        " | Give klagevejledning | Gennemføre en særskilt nabohøring",
        "1,2,3",
        "Administrationsgrundlaget afsnit 5: partshøring, begrundelse og klagevejledning. "
        "Udvalget har besluttet ikke at gennemføre særskilt nabohøring.",
        "AG-UDE-5, FVL-19-1",
    ),
    (
        "truefalse",
        "Når vi rydder efterladte cykler op på offentlige arealer, er det en afgørelse, som "
        "skal partshøres.",
        "",
        "falsk",
        "Oprydning er faktisk forvaltningsvirksomhed, men god forvaltningsskik gælder fuldt ud.",
        "AG-CYK-5",
    ),
]

DEFAULT_CATEGORY = "Forvaltningsret"


def template_rows() -> list[list[str]]:
    """The header and the ten examples, with the first existing question category (one query)."""
    category = QuestionCategory.objects.order_by("name").values_list("name", flat=True).first()
    category = category or DEFAULT_CATEGORY
    return [HEADER, *[row_safe([*example, category]) for example in EXAMPLES]]


def template_csv() -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(template_rows())
    # With a BOM, Excel opens the UTF-8 file with the Danish letters intact.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Spørgsmål"
    for row in template_rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFG", (12, 60, 70, 10, 60, 20, 20), strict=True):
        sheet.column_dimensions[column].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
