// Keeps a rescoring job's progress up to date without reloading the page; the status line is a polite live region.
const container = document.querySelector('[data-job-progress]')
if (container) {
  const bar = container.querySelector('progress')
  const status = container.querySelector('[role=status]')
  const poll = async () => {
    const response = await fetch(container.dataset.url, { headers: { accept: 'application/json' } })
    if (!response.ok) return
    const job = await response.json()
    bar.max = job.total || 1
    bar.value = job.done
    const failed = job.failed ? `; scoring failed for ${job.failed}` : ''
    const returns = (count) => `${count} return${count === 1 ? '' : 's'}`
    if (job.status === 'finished') status.textContent = `Finished: ${returns(job.done)} rescored${failed}.`
    else if (job.status === 'paused') status.textContent = `Paused at ${job.done} of ${returns(job.total)}: rescore the cycle again to resume${failed}.`
    else if (job.status === 'running') status.textContent = `${job.done} of ${returns(job.total)} rescored (${job.percent}%)${failed}.`
    if (job.status === 'queued' || job.status === 'running') setTimeout(poll, 2000)
  }
  setTimeout(poll, 2000)
}
