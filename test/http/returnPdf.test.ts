import { expect } from 'chai'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AssessmentReturn, FrameworkVersion, Membership, Organisation, Partnership, User } from '../../server/db/models'
import { signedInAgent } from '../helpers/agents'
import { pdfPages } from '../helpers/pdfText'
import { testContext } from '../helpers/testContext'

describe('a return as a PDF', () => {
  it('renders any Unicode name, long evidence, evidence files and areas for improvement across numbered pages, for the organisation only', async () => {
    const partnership = (await Partnership.findOne({ where: { slug: 'riverside' } }))!
    const organisation = await Organisation.create({ name: 'Ysgol Gymraeg Aberdâr – Żłobek Łódź – Şişli Gençlik <b>', role: 'named_organisation', sectorKey: 'faith', sizeTier: 'small' })
    await testContext().sequelize.models.organisation_partnerships.create({ organisationId: organisation.id, partnershipId: partnership.id })
    const user = await User.create({ email: 'lead@ysgol.test', name: 'Siân Wójcik', passwordHash: (await User.findOne({ where: { email: 'admin@riverside.test' } }))!.passwordHash })
    await Membership.create({ userId: user.id, role: 'organisation_lead', organisationId: organisation.id, partnershipId: null })
    const version = (await FrameworkVersion.findOne({ where: { key: 'section-11', version: '2025' } }))!
    const { cycle } = await testContext().services.cycleIssue.issue(user.id, partnership.id, {
      name: 'PDF test', frameworkVersionId: version.id, opensOn: '2031-01-01', closesOn: '2031-02-01', roles: [], sectors: ['faith'], areaIds: [], sizeTiers: ['small'],
    })
    const returnId = (await AssessmentReturn.findOne({ where: { firstCycleId: cycle.id, organisationId: organisation.id } }))!.id
    const loaded = await testContext().services.returns.load(returnId)
    const file = await testContext().services.evidence.upload(user.id, loaded, { name: 'Polisi diogelu 2026 <i>.txt', content: Buffer.from('Polisi') }, [])
    for (const standard of loaded.standards) {
      const { version: seen } = await testContext().services.returns.section(returnId, standard.key)
      const narrative = `Polisi diogelu – ${'evidence of practice and review, '.repeat(40)}<script>alert(1)</script>`
      const first = standard.criteria[0].key
      await testContext().services.returns.saveSection(
        user.id,
        returnId,
        standard.key,
        standard.criteria.map((criterion) => ({ criterionKey: criterion.key, score: 3, notApplicable: false, notApplicableReason: null, narrative, questionAnswers: {} })),
        true,
        seen,
        standard.criteria.map((criterion) => ({
          criterionKey: criterion.key,
          evidenceFileIds: criterion.key === first ? [file.id] : [],
          improvements: criterion.key === first ? [{ id: null, action: `Train every volunteer in ${standard.key}`, owner: 'Siân Wójcik', targetOn: '2031-06-30' }] : [],
        })),
      )
    }

    const lead = await signedInAgent('lead@ysgol.test')
    const response = await lead.get(`/returns/${returnId}/summary.pdf`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => done(null, Buffer.concat(chunks)))
    })
    expect(response.status).to.equal(200)
    expect(response.headers['content-type']).to.equal('application/pdf')
    const pdf = response.body as Buffer
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-')
    expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).to.be.greaterThan(3)
    writeFileSync(path.join(os.tmpdir(), 'assure-return-summary.pdf'), pdf)
    const pages = await pdfPages(pdf)
    const text = pages.join(' ')
    expect(text).to.contain('Ysgol Gymraeg Aberdâr – Żłobek Łódź – Şişli Gençlik <b>')
    expect(text).to.contain('Evidence file: Polisi diogelu 2026 <i>.txt (Text file, 1 KB)')
    expect(text).to.contain('Area for improvement: Train every volunteer in S11-1. Owner: Siân Wójcik. Target date: 30 June 2031.')
    expect(text).to.contain('<script>alert(1)</script>')
    expect(text).to.contain('Cycle: PDF test (Riverside Safeguarding Children Partnership), due 1 February 2031')
    expect(text).to.contain('Is there a named designated safeguarding lead (or named professional) in post?: Not answered')
    pages.forEach((page, index) => expect(page).to.contain(`page ${index + 1} of ${pages.length}`))

    const other = await signedInAgent('lead@school.riverside.test')
    expect((await other.get(`/returns/${returnId}/summary.pdf`)).status).to.equal(403)
  })
})
