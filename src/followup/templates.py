"""The wording of every draft, as data. emails.py fills these in; no prose lives there.

How a template reads:
- A body is a list of paragraphs; a paragraph is a list of sentences, joined by spaces.
- A sentence is a string with {fields}. It is left out when any field it names is empty,
  so an optional note that was not given leaves no trace.
- A tuple of strings means "the first of these whose fields are all filled in".
- A dict keyed by "well" / "mixed" / "badly" picks the wording by how the interview went.
- An empty paragraph disappears.

What a template may name:
- every text field of fields.py by its key: {company}, {role}, {fit}, {questions}, ...
  As it stands, "{fit}" sits inside a sentence (one line, its trailing full stop and comma
  dropped, so "{fit}." never doubles it); "{questions:sentence}" ends a sentence (it keeps,
  or gains, its own full stop);
- the person the draft is for: {person.name}, {person.role}, {person.topic}, ... (every
  per-interviewer field) and {person.first_name};
- format_phrase, when (thank-yous), interview_day and decision_date, worked out by
  emails.py.
"""

from __future__ import annotations

Sentence = str | tuple[str, ...] | dict[str, "str | tuple[str, ...]"]
Body = list[list[Sentence]]

GREETING: dict[str, tuple[str, ...]] = {
    "warm": ("Hi {person.address_as},", "Hi {person.first_name},", "Hello,"),
    "formal": ("Dear {person.address_as},", "Dear {person.name},", "Dear Hiring Manager,"),
}

SIGN_OFF: dict[str, str] = {"warm": "Best wishes,", "formal": "Kind regards,"}

# What each draft is, as a heading wherever it is shown (the tool pages, the command line).
DRAFT_TITLES: dict[str, tuple[str, ...]] = {
    "thank-you": ("Thank-you email to {to_name}", "Thank-you email"),
    "follow-up-1": ("First follow-up email",),
    "follow-up-2": ("Second follow-up email",),
    "call": ("Phone call: talking points",),
}
# The labels of the lines above a draft's body, wherever it is shown (the tool pages, the
# guide's examples, the calendar file, the command line). A call has no subject line: its
# "subject" says what the call is for.
HEADER_LABELS: dict[str, dict[str, str]] = {
    "email": {"to": "To", "subject": "Subject"},
    "call": {"to": "Who", "subject": "Purpose"},
}

# How you met, as the object of "Thank you for ...".
FORMAT_PHRASE: dict[str, dict[str, str]] = {
    "warm": {
        "in_person": "meeting me",
        "video": "the video call",
        "phone": "the phone call",
    },
    "formal": {
        "in_person": "meeting me",
        "video": "speaking with me by video call",
        "phone": "speaking with me by telephone",
    },
}

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
    "follow-up-1": {
        "warm": ("Following up \N{EN DASH} {role} interview at {company}",
                 "Following up \N{EN DASH} my interview at {company}"),
        "formal": ("Follow-up \N{EN DASH} {role} interview, {company}",
                   "Follow-up \N{EN DASH} my interview at {company}"),
    },
    "follow-up-2": {
        "warm": ("Checking in \N{EN DASH} {role} role at {company}",
                 "Checking in \N{EN DASH} my application to {company}"),
        "formal": ("Checking in \N{EN DASH} {role} position, {company}",
                   "Checking in \N{EN DASH} my application to {company}"),
    },
    "call": {
        "warm": ("Call {company} about the {role} role", "Call {company} about your application"),
        "formal": ("Call {company} about the {role} role", "Call {company} about your application"),
    },
}

# The one sentence about a point you would like to clarify. "badly" names it once and
# moves on: the note is about the role, not about the interview's low point.
CLARIFY: dict[str, dict[str, str]] = {
    "warm": {
        "well": "If it's useful, I'd be glad to say a little more about {clarify}.",
        "mixed": "I'd also like to add to my answer about {clarify}, if that would help.",
        "badly": "I don't think I did {clarify} justice on the day, and I'd be glad to "
                 "explain it briefly.",
    },
    "formal": {
        "well": "I would be happy to expand on {clarify} if that would be helpful.",
        "mixed": "I would welcome the chance to add to my answer on {clarify}.",
        "badly": "I do not feel I did justice to {clarify} during the interview, and would "
                 "welcome the chance to expand on it briefly.",
    },
}

BODIES: dict[str, dict[str, Body]] = {
    "thank-you": {
        "warm": [
            [
                ("Thank you for {format_phrase} {when}, and for the chance to talk about the "
                 "{role} role at {company}.",
                 "Thank you for {format_phrase} {when}, and for the chance to talk about the "
                 "role at {company}."),
                {
                    "well": "I really enjoyed our conversation and came away with a much "
                            "clearer picture of the team and the work ahead.",
                    "mixed": "It was really useful to hear more about the team and the work "
                             "ahead.",
                    "badly": "I appreciated how openly you described the team and the work "
                             "ahead.",
                },
                "Talking with you about {person.topic} was a highlight for me.",
            ],
            [
                ("Having thought more about {challenges}, I'm confident I can help: {fit}.",
                 "I'm confident I could make a real difference in the role: {fit}.",
                 "Since we spoke, I've been thinking about {challenges}, and it has made me "
                 "even keener to take it on.",
                 "Everything I heard has made me even keener on the role, and on adding "
                 "something real to the team's work."),
                CLARIFY["warm"],
                "One question I'm still turning over: {questions:sentence}",
            ],
            [
                "I'd love to join {company}, and I look forward to hearing about the "
                "next steps. If there's anything else you need from me, just let me know.",
                "Thanks again for your time, and I hope the rest of your week goes well.",
            ],
        ],
        "formal": [
            [
                ("Thank you for {format_phrase} {when} to discuss the {role} position at "
                 "{company}.",
                 "Thank you for {format_phrase} {when} to discuss the position at {company}."),
                {
                    "well": "It was a pleasure to meet you and to learn more about the team "
                            "and its plans.",
                    "mixed": "I valued the opportunity to learn more about the team and its "
                             "plans.",
                    "badly": "I appreciated the insight you gave me into the team and its "
                             "plans.",
                },
                "I was particularly interested in our discussion of {person.topic}.",
            ],
            [
                ("Having reflected on {challenges}, I am confident that I can contribute: "
                 "{fit}.",
                 "I am confident that I could make a valuable contribution to the role: {fit}.",
                 "I have continued to reflect on {challenges}, and it has strengthened my "
                 "interest in the role.",
                 "I left the interview with a clear sense of how I could contribute to the "
                 "team's work, and my interest in the role has only grown."),
                CLARIFY["formal"],
                "I would also be glad to return to one question: {questions:sentence}",
            ],
            [
                "I remain very interested in the position and look forward to hearing from "
                "you about the next steps. Please do not hesitate to contact me if you need "
                "any further information.",
                "Thank you once again for your time and consideration.",
            ],
        ],
    },
    "follow-up-1": {
        "warm": [
            [
                "I hope you're well.",
                ("I'm following up on my interview for the {role} role on {interview_day}.",
                 "I'm following up on my interview at {company} on {interview_day}."),
                "When we spoke, you mentioned the next steps: {next_steps:sentence}",
                ("You hoped to reach a decision by {decision_date}, so I thought I'd check in "
                 "on where things stand.",
                 "I thought I'd check in to see how things are going with the process."),
            ],
            [
                ("I'm still very enthusiastic about the role, and I'd love to help with "
                 "{challenges}.",
                 "I'm still very enthusiastic about the role and about joining the team at "
                 "{company}."),
                "Is there any news you can share on the timing? If it would help, I'm happy "
                "to send anything else you need, such as references or examples of my work.",
            ],
            ["Thanks again for your time."],
        ],
        "formal": [
            [
                "I hope this email finds you well.",
                ("I am writing to follow up on my interview for the {role} position on "
                 "{interview_day}.",
                 "I am writing to follow up on my interview at {company} on {interview_day}."),
                "When we spoke, you outlined the next steps: {next_steps:sentence}",
                ("As you hoped to reach a decision by {decision_date}, I wanted to ask whether "
                 "there is any update.",
                 "I wanted to ask whether there is any update on the process and its "
                 "timing."),
            ],
            [
                ("I remain very interested in the position and would welcome the opportunity "
                 "to help {company} with {challenges}.",
                 "I remain very interested in the position and in joining {company}."),
                "If it would be useful, I would be glad to provide references or any further "
                "information you may need.",
            ],
            ["Thank you again for your time and consideration."],
        ],
    },
    "follow-up-2": {
        "warm": [
            [
                ("I'm just checking in again about the {role} role at {company}.",
                 "I'm just checking in again about my application to {company}."),
                "I know these decisions can take time, and I don't want to rush you.",
                "I enjoyed our conversation and would love to be part of the team.",
                "I'm still very interested and would be grateful for any news on where things "
                "stand, even if it's only a rough timescale.",
            ],
            [
                "If there's anything else I can send to help, please let me know. Thank you, "
                "and I hope to hear from you soon.",
            ],
        ],
        "formal": [
            [
                ("I am writing briefly to follow up again on the {role} position at {company}.",
                 "I am writing briefly to follow up again on my application to {company}."),
                "I appreciate that decisions like this take a while, and I do not wish to "
                "hurry you.",
                "I very much enjoyed our conversation and would welcome the chance to join "
                "the team.",
                "I remain very interested in the position and would be grateful for any update "
                "on the timescale.",
            ],
            [
                "Please let me know if I can provide anything further. Thank you for your "
                "time, and I look forward to hearing from you.",
            ],
        ],
    },
}

# The phone call: talking points, one per "- " line. Same for both tones: you will say
# them in your own voice anyway.
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
    "What they said about next steps: {next_steps:sentence}",
    "If it fits naturally, one sentence on why you suit the role: {fit}.",
    "Ask your open question: {questions:sentence}",
    "Ask where they are in the process and when you can expect to hear.",
    "Keep it short and friendly: you are showing continued interest, not demanding an answer.",
    "Thank them for their time, and confirm the best way to stay in touch.",
]
