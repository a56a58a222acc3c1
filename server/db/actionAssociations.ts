import { through } from './auditAssociations'
import { Action, ActionEscalation, ActionEvidence, ActionMeasure, ActionMeasureReading, ActionSource, ActionUpdate, Area, Organisation, PlanReview, PlanReviewRecommendation, Theme, User } from './models'

/** The action plan's associations: an action's owner, area, sources, themes, measures and readings, updates, evidence and escalations; a review's recommendations. */
export function associateActions(): void {
  Action.belongsTo(Organisation, { as: 'ownerOrganisation', foreignKey: 'ownerOrganisationId' })
  Action.belongsTo(Area, { as: 'area', foreignKey: 'areaId' })
  Action.hasMany(ActionSource, { as: 'sources', foreignKey: 'actionId' })
  ActionSource.belongsTo(Action, { as: 'action', foreignKey: 'actionId' })
  Action.belongsToMany(Theme, { as: 'themes', ...through('action_themes', 'action_id', 'theme_id') })
  Theme.belongsToMany(Action, { as: 'actions', ...through('action_themes', 'theme_id', 'action_id') })
  Action.hasMany(ActionMeasure, { as: 'measures', foreignKey: 'actionId' })
  ActionMeasure.hasMany(ActionMeasureReading, { as: 'readings', foreignKey: 'measureId' })
  Action.hasMany(ActionUpdate, { as: 'updates', foreignKey: 'actionId' })
  ActionUpdate.belongsTo(User, { as: 'writtenBy', foreignKey: 'writtenById' })
  Action.hasMany(ActionEvidence, { as: 'evidence', foreignKey: 'actionId' })
  Action.hasMany(ActionEscalation, { as: 'escalations', foreignKey: 'actionId' })
  PlanReview.hasMany(PlanReviewRecommendation, { as: 'recommendations', foreignKey: 'reviewId' })
  PlanReviewRecommendation.belongsTo(PlanReview, { as: 'review', foreignKey: 'reviewId' })
}
