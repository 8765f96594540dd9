-- wrk -s benches/post.lua URL/self-check
-- Posts a complete set of answers to the self-check, as the last step of the
-- form does (every earlier answer in hidden fields, then Continue): each
-- request decodes the form, assesses it and renders the result page.
-- The answers are the calm set of tests/selfcheck.rs (CALM).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "right_now=none&unwell=no&breathing=no&fever=no&fainted=no&headache=no&dizzy=no&fall=no"
  .. "&chest=no&limb=no&nerves=no&pain=mild&skin=normal&pee=normal&pregnancy=no&risks=none"
  .. "&areas=shoulders&kind=light&days=under_1_day&trend=better&action=continue"

-- No `response` callback: wrk would hand every 8 KB body to Lua, which
-- costs the load generator more than the server spends on the request, so
-- wrk, not the server, would set the pace. benches/post.sh checks instead,
-- once before the rounds, that these answers give the result page, and
-- after each run that every response was a 2xx (an answer set that no
-- longer fits the questionnaire gets a 422).
