import { expect } from 'chai'
import { User } from '../../server/db/models'
import { RECENT_HISTORY } from '../../server/returns/history'
import { signedInAgent } from '../helpers/agents'
import { newPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

describe('a return’s history', () => {
  it('shows the latest changes on the task list, and every change, page by page, on the history page', async () => {
    const { returnId, criteria } = await newPoliceReturn('History 2083', 2083)
    const { returns } = testContext().services
    const lead = (await User.findOne({ where: { email: 'lead@police.riverside.test' } }))!
    const saves = 55
    for (let round = 1; round <= saves; round++) {
      const { version } = await returns.section(returnId, 'S11-1')
      await returns.saveSection(lead.id, returnId, 'S11-1', [{ criterionKey: criteria[0], score: round % 4, notApplicable: false, notApplicableReason: null, narrative: `Round ${round}`, questionAnswers: {} }], false, version)
    }
    const agent = await signedInAgent('lead@police.riverside.test')
    const tasks = (await agent.get(`/returns/${returnId}`)).text
    const rows = (html: string) => (html.match(/Saved S11-1: /g) ?? []).length
    expect(rows(tasks)).to.equal(RECENT_HISTORY)
    expect(tasks).to.contain(`Saved S11-1: ${criteria[0]} score ${(saves - 1) % 4} to ${saves % 4}, evidence text`)
    expect(tasks).to.contain(`href="/returns/${returnId}/history"`)

    const first = await agent.get(`/returns/${returnId}/history`)
    expect(first.status).to.equal(200)
    expect(rows(first.text)).to.equal(50)
    expect(first.text).to.contain(`href="/returns/${returnId}/history?page=2"`)
    const second = (await agent.get(`/returns/${returnId}/history?page=2`)).text
    expect(rows(second)).to.equal(saves - 50)
    // The first save gave the criterion its first score.
    expect(second).to.contain(`Saved S11-1: ${criteria[0]} score 1, evidence text`)
    expect((await agent.get(`/returns/${returnId}/history?page=99`)).text).to.contain('Changes 51 to 55')
  })
})
