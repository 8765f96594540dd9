#!/usr/bin/env bash
# generate.sh: generate N synthetic Markdown articles (TOML front matter) to measure how
# start-up time and memory grow with content. Deterministic for a given --seed.
#
#   generate.sh [options] N DIR          N articles into DIR
#   generate.sh [options] --all BASE     BASE/10, BASE/100, BASE/1000, BASE/10000
#
# options:
#   --words W              target words per article body (default 1500, +-15%)
#   --seed S               random seed (default 1)
#   --link-template T      URL of a linked article; {slug} is replaced (default '/articles/{slug}')
#                          e.g. '{slug}.md' for relative file links
#   --clean                delete DIR/*.md first (otherwise DIR must hold no *.md)
#
# Each article: +++ title/description/published/order +++ (Knotwise's front matter; order from 1000), ~1,500 words, ## and ### headings, bullet
# and numbered lists, a pipe table, a fenced code block, a blockquote, bold/italic/inline
# code, and 6 links to other articles of the same set (only to articles that exist).
set -euo pipefail
export LC_ALL=C
WORDS=1500 SEED=1 LINK='/articles/{slug}' DATEFMT=bare CLEAN=0 ALL= N= DIR=
while (($#)); do
  case $1 in
    --words) WORDS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --link-template) LINK=$2; shift 2 ;;
    --clean) CLEAN=1; shift ;;
    --all) ALL=$2; shift 2 ;;
    -h|--help) awk 'NR>1 && /^#/{sub(/^# ?/,""); print; next} NR>1{exit}' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) if [[ -z $N ]]; then N=$1; elif [[ -z $DIR ]]; then DIR=$1; else echo "too many arguments" >&2; exit 2; fi; shift ;;
  esac
done

gen() { # gen N DIR
  local n=$1 dir=$2
  [[ $n =~ ^[0-9]+$ && $n -ge 1 ]] || { echo "N must be a positive integer" >&2; exit 2; }
  mkdir -p "$dir"
  if compgen -G "$dir/*.md" >/dev/null; then
    if ((CLEAN)); then find "$dir" -maxdepth 1 -name '*.md' -type f -delete
    else echo "$dir already holds *.md files (use --clean)" >&2; exit 2; fi
  fi
  python3 - "$n" "$dir" "$WORDS" "$SEED" "$LINK" "$DATEFMT" <<'PY'
import os, random, re, sys, datetime, itertools
n, out, target, seed, link_tpl, datefmt = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
rng = random.Random(seed)

COMMON = """the of and to a in is it you that he was for on are with as his they be at one have this from or had by
not word but what some we can out other were all there when up use your how said an each she which do their time if
will way about many then them write would like so these her long make thing see him two has look more day could go come
did number sound no most people my over know water than call first who may down side been now find any new work part take
get place made live where after back little only round man year came show every good me give our under name very through
just form sentence great think say help low line differ turn cause much mean before move right boy old too same tell does
set three want air well also play small end put home read hand port large spell add even land here must big high such follow
act why ask men change went light kind off need house picture try us again animal point mother world near build self earth
father head stand own page should country found answer school grow study still learn plant cover food sun four between state
keep eye never last let thought city tree cross farm hard start might story saw far sea draw left late run while press close
night real life few north open seem together next white children begin got walk example ease paper group always music those
both mark often letter until mile river car feet care second book carry took science eat room friend began idea fish mountain
stop once base hear horse cut sure watch color face wood main enough plain girl usual young ready above ever red list though
feel talk bird soon body dog family direct pose leave song measure door product black short numeral class wind question happen
complete ship area half rock order fire south problem piece told knew pass since top whole king space heard best hour better
during hundred five remember step early hold west ground interest reach fast verb sing listen six table travel less morning""".split()
DOMAIN = """muscle knot massage pressure tissue pain soreness recovery stretch session therapist fascia trigger point
tension circulation inflammation bruise swelling nerve tendon ligament joint posture hydration rest warmth ice heat
shoulder neck back calf thigh forearm hip spine symptom sign evidence study research guideline clinician doctor pharmacy
advice safety risk benefit comfort relief gentle firm deep light technique routine exercise movement strength mobility
blood flow oxygen fibre contraction spasm cramp fatigue sleep stress breathing awareness self-care aftercare review""".split()
VOCAB = COMMON + DOMAIN * 2
WEIGHTS = list(itertools.accumulate(1.0 / (i + 3) ** 0.8 for i in range(len(VOCAB))))
TOPICS = ["Muscle Knots", "Deep Tissue Massage", "Trigger Points", "Post-Massage Soreness", "Foam Rolling",
          "Stretching Routines", "Hydration and Recovery", "Massage Guns", "Neck Tension", "Lower Back Pain",
          "Shoulder Stiffness", "Calf Cramps", "Fascia", "Posture at Work", "Sleep and Muscles", "Heat and Ice",
          "Bruising After Massage", "Nerve Pressure", "Sports Massage", "Pregnancy Massage", "Headaches and Tension",
          "Breathing and Relaxation", "Warm-Up Habits", "Strength Training Recovery", "Desk Stretches"]
ASPECTS = ["What Is Normal", "When to Worry", "A Beginner's Guide", "Myths and Facts", "What the Evidence Says",
           "Step by Step", "Common Mistakes", "Questions to Ask", "A Practical Checklist", "How Long It Lasts",
           "Signs to Watch For", "Self-Care at Home", "Before Your Appointment", "After Your Appointment",
           "For Older Adults", "For Athletes", "For Office Workers", "Safety Basics", "Frequently Asked Questions",
           "A Closer Look"]
FRAMES = ["{t}", "Understanding {t}", "{t} Explained", "A Guide to {t}", "Living with {t}"]
TERMS = ["fascia", "trigger point", "delayed-onset soreness", "inflammation", "myofascial release", "range of motion",
         "rhabdomyolysis", "contraindication", "effleurage", "petrissage", "deep vein thrombosis", "hypermobility"]
LANGS = [("python", ["def score(minutes, pressure):", "    \"\"\"Return a rough comfort score.\"\"\"",
                     "    if pressure > 7:", "        return 0", "    return max(0, 10 - minutes // 10 - pressure)",
                     "", "for m in (10, 30, 60):", "    print(m, score(m, 5))"]),
         ("text", ["Day 0   session, drink water, light walk", "Day 1   mild soreness is common",
                   "Day 2   soreness should be easing", "Day 3+  still worse? contact a clinician"]),
         ("toml", ["[routine]", "warm_up_minutes = 5", "stretch_seconds = 30", "repeat = 3", "rest_days = [\"Sun\"]"])]

def words(k):
    return rng.choices(VOCAB, cum_weights=WEIGHTS, k=k)

def sentence(lo=8, hi=22):
    w = words(rng.randint(lo, hi))
    if len(w) > 10 and rng.random() < 0.4:
        w[rng.randint(3, len(w) - 4)] += ","
    if rng.random() < 0.12:
        i = rng.randrange(len(w)); w[i] = "**" + w[i].rstrip(",") + "**"
    elif rng.random() < 0.10:
        i = rng.randrange(len(w)); w[i] = "*" + w[i].rstrip(",") + "*"
    elif rng.random() < 0.05:
        i = rng.randrange(len(w)); w[i] = "`" + w[i].rstrip(",") + "`"
    s = " ".join(w)
    return s[0].upper() + s[1:] + "."

def paragraph(nsent=None):
    return " ".join(sentence() for _ in range(nsent or rng.randint(4, 7)))

def slugify(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")

combos = [(f, t, a) for f in FRAMES for a in ASPECTS for t in TOPICS]
rng.shuffle(combos)
arts = []
for i in range(n):
    f, t, a = combos[i % len(combos)]
    title = f.format(t=t) + ": " + a
    if i >= len(combos):
        title += f" (Part {i // len(combos) + 1})"
    slug = slugify(title)
    date = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(0, 4200))
    arts.append((title, slug, date, t, a))

def link(j):
    return "[" + arts[j][0] + "](" + link_tpl.replace("{slug}", arts[j][1]) + ")"

def others(i, k):
    if n < 2: return []
    pool = [j for j in rng.sample(range(n), min(n, k + 1)) if j != i]
    return pool[:k]

def wc(text):
    return len(text.split())

total_words = 0
for i, (title, slug, date, topic, aspect) in enumerate(arts):
    goal = int(target * rng.uniform(0.85, 1.15))
    desc = f"{aspect} about {topic.lower()}: " + " ".join(words(rng.randint(10, 16))) + "."
    d = date.isoformat()
    fm = ["+++", 'title = "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"',
          'description = "' + desc.replace("\\", "\\\\").replace('"', '\\"') + '"',
          "published = " + d, "order = " + str(1000 + i), "+++", ""]
    links = others(i, 6)
    intro = paragraph(3)
    if links:
        intro += f" If you are new to this, start with {link(links[0])}."
    sec = {}
    sec["learn"] = ["## What you will learn", ""] + ["- " + sentence(6, 12) for _ in range(5)] + [""]
    sec["background"] = ["## Background", "", paragraph(), "", paragraph(), ""]
    sec["terms"] = ["### Key terms", ""] + [f"- **{rng.choice(TERMS)}**: " + sentence(8, 16) for _ in range(4)] + [""]
    lang, code = rng.choice(LANGS)
    sec["steps"] = ["## Step by step", ""] + [f"{k}. " + sentence(8, 18) for k in range(1, 7)] + \
                   ["", paragraph(3), "", "```" + lang] + code + ["```", ""]
    head = ["Situation", "Usually normal?", "Typical duration", "What to do", "Urgency"]
    rows = [[" ".join(words(3)).capitalize(), rng.choice(["Yes", "Often", "Rarely", "No"]),
             f"{rng.randint(1, 72)} hours", " ".join(words(5)).capitalize(),
             rng.choice(["self-care", "contact a pharmacist", "contact a GP", "urgent", "emergency"])] for _ in range(6)]
    sec["table"] = ["## At a glance", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + \
                   ["| " + " | ".join(r) + " |" for r in rows] + ["", paragraph(3), ""]
    mid = f" See also {link(links[1])}." if len(links) > 1 else ""
    sec["mistakes"] = ["## Common mistakes", ""] + ["- " + sentence(6, 14) for _ in range(4)] + ["", paragraph() + mid, ""]
    sec["help"] = ["## When to get help", "", paragraph(3), "", "> " + sentence(10, 20) + " " + sentence(8, 14), ""]
    sec["related"] = (["## Related articles", ""] + ["- " + link(j) for j in links[2:]] + [""]) if len(links) > 2 else []
    sec["summary"] = ["## Summary", "", paragraph(3), ""]
    order = ["learn", "background", "terms", "steps", "table", "mistakes", "help", "related", "summary"]
    count = wc(intro) + sum(wc("\n".join(sec[k])) for k in order)
    fill = ["background", "mistakes", "help", "steps", "background", "summary"]
    k = 0
    while count < goal:
        p = paragraph()
        tgt = fill[k % len(fill)]; k += 1
        if k % 4 == 0:
            p = "### " + " ".join(words(rng.randint(2, 5))).capitalize() + "\n\n" + p
        sec[tgt] = sec[tgt] + [p, ""]
        count += wc(p)
    body = [intro, ""] + [line for key in order for line in sec[key]]
    total_words += count
    with open(os.path.join(out, slug + ".md"), "w") as fh:
        fh.write("\n".join(fm + body).rstrip("\n") + "\n")
size = sum(os.path.getsize(os.path.join(out, a[1] + ".md")) for a in arts)
print(f"{out}: {n} articles, {size / 1e6:.1f} MB, {total_words / n:.0f} words/article on average")
PY
}

if [[ -n $ALL ]]; then
  [[ -z $N ]] || { echo "--all takes no N" >&2; exit 2; }
  for n in 10 100 1000 10000; do gen "$n" "$ALL/$n"; done
else
  [[ -n $N && -n $DIR ]] || { awk 'NR>1 && /^#/{sub(/^# ?/,""); print; next} NR>1{exit}' "$0" >&2; exit 2; }
  gen "$N" "$DIR"
fi
