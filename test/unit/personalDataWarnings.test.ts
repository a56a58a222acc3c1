import { expect } from 'chai'
import { describePersonalData, findPersonalData, isValidNhsNumber } from '../../server/audits/personalDataWarnings'
import { casePersonalData } from '../../server/audits/cases/schema'

const kinds = (text: string) => findPersonalData(text).map((match) => `${match.kind}:${match.text}`)

describe('personal data warnings for case audit free text', () => {
  it('spots names: two capitalised words that are not common ones, and a title with a surname', () => {
    expect(kinds('Referred after Jane Smith raised concerns')).to.deep.equal(['name:Jane Smith'])
    expect(kinds('Mum (Mrs Okoro) missed the meeting')).to.deep.equal(['name:Mrs Okoro'])
    expect(kinds('seen by Dr Amir Haddad twice')).to.deep.equal(['name:Dr Amir Haddad'])
    expect(kinds('Ms. Brown attended')).to.deep.equal(['name:Ms. Brown'])
  })

  it('leaves pseudonyms, agencies, roles, places in a record and sentence openers alone', () => {
    for (const text of [
      'Case A',
      'Child Q',
      'Repeat referrals to Children’s Social Care and Early Help; the Police and the Health Visiting team were involved.',
      'The Mother and her Partner were not seen. Father not engaged.',
      'Chosen for the Adolescent Neglect theme in March 2026.',
      'CIN plan, then CP plan; MASH contact in 2025.',
      'Riverside Police and Millbrook Academy shared information late.',
    ]) {
      expect(findPersonalData(text), text).to.deep.equal([])
    }
  })

  it('spots full dates in the usual forms, but not a month and year alone', () => {
    expect(kinds('born 03/04/2015')).to.deep.equal(['date:03/04/2015'])
    expect(kinds('DOB 3.4.15')).to.deep.equal(['date:3.4.15'])
    expect(kinds('born 2015-04-03')).to.deep.equal(['date:2015-04-03'])
    expect(kinds('born on 3rd April 2015')).to.deep.equal(['date:3rd April 2015'])
    expect(kinds('born 12 Sept 2014')).to.deep.equal(['date:12 Sept 2014'])
    expect(kinds('born April 3, 2015')).to.deep.equal(['date:April 3, 2015'])
    expect(kinds('referred in April 2015 and again in 2016')).to.deep.equal([])
  })

  it('checks the NHS number’s check digit, with or without spaces', () => {
    expect(isValidNhsNumber('9434765919')).to.equal(true)
    expect(isValidNhsNumber('9434765918')).to.equal(false)
    // A check digit of 10 is never valid.
    expect(isValidNhsNumber('0000000060')).to.equal(false)
    expect(kinds('NHS 943 476 5919 on file')).to.deep.equal(['nhs-number:943 476 5919'])
    expect(kinds('NHS 9434765919')).to.deep.equal(['nhs-number:9434765919'])
    expect(kinds('NHS 943-476-5919')).to.deep.equal(['nhs-number:943-476-5919'])
    expect(kinds('ref 9434765918, phone 02079460958')).to.deep.equal([])
  })

  it('spots National Insurance numbers, with or without spaces, but not impossible prefixes', () => {
    expect(kinds('NI AB123456C')).to.deep.equal(['ni-number:AB123456C'])
    expect(kinds('NI ab 12 34 56 c')).to.deep.equal(['ni-number:ab 12 34 56 c'])
    expect(kinds('GB123456A and DA123456A and AB123456E')).to.deep.equal([])
  })

  it('names each field and what looked personal in it, for the page', () => {
    const warnings = casePersonalData({ reference: 'Case A', whyChosen: 'Jane Smith, born 03/04/2015, NI AB123456C' })
    expect(warnings).to.have.length(1)
    expect(warnings[0].field).to.equal('whyChosen')
    expect(warnings[0].kinds).to.deep.equal(['name', 'date', 'ni-number'])
    expect(warnings[0].text).to.equal('Why it was chosen: “Jane Smith” looks like a personal name; “03/04/2015” looks like a full date (it could be a date of birth); “AB123456C” looks like a National Insurance number')
    expect(describePersonalData('Reference', findPersonalData('Tom Jones'))).to.equal('Reference: “Tom Jones” looks like a personal name')
    expect(casePersonalData({ reference: 'Case B', whyChosen: 'Three agencies involved, repeat neglect referrals' })).to.deep.equal([])
  })
})
