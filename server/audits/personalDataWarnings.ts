/**
 * Spots free text that looks like it identifies a person, so a case audit can warn before saving:
 * cases are pseudonymised ("Case A") and must never carry a name, a full date (it may be a date of
 * birth), an NHS number or a National Insurance number. A heuristic: it warns, the person decides.
 */

export type PersonalDataKind = 'name' | 'date' | 'nhs-number' | 'ni-number'

export interface PersonalDataMatch {
  kind: PersonalDataKind
  /** The text that looked personal, as typed. */
  text: string
}

export const personalDataKindLabels: Record<PersonalDataKind, string> = {
  name: 'a personal name',
  date: 'a full date (it could be a date of birth)',
  'nhs-number': 'an NHS number',
  'ni-number': 'a National Insurance number',
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const MONTH_PATTERN = `(?:${MONTHS.map((month) => `${month.slice(0, 3)}(?:${month.slice(3)})?`).join('|')}|sept)\\.?`

/**
 * Capitalised words that are not names: sentence openers, family and professional roles, agencies,
 * places in a record, days and months. Two capitalised words count as a name only when neither is here.
 */
const COMMON_WORDS = new Set(
  [
    ...MONTHS,
    ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    ...['the', 'a', 'an', 'this', 'that', 'these', 'those', 'there', 'then', 'than', 'when', 'where', 'what', 'which', 'who', 'why', 'how', 'while', 'after', 'before', 'during', 'since', 'until', 'following', 'from', 'for', 'with', 'without', 'and', 'but', 'or', 'not', 'no', 'yes', 'in', 'on', 'at', 'to', 'of', 'by', 'as', 'if', 'all', 'both', 'each', 'every', 'some', 'many', 'most', 'few', 'several', 'other', 'another', 'also', 'only', 'our', 'their', 'his', 'her', 'its', 'my', 'we', 'they', 'he', 'she', 'it', 'i', 'you', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'first', 'second', 'third', 'last', 'next', 'new', 'recent', 'previous', 'later', 'early', 'late', 'young', 'older', 'younger', 'half', 'step', 'foster', 'birth', 'baby', 'infant', 'teenage', 'older', 'multiple', 'repeat', 'repeated', 'concerns', 'concern', 'chosen', 'selected', 'picked', 'referred', 'known', 'open', 'closed', 'good', 'poor', 'requires', 'improvement', 'inadequate', 'outstanding', 'excellent', 'theme', 'themes', 'national', 'local', 'review', 'reviews', 'learning', 'sample', 'audit', 'audits'],
    ...['case', 'cases', 'child', 'children', 'young', 'person', 'people', 'adolescent', 'adolescents', 'boy', 'girl', 'son', 'daughter', 'sibling', 'siblings', 'brother', 'sister', 'mother', 'father', 'mum', 'dad', 'parent', 'parents', 'carer', 'carers', 'family', 'families', 'grandmother', 'grandfather', 'grandparent', 'grandparents', 'aunt', 'uncle', 'cousin', 'partner', 'stepfather', 'stepmother', 'household'],
    ...['police', 'school', 'schools', 'academy', 'college', 'nursery', 'university', 'hospital', 'health', 'nhs', 'trust', 'council', 'borough', 'county', 'city', 'service', 'services', 'team', 'teams', 'social', 'care', 'worker', 'workers', 'work', 'help', 'hub', 'court', 'family', 'mental', 'visiting', 'visitor', 'midwife', 'midwifery', 'midwives', 'nurse', 'doctor', 'general', 'practice', 'practitioner', 'paediatric', 'paediatrics', 'emergency', 'department', 'unit', 'ward', 'youth', 'justice', 'offending', 'probation', 'housing', 'education', 'special', 'needs', 'send', 'ehcp', 'early', 'years', 'centre', 'centres', 'clinic', 'camhs', 'substance', 'misuse', 'domestic', 'abuse', 'violence', 'neglect', 'exploitation', 'sexual', 'criminal', 'county', 'lines', 'missing', 'protection', 'plan', 'plans', 'conference', 'strategy', 'meeting', 'meetings', 'core', 'group', 'groups', 'need', 'looked', 'after', 'leaving', 'leaver', 'leavers', 'safeguarding', 'partnership', 'partnerships', 'board', 'lead', 'designated', 'officer', 'authority', 'local', 'safer', 'community', 'communities', 'voluntary', 'faith', 'church', 'mosque', 'temple', 'club', 'sport', 'sports', 'rapid', 'practice', 'think', 'things', 'should', 'know', 'professional', 'curiosity', 'voice', 'threshold', 'thresholds', 'assessment', 'referral', 'referrals', 'contact', 'contacts', 'section', 'order', 'orders', 'interim', 'supervision', 'child', 'act', 'england', 'wales', 'scotland', 'ireland', 'northern', 'british', 'english', 'welsh', 'scottish', 'irish', 'asian', 'black', 'white', 'mixed', 'african', 'caribbean', 'gypsy', 'traveller', 'roma', 'arab', 'indian', 'pakistani', 'bangladeshi', 'chinese', 'ofsted', 'cqc', 'hmicfrs'],
  ].map((word) => word.toLowerCase()),
)

/** Titles that, followed by a capitalised word, name someone ("Mrs Smith"). */
const TITLE = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+[A-Z][a-zA-Z'’-]+/g
const CAPITALISED = /^[A-Z][a-z]+(?:['’-][A-Za-z]+)*$/

function titledNames(text: string): string[] {
  return [...text.matchAll(TITLE)].map((match) => match[0])
}

/** Runs of two or more capitalised words in which no word is a common one ("Jane Smith", not "Early Help"). */
function capitalisedNames(text: string): string[] {
  const names: string[] = []
  // Sentence boundaries and punctuation break a run: "…with Police. Jane" is not one name.
  for (const chunk of text.split(/[.,;:!?()[\]{}"“”\n\r\t/]+/)) {
    let run: string[] = []
    const flush = () => {
      if (run.length >= 2) names.push(run.join(' '))
      run = []
    }
    for (const word of chunk.split(/\s+/).filter(Boolean)) {
      if (CAPITALISED.test(word) && !COMMON_WORDS.has(word.toLowerCase().replace(/['’]s$/, ''))) run.push(word)
      else flush()
    }
    flush()
  }
  return names
}

const DATE_PATTERNS = [
  /\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b/g,
  /\b\d{4}-\d{1,2}-\d{1,2}\b/g,
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_PATTERN}\\s*,?\\s+\\d{4}\\b`, 'gi'),
  new RegExp(`\\b${MONTH_PATTERN}\\s+\\d{1,2}(?:st|nd|rd|th)?\\s*,?\\s+\\d{4}\\b`, 'gi'),
]

function fullDates(text: string): string[] {
  return DATE_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[0]))
}

/** The NHS number's check digit: modulus 11 over the first nine digits weighted 10 down to 2. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false
  const sum = [...digits.slice(0, 9)].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0)
  const check = 11 - (sum % 11)
  if (check === 10) return false
  return (check === 11 ? 0 : check) === Number(digits[9])
}

/** Ten digits, run together or grouped 3-3-4 by spaces or dashes, not part of a longer number, that pass the check digit. */
function nhsNumbers(text: string): string[] {
  return [...text.matchAll(/(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])/g)].filter((match) => isValidNhsNumber(match.slice(1, 4).join(''))).map((match) => match[0])
}

/** Two prefix letters (never D, F, I, Q, U or V; O not second; not BG, GB, KN, NK, NT, TN or ZZ), six digits, a suffix A to D. */
function niNumbers(text: string): string[] {
  const pattern = /\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?(\d{2})\s?(\d{2})\s?(\d{2})\s?([A-D])\b/gi
  return [...text.matchAll(pattern)].filter((match) => !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(match[1].toUpperCase())).map((match) => match[0])
}

/** What in the text looks personal, each distinct match once, in the order: names, dates, NHS numbers, NI numbers. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = []
  const add = (kind: PersonalDataKind, matches: string[]) => {
    for (const match of matches) if (!found.some((existing) => existing.kind === kind && existing.text === match)) found.push({ kind, text: match })
  }
  add('name', [...titledNames(text), ...capitalisedNames(text)].filter((name, index, all) => !all.some((other, at) => at !== index && other !== name && other.includes(name))))
  add('date', fullDates(text))
  add('nhs-number', nhsNumbers(text))
  add('ni-number', niNumbers(text))
  return found
}

/** One sentence naming what looked personal in a field, for the page. */
export function describePersonalData(fieldLabel: string, matches: PersonalDataMatch[]): string {
  return `${fieldLabel}: ${matches.map((match) => `“${match.text}” looks like ${personalDataKindLabels[match.kind]}`).join('; ')}`
}
