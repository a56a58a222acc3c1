import express, { Router } from 'express'
import { validateForm } from '../forms/validation'
import type { Services } from '../services'
import { acceptInvitationSchema } from './schema'

/** The single-use link from an invitation email: the invited person sets their password. */
export function invitationRoutes({ users }: Services): Router {
  const router = express.Router()

  router.get('/invitations/:token', async (req, res) => {
    const invitation = await users.findUsableInvitation(req.params.token)
    if (!invitation) return res.status(410).render('users/invitation-invalid', { pageTitle: 'This invitation link cannot be used' })
    res.render('users/accept-invitation', { pageTitle: 'Set your password', invitedUser: invitation.user })
  })

  router.post('/invitations/:token', async (req, res) => {
    const invitation = await users.findUsableInvitation(req.params.token)
    if (!invitation) return res.status(410).render('users/invitation-invalid', { pageTitle: 'This invitation link cannot be used' })
    const form = validateForm(acceptInvitationSchema, req.body)
    if (!form.ok) {
      return res.status(400).render('users/accept-invitation', { pageTitle: 'Set your password', invitedUser: invitation.user, errors: form.errors })
    }
    const user = await users.acceptInvitation(req.params.token, form.data.password)
    if (!user) return res.status(410).render('users/invitation-invalid', { pageTitle: 'This invitation link cannot be used' })
    res.flash('Your password is set. Sign in to continue.')
    res.redirect('/sign-in')
  })

  return router
}
