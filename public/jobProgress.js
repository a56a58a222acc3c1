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
    status.textContent =
      job.status === 'finished' ? `Finished: ${job.done} returns rescored${failed}.` : `${job.done} of ${job.total} returns rescored (${job.percent}%)${failed}.`
    if (job.status !== 'finished') setTimeout(poll, 2000)
  }
  setTimeout(poll, 2000)
}
