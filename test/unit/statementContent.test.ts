import { expect } from 'chai'
import { emptyContent, incompleteSections, latestReviewOn, normaliseContent } from '../../server/statements/content'
import { pdfText } from '../../server/statements/pdf'
import { readRisks, readSignature } from '../../server/statements/schema'
import { completeContent } from '../http/statementsFixture'

const unsigned = { signedByName: null, signedByRole: null, signedAt: null, effectiveOn: null, reviewOn: null }
const signed = { signedByName: 'A', signedByRole: 'B', signedAt: new Date(), effectiveOn: '2026-01-01', reviewOn: '2027-01-01' }

describe('statement content', () => {
  it('needs every section complete, the signature included', () => {
    expect(incompleteSections(emptyContent(), unsigned)).to.deep.equal(['service', 'principles', 'risks', 'procedures', 'relevant-persons', 'signature'])
    expect(incompleteSections(completeContent(), unsigned)).to.deep.equal(['signature'])
    expect(incompleteSections(completeContent(), signed)).to.deep.equal([])
    const risky = completeContent()
    risky.risks[0].procedure = ''
    expect(incompleteSections(risky, signed)).to.deep.equal(['risks'])
  })

  it('fills in what an older row lacks', () => {
    expect(normaliseContent({ principles: 'P' } as never).procedures.allegations).to.deep.equal({ documentName: '', lastReviewedOn: '' })
  })

  it('allows a review at most two years on, 28 February for 29 February', () => {
    expect(latestReviewOn('2026-04-01')).to.equal('2028-04-01')
    expect(latestReviewOn('2028-02-29')).to.equal('2030-02-28')
    expect(readSignature({ signedByName: 'A', signedByRole: 'B', confirm: 'yes', 'effectiveOn-day': '29', 'effectiveOn-month': '2', 'effectiveOn-year': '2028', 'reviewOn-day': '1', 'reviewOn-month': '3', 'reviewOn-year': '2030' }).ok).to.equal(false)
    expect(readSignature({ signedByName: 'A', signedByRole: 'B', confirm: 'yes', 'effectiveOn-day': '31', 'effectiveOn-month': '2', 'effectiveOn-year': '2026', 'reviewOn-day': '1', 'reviewOn-month': '3', 'reviewOn-year': '2027' }).ok).to.equal(false)
  })

  it('drops blank risk rows and refuses a risk without its procedure', () => {
    const read = readRisks({ rows: '3', 'risk-1-risk': 'R', 'risk-1-whereOrWhen': 'W', 'risk-1-likelihood': 'low', 'risk-1-seriousness': 'high', 'risk-1-procedure': 'P' })
    expect(read.ok && read.data).to.deep.equal([{ risk: 'R', whereOrWhen: 'W', likelihood: 'low', seriousness: 'high', procedure: 'P' }])
    const refused = readRisks({ rows: '1', 'risk-0-risk': 'R', 'risk-0-whereOrWhen': 'W', 'risk-0-likelihood': 'extreme', 'risk-0-seriousness': 'high' })
    expect(!refused.ok && Object.keys(refused.errors.fields)).to.deep.equal(['risk-0-likelihood', 'risk-0-procedure'])
    expect((readRisks({ rows: '1' }) as { errors: { list: { text: string }[] } }).errors.list[0].text).to.equal('Add at least one risk of harm to a child while using your service')
  })

  it('replaces text in a script the PDF font lacks with a note, keeping Welsh, Polish and Turkish', () => {
    expect(pdfText('Siân Llŷr, Łucja Żółć, Ağaoğlu Işık')).to.equal('Siân Llŷr, Łucja Żółć, Ağaoğlu Işık')
    expect(pdfText('Contact রহিম উদ্দিন (DSL)')).to.equal('Contact [Bengali text: see the statement online] (DSL)')
  })
})
