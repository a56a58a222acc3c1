import { Sequelize, Transaction } from 'sequelize'
import { AuditEventService } from '../auditEvents/service'
import { AssessmentReturn, AuditEvent, Cycle, CycleReturn, EvidenceFile, FrameworkVersion, Organisation, Partnership, ReturnAnswer, ReturnSection, User } from '../db/models'
import { editableStatuses } from '../db/models/assessmentReturn.model'
import type { SectionStatus } from '../db/models/returnSection.model'
import { NotFoundError } from '../errors'
import { standardsFor } from '../standards/applicability'
import type { Standard } from '../standards/frameworkSchema'
import { attachmentsView, readAttachments, SavedAttachments, savedAsInput, writeAttachments } from './sectionAttachments'
import type { CriterionAnswerInput, CriterionAttachmentsInput } from './sectionForm'
import type { ReturnSummaryData } from './summaryPdf'
import { queriesInTransaction } from '../db/queriesInTransaction'

export interface ReturnSummary {
  id: number
  organisationName: string
  frameworkTitle: string
  frameworkVersion: string
  status: AssessmentReturn['status']
  cycles: { name: string; partnershipName: string; dueOn: string }[]
}

export interface LoadedReturn {
  assessment: AssessmentReturn
  organisation: Organisation
  version: FrameworkVersion
  /** The standards this organisation answers (by its role, sector and size). */
  standards: Standard[]
  /** The partnerships whose cycles receive this return. */
  partnershipIds: number[]
  earliestDueOn: string | undefined
}

/** Someone else saved the section after this person opened it; nothing was written. */
export class SectionConflictError extends Error {
  constructor(
    readonly theirAnswers: ReturnAnswer[],
    readonly theirAttachments: SavedAttachments,
    readonly savedBy: string,
    readonly savedAt: Date,
  ) {
    super('The section was changed by someone else')
  }
}

/** The return was submitted (or accepted) while this person had a section open; nothing was written. */
export class ReturnLockedError extends Error {
  constructor() {
    super('The return was submitted while you were editing it, so this save was not made: copy anything you need from the form below')
  }
}

/** An audit event on a return in words, for the return's history. */
function describeReturnEvent(event: AuditEvent): string {
  const after = (event.after ?? {}) as { standard?: string; status?: string; file?: string; criteria?: string[] }
  const before = (event.before ?? {}) as { file?: string }
  switch (event.action) {
    case 'return.section_saved':
      return `Saved ${after.standard}${after.status === 'completed' ? ' and marked it completed' : ''}`
    case 'return.submitted':
      return 'Submitted the return'
    case 'return.carried_forward':
      return 'Started from the previous return (answers carried forward)'
    case 'return.evidence_uploaded':
      return `Uploaded the evidence file ${after.file}${after.criteria?.length ? ` for ${after.criteria.join(', ')}` : ''}`
    case 'return.evidence_removed':
      return `Removed the evidence file ${before.file}`
    case 'return.action_accepted':
      return `Accepted the suggested action: ${(event.after as { outcome?: string }).outcome}`
    case 'return.review_started':
      return 'Started the QA review'
    case 'return.moderated': {
      const moderation = event.after as { criterion: string; selfScore: number; moderatedScore: number | null; reason: string }
      return moderation.moderatedScore === null ? `Removed the moderated score of ${moderation.criterion}` : `Moderated ${moderation.criterion} from ${moderation.selfScore} to ${moderation.moderatedScore}: ${moderation.reason}`
    }
    case 'return.challenge_raised':
      return `Raised a challenge on ${(event.after as { about: string }).about}`
    case 'return.challenge_answered':
      return 'Answered a challenge'
    case 'return.challenge_closed':
      return 'Closed a challenge'
    case 'return.challenge_kept':
      return 'Kept a challenge open and asked for more'
    case 'return.accepted':
      return 'Accepted the return'
    case 'return.returned_for_changes':
      return `Sent the return back for changes: ${(event.after as { reason: string }).reason}`
    default:
      return event.action
  }
}

export class ReturnService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditEventService,
  ) {}

  /** Current and past returns of the given organisations, newest first, with the partnerships each goes to. */
  async returnsOf(organisationIds: number[]): Promise<ReturnSummary[]> {
    const rows = await AssessmentReturn.findAll({
      where: { organisationId: organisationIds },
      include: [
        { model: Organisation, as: 'organisation', attributes: ['name'] },
        { model: FrameworkVersion, as: 'frameworkVersion', attributes: ['title', 'version'] },
        {
          model: CycleReturn,
          as: 'cycleReturns',
          where: { withdrawnAt: null },
          include: [{ model: Cycle, as: 'cycle', attributes: ['name', 'opensOn'], include: [{ model: Partnership, as: 'partnership', attributes: ['name'] }] }],
        },
      ],
      order: [['id', 'DESC']],
    })
    return rows.map((row) => {
      const links = (row as AssessmentReturn & { cycleReturns: (CycleReturn & { cycle: Cycle & { partnership: Partnership } })[] }).cycleReturns
      const version = (row as AssessmentReturn & { frameworkVersion: FrameworkVersion }).frameworkVersion
      return {
        id: row.id,
        organisationName: row.organisation!.name,
        frameworkTitle: version.title,
        frameworkVersion: version.version,
        status: row.status,
        cycles: links.map((link) => ({ name: link.cycle.name, partnershipName: link.cycle.partnership.name, dueOn: link.dueOn })),
      }
    })
  }

  async load(returnId: number): Promise<LoadedReturn> {
    const assessment = await AssessmentReturn.findByPk(returnId, {
      include: [
        { model: Organisation, as: 'organisation' },
        // Not its YAML source: as long as the definition, and no return page shows it.
        { model: FrameworkVersion, as: 'frameworkVersion', attributes: { exclude: ['source'] } },
        { model: CycleReturn, as: 'cycleReturns', where: { withdrawnAt: null }, required: false, include: [{ model: Cycle, as: 'cycle', attributes: ['partnershipId'] }] },
      ],
    })
    if (!assessment) throw new NotFoundError(`Return ${returnId} not found`)
    const organisation = assessment.organisation!
    const version = (assessment as AssessmentReturn & { frameworkVersion: FrameworkVersion }).frameworkVersion
    const links = (assessment as AssessmentReturn & { cycleReturns: (CycleReturn & { cycle: Cycle })[] }).cycleReturns ?? []
    return {
      assessment,
      organisation,
      version,
      standards: standardsFor(version.definition, organisation),
      partnershipIds: [...new Set(links.map((link) => link.cycle.partnershipId))],
      earliestDueOn: links.map((link) => link.dueOn).sort()[0],
    }
  }

  /**
   * Who changed what and when, newest first. A change to a return received by two partnerships is
   * recorded once for each, so it is shown once.
   */
  async history(returnId: number): Promise<{ at: Date; who: string; what: string }[]> {
    const events = await AuditEvent.findAll({
      where: { entityType: 'return', entityId: String(returnId) },
      include: [{ model: User, as: 'actor', attributes: ['name'] }],
      order: [['createdAt', 'DESC'], ['id', 'DESC']],
      limit: 200,
    })
    const seen = new Set<string>()
    return events
      .filter((event) => {
        const key = `${event.createdAt.getTime()}|${event.action}|${event.actorUserId}|${JSON.stringify(event.after)}`
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
      .map((event) => {
        const what = describeReturnEvent(event)
        return { at: event.createdAt, who: event.actor?.name ?? 'System', what }
      })
  }

  /** Everything the summary PDF shows: answers, evidence files and areas for improvement of every criterion. */
  async summary(loaded: LoadedReturn): Promise<ReturnSummaryData> {
    const returnId = loaded.assessment.id
    const criterionKeys = loaded.standards.flatMap((standard) => standard.criteria.map((criterion) => criterion.key))
    const [answerRows, attachments, files, partnerships, links] = await Promise.all([
      ReturnAnswer.findAll({ where: { returnId } }),
      readAttachments(returnId, criterionKeys),
      EvidenceFile.findAll({ where: { returnId }, attributes: ['id', 'fileName', 'fileType', 'sizeBytes'] }),
      Partnership.findAll({ where: { id: loaded.partnershipIds }, order: [['name', 'ASC']] }),
      CycleReturn.findAll({ where: { returnId, withdrawnAt: null }, include: [{ model: Cycle, as: 'cycle', attributes: ['name', 'partnershipId'] }], order: [['dueOn', 'ASC']] }) as Promise<(CycleReturn & { cycle: Cycle })[]>,
    ])
    const answers = new Map(answerRows.map((answer) => [answer.criterionKey, answer]))
    const fileById = new Map(files.map((file) => [file.id, file]))
    return {
      loaded,
      partnerships: partnerships.map((partnership) => partnership.name),
      cycles: links.map((link) => ({ name: link.cycle.name, partnershipName: partnerships.find((partnership) => partnership.id === link.cycle.partnershipId)?.name ?? '', dueOn: link.dueOn })),
      sections: loaded.standards.map((standard) => ({
        key: standard.key,
        title: standard.title,
        criteria: standard.criteria.map((criterion) => ({
          key: criterion.key,
          text: criterion.text,
          essential: criterion.essential,
          questions: criterion.questions,
          answer: answers.get(criterion.key),
          files: (attachments.evidence.get(criterion.key) ?? []).map((id) => fileById.get(id)!).filter(Boolean),
          improvements: attachments.improvements.get(criterion.key) ?? [],
        })),
      })),
    }
  }

  async sectionStatuses(returnId: number, transaction?: Transaction): Promise<Map<string, SectionStatus>> {
    const sections = await ReturnSection.findAll({ where: { returnId }, transaction })
    return new Map(sections.map((section) => [section.standardKey, section.status]))
  }

  async section(
    returnId: number,
    standardKey: string,
    loaded?: LoadedReturn,
  ): Promise<{ answers: Map<string, ReturnAnswer>; attachments: SavedAttachments; version: number; status: SectionStatus }> {
    loaded ??= await this.load(returnId)
    const standard = loaded.standards.find((candidate) => candidate.key === standardKey)
    if (!standard) throw new NotFoundError(`Standard ${standardKey} is not part of return ${returnId}`)
    // The row exists before anyone saves, so a save can always lock it against a simultaneous one.
    // Looked up first: only the first view creates the row, so later page views take no write turn.
    const section =
      (await ReturnSection.findOne({ where: { returnId, standardKey } })) ??
      (await ReturnSection.findOrCreate({ where: { returnId, standardKey }, defaults: { returnId, standardKey, status: 'not_started', version: 0, updatedById: null, updatedAt: new Date() } }))[0]
    const criterionKeys = standard.criteria.map((criterion) => criterion.key)
    const [answers, attachments] = await Promise.all([ReturnAnswer.findAll({ where: { returnId, criterionKey: criterionKeys } }), readAttachments(returnId, criterionKeys)])
    return { answers: new Map(answers.map((answer) => [answer.criterionKey, answer])), attachments, version: section.version, status: section.status }
  }

  /**
   * Saves one standard's answers in one transaction, if nobody else has saved it since `seenVersion`;
   * otherwise writes nothing and reports what the other person saved. Evidence links and areas for
   * improvement are saved with the answers when given, and left as they are when not.
   */
  async saveSection(
    actorUserId: number,
    returnId: number,
    standardKey: string,
    answers: CriterionAnswerInput[],
    completed: boolean,
    seenVersion: number,
    attachments?: CriterionAttachmentsInput[],
  ): Promise<void> {
    const criterionKeys = answers.map((answer) => answer.criterionKey)
    const view = (rows: { criterionKey: string; score: number | null; notApplicable: boolean; narrative: string | null; questionAnswers: Record<string, string> }[]) =>
      Object.fromEntries(rows.map((row) => [row.criterionKey, { score: row.score, notApplicable: row.notApplicable, narrative: row.narrative, questions: row.questionAnswers }]))
    // Read before the transaction: which partnerships the return goes to does not change as it is saved.
    const partnershipIds = (await CycleReturn.findAll({ where: { returnId }, include: [{ model: Cycle, as: 'cycle', attributes: ['partnershipId'] }] })).map(
      (link) => (link as CycleReturn & { cycle: Cycle }).cycle.partnershipId,
    )
    // On SQLite the transaction holds the one write turn from BEGIN to COMMIT, and each round trip
    // waits for the event loop, busy with other people's pages: reads go together, then writes together.
    await this.sequelize.transaction(async (transaction) => {
      // In this order on PostgreSQL (one at a time): the return's row, locked, so a submission waits for
      // this save or this save sees the submission and stops; then the section's row, locked; then what it holds.
      const [current, savedSection, before, attachmentsBefore] = await queriesInTransaction(transaction, [
        () => AssessmentReturn.findByPk(returnId, { attributes: ['id', 'status'], transaction, lock: transaction.LOCK.UPDATE }),
        () => ReturnSection.findOne({ where: { returnId, standardKey }, transaction, lock: transaction.LOCK.UPDATE }),
        () => ReturnAnswer.findAll({ where: { returnId, criterionKey: criterionKeys }, transaction }),
        () => readAttachments(returnId, criterionKeys, transaction),
      ])
      if (!current || !editableStatuses.includes(current.status)) throw new ReturnLockedError()
      // Opening the section makes its row; a save that comes first (a form kept open across a reset) makes it here.
      const section = savedSection ?? (await ReturnSection.create({ returnId, standardKey, status: 'not_started', version: 0, updatedById: null, updatedAt: new Date() }, { transaction }))
      if (section.version !== seenVersion) {
        const savedBy = section.updatedById ? ((await User.findByPk(section.updatedById, { transaction }))?.name ?? 'someone else') : 'someone else'
        throw new SectionConflictError(before, attachmentsBefore, savedBy, section.updatedAt)
      }
      const status: SectionStatus = completed ? 'completed' : 'in_progress'
      const audited = {
        actorUserId,
        action: 'return.section_saved',
        entityType: 'return',
        entityId: returnId,
        before: { standard: standardKey, ...view(before), attachments: attachmentsView(savedAsInput(attachmentsBefore, criterionKeys)) },
        after: { standard: standardKey, status, ...view(answers), attachments: attachmentsView(attachments ?? savedAsInput(attachmentsBefore, criterionKeys)) },
      }
      await queriesInTransaction(transaction, [
        ...answers.map((answer) => () => {
          const existing = before.find((row) => row.criterionKey === answer.criterionKey)
          return existing ? existing.update({ ...answer, carriedForward: false, updatedById: actorUserId }, { transaction }) : ReturnAnswer.create({ ...answer, returnId, updatedById: actorUserId }, { transaction })
        }),
        async () => attachments && writeAttachments(actorUserId, returnId, attachments, attachmentsBefore, transaction),
        () => section.update({ status, version: seenVersion + 1, updatedById: actorUserId, updatedAt: new Date() }, { transaction }),
        () => AssessmentReturn.update({ status: 'in_progress' }, { where: { id: returnId, status: 'not_started' }, transaction }),
        () => this.audit.recordForEach(partnershipIds, audited, transaction),
      ])
    })
  }

  /**
   * Records that something other than a section save changed these sections (an evidence file
   * attached or removed), so anyone with one of them open cannot save over the change unawares.
   */
  async markSectionsChanged(actorUserId: number, returnId: number, standardKeys: string[], transaction: Transaction): Promise<void> {
    if (!standardKeys.length) return
    await ReturnSection.increment('version', { where: { returnId, standardKey: standardKeys }, transaction })
    await ReturnSection.update({ updatedById: actorUserId, updatedAt: new Date() }, { where: { returnId, standardKey: standardKeys }, transaction })
  }
}
