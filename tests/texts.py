"""Short test articles, written for the project; their parses are stored in data/parses.jsonl."""

ALBU_KAMAL = open(__file__.replace("texts.py", "../corpus/albu-kamal-2017.txt"), encoding="utf-8").read()

TEXTS = {
    "said_after": '"The bridge will reopen in March," said Mayor Lena Hartwig.\n',
    "said_before_colon": 'Lena Hartwig, the mayor of Oster, said: "The bridge will reopen in March."\n',
    "split_quote": '"The work is hard," Hartwig said. "But we are on schedule."\n',
    "reported_that": "The mayor of Oster, Lena Hartwig, said that the bridge would reopen in March.\n",
    "reported_after": "The bridge would reopen in March, the council said on Monday.\n",
    "told": "Lena Hartwig told Reuters the repairs had cost more than expected.\n",
    "according_to": "According to the Oster Transport Authority, the bridge carries 40,000 cars a day.\n",
    "according_to_who": "The bridge will close in March, according to two council officials who asked not to be named.\n",
    "according_to_tagged_verb": "According to the Associated Press, the council will close the bridge in March.\n",
    "in_a_statement": "The Oster Transport Authority said in a statement that the bridge would reopen in March.\n",
    "mixed": 'Hartwig said the delay was "regrettable but unavoidable" given the winter.\n',
    "scare": 'Residents call the old crossing the "rattler" because of its noise.\n',
    "title": 'The mayor has read "The Bridge on the River Kwai" many times.\n',
    "pronoun": ('Lena Hartwig, the mayor of Oster, visited the site on Monday.\n'
                '"We have learned a lot," she said.\n'),
    "role_noun": ('Karel Bosch, a spokesman for the Oster Transport Authority, said the bridge was safe.\n'
                  '"There is no danger to anyone," the spokesman said.\n'),
    "continuation": ('"We will reopen the bridge in March," said Lena Hartwig, the mayor.\n'
                     '"Then the trams will run again."\n'),
    "anonymous": "A senior official, who spoke on condition of anonymity, said the contract would be cancelled.\n",
    "acronym": ("The Oster Transport Authority (OTA) closed the bridge in May.\n"
                "The OTA said the repairs would take ten months.\n"),
    "surname": ("Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, told AFP the town had fallen.\n"
                '"The militants went back in," Abdel Rahman said.\n'),
    "no_quotes": "The bridge was built in 1904 and carries trams and cars.\n",
    "unpaired": 'The mayor said "we will reopen it soon.\nThe council agreed.\n',
    "interrupted": "The new timetable, Hartwig said, will start in April.\n",
    "interrupted_adverb": "Otherwise, Hartwig said, the council would have to close the bridge.\n",
    "when_said": "The mayor was applauded when she said the bridge would reopen in March.\n",
    "phrasal": "The mayor did not show up at the meeting.\n",
    "intent": "Hartwig wants to reopen the bridge in March.\n",
    "called_for": "The union called for the bridge to be closed.\n",
    "said_and_warned": "Hartwig said the bridge would reopen in March and warned that delays were possible.\n",
    "doubled_marks": ("''The bridge will reopen in March,'' said Lena Hartwig, the mayor of Oster. "
                      "''Then the trams will run again.''\n"),
    "byline": ('Readers wrote in after the debate.\n'
               '"The bridge matters more than the election." ― Mira Kovač\n'),
    "asked": '"Will the bridge reopen in March?" asked Jonas Brandt, the opposition leader.\n',
    "slogan": ('Hundreds marched to the town hall behind a banner reading "Save our bridge".\n'
               '"We will not give up," said Mira Kovač, who runs a bakery near the ramp.\n'),
    "said_adding": "Hartwig said the bridge would reopen in March, adding that the trams would return in April.\n",
    "company_short": ("Parlo Technologies said it would appeal against the decision.\n"
                      "Parlo’s spokesman said the upload had been switched off last year.\n"),
    "exchange": ("Mira Kovač was opening her bakery when Jonas Brandt, a reporter for Radio Oster, stopped to talk to her.\n"
                 '"Did anyone warn you about the closure?" Brandt asked.\n'
                 '"Nobody. We read about it in the paper."\n'
                 '"And the council?"\n'
                 '"The council never came," she said.\n'),
    "mixed_far_cue": 'Hartwig said residents were right to blame the council for "years of broken promises and endless delays."\n',
    "saying": ("Lena Hartwig chimed in on the radio, saying that the bridge would reopen in March.\n"
               '"We will manage," the mayor said, arguing that the trams could run on the old line.\n'),
    "label_inside": ('A partial transcript follows.\n'
                     '"WALLACE: Will the bridge reopen in March?\n'
                     '"(CROSSTALK.)\n'
                     '"HARTWIG: It will, and the trams will run again."\n'),
    "called_quote": 'Hartwig called the ruling a "huge win for the people of Oster."\n',
    "stray_comma": ('Tuesday at Oster University in Brennmoor, after winning Oster in the regional council vote, '
                    'Mayor Lena Hartwig (SD-OS), said, "The bridge will reopen in March."\n'),
    "purpose": "Lena Hartwig, who is running to be the next mayor, tweeted on Friday to say she had never backed the toll.\n",
    "title_case_headline": ("Hartwig Says She Is Unlikely To Have A Good Relationship With Mayor Jonas Brandt\n\n"
                            "Brandt said the talks with the council were useful.\n"),
    "nested_then_continued": ("Hartwig said that for years some critics had been predicting a closure of the bridge, "
                              "but this would not happen.\n\n"
                              '"That is because the bridge remains the most important crossing in the region."\n'),
    "adding_inside": ("Bosch refused to answer questions on who the council would like to see win in March but said "
                      'there was no telephone call or meeting planned with Hartwig, adding: "If one is proposed we will '
                      'consider it."\n'),
    "nested_reports": ("Hartwig told reporters she believed that the council would close the bridge.\n"
                       "Bosch said aides said the mayor had agreed to a delay.\n"),
    "two_cues_one_clause": "Both candidates had to respond to videos showing that they supported the toll.\n",
    "description_as_clause": ("Karel Bosch, a Brennmoor, Oster, lawyer helping to organize the protest, said he and other "
                              "residents were alarmed about the mayor's plan for the bridge.\n"),
    "stance_holding_quote": 'Hartwig described the closure as a “grave mistake.”\n',
    "stance_holding_quote_2": ('On a radio show Friday, her aides criticized Bosch for stealing their plans and for '
                               '“misrepresenting what had occurred.”\n'),
    "clause_ends_in_quote": 'Nothing the mayor said "will calm the residents," the councillor said.\n',
    "asked_if": "Hartwig asked if the bridge would reopen in March.\n",
    "name_in_two_objects": "Ever since Hartwig endorsed Mrs. Duvic this month, the council has been split.\n",
    "concern_about": "Residents in Oster expressed concern about closing the bridge before the winter.\n",
    "gerund_subject": ("Hartwig’s parents died in a car crash in 1987, and she says going through a dark time has "
                       "allowed her to better connect with people who are struggling.\n"),
    "title_with_gerund": '"We will win," said Oster transport planning director Piet Vos in a statement.\n',
    "called_word": ('Hartwig called the closure "reckless."\n'
                    'Locals call the bridge "Old Iron."\n'),
    "description_before": ("The mayor’s spokesman, Karel Bosch, said the bridge was safe.\n"
                           "Her counterpart at the Oster Transport Authority, Jonas Brandt, said it was not.\n"),
    "title_org": ("Education Minister Carla Duvic said the bridge would reopen in March.\n"
                  "Campaign manager Piet Vos said the trams would run again.\n"),
    "not_interrupted": ('In a short speech, Hartwig said "safe" three times, and thanked the engineers.\n'
                        "Speaking on the radio last week, Hartwig said her team and the engineer Karel Bosch, "
                        "a friend of hers, checked the cables.\n"),
    "hours_after": ("The mayor refused to accept the plan, hours after international observers said the count had "
                    "been “opaque”.\n"),
    "who_heads": '"The bridge is safe," Karel Bosch, who heads the Oster Transport Authority, told reporters.\n',
    "interview_with": "In an interview with the Oster Courier, Lena Hartwig said the bridge would reopen in March.\n",
    "outlet": ("Lena Hartwig told Harbour FM the bridge would reopen in March.\n"
               "Earlier court filings show that the council has twice lost such cases.\n"),
    "description_after_claim": "The bridge will reopen in March, the authority’s chief engineer, Lena Hartwig, said on Monday.\n",
    "added_colon": ('An engineer who spoke on condition of anonymity said the cracks were known.\n'
                    'The engineer, who has worked on the bridge since 2016, added:\n'
                    '"We flagged the cracks in January."\n'),
    "that_after_channel": ("The Oster Transport Authority said in a statement that nine of the cables had corroded "
                           "and that one of them, a main stay cable, had snapped last week.\n"),
    "relative_subject": ("The Oster Transport Authority, which must approve the repairs, said in a statement that it "
                         "would examine the cost of the work.\n"),
    "than_suggests": "Fares will rise by 9%, making the plan rather less popular than its name suggests.\n",
    "joined_act": "Hartwig tweeted on Monday that the bridge was “unsafe” and posted a photograph of the cracks.\n",
    "two_clauses": "The engineers released a report on Friday that says the bridge has “serious structural flaws” in two spans.\n",
    "chanting": "Hartwig walked onto the stage, chanting “Open the bridge!”\n",
    "time_antecedent": ("The council published a letter from its lawyers on Friday afternoon that says the bridge is "
                        "“perfectly safe”.\n"),
    "learned_stances": ("Hartwig seemed hopeful that the bridge could reopen before the winter.\n"
                        "Bosch is expected to announce the winner on Friday.\n"
                        "Hartwig defended the decision to close the bridge.\n"
                        "The engineers seem to doubt whether the cables can hold.\n"),
    "learned_not_names": ("The bridge, known as the Iron Lady, opened in 1904.\n"
                          "One engineer, who asked not to be named, inspected the cables.\n"
                          "The trams cross it every ten minutes.\n"),
    "closing_aside": ("Hartwig wants to repeal the Transit Act, a law that caps fares in the region.\n"
                      "Bosch said the bridge would reopen after the winter, which ends in March.\n"
                      "Hartwig said the repairs, which began in May, would cost more than planned.\n"),
    "inverted_described": ("The bridge will need new cables within a decade, and the council has not yet budgeted for "
                           "them, said Karel Bosch, a senior engineer at the Oster Transport Authority.\n"),
    "quote_then_where": 'Hartwig said the council did not want “another study,” in an interview with Oster Radio on Monday.\n',
    "relative_speaker": "The delay was a blow for Mayor Lena Hartwig, who said the bridge would reopen in March.\n",
    "albu_kamal": ALBU_KAMAL,
}

TEXTS["transcript"] = ('WALLACE: "Governor, will you answer the question about the debate tomorrow?"\n'
                       'PENCE: "Well, look, the question really should be about the economy."\n')
TEXTS["headline_role"] = ("Flood barriers hold as river peaks in Oster, monitor says\n\n"
                          "The river crested at nine metres overnight, the flood office said.\n")
TEXTS["possessive_org"] = ("Nurses at St Aldric's General Hospital in Brennmoor walked out on Monday.\n\n"
                           "Karel Bosch, a spokesman for St Aldric's, said the wards would stay open.\n\n"
                           "A strike forced Corvane Rail to cancel most trains on Tuesday.\n\n"
                           '"We are doing what we can," said Pieter Osk, Corvane\'s chief executive.\n')
TEXTS["colon_intro"] = ("On a call with investors, Dana Whitlock, a banking analyst at Harrow Capital, pressed the executives "
                        "on branch closures: \u201cHow many of those branches will still be open in three years?\u201d\n\n"
                        "The director, Ada Okoro, was blunt: \u201cWe have no money left for the autumn season.\u201d\n")
TEXTS["holder"] = ("Piet Marais, a spokesman for the Ministry of Agriculture, told reporters: "
                   "\u201cEvery claim for compensation will be processed within 60 days.\u201d\n\n"
                   "The ministry's spokesman said teams of inspectors would begin visiting the districts next week.\n")
TEXTS["channel"] = ("The rocket broke apart ninety seconds after launch.\n\n"
                    "Tarsena One, the state television channel, reported that debris had fallen into the ocean "
                    "some 400 kilometres east of the coast.\n")
TEXTS["asked_while"] = ("The jury was chaired by the director Adam Okoro.\n\n"
                        "Asked about the dispute, Okoro was blunt. \u201cWe are a jury, not a court,\u201d he said.\n\n"
                        "State broadcaster TNTV reported that the president would address the nation on Tuesday, "
                        "while the Alliance for Renewal posted on Facebook that its lawyers would file a petition.\n")
TEXTS["headline_source"] = ("Lena Hartwig: Oster Bridge Will Reopen in March.\n\n"
                            "The mayor of Oster spoke to reporters on Monday.\n")
TEXTS["headline_plain"] = ("Bridge Trouble: Oster Crossing Shut for Repairs.\n\n"
                           "The crossing will stay shut until March, the council said.\n")
TEXTS["stance_verbs"] = ("Lena Hartwig endorsed the council's repair plan on Monday.\n\n"
                         "The opposition accused the council of wasting money on consultants.\n\n"
                         "Karel Bosch would endorse the plan if the costs fell.\n\n"
                         "The club rejected a third offer for its striker.\n")
TEXTS["short_quote"] = '"They sue," Hartwig said. "Everybody sues."\n'
TEXTS["interrupted_name"] = "Oster, Hartwig said, has spent more on the bridge than any town in the region.\n"
TEXTS["but_that"] = ("Hartwig said the town needs a new bridge, but that it would not raise taxes to build one.\n\n"
                     "Bosch said the works — and the detours they bring — would last until March.\n")
TEXTS["abbreviation_end"] = ("Hartwig said the steel came from the U.S. She says the bridge will last a century.\n")
TEXTS["call_names"] = ("Karel Bosch called the repair plan a disgrace on Monday.\n\n"
                       "A council survey shows Hartwig with 47 percent against Bosch.\n\n"
                       "Hartwig asked the engineers to finish the work by March.\n")
TEXTS["according_mid"] = ("Since last winter, according to the Oster Transport Authority, the bridge has lost a third "
                          "of its traffic.\n")
TEXTS["held_quote"] = ('The bridge, Hartwig said, has become “a symbol of everything that is wrong with the region.”\n')
TEXTS["dateline"] = ("OSTER, March 3 (AP) — Mayor Lena Hartwig said the bridge would reopen in March.\n\n"
                     "The speaker, Hartwig said, was Karel Bosch, a spokesman for the council.\n\n"
                     "Bosch referred to the bridge as “the town’s lifeline.”\n")
TEXTS["mention_phrase"] = ("The council's spokesman, Karel Bosch, said the bridge would reopen in March.\n\n"
                           "Hartwig railed against the delays on Monday.\n")
TEXTS["relative_asides"] = ("Hartwig said the bridge, which opened in 1990, is unsafe.\n\n"
                            "Bosch said the council would close the crossing over fears of a collapse, which engineers "
                            "put at one in a thousand.\n\n"
                            "The survey found that Hartwig would win by six points, while Bosch would lose his seat.\n")
TEXTS["told_after_quote"] = ('"The bridge will hold," Hartwig told Oster Radio when asked about the cracks.\n\n'
                             "Bosch declined to say whether the council would pay for the repairs.\n")
TEXTS["with_calling"] = ("The council members went further, with Karel Bosch calling the plan a disgrace.\n\n"
                         "They called him a tireless advocate who has never missed a meeting.\n")
TEXTS["adjacent_verbs"] = ("At the meeting, Lena Hartwig quipped, “The bridge is older than I am.”\n\n"
                           "“I told you it would not be ready,” Bosch fumed on Tuesday.\n\n"
                           "As the engineer Mira Kovač put it, “the cables are the problem.”\n\n"
                           "And Mr. Bosch gloated: ''I told you so.''\n")
TEXTS["lost_subject"] = ("The day after the vote, Mayor Lena Hartwig called the delays “unacceptable.”\n\n"
                         "In a statement, Sen. Karel Bosch (R) blasted the council and said the repairs were late.\n")
TEXTS["which_aside"] = ("Hartwig said she is willing to be questioned by the council, which is conducting its own inquiry "
                        "into the collapse.\n\n"
                        "Bosch said the bridge, which opened in 1990, is unsafe and should close.\n")
TEXTS["rescope"] = "Bosch defended the plan, citing the council's emphasis on issues like cost and safety.\n"
TEXTS["after_quote_aside"] = ('Hartwig said the closure was “a terrible mistake,” although she supports the repairs now.\n\n'
                              'Bosch said the plan was “a disgrace,” adding that the council had ignored him.\n')
TEXTS["inverted_object"] = ("The council has collected roughly $56.5 million for the repairs, said Karel Bosch, its treasurer.\n\n"
                            "The bridge will not reopen before March, said Mira Kovač, an engineer who inspected the "
                            "cables last week.\n")
TEXTS["split_short"] = ('"After that," Hartwig said, "the council will vote on the budget."\n\n'
                        "''Word is,'' Bosch said on Twitter, ''that the bridge is closing.''\n")
TEXTS["two_speakers"] = ("When the engineer pointed out that the council had not answered the question, the mayor said "
                         "the bridge would reopen in March.\n\n"
                         "But even as Hartwig claimed on Tuesday that “the cables were never checked,” one of the "
                         "engineers said the two cases were quite different.\n")
TEXTS["writer_goes_on"] = ("Bosch has said he will vote for the plan, but he hasn't endorsed it or conceded the vote.\n\n"
                           "Council spokeswoman Hope Kovač said all members sign the pledge, though she did not discuss "
                           "its terms.\n\n"
                           "Hartwig said the bridge was safe, but it needed new cables.\n")
TEXTS["not_before"] = ("Late last month, the council wrote a detailed, six-page letter to the ministry, Bosch's office, "
                       "asking for the money.\n\n"
                       "As it happens, this was exactly the sort of delay the engineers warned about in their report.\n")
TEXTS["relative_speakers"] = ("The last question at the meeting was from a young engineer, who said she and her father drove "
                              "to the bridge from Oster.\n\n"
                              "Bosch's anger was aimed at the mayor, Lena Hartwig, who he claims has been unfair to him.\n\n"
                              "Karel Bosch, a council member who is now advising the mayor, hired Mira Kovač as his deputy "
                              "in 2019.\n")
TEXTS["asked_before"] = ("When asked about the cracks, Hartwig said the bridge was safe.\n\n"
                         "The white powder in the letter has been sent to a lab, and Bosch said it was not dangerous.\n")
TEXTS["short_answers"] = ('"Safety," said Karel Bosch, a council member. "Safety for everyone who crosses."\n\n'
                          "“Really,” Hartwig added when the engineers expressed doubts.\n\n"
                          'Asked whether he would close the bridge, Bosch said, "Probably."\n')
TEXTS["quotes_in_the_gap"] = ("Mira Kovač, an engineer at the firm, said the ''old model'' of toll bridges with high fees and "
                              "''very exclusive'' lanes is in decline.\n")
TEXTS["her_object"] = "Hartwig stopped giving paid speeches before announcing her run for mayor in April.\n"
TEXTS["relative_after"] = ("An Oster Radio poll, conducted jointly with Anderson Robbins Research (D) and Shaw & Company "
                          "Research (R), shows Hartwig with 47 percent versus Bosch, who has 44 percent.\n")
