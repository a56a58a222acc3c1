import { expect } from 'chai'
import { AssessmentReturn, FrameworkVersion, ImprovementArea, Organisation, ReturnAnswer, ReturnSection } from '../../server/db/models'
import { asDate, changeRows, selectRows } from '../../server/db/rawRows'
import { readReturnRecords } from '../../server/returns/loadQuery'
import { readAnswers, readImprovements, readSectionRecord } from '../../server/returns/sectionQueries'
import { frameworkVersionRecord } from '../../server/standards/frameworkVersionRecords'
import { newPoliceReturn, submittedPoliceReturn } from '../helpers/policeReturn'
import { testContext } from '../helpers/testContext'

/**
 * The pages of a return read in plain SQL (server/db/rawRows.ts), which gives SQLite's booleans as
 * 0 or 1, its times as text and JSON columns as text. Every read must give what the models give,
 * on both engines: checked on every return the tests have made so far, and on two made here with
 * every kind of value (a draft and a submitted return with its declaration; answers not applicable,
 * carried forward and moderated; areas for improvement).
 */
describe('reads in plain SQL give what the models give', () => {
  const plain = <T extends { get(options: { plain: true }): object }>(row: T) => row.get({ plain: true })

  before(async () => {
    await newPoliceReturn('Plain reads 2084', 2084)
    const submitted = await submittedPoliceReturn('Plain reads 2085', 2085)
    const [first, second, third] = await ReturnAnswer.findAll({ where: { returnId: submitted }, order: [['id', 'ASC']] })
    await first.update({ notApplicable: true, notApplicableReason: 'We run no services for children directly', score: null })
    await second.update({ carriedForward: true, questionAnswers: { reviewed: '2084-03-01', staff: '12' } })
    await third.update({ moderatedScore: 1, moderationReason: 'No evidence of supervision', moderatedAt: new Date(), moderatedById: third.updatedById })
    for (const [position, criterionKey] of [second.criterionKey, second.criterionKey, third.criterionKey].entries()) {
      await ImprovementArea.create({ returnId: submitted, criterionKey, position, action: `Action ${position} <script>`, owner: 'DSL', targetOn: '2085-06-30', updatedById: null })
    }
  })

  it('a return with its organisation, framework version and receiving cycles', async () => {
    const returns = await AssessmentReturn.findAll({ include: [{ model: Organisation, as: 'organisation' }] })
    expect(returns.length).to.be.greaterThan(1)
    expect(returns.some((row) => row.declaration !== null)).to.equal(true)
    for (const row of returns) {
      const records = (await readReturnRecords(testContext().sequelize, row.id))!
      const { organisation, ...assessment } = plain(row) as AssessmentReturn['_attributes'] & { organisation: object }
      expect(records.assessment).to.deep.equal(assessment)
      expect(records.organisation).to.deep.equal(organisation)
      const { source: _source, ...version } = plain((await FrameworkVersion.findByPk(row.frameworkVersionId))!) as FrameworkVersion['_attributes']
      expect(records.version).to.deep.equal(version)
    }
    expect(await readReturnRecords(testContext().sequelize, 999_999)).to.equal(undefined)
  })

  it('answers, sections and areas for improvement', async () => {
    const { sequelize } = testContext()
    const answers = await ReturnAnswer.findAll({ order: [['id', 'ASC']] })
    expect(answers.some((answer) => answer.carriedForward) && answers.some((answer) => answer.notApplicable) && answers.some((answer) => answer.moderatedScore !== null)).to.equal(true)
    const returnIds = [...new Set(answers.map((answer) => answer.returnId))]
    for (const returnId of returnIds) {
      const keys = answers.filter((answer) => answer.returnId === returnId).map((answer) => answer.criterionKey)
      const read = (await readAnswers(sequelize, returnId, keys)).sort((a, b) => a.id - b.id)
      expect(read).to.deep.equal(answers.filter((answer) => answer.returnId === returnId).map(plain))
    }
    expect(await readAnswers(sequelize, returnIds[0], [])).to.deep.equal([])

    const improvements = await ImprovementArea.findAll({ order: [['position', 'ASC'], ['id', 'ASC']] })
    expect(improvements.length).to.be.greaterThan(0)
    for (const returnId of new Set(improvements.map((row) => row.returnId))) {
      const mine = improvements.filter((row) => row.returnId === returnId)
      expect(await readImprovements(sequelize, returnId, [...new Set(mine.map((row) => row.criterionKey))])).to.deep.equal(mine.map(plain))
    }

    const sections = await ReturnSection.findAll()
    expect(sections.length).to.be.greaterThan(0)
    for (const section of sections) expect(await readSectionRecord(sequelize, section.returnId, section.standardKey)).to.deep.equal(plain(section))
    expect(await readSectionRecord(sequelize, sections[0].returnId, 'no such standard')).to.equal(undefined)
  })

  it('keeps a framework version read once, and reads it again when the version under that id is not the one kept', async () => {
    const version = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
    const kept = await frameworkVersionRecord(version.id, version.sourceHash)
    expect(await frameworkVersionRecord(version.id, version.sourceHash)).to.equal(kept)
    const reread = await frameworkVersionRecord(version.id, 'a different source')
    expect(reread).to.not.equal(kept)
    expect(reread).to.deep.equal(kept)
  })

  it('writes a time as the models write it, in UTC whatever the server’s time zone, so times sort in order on SQLite', async () => {
    const { sequelize } = testContext()
    const { returnId } = await newPoliceReturn('Plain writes 2086', 2086)
    await testContext().services.returns.section(returnId, 'S11-1')
    const summer = new Date('2086-07-01T09:30:00.123Z')
    const zone = process.env.TZ
    process.env.TZ = 'Europe/London'
    try {
      expect(await changeRows(sequelize, 'UPDATE return_sections SET updated_at = :summer WHERE return_id = :returnId', { summer, returnId })).to.equal(1)
    } finally {
      process.env.TZ = zone
    }
    expect((await ReturnSection.findOne({ where: { returnId } }))!.updatedAt.toISOString()).to.equal(summer.toISOString())
    const [stored] = await selectRows<{ updatedAt: string | Date }>(sequelize, 'SELECT updated_at AS "updatedAt" FROM return_sections WHERE return_id = :returnId', { returnId })
    if (sequelize.getDialect() === 'sqlite') expect(stored.updatedAt).to.equal('2086-07-01 09:30:00.123 +00:00')
    else expect(asDate(stored.updatedAt)!.toISOString()).to.equal(summer.toISOString())
  })

  it('matches nothing for an empty list, on both engines', async () => {
    expect(await selectRows(testContext().sequelize, 'SELECT id FROM returns WHERE id IN (:ids)', { ids: [] })).to.deep.equal([])
  })
})
