//! The files `studypack init` writes: a starter profile with every declared fact commented
//! out, a profile skeleton for a person who tells their own story (made from the demo
//! pack's resolved text), and a commented job file.

use crate::bank::{Bank, Category};
use crate::pack::{self, DEFAULT_PACE_WPM, QuestionOut, Span};
use crate::profile::schema::SCHEMA_FILE;
use crate::yaml;

/// A profile with every declared fact commented out: meaning, kind and the demo's value.
pub(crate) fn starter_profile(bank: &Bank) -> String {
    let mut out = String::new();
    out.push_str(&format!("# yaml-language-server: $schema={SCHEMA_FILE}\n"));
    out.push_str(
        "# Your studypack profile. Uncomment each fact and write YOUR figure, as you would say it\n\
         # (89%, $1.2M, 45ms, 50K, 0.92). Every fact the bank's answers use must have a value;\n\
         # `studypack check --profile THIS_FILE` lists what is missing, and `--draft` prints\n\
         # missing ones as blanks. The values shown are the demo persona's, not yours.\n\n\
         pace_wpm: 150   # your speaking pace in words per minute, for the time estimates\n\
         # time_zone: Europe/Berlin   # where you live (IANA name): interview times print in it too\n\n\
         facts:\n",
    );
    for group in &bank.groups {
        out.push_str(&format!("\n  # ── {} ──\n", group.title));
        for fact in bank.facts.iter().filter(|f| f.path.split('.').next() == Some(group.id.as_str())) {
            let key = if fact.key { ", key number" } else { "" };
            out.push_str(&format!("  # {} ({}{key})\n", fact.description, fact.kind));
            out.push_str(&format!("  # {}: {}\n", fact.path, yaml::scalar(&fact.example)));
        }
    }
    out.push_str(
        "\n# Replace a bank question's wording, or add your own (id, prompt, headline, the five cues,\n\
         # answer). `studypack list` shows the ids.\n\
         # questions:\n\
         #   - id: model-choice\n\
         #     headline: \"I start simple: a {{ churn.accuracy_logreg }} baseline, then ...\"\n\n\
         # Your own scripts (placeholders allowed):\n\
         # scripts:\n\
         #   elevator_pitch: \"I'm a {{ person.role }} with {{ career.years }} of experience ...\"\n",
    );
    out
}

/// A profile skeleton for a person who tells their own story: two project slots, every
/// bank question as a commented slot to answer in their own words (prompt, target time, how
/// the guide builds such an answer, and its worked example), the red-flag examples, the
/// framework examples and the scripts.
pub(crate) fn own_profile(bank: &Bank) -> String {
    let demo = pack::resolve(bank, &bank.examples(), DEFAULT_PACE_WPM);
    let mut out = String::new();
    out.push_str(&format!("# yaml-language-server: $schema={SCHEMA_FILE}\n"));
    out.push_str(
        "# Your studypack profile, telling YOUR story. The bank gives the questions, frameworks,\n\
         # red flags and checklist; you give your projects, your figures and your answers.\n\
         # Write a figure as you would say it (91%, $1.2M, 35 ms, 2.1M, 0.94): its kind is read\n\
         # from how it is written; in answers, write it as {{ project.fact }} so it prints in bold\n\
         # and can change per job. `studypack check --profile THIS_FILE` says what is left to do;\n\
         # `studypack build --draft --profile THIS_FILE` prints what is missing as blanks.\n\n\
         pace_wpm: 150   # your speaking pace in words per minute, for the time estimates\n\n\
         # Your projects: a short id (lowercase, used in facts and questions) and the title\n\
         # that prints on the cards and under \"my numbers\".\n\
         projects:\n\
         \x20 project_one:\n\
         \x20   title: Your first project\n\
         \x20   summary: One line on what it was and for whom\n\
         \x20 project_two:\n\
         \x20   title: Your second project\n\n\
         facts:\n\
         \x20 person:\n\
         \x20   name: Your Name\n\
         \x20   role: Machine Learning Engineer   # the title you introduce yourself with\n\
         \x20 career:\n\
         \x20   years: 3 years\n\
         \x20 project_one:\n\
         \x20   # Your figures. `key: true` puts one among the numbers to memorize.\n\
         \x20   # accuracy: 91%\n\
         \x20   # latency_p95: 120 ms\n\
         \x20   # savings: { value: \"$1.2M\", key: true, about: Money saved per year }\n\
         \x20 project_two:\n\
         \x20   # precision: 88%   # precision, recall and f1 of one project are checked together\n\n",
    );
    out.push_str(
        "# Your answers to the bank's questions. Uncomment a slot and write it in your own words;\n\
         # `skip:` (below) leaves out the ones you will not be asked.\n\
         questions:\n",
    );
    for q in &demo.questions {
        out.push_str(&question_slot(q));
    }
    out.push_str("\n# What you would say instead, for the red flags whose example tells the guide's story.\n# red_flags:\n");
    for flag in &demo.red_flags {
        out.push_str(&format!("#   {}: \"...\"   # the guide's: {}\n", flag.id, plain(&flag.instead)));
    }
    let layer = demo
        .frameworks
        .three_layer
        .iter()
        .find_map(|l| l.example.as_ref())
        .map(|e| plain(e))
        .unwrap_or_default();
    out.push_str(&format!(
        "\n# Your worked examples for the frameworks.\n# frameworks:\n#   three_layer_example: \"...\"   # the guide's: {layer}\n#   formula_example:\n#     context: \"...\"\n#     challenge: \"...\"\n#     approach: \"...\"\n#     result: \"...\"\n#     learning: \"...\"\n"
    ));
    out.push_str(
        "\n# Your scripts.\n# scripts:\n#   elevator_pitch: |\n#     I'm a {{ person.role }} with {{ career.years }} of experience ... (about 75 words)\n\
         #   timeline:\n#     prompt: Walk me through your experience\n#     intro: \"...\"\n#     steps:\n#       - when: Most recently\n#         text: \"...\"\n#     outro: \"...\"\n\n\
         # Bank questions, red flags or the three-layer-example to leave out of every pack.\n# skip: []\n",
    );
    out
}

/// A commented slot for the person's answer to `q`: its prompt and target time, how the
/// guide builds such an answer, and its worked example.
fn question_slot(q: &QuestionOut) -> String {
    let advice = match q.category {
        Category::Behavioral => {
            "STAR: situation 15-20s, task 10-15s, action 60-90s (most of it: what YOU did), result 20-30s with numbers and what you learned"
        }
        Category::Technical => {
            "name the technique, why you chose it over the alternatives, a number from your own project, and its tradeoff"
        }
        Category::General => {
            "3 layers: a one-sentence headline (problem + impact), then context, challenge, approach, result, learning"
        }
    };
    let mut out = format!(
        "\n  # Q{} \"{}\" (say it in {})\n  # How to build it: {advice}.\n  # The guide's example headline: \"{}\"\n",
        q.number,
        plain(&q.prompt),
        q.target,
        plain(&q.headline)
    );
    out.push_str(&format!(
        "  # - id: {}\n  #   project: project_one\n  #   headline: \"...\"\n  #   cues:\n  #     context: \"...\"\n  #     challenge: \"...\"\n  #     approach: \"...\"\n  #     result: \"...\"\n  #     learning: \"...\"\n  #   answer: |\n  #     ...\n",
        q.id
    ));
    out
}

/// Resolved text as plain text.
fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// A commented job file: one application, with `date` as the example interview date.
pub(crate) fn job_file(bank: &Bank, date: &str) -> String {
    let ids: Vec<&str> = bank.questions.iter().take(3).map(|q| q.id.as_str()).collect();
    format!(
        "# yaml-language-server: $schema={SCHEMA_FILE}\n\
         # One job application. Build its pack with\n\
         #   studypack build --profile me.yaml --job THIS_FILE\n\
         # The pack goes to OUT/<this file's name without .yaml>/.\n\
         job:\n\
         \x20 company: Acme Analytics\n\
         \x20 role: Senior Data Scientist         # the role you applied for\n\
         \x20 date: {date}                    # the interview day, YYYY-MM-DD\n\
         \x20 time: \"14:30\"                       # HH:MM on a 24-hour clock, in quotes, in time_zone\n\
         \x20 time_zone: Europe/Berlin            # where the interview's clock is (IANA name)\n\
         \x20 format: video                       # onsite, video or phone\n\
         \x20 interviewers: [Dana Whitfield (Head of Data)]\n\n\
         # Figures that differ for this application, by the names your profile uses:\n\
         # facts:\n\
         #   churn.annual_savings: \"$2.6M\"\n\n\
         # The questions for this interview, in this order (`studypack list` shows the ids);\n\
         # without it, all of them:\n\
         # select: [{}]\n\n\
         # Questions to ask this interviewer, after the usual ones:\n\
         # questions_to_ask:\n\
         #   - How does the team decide which model reaches production?\n",
        ids.join(", ")
    )
}
