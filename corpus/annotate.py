"""The gold quote annotations of the corpus, and the script that turns them into corpus/gold.jsonl.

Usage (from the repository root)::

    python corpus/annotate.py            # write corpus/gold.jsonl, print the counts table
    python corpus/annotate.py --check    # write nothing; exit 1 if corpus/gold.jsonl is stale

Every annotation below is written as text, never as offsets. The offsets are found here, with these
rules, and the script stops with an error when anything does not resolve exactly:

* ``content`` is a string that must occur exactly once in the article (word-bounded), or
  ``(string, n)`` for its n-th occurrence (0-based), or ``Upto(first, last)``: from the first
  occurrence of ``first`` (or ``(first, n)``) to the end of the next ``last`` (for long quotes).
* ``speaker`` and ``cue`` are strings resolved to their word-bounded occurrence outside the content
  that lies nearest to the content (at most ``NEAR`` characters away; a tie is an error), or
  ``(string, n)`` for the n-th occurrence in the article. ``SAME`` (continuations) copies the speaker
  of the previous annotation of the same document.
* ``fragments`` are strings that must occur exactly once inside the content.

Checks: direct content sits between quotation marks (unless flagged), every fragment sits between
quotation marks, indirect content has no double quotation mark (unless a note says why), and in the
GUM documents every span starts and ends on a token boundary of the gold tokenization (.conllu).

The guidelines these annotations follow are in corpus/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
ARTICLES = CORPUS / "articles"
GOLD = CORPUS / "gold.jsonl"
NEAR = 300
QUOTE_MARKS = "\"“”„‟«»"
KINDS = ("direct", "indirect", "mixed")
RULES = {
    "direct": {
        "quote-comma-subj-verb",  # "...," X said.
        "quote-comma-verb-subj",  # "...," said X.
        "subj-verb-comma-quote",  # X said, "..."
        "subj-verb-quote",  # X said "..."  /  They call for "..."
        "statement-then-quote",  # X issued a statement ... . "..."
        "according-to",  # in the words of X, "..."
        "split",  # "A," X said, "B."  (the B record)
        "continuation",  # a following quote with no cue of its own
    },
    "indirect": {"indirect-that", "indirect-bare", "indirect-inverted", "indirect-wh", "according-to",
                 "infinitival", "speech-act", "speech-act-object", "mid-cue-piece"},
    "mixed": {"mixed-fragment", "according-to", "agentive-fragment"},
}
FLAGS = {"continuation", "unbalanced", "multi-paragraph"}
NOUN_PHRASE = "noun-phrase content (guideline revision of issue 25, 2026-12-07)"


class AnnotationError(Exception):
    pass


@dataclass(frozen=True)
class Upto:
    """Content from ``first`` (a string that occurs once, or ``(string, n)``) through the next ``last``."""

    first: str | tuple[str, int]
    last: str


SAME = "<same speaker as the previous quote>"


@dataclass(frozen=True)
class Q:
    kind: str
    content: str | tuple[str, int] | Upto
    speaker: str | tuple[str, int] | None
    cue: str | tuple[str, int] | None
    name: str | None
    rule: str
    fragments: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    note: str | None = None


def direct(content, speaker, cue, name, rule, *, flags=(), note=None) -> Q:
    return Q("direct", content, speaker, cue, name, rule, (), tuple(flags), note)


def cont(content, *, flags=(), note=None) -> Q:
    """A continuation: direct, no cue of its own; it inherits the previous quote's speaker, name and cue."""
    return Q("direct", content, SAME, SAME, None, "continuation", (), ("continuation", *flags), note)


def indirect(content, speaker, cue, name, rule, *, note=None) -> Q:
    return Q("indirect", content, speaker, cue, name, rule, (), (), note)


def mixed(content, speaker, cue, name, rule, fragments, *, flags=(), note=None) -> Q:
    return Q("mixed", content, speaker, cue, name, rule, tuple(fragments), tuple(flags), note)


SEED = "000_a59417acd8045365"

ANNOTATIONS: dict[str, list[Q]] = {
    # ------------------------------------------------------------------------------------------------
    SEED: [
        # Headline "Azerbaijan's president calls the international community his forces" (twice):
        # "call X Y" with no clause and no quoted wording -> not annotated (README, decided cases).
        mixed("the latest outbreak of fighting with the Armenian army in the Nagorno-Karabakh pocket"
              ' this weekend on the "detachment" of the international community',
              "Azerbaijani President Ilham Aliyev", "blamed", "Ilham Aliyev", "agentive-fragment",
              ["detachment"],
              note="the relative clause ', which has killed hundreds of people' is the narrator's"),
        # "Buses ... are reportedly fleeing": no source -> not annotated.
        indirect("At least 18 civilians have been killed’ and 90 wounded since fighting broke out last week",
                 "Artesian officials", "say", "Artesian officials", "indirect-inverted",
                 note="stray ’ inside the content is not a quotation mark"),
        indirect("at least one civilian was killed in an Armenian shelling of the town of Ganja on Sunday",
                 "Azerbaijani officials", "say", "Azerbaijani officials", "indirect-bare"),
        direct("From now on, military installations permanently stationed in major cities of Azerbaijan are"
               " legitimate targets of the defense forces,",
               "Artsakh leader Arayik Harutyunyan", "told", "Arayik Harutyunyan", "quote-comma-subj-verb"),
        indirect("to have retaliated against the airport and other military targets in Ganja",
                 "Artesian forces", "claimed", "Artesian forces", "infinitival"),
        indirect("the attacks took place in urban areas",
                 "Azeri and Turkish officials", "said", "Azeri and Turkish officials", "indirect-bare"),
        indirect("Azerbaijani forces would continue their operations until all Armenian-occupied territories"
                 " were’ occupied",
                 "Aliyev", "said", "Ilham Aliyev", "indirect-that",
                 note="'said Sunday that': the time adverb stands between cue and complementizer"),
        direct("The Armenian leadership is the first to be blamed for this situation,",
               "Aliyev", "said", "Ilham Aliyev", "quote-comma-subj-verb"),
        direct("Apart from that, some quarters in several countries have been showing disengagement from the"
               " issue so that the occupation never ends,",
               "the president", "said", "Ilham Aliyev", "quote-comma-subj-verb",
               note="the following 'The President said.' has no content of its own: not annotated"),
        direct("We wanted to resolve this issue through dialogue,",
               "Aliyev", "added", "Ilham Aliyev", "quote-comma-subj-verb"),
        cont("We showed patience."),
        cont("We have always taken a fair stance in negotiations and demanded what is required of us. We have"
             " never claimed other people's lands. But we are insisting that this is our land and it must be"
             " handed’ over to it. We communicate.",
             flags=["unbalanced"],
             note="opening mark missing; the closing mark after 'We communicate.' is displaced"),
        direct("For thirty years, the country has relied on the hope that the international community will"
               " solve this problem, but it has never happened,",
               "he", "added", "Ilham Aliyev", "quote-comma-subj-verb"),
        indirect("its forces have seized seven villages since fighting began last Sunday",
                 "Azerbaijan's military", "says", "Azerbaijan's military", "indirect-bare"),
        mixed('troops have "improved" their front-line positions',
              "the Artisan Force", "says", "Artisan Force", "mixed-fragment", ["improved"]),
        mixed('it is "ready to engage" with the mediators',
              "Armenia", "said", "Armenia", "mixed-fragment", ["ready to engage"]),
        # "READ MORE" link: a headline, counted like any sentence.
        indirect("conflict escalates as Armenia invades its second largest city",
                 "Azerbaijan", "claims", "Azerbaijan", "indirect-bare",
                 note="headline of a linked article (READ MORE)"),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_afghan": [
        # Headline and first sentence: 'courageous achievement' is an award citation, passive with no
        # agent -> not annotated.
        indirect("the participation of this team in this science competition shows progress in"
                 " Afghanistan's response to nearly two decades of military conflict",
                 "Afghan Ambassador to the United States Hamdullah Mohib", "According to", "Hamdullah Mohib",
                 "according-to"),
        indirect("in their first matchup, the Afghan team's robot, named \"Better Idea of Afghan Girls,\""
                 " scored one or two points for the three-nation alliance with the Gabonese and Estonian teams",
                 "the Afghan team's coach, Alireza Mehraban", "According to", "Alireza Mehraban",
                 "according-to",
                 note="the quoted robot name is a title, not a quoted fragment: indirect"),
        direct("We are so interested because we find a big chance to show the talent and ability of"
               " Afghans,",
               "team member Rodaba Noori", "told", "Rodaba Noori", "quote-comma-subj-verb"),
        direct(Upto("to show that Afghan women can make robots too", "because of Trump intervention."),
               "team member Rodaba Noori", "told", "Rodaba Noori", "split"),
        indirect("to help the girls enter the country",
                 "President Donald Trump", "asked", "Donald Trump", "infinitival",
                 note="directive speech act: 'asked the United States National Security Council to ...'"),
        # '"parole" status', '"significant public benefit."': passive, no agent -> not annotated.
        # "U.S. officials have not said why ...": negated, and a wh-clause of a say-verb -> not annotated.
        indirect("there were concerns they would attempt to remain in the United States or in Canada after"
                 " the contest",
                 "Afghan Ambassador Hamdullah Mohib", "says", "Hamdullah Mohib", "indirect-bare"),
        # "Hope", "Robogee.": names -> not annotated.
        direct("Seventeen years ago, this would not have been possible at all,",
               "Ambassador Mohib", "said", "Hamdullah Mohib", "quote-comma-verb-subj"),
        cont("They represent our aspirations and resilience despite having been brought up in a perpetual"
             " conflict. These girls will be proving to the world and the nation that nothing will prevent us"
             " from being an equal and active member of the international community."),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_defector": [
        indirect("a defector from the elite group within Scientology called the Sea Org was first persuaded"
                 " to travel back to a management building for the organization in California, where he was"
                 " interrogated by an attorney for Scientology and then arrested",
                 "Recent reports", "revealed", "Recent reports", "indirect-that"),
        indirect("he would assist him with future employment and housing",
                 "Devocht", "told", "Tom Devocht", "indirect-bare",
                 note="in a relative clause: the speaker is the antecedent of 'who'"),
        indirect("the Scientology property in question was returned by mail to the organization by Montalvo"
                 " shortly after he left the Sea Org",
                 "Rathbun", "According to", "Mark Rathbun", "according-to"),
        indirect("they have not received the materials",
                 "Scientology officials", "stated", "Scientology officials", "indirect-bare"),
        direct(Upto("Moxon proceeded to lie to Daniel", "cooperated with Moxon and routed out properly."),
               "Rathbun", "wrote", "Mark Rathbun", "subj-verb-comma-quote"),
        # 'To "route out" in Scientology jargon refers to ...': a mention of a word -> not annotated.
        indirect("a detective for the Los Angeles Sheriff's office was provided with material from Scientology"
                 " to build a case against Montalvo",
                 ("Rathbun", 5), "According to", "Mark Rathbun", "according-to"),
        direct(Upto("Daniel was picked up by an investigator", "interrogated him for two hours."),
               ("Rathbun", 6), "stated", "Mark Rathbun", "subj-verb-comma-quote",
               note="the quote opens the next paragraph"),
        mixed(Upto("Scientology officials, \"... plied", "for the next 30 hours.\""),
              "Rathbun", "asserted", "Mark Rathbun", "mixed-fragment",
              [Upto("... plied the Sheriff's", "for the next 30 hours.")],
              note="the nested 'anti-christ' characterization inside the fragment is not annotated"),
        indirect("the case involving Montalvo was being dealt with as charges relating to grand theft",
                 "Steve Whitmore, a representative for the LA Sheriff's office", "told", "Steve Whitmore",
                 "indirect-that"),
        indirect("Montalvo left Scientology-related employment in Los Angeles on September 24",
                 "Whitmore", "stated", "Steve Whitmore", "indirect-bare"),
        indirect("Montalvo allegedly left the organization with computer hard drives",
                 "they", "claimed", "Scientology officials", "indirect-bare"),
        mixed("on October 6 after traveling back from Florida, Montalvo \"walked into lobby of the East L.A."
              " station and turned himself in\", and told the police, \"everything he did\"",
              "Whitmore", "told", "Steve Whitmore", "mixed-fragment",
              ["walked into lobby of the East L.A. station and turned himself in", "everything he did"]),
        indirect("the alleged crime involved five hard drives each of $ 200 in value",
                 "Whitmore", "stated", "Steve Whitmore", "indirect-that"),
        indirect("donations", "Rathbun", "requested", "Mark Rathbun", "speech-act-object", note=NOUN_PHRASE),
        mixed(Upto("Montalvo as an individual", "help the kid achieve that freedom.\""),
              "He", "described", "Mark Rathbun", "agentive-fragment",
              [Upto("facing the penitentiary", "help the kid achieve that freedom.")]),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_homeopathic": [
        # "has been described as pseudoscience": no agent -> not annotated.
        indirect("homeopathy as a form of quackery",
                 "Articles in peer-reviewed academic journals including Social Science & Medicine", "characterized",
                 "Articles in peer-reviewed academic journals", "speech-act-object", note=NOUN_PHRASE),
        direct("Gloria spent a lot of the last five months of her life crying, irritable, scratching and the"
               " only thing that gave her solace was to suck on her mother's breast.",
               "the Crown prosecutor, Mark Tedeschi, QC", "in the words of", "Mark Tedeschi", "according-to"),
        mixed("over the last five months of her life, \"Gloria's eczema played a devastating role in her"
              " overall health and it is asserted by the Crown that both her parents knew this and discussed"
              " it with each other.\"",
              "Mr. Tedeschi", "told", "Mark Tedeschi", "mixed-fragment",
              ["Gloria's eczema played a devastating role in her overall health and it is asserted by the"
               " Crown that both her parents knew this and discussed it with each other."]),
        indirect("to send Gloria to a conventional medical doctor",
                 "Thomas' sister", "pleaded", "Thomas' sister", "infinitival",
                 note="directive speech act: 'pleaded with him to ...'"),
        direct("I am not able to do that", "he", "replied", "Thomas Sam", "subj-verb-quote"),
        mixed('By this time, "her skin was weeping, her body malnourished and her corneas melting"',
              "the Sydney Morning Herald", "according to", "Sydney Morning Herald", "according-to",
              ["her skin was weeping, her body malnourished and her corneas melting"]),
        indirect("as the parents came from India, where homeopathy is in common use, they should be declared"
                 " not guilty due to cultural differences",
                 "Tom Molomby, SC", "said", "Tom Molomby", "indirect-that"),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_ie9": [
        indirect("it is time for IE6 users to move away from the antiquated 10-year-old browser",
                 "Microsoft", "announced", "Microsoft", "indirect-that"),
        # 'On a new website, "The Internet Explorer 6 Countdown"': a title -> not annotated.
        direct("[Ten] years ago, a browser was born. Its name was Internet Explorer 6. Now that we’re in 2011,"
               " in an era of modern web standards, it’s time to say goodbye,",
               "Microsoft", "says", "Microsoft", "quote-comma-subj-verb"),
        direct(Upto("Usually, Internet Explorer is the #2 browser", "IE could fall to fourth place."),
               "PC World's recent analysis of its own web traffic statistics", "concluded", "PC World",
               "subj-verb-comma-quote"),
        mixed('as of March 4, 2011, IE6 has 277 vulnerabilities; 39 percent of these are rated'
              ' "highly critical"',
              "The Internet security firm Secunia.com", "said", "Secunia.com", "mixed-fragment",
              ["highly critical"],
              note="the clause after ';' is part of the complement (parataxis under 'has' in the tree)"),
        indirect("the latest versions of Internet Explorer provide the user with enhanced protection from"
                 " these attacks and threats",
                 "Microsoft", "says", "Microsoft", "indirect-that"),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_iodine": [
        indirect("Almost half of all Australian primary school children are mild to moderately iodine"
                 " deficient",
                 "researchers", "say", "researchers", "indirect-inverted"),
        indirect("many are not getting enough iodine",
                 "A new study", "revealed", "Australian National Iodine Nutrition Study", "indirect-bare",
                 note="the dash-set relative '- which can lead to mental and growth retardation' is the"
                      " narrator's background and is left out"),
        mixed('iodine deficiency is "the sleeper health issue in Australia", and potentially a very serious'
              " one",
              "The report's authors", "say", "report's authors", "mixed-fragment",
              ["the sleeper health issue in Australia"]),
        indirect("children in mainland Australia are borderline iodine deficient",
                 "The results of the Australian National Iodine Nutrition Study", "revealed",
                 "Australian National Iodine Nutrition Study", "indirect-that",
                 note="the participial 'published in the Medical Journal of Australia this week' is not part"
                      " of the speaker mention"),
        # "The report has prompted calls for ...": the callers are not given -> not annotated.
        indirect("adding the mineral to salt is the simplest and most effective method of preventing iodine"
                 " deficiency disorders",
                 "They", "say", "report's authors", "indirect-bare"),
        indirect("the results confirm the existence of inadequate iodine intake in the Australian population",
                 "The authors", "say", "authors", "indirect-bare"),
        direct("urgent implementation of mandatory iodisation of all edible salt in Australia.",
               "They", "call for", "authors", "subj-verb-quote"),
        indirect("it is crucial that children and pregnant women in particular have an adequate intake of"
                 " iodine",
                 "Professor Cres Eastman, Director of the National Iodine Nutrition study, and Chairman of the"
                 " Australian Centre for Control of Iodine Deficiency Disorders",
                 "says", "Cres Eastman", "indirect-bare"),
        indirect("manufacturers could easily remedy the situation by using iodised salt in their products in"
                 " line with the United States and most European countries",
                 "Professor Eastman", "says", "Cres Eastman", "indirect-bare"),
        direct("I suspect they won't do that on a voluntary basis, we've tried so far and haven't succeeded,"
               " so we've convinced the Food Standards of Australia and New Zealand | that all salt should be"
               " iodised,",
               "he", "said", "Cres Eastman", "quote-comma-subj-verb",
               note="the stray '|' is in the source (GUM marks it Typo=Yes)"),
        indirect("the decline in iodine intake appears to be due to changes in the dairy industry, where"
                 " chlorine-containing sanitisers have replaced iodine-containing sanitisers",
                 "The report", "says", "Australian National Iodine Nutrition Study", "indirect-bare",
                 note="the 'where' clause is part of the reported explanation"),
        indirect("few if any food manufacturers use iodised salt in the preparation and manufacture of foods",
                 "The report", "states", "Australian National Iodine Nutrition Study", "indirect-that"),
        indirect("iodine is added to only 10 per cent of Australian salt in contravention of a World Health"
                 " Organisation recommendation that all salt be iodised",
                 "Professor Eastman", "says", "Cres Eastman", "indirect-bare"),
        indirect("authorities are reacting slowly to his urgent calls for mandatory iodised salt",
                 "He", "says", "Cres Eastman", "indirect-bare"),
        direct(Upto("The effects of iodine deficiency are dependent", "learning difficulties, hearing"
                    " difficulties and other neurological problems,"),
               "Professor Eastman", "said", "Cres Eastman", "quote-comma-subj-verb"),
        cont(Upto("If an infant's not getting enough iodine", "pernicious effects upon normal function in"
                  " life.")),
        indirect("every country should iodise all edible salt",
                 "The World Health Organisation (WHO)", "recommends", "World Health Organisation",
                 "indirect-that"),
        indirect("Iodine deficiency is the world’s most prevalent, yet easily preventable, cause of brain"
                 " damage",
                 "WHO", "say", "World Health Organisation", "indirect-bare"),
        indirect("he is alarmed by what they found",
                 "Professor Eastman", "said", "Cres Eastman", "indirect-bare"),
        direct("Pregnant women in Australia are getting about half as much as what they require on a daily"
               " basis. So that alarms me, because there's quite serious potential for adverse effects and"
               " brain damage in the next generation of children born in this country,",
               "he", "said", "Cres Eastman", "quote-comma-subj-verb"),
        cont("If Iodine deficiency is serious you lose 15 IQ points, on average. There shouldn't be anyone"
             " suffering from iodine deficiency in a developed country like Australia."),
        indirect("they are looking at mandatory guidelines on iodine by the end of the year",
                 "Lydia Buchtmann for Food Standards Australia New Zealand", "says", "Lydia Buchtmann",
                 "indirect-bare"),
        indirect("the issue is complicated and will take time to get right",
                 "She", "says", "Lydia Buchtmann", "indirect-bare"),
        mixed(Upto("We need to \"make sure there's sufficient iodine", "don't get too much and get overdose,\""),
              "Ms Bauchtman", "said", "Lydia Buchtmann", "mixed-fragment",
              [Upto("make sure there's sufficient iodine", "don't get too much and get overdose,")],
              note="the quotation opens after 'We need to', which is the speaker's wording outside the"
                   " marks; the article spells her 'Buchtmann' and 'Bauchtman'"),
        cont("One of the reasons that iodine is going down is because people are taking that good healthy"
             " eating message and not adding salt during cooking."),
        direct("it is reasonable to assume that pregnant women and breastfeeding mothers are also iodine"
               " deficient, putting the next generation of children born in this country at risk of the"
               " neuropsychological consequences of iodine deficiency.",
               "Senior researcher Mu Li, of the University of NSW's school of public health", "said", "Mu Li",
               "subj-verb-quote"),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_korea": [
        # Headline "puts military in 'quasi-state of war'": an action verb, not a position or speech
        # verb -> not annotated (the body sentence below carries the attribution).
        mixed("the country's military has been placed on high alert and has been told to prepare a"
              ' "quasi-state of war"',
              "Yonhap news agency", "According to", "Yonhap", "according-to", ["quasi-state of war"],
              note="'quoting ... KCNA' names Yonhap's own source; the speaker is Yonhap"),
        direct(Upto("War maniacs of the South Korean puppet military", "near KPA civil police posts 250 and"
                    " 251"),
               "KCNA", "said", "Korean Central News Agency", "quote-comma-verb-subj",
               note="the comma stands outside the closing mark"),
        direct("Foolhardy provocation deserves harsh punishment",
               "it", "added", "Korean Central News Agency", "quote-comma-subj-verb"),
        direct(Upto("Kim Jong-un issued an order", "to launch surprise operations"),
               "it", "added", "Korean Central News Agency", "split",
               note="'it added; and, later, \"...\"': the second quote shares the cue"),
        direct(Upto("Commanders of the Korean People's Army were hastily dispatched", "possible"
                    " counteractions"),
               "KCNA", "added", "Korean Central News Agency", "quote-comma-verb-subj"),
        # "No injuries or deaths were reported": passive, no agent -> not annotated.
        indirect("the broadcasts will continue", "South Korea", "says", "South Korea", "indirect-bare"),
        indirect("it would attack any loudspeakers broadcasting propaganda and would respond, militarily,"
                 " within 48 hours if the broadcasts do not stop",
                 "North Korea", "stated", "North Korea", "indirect-bare"),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_nasa": [
        # Caption "Charles Bolden announces where four space shuttle orbiters will be ...": a wh-clause
        # after a say-verb names the topic, not the content -> not annotated.
        indirect("new homes for retired shuttles", "NASA", "announces", "NASA", "speech-act",
                 note="headline; speech act with an NP object (guideline revision of issue 13)"),
        indirect(Upto("the locations that would be given", "the end of the Space Shuttle program"),
                 "NASA Administrator Charles Bolden", "announced", "Charles Bolden", "speech-act",
                 note="speech act with an NP object (guideline revision of issue 13)"),
        direct("We want to thank all of the locations that expressed an interest in one of these national"
               " treasures,",
               "Bolden", "said", "Charles Bolden", "quote-comma-verb-subj"),
        cont(Upto(("This was a very difficult decision, but one that was made", 0), "international visitors."),
             note="the unmarked pull quote repeating it later ('... Charles Bolden, NASA Administrator') is"
                  " layout and is not annotated"),
        direct(Upto("Like many Texans, I am disappointed", "for the orbiter fleet."),
               "U.S. Senator John Cornyn, Republican from Texas", ("statement", 0), "John Cornyn",
               "statement-then-quote"),
        direct(Upto("There is no question Houston should have been selected", "the Administration's misguided"
                    " decision."),
               "Cornyn's statement", "added", "John Cornyn", "subj-verb-comma-quote",
               flags=["unbalanced"],
               note="the closing mark is a left double quotation mark (U+201C)"),
        direct(Upto("The Museum of Flight put a tremendous amount of effort", "NASA did not choose them."),
               "Governor of Washington Chris Gregoire", "said", "Chris Gregoire", "subj-verb-comma-quote",
               flags=["multi-paragraph"],
               note="no closing mark: the quote goes on in a later paragraph, after an image caption"),
        cont(Upto("However, the full fuselage trainer", "engineering and math."),
             flags=["multi-paragraph"],
             note="re-opens the quote left open two paragraphs up, after an image caption"),
        # Pull quote "Today's announcement is an affront ... John Cornyn, U.S. Senator (R-Texas)": layout
        # repetition without marks or cue -> not annotated.
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_sensitive": [
        # 'adding the words "and Emergency"': a mention of words -> not annotated.
        indirect("they apply to letters of complaint, criticism or injury, research or scientific notes and"
                 " findings that don`t have any conclusion, and Treasury Board letters, agendas and minutes"
                 " that don`t deal with subjects of national interest",
                 "Environment Canada spokesperson Julie Hahn", "said", "Julie Hahn", "indirect-bare"),
        mixed('how such documents that are supposed to be stored in "approved security cabinets" wound up on'
              " the street",
              "Environment Minister John Baird", "asked", "John Baird", "mixed-fragment",
              ["approved security cabinets"],
              note="indirect question (the content of a verb of asking)"),
        direct("I'm told two things: that it's neither classified nor secret and that it's stuff that could be"
               " available under access to information,",
               "Baird", "said", "John Baird", "quote-comma-subj-verb"),
        indirect("the department will look into the incident",
                 "Environment Canada spokeswoman Sujata Raisinghani", "told", "Sujata Raisinghani",
                 "indirect-bare"),
        direct("We take document security seriously,", "she", "said", "Sujata Raisinghani",
               "quote-comma-subj-verb"),
        indirect("the combined security lapses raise serious questions about the government's ability to"
                 " secure sensitive documents",
                 "Paul Dewar, an Ottawa New Democrat MP", "said", "Paul Dewar", "indirect-bare"),
        indirect("bureaucrats of the Conservative government have complained to him about document security to"
                 " the point that they can`t share the information with their own colleagues",
                 "Dewar", "says", "Paul Dewar", "indirect-that"),
        indirect("it wasn't particularly sensitive", "the government", "says", "government", "indirect-bare",
                 note="probably still Dewar's view, but the sentence has no cue for him"),
        direct("This government is so consumed with control of information and secrecy yet they don't seem to"
               " be able to get the fundamentals right,",
               "Dewar", "said", "Paul Dewar", "quote-comma-subj-verb"),
        # The "Sources" list: quoted titles of cited articles (one of them "..., say feds") -> not annotated.
    ],
    # ------------------------------------------------------------------------------------------------
    # Held-out documents (corpus/heldout.txt): annotated by these guidelines, blind to the extractor.
    "GUM_news_hackers": [
        # "Wikinews has learned that ...": 'learn' is not a cue; the 'according to' inside it is.
        indirect("the Church of Scientology's website is being attacked by hackers, causing the site to shut down",
                 "an Internet posting", "according to", "Internet posting", "according-to",
                 note="the participial 'made just over 24 hours ago' is not part of the speaker mention"),
        # 'a user labelled "Anonymous"', 'the website "Insurgency Wiki"', 'The "History" section': names.
        indirect("the incident was prompted by the Church of Scientology's attempts to remove a promotional video"
                 " featuring Scientologist Tom Cruise from YouTube",
                 "The \"History\" section of the site", "explains", "Insurgency Wiki", "indirect-that",
                 note="a document of a source (the site's History section): the name is the site's; the"
                      " quoted section name is a name, not a fragment"),
        # "the Church of Scientology's requests to take down the video": a noun, no verb cue -> not annotated.
        indirect("they will keep hosting the video",
                 "other sites such as Gawker.com", "stated", "other sites such as Gawker.com", "indirect-that"),
        # Quote box '"So far, it's the Internet: 1, Scientology: 0. But it's a long game." - Matthew Ingram':
        # layout, a name after the quote and no cue (like a pull quote) -> not annotated.
        # 'dubbed the ongoing conflict ...: "Scientology vs. the Internet, part XVII"': a name given to the
        # conflict (like 'named their robot "Robogee."') -> not annotated.
        mixed(Upto("the conflict between the Church of Scientology", "an all-out war.\""),
              "He", "characterized", "Matthew Ingram", "agentive-fragment",
              [Upto("another small skirmish in a war", "an all-out war.")]),
        # Quote box '"Prompted I think ... Scientology." Anonymous blogger, "Anon declares war ..."': a pull
        # quote repeating the poster's quote below, and a title -> not annotated.
        indirect("to being a part of the effort",
                 "One poster", "admitted", "One poster", "infinitival",
                 note="'admit' as a speech act (a confession); the complement is 'to' + gerund"),
        direct(Upto("I have myself, as per instructions", "every now and again."),
               "One poster", "writing", "One poster", "subj-verb-quote",
               note="the subject of the participle 'writing' is the speaker; the inner 'events' are scare"
                    " quotes"),
        direct(("Prompted I think by the Tom Cruise video, a new obsession is taking hold on the internet. An"
                " insurgency against The Church of Scientology.", 1),
               "The poster", "wrote", "poster", "subj-verb-quote",
               note="'wrote that \"...\"': every word of the complement is inside the marks, so direct"),
        direct(Upto("Someone emailed me earlier today", "crash a website’s database,"),
               "the post by an unknown author on pigmy", "said", "unknown author on pigmy",
               "quote-comma-verb-subj",
               note="a document of a source: the name is its (unnamed) author's"),
        mixed("when they are able to reach the site, all they get is a message stating, \"The word scientology"
              " means search for truth ...\"",
              "Some individuals", "reported", "Some individuals", "mixed-fragment",
              ["The word scientology means search for truth ..."],
              note="the message's own wording ('stating') is nested in the individuals' report: only the"
                   " outermost attribution is annotated"),
        # "Posts ... theorized that ...": 'theorize' is a cognition verb (like 'suspect') -> not annotated.
        indirect("as of Friday the Scientology.org site was either not loading at all, or loading very slowly",
                 "Posts on the message board for the Scientology-critic site Operation Clambake from Friday",
                 "wrote",
                 "Posts on the message board for the Scientology-critic site Operation Clambake from Friday",
                 "indirect-that",
                 note="unnamed posters: the name is the mention itself"),
        # "were critical of the attacks": a position with no clause and no quoted wording -> not annotated.
        direct("How can people look at both sides if one side is gone?",
               "one poster", "writing", "one poster", "subj-verb-quote"),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_taxes": [
        indirect("taxes from religious schools", "Local municipalities in Italy", "ask",
                 "Local municipalities in Italy", "speech-act-object", note="a headline; " + NOUN_PHRASE),
        indirect("to pay taxes for property and local services",
                 "several municipalities", "asking", "several municipalities", "infinitival",
                 note="directive speech act: 'asking religious schools to ...'"),
        indirect("to pay property taxes",
                 "the request of the Municipality of Livorno", "asking", "Municipality of Livorno",
                 "infinitival",
                 note="the request (a document of the municipality) asks: directive speech act"),
        # "Requests have come from ...", "refusals of his requests for payment": nouns, no content.
        indirect("to assure the local administrations of the region regularly apply the sentence of the Supreme"
                 " Court",
                 "the M5S party", "asks", "Movimento 5 Stelle", "infinitival",
                 note="directive speech act: 'asks to the regional government to ...'"),
        direct("because the users of the private schools pay a frequency fee, this kind of activity is"
               " considered as a commercial one",
               "The city", "reasoned", "Municipality of Livorno", "subj-verb-comma-quote",
               note="'reasoned, \"...\"' introduces the city's argument: a verb of saying here; '((it))' after"
                    " the mark is a link to the Italian source"),
        mixed('a "more general reflection" ((it)) is needed',
              "Minister of Education Stefania Giannini", "said", "Stefania Giannini", "mixed-fragment",
              ["more general reflection"],
              note="'((it))' is a source link marker kept inside the reported clause"),
        direct("a discussion table will be opened with the non-profit associations, religious association"
               " included",
               "Claudio De Vincenti, undersecretary to the prime minister", "said", "Claudio De Vincenti",
               "subj-verb-quote"),
        direct(Upto("many schools will increase their fees", "to build new structures and manage them"),
               "Undersecretary for Education Mr. Toccafondi", "says", "Toccafondi", "subj-verb-quote"),
        indirect("some regional counter-measures to finance private schools", "Roberto Maroni", "proposing",
                 "Roberto Maroni", "speech-act-object", note=NOUN_PHRASE),
        mixed('the sentence "dangerous" ((it)) and "ideological"',
              "The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino", "called",
              "Nunzio Galantino", "agentive-fragment", ["dangerous", "ideological"],
              note="the trailing '((it))' link marker and the colon are left out"),
        cont(Upto("We face a dangerous sentence.", "kind of good service private schools held"),
             note="the paragraph after 'has called the sentence \"dangerous\" ... :' has no cue of its own"),
        # "are concerned the Government will ...": not a speech verb -> not annotated.
        indirect("the court's judgement as historic", "The secularist magazine MicroMega", "describe", "MicroMega",
                 "speech-act-object", note=NOUN_PHRASE),
        indirect("to respect and execute the sentence of the Supreme Court",
                 "a petition", "asking", "Union of Rationalist Atheists and Agnostics", "infinitival",
                 note="the petition (a document of the UAAR) asks; the relative clause 'which now has ..."
                      " signatures' is not part of the speaker mention"),
        indirect("to ask for application of the law in their local municipalities",
                 "It", "encouraging", "Union of Rationalist Atheists and Agnostics", "infinitival",
                 note="'encouraging citizens to ...' as a directive speech act (urging) of the campaign"),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_warhol": [
        # Captions, "spoke to donors", "expressed interest in further donations" (NP): not annotated.
        indirect("The Polaroids were all donated by the Andy Warhol Photographic Legacy Program",
                 "Kristen Wilkins, assistant professor of photography and curator of the exhibit", "according to",
                 "Kristen Wilkins", "according-to",
                 note="an audio caption spells her 'Kristin Wilkins'"),
        indirect("the 2007 starting date of the donation program, which is part of the Andy Warhol Foundation for"
                 " the Visual Arts, coincided with the 20th anniversary of Andy Warhol's death in 1987",
                 "Wilkins", "observed", "Kristen Wilkins", "indirect-that",
                 note="'observed that' of an interviewee is a verb of saying (remarked); 'Wikinews observed'"
                      " (the reporters' perception) is not annotated"),
        indirect("500 institutions received the initial invitation and currently 190 universities have accepted"
                 " one or more donations",
                 "K.C. Maurer, chief financial officer and treasurer at the Andy Warhol Foundation", "said",
                 "K.C. Maurer", "indirect-bare"),
        indirect("Institutional recipients",
                 ("Mauer", 0), ("said", 1), "K.C. Maurer", "indirect-inverted",
                 note="the cue is a parenthetical inside the reported clause: two pieces, the cue in neither"
                      " (revision of issue 25; taken whole before); 'Mauer' is the article's spelling of Maurer"),
        indirect("are required to exhibit their donated Warhol photographs every ten years as one stipulation",
                 ("Mauer", 0), ("said", 1), "K.C. Maurer", "mid-cue-piece", note="the second piece"),
        indirect("the Weatherspoon Art Museum at the University of North Carolina at Greensboro saw attendance"
                 " levels reach 11,000 visitors when it exhibited its Warhol collection in 2010",
                 "curator Elaine Gustafon", "according to", "Elaine Gustafon", "according-to",
                 note="'For example,' links to the narrator's previous sentence and is left out"),
        direct("I think America's obsession with celebrity culture is as strong today as it was when Warhol was"
               " living",
               "Gustafon", "said", "Elaine Gustafon", "quote-comma-verb-subj",
               note="the comma stands outside the closing mark"),
        cont("People are still intrigued by how stars live, dress and socialize, since it is so different from"
             " most people's every day lives."),
        indirect("Warhol's obsession with celebrities began when he first collected head shots as a kid and"
                 " continued as a passion throughout his life",
                 "Wilkins", "explained", "Kristen Wilkins", "indirect-bare"),
        direct("He's hanging out with the celebrities, and has kind of become the same sort of celebrity he was"
               " interested in documenting earlier in his career",
               "Wilkins", "said", "Kristen Wilkins", "quote-comma-subj-verb"),
        # 'Wikinews observed the USI exhibit identifies ...': the reporters' perception -> not annotated.
        # 'Polaroids of "unknowns"': scare quotes.
        direct("These images serve as documentation of people in his every day life and art - one which many of"
               " us enjoy a glimpse into.",
               "Cynthia Thompson, curator and director of exhibits at the University of Arkansas, Fayetteville",
               "said", "Cynthia Thompson", "subj-verb-comma-quote"),
        direct("Pop art was about what popular American culture really thought was important",
               "Kathryn Waters", "said", "Kathryn Waters", "quote-comma-subj-verb"),
        cont(Upto("That's why he did the Campbell Soup cans", "has only increased probably a thousand fold.")),
        direct("I think everybody knows Andy Warhol's name, even non-art people, that's a name they might know"
               " because he was such a personality",
               "Water", "said", "Kathryn Waters", "quote-comma-subj-verb",
               note="'Water' is the article's misspelling of Waters"),
        direct(Upto("I think his photography is equally influential", "really ground-breaking in that regard."),
               "Hilary Braysmith, USI associate professor of art history", "said", "Hilary Braysmith",
               "subj-verb-comma-quote"),
        direct("[Warhol] liked the way photo booths and the Polaroid's front flash looked",
               "Wilkins", "said", "Kristen Wilkins", "subj-verb-comma-quote", flags=["unbalanced"],
               note="the opening mark is displaced: 'said,\" [Warhol]' (no space before it, one after it)"),
        # "She explained how Warhol's adoption ... revealed his process": a wh-clause after a verb of saying
        # names the topic -> not annotated.
        indirect("Warhol was able to reproduce the Polaroid photograph and create an enlargement of it, which he"
                 " then could use to commit the image to the silk screen medium by applying paint or"
                 " manipulating them further",
                 "Wilkins", "According to", "Kristen Wilkins", "according-to",
                 note="the 'which' clause is part of the reported explanation"),
        # '"Cowboys and Indians"': a title.
        indirect("Warhol was both an artist and a businessperson",
                 "Wilkins", "said", "Kristen Wilkins", "indirect-bare"),
        cont(Upto("As a way to commercialize his work", "very business minded about that."),
             note="a quote standing alone right after Wilkins' indirect quote: inherits 'said'"),
        direct("He wanted to be rich and famous and he made lots of choices to go that way",
               "Wilkins", "said", "Kristen Wilkins", "quote-comma-subj-verb"),
        indirect("she was willing to skip class Thursday night to attend the opening exhibit",
                 "Kiara Perkins, a second year USI art major", "admitted", "Kiara Perkins", "indirect-bare",
                 note="'but then circumstances allowed ...' is conjoined to 'admitted' (the narrator's)"),
        cont("It's Warhol. He is a legend.",
             note="her answer after the narrator's question 'Why did she so badly want to attend?'"),
        # "For Kevin Allton, ..., Warhol was also a legend.": the narrator's, no cue -> not annotated.
        direct("Andy Warhol was the center of the Zeitgeist for the 20th century and everything since. He is a"
               " post-modern diety.",
               "He", "said", "Kevin Allton", "subj-verb-comma-quote"),
        indirect("he had only seen the Silver Clouds installation before in film",
                 "Allton", "said", "Kevin Allton", "indirect-bare"),
        direct("I thought that in real life it was really kind of magical,",
               "Allton", "said", "Kevin Allton", "quote-comma-subj-verb"),
        cont("I smacked them around."),
        indirect("the touches of the Warhol Factory, or the studio where he worked, that were present around them",
                 "Waters", "noting", "Kathryn Waters", "speech-act-object", note=NOUN_PHRASE),
        # "Waters pointed out those features ...": a deictic object, no content of its own; '"electric" Kool
        # Aid', 'gumball "pills"': scare quotes; "Wikinews observed": the reporters' perception -> not annotated.
    ],
    # --- blind set (blind-a) ---
    # Annotated by the guidelines in corpus/README.md only, blind to the extractor (never run on them).
    # ------------------------------------------------------------------------------------------------
    "GUM_news_asylum": [
        # "the Indonesian Navy reportedly saved 200 more": no source -> not annotated.
        indirect("fisherman first noticed the people and a warship was deployed to retrieve them",
                 "Major general Fuad Basya, spokesman for the Indonesian military", "said", "Fuad Basya",
                 "indirect-bare",
                 note="'fisherman' is the article's misspelling of 'fishermen' (GUM: CorrectForm)"),
        # "the United Nations rates the Rohingya among the world's most persecuted groups": a judgement with
        # no clause and no quoted wording -> not annotated.
        indirect("Basya also believes the asylum seekers found in the water may have left the boat on purpose to"
                 " be rescued to avoid being sent away from Indonesia waters",
                 "ABC News", "According to", "ABC News", "according-to",
                 note="'believes' (cognition) inside the content is not a cue: the only attribution is ABC"
                      " News'"),
        indirect("the Untied Nations and United States have both criticised",
                 "AFP", "according to", "AFP", "according-to",
                 note="inside a relative clause: the relative pronoun 'which' (the policy) stands before the"
                      " cue and is left out; 'Untied' is the article's misspelling"),
        # "One Rohingya, Muhammad Amin, the first boat rescued on Friday was turned around twice, ...": a
        # source is named but the reporting verb is missing from the text; no cue -> not annotated.
        direct("We are in contact with all relevant parties, with whom we share the desire to find a solution to"
               " this crisis",
               "Malaysia's Prime Minister, Najib Razak", "said", "Najib Razak", "subj-verb-comma-quote",
               note="the full stop stands outside the closing mark; the participial 'Discussing his concern"
                    " in a public statement' is an adjunct, not the cue"),
        indirect("John Kerry, the Secretary of State, contacted Thailand's foreign minister over temporary housing"
                 " for the Rohingya out at sea",
                 "The US State Department", "said", "US State Department", "indirect-bare"),
        direct(Upto("We urge the governments of the region", "in need of an immediate rescue effort"),
               "Jeff Rathke, the State Department Spokesperson", "said", "Jeff Rathke", "subj-verb-comma-quote",
               note="the full stop stands outside the closing mark"),
        indirect("not to turn away boats of people seeking asylum",
                 "Rathke", "asked", "Jeff Rathke", "infinitival",
                 note="directive speech act 'asked the governments ... not to ...': the negation belongs to"
                      " the content"),
        # "Estimates suggest ...": evidential, no source -> not annotated.
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_expo": [
        # No quotes: '"third map"' is a term the narrator glosses (a mention), '"The Katherinator"' and
        # '"Digi-destined"' are names, "Wikinews spoke with a cosplayer" has no reported content, and the
        # "Image: Nick Moreau." lines are photo credits -> nothing annotated.
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_flag": [
        indirect(Upto("the start of a public process to suggest designs", "over the current one"),
                 "the New Zealand government", "announced", "New Zealand government", "speech-act",
                 note="speech act with an NP object (guideline revision of issue 13)"),
        indirect("Emeritus Professor John Burrows, the chairman of the project's panel of twelve, said New"
                 " Zealand's flag has never before been open to public choice",
                 "the New Zealand Herald", "According to", "New Zealand Herald", "according-to",
                 note="'According to X, Y said C': Burrows' 'said' is nested in the Herald's report, and only"
                      " the outermost attribution is annotated"),
        indirect("resources and kits would be accessible for schools and communities",
                 "Professor Burrows", "said", "John Burrows", "indirect-bare"),
        direct("For example, schools can run their own flag discussions and referendums to mirror the formal"
               " process as part of their own learning exercise",
               "Professor Burrows", "said", "John Burrows", "split", flags=["unbalanced"],
               note="a second complement of 'said' after the indirect clause ('said C,\" ...\"'), sharing its"
                    " cue (parataxis of 'said' in the tree); the opening mark is displaced (no space before"
                    " it, one after it); the full stop stands outside the closing mark"),
        # "People were encouraged to submit their designs": agentless passive -> not annotated.
        mixed('he believes redesigning the flag now has a "strong rationale"',
              "New Zealand's Prime Minister John Key", "said", "John Key", "mixed-fragment", ["strong rationale"],
              note="'believes' inside the reported clause is the speaker's hedge, not a second attribution"),
        # "Mr Key promoted the campaign ...": an action -> not annotated.
        direct("In the end I'll have one vote in each referendum just like every other New Zealander on the"
               " electoral roll",
               "he", "said", "John Key", "subj-verb-comma-quote",
               note="the full stop stands outside the closing mark"),
        # "a recent poll found only a quarter of citizens favoured changing the flag": 'find' is evidential
        # -> not annotated.
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_imprisoned": [
        indirect(("Church of Scientology imprisoned her for twelve years", 0),
                 "Australian woman", "claims", "Valeska Paris", "indirect-bare",
                 note="headline; GUM's coreference links 'Australian woman' to Valeska Paris"),
        indirect("the Church of Scientology imprisoned her for twelve years aboard the Scientology - owned cruise"
                 " ship, Freewinds",
                 "Valeska Paris, an Australian woman and former Scientologist", "claimed", "Valeska Paris",
                 "indirect-that"),
        # "she was told to disconnect from her mother": agentless passive -> not annotated.
        indirect("she was first sent to the ship aged eighteen for two weeks as a teenager but ended up spending"
                 " twelve years there",
                 ("Paris", 2), "claims", "Valeska Paris", "indirect-bare"),
        indirect("her passport was taken away from her and she was forced to work in the engine room",
                 "Paris", "claims", "Valeska Paris", "indirect-that"),
        # The box "I was basically hauled in ... suppressive. Valeska Paris": a pull quote (no marks, no cue,
        # the name after it) -> not annotated; the same sentence then opens the next paragraph.
        cont(("I was basically hauled in and told that my mum had attacked the church and that I needed to"
              " disconnect from her because she was suppressive.", 1),
             flags=["unbalanced"],
             note="a block quote in Paris's voice (first person) without marks, right after her claims and"
                  " the pull quote box: inherits 'Paris ... claims'; the nested 'told' is not annotated"),
        # "Her mother had spoken out against Scientology ...": no clause, no quoted wording -> not annotated.
        indirect("she was kept at Flag Land Base in Clearwater, Florida until she was eighteen and then"
                 " transferred to the Freewinds",
                 "Paris", "claims", "Valeska Paris", "indirect-that"),
        indirect("she was working from 6:00am to midnight and due to lack of sleep ended up being a walking zombie",
                 "Paris", "claims", "Valeska Paris", "indirect-that",
                 note="the fronted 'On board the Freewinds,' modifies 'claims' in the tree and is left out"),
        indirect("in 1997 and 1998, she was tasked with removal of asbestos from the ship",
                 "She", "claims", "Valeska Paris", "indirect-that"),
        # "which the Church describes as a religious retreat": a characterization with no clause and no
        # quoted wording -> not annotated.
        indirect("is a forced work camp", "critics", "charge", "critics", "indirect-bare",
                 note="'charge' (accuse) is a verb of saying; the subject of its clause is the relative 'which'"
                      " (Rehabilitation Project Force), shared with 'the Church describes', outside the content"),
        indirect("these allegations", "the Church", "denied", "Church of Scientology", "speech-act",
                 note="speech act with an NP object (guideline revision of issue 13); the same cue introduces"
                      " the block quote below"),
        direct("She certainly wasn't 'forced' to be there. She was also never forced to perform labour in the"
               " engine room.",
               "the Church", "denied", "Church of Scientology", "subj-verb-comma-quote", flags=["unbalanced"],
               note="a two-sentence block quote introduced by 'In a statement to the ..., the Church denied"
                    " these allegations:' across a paragraph break, without marks in the text; the single-"
                    "quoted 'forced' is the Church mentioning Paris's word, not a fragment"),
        indirect("Paris was a volunteer", "They", "claimed", "Church of Scientology", "indirect-bare",
                 note="'They' is the Church (GUM coreference); GUM's markup has a quotation element on"
                      " 'volunteer', but the text has no marks"),
        indirect("she has a vested interest for misrepresenting her experiences with the Church",
                 "They", "claim", "Church of Scientology", "indirect-bare",
                 note="the second verb of 'They also claimed ... and claim ...', sharing the subject; GUM's"
                      " markup has a quotation element here, but the text has no marks"),
        indirect("Paris not having her passport was maritime procedure",
                 "The Church", "claims", "Church of Scientology", "indirect-that"),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_lanterns": [
        # "is believed to bring good luck": agentless passive -> not annotated.
        indirect("this year the city expects about 6 million visitors",
                 "the event website", "according to", "event website", "according-to",
                 note="'C according to X', the cue after the clause; it attaches to the second conjunct"
                      " ('expects') in the tree, so 'Last Year over 4 million visitors attended the event' is"
                      " the narrator's; an unnamed website: the name is the mention"),
        # The reporter's first-person advice ("I visited the festival ...") is the narrator's -> not annotated.
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_stampede": [
        indirect("over 345 Muslim pilgrims have been killed in a stampede during the annual Hajj pilgrimage near"
                 " Mecca, Saudi Arabia",
                 "the Saudi Interior Ministry", "According to", "Saudi Interior Ministry", "according-to",
                 note="no comma between the cue phrase and the clause"),
        # "Muslims are required to ...", "the cause of which is unknown": no source -> not annotated.
    ],
    # --- blind set (blind-b) ---
    # Annotated by the written guidelines only, without running the extractor on these articles.
    # ------------------------------------------------------------------------------------------------
    "GUM_news_clock": [
        # Caption "... tweet to student Ahmed Mohamed Image: Twitter / Barack Obama.": no content -> not
        # annotated. "NASA tweeted support of Ahmed Mohamed": noun-phrase content (revision of issue 25, read
        # for it without running the extractor).
        indirect("support of Ahmed Mohamed", "NASA", "tweeted", "NASA", "speech-act-object", note=NOUN_PHRASE),
        # "a teacher mistakenly thought it resembled a bomb": cognition -> not annotated.
        indirect("the hashtag on Twitter, #IStandWithAhmed, had become an international phenomenon",
                 "The Deseret News", "observed", "Deseret News", "indirect-that",
                 note="'observed that' of a newspaper is its published remark (like Wilkins observed in"
                      " warhol), not the reporters' own perception"),
        mixed('what began as individual messages to Mohamed had grown into a "support movement"',
              "The Straits Times", "noted", "Straits Times", "mixed-fragment", ["support movement"],
              note="'noted' (remarked) with a bare clause whose subject is the free relative 'what began ...';"
                   " the quoted words are the paper's wording"),
        direct("Hoping that the #istandwithahmed movement translates into a substantive national conversation on"
               " race, punishment, and incarceration.",
               "American academic and professor Marc Lamont Hill", "commented", "Marc Lamont Hill",
               "subj-verb-comma-quote"),
        indirect("he was taking his entire family to the U.N. headquarters in New York, because international"
                 " dignitaries wanted to meet with his son and express their support",
                 "His father Mohamed El-Hassan Mohamed", "said", "Mohamed El-Hassan Mohamed", "indirect-bare",
                 note="the 'because' clause is an adjunct of 'taking' in the tree: part of the complement"),
        # "wanted to issue her support", "posted to Twitter": no content -> not annotated.
        indirect("she felt Mohamed had been subject to Islamophobia and her hashtag created greater awareness"
                 " about this issue",
                 "Jafari", "said", "Amneh Jafari", "indirect-bare",
                 note="the nested 'she felt' belongs to the reported clause"),
        direct("Cool clock, Ahmed. Want to bring it to the White House? We should inspire more kids like you to"
               " like science. It's what makes America great.",
               "US President Barack Obama", "tweeted", "Barack Obama", "subj-verb-comma-quote",
               note="'tweeted using his @POTUS account:' then the quote as its own paragraph: tweeting is"
                    " writing; the colon and paragraph break stand for the comma"),
        # "Twitter gave Mohamed the option to come ...": an action, no speech verb -> not annotated.
        indirect("the boy was welcome to come and tour the company",
                 "Facebook co-founder Mark Zuckerberg", "said", "Mark Zuckerberg", "indirect-bare",
                 note="the subject is shared by the conjoined 'tweeted to Mohamed and said'"),
        indirect("Mohamed wishes to use his newfound fame and attention to spotlight social causes including the"
                 " treatment of Muslims in the United States",
                 "Executive director of the Dallas chapter of the Council on American - Islamic Relations Alia"
                 " Salem",
                 "said", "Alia Salem", "indirect-bare"),
        indirect("the large amount of positive feedback for Mohamed had helped make his situation much better",
                 "University of Texas Arlington Muslim Student Association president Sehar Memon", "said",
                 "Sehar Memon", "indirect-bare"),
        indirect("she believed the social movement in reaction to Mohamed helped improve Muslim / non-Muslim",
                 "Memon", "said", "Sehar Memon", "indirect-bare",
                 note="the nested 'she believed' belongs to the reported clause; the clause ends abruptly in"
                      " the source"),
        indirect("the boy's religion and name were not a factor in the manner in which they approached the"
                 " situation",
                 "Both the Irving Independent School District and the Irving Police Department", "asserted",
                 "Irving Independent School District and Irving Police Department", "indirect-that",
                 note="two coordinated organizations as one speaker: the name joins their names"),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_crane": [
        # Headline "At least 107 killed in Mecca crane collapse": no source -> not annotated.
        indirect("A storm yesterday caused a crane to fall into Mecca's Grand Mosque, killing 107 or more and"
                 " wounding 238",
                 "Saudi Arabia's Civil Defense Authority", "according to", "Civil Defense Authority",
                 "according-to",
                 note="'according to' at the end of the sentence: the content is the whole main clause"),
        direct("All those who were wounded and the dead have been taken to hospital. There are no casualties left"
               " at the location.",
               "Civil Defense Authority director General Suleiman al-Amr", "said", "Suleiman al-Amr",
               "subj-verb-quote",
               note="the comma-set 'in remarks to al-Ikhbariya television' modifies 'said', not the speaker"
                    " mention"),
        # "Photos released of the scene showed ...": an evidential verb -> not annotated.
        direct("Had it happened an hour later it would have been much worse,",
               "Khaled Al-Maeena, editor at large at the Saudi Gazette", "said", "Khaled Al-Maeena",
               "quote-comma-subj-verb"),
        cont("Had it happened five hours earlier or four hours earlier, I think the death toll would have been"
             " more than a thousand."),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_election": [
        # No quote in this article. "The results show ...": an evidential verb; 'commonly know as "Super
        # District Council" seats': a name; "an independent who does not claim to belong to either camp":
        # negated speech inside a relative clause; "both considered to be in the pan-democracy camp": an
        # agentless passive -> none annotated.
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_soccer": [
        # The three coaches'/captain's quotes each run into a second paragraph that GUM marks as a quote block
        # (newpar_block = quote) and that opens without a quotation mark: the first paragraph is flagged
        # multi-paragraph (no closing mark), the second is a continuation flagged unbalanced as well (its
        # opening mark is missing), as for Gregoire's quote in GUM_news_nasa.
        direct("I think we have learned a lot from today's game.",
               "Hernan Dario Gomez, Panama coach", "said", "Hernan Dario Gomez", "subj-verb-comma-quote",
               flags=["multi-paragraph"],
               note="no closing mark: the quote goes on in the next paragraph"),
        cont(Upto("It was a very emotional day.", "they were able to focus better."),
             flags=["multi-paragraph", "unbalanced"],
             note="the paragraph goes on with the coach's quote without an opening mark; it closes at its end"),
        direct("In the first half it felt good out there.",
               "He", "said", "Harry Kane", "subj-verb-comma-quote",
               flags=["multi-paragraph"],
               note="'He' is Harry Kane (GUM coreference); no closing mark: the quote goes on in the next"
                    " paragraph"),
        cont("We could've scored two or three goals in the first half and put the game to bed early.",
             flags=["multi-paragraph", "unbalanced"],
             note="the paragraph goes on with Kane's quote without an opening mark; it closes at its end"),
        direct("We were playing against a highly-skilled and highly co-ordinated team in terms of their forward"
               " players.",
               "Tunisia's coach Nabil Maaloul", "said", "Nabil Maaloul", "subj-verb-comma-quote",
               flags=["multi-paragraph"],
               note="no closing mark: the quote goes on in the next paragraph"),
        cont(Upto("If we were to get a draw it would have been an excellent result", "in the coming games."),
             flags=["multi-paragraph", "unbalanced"],
             note="the paragraph goes on with Maaloul's quote without an opening mark; it closes at its end"),
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_warming": [
        # "The scientists found ...", "The researchers found that ...", "Results of NCLAN studies ... show ...":
        # evidential verbs; "They estimated by 2050, ...": 'estimate' is a verb of judging a quantity
        # (cognition, like 'theorize') -> not annotated.
        direct("The climate projections are quite consistent [...] the future of ozone pollution is very"
               " different [...] leading to either offsetting or reinforcing effects [of climate change] on"
               " crops",
               "coauthor Colette Heald", "told", "Colette Heald", "subj-verb-comma-quote",
               note="'As X told Y, \"...\"': the as-clause is the attribution; the full stop stands outside the"
                    " closing mark; '[...]' and '[of climate change]' are the reporter's, kept inside"),
        mixed('although temperature and ozone are separately known to impact crop yields, "nobody has looked at'
              ' these together"',
              "Heald", "said", "Colette Heald", "mixed-fragment", ["nobody has looked at these together"],
              note="the unquoted 'although' clause in front is part of the reported clause"),
        direct("Ground-level ozone causes more damage to plants than all other air pollutants combined",
               "The U.S. Department of Agriculture", "notes", "U.S. Department of Agriculture",
               "subj-verb-comma-quote",
               note="the comma stands outside the closing mark; the participial 'highlighting ...' is the"
                    " narrator's comment"),
        indirect("some crops may have higher yields with increased levels of carbon dioxide",
                 "The U.S. Environmental Protection Agency", "says", "U.S. Environmental Protection Agency",
                 "indirect-bare"),
        indirect("the findings show pollution reduction is also important",
                 "Heald", "noted", "Colette Heald", "indirect-bare",
                 note="'noted' (remarked) of an interviewee is a verb of saying; the nested 'show' belongs to"
                      " the reported clause"),
        cont(Upto("An air-quality cleanup would improve crop yields", "the steps that need to be taken to improve"
                  " air quality."),
             note="a quote standing alone right after Heald's indirect quote: inherits 'noted'"),
        indirect("US surface ozone has dropped partly due to the Clean Air Act",
                 "Heald", "told", "Colette Heald", "indirect-bare",
                 note="'As Heald told The Huffington Post, C': the as-clause is the attribution, the main clause"
                      " is the content"),
        cont(Upto("Despite an increase in vehicle miles driven", "regulations, and air quality policy."),
             note="a quote standing alone right after Heald's indirect quote: inherits 'told'"),
        # "The study was supported by ...": no speech -> not annotated.
    ],
    # ------------------------------------------------------------------------------------------------
    "GUM_news_worship": [
        indirect("worship of ancient Greek deities is legal",
                 "Greek court", "rules", "Greek court", "indirect-bare",
                 note="headline; a court's ruling is a declaration (a speech act), its clause the content"),
        indirect("worshippers of the ancient Greek religion may now formally associate and worship at"
                 " archeological sites",
                 "Greek court", "ruled", "Greek court", "indirect-that",
                 note="a court's ruling is a declaration (a speech act), its clause the content"),
        # "was banned from conducting public worship ... by the Greek Ministry of Culture": an action;
        # "is extremely critical of worshippers": a position with no clause and no quoted wording; "The Greek
        # Orthodox Church estimates that number is closer to 40,000": 'estimate' is a verb of judging a
        # quantity (cognition, like 'theorize') -> not annotated.
    ],
}


# ---------------------------------------------------------------------------------------------------
# Resolution of the text specs to offsets.


def read_article(doc_id: str) -> str:
    with (ARTICLES / f"{doc_id}.txt").open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _bounded(text: str, start: int, end: int) -> bool:
    """The match does not start or end inside a word."""
    left_ok = start == 0 or not (text[start].isalnum() and text[start - 1].isalnum())
    right_ok = end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
    return left_ok and right_ok


def occurrences(text: str, needle: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    hi = len(text) if hi is None else hi
    found = []
    i = text.find(needle, lo, hi)
    while i != -1:
        if _bounded(text, i, i + len(needle)):
            found.append((i, i + len(needle)))
        i = text.find(needle, i + 1, hi)
    return found


def resolve_unique(text: str, spec, what: str, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """A span from a spec that must pick exactly one place in text[lo:hi]."""
    if isinstance(spec, Upto):
        start = resolve_unique(text, spec.first, what, lo, hi)[0]
        lasts = occurrences(text, spec.last, start, hi)
        if not lasts:
            raise AnnotationError(f"{what}: {spec.last!r} not found after {spec.first!r}")
        return start, lasts[0][1]
    if isinstance(spec, tuple):
        needle, index = spec
        found = occurrences(text, needle, lo, hi)
        if index >= len(found):
            raise AnnotationError(f"{what}: {needle!r} has {len(found)} occurrences, no index {index}")
        return found[index]
    found = occurrences(text, spec, lo, hi)
    if len(found) != 1:
        raise AnnotationError(f"{what}: {spec!r} occurs {len(found)} times, expected exactly once")
    return found[0]


def resolve_near(text: str, spec, content: tuple[int, int], what: str, inside: bool = False) -> tuple[int, int]:
    """Speaker or cue: the occurrence nearest the content (outside it unless ``inside``)."""
    if isinstance(spec, tuple):
        return resolve_unique(text, spec, what)
    c_start, c_end = content
    candidates = []
    for start, end in occurrences(text, spec):
        overlaps = start < c_end and c_start < end
        if overlaps and not inside:
            continue
        distance = 0 if overlaps else (c_start - end if end <= c_start else start - c_end)
        candidates.append((distance, start, end))
    if not candidates:
        raise AnnotationError(f"{what}: {spec!r} not found")
    candidates.sort()
    best = candidates[0]
    if len(candidates) > 1 and candidates[1][0] == best[0]:
        raise AnnotationError(f"{what}: two occurrences of {spec!r} are equally near the content")
    if best[0] > NEAR:
        raise AnnotationError(f"{what}: nearest {spec!r} is {best[0]} characters from the content")
    return best[1], best[2]


def span(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The first non-space characters before and after a span."""
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    j = end
    while j < len(text) and text[j].isspace():
        j += 1
    return (text[i] if i >= 0 else ""), (text[j] if j < len(text) else "")


def check_record(text: str, q: Q, content: tuple[int, int], fragments: list[tuple[int, int]], what: str):
    if q.kind not in KINDS:
        raise AnnotationError(f"{what}: unknown kind {q.kind!r}")
    if q.rule not in RULES[q.kind]:
        raise AnnotationError(f"{what}: rule {q.rule!r} is not a {q.kind} rule")
    if set(q.flags) - FLAGS:
        raise AnnotationError(f"{what}: unknown flags {sorted(set(q.flags) - FLAGS)}")
    c_text = text[content[0] : content[1]]
    if c_text != c_text.strip() or not c_text:
        raise AnnotationError(f"{what}: content is empty or has surrounding whitespace")
    if q.kind == "direct":
        before, after = _around(text, *content)
        open_ok = before in QUOTE_MARKS or "unbalanced" in q.flags
        close_ok = after in QUOTE_MARKS or {"unbalanced", "multi-paragraph"} & set(q.flags)
        if not (open_ok and close_ok):
            raise AnnotationError(f"{what}: direct content is not between quotation marks ({before!r}, {after!r})")
    if q.kind == "mixed" and not fragments:
        raise AnnotationError(f"{what}: a mixed quote needs at least one fragment")
    if q.kind != "mixed" and fragments:
        raise AnnotationError(f"{what}: only mixed quotes have fragments")
    for f_start, f_end in fragments:
        before, after = _around(text, f_start, f_end)
        if before not in QUOTE_MARKS or after not in QUOTE_MARKS:
            raise AnnotationError(f"{what}: fragment {text[f_start:f_end]!r} is not between quotation marks")
    if q.kind == "indirect" and any(m in c_text for m in QUOTE_MARKS) and not q.note:
        raise AnnotationError(f"{what}: indirect content holds a quotation mark; mixed, or explain in a note")
    if q.kind != "direct" and c_text[-1] in ".,;:" and c_text[-2:] != '."':
        raise AnnotationError(f"{what}: indirect/mixed content must not end with its sentence punctuation")
    if (q.speaker is None) != (q.name is None) and q.speaker is not SAME:
        raise AnnotationError(f"{what}: speaker and speaker_name must both be given or both be null")
    if (q.cue is SAME) != ("continuation" in q.flags) or q.cue is None:
        raise AnnotationError(f"{what}: every quote has a cue; exactly the continuations inherit theirs")


def build_records() -> list[dict]:
    records: list[dict] = []
    for doc_id, items in ANNOTATIONS.items():
        text = read_article(doc_id)
        boundaries = token_boundaries(doc_id, text)
        doc_records: list[tuple[int, dict]] = []
        previous: dict | None = None
        for n, q in enumerate(items):
            what = f"{doc_id} annotation {n} ({q.content!r:.60})"
            content = resolve_unique(text, q.content, what + " content")
            fragments = [resolve_unique(text, f, what + " fragment", *content) for f in q.fragments]
            check_record(text, q, content, fragments, what)
            if q.speaker is SAME:
                if previous is None:
                    raise AnnotationError(f"{what}: a continuation needs a previous quote")
                speaker, name = previous["speaker"], previous["speaker_name"]
            elif q.speaker is None:
                speaker, name = None, None
            else:
                s = resolve_near(text, q.speaker, content, what + " speaker")
                speaker, name = span(text, *s), q.name
            cue = None
            if q.cue is SAME:
                cue = previous["cue"] if previous is not None else None
            elif q.cue is not None:
                c = resolve_near(text, q.cue, content, what + " cue")
                if q.rule == "agentive-fragment" and text[c[1] : content[0]].strip():
                    # Content never holds its cue (revision of issue 25): it starts right after the verb.
                    raise AnnotationError(f"{what}: an agentive-fragment content starts right after its cue")
                cue = span(text, *c)
            record = {
                "doc_id": doc_id,
                "gold_id": None,
                "kind": q.kind,
                "content": span(text, *content),
                "speaker": speaker,
                "speaker_name": name,
                "cue": cue,
                "fragments": [span(text, *f) for f in fragments],
                "flags": list(q.flags),
                "rule": q.rule,
            }
            if q.note:
                record["note"] = q.note
            if boundaries is not None:
                check_boundaries(record, boundaries, what)
            doc_records.append((content[0], record))
            previous = record
        doc_records.sort(key=lambda item: item[0])
        starts = [start for start, _ in doc_records]
        if len(set(starts)) != len(starts):
            raise AnnotationError(f"{doc_id}: two quotes share a content start")
        for i, (_, record) in enumerate(doc_records, 1):
            record["gold_id"] = f"{doc_id}#g{i:02d}"
            records.append(record)
    return records


# ---------------------------------------------------------------------------------------------------
# Token boundaries from the gold CoNLL-U (GUM documents only).


def token_boundaries(doc_id: str, text: str) -> tuple[set[int], set[int]] | None:
    """Start and end offsets of the gold tokens, aligning each '# text' sentence into the article."""
    path = ARTICLES / f"{doc_id}.conllu"
    if not path.exists():
        return None
    starts: set[int] = set()
    ends: set[int] = set()
    pos = 0
    sentence: str | None = None
    tokens: list[tuple[str, list[str]]] = []
    skip_to = 0

    def flush() -> None:
        nonlocal pos
        if sentence is None:
            return
        at = text.find(sentence, pos)
        if at == -1:
            raise AnnotationError(f"{doc_id}: sentence not found in order: {sentence[:60]!r}")
        i = at
        for form, words in tokens:
            while text[i].isspace():
                i += 1
            if text[i : i + len(form)] != form:
                raise AnnotationError(f"{doc_id}: token {form!r} does not align at {i}")
            starts.add(i)
            if words and "".join(words) == form:
                j = i
                for w in words:
                    starts.add(j)
                    j += len(w)
                    ends.add(j)
            i += len(form)
            ends.add(i)
        pos = at + len(sentence)

    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if line.startswith("# text = "):
                flush()
                sentence, tokens, skip_to = line[len("# text = ") :], [], 0
            elif line and not line.startswith("#"):
                cols = line.split("\t")
                ident = cols[0]
                if "." in ident:
                    continue
                if "-" in ident:
                    tokens.append((cols[1], []))
                    skip_to = int(ident.split("-")[1])
                    continue
                if int(ident) <= skip_to:
                    tokens[-1][1].append(cols[1])
                    continue
                tokens.append((cols[1], []))
    flush()
    return starts, ends


def check_boundaries(record: dict, boundaries: tuple[set[int], set[int]], what: str) -> None:
    starts, ends = boundaries
    spans = [("content", record["content"]), ("speaker", record["speaker"]), ("cue", record["cue"])]
    spans += [("fragment", f) for f in record["fragments"]]
    for name, s in spans:
        if s is None:
            continue
        if s["start"] not in starts or s["end"] not in ends:
            raise AnnotationError(f"{what}: {name} {s['text'][:40]!r} is not on token boundaries")


# ---------------------------------------------------------------------------------------------------


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def counts_table(records: list[dict]) -> str:
    per_doc: dict[str, Counter] = {}
    for r in records:
        per_doc.setdefault(r["doc_id"], Counter())[r["kind"]] += 1
    lines = ["| document | direct | indirect | mixed | total |", "|---|---:|---:|---:|---:|"]
    total: Counter = Counter()
    for doc_id, c in per_doc.items():
        total.update(c)
        lines.append(f"| {doc_id} | {c['direct']} | {c['indirect']} | {c['mixed']} | {sum(c.values())} |")
    lines.append(f"| all | {total['direct']} | {total['indirect']} | {total['mixed']} | {sum(total.values())} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with corpus/gold.jsonl, write nothing")
    args = parser.parse_args(argv)
    try:
        records = build_records()
    except AnnotationError as error:
        print(f"annotation error: {error}", file=sys.stderr)
        return 2
    data = dumps(records)
    if args.check:
        if not GOLD.exists() or GOLD.read_text(encoding="utf-8") != data:
            print(f"{GOLD} is stale: run python corpus/annotate.py", file=sys.stderr)
            return 1
        return 0
    GOLD.write_text(data, encoding="utf-8", newline="\n")
    print(f"wrote {len(records)} quotes to {GOLD.relative_to(CORPUS.parent)}")
    print(counts_table(records))
    return 0


if __name__ == "__main__":
    sys.exit(main())
