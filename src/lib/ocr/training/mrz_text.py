"""Random MRZ-like text lines (TD3, TD2, TD1) for training the MRZ OCR model.

The lines follow the ICAO 9303 layout (document type, issuing state, names with
`<<` separators, document number, dates, check digits, long `<` filler runs)
so the network sees the character statistics of real MRZs. A share of purely
random lines keeps it from leaning on the grammar: the app repairs reads with
the check digits, so the model must report what it sees, not what is likely.

Usage: python3 mrz_text.py SEED COUNT  -> COUNT lines on stdout.
"""

import random
import string
import sys

LETTERS = string.ascii_uppercase
DIGITS = string.digits
ALPHABET = LETTERS + DIGITS + "<"

# Real codes plus the ICAO specimen state and Germany's one-letter code.
STATES = (
    "UTO D<< AUT BEL BGR CHE CZE DNK ESP EST FIN FRA GBR GRC HRV HUN IRL ISL "
    "ITA LTU LUX LVA MLT NLD NOR POL PRT ROU SVK SVN SWE USA CAN MEX BRA ARG "
    "CHL COL PER AUS NZL JPN KOR CHN IND IDN PHL THA VNM TUR UKR RUS ZAF EGY "
    "MAR NGA KEN ISR ARE SAU GBD GBN XXA XXB XXC XOM RKS"
).split()

SYLLABLES = (
    "AN NA MA RI ER IK SS ON LE JO HA NS EN MU LL ER SCH MI DT GO ME Z "
    "GAR CIA RO SSI KO WAL SKI NG UY EN TA KA HA SHI VAN DER BERG O BR IEN "
    "KAR LS SO PE TER SEN AL I EVA LU CAS ZH ANG WEI YA MA DA"
).split()


def check_digit(text):
    """ICAO 9303 7-3-1 weighted sum modulo 10; `<` counts as 0."""
    total = 0
    for index, char in enumerate(text):
        if char.isdigit():
            value = int(char)
        elif char.isalpha():
            value = ord(char) - 55
        else:
            value = 0
        total += value * (7, 3, 1)[index % 3]
    return str(total % 10)


def pad(text, length):
    return (text + "<" * length)[:length]


def name_part(rng):
    # Syllables give name-like letter pairs; random letters give every pair, so the network cannot
    # learn that a D never ends a name (it read MACDONALD as MACDONALO, confidently, on a clean photo).
    if rng.random() < 0.4:
        return "".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 11)))
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))


def names(rng, length):
    surnames = "<".join(name_part(rng) for _ in range(rng.choice((1, 1, 1, 2))))
    given = "<".join(name_part(rng) for _ in range(rng.choice((0, 1, 1, 2, 3))))
    text = surnames + ("<<" + given if given else "")
    # Long names get truncated to the field, as issuers do.
    return pad(text, length)


def document_number(rng):
    length = rng.choice((8, 9, 9, 9, 6, 7))
    pool = DIGITS if rng.random() < 0.5 else LETTERS + DIGITS
    return pad("".join(rng.choice(pool) for _ in range(length)), 9)


def date(rng):
    return "%02d%02d%02d" % (rng.randint(0, 99), rng.randint(1, 12), rng.randint(1, 31))


def optional(rng, length):
    if rng.random() < 0.6:
        return "<" * length
    used = rng.randint(1, length)
    return pad("".join(rng.choice(LETTERS + DIGITS) for _ in range(used)), length)


def sex(rng):
    return rng.choice("MMMFFF<X")


def dates_block(rng):
    birth, expiry = date(rng), date(rng)
    return birth + check_digit(birth), expiry + check_digit(expiry)


def td3(rng):
    doc_type = rng.choice(("P<", "P<", "P<", "PD", "PO", "PS"))
    issuer = rng.choice(STATES)
    line1 = doc_type + issuer + names(rng, 39)
    number = document_number(rng)
    birth, expiry = dates_block(rng)
    personal = optional(rng, 14)
    personal_cd = check_digit(personal) if personal.strip("<") else rng.choice("<0")
    upper = number + check_digit(number) + rng.choice(STATES) + birth + sex(rng)
    upper += expiry + personal + personal_cd
    composite = upper[0:10] + upper[13:20] + upper[21:43]
    return [line1, upper + check_digit(composite)]


def td2(rng):
    doc_type = rng.choice(("I<", "ID", "A<", "C<", "IR", "V<"))
    line1 = doc_type + rng.choice(STATES) + names(rng, 31)
    number = document_number(rng)
    birth, expiry = dates_block(rng)
    upper = number + check_digit(number) + rng.choice(STATES) + birth + sex(rng)
    upper += expiry + optional(rng, 7)
    composite = upper[0:10] + upper[13:20] + upper[21:35]
    return [line1, upper + check_digit(composite)]


def td1(rng):
    doc_type = rng.choice(("I<", "ID", "IR", "AC", "C<"))
    number = document_number(rng)
    line1 = doc_type + rng.choice(STATES) + number + check_digit(number)
    line1 += optional(rng, 15)
    birth, expiry = dates_block(rng)
    line2 = birth + sex(rng) + expiry + rng.choice(STATES) + optional(rng, 11)
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    return [line1, line2 + check_digit(composite), names(rng, 30)]


def random_line(rng):
    """Unstructured line: any character anywhere, with filler runs."""
    length = rng.choice((30, 36, 44))
    chars = []
    while len(chars) < length:
        if rng.random() < 0.25:
            chars.extend("<" * rng.randint(1, 12))
        else:
            chars.append(rng.choice(ALPHABET))
    return "".join(chars[:length])


def lines(seed, count):
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        roll = rng.random()
        if roll < 0.15:
            out.append(random_line(rng))
        elif roll < 0.5:
            out.extend(td3(rng))
        elif roll < 0.7:
            out.extend(td2(rng))
        else:
            out.extend(td1(rng))
    return out[:count]


if __name__ == "__main__":
    for line in lines(int(sys.argv[1]), int(sys.argv[2])):
        print(line)
