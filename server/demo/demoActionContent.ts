import type { PlanReviewKind } from '../db/models/planReview.model'
import type { DEMO_THEMES } from './demoAudits'

type Theme = (typeof DEMO_THEMES)[number]

/** One action a review's recommendation produced: what, who and by when (days after the review). */
export interface DemoReviewAction {
  title: string
  outcome: string
  owner: string
  ownerName: string
  dueAfter: number
}

export interface DemoReview {
  kind: PlanReviewKind
  name: string
  /** Days before "now" the review was published. */
  daysAgo: number
  summary: string
  themes: Theme[]
  recommendations: { text: string; actions: DemoReviewAction[] }[]
}

const COUNCIL = 'Riverside Borough Council Children’s Services'
const HOSPITAL = 'Riverside University Hospitals NHS Trust'
const COMMUNITY_HEALTH = 'Millbrook Community Health NHS Trust'
const ICB = 'North Riverside Integrated Care Board'
const POLICE = 'Riverside and Millbrook Police'
const MENTAL_HEALTH = 'Riverside Mental Health NHS Foundation Trust'
const YOUTH_JUSTICE = 'Riverside Youth Justice Service'
const COLLEGE = 'Riverside College of Further Education'

const act = (title: string, outcome: string, owner: string, ownerName: string, dueAfter: number): DemoReviewAction => ({ title, outcome, owner, ownerName, dueAfter })

/** Four fictional reviews, pseudonymised, with numbered recommendations whose themes recur across the plan. */
export const DEMO_REVIEWS: DemoReview[] = [
  {
    kind: 'rapid_review', name: 'Child R', daysAgo: 640, themes: ['Fathers and male carers', 'Information sharing'],
    summary: 'A four-month-old baby suffered a non-accidental head injury. Agencies knew the mother well; nobody had assessed her partner, who had a history of violence known to the police and to adult mental health services.',
    recommendations: [
      { text: 'Every pre-birth and early help assessment names each father and male carer in the household, and says how he was seen and assessed.', actions: [
        act('Fathers and male carers in pre-birth assessments', 'Every pre-birth assessment names and assesses each father and male carer, so risks from and strengths of the men around a baby are known before birth.', COUNCIL, 'Head of Service, Early Help', 300),
        act('Midwives ask about the baby’s father at booking', 'Maternity records show who the father is and whether he has been seen, for every booking.', HOSPITAL, 'Head of Midwifery', 240),
      ] },
      { text: 'Every parent of a new baby is told how to cope with crying (the ICON programme) at least three times before the baby is twelve weeks old.', actions: [
        act('ICON coping-with-crying messages at every early contact', 'Parents, fathers included, know how to cope with a crying baby; fewer babies under one are admitted with abusive head trauma.', COMMUNITY_HEALTH, 'Head of Health Visiting', 365),
      ] },
      { text: 'Adult mental health services share information with children’s services when a patient lives with, or is expecting, a baby.', actions: [
        act('Think Family prompt in adult mental health records', 'Adult mental health clinicians record who the children in a patient’s life are and share concerns with children’s services the same day.', MENTAL_HEALTH, 'Named Nurse for Safeguarding, Adult Services', 270),
        act('GP records link parents to their children', 'A GP seeing a parent with mental ill health knows there is a baby at home and what support the family has.', ICB, 'Named GP for Safeguarding', 330),
      ] },
    ],
  },
  {
    kind: 'cspr', name: 'Sibling group S', daysAgo: 500, themes: ['Neglect', 'Professional curiosity'],
    summary: 'Four siblings lived with chronic neglect for six years. Each of more than twenty referrals was judged on its own; the cumulative harm was not recognised until the youngest child was admitted to hospital malnourished.',
    recommendations: [
      { text: 'The Graded Care Profile 2 is used in every assessment where neglect is a concern.', actions: [
        act('Graded Care Profile 2 in every neglect assessment', 'Neglect is measured the same way by every agency, so children’s lived experience is seen and change can be tracked.', COUNCIL, 'Principal Social Worker', 360),
      ] },
      { text: 'Health services replace “did not attend” with “was not brought” for children, and follow up every missed appointment.', actions: [
        act('“Was not brought” policy across health services', 'A child’s missed appointments are seen as a possible sign of neglect and followed up, not closed.', ICB, 'Designated Nurse for Safeguarding Children', 300),
      ] },
      { text: 'A third referral about the same family within a year triggers a multi-agency chronology.', actions: [
        act('Multi-agency chronology at the third referral', 'Cumulative harm is seen: a family’s history is read together once the third referral arrives.', COUNCIL, 'Head of the Multi-Agency Safeguarding Hub', 270),
        act('Police domestic incident history in neglect referrals', 'Referrals about neglect carry the family’s police history, so the MASH sees the whole picture.', POLICE, 'Detective Inspector, MASH', 240),
      ] },
      { text: 'Schools refer persistent absence to early help when it comes with signs of neglect.', actions: [
        act('Attendance and neglect: a shared pathway for schools', 'Children who are persistently absent and show signs of neglect are offered early help within a month.', COUNCIL, 'Head of Education Welfare', 330),
      ] },
      { text: 'Supervision of practitioners working with neglect challenges drift and asks what has changed for the child.', actions: [] },
    ],
  },
  {
    kind: 'thematic_review', name: 'Adolescents at risk of exploitation', daysAgo: 330, themes: ['Adultification', 'Voice of the child', 'Information sharing'],
    summary: 'A review of eight young people exploited criminally or sexually found language that treated them as adults, return home interviews that did not happen, and intelligence that was not shared.',
    recommendations: [
      { text: 'Practitioners recognise and challenge adultification: seeing Black and minoritised children as older and less vulnerable than they are.', actions: [
        act('Adultification training for front-line practitioners', 'Practitioners describe exploited young people as children at risk; records use no adultifying language.', COUNCIL, 'Partnership Training Lead', 240),
        act('Adultification in police custody decisions', 'Children in custody are treated as children: an appropriate adult is present and a safeguarding referral made every time.', POLICE, 'Chief Inspector, Custody', 270),
      ] },
      { text: 'Every young person reported missing is offered a return home interview within 72 hours.', actions: [
        act('Return home interviews within 72 hours', 'Young people who go missing tell someone they trust what happened, and what they say changes their plan.', COUNCIL, 'Missing and Exploitation Coordinator', 180),
        act('Missing episodes shared with the school the next day', 'The young person’s school knows of a missing episode the next working day and can offer support.', POLICE, 'Missing Persons Coordinator', 150),
      ] },
      { text: 'A contextual safeguarding panel looks at places and peer groups, not only at individual children.', actions: [
        act('Contextual safeguarding panel for places and peer groups', 'Places where young people are exploited are made safer through joint work with housing, transport and businesses.', YOUTH_JUSTICE, 'Head of Youth Justice', 300),
      ] },
      { text: 'Colleges share concerns about exploitation with the police and children’s services through one agreed route.', actions: [
        act('One route for colleges to share exploitation concerns', 'Intelligence from colleges reaches the police and the exploitation panel within a week.', COLLEGE, 'Designated Safeguarding Lead', 200),
      ] },
    ],
  },
  {
    kind: 'inspection', name: 'Joint targeted area inspection: serious youth violence', daysAgo: 150, themes: ['Voice of the child', 'Information sharing', 'Professional curiosity'],
    summary: 'Ofsted, the Care Quality Commission and HM Inspectorate of Constabulary inspected the multi-agency response to children at risk of serious youth violence. Strengths in the MASH; health capacity and the voice of children in plans need to improve.',
    recommendations: [
      { text: 'Health agencies are present in the Multi-Agency Safeguarding Hub every working day.', actions: [
        act('Daily health presence in the MASH', 'Health information is part of every MASH decision, so decisions about children are made on the whole picture.', ICB, 'Designated Nurse for Safeguarding Children', 180),
        act('Emergency department safeguarding liaison in the MASH', 'Attendances of children with injuries or self-harm reach the MASH the same day.', HOSPITAL, 'Named Nurse for Safeguarding Children', 200),
      ] },
      { text: 'Strategy discussions always include the police, health and children’s social care.', actions: [
        act('Three-agency strategy discussions', 'Every strategy discussion hears from the police, health and children’s social care, so no child’s risk is judged by one agency.', POLICE, 'Detective Inspector, Public Protection', 150),
      ] },
      { text: 'Children’s plans show the child’s own views and what they want to change.', actions: [
        act('The child’s own words in every plan', 'Children at risk of serious youth violence see their own words in their plans and say the plan helps.', YOUTH_JUSTICE, 'Practice Manager, Youth Justice', 210),
      ] },
      { text: 'The partnership checks whether its training changes practice, not only how many attend.', actions: [
        act('Measure the impact of multi-agency training', 'The partnership knows which training changes practice, from audits three months after each course.', COUNCIL, 'Partnership Business Manager', 240),
      ] },
    ],
  },
  {
    kind: 'rapid_review', name: 'Child T', daysAgo: 75, themes: ['Neglect', 'Voice of the child'],
    summary: 'A seven-year-old was found living in a home without heating or food. Her school had noticed her hunger and tiredness for months; nobody asked her what life at home was like.',
    recommendations: [
      { text: 'School staff ask children directly about life at home when they see signs of neglect, and record the child’s words.', actions: [
        act('Talking to children about neglect: a guide for school staff', 'Children showing signs of neglect are asked about home and their words reach the referral.', COUNCIL, 'Education Safeguarding Adviser', 240),
      ] },
      { text: 'Early help is offered when a child comes to school hungry more than once in a term.', actions: [
        act('Hunger at school triggers an early help conversation', 'No child goes hungry at school for a term without early help being offered to the family.', COUNCIL, 'Head of Service, Early Help', 200),
        act('Breakfast clubs tell the school’s safeguarding lead about repeat hunger', 'The designated safeguarding lead hears of repeat hunger within a week.', 'Millbrook Primary School', 'Designated Safeguarding Lead', 150),
      ] },
      { text: 'Housing and energy providers share concerns about children in homes without heating.', actions: [
        act('Housing officers refer children in unheated homes', 'Children in homes without heating are known to early help before winter.', 'Riverside Borough Housing Service', 'Head of Tenancy Services', 180),
      ] },
    ],
  },
]

/** Areas for improvement organisations wrote in last year's returns: criterion, what, owner. */
export const DEMO_IMPROVEMENT_AREAS: { organisation: string; criterionKey: string; action: string; owner: string }[] = [
  { organisation: 'Riverside Football Club Community Trust', criterionKey: 'S11-7.1', action: 'DBS checks and references for every coach and volunteer before they work with children', owner: 'Community Trust Manager' },
  { organisation: 'Riverside Football Club Community Trust', criterionKey: 'S11-8.2', action: 'Safeguarding training for every coach, refreshed every three years', owner: 'Welfare Officer' },
  { organisation: 'Millbrook Domestic Abuse Support', criterionKey: 'S11-5.2', action: 'Share information with children’s services when a victim has children, with consent or without it when a child is at risk', owner: 'Service Manager' },
  { organisation: 'Riverside Homes Housing Association', criterionKey: 'S11-3.1', action: 'Housing officers record what children in the household say during home visits', owner: 'Head of Tenancy Services' },
  { organisation: 'Riverside Homes Housing Association', criterionKey: 'S11-4.2', action: 'Staff know how to escalate a safeguarding concern when a referral gets no response', owner: 'Safeguarding Lead' },
  { organisation: 'Riverside GP Federation', criterionKey: 'S11-5.1', action: 'Flag children on a child protection plan in every practice’s records', owner: 'Named GP for Safeguarding' },
  { organisation: 'Riverside Drug and Alcohol Service', criterionKey: 'S11-3.2', action: 'Ask every adult in treatment about the children in their life, and record the answer', owner: 'Clinical Lead' },
  { organisation: 'Kingsgate Secondary School', criterionKey: 'S11-9.2', action: 'Review behaviour records for bias: are Black pupils described differently?', owner: 'Deputy Headteacher' },
  { organisation: 'Riverside Borough Housing Service', criterionKey: 'S11-10.1', action: 'Safeguarding clauses in every contract for temporary accommodation', owner: 'Head of Commissioning' },
  { organisation: 'Riverside Leisure Centres', criterionKey: 'S11-6.2', action: 'A named safeguarding lead at each leisure centre, with time for the role', owner: 'Operations Manager' },
  { organisation: 'Riverside Youth Justice Service', criterionKey: 'S11-3.3', action: 'Young people help review the service’s safeguarding leaflet and complaints process', owner: 'Participation Worker' },
  { organisation: 'Riverside Sixth Form College', criterionKey: 'S11-8.3', action: 'Supervision for the safeguarding team at least every six weeks', owner: 'Vice Principal, Students' },
  { organisation: 'Millbrook Primary School', criterionKey: 'S11-6.3', action: 'A deputy designated safeguarding lead trained and in post', owner: 'Headteacher' },
  { organisation: 'Riverside and Millbrook Probation Delivery Unit', criterionKey: 'S11-5.3', action: 'Check with children’s services before every release of a person who poses a risk to children', owner: 'Head of Public Protection' },
  { organisation: 'Riverside Fire and Rescue Service', criterionKey: 'S11-8.1', action: 'Safeguarding awareness for every crew doing home fire safety visits', owner: 'Group Manager, Prevention' },
  { organisation: 'Oakfield Special School', criterionKey: 'S11-3.4', action: 'Communication aids so non-verbal pupils can say when something is wrong', owner: 'Assistant Headteacher' },
  { organisation: 'Riverside Mental Health NHS Foundation Trust', criterionKey: 'S11-5.4', action: 'Audit information sharing with children’s services when a parent is admitted', owner: 'Named Nurse for Safeguarding, Adult Services' },
]

/** How we will know we are making a difference, by theme: name, unit, baseline and target. */
export const DEMO_MEASURES: Record<Theme, { name: string; unit: string; baseline: number; target: number }> = {
  'Voice of the child': { name: 'Plans audited with the child’s own words recorded', unit: '%', baseline: 38, target: 85 },
  'Professional curiosity': { name: 'Audited cases where practitioners explored beyond the presenting concern', unit: '%', baseline: 45, target: 80 },
  'Fathers and male carers': { name: 'Assessments that name and assess every father and male carer', unit: '%', baseline: 41, target: 90 },
  'Information sharing': { name: 'Strategy discussions with police, health and social care all present', unit: '%', baseline: 52, target: 95 },
  Adultification: { name: 'Records of 13- to 17-year-olds audited with adultifying language', unit: '%', baseline: 27, target: 5 },
  Neglect: { name: 'Neglect cases assessed with the Graded Care Profile 2', unit: '%', baseline: 12, target: 75 },
}

/** Progress notes that say what changed, not only what was done (seeds/002:918-975). */
export const DEMO_UPDATE_NOTES = [
  'Briefings held with every team manager; the first audit of practice is booked for next quarter.',
  'The new template is live. Early dip sample: most records now answer the question, some still do not.',
  'Progress slowed: two key staff left and the work paused for a month. A new lead is in place.',
  'Audit of 20 records found clear improvement; the findings went to the learning and improvement sub-group.',
  'Practitioners’ feedback: the guidance is useful but the recording system makes it hard to follow. Raised with the system supplier.',
  'Quarterly reading taken; on course for the target if the current rate holds.',
]
