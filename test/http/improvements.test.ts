import { expect } from 'chai'
import { AuditEvent, EvidenceFile, EvidenceLink, ImprovementArea, User } from '../../server/db/models'
import { Agent, csrfToken, signedInAgent } from '../helpers/agents'
import { newPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

describe('a section’s evidence files and areas for improvement', () => {
  let lead: Agent
  let returnId: number
  let criteria: string[]
  let fileId: number
  const sectionPath = () => `/returns/${returnId}/sections/S11-1`
  const row = (criterion: string, index: number, part: string) => `${criterion}-improvement-${index}-${part}`
  const target = (criterion: string, index: number, iso: string) => {
    const [year, month, day] = iso.split('-')
    return { [row(criterion, index, 'target-day')]: day, [row(criterion, index, 'target-month')]: month, [row(criterion, index, 'target-year')]: year }
  }

  before(async () => {
    ({ returnId, criteria } = await newPoliceReturn('Improvements test 2031', 2031))
    const policeLead = (await User.findOne({ where: { email: 'lead@police.riverside.test' } }))!
    fileId = (await testContext().services.evidence.upload(policeLead.id, await testContext().services.returns.load(returnId), { name: 'board-minutes.txt', content: Buffer.from('Board minutes') }, [])).id
    lead = await signedInAgent('lead@police.riverside.test')
  })

  async function save(agent: Agent, fields: Record<string, string | string[]>) {
    const _csrf = await csrfToken(agent, '/dashboard')
    return agent.post(sectionPath()).type('form').send({ ...fields, _csrf })
  }
  const currentVersion = async (agent: Agent) => (await agent.get(sectionPath())).text.match(/name="version" value="(\d+)"/)![1]

  it('saves the files ticked and an area for improvement with the section, then offers another empty row', async () => {
    const response = await save(lead, {
      version: await currentVersion(lead),
      [`${criteria[0]}-evidence`]: String(fileId),
      [row(criteria[0], 0, 'action')]: 'Board receives a safeguarding report every quarter',
      [row(criteria[0], 0, 'owner')]: 'Head of Safeguarding',
      ...target(criteria[0], 0, '2030-06-30'),
      next: `improvement:${criteria[0]}`,
    })
    expect(response.status).to.equal(302)
    expect(response.headers.location).to.equal(`${sectionPath()}#${criteria[0]}-improvements`)
    expect((await EvidenceLink.findAll({ where: { returnId } })).map((link) => [link.criterionKey, link.evidenceFileId])).to.deep.equal([[criteria[0], fileId]])
    const saved = (await ImprovementArea.findAll({ where: { returnId } })).map(({ criterionKey, action, owner, targetOn }) => ({ criterionKey, action, owner, targetOn }))
    expect(saved).to.deep.equal([{ criterionKey: criteria[0], action: 'Board receives a safeguarding report every quarter', owner: 'Head of Safeguarding', targetOn: '2030-06-30' }])
    const page = (await lead.get(sectionPath())).text
    expect(page).to.contain('Board receives a safeguarding report every quarter')
    expect(page).to.contain(`name="${row(criteria[0], 1, 'action')}"`)
    expect(page).to.contain('Area for improvement 2')
    const event = (await AuditEvent.findOne({ where: { action: 'return.section_saved', entityId: String(returnId) }, order: [['id', 'DESC']] }))!
    expect((event.after as { attachments: Record<string, { evidenceFiles: number[] }> }).attachments[criteria[0]].evidenceFiles).to.deep.equal([fileId])
  })

  it('refuses a target date in the past, a row without an owner and a file from elsewhere, keeping everything typed', async () => {
    const response = await save(lead, {
      version: await currentVersion(lead),
      [`${criteria[1]}-evidence`]: ['999999'],
      [row(criteria[1], 0, 'action')]: 'Refresh <b>training</b>',
      [row(criteria[1], 0, 'owner')]: 'Training lead',
      ...target(criteria[1], 0, '2020-01-31'),
      [row(criteria[2], 0, 'action')]: 'Audit supervision records',
    })
    expect(response.status).to.equal(400)
    expect(response.text).to.contain(`The target date for area for improvement 1 of ${criteria[1]} must be today or in the future`)
    expect(response.text).to.contain(`Enter who owns area for improvement 1 of ${criteria[2]}`)
    expect(response.text).to.contain(`Enter a target date for area for improvement 1 of ${criteria[2]}`)
    expect(response.text).to.contain(`Select evidence files for ${criteria[1]} from this return’s files`)
    expect(response.text).to.contain('Refresh &lt;b&gt;training&lt;/b&gt;')
    expect(response.text).to.contain('Audit supervision records')
    expect(await ImprovementArea.count({ where: { returnId, criterionKey: [criteria[1], criteria[2]] } })).to.equal(0)
  })

  it('keeps a saved row whose target date has since passed, edits rows in place and removes a row when asked', async () => {
    const saved = (await ImprovementArea.findOne({ where: { returnId, criterionKey: criteria[0] } }))!
    await saved.update({ targetOn: '2021-03-31' })
    const base = {
      version: await currentVersion(lead),
      [row(criteria[0], 0, 'id')]: String(saved.id),
      [row(criteria[0], 0, 'action')]: 'Board receives a safeguarding report every quarter, with audit findings',
      [row(criteria[0], 0, 'owner')]: 'Head of Safeguarding',
      ...target(criteria[0], 0, '2021-03-31'),
    }
    expect((await save(lead, base)).status).to.equal(302)
    const edited = (await ImprovementArea.findAll({ where: { returnId, criterionKey: criteria[0] } })).map((area) => [area.id, area.action])
    expect(edited).to.deep.equal([[saved.id, 'Board receives a safeguarding report every quarter, with audit findings']])
    // The file was not ticked this time, so it is no longer attached.
    expect(await EvidenceLink.count({ where: { returnId } })).to.equal(0)

    const moved = await save(lead, { ...base, version: await currentVersion(lead), ...target(criteria[0], 0, '2021-04-30') })
    expect(moved.status).to.equal(400)
    expect(moved.text).to.contain(`The target date for area for improvement 1 of ${criteria[0]} must be today or in the future`)

    expect((await save(lead, { ...base, version: await currentVersion(lead), [row(criteria[0], 0, 'remove')]: 'yes' })).status).to.equal(302)
    expect(await ImprovementArea.count({ where: { returnId } })).to.equal(0)
  })

  it('saves, then opens the upload page for the criterion whose button was pressed', async () => {
    const response = await save(lead, { version: await currentVersion(lead), [`${criteria[2]}-narrative`]: 'Supervision policy', next: `upload:${criteria[2]}` })
    expect(response.headers.location).to.equal(`/returns/${returnId}/evidence/new?criterion=${criteria[2]}`)
  })

  it('shows, on a conflict, the files and areas for improvement the other person saved', async () => {
    const other = await signedInAgent('lead@police.riverside.test')
    const seen = await currentVersion(lead)
    expect(
      (
        await save(other, {
          version: seen,
          [`${criteria[0]}-evidence`]: String(fileId),
          [row(criteria[0], 0, 'action')]: 'Named board lead for safeguarding',
          [row(criteria[0], 0, 'owner')]: 'Chief Constable',
          ...target(criteria[0], 0, '2030-01-31'),
        })
      ).status,
    ).to.equal(302)
    const late = await save(lead, { version: seen, [row(criteria[0], 0, 'action')]: 'My own plan', [row(criteria[0], 0, 'owner')]: 'Me', ...target(criteria[0], 0, '2030-02-28') })
    expect(late.status).to.equal(409)
    expect(late.text).to.contain('<li>Evidence files: board-minutes.txt</li>')
    expect(late.text).to.contain('<li>Areas for improvement: “Named board lead for safeguarding” (Chief Constable, by 31 January 2030)</li>')
    expect(late.text).to.contain('My own plan')
    expect((await ImprovementArea.findAll({ where: { returnId } })).map((area) => area.action)).to.deep.equal(['Named board lead for safeguarding'])
    expect(await EvidenceFile.count({ where: { returnId } })).to.equal(1)
  })

  it('shows the files and areas for improvement on the check your answers page', async () => {
    const check = (await lead.get(`/returns/${returnId}/check`)).text
    expect(check).to.contain('Evidence files: board-minutes.txt')
    expect(check).to.contain('<li>Named board lead for safeguarding (Chief Constable, by 31 January 2030)</li>')
  })
})
