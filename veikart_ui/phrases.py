"""The domain's sentences in bokmål: the optimiser's reasons and the problems in the data.

The domain writes each sentence from a template in :data:`planning.messages.phrases.PHRASES`;
:func:`translate` reads a text back into its template and values and writes it again from
the bokmål template with the same key, translating values that are phrases themselves (a
blocker inside "the first period with room is ...") and writing decimals with a comma.
Pydantic's own messages on a cell (:data:`PYDANTIC`) are read the same way. Text that is
no known phrase (an older stored plan, a solver's own words) is shown as is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from planning.domain.problems import Problem
from planning.messages.phrases import BOOK, PhraseBook, phrase
from planning.store.access import PermissionDenied
from planning.store.versions import Conflict, ConflictError, ConflictWords
from veikart_ui.column_help import DESCRIPTIONS, description

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
    "highs_stalled": "HiGHS stoppet etter {seconds} s: ingen bedre plan, og grensen nærmet seg sakte",
    "polished": "polering: {rounds} nabolag søkt, {improvements} forbedret planen",
    "core_searched": "kjernesøk: {rounds} kjerner søkt, {improvements} forbedret planen",
    "core_proven": (
        "kjernesøk: {rounds} kjerner søkt, {improvements} forbedret planen; intet antall valgte tiltak"
        " kan gi en bedre plan (hvert søkt til ende på alle valg som kunne endres, eller utelukket av sin"
        " relaksasjon), som beviser at planen er optimal"
    ),
    "work_limit": "nodegrensen nådd ({nodes} noder), gap {gap}",
    "work_limit_no_plan": "nodegrensen nådd ({nodes} noder) før noen plan ble funnet",
    "time_limit_safety_net": "tidsgrensen ({limit} s), her bare et sikkerhetsnett, stoppet løsningen før nodegrensen",
    "time_guard": (
        "HiGHS hadde ikke stoppet {limit} s ut i søket (den ser på klokken bare mellom stegene sine),"
        " så Veikart sluttet å vente og tok den beste planen den hadde funnet"
    ),
    "solving_no_plan": "Løser ({elapsed} av {limit} s): ingen plan funnet ennå",
    "solving_plan_no_bound": "Løser ({elapsed} av {limit} s): en plan er funnet, ingen grense ennå",
    "explaining": "Forklarer tiltak {done} av {total}: {initiative}",
    "solving_gap": "Løser ({elapsed} av {limit} s): den beste planen så langt er høyst {gap} % fra den best mulige",
    "cbc_no_bound": "CBC stoppet med en gyldig plan; den oppgir ingen grense her",
    "cbc_no_plan": "CBC fant ingen plan",
    "cbc_no_plan_in_time": "CBC fant ingen plan innen tidsgrensen",
    # problems in the data: messages
    "horizon_rows": "horisonten skal ha nøyaktig én rad, fant {count}",
    "unknown_reference": "ukjent {what} '{value}'",
    "self_dependency": "et tiltak kan ikke avhenge av seg selv",
    "more_cycles": "flere avhengighetssykler er ikke listet",
    "cycle": "avhengighetssykel {cycle}",
    "no_cost": "ingen kostnad oppgitt",
    "negative_profile_cost": "en kostnad i profilen er negativ",
    "profile_length": "profilen har {values} verdier, men varigheten er {duration} perioder",
    "total_differs": "total_cost {total} avviker fra profilens sum {sum}",
    "shares_sum": "de egendefinerte andelene summerer til {total}, ikke 1",
    "negative_share": "en andel er negativ",
    "shares_without_key": "andeler er oppgitt, men fordelingsnøkkelen er '{key}'",
    "no_population_share": "finansieringskilden '{pool}' har ingen befolkningsandel til befolkningsnøkkelen",
    "not_a_period": "'{label}' er ikke en periode; skriv et år, for eksempel {year}",
    "not_a_period_or": "'{label}' er ikke en periode; skriv et år, for eksempel {year}, eller {period}",
    "wrong_period_length": "'{label}' passer ikke med perioder på {length}; skriv for eksempel {period}",
    "outside_horizon": "{label} er utenfor horisonten {first}–{last}",
    "year_outside_horizon": "{year} er utenfor horisonten",
    "start_after_finish": "tidligste start {start} er etter seneste slutt {finish}",
    "window_does_not_fit": "{duration} perioder får ikke plass mellom {since} og {finish}",
    "horizon_start": "horisontens start {period}",
    "started_waits": "{successor} er startet, men venter på {predecessor}, som er {status}",
    "mandatory_alternatives": (
        "de obligatoriske tiltakene {names} er alternativer i gruppen '{group}'; bare ett kan gjennomføres"
    ),
    "lifetime": "levetiden er {lifetime} år",
    "ramp_up_range": "opptrappingsandelene må ligge mellom 0 og 1",
    "estimate_low_above_likely": "{field} {value} er over mest sannsynlige verdi {likely} ({likely_field})",
    "estimate_high_below_likely": "{field} {value} er under mest sannsynlige verdi {likely} ({likely_field})",
    "estimate_on_completed": "et fullført tiltak har ingen usikkerhet igjen, men {field} er {value}",
    "no_reference_level": "ingen ambisjonsnivåer har faktor 1",
    "forced_both": "'{initiative}' er tvunget både inn og ut",
    "not_pool_year": "'{key}' er ikke KILDE/ÅR",
    "unknown_table": "ukjent tabell '{table}' ble ikke lest",
    "unknown_column": "ukjent kolonne '{column}' ble ikke lest",
    "duplicate_id": "id-en finnes fra før (også på rad {line})",
    "not_allowed": "'{value}' er ikke tillatt",
    "boolean_for_number": "{value} er sann eller usann, ikke et tall",
    "nan_value": "{value} er ikke et tall (NaN)",
    "infinite_value": "{value} er uendelig eller for stort til å være et tall",
    "outside_range": "{value} er utenfor området {low} til {high}",
    "optimiser_not_finite": "et tall optimeringen ville planlagt med, er ikke endelig",
    "not_a_pair": "'{text}' er ikke et par NØKKEL=verdi; skriv par som A=0.5;B=0.5",
    "not_a_workbook": "{file} er ikke en lesbar .xlsx-arbeidsbok ({reason})",
    "sheet_twice": "arkene '{first}' og '{second}' har begge tabellen {table}",
    "sheet_missing": "arket '{table}' mangler",
    "too_many_rows": "arket '{sheet}' har {rows} rader, flere enn de {limit} som leses",
    "merged_cells": "cellene {cells} i arket '{sheet}' er slått sammen",
    "blank_header": "kolonne {column} har data, men ingen overskrift",
    "column_twice": "kolonnen '{column}' finnes to ganger (kolonne {first} og {second})",
    "error_value": "cellen {cell} har feilverdien {value}",
    "formula": "cellen {cell} har en formel",
    "path_missing": "{path} finnes ikke",
    "file_problem": "{path}: {reason}",
    "csv_unreadable": "{file} er ikke en lesbar CSV-fil ({reason})",
    "csv_not_text": "{file} er verken UTF-8- eller Windows-1252-tekst",
    "csv_columns_missing": "{file} mangler kolonnen {columns} (første rad har: {found})",
    "csv_no_rows": "{file} har ingen rader under første rad",
    "no_columns": "ingen kolonner",
    "plan_json_unreadable": "{file} er ikke lesbar JSON ({reason})",
    "plan_json_shape": "{file} har ingen liste 'initiatives' eller 'roadmap' av objekter med id og start",
    "plan_id_missing": "tiltakets id mangler",
    "plan_workbook_unreadable": "{file} er ikke en lesbar .xlsx-arbeidsbok",
    "plan_too_many_rows": "{file} har {rows} rader, flere enn de {limit} en planfil kan ha",
    "plan_not_selected": "selected sier nei, men start er {start}",
    "check_excluded": "{initiative}: i planen, men kan ikke være det ({reason})",
    "check_unknown": "{initiative}: ukjent tiltak",
    "check_before_horizon": "{initiative}: starter før planperioden",
    "check_before_earliest": "{initiative}: starter {start}, før tidligste start {earliest}",
    "check_after_latest": "{initiative}: ferdig {finish}, etter seneste ferdigstillelse {latest}",
    "check_after_horizon": "{initiative}: ferdig {finish}, etter planperiodens slutt {latest}",
    "check_started": "{initiative}: igangsatt, så det må fortsette fra første periode",
    "check_mandatory": "{initiative}: obligatorisk (eller tvunget inn), men ikke i planen",
    "check_obligation": "{initiative}: en forpliktelse ({obligation}) som scenarioet beholder, men ikke i planen",
    "check_locked": "{initiative}: låst til start {locked}, starter {start}",
    "check_target": "{initiative}: et ferdigmål, men ikke i planen",
    "check_predecessor_out": "{initiative}: avhenger av {predecessor}, som ikke er i planen",
    "check_before_predecessor": "{initiative}: starter {start}, før {predecessor} tillater ({ready})",
    "check_alternatives": "alternativgruppe {group}: {chosen} er alle i planen; høyst ett kan være det",
    "check_no_alternative": "alternativgruppe {group}: påkrevd, men ingen av alternativene er i planen",
    "check_budget": "ramme {pool} {period}: bruker {used} MNOK av {available} MNOK",
    "check_capacity": "kapasitet {pool} {period}: bruker {use} av {limit}",
    "json_invalid": "ikke gyldig JSON ({reason})",
    "json_shape": "ventet et objekt med tabellnavn -> liste av rader",
    "json_rows": "hver rad må være et objekt med kolonne -> verdi",
    "no_scenario": "ingen scenario oppgitt",
    "upload_kind": "{file} er verken en arbeidsbok, en JSON-fil eller en .zip med CSV-filer",
    "zip_unreadable": "{file} er ikke en lesbar .zip-fil",
    "zip_no_csv": "{file} har ingen .csv-filer",
    "zip_twice": "{file} har {names} mer enn én gang",
    "zip_too_large": "{file} pakkes ut til mer enn {limit} MB",
    "zip_cannot_unpack": "{file} kan ikke pakkes ut ({reason})",
    "file_too_large": "{file} er {size} MB, mer enn de {limit} MB som leses",
    "unzipped_too_large": "{file} pakkes ut til {size} MB, mer enn de {limit} MB som leses",
    "zip_too_many_members": "{file} inneholder {count} filer, flere enn de {limit} som leses",
    "file_empty": "{file} er tom",
    "file_not_text": "{file} er ikke en tekstfil: den inneholder NUL-byte (binære data eller UTF-16-tekst)",
    "json_too_deep": "{file} er nøstet mer enn {limit} nivåer dypt",
    "json_too_long": "{file} har en liste med mer enn {limit} elementer",
    "json_too_many": "{file} inneholder mer enn {limit} verdier",
    "csv_too_many_rows": "{file} har mer enn {limit} rader",
    "csv_too_many_columns": "{file} har mer enn {limit} kolonner",
    "too_many_columns": "arket '{sheet}' har data i mer enn {limit} kolonner",
    "no_value": "har ingen verdi (NaN er ikke et tall)",
    "too_large_to_store": "{value} er for stort til å lagres (grensen er {limit})",
    "holds_nan": "inneholder NaN, som ikke er et tall",
    "unknown_benefit": "ukjent gevinst '{benefit}'",
    "not_the_unit": "enheten '{unit}' er ikke gevinstens enhet",
    "in_the_future": "{year} er fram i tid",
    "before_baseline": "{year} er før nullpunktet ({first})",
    "negative_mnok": "{value} MNOK er negativt",
    "over_ten_times": "{value} MNOK er over 10 ganger det planlagte {planned}",
    "percent_range": "{value} % er utenfor 0–100",
    "far_outside": "{value} {unit} er langt utenfor nullpunkt {baseline} til mål {target}",
    "entered_by_missing": "det mangler hvem som registrerte verdien",
    "same_benefit_year": "samme gevinst og år som rad {line}",
    "invalid_with_others": "sammen med endringer andre har lagret i mellomtiden, er porteføljen ugyldig:",
    "database_refused": "databasen avviste lagringen: {reason}",
    # problems in the data: how to fix them
    "fix_horizon_rows": "behold én rad med first_year, periods og period_length",
    "fix_save_csv_utf8": "lagre den fra Excel som CSV UTF-8 (komma eller semikolon mellom cellene)",
    "fix_measurement_columns": (
        "første rad navngir kolonnene: benefit_id, year, value (valgfrie: comment, unit, entered_by)"
    ),
    "fix_plan_file": (
        "bruk planen slik Veikart eksporterer den, eller et ark eller en CSV-fil der første rad navngir "
        "kolonnene id og start (tom start = ikke i planen)"
    ),
    "fix_plan_json": "bruk JSON-eksporten av planen, eller JSON-en som planning optimize --json skriver",
    "fix_plan_not_selected": "tøm start for å holde tiltaket utenfor, eller sett selected til true",
    "fix_plan_id": "fyll inn tiltakets id, eller slett raden",
    "fix_plan_duplicate": "behold én rad for hvert tiltak",
    "fix_plan_start": "skriv en periode fra {first} til {last}, eller la start stå tom for ikke i planen",
    "fix_use_one_of": "bruk en av: {choices}",
    "fix_add_first": "legg inn {what} først",
    "fix_self_dependency": "fjern raden eller oppgi en annen forgjenger",
    "fix_more_cycles": "rett syklene over og kontroller på nytt",
    "fix_cycle": "fjern eller snu én avhengighet i sykelen",
    "fix_no_cost": "fyll inn total_cost i MNOK, eller en cost_profile med én verdi per periode",
    "fix_negative_profile_cost": "skriv kostnader på 0 MNOK eller mer",
    "fix_profile_length": "oppgi én kostnad per gjennomføringsperiode, eller endre varigheten",
    "fix_total_differs": "la total_cost stå tom eller gjør den lik profilens sum",
    "fix_shares_sum": "juster andelene så de summerer til 1",
    "fix_negative_share": "bruk andeler på 0 eller mer",
    "fix_shares_without_key": "sett cost_sharing til custom, eller tøm custom_shares",
    "fix_no_population_share": (
        "velg nøkkelen equal, lead eller custom, eller gi finansieringskilden en befolkningsandel"
    ),
    "fix_period": "skriv en periode innenfor horisonten, for eksempel et år",
    "fix_outside_horizon": "bruk en periode innenfor horisonten, eller utvid horisonten",
    "fix_year_outside_horizon": "fjern raden eller utvid horisonten",
    "fix_start_after_finish": "flytt tidligste start tidligere eller seneste slutt senere",
    "fix_window_does_not_fit": "gjør vinduet bredere eller varigheten kortere",
    "fix_started_waits": "merk {predecessor} som {ready}, endre statusen til {successor}, eller fjern avhengigheten",
    "fix_mandatory_alternatives": "gjør høyst ett av dem obligatorisk, eller merk gruppen som påkrevd i stedet",
    "obligation_without_note": (
        "en forpliktelse ({obligation}) trenger en merknad om hvilken lov eller plikt som krever den"
    ),
    "obligation_alternatives": "forpliktelsene {names} er alternativer i gruppe '{group}'; bare én kan gjennomføres",
    "fix_obligation_note": (
        "skriv loven eller plikten i obligation_note (for eksempel «sameloven kap. 3»), eller sett obligation til none"
    ),
    "fix_obligation_alternatives": "la høyst én av dem være en forpliktelse (sett obligation til none på de andre)",
    "fix_lifetime": "skriv en levetid på minst 1 år",
    "fix_ramp_up_range": "skriv andeler av full effekt, for eksempel 0.3;0.7",
    "fix_estimate_order": "oppgi lav <= mest sannsynlig <= høy, eller la {field} stå tom for standardverdien til "
    "risikoklassen {risk}",
    "fix_estimate_on_completed": "la {field} stå tom for fullførte tiltak",
    "fix_no_reference_level": "merk referansenivået (for eksempel Basis) med faktor 1",
    "fix_forced_both": "fjern det fra en av de to listene",
    "fix_not_pool_year": "skriv nøkler som HSO/2027=120",
    "fix_unknown_table": "gi den et av navnene: {tables}",
    "fix_unknown_column": "fjern den eller gi den navnet til en dokumentert kolonne",
    "fix_duplicate_id": "gi hver rad sin egen id",
    "fix_fill_in": "fyll inn {column}: {description}",
    "fix_in_range": "skriv en verdi innenfor det tillatte området",
    "fix_in_range_unit": "skriv en verdi i {unit} innenfor det tillatte området",
    "fix_number_range": "skriv et tall fra {low} til {high}",
    "fix_number_range_unit": "skriv et tall fra {low} til {high} ({unit})",
    "fix_whole_number_range": "skriv et heltall fra {low} til {high}",
    "fix_whole_number_range_unit": "skriv et heltall fra {low} til {high} ({unit})",
    "fix_number_above": "skriv et tall over {low} og høyst {high}",
    "fix_number_above_unit": "skriv et tall over {low} og høyst {high} ({unit})",
    "fix_enter": "skriv {expected}",
    "fix_enter_unit": "skriv {expected} i {unit}",
    "fix_text_length": "forkort teksten eller fyll den inn",
    "fix_not_a_workbook": "åpne den i et regnearkprogram og lagre den som Excel-arbeidsbok (.xlsx)",
    "fix_sheet_twice": "behold ett av dem",
    "fix_sheet_missing": "legg til et ark med navnet {table} og overskriftsraden (malen har en)",
    "fix_too_many_rows": "slett radene under dataene",
    "fix_merged_cells": "del opp cellene",
    "fix_blank_header": "skriv kolonnens navn i rad 1, eller slett kolonnen",
    "fix_column_twice": "slett eller gi nytt navn til en av dem",
    "fix_error_value": "skriv inn selve verdien",
    "fix_formula": "skriv inn selve verdien (kopier, og lim inn bare verdier)",
    "fix_path": "kontroller stien",
    "fix_file_format": "rett filens format",
    "fix_upload_kind": "last opp .xlsx, .json eller .zip",
    "fix_zip_again": "lag .zip-filen av mappen med TABELL.csv-filer på nytt",
    "fix_zip_no_csv": "legg én TABELL.csv per tabell i .zip-filen (initiative.csv, ...)",
    "fix_zip_twice": "behold én fil per tabell",
    "fix_zip_too_large": "last opp bare porteføljens tabeller",
    "fix_file_too_large": "del opp filen, eller ta bare med porteføljens tabeller",
    "fix_file_empty": "velg riktig fil, eller eksporter den på nytt",
    "fix_json_limits": "bruk JSON slik Veikart eksporterer den: et objekt med tabellnavn -> liste av rader",
    "fix_plain_number": "skriv et vanlig tall",
    "fix_optimiser_not_finite": "skriv endelige tall innenfor hver kolonnes område (docs/data-model.md)",
    "fix_benefit_id": "bruk en gevinst-id",
    "fix_use": "bruk {value}",
    "fix_or_earlier": "bruk {year} eller tidligere",
    "fix_or_later": "bruk {year} eller senere",
    "fix_realised_benefit": "skriv den realiserte gevinsten, 0 eller mer",
    "fix_mnok_per_year": "skriv MNOK per år (ikke NOK eller en sum), eller rett gevinstens årlige verdi",
    "fix_percentage": "skriv en prosent fra 0 til 100",
    "fix_check_unit": "kontroller at verdien er i {unit}",
    "fix_give_name": "oppgi et navn",
    "fix_keep_one": "behold én",
    # words inside the sentences above
    "funding_pool": "finansieringskilde",
    "capacity_pool": "kapasitetspulje",
    "alternative_group": "alternativgruppe",
    "initiative": "tiltak",
    "ambition_level": "ambisjonsnivå",
    "benefit": "gevinst",
    "true_or_false": "true eller false",
    "whole_number": "et heltall",
    "number": "et tall",
    "date": "en dato, for eksempel 2027-06-30",
    "date_time": "en dato og et klokkeslett, for eksempel 2027-06-30T12:00",
    "type_list_text": "en liste med tekst (a;b)",
    "type_list_number": "en liste med tall (1;2.5)",
    "type_map_text": "par (NØKKEL=tekst;NØKKEL=tekst)",
    "type_map_number": "par (NØKKEL=tall;NØKKEL=tall)",
    "type_text": "tekst",
    "row_number": "rad {line}",
    "column_letter": "kolonne {letter}",
    "unit_mnok_per_period": "MNOK per periode",
    "unit_mnok_per_year": "MNOK per år",
    "unit_fraction": "andel",
    "unit_fraction_per_year": "andel per år",
    "unit_periods": "perioder",
    "unit_score": "poeng",
    "unit_seconds": "sekunder",
    "unit_units_per_period": "enheter per periode",
    "unit_year": "år",
    "unit_years": "år",
    "half_year": "halvår",
    "quarter": "kvartal",
    "anonymous_user": "en anonym bruker (ikke logget inn)",
    "sign_in_to": "logg inn for å {action}: {who} kan bare lese",
    "unknown_role": "{user} har den ukjente rollen '{role}' og kan ikke gjøre noe",
    "only_roles_may": "{who} kan ikke {action}: bare {roles} kan det",
    "only_roles_change": "{who} kan ikke {action} {table} '{row}': bare {roles} endrer rader i {table}",
    "only_roles_change_region": (
        "{who} kan ikke {action} {table} '{row}': bare {roles} endrer rader i {table}; regionale redaktører bare {rule}"
    ),
    "no_region_set": "{who} kan ikke {action} {table} '{row}': brukeren har ingen region (planning users set-role)",
    "region_editors_only": "{who} kan ikke {action} {table} '{row}': regionale redaktører kan bare endre {rule}",
    "row_of_other_region": (
        "{who} kan ikke {action} {table} '{row}': regionale redaktører kan bare endre {rule}"
        " (denne raden hører til {regions})"
    ),
    "no_region": "ingen region",
    "and_more": "... og {count} til",
    "rule_envelope": "rammene til egen region",
    "rule_initiative": "tiltak som egen region leder",
    "rule_measurement": "gevinstmålinger for tiltak som egen region leder",
    "rule_scenario": "egen regions ambisjonsnivå i et scenario (ikke noe annet i det)",
    "not_signed_in_session": "ikke en innlogget økt: logg inn gjennom lageret (planning.store.users.open_session)",
    "session_user_gone": "den innloggede brukeren '{user}' finnes ikke lenger i brukerlageret",
    "audit_unhashed": "oppføring {id} har ingen hash: den ble skrevet utenfor applikasjonen",
    "audit_chain_start": "starten av kjeden",
    "audit_entry_ref": "oppføring {id}",
    "audit_link_broken": (
        "oppføring {id} følger ikke {before}: en oppføring mellom dem er slettet, eller oppføring {id} er satt inn"
    ),
    "audit_altered": "oppføring {id} er endret etter at den ble skrevet: innholdet stemmer ikke lenger med hashen",
    "audit_backdated": "oppføring {id} er tilbakedatert: datert {at}, før oppføringen foran ({last})",
    "audit_anchor_missing": (
        "kjeden har ikke lenger oppføringen med hash {anchor}: oppføringer er slettet eller skrevet om"
    ),
    "audit_record_missing": "{records}, forseglet av oppføring {id}, mangler: den er slettet",
    "audit_record_altered": "{records} avviker fra forseglingen i oppføring {id}: den er endret",
    "audit_record_unsealed": "{record} har ingen oppføring som forsegler den: den ble skrevet utenfor applikasjonen",
    "audit_superseded_unrecorded": (
        "godkjenning {id} er merket som erstattet, men ingen godkjenning i kjeden erstattet den"
    ),
    "audit_replaced_but_current": (
        "godkjenning {id} ble erstattet av en senere godkjenning, men er merket som gjeldende"
    ),
    "audit_first_version": "versjon 1 av sak {case}",
    "joint_mandatory": (
        "{who} kan ikke {action} {table} '{row}': bare {roles} gjør et tiltak obligatorisk eller ikke,"
        " fordi det binder alle regioner"
    ),
    "joint_cost_shift": (
        "{who} kan ikke {action} {table} '{row}': det ville belaste {regions} med en større andel av kostnaden;"
        " bare {roles} flytter kostnad til andre regioner"
    ),
    "joint_capacity": (
        "{who} kan ikke {action} {table} '{row}': det ville bruke mer av den delte kapasiteten {pools};"
        " bare {roles} endrer bruken av delt kapasitet"
    ),
    "only_secretary_records": "{who} kan ikke føre vedtaket til {body}: bare sekretæren ({role}) kan",
    "secretary_of_other_region": (
        "{who} kan ikke føre vedtaket til {body}: en styresekretær fører bare vedtakene til styret i egen "
        "region ({region})"
    ),
    "unknown_distribution": "fordeling: ukjent navn '{value}'; bruk en av {choices}",
    "option_out_of_range": "{option}: {value} er utenfor det tillatte {low} til {high}",
    "unknown_policy": "regel: ukjent navn '{value}'; bruk en av {choices}",
    "unknown_grouping": "korreler etter: ukjent navn '{value}'; bruk en av {choices}",
    "no_plan_to_simulate": "det finnes ingen plan å simulere (status {status})",
    "simulating": "Simulerer: {done} av {total} mulige utfall",
}
PYDANTIC = PhraseBook(
    {
        "ge": "Input should be greater than or equal to {limit}",
        "gt": "Input should be greater than {limit}",
        "le": "Input should be less than or equal to {limit}",
        "lt": "Input should be less than {limit}",
        "missing": "Field required",
        "integer": "Input should be a valid integer, unable to parse string as an integer",
        "fraction": "Input should be a valid integer, got a number with a fractional part",
        "number": "Input should be a valid number, unable to parse string as a number",
        "boolean": "Input should be a valid boolean, unable to interpret input",
        "date": "Input should be a valid date or datetime, {detail}",
        "date_only": "Input should be a valid date in the format YYYY-MM-DD, {detail}",
        "datetime": "Input should be a valid datetime, {detail}",
        "datetime_or_date": "Input should be a valid datetime or date, {detail}",
        "string": "Input should be a valid string",
        "list": "Input should be a valid list",
        "dictionary": "Input should be a valid dictionary",
        "too_long": "String should have at most {limit} characters",
        "too_short": "String should have at least {limit} character",
        "too_short_plural": "String should have at least {limit} characters",
    }
)
"""Pydantic's messages on a cell that reach people (the domain keeps them as pydantic writes them)."""
PYDANTIC_BOKMAL = {
    "ge": "verdien må være større enn eller lik {limit}",
    "gt": "verdien må være større enn {limit}",
    "le": "verdien må være mindre enn eller lik {limit}",
    "lt": "verdien må være mindre enn {limit}",
    "missing": "feltet må fylles ut",
    "integer": "verdien må være et heltall",
    "fraction": "verdien må være et heltall, ikke et desimaltall",
    "number": "verdien må være et tall",
    "boolean": "verdien må være true eller false",
    "date": "verdien må være en gyldig dato ({detail})",
    "date_only": "verdien må være en dato på formen ÅÅÅÅ-MM-DD ({detail})",
    "datetime": "verdien må være en gyldig dato og et klokkeslett ({detail})",
    "datetime_or_date": "verdien må være en gyldig dato og et klokkeslett ({detail})",
    "string": "verdien må være tekst",
    "list": "verdien må være en liste",
    "dictionary": "verdien må være par av NØKKEL=verdi",
    "too_long": "teksten kan ha høyst {limit} tegn",
    "too_short": "teksten må ha minst {limit} tegn",
    "too_short_plural": "teksten må ha minst {limit} tegn",
}
SOLVER_WORDS = {
    "not set": "ikke satt",
    "load error": "feil ved innlesing",
    "model error": "feil i modellen",
    "presolve error": "feil i forbehandlingen",
    "solve error": "feil under løsingen",
    "postsolve error": "feil i etterbehandlingen",
    "empty": "tom modell",
    "optimal": "optimal",
    "infeasible": "ingen gyldig plan",
    "primal infeasible or unbounded": "ingen gyldig plan, eller ubegrenset",
    "unbounded": "ubegrenset",
    "bound on objective reached": "grensen for målfunksjonen nådd",
    "target for objective reached": "målet for målfunksjonen nådd",
    "time limit reached": "tidsgrensen nådd",
    "iteration limit reached": "iterasjonsgrensen nådd",
    "unknown": "ukjent",
    "solution limit reached": "grensen for antall løsninger nådd",
    "interrupted by user": "avbrutt",
    "memory limit reached": "minnegrensen nådd",
    "interrupted by highs": "avbrutt av HiGHS",
}
"""HiGHS's own status words (``modelStatusToString``, lower case), which the solver facts carry
beside the phrases."""
ACCESS_WORDS = {
    "read": "lese",
    "insert": "legge til",
    "update": "endre",
    "delete": "slette",
    "import": "lese inn",
    "run": "kjøre optimeringen",
    "approve": "godkjenne planer",
    "manage users": "administrere brukere",
    "prepare case": "forberede behandlingssaker",
    "record decision": "føre vedtak",
    "Admin": "administrator",
    "Coordinator": "IT-koordinator",
    "Region editor": "regional redaktør",
    "Steering member": "styringsgruppemedlem",
    "Viewer": "leser",
    "IT directors' meeting secretary": "sekretær for IKT-direktørmøtet",
    "Leaders' meeting secretary": "sekretær for ledermøtet",
    "Board secretary": "styresekretær",
}
"""The access rules' actions and role names (:data:`planning.store.access.ROLE_LABELS`) in bokmål."""
CONFLICT_BOKMAL = ConflictWords(
    line="{table} '{row}' ble {count} av {who} {when}: {what}",
    changed="endret",
    changed_times="endret {n} ganger siden du åpnet den, sist",
    time_format="%d.%m.%Y kl. %H:%M UTC",
    unknown_time="på et ukjent tidspunkt",
    outsider="noen utenfor den versjonerte lagringen",
    no_field="ingen felt er ulike nå (endret og endret tilbake)",
    deleted="raden ble slettet",
    yours=" (din endring, ikke lagret: {fields})",
    empty="(tom)",
    decimal=",",
)
"""A row someone else changed meanwhile, told in bokmål."""
USER_LABEL = re.compile(r"(?P<name>.*) \((?P<role>[^()]+?)(?P<region> for [^()]+)?\)")
"""A user as the access rules name one: ``name (Role[ for REGION])``."""
PLACES = ("row_number", "column_letter")
"""Phrases that may stand for a row or a column; everything else there is an id or a column name."""
DECIMAL = re.compile(r"-?\d+\.\d+")


def translate(text: str, language: str) -> str:
    """``text`` in ``language`` (``nb`` or ``en``); English and unknown text come back unchanged."""
    if language == "en" or not text:
        return text
    for book, templates in ((BOOK, BOKMAL), (PYDANTIC, PYDANTIC_BOKMAL)):
        found = book.read(text)
        if found is not None:
            key, values = found
            return templates[key].format(**{name: _value(value, language, name) for name, value in values.items()})
    return text


def user_label(label: str, language: str) -> str:
    """A user's label (:attr:`planning.store.access.User.label`) with the role in ``language``."""
    user = USER_LABEL.fullmatch(label)
    if language == "en" or user is None or user["role"] not in ACCESS_WORDS:
        return label
    return f"{user['name']} ({ACCESS_WORDS[user['role']]}{user['region'] or ''})"


def refusal_lines(refused: PermissionDenied, language: str) -> str:
    """Every reason the access rules gave, one a line, in ``language``."""
    return "\n".join(translate(line, language) for line in str(refused).splitlines())


def conflict_lines(conflicted: ConflictError, language: str, limit: int = 20) -> str:
    """The first ``limit`` rows someone else changed meanwhile, one a line in ``language``, and
    how many more there are."""
    shown = [conflict_line(conflict, language) for conflict in conflicted.conflicts[:limit]]
    return _with_count_of_rest(shown, len(conflicted.conflicts) - limit, language)


def conflict_line(conflict: Conflict, language: str) -> str:
    """Who changed the row and when, what they changed, and the change that was not saved."""
    return conflict.told(CONFLICT_BOKMAL if language == "nb" else ConflictWords())


def translate_problem(problem: Problem, language: str) -> Problem:
    """``problem`` with its message and fix in ``language``, and a row or column named by its
    number ("row 3") too; ids, tables and column names stay as they are."""
    if language == "en":
        return problem
    return replace(
        problem,
        row=_place(problem.row, language),
        field=_place(problem.field, language),
        message=translate(problem.message, language),
        fix=translate(problem.fix, language),
    )


def _place(label: str, language: str) -> str:
    """A row or column named by its number or letter, translated; ids and column names stay."""
    found = BOOK.read(label)
    return translate(label, language) if found is not None and found[0] in PLACES else label


def problem_line(problem: Problem, language: str) -> str:
    """One problem on one line, in ``language``: where it is, what is wrong, how to fix it."""
    shown = translate_problem(problem, language)
    return f"{shown.location}: {shown.message}" + (f" ({shown.fix})" if shown.fix else "")


def problem_lines(problems: Sequence[Problem], language: str, limit: int = 20) -> str:
    """The first ``limit`` problems, one a line in ``language``, and how many more there are."""
    shown = [problem_line(p, language) for p in problems[:limit]]
    return _with_count_of_rest(shown, len(problems) - limit, language)


def _with_count_of_rest(shown: list[str], more: int, language: str) -> str:
    """``shown`` one a line, then "... and N more" in ``language`` when ``more`` were left out."""
    rest = [translate(phrase("and_more", count=more), language)] if more > 0 else []
    return "\n".join(shown + rest)


def translate_message(message: str, language: str) -> str:
    """A solver message: phrases and status words joined by "; ", each translated."""
    if language == "en" or not message:
        return message
    whole = translate(message, language)
    if whole != message:
        return whole
    return "; ".join(SOLVER_WORDS.get(part, translate(part, language)) for part in message.split("; "))


def _value(value: str, language: str, name: str = "") -> str:
    if name == "action":
        return ACCESS_WORDS.get(value, value)
    if name == "roles":
        *others, last = [ACCESS_WORDS.get(role, role) for role in value.split(", ")]
        return f"{', '.join(others)} og {last}" if others else last
    if name == "who" and (shown := user_label(value, language)) != value:
        return shown
    if DECIMAL.fullmatch(value):
        return value.replace(".", ",")
    return description(value, language) if value in DESCRIPTIONS else translate(value, language)
