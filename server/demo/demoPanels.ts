import { Cycle, Organisation, User } from '../db/models'
import type { ChallengeEventService } from '../qa/panels/service'

function isoDaysFromNow(days: number, now: Date): string {
  return new Date(now.getTime() + days * 86400000).toISOString().slice(0, 10)
}

/**
 * Two challenge events: last year's panel on leadership and safer recruitment, held after that
 * cycle closed, with its outcomes recorded (one organisation moved down on safer recruitment, a
 * question raised on the school's return, actions agreed); and this year's panel, three weeks away,
 * which follows up the voluntary sector's safer recruitment.
 */
export async function seedDemoPanels(challengeEvents: ChallengeEventService, partnershipId: number, cycles: { lastYear: Cycle; thisYear: Cycle }, now: Date): Promise<void> {
  const [admin, reviewer] = await Promise.all(['admin@riverside.test', 'qa@riverside.test'].map(async (email) => (await User.findOne({ where: { email } }))!))
  const idOf = async (name: string) => (await Organisation.findOne({ where: { name } }))!.id
  const [police, school, familySupport, swimmingClub] = await Promise.all(
    ['Riverside and Millbrook Police', 'Millbrook Academy', 'Riverside Family Support Network', 'Millbrook Swimming Club'].map(idOf),
  )

  const held = await challengeEvents.schedule(admin.id, partnershipId, {
    title: 'Section 11 challenge panel: leadership and safer recruitment',
    heldOn: isoDaysFromNow(-300, now),
    cycleId: cycles.lastYear.id,
    memberIds: [admin.id, reviewer.id],
    organisationIds: [police, school, familySupport],
    standardKeys: ['S11-1', 'S11-7'],
    notes: 'Each organisation presents for ten minutes, then the panel asks questions.',
  })
  const scale = [0, 1, 2, 3]
  const actionBy = (days: number) => isoDaysFromNow(-300 + days, now)
  await challengeEvents.recordOutcome(admin.id, held.id, police, {
    summary: 'The panel heard how the chief officer group receives the annual safeguarding report and agreed the self-scores stand.',
    scores: [{ standardKey: 'S11-1', agreedScore: null }, { standardKey: 'S11-7', agreedScore: null }],
    actions: [{ id: null, action: 'Share the board’s safeguarding report template with the partnership’s statutory partners', owner: 'Detective Superintendent, Public Protection', targetOn: actionBy(60) }],
    challenges: [],
  }, scale)
  await challengeEvents.recordOutcome(admin.id, held.id, school, {
    summary: 'Leadership is strong, but the single central record had gaps for supply staff: the panel agreed safer recruitment is developing rather than in place.',
    scores: [{ standardKey: 'S11-1', agreedScore: 2 }, { standardKey: 'S11-7', agreedScore: 1 }],
    actions: [
      { id: null, action: 'Audit the single central record, including agency and supply staff', owner: 'School business manager', targetOn: actionBy(30) },
      { id: null, action: 'Safer recruitment training for every member of interview panels', owner: 'Headteacher', targetOn: actionBy(120) },
    ],
    challenges: [{ standardKey: 'S11-7', question: 'How do you check the DBS status of supply staff before their first day?' }],
  }, scale)
  await challengeEvents.recordOutcome(admin.id, held.id, familySupport, {
    summary: 'Volunteers are recruited without references in some projects. The panel agreed safer recruitment is not yet in place and asked for a recovery plan.',
    scores: [{ standardKey: 'S11-1', agreedScore: 2 }, { standardKey: 'S11-7', agreedScore: 0 }],
    actions: [{ id: null, action: 'Written references and DBS checks for every volunteer working with children', owner: 'Chief executive', targetOn: actionBy(90) }],
    challenges: [],
  }, scale)

  await challengeEvents.schedule(admin.id, partnershipId, {
    title: 'Section 11 challenge panel: listening to children and safer recruitment',
    heldOn: isoDaysFromNow(21, now),
    cycleId: cycles.thisYear.id,
    memberIds: [admin.id, reviewer.id],
    organisationIds: [police, familySupport, swimmingClub],
    standardKeys: ['S11-3', 'S11-7'],
    notes: 'Riverside Family Support Network to report on last year’s safer recruitment recovery plan.',
  })
}
