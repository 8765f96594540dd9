-- wrk -s benches/post.lua URL/self-check, with KNOTWISE_POST_BODY set
-- Posts the body benches/post.sh found by walking the self-check as a calm
-- reader (benches/calm_post.py): the step that gives the result page, with
-- every earlier answer in hidden fields, as the browser sends it. Each
-- request decodes the form, assesses it and renders the result page.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = os.getenv("KNOTWISE_POST_BODY")

-- No `response` callback: wrk would hand every 8 KB body to Lua, which
-- costs the load generator more than the server spends on the request, so
-- wrk, not the server, would set the pace. benches/post.sh checks instead,
-- once before the rounds, that this body gives the result page, and after
-- each run that every response was a 2xx.
