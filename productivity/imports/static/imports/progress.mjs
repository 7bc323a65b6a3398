// Refresh an import's progress bar without reloading; reload once the run has moved on.
const box = document.querySelector('[data-module="app-import-progress"]')

function words (p) {
  const n = (value) => Number(value).toLocaleString('en-GB')
  let text = p.rows_total ? `${n(p.rows_done)} of ${n(p.rows_total)} rows (${p.percent}%)` : `${n(p.rows_done)} rows`
  if (p.rows_per_second) text += ` · ${n(p.rows_per_second)} rows a second`
  if (p.seconds_left !== null) {
    const minutes = Math.round(p.seconds_left / 60)
    text += p.seconds_left < 60 ? ' · less than a minute left' : ` · about ${minutes} minute${minutes === 1 ? '' : 's'} left`
  }
  return text
}

async function poll () {
  try {
    const response = await fetch(box.dataset.statusUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    if (!response.ok) throw new Error(String(response.status))
    const p = await response.json()
    if (!p.working) {
      window.location.reload()
      return
    }
    box.querySelector('[data-progress-phase]').textContent = p.phase
    box.querySelector('[data-progress-text]').textContent = words(p)
    const bar = box.querySelector('[data-progress-bar]')
    if (p.rows_total) {
      bar.max = p.rows_total
      bar.value = p.rows_done
      bar.textContent = `${p.percent}%`
    }
  } catch (error) {
    // A missed beat: the next poll tries again.
  }
  window.setTimeout(poll, 1500)
}

if (box) window.setTimeout(poll, 1000)
