import type { Request } from 'express'
import { statementStatusLabels } from '../db/models/statement.model'
import { formatDate, formatDateTime } from '../forms/dates'
import { levelLabels, procedureLabels, sectionTitles } from './content'
import { statementResource } from './queries'
import { reviewStatusLabels, reviewStatusTagClasses } from './reviewStatus'

export const statusTagClasses = { draft: 'govuk-tag--grey', submitted: 'govuk-tag--blue', returned: 'govuk-tag--orange', approved: 'govuk-tag--green', superseded: 'govuk-tag--purple' }

/** Helpers every statement page uses, signed in or public. */
export const viewHelpers = { formatDate, formatDateTime, statusLabels: statementStatusLabels, statusTagClasses, reviewStatusLabels, reviewStatusTagClasses, sectionTitles, levelLabels, procedureLabels }

/** The statement named in the path, as a permission resource. */
export const forStatement = (req: Request) => statementResource(Number(req.params.statementId))
