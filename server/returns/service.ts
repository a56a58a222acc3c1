import { ForeignKeyConstraintError, Sequelize, Transaction } from 'sequelize'
import { AuditEventService } from '../auditEvents/service'
import { AssessmentReturn, Cycle, CycleReturn, EvidenceFile, FrameworkVersion, Organisation, Partnership, ReturnAnswer, ReturnSection, User } from '../db/models'
import type { SectionStatus } from '../db/models/returnSection.model'
import type { ChallengeStatus } from '../db/models/challenge.model'
import { InvalidInputError, NotFoundError } from '../errors'
import { standardsFor } from '../standards/applicability'
import type { Standard } from '../standards/frameworkSchema'
import { attachmentsView, readAttachments, SavedAttachments, savedAsInput, writeAttachments } from './sectionAttachments'
import { type CriterionAnswerInput, type CriterionAttachmentsInput, fieldName } from './sectionForm'
import type { ReturnSummaryData } from './summaryPdf'
import { queriesInTransaction } from '../db/queriesInTransaction'
import { selectRows } from '../db/rawRows'
import type { FrameworkVersionRecord } from '../standards/frameworkVersionRecords'
import { type OrganisationRecord, readReturnRecords, type ReturnRecord } from './loadQuery'
import { type AnswerRecord, readAnswers, readSectionRecord, type SectionRecord } from './sectionQueries'
import { advanceSection, receivingPartnershipIds, touchEditableReturn, upsertAnswers } from './sectionWrites'

export interface ReturnSummary {
  id: number
  organisationName: string
  frameworkTitle: string
  frameworkVersion: string
  status: AssessmentReturn['status']
  cycles: { name: string; partnershipName: string; dueOn: string }[]
}

export interface LoadedReturn {
  assessment: ReturnRecord
  organisation: OrganisationRecord
  version: FrameworkVersionRecord
  /** The standards this organisation answers (by its role, sector and size). */
  standards: Standard[]
  /** The partnerships whose cycles receive this return. */
  partnershipIds: number[]
  earliestDueOn: string | undefined
}

/** Someone else saved the section after this person opened it; nothing was written. */
export class SectionConflictError extends Error {
  constructor(
    readonly theirAnswers: AnswerRecord[],
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

/** Answers as an audit event records them. */
function answersView(rows: Pick<CriterionAnswerInput, 'criterionKey' | 'score' | 'notApplicable' | 'notApplicableReason' | 'narrative' | 'questionAnswers'>[]) {
  return Object.fromEntries(
    rows.map((row) => [row.criterionKey, { score: row.score, notApplicable: row.notApplicable, notApplicableReason: row.notApplicableReason, narrative: row.narrative, questions: row.questionAnswers }]),
  )
}

/** A write of a save whose failure is kept, not thrown, so that the save's checks are read before it. */
function failureOf(write: () => Promise<unknown>): () => Promise<{ error: unknown } | undefined> {
  return () => write().then(
    () => undefined,
    (error: unknown) => ({ error }),
  )
}

/** Inside a save's transaction: someone saved the section after it was read; everything written is rolled back. */
class SectionChangedMeanwhile extends Error {}

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
    const records = await readReturnRecords(this.sequelize, returnId)
    if (!records) throw new NotFoundError(`Return ${returnId} not found`)
    const { assessment, organisation, version, cycles } = records
    return {
      assessment,
      organisation,
      version,
      standards: standardsFor(version.definition, organisation),
      partnershipIds: [...new Set(cycles.map((cycle) => cycle.partnershipId))],
      earliestDueOn: cycles.map((cycle) => cycle.dueOn).sort()[0],
    }
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
    const sections = await selectRows<{ standardKey: string; status: SectionStatus }>(
      this.sequelize,
      'SELECT standard_key AS "standardKey", status FROM return_sections WHERE return_id = :returnId',
      { returnId },
      transaction,
    )
    return new Map(sections.map((section) => [section.standardKey, section.status]))
  }

  /** The status of each challenge raised on the return (the task list says how many wait for an answer). */
  challengeStatuses(returnId: number): Promise<{ status: ChallengeStatus }[]> {
    return selectRows(this.sequelize, 'SELECT status FROM challenges WHERE return_id = :returnId', { returnId })
  }

  async section(
    returnId: number,
    standardKey: string,
    loaded?: LoadedReturn,
  ): Promise<{ answers: Map<string, AnswerRecord>; attachments: SavedAttachments; version: number; status: SectionStatus }> {
    loaded ??= await this.load(returnId)
    const standard = loaded.standards.find((candidate) => candidate.key === standardKey)
    if (!standard) throw new NotFoundError(`Standard ${standardKey} is not part of return ${returnId}`)
    const section = await this.sectionRow(returnId, standardKey)
    const criterionKeys = standard.criteria.map((criterion) => criterion.key)
    const [answers, attachments] = await Promise.all([readAnswers(this.sequelize, returnId, criterionKeys), readAttachments(returnId, criterionKeys)])
    return { answers: new Map(answers.map((answer) => [answer.criterionKey, answer])), attachments, version: section.version, status: section.status }
  }

  /**
   * The section's row, made on first use: it exists before anyone saves, so a save can always check
   * its version. Looked up first: only the first use creates the row, so later ones take no write turn.
   */
  private async sectionRow(returnId: number, standardKey: string): Promise<SectionRecord> {
    return (
      (await readSectionRecord(this.sequelize, returnId, standardKey)) ??
      (await ReturnSection.findOrCreate({ where: { returnId, standardKey }, defaults: { returnId, standardKey, status: 'not_started', version: 0, updatedById: null, updatedAt: new Date() } }))[0]
    )
  }

  /**
   * Saves one standard's answers in one transaction, if nobody else has saved it since `seenVersion`;
   * otherwise writes nothing and reports what the other person saved. Evidence links and areas for
   * improvement are saved with the answers when given, and left as they are when not.
   *
   * What the save replaces is read before the transaction, whose writes then go together, and are
   * rolled back unless the section was still at `seenVersion` and the return still editable: on
   * SQLite the transaction holds the one write turn from BEGIN to COMMIT, and every round trip inside
   * it waits for an event loop busy with other people's pages. The section's version proves the
   * reading was current: every change to a section's answers, evidence links or areas for
   * improvement moves it on (here, in markSectionsChanged, and on carry forward).
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
    // Whether the return is still editable is left to the transaction, which checks it as it writes.
    const [partnershipIds, section, before, attachmentsBefore] = await Promise.all([
      receivingPartnershipIds(this.sequelize, returnId),
      this.sectionRow(returnId, standardKey),
      readAnswers(this.sequelize, returnId, criterionKeys),
      readAttachments(returnId, criterionKeys),
    ])
    if (section.version !== seenVersion) throw await this.conflict(returnId, standardKey, criterionKeys)
    const status: SectionStatus = completed ? 'completed' : 'in_progress'
    const now = new Date()
    const audited = {
      actorUserId,
      action: 'return.section_saved',
      entityType: 'return',
      entityId: returnId,
      before: { standard: standardKey, ...answersView(before), attachments: attachmentsView(savedAsInput(attachmentsBefore, criterionKeys)) },
      after: { standard: standardKey, status, ...answersView(answers), attachments: attachmentsView(attachments ?? savedAsInput(attachmentsBefore, criterionKeys)) },
    }
    const outcome = await this.sequelize.transaction(async (transaction) => {
      // In this order on PostgreSQL (one at a time): the return's row, whose update holds it, so a
      // submission waits for this save or this save finds the return submitted; then the section's row.
      const [returnsUpdated, sectionsUpdated, ...writeFailures] = await queriesInTransaction(transaction, [
        () => touchEditableReturn(this.sequelize, returnId, now, transaction),
        () => advanceSection(this.sequelize, { returnId, standardKey, seenVersion, status, actorUserId, now }, transaction),
        failureOf(() => upsertAnswers(this.sequelize, returnId, actorUserId, answers, now, transaction)),
        failureOf(async () => attachments && writeAttachments(actorUserId, returnId, attachments, attachmentsBefore, transaction)),
        failureOf(() => this.audit.recordForEach(partnershipIds, audited, transaction)),
      ])
      // The checks come first: a write can fail because what it was based on changed (a file removed meanwhile).
      if (returnsUpdated !== 1) throw new ReturnLockedError()
      // Thrown, so everything written with it is rolled back; what the other person saved is read after.
      if (sectionsUpdated !== 1) throw new SectionChangedMeanwhile()
      const failed = writeFailures.find((failure) => failure !== undefined)
      if (failed) throw failed.error
      return 'saved'
    }).catch((error: unknown) => {
      if (error instanceof SectionChangedMeanwhile) return 'changed'
      // A file of the return ticked here was removed by someone else after the form was checked.
      if (error instanceof ForeignKeyConstraintError && attachments) return 'fileGone'
      throw error
    })
    if (outcome === 'changed') throw await this.conflict(returnId, standardKey, criterionKeys)
    if (outcome === 'fileGone') throw await this.fileGone(returnId, attachments!)
  }

  /** Which criterion had a file ticked that is no longer on the return, to say so beside it. */
  private async fileGone(returnId: number, attachments: CriterionAttachmentsInput[]): Promise<InvalidInputError> {
    const kept = new Set((await EvidenceFile.findAll({ where: { returnId }, attributes: ['id'] })).map((file) => file.id))
    const criterionKey = attachments.find((attachment) => attachment.evidenceFileIds.some((id) => !kept.has(id)))?.criterionKey ?? attachments[0].criterionKey
    return new InvalidInputError(fieldName.evidence(criterionKey), `A file ticked for ${criterionKey} was removed from the return while you were working: nothing was saved, so tick the files again and save`)
  }

  /** What the person who saved the section last saved, to show someone whose save it overtook. */
  private async conflict(returnId: number, standardKey: string, criterionKeys: string[]): Promise<SectionConflictError> {
    const [section, theirAnswers, theirAttachments] = await Promise.all([
      readSectionRecord(this.sequelize, returnId, standardKey),
      readAnswers(this.sequelize, returnId, criterionKeys),
      readAttachments(returnId, criterionKeys),
    ])
    const savedBy = (section?.updatedById && (await User.findByPk(section.updatedById, { attributes: ['name'] }))?.name) || 'someone else'
    return new SectionConflictError(theirAnswers, theirAttachments, savedBy, section?.updatedAt ?? new Date())
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
