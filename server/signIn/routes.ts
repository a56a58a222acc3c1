import express, { Request, Router } from 'express'
import type { CurrentUser } from '../auth/currentUser'
import { LOCKOUT_WINDOW_MINUTES } from './service'
import { formErrors, validateForm } from '../forms/validation'
import type { Services } from '../services'
import { signInSchema } from '../users/schema'

const INVALID_CREDENTIALS = 'Enter a correct email address and password'

function logIn(req: Request, user: CurrentUser): Promise<void> {
  return new Promise((resolve, reject) => req.login(user, (error) => (error ? reject(error) : resolve())))
}

/** Only local paths are accepted as a place to return to after sign-in. */
function safeReturnTo(returnTo: string | undefined): string {
  return returnTo && /^\/(?![/\\])/.test(returnTo) ? returnTo : '/dashboard'
}

export function signInRoutes({ signIn }: Services): Router {
  const router = express.Router()

  router.get('/sign-in', (req, res) => {
    if (req.user) return res.redirect('/dashboard')
    res.render('sign-in/sign-in', { pageTitle: 'Sign in', values: {}, signedOut: req.query.signedOut === '1' })
  })

  router.post('/sign-in', async (req, res) => {
    const values = { email: typeof req.body.email === 'string' ? req.body.email : '' }
    const form = validateForm(signInSchema, req.body)
    if (!form.ok) return res.status(400).render('sign-in/sign-in', { pageTitle: 'Sign in', values, errors: form.errors })
    const result = await signIn.signIn(form.data.email, form.data.password, req.ip ?? 'unknown')
    if (result.outcome === 'locked') {
      const errors = formErrors([{ field: 'email', text: `Too many failed sign-in attempts. Wait ${LOCKOUT_WINDOW_MINUTES} minutes, then try again.` }])
      return res.status(429).render('sign-in/sign-in', { pageTitle: 'Sign in', values, errors })
    }
    if (result.outcome === 'invalid') {
      const errors = formErrors([{ field: 'email', text: INVALID_CREDENTIALS }])
      return res.status(401).render('sign-in/sign-in', { pageTitle: 'Sign in', values, errors })
    }
    const returnTo = req.session.returnTo
    await logIn(req, result.user)
    res.redirect(safeReturnTo(returnTo))
  })

  router.post('/sign-out', (req, res, next) => {
    req.logout((error) => {
      if (error) return next(error)
      req.session.destroy(() => {
        res.clearCookie('assure.sid')
        res.redirect('/sign-in?signedOut=1')
      })
    })
  })

  return router
}
