import { expect } from 'chai'
import { jaccard, mostSimilar, similarity, SIMILAR_THRESHOLD, trigrams, words } from '../../server/actions/similarity'

const action = (title: string, outcomeSought: string, themeIds: number[] = []) => ({ title, outcomeSought, themeIds })

describe('similar actions', () => {
  it('compares meaningful words: lower case, common words and plural s dropped', () => {
    expect(words('Ensure the Health Visitors recognise neglect of babies, for children!')).to.deep.equal(['health', 'visitor', 'recognise', 'neglect', 'baby'])
    expect(words('Class discussions')).to.deep.equal(['class', 'discussion'])
  })

  it('measures overlap as Jaccard, with character trigrams for word forms', () => {
    expect(jaccard(new Set([1, 2, 3]), new Set([2, 3, 4]))).to.equal(0.5)
    expect(jaccard(new Set(), new Set())).to.equal(0)
    expect(trigrams(['neglect']).size).to.equal(7)
    expect(jaccard(trigrams(['neglected']), trigrams(['neglect']))).to.be.above(0.5)
  })

  it('scores two wordings of the same action above the threshold, and unrelated actions far below', () => {
    const neglect = action('Train health visitors to recognise infant neglect', 'Babies at risk of neglect are identified early by health visitors')
    const sameThing = action('Health visitor training on recognising neglect in infants', 'Infants experiencing neglect are recognised earlier')
    const attendance = action('Improve school attendance monitoring', 'Children missing education are found and supported quickly')
    expect(similarity(neglect, sameThing).score).to.be.at.least(SIMILAR_THRESHOLD)
    expect(similarity(neglect, sameThing).sharedWords).to.deep.equal(['health', 'visitor', 'infant', 'neglect'])
    expect(similarity(neglect, attendance).score).to.be.below(0.1)
  })

  it('lets shared themes strengthen shared words, but never make a match alone', () => {
    const escalation = action('Strengthen escalation procedure awareness', 'Practitioners use the escalation policy when they disagree')
    const training = action('Refresh multi-agency escalation policy training', 'Professionals confidently escalate disagreements')
    expect(similarity(escalation, training).score).to.be.below(SIMILAR_THRESHOLD)
    const tagged = similarity({ ...escalation, themeIds: [4] }, { ...training, themeIds: [4] })
    expect(tagged.score).to.be.at.least(SIMILAR_THRESHOLD)
    expect(tagged.sharedThemeIds).to.deep.equal([4])
    expect(similarity({ ...escalation, themeIds: [4] }, { ...training, themeIds: [4, 9] }).score).to.be.below(tagged.score)
    const unrelated = similarity(action('Review the LADO referral process', 'Allegations against staff reach the LADO within a day', [4]), action('Improve the voice of the child in plans', 'Views recorded in every plan', [4]))
    expect(unrelated.score).to.be.below(0.1)
  })

  it('offers the most similar first, above the threshold, at most the limit', () => {
    const draft = action('Fathers included in assessments', 'Assessments consider fathers and male carers')
    const candidates = [
      { id: 1, ...action('Improve school attendance monitoring', 'Children missing education are found quickly') },
      { id: 2, ...action('Include fathers and male carers in child protection assessments', 'Plans reflect the role of fathers') },
      { id: 3, ...action('Fathers included in assessments', 'Assessments consider fathers and male carers') },
    ]
    expect(mostSimilar(draft, candidates).map((match) => match.id)).to.deep.equal([3, 2])
    expect(mostSimilar(draft, candidates, 1).map((match) => match.id)).to.deep.equal([3])
    expect(mostSimilar(draft, candidates)[0].similarity.score).to.equal(1)
  })
})
