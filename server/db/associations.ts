import { Area } from './models/area.model'
import { AssessmentReturn } from './models/assessmentReturn.model'
import { Cycle } from './models/cycle.model'
import { CycleReturn } from './models/cycleReturn.model'
import { EvidenceFile } from './models/evidenceFile.model'
import { EvidenceLink } from './models/evidenceLink.model'
import { FrameworkVersion } from './models/frameworkVersion.model'
import { AuditEvent } from './models/auditEvent.model'
import { Invitation } from './models/invitation.model'
import { Membership } from './models/membership.model'
import { Organisation } from './models/organisation.model'
import { Partnership } from './models/partnership.model'
import { Sector } from './models/sector.model'
import { User } from './models/user.model'
import { ScoringJob } from './models/scoringJob.model'
import { ScoringResult } from './models/scoringResult.model'
import { associateActions } from './actionAssociations'
import { associateAudits } from './auditAssociations'
import { associateStatements } from './statementAssociations'

export function associate(): void {
  Partnership.hasMany(Area, { as: 'areas', foreignKey: 'partnershipId' })
  Area.belongsTo(Partnership, { as: 'partnership', foreignKey: 'partnershipId' })

  Organisation.belongsTo(Sector, { as: 'sector', foreignKey: 'sectorKey' })
  Organisation.belongsToMany(Area, { as: 'areas', through: 'organisation_areas', foreignKey: { name: 'organisationId', field: 'organisation_id' }, otherKey: { name: 'areaId', field: 'area_id' }, timestamps: false })
  Area.belongsToMany(Organisation, { as: 'organisations', through: 'organisation_areas', foreignKey: { name: 'areaId', field: 'area_id' }, otherKey: { name: 'organisationId', field: 'organisation_id' }, timestamps: false })
  Organisation.belongsToMany(Partnership, {
    as: 'partnerships',
    through: 'organisation_partnerships',
    foreignKey: { name: 'organisationId', field: 'organisation_id' },
    otherKey: { name: 'partnershipId', field: 'partnership_id' },
    timestamps: false,
  })
  Partnership.belongsToMany(Organisation, {
    as: 'organisations',
    through: 'organisation_partnerships',
    foreignKey: { name: 'partnershipId', field: 'partnership_id' },
    otherKey: { name: 'organisationId', field: 'organisation_id' },
    timestamps: false,
  })

  User.hasMany(Membership, { as: 'memberships', foreignKey: 'userId' })
  Membership.belongsTo(User, { as: 'user', foreignKey: 'userId' })
  Membership.belongsTo(Partnership, { as: 'partnership', foreignKey: 'partnershipId' })
  Membership.belongsTo(Organisation, { as: 'organisation', foreignKey: 'organisationId' })
  Organisation.hasMany(Membership, { as: 'memberships', foreignKey: 'organisationId' })

  Invitation.belongsTo(User, { as: 'user', foreignKey: 'userId' })
  AuditEvent.belongsTo(User, { as: 'actor', foreignKey: 'actorUserId' })

  Cycle.belongsTo(FrameworkVersion, { as: 'frameworkVersion', foreignKey: 'frameworkVersionId' })
  Cycle.belongsTo(Partnership, { as: 'partnership', foreignKey: 'partnershipId' })
  Cycle.hasMany(CycleReturn, { as: 'cycleReturns', foreignKey: 'cycleId' })
  CycleReturn.belongsTo(Cycle, { as: 'cycle', foreignKey: 'cycleId' })
  CycleReturn.belongsTo(AssessmentReturn, { as: 'assessmentReturn', foreignKey: 'returnId' })
  AssessmentReturn.hasMany(CycleReturn, { as: 'cycleReturns', foreignKey: 'returnId' })
  AssessmentReturn.belongsTo(Organisation, { as: 'organisation', foreignKey: 'organisationId' })
  AssessmentReturn.belongsTo(FrameworkVersion, { as: 'frameworkVersion', foreignKey: 'frameworkVersionId' })

  EvidenceFile.hasMany(EvidenceLink, { as: 'links', foreignKey: 'evidenceFileId' })
  EvidenceLink.belongsTo(EvidenceFile, { as: 'file', foreignKey: 'evidenceFileId' })
  EvidenceFile.belongsTo(User, { as: 'uploadedBy', foreignKey: 'uploadedById' })

  ScoringResult.belongsTo(AssessmentReturn, { as: 'assessmentReturn', foreignKey: 'returnId' })
  ScoringJob.belongsTo(Cycle, { as: 'cycle', foreignKey: 'cycleId' })

  associateAudits()
  associateActions()
  associateStatements()
}
