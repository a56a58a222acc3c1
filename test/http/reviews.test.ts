import { expect } from 'chai'
import { Op } from 'sequelize'
import { hashPassword } from '../../server/auth/password'
import { AssessmentReturn, AuditEvent, Challenge, CycleReturn, EvidenceFile, EvidenceLink, Membership, OutboxEmail, Partnership, ReturnAnswer, User } from '../../server/db/models'
import { Agent, csrfToken, postForm, signedInAgent } from '../helpers/agents'
import { submittedPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

const emailsTo = (to: string, returnId: number | string, since: Date) =>
  OutboxEmail.findAll({ where: { toAddress: to, createdAt: { [Op.gte]: since }, body: { [Op.like]: `%/${returnId}%` } }, order: [['id', 'ASC']] })

describe('QA review: moderation, challenges, accepting and sending back', () => {
  let qa: Agent
  let police: Agent

  before(async () => {
    qa = await signedInAgent('qa@riverside.test')
    police = await signedInAgent('lead@police.riverside.test')
  })

  it('lists submitted returns for review with filters, and an empty state when nothing matches', async () => {
    const returnId = await submittedPoliceReturn('Review queue 2047', 2047, { scoreFor: (key) => (key === 'S11-1.1' ? 1 : 2), questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    const all = await qa.get('/reviews')
    expect(all.status).to.equal(200)
    expect(all.text).to.contain(`href="/reviews/${returnId}">Riverside and Millbrook Police</a>`)
    expect((await qa.get('/reviews?sector=police&flagged=yes')).text).to.contain(`href="/reviews/${returnId}"`)
    expect((await qa.get('/reviews?sector=education')).text).not.to.contain(`href="/reviews/${returnId}"`)
    const none = await qa.get('/reviews?sector=faith&status=accepted')
    expect(none.status).to.equal(200)
    expect(none.text).to.contain('No returns match these filters.')
    expect((await qa.get('/reviews?status=not-a-status&cycleId=abc')).status).to.equal(200)
    const cycleId = (await CycleReturn.findOne({ where: { returnId } }))!.cycleId
    const csv = (await qa.get(`/reviews.csv?cycleId=${cycleId}&sector=police`)).text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(csv[0]).to.equal('Organisation,Cycle,Status,Submitted,Serious flags,Open challenges')
    expect(csv.slice(1)).to.have.length(1)
    expect(csv[1]).to.match(/^Riverside and Millbrook Police,Review queue 2047,Submitted,\d{4}-\d\d-\d\dT[^,]+,[1-9]\d*,0$/)
    expect((await qa.get(`/reviews.csv?cycleId=${cycleId}&sector=faith`)).text.replace(/^\uFEFF/, '').trim().split('\r\n')).to.have.length(1)
  })

  it('moderates a score with a reason, keeps the self-score, shows the difference and rescores with the same rules', async () => {
    const returnId = await submittedPoliceReturn('Review moderate 2048', 2048, { questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    const page = `/reviews/${returnId}/standards/S11-1`
    const noReason = await postForm(qa, `${page}/criteria/S11-1.3/moderate`, { score: '1', reason: '' })
    expect(noReason.status).to.equal(400)
    expect(noReason.text).to.contain('Give the reason for the moderated score')
    expect((await postForm(qa, `${page}/criteria/S11-1.3/moderate`, { score: '7', reason: 'Too high' })).text).to.contain('Choose a score from the scale')

    const moderated = await postForm(qa, `${page}/criteria/S11-1.3/moderate`, { score: '1', reason: 'The board minutes show no safeguarding report this year' })
    expect(moderated.status).to.equal(302)
    const answer = (await ReturnAnswer.findOne({ where: { returnId, criterionKey: 'S11-1.3' } }))!
    expect([answer.score, answer.moderatedScore, answer.moderationReason]).to.deep.equal([2, 1, 'The board minutes show no safeguarding report this year'])
    expect((await AssessmentReturn.findByPk(returnId))!.status).to.equal('under_review')

    const latest = (await testContext().services.scoring.latest(returnId))!
    expect(latest.trigger).to.equal('moderated')
    expect(latest.ruleSetId).to.equal((await testContext().services.ruleSets.published(latest.frameworkVersionId))!.id)
    expect(latest.outcome!.ratings.find((rating) => rating.standardKey === 'S11-1')!.rating).to.equal('Partially met')
    expect(latest.outcome!.facts.criteria.find((criterion) => criterion.key === 'S11-1.3')).to.include({ selfScore: 2, moderatedScore: 1, score: 1, moderated: true })

    expect((await qa.get(page)).text).to.contain('1 Developing (-1 on the self-score). Reason: The board minutes show no safeguarding report this year')
    expect((await police.get(`/returns/${returnId}/scores/standards/S11-1`)).text).to.contain('1 (self-score 2, moderated)')
    expect(await AuditEvent.count({ where: { action: 'return.moderated', entityId: String(returnId) } })).to.equal(1)
    expect((await police.get(`/returns/${returnId}`)).text).to.contain('Moderated S11-1.3 from 2 to 1: The board minutes show no safeguarding report this year')

    await postForm(qa, `${page}/criteria/S11-1.3/moderate`, { score: 'none', reason: '' })
    expect((await ReturnAnswer.findOne({ where: { returnId, criterionKey: 'S11-1.3' } }))!.moderatedScore).to.equal(null)
    expect((await testContext().services.scoring.latest(returnId))!.outcome!.ratings.find((rating) => rating.standardKey === 'S11-1')!.rating).to.equal('Fully met')
  })

  it('runs a challenge to the organisation and back, by email both ways, and accepts only once every challenge is closed', async () => {
    const since = new Date(Date.now() - 1000)
    const returnId = await submittedPoliceReturn('Review challenge 2049', 2049, { questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    const raised = await postForm(qa, `/reviews/${returnId}/standards/S11-2/challenges`, { criterionKey: 'S11-2.1', question: 'Which board member is the named senior lead?' })
    expect(raised.status).to.equal(302)
    const challenge = (await Challenge.findOne({ where: { returnId } }))!
    expect((await emailsTo('lead@police.riverside.test', returnId, since)).map((email) => email.subject)).to.include('Riverside and Millbrook Police: a question from the partnership')

    const list = await police.get(`/returns/${returnId}/challenges`)
    expect(list.text).to.contain('Which board member is the named senior lead?')
    expect((await police.get(`/returns/${returnId}`)).text).to.contain('1 needs your answer')
    const otherFile = await EvidenceFile.findOne({ where: { returnId: { [Op.ne]: returnId } } })
    if (otherFile) {
      const wrongFile = await postForm(police, `/returns/${returnId}/challenges/${challenge.id}/answer`, { answer: 'The chair', evidenceFileId: String(otherFile.id) })
      expect(wrongFile.status).to.equal(400)
      expect(wrongFile.text).to.contain('Choose one of this return’s evidence files')
    }
    expect((await postForm(police, `/returns/${returnId}/challenges/${challenge.id}/answer`, { answer: '' })).text).to.contain('Enter your answer')

    // The return is locked, but a file can be uploaded for the answer while a question waits; it is attached to no criterion.
    expect(list.text).to.contain(`href="/returns/${returnId}/evidence/new?for=challenges"`)
    expect((await police.get(`/returns/${returnId}/evidence/new`)).status).to.equal(403)
    expect((await police.get(`/returns/${returnId}/evidence/new?for=challenges`)).text).to.contain('Upload an evidence file for your answer')
    const token = await csrfToken(police, '/dashboard')
    const uploaded = await police.post(`/returns/${returnId}/evidence?_csrf=${encodeURIComponent(token)}&for=challenges`).field('purpose', 'challenges').field('criteria', 'S11-2.1').attach('file', Buffer.from('Board minutes, 3 March: the chair is the named senior lead.'), 'minutes.txt')
    expect(uploaded.headers.location).to.equal(`/returns/${returnId}/challenges`)
    const minutes = (await EvidenceFile.findOne({ where: { returnId, fileName: 'minutes.txt' } }))!
    expect(await EvidenceLink.count({ where: { evidenceFileId: minutes.id } })).to.equal(0)
    expect((await police.get(`/returns/${returnId}/challenges`)).text).to.contain(`<option value="${minutes.id}">minutes.txt</option>`)
    await postForm(police, `/returns/${returnId}/challenges/${challenge.id}/answer`, { answer: 'The chair of the police and crime panel', evidenceFileId: String(minutes.id) })
    expect((await challenge.reload()).answerEvidenceFileId).to.equal(minutes.id)
    // With no question waiting, the locked return takes no upload.
    const late = await police.post(`/returns/${returnId}/evidence?_csrf=${encodeURIComponent(token)}&for=challenges`).field('purpose', 'challenges').attach('file', Buffer.from('Late'), 'late.txt')
    expect(late.status).to.equal(403)
    expect((await challenge.reload()).status).to.equal('answered')
    expect((await emailsTo('qa@riverside.test', returnId, since)).map((email) => email.subject)).to.include('Riverside and Millbrook Police answered your challenge')

    const refused = await postForm(qa, `/reviews/${returnId}/accept`)
    expect(refused.status).to.equal(400)
    expect(refused.text).to.contain('Close the 1 challenge still open before accepting the return')

    await postForm(qa, `/reviews/${returnId}/challenges/${challenge.id}`, { decision: 'keep' })
    expect((await challenge.reload()).status).to.equal('open')
    await postForm(police, `/returns/${returnId}/challenges/${challenge.id}/answer`, { answer: 'The chair, named in the minutes of 3 March' })
    await postForm(qa, `/reviews/${returnId}/challenges/${challenge.id}`, { decision: 'close' })
    expect((await challenge.reload()).status).to.equal('closed')

    expect((await postForm(qa, `/reviews/${returnId}/accept`)).status).to.equal(302)
    expect((await AssessmentReturn.findByPk(returnId))!.status).to.equal('accepted')
    const actions = (await AuditEvent.findAll({ where: { entityType: 'return', entityId: String(returnId), action: { [Op.like]: 'return.%' } }, order: [['id', 'ASC']] })).map((event) => event.action)
    expect(actions.filter((action) => action !== 'return.section_saved')).to.deep.equal([
      'return.submitted',
      'return.review_started',
      'return.challenge_raised',
      'return.evidence_uploaded',
      'return.challenge_answered',
      'return.challenge_kept',
      'return.challenge_answered',
      'return.challenge_closed',
      'return.accepted',
    ])
    expect((await postForm(qa, `/reviews/${returnId}/return`, { reason: 'Too late' })).text).to.contain('not possible while the return is accepted')
  })

  it('sends a return back for changes only with a reason; the organisation edits and resubmits it, and it is scored again', async () => {
    const returnId = await submittedPoliceReturn('Review return 2050', 2050, { questionAnswers: { 'S11-6.1-named-dsl': 'yes' } })
    const noReason = await postForm(qa, `/reviews/${returnId}/return`, { reason: ' ' })
    expect(noReason.status).to.equal(400)
    expect(noReason.text).to.contain('Enter why the return needs changes')
    expect((await AssessmentReturn.findByPk(returnId))!.status).to.equal('submitted')
    // Sent back, the organisation's check page shows every answer, its extra questions included, each Change going to its criterion.
    await postForm(qa, `/reviews/${returnId}/return`, { reason: 'Attach the training matrix to S11-8.2' })
    const check = await police.get(`/returns/${returnId}/check`)
    expect(check.text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')).to.contain('Is there a named designated safeguarding lead (or named professional) in post?: Yes')
    expect(check.text).to.contain(`href="/returns/${returnId}/sections/S11-6#S11-6.1"`)

    const returned = (await AssessmentReturn.findByPk(returnId))!
    expect([returned.status, returned.returnedReason]).to.deep.equal(['returned', 'Attach the training matrix to S11-8.2'])
    expect((await police.get(`/returns/${returnId}`)).text).to.contain('The partnership sent this return back for changes: Attach the training matrix to S11-8.2')
    expect((await police.get(`/returns/${returnId}/sections/S11-8`)).status).to.equal(200)

    const resultsBefore = (await testContext().services.scoring.latest(returnId))!.id
    const resubmitted = await postForm(police, `/returns/${returnId}/submit`, { name: 'Chris Patel', jobTitle: 'Head of Safeguarding', approved: 'yes' })
    expect(resubmitted.headers.location).to.equal(`/returns/${returnId}/submitted`)
    const again = (await AssessmentReturn.findByPk(returnId))!
    expect([again.status, again.returnedReason]).to.deep.equal(['submitted', null])
    expect((await testContext().services.scoring.latest(returnId))!.id).to.be.greaterThan(resultsBefore)
    // The reviewers hear it is back, as the organisation heard it was sent back.
    const told = await OutboxEmail.findAll({ where: { toAddress: 'qa@riverside.test', subject: 'Riverside and Millbrook Police: return submitted again after changes' } })
    expect(told.filter((email) => email.body.endsWith(`/reviews/${returnId}`))).to.have.length(1)
    // Its timeliness is judged by its first submission: on time then, it is not late for having been sent back.
    expect(again.firstSubmittedAt!.getTime()).to.equal(returned.firstSubmittedAt!.getTime())
    expect(again.firstSubmittedAt!.getTime()).to.be.lessThan(again.submittedAt!.getTime())
    const firstDay = again.firstSubmittedAt!.toISOString().slice(0, 10)
    await CycleReturn.update({ dueOn: firstDay }, { where: { returnId } })
    await again.update({ submittedAt: new Date(Date.parse(`${firstDay}T12:00:00Z`) + 10 * 86_400_000) })
    const history = await qa.get(`/organisations/${again.organisationId}/history`)
    const column = history.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').match(/Review return 2050 \S+ (Submitted|Under review) (On time|\d+ days? late)/)
    expect(column![2]).to.equal('On time')
  })

  it('refuses a reviewer from another partnership everything about the return', async () => {
    const returnId = await submittedPoliceReturn('Review outsider 2051', 2051)
    const elsewhere = await Partnership.create({ name: 'Northbrook Partnership', slug: 'northbrook-reviews' })
    const outsider = await User.create({ email: 'qa@northbrook.test', name: 'Northbrook Reviewer', passwordHash: await hashPassword('northbrook reviewer password') })
    await Membership.create({ userId: outsider.id, role: 'qa_reviewer', organisationId: null, partnershipId: elsewhere.id })
    const agent = await signedInAgent('qa@northbrook.test', 'northbrook reviewer password')
    expect((await agent.get(`/reviews/${returnId}`)).status).to.equal(403)
    expect((await agent.get(`/returns/${returnId}/scores`)).status).to.equal(403)
    expect((await postForm(agent, `/reviews/${returnId}/accept`)).status).to.equal(403)
    expect((await agent.get('/reviews')).text).not.to.contain(`/reviews/${returnId}"`)
    expect((await AssessmentReturn.findByPk(returnId))!.status).to.equal('submitted')
  })

  it('shows how reviewers moved self-scores, overall, by standard and by organisation, and marks over-rating', async () => {
    const { services } = testContext()
    const returnId = await submittedPoliceReturn('Calibration 2053', 2053)
    const cycleId = (await CycleReturn.findOne({ where: { returnId } }))!.cycleId
    const reviewer = (await User.findOne({ where: { email: 'qa@riverside.test' } }))!
    const loaded = await services.returns.load(returnId)
    await services.reviews.moderate(reviewer.id, loaded, 'S11-1.3', 1, 'No board report')
    await services.reviews.moderate(reviewer.id, loaded, 'S11-2.2', 0, 'No named lead in post')
    await services.reviews.moderate(reviewer.id, loaded, 'S11-2.3', 3, 'Audited and embedded')
    const scored = await ReturnAnswer.count({ where: { returnId, notApplicable: false } })

    const page = await qa.get(`/reviews/calibration?cycleId=${cycleId}`)
    expect(page.status).to.equal(200)
    expect(page.text).to.contain(`Overall: 3 of ${scored} self-scores moderated (${Math.round(300 / scored)}%), 2 lowered and 1 raised; mean change -0.67.`)
    const row = (label: string) => page.text.match(new RegExp(`<th scope="row" class="govuk-table__header">(<a [^>]*>)?${label}[^]*?</tr>`))![0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    const s11one = row('S11-1 Leadership and accountability')
    expect(s11one).to.match(/ 1 \(\d+%\) 1 \(\d+%\) 0 \(0%\) -1 $/)
    expect(row('S11-2 ')).to.match(/ 2 \(\d+%\) 1 \(\d+%\) 1 \(\d+%\) -0\.5 $/)
    const chart = page.text.match(/<svg class="app-chart" role="img" aria-label="Percentage of self-scores that reviewers lowered and raised, per standard"[^]*?<\/svg>/)![0]
    const loweredShare = s11one.match(/ 1 \(\d+%\) 1 \((\d+%)\)/)![1]
    expect([...chart.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])).to.include(loweredShare)
    expect(row('Riverside and Millbrook Police')).to.contain('Over-rates itself')
    // Each organisation's moves by standard; across every cycle, its rows are told apart by the cycle.
    expect(row('Riverside and Millbrook Police')).to.contain('S11-1: 1 lowered, mean -1; S11-2: 1 lowered, 1 raised, mean -0.5')
    expect((await qa.get('/reviews/calibration')).text).to.contain('Riverside and Millbrook Police (Calibration 2053)')
    expect((await qa.get(`/reviews/calibration.csv?cycleId=${cycleId}`)).text).to.contain('S11-1: 1 lowered, mean -1; S11-2: 1 lowered, 1 raised, mean -0.5')
    expect((await qa.get('/reviews/calibration?cycleId=999999')).text).to.contain('No scored returns yet.')
  })
})
