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
      /** More than one partnership: the header offers to switch. */
      canSwitchPartnership?: boolean
      navigation: { href: string; text: string; active: boolean }[]
      currentPath: string
      flash?: string
    }

    interface Response {
      /** Shows a one-time message on the next page (server/middleware/setUpFlash.ts). */
      flash(message: string): void
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    returnTo?: string
    /** The partnership chosen by someone who works in more than one. */
    partnershipId?: number
  }
}

export {}
