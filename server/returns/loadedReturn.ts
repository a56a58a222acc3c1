import type { Request } from 'express'
import { editableStatuses } from '../db/models/assessmentReturn.model'
import type { Logger } from '../logger'
import { ForbiddenError } from '../auth/requirePermission'
import type { LoadedReturn, ReturnService } from './service'

const loadedByRequest = new WeakMap<Request, Promise<LoadedReturn>>()

/** The return a request is about, loaded once per request: the permission check and the handler share it. */
export function loadedReturn(returns: ReturnService, req: Request): Promise<LoadedReturn> {
  let loaded = loadedByRequest.get(req)
  if (!loaded) {
    loaded = returns.load(Number(req.params.id) || 0)
    loadedByRequest.set(req, loaded)
  }
  return loaded
}

/** The permission resource of the request's return: its organisation and receiving partnerships. */
export function returnResource(returns: ReturnService) {
  return async (req: Request) => {
    const { organisation, partnershipIds } = await loadedReturn(returns, req)
    return { organisationId: organisation.id, partnershipIds }
  }
}

export const isEditable = (loaded: LoadedReturn) => editableStatuses.includes(loaded.assessment.status)

/** Refuses (403, logged) a change to a return that has been submitted. */
export function assertEditable(loaded: LoadedReturn, req: Request, logger: Logger): void {
  if (isEditable(loaded)) return
  logger.warn({ userId: req.user!.id, returnId: loaded.assessment.id, status: loaded.assessment.status }, 'Refused an edit to a return that is not a draft')
  throw new ForbiddenError('The return is not a draft')
}
