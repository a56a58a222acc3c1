import { Organisation, Statement, User } from '../db/models'
import type { StatementContent, StatementStatus } from '../db/models/statement.model'
import { todayInEngland } from '../forms/dates'

const DAY = 86_400_000
const isoDaysFromNow = (days: number, now: Date) => todayInEngland(new Date(now.getTime() + days * DAY))
const at = (days: number, now: Date) => new Date(now.getTime() + days * DAY)

/** Relevant persons, some with Welsh, Polish and Turkish names, so the pages and PDFs show them. */
const PEOPLE = ['Siân Llŷr', 'Małgorzata Wójcik', 'Gökhan Yılmaz', 'Rhys ap Dafydd', 'Zofia Łukasiewicz', 'Ayşe Çelik', 'Grace Mensah', 'Tom Fairweather', 'Ifan Ŵyn', 'Paweł Żak', 'Şule Doğan', 'Hannah Byrne']

function contentFor(name: string, index: number): StatementContent {
  const reviewed = (days: number) => isoDaysFromNow(-days - index * 7, new Date())
  const procedure = (documentName: string, days: number) => ({ documentName: `${name}: ${documentName}`, lastReviewedOn: reviewed(days) })
  const person = PEOPLE[index % PEOPLE.length]
  return {
    service: {
      description: `${name} provides its services to children and families across the partnership area, with staff and volunteers who meet children in person and online.`,
      childrenAndYoungPeople: 'Children and young people aged 0 to 18, including disabled children, young carers and children looked after.',
      locations: 'Our own premises, community venues, families’ homes, trips away, and online contact.',
    },
    principles: 'The welfare of the child is paramount. Everyone here shares responsibility for keeping children safe. We listen to children and act on what they tell us. We report every concern, whoever it is about, and work with children’s social care, the police and the partnership.',
    risks: [
      { risk: 'An adult alone with a child out of sight of others', whereOrWhen: 'One-to-one sessions and changing', likelihood: 'low', seriousness: 'high', procedure: 'Two adults present or rooms with a vision panel; sessions logged' },
      { risk: 'Inappropriate online contact between staff and children', whereOrWhen: 'Messaging and social media', likelihood: 'medium', seriousness: 'high', procedure: 'Organisation accounts only, with a code of conduct and monitoring' },
      { risk: 'A child leaving without a known adult', whereOrWhen: 'End of sessions and trips', likelihood: 'medium', seriousness: 'medium', procedure: 'Signing out to named adults; missing child procedure' },
    ],
    procedures: {
      managingRisks: procedure('Safeguarding risk management procedure', 120),
      allegations: procedure('Allegations against staff and volunteers (LADO) procedure', 200),
      saferRecruitment: procedure('Safer recruitment policy', 300),
      trainingAndInformation: procedure('Safeguarding training plan', 90),
      reportingConcerns: procedure('Reporting concerns to the MASH and police', 150),
      designatedList: procedure('Designated safeguarding leads list', 30),
      appointingRelevantPerson: procedure('Appointing the relevant person', 365),
    },
    relevantPersons: [{ name: person, role: 'Designated Safeguarding Lead', contact: `020 7946 ${String(1000 + index).slice(-4)}` }],
  }
}

type Plan = { status: StatementStatus; effectiveDaysAgo: number; reviewInDays: number }[]

/** Each organisation's versions, oldest first: current, due for review, overdue, returned, draft, submitted, and superseded history. */
const PLANS: [string, Plan][] = [
  ['Riverside and Millbrook Police', [{ status: 'superseded', effectiveDaysAgo: 1400, reviewInDays: -700 }, { status: 'approved', effectiveDaysAgo: 690, reviewInDays: 40 }]],
  ['Millbrook Academy', [{ status: 'superseded', effectiveDaysAgo: 900, reviewInDays: -170 }, { status: 'approved', effectiveDaysAgo: 170, reviewInDays: 560 }]],
  ['Eastside Youth Club', [{ status: 'draft', effectiveDaysAgo: 0, reviewInDays: 0 }]],
  ['Riverside Borough Council Children’s Services', [{ status: 'approved', effectiveDaysAgo: 300, reviewInDays: 430 }]],
  ['Millbrook District Council Children’s Services', [{ status: 'approved', effectiveDaysAgo: 250, reviewInDays: 480 }]],
  ['North Riverside Integrated Care Board', [{ status: 'superseded', effectiveDaysAgo: 800, reviewInDays: -70 }, { status: 'approved', effectiveDaysAgo: 60, reviewInDays: 670 }]],
  ['Riverside University Hospitals NHS Trust', [{ status: 'approved', effectiveDaysAgo: 700, reviewInDays: 30 }]],
  ['Millbrook Community Health NHS Trust', [{ status: 'approved', effectiveDaysAgo: 780, reviewInDays: -50 }]],
  ['Riverside GP Federation', [{ status: 'approved', effectiveDaysAgo: 400, reviewInDays: 330 }, { status: 'submitted', effectiveDaysAgo: 0, reviewInDays: 0 }]],
  ['Riverside Youth Justice Service', [{ status: 'approved', effectiveDaysAgo: 120, reviewInDays: 600 }]],
  ['Kingsgate Secondary School', [{ status: 'approved', effectiveDaysAgo: 710, reviewInDays: 15 }]],
  ['St Anne’s Church of England Primary School', [{ status: 'approved', effectiveDaysAgo: 200, reviewInDays: 530 }]],
  ['Millbrook Primary School', [{ status: 'returned', effectiveDaysAgo: 0, reviewInDays: 0 }]],
  ['Oakfield Special School', [{ status: 'approved', effectiveDaysAgo: 90, reviewInDays: 640 }]],
  ['Little Acorns Nursery', [{ status: 'approved', effectiveDaysAgo: 740, reviewInDays: -25 }]],
  ['Riverside Food Bank', [{ status: 'draft', effectiveDaysAgo: 0, reviewInDays: 0 }]],
  ['Millbrook Domestic Abuse Support', [{ status: 'approved', effectiveDaysAgo: 330, reviewInDays: 400 }]],
  ['Riverside Young Carers', [{ status: 'superseded', effectiveDaysAgo: 1100, reviewInDays: -380 }, { status: 'approved', effectiveDaysAgo: 380, reviewInDays: 350 }]],
  ['Millbrook Scouts District', [{ status: 'approved', effectiveDaysAgo: 680, reviewInDays: 50 }]],
  ['St Mark’s Parish Church', [{ status: 'approved', effectiveDaysAgo: 800, reviewInDays: -70 }, { status: 'returned', effectiveDaysAgo: 0, reviewInDays: 0 }]],
  ['Millbrook Mosque Education Centre', [{ status: 'approved', effectiveDaysAgo: 150, reviewInDays: 580 }]],
  ['Riverside Gurdwara Youth Programme', [{ status: 'submitted', effectiveDaysAgo: 0, reviewInDays: 0 }]],
  ['Riverside Football Club Community Trust', [{ status: 'superseded', effectiveDaysAgo: 1000, reviewInDays: -270 }, { status: 'approved', effectiveDaysAgo: 270, reviewInDays: 460 }]],
  ['Millbrook Swimming Club', [{ status: 'approved', effectiveDaysAgo: 500, reviewInDays: 230 }]],
  ['Bright Stars Tuition Centre', [{ status: 'approved', effectiveDaysAgo: 100, reviewInDays: 630 }]],
  ['Riverside Homes Housing Association', [{ status: 'approved', effectiveDaysAgo: 720, reviewInDays: 5 }]],
]

/**
 * Child Safeguarding Statements across the demo organisations: published ones current, due for
 * review within 60 days and overdue; superseded versions kept as history; returned, submitted and
 * draft ones that never reach the public directory.
 */
export async function seedDemoStatements(partnershipId: number, now: Date): Promise<void> {
  const reviewer = await User.findOne({ where: { email: 'qa@riverside.test' } })
  for (const [index, [name, plan]] of PLANS.entries()) {
    const organisation = await Organisation.findOne({ where: { name } })
    if (!organisation) continue
    let previousId: number | null = null
    for (const [position, step] of plan.entries()) {
      const written = step.status === 'draft' || step.status === 'submitted' || step.status === 'returned'
      const effectiveOn = written ? isoDaysFromNow(30, now) : isoDaysFromNow(-step.effectiveDaysAgo, now)
      const reviewOn = written ? isoDaysFromNow(30 + 700, now) : isoDaysFromNow(step.reviewInDays, now)
      const decided = step.status === 'approved' || step.status === 'superseded' || step.status === 'returned'
      const publishedAt = step.status === 'approved' || step.status === 'superseded' ? at(-step.effectiveDaysAgo - 5, now) : null
      const successor = plan[position + 1]
      const statement: Statement = await Statement.create({
        organisationId: organisation.id,
        partnershipId,
        version: position + 1,
        status: step.status,
        content: contentFor(name, index + position),
        signedByName: step.status === 'draft' ? null : PEOPLE[(index + 5) % PEOPLE.length],
        signedByRole: step.status === 'draft' ? null : 'Chief Executive',
        signedAt: step.status === 'draft' ? null : at(written ? -10 : -step.effectiveDaysAgo - 20, now),
        effectiveOn,
        reviewOn,
        basedOnId: previousId,
        returnReason: step.status === 'returned' ? 'The risk assessment does not cover trips away or overnight stays, and the allegations procedure was last reviewed over two years ago. Please add these and submit again.' : null,
        submittedById: null,
        decidedById: decided ? (reviewer?.id ?? null) : null,
        submittedAt: step.status === 'draft' ? null : at(written ? -8 : -step.effectiveDaysAgo - 15, now),
        decidedAt: decided ? (publishedAt ?? at(-3, now)) : null,
        publishedAt,
        supersededAt: step.status === 'superseded' && successor ? at(-successor.effectiveDaysAgo - 5, now) : null,
        createdById: null,
      })
      previousId = statement.id
    }
  }
}
