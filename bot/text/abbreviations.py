"""Abbreviations whose full stop does not end a sentence: one list for the sentence splitter and the fact rules."""

from __future__ import annotations

from bot.text.wordlist import word_set

# Titles never end a sentence ("Dr. A. Smith"); "St." and "Jr." can ("on Main St. The ..."), so they
# are plain abbreviations below.
TITLE_ABBREVIATIONS = word_set(
    "mr mrs ms messrs mmes dr drs prof gen col lt maj sgt cpl pvt capt cmdr adm gov sen rep rev hon pres supt "
    "atty insp det amb cllr ing fr brig mx"
)
# Abbreviations that stand before a number ("No. 5", "Fig. 3") and rarely elsewhere.
NUMBER_ABBREVIATIONS = word_set("no nos art fig vol op pp")
# Lower-case, without their full stop. Punkt without trained data knows no abbreviations; these keep
# "Mr. Putin" and "Jan. 5" whole.
ABBREVIATIONS = TITLE_ABBREVIATIONS | word_set(
    "sr jr st mt ft co corp inc ltd bros jan feb mar apr jun jul aug sep sept oct nov dec "
    "tue tues thu thur thurs fri "
    "u.s u.k u.n e.u u.s.a d.c n.y l.a n.j e.g i.e a.m p.m ph.d "
    "vs etc dept ave blvd rd approx univ assn "
    # US state abbreviations used in datelines; those that are also words (Ill., Miss., Wash., Ore.)
    # are left out, as are "Sun." and "Sat.": "He fell ill. Officials said ..." must split.
    "ala ariz ark calif colo conn fla kan ky md mich minn mont neb nev okla tenn tex vt wis wyo"
)
