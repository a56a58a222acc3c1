import { expect } from 'chai'
import { AssessmentReturn, AuditEvent, ReturnAnswer, ReturnSection, User } from '../../server/db/models'
import { InvalidInputError } from '../../server/errors'
import { ReturnLockedError, SectionConflictError } from '../../server/returns/service'
import type { CriterionAnswerInput } from '../../server/returns/sectionForm'
import { newPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

/**
 * A section save reads what it replaces before its transaction and writes only if nothing changed
 * meanwhile. These run a change in the gap: between the save's reading and its transaction.
 */
describe('a section save overtaken between reading and writing', () => {
  let returnId: number
  let criteria: string[]
  let lead: User
  let otherLead: User

  before(async () => {
    ({ returnId, criteria } = await newPoliceReturn('Save races 2081', 2081))
    lead = (await User.findOne({ where: { email: 'lead@police.riverside.test' } }))!
    otherLead = (await User.findOne({ where: { email: 'admin@riverside.test' } }))!
  })

  const answer = (criterionKey: string, score: number, narrative: string): CriterionAnswerInput => ({ criterionKey, score, notApplicable: false, notApplicableReason: null, narrative, questionAnswers: {} })

  /** Runs `meanwhile` once, just before the next transaction begins. */
  function beforeNextTransaction(meanwhile: () => Promise<unknown>) {
    const { sequelize } = testContext()
    const begin = sequelize.transaction
    sequelize.transaction = (async (...args: unknown[]) => {
      sequelize.transaction = begin
      await meanwhile()
      return (begin as (...a: unknown[]) => unknown).apply(sequelize, args)
    }) as typeof sequelize.transaction
  }

  const savesOf = async () => AuditEvent.count({ where: { entityType: 'return', entityId: String(returnId), action: 'return.section_saved' } })

  it('writes nothing and shows the other person’s save when the section was saved in the gap', async () => {
    const { returns } = testContext().services
    const { version } = await returns.section(returnId, 'S11-1')
    const savesBefore = await savesOf()
    beforeNextTransaction(() => returns.saveSection(otherLead.id, returnId, 'S11-1', [answer(criteria[0], 1, 'Saved in the gap')], false, version))
    const refused = await returns.saveSection(lead.id, returnId, 'S11-1', [answer(criteria[0], 3, 'Mine'), answer(criteria[1], 3, 'Also mine')], true, version).then(
      () => null,
      (error: unknown) => error,
    )
    expect(refused).to.be.instanceOf(SectionConflictError)
    const conflict = refused as SectionConflictError
    expect(conflict.savedBy).to.equal(otherLead.name)
    expect(conflict.theirAnswers.map((row) => [row.criterionKey, row.narrative])).to.deep.equal([[criteria[0], 'Saved in the gap']])
    // Only the other person's save landed: no answer, status, version or audit event of the overtaken one.
    const stored = await ReturnAnswer.findAll({ where: { returnId, criterionKey: criteria.slice(0, 2) } })
    expect(stored.map((row) => [row.criterionKey, row.score])).to.deep.equal([[criteria[0], 1]])
    const section = (await ReturnSection.findOne({ where: { returnId, standardKey: 'S11-1' } }))!
    expect([section.version, section.status, section.updatedById]).to.deep.equal([version + 1, 'in_progress', otherLead.id])
    expect(await savesOf()).to.equal(savesBefore + 1)
  })

  it('writes nothing when the return was submitted in the gap', async () => {
    const { returns } = testContext().services
    const { version } = await returns.section(returnId, 'S11-1')
    const savesBefore = await savesOf()
    beforeNextTransaction(() => AssessmentReturn.update({ status: 'submitted' }, { where: { id: returnId } }))
    try {
      const refused = await returns.saveSection(lead.id, returnId, 'S11-1', [answer(criteria[0], 0, 'Too late')], false, version).then(
        () => null,
        (error: unknown) => error,
      )
      expect(refused).to.be.instanceOf(ReturnLockedError)
      expect((await ReturnAnswer.findOne({ where: { returnId, criterionKey: criteria[0] } }))!.narrative).to.equal('Saved in the gap')
      expect((await ReturnSection.findOne({ where: { returnId, standardKey: 'S11-1' } }))!.version).to.equal(version)
      expect(await savesOf()).to.equal(savesBefore)
      expect((await AssessmentReturn.findByPk(returnId))!.status).to.equal('submitted')
    } finally {
      await AssessmentReturn.update({ status: 'in_progress' }, { where: { id: returnId } })
    }
  })

  it('says which criterion’s file is gone, rather than failing, when a file newly ticked was removed in the gap', async () => {
    const { returns, evidence } = testContext().services
    const loaded = await returns.load(returnId)
    const file = await evidence.upload(lead.id, loaded, { name: 'policy.txt', content: Buffer.from('Safeguarding policy') }, [])
    const { version } = await returns.section(returnId, 'S11-1')
    beforeNextTransaction(() => evidence.remove(otherLead.id, loaded, file.id))
    const attachments = [{ criterionKey: criteria[0], evidenceFileIds: [file.id], improvements: [] }]
    const refused = await returns.saveSection(lead.id, returnId, 'S11-1', [answer(criteria[0], 2, 'With the policy')], false, version, attachments).then(
      () => null,
      (error: unknown) => error,
    )
    expect(refused).to.be.instanceOf(InvalidInputError)
    expect((refused as InvalidInputError).field).to.equal(`${criteria[0]}-evidence`)
    expect((refused as InvalidInputError).message).to.contain(`A file ticked for ${criteria[0]} was removed from the return`)
    expect((await ReturnAnswer.findOne({ where: { returnId, criterionKey: criteria[0] } }))!.narrative).to.equal('Saved in the gap')
  })

  it('saves when nothing changed in the gap, keeping a moderated score and clearing “carried forward”', async () => {
    const { returns } = testContext().services
    await ReturnAnswer.update({ moderatedScore: 2, moderationReason: 'Panel view', carriedForward: true }, { where: { returnId, criterionKey: criteria[0] } })
    const { version } = await returns.section(returnId, 'S11-1')
    await returns.saveSection(lead.id, returnId, 'S11-1', [answer(criteria[0], 3, 'Updated'), answer(criteria[1], 2, 'New')], false, version)
    const stored = new Map((await ReturnAnswer.findAll({ where: { returnId, criterionKey: criteria.slice(0, 2) } })).map((row) => [row.criterionKey, row]))
    expect([stored.get(criteria[0])!.score, stored.get(criteria[0])!.narrative, stored.get(criteria[0])!.moderatedScore, stored.get(criteria[0])!.carriedForward]).to.deep.equal([3, 'Updated', 2, false])
    expect([stored.get(criteria[1])!.score, stored.get(criteria[1])!.updatedById]).to.deep.equal([2, lead.id])
    expect((await ReturnSection.findOne({ where: { returnId, standardKey: 'S11-1' } }))!.version).to.equal(version + 1)
  })
})
