import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import PDFDocument from 'pdfkit'
import { Action, ActionEvidence, AuditEvent } from '../../server/db/models'
import { Agent, csrfToken, postForm, signedInAgent } from '../helpers/agents'
import { actionPanelsHtml, newAction } from '../helpers/actionFixture'

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/evidence', name))
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '’').replace(/\s+/g, ' ')

/** A real one-page PDF, as a partner would export a report. */
function smallPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const document = new PDFDocument()
    const chunks: Buffer[] = []
    document.on('data', (chunk: Buffer) => chunks.push(chunk))
    document.on('end', () => resolve(Buffer.concat(chunks)))
    document.text('Strategy meeting dip sample, March: 61% record the child’s wishes')
    document.end()
  })
}

describe('an action’s evidence items', () => {
  let police: Agent
  let qa: Agent
  let action: Action
  let pdf: Buffer

  before(async () => {
    action = await newAction({ title: 'Evidence test: chairs briefed on the voice of the child' })
    police = await signedInAgent('lead@police.riverside.test')
    qa = await signedInAgent('qa@riverside.test')
    pdf = await smallPdf()
  })

  async function add(agent: Agent, fields: Record<string, string>, file?: { content: Buffer; name: string }, actionId = action.id) {
    const token = await csrfToken(agent, '/dashboard')
    const request = agent.post(`/actions/${actionId}/evidence/new?_csrf=${encodeURIComponent(token)}`)
    for (const [name, value] of Object.entries(fields)) request.field(name, value)
    if (file) request.attach('file', file.content, file.name)
    return request
  }

  it('offers the five tags with what each is for, and adds a text-only item, audited', async () => {
    const form = await police.get(`/actions/${action.id}/evidence/new`)
    expect(form.status).to.equal(200)
    for (const tag of ['Impact', 'Evidence', 'Assurance', 'Learning', 'Challenge']) expect(form.text).to.match(new RegExp(`<label[^>]*>\\s*${tag}\\s*</label>`))
    expect(form.text).to.include('What is now different for children and families because of this action')

    const response = await add(police, { tag: 'learning', description: 'Chairs said the template prompts helped them ask the child first' })
    expect(response.status, response.text.slice(0, 500)).to.equal(302)
    expect(response.headers.location).to.equal(`/actions/${action.id}#evidence`)
    const item = (await ActionEvidence.findOne({ where: { actionId: action.id, tag: 'learning' } }))!
    expect(item.fileName).to.equal(null)
    const event = (await AuditEvent.findOne({ where: { action: 'action.evidence_added', entityId: String(action.id) } }))!
    expect(event.after).to.include({ evidenceId: item.id, tag: 'learning', file: null })
  })

  it('stores a real PDF checked by content, and serves it to the partnership but not to another organisation', async () => {
    const response = await add(police, { tag: 'evidence', description: 'March dip sample report' }, { content: pdf, name: 'Dip sample March.pdf' })
    expect(response.status, response.text.slice(0, 500)).to.equal(302)
    const item = (await ActionEvidence.findOne({ where: { actionId: action.id, fileName: 'Dip sample March.pdf' } }))!
    expect({ fileType: item.fileType, sizeBytes: item.sizeBytes, sha256: item.sha256 }).to.deep.equal({ fileType: 'pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') })

    const download = await (await signedInAgent('auditor@riverside.test')).get(`/actions/${action.id}/evidence/${item.id}/file`).responseType('blob')
    expect(download.status).to.equal(200)
    expect(download.headers['content-type']).to.equal('application/pdf')
    expect(download.headers['content-disposition']).to.equal('inline; filename="Dip sample March.pdf"')
    expect(download.headers['cache-control']).to.equal('private, no-store')
    expect(download.headers['x-content-type-options']).to.equal('nosniff')
    expect(Buffer.compare(download.body as Buffer, pdf)).to.equal(0)
    expect((await (await signedInAgent('lead@school.riverside.test')).get(`/actions/${action.id}/evidence/${item.id}/file`)).status).to.equal(403)
    // Not reachable through another action the viewer may see.
    const other = await newAction({ title: 'Evidence test: another action' })
    expect((await police.get(`/actions/${other.id}/evidence/${item.id}/file`)).status).to.equal(404)
  })

  it('serves a PNG inline and a Word document only as an attachment', async () => {
    expect((await add(police, { tag: 'impact', description: 'Chart of strategy meetings over the year' }, { content: fixture('chart.png'), name: 'chart.png' })).status).to.equal(302)
    expect((await add(police, { tag: 'assurance', description: 'Revised template' }, { content: fixture('policy.docx'), name: 'Template v2.docx' })).status).to.equal(302)
    const image = (await ActionEvidence.findOne({ where: { actionId: action.id, fileName: 'chart.png' } }))!
    const word = (await ActionEvidence.findOne({ where: { actionId: action.id, fileName: 'Template v2.docx' } }))!
    const png = await qa.get(`/actions/${action.id}/evidence/${image.id}/file`)
    expect(png.headers['content-type']).to.equal('image/png')
    expect(png.headers['content-disposition']).to.equal('inline; filename=chart.png')
    const docx = await qa.get(`/actions/${action.id}/evidence/${word.id}/file`).responseType('blob')
    expect(docx.headers['content-disposition']).to.equal('attachment; filename="Template v2.docx"')
    expect(Buffer.compare(docx.body as Buffer, fixture('policy.docx'))).to.equal(0)
  })

  it('refuses a program renamed .pdf by its content, keeping the tag and description typed', async () => {
    const before = await ActionEvidence.count({ where: { actionId: action.id } })
    const response = await add(police, { tag: 'impact', description: 'Invoice for the chairs’ training' }, { content: fixture('invoice.pdf'), name: 'invoice.pdf' })
    expect(response.status).to.equal(400)
    expect(textOf(response.text)).to.include('The selected file must be a PDF, Word, Excel, PowerPoint, text, PNG or JPEG file')
    expect(response.text).to.match(/value="impact" checked/)
    expect(response.text).to.include('Invoice for the chairs’ training</textarea>')
    expect(await ActionEvidence.count({ where: { actionId: action.id } })).to.equal(before)
  })

  it('asks for the tag and the description, and refuses a file over the limit', async () => {
    const empty = await add(police, { description: '  ' })
    expect(empty.status).to.equal(400)
    expect(textOf(empty.text)).to.include('Choose what kind of evidence this is')
    expect(textOf(empty.text)).to.include('Describe the evidence')
    const big = await add(police, { tag: 'evidence', description: 'All the minutes' }, { content: Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), name: 'minutes.txt' })
    expect(big.status).to.equal(400)
    expect(textOf(big.text)).to.include('The selected file must be smaller than 10 MB')
    expect(await ActionEvidence.count({ where: { actionId: action.id, description: 'All the minutes' } })).to.equal(0)
  })

  it('lists the items on the action page, each removable by who added it or a QA reviewer', async () => {
    expect((await add(qa, { tag: 'challenge', description: 'QA asked for the audit of a second quarter' })).status).to.equal(302)
    const html = await actionPanelsHtml(action.id, 'lead@police.riverside.test')
    const text = textOf(html)
    expect(text).to.include('Learning Chairs said the template prompts helped them ask the child first')
    expect(html).to.include(`href="/actions/${action.id}/evidence/`)
    expect(text).to.include('Dip sample March.pdf (PDF,')
    const qaItem = (await ActionEvidence.findOne({ where: { actionId: action.id, tag: 'challenge' } }))!
    const ownItem = (await ActionEvidence.findOne({ where: { actionId: action.id, tag: 'learning' } }))!
    expect(html).not.to.include(`/evidence/${qaItem.id}/remove`)
    expect(html).to.include(`/evidence/${ownItem.id}/remove`)

    const refused = await postForm(police, `/actions/${action.id}/evidence/${qaItem.id}/remove`)
    expect(refused.status).to.equal(400)
    expect(textOf(refused.text)).to.include('Only the person who added this item, or the partnership’s QA reviewers or admins, can remove it')
    expect(await ActionEvidence.findByPk(qaItem.id)).not.to.equal(null)
    expect((await police.get(`/actions/${action.id}/evidence/${ownItem.id}/remove`)).status).to.equal(200)
    expect((await postForm(police, `/actions/${action.id}/evidence/${ownItem.id}/remove`)).status).to.equal(302)
    expect((await postForm(qa, `/actions/${action.id}/evidence/${qaItem.id}/remove`)).status).to.equal(302)
    expect(await ActionEvidence.count({ where: { id: [ownItem.id, qaItem.id] } })).to.equal(0)
    const event = (await AuditEvent.findOne({ where: { action: 'action.evidence_removed', entityId: String(action.id) }, order: [['id', 'ASC']] }))!
    expect(event.before).to.include({ evidenceId: ownItem.id, tag: 'learning' })
  })

  it('keeps another organisation out, and the evidence of a completed action as it is', async () => {
    const school = await signedInAgent('lead@school.riverside.test')
    expect((await school.get(`/actions/${action.id}/evidence/new`)).status).to.equal(403)
    expect((await add(school, { tag: 'impact', description: 'Not ours' })).status).to.equal(403)
    expect(await ActionEvidence.count({ where: { description: 'Not ours' } })).to.equal(0)

    const completed = await newAction({ title: 'Evidence test: completed', status: 'completed' })
    const item = await ActionEvidence.create({ actionId: completed.id, tag: 'impact', description: 'Sign-off evidence', fileName: null, fileType: null, sizeBytes: null, sha256: null, addedById: null })
    const removal = await postForm(qa, `/actions/${completed.id}/evidence/${item.id}/remove`)
    expect(removal.status).to.equal(400)
    expect(textOf(removal.text)).to.include('This action is completed, so its evidence can no longer change')
    expect((await add(police, { tag: 'impact', description: 'After the event' }, undefined, completed.id)).status).to.equal(400)
    expect(await ActionEvidence.count({ where: { actionId: completed.id } })).to.equal(1)
    expect(await actionPanelsHtml(completed.id, 'qa@riverside.test')).not.to.include('/remove')
  })
})
