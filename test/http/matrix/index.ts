import { planReviewsMatrix } from './planReviews'
import type { MatrixModule } from './routeCase'
import { directoryMatrix } from './directory'
import { actionProgressMatrix } from './actionProgress'
import { actionPlanMatrix } from './actionPlan'
import { actionMatrix } from './actions'
import { statementsMatrix } from './statements'

/** Every feature's rows of the authorisation matrix (test/http/authorisationMatrix.test.ts runs them). */
export const matrixModules: MatrixModule[] = [actionMatrix, actionProgressMatrix, actionPlanMatrix, directoryMatrix, planReviewsMatrix, statementsMatrix]
