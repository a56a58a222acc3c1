import type { CurrentUser } from '../../auth/currentUser'

declare global {
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends CurrentUser {}

    interface Locals {
      cspNonce: string
      csrfToken: () => string
      user?: CurrentUser
      partnership?: { id: number; name: string }
      navigation: { href: string; text: string; active: boolean }[]
      currentPath: string
      flash?: string
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    returnTo?: string
    flash?: string
  }
}

export {}
