"""The optimiser's explanations in bokmål.

The domain writes each reason from a template in :data:`planning.optimise.phrases.PHRASES`;
:func:`translate` reads a text back into its template and values and writes it again from
the bokmål template with the same key, translating values that are phrases themselves (a
blocker inside "the first period with room is ...") and writing decimals with a comma.
Text that is no known phrase (an older stored plan, a solver's own words) is shown as is.
"""

from __future__ import annotations

import re

from planning.optimise.phrases import read_phrase

BOKMAL: dict[str, str] = {
    "alternative_chosen": "alternativet {chosen} ble valgt (gruppe {group})",
    "waits_for_one_missing": "venter på {missing}, som ikke er med i planen",
    "waits_for_missing": "venter på {missing}, som ikke er med i planen",
    "chain_too_long": "rekker ikke å bli ferdig: kjeden {chain} gir tidligste start {when}",
    "after_horizon": "etter horisonten",
    "first_room": "{blocker}; første periode med plass er {period}",
    "blocked_later_too": "{blocker}, og alle senere starter er også stengt",
    "later_start_better": "senere start gir høyere netto nåverdi",
    "does_not_pay_off": "lønner seg ikke: netto nåverdi {npv} MNOK ved tidligste start",
    "displaces": "får plass, men ville fortrengt tiltak som er verdt mer (egen verdi {npv} MNOK ved tidligste start)",
    "waits_until_ready": "venter på {predecessor} (klar {period})",
    "budget_full": "rammen til {pool} i {period} er brukt opp ({amount} MNOK mangler)",
    "capacity_full": "kapasiteten {pool} er full i {period}",
    "completed": "fullført før horisonten",
    "stopped": "stoppet",
    "forced_out": "tvunget ut av scenarioet",
    "waits_for_excluded": "venter på {predecessor}, som er {reason}",
    "required_but": "{initiative} er påkrevd, men {reason}",
    "chain_misses_deadline": (
        "{initiative} rekker ikke å bli ferdig innen {period}: avhengighetskjeden {chain} tar for lang tid"
    ),
    "window_too_short": (
        "{initiative} får ikke plass i vinduet sitt: trenger {duration} perioder fra {start}, "
        "men må være ferdig innen {finish}"
    ),
    "period_number": "periode {number}",
    "required_cannot_fit": "{initiative} er påkrevd (obligatorisk, tvunget inn eller startet), men får ikke plass",
    "group_cannot_fit": "alternativgruppen {group} trenger ett alternativ, men ingen får plass",
    "pool_short": "{pool} mangler {amount} MNOK i {period}",
    "capacity_over": "kapasiteten {pool} er {amount} over grensen i {period}",
    "no_cause_found": "ingen plan finnes, og diagnosemodellen fant ingen årsak innen tidsgrensen",
    "no_single_rule": "ingen plan finnes, men ingen enkelt regel kunne pekes ut",
    "polished": "polert: {improvements} bedre planer i {rounds} nabolagssøk",
    "cbc_no_bound": "CBC stoppet med en gyldig plan; den oppgir ingen grense her",
    "cbc_no_plan": "CBC fant ingen plan",
    "cbc_no_plan_in_time": "CBC fant ingen plan innen tidsgrensen",
}
SOLVER_WORDS = {
    "time limit reached": "tidsgrensen nådd",
    "infeasible": "ingen gyldig plan",
    "primal infeasible or unbounded": "ingen gyldig plan, eller ubegrenset",
    "iteration limit reached": "iterasjonsgrensen nådd",
    "solution limit reached": "grensen for antall løsninger nådd",
    "interrupted by user": "avbrutt",
}
"""HiGHS's own status words, which the solver facts carry beside the phrases."""
DECIMAL = re.compile(r"-?\d+\.\d+")


def translate(text: str, language: str) -> str:
    """``text`` in ``language`` (``nb`` or ``en``); English and unknown text come back unchanged."""
    if language == "en" or not text:
        return text
    found = read_phrase(text)
    if found is None:
        return text
    key, values = found
    return BOKMAL[key].format(**{name: _value(value, language) for name, value in values.items()})


def translate_message(message: str, language: str) -> str:
    """A solver message: phrases and status words joined by "; ", each translated."""
    if language == "en" or not message:
        return message
    whole = translate(message, language)
    if whole != message:
        return whole
    return "; ".join(SOLVER_WORDS.get(part, translate(part, language)) for part in message.split("; "))


def _value(value: str, language: str) -> str:
    if DECIMAL.fullmatch(value):
        return value.replace(".", ",")
    return translate(value, language)
