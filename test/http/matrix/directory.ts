import { everyone, MatrixModule } from './routeCase'

/** The public directory and its open data: no sign-in, the same for everyone (server/directory/routes.ts). */
export const directoryMatrix: MatrixModule = {
  async setUp() {
    return {}
  },
  routes: [
    { method: 'get', path: '/directory', allowed: everyone(200) },
    { method: 'get', path: '/directory.json', allowed: everyone(200) },
    { method: 'get', path: '/directory.csv', allowed: everyone(200) },
  ],
}
