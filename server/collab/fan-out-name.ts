/** The fan-out extension's name (collab/fan-out.ts), apart from it so that what looks for it does not load Redis's modules. */
export const FAN_OUT = 'resdraft-fan-out'
