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

-- A result page must come back, not a step with errors (422) or a 4xx.
local bad = 0
response = function(status, headers, body)
  if status ~= 200 or not body:find("Your self%-check result", 1) then
    bad = bad + 1
  end
end

done = function(summary, latency, requests)
  if bad > 0 then
    io.stderr:write(string.format("post.lua: %d answers were not a result page\n", bad))
  end
end
