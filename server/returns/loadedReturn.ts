import type { Request } from 'express'
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
