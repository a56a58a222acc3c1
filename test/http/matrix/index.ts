import type { MatrixModule } from './routeCase'

/** Every feature's rows of the authorisation matrix (test/http/authorisationMatrix.test.ts runs them). */
export const matrixModules: MatrixModule[] = []
