import { expect } from 'chai'
import { AssessmentReturn, AuditEvent, OutboxEmail, ReturnAnswer, ReturnSection, User } from '../../server/db/models'
import { ReturnLockedError } from '../../server/returns/service'
import { Agent, csrfToken, postForm, signedInAgent } from '../helpers/agents'
import { newPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

describe('completing a return', () => {
  let lead: Agent
  let returnId: number
  let criteria: string[]
  const sectionPath = () => `/returns/${returnId}/sections/S11-1`

  before(async () => {
    ({ returnId, criteria } = await newPoliceReturn('Returns test 2027', 2027))
    lead = await signedInAgent('lead@police.riverside.test')
  })

  async function save(agent: Agent, fields: Record<string, string>) {
    const _csrf = await csrfToken(agent, '/dashboard')
    return agent.post(sectionPath()).type('form').send({ ...fields, _csrf })
  }

  async function currentVersion(agent: Agent): Promise<string> {
    return (await agent.get(sectionPath())).text.match(/name="version" value="(\d+)"/)![1]
  }

  it('lists the organisation’s returns with the partnership each goes to, and a task list of its standards', async () => {
    const list = await lead.get('/returns')
    expect(list.text).to.contain('Riverside Safeguarding Children Partnership (Returns test 2027)')
    const tasks = await lead.get(`/returns/${returnId}`)
    expect(tasks.text).to.match(/You have completed 0 of \d+ sections/)
    expect(tasks.text).to.contain('Due by <strong>31 March 2027</strong>')
  })

  it('refuses a score outside the scale and N/A where it is not allowed, keeping what was typed (escaped)', async () => {
    const response = await save(lead, { version: await currentVersion(lead), [`${criteria[0]}-score`]: '9', [`${criteria[1]}-score`]: 'na', [`${criteria[0]}-narrative`]: '<script>alert(1)</script> our board minutes' })
    expect(response.status).to.equal(400)
    expect(response.text).to.contain(`Select a score for ${criteria[0]} from the scale`)
    expect(response.text).to.contain(`${criteria[1]} cannot be answered “not applicable”`)
    expect(response.text).to.contain('&lt;script&gt;alert(1)&lt;/script&gt; our board minutes')
    expect(response.text).not.to.contain('<script>alert(1)</script>')
    expect(await ReturnAnswer.count({ where: { returnId } })).to.equal(0)
  })

  it('will not mark a section completed until every criterion is answered', async () => {
    const response = await save(lead, { version: await currentVersion(lead), [`${criteria[0]}-score`]: '2', completed: 'yes' })
    expect(response.status).to.equal(400)
    expect(response.text).to.contain(`Score ${criteria[1]} before marking the section completed`)
  })

  it('saves a draft in one go, moves the return to in progress, and records who changed what', async () => {
    const response = await save(lead, { version: await currentVersion(lead), [`${criteria[0]}-score`]: '2', [`${criteria[0]}-narrative`]: 'Board minutes, March' })
    expect(response.status).to.equal(302)
    const answer = (await ReturnAnswer.findOne({ where: { returnId, criterionKey: criteria[0] } }))!
    expect(answer.score).to.equal(2)
    expect(answer.narrative).to.equal('Board minutes, March')
    expect((await AssessmentReturn.findByPk(returnId))!.status).to.equal('in_progress')
    expect((await ReturnSection.findOne({ where: { returnId, standardKey: 'S11-1' } }))!.status).to.equal('in_progress')
    const event = (await AuditEvent.findOne({ where: { action: 'return.section_saved', entityId: String(returnId) }, order: [['id', 'DESC']] }))!
    expect((event.after as Record<string, { score: number }>)[criteria[0]].score).to.equal(2)
    expect((await lead.get(sectionPath())).text).to.match(new RegExp(`value="2" checked`))
  })

  it('refuses the second of two people saving the same section, showing what the first saved and keeping the second’s answers', async () => {
    const other = await signedInAgent('lead@police.riverside.test')
    const seen = await currentVersion(lead)
    expect(await currentVersion(other)).to.equal(seen)
    expect((await save(lead, { version: seen, [`${criteria[0]}-score`]: '3', [`${criteria[0]}-narrative`]: 'Annual report to the board' })).status).to.equal(302)
    const late = await save(other, { version: seen, [`${criteria[0]}-score`]: '1', [`${criteria[0]}-narrative`]: 'My own wording' })
    expect(late.status).to.equal(409)
    expect(late.text).to.contain('saved this section at')
    expect(late.text).to.contain('<li>Self-score: 3</li>')
    expect(late.text).to.contain('<li>Evidence: Annual report to the board</li>')
    expect(late.text).to.contain('My own wording')
    expect((await ReturnAnswer.findOne({ where: { returnId, criterionKey: criteria[0] } }))!.score).to.equal(3)
  })

  it('records in the history what an answer was before a save, as well as what it became', async () => {
    expect((await save(lead, { version: await currentVersion(lead), [`${criteria[0]}-score`]: '1', [`${criteria[0]}-narrative`]: 'Changed our minds' })).status).to.equal(302)
    const event = (await AuditEvent.findOne({ where: { action: 'return.section_saved', entityId: String(returnId) }, order: [['id', 'DESC']] }))!
    const answer = (side: unknown) => (side as Record<string, { score: number; narrative: string }>)[criteria[0]]
    expect([answer(event.before).score, answer(event.before).narrative]).to.deep.equal([3, 'Annual report to the board'])
    expect([answer(event.after).score, answer(event.after).narrative]).to.deep.equal([1, 'Changed our minds'])
    expect((await lead.get(`/returns/${returnId}`)).text).to.contain(`Saved S11-1: ${criteria[0]} score 3 to 1, evidence text`)
  })

  it('marks the section completed once every criterion is answered', async () => {
    const fields: Record<string, string> = { version: await currentVersion(lead), completed: 'yes' }
    for (const key of criteria) fields[`${key}-score`] = '2'
    expect((await save(lead, fields)).status).to.equal(302)
    const tasks = (await lead.get(`/returns/${returnId}`)).text
    expect(tasks).to.match(/You have completed 1 of \d+ sections/)
    expect(tasks).to.contain('Saved S11-1 and marked it completed')
    expect(tasks).to.contain('Chris Patel')
    // Opened again, it is still ticked completed: saving a change keeps it completed.
    expect((await lead.get(sectionPath())).text).to.contain('name="completed" type="checkbox" value="yes" checked')
  })

  it('saves the largest section the form allows, in any alphabet, without refusing it as too large', async () => {
    const big = await newPoliceReturn('Largest section 2063', 2063)
    const path = `/returns/${big.returnId}/sections/S11-1`
    const version = (await lead.get(path)).text.match(/name="version" value="(\d+)"/)![1]
    const fields: Record<string, string> = { version, _csrf: await csrfToken(lead, '/dashboard') }
    for (const key of big.criteria) {
      Object.assign(fields, { [`${key}-score`]: '1', [`${key}-narrative`]: 'ŵ'.repeat(5000) })
      for (let row = 0; row < 10; row++) {
        Object.assign(fields, { [`${key}-improvement-${row}-action`]: 'ŷ'.repeat(1000), [`${key}-improvement-${row}-owner`]: 'â'.repeat(200), [`${key}-improvement-${row}-target-day`]: '1', [`${key}-improvement-${row}-target-month`]: '1', [`${key}-improvement-${row}-target-year`]: '2099' })
      }
    }
    const response = await lead.post(path).type('form').send(fields)
    expect(response.status).to.equal(302)
    const saved = await ReturnAnswer.findOne({ where: { returnId: big.returnId, criterionKey: big.criteria[0] } })
    expect(saved!.narrative).to.have.length(5000)
  })

  it('checks answers, needs every section and the declaration, then submits, locks and emails the leads', async () => {
    const check = await lead.get(`/returns/${returnId}/check`)
    expect(check.text).to.contain('Complete every section before the return can be submitted')
    const early = await postForm(lead, `/returns/${returnId}/submit`, { name: 'Chris Patel', jobTitle: 'Head of Safeguarding', approved: 'yes' })
    expect(early.status).to.equal(400)
    expect(early.text).to.contain('Complete every section before submitting')

    const loaded = await testContext().services.returns.load(returnId)
    const leadUser = (await User.findOne({ where: { email: 'lead@police.riverside.test' } }))!
    for (const standard of loaded.standards) {
      const { version } = await testContext().services.returns.section(returnId, standard.key)
      const answers = standard.criteria.map((criterion) => ({ criterionKey: criterion.key, score: 2, notApplicable: false, notApplicableReason: null, narrative: null, questionAnswers: {} }))
      await testContext().services.returns.saveSection(leadUser.id, returnId, standard.key, answers, true, version)
    }
    const noDeclaration = await postForm(lead, `/returns/${returnId}/submit`, { name: 'Chris Patel', jobTitle: '' })
    expect(noDeclaration.status).to.equal(400)
    expect(noDeclaration.text).to.contain('Enter your job title')
    expect(noDeclaration.text).to.contain('Confirm that the return is accurate and approved by your senior safeguarding lead')
    expect(noDeclaration.text).to.contain('value="Chris Patel"')

    const submitted = await postForm(lead, `/returns/${returnId}/submit`, { name: 'Chris Patel', jobTitle: 'Head of Safeguarding', approved: 'yes' })
    expect(submitted.headers.location).to.equal(`/returns/${returnId}/submitted`)
    expect((await lead.get(submitted.headers.location)).text).to.contain('Return submitted')
    const stored = (await AssessmentReturn.findByPk(returnId))!
    expect(stored.status).to.equal('submitted')
    expect(stored.declaration).to.deep.equal({ name: 'Chris Patel', jobTitle: 'Head of Safeguarding', approvedBySeniorLead: true })
    const submittedEmails = await OutboxEmail.findAll({ where: { toAddress: 'lead@police.riverside.test', subject: 'Riverside and Millbrook Police: Section 11 safeguarding self-assessment submitted' } })
    expect(submittedEmails.filter((email) => email.body.endsWith(`/returns/${returnId}`))).to.have.length(1)
    expect((await postForm(lead, `/returns/${returnId}/submit`, { name: 'Chris Patel', jobTitle: 'Head', approved: 'yes' })).text).to.contain('already been submitted')
    expect((await save(lead, { version: '99', [`${criteria[0]}-score`]: '0' })).status).to.equal(403)
    // A save that passed the page's check just before the submission still finds the return locked, and writes nothing.
    const { version } = await testContext().services.returns.section(returnId, 'S11-1')
    const late = await testContext()
      .services.returns.saveSection(leadUser.id, returnId, 'S11-1', [{ criterionKey: criteria[0], score: 0, notApplicable: false, notApplicableReason: null, narrative: 'Too late', questionAnswers: {} }], false, version)
      .then(() => null, (error: unknown) => error)
    expect(late).to.be.instanceOf(ReturnLockedError)
    expect((await testContext().services.returns.section(returnId, 'S11-1')).status).to.equal('completed')
    // Every status has its colour on the organisation's list of returns.
    await AssessmentReturn.update({ status: 'under_review' }, { where: { id: returnId } })
    expect((await lead.get('/returns')).text).to.contain('<strong class="govuk-tag govuk-tag--yellow">Under review</strong>')
    await AssessmentReturn.update({ status: 'in_progress' }, { where: { id: returnId } })
  })

  it('refuses another organisation’s lead, and any edit once the return is submitted', async () => {
    const school = await signedInAgent('lead@school.riverside.test')
    expect((await school.get(`/returns/${returnId}`)).status).to.equal(403)
    expect((await postForm(school, sectionPath(), { version: '1' })).status).to.equal(403)
    const version = await currentVersion(lead)
    await AssessmentReturn.update({ status: 'submitted' }, { where: { id: returnId } })
    try {
      // Its sections no longer open as forms: the return's page says it is submitted.
      expect((await lead.get(sectionPath())).headers.location).to.equal(`/returns/${returnId}`)
      expect((await save(lead, { version, [`${criteria[0]}-score`]: '0' })).status).to.equal(403)
      expect((await ReturnAnswer.findOne({ where: { returnId, criterionKey: criteria[0] } }))!.score).to.equal(2)
    } finally {
      await AssessmentReturn.update({ status: 'in_progress' }, { where: { id: returnId } })
    }
  })
})
