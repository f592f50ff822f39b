# ruff: noqa: E501
"""The access matrix: every URL pattern of the site (Django admin aside: tests/security/test_access_matrix.py
checks it as one rule) × every role × a record in scope and one out of scope, with the status each must get.

One line per URL name:

    "app:name": (kwargs, in_scope, out_of_scope),  # METHOD

- kwargs: how to fill the pattern from a side of tests/security/scene.py: `pk=posting,batch_pk=batch`
  takes the pk of that side's record; `:text` is a literal (`action=:terminate`). Empty for patterns
  without arguments (then out_of_scope is None).
- in_scope: the statuses of the roles in this order, with side "a" (county A, where every test user
  has their role): anonymous, cadre, receiving contact, dispatching contact, county org staff, city org
  staff, administrator.
- out_of_scope: the same with side "b" (county B: only city org staff and the administrator reach it).
- METHOD (a comment): GET where the view answers GET, else an empty POST (each request is rolled back).

Reading the codes: 302 for anonymous is the login page; 404 is "not yours or missing" (the same answer);
403 is "yours to see, not yours to do"; 302 after a POST is the page again with a message; 405 a method
the page does not take. Some records belong to one person only: import uploads to their uploader, print
jobs to their owner, notifications to their recipient (admins too get 404 there).

A new URL without a line here fails test_every_url_pattern_is_declared, which prints the line observed
today: check it against the rules (DOMAIN.md) before pasting it.
"""

ROLES = ("anon", "cadre", "receive", "dispatch", "org_county", "org_city", "admin")

# fmt: off
ACCESS: dict[str, tuple[str, str, str | None]] = {
    "assessments:after": ("pk=posting", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "assessments:annual": ("pk=posting,step=:propose", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "assessments:annual-export": ("", "302 200 200 200 200 200 200", None),  # GET
    "assessments:batch-ranking": ("pk=batch", "302 404 404 404 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "assessments:batch-ranking-xlsx": ("pk=batch", "302 404 404 404 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "assessments:correct": ("pk=appraisal", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "assessments:finalize": ("pk=appraisal", "302 403 403 403 302 302 302", "302 404 404 404 404 302 302"),  # POST
    "assessments:open": ("pk=posting", "302 302 302 302 302 302 302", "302 404 404 404 404 302 302"),  # POST
    "assessments:posting": ("pk=posting", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "assessments:step": ("pk=appraisal,step=:self_summary", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "assessments:vote-close": ("pk=vote", "302 404 404 404 200 200 200", "302 404 404 404 404 200 200"),  # POST: the organizing side only (org department by default)
    "assessments:vote-count": ("pk=vote", "302 404 404 404 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "assessments:vote-open": ("pk=appraisal", "302 403 403 403 200 200 200", "302 404 404 404 404 200 200"),  # POST: sees the appraisal, may not open a vote: 403
    "assessments:vote-reopen": ("pk=vote", "302 404 404 404 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "cadres:cadre-create": ("", "302 403 403 200 200 200 200", None),  # GET
    "cadres:cadre-detail": ("pk=cadre", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "cadres:cadre-edit": ("pk=cadre", "302 403 403 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "cadres:cadre-export-xlsx": ("", "302 200 200 200 200 200 200", None),  # GET
    "cadres:cadre-list": ("", "302 200 200 200 200 200 200", None),  # GET
    "cadres:import-preview": ("pk=upload_cadres", "302 403 403 200 404 404 404", "302 403 403 404 404 404 404"),  # GET
    "cadres:import-start": ("", "302 403 403 200 200 200 200", None),  # GET
    "cadres:import-template": ("", "302 403 403 200 200 200 200", None),  # GET
    "cadres:cadre-lrmx": ("pk=cadre", "302 200 403 200 200 200 200", "302 404 404 404 404 200 200"),  # GET: the 任免审批表 names the family: not the receiving contact's
    "cadres:family-add": ("pk=cadre", "302 403 403 200 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "cadres:family-edit": ("pk=family", "302 403 403 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "cadres:lrmx-import-preview": ("pk=upload_cadres_lrmx", "302 403 403 200 404 404 404", "302 403 403 404 404 404 404"),  # GET
    "cadres:lrmx-import-start": ("", "302 403 403 200 200 200 200", None),  # GET
    "cadres:particulars-edit": ("pk=cadre", "302 403 403 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "cadres:resume-add": ("pk=cadre", "302 403 403 200 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "cadres:resume-edit": ("pk=resume", "302 403 403 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "cadres:reward-add": ("pk=cadre", "302 403 403 200 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "cadres:reward-edit": ("pk=reward", "302 403 403 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "cadres:training-add": ("pk=cadre", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "cadres:unit-create": ("", "302 403 403 403 200 200 200", None),  # GET
    "cadres:unit-detail": ("pk=unit", "302 200 404 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "cadres:unit-edit": ("pk=unit", "302 403 404 403 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "cadres:unit-list": ("", "302 200 200 200 200 200 200", None),  # GET
    "cadres:unit-pick": ("pick=:receiving", "302 200 200 200 200 200 200", None),  # GET: each finds only its own scope's units
    "dashboard:calendar": ("", "302 200 200 200 200 200 200", None),  # GET
    "dashboard:calendar-feed": ("token=token", "200 200 200 200 200 200 200", "404 404 404 404 404 404 404"),  # GET
    "dashboard:todo": ("key=:arrivals", "302 404 200 404 404 404 404", None),  # GET: the receiving unit's to-do, no other role's
    "dashboard:export": ("", "302 403 403 403 200 200 200", None),  # GET
    "dashboard:index": ("", "302 403 403 403 200 200 200", None),  # GET
    "export-job": ("pk=export_job", "302 404 404 404 200 404 404", "302 404 404 404 404 404 404"),  # GET
    "export-job-download": ("pk=export_job", "302 404 404 404 404 404 404", "302 404 404 404 404 404 404"),  # GET
    "documents:appraisal-pdf": ("pk=appraisal", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "documents:batch-rmb-zip": ("batch_pk=batch", "302 404 302 200 200 200 200", "302 404 404 404 404 200 200"),  # POST: the nominees' 任免审批表 the user may read; none for a receiving contact (back with a message)
    "documents:batch-summary-pdf": ("batch_pk=batch", "302 404 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "documents:cadre-rmb": ("pk=cadre", "302 200 404 200 200 200 200", "302 404 404 404 404 200 200"),  # GET: whoever reads the particulars (the cadre too), not a receiving contact
    "documents:democratic-ballot-pdf": ("pk=appraisal", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "documents:vote-slips": ("pk=vote", "302 404 404 404 200 200 200", "302 404 404 404 404 200 200"),  # GET: the vote's organizing side only, while it is open
    "documents:democratic-tally-pdf": ("pk=appraisal", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "documents:print-job": ("pk=print_job", "302 404 404 404 200 404 404", "302 404 404 404 404 404 404"),  # GET
    "documents:print-job-create": ("batch_pk=batch", "302 404 403 403 302 302 302", "302 404 404 404 404 302 302"),  # POST
    "documents:print-job-download": ("pk=print_job", "302 404 404 404 404 404 404", "302 404 404 404 404 404 404"),  # GET
    "documents:registration-pdf": ("pk=nomination", "302 404 404 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "documents:transfer": ("pk=appraisal", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "documents:transfer-pdf": ("pk=appraisal", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "documents:verify": ("", "302 403 403 403 200 200 200", None),  # GET
    "documents:work-report-pdf": ("pk=report", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "favicon": ("", "302 302 302 302 302 302 302", None),  # GET: to the static icon, for anyone
    "health": ("", "200 200 200 200 200 200 200", None),  # GET
    "home": ("", "302 200 200 200 200 200 200", None),  # GET
    "legacy-calendar-feed": ("token=token", "200 200 200 200 200 200 200", "404 404 404 404 404 404 404"),  # GET
    "voting:ballot": ("code=code", "200 200 200 200 200 200 200", "404 404 404 404 404 404 404"),  # GET: public by design, the code is the key; an unknown code: 404 and nothing told
    "voting:done": ("", "200 200 200 200 200 200 200", None),  # GET: public, the same words for everyone
    "voting:enter": ("", "200 200 200 200 200 200 200", None),  # GET: public
    "login": ("", "200 302 302 302 302 302 302", None),  # GET
    "logout": ("", "302 405 405 405 405 405 405", None),  # GET
    "notifications:email": ("", "302 302 302 302 302 302 302", None),  # POST
    "notifications:list": ("", "302 200 200 200 200 200 200", None),  # GET
    "notifications:log": ("", "302 403 403 403 200 200 200", None),  # GET
    "notifications:read": ("pk=notification", "302 404 404 302 404 404 404", "302 404 404 404 404 404 404"),  # POST
    "notifications:read-all": ("", "302 302 302 302 302 302 302", None),  # POST
    "password_change": ("", "302 200 200 200 200 200 200", None),  # GET
    "password_change_done": ("", "302 200 200 200 200 200 200", None),  # GET
    "reports:attach": ("pk=report", "302 302 302 302 302 302 302", "302 404 404 404 404 302 302"),  # POST
    "reports:missing": ("", "302 200 200 200 200 200 200", None),  # GET: each sees the missing reports in their scope
    "reports:compliance": ("", "302 200 200 200 200 200 200", None),  # GET
    "reports:detail": ("pk=report", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "reports:export-xlsx": ("", "302 200 200 200 200 200 200", None),  # GET
    "reports:posting": ("pk=posting", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "reports:print": ("pk=report", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "reports:queue": ("", "302 200 200 200 200 200 200", None),  # GET
    "reports:review": ("pk=report,decision=:accept", "302 403 403 403 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "secondment:batch-ceiling": ("pk=batch", "302 404 403 403 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "secondment:batch-create": ("", "302 403 403 403 200 200 200", None),  # GET
    "secondment:batch-create-postings": ("pk=batch", "302 404 403 403 302 302 302", "302 404 404 404 404 302 302"),  # POST
    "secondment:batch-detail": ("pk=batch", "302 404 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:batch-edit": ("pk=batch", "302 404 403 403 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:batch-list": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:batch-offer": ("pk=batch", "302 404 403 403 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "secondment:batch-offer-delete": ("pk=batch,offer_pk=offer", "302 404 403 403 302 302 302", "302 404 404 404 404 302 302"),  # POST
    "secondment:batch-pairings": ("pk=paired_batch", "302 404 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:batch-pairings-export-xlsx": ("pk=paired_batch", "302 404 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:batch-quota": ("pk=batch", "302 404 403 403 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "secondment:batch-lrmx-zip": ("pk=batch", "302 404 403 200 200 200 200", "302 404 404 404 404 200 200"),  # GET: the nominees' 任免审批表 name their families: not the receiving contact's
    "secondment:batch-ranking": ("pk=batch", "302 404 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:batch-status": ("pk=batch", "302 404 403 403 302 302 302", "302 404 404 404 404 302 302"),  # POST
    "secondment:feedback-acknowledge": ("pk=feedback", "302 404 403 302 403 403 403", "302 404 404 404 404 403 403"),  # POST
    "secondment:feedback-export-xlsx": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:feedback-list": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:import-nominees": ("batch_pk=batch", "302 404 403 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:import-nominees-preview": ("batch_pk=batch,pk=upload_nominees", "302 404 403 200 404 404 404", "302 404 404 404 404 404 404"),  # GET
    "secondment:import-nominees-template": ("batch_pk=batch", "302 404 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:import-postings": ("batch_pk=batch", "302 404 403 403 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:import-postings-preview": ("batch_pk=batch,pk=upload_postings", "302 404 403 403 200 404 404", "302 404 404 404 404 404 404"),  # GET
    "secondment:import-postings-template": ("batch_pk=batch", "302 404 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:import-scores": ("batch_pk=batch", "302 404 403 403 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:import-scores-preview": ("batch_pk=batch,pk=upload_scores", "302 404 403 403 200 404 404", "302 404 404 404 404 404 404"),  # GET
    "secondment:import-scores-template": ("batch_pk=batch", "302 404 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:living-support-export-xlsx": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:living-support-list": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:nominate": ("pk=batch", "302 404 403 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:nomination-decision": ("pk=nomination", "302 404 404 403 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "secondment:nomination-detail": ("pk=nomination", "302 404 404 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:nomination-inspection": ("pk=nomination", "302 404 404 403 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "secondment:nomination-registration": ("pk=nomination", "302 404 404 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:nomination-scores": ("pk=nomination", "302 404 404 403 302 302 302", "302 404 404 404 404 302 302"),  # POST
    "secondment:nomination-withdraw": ("pk=nomination", "302 404 404 200 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "secondment:posting-detail": ("pk=posting", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:posting-export-xlsx": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:posting-extension": ("pk=posting2", "302 404 200 403 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "secondment:posting-extension-consent": ("pk=posting,request_pk=extension", "302 403 403 200 403 403 403", "302 404 404 404 404 403 403"),  # POST
    "secondment:posting-extension-decide": ("pk=posting,request_pk=:999999", "302 403 403 403 404 404 404", "302 404 404 404 404 404 404"),  # POST
    "secondment:posting-filing": ("pk=posting", "302 403 403 403 403 403 403", "302 404 404 404 404 403 403"),  # POST
    "secondment:posting-formality": ("pk=posting", "302 403 200 403 403 403 403", "302 404 404 404 404 403 403"),  # POST
    "secondment:posting-formality-attachment": ("pk=posting,formality_pk=formality", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:posting-inspections": ("pk=posting", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:posting-leave": ("pk=posting", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:posting-list": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:posting-plan": ("pk=posting", "302 403 403 403 403 403 403", "302 404 404 404 404 403 403"),  # POST
    "secondment:posting-support": ("pk=posting", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:posting-termination": ("pk=posting2", "302 404 200 403 403 403 403", "302 404 404 404 404 403 403"),  # POST
    "secondment:posting-termination-attachment": ("pk=posting,proposal_pk=termination", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:posting-termination-decide": ("pk=posting,proposal_pk=termination", "302 403 403 403 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "secondment:posting-transition": ("pk=posting,action=:terminate", "302 403 403 403 200 200 200", "302 404 404 404 404 200 200"),  # POST
    "secondment:posting-worklog": ("pk=posting", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:rotation-export-xlsx": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:rotation-list": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:symposium-attachment": ("pk=symposium,attachment_pk=symposium_attachment", "302 200 404 404 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:symposium-create": ("", "302 403 403 403 200 200 200", None),  # GET
    "secondment:symposium-detail": ("pk=symposium", "302 200 404 404 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:symposium-edit": ("pk=symposium", "302 403 404 404 200 200 200", "302 404 404 404 404 200 200"),  # GET
    "secondment:symposium-export-xlsx": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:symposium-list": ("", "302 200 200 200 200 200 200", None),  # GET
    "secondment:termination-queue": ("", "302 200 200 200 200 200 200", None),  # GET
    "stored-file": ("name=stored_file", "302 200 200 200 200 200 200", "302 404 404 404 404 200 200"),  # GET
}
# fmt: on
