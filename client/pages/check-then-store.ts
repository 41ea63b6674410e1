/**
 * The flow the import dialogs share: "Check" reads the chosen file on the
 * server without storing anything and shows what was found; only then does
 * "Store" keep it, and the dialog closes on the new document.
 */
import { tc } from '../app/i18n-cycle.js'
import type { Sheet } from './sheet.js'
import { errorText } from '../app/i18n-errors.js'

/** What one dialog does at each step of the flow. */
export interface CheckThenStore {
  readonly sheet: Sheet
  readonly file: HTMLInputElement
  readonly report: HTMLElement
  readonly checkButton: HTMLButtonElement
  readonly storeButton: HTMLButtonElement
  /** Before checking: a reason the file cannot be checked yet (shown as an error), or null. */
  readonly ready?: () => Promise<string | null>
  /** Reads the file on the server and fills the report; throws what went wrong. */
  readonly check: (file: File) => Promise<void>
  /** Stores the checked file; returns the new document's id. */
  readonly store: (file: File) => Promise<string>
  readonly onStored: (id: string) => void
}

/** Wires the file field and the two buttons of a dialog to the check-then-store flow. */
export function checkThenStore(o: CheckThenStore): void {
  const { sheet, file, report, checkButton, storeButton } = o
  let checked: File | null = null
  const check = async () => {
    const f = file.files?.[0]
    report.replaceChildren()
    storeButton.disabled = true
    checked = null
    if (!f) { sheet.say(tc('chooseFile'), true); return }
    const notReady = o.ready ? await o.ready() : null
    if (notReady) { sheet.say(notReady, true); return }
    checkButton.disabled = true
    try {
      await o.check(f)
      checked = f
      storeButton.disabled = false
      sheet.say('')
    } catch (e) { sheet.say(errorText(e), true) } finally { checkButton.disabled = false }
  }
  file.addEventListener('change', () => { void check() })
  checkButton.addEventListener('click', () => { void check() })
  storeButton.addEventListener('click', async () => {
    if (!checked) return
    storeButton.disabled = true
    sheet.say(tc('storing'))
    try {
      const id = await o.store(checked)
      sheet.close()
      o.onStored(id)
    } catch (e) { sheet.say(errorText(e), true); storeButton.disabled = false }
  })
}
