package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/whosaid/whosaid/graph"
)

// srcView is what a source-shape test pins: each statement's first
// speaker and its content text.
type srcView struct {
	Speaker string
	Content string
}

// The source phrase of an attribution, wherever it stands: inverted after
// the cue with a role, a partitive or a relative clause; before a cue
// followed by an adverbial; around quotes typed with two apostrophes.
func TestSourceShapes(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []srcView
	}{
		{"said to an audience", `"We will fight for the bill," Ann Lee said to cheers.`,
			[]srcView{{"Ann Lee", "We will fight for the bill"}}},
		{"wrote to a recipient", `"We will fight for the bill," Ann Lee wrote to the council.`,
			[]srcView{{"Ann Lee", "We will fight for the bill"}}},
		{"vowed to is still an infinitive", `Ann Lee vowed to fight for the bill.`,
			[]srcView{{"Ann Lee", "to fight for the bill"}}},
		{"role without a title word", `"The distraction hurts," said Republican party boss Reince Kowal.`,
			[]srcView{{"Reince Kowal", "The distraction hurts"}}},
		{"role with 'of'", `"Thanks for coming," said master of ceremonies Asab Tal.`,
			[]srcView{{"Asab Tal", "Thanks for coming"}}},
		{"relative clause after the source", `"The distraction hurts," said the man who built his career there.`,
			[]srcView{{"the man", "The distraction hurts"}}},
		{"partitive", `"It was awful," said one of two witnesses who relayed the account.`,
			[]srcView{{"one of two witnesses", "It was awful"}}},
		{"familiar with", `"It was not a convincing argument," said one Democrat familiar with the talks.`,
			[]srcView{{"Democrat", "It was not a convincing argument"}}},
		{"close to", `"We will see," said a source close to the campaign.`,
			[]srcView{{"a source", "We will see"}}},
		{"for one of", `"I think it is coming," said a strategist for one of the candidates.`,
			[]srcView{{"a strategist", "I think it is coming"}}},
		{"lower-case modifiers before the head", `"There is little you can do," said a former U.S. law enforcement official.`,
			[]srcView{{"a former U.S. law enforcement official", "There is little you can do"}}},
		{"a second report after the cue", `"He is the best person for the job," the governor said, before clarifying that he was undecided.`,
			[]srcView{{"the governor", "He is the best person for the job"}}},
		{"demonstrative that", `"This was the moment," Ines Berg said in her speech that night.`,
			[]srcView{{"Ines Berg", "This was the moment"}}},
		{"two apostrophes, spaced", `''He built coalitions, '' said Tom Gunnar. ''He does not see himself on the left.''`,
			[]srcView{{"Tom Gunnar", "He built coalitions"}, {"Tom Gunnar", "He does not see himself on the left."}}},
		{"a person before a participle", `The killings have left 62 percent of voters saying race relations are worse.`,
			[]srcView{{"voters", "race relations are worse"}}},
		{"absolute participle", `Both men issued a statement, Ryan saying he was "very encouraged."`,
			[]srcView{{"Ryan", `he was "very encouraged."`}}},
		{"a thing before a participle is not the source", `Senator Tom Bale left the room saying the vote was rigged.`,
			[]srcView{{"Tom Bale", "the vote was rigged"}}},
		{"leading adverb", `Hastily politicizing the tragedy, Senator Tom Bale blamed his rivals and said the country was at war.`,
			[]srcView{{"Tom Bale", "the country was at war"}}},
		{"the company after a named one", "Shares of Dutch chipmaker Veldhoven Semis jumped 6%.\n\n\"Demand has been extraordinary,\" the company said.",
			[]srcView{{"Veldhoven Semis", "Demand has been extraordinary"}}},
		{"the company far from two", "Rival chipmaker Nordic Foundry fell 2%. Shares of Dutch chipmaker Veldhoven Semis jumped 6%. " + strings.Repeat("Markets were calm and trading was thin across the region. ", 8) + "\n\n\"Demand has been extraordinary,\" the company said.",
			[]srcView{{"the company", "Demand has been extraordinary"}}},
		{"the company far from the only one", "Shares of Dutch chipmaker Veldhoven Semis jumped 6%. " + strings.Repeat("Markets were calm and trading was thin across the region. ", 8) + "\n\n\"Demand has been extraordinary,\" the company said.",
			[]srcView{{"Veldhoven Semis", "Demand has been extraordinary"}}},
		{"an outlet spoken to is no antecedent", "Shares of Dutch chipmaker Veldhoven Semis jumped 6%. " + strings.Repeat("Markets were calm and trading was thin. ", 8) + "Analyst Rao Choi told the Korea Herald that demand was strong.\n\n\"Tickets will be refunded,\" the company said.",
			[]srcView{{"Rao Choi", "demand was strong"}, {"the company", "Tickets will be refunded"}}},
		{"according to a role at an organisation, a titled name of another", "According to an astronomer not involved in the study, Dr. Yuki Tanabe of Kyoto University, the result is sound.",
			[]srcView{{"Yuki Tanabe", "the result is sound"}}},
		{"role, titled name, said", "The hospital’s chief executive, Dr Femi Adebayo, said patients would be contacted.",
			[]srcView{{"Femi Adebayo", "patients would be contacted"}}},
		{"a possessive inside an organisation's name", "Nurses at St Brigid’s University Hospital went back.\n\n\"We are back,\" he said.",
			[]srcView{{"he", "We are back"}}}, // no person "St Brigid" for "he"
		{"a follow-on quote after a person is introduced", "\"We are sorry,\" Femi Adebayo said.\n\nHis director of nursing, Margaret Oyelaran, stood beside him.\n\n\"It was a hard week for everyone on the wards.\"",
			[]srcView{{"Femi Adebayo", "We are sorry"}, {"Margaret Oyelaran", "It was a hard week for everyone on the wards."}}},
		{"title-case headline with a stop", "Kasich: \u2018We Are Going To Go All The Way To Cleveland.\u2019\n\nThe governor spoke on Tuesday.", nil},
		{"a sentence of names is no headline", "\"We will meet again,\" said Donald Trump.\n\nDonald Trump Met Vladimir Putin In Helsinki.", []srcView{{"Donald Trump", "We will meet again"}}},
		{"quoted title case in running text", "Her spokesman, Tom Reyes, said: \u201cThe Claim That We Are Leaving Is Fake.\u201d", []srcView{{"Tom Reyes", "The Claim That We Are Leaving Is Fake."}}},
		{"her before a noun is no subject", "Her message ran under a headline that said, \u201cISIS Declares War On The Town.\u201d", nil},
		{"colon after a dash, two names", "POLLS NOT WRONG, JUST TOO EARLY - Mark Lee and Jon Cohen: \"The polls were not wrong.\"", []srcView{{"Mark Lee", "The polls were not wrong."}}},
		{"colon after 'More from'", "More from Jones: \"The partisanship of the state is a starting point.\"", []srcView{{"Jones", "The partisanship of the state is a starting point."}}},
		{"colon after a parenthesis", "Rep. Trey Gowdy (R-S.C.):\"I have not heard anyone cite that figure.\"", []srcView{{"Trey Gowdy", "I have not heard anyone cite that figure."}}},
		{"colon after a document", "From the report: \"Samples with more weighting were more accurate.\"", []srcView{{"the report", "Samples with more weighting were more accurate."}}},
		{"colon after a clause", "The rule is simple: \"No phones in class.\"", nil},
		{"a place closes a location", `Clinton, during a town hall in Columbus, Ohio, said she would "put coal miners out of business."`,
			[]srcView{{"Clinton", `she would "put coal miners out of business."`}}},
		{"a place inside an earlier apposition", `Marco Rubio, whose hometown, Miami, is sinking, argues that the plan will "destroy our economy."`,
			[]srcView{{"Marco Rubio", `the plan will "destroy our economy."`}}},
		{"a state's abbreviation", `Trump, speaking at a rally in Wilmington, N.C., warned that the judges would block gun rights.`,
			[]srcView{{"Trump", "the judges would block gun rights"}}},
		{"a time adverbial is no subject", `Hours later, Trump returned the compliment, telling Reuters, "We have been friends for a long time."`,
			[]srcView{{"Trump", "We have been friends for a long time."}}},
		{"an interjection is no subject", `Well, if you read between the lines, Trump was saying that easy money would not work.`,
			[]srcView{{"Trump", "easy money would not work"}}},
		{"a participle clause is no subject", `Kicking off the day in Salem, Trump accused Cruz of being "politically correct."`,
			[]srcView{{"Trump", `Cruz of being "politically correct."`}}},
		{"names ending like participles", `Manning and Brady said the game was over.`,
			[]srcView{{"Manning", "the game was over"}}},
		{"a second clause with a partitive subject", `Most voters said yes, but 55 percent of all voters say she does not.`,
			[]srcView{{"Most voters", "yes"}, {"55 percent of all voters", "she does not"}}},
		{"though opens a second report", `Critics said the history is a fair criticism, though Carly Fiorina said she doubted voters would care.`,
			[]srcView{{"Critics", "the history is a fair criticism"}, {"Carly Fiorina", "she doubted voters would care"}}},
		{"an adjective before a noun-like cue", "PolitiFact rated 32% of Republican claims as \u201cfalse\u201d last year.",
			[]srcView{{"PolitiFact", "32% of Republican claims as \u201cfalse\u201d last year"}}},
		{"a causative's bare infinitive reports nothing", "Readers may not let editorials tell them how to vote.", nil},
		{"a cue inside a subject's relative clause", "Everything Trump says is a lie unless proven otherwise.", nil},
		{"a quantifier opens no name", "Everything Trump says is a lie.\n\n\"The numbers he cited were wrong,\" she said.", []srcView{{"she", "The numbers he cited were wrong"}}},
		{"an initial is not before a quote", "\"We are sorry,\" Priya Raman wrote on X. \"No payment data was accessed.\"",
			[]srcView{{"Priya Raman", "We are sorry"}, {"Priya Raman", "No payment data was accessed."}}},
		{"a long relative clause before the cue", "A security researcher who asked not to be named because she was not authorised to speak publicly said the attackers used a stolen password.",
			[]srcView{{"A security researcher", "the attackers used a stolen password"}}},
		{"a blog post is no source", "The company said in a blog post that it found the intrusion on Oct. 9.",
			[]srcView{{"The company", "it found the intrusion on Oct. 9"}}},
		{"a recipient ending the sentence is no content", "He had been completing his second year, a school spokesman told The Wall Street Journal.",
			[]srcView{{"a school spokesman", "He had been completing his second year"}}},
		{"a recipient before the content", "Dana Ruiz told reporters the plan would work.",
			[]srcView{{"Dana Ruiz", "the plan would work"}}},
		{"a participle and its place are no subject", "The man walking past the gate said the road was closed.",
			[]srcView{{"The man", "the road was closed"}}},
		{"a surname ending like an adjective is a subject", "Speaker Paul Ryan met the caucus.\n\nRyan claims that the bill is dead.",
			[]srcView{{"Paul Ryan", "the bill is dead"}}},
		{"a nation's adjective before a noun", "French officials said the talks would resume.",
			[]srcView{{"French officials", "the talks would resume"}}},
		{"age, description and a town with its state", "\u201cWe cannot keep paying for this,\u201d Maria Delgado, 54, a retired nurse in Tucson, Ariz., said in a telephone interview.",
			[]srcView{{"Maria Delgado", "We cannot keep paying for this"}}},
		{"party and state between commas", "Rep. Dana Ortiz, D-Calif., says the committee will review the contracts.",
			[]srcView{{"Dana Ortiz", "the committee will review the contracts"}}},
		{"a town and a relative clause in the apposition", "Paul Porter, a truck driver from Ava, Mo., who is a member of the union, said he already received overtime.",
			[]srcView{{"Paul Porter", "he already received overtime"}}},
		{"an adverbial before the named source", "In Tucson on Monday, Maria Delgado, 54, said the clinic would close.",
			[]srcView{{"Maria Delgado", "the clinic would close"}}},
		{"an exclamation, then a source with an apposition", "\u201cNot today!\u201d Laura Lin, the head of the tenants\u2019 union, posted on Friday.",
			[]srcView{{"Laura Lin", "Not today!"}}},
		{"a quote credited after a dash", "Readers wrote in.\n\n\u201cThe new library is the best thing to happen to this town in years.\u201d \u2015 Pamela Ruiz\n\n\u201cI will never vote for him again.\u201d \u2014 Dan Wolfe, a retired teacher in Tucson",
			[]srcView{{"Pamela Ruiz", "The new library is the best thing to happen to this town in years."}, {"Dan Wolfe", "I will never vote for him again."}}},
		{"a title credited after a dash is no statement", "Readers wrote in.\n\n\u201cThe Salt Road.\u201d \u2014 Penguin Books", nil},
		{"a verb after the dashed name", "\u201cThe Salt Road\u201d \u2014 Ruiz disagreed with the choice.", nil},
		{"a survey's share", "Two in three said they were worse off. More than six in 10 said the levy was too high, and nearly eight in 10 renters polled said rents had risen.",
			[]srcView{{"Two in three", "they were worse off"}, {"More than six in 10", "the levy was too high"}, {"nearly eight in 10 renters polled", "rents had risen"}}},
		{"a number before a noun-like cue", "The 12 reports found no fraud.", nil},
		{"a year after the determiner", "\u201cShe did not like that,\u201d said a 2008 campaign veteran.",
			[]srcView{{"a 2008 campaign veteran", "She did not like that"}}},
		{"a manner-of-speaking verb after a question", "Mayor Ann Okafor opened the meeting.\n\n\u201cWould it be negotiable?\u201d Hannity pressed.",
			[]srcView{{"Hannity", "Would it be negotiable?"}}},
		{"an event verb after an exclamation", "\u201cStop!\u201d Police arrived.", nil},
		{"nobody said anything", "\u201cWhy now?\u201d Nobody answered. No one said the plan would work.", nil},
		{"a coordinated verb with its own quoted words", "Ana Ruiz told CNN that the mayor is a \u201cfaker\u201d and questioned how he has \u201cgotten away with it.\u201d",
			[]srcView{{"Ana Ruiz", "the mayor is a \u201cfaker\u201d"}, {"Ana Ruiz", "how he has \u201cgotten away with it.\u201d"}}},
		{"a negated cue after a new subject", "Cook said Carter stopped the practice, but Cook did not say when.",
			[]srcView{{"Cook", "Carter stopped the practice"}}},
		{"a month as a surname", "British Prime Minister Theresa May said on Sunday that the country would formally declare its intention to leave.",
			[]srcView{{"Theresa May", "the country would formally declare its intention to leave"}}},
		{"a modal opening the sentence is no part of a name", "Should Mr. Clarke fail, the mine would close.\n\nHe said the plan was sound.",
			[]srcView{{"Clarke", "the plan was sound"}}},
		{"a name and its organisation before the cue", "\u201cIt was the least bad outcome,\u201d Dan Morgan of the Sierra Club said. Residents of Tucson said the deal was bad. The Bank of England said rates would rise.",
			[]srcView{{"Dan Morgan", "It was the least bad outcome"}, {"Residents", "the deal was bad"}, {"Bank of England", "rates would rise"}}},
		{"a quote closing on a comma before its source is the content", "\u201cWe are in a critical situation,\u201d Chancellor Angela Merkel told reporters after the meeting that was held on a boat.",
			[]srcView{{"Angela Merkel", "We are in a critical situation"}}},
		{"a noun ending in -ly is no adverb", "The relatives watched the video on Thursday, the family said. The family said the video was clear.",
			[]srcView{{"the family", "The relatives watched the video on Thursday"}, {"The family", "the video was clear"}}},
		{"a part of the day after the cue", "The obsession is an insult to all voters, lawmakers said Friday afternoon.",
			[]srcView{{"lawmakers", "The obsession is an insult to all voters"}}},
		{"a pronoun subject after a conjunction opens a second statement", "Ana Ruiz said the campaign planned a protest, though she acknowledged it was unlikely to work.",
			[]srcView{{"Ana Ruiz", "the campaign planned a protest"}, {"Ana Ruiz", "it was unlikely to work"}}},
		{"a participle after a colon quote", "In a statement, Peabody said: \u201cThe company was highly successful,\u201d adding that its market value quadrupled in a year.",
			[]srcView{{"Peabody", "The company was highly successful"}, {"Peabody", "its market value quadrupled in a year"}}},
		{"an attribution ending its paragraph on a colon", "The governor added:\n\nIt is typical of the council. It knows nothing.\n\nThe mayor said:\n\n\u201cWe will see.\u201d\n\nThe rules are as follows:\n\nNo phones in class. No food in the hall.",
			[]srcView{{"The governor", "It is typical of the council. It knows nothing"}, {"The mayor", "We will see."}}},
		{"a quote going on after an aside", "\u201cEvery time you say that,\u201d Tester said, referring to the excuse, \u201cyou give ammunition to the people.\u201d \u201cI think it will be fair,\u201d Ruiz said during a rally in Kenansville, N.C., \u201cbut people will be watching.\u201d",
			[]srcView{{"Tester", "Every time you say that you give ammunition to the people."}, {"Ruiz", "I think it will be fair but people will be watching."}}},
		{"a cue in the aside: another statement", "\u201cWe won,\u201d Ruiz said, and Lopez told reporters \u201cit was close.\u201d",
			[]srcView{{"Ruiz", "We won"}, {"Lopez", "it was close."}}},
		{"an attribution inside a relative clause", "Developers built condos, amounting to what the senators said was economic gerrymandering. The changes, which officials said will go into effect next month, do not apply to renters. It was a probe the agency said was ongoing.",
			[]srcView{{"the senators", "what was economic gerrymandering"}, {"officials", "which will go into effect next month"}, {"the agency", "probe was ongoing"}}},
		{"an abbreviation ends the quote", "\"Our company,\" he added, \"builds a lot of stuff in the U.S.\"",
			[]srcView{{"he", "Our company builds a lot of stuff in the U.S."}}},
		{"role words before the source phrase", "\u201cWe won\u2019t be running his columns,\u201d Daily News opinion editor Josh Greenman told The Daily Beast in an email. \u201cIt is one of the worst,\u201d the Senate minority leader said.",
			[]srcView{{"Josh Greenman", "We won\u2019t be running his columns"}, {"the Senate minority leader", "It is one of the worst"}}},
		{"another said", "Another said he hoped the plan would work.",
			[]srcView{{"Another", "he hoped the plan would work"}}},
		{"commas inside dashes", "Kall -- co-editor of Debating The Donald, a book analyzing the debates -- said the candidate tended to make announcements.",
			[]srcView{{"Kall", "the candidate tended to make announcements"}}},
		{"a name and its apposition before dashes, a pronoun recipient", "John Dickey, the chief executive of Ora Media -- the company that owns the programming -- told me, ''We're a content provider.'' He told me the plan would work.",
			[]srcView{{"John Dickey", "We're a content provider."}, {"John Dickey", "the plan would work"}}},
		{"a short subject before a parenthetical attribution", "Climate change, Mr. Obama often says, is the greatest threat facing the world. Now, Carson has responded to the claims.",
			[]srcView{{"Obama", "Climate change is the greatest threat facing the world"}}},
		{"an attribution inside one clause before 'that'", "The air had become so bad, Mr. Obama noted, that the most-visited page in China was the air monitor.",
			[]srcView{{"Obama", "The air had become so bad the most-visited page in China was the air monitor"}}},
		{"a clause before a parenthetical attribution whose rest is quoted", "The real problem, the coach said, “is our defence.” Kim Lee scored twice. It is time, Lee said, “to win at home.”",
			[]srcView{{"the coach", "The real problem is our defence."}, {"Kim Lee", "It is time to win at home."}}},
		{"a contrast after a parenthetical attribution", "One bank offered to lend, Maria Costa said, while others “did not even call back.”",
			[]srcView{{"Maria Costa", "One bank offered to lend while others “did not even call back.”"}}},
		{"a question, a time or an adverb before a parenthetical attribution stays out", "Asked about the merger, Jon Pratt said, “We never comment.” At the hearing, Pratt said, “No comment.” Later, he said, “Nothing.”",
			[]srcView{{"Jon Pratt", "We never comment."}, {"Jon Pratt", "No comment."}, {"Jon Pratt", "Nothing."}}},
		{"the letter a group signed is the medium, the group the speaker", "Forty nurses signed an open letter on Monday making it clear that they would strike.",
			[]srcView{{"Forty nurses", "they would strike"}}},
		{"an adverb after a name is not part of it", "The Gazette then reported that the mill would close.",
			[]srcView{{"Gazette", "the mill would close"}}},
		{"a pronoun is no verb: no clause quoted after 'Ever since she'", "Ever since she joined the board, Ms. Diaz has toured schools with one message: “Read every day.”",
			nil},
		{"a pronoun after an indefinite description goes to it, not to an older named person", "Tom Reyes said the levee would hold. A county spokesman said engineers were on site. He added that a decision would come soon.",
			[]srcView{{"Tom Reyes", "the levee would hold"}, {"A county spokesman", "engineers were on site"}, {"A county spokesman", "a decision would come soon"}}},
		{"a description with no report of its own is still the antecedent", "Jess Whitlock said she had spent £60 on taxis. A Northline spokeswoman declined to say when trains would run. She added that a reduced timetable would start on Saturday.",
			[]srcView{{"Jess Whitlock", "she had spent £60 on taxis"}, {"A Northline spokeswoman", "a reduced timetable would start on Saturday"}}},
		{"a named person in the description's sentence may be meant", "A reporter asked Tom Reyes how he felt. He replied: “Better than ever.”",
			[]srcView{{"A reporter", "how he felt"}, {"Tom Reyes", "Better than ever."}}},
		{"a person named in the adjunct of the last attribution is not introduced", "“If she wins, nothing changes,” Tom Reyes told a rally, saying Ana Ruiz would “cut the budget.”\n\n“I have seen this before, and I know how it ends.”",
			[]srcView{{"Tom Reyes", "If she wins, nothing changes"}, {"Tom Reyes", "Ana Ruiz would “cut the budget.”"}, {"Tom Reyes", "I have seen this before, and I know how it ends."}}},
		{"declaring an act is no statement, declaring that something is so is one", "Governor Ana Ruiz declared a state of emergency on Sunday. She declared that the levee would hold.",
			[]srcView{{"Ana Ruiz", "the levee would hold"}}},
		{"a relative clause and an aside between subject and cue", "An engineer who took part in the inspection, speaking on condition of anonymity because she was not authorized to discuss it, said the report had flagged leaks.",
			[]srcView{{"An engineer", "the report had flagged leaks"}}},
		{"a company named with a rail or transit word is an organisation", "Northline Rail said in a statement that its offer was fair.",
			[]srcView{{"Northline Rail", "its offer was fair"}}},
		{"a Q&A interview's answers are the interviewee's, questions nobody's", "Ana Ruiz runs the clinic. She spoke with us.\n\nQ: Why now?\n\nA: Because the wait lists doubled. We had no choice.\n\nQ: And the mayor?\n\nA: He said he would help, and he did.",
			[]srcView{{"Ana Ruiz", "Because the wait lists doubled. We had no choice"}, {"Ana Ruiz", "He said he would help, and he did"}}},
		{"one Q and one A are no interview", "Ana Ruiz runs the clinic.\n\nQ: Why now?\n\nA: Because the wait lists doubled.",
			nil},
		{"a person in a place is the speaker, not the place", "A senior Western diplomat in Hanoi, who spoke on condition of anonymity, said the deal had taken months. Most voters in Alabama, Georgia and Virginia said they felt betrayed.",
			[]srcView{{"A senior Western diplomat", "the deal had taken months"}, {"Most voters", "they felt betrayed"}}},
		{"an infinitive after an adverbial is the content's start", "Vietnam and the Philippines agreed on Tuesday to hold joint patrols, officials from both countries said.",
			[]srcView{{"officials from both countries", "Vietnam and the Philippines agreed on Tuesday to hold joint patrols"}}},
		{"the possessor of a person noun is not the sentence's subject", "Carla Jensen said the shifts were long. Jensen's colleague, Maria Lopes, has worked nights for nine years. She said the clinic would help. Jensen's article on the clinic ran on Monday. She said it was fair.",
			[]srcView{{"Carla Jensen", "the shifts were long"}, {"Maria Lopes", "the clinic would help"}, {"Carla Jensen", "it was fair"}}},
		{"a cue inside an 'Asked …,' clause reports nothing", "Asked whether price cuts would continue, Dana Whitcombe said: “Where it makes sense, yes.”",
			[]srcView{{"Dana Whitcombe", "Where it makes sense, yes."}}},
		{"'the company' is the company that spoke, not one named in passing", "Harbor Foods Inc. reported a 12% rise in profit, beating Wall Street estimates. Analysts had expected less. The company said it expects growth of 4%.",
			[]srcView{{"Harbor Foods", "a 12% rise in profit, beating Wall Street estimates"}, {"Harbor Foods", "it expects growth of 4%"}}},
		{"a quote closing on a period ends its sentence before a capitalised pronoun and verb", "Janet Okoro said she was “disappointed but not surprised.” She vowed to bring it back next year.",
			[]srcView{{"Janet Okoro", "she was “disappointed but not surprised.”"}, {"Janet Okoro", "to bring it back next year"}}},
		{"an inverted name of an organisation is the person's", "“The council chose landlords,” said Luis Pardo of the Westside Tenants Union. He said the group would collect signatures.",
			[]srcView{{"Luis Pardo", "The council chose landlords"}, {"Luis Pardo", "the group would collect signatures"}}},
		{"a recipient before a clause opening with a possessive", "Ngozi Adeyemi told the council her rent had risen 40 percent. She said nothing more.",
			[]srcView{{"Ngozi Adeyemi", "her rent had risen 40 percent"}}},
		{"a name in apposition to the previous sentence's subject is its subject", "Jean Mercier said the tickets sold out. One of the fishermen in the film, Boubacar Traoré, watched from the front row. Asked what he thought, he said the camera made him look older.",
			[]srcView{{"Jean Mercier", "the tickets sold out"}, {"Boubacar Traoré", "the camera made him look older"}}},
		{"roles joined by 'and' before a name, a one-word organisation by its apposition", "“We built this from a blank page,” co-founder and chief executive Ines Ferreira said. Lumenta, a two-year-old chip startup, said its chip was fast.",
			[]srcView{{"Ines Ferreira", "We built this from a blank page"}, {"Lumenta", "its chip was fast"}}},
		{"a gerund subject after a parenthetical attribution", "Though the transition was seamless, Ed Rendell said, replacing the nominee would be acrimonious.",
			[]srcView{{"Ed Rendell", "Though the transition was seamless replacing the nominee would be acrimonious"}}},
		{"a subordinate clause before the attribution is content, a place and time are not", "When she is looking to fill a position, Ana Ruiz said she ensures women are in the pool. At a rally on Tuesday, Trump said the plan would work.",
			[]srcView{{"Ana Ruiz", "When she is looking to fill a position she ensures women are in the pool"}, {"Trump", "the plan would work"}}},
		{"a long recipient before 'that'", "In Honolulu last week, he told a meeting of Pacific Island leaders that few people understood the stakes.",
			[]srcView{{"he", "few people understood the stakes"}}},
		{"a section heading in quotes is no follow-on quote", "\u201cIt is going to be disruptive,\u201d Obama said.\n\n\u2018All Bets Are Off.\u2019\n\nEight years ago, he ran.",
			[]srcView{{"Obama", "It is going to be disruptive"}}},
		{"a date before the role of an inverted source", "Many of them disagree.\n\n\u201cThe rationales do not hold weight,\u201d said 9/11 widow Terry Strada.",
			[]srcView{{"Terry Strada", "The rationales do not hold weight"}}},
		{"one statement per content span", "The spot concludes with footage of Trump saying during the debate last week, \u201cThat makes me smart.\u201d",
			[]srcView{{"Trump", "That makes me smart."}}},
		{"a relative clause's statement owns no participle of the main clause", "Trump was defensive about an architect who said he was stiffed, saying, \u201cMaybe he did not do a good job.\u201d",
			[]srcView{{"an architect", "he was stiffed"}, {"Trump", "Maybe he did not do a good job."}}},
		{"the comma closing a relative clause ends its content", "Sanders, who said the race was close, urged voters to turn out. Ruiz, who said that if the vote fails, the plan is dead, left early.",
			[]srcView{{"Sanders", "the race was close"}, {"Sanders", "voters to turn out"}, {"Ruiz", "if the vote fails, the plan is dead"}}},
		{"call convenes", "The U.N. called an emergency meeting to discuss the test, which state news media claimed now allows the North to build warheads.",
			[]srcView{{"state news media", "which now allows the North to build warheads"}}},
		{"a participle's agent before the cue is not its subject", "Other emails combed through by reporters suggest that the host places business first.",
			[]srcView{{"Other emails", "the host places business first"}}},
		{"an imperative and its particle", "Check out the full trailer for the documentary, \u201c13th,\u201d below.", nil},
		{"a reporting participle ends the aside", "\u201cWe cannot afford this anymore,\u201d Trump said, adding later, \u201cNATO is costing us a fortune.\u201d",
			[]srcView{{"Trump", "We cannot afford this anymore"}, {"Trump", "NATO is costing us a fortune."}}},
		{"a source after a dash ends the content before it", "When Clinton noted that he had not paid taxes \u2015 as was true for some years \u2015 Trump boasted, \u201cThat makes me smart.\u201d",
			[]srcView{{"Clinton", "he had not paid taxes \u2015 as was true for some years"}, {"Trump", "That makes me smart."}}},
		{"transcript labels", "Mike Pence spoke to Chris Wallace.\n\nPENCE: Well, look, she thinks this is an episode. But this is America, Chris.\n\nWALLACE: Governor, I have to ask you about the tweets.\n\nQ: What next?",
			[]srcView{{"Mike Pence", "Well, look, she thinks this is an episode. But this is America, Chris"}, {"Chris Wallace", "Governor, I have to ask you about the tweets"}}},
		{"a dateline or a note is no transcript label", "WASHINGTON: The council met on Monday.\n\nNOTE: The council voted on Tuesday.", nil},
		{"a named source after a comma opens a clause", "Writing for a panel that all agreed Pence won the debate, Mark Barabak noted that the way Pence carried himself was critical.",
			[]srcView{{"that all", "Pence won the debate"}, {"Mark Barabak", "the way Pence carried himself was critical"}}},
		{"after 'what' or 'which' the cue's complement is the relative's clause", "Leaders condemned what Prime Minister Malcolm Turnbull called North Korea's reckless actions. The mine, which Mr. Clarke says he is doing everything he can to keep open, lost money. The company, which said it would appeal, lost the case.",
			[]srcView{{"Malcolm Turnbull", "what North Korea's reckless actions"}, {"Clarke", "which he is doing everything he can to keep open"}, {"The company", "it would appeal"}}},
		{"all told", `All told, the group raised $4 million in February.`, nil},
		{"claimed responsibility", `So far, no organization has claimed responsibility for the attack.`, nil},
	}
	x := New(Options{Gazetteer: loadGazetteer(t)})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := x.Extract(graph.Document{ID: "sha256:sources", Text: tt.text})
			checkOffsets(t, tt.text, ex)
			var got []srcView
			for _, s := range ex.Statements {
				v := srcView{Content: s.Content.Text}
				if len(s.Speakers) > 0 {
					v.Speaker = s.Speakers[0].Name
				}
				got = append(got, v)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

// Credit lines are provenance: their names are the document's authors and
// never speakers.
func TestCreditLines(t *testing.T) {
	tests := []struct {
		name, text string
		authors    []string
		statements int
	}{
		{"reported from", "The summit ended on Friday.\n\nJulie Hirschfeld Davis reported from Midway Atoll, and Mark Landler and Coral Davenport from Kaneohe Bay, Hawaii.", []string{"Julie Hirschfeld Davis", "Mark Landler", "Coral Davenport"}, 0},
		{"contributed reporting", "The summit ended on Friday.\n\nAnn Lee contributed reporting.", []string{"Ann Lee"}, 0},
		{"a reporter's report is a statement", "The summit ended on Friday.\n\nHe reported from the scene that the roads were closed.", nil, 1},
	}
	x := New(Options{Gazetteer: loadGazetteer(t)})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := x.Extract(graph.Document{ID: "sha256:credits", Text: tt.text})
			if diff := cmp.Diff(tt.authors, ex.Document.Authors); diff != "" {
				t.Errorf("authors (-want +got):\n%s", diff)
			}
			if len(ex.Statements) != tt.statements {
				t.Errorf("%d statements, want %d: %+v", len(ex.Statements), tt.statements, ex.Statements)
			}
		})
	}
}

// A place, a portfolio or a title before a name make a role, not a name
// of their own: one person "Ted Cruz" (Sen. of Texas), no "Texas Sen. Ted
// Cruz"; one "Helen Okonjo" (Transport Minister).
func TestPlaceAndTitleBeforeName(t *testing.T) {
	type role struct{ Name, Title, Of string }
	tests := []struct {
		name, text string
		want       []role
	}{
		{"a place of one or more words before a title is the role's of",
			"Texas Sen. Ted Cruz said the plan would fail.\n\nNew York Congressman Pete King said the hearing was closed.",
			[]role{{"Ted Cruz", "Sen.", "place:texas"}, {"Pete King", "Congressman", "place:new-york-city"}}},
		// one person each, whether named in full or by surname later
		{"a portfolio before a title, an occupation capitalised by the sentence",
			"Transport Minister Helen Okonjo told reporters she would meet both sides. \"My door is open,\" Okonjo said.\n\n" +
				"Fire Chief Dolores Quintana said two people had been rescued. Quintana said no deaths had been reported.\n\n" +
				"Forecaster Lin Abara warned that the river might not crest until Wednesday.",
			[]role{{"Helen Okonjo", "Transport Minister", ""}, {"Dolores Quintana", "Fire Chief", ""}, {"Lin Abara", "Forecaster", ""}}},
		// the organisation, then the person: no organisation named
		// "Bank of Ghana Governor Kofi Mensah", no role "of Ghana Governor"
		{"an organisation named after what it is of, then a title",
			"The Bank of Ghana Governor Kofi Mensah warned that inflation remained too high.\n\n" +
				"University of Lagos Professor Adaeze Nwosu said the strike would end soon.\n\n" +
				"A spokesman for the Ministry of Water Resources declined to comment.",
			[]role{{"Kofi Mensah", "Governor", "organisation:bank-of-ghana"}, {"Adaeze Nwosu", "Professor", "organisation:university-of-lagos"}}},
		{"a title of a place or of an organisation before the name, between commas",
			"The mayor of Leeds, Alan Pryce, said he would fight the closure.\n\n" +
				"The Minister of Finance of Ghana, Ama Boateng, said the deal was fair.\n\n" +
				"A visit by the mayor of Leeds, Ms. Boateng said, was planned for May.",
			[]role{{"Alan Pryce", "mayor of Leeds", "place:leeds"}, {"Ama Boateng", "Minister of Finance of Ghana", "place:ghana"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := New(Options{Gazetteer: loadGazetteer(t)}).Extract(graph.Document{ID: "sha256:titles", Text: tt.text})
			for _, e := range ex.Entities {
				if e.Type == graph.Organisation && strings.Count(e.Name, " ") >= 4 {
					t.Errorf("organisation %q: a person's name inside it?", e.Name)
				}
			}
			var got []role
			for _, e := range ex.Entities {
				if e.Type != graph.Person {
					continue
				}
				for _, r := range e.Roles {
					got = append(got, role{e.Name, r.Title, r.Of})
				}
				if len(e.Roles) == 0 {
					got = append(got, role{Name: e.Name})
				}
				for _, a := range e.Aliases {
					if strings.HasSuffix(a, ".") {
						t.Errorf("%s: alias %q is a title, not a description", e.Name, a)
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("people (-want +got):\n%s", diff)
			}
		})
	}
}

// Names ending in a place or a business head are typed by it, an award's
// name is no entity, and a role never makes its holder their own
// organisation.
func TestPlaceAndBusinessHeads(t *testing.T) {
	text := "Dmitri Vance, of Harlow Township, was arrested at Haddad Family Pharmacy. " +
		"Omar Haddad, who owns Haddad Family Pharmacy in Millbrook, said he installed new locks. " +
		"Luis Ortega, who gave him the city's Civic Medal in 2004, said the award was deserved."
	ex := New(Options{}).Extract(graph.Document{ID: "sha256:heads", Text: text})
	types := map[string]graph.EntityType{}
	for _, e := range ex.Entities {
		types[e.Name] = e.Type
		for _, r := range e.Roles {
			if r.Of == e.ID {
				t.Errorf("%s: role %q is of itself", e.Name, r.Title)
			}
		}
	}
	if typ, ok := types["Civic Medal"]; ok {
		t.Errorf("an award is no entity, got a %s", typ)
	}
	if typ := publicationType(t); typ != graph.Organisation {
		t.Errorf("a journal: type %q, want an organisation", typ)
	}
	ex2 := New(Options{}).Extract(graph.Document{ID: "sha256:acronym", Text: "“It was not pretty,” the Spaniard told BBC Sport. RNC Chief of Staff Katie Walsh said the plan worked. She premiered “The Slow Water” on Friday."})
	for _, e := range ex2.Entities {
		if e.Name == "BBC Sport" && e.Type != graph.Organisation || e.Name == "Katie Walsh" && e.Type != graph.Person || e.Name == "Spaniard" || e.Name == "Slow Water" {
			t.Errorf("%s typed %s", e.Name, e.Type)
		}
	}
	if len(ex2.Statements) == 0 || ex2.Statements[0].Speakers[0].Kind != "person" {
		t.Errorf("the Spaniard: %+v, want a person description", ex2.Statements)
	}
	if typ := publicationType(t); typ != graph.Organisation {
		t.Errorf("a journal: type %q, want an organisation", typ)
	}
	want := map[string]graph.EntityType{"Harlow Township": graph.Place, "Haddad Family Pharmacy": graph.Organisation, "Omar Haddad": graph.Person, "Dmitri Vance": graph.Person}
	for name, typ := range want {
		if types[name] != typ {
			t.Errorf("%s: type %q, want %q", name, types[name], typ)
		}
	}
}

// publicationType is the type given to a journal named after its noun.
func publicationType(t *testing.T) graph.EntityType {
	t.Helper()
	ex := New(Options{}).Extract(graph.Document{ID: "sha256:journal", Text: "Bees can count, according to a study in the journal Animal Cognition. The team wrote that the bees rely on shape."})
	for _, e := range ex.Entities {
		if e.Name == "Animal Cognition" {
			for _, st := range ex.Statements {
				for _, sp := range st.Speakers {
					if sp.ID == e.ID {
						t.Errorf("the journal is the speaker of %q", st.Content.Text)
					}
				}
			}
			return e.Type
		}
	}
	return ""
}

// Names and sources in the styles of other outlets and genres: a party
// noun before a name, a person "of" an organisation, "the Republican", an
// office whose possessor has an "of", ages and nationalities, titles
// without a full stop, given names alone, media before a colon.
func TestPartyAndPossessorShapes(t *testing.T) {
	type ent struct {
		Name string
		Type graph.EntityType
	}
	type spk struct{ Name, Kind, Content string }
	tests := []struct {
		name     string
		text     string
		entities []ent
		speakers []spk
	}{
		{"party noun after a dateline", "RIVERTON — Democrat Joan Whitcombe won the race. \"We did it,\" Whitcombe said.",
			[]ent{{"Joan Whitcombe", graph.Person}},
			[]spk{{"Joan Whitcombe", "", "We did it"}}},
		{"party noun mid-sentence", "The seat went to Republican Greg Harlan. \"It was close,\" Harlan said.",
			[]ent{{"Greg Harlan", graph.Person}},
			[]spk{{"Greg Harlan", "", "It was close"}}},
		{"party noun before a party name stays", "Conservative Party leader Kemi Badenoch said the plan was a mess.",
			[]ent{{"Conservative Party", graph.Organisation}, {"Kemi Badenoch", graph.Person}},
			[]spk{{"Kemi Badenoch", "", "the plan was a mess"}}},
		{"person of an organisation", "Political scientist Hannah Byrne of Northfield University said the margin surprised her.",
			[]ent{{"Hannah Byrne", graph.Person}, {"Northfield University", graph.Organisation}},
			[]spk{{"Hannah Byrne", "", "the margin surprised her"}}},
		{"a name made with 'of' stays one", "The Bank of England said rates would stay on hold.",
			[]ent{{"Bank of England", graph.Organisation}},
			[]spk{{"Bank of England", "", "rates would stay on hold"}}},
		{"the Republican is a person", "Greg Harlan conceded. In a short speech, the Republican urged his supporters to be patient.",
			[]ent{{"Greg Harlan", graph.Person}},
			[]spk{{"the Republican", "person", "his supporters to be patient"}}},
		{"office of a possessor with 'of'", "Turnout reached 61 percent, the secretary of state's office said.",
			nil,
			[]spk{{"the secretary of state's office", "organisation", "Turnout reached 61 percent"}}},
		{"a title of a place is no person", "Beau Biden, the former Attorney General of Delaware, said the race was open.",
			[]ent{{"Beau Biden", graph.Person}},
			[]spk{{"Beau Biden", "", "the race was open"}}},
		{"an article before a name without a given name", "The United Auto Workers, which represents the plant, called the decision \"a betrayal.\"",
			[]ent{{"United Auto Workers", graph.Organisation}},
			[]spk{{"United Auto Workers", "", "the decision \"a betrayal.\""}}},
		{"a trade plural heads an organisation; shares of it are no name", "Brightwater Appliances will cut 900 jobs, the company said. Shares of Brightwater rose 3 percent.",
			[]ent{{"Brightwater Appliances", graph.Organisation}},
			[]spk{{"Brightwater Appliances", "", "Brightwater Appliances will cut 900 jobs"}}},
		{"an age is no part of the name", "Eighteen-year-old Chidi Okafor won. \"I am happy,\" said the teenager.",
			[]ent{{"Chidi Okafor", graph.Person}},
			[]spk{{"Chidi Okafor", "", "I am happy"}}},
		{"an age after the name", "Lukas Brandt, 29, lost to Chidi Okafor, 18. \"I could not serve,\" the 29-year-old said.",
			[]ent{{"Lukas Brandt", graph.Person}, {"Chidi Okafor", graph.Person}},
			[]spk{{"Lukas Brandt", "", "I could not serve"}}},
		{"an age two people share resolves to neither", "Ana Roux, 24, and Ines Berg, 24, were arrested. \"It was loud,\" the 24-year-old said.",
			[]ent{{"Ana Roux", graph.Person}, {"Ines Berg", graph.Person}},
			[]spk{{"the 24-year-old", "person", "It was loud"}}},
		{"a nationality stated before", "Spain's Mateo Ruiz beat German Lukas Brandt. \"I played well,\" the Spaniard said. \"I was tired,\" said the German.",
			[]ent{{"Mateo Ruiz", graph.Person}, {"Lukas Brandt", graph.Person}},
			[]spk{{"Mateo Ruiz", "", "I played well"}, {"Lukas Brandt", "", "I was tired"}}},
		{"a nationality nobody has", "Mateo Ruiz beat Lukas Brandt. \"I was tired,\" said the German.",
			[]ent{{"Mateo Ruiz", graph.Person}, {"Lukas Brandt", graph.Person}},
			[]spk{{"the German", "person", "I was tired"}}},
		{"a nationality of the one person just named", "Mateo Ruiz, 19, lost his first semi-final. \"I was tired,\" said the 19-year-old Spaniard.",
			[]ent{{"Mateo Ruiz", graph.Person}},
			[]spk{{"Mateo Ruiz", "", "I was tired"}}},
		{"a nationality not the one of the person just named", "Spain's Mateo Ruiz lost his first semi-final. \"I was tired,\" said the German.",
			[]ent{{"Mateo Ruiz", graph.Person}},
			[]spk{{"the German", "person", "I was tired"}}},
		{"a possessor before a role in commas", "Okafor won. Okafor's coach, former doubles champion Elena Petrova, said he was ready.",
			[]ent{{"Elena Petrova", graph.Person}},
			[]spk{{"Elena Petrova", "", "he was ready"}}},
		{"a judge by a justice's title", "Justice Arvind Rao granted bail. The judge rejected the argument, noting that the chargesheet had been filed.",
			[]ent{{"Arvind Rao", graph.Person}},
			[]spk{{"Arvind Rao", "", "the chargesheet had been filed"}}},
		{"a participle with a that-clause after the clause", "The police opposed the plea, arguing that she could influence witnesses.",
			nil,
			[]spk{{"The police", "organisation", "she could influence witnesses"}}},
		{"a participle without 'that' reports only with quotes", "The police opposed the plea, arguing for more time.",
			nil, nil},
		{"a title without its full stop", "Liz Kendall spoke. \"I came to help,\" Ms Kendall said. \"That is it.\"",
			[]ent{{"Liz Kendall", graph.Person}},
			[]spk{{"Liz Kendall", "", "I came to help"}, {"Liz Kendall", "", "That is it."}}},
		{"a capitalised title before the name in commas", "The Work and Pensions Secretary, Liz Kendall, said she understood.",
			[]ent{{"Liz Kendall", graph.Person}},
			[]spk{{"Liz Kendall", "", "she understood"}}},
		{"titles alone and their plurals name no one", "More than 40 Labour MPs signed. A spokesman said the Prime Minister was determined.",
			nil,
			[]spk{{"A spokesman", "person", "the Prime Minister was determined"}}},
		{"a given name alone is the person named in full with it", "Irena Novak, 71, runs the bakery. \"Bread waits for no one,\" Irena said.",
			[]ent{{"Irena Novak", graph.Person}},
			[]spk{{"Irena Novak", "", "Bread waits for no one"}}},
		{"a given name two people share stays apart", "Irena Novak and Irena Berg run the bakery. \"Bread waits,\" Irena said.",
			[]ent{{"Irena Novak", graph.Person}, {"Irena Berg", graph.Person}, {"Irena", graph.Person}},
			[]spk{{"Irena", "", "Bread waits"}}},
		{"the pronoun I is no part of a name", "Irena Novak laughed. \"Maybe I will sleep,\" she said.",
			[]ent{{"Irena Novak", graph.Person}},
			[]spk{{"Irena Novak", "", "Maybe I will sleep"}}},
		{"a relative clause in commas is no role", "Tomasz Wrona, who runs the shop next door, said the street would change.",
			[]ent{{"Tomasz Wrona", graph.Person}},
			[]spk{{"Tomasz Wrona", "", "the street would change"}}},
		{"the medium before a colon", "Dana Whitfield posted a short reply on LinkedIn: \"Rules apply to everyone.\"",
			[]ent{{"Dana Whitfield", graph.Person}},
			[]spk{{"Dana Whitfield", "", "Rules apply to everyone."}}},
		{"an organisation named in the apposition", "The regulator, the Communications Authority, said the fine was fair.",
			[]ent{{"Communications Authority", graph.Organisation}},
			[]spk{{"Communications Authority", "", "the fine was fair"}}},
		{"a role word between the quote and the name", "\"It felt like ice,\" passenger Marit Olsen told local broadcaster NRK. \"It was,\" said Beck, who said it was cold.",
			[]ent{{"Marit Olsen", graph.Person}, {"NRK", graph.Organisation}, {"Beck", graph.Person}},
			[]spk{{"Marit Olsen", "", "It felt like ice"}, {"Beck", "", "It was"}, {"Beck", "", "it was cold"}}},
		{"the role's complement before the name", "\"It is fine,\" said the firm's director of research, Helen Ashby.",
			[]ent{{"Helen Ashby", graph.Person}},
			[]spk{{"Helen Ashby", "", "It is fine"}}},
		{"an organisation in a place, capitalised by the sentence", "Police in Cumbria say a man has died. Police said the road was closed.",
			nil,
			[]spk{{"Police", "organisation", "a man has died"}, {"Police", "organisation", "the road was closed"}}},
		{"a live blog's time stamp", "10:02 Police in Cumbria say a man has died.",
			nil,
			[]spk{{"Police", "organisation", "a man has died"}}},
		{"a pronoun after an unresolved description", "Two of the injured remained in hospital, a hospital spokeswoman said. Neither was in critical condition, she said.",
			nil,
			[]spk{{"a hospital spokeswoman", "person", "Two of the injured remained in hospital"}, {"a hospital spokeswoman", "person", "Neither was in critical condition"}}},
		{"a trade noun before a one-word name", "Rail operator Northline said all services were cancelled.",
			[]ent{{"Northline", graph.Organisation}},
			[]spk{{"Northline", "", "all services were cancelled"}}},
		{"a role noun before the subject's name", "Pop star Ava Lund has cancelled her tour, saying she needs time.",
			[]ent{{"Ava Lund", graph.Person}},
			[]spk{{"Ava Lund", "", "she needs time"}}},
		{"an object pronoun after close to", "The singer will return next year, a source close to her said.",
			nil,
			[]spk{{"a source close to her", "person", "The singer will return next year"}}},
		{"a compound title after the comma", "Investigators have not ruled out arson, fire chief Maria Costa said.",
			[]ent{{"Maria Costa", graph.Person}},
			[]spk{{"Maria Costa", "", "Investigators have not ruled out arson"}}},
		{"a pronoun in a later clause is the sentence's subject", "\"It burned,\" fire chief Maria Costa said. Parishioner Grace Obi, 58, wept as she described the damage.",
			[]ent{{"Maria Costa", graph.Person}, {"Grace Obi", graph.Person}},
			[]spk{{"Maria Costa", "", "It burned"}, {"Grace Obi", "", "the damage"}}},
		{"a nationality or a country's possessive before a collective", "Saudi Arabia's delegation said the levy was unfair. The French delegation said it was fair.",
			nil,
			[]spk{{"Saudi Arabia's delegation", "group", "the levy was unfair"}, {"The French delegation", "group", "it was fair"}}},
		{"a place adverbial before that", "His lawyer, Nadia Karim, said outside the courthouse that he would appeal.",
			[]ent{{"Nadia Karim", graph.Person}},
			[]spk{{"Nadia Karim", "", "he would appeal"}}},
		{"programmes, outlets and connectors", "Sky Sports said he would sign. Marco Rinaldi told the newspaper Corriere dello Sport that the talks went well. \"We will see,\" he said on Monday Night Football.",
			[]ent{{"Sky Sports", graph.Organisation}, {"Marco Rinaldi", graph.Person}, {"Corriere dello Sport", graph.Organisation}},
			[]spk{{"Sky Sports", "", "he would sign"}, {"Marco Rinaldi", "", "the talks went well"}, {"Marco Rinaldi", "", "We will see"}}},
		{"an organisation's full name, then its head noun", "The European Commission fined the company. The Coalition for App Fairness said the fine was too small. The Commission said it would watch closely.",
			[]ent{{"European Commission", graph.Organisation}, {"Coalition for App Fairness", graph.Organisation}},
			[]spk{{"Coalition for App Fairness", "", "the fine was too small"}, {"European Commission", "", "it would watch closely"}}},
		{"an acronym after a person's name and of is where the person works", "\"I would not bet on March,\" said Piotr Nowak of ING in Warsaw. Nowak said wages were rising.",
			[]ent{{"Piotr Nowak", graph.Person}},
			[]spk{{"Piotr Nowak", "", "I would not bet on March"}, {"Piotr Nowak", "", "wages were rising"}}},
		{"the opposition or the ruling before a name: a party", "The opposition Civic Platform accused the bank of bias. The opposition leader Jan Grabowski said it was wrong.",
			[]ent{{"Civic Platform", graph.Organisation}, {"Jan Grabowski", graph.Person}},
			[]spk{{"Jan Grabowski", "", "it was wrong"}}},
		{"the first of two Spanish surnames names the person; a generational suffix does not", "Antonio Ruiz Carmona points at the soil. Ruiz is less sure. His son will stay, he says. Brent Bozell III said the race was over. Bozell said it again.",
			[]ent{{"Antonio Ruiz Carmona", graph.Person}, {"Brent Bozell III", graph.Person}},
			[]spk{{"Antonio Ruiz Carmona", "", "His son will stay"}, {"Brent Bozell III", "", "the race was over"}, {"Brent Bozell III", "", "it again"}}},
		{"an organisation noun in a place: the organisation", "The agriculture ministry in Madrid says it has approved aid. Critics say that is not enough.",
			nil,
			[]spk{{"The agriculture ministry", "organisation", "it has approved aid"}, {"Critics", "group", "that is not enough"}}},
		{"a relative clause ends a role after the name", "\"Stocks are low,\" says Marco Bellini, a buyer for an Italian bottler who visits every autumn.",
			[]ent{{"Marco Bellini", graph.Person}},
			[]spk{{"Marco Bellini", "", "Stocks are low"}}},
		{"an unnamed official, then the official: the same unnamed person", "Vice Adm. Karen Whitfield said the pause would last a week. A senior Navy official, who spoke on condition of anonymity, said the data pointed to a fault. The official cautioned that nothing was settled.",
			[]ent{{"Karen Whitfield", graph.Person}},
			[]spk{{"Karen Whitfield", "", "the pause would last a week"}, {"A senior Navy official", "person", "the data pointed to a fault"}, {"The official", "person", "nothing was settled"}}},
		{"a description is no organisation named only further down, nor one that holds its head inside a word", "The jets were grounded, the service said. Lt. Cmdr. Dale Hughes said students would wait. The Armed Services Committee met on Friday. The ad said nothing. The Leadership Institute said it would reply.",
			[]ent{{"Dale Hughes", graph.Person}, {"Armed Services Committee", graph.Organisation}, {"Leadership Institute", graph.Organisation}},
			[]spk{{"the service", "organisation", "The jets were grounded"}, {"Dale Hughes", "", "students would wait"}, {"Leadership Institute", "", "it would reply"}}},
		{"where people work is an organisation; one of the sources is one person", "Analysts at Goldman Sachs said an extension was priced in. \"The mood is for rolling over,\" one of the sources said. Police officers at Pride said the day was calm.",
			[]ent{{"Goldman Sachs", graph.Organisation}},
			[]spk{{"Analysts at Goldman Sachs", "group", "an extension was priced in"}, {"one of the sources", "person", "The mood is for rolling over"}, {"Police officers", "group", "the day was calm"}}},
		{"South Asian style: a colon dateline, an acronym in the source, informed/assured/opined that, according to her", "BENGALURU: The line will open in March, Bangalore Metro Rail Corporation Limited (BMRCL) Managing Director Anjum Parwez said. Mr. Parwez informed that the work was done. Minister Ramalinga Reddy assured that funds would come. \"It is late,\" said Kavitha Rao. According to her, the bus takes two hours. The BMRCL issued a release, stating that coaches were late. Srinivas Alavilli opined that it would not help.",
			[]ent{{"Anjum Parwez", graph.Person}, {"Ramalinga Reddy", graph.Person}, {"Kavitha Rao", graph.Person}, {"BMRCL", graph.Organisation}, {"Srinivas Alavilli", graph.Person}},
			[]spk{{"Anjum Parwez", "", "The line will open in March"}, {"Anjum Parwez", "", "the work was done"}, {"Ramalinga Reddy", "", "funds would come"}, {"Kavitha Rao", "", "It is late"}, {"Kavitha Rao", "", "the bus takes two hours"}, {"BMRCL", "", "coaches were late"}, {"Srinivas Alavilli", "", "it would not help"}}},
		{"a trade apposition types a one-word name", "Regulators fined Applewood, the maker of the Orchard phone, on Tuesday. Applewood said it would appeal.",
			[]ent{{"Applewood", graph.Organisation}},
			[]spk{{"Applewood", "", "it would appeal"}}},
		{"a noun subject before an appraising called", "The union called the offer \"an insult\" and said it would strike.",
			nil,
			[]spk{{"The union", "organisation", "the offer \"an insult\""}, {"The union", "organisation", "it would strike"}}},
		{"a participle after from is what was stopped", "The rules barred developers from telling users about cheaper prices.",
			nil, nil},
		{"a preposition before a known name", "Under EU law, the firm has 60 days to comply, the regulator said.",
			[]ent{{"EU", graph.Organisation}},
			[]spk{{"the regulator", "organisation", "Under EU law, the firm has 60 days to comply"}}},
		{"both sides of according to", "Most voters support it, according to a poll, though most doubt it will happen.",
			nil,
			[]spk{{"a poll", "document", "Most voters support it though most doubt it will happen"}}},
		{"a long capitalised recipient, then the content", "The minister told the Local Democracy Reporting Service the vote had been rushed.",
			[]ent{{"Local Democracy Reporting Service", graph.Organisation}},
			[]spk{{"The minister", "person", "the vote had been rushed"}}},
		{"a gathering spoken to, then the content", "Residents told the meeting the roads could not cope.",
			nil,
			[]spk{{"Residents", "group", "the roads could not cope"}}},
		{"on and a weekday before content without that", "The mayor said on Monday the deal was close.",
			nil,
			[]spk{{"The mayor", "person", "the deal was close"}}},
		{"an unresolved description keeps whom it speaks for", "A spokesman for the Ministry of Health said the figures were wrong.",
			[]ent{{"Ministry of Health", graph.Organisation}},
			[]spk{{"A spokesman for the Ministry of Health", "person", "the figures were wrong"}}},
		{"an organisation named after what it is of or for", "The mayor said he had met officials from the Ministry of Health and the University of Lagos.",
			[]ent{{"Ministry of Health", graph.Organisation}, {"University of Lagos", graph.Organisation}},
			[]spk{{"The mayor", "person", "he had met officials from the Ministry of Health and the University of Lagos"}}},
		{"a team at an institution is not the institution", "The researchers, from the University of Tartu, trained 40 bees. The team wrote that the bees may count.",
			[]ent{{"University of Tartu", graph.Organisation}},
			[]spk{{"The team", "organisation", "the bees may count"}}},
		{"one name with and in it", "The federal Cybersecurity and Infrastructure Security Agency said it was aware of the incident.",
			[]ent{{"Cybersecurity and Infrastructure Security Agency", graph.Organisation}},
			[]spk{{"Cybersecurity and Infrastructure Security Agency", "", "it was aware of the incident"}}},
		{"two names with and stay two", "The FBI and Justice Department said the inquiry was open.",
			[]ent{{"FBI", graph.Organisation}, {"Justice Department", graph.Organisation}},
			[]spk{{"FBI", "", "the inquiry was open"}}},
		{"the apposition after one of them names her", "One of them, retired teacher Gloria Ames, 68, said she had waited.",
			[]ent{{"Gloria Ames", graph.Person}},
			[]spk{{"Gloria Ames", "", "she had waited"}}},
		{"the company is not an agency", "The hospital operator Meridian Health Partners said its systems were breached. The Federal Trade Commission said it was aware of the breach. The company said it would offer credit monitoring.",
			[]ent{{"Meridian Health Partners", graph.Organisation}, {"Federal Trade Commission", graph.Organisation}},
			[]spk{{"Meridian Health Partners", "", "its systems were breached"}, {"Federal Trade Commission", "", "it was aware of the breach"}, {"Meridian Health Partners", "", "it would offer credit monitoring"}}},
		{"said only that", "A spokeswoman, Dana Kowalczyk, said only that the company was working with police.",
			[]ent{{"Dana Kowalczyk", graph.Person}},
			[]spk{{"Dana Kowalczyk", "", "the company was working with police"}}},
		{"a time before that is not content", "Regional official Tomas Lind said last week that the bridge would reopen. He said this year would be hard.",
			[]ent{{"Tomas Lind", graph.Person}},
			[]spk{{"Tomas Lind", "", "the bridge would reopen"}, {"Tomas Lind", "", "this year would be hard"}}},
		{"Administrator is a title", "NASA Administrator Bill Hagerty said the launch was off.",
			[]ent{{"NASA", graph.Organisation}, {"Bill Hagerty", graph.Person}},
			[]spk{{"Bill Hagerty", "", "the launch was off"}}},
		{"it after an organisation opening its sentence", "The retailer Acme said it was hacked. A group calling itself Black Lantern claimed responsibility, posting what it said were stolen files.",
			[]ent{{"Acme", graph.Organisation}, {"Black Lantern", graph.Organisation}},
			[]spk{{"Acme", "", "it was hacked"}, {"Black Lantern", "", "were stolen files"}}},
		{"Cllr is a title", "'We need homes,' said Cllr Priya Nandakumar.",
			[]ent{{"Priya Nandakumar", graph.Person}},
			[]spk{{"Priya Nandakumar", "", "We need homes"}}},
		{"an ampersand joins a company's name; a person of it is two names", "Another analyst, Mark Ostrowski of Fenwick & Co, estimated that sales would fall. Marks & Spencer Group said it agreed. The Q&A ran long.",
			[]ent{{"Mark Ostrowski", graph.Person}, {"Fenwick", graph.Organisation}, {"Marks & Spencer Group", graph.Organisation}},
			[]spk{{"Mark Ostrowski", "", "sales would fall"}, {"Marks & Spencer Group", "", "it agreed"}}},
		{"estimated that reports a figure; estimating a thing, cost estimates and going without saying do not", "Officials estimated the damage at $2bn. Cost estimates, Jo Lund added, were rising. The Tax Foundation estimates that the plan would cost $374bn. It goes without saying that taxes matter.",
			[]ent{{"Jo Lund", graph.Person}, {"Tax Foundation", graph.Organisation}},
			[]spk{{"Jo Lund", "", "Cost estimates were rising"}, {"Tax Foundation", "", "the plan would cost $374bn"}}},
		{"who is housed at an organisation speaks, and an and inside the at is no second source", "The Tax Policy Center at the Urban Institute and Brookings Institution said the plan would raise $1tn. The port was quiet. Officials at the terminal said workers had been told nothing.",
			[]ent{{"Tax Policy Center", graph.Organisation}, {"Urban Institute", graph.Organisation}, {"Brookings Institution", graph.Organisation}},
			[]spk{{"Tax Policy Center", "", "the plan would raise $1tn"}, {"Officials at the terminal", "group", "workers had been told nothing"}}},
		{"an organisation's name with and, after a possessor or the", "South Korea's Ministry of Oceans and Fisheries said talks would resume. The Ministry of Oceans and Fisheries said it agreed.",
			[]ent{{"Ministry of Oceans and Fisheries", graph.Organisation}},
			[]spk{{"Ministry of Oceans and Fisheries", "", "talks would resume"}, {"Ministry of Oceans and Fisheries", "", "it agreed"}}},
		{"a surname before a hyphenated given name, and surnames that are words", "He met Park Ji-hoon in Manila. Park said relations were good. The band was led by Jack White. White said the tour would go on. Hong Kong-based investors said markets were calm.",
			[]ent{{"Park Ji-hoon", graph.Person}, {"Jack White", graph.Person}},
			[]spk{{"Park Ji-hoon", "", "relations were good"}, {"Jack White", "", "the tour would go on"}, {"Hong Kong-based investors", "group", "markets were calm"}}},
		{"a phrase opening the sentence is where it was said; at least opens a subject", "In a 64-page report, Amnesty International said at least 340 households had been evicted. At least 30 people died, police said on Monday.",
			[]ent{{"Amnesty International", graph.Organisation}},
			[]spk{{"Amnesty International", "", "at least 340 households had been evicted"}, {"police", "organisation", "At least 30 people died"}}},
		{"a title of a place stands for its holder; a one-word recipient before that", "The Princess of Wales opened the wing, telling staff that their work was vital. The Mayor of London said the plan would work.",
			nil,
			[]spk{{"The Princess of Wales", "person", "their work was vital"}, {"The Mayor of London", "person", "the plan would work"}}},
		{"a role before a name in commas is no content; which is said of organisations", "The tournament's organiser, Riot Games, said 6.9 million people watched. Northstar Gold, which operates the mine, rejected the report.",
			[]ent{{"Riot Games", graph.Organisation}, {"Northstar Gold", graph.Organisation}},
			[]spk{{"Riot Games", "", "6.9 million people watched"}}},
		{"many of whom is a group; a description relative to someone is no alias", "Researchers interviewed 90 residents, many of whom said their homes had been demolished. His mother, Sophie, said he was nervous.",
			[]ent{{"Sophie", graph.Person}},
			[]spk{{"many of whom", "group", "their homes had been demolished"}, {"Sophie", "", "he was nervous"}}},
		{"a pronoun after a fronted question is its subject, not a name in the question; as for names the topic", "Manager Sarah Whitcombe praised Jamie Okafor. Asked whether she would keep Okafor in the team, she said he would play. As for Okafor, he said nothing was wrong.",
			[]ent{{"Sarah Whitcombe", graph.Person}, {"Jamie Okafor", graph.Person}},
			[]spk{{"Sarah Whitcombe", "", "he would play"}, {"Jamie Okafor", "", "nothing was wrong"}}},
		{"a participle inside a fronted phrase is no cue; an age stands for the person in view; a platform's letter ends a sentence", "Singer Maya Reyes said she was tired. In a video posted to Instagram, the 27-year-old told her 40 million followers that she needed a break. \"We waited,\" wrote one user on X. Another posted a photo. Adeyemi posted on Instagram that parents were frightened.",
			[]ent{{"Maya Reyes", graph.Person}, {"Adeyemi", graph.Person}},
			[]spk{{"Maya Reyes", "", "she was tired"}, {"Maya Reyes", "", "she needed a break"}, {"one user", "person", "We waited"}, {"Adeyemi", "", "parents were frightened"}}},
		{"a family by its surname is people", "Lucia Bertolini runs the ferry. Now the Bertolinis say they may be the last.",
			[]ent{{"Lucia Bertolini", graph.Person}},
			[]spk{{"the Bertolinis", "group", "they may be the last"}}},
		{"a greeting in quotes is no person, nor an antecedent", "On May 5, Trump posted a photo of himself eating a taco bowl. \"Happy Cinco de Mayo!,\" he tweeted.",
			nil,
			[]spk{{"he", "person", "Happy Cinco de Mayo!"}}},
		{"his after a name of either sex opening a sentence gives the person a gender", "Jamie Okafor let a shot slip through his hands. Sarah Whitcombe said she was sorry. \"It happens,\" he said.",
			[]ent{{"Jamie Okafor", graph.Person}, {"Sarah Whitcombe", graph.Person}},
			[]spk{{"Sarah Whitcombe", "", "she was sorry"}, {"Jamie Okafor", "", "It happens"}}},
		{"a dateline with its country, an age before a role and a name, a name in apposition to an organisation noun", "VENICE, Italy — Venice will double its fee, city officials announced on Monday. One participant, 71-year-old retired teacher Birgit Lund, said the drug had helped. The company, Voss London, confirmed that she had left.",
			[]ent{{"Birgit Lund", graph.Person}, {"Voss London", graph.Organisation}},
			[]spk{{"city officials", "group", "Venice will double its fee"}, {"Birgit Lund", "", "the drug had helped"}, {"Voss London", "", "she had left"}}},
		{"a capitalised plural of people is a group, the sentence's own subject a pronoun's antecedent, a name of an organisation after a description", "Tom Ashby spoke first. Conservationists say two kittens were filmed. A spokesman pointed to the scheme, which he said had helped 40,000 households. Her colleague, Prof Lars Eriksen of the Niels Bohr Institute, said the result would need checking. Nasa said it would look again. The agency, NatureScot, said it was investigating.",
			[]ent{{"Tom Ashby", graph.Person}, {"Lars Eriksen", graph.Person}, {"Niels Bohr Institute", graph.Organisation}, {"NASA", graph.Organisation}, {"NatureScot", graph.Organisation}},
			[]spk{{"Conservationists", "group", "two kittens were filmed"}, {"A spokesman", "person", "which had helped 40,000 households"}, {"Lars Eriksen", "", "the result would need checking"}, {"NASA", "", "it would look again"}, {"NatureScot", "", "it was investigating"}}},
		{"a capitalised plural the text also writes in lower case is a group; a known surname stays the person", "Kevin Powers spoke on Monday. Powers said the powers of the state were vast. Marchers said the rents were too high. Many marchers were young.",
			[]ent{{"Kevin Powers", graph.Person}},
			[]spk{{"Kevin Powers", "", "the powers of the state were vast"}, {"Marchers", "group", "the rents were too high"}}},
		{"a name inside a participle's object is no source; an aside between a cue and that; a bare plural is they; the name after an organisation noun; a band's position is the one person in view", "Engineers inspecting the bridge at Norwich said the cracks were old. Officials warned, however, that the money would run out. Archaeologists have found a hoard in Ribe, a discovery they say could change history. The figure was 200, according to the airline, Sulaves. Joana Reis plays in a band.\n\n\"Old habits,\" the guitarist says.",
			[]ent{{"Sulaves", graph.Organisation}, {"Joana Reis", graph.Person}},
			[]spk{{"Engineers", "group", "the cracks were old"}, {"Officials", "group", "the money would run out"}, {"Archaeologists", "group", "discovery could change history"}, {"Sulaves", "", "The figure was 200"}, {"Joana Reis", "", "Old habits"}}},
		{"two name particles; a role after the in an apposition; an age for the one who just spoke; a bare One; have long; the coast guard; claimed a count", "The ship sank, said Lt. Cmdr. Maria de la Paz, a spokeswoman. Ann Rao's coach, the grandmaster Viktor Sokolov, said he was nervous. \"I could not watch,\" the 61-year-old admitted. Users were angry. One, who said she was a nurse, wrote that her savings were gone. Safety advocates have long complained that enforcement is weak. The coast guard said four were missing. Veltra, which once claimed two million users, froze withdrawals.",
			[]ent{{"Maria de la Paz", graph.Person}, {"Ann Rao", graph.Person}, {"Viktor Sokolov", graph.Person}},
			[]spk{{"Maria de la Paz", "", "The ship sank"}, {"Viktor Sokolov", "", "he was nervous"}, {"Viktor Sokolov", "", "I could not watch"}, {"One", "person", "she was a nurse"}, {"One", "person", "her savings were gone"}, {"Safety advocates", "group", "enforcement is weak"}, {"The coast guard", "organisation", "four were missing"}}},
		{"after a statement nested in another's content, the outer speaker is the last heard, the inner one next", "Josh Earnest said Monday that Barack Obama has long called for fairness. He said Obama hopes for more. Rep. Steve Israel said Hillary Clinton called on members to unite. She added that the race was close.",
			[]ent{{"Josh Earnest", graph.Person}, {"Barack Obama", graph.Person}, {"Steve Israel", graph.Person}, {"Hillary Clinton", graph.Person}},
			[]spk{{"Josh Earnest", "", "Barack Obama has long called for fairness"}, {"Josh Earnest", "", "Obama hopes for more"}, {"Steve Israel", "", "Hillary Clinton called on members to unite"}, {"Hillary Clinton", "", "the race was close"}}},
		{"a role's name in apposition is a participle's subject; a recipient's name; a report in an opening subordinate clause ends before the main clause; while warning that", "The finance minister, Grace Okonjo, refused to act, telling reporters that every option was open. When I asked the librarian, Maureen Tully, what the cut would mean, she did not hesitate. While he acknowledged the cost was high, Ham also noted that jobs were safe. The chamber said it welcomed the plan, while warning that taxes would cost jobs.",
			[]ent{{"Grace Okonjo", graph.Person}, {"Maureen Tully", graph.Person}, {"Ham", graph.Person}},
			[]spk{{"Grace Okonjo", "", "every option was open"}, {"I", "person", "what the cut would mean"}, {"he", "person", "the cost was high"}, {"Ham", "", "jobs were safe"}, {"The chamber", "organisation", "it welcomed the plan"}, {"The chamber", "organisation", "taxes would cost jobs"}}},
		{"people to or near a place speak, not the place; a title to a country; a reviewer for a site; a state in commas before that", "Visitors to Central Park said the paths were icy. Residents near the Lambton plant said the water was brown. Seitchi was going home, Chad's Ambassador to France confirmed. A reviewer for the tech site Gearlab wrote that the bike was stiff. Ana Ruiz told voters in Manchester, New Hampshire, that she needed them.",
			[]ent{{"Ana Ruiz", graph.Person}},
			[]spk{{"Visitors", "group", "the paths were icy"}, {"Residents", "group", "the water was brown"}, {"Chad's Ambassador to France", "person", "Seitchi was going home"}, {"A reviewer for the tech site Gearlab", "person", "the bike was stiff"}, {"Ana Ruiz", "", "she needed them"}}},
		{"a source's role at the end of the sentence is no content; an aside participle is no cue; the name someone gave; a department's list name", "A climber fell on Saturday, according to Rakesh Gurung, an official at the tourism department. Tristram Hale, writing in the Daily Telegraph, argued that returns risked ruin. \"She asked for water,\" said a rescue worker who gave only his first name, Mehmet. A spokesperson for the Department for Culture, Media and Sport said there were no plans.",
			[]ent{{"Rakesh Gurung", graph.Person}, {"Tristram Hale", graph.Person}, {"Daily Telegraph", graph.Organisation}, {"Mehmet", graph.Person}},
			[]spk{{"Rakesh Gurung", "", "A climber fell on Saturday"}, {"Tristram Hale", "", "returns risked ruin"}, {"Mehmet", "", "She asked for water"}, {"A spokesperson for the Department for Culture, Media and Sport", "person", "there were no plans"}}},
		{"a description whose sentence says she; a relative clause's kin apposition; in which, ending at the relative clause's comma; a recipient's age; a kin's given name that is also a town", "Priya Raman runs the firm. One engineer, who feared for her job, said the news was no surprise. \"We knew,\" she said. Raman, who founded the firm with her husband, Arjun Mehta, said the cuts were final. The hearing, in which the family described the silence of their home, ended. Judge Margaret Osei told Daniel Reeve, 34, that he was reckless. Her father, Patrick, said the family hoped for change. \"Put the phone away,\" he said.",
			[]ent{{"Priya Raman", graph.Person}, {"Arjun Mehta", graph.Person}, {"Margaret Osei", graph.Person}, {"Daniel Reeve", graph.Person}, {"Patrick", graph.Person}},
			[]spk{{"One engineer", "person", "the news was no surprise"}, {"One engineer", "person", "We knew"}, {"Priya Raman", "", "the cuts were final"}, {"the family", "group", "the silence of their home"}, {"Margaret Osei", "", "he was reckless"}, {"Patrick", "", "the family hoped for change"}, {"Patrick", "", "Put the phone away"}}},
		{"a clause after a recipient's place; an organisation's description in apposition is its alias; forecasters are people", "Her coach, Samuel Owusu, told reporters in Accra he had been shocked. The board, Northgate Assessment, said the system had failed. Results will come on Thursday, the board said. Forecasters said gusts were expected.",
			[]ent{{"Samuel Owusu", graph.Person}, {"Northgate Assessment", graph.Organisation}},
			[]spk{{"Samuel Owusu", "", "he had been shocked"}, {"Northgate Assessment", "", "the system had failed"}, {"Northgate Assessment", "", "Results will come on Thursday"}, {"Forecasters", "group", "gusts were expected"}}},
		{"the company a sentence opens with and describes; two roles joined by and", "Thermly, a London-based maker of heat pumps, has raised $85 million from Northwind Capital, the company said. Wages will rise, the company said. Co-founder and chief executive Amara Okafor said the money would fund a factory.",
			[]ent{{"Thermly", graph.Organisation}, {"Northwind Capital", graph.Organisation}, {"Amara Okafor", graph.Person}},
			[]spk{{"Thermly", "", "Thermly, a London-based maker of heat pumps, has raised $85 million from Northwind Capital"}, {"Thermly", "", "Wages will rise"}, {"Amara Okafor", "", "the money would fund a factory"}}},
		{"a coordinated asked shares the clause's subject unless a subordinate clause stands between; institutions in a place report", "Sunita Arora ordered schools to close and asked employers to give workers breaks. The crowd cheered when Ana Ruiz spotted a sign and asked it to be fetched. Hospitals in the city reported dozens of cases.",
			[]ent{{"Sunita Arora", graph.Person}, {"Ana Ruiz", graph.Person}},
			[]spk{{"Sunita Arora", "", "employers to give workers breaks"}, {"Hospitals in the city", "group", "dozens of cases"}}},
		{"a name and the place it is in; a passive participle with its agent is no cue", "The Rijksmuseum Twenthe in Enschede, which lost the sketch, said it was overjoyed. Buses will be free under a plan announced on Monday by the transport authority, which says the scheme will cost £9 million.",
			[]ent{{"Rijksmuseum Twenthe", graph.Organisation}},
			[]spk{{"Rijksmuseum Twenthe", "", "it was overjoyed"}, {"the transport authority", "organisation", "the scheme will cost £9 million"}}},
		{"the participle's object may carry a relative clause; a coordinated verb shares the reported clause's had", "Police searching for a hiker who went missing five days ago said the search would be scaled back. The Financial Conduct Authority said the bank had cooperated with it and agreed to pay £61 million. The FCA said the fine was reduced.",
			[]ent{{"Financial Conduct Authority", graph.Organisation}},
			[]spk{{"Police", "organisation", "the search would be scaled back"}, {"Financial Conduct Authority", "", "the bank had cooperated with it and agreed to pay £61 million"}, {"Financial Conduct Authority", "", "the fine was reduced"}}},
		{"a demonym for the rider named before, not a climb named like a person; occupations; she after a spokeswoman", "Lotte Claes won with an attack on the Oude Kwaremont. \"I just went for it,\" said the Belgian, 24. A retired school cook says she will fix the roof. Doreen Phelps said she thought it was a prank. A spokeswoman for the operator said the odds were long. She said the couple wanted to share the joy.",
			[]ent{{"Lotte Claes", graph.Person}, {"Oude Kwaremont", graph.Person}, {"Doreen Phelps", graph.Person}},
			[]spk{{"Lotte Claes", "", "I just went for it"}, {"A retired school cook", "person", "she will fix the roof"}, {"Doreen Phelps", "", "she thought it was a prank"}, {"A spokeswoman for the operator", "person", "the odds were long"}, {"A spokeswoman for the operator", "person", "the couple wanted to share the joy"}}},
		{"a zoo is an organisation", "A calf was born at the Columbus Zoo. The zoo said the calf was well.",
			[]ent{{"Columbus Zoo", graph.Organisation}},
			[]spk{{"Columbus Zoo", "", "the calf was well"}}},
		{"a first name before an auxiliary; a time before a quote ends its sentence; a particle capitalised by the sentence", "Amira Hussain had a pump. Dr. Fiona Webb said donors were few. Amira is expected to stay in hospital. She thanked the nurses \"for never letting me give up\". Anna Ferraro said the call came at 2 a.m. \"I didn't believe it,\" she said. Jean-Baptiste de Lacroix makes wine. De Lacroix, 61, says the harvest was early.",
			[]ent{{"Amira Hussain", graph.Person}, {"Fiona Webb", graph.Person}, {"Anna Ferraro", graph.Person}, {"Jean-Baptiste de Lacroix", graph.Person}},
			[]spk{{"Fiona Webb", "", "donors were few"}, {"Amira Hussain", "", "for never letting me give up"}, {"Anna Ferraro", "", "the call came at 2 a.m."}, {"Anna Ferraro", "", "I didn't believe it"}, {"Jean-Baptiste de Lacroix", "", "the harvest was early"}}},
		{"roles joined by and before a name; a name given by named; promised to be; the accused stays in the content", "Last year's winner, the poet and novelist Sean Hurley, called the book \"a debut that makes us nervous.\" One of the plaintiffs, a former construction worker named Gary Lind, said he slept in the park. Whitfield promised to be \"a governor for every family.\" The operator accused the union of \"spreading fear.\"",
			[]ent{{"Sean Hurley", graph.Person}, {"Gary Lind", graph.Person}, {"Whitfield", graph.Person}},
			[]spk{{"Sean Hurley", "", "the book \"a debut that makes us nervous.\""}, {"Gary Lind", "", "he slept in the park"}, {"Whitfield", "", "to be \"a governor for every family.\""}, {"The operator", "organisation", "the union of \"spreading fear.\""}}},
		{"a demonym past someone of another nationality; an age in an apposition; the couple; a company by its first word", "Ingrid Nilsen kicked past the Kenyan Faith Wanjiru. \"I was scared of her,\" the Norwegian said. Chidi Okafor won the hurdles. Okafor, the 22-year-old Nigerian, held off Marcus Dale. The 22-year-old said he had barely slept. Singer Maya Solis and actor Ben Hartley have separated, the couple confirmed. Harlan Motors raised its forecast. Harlan said it would add a shift.",
			[]ent{{"Ingrid Nilsen", graph.Person}, {"Faith Wanjiru", graph.Person}, {"Chidi Okafor", graph.Person}, {"Marcus Dale", graph.Person}, {"Maya Solis", graph.Person}, {"Ben Hartley", graph.Person}, {"Harlan Motors", graph.Organisation}},
			[]spk{{"Ingrid Nilsen", "", "I was scared of her"}, {"Chidi Okafor", "", "he had barely slept"}, {"Maya Solis", "", "Singer Maya Solis and actor Ben Hartley have separated"}, {"Harlan Motors", "", "it would add a shift"}}},
		{"a quote paragraph before any statement is the one person named before it", "The keeper\n\nBrendan Walsh was the last keeper of the light. He still remembers the night.\n\n\"They rang me on the radio and said a man would come. That was it.\"",
			[]ent{{"Brendan Walsh", graph.Person}},
			[]spk{{"Brendan Walsh", "", "They rang me on the radio and said a man would come. That was it."}}},
		{"a relative clause after a name and an age", "Among them was Jean Porter, 74, who said she had used the library for 50 years.",
			[]ent{{"Jean Porter", graph.Person}},
			[]spk{{"Jean Porter", "", "she had used the library for 50 years"}}},
		// "Late" is also a given name; the headline's capitals say less
		// than the body's (the headline's run stays a person of its own)
		{"a surname is the body's person, not the headline's", "Late Moreno goal keeps Rovers in title race\n\nJavier Moreno scored in the 89th minute.\n\n\"I just closed my eyes,\" Moreno said.",
			[]ent{{"Late Moreno", graph.Person}, {"Javier Moreno", graph.Person}},
			[]spk{{"Javier Moreno", "", "I just closed my eyes"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := New(Options{Gazetteer: loadGazetteer(t)}).Extract(graph.Document{ID: "sha256:party", Text: tt.text})
			checkOffsets(t, tt.text, ex)
			var ents []ent
			for _, e := range ex.Entities {
				if e.Type != graph.Place {
					ents = append(ents, ent{e.Name, e.Type})
				}
			}
			var spks []spk
			for _, s := range ex.Statements {
				v := spk{Content: s.Content.Text}
				if len(s.Speakers) > 0 {
					v.Name, v.Kind = s.Speakers[0].Name, s.Speakers[0].Kind
				}
				spks = append(spks, v)
			}
			if diff := cmp.Diff(tt.entities, ents); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.speakers, spks); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}
