import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import { AssessmentReturn, AuditEvent, EvidenceFile, EvidenceLink, ReturnSection, User } from '../../server/db/models'
import { Agent, csrfToken, signedInAgent } from '../helpers/agents'
import { newPoliceReturn } from '../helpers/policeReturn'

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/evidence', name))

describe('evidence files on a return', () => {
  let lead: Agent
  let returnId: number
  let criteria: string[]

  before(async () => {
    ({ returnId, criteria } = await newPoliceReturn('Evidence test 2028', 2028))
    lead = await signedInAgent('lead@police.riverside.test')
  })

  async function upload(agent: Agent, file: { content: Buffer; name: string } | undefined, fields: { criteria?: string[]; criterion?: string } = {}, id = returnId) {
    const token = await csrfToken(agent, '/dashboard')
    const request = agent.post(`/returns/${id}/evidence?_csrf=${encodeURIComponent(token)}`)
    for (const key of fields.criteria ?? []) request.field('criteria', key)
    if (fields.criterion) request.field('criterion', fields.criterion)
    if (file) request.attach('file', file.content, file.name)
    else request.field('nothing', '')
    return request
  }

  it('uploads a file from a criterion, attaches it to the criteria chosen, and shows it ticked on the section', async () => {
    await lead.get(`/returns/${returnId}/sections/S11-1`)
    const versionBefore = (await ReturnSection.findOne({ where: { returnId, standardKey: 'S11-1' } }))!.version
    const form = await lead.get(`/returns/${returnId}/evidence/new?criterion=${criteria[1]}`)
    expect(form.status).to.equal(200)
    expect(form.text).to.match(new RegExp(`value="${criteria[1]}" checked`))

    const response = await upload(lead, { content: fixture('policy.docx'), name: 'Safeguarding policy 2026.docx' }, { criteria: [criteria[1], criteria[2]], criterion: criteria[1] })
    expect(response.status).to.equal(302)
    expect(response.headers.location).to.equal(`/returns/${returnId}/sections/S11-1#${criteria[1]}-evidence-files`)
    const stored = (await EvidenceFile.findOne({ where: { returnId, fileName: 'Safeguarding policy 2026.docx' } }))!
    expect(stored.fileType).to.equal('docx')
    expect(Buffer.compare(stored.content, fixture('policy.docx'))).to.equal(0)
    expect((await EvidenceLink.findAll({ where: { evidenceFileId: stored.id } })).map((link) => link.criterionKey).sort()).to.deep.equal([criteria[1], criteria[2]].sort())
    // Anyone with the section open can no longer save over the new attachment unawares.
    expect((await ReturnSection.findOne({ where: { returnId, standardKey: 'S11-1' } }))!.version).to.equal(versionBefore + 1)

    const section = (await lead.get(`/returns/${returnId}/sections/S11-1`)).text
    expect(section.match(new RegExp(`name="${criteria[1]}-evidence" type="checkbox" value="${stored.id}" checked`, 'g'))).to.have.length(1)
    expect(section).to.match(new RegExp(`name="${criteria[2]}-evidence" type="checkbox" value="${stored.id}" checked`))
    expect(section).to.match(new RegExp(`name="${criteria[0]}-evidence" type="checkbox" value="${stored.id}"[^>]*>`))
    expect(section).not.to.match(new RegExp(`name="${criteria[0]}-evidence" type="checkbox" value="${stored.id}" checked`))
    const event = (await AuditEvent.findOne({ where: { action: 'return.evidence_uploaded', entityId: String(returnId) } }))!
    expect(event.after).to.include({ file: 'Safeguarding policy 2026.docx', type: 'docx' })
  })

  it('lets the organisation and the partnership’s reviewers download a file, and nobody else', async () => {
    const stored = (await EvidenceFile.findOne({ where: { returnId, fileName: 'Safeguarding policy 2026.docx' } }))!
    const download = await lead.get(`/returns/${returnId}/evidence/${stored.id}`).responseType('blob')
    expect(download.status).to.equal(200)
    expect(download.headers['content-type']).to.equal('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(download.headers['content-disposition']).to.equal('attachment; filename="Safeguarding policy 2026.docx"')
    expect(download.headers['cache-control']).to.equal('private, no-store')
    expect(Buffer.compare(download.body as Buffer, fixture('policy.docx'))).to.equal(0)
    expect((await (await signedInAgent('qa@riverside.test')).get(`/returns/${returnId}/evidence/${stored.id}`)).status).to.equal(200)
    expect((await (await signedInAgent('lead@school.riverside.test')).get(`/returns/${returnId}/evidence/${stored.id}`)).status).to.equal(403)
    expect((await (await signedInAgent('auditor@riverside.test')).get(`/returns/${returnId}/evidence/${stored.id}`)).status).to.equal(403)
  })

  it('serves images and PDFs inline, so a reviewer can open them in the browser', async () => {
    expect((await upload(lead, { content: fixture('chart.png'), name: 'Training chart.png' })).status).to.equal(302)
    const image = (await EvidenceFile.findOne({ where: { returnId, fileName: 'Training chart.png' } }))!
    const response = await lead.get(`/returns/${returnId}/evidence/${image.id}`)
    expect(response.headers['content-type']).to.equal('image/png')
    expect(response.headers['content-disposition']).to.equal('inline; filename="Training chart.png"')
    expect(response.headers['x-content-type-options']).to.equal('nosniff')
  })

  it('refuses a file whose content is not an accepted type, keeping the criteria chosen and storing nothing', async () => {
    const count = await EvidenceFile.count({ where: { returnId } })
    const response = await upload(lead, { content: fixture('invoice.pdf'), name: 'invoice.pdf' }, { criteria: [criteria[3]], criterion: criteria[0] })
    expect(response.status).to.equal(400)
    expect(response.text).to.contain('The selected file must be a PDF, Word, Excel, PowerPoint, text, PNG or JPEG file')
    expect(response.text).to.contain('govuk-error-summary')
    expect(response.text).to.match(new RegExp(`value="${criteria[3]}" checked`))
    expect(await EvidenceFile.count({ where: { returnId } })).to.equal(count)
    const missing = await upload(lead, undefined)
    expect(missing.status).to.equal(400)
    expect(missing.text).to.contain('Select a file to upload')
  })

  it('refuses a file over 10 MB, and a file that would take the return over 50 MB', async () => {
    const big = await upload(lead, { content: Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), name: 'big.txt' })
    expect(big.status).to.equal(400)
    expect(big.text).to.contain('The selected file must be smaller than 10 MB')
    // 45 MB already stored (as one row, so the test stays quick), then 6 MB more.
    const lead_ = (await User.findOne({ where: { email: 'lead@police.riverside.test' } }))!
    const filler = await EvidenceFile.create({ returnId, fileName: 'filler.txt', fileType: 'txt', sizeBytes: 45 * 1024 * 1024, sha256: '0'.repeat(64), content: Buffer.from('x'), uploadedById: lead_.id })
    const over = await upload(lead, { content: Buffer.alloc(6 * 1024 * 1024, 'a'), name: 'minutes.txt' })
    expect(over.status).to.equal(400)
    expect(over.text).to.match(/This return already has 45 MB of evidence files and can hold 50 MB/)
    expect(await EvidenceFile.count({ where: { returnId, fileName: 'minutes.txt' } })).to.equal(0)
    await filler.destroy()
  })

  it('refuses an upload without the CSRF token', async () => {
    const response = await lead.post(`/returns/${returnId}/evidence`).attach('file', fixture('chart.png'), 'sneaky.png')
    expect(response.status).to.equal(403)
    expect(await EvidenceFile.count({ where: { fileName: 'sneaky.png' } })).to.equal(0)
  })

  it('shows a file name with HTML in it escaped', async () => {
    expect((await upload(lead, { content: fixture('training-log.txt'), name: '<img src=x onerror=alert(1)>.txt' })).status).to.equal(302)
    const list = await lead.get(`/returns/${returnId}/evidence`)
    expect(list.text).to.contain('&lt;img src=x onerror=alert(1)&gt;.txt')
    expect(list.text).not.to.contain('<img src=x')
  })

  it('removes a file after asking, taking it off every criterion', async () => {
    const stored = (await EvidenceFile.findOne({ where: { returnId, fileName: 'Safeguarding policy 2026.docx' } }))!
    const confirm = await lead.get(`/returns/${returnId}/evidence/${stored.id}/remove`)
    expect(confirm.text).to.contain(`It is attached to ${[criteria[1], criteria[2]].sort().join(', ')}`)
    const token = await csrfToken(lead, '/dashboard')
    const removed = await lead.post(`/returns/${returnId}/evidence/${stored.id}/remove`).type('form').send({ _csrf: token })
    expect(removed.status).to.equal(302)
    expect(await EvidenceFile.count({ where: { id: stored.id } })).to.equal(0)
    expect(await EvidenceLink.count({ where: { evidenceFileId: stored.id } })).to.equal(0)
    expect(await AuditEvent.count({ where: { action: 'return.evidence_removed', entityId: String(returnId) } })).to.be.greaterThan(0)
  })

  it('does not serve one return’s file through another return’s address', async () => {
    const other = await newPoliceReturn('Evidence test 2029', 2029)
    const image = (await EvidenceFile.findOne({ where: { returnId, fileName: 'Training chart.png' } }))!
    expect((await lead.get(`/returns/${other.returnId}/evidence/${image.id}`)).status).to.equal(404)
  })

  it('refuses (403) uploads and removals once the return is submitted', async () => {
    await AssessmentReturn.update({ status: 'submitted' }, { where: { id: returnId } })
    const response = await upload(lead, { content: fixture('chart.png'), name: 'late.png' })
    expect(response.status).to.equal(403)
    expect(await EvidenceFile.count({ where: { fileName: 'late.png' } })).to.equal(0)
    const image = (await EvidenceFile.findOne({ where: { returnId, fileName: 'Training chart.png' } }))!
    const token = await csrfToken(lead, '/dashboard')
    expect((await lead.post(`/returns/${returnId}/evidence/${image.id}/remove`).type('form').send({ _csrf: token })).status).to.equal(403)
    expect(await EvidenceFile.count({ where: { id: image.id } })).to.equal(1)
    expect((await lead.get(`/returns/${returnId}/evidence`)).text).not.to.contain('Upload a file')
  })
})
