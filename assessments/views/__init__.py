"""Assessment pages, as the posting's "考核鉴定" tab, one module per page family:

- `posting`: the tab itself (the appraisal's progress with each step's form, annual assessments,
  after-secondment records), every button read from `assessments.access`;
- `appraisals`: the appraisal's writes (open early, a step, finalize, correct);
- `annual`: annual assessments (propose, opinion, confirm) and their export with national codes;
- `outcomes`: 挂职后使用情况;
- `vote_panel`, `votes`: 民主测评（扫码） on the tab (open, close, reopen, live count, slips);
- `voting`: the voters' public pages at /v/ (assessments/urls_voting.py).
"""
