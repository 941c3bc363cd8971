"""The wording of every draft, as data. emails.py fills these in; no prose lives there.

How a template reads:
- A body is a list of paragraphs; a paragraph is a list of sentences, joined by spaces.
- A sentence is a string with {slots}. It is left out when any slot it names is empty,
  so an optional note that was not given leaves no trace.
- A tuple of strings means "the first of these whose slots are all filled".
- A dict keyed by "well" / "mixed" / "badly" picks the wording by how the interview went.
- Vary(...) holds wordings of the same sentence: each interviewer's thank-you takes the
  next, so that no two read alike (interviewers compare notes).
- Spare(...) marks a sentence the draft can do without: it goes when the draft would
  run over its word budget (emails.WORD_BUDGETS).
- An empty paragraph disappears.

What a template may name:
- every text field of fields.py by its key: {company}, {role}, {fit}, ... The reader's
  notes take the shape their slot asks for (notes.py): "{fit:clause,i}" after a colon,
  "{topic:phrase}" after "about", "{next_steps:sentence}" on its own; ",you" speaks to
  the person the email is for; ",formal" drops emoji;
- the person the email is for: {person.name}, {person.topic}, {person.said}, ... (every
  per-interviewer field) and {person.greeting}, their name as the greeting says it;
- what emails.py works out: format_phrase, meet, when (thank-yous), interview_day,
  decision_date, and, for each thank-you, its own share of the notes: {challenge} (one
  item of the challenges), {question} (a question ending in "?") or {ask_about} (a topic
  to ask about), and for the person the point to clarify concerns: {clarify_topic} (what
  it is about), {forgotten} (a point the reader forgot to make) or {correction} (one to
  put right), and the better answer as {clarify_add} (after a colon) or
  {clarify_add_sentence} (on its own);
- for the replies after their answer: {next_round_on} and {next_round_at} (the day and
  time of the next round they offered), {decide_by} (the day you will answer an offer
  by), {other_offer_by} (your other offer's deadline), all in the reader's English, and
  {panel} (the interviewers' names, "Priya Raman and Tom Okafor", for up to three).
"""

from __future__ import annotations


class Vary(tuple):
    """Wordings of one sentence, taken in turn by each interviewer's thank-you."""


class Spare:
    """A sentence that goes when the draft would run over its word budget."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence


Sentence = str | tuple[str, ...] | dict[str, "Sentence"] | Vary | Spare
Body = list[list[Sentence]]

GREETING: dict[str, tuple[str, ...]] = {
    "warm": ("Hi {person.address_as},", "Hi {person.greeting},", "Hello,"),
    "formal": ("Dear {person.address_as},", "Dear {person.greeting},", "Dear Hiring Manager,"),
}
# Whoever arranged the interview, when only their address is given: not the hiring
# manager, so no "Dear Hiring Manager".
ARRANGER_GREETING: dict[str, tuple[str, ...]] = {
    "warm": GREETING["warm"],
    "formal": (*GREETING["formal"][:-1], "Hello,"),
}

# The sign-offs differ between UK and US English: english.SIGN_OFFS.
# In place of the reader's name until they give it (the page asks for it by its field).
NAME_PLACEHOLDER = "[Your name]"

# What each draft is, as a heading wherever it is shown (the tool pages, the command line).
DRAFT_TITLES: dict[str, tuple[str, ...]] = {
    "thank-you": ("Thank-you email to {to_name}", "Thank-you email"),
    "follow-up-1": ("First follow-up email",),
    "follow-up-2": ("Second follow-up email",),
    "call": ("Phone call: talking points",),
    "thank-arranger": ("Thank-you email to {to_name}, who arranged it",
                       "Thank-you email to the person who arranged it"),
    "next-round": ("Accepting the next round: email to {to_name}", "Accepting the next round"),
    "rejection": ("Reply to their decision: email to {to_name}", "Reply to their decision"),
    "offer": ("Thanks for the offer: email to {to_name}", "Thanks for the offer"),
    "more-time": ("Asking for time to decide: email to {to_name}",
                  "Asking for time to decide"),
    "other-offer": ("Asking about their timeline: email to {to_name}",
                    "Asking about their timeline"),
    "withdraw": ("Withdrawing your application: email to {to_name}",
                 "Withdrawing your application"),
}
# The labels of the lines above a draft's body, wherever it is shown (the tool pages, the
# guide's examples, the calendar file, the command line). A call has no subject line: its
# "subject" says what the call is for.
HEADER_LABELS: dict[str, dict[str, str]] = {
    "email": {"to": "To", "subject": "Subject"},
    "call": {"to": "Who", "subject": "Purpose"},
}
# How to send a follow-up: in the thank-you's thread, which a link cannot open (the page
# says so beside its button).
IN_THE_THREAD = (
    "Send it as a reply to your thank-you to {to_name}, so that it stays in the same "
    "thread: open that email and reply to it.",
    "Send it as a reply to your thank-you, so that it stays in the same thread: open that "
    "email and reply to it.",
)
REPLY_PREFIX = "Re: "
# How to send a reply to their answer: in the thread of the email that brought it, if it
# came by email (an answer by phone has no thread: the subject then serves).
IN_THEIR_THREAD = (
    "If their answer came by email, send this as a reply to it, so that it stays in the "
    "same thread; if it came by phone, send it as a new email with this subject.")
# The thanks to whoever arranged the interview goes out with the thank-yous.
WITH_THE_THANK_YOUS = "Send it on the same day as your thank-yous."
# Asking for time: it thanks them for the offer too, so it can be the only reply.
IN_PLACE_OF_THANKS = (
    "It thanks them for the offer too: if you already know you need time, send it in "
    "place of the thanks above, as a reply to their offer if it came by email.")

# How you met, as the object of "Thank you for ...".
FORMAT_PHRASE: dict[str, dict[str, str]] = {
    "warm": {"in_person": "meeting me", "video": "the video call", "phone": "the phone call"},
    "formal": {"in_person": "meeting me", "video": "speaking with me by video call",
               "phone": "speaking with me by telephone"},
}
# How you met, after "It was good to ...".
MEET: dict[str, str] = {"in_person": "meet you", "video": "speak with you",
                        "phone": "speak with you"}

# "when" relative to the day the thank-you is sent.
WHEN_SAME_DAY = "today"
WHEN_NEXT_DAY = "yesterday"
WHEN_EARLIER = "on {day}"

SUBJECTS: dict[str, dict[str, tuple[str, ...]]] = {
    "thank-you": {
        "warm": ("Thank you \N{EN DASH} {role} interview at {company}",
                 "Thank you \N{EN DASH} interview at {company}"),
        "formal": ("Thank you \N{EN DASH} {role} interview, {company}",
                   "Thank you \N{EN DASH} interview at {company}"),
    },
    "call": {
        "warm": ("Call {company} about the {role} role", "Call {company} about your application"),
        "formal": ("Call {company} about the {role} role", "Call {company} about your application"),
    },
    # After their answer (and the thanks to whoever arranged the interview): subjects for
    # a new email; a reply in their thread keeps theirs (IN_THEIR_THREAD).
    "thank-arranger": {
        "warm": ("Thank you for arranging my interview \N{EN DASH} {role} role",
                 "Thank you for arranging my interview"),
        "formal": ("Thank you for arranging my interview \N{EN DASH} {role} position",
                   "Thank you for arranging my interview"),
    },
    "next-round": {
        "warm": ("Next interview \N{EN DASH} {role} role at {company}",
                 "Next interview \N{EN DASH} {company}"),
        "formal": ("Next interview \N{EN DASH} {role} position, {company}",
                   "Next interview \N{EN DASH} {company}"),
    },
    "rejection": {
        "warm": ("Thank you for letting me know \N{EN DASH} {role} role",
                 "Thank you for letting me know"),
        "formal": ("Thank you for letting me know \N{EN DASH} {role} position",
                   "Thank you for letting me know"),
    },
    "offer": {
        "warm": ("Thank you for the offer \N{EN DASH} {role} role",
                 "Thank you for the offer"),
        "formal": ("Thank you for the offer \N{EN DASH} {role} position",
                   "Thank you for the offer"),
    },
    "more-time": {
        "warm": ("The {role} offer \N{EN DASH} my answer by {decide_by}",
                 "Your offer \N{EN DASH} my answer by {decide_by}"),
        "formal": ("The {role} offer \N{EN DASH} my answer by {decide_by}",
                   "Your offer \N{EN DASH} my answer by {decide_by}"),
    },
    "other-offer": {
        "warm": ("My application for the {role} role \N{EN DASH} a question about timing",
                 "My application \N{EN DASH} a question about timing"),
        "formal": ("My application for the {role} position \N{EN DASH} a question about "
                   "timing",
                   "My application \N{EN DASH} a question about timing"),
    },
    "withdraw": {
        "warm": ("Withdrawing my application \N{EN DASH} {role} role",
                 "Withdrawing my application to {company}"),
        "formal": ("Withdrawing my application \N{EN DASH} {role} position",
                   "Withdrawing my application to {company}"),
    },
}

# The point to clarify, in the thank-you to the person it concerns. With what the reader
# would add, the draft says it; without, it offers to. "badly" names it once and moves on:
# the note is about the role, not about the interview's low point.
CLARIFY: dict[str, dict[str, Sentence]] = {
    "warm": {
        "well": ("I'd also like to add a little to what I said about {clarify_topic}: "
                 "{clarify_add}.",
                 "One thing I didn't get to mention: {forgotten}. {clarify_add_sentence}",
                 "One thing I didn't get to mention: {forgotten}.",
                 "One thing I'd like to put right: {correction}. {clarify_add_sentence}",
                 "One thing I'd like to put right: {correction}.",
                 "If it's useful, I'd be glad to say a little more about {clarify_topic}."),
        "mixed": ("I'd like to add to my answer on {clarify_topic}: {clarify_add}.",
                  "One thing I didn't get to mention: {forgotten}. {clarify_add_sentence}",
                  "One thing I didn't get to mention: {forgotten}.",
                  "One thing I'd like to put right: {correction}. {clarify_add_sentence}",
                  "One thing I'd like to put right: {correction}.",
                  "I'd also like to add to my answer on {clarify_topic}, if that would help."),
        "badly": ("I don't think I did {clarify_topic} justice on the day, so, briefly: "
                  "{clarify_add}.",
                  "One thing I didn't manage to say on the day: {forgotten}. "
                  "{clarify_add_sentence}",
                  "One thing I didn't manage to say on the day: {forgotten}.",
                  "One thing I'd like to put right: {correction}. {clarify_add_sentence}",
                  "One thing I'd like to put right: {correction}.",
                  "I don't think I did {clarify_topic} justice on the day, and I'd be glad "
                  "to explain it briefly."),
    },
    "formal": {
        "well": ("I would like to add briefly to what I said about {clarify_topic}: "
                 "{clarify_add}.",
                 "There is one point I did not have the chance to mention: {forgotten}. "
                 "{clarify_add_sentence}",
                 "There is one point I did not have the chance to mention: {forgotten}.",
                 "There is one point I would like to correct: {correction}. "
                 "{clarify_add_sentence}",
                 "There is one point I would like to correct: {correction}.",
                 "I would be happy to expand on {clarify_topic} if that would be helpful."),
        "mixed": ("I would like to add to my answer on {clarify_topic}: {clarify_add}.",
                  "There is one point I did not have the chance to mention: {forgotten}. "
                  "{clarify_add_sentence}",
                  "There is one point I did not have the chance to mention: {forgotten}.",
                  "There is one point I would like to correct: {correction}. "
                  "{clarify_add_sentence}",
                  "There is one point I would like to correct: {correction}.",
                  "I would welcome the chance to add to my answer on {clarify_topic}."),
        "badly": ("I do not feel I did justice to {clarify_topic} during the interview, so, "
                  "briefly: {clarify_add}.",
                  "There is one point I did not manage to make on the day: {forgotten}. "
                  "{clarify_add_sentence}",
                  "There is one point I did not manage to make on the day: {forgotten}.",
                  "There is one point I would like to correct: {correction}. "
                  "{clarify_add_sentence}",
                  "There is one point I would like to correct: {correction}.",
                  "I do not feel I did justice to {clarify_topic} during the interview, and "
                  "would welcome the chance to expand on it briefly."),
    },
}

_THANK_YOU_WARM: Body = [
    [
        Vary((
            ("Thank you for {format_phrase} {when} and for the chance to talk about the "
             "{role} role at {company}.",
             "Thank you for {format_phrase} {when} and for the chance to talk about the role "
             "at {company}."),
            ("It was good to {meet} {when}, and I'm grateful for the time you gave to the "
             "{role} role at {company}.",
             "It was good to {meet} {when}, and I'm grateful for the time you gave to my "
             "application to {company}."),
            ("Many thanks for {format_phrase} {when} to talk about the {role} role at "
             "{company}.",
             "Many thanks for {format_phrase} {when} to talk about the role at {company}."),
        )),
        Spare({
            "well": Vary(("I really enjoyed our conversation and came away with a much "
                          "clearer picture of the team and the work ahead.",
                          "Our conversation gave me a much clearer sense of the team and what "
                          "it is working towards.",
                          "I came away with a real feel for the team and the work ahead.")),
            "mixed": Vary(("It was really useful to hear more about the team and the work "
                           "ahead.",
                           "Hearing more about the team and its plans was genuinely useful.",
                           "I found it helpful to hear how the team works and where it is "
                           "heading.")),
            "badly": Vary(("I appreciated how openly you described the team and the work "
                           "ahead.",
                           "Thank you too for describing the team and its plans so openly.",
                           "I valued hearing so candidly how the team works.")),
        }),
        ("Talking with you about {person.topic:phrase,you} was a highlight for me.",
         "One part of our conversation has stayed with me: {person.topic:clause,you}."),
        ("{person.said:sentence,you} I've been thinking about it since we spoke.",
         "I've been thinking since we spoke about {person.said:phrase}."),
    ],
    [
        # The challenge is the reader's reading of the job: no "you said" put on it.
        ("When it comes to {challenge:phrase}, I'm confident I can help: {fit:clause,i}.",
         "One challenge in the role stands out for me: {challenge:clause,you}. I'm "
         "confident I can help with it: {fit:clause,i}.",
         "I'm confident I could make a real difference in the role: {fit:clause,i}.",
         "The thought of working on {challenge:phrase} has made me even keener on the role.",
         "One challenge in the role stands out for me: {challenge:clause,you}. It has made "
         "me even keener to help.",
         "Everything I heard has made me even keener on the role, and on adding something "
         "real to the team's work."),
        CLARIFY["warm"],
        ("One question I'm still turning over: {question}",
         "I'd love to hear more, when there's a chance, about {ask_about}."),
    ],
    [
        Vary((
            "I'd love to join {company}, and I look forward to hearing about the next steps. "
            "If there's anything else you need from me, just let me know.",
            "I'd be delighted to join the team, and I look forward to hearing how things move "
            "on. Do let me know if I can send anything else.",
            "I'd very much like to be part of what {company} is building, and I look forward "
            "to hearing from you. If anything else would help, I'm happy to send it.",
        )),
        Spare(Vary(("Thanks again for your time, and I hope the rest of your week goes well.",
                    "Thank you again, and enjoy the rest of your week.",
                    "Thanks once more for your time."))),
    ],
]

_THANK_YOU_FORMAL: Body = [
    [
        Vary((
            ("Thank you for {format_phrase} {when} to discuss the {role} position at "
             "{company}.",
             "Thank you for {format_phrase} {when} to discuss the position at {company}."),
            ("I am grateful for the time you gave me {when} to discuss the {role} position "
             "at {company}.",
             "I am grateful for the time you gave me {when} to discuss my application to "
             "{company}."),
            ("Thank you very much for the opportunity {when} to discuss the {role} position "
             "at {company}.",
             "Thank you very much for the opportunity {when} to discuss the position at "
             "{company}."),
        )),
        Spare({
            "well": Vary(("It was a pleasure to meet you and to learn more about the team and "
                          "its plans.",
                          "I much appreciated learning more about the team and its priorities.",
                          "The conversation gave me a valuable understanding of the team's "
                          "work.")),
            "mixed": Vary(("I valued the opportunity to learn more about the team and its "
                           "plans.",
                           "It was helpful to learn more about the team's priorities.",
                           "I appreciated hearing more about how the team works.")),
            "badly": Vary(("I appreciated the insight you gave me into the team and its plans.",
                           "Thank you for describing the team's work so openly.",
                           "I valued your candour about the team and its priorities.")),
        }),
        ("I was particularly interested in our discussion of {person.topic:phrase,you,formal}.",
         "One part of our discussion has stayed with me: {person.topic:clause,you,formal}."),
        ("{person.said:sentence,you,formal} I have reflected on it since our meeting.",
         "I have reflected since our meeting on {person.said:phrase,formal}."),
    ],
    [
        ("With regard to {challenge:phrase,formal}, I am confident that I can contribute: "
         "{fit:clause,i,formal}.",
         "One challenge in the role stands out for me: {challenge:clause,you,formal}. I am "
         "confident that I can contribute: {fit:clause,i,formal}.",
         "I am confident that I could make a valuable contribution to the role: "
         "{fit:clause,i,formal}.",
         "The prospect of working on {challenge:phrase,formal} has strengthened my interest "
         "in the role.",
         "One challenge in the role stands out for me: {challenge:clause,you,formal}. It has "
         "strengthened my interest in the role.",
         "I left the interview with a clear sense of how I could contribute to the team's "
         "work, and my interest in the role has only grown."),
        CLARIFY["formal"],
        ("I would also be glad to return to one question: {question}",
         "I would welcome the chance to hear more about {ask_about}."),
    ],
    [
        Vary((
            "I remain very interested in the position and look forward to hearing from you "
            "about the next steps. Please do not hesitate to contact me if you need any "
            "further information.",
            "I would be delighted to join {company}, and I look forward to hearing from you. "
            "Please let me know if I can provide anything further.",
            "The position is one I would very much like to take on, and I look forward to "
            "the next steps. I would be happy to provide any further information.",
        )),
        Spare(Vary(("Thank you once again for your time and consideration.",
                    "With thanks again for your time.",
                    "Thank you again for your consideration."))),
    ],
]

# The follow-ups go to the main contact, as replies in the thank-you's thread.
_FOLLOW_UP_1_WARM: Body = [
    [
        Spare("I hope you're well."),
        ("I'm writing about the {role} role, after my interview on {interview_day}.",
         "I'm writing about my interview at {company} on {interview_day}."),
        # Next steps noted as a sentence ("she'll ring tomorrow") would be quoted back a
        # week late, in the reader's shorthand: only a phrase is said.
        "When we spoke, you mentioned the next steps: {next_steps:phrase,you}.",
        ("You hoped to reach a decision by {decision_date}, so I thought I'd check in on "
         "where things stand.",
         "I thought I'd check in to see how things are going."),
    ],
    [
        ("I'm still very enthusiastic about the role, and I'd love to help with "
         "{challenge:phrase}.",
         "I'm still very enthusiastic about the role and about joining the team at "
         "{company}."),
        "Is there any news you can share on the timing?",
        Spare("If it would help, I'm happy to send anything else you need, such as "
              "references or examples of my work."),
    ],
    ["Thanks again for your time."],
]

_FOLLOW_UP_1_FORMAL: Body = [
    [
        Spare("I hope this email finds you well."),
        ("I am writing to follow up on my interview for the {role} position on "
         "{interview_day}.",
         "I am writing to follow up on my interview at {company} on {interview_day}."),
        "When we spoke, you outlined the next steps: {next_steps:phrase,you,formal}.",
        ("As you hoped to reach a decision by {decision_date}, I wanted to ask whether "
         "there is any update.",
         "I wanted to ask whether there is any update on the process and its timing."),
    ],
    [
        ("I remain very interested in the position and would welcome the opportunity to "
         "help {company} with {challenge:phrase,formal}.",
         "I remain very interested in the position and in joining {company}."),
        Spare("If it would be useful, I would be glad to provide references or any further "
              "information you may need."),
    ],
    ["Thank you again for your time and consideration."],
]

_FOLLOW_UP_2_WARM: Body = [
    [
        ("I'm just checking in again about the {role} role at {company}.",
         "I'm just checking in again about my application to {company}."),
        "I know these decisions can take time, and I don't want to rush you.",
        Spare("I enjoyed our conversation and would love to be part of the team."),
        "I'm still very interested and would be grateful for any news on where things "
        "stand, even if it's only a rough timescale.",
    ],
    ["If there's anything else I can send to help, please let me know. Thank you, and I "
     "hope to hear from you soon."],
]

_FOLLOW_UP_2_FORMAL: Body = [
    [
        ("I am writing briefly to follow up again on the {role} position at {company}.",
         "I am writing briefly to follow up again on my application to {company}."),
        "I appreciate that decisions like this take a while, and I do not wish to hurry you.",
        Spare("I very much enjoyed our conversation and would welcome the chance to join "
              "the team."),
        "I remain very interested in the position and would be grateful for any update on "
        "the timescale.",
    ],
    ["Please let me know if I can provide anything further. Thank you for your time, and I "
     "look forward to hearing from you."],
]

# --- The person who arranged the interview: a short thanks, sent with the thank-yous.

_THANK_ARRANGER_WARM: Body = [
    [
        ("Thank you for arranging my interview with {panel} {when}.",
         "Thank you for arranging my interview {when} for the {role} role.",
         "Thank you for arranging my interview {when}."),
        "I really appreciated your help with the arrangements.",
    ],
    ["If there's anything else you need from me, just let me know. I look forward to "
     "hearing about the next steps."],
]

_THANK_ARRANGER_FORMAL: Body = [
    [
        ("Thank you for arranging my interview with {panel} {when}.",
         "Thank you for arranging my interview {when} for the {role} position.",
         "Thank you for arranging my interview {when}."),
        "I am grateful for your help with the arrangements.",
    ],
    ["Please let me know if you need anything further from me. I look forward to hearing "
     "about the next steps."],
]

# --- After their answer. Each reply is short, says what it must and no more: the facts
# are the reader's (the day offered, the deadline they need); nothing is assumed.

# Invited to a next round: yes, and the day and time confirmed, or times asked for.
_NEXT_ROUND_WARM: Body = [
    [
        ("Thank you for inviting me to the next round of interviews for the {role} role at "
         "{company}.",
         "Thank you for inviting me to the next round of interviews at {company}."),
        "I'd be delighted to take part.",
    ],
    [
        ("{next_round_on} at {next_round_at} works well for me, and it's in my diary.",
         "{next_round_on} works well for me: could you let me know the time?",
         "Could you let me know a few days and times that would suit you? I'm happy to fit "
         "in around the team."),
        "It would also help to know who I'll be meeting, and whether it will be in person, "
        "by video or by phone.",
        Spare("If there's anything you'd like me to prepare beforehand, just let me know."),
    ],
    ["Thanks again, and I'm looking forward to it."],
]

_NEXT_ROUND_FORMAL: Body = [
    [
        ("Thank you for inviting me to the next stage of interviews for the {role} position "
         "at {company}.",
         "Thank you for inviting me to the next stage of interviews at {company}."),
        "I am very pleased to accept.",
    ],
    [
        ("I can confirm that {next_round_on} at {next_round_at} suits me, and I have noted "
         "it in my diary.",
         "I can confirm that {next_round_on} suits me; could you please let me know the "
         "time?",
         "Could you please let me know some dates and times that would suit you? I will "
         "make myself available."),
        "It would also be helpful to know who I will be meeting, and whether the interview "
        "will take place in person, by video or by telephone.",
        Spare("Please let me know if there is anything you would like me to prepare in "
              "advance."),
    ],
    ["Thank you again. I look forward to the next stage."],
]

# Not offered the job: thanks, a request for brief feedback, the door left open. Never an
# argument with the decision.
_REJECTION_WARM: Body = [
    [
        ("Thank you for letting me know, and for considering me for the {role} role.",
         "Thank you for letting me know, and for considering me for the role."),
        "I'm disappointed, of course, but I really enjoyed learning about {company} and "
        "its plans.",
    ],
    [
        "If you have a moment, I'd be grateful for one or two points of feedback that could "
        "help me next time.",
        "I'd still love to work with {company}, so please keep me in mind if another role "
        "comes up.",
    ],
    ["Thanks again, and all the best to you and the team."],
]

_REJECTION_FORMAL: Body = [
    [
        ("Thank you for letting me know your decision, and for considering me for the "
         "{role} position.",
         "Thank you for letting me know your decision, and for considering me for the "
         "position."),
        "Although I am disappointed, I valued the opportunity to learn about {company} and "
        "its work.",
    ],
    [
        "If you are able to, I would be grateful for one or two points of feedback that "
        "could help me next time.",
        "I remain very interested in {company}, and I would welcome hearing about any "
        "suitable roles that arise.",
    ],
    ["Thank you again for your time, and I wish you and the team every success."],
]

# Offered the job: thanks, the offer confirmed as received, the written details asked
# for. No answer yet: that is the reader's to give when they have read it.
_OFFER_WARM: Body = [
    [
        ("Thank you so much for offering me the {role} role at {company}.",
         "Thank you so much for offering me the role at {company}."),
        "I'm delighted, and I'm writing to confirm that I've received your offer.",
    ],
    [
        "Could you send me everything in writing, including the full terms, if it isn't "
        "already on its way? I'd like to read it all through properly.",
        Spare("If there's anything you need from me in the meantime, just let me know."),
    ],
    ["Thanks again to you and the team."],
]

_OFFER_FORMAL: Body = [
    [
        ("Thank you very much for offering me the {role} position at {company}.",
         "Thank you very much for offering me the position at {company}."),
        "I am delighted, and I am writing to confirm that I have received your offer.",
    ],
    [
        "Could you please send me the full terms in writing, if they are not already on "
        "their way? I would like to give them proper consideration.",
        Spare("Please let me know if you need anything further from me in the meantime."),
    ],
    ["Thank you again to you and your colleagues."],
]

# Offered the job, and time needed: a day named (the reader's), never an open-ended wait.
_MORE_TIME_WARM: Body = [
    [
        ("Thank you for offering me the {role} role at {company}: I was really pleased to "
         "hear from you.",
         "Thank you for offering me the role at {company}: I was really pleased to hear "
         "from you."),
        "It's an important decision, and I'd like to give it the thought it deserves.",
    ],
    [
        "Would it be all right if I gave you my answer by {decide_by}?",
        Spare("If any questions come up as I read through the details, I'll ask straight "
              "away."),
        "Thank you for your patience.",
    ],
]

_MORE_TIME_FORMAL: Body = [
    [
        ("Thank you for offering me the {role} position at {company}. I was delighted to "
         "hear from you.",
         "Thank you for offering me the position at {company}. I was delighted to hear "
         "from you."),
        "As this is an important decision, I would like to give it careful consideration.",
    ],
    [
        "Would it be possible for me to give you my answer by {decide_by}?",
        Spare("If I have any questions about the terms in the meantime, I will contact you "
              "promptly."),
        "Thank you for your understanding.",
    ],
]

# Another offer with a deadline, while you wait: the fact, plainly, and a question about
# their timeline. No pressure, no claim beyond the reader's own.
_OTHER_OFFER_WARM: Body = [
    [
        Spare("I hope you're well."),
        ("I'm writing about my application for the {role} role, which I'm still very keen "
         "on.",
         "I'm writing about my application to {company}, which I'm still very keen on."),
        "I've had a job offer from another employer, and they've asked for my answer by "
        "{other_offer_by}.",
    ],
    [
        "I'd very much like to hear from you before I give them my answer. Is there "
        "anything you can tell me about your timeline?",
        "I don't want to rush you, and I'll understand if it's too early to say.",
    ],
    ["Thank you, and I hope to hear from you soon."],
]

_OTHER_OFFER_FORMAL: Body = [
    [
        Spare("I hope this email finds you well."),
        ("I am writing about my application for the {role} position, in which I remain "
         "very interested.",
         "I am writing about my application to {company}, in which I remain very "
         "interested."),
        "I have received an offer from another employer, who has asked for my decision by "
        "{other_offer_by}.",
    ],
    [
        "I would very much like to hear from you before I reply to them. Would you be able "
        "to share anything about your timeline?",
        "I appreciate that it may be too early to say, and I do not wish to hurry you.",
    ],
    ["Thank you for your time and understanding."],
]

# Withdrawing: courteous, prompt, and no reasons owed.
_WITHDRAW_WARM: Body = [
    [
        ("Thank you for considering me for the {role} role at {company}, and for the time "
         "you've given me.",
         "Thank you for considering me for the role at {company}, and for the time you've "
         "given me."),
        "I've decided to withdraw my application, and I wanted to let you know as soon as "
        "I could.",
        Spare("It wasn't an easy decision: I enjoyed learning about the team and its work."),
    ],
    ["I hope our paths cross again, and I wish you every success in finding the right "
     "person."],
]

_WITHDRAW_FORMAL: Body = [
    [
        ("Thank you for considering me for the {role} position at {company}.",
         "Thank you for considering me for the position at {company}."),
        "I am writing to let you know that I have decided to withdraw my application.",
        Spare("I very much appreciated the time you and your colleagues gave me, and the "
              "chance to learn about your work."),
    ],
    ["I hope our paths cross again, and I wish you every success in filling the "
     "position."],
]

BODIES: dict[str, dict[str, Body]] = {
    "thank-you": {"warm": _THANK_YOU_WARM, "formal": _THANK_YOU_FORMAL},
    "follow-up-1": {"warm": _FOLLOW_UP_1_WARM, "formal": _FOLLOW_UP_1_FORMAL},
    "follow-up-2": {"warm": _FOLLOW_UP_2_WARM, "formal": _FOLLOW_UP_2_FORMAL},
    "thank-arranger": {"warm": _THANK_ARRANGER_WARM, "formal": _THANK_ARRANGER_FORMAL},
    "next-round": {"warm": _NEXT_ROUND_WARM, "formal": _NEXT_ROUND_FORMAL},
    "rejection": {"warm": _REJECTION_WARM, "formal": _REJECTION_FORMAL},
    "offer": {"warm": _OFFER_WARM, "formal": _OFFER_FORMAL},
    "more-time": {"warm": _MORE_TIME_WARM, "formal": _MORE_TIME_FORMAL},
    "other-offer": {"warm": _OTHER_OFFER_WARM, "formal": _OTHER_OFFER_FORMAL},
    "withdraw": {"warm": _WITHDRAW_WARM, "formal": _WITHDRAW_FORMAL},
}

# The phone call: talking points, one per "- " line. Same for both tones: you will say
# them in your own voice anyway. "{each_question}" repeats its point for every question.
CALL_POINTS: list[Sentence] = [
    ("Ask for {person.name} ({person.role}).", "Ask for {person.name}.",
     "Ask for the person handling the {role} role.", "Ask for the person handling the hiring."),
    ("Say who you are: {your_name}, interviewed for the {role} role on {interview_day}.",
     "Say who you are: {your_name}, interviewed on {interview_day}.",
     "Say who you are: you were interviewed for the {role} role on {interview_day}.",
     "Say who you are and that you were interviewed on {interview_day}."),
    "Thank them again for the interview.",
    "Say you are still very interested in the role and in {company}.",
    "Remind them, lightly, that they hoped to decide by {decision_date}.",
    ("Next steps they mentioned: {next_steps:phrase}.", "Next steps: {next_steps:sentence}"),
    "If it fits naturally, one sentence on why you suit the role: {fit:clause,i}.",
    ("Ask your question: {each_question}", "Ask about {each_topic}."),
    "Ask where they are in the process and when you can expect to hear.",
    "Keep it short and friendly: you are showing continued interest, not demanding an answer.",
    "Thank them for their time, and confirm the best way to stay in touch.",
]
